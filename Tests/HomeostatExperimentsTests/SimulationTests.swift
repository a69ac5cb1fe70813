import HomeostatAgents
import HomeostatCore
import HomeostatExperiments
import HomeostatEngine
import HomeostatMechanisms
import HomeostatScenario
import Testing

/// BM-1 built in code (the same parameters as `examples/bm1.yaml`), at a small size.
func bm1Scenario(agents: Int = 300, days: Int = 120, runs: Int = 3) -> Scenario {
    var s = Scenario(name: "bm1-test")
    s.seed = 7
    s.runs = runs
    s.horizonDays = days
    s.market.process = .gbm(drift: 0, volatility: 0.8)
    var ve = VoteEscrowSpec()
    ve.weekRounding = false
    s.mechanisms.voteEscrow = ve
    s.mechanisms.emission = EmissionSpec(schedule: .halving(initialPerDay: 100_000, halfLifeDays: 365))
    s.mechanisms.feeSharing = FeeSharingSpec()
    s.populations = [PopulationSpec(name: "holders", count: agents, behaviour: .holder(HolderSpec()))]
    return s
}

/// Every column of every run, bit for bit.
func bits(_ records: [RunRecord]) -> [[[UInt64]]] {
    records.map { $0.outcome.recorder.columns.map { $0.map(\.bitPattern) } }
}

@Suite struct DeterminismTests {
    @Test func sameSeedSameBits() throws {
        let s = bm1Scenario()
        let a = try Ensemble.run(s, options: EnsembleOptions(runs: 3, threads: 1, check: false))
        let b = try Ensemble.run(s, options: EnsembleOptions(runs: 3, threads: 1, check: false))
        #expect(bits(a) == bits(b))
    }

    @Test func threadCountDoesNotChangeResults() throws {
        let s = bm1Scenario()
        let one = try Ensemble.run(s, options: EnsembleOptions(runs: 5, threads: 1, check: false))
        let three = try Ensemble.run(s, options: EnsembleOptions(runs: 5, threads: 3, check: false))
        #expect(bits(one) == bits(three))
        #expect(one.map(\.run) == [1, 2, 3, 4, 5])
    }

    @Test func checkingDoesNotChangeResults() throws {
        let s = bm1Scenario()
        let plain = try Ensemble.run(s, options: EnsembleOptions(runs: 2, threads: 1, check: false))
        let checked = try Ensemble.run(s, options: EnsembleOptions(runs: 2, threads: 1, check: true))
        #expect(bits(plain) == bits(checked))
    }

    @Test func differentSeedsOrRunsDiffer() throws {
        var s = bm1Scenario(runs: 2)
        let a = try Ensemble.run(s, options: EnsembleOptions(runs: 2, threads: 1, check: false))
        #expect(bits([a[0]]) != bits([a[1]]))
        s.seed += 1
        let b = try Ensemble.run(s, options: EnsembleOptions(runs: 2, threads: 1, check: false))
        #expect(bits(a) != bits(b))
    }

    /// The market path is drawn from its own stream: changing the agents does not change
    /// the exogenous returns (common random numbers for paired comparisons).
    @Test func marketPathIndependentOfAgents() throws {
        var a = bm1Scenario()
        a.market.impact.model = .none
        var b = a
        b.populations[0].count = 50
        if case .holder(var h) = b.populations[0].behaviour {
            h.sellPropensity = 0.3
            b.populations[0].behaviour = .holder(h)
        }
        let ra = try Ensemble.run(a, options: EnsembleOptions(runs: 1, threads: 1, check: false))
        let rb = try Ensemble.run(b, options: EnsembleOptions(runs: 1, threads: 1, check: false))
        #expect(ra[0].outcome.recorder.series("price") == rb[0].outcome.recorder.series("price"))
    }
}

