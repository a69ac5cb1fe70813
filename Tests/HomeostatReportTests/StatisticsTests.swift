import HomeostatTesting
import Testing
@testable import HomeostatReport

/// A sample and numpy's answers for it (numpy 2.4.6, `np.quantile(a, q)` with the default
/// `method="linear"`, `np.mean(a)`, `np.std(a, ddof=1)`), pasted as printed by `repr`.
struct NumpyCase: Sendable, CustomTestStringConvertible {
    let name: String
    let values: [Double]
    let quantiles: [Double]  // at NumpyCase.probabilities
    let mean: Double
    let stdev: Double
    var testDescription: String { name }

    static let probabilities = [0.0, 0.05, 0.25, 0.5, 0.75, 0.95, 1.0, 0.333]

    static let all = [
        NumpyCase(
            name: "five", values: [3.0, 1.0, 4.0, 1.0, 5.0],
            quantiles: [1.0, 1.0, 1.0, 3.0, 4.0, 4.8, 5.0, 1.6640000000000001],
            mean: 2.8, stdev: 1.7888543819998317),
        NumpyCase(
            name: "ten", values: (0..<10).map { 0.1 * Double($0) * Double($0) - 2.5 },  // [0.1*i*i - 2.5 for i in range(10)]
            quantiles: [
                -2.5, -2.455, -1.975, -0.44999999999999996, 2.075, 4.834999999999998, 5.6,
                -1.6014999999999997,
            ],
            mean: 0.35, stdev: 2.83048876815766),
        NumpyCase(
            name: "mixed", values: [2.5, -1.25, 7.0, 0.3, 0.3, 9.75, -4.0],
            quantiles: [
                -4.0, -3.175, -0.47500000000000003, 0.3, 4.75, 8.924999999999997, 9.75,
                0.29690000000000033,
            ],
            mean: 2.085714285714286, stdev: 4.788938146544448),
        NumpyCase(
            name: "two", values: [10.0, 20.0],
            quantiles: [10.0, 10.5, 12.5, 15.0, 17.5, 19.5, 20.0, 13.33],
            mean: 15.0, stdev: 7.0710678118654755),
    ]
}

@Suite struct StatisticsTests {
    @Test(arguments: NumpyCase.all)
    func quantilesMatchNumpyBitForBit(_ c: NumpyCase) {
        // Statistics.quantile promises numpy's bits on finite input (same lerp), so exact
        // equality is the claim under test here, not a shortcut.
        for (p, expected) in zip(NumpyCase.probabilities, c.quantiles) {
            let q = Statistics.quantile(c.values, p)
            #expect(q.bitPattern == expected.bitPattern, "p=\(p): \(q) vs numpy \(expected)")
        }
    }

    @Test(arguments: NumpyCase.all)
    func meanAndStdevMatchNumpy(_ c: NumpyCase) {
        #expect(close(Statistics.mean(c.values), c.mean))
        #expect(close(Statistics.standardDeviation(c.values), c.stdev))
        #expect(close(Statistics.variance(c.values), c.stdev * c.stdev, relative: 1e-13))
    }

    @Test(arguments: NumpyCase.all)
    func summaryAgreesWithSeparateFunctions(_ c: NumpyCase) {
        let s = Summary(c.values.reversed())
        #expect(s.count == c.values.count)
        #expect(s.nanCount == 0)
        #expect(close(s.mean, c.mean))
        #expect(close(s.stdev, c.stdev))
        #expect(s.min == c.values.min())
        #expect(s.max == c.values.max())
        #expect(s.p5 == c.quantiles[1])
        #expect(s.p25 == c.quantiles[2])
        #expect(s.p50 == c.quantiles[3])
        #expect(s.p75 == c.quantiles[4])
        #expect(s.p95 == c.quantiles[5])
    }

    @Test func summaryDoesNotDependOnInputOrder() {
        let values: [Double] = (0..<101).map { (i: Int) -> Double in
            let scrambled = Double((i * 37) % 101)
            return scrambled * 0.1 + 1e-3 * Double(i)
        }
        let a = Summary(values)
        let b = Summary(values.reversed())
        #expect(a.mean.bitPattern == b.mean.bitPattern)
        #expect(a.stdev.bitPattern == b.stdev.bitPattern)
    }

