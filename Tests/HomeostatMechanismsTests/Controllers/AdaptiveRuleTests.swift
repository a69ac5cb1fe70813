import HomeostatCore
import HomeostatMechanisms
import Testing

/// The fixed-form rules against their closed forms.
@Suite struct AdaptiveRuleTests {
    /// Morpho's adaptive curve at a constant, saturated error (utilisation 100%: ê = 1) and
    /// speed 50/yr: `u(t) = u₀·e^{50·t}`, doubling every ln 2/50 yr = 5.06 days; at ê = −1 it
    /// halves as fast; the bounds clamp it.
    @Test func theAdaptiveCurveGrowsExponentiallyAtItsStatedSpeed() {
        let rule = AdaptiveRule.adaptiveCurve(speed: 50, scale: 0.9)
        var up = 0.04
        var down = 0.04
        for day in 1...30 {
            up = rule.next(output: up, error: 5, days: 1, minOutput: 0.001, maxOutput: 1e9)
            down = rule.next(output: down, error: -5, days: 1, minOutput: 0, maxOutput: 2)
            let expected = 0.04 * _exp(50 * Double(day) / 365)
            #expect(abs(up - expected) <= 1e-12 * expected, "day \(day)")
            #expect(abs(down - 0.04 / expected * 0.04) <= 1e-12 * 0.04, "day \(day)")
        }
        let doubling = 0.6931471805599453 / 50 * 365  // ln 2 / speed, in days
        #expect(abs(doubling - 5.06) < 0.01)
        let clamped = rule.next(output: 1.9, error: 1, days: 30, minOutput: 0, maxOutput: 2)
        #expect(clamped == 2)
    }

    /// A bounded step: ±step of the output per update outside the deadband, nothing inside it.
    @Test func theBoundedStepMovesByItsStepOutsideTheDeadband() {
        let rule = AdaptiveRule.boundedStep(step: 0.1, deadband: 1)
        #expect(rule.next(output: 2, error: 5, days: 7, minOutput: 0, maxOutput: 10) == 2 * 1.1)
        #expect(rule.next(output: 2, error: -5, days: 7, minOutput: 0, maxOutput: 10) == 2 * 0.9)
        #expect(rule.next(output: 2, error: 0.5, days: 7, minOutput: 0, maxOutput: 10) == 2)
        #expect(rule.next(output: 9.5, error: 5, days: 7, minOutput: 0, maxOutput: 10) == 10)
    }
}