@Suite struct ConservationTests {
    @Test func bm1ConservesEveryStep() throws {
        let records = try Ensemble.run(bm1Scenario(days: 250), options: EnsembleOptions(runs: 2, threads: 2, check: true))
        for r in records {
            if case .failed(let e, _) = r.outcome { Issue.record("run \(r.run): \(e)") }
        }
    }

    @Test func weeklyFeesAndWeekRoundingConserve() throws {
        var s = bm1Scenario(days: 200)
        s.mechanisms.voteEscrow!.weekRounding = true
        s.mechanisms.feeSharing!.payout = .weekly
        s.mechanisms.feeSharing!.lockerShare = 0.5
        s.token.supply = 10_000_000
        s.token.allocations = [Allocation(account: "vesting", amount: 1_000_000)]
        s.events = [
            EventSpec(day: 50, action: .unlock(from: "vesting", to: "holders", amount: 400_000)),
            EventSpec(day: 60, action: .priceShock(change: -0.5)),
            EventSpec(day: 70, action: .set(.lockerShare, 1.0)),
        ]
        let records = try Ensemble.run(s, options: EnsembleOptions(runs: 2, threads: 1, check: true))
        for r in records {
            if case .failed(let e, _) = r.outcome { Issue.record("run \(r.run): \(e)") }
        }
        let rec = records[0].outcome.recorder
        // Weekly payout: fees are paid only at epoch boundaries (days that are multiples of 7).
        let fees = try #require(rec.series("fees_to_lockers"))
        for (row, day) in rec.steps.enumerated() where day % 7 != 0 { #expect(fees[row] == 0) }
        #expect(fees.reduce(0, +) > 0)
        // Real yield counts the revenue lockers earn each day, whenever it is paid out.
        let realYield = try #require(rec.series("real_yield"))
        let emission = try #require(rec.series("emission"))
        let revenue = try #require(rec.series("fee_revenue"))
        let price = try #require(rec.series("price"))
        for (row, day) in rec.steps.enumerated() where day > 80 && emission[row] > 0 {
            // Locker share 1 from day 70; the yield is valued at the day's opening price, which
            // is the previous day's closing price (no shocks after day 60).
            let expected = revenue[row] / (emission[row] * price[row - 1])
            #expect(realYield[row] > 0 && abs(realYield[row] - expected) <= 1e-12 * expected, "day \(day)")
        }
    }

    /// A behaviour that creates tokens in its columns without telling the ledger: the
    /// invariant check must catch it on the day it happens.
    struct CounterfeitBehaviour: Behaviour {
        mutating func act(rows: Range<Int>, account: AccountID, economy: inout Economy, rng: inout Xoshiro256StarStar) {
            if economy.day == 3 { economy.tokens[rows.lowerBound] += 1 }
        }
    }

    @Test func invariantCheckCatchesUnledgeredTokens() throws {
        var sim = try Simulation(scenario: bm1Scenario(days: 10), run: 1)
        sim.addPopulation(name: "forger", balances: [10, 10], behaviour: CounterfeitBehaviour())
        let outcome = sim.run(check: true)
        guard case .failed(let error, let partial) = outcome else {
            Issue.record("the counterfeit was not detected")
            return
        }
        #expect(error.day == 3)
        #expect(error.message.contains("forger"))
        #expect(partial.rowCount == 3)
    }
}

@Suite struct MetricTests {
    @Test func identitiesHold() throws {
        var s = bm1Scenario(days: 300)
        s.metrics.names = nil  // every metric
        let rec = try Ensemble.run(s, options: EnsembleOptions(runs: 1, threads: 1, check: true))[0].outcome.recorder
        let locked = try #require(rec.series("locked"))
        let free = try #require(rec.series("holders_free"))
        let share = try #require(rec.series("locked_share"))
        let power = try #require(rec.series("voting_power"))
        let remaining = try #require(rec.series("avg_remaining_lock_days"))
        let gini = try #require(rec.series("vp_gini"))
        let nakamoto = try #require(rec.series("vp_nakamoto"))
        for i in 0..<rec.rowCount {
            if locked[i] > 0 {
                #expect(abs(share[i] - locked[i] / (locked[i] + free[i])) < 1e-12)
                #expect(power[i] <= locked[i] * (1 + 1e-12))  // ve never exceeds the amount
                #expect(abs(remaining[i] - 1460 * power[i] / locked[i]) < 1e-9)
                #expect(gini[i] >= 0 && gini[i] <= 1)
                #expect(nakamoto[i] >= 1 && nakamoto[i] <= 300)
            }
        }
        // BM-1 emission: 100,000 · 0.5^(t/365) on days with voting power.
        let emission = try #require(rec.series("emission"))
        let last = rec.rowCount - 1
        #expect(abs(emission[last] - 100_000 * _pow(0.5, 300.0 / 365)) < 1e-6 * emission[last])
    }