    @Test func welfordStaysAccurateWithALargeOffset() {
        // A sum of squares would lose every digit here: the values are 1e9 + {4, 7, 13, 16}.
        let values = [4.0, 7, 13, 16].map { $0 + 1e9 }
        #expect(close(Statistics.variance(values), 30, relative: 1e-9))
        #expect(close(Statistics.mean(values), 1e9 + 10))
    }

    @Test func nanValuesAreSkippedAndCounted() {
        let values = [Double.nan, 3, 1, .nan, 4, 1, 5, .nan]
        let s = Summary(values)
        #expect(s.count == 5)
        #expect(s.nanCount == 3)
        #expect(s.p50 == 3)
        #expect(close(s.mean, 2.8))
        #expect(close(s.stdev, 1.7888543819998317))
        #expect(Statistics.quantile(values, 0.95) == 4.8)
        var moments = RunningMoments()
        for v in values { moments.add(v) }
        #expect(moments.count == 5 && moments.nanCount == 3)
        #expect(close(moments.mean, 2.8))
    }

    @Test func emptyAndSingleSamples() {
        let empty = Summary([Double.nan, .nan])
        #expect(empty.count == 0 && empty.nanCount == 2)
        #expect(empty.mean.isNaN && empty.stdev.isNaN && empty.min.isNaN && empty.p50.isNaN && empty.max.isNaN)
        #expect(empty.meanConfidenceInterval() == nil)
        let one = Summary([7.0])
        #expect(one.mean == 7 && one.p5 == 7 && one.p95 == 7 && one.min == 7 && one.max == 7)
        #expect(one.stdev.isNaN)
        #expect(one.meanConfidenceInterval() == nil)
        #expect(Statistics.quantile([Double](), 0.5).isNaN)
        #expect(Statistics.quantile([1.0, 2.0], 1.5).isNaN)
        #expect(Statistics.quantile([1.0, 2.0], -0.1).isNaN)
    }

    @Test func infinitiesDoNotCrashAndPropagate() {
        let s = Summary([1, 2, .infinity])
        #expect(s.max == .infinity)
        #expect(s.mean == .infinity)
        #expect(s.stdev.isNaN)
        #expect(s.p5 == 1.1)
        #expect(s.min == 1)
        // numpy gives NaN for the next three (∞ − ∞, 0 · ∞); the interpolation's limit is meant.
        #expect(s.p95 == .infinity)
        #expect(Statistics.quantile([1, 2, .infinity], 0.5) == 2)
        #expect(Statistics.quantile([-.infinity, 1, 2], 0.25) == -.infinity)
        #expect(Statistics.quantile([.infinity, .infinity], 0.3) == .infinity)
        // Neighbours whose difference overflows still interpolate to a finite value.
        let m = Double.greatestFiniteMagnitude
        #expect(Statistics.quantile([-m, m], 0.5) == 0)
        #expect(close(Statistics.quantile([-m, m], 0.75), m / 2))
    }

    /// SciPy 1.17.1 `scipy.stats.t.ppf(p, df)`.
    @Test(arguments: [
        (1.0, 12.706204736174694, 6.313751514675037, 63.656741162871526, -318.30883898555044),
        (2.0, 4.302652729749462, 2.9199855803537242, 9.924843200918287, -22.327124770119873),
        (3.0, 3.1824463052837078, 2.3533634348018233, 5.840909309733355, -10.214531852407385),
        (4.0, 2.7764451051977934, 2.1318467863266495, 4.604094871349992, -7.1731822197823085),
        (5.0, 2.5705818356363146, 2.0150483733330233, 4.032142983555228, -5.893429531356009),
        (9.0, 2.262157162798205, 1.833112932656237, 3.249835541592126, -4.296805662729919),
        (10.0, 2.228138851986274, 1.8124611228116756, 3.16927267261695, -4.143700494046589),
        (29.0, 2.045229642132703, 1.6991270265334972, 2.756385903670605, -3.396240288356803),
        (30.0, 2.0422724563012378, 1.697260886593957, 2.7499956535672254, -3.385184866829305),
        (31.0, 2.039513446396408, 1.6955187825458649, 2.744041919294269, -3.3748992804233016),
        (50.0, 2.008559112100761, 1.675905025163097, 2.677793270940844, -3.2614090557983184),
        (100.0, 1.9839715185235518, 1.6602343260853392, 2.6258905214380173, -3.173739493738783),
        (1000.0, 1.9623390808264083, 1.6463788172854643, 2.580754698065951, -3.0984021639129233),
    ])
    func studentTQuantileMatchesScipy(_ row: (Double, Double, Double, Double, Double)) {
        let (df, p975, p95, p995, p001) = row
        #expect(close(Statistics.studentTQuantile(0.975, degreesOfFreedom: df), p975, relative: 1e-12))
        #expect(close(Statistics.studentTQuantile(0.95, degreesOfFreedom: df), p95, relative: 1e-12))
        #expect(close(Statistics.studentTQuantile(0.995, degreesOfFreedom: df), p995, relative: 1e-12))
        #expect(close(Statistics.studentTQuantile(0.001, degreesOfFreedom: df), p001, relative: 1e-12))
        #expect(close(Statistics.studentTQuantile(0.025, degreesOfFreedom: df), -p975, relative: 1e-12))
    }

