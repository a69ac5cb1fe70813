import HomeostatCore
import Testing
@testable import HomeostatReport

@Suite struct NumberFormatTests {
    @Test(arguments: [
        (0.0, "0"), (-0.0, "-0"), (3.0, "3"), (-2.5, "-2.5"), (100.0, "100"), (0.1 + 0.2, "0.30000000000000004"),
        (0.0001, "0.0001"), (0.00001, "0.00001"), (1e-7, "1e-7"), (1.5e-7, "1.5e-7"), (1.234e-6, "0.000001234"),
        (1e15, "1000000000000000"), (9007199254740992.0, "9007199254740992"), (1e21, "1e+21"),
        (123456789012345680000.0, "123456789012345680000"), (1.7976931348623157e308, "1.7976931348623157e+308"),
        (.leastNonzeroMagnitude, "5e-324"), (.nan, "nan"), (.infinity, "inf"), (-.infinity, "-inf"),
    ] as [(Double, String)])
    func roundTripLayout(_ c: (Double, String)) {
        #expect(NumberFormat.roundTrip(c.0) == c.1)
    }

    @Test func roundTripParsesBackBitForBit() throws {
        var bits = SplitMix64(state: 42)
        var checked = 0
        while checked < 20_000 {
            let x = Double(bitPattern: bits.next())
            guard x.isFinite else { continue }
            let text = NumberFormat.roundTrip(x)
            let back = try #require(Double(text))
            #expect(back.bitPattern == x.bitPattern, "\(x) written as \(text)")
            checked += 1
        }
    }

    @Test(arguments: [
        (0.9172, "0.9172"), (15_900.0, "15.9k"), (1_234_567.0, "1.23M"), (123_456.0, "123k"), (999_999.0, "1.00M"),
        (999.96, "1.00k"), (365.0, "365"), (12.345, "12.35"), (1.0, "1"), (0.99996, "1.000"), (9.9996, "10.00"),
        (-2_500_000.0, "-2.50M"), (7.5e9, "7.50B"), (3.2e12, "3.20T"), (1.234e15, "1.23e+15"), (0.000123, "1.23e-04"),
        (0.0, "0"), (.nan, "nan"), (.infinity, "inf"), (-.infinity, "-inf"), (1000.0, "1.00k"), (1e6, "1.00M"),
    ] as [(Double, String)])
    func humanForm(_ c: (Double, String)) {
        #expect(NumberFormat.human(c.0) == c.1)
    }
}
