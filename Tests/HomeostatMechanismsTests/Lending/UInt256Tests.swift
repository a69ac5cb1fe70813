import HomeostatCore
import HomeostatMechanisms
import Testing

extension Lending {
    @Suite struct UInt256Arithmetic {
        @Test func decimalRoundTripAndLimits() {
            let max = "115792089237316195423570985008687907853269984665640564039457584007913129639935"
            #expect(UInt256(decimal: max)?.description == max)
            #expect(UInt256.max.description == max)
            #expect(UInt256(decimal: "115792089237316195423570985008687907853269984665640564039457584007913129639936") == nil)
            #expect(UInt256(decimal: "12a") == nil)
            #expect(UInt256.powerOfTen(77).description == "1" + String(repeating: "0", count: 77))
            #expect(UInt256.zero.description == "0")
        }

        @Test func overflowIsReported() {
            #expect(UInt256.max.addingReportingOverflow(.one).overflow)
            #expect(UInt256.zero.subtractingReportingOverflow(.one).overflow)
            let half = UInt256.one << 128
            #expect(half.multipliedReportingOverflow(by: half).overflow)
            #expect(!half.multipliedReportingOverflow(by: UInt256.one << 127).overflow)
        }

        /// Products and quotients agree with schoolbook arithmetic on values that fit 128 bits,
        /// and q·d + r = n with r < d on random 256-bit values.
        @Test func divisionIdentityOnRandomValues() {
            var rng = Xoshiro256StarStar(seed: 13)
            func random256(_ bits: Int) -> UInt256 {
                let v = UInt256(high: UInt128(rng.next()) << 64 | UInt128(rng.next()), low: UInt128(rng.next()) << 64 | UInt128(rng.next()))
                return v >> (256 - bits)
            }
            for k in 0..<2000 {
                let n = random256(Int(rng.next() % 256) + 1)
                var d = random256(Int(rng.next() % 256) + 1)
                if d.isZero { d = .one }
                let (q, r) = n.quotientAndRemainder(dividingBy: d)
                #expect(r < d, "case \(k)")
                let (qd, o1) = q.multipliedReportingOverflow(by: d)
                let (sum, o2) = qd.addingReportingOverflow(r)
                #expect(!o1 && !o2 && sum == n, "case \(k): \(n) / \(d)")
            }
            for _ in 0..<500 {
                let a = UInt128(rng.next()), b = UInt128(rng.next())
                #expect(UInt256(a).multipliedReportingOverflow(by: UInt256(b)).partialValue == UInt256(a * b))
            }
        }

        @Test func fullWidthMulDiv() {
            // (2^255 · 6) / 3 = 2^256, too large; (2^255 · 6) / 12 = 2^254.
            let big = UInt256.one << 255
            #expect(big.multipliedFullWidthDivided(by: 6, dividingBy: 3) == nil)
            #expect(big.multipliedFullWidthDivided(by: 6, dividingBy: 12) == UInt256.one << 254)
            #expect(UInt256(1000 as UInt128).multipliedFullWidthDivided(by: 7, dividingBy: 3) == UInt256(2333 as UInt128))
        }
    }
}
