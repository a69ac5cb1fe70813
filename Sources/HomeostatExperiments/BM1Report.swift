public import HomeostatCore

/// The per-run outputs of BM-1 (`shared/bench/BM1.md`, "What each run reports"), derived
/// from a run's recorded metrics, with the keys the peer implementations print.
public struct BM1Report: Sendable, Equatable {
    public let run: Int
    public let finalPrice: Double
    public let lockedShare: Double
    public let finalVotingPower: Double
    public let meanDailySold: Double
    public let totalFees: Double

    /// Metrics a scenario must record for ``init(run:recorder:)``.
    public static let requiredMetrics = ["price", "locked_share", "voting_power", "sell_pressure", "fees_to_lockers"]

    /// Reads the report off a run's records (which must include ``requiredMetrics``, recorded every day).
    public init?(run: Int, recorder: MetricRecorder) {
        guard let price = recorder.series("price"), let locked = recorder.series("locked_share"),
              let power = recorder.series("voting_power"), let sold = recorder.series("sell_pressure"),
              let fees = recorder.series("fees_to_lockers"), !price.isEmpty
        else { return nil }
        self.run = run
        finalPrice = price[price.count - 1]
        lockedShare = locked[locked.count - 1]
        finalVotingPower = power[power.count - 1]
        meanDailySold = sold.reduce(0, +) / Double(sold.count)
        totalFees = fees.reduce(0, +)
    }

    /// One JSON line in the peers' format and key order.
    public var jsonLine: String {
        "{\"run\": \(run), \"final_price\": \(finalPrice), \"locked_share\": \(lockedShare), "
            + "\"final_voting_power\": \(finalVotingPower), \"mean_daily_sold\": \(meanDailySold), "
            + "\"total_fees\": \(totalFees)}"
    }
}
