import HomeostatExperiments
import Testing

/// ``PoolBenchmark``: the median and the JSON line from a scripted clock, deterministic
/// work for a fixed batch size, and workloads that do what their kinds say.
@Suite struct PoolBenchmarkTests {
    /// A clock whose reads come in (start, end) pairs: the n-th pair reads 0, then
    /// `durations[n]`, so each measured span is exactly its duration.
    struct ScriptedClock {
        var durations: [Double]
        var reads = 0
        mutating func read() -> Double {
            reads += 1
            return reads % 2 == 1 ? 0 : durations[reads / 2 - 1]
        }
    }

    /// Calibration takes exactly the target (0.01 s for 256 swaps), so each batch is 256
    /// swaps; the scripted batch times then give known per-swap figures and their median.
    static let batchTimes = [0.05, 0.01, 0.03, 0.02, 0.07, 0.04, 0.06]

    static func scriptedRun(_ kind: PoolBenchmark.Kind) throws -> (PoolBenchmark.Result, reads: Int) {
        var clock = ScriptedClock(durations: [0.01] + batchTimes)
        let result = try PoolBenchmark.run(kind, options: PoolBenchmark.Options(seconds: 0.07, batches: 7)) { clock.read() }
        return (result, clock.reads)
    }

    @Test func reportsTheMedianBatchAndItsJSONLine() throws {
        let (result, reads) = try Self.scriptedRun(.constantProduct)
        #expect(reads == 16, "one calibration batch and seven timed batches, two reads each")
        #expect(result.swapsPerBatch == 256)
        #expect(result.batchNanosecondsPerSwap == Self.batchTimes.map { $0 * 1e9 / 256 })
        #expect(result.nanosecondsPerSwap == 0.04 * 1e9 / 256)
        #expect(result.swapsPerSecond == 6400)
        #expect(result.jsonLine == #"{"pool": "constant_product", "swaps_per_s": 6400, "ns_per_swap": 156250.0}"#)
    }

    @Test func anEvenBatchCountAveragesTheMiddleTwo() throws {
        var clock = ScriptedClock(durations: [0.01, 0.04, 0.01, 0.03, 0.02])
        let result = try PoolBenchmark.run(.stableSwap2, options: PoolBenchmark.Options(seconds: 0.04, batches: 4)) { clock.read() }
        #expect(result.nanosecondsPerSwap == (0.02 * 1e9 / 256 + 0.03 * 1e9 / 256) / 2)
    }

    @Test(arguments: PoolBenchmark.Kind.allCases)
    func sameBatchesDoTheSameWork(kind: PoolBenchmark.Kind) throws {
        let (first, _) = try Self.scriptedRun(kind)
        let (second, _) = try Self.scriptedRun(kind)
        #expect(first == second)
        // 8 × 256 swaps, each paying out something.
        #expect(first.checksum > 0 && first.checksum.isFinite)
        switch kind {
        case .concentratedCrossing:
            #expect(first.ticksCrossedPerSwap >= 2, "crossing swaps cross initialized ticks: \(first.ticksCrossedPerSwap)")
        default:
            #expect(first.ticksCrossedPerSwap == 0, "\(kind) crosses no initialized tick")
        }
    }

    @Test func measuresWithARealClock() throws {
        let start = ContinuousClock.now
        func seconds() -> Double {
            let d = ContinuousClock.now - start
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        let result = try PoolBenchmark.run(.concentratedInRange, options: PoolBenchmark.Options(seconds: 0.02), clock: seconds)
        #expect(result.batchNanosecondsPerSwap.count == 7)
        #expect(result.batchNanosecondsPerSwap.allSatisfy { $0 > 0 && $0.isFinite })
        #expect(result.swapsPerBatch >= 1)
    }
}
