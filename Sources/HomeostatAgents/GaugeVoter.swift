public import HomeostatMechanisms

/// How a population's ve holders vote on gauges (Curve `vote_for_gauge_weights`).
///
/// Voting happens at epoch boundaries only (the engine calls ``vote(rows:economy:controller:bestGauge:)``
/// on the first day of each epoch), so its cost is O(agents) per epoch, not per day. An
/// agent votes when it holds a lock that ends after the next boundary and either has not
/// voted with its current lock (a vote keeps the slope and end it was cast with, so an
/// agent that extended or topped up its lock re-votes to bring its weight up to date), or,
/// following bribes, when the best-bribed gauge changed. Votes the controller rejects (a
/// second vote for a gauge within the vote delay, too much power used) are counted and
/// retried at the next boundary.
public struct GaugeVoter: Sendable {
    /// The voting rule.
    public enum Rule: Sendable, Equatable {
        /// These basis points of the agent's power to these gauges.
        case fixed([Allocation])
        /// All power to the gauge with the best bribe per unit of gauge weight.
        case bribeFollowing
    }

    /// Basis points to one gauge.
    public struct Allocation: Sendable, Equatable {
        /// The gauge voted for.
        public var gauge: GaugeID
        /// Basis points of the voter's power, 0 … 10,000.
        public var bps: Int
        /// `bps` of the voter's power to `gauge`.
        public init(gauge: GaugeID, bps: Int) { self.gauge = gauge; self.bps = bps }
    }

    /// The population's voting rule.
    public let rule: Rule
    /// The lock (amount, end) each agent last voted with (population-local index).
    var votedAmount: [Double]
    var votedEnd: [Int64]
    /// The gauge a bribe-following agent's power is on (−1: none).
    var currentGauge: [Int32]

    /// A rule for a population of `count` agents, none of which has voted.
    public init(rule: Rule, count: Int) {
        self.rule = rule
        votedAmount = [Double](repeating: 0, count: count)
        votedEnd = [Int64](repeating: 0, count: count)
        currentGauge = [Int32](repeating: -1, count: count)
    }

    /// Casts this epoch's votes of the agents in `rows` (the controller's voter rows are
    /// the economy's rows).
    ///
    /// - Parameter bestGauge: for ``Rule/bribeFollowing``, the gauge to be on (nil: stay).
    /// - Returns: the number of votes the controller rejected.
    public mutating func vote(rows: Range<Int>, economy: Economy, controller: inout GaugeController, bestGauge: GaugeID?) -> Int {
        let now = Int64(economy.day)
        let nextBoundary = controller.epochStart(controller.epoch(containing: now) + 1)
        let escrow = economy.escrow
        var rejected = 0
        for i in rows {
            let amount = escrow.lockedAmount(i)
            let end = escrow.lockEnd(i)
            guard amount > 0, end > nextBoundary else { continue }
            let k = i - rows.lowerBound
            let lockUnchanged = amount == votedAmount[k] && end == votedEnd[k]
            switch rule {
            case .fixed(let allocations):
                guard !lockUnchanged else { continue }
                var ok = true
                for a in allocations {
                    do throws(GaugeControllerError) {
                        try controller.vote(voter: i, gauge: a.gauge, weightBps: a.bps, escrow: escrow, now: now)
                    } catch {
                        rejected += 1
                        ok = false
                    }
                }
                if ok {
                    votedAmount[k] = amount
                    votedEnd[k] = end
                }
            case .bribeFollowing:
                let current = Int(currentGauge[k])
                guard let target = bestGauge?.index ?? (current >= 0 ? current : nil) else { continue }
                guard !(lockUnchanged && current == target) else { continue }
                if current >= 0 && current != target {
                    do throws(GaugeControllerError) {
                        try controller.vote(voter: i, gauge: GaugeID(current), weightBps: 0, escrow: escrow, now: now)
                        currentGauge[k] = -1
                    } catch {
                        rejected += 1
                        continue
                    }
                }
                do throws(GaugeControllerError) {
                    try controller.vote(voter: i, gauge: GaugeID(target), weightBps: GaugeController.maxWeightBps, escrow: escrow, now: now)
                    currentGauge[k] = Int32(target)
                    votedAmount[k] = amount
                    votedEnd[k] = end
                } catch {
                    rejected += 1
                }
            }
        }
        return rejected
    }
}
