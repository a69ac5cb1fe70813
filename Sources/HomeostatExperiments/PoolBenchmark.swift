import HomeostatCore
public import HomeostatMechanisms

/// Single-thread swap throughput of the exact AMM pools (`homeostat bench pools`).
///
/// Each ``Kind`` is a fixed workload of exact-input swaps on one pool, alternating direction
/// so that the reserves stay near their start; every 1024 swaps the pool is reset to its
/// starting state (the copy is part of the measured time, well under 1% of it), so fees,
/// which all stay in the pool, cannot grow the reserves without bound. Trade sizes cycle
/// through 64 log-uniform draws from a fixed seed, so runs do the same work.
///
/// A measurement first calibrates a batch size — doubling the number of swaps until a batch
/// takes a quarter of the target batch time, then scaling it to the target — and then times
/// ``Options/batches`` batches of that many swaps. The figure reported is the median batch,
/// which resists the outliers of a shared machine. Every swap's output is added to
/// ``Result/checksum`` so the optimiser cannot drop the work.
public enum PoolBenchmark {
    /// The benchmarked workloads, in the order they run.
    public enum Kind: String, CaseIterable, Sendable {
        /// Uniswap v2 pair (0.3% fee), 1,000,000 / 2,000,000,000: alternately sells coin 0
        /// and coin 1, each 0.01%–1% of its reserve.
        case constantProduct = "constant_product"
        /// Curve StableSwap, 2 coins of 1,000,000 each (A = 100, fee 0.04%, off-peg
        /// multiplier 2): alternately 0→1 and 1→0, 0.01%–1% of a balance.
        case stableSwap2 = "stableswap_2"
        /// Curve StableSwap, 3 coins as ``stableSwap2``, cycling 0→1, 1→0, 1→2, 2→1, 2→0, 0→2.
        case stableSwap3 = "stableswap_3"
        /// Uniswap v3 (0.3%, tick spacing 60) at price 2000 with a full-range position and
        /// one on ±6000 ticks: swaps move the price by at most about 0.5%, never reaching an
        /// initialized tick, so each is one step of the swap loop.
        case concentratedInRange = "concentrated_in_range"
        /// Uniswap v3 as ``concentratedInRange`` plus 100 overlapping positions that
        /// initialize every multiple of 60 within ±3000 ticks of the price: swaps move the
        /// price by about 1.5%–4% and cross several initialized ticks
        /// (``Result/ticksCrossedPerSwap``).
        case concentratedCrossing = "concentrated_crossing"
    }

    /// How long to measure.
    public struct Options: Sendable, Equatable {
        /// Timed batches per kind; the median is reported.
        public var batches: Int
        /// Target duration of one batch, in seconds.
        public var batchSeconds: Double

        /// Measures `batches` batches that together take about `seconds` per kind (plus a
        /// calibration of about a fifth of that).
        ///
        /// - Parameters:
        ///   - seconds: target measured time per kind, `> 0`; the default 1 s makes 7
        ///     batches of about 0.14 s.
        ///   - batches: timed batches, `>= 1`; odd counts give a true median.
        /// - Precondition: the parameters are in those ranges.
        public init(seconds: Double = 1, batches: Int = 7) {
            precondition(seconds > 0 && seconds.isFinite, "PoolBenchmark: seconds must be finite and > 0, got \(seconds)")
            precondition(batches >= 1, "PoolBenchmark: batches must be >= 1, got \(batches)")
            self.batches = batches
            self.batchSeconds = seconds / Double(batches)
        }
    }

    /// The measurement of one kind.
    public struct Result: Sendable, Equatable {
        /// The workload.
        public let kind: Kind
        /// Nanoseconds per swap of each timed batch, in the order they ran.
        public let batchNanosecondsPerSwap: [Double]
        /// Swaps in each timed batch.
        public let swapsPerBatch: Int
        /// Σ of every swap's output (calibration included); only there to keep the work.
        public let checksum: Double
        /// Initialized ticks crossed per swap over all swaps run (0 for the pools without ticks).
        public let ticksCrossedPerSwap: Double

        /// The median of ``batchNanosecondsPerSwap`` (the mean of the middle two for an even count).
        public var nanosecondsPerSwap: Double {
            let sorted = batchNanosecondsPerSwap.sorted()
            let middle = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        }

        /// `1e9 / ``nanosecondsPerSwap```.
        public var swapsPerSecond: Double { 1e9 / nanosecondsPerSwap }