    /// `(df, p, t)` with `t` the exact quantile, solved with mpmath at 40 digits from
    /// `½ · betainc(df/2, ½, 0, df/(df+t²), regularized=True)`, rounded to Double. (SciPy's
    /// `t.ppf` was the starting point; it is off by 1.6e-9 relative at df = 4, p = 0.5001.)
    static let exactTQuantiles: [(Double, Double, Double)] = [
        (1.0, 1e-15, -318309886183790.6),
        (1.0, 1e-08, -31830988.618379056),
        (1.0, 0.001, -318.30883898555044),
        (1.0, 0.025, -12.706204736174705),
        (1.0, 0.3, -0.7265425280053609),
        (1.0, 0.5001, 0.0003141592756943707),
        (1.0, 0.9, 3.077683537175254),
        (1.0, 0.975, 12.706204736174694),
        (1.0, 0.999999999, 318309895.1862093),
        (1.5, 1e-15, -5219469427.344636),
        (1.5, 1e-08, -112450.05997355733),
        (1.5, 0.001, -52.18443000899265),
        (1.5, 0.025, -6.0166631044279315),
        (1.5, 0.3, -0.6517954826023571),
        (1.5, 0.5001, 0.000293483228561816),
        (1.5, 0.9, 2.1963984175655376),
        (1.5, 0.975, 6.016663104427928),
        (1.5, 0.999999999, 521946.95257454924),
        (2.0, 1e-15, -22360679.774997864),
        (2.0, 1e-08, -7071.067705799457),
        (2.0, 0.001, -22.327124770119877),
        (2.0, 0.025, -4.302652729749464),
        (2.0, 0.3, -0.6172133998483676),
        (2.0, 0.5001, 0.0002828427181314423),
        (2.0, 0.9, 1.885618083164127),
        (2.0, 0.975, 4.302652729749462),
        (2.0, 0.999999999, 22360.68005765849),
        (3.0, 1e-15, -103311.08359284989),
        (3.0, 1e-08, -479.5250695797383),
        (3.0, 0.001, -10.214531852407386),
        (3.0, 0.025, -3.1824463052837095),
        (3.0, 0.3, -0.5843897274398187),
        (3.0, 0.5001, 0.00027206990911047337),
        (3.0, 0.9, 1.6377443536962104),
        (3.0, 0.975, 3.1824463052837086),
        (3.0, 0.999999999, 1033.1096842432755),
        (4.0, 1e-15, -7400.827819722824),
        (4.0, 1e-08, -131.59473694062356),
        (4.0, 0.001, -7.1731822197823085),
        (4.0, 0.025, -2.7764451051977943),
        (4.0, 0.3, -0.5686490630497055),
        (4.0, 0.5001, 0.0002666666706172547),
        (4.0, 0.9, 1.533206274058944),
        (4.0, 0.975, 2.7764451051977934),
        (4.0, 0.999999999, 234.02761206090787),
        (7.0, 1e-15, -279.12799927928),
        (7.0, 1e-08, -27.80228318811989),
        (7.0, 0.001, -4.785289628638334),
        (7.0, 0.025, -2.3646242515927853),
        (7.0, 0.3, -0.5491096579472851),
        (7.0, 0.5001, 0.00025974603090254505),
        (7.0, 0.9, 1.4149239276505086),
        (7.0, 0.975, 2.364624251592785),
        (7.0, 0.999999999, 38.70598080026368),
        (12.3, 1e-15, -48.52260409355837),
        (12.3, 1e-08, -12.676215480645064),
        (12.3, 0.001, -3.904740049671314),
        (12.3, 0.025, -2.1729334817589625),
        (12.3, 0.3, -0.5382642316061471),
        (12.3, 0.5001, 0.0002558040489007296),
        (12.3, 0.9, 1.354294637638848),
        (12.3, 0.975, 2.172933481758962),
        (12.3, 0.999999999, 15.454224850662525),
        (30.0, 1e-15, -14.925858475139002),
        (30.0, 1e-08, -7.556534651885402),
        (30.0, 0.001, -3.385184866829305),
        (30.0, 0.025, -2.042272456301238),
        (30.0, 0.3, -0.5300190039065045),
        (30.0, 0.5001, 0.00025276002539339365),
        (30.0, 0.9, 1.3104150253913958),
        (30.0, 0.975, 2.0422724563012378),
        (30.0, 0.999999999, 8.445862807441596),
        (100.0, 1e-15, -9.40459275466728),
        (100.0, 1e-08, -6.101573472029796),
        (100.0, 0.001, -3.173739493738783),
        (100.0, 0.025, -1.9839715185235522),
        (100.0, 0.3, -0.5260762706003463),
        (100.0, 0.5001, 0.00025129026070821304),
        (100.0, 0.9, 1.290074761346516),
        (100.0, 0.975, 1.9839715185235518),
        (100.0, 0.999999999, 6.598939826677467),
        (999.0, 1e-15, -8.070412664820296),
        (999.0, 1e-08, -5.6579586182619925),
        (999.0, 0.001, -3.0984103617533125),
        (999.0, 0.025, -1.96234146113345),
        (999.0, 0.3, -0.5245678747137387),
        (999.0, 0.5001, 0.0002507255663669893),
        (999.0, 0.9, 1.2823995700373974),
        (999.0, 0.975, 1.9623414611334495),
        (999.0, 0.999999999, 6.0537466624833804),
        (100000.0, 1e-15, -7.9426174040988515),
        (100000.0, 1e-08, -5.612457174881714),
        (100000.0, 0.001, -3.0903138094272378),
        (100000.0, 0.025, -1.9599877075346097),
        (100000.0, 0.3, -0.5244021842335458),
        (100000.0, 0.5001, 0.0002506634567459054),
        (100000.0, 0.9, 1.2815600314493611),
        (100000.0, 0.975, 1.9599877075346093),
        (100000.0, 0.999999999, 5.998361466274278),
    ]

