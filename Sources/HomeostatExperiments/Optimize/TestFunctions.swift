#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import HomeostatCore

/// The classic test functions CMA-ES is measured on (pycma's `cma.ff` definitions), each
/// with its minimum 0. Used by the tests and by `bench/cma_vs_pycma.py` through
/// `homeostat optimize --test-functions`.
public enum TestFunction: String, Sendable, CaseIterable {
    /// `Σ x_i²`.
    case sphere
    /// `Σ 10^(6·i/(n−1)) x_i²`: condition number 10⁶.
    case ellipsoid
    /// `Σ 100 (x_i² − x_{i+1})² + (x_i − 1)²`, minimum at (1, …, 1).
    case rosenbrock
    /// `10 n + Σ (x_i² − 10 cos 2π x_i)`: a multimodal grid of local minima.
    case rastrigin

    /// The function's value at `x`.
    public func callAsFunction(_ x: [Double]) -> Double {
        let n = x.count
        switch self {
        case .sphere:
            return x.reduce(0) { $0 + $1 * $1 }
        case .ellipsoid:
            var s = 0.0
            for i in 0..<n {
                let exponent = n == 1 ? 0 : 6 * Double(i) / Double(n - 1)
                s += _pow(10, exponent) * x[i] * x[i]
            }
            return s
        case .rosenbrock:
            var s = 0.0
            for i in 0..<(n - 1) {
                let a = x[i] * x[i] - x[i + 1]
                let b = x[i] - 1
                s += 100 * a * a + b * b
            }
            return s
        case .rastrigin:
            var s = 10 * Double(n)
            for v in x { s += v * v - 10 * cos(2 * Double.pi * v) }
            return s
        }
    }

    /// The benchmark's dimension: 10, and 5 for Rastrigin (the set-up).
    public var benchmarkDimension: Int { self == .rastrigin ? 5 : 10 }

    /// The benchmark's start: every coordinate 3 (0 for Rosenbrock, whose valley starts
    /// there), σ₀ = 2 (Rastrigin: 5, to see several basins), as in the bench script.
    public var benchmarkStart: (mean: [Double], stepSize: Double) {
        let n = benchmarkDimension
        switch self {
        case .rosenbrock: return (Array(repeating: 0, count: n), 0.5)
        case .rastrigin: return (Array(repeating: 3, count: n), 2)
        default: return (Array(repeating: 3, count: n), 2)
        }
    }
}
