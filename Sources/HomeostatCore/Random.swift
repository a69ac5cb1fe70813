/// SplitMix64: the seeding generator recommended by the xoshiro authors.
///
/// Used only to expand a 64-bit seed into the 256-bit state of ``Xoshiro256StarStar``
/// and to derive independent stream seeds from `(seed, run, stream)`.
public struct SplitMix64: Sendable {
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    /// Returns the next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// xoshiro256**, the simulation's only source of randomness.
///
/// Every draw in a run comes from a generator derived from `(scenario seed, run index,
/// stream)` with ``RandomStream/derive(seed:run:stream:)``, so a run is a pure function of
/// its inputs and runs are independent of the order or thread they execute on.
/// The distribution functions are written here, not taken from the standard library, so
/// results do not move when the standard library changes its internals.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// Seeds the 256-bit state by running SplitMix64 from `seed` (never all zero).
    public init(seed: UInt64) {
        var sm = SplitMix64(state: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    /// Returns the next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inlinable
    func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

    /// A uniform draw on [0, 1) with 53 random bits.
    @inlinable
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform draw on [`low`, `high`).
    @inlinable
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * uniform()
    }

    /// A standard normal draw (Marsaglia's polar method; the second value is discarded
    /// so that every call consumes a whole number of draws and streams stay aligned).
    @inlinable
    public mutating func normal() -> Double {
        while true {
            let u = 2.0 * uniform() - 1.0
            let v = 2.0 * uniform() - 1.0
            let s = u * u + v * v
            if s > 0 && s < 1 {
                return u * (-2.0 * _log(s) / s).squareRoot()
            }
        }
    }

    /// A normal draw with the given mean and standard deviation.
    @inlinable
    public mutating func normal(mean: Double, stdev: Double) -> Double {
        mean + stdev * normal()
    }

    /// A lognormal draw: `exp(N(mu, sigma))`.
    @inlinable
    public mutating func lognormal(mu: Double, sigma: Double) -> Double {
        _exp(mu + sigma * normal())
    }

    /// An exponential draw with the given rate (mean `1/rate`), by inversion.
    @inlinable
    public mutating func exponential(rate: Double) -> Double {
        -_log(1.0 - uniform()) / rate
    }

    /// A Poisson draw with mean `lambda`.
    ///
    /// Knuth's product method below `lambda = 30`; above it, the transformed rejection
    /// method PTRS of Hörmann (1993), which costs O(1) draws for any mean.
    public mutating func poisson(_ lambda: Double) -> Int {
        precondition(lambda >= 0 && lambda.isFinite, "Poisson mean must be finite and non-negative")
        if lambda == 0 { return 0 }
        if lambda < 30 {
            let limit = _exp(-lambda)
            var k = 0
            var p = uniform()
            while p > limit {
                k += 1
                p *= uniform()
            }
            return k
        }
        let slam = lambda.squareRoot()
        let loglam = _log(lambda)
        let b = 0.931 + 2.53 * slam
        let a = -0.059 + 0.02483 * b
        let invalpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = uniform() - 0.5
            let v = uniform()
            let us = 0.5 - abs(u)
            let k = (2 * a / us + b) * u + lambda + 0.43
            if us >= 0.07 && v <= vr { return Int(k) }
            if k < 0 || (us < 0.013 && v > us) { continue }
            let kf = k.rounded(.down)
            if _log(v) + _log(invalpha) - _log(a / (us * us) + b)
                <= -lambda + kf * loglam - _lgamma(kf + 1) {
                return Int(kf)
            }
        }
    }

    /// A gamma draw with the given shape and scale 1 (Marsaglia and Tsang, 2000).
    public mutating func gamma(shape: Double) -> Double {
        precondition(shape > 0 && shape.isFinite, "gamma shape must be positive")
        if shape < 1 {
            // Boost to shape + 1, then scale by U^(1/shape).
            let g = gamma(shape: shape + 1)
            return g * _pow(uniform(), 1.0 / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1.0 / (9.0 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = normal()
                v = 1.0 + c * x
            } while v <= 0
            v = v * v * v
            let u = uniform()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if _log(u) < 0.5 * x * x + d * (1 - v + _log(v)) { return d * v }
        }
    }

    /// A beta draw on [0, 1] from two gamma draws.
    public mutating func beta(_ alpha: Double, _ beta: Double) -> Double {
        let x = gamma(shape: alpha)
        let y = gamma(shape: beta)
        return x / (x + y)
    }
}

/// Derivation of independent random streams.
public enum RandomStream {
    /// Well-known stream numbers, so that the market path of run `r` is drawn from the
    /// same stream whichever mechanisms or agents consume random numbers.
    public static let market: UInt64 = 0
    public static let setup: UInt64 = 1
    public static let events: UInt64 = 2
    /// Population `k` draws from stream `populationBase + k`.
    public static let populationBase: UInt64 = 16

    /// Seeds a generator for `(seed, run, stream)`: the three numbers are mixed through
    /// SplitMix64 so neighbouring runs or streams share no state.
    public static func derive(seed: UInt64, run: Int, stream: UInt64) -> Xoshiro256StarStar {
        var sm = SplitMix64(state: seed)
        let a = sm.next()
        var sm2 = SplitMix64(state: a ^ (UInt64(truncatingIfNeeded: run) &* 0xD1B5_4A32_D192_ED03))
        let b = sm2.next()
        var sm3 = SplitMix64(state: b ^ (stream &* 0x8CB9_2BA7_2F3D_8DD7))
        return Xoshiro256StarStar(seed: sm3.next())
    }
}
