import HomeostatAgents
import HomeostatCore
import HomeostatMarket
import HomeostatMechanisms
import HomeostatScenario

/// Votium-style bribes (`bribes:`): offered per epoch on live gauges and paid to each
/// gauge's voters pro-rata to their vote weights.
extension GaugesModule {
    /// Offers the bribes active on today (an epoch's first day) for `epoch` and pays them to
    /// the gauge's voters pro-rata to their vote weights: USD from the outside (the bribers)
    /// to the bribe market, then to the voters' populations; an offer on a gauge without
    /// votes goes back to its briber.
    mutating func settleBribes(epoch: Int64, world: inout World) {
        let day = world.day
        for g in bribedNow.indices { bribedNow[g] = false }
        var offered = 0.0
        // Bribe platforms list live gauges only: nothing is offered on a killed gauge.
        for b in bribes where b.fromDay <= day && day <= b.toDay && b.usdPerEpoch > 0 && !controller.isKilled(GaugeID(b.gauge)) {
            try? market.offer(b.usdPerEpoch, gauge: GaugeID(b.gauge), epoch: epoch)
            offered += b.usdPerEpoch
            bribedNow[b.gauge] = true
            bribeOfferedTotal[b.gauge] += b.usdPerEpoch
        }
        guard offered > 0, let settlement = try? market.settle(epoch: epoch, controller: controller) else { return }
        world.economy.ledger.transfer(.cash, from: world.economy.outside, to: bribeAccount, offered)
        for p in world.populations {
            var share = 0.0
            for i in p.rows where settlement.payouts[i] > 0 {
                share += settlement.payouts[i]
                world.economy.cash[i] += settlement.payouts[i]
            }
            world.economy.ledger.transfer(.cash, from: bribeAccount, to: p.account, share)
        }
        // What was not paid (no votes, or rounding) goes back to the bribers.
        world.economy.ledger.transferSigned(
            .cash, from: bribeAccount, to: world.economy.outside, world.economy.ledger.balance(.cash, bribeAccount))
        for g in settlement.paid.indices { bribesPaidToday[g] = settlement.paid[g] }
    }

    /// The best gauge for bribe followers: the highest next-epoch bribe per unit of the
    /// gauge's current weight (a gauge with a bribe and no weight wins), nil with no bribes.
    /// Killed gauges are not bribed, so they are never best.
    func bestBribedGauge(nextEpochStart: Int) -> GaugeID? {
        var offered = [Double](repeating: 0, count: controller.gaugeCount)
        for b in bribes where b.fromDay <= nextEpochStart && nextEpochStart <= b.toDay && !controller.isKilled(GaugeID(b.gauge)) {
            offered[b.gauge] += b.usdPerEpoch
        }
        let weights = controller.epochWeights(controller.currentEpoch).gauges
        var best: Int?
        var bestScore = 0.0
        for g in offered.indices where offered[g] > 0 {
            let score = weights[g] > 0 ? offered[g] / weights[g] : .infinity
            if best == nil || score > bestScore {
                best = g
                bestScore = score
            }
        }
        return best.map(GaugeID.init)
    }
}
