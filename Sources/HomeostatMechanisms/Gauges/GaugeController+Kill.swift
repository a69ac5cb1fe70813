/// Killing and reviving gauges (Curve `LiquidityGauge.set_killed`).
///
/// A killed gauge stays in the controller: its votes stay recorded and keep their weight in
/// ``relativeWeights(epoch:)``, and voters may still vote for it, but it is paid nothing.
/// ``liveWeights(_:)`` gives the weights emission is routed by: a killed gauge's weight
/// counts for nothing and the live gauges' weights are rescaled to sum to 1.
extension GaugeController {
    /// Kills gauge `g` (`killed: true`) or revives it (`false`). Killing does not touch
    /// votes or weights; it only changes ``liveWeights(_:)``.
    ///
    /// - Throws: ``GaugeControllerError/gaugeNotAdded(_:)`` for a gauge that does not exist.
    public mutating func setKilled(_ g: GaugeID, _ isKilled: Bool) throws(GaugeControllerError) {
        guard g.index >= 0 && g.index < gaugeCount else { throw .gaugeNotAdded(g) }
        killed[g.index] = isKilled
    }

    /// Whether gauge `g` is killed (false for a gauge that does not exist).
    public func isKilled(_ g: GaugeID) -> Bool {
        g.index >= 0 && g.index < gaugeCount && killed[g.index]
    }

    /// `weights` (one per gauge, e.g. ``relativeWeights(epoch:)``) with every killed gauge's
    /// weight set to 0 and the rest divided by their sum, so the live gauges' weights sum to
    /// 1. All 0 when no live gauge has weight (then nothing is routed, as in an epoch without
    /// votes).
    ///
    /// - Complexity: O(gauges).
    public func liveWeights(_ weights: [Double]) -> [Double] {
        // Nothing killed: the weights as given, bit for bit.
        guard killed.contains(true) else { return weights }
        var out = weights
        var live = 0.0
        for g in out.indices {
            if g < killed.count && killed[g] { out[g] = 0 }
            live += out[g]
        }
        guard live > 0 else { return [Double](repeating: 0, count: out.count) }
        for g in out.indices { out[g] /= live }
        return out
    }
}
