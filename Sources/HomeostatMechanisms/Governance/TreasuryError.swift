/// A treasury operation or policy that is refused.
public enum TreasuryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A parameter out of range; the message says which and what is allowed.
    case invalidParameter(String)
    /// An amount or price that is negative, NaN or infinite.
    case invalidAmount(Double)
    /// Revenue-split fractions that do not sum to 1.
    case splitDoesNotSumToOne(Double)
    /// Spending more native tokens than the treasury holds.
    case insufficientNative(have: Double, need: Double)
    /// Spending more stables than the treasury holds.
    case insufficientStables(have: Double, need: Double)

    /// What was wrong.
    public var description: String {
        switch self {
        case .invalidParameter(let message): message
        case .invalidAmount(let x): "amount must be a finite number >= 0, got \(x)"
        case .splitDoesNotSumToOne(let sum): "revenue split fractions must sum to 1, got \(sum)"
        case .insufficientNative(let have, let need): "treasury holds \(have) native tokens, cannot pay \(need)"
        case .insufficientStables(let have, let need): "treasury holds \(have) stables, cannot pay \(need)"
        }
    }
}
