/// A liquidity-gauge operation that Curve's `LiquidityGauge` would revert. The contract
/// reverts these without a reason string (an arithmetic underflow or a `# dev:` assert), so
/// ``description`` is a plain sentence, with the `dev:` comment where there is one. A
/// rejected operation changes nothing.
public enum LiquidityGaugeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An amount that is negative, NaN or infinite (`uint256` arguments cannot be).
    case invalidAmount(Double)
    /// Withdrawing more LP tokens than the account staked (the contract's balance underflow).
    case insufficientBalance(have: Double, need: Double)
    /// `kick` on an account whose ve balance is positive and unchanged since its checkpoint.
    case kickNotAllowed
    /// `kick` on an account that holds no boost (working balance already `0.4 · b`).
    case kickNotNeeded

    public var description: String {
        switch self {
        case .invalidAmount(let a): "amount \(a) is not a finite non-negative number"
        case .insufficientBalance(let have, let need): "cannot withdraw \(need) LP tokens: \(have) staked"
        case .kickNotAllowed: "dev: kick not allowed"
        case .kickNotNeeded: "dev: kick not needed"
        }
    }
}
