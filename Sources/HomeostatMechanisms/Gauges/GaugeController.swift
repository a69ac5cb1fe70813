public import HomeostatCore

/// Gauge weight voting with Curve `GaugeController` semantics (MECHANISMS.md §3.1): ve
/// holders split their voting power across gauges, and each gauge's share of emissions in
/// an epoch is its share of the type-weighted votes.
///
/// **Votes.** A voter with ve slope `s_u` (power lost per tick, `amount / maxTime`) and lock
/// end `e_u` gives `w` bps (`0...10000`, at most 10000 in total over all gauges) to gauge
/// `g`. The vote has slope `σ = s_u · w / 10000` and, at time `t`, weight
/// `σ · max(e_u − t, 0)` — its share of the voter's ve power, decaying with the lock and
/// ending at the lock end. A vote cast at `now` counts from the next epoch boundary
/// `next = (⌊now / E⌋ + 1) · E` on, and requires `e_u > next`. A voter may change its vote
/// for a given gauge at most once per ``Parameters/voteDelay`` (Curve: 10 days).
///
/// **Weights.** With gauge weight `W_g(k)` = the sum of its votes' weights at the start of
/// epoch `k` (plus an optional fixed weight given when the gauge is added) and `τ_T(k)` the
/// weight of type `T`:
///
///     total(k) = Σ_g τ_type(g)(k) · W_g(k)
///     relative_g(k) = τ_type(g)(k) · W_g(k) / total(k)     (0 for every gauge if total(k) = 0)
///
/// so relative weights are ≥ 0 and sum to 1 whenever any type-weighted gauge weight is
/// positive. Weights change only at epoch boundaries: epoch `k`'s weights are final once
/// the clock reaches `k · E`.
///
/// **Cost.** Like the contract, each gauge keeps a point (bias, slope) for the next boundary
/// and a schedule of slope changes at vote ends, so moving to the next epoch costs
/// O(gauges) and a vote costs O(1) amortised — never O(voters). One row of gauge weights
/// per epoch is kept as history, so past epochs can be queried.
///
/// Differences from the contract: amounts are Double, not wei, so slopes are not
/// truncated; the total is recomputed from the gauges each epoch (the contract keeps
/// per-type sums with their own slope schedules, equal in exact arithmetic); a vote's end
/// need not be on an epoch boundary (day ticks without week rounding): the schedule then
/// also corrects the bias at the first boundary after the end, so `W_g` is exact at every
/// boundary (with Curve's week-rounded ends the correction is 0); "never voted" is a
/// separate state rather than `last_user_vote == 0`, so with day ticks starting at 0 a first
/// vote is never "too often". As in the contract, a vote keeps the slope and end it was cast
/// with until the voter votes again (extending the lock does not update it), and the power
/// of an expired vote stays "used" until it is re-cast.
///
/// Time is an integer tick: Unix seconds with ``Parameters/curve``, days with
/// ``Parameters/days(epochDays:voteDelayDays:)``; use the same unit as the ``VoteEscrow``
/// the slopes come from.
public struct GaugeController: Sendable {
    /// Time constants of a controller.
    public struct Parameters: Sendable, Equatable {
        /// Epoch length `E` in ticks; epoch `k` is `[k·E, (k+1)·E)` (Curve: `WEEK`).
        public var epochLength: Int64
        /// Least time between two votes of one voter for one gauge (Curve: `WEIGHT_VOTE_DELAY`).
        public var voteDelay: Int64

        public init(epochLength: Int64, voteDelay: Int64) {
            precondition(epochLength > 0 && voteDelay >= 0)
            self.epochLength = epochLength
            self.voteDelay = voteDelay
        }

        /// Curve's constants in Unix seconds: `WEEK = 604800` epochs, `10 * 86400` vote delay.
        /// Epoch boundaries fall on Thursdays 00:00 UTC.
        public static let curve = Parameters(epochLength: 604_800, voteDelay: 864_000)

        /// Day ticks: `epochDays`-day epochs counted from day 0 and a `voteDelayDays` vote delay.
        public static func days(epochDays: Int = 7, voteDelayDays: Int = 10) -> Parameters {
            Parameters(epochLength: Int64(epochDays), voteDelay: Int64(voteDelayDays))
        }
    }

    /// Total basis points a voter can allocate (Curve: 10000).
    public static let maxWeightBps = 10_000

    public let parameters: Parameters
    /// Time of the last operation or ``checkpoint(now:)``.
    public private(set) var time: Int64
    /// The epoch containing ``time``; its weights and all earlier ones are final.
    public private(set) var currentEpoch: Int64
    /// The epoch containing the start time: the first one with history.
    public let firstEpoch: Int64