        /// `{"pool": "<kind>", "swaps_per_s": <integer>, "ns_per_swap": <ns, 3 decimals>}`.
        public var jsonLine: String {
            let rate = Int(swapsPerSecond.rounded())
            let ns = (nanosecondsPerSwap * 1000).rounded() / 1000
            return "{\"pool\": \"\(kind.rawValue)\", \"swaps_per_s\": \(rate), \"ns_per_swap\": \(ns)}"
        }
    }

    /// Measures the swap throughput of `kind` on the calling thread.
    ///
    /// - Parameters:
    ///   - kind: the workload.
    ///   - options: batch count and duration.
    ///   - clock: a monotonic clock in seconds; it is read only around batches, never per swap.
    /// - Returns: the per-batch figures, their median and the checksum.
    /// - Throws: a ``PoolError`` if setting up the pool or a swap fails (a bug: the
    ///   workloads are sized to stay valid).
    /// - Complexity: runs for about `options.batches × options.batchSeconds` plus the calibration.
    public static func run(_ kind: Kind, options: Options = Options(), clock: () -> Double) throws(PoolError) -> Result {
        switch kind {
        case .constantProduct:
            var w = try ConstantProductWorkload()
            return try measure(&w, kind: kind, options: options, clock: clock)
        case .stableSwap2:
            var w = try StableSwapWorkload(coins: 2)
            return try measure(&w, kind: kind, options: options, clock: clock)
        case .stableSwap3:
            var w = try StableSwapWorkload(coins: 3)
            return try measure(&w, kind: kind, options: options, clock: clock)
        case .concentratedInRange:
            var w = try ConcentratedWorkload(crossing: false)
            return try measure(&w, kind: kind, options: options, clock: clock)
        case .concentratedCrossing:
            var w = try ConcentratedWorkload(crossing: true)
            return try measure(&w, kind: kind, options: options, clock: clock)
        }
    }

    static func measure<W: SwapWorkload>(
        _ workload: inout W, kind: Kind, options: Options, clock: () -> Double
    ) throws(PoolError) -> Result {
        var tally = Tally()
        // Calibrate: double until a batch takes a quarter of the target, then scale to it.
        var count = 256
        while true {
            let start = clock()
            try workload.run(count, into: &tally)
            let elapsed = clock() - start
            if elapsed >= options.batchSeconds / 4 || count >= 1 << 40 {
                let scaled = Double(count) * (options.batchSeconds / max(elapsed, 1e-9))
                count = max(1, Int(min(scaled, 0x1p50).rounded()))
                break
            }
            count *= 2
        }
        var perSwap: [Double] = []
        perSwap.reserveCapacity(options.batches)
        for _ in 0..<options.batches {
            let start = clock()
            try workload.run(count, into: &tally)
            perSwap.append((clock() - start) * 1e9 / Double(count))
        }
        return Result(
            kind: kind, batchNanosecondsPerSwap: perSwap, swapsPerBatch: count, checksum: tally.checksum,
            ticksCrossedPerSwap: Double(tally.ticksCrossed) / Double(max(tally.swaps, 1)))
    }

    /// Swaps between resets of the pool to its starting state.
    static let swapsPerReset = 1024

    /// `count` log-uniform amounts in `[low, high]`, from a fixed seed.
    static func sizes(_ low: Double, _ high: Double, count: Int = 64, seed: UInt64) -> [Double] {
        var rng = Xoshiro256StarStar(seed: seed)
        return (0..<count).map { _ in _exp(rng.uniform(_log(low), _log(high))) }
    }
}

/// What the swaps of a benchmark produced.
struct Tally {
    var checksum = 0.0
    var ticksCrossed = 0
    var swaps = 0
}

/// A pool with a fixed cycle of swaps; `run` continues the cycle.
protocol SwapWorkload {
    mutating func run(_ count: Int, into tally: inout Tally) throws(PoolError)
}

struct ConstantProductWorkload: SwapWorkload {
    let start: ConstantProductPool
    var pool: ConstantProductPool
    let sizes0: [Double]
    let sizes1: [Double]
    var cursor = 0

    init() throws(PoolError) {
        var pool = try ConstantProductPool(fee: 0.003)
        let lp = pool.openAccount("lp")
        let reserves = [1_000_000.0, 2_000_000_000.0]
        _ = try pool.addLiquidity(who: lp, amounts: reserves)
        start = pool
        self.pool = pool
        sizes0 = PoolBenchmark.sizes(reserves[0] * 1e-4, reserves[0] * 1e-2, seed: 1)
        sizes1 = sizes0.map { $0 * reserves[1] / reserves[0] }
    }

