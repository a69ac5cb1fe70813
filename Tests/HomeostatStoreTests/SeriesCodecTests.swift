import GRDB
import HomeostatCore
@testable import HomeostatStore
import Testing

@Suite struct SeriesCodecTests {
    struct Column: Sendable, CustomTestStringConvertible {
        let name: String
        let values: [Double]
        var testDescription: String { name }
    }

    static let columns: [Column] = {
        var rng = Xoshiro256StarStar(seed: 11)
        var walk = [1.0]
        for _ in 1..<730 { walk.append(walk.last! * (1 + 0.03 * rng.normal())) }
        let rawBits = (0..<200).map { _ in Double(bitPattern: rng.next()) }  // NaN payloads included
        return [
            Column(name: "empty", values: []),
            Column(name: "one value", values: [-0.0]),
            Column(name: "constant", values: Array(repeating: 0.25, count: 500)),
            Column(name: "random walk", values: walk),
            Column(name: "specials", values: [0, -0.0, .nan, -.nan, .infinity, -.infinity, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 1, 1, 0]),
            Column(name: "random bit patterns", values: rawBits),
            Column(name: "integers", values: (0..<365).map { Double($0 * 1000) }),
        ]
    }()

    @Test(arguments: columns)
    func valuesRoundTripBitForBit(_ c: Column) throws {
        let bytes = SeriesCodec.encode(c.values)
        let back = try SeriesCodec.decode(bytes, count: c.values.count)
        #expect(back.map(\.bitPattern) == c.values.map(\.bitPattern))
    }

    @Test func compressesSlowSeriesAndBoundsTheWorstCase() {
        let byName = Dictionary(uniqueKeysWithValues: Self.columns.map { ($0.name, $0.values) })
        func ratio(_ name: String) -> Double {
            let v = byName[name]!
            return Double(v.count * 8) / Double(SeriesCodec.encode(v).count)
        }
        #expect(ratio("constant") > 50)  // one bit per repeated value
        #expect(ratio("integers") > 1.8)
        // Incompressible bits cost at most 2 + 12 bits of header per value on top of 64.
        let random = byName["random bit patterns"]!
        #expect(SeriesCodec.encode(random).count <= (random.count * (64 + 14) + 7) / 8)
    }

    @Test(arguments: [[Int32](), [0], Array(0..<730), [5, 3, -7, .max, .min, 0, .min, .max], Array(stride(from: 0, to: 3650, by: 7))])
    func stepsRoundTrip(_ steps: [Int32]) throws {
        let bytes = SeriesCodec.encode(steps: steps)
        #expect(try SeriesCodec.decode(steps: bytes, count: steps.count) == steps)
        if steps.count > 100 { #expect(bytes.count == steps.count) }  // one byte per regular step
    }

    @Test func corruptDataIsAnErrorNotACrash() {
        let values = Self.columns[3].values
        let bytes = SeriesCodec.encode(values)
        #expect(throws: SeriesCodec.Corrupt.self) { _ = try SeriesCodec.decode(Array(bytes.dropLast(3)), count: values.count) }
        #expect(throws: SeriesCodec.Corrupt.self) { _ = try SeriesCodec.decode(bytes + [0xFF], count: values.count) }
        // Up to 7 padding bits read as repeats of the last value, so the row count (stored
        // beside the data) must be right; 8 more values than stored cannot come from padding.
        #expect(throws: SeriesCodec.Corrupt.self) { _ = try SeriesCodec.decode(bytes, count: values.count + 8) }
        #expect(throws: SeriesCodec.Corrupt.self) { _ = try SeriesCodec.decode([1, 2], count: 0) }
        // A window that does not fit in 64 bits: first value, then `1 1`, 63 leading zeros, length 64.
        var w = BitWriter()
        w.write(0, bits: 64)
        w.write(0b11, bits: 2)
        w.write(63, bits: 6)
        w.write(63, bits: 6)
        #expect(throws: SeriesCodec.Corrupt.self) { _ = try SeriesCodec.decode(w.finish(), count: 2) }
        let steps = SeriesCodec.encode(steps: [1, 2, 300])
        #expect(throws: SeriesCodec.Corrupt.self) { _ = try SeriesCodec.decode(steps: Array(steps.dropLast()), count: 3) }
        #expect(throws: SeriesCodec.Corrupt.self) { _ = try SeriesCodec.decode(steps: steps + [0], count: 3) }
        #expect(throws: SeriesCodec.Corrupt.self) { _ = try SeriesCodec.decode(steps: [0xFF, 0xFF, 0xFF, 0xFF, 0x7F], count: 1) }
    }

    @Test func aCorruptBlobInTheStoreIsAnError() throws {
        try withTemporaryDirectory { dir in
            let store = try ResultStore(path: dir + "/s.sqlite")
            let id = try openExperiment(store)
            try record(store, id, points: 1, keys: [RunKey(point: 0, run: 1)])
            try store.pool.write { db in try db.execute(sql: "UPDATE series SET data = substr(data, 1, 10) WHERE name = 'price'") }
            let e = try #require(throws: StoreError.self) { try store.loadRuns(experiment: id) }
            #expect(e.code == "STO006" && e.description.contains("price"))
            #expect(try store.loadRuns(experiment: id, includeSeries: false).count == 1)
        }
    }
}
