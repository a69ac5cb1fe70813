public import HomeostatCore

/// A staking operation that is refused.
public enum WithdrawalQueueError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A parameter out of range; the message says which and what is allowed.
    case invalidParameter(String)
    /// An amount that is not finite and positive.
    case invalidAmount(Double)
    /// Requesting more than the account has staked.
    case insufficientStake(row: Int, staked: Double, requested: Double)
    /// No request with this id.
    case unknownRequest(WithdrawalQueue.RequestID)
    /// Claiming before the cool-down has passed.
    case coolingDown(WithdrawalQueue.RequestID, claimableDay: Int, day: Int)
    /// Claiming a request twice.
    case alreadyClaimed(WithdrawalQueue.RequestID)

    /// What was wrong.
    public var description: String {
        switch self {
        case .invalidParameter(let message): message
        case .invalidAmount(let x): "amount must be a finite number > 0, got \(x)"
        case .insufficientStake(let row, let staked, let requested):
            "account \(row) has \(staked) staked and cannot withdraw \(requested)"
        case .unknownRequest(let id): "no withdrawal request #\(id.index)"
        case .coolingDown(let id, let claimable, let day):
            "withdrawal request #\(id.index) is cooling down until day \(claimable) (now day \(day))"
        case .alreadyClaimed(let id): "withdrawal request #\(id.index) was already claimed"
        }
    }
}

/// Plain (unlocked) staking with a cool-down: request a withdrawal, wait, claim.
///
/// A request on day `d` moves `amount` out of the account's stake at once (it stops counting
/// as stake for votes and rewards) into the queue, and can be claimed from day
/// `d + cooldownDays` on:
///
///     request(row, q, d):   staked[row] −= q,  pending += q,  claimableDay = d + cooldownDays
///     claim(id, t):         requires t ≥ claimableDay;  pending −= q;  returns q
///
/// Invariant: `Σ staked + pending == deposited − claimed`. The cool-down is the exit
/// friction of liquid staking (Aave's stkAAVE: 10-day cool-down); unlike ``ExitPenalty`` it
/// costs time, not tokens.
public struct WithdrawalQueue: Sendable {
    /// A typed index of a request (its position in ``requests``).
    public struct RequestID: Hashable, Sendable {
        /// Position in ``WithdrawalQueue/requests``.
        public let index: Int
        /// The request at `index`.
        public init(index: Int) { self.index = index }
    }

    /// One withdrawal request.
    public struct Request: Sendable, Equatable {
        /// The requesting account.
        public let row: Int
        /// Tokens requested.
        public let amount: Double
        /// Day of the request.
        public let requestedDay: Int
        /// First day it may be claimed.
        public let claimableDay: Int
        /// Whether it has been claimed.
        public internal(set) var claimed: Bool
    }

    /// Days between a request and the first day it may be claimed.
    public let cooldownDays: Int
    /// Stake per account.
    public internal(set) var staked: [Double] = []
    /// Every request, in order.
    public internal(set) var requests: [Request] = []
    /// Tokens requested and not yet claimed.
    public private(set) var pending: Double = 0
    /// Tokens ever staked.
    public private(set) var deposited: Double = 0
    /// Tokens ever claimed.
    public private(set) var claimed: Double = 0

    /// An empty queue.
    ///
    /// - Throws: ``WithdrawalQueueError/invalidParameter(_:)`` for a negative cool-down.
    public init(cooldownDays: Int) throws(WithdrawalQueueError) {
        guard cooldownDays >= 0 else { throw .invalidParameter("cooldownDays must be >= 0, got \(cooldownDays)") }
        self.cooldownDays = cooldownDays
    }

    /// Adds `count` accounts with no stake and returns their rows.
    public mutating func addAccounts(_ count: Int) -> Range<Int> {
        let start = staked.count
        staked.append(contentsOf: repeatElement(0, count: count))
        return start..<(start + count)
    }

    /// Adds `amount` to `row`'s stake.
    ///
    /// - Throws: ``WithdrawalQueueError/invalidAmount(_:)``.
    public mutating func stake(_ row: Int, amount: Double) throws(WithdrawalQueueError) {
        guard amount > 0 && amount.isFinite else { throw .invalidAmount(amount) }
        staked[row] += amount
        deposited += amount
    }

    /// Takes `amount` out of `row`'s stake into the queue on `day`.
    ///
    /// - Returns: the request's id; it is claimable from `day + cooldownDays`.
    /// - Throws: ``WithdrawalQueueError/invalidAmount(_:)``,
    ///   ``WithdrawalQueueError/insufficientStake(row:staked:requested:)``.
    public mutating func requestWithdrawal(_ row: Int, amount: Double, day: Int) throws(WithdrawalQueueError) -> RequestID {
        guard amount > 0 && amount.isFinite else { throw .invalidAmount(amount) }
        guard amount <= staked[row] else { throw .insufficientStake(row: row, staked: staked[row], requested: amount) }
        staked[row] -= amount
        pending += amount
        requests.append(Request(row: row, amount: amount, requestedDay: day, claimableDay: day + cooldownDays, claimed: false))
        return RequestID(index: requests.count - 1)
    }

    /// Claims a request whose cool-down has passed and returns its amount (the engine pays it
    /// to ``Request/row``).
    ///
    /// - Throws: ``WithdrawalQueueError/unknownRequest(_:)``, ``WithdrawalQueueError/alreadyClaimed(_:)``,
    ///   ``WithdrawalQueueError/coolingDown(_:claimableDay:day:)`` when `day < claimableDay`.
    public mutating func claim(_ id: RequestID, day: Int) throws(WithdrawalQueueError) -> Double {
        guard requests.indices.contains(id.index) else { throw .unknownRequest(id) }
        let r = requests[id.index]
        guard !r.claimed else { throw .alreadyClaimed(id) }
        guard day >= r.claimableDay else { throw .coolingDown(id, claimableDay: r.claimableDay, day: day) }
        requests[id.index].claimed = true
        pending -= r.amount
        if pending < 0 { pending = 0 }
        claimed += r.amount
        return r.amount
    }

    /// Tokens `row` could claim on `day` (unclaimed requests past their cool-down).
    ///
    /// - Complexity: O(requests).
    public func claimable(_ row: Int, day: Int) -> Double {
        var total = 0.0
        for r in requests where r.row == row && !r.claimed && day >= r.claimableDay { total += r.amount }
        return total
    }

    /// Checks `Σ staked + pending == deposited − claimed`, that no stake is negative and that
    /// ``pending`` equals the sum of unclaimed requests.
    public func checkInvariants(tolerance: Double = 1e-9) -> [InvariantViolation] {
        var found: [InvariantViolation] = []
        var sumStaked = 0.0
        for (row, s) in staked.enumerated() {
            if s < 0 { found.append(InvariantViolation("withdrawal queue: negative stake \(s) at row \(row)")) }
            sumStaked += s
        }
        var open = 0.0
        for r in requests where !r.claimed { open += r.amount }
        let scale = deposited + 1
        if abs(open - pending) > tolerance * scale {
            found.append(InvariantViolation("withdrawal queue: pending \(pending) differs from unclaimed requests \(open)"))
        }
        if abs(sumStaked + pending - (deposited - claimed)) > tolerance * scale {
            found.append(InvariantViolation(
                "withdrawal queue: staked \(sumStaked) + pending \(pending) differs from deposited \(deposited) − claimed \(claimed)"))
        }
        return found
    }
}
