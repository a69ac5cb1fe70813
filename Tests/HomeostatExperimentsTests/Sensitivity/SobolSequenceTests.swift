@testable import HomeostatExperiments
import Testing

// Reference points were computed once with SciPy 1.17 (`scipy.stats.qmc.Sobol(d=64,
// scramble=False).random(1024)`, which uses the same Joe–Kuo table and Gray-code order),
// each coordinate multiplied by 2^32; the script is not committed.

@Suite("Sobol' sequence")
struct SensitivitySobolSequenceTests {
    @Test func firstPointsMatchTheReference() throws {
        let s = try SobolSequence(dimensions: 4)
        let expected: [[Double]] = [
            [0, 0, 0, 0], [0.5, 0.5, 0.5, 0.5], [0.75, 0.25, 0.25, 0.25], [0.25, 0.75, 0.75, 0.75],
            [0.375, 0.375, 0.625, 0.875], [0.875, 0.875, 0.125, 0.375], [0.625, 0.125, 0.875, 0.625],
            [0.125, 0.625, 0.375, 0.125],
        ]
        #expect((0..<8).map(s.point) == expected)
    }

    @Test(arguments: [
        (1, [2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648]),
        (2, [3221225472, 1073741824, 1073741824, 1073741824, 1073741824, 3221225472]),
        (5, [3758096384, 3758096384, 536870912, 2684354560, 1610612736, 2684354560]),
        (100, [1778384896, 1107296256, 3321888768, 3254779904, 3053453312, 2785017856]),
        (1000, [943718400, 415236096, 2227175424, 2243952640, 3921674240, 1916796928]),
        (1023, [4194304, 3233808384, 2629828608, 3720347648, 2713714688, 171966464]),
    ] as [(Int, [UInt64])])
    func highDimensionsMatchTheReference(index: Int, bits: [UInt64]) throws {
        let s = try SobolSequence(dimensions: 64)
        let p = s.point(index)
        let dims = [0, 1, 2, 20, 40, 63]
        #expect(dims.map { UInt64(p[$0] * 0x1.0p32) } == bits)
    }