    // Types: weights from the next epoch on (changes take effect at the next boundary).
    var nextTypeWeight: [Double] = []
    // Gauges, column-wise. The vote point (bias, slope, live votes) is at the next boundary.
    var gaugeType: [Int] = []
    var fixedWeight: [Double] = []
    var voteBias: [Double] = []
    var voteSlope: [Double] = []
    var liveVotes: [Int] = []
    var schedules: [EpochSchedule] = []
    var voteBooks: [VoteBook] = []
    /// Per gauge: killed (Curve `set_killed`), see ``setKilled(_:_:)``.
    var killed: [Bool] = []
    // Voters.
    var powerUsed: [Int] = []
    // History, one row per epoch from `firstEpoch` through `currentEpoch`.
    var weightHistory: [[Double]] = []
    var typeWeightHistory: [[Double]] = []
    var totalHistory: [Double] = []

    /// Creates a controller with no types, gauges or voters, its clock at `startTime`.
    ///
    /// Types, gauges and votes added during an epoch count from the next one (as in the
    /// contract), so the epoch containing `startTime` routes nothing; start one epoch early
    /// (e.g. day −7) to set up weights for epoch 0.
    public init(parameters: Parameters, startTime: Int64 = 0) {
        self.parameters = parameters
        self.time = startTime
        let epoch = floorDiv(startTime, parameters.epochLength)
        self.currentEpoch = epoch
        self.firstEpoch = epoch
        weightHistory.append([])
        typeWeightHistory.append([])
        totalHistory.append(0)
    }

    /// Number of gauges.
    public var gaugeCount: Int { gaugeType.count }
    /// Number of gauge types.
    public var typeCount: Int { nextTypeWeight.count }
    /// Number of voter rows.
    public var voterCount: Int { powerUsed.count }

    /// The epoch containing tick `t`: `⌊t / E⌋`.
    public func epoch(containing t: Int64) -> Int64 { floorDiv(t, parameters.epochLength) }

    /// The first tick of epoch `k`: `k · E`.
    public func epochStart(_ k: Int64) -> Int64 { k * parameters.epochLength }

    // MARK: Admin

    /// `add_type(name, weight)`: a new gauge type whose weight `τ` counts from the next epoch.
    ///
    /// - Throws: ``GaugeControllerError/invalidWeight(_:)``.
    public mutating func addType(weight: Double, now: Int64) throws(GaugeControllerError) -> GaugeTypeID {
        guard weight >= 0 && weight.isFinite else { throw .invalidWeight(weight) }
        checkpoint(now: now)
        nextTypeWeight.append(weight)
        return GaugeTypeID(nextTypeWeight.count - 1)
    }

    /// `change_type_weight(type, weight)`: the type's weight from the next epoch on.
    ///
    /// - Throws: ``GaugeControllerError/invalidGaugeType(_:)``, ``GaugeControllerError/invalidWeight(_:)``.
    public mutating func changeTypeWeight(_ type: GaugeTypeID, weight: Double, now: Int64) throws(GaugeControllerError) {
        guard nextTypeWeight.indices.contains(type.index) else { throw .invalidGaugeType(type) }
        guard weight >= 0 && weight.isFinite else { throw .invalidWeight(weight) }
        checkpoint(now: now)
        nextTypeWeight[type.index] = weight
    }

    /// `add_gauge(addr, type, weight)`: a new gauge of `type`, with an optional fixed weight
    /// (not decaying, not from votes) that counts from the next epoch.
    ///
    /// - Throws: ``GaugeControllerError/invalidGaugeType(_:)``, ``GaugeControllerError/invalidWeight(_:)``.
    public mutating func addGauge(type: GaugeTypeID, weight: Double = 0, now: Int64) throws(GaugeControllerError) -> GaugeID {
        guard nextTypeWeight.indices.contains(type.index) else { throw .invalidGaugeType(type) }
        guard weight >= 0 && weight.isFinite else { throw .invalidWeight(weight) }
        checkpoint(now: now)
        gaugeType.append(type.index)
        fixedWeight.append(weight)
        voteBias.append(0)
        voteSlope.append(0)
        liveVotes.append(0)
        schedules.append(EpochSchedule())
        voteBooks.append(VoteBook())
        killed.append(false)
        return GaugeID(gaugeType.count - 1)
    }

    /// Adds `count` voters with no votes and returns their rows (use the voters' ``VoteEscrow``
    /// rows, so one row means one account in both).
    public mutating func addVoters(_ count: Int) -> Range<Int> {
        let start = powerUsed.count
        powerUsed.append(contentsOf: repeatElement(0, count: count))
        return start..<(start + count)
    }

