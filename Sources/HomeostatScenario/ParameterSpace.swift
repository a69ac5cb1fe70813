/// A parameter space a sweep explores: which scenario fields vary, over what, and how the
/// points are chosen. Declared in a scenario's `sweep:` section (`docs/scenario.md`).
public struct ParameterSpace: Sendable, Equatable {
    /// How points are chosen.
    public enum Design: String, Sendable, Equatable, CaseIterable {
        /// The Cartesian product of every parameter's values (`steps` points per range).
        case grid
        /// Independent uniform draws per parameter.
        case random
        /// Latin hypercube: each parameter's range cut into `points` equal strata, one draw per
        /// stratum, strata paired across parameters by random permutations.
        case lhs
    }

    public var parameters: [SweepParameter]
    public var design: Design
    /// Points for `random` and `lhs` (a grid has as many as its product).
    public var points: Int

    public init(parameters: [SweepParameter], design: Design, points: Int) {
        self.parameters = parameters
        self.design = design
        self.points = points
    }
}

/// One swept field.
public struct SweepParameter: Sendable, Equatable {
    /// The field's path in the scenario file: dotted keys, `name[i]` for a list item, and
    /// `populations.NAME` for the population called NAME, e.g.
    /// `mechanisms.vote_escrow.max_lock_days` or `populations.believers.lock_propensity`.
    public var path: String
    public var domain: Domain

    public enum Domain: Sendable, Equatable {
        /// Numbers in [low, high]; integers when both ends are written as integers.
        /// `steps` is the number of grid points (ends included).
        case range(low: Double, high: Double, integer: Bool, steps: Int)
        /// Exactly these numbers.
        case values([Double])
        /// Exactly these words (an enumerated field such as `payout`).
        case choices([String])
    }

    public init(path: String, domain: Domain) {
        self.path = path
        self.domain = domain
    }

    /// The grid values of this parameter.
    public var gridValues: [SweepValue] {
        switch domain {
        case .range(let low, let high, let integer, let steps):
            if steps == 1 { return [.number(integer ? (low + (high - low) / 2).rounded() : low + (high - low) / 2)] }
            return (0..<steps).map { k in
                let x = low + (high - low) * Double(k) / Double(steps - 1)
                return .number(integer ? x.rounded() : x)
            }
        case .values(let v): return v.map(SweepValue.number)
        case .choices(let c): return c.map(SweepValue.word)
        }
    }

    /// The value at `u` in [0, 1): a position along the range, or an index into the values.
    public func value(atUnit u: Double) -> SweepValue {
        switch domain {
        case .range(let low, let high, let integer, _):
            let x = low + (high - low) * u
            return .number(integer ? min(max(x.rounded(), low), high) : x)
        case .values(let v): return .number(v[min(Int(u * Double(v.count)), v.count - 1)])
        case .choices(let c): return .word(c[min(Int(u * Double(c.count)), c.count - 1)])
        }
    }
}

/// A value of a swept field.
public enum SweepValue: Sendable, Equatable, Hashable, CustomStringConvertible {
    case number(Double)
    case word(String)

    public var description: String {
        switch self {
        case .number(let x): x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
        case .word(let w): w
        }
    }

    /// The number, or the index of the word among `choices` (for tables and charts).
    public func numeric(in parameter: SweepParameter) -> Double {
        switch self {
        case .number(let x): return x
        case .word(let w):
            if case .choices(let c) = parameter.domain, let i = c.firstIndex(of: w) { return Double(i) }
            return .nan
        }
    }
}