    @Test func studentTQuantileIsAccurateAcrossDegreesOfFreedomAndTails() {
        var worst = (relative: 0.0, df: 0.0, p: 0.0)
        for (df, p, exact) in Self.exactTQuantiles {
            let t = Statistics.studentTQuantile(p, degreesOfFreedom: df)
            let relative = abs(t - exact) / abs(exact)
            if !(relative <= worst.relative) { worst = (relative, df, p) }
        }
        #expect(worst.relative < 1e-12, "worst: df=\(worst.df) p=\(worst.p) relative error \(worst.relative)")
    }

    @Test func studentTEdgeCases() {
        #expect(Statistics.studentTQuantile(0.5, degreesOfFreedom: 7) == 0)
        #expect(Statistics.studentTQuantile(1, degreesOfFreedom: 7) == .infinity)
        #expect(Statistics.studentTQuantile(0, degreesOfFreedom: 7) == -.infinity)
        #expect(Statistics.studentTQuantile(0.975, degreesOfFreedom: 0).isNaN)
        #expect(Statistics.studentTQuantile(1.2, degreesOfFreedom: 3).isNaN)
        #expect(close(Statistics.studentTQuantile(0.975, degreesOfFreedom: .infinity), 1.959963984540054))
        // Far beyond the Newton range the expansion converges on the normal quantile.
        let huge = Statistics.studentTQuantile(0.975, degreesOfFreedom: 1e9)
        #expect(huge > 1.959963984540054 && close(huge, 1.959963984540054, relative: 1e-8))
    }