    /// All 64 coordinates at indices whose Gray codes set bits 1–9, 1–10 and 1–32, so every
    /// initial direction number and the recurrence up to bit 32 of every dimension are used
    /// (SciPy reference, `bits=32` and `fast_forward` for the last one).
    @Test(arguments: [
        (341, [
            0xFF800000, 0x81800000, 0x27800000, 0x55800000, 0xC9800000, 0x31800000, 0x9F800000, 0xD5800000,
            0xEF800000, 0x7E800000, 0xFE800000, 0x4D800000, 0x1A800000, 0x5C800000, 0xF5800000, 0xCA800000,
            0x22800000, 0x86800000, 0xAE800000, 0x3A800000, 0x56800000, 0x03800000, 0x5A800000, 0x4E800000,
            0x38800000, 0x41800000, 0x8C800000, 0x35800000, 0x63800000, 0x36800000, 0x87800000, 0x2B800000,
            0x5D800000, 0x04800000, 0x18800000, 0xE8800000, 0xE1800000, 0x63800000, 0x47800000, 0xFB800000,
            0xBD800000, 0x01800000, 0x57800000, 0x85800000, 0xE5800000, 0x29800000, 0xF2800000, 0xCA800000,
            0xBA800000, 0x04800000, 0xCC800000, 0x88800000, 0x10800000, 0x00800000, 0x7D800000, 0x24800000,
            0x64800000, 0x00800000, 0x7C800000, 0x56800000, 0x25800000, 0x7C800000, 0x53800000, 0x9D800000,
        ]),
        (682, [
            0xFFC00000, 0x41400000, 0xBB400000, 0x70C00000, 0xE6400000, 0x41C00000, 0xBC400000, 0x4BC00000,
            0xB7C00000, 0xA7400000, 0x53400000, 0x44C00000, 0x3BC00000, 0xF6C00000, 0xA9400000, 0xBC400000,
            0x72C00000, 0x66C00000, 0x3B400000, 0x6B400000, 0x8B400000, 0x07400000, 0x91C00000, 0x7CC00000,
            0x05C00000, 0x21C00000, 0x0EC00000, 0xF7400000, 0xB4C00000, 0x59C00000, 0x6A400000, 0xB6C00000,
            0x2E400000, 0xDB400000, 0x4DC00000, 0x35C00000, 0x10C00000, 0x9F400000, 0xA1400000, 0x49400000,
            0x1C400000, 0xF8C00000, 0xBA400000, 0x9E400000, 0x9AC00000, 0x66400000, 0x05C00000, 0x09C00000,
            0x6D400000, 0xD6400000, 0x8EC00000, 0xA4C00000, 0xB8400000, 0x68C00000, 0x95C00000, 0x38C00000,
            0xA8C00000, 0xDCC00000, 0xC6C00000, 0x0CC00000, 0x3FC00000, 0x4EC00000, 0x99C00000, 0x97C00000,
        ]),
        (0xAAAA_AAAA, [
            0xFFFFFFFF, 0x00000001, 0x4F00FFFF, 0x300CFF8D, 0x50050093, 0xC0111111, 0x4070CCDD, 0x84F0027F,
            0x87F305CF, 0x812AD7A7, 0x87629643, 0x84FE76D3, 0x840D0E51, 0xED0CF3AD, 0x2B02B0EB, 0x504F41DF,
            0x33CC45BD, 0xD5145157, 0xD91D5079, 0xD0B76ED1, 0xCF013877, 0xA3926AD7, 0x950C6837, 0x3400199B,
            0xE7C54F53, 0xB690CEFD, 0x3711477D, 0x8F8F63FF, 0xA9D2170F, 0x0C77E303, 0x694DBD03, 0x8391EF09,
            0x4F67F005, 0xC667F003, 0x41030005, 0xD2D3000B, 0xB1000007, 0x8E907B7B, 0x25B48393, 0x5454BF6F,
            0x066454A7, 0xB904343F, 0x0A51BC15, 0xE2F72C63, 0x6FAFF4AF, 0x78BFD403, 0xF7B762B7, 0xECC0DC4B,
            0x8AA9C139, 0xD300B805, 0x35304E0B, 0x1D792D79, 0xA5592C09, 0x4ADC160B, 0x6AB9EED1, 0x5D692E17,
            0x553103CF, 0x92D85731, 0x0160526B, 0xCA6F3C79, 0x136DE4BD, 0x9BB03AE5, 0xC4002581, 0x5FF5F5DF,
        ]),
    ] as [(Int, [UInt64])])
    func everyDimensionMatchesTheReference(index: Int, bits: [UInt64]) throws {
        let s = try SobolSequence(dimensions: 64)
        #expect(s.point(index).map { UInt64($0 * 0x1.0p32) } == bits)
    }

