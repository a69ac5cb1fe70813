@testable import HomeostatExperiments
import Testing

@Test(arguments: [
    (1000.0, "1000"), (0.1, "0.1"), (1234.5, "1234.5"), (0.0, "0"), (-0.0, "0"),
    (1e16, "10000000000000000"), (1.2345e-7, "0.00000012345"), (123456789012345680000.0, "123456789012345680000"),
    (Double.leastNonzeroMagnitude, "0." + String(repeating: "0", count: 323) + "5"), (-2.5, "-2.5"), (653.9907, "653.9907"),
    (0.1 + 0.2, "0.30000000000000004"), (0.000000000056654243, "0.000000000056654243"),
])
func decimalFormatIsPositionalAndShortest(_ value: Double, _ text: String) {
    #expect(ReplayDecimal.format(value) == text)
}

@Test func decimalFormatRoundTrips() {
    var rng = SplitMixForTest(state: 7)
    for _ in 0..<20_000 {
        let value = Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF)  // finite, non-negative
        let text = ReplayDecimal.format(value)
        #expect(!text.contains("e") && !text.contains("E"), "\(text)")
        #expect(ReplayDecimal.parse(text) == value, "\(value) -> \(text)")
    }
}

@Test(arguments: ["1234.5", "0", "007", "0.000000000056654243", "1000000000000000000000000"])
func decimalParseAccepts(_ text: String) {
    #expect(ReplayDecimal.parse(text) == Double(text))
}

@Test(arguments: ["", ".", ".5", "5.", "-1", "+1", "1e3", "1E3", " 1", "1 ", "1,5", "0x10", "inf", "nan", "1..2",
                  String(repeating: "9", count: 400)])
func decimalParseRejects(_ text: String) {
    #expect(ReplayDecimal.parse(text) == nil)
}

@Test func jsonWriterEscapesAndKeepsOrder() {
    var inner = ReplayJSONWriter()
    inner.add("z", integer: -3)
    var writer = ReplayJSONWriter()
    writer.add("b", string: "q\"\\\n\u{1}é")
    writer.add("a", decimal: 0.5)
    writer.add("o", object: inner)
    writer.add("l", objects: [inner, ReplayJSONWriter()])
    #expect(writer.json == #"{"b": "q\"\\\n\u0001é", "a": "0.5", "o": {"z": -3}, "l": [{"z": -3}, {}]}"#)
}

/// SplitMix64 written out here so this test does not depend on Core's generator.
struct SplitMixForTest {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
