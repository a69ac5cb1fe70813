import HomeostatCore

/// The fixed-form adaptive rules protocols use beside PID: a bounded step ("raise emission by
/// x% while TVL is below target", Olympus' BCV adjustment) and the adaptive curve (Morpho's
/// rate at target, which moves exponentially with the error).
public enum AdaptiveRule: Sendable, Equatable {
    /// `u ← clamp(u·(1 + step·sign(e)), min, max)`; no change while `|e| ≤ deadband`.
    case boundedStep(step: Double, deadband: Double)
    /// `u ← clamp(u·exp(speed·ê·Δt), min, max)` with `ê = clamp(e / scale, −1, 1)`, `Δt` in
    /// years and `speed` per year (Morpho: 50/yr, so `ê = 1` doubles `u` every ln 2/50 yr).
    case adaptiveCurve(speed: Double, scale: Double)

    /// The output after one update from `output`, with error `error` after `days` days.
    ///
    /// - Returns: the new output, within `[minOutput, maxOutput]`.
    public func next(output: Double, error: Double, days: Double, minOutput: Double, maxOutput: Double) -> Double {
        let raw: Double
        switch self {
        case .boundedStep(let step, let deadband):
            if abs(error) <= deadband {
                raw = output
            } else {
                raw = output * (1 + (error > 0 ? step : -step))
            }
        case .adaptiveCurve(let speed, let scale):
            let normalised = min(max(error / scale, -1), 1)
            raw = output * _exp(speed * normalised * days / 365)
        }
        return min(max(raw, minOutput), maxOutput)
    }
}
