/// A bribe market (vote incentives, MECHANISMS.md §5): third parties offer USD on a gauge
/// for an epoch, and the offer is paid to the voters of that gauge pro-rata to their votes
/// in that epoch (Votium, Hidden Hand, without platform fees or per-vote caps).
///
/// For an offer `B_g(k)` on gauge `g` in epoch `k`, voter `u` is paid
///
///     B_g(k) · w_ug(k) / Σ_u' w_u'g(k)
///
/// where `w_ug(k)` is the weight of `u`'s vote for `g` at the start of epoch `k`
/// (``GaugeController/voteWeights(gauge:epoch:)``). An offer on a gauge with no votes in the
/// epoch pays nobody and is reported as unpaid (Votium recycles it into the next round;
/// the caller decides), so `paid + unpaid == offered` for every settlement.
public struct BribeMarket: Sendable {
    /// Offers not yet settled: epoch → USD per gauge index.
    var offers: [Int64: [Double]] = [:]
    var settled: Set<Int64> = []
    /// Every USD offered.
    public private(set) var totalOffered: Double = 0
    /// Every USD paid to voters.
    public private(set) var totalPaid: Double = 0
    /// Every USD offered on gauges that had no votes.
    public private(set) var totalUnpaid: Double = 0

    public init() {}

    /// Offers `usd` to the voters of `gauge` in epoch `epoch` (added to earlier offers).
    ///
    /// - Throws: ``BribeMarketError/invalidAmount(_:)``, ``BribeMarketError/alreadySettled(epoch:)``.
    public mutating func offer(_ usd: Double, gauge: GaugeID, epoch: Int64) throws(BribeMarketError) {
        guard usd >= 0 && usd.isFinite else { throw .invalidAmount(usd) }
        guard gauge.index >= 0 else { throw .unknownGauge(gauge) }
        guard !settled.contains(epoch) else { throw .alreadySettled(epoch: epoch) }
        var row = offers[epoch] ?? []
        if row.count <= gauge.index { row.append(contentsOf: repeatElement(0, count: gauge.index + 1 - row.count)) }
        row[gauge.index] += usd
        offers[epoch] = row
        totalOffered += usd
    }

    /// USD offered on `gauge` for `epoch` and not yet settled.
    public func offered(gauge: GaugeID, epoch: Int64) -> Double {
        guard let row = offers[epoch], gauge.index >= 0, gauge.index < row.count else { return 0 }
        return row[gauge.index]
    }

    /// Pays the offers of epoch `epoch` to the voters of `controller`.
    ///
    /// - Throws: ``BribeMarketError/epochNotFinal(epoch:currentEpoch:)`` while votes for the
    ///   epoch can still change (`epoch > controller.currentEpoch`),
    ///   ``BribeMarketError/alreadySettled(epoch:)``, ``BribeMarketError/unknownGauge(_:)``
    ///   if an offer names a gauge the controller does not have. A failed settlement
    ///   changes nothing.
    /// - Complexity: O(Σ over bribed gauges of their voters).
    public mutating func settle(epoch k: Int64, controller: GaugeController) throws(BribeMarketError) -> BribeSettlement {
        guard k <= controller.currentEpoch else { throw .epochNotFinal(epoch: k, currentEpoch: controller.currentEpoch) }
        guard !settled.contains(k) else { throw .alreadySettled(epoch: k) }
        var offered = offers[k] ?? []
        if let g = offered.indices.last(where: { $0 >= controller.gaugeCount && offered[$0] > 0 }) {
            throw .unknownGauge(GaugeID(g))
        }
        offered = Array(offered.prefix(controller.gaugeCount))
        offered.append(contentsOf: repeatElement(0, count: controller.gaugeCount - offered.count))
        var paid = [Double](repeating: 0, count: controller.gaugeCount)
        var unpaid = [Double](repeating: 0, count: controller.gaugeCount)
        var payouts = [Double](repeating: 0, count: controller.voterCount)
        for g in 0..<controller.gaugeCount where offered[g] > 0 {
            let votes = controller.voteWeights(gauge: GaugeID(g), epoch: k)
            var total = 0.0
            for v in votes { total += v.weight }
            guard total > 0 else {
                unpaid[g] = offered[g]
                continue
            }
            for v in votes {
                let share = offered[g] * v.weight / total
                payouts[v.voter] += share
                paid[g] += share
            }
        }
        offers[k] = nil
        settled.insert(k)
        for g in 0..<paid.count {
            totalPaid += paid[g]
            totalUnpaid += unpaid[g]
        }
        return BribeSettlement(epoch: k, offered: offered, paid: paid, unpaid: unpaid, payouts: payouts)
    }

    /// Emission value directed per bribe dollar: for each bribed gauge
    /// `E_g · P / B_g`, and overall `Σ_{g: B_g > 0} E_g · P / Σ_g B_g`, where `E_g` is the
    /// emission routed to gauge `g` in the epoch (``GaugeController/route(amount:epoch:)``),
    /// `P` the token price in USD and `B_g` the bribe on it. Above 1, bribing buys emissions
    /// for less than they are worth (MECHANISMS.md §5's ROI without the marginal weight
    /// change). nil where nothing was bribed.
    public static func emissionsUSDPerBribeUSD(
        gaugeEmissions: [Double], tokenPriceUSD: Double, bribesUSD: [Double]
    ) -> (perGauge: [Double?], overall: Double?) {
        precondition(gaugeEmissions.count == bribesUSD.count, "one emission and one bribe per gauge")
        var perGauge: [Double?] = []
        perGauge.reserveCapacity(bribesUSD.count)
        var directed = 0.0
        var bribes = 0.0
        for (e, b) in zip(gaugeEmissions, bribesUSD) {
            if b > 0 {
                perGauge.append(e * tokenPriceUSD / b)
                directed += e * tokenPriceUSD
                bribes += b
            } else {
                perGauge.append(nil)
            }
        }
        return (perGauge, bribes > 0 ? directed / bribes : nil)
    }
}

/// What ``BribeMarket/settle(epoch:controller:)`` paid for one epoch.
public struct BribeSettlement: Sendable, Equatable {
    public let epoch: Int64
    /// USD offered per gauge.
    public let offered: [Double]
    /// USD paid to voters per gauge (`offered` where the gauge had votes, else 0).
    public let paid: [Double]
    /// USD offered on gauges without votes: paid to nobody.
    public let unpaid: [Double]
    /// USD paid per voter row.
    public let payouts: [Double]
}

/// A bribe-market operation that cannot be done.
public enum BribeMarketError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidAmount(Double)
    case unknownGauge(GaugeID)
    /// Votes for the epoch can still change: it has not started.
    case epochNotFinal(epoch: Int64, currentEpoch: Int64)
    case alreadySettled(epoch: Int64)

    public var description: String {
        switch self {
        case .invalidAmount(let a): "bribe \(a) is not a finite non-negative number"
        case .unknownGauge(let g): "\(g) does not exist"
        case .epochNotFinal(let k, let c): "epoch \(k) has not started (current epoch \(c)): its votes are not final"
        case .alreadySettled(let k): "epoch \(k) is already settled"
        }
    }
}
