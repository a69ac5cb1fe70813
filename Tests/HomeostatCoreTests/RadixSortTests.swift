import HomeostatCore
import Testing

@Test func radixSortMatchesComparisonSort() {
    var rng = Xoshiro256StarStar(seed: 11)
    var scratch: [UInt64] = []
    for n in [0, 1, 2, 7, 1000, 70_000] {
        var values = (0..<n).map { i -> Double in
            switch i % 5 {
            case 0: return 0
            case 1: return rng.uniform() * 1e-300  // subnormals and tiny normals
            case 2: return rng.lognormal(mu: 3, sigma: 4)
            case 3: return Double(Int(rng.uniform() * 10))  // ties
            default: return rng.uniform()
            }
        }
        let expected = values.sorted()
        RadixSort.sortNonNegative(&values, scratch: &scratch)
        #expect(values.map(\.bitPattern) == expected.map(\.bitPattern), "n = \(n)")
    }
}
