@testable import HomeostatCore
import Testing

// Expected 64-bit outputs were computed once with a throwaway Python transcription of the
// reference C code (prng.di.unimi.it: splitmix64.c, xoshiro256starstar.c), every
// operation masked to 64 bits; the script is not committed.

@Test func splitMix64KnownOutputs() {
    var sm = SplitMix64(state: 0)
    #expect([sm.next(), sm.next(), sm.next()] == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
}

@Test func xoshiroFromAKnownStateMatchesTheReference() {
    var rng = Xoshiro256StarStar(seed: 0)
    (rng.s0, rng.s1, rng.s2, rng.s3) = (1, 2, 3, 4)
    let expected: [UInt64] = [0x2D00, 0x0, 0x5A00_7080, 0x10E0_0000_0000_9D80, 0x10E0_B61C_E100_9D80, 0x0870_021C_E143_AD00]
    #expect((0..<6).map { _ in rng.next() } == expected)
}

@Test func xoshiroSeededThroughSplitMix() {
    var rng = Xoshiro256StarStar(seed: 42)
    #expect([rng.s0, rng.s1, rng.s2, rng.s3]
        == [0xBDD7_3226_2FEB_6E95, 0x28EF_E333_B266_F103, 0x4752_6757_130F_9F52, 0x581C_E1FF_0E4A_E394])
    #expect((0..<5).map { _ in rng.next() }
        == [0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1, 0xECB8_AD47_03B3_60A1, 0xFDE6_DC7F_E2EC_5E64])
    var again = Xoshiro256StarStar(seed: 42)
    #expect([again.uniform(), again.uniform(), again.uniform()] == [0.08386297105988216, 0.3789802506626686, 0.6800434110281394])
}

@Test func uniformIsInTheUnitIntervalWithTheRightMoments() {
    var rng = Xoshiro256StarStar(seed: 1)
    let n = 200_000
    var moments = Moments()
    for _ in 0..<n {
        let u = rng.uniform()
        #expect(u >= 0 && u < 1)
        moments.add(u)
    }
    #expect(abs(moments.mean - 0.5) < 5 * (1.0 / 12).squareRoot() / Double(n).squareRoot())
    #expect(abs(moments.variance - 1.0 / 12) < 0.002)
    // 53 random bits: the extreme draws are exact.
    var top = Xoshiro256StarStar(seed: 0)
    (top.s0, top.s1, top.s2, top.s3) = (0, 0, 0, 0)
    #expect(top.uniform() == 0)
    let low = rng.uniform(-3, -1)
    #expect(low >= -3 && low < -1)
}

@Test func normalMeanAndVariance() {
    var rng = Xoshiro256StarStar(seed: 2)
    let n = 200_000
    var standard = Moments()
    var shifted = Moments()
    for _ in 0..<n {
        standard.add(rng.normal())
        shifted.add(rng.normal(mean: 10, stdev: 3))
    }
    let se = 1 / Double(n).squareRoot()
    #expect(abs(standard.mean) < 5 * se)
    #expect(abs(standard.variance - 1) < 5 * 2.0.squareRoot() * se)
    #expect(abs(shifted.mean - 10) < 5 * 3 * se)
    #expect(abs(shifted.variance - 9) < 5 * 9 * 2.0.squareRoot() * se)
    // Fourth moment of a standard normal is 3 (tails are right, not just the variance).
    #expect(abs(standard.kurtosis - 3) < 0.05)
}

@Test(arguments: [3.0, 50.0])
func poissonMeanAndVariance(_ lambda: Double) {
    var rng = Xoshiro256StarStar(seed: 3)
    let n = 200_000
    var moments = Moments()
    for _ in 0..<n {
        let k = rng.poisson(lambda)
        #expect(k >= 0)
        moments.add(Double(k))
    }
    let se = (lambda / Double(n)).squareRoot()
    #expect(abs(moments.mean - lambda) < 5 * se, "mean \(moments.mean)")
    #expect(abs(moments.variance / lambda - 1) < 0.02, "variance \(moments.variance)")
    #expect(rng.poisson(0) == 0)
}

