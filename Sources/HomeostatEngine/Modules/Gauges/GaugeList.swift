import HomeostatMechanisms
import HomeostatScenario

/// Changes of the gauge list: killing a gauge (Curve `LiquidityGauge.set_killed`) and
/// adding one declared `active: false` (or reviving a killed one), by a scripted event or a
/// passed governance proposal.
extension GaugesModule {
    /// Kills or adds a gauge now.
    ///
    /// A killed gauge is paid nothing from today: the rest of the current epoch's share it
    /// would have received is not minted (``MetricName/emissionUnminted``), as with Curve's
    /// killed gauge whose inflation rate is 0. From the next epoch the live gauges' weights
    /// are rescaled to sum to 1 (``GaugeController/liveWeights(_:)``). Its stakers keep their
    /// stake and what they had earned; votes for it stay recorded but carry no emission.
    /// An added gauge is paid from the next epoch, by the votes it has then, like a gauge
    /// Curve's `add_gauge` adds mid-epoch.
    mutating func changeGauges(_ change: GaugeListChange) {
        let kill = change.kind == .kill
        guard (try? controller.setKilled(GaugeID(change.gauge), kill)) != nil else { return }
        if kill, relativeWeights.indices.contains(change.gauge) {
            relativeWeights[change.gauge] = 0
        }
    }
}