    /// The table's polynomials must be exactly the primitive polynomials over GF(2) of
    /// degree 1…9, in Joe and Kuo's order (by degree, then by `a`), and every initial
    /// direction number `m_j` odd and below `2^j`. A transcription error in `s` or `a`
    /// fails the first check; one in `m` usually fails the reference points above.
    @Test func tableHoldsThePrimitivePolynomialsInOrder() {
        var expected: [(Int, UInt32)] = []
        for degree in 1...9 {
            for a in 0..<(UInt32(1) << UInt32(max(degree - 1, 0))) where isPrimitive(degree: degree, inner: a) {
                expected.append((degree, a))
            }
        }
        let table = JoeKuo.table.map { ($0.degree, $0.coefficients) }
        #expect(table.count == 63)
        #expect(Array(expected.prefix(table.count)).elementsEqual(table) { $0 == $1 })
        for row in JoeKuo.table {
            #expect(row.initial.count == row.degree)
            for (j, m) in row.initial.enumerated() { #expect(m % 2 == 1 && m < 1 << UInt32(j + 1)) }
        }
    }

    @Test(arguments: [false, true])
    func everyDimensionIsStratified(scrambled: Bool) throws {
        let s = try SobolSequence(dimensions: SobolSequence.maximumDimensions, scrambleSeed: scrambled ? 7 : nil)
        let m = 8
        let points = (0..<(1 << m)).map(s.point)
        for d in 0..<s.dimensions {
            let bins = Set(points.map { Int($0[d] * Double(1 << m)) })
            #expect(bins.count == 1 << m, "dimension \(d)")
        }
    }

    /// Dimensions 1 and 2 form a (0, 2)-sequence: every box `[a/2^i, (a+1)/2^i) × [b/2^(m−i), …)`
    /// of area `2^−m` holds exactly one of the first `2^m` points.
    @Test func firstTwoDimensionsFormANet() throws {
        let s = try SobolSequence(dimensions: 2, scrambleSeed: 3)
        let m = 6
        let points = (0..<(1 << m)).map(s.point)
        for i in 0...m {
            let boxes = Set(points.map { [Int($0[0] * Double(1 << i)), Int($0[1] * Double(1 << (m - i)))] })
            #expect(boxes.count == 1 << m, "split \(i)")
        }
    }

    @Test func scrambleIsDeterministicAndSeedDependent() throws {
        let a = try SobolSequence(dimensions: 5, scrambleSeed: 11)
        let b = try SobolSequence(dimensions: 5, scrambleSeed: 11)
        let c = try SobolSequence(dimensions: 5, scrambleSeed: 12)
        #expect((0..<32).map(a.point) == (0..<32).map(b.point))
        #expect((0..<32).map(a.point) != (0..<32).map(c.point))
        #expect(a.point(0) != [0, 0, 0, 0, 0])
        #expect((0..<32).allSatisfy { a.point($0).allSatisfy { (0..<1).contains($0) } })
    }

    @Test(arguments: [0, -1, 65])
    func rejectsUnsupportedDimensions(_ d: Int) {
        let e = #expect(throws: SensitivityError.self) { try SobolSequence(dimensions: d) }
        #expect(e?.code == "SEN004")
        #expect(e?.message.contains("1 to 64 dimensions") == true)
    }
}

/// Whether `x^s + a_1 x^(s−1) + … + a_(s−1) x + 1` (inner bits in `inner`) is primitive over
/// GF(2): `x` has multiplicative order exactly `2^s − 1` modulo the polynomial.
private func isPrimitive(degree s: Int, inner: UInt32) -> Bool {
    let poly = (UInt64(1) << UInt64(s)) | (UInt64(inner) << 1) | 1
    let order = (UInt64(1) << UInt64(s)) - 1
    func times(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var result: UInt64 = 0
        var a = a
        var b = b
        while b != 0 {
            if b & 1 == 1 { result ^= a }
            b >>= 1
            a <<= 1
            if a >> UInt64(s) & 1 == 1 { a ^= poly }
        }
        return result
    }
    func power(_ e: UInt64) -> UInt64 {
        var result: UInt64 = 1
        var base: UInt64 = s == 1 ? 1 : 2  // x mod (x + 1) is 1
        var e = e
        while e != 0 {
            if e & 1 == 1 { result = times(result, base) }
            base = times(base, base)
            e >>= 1
        }
        return result
    }
    guard power(order) == 1 else { return false }
    // The order must not be a proper divisor of 2^s − 1.
    var n = order
    var p: UInt64 = 2
    while p * p <= n {
        if n % p == 0 {
            if power(order / p) == 1 { return false }
            while n % p == 0 { n /= p }
        }
        p += 1
    }
    if n > 1 && n != order && power(order / n) == 1 { return false }
    return true
}