@Test(arguments: [0.5, 1.0, 2.5, 9.0])
func gammaMeanAndVariance(_ shape: Double) {
    var rng = Xoshiro256StarStar(seed: 4)
    let n = 100_000
    var moments = Moments()
    for _ in 0..<n {
        let g = rng.gamma(shape: shape)
        #expect(g >= 0)
        moments.add(g)
    }
    #expect(abs(moments.mean - shape) < 5 * (shape / Double(n)).squareRoot(), "mean \(moments.mean)")
    #expect(abs(moments.variance / shape - 1) < 0.05, "variance \(moments.variance)")
}

@Test func betaExponentialAndLognormalMeans() {
    var rng = Xoshiro256StarStar(seed: 5)
    let n = 100_000
    var beta = Moments()
    var exponential = Moments()
    var lognormal = Moments()
    for _ in 0..<n {
        let b = rng.beta(2, 5)
        #expect(b >= 0 && b <= 1)
        beta.add(b)
        exponential.add(rng.exponential(rate: 4))
        lognormal.add(rng.lognormal(mu: 0.1, sigma: 0.5))
    }
    // Beta(2, 5): mean 2/7, variance ab/((a+b)^2 (a+b+1)) = 10/392.
    #expect(abs(beta.mean - 2.0 / 7) < 0.002)
    #expect(abs(beta.variance - 10.0 / 392) < 0.001)
    #expect(abs(exponential.mean - 0.25) < 0.004)
    #expect(abs(lognormal.mean - _exp(0.1 + 0.125)) < 0.01)
}

@Test func sameSeedSameStream() {
    var a = Xoshiro256StarStar(seed: 123_456)
    var b = Xoshiro256StarStar(seed: 123_456)
    var c = Xoshiro256StarStar(seed: 123_457)
    var differs = 0
    for _ in 0..<1000 {
        let x = a.next()
        #expect(x == b.next())
        if x != c.next() { differs += 1 }
    }
    #expect(differs == 1000)
    #expect(a.normal() == b.normal() && a.poisson(80) == b.poisson(80) && a.gamma(shape: 0.3) == b.gamma(shape: 0.3))
}

@Test func derivedStreamsDifferPerRunAndStream() {
    func firstDraws(_ run: Int, _ stream: UInt64, seed: UInt64 = 7) -> [UInt64] {
        var rng = RandomStream.derive(seed: seed, run: run, stream: stream)
        return (0..<4).map { _ in rng.next() }
    }
    #expect(firstDraws(0, RandomStream.market) == firstDraws(0, RandomStream.market))
    var seen: Set<[UInt64]> = []
    for run in 0..<50 {
        for stream in [RandomStream.market, RandomStream.setup, RandomStream.events, RandomStream.populationBase,
                       RandomStream.populationBase + 1] {
            seen.insert(firstDraws(run, stream))
        }
    }
    #expect(seen.count == 250)
    #expect(firstDraws(0, 0, seed: 7) != firstDraws(0, 0, seed: 8))
    // Neighbouring runs are not shifted copies of one another.
    let run0 = firstDraws(0, 0)
    let run1 = firstDraws(1, 0)
    #expect(Set(run0).isDisjoint(with: run1))
}

/// Running mean and central moments (Welford), for the distribution tests.
struct Moments {
    private(set) var count = 0.0
    private(set) var mean = 0.0
    private var m2 = 0.0
    private var values: [Double] = []

    mutating func add(_ x: Double) {
        count += 1
        let delta = x - mean
        mean += delta / count
        m2 += delta * (x - mean)
        values.append(x)
    }

    var variance: Double { m2 / (count - 1) }

    var kurtosis: Double {
        let m4 = values.reduce(0) { $0 + _pow($1 - mean, 4) } / count
        return m4 / (variance * variance)
    }
}