    mutating func run(_ count: Int, into tally: inout Tally) throws(PoolError) {
        var sum = 0.0
        for _ in 0..<count {
            if cursor == PoolBenchmark.swapsPerReset {
                pool = start
                cursor = 0
            }
            let k = (cursor >> 1) & 63
            sum += cursor & 1 == 0 ? try pool.swap(i: 0, dx: sizes0[k]) : try pool.swap(i: 1, dx: sizes1[k])
            cursor += 1
        }
        tally.checksum += sum
        tally.swaps += count
    }
}

struct StableSwapWorkload: SwapWorkload {
    let start: StableSwapPool
    var pool: StableSwapPool
    let pairs: [(i: Int, j: Int)]
    let sizes: [Double]
    var cursor = 0

    init(coins: Int) throws(PoolError) {
        var pool = try StableSwapPool(coinCount: coins, A: 100, fee: 0.0004, offpegFeeMultiplier: 2)
        let lp = pool.openAccount("lp")
        _ = try pool.addLiquidity(who: lp, amounts: Array(repeating: 1_000_000, count: coins))
        start = pool
        self.pool = pool
        pairs = coins == 2 ? [(0, 1), (1, 0)] : [(0, 1), (1, 0), (1, 2), (2, 1), (2, 0), (0, 2)]
        sizes = PoolBenchmark.sizes(100, 10_000, seed: 2)
    }

    mutating func run(_ count: Int, into tally: inout Tally) throws(PoolError) {
        var sum = 0.0
        var p = cursor % pairs.count
        for _ in 0..<count {
            if cursor == PoolBenchmark.swapsPerReset {
                pool = start
                cursor = 0
                p = 0
            }
            let (i, j) = pairs[p]
            sum += try pool.exchange(i: i, j: j, dx: sizes[cursor & 63])
            cursor += 1
            p += 1
            if p == pairs.count { p = 0 }
        }
        tally.checksum += sum
        tally.swaps += count
    }
}

struct ConcentratedWorkload: SwapWorkload {
    let start: ConcentratedLiquidityPool
    var pool: ConcentratedLiquidityPool
    let sizes0: [Double]
    let sizes1: [Double]
    var cursor = 0

    init(crossing: Bool) throws(PoolError) {
        var pool = try ConcentratedLiquidityPool(price: 2000, tickSpacing: 60, fee: 3000)
        let spacing = 60
        let center = pool.tick - pool.tick % spacing
        let fullRange = ConcentratedLiquidityPool.maxTick / spacing * spacing
        try pool.mint(owner: "full", tickLower: -fullRange, tickUpper: fullRange, liquidity: 1e6)
        try pool.mint(owner: "wide", tickLower: center - 6000, tickUpper: center + 6000, liquidity: 1e6)
        if crossing {
            // 100 positions of 10 spacings each, starting at every multiple of 60 from
            // center − 3000: every tick in the band is initialized.
            for k in 0..<100 {
                let lower = center - 3000 + k * spacing
                try pool.mint(owner: "band\(k)", tickLower: lower, tickUpper: lower + 10 * spacing, liquidity: 2e5)
            }
        }
        start = pool
        self.pool = pool
        // Selling Δx of token0 moves √P by about Δx·√P/L, so the price by about 2Δx·√P/L.
        let virtual0 = pool.liquidity / pool.sqrtPrice
        let (low, high) = crossing ? (0.0075, 0.02) : (0.00005, 0.0025)
        sizes0 = PoolBenchmark.sizes(virtual0 * low, virtual0 * high, seed: 3)
        sizes1 = sizes0.map { $0 * 2000 }
    }

    mutating func run(_ count: Int, into tally: inout Tally) throws(PoolError) {
        var sum = 0.0
        var crossed = 0
        for _ in 0..<count {
            if cursor == PoolBenchmark.swapsPerReset {
                pool = start
                cursor = 0
            }
            let k = (cursor >> 1) & 63
            let zeroForOne = cursor & 1 == 0
            let result = try pool.swap(zeroForOne: zeroForOne, amountIn: zeroForOne ? sizes0[k] : sizes1[k])
            sum += result.amountOut
            crossed += result.ticksCrossed
            cursor += 1
        }
        tally.checksum += sum
        tally.ticksCrossed += crossed
        tally.swaps += count
    }
}