    /// The type of gauge `g`.
    public func type(of g: GaugeID) -> GaugeTypeID { GaugeTypeID(gaugeType[g.index]) }

    // MARK: Clock

    /// Moves the clock to `now`, fixing the weights of every epoch boundary passed
    /// (Curve `checkpoint()`).
    ///
    /// - Precondition: `now >= time` (the clock never goes back).
    /// - Complexity: O(gauges) per epoch boundary passed.
    public mutating func checkpoint(now: Int64) {
        precondition(now >= time, "the gauge controller's clock cannot go back")
        let target = epoch(containing: now)
        while currentEpoch < target { enterNextEpoch() }
        time = now
    }

    /// Fixes the next epoch's weights from the pending point, then moves each gauge's vote
    /// point one epoch on: `bias −= slope · E`, then the schedule's entry for the boundary
    /// after (slope changes, bias corrections, ending votes), clamped at 0.
    mutating func enterNextEpoch() {
        let k = currentEpoch + 1
        let n = gaugeType.count
        var row = [Double](repeating: 0, count: n)
        var total = 0.0
        for g in 0..<n {
            let w = fixedWeight[g] + voteBias[g]
            row[g] = w
            total += nextTypeWeight[gaugeType[g]] * w
        }
        weightHistory.append(row)
        typeWeightHistory.append(nextTypeWeight)
        totalHistory.append(total)
        currentEpoch = k

        let e = Double(parameters.epochLength)
        for g in 0..<n {
            let change = schedules[g].entry(at: k + 1)
            var bias = voteBias[g] - voteSlope[g] * e + change.bias
            var slope = voteSlope[g] - change.slope
            liveVotes[g] -= change.votes
            if bias < 0 { bias = 0 }
            if slope < 0 { slope = 0 }
            // No vote left: the exact point is 0, whatever rounding the running sums kept.
            if liveVotes[g] == 0 {
                bias = 0
                slope = 0
            }
            voteBias[g] = bias
            voteSlope[g] = slope
        }
    }

    // MARK: Voting

    /// `vote_for_gauge_weights(gauge, weight)`: voter `voter`, with ve slope `slope` and lock
    /// end `lockEnd`, gives `weightBps` of its power to `gauge`, replacing its previous vote
    /// for that gauge.
    ///
    /// The vote has slope `σ = slope · weightBps / 10000` and bias `σ · (lockEnd − next)` at
    /// the next boundary `next`; the previous vote's remaining bias and slope are removed
    /// there, and its scheduled end is cancelled.
    ///
    /// - Parameters:
    ///   - voter: the voter's row (see ``addVoters(_:)``).
    ///   - slope: the voter's ve slope, power per tick (``VoteEscrow``: `amount / maxTime`).
    ///   - lockEnd: the voter's lock end, in the controller's ticks.
    /// - Throws: in the contract's order ``GaugeControllerError/lockExpiresTooSoon(lockEnd:nextEpochStart:)``
    ///   ("Your token lock expires too soon", `lockEnd <= next`),
    ///   ``GaugeControllerError/allVotingPowerUsed(weightBps:)`` (`weightBps ∉ 0...10000`),
    ///   ``GaugeControllerError/voteTooOften(lastVote:now:)`` ("Cannot vote so often",
    ///   `now < lastVote + voteDelay`), ``GaugeControllerError/gaugeNotAdded(_:)``,
    ///   ``GaugeControllerError/tooMuchPowerUsed(powerUsedBps:)`` ("Used too much power",
    ///   `used − old + weightBps > 10000`); ``GaugeControllerError/invalidSlope(_:)`` for a
    ///   negative or non-finite slope. A rejected vote changes nothing.
    /// - Precondition: `now >= time`.
    /// - Complexity: O(1) amortised, plus O(gauges) per epoch boundary passed since the last call.
    public mutating func vote(
        voter: Int, gauge: GaugeID, weightBps: Int, slope: Double, lockEnd: Int64, now: Int64
    ) throws(GaugeControllerError) {
        precondition(now >= time, "the gauge controller's clock cannot go back")
        precondition(powerUsed.indices.contains(voter), "unknown voter row \(voter)")
        guard slope >= 0 && slope.isFinite else { throw .invalidSlope(slope) }
        let nextEpoch = epoch(containing: now) + 1
        let next = epochStart(nextEpoch)
        guard lockEnd > next else { throw .lockExpiresTooSoon(lockEnd: lockEnd, nextEpochStart: next) }
        guard (0...Self.maxWeightBps).contains(weightBps) else { throw .allVotingPowerUsed(weightBps: weightBps) }
        let previous = gauge.index >= 0 && gauge.index < gaugeCount ? voteBooks[gauge.index].latest(voter: voter) : nil
        if let previous, now < previous.time + parameters.voteDelay {
            throw .voteTooOften(lastVote: previous.time, now: now)
        }
        guard gauge.index >= 0 && gauge.index < gaugeCount else { throw .gaugeNotAdded(gauge) }
        let used = powerUsed[voter] + weightBps - (previous?.weightBps ?? 0)
        guard used <= Self.maxWeightBps else { throw .tooMuchPowerUsed(powerUsedBps: used) }

        checkpoint(now: now)
        let g = gauge.index
        let e = parameters.epochLength
        if let old = previous, old.end > next {
            voteBias[g] -= old.slope * Double(old.end - next)
            voteSlope[g] -= old.slope
            if old.slope > 0 {
                schedules[g].add(sign: -1, slope: old.slope, end: old.end, epochLength: e)
                liveVotes[g] -= 1
            }
        }
        let σ = slope * Double(weightBps) / Double(Self.maxWeightBps)
        voteBias[g] += σ * Double(lockEnd - next)
        voteSlope[g] += σ
        if σ > 0 {
            schedules[g].add(sign: 1, slope: σ, end: lockEnd, epochLength: e)
            liveVotes[g] += 1
        }
        if voteBias[g] < 0 { voteBias[g] = 0 }
        if voteSlope[g] < 0 { voteSlope[g] = 0 }
        if liveVotes[g] == 0 {
            voteBias[g] = 0
            voteSlope[g] = 0
        }
        powerUsed[voter] = used
        voteBooks[g].record(
            voter: voter,
            GaugeVote(slope: σ, weightBps: weightBps, end: lockEnd, time: now, effectiveEpoch: nextEpoch))
    }

