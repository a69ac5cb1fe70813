/// A probability distribution of a per-agent parameter, declared in a scenario and drawn
/// once per agent when a population is created.
public enum Distribution: Sendable, Equatable {
    /// Every agent gets the same value.
    case constant(Double)
    /// Uniform on [low, high).
    case uniform(low: Double, high: Double)
    /// Normal, clipped to [low, high] (use infinite bounds for none).
    case normal(mean: Double, stdev: Double, low: Double, high: Double)
    /// `exp(N(mu, sigma))`.
    case lognormal(mu: Double, sigma: Double)
    /// Beta(alpha, beta) on [0, 1].
    case beta(alpha: Double, beta: Double)
    /// Exponential with the given mean.
    case exponential(mean: Double)

    /// Draws one value.
    @inlinable
    public func sample(_ rng: inout Xoshiro256StarStar) -> Double {
        switch self {
        case .constant(let v): return v
        case .uniform(let lo, let hi): return rng.uniform(lo, hi)
        case .normal(let m, let s, let lo, let hi): return min(max(m + s * rng.normal(), lo), hi)
        case .lognormal(let mu, let sigma): return rng.lognormal(mu: mu, sigma: sigma)
        case .beta(let a, let b): return rng.beta(a, b)
        case .exponential(let mean): return rng.exponential(rate: 1 / mean)
        }
    }

    /// The distribution's mean (of the unclipped law for `normal`).
    public var mean: Double {
        switch self {
        case .constant(let v): v
        case .uniform(let lo, let hi): (lo + hi) / 2
        case .normal(let m, _, _, _): m
        case .lognormal(let mu, let sigma): _exp(mu + sigma * sigma / 2)
        case .beta(let a, let b): a / (a + b)
        case .exponential(let mean): mean
        }
    }

    /// The smallest and largest value a draw can take.
    public var support: ClosedRange<Double> {
        switch self {
        case .constant(let v): v...v
        case .uniform(let lo, let hi): lo...hi
        case .normal(_, _, let lo, let hi): lo...hi
        case .lognormal: 0...Double.infinity
        case .beta: 0...1
        case .exponential: 0...Double.infinity
        }
    }
}