    @Test func emissionCurves() {
        #expect(EmissionCurve.constant(perDay: 5).amount(day: 100) == 5)
        #expect(abs(EmissionCurve.halving(initialPerDay: 100, halfLifeDays: 10).amount(day: 20) - 25) < 1e-12)
        let crv = EmissionCurve.curve(initialPerYear: 274_815_283, reduction: _pow(2, 0.25))
        #expect(abs(crv.amount(day: 0) * 365 - 274_815_283) < 1e-3)
        #expect(abs(crv.amount(day: 365) * 365 - 231_091_186.33) < 0.01)  // MECHANISMS.md §4.1: 231.1M
        let table = EmissionCurve.table([(fromDay: 10, perDay: 3), (fromDay: 20, perDay: 1)])
        #expect(table.amount(day: 9) == 0)
        #expect(table.amount(day: 10) == 3)
        #expect(table.amount(day: 19) == 3)
        #expect(table.amount(day: 500) == 1)
    }

    @Test func recordEveryKeepsTheLastDay() throws {
        var s = bm1Scenario(days: 30)
        s.metrics.every = 7
        let rec = try Ensemble.run(s, options: EnsembleOptions(runs: 1, threads: 1, check: false))[0].outcome.recorder
        #expect(rec.steps == [7, 14, 21, 28, 30])
    }
}

/// BM-1 outcomes agree with the NumPy peer (`shared/bench/peers`, size S, n = 2000 runs:
/// locked share 0.7533 ± 0.0009, final V 1.500e7 ± 3e4, mean daily S 9559 ± 40, total fees
/// 7.92e5 ± 8e3, as mean ± standard error; the standard deviations below are SE · √2000).
/// Our mean over 64 runs must lie within 4 standard errors of the difference.
@Test func bm1AgreesWithNumPyPeerAtSizeS() throws {
    var s = bm1Scenario(agents: 1000, days: 365, runs: 64)
    s.seed = 2024
    let records = try Ensemble.run(s, options: EnsembleOptions(runs: 64, threads: 2, check: false))
    let reports = records.compactMap { BM1Report(run: $0.run, recorder: $0.outcome.recorder) }
    #expect(reports.count == 64)
    func agrees(_ values: [Double], mean reference: Double, sd: Double) -> Bool {
        let mean = values.reduce(0, +) / Double(values.count)
        let se = sd * (1.0 / Double(values.count) + 1.0 / 2000).squareRoot()
        return abs(mean - reference) < 4 * se
    }
    let root2000 = 2000.0.squareRoot()
    #expect(agrees(reports.map(\.lockedShare), mean: 0.7533, sd: 0.0009 * root2000))
    #expect(agrees(reports.map(\.finalVotingPower), mean: 1.500e7, sd: 3e4 * root2000))
    #expect(agrees(reports.map(\.meanDailySold), mean: 9559, sd: 40 * root2000))
    #expect(agrees(reports.map(\.totalFees), mean: 7.92e5, sd: 8e3 * root2000))
}