    @Test func normalQuantileMatchesScipy() {
        #expect(close(Statistics.normalQuantile(0.975), 1.959963984540054))
        #expect(close(Statistics.normalQuantile(1e-10), -6.361340902404056, relative: 1e-13))
        #expect(close(Statistics.normalQuantile(1 - 1e-10), 6.361340902404056, relative: 1e-6))
        #expect(Statistics.normalQuantile(0.5) == 0)
    }

    @Test func confidenceIntervalUsesTheTQuantile() throws {
        // numpy/scipy: mean ± t.ppf(0.975, 6) · std(ddof=1) / √7.
        let values = [2.5, -1.25, 7.0, 0.3, 0.3, 9.75, -4.0]
        let ci = try #require(Statistics.meanConfidenceInterval(values))
        #expect(close(ci.lower, -2.343314798075442, relative: 1e-12))
        #expect(close(ci.upper, 6.514743369504014, relative: 1e-12))
        #expect(ci.level == 0.95)
        // Five values with sd = √2.5 and df = 4: half-width 2.776 · √2.5 / √5 = 1.963.
        let five = try #require(Summary([1, 2, 3, 4, 5]).meanConfidenceInterval())
        #expect(close(five.halfWidth, 2.7764451051977934 * (0.5).squareRoot(), relative: 1e-12))
        #expect(close((five.lower + five.upper) / 2, 3))
        let ninety = try #require(Summary([1, 2, 3, 4, 5]).meanConfidenceInterval(level: 0.9))
        #expect(close(ninety.halfWidth, 2.1318467863266495 * (0.5).squareRoot(), relative: 1e-12))
        #expect(Statistics.meanConfidenceInterval([1.0, 2.0], level: 1) == nil)
    }

    @Test func histogramMatchesNumpy() {
        // np.histogram(a, bins=4)
        let a = Histogram([2.5, -1.25, 7.0, 0.3, 0.3, 9.75, -4.0], binCount: 4)
        #expect(a.counts == [2, 3, 0, 2])
        #expect(a.edges == [-4.0, -0.5625, 2.875, 6.3125, 9.75])
        // np.histogram([0.1*i for i in range(20)], bins=3)
        let b = Histogram((0..<20).map { 0.1 * Double($0) }, binCount: 3)
        #expect(b.counts == [7, 6, 7])
        #expect(b.edges == [0.0, 0.6333333333333334, 1.2666666666666668, 1.9000000000000001])
        // np.histogram([5.0, 5.0], bins=2)
        let c = Histogram([5.0, 5.0], binCount: 2)
        #expect(c.counts == [0, 2])
        #expect(c.edges == [4.5, 5.0, 5.5])
    }

    @Test func histogramCountsNaNAndOutOfRange() {
        let h = Histogram([0, 1, 2, .nan, -1, 3, .infinity], edges: [0, 1, 2])
        #expect(h.counts == [1, 2])
        #expect(h.nanCount == 1)
        #expect(h.outOfRangeCount == 3)
        let auto = Histogram([1, 2, .infinity, .nan], binCount: 1)
        #expect(auto.edges == [1, 2] && auto.counts == [2] && auto.outOfRangeCount == 1 && auto.nanCount == 1)
        let none = Histogram([Double.nan], binCount: 2)
        #expect(none.edges == [0, 0.5, 1] && none.counts == [0, 0] && none.nanCount == 1)
    }

    /// Final values a few ulps apart (seen: one metric over four runs of ve-economy) or equal
    /// and huge: the bins must still be strictly increasing, and every value counted.
    @Test func histogramOfNearlyEqualValues() {
        let close = [232473.46230790607, 232473.4623079061, 232473.46230790607, 232473.46230790613]
        for values in [close, [1e17, 1e17], [1e300, 1e300 * (1 + 1e-15)]] {
            let h = Histogram(values, binCount: 20)
            #expect(zip(h.edges, h.edges.dropFirst()).allSatisfy { $0 < $1 }, "\(values)")
            #expect(h.counts.reduce(0, +) == values.count && h.outOfRangeCount == 0, "\(values)")
        }
    }
}
