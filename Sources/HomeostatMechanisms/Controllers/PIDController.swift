/// A discrete PID controller with output bounds, a rate limit and anti-windup — the rule
/// of automatic incentive adjustment (Reflexer RAI's redemption-rate controller is a PI on
/// the same form).
///
/// Each update at time step `dt` (days) with error `e = target − measured` (or
/// `measured − target` when ``Parameters/reverse``, for a parameter that lowers the metric
/// as it rises) computes
///
///     u_raw = bias + kp·e + ki·I + kd·(e − e_prev)/dt,
///
/// clamps it to `[minOutput, maxOutput]` and to at most `maxStep` from the previous output,
/// and updates the integral `I` by the chosen anti-windup rule:
///
/// - ``AntiWindup/clamping``: `I += e·dt` only when the output is not saturated, or when the
///   error would pull it back inside the bounds (conditional integration);
/// - ``AntiWindup/backCalculation(gain:)``: `I += (e + k_b·(u − u_raw)/ki)·dt`, which bleeds
///   the integral off while the output is held at a bound (Åström & Hägglund's tracking).
///
/// The derivative acts on the error; its first update uses no derivative (no previous error).
public struct PIDController: Sendable, Equatable {
    /// How the integral is kept from growing while the output is saturated.
    public enum AntiWindup: Sendable, Equatable {
        case clamping
        case backCalculation(gain: Double)
    }

    /// The controller's constants.
    public struct Parameters: Sendable, Equatable {
        public var kp: Double
        public var ki: Double
        public var kd: Double
        /// The output at zero error and zero integral.
        public var bias: Double
        public var minOutput: Double
        public var maxOutput: Double
        /// Largest change of the output in one update (∞: no limit).
        public var maxStep: Double
        public var antiWindup: AntiWindup
        /// The error is `measured − target` (raising the output lowers the metric).
        public var reverse: Bool

        /// - Throws: ``ControllerError`` for non-finite gains, `minOutput > maxOutput`, a
        ///   bias outside the bounds or a non-positive step limit.
        public init(
            kp: Double, ki: Double = 0, kd: Double = 0, bias: Double, minOutput: Double, maxOutput: Double,
            maxStep: Double = .infinity, antiWindup: AntiWindup = .clamping, reverse: Bool = false
        ) throws(ControllerError) {
            for (name, v) in [("kp", kp), ("ki", ki), ("kd", kd), ("bias", bias)] where !v.isFinite {
                throw .invalidParameter("\(name) must be a finite number, got \(v)")
            }
            guard minOutput <= maxOutput, !minOutput.isNaN, !maxOutput.isNaN else {
                throw .invalidParameter("the output bounds must satisfy min <= max, got [\(minOutput), \(maxOutput)]")
            }
            guard bias >= minOutput && bias <= maxOutput else {
                throw .invalidParameter("the bias \(bias) must lie within the output bounds [\(minOutput), \(maxOutput)]")
            }
            guard maxStep > 0 else { throw .invalidParameter("the largest step must be > 0, got \(maxStep)") }
            if case .backCalculation(let g) = antiWindup, !(g >= 0 && g.isFinite) {
                throw .invalidParameter("the back-calculation gain must be a finite number >= 0, got \(g)")
            }
            self.kp = kp
            self.ki = ki
            self.kd = kd
            self.bias = bias
            self.minOutput = minOutput
            self.maxOutput = maxOutput
            self.maxStep = maxStep
            self.antiWindup = antiWindup
            self.reverse = reverse
        }
    }

    /// The constants.
    public let parameters: Parameters
    /// The integral of the error (error × days).
    public private(set) var integral = 0.0
    /// The last error, nil before the first update.
    public private(set) var previousError: Double?
    /// The current output (the bias before the first update).
    public private(set) var output: Double
    /// Whether the last update's output sat at a bound or at the step limit.
    public private(set) var saturated = false

    /// A controller at rest: output = bias, integral 0.
    public init(_ parameters: Parameters) {
        self.parameters = parameters
        output = parameters.bias
    }

    /// The error for `measured` against `target`.
    public func error(measured: Double, target: Double) -> Double {
        parameters.reverse ? measured - target : target - measured
    }

    /// One update after `dt` days; returns the new output.
    @discardableResult
    public mutating func update(measured: Double, target: Double, dt: Double) -> Double {
        let p = parameters
        let e = error(measured: measured, target: target)
        let derivative = previousError.map { (e - $0) / dt } ?? 0
        let raw = p.bias + p.kp * e + p.ki * integral + p.kd * derivative
        var u = min(max(raw, p.minOutput), p.maxOutput)
        u = min(max(u, output - p.maxStep), output + p.maxStep)
        saturated = u != raw
        switch p.antiWindup {
        case .clamping:
            // Integrate unless saturated and the error pushes further into the bound.
            let pushesOut = (raw > u && e > 0) || (raw < u && e < 0)
            if !(saturated && pushesOut) { integral += e * dt }
        case .backCalculation(let gain):
            let tracking = p.ki != 0 ? gain * (u - raw) / p.ki : 0
            integral += (e + tracking) * dt
        }
        previousError = e
        output = u
        return u
    }
}

/// A controller that cannot be built.
public enum ControllerError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidParameter(String)

    public var description: String {
        switch self {
        case .invalidParameter(let m): m
        }
    }
}
