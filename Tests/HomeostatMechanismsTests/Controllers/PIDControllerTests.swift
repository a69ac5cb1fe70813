import HomeostatCore
import HomeostatMechanisms
import Testing

/// The PID controller against closed forms on a first-order linear plant
/// `y[t+1] = a·y[t] + b·u[t]` (one update per step, dt = 1).
@Suite struct PIDControllerTests {
    static func params(kp: Double, ki: Double = 0, kd: Double = 0, bias: Double = 0, min: Double = -1e9, max: Double = 1e9,
                       antiWindup: PIDController.AntiWindup = .clamping) throws -> PIDController.Parameters {
        try PIDController.Parameters(kp: kp, ki: ki, kd: kd, bias: bias, minOutput: min, maxOutput: max, antiWindup: antiWindup)
    }

    /// P only: `y[t] = y∞·(1 − λ^t)` with `λ = a − b·kp` and `y∞ = b·kp·r / (1 − λ)`, so the
    /// steady-state error `r − y∞ = r·(1 − a)/(1 − a + b·kp)` never closes.
    @Test func proportionalControlFollowsTheClosedFormAndKeepsItsSteadyStateError() throws {
        let (a, b, kp, r) = (0.9, 0.5, 0.8, 10.0)
        var pid = PIDController(try Self.params(kp: kp))
        var y = 0.0
        let lambda = a - b * kp
        let yInf = b * kp * r / (1 - lambda)
        for t in 1...60 {
            let u = pid.update(measured: y, target: r, dt: 1)
            y = a * y + b * u
            let closed = yInf * (1 - _pow(lambda, Double(t)))
            #expect(abs(y - closed) <= 1e-12 * yInf, "step \(t): \(y) vs \(closed)")
        }
        #expect(abs((r - y) - r * (1 - a) / (1 - a + b * kp)) < 1e-9)
    }

    /// PI: the output uses the integral of the errors before this update
    /// (`u[t] = kp·e[t] + ki·Σ_{s<t} e[s]`), so the closed loop is the pair of recurrences
    /// `z[t+1] = a·z[t] + b·u[t]`, `S[t+1] = S[t] + e[t]`; its fixed point is `y = r`: the
    /// integral removes the steady-state error the P controller leaves.
    @Test func proportionalIntegralControlMatchesItsRecurrenceAndReachesTheTarget() throws {
        let (a, b, kp, ki, r) = (0.9, 0.5, 0.4, 0.1, 3.0)
        var pid = PIDController(try Self.params(kp: kp, ki: ki))
        var y = 0.0
        var z = 0.0
        var sum = 0.0
        var errors: [Double] = []
        for _ in 0..<400 {
            let u = pid.update(measured: y, target: r, dt: 1)
            y = a * y + b * u
            let e = r - z
            z = a * z + b * (kp * e + ki * sum)
            sum += e
            #expect(abs(y - z) <= 1e-12 * r)
            errors.append(abs(r - y))
        }
        #expect(errors.last! < 1e-9, "PI ends at the target: \(y)")
        #expect(errors[299] < 0.1 * errors[199] + 1e-12, "the error decays geometrically")
    }

    @Test func clampingKeepsTheIntegralBoundedWhileTheOutputSaturates() throws {
        var pid = PIDController(try Self.params(kp: 1, ki: 0.5, min: 0, max: 1))
        // An unreachable target: the output sits at its maximum for 1,000 steps.
        for _ in 0..<1000 { pid.update(measured: 0, target: 100, dt: 1) }
        #expect(pid.output == 1 && pid.saturated)
        #expect(pid.integral <= 100, "the integral stopped growing once saturated: \(pid.integral)")
        // When the target becomes reachable the output leaves the bound at once.
        pid.update(measured: 0, target: -0.5, dt: 1)
        #expect(pid.output < 1)
    }

    @Test func backCalculationBleedsTheIntegralAtTheBound() throws {
        var free = PIDController(try Self.params(kp: 1, ki: 0.5, min: 0, max: 1, antiWindup: .backCalculation(gain: 0)))
        var tracked = PIDController(try Self.params(kp: 1, ki: 0.5, min: 0, max: 1, antiWindup: .backCalculation(gain: 1)))
        for _ in 0..<200 {
            free.update(measured: 0, target: 10, dt: 1)
            tracked.update(measured: 0, target: 10, dt: 1)
        }
        #expect(free.integral == 2000, "gain 0 winds up: \(free.integral)")
        #expect(abs(tracked.integral) < 25, "back-calculation holds it near the bound: \(tracked.integral)")
    }

    @Test func theStepLimitAndTheBoundsHold() throws {
        var pid = PIDController(try PIDController.Parameters(kp: 100, bias: 1, minOutput: 0.5, maxOutput: 2, maxStep: 0.1))
        var previous = pid.output
        for target in [10.0, 10, 10, -10, -10, -10, -10, -10, -10, -10, -10, -10, -10, -10, -10, -10] {
            let u = pid.update(measured: 0, target: target, dt: 1)
            #expect(abs(u - previous) <= 0.1 + 1e-15 && u >= 0.5 && u <= 2)
            previous = u
        }
        #expect(pid.output == 0.5)
    }

    @Test func reverseActingControlLowersTheOutputWhenTheMetricIsHigh() throws {
        var pid = PIDController(try PIDController.Parameters(kp: 1, bias: 5, minOutput: 0, maxOutput: 10, reverse: true))
        #expect(pid.update(measured: 7, target: 5, dt: 1) == 7)
        var direct = PIDController(try PIDController.Parameters(kp: 1, bias: 5, minOutput: 0, maxOutput: 10))
        #expect(direct.update(measured: 7, target: 5, dt: 1) == 3)
    }

    @Test func badConstantsAreRefused() {
        #expect(throws: ControllerError.self) { try PIDController.Parameters(kp: 1, bias: 0, minOutput: 1, maxOutput: 0) }
        #expect(throws: ControllerError.self) { try PIDController.Parameters(kp: .nan, bias: 0, minOutput: 0, maxOutput: 1) }
        #expect(throws: ControllerError.self) { try PIDController.Parameters(kp: 1, bias: 2, minOutput: 0, maxOutput: 1) }
        #expect(throws: ControllerError.self) { try PIDController.Parameters(kp: 1, bias: 0, minOutput: 0, maxOutput: 1, maxStep: 0) }
    }
}
