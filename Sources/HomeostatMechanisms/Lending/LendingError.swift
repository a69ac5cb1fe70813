/// A lending operation the imitated contract would revert. A rejected operation changes
/// nothing, including the interest accrual that ran before the failing check.
///
/// ``description`` is Morpho Blue's revert string (`ErrorsLib`), or for Solidity's
/// checked-arithmetic failure `panic 0x11 (arithmetic underflow or overflow)`.
public enum LendingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not exactly one of assets/shares (or seized assets/repaid shares) is non-zero.
    case inconsistentInput
    /// A collateral amount of zero.
    case zeroAssets
    /// The account would not be healthy after the operation.
    case insufficientCollateral
    /// More would be borrowed than is supplied.
    case insufficientLiquidity
    /// A liquidation of a healthy borrower.
    case healthyPosition
    /// A value above `type(uint128).max` where the contract stores uint128.
    case maxUInt128Exceeded
    /// Solidity's checked arithmetic: taking more from a position or total than it holds,
    /// or a product above 2^256.
    case arithmeticOverflow
    /// Solidity's division by zero (`panic 0x12`).
    case divisionByZero
    /// A parameter the market or its IRM does not accept (LLTV ≥ 1, fee above 25%, a fixed
    /// rate of zero or above 800%/year…), with the reason.
    case invalidParameter(String)
    /// An Aave-style pooled-market check failed (cap reached, health factor, no such
    /// reserve…), with the reason.
    case pooled(String)

    public var description: String {
        switch self {
        case .inconsistentInput: "inconsistent input"
        case .zeroAssets: "zero assets"
        case .insufficientCollateral: "insufficient collateral"
        case .insufficientLiquidity: "insufficient liquidity"
        case .healthyPosition: "position is healthy"
        case .maxUInt128Exceeded: "max uint128 exceeded"
        case .arithmeticOverflow: "panic 0x11 (arithmetic underflow or overflow)"
        case .divisionByZero: "panic 0x12 (division or modulo by zero)"
        case .invalidParameter(let reason): reason
        case .pooled(let reason): reason
        }
    }
}