    /// ``vote(voter:gauge:weightBps:slope:lockEnd:now:)`` with the slope and lock end of row
    /// `voter` of `escrow` (`slope = amount / maxTime`, as the escrow's last user point).
    ///
    /// - Throws: as ``vote(voter:gauge:weightBps:slope:lockEnd:now:)``.
    public mutating func vote(
        voter: Int, gauge: GaugeID, weightBps: Int, escrow: VoteEscrow, now: Int64
    ) throws(GaugeControllerError) {
        try vote(
            voter: voter, gauge: gauge, weightBps: weightBps,
            slope: escrow.lockedAmount(voter) * escrow.powerPerAmountTick, lockEnd: escrow.lockEnd(voter), now: now)
    }

    // MARK: Invariants

    /// Checks the controller's invariants: every voter uses `0...10000` bps and exactly the
    /// sum of its latest votes' bps; every gauge weight is ≥ 0; each gauge's pending vote
    /// bias equals the sum of its votes' weights at the next boundary (within `tolerance`,
    /// relative to the sum of the vote weights).
    ///
    /// - Complexity: O(voters + votes cast).
    public func checkInvariants(tolerance: Double = 1e-9) -> [InvariantViolation] {
        var found: [InvariantViolation] = []
        var sums = [Int](repeating: 0, count: voterCount)
        let next = epochStart(currentEpoch + 1)
        for g in 0..<gaugeCount {
            var expected = 0.0
            for (voter, vote) in voteBooks[g].latestVotes() {
                sums[voter] += vote.weightBps
                expected += vote.weight(at: next)
            }
            if voteBias[g] < 0 || voteSlope[g] < 0 {
                found.append(InvariantViolation("gauge controller: negative point on gauge \(g)"))
            }
            if abs(voteBias[g] - expected) > tolerance * (expected + 1) {
                found.append(InvariantViolation(
                    "gauge controller: gauge \(g) vote bias \(voteBias[g]) differs from the sum of its votes \(expected)"))
            }
        }
        for voter in 0..<voterCount {
            if powerUsed[voter] < 0 || powerUsed[voter] > Self.maxWeightBps {
                found.append(InvariantViolation("gauge controller: voter \(voter) uses \(powerUsed[voter]) bps"))
            }
            if powerUsed[voter] != sums[voter] {
                found.append(InvariantViolation(
                    "gauge controller: voter \(voter) power used \(powerUsed[voter]) differs from its votes' \(sums[voter]) bps"))
            }
        }
        for (i, row) in weightHistory.enumerated() where row.contains(where: { $0 < 0 }) {
            found.append(InvariantViolation("gauge controller: negative gauge weight in epoch \(firstEpoch + Int64(i))"))
        }
        return found
    }
}
