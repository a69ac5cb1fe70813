/// Revenue sharing to lockers: the protocol's fee revenue, paid pro-rata to voting power.
///
/// Two payout rules:
/// - ``Payout/continuous``: each day's revenue is paid the same day pro-rata to that day's
///   voting power (BM-1 step 5).
/// - ``Payout/weekly``: Curve `FeeDistributor` — revenue received during the 7-day epoch
///   starting at day `w` (epochs counted from day 0) is paid when the epoch ends, pro-rata to
///   each locker's voting power *at the epoch's start* (`ve_u(w) / ve_supply(w)`), so a new lock
///   is first paid at the end of the following full epoch. An epoch whose `ve_supply` was 0
///   pays nobody and its revenue stays in the distributor, as in the contract.
///
/// This type keeps the accounting (what is owed and when); the engine moves the cash
/// through the ledger and into agents' columns.
public struct FeeDistributor: Sendable {
    public enum Payout: Sendable, Equatable { case continuous, weekly }

    public let payout: Payout
    /// Epoch length in days (Curve: one week).
    public let epochDays: Int
    /// Revenue received in the current epoch and not yet paid.
    public private(set) var pendingThisEpoch: Double = 0
    /// Revenue of epochs that could not be paid (no voting power at their start).
    public private(set) var unclaimable: Double = 0
    /// Voting power per account at the start of the current epoch (weekly payout only).
    public private(set) var epochStartPower: [Double] = []
    /// Total voting power at the start of the current epoch.
    public private(set) var epochStartSupply: Double = 0

    public init(payout: Payout, epochDays: Int = 7) {
        precondition(epochDays > 0)
        self.payout = payout
        self.epochDays = epochDays
    }

    /// Whether `day` starts a new epoch.
    public func isEpochStart(day: Int) -> Bool { day % epochDays == 0 }

    /// Records revenue received on a day (weekly payout).
    public mutating func receive(_ amount: Double) {
        precondition(amount >= 0 && amount.isFinite)
        pendingThisEpoch += amount
    }

    /// Closes the current epoch and opens the next with a snapshot of voting power.
    ///
    /// - Returns: the amount to pay for the closed epoch and the power snapshot it is paid
    ///   against (nil when nothing is payable: the closed epoch had no voting power, in which
    ///   case the amount moves to ``unclaimable``).
    public mutating func rollEpoch(newPower: [Double], newSupply: Double) -> (amount: Double, power: [Double], supply: Double)? {
        let closedAmount = pendingThisEpoch
        let closedPower = epochStartPower
        let closedSupply = epochStartSupply
        pendingThisEpoch = 0
        epochStartPower = newPower
        epochStartSupply = newSupply
        guard closedAmount > 0 else { return nil }
        guard closedSupply > 0 else {
            unclaimable += closedAmount
            return nil
        }
        return (closedAmount, closedPower, closedSupply)
    }
}
