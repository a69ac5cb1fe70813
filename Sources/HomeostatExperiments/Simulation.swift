public import HomeostatAgents
public import HomeostatCore
import HomeostatMarket
import HomeostatMechanisms
public import HomeostatScenario

/// A run that could not be built or that broke an invariant.
public struct SimulationError: Error, Sendable, CustomStringConvertible {
    /// The day it happened on (0 while building).
    public let day: Int
    /// What went wrong.
    public let message: String
    /// An error on `day` (0 while building).
    public init(day: Int, message: String) { self.day = day; self.message = message }
    public var description: String { day == 0 ? message : "day \(day): \(message)" }
}

/// How a run ended: with all its records, or failed at a step with what it recorded so far.
public enum RunOutcome: Sendable {
    case completed(MetricRecorder)
    case failed(SimulationError, partial: MetricRecorder)

    /// The records, complete or partial.
    public var recorder: MetricRecorder {
        switch self {
        case .completed(let r): r
        case .failed(_, let r): r
        }
    }
}

/// One Monte Carlo run of a scenario: the world built from the scenario for run `r`, and
/// the daily step loop.
///
/// Each step, in this order (DESIGN.md "Data flow", BM-1 steps 1–7): (with pools) the
/// pools' daily flows restart → scripted events of the day (a proposal's attacker buys
/// through the pools) → (with pools or informed traders) the external market's next move
/// is drawn, so informed traders can know its sign (the same draws as before, only
/// earlier) → every population acts, in
/// population order (holders withdraw, lock, sell — into the pools when there are any; LPs
/// withdraw and deposit; traders trade through the router; arbitrageurs wait) → voting
/// power snapshot → emission and fees paid pro-rata to voting power (with a revenue split:
/// buyback and the LPs' share, through the pools) → the external price
/// moves with the day's net selling → (with pools) arbitrageurs trade each pool back
/// toward the external price, then the LVR clock, trailing fee APRs and realised
/// volatility are updated → metrics recorded → invariants checked (when asked).
///
/// A run is a pure function of (scenario, run index): the market draws from its own stream,
/// each population from its own, all derived from `(scenario.seed, run)`.
public struct Simulation: Sendable {
    /// The scenario this run simulates.
    public let scenario: Scenario
    /// The run index (streams derive from the scenario's seed and this).
    public let run: Int
    /// The world the agents act on.
    public var economy: Economy
    /// The agents, in acting order.
    public var populations: [Population] = []

    var emission: EmissionCurve?
    var emissionScale = 1.0
    var fees: FeeDistributor?
    var feeRate = 0.0
    var lockerShare = 0.0
    var volumeUSD: Double
    let volumeElasticity: Double
    var marketRNG: Xoshiro256StarStar
    let events: [EventSpec]
    var nextEvent = 0
    var allocationAccounts: [String: AccountID] = [:]
    var protocolTokenAccounts: [AccountID] = []
    /// Gauges, bribes, exit penalty, revenue split, treasury, governance; nil when unused.
    var incentives: Incentives?
    /// Plain staking with a cool-down; nil without `mechanisms.staking`.
    var staking: StakingRun?

    /// The global metrics recorded, and their columns.
    let metrics: [MetricName]
    let metricColumns: [Int]
    /// The per-gauge metrics recorded: kind, gauge index, column.
    let gaugeMetrics: [(kind: GaugeMetric, gauge: Int, column: Int)]
    /// The per-pool metrics recorded: metric, pool index, column.
    let poolMetrics: [(metric: PoolMetricName, pool: Int, column: Int)]
    /// The per-LP-population metrics recorded: metric, population index, column.
    let lpMetrics: [(metric: LPMetricName, population: Int, column: Int)]
    /// The pools' engine state (empty without pools).
    var liquidity = LiquidityRun()
    /// Staking LP populations and farmers (empty without them).
    var farming = FarmingRun()
    let recordEvery: Int
    var recorder: MetricRecorder
    var sortScratch: [Double] = []
    var radixScratch: [UInt64] = []
    /// The day `sortScratch` holds the sorted power of (so Gini and Nakamoto share one sort).
    var sortedPowerDay = -1

    // The day's flows, for metrics.
    var emittedToday = 0.0
    var revenueToday = 0.0
    var feesPaidToday = 0.0
    /// Fee revenue earned by lockers today (paid now, or at the epoch's end with weekly payouts).
    var lockerRevenueToday = 0.0
    var votingPowerToday = 0.0
    var priceAtPayment = 0.0

    /// Set by ``step(day:)`` when the day's numbers leave the range of Double (an infinite
    /// price, or fee volume); the step stops there and ``run(check:)`` fails the run.
    public private(set) var failure: SimulationError?

    /// Builds run `run` of `scenario`: opens the accounts, mints the initial supply, creates
    /// the populations and draws their parameters.
    public init(scenario: Scenario, run: Int) throws(SimulationError) {
        self.scenario = scenario
        self.run = run
        let market = Market(
            price: scenario.market.price, process: Self.process(scenario.market.process),
            impact: Self.impact(scenario.market.impact))
        let ve = scenario.mechanisms.voteEscrow ?? VoteEscrowSpec()
        let escrow = VoteEscrow(parameters: .days(maxDays: ve.maxLockDays, weekRounding: ve.weekRounding))
        economy = Economy(market: market, escrow: escrow)
        volumeUSD = scenario.market.volumeUSD
        volumeElasticity = scenario.market.volumeElasticity
        marketRNG = RandomStream.derive(seed: scenario.seed, run: run, stream: RandomStream.market)
        events = scenario.events.enumerated().sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }.map(\.element)

        if let e = scenario.mechanisms.emission { emission = Self.emissionCurve(e.schedule) }
        if let f = scenario.mechanisms.feeSharing {
            fees = FeeDistributor(payout: f.payout == .weekly ? .weekly : .continuous)
            feeRate = f.feeRate
            lockerShare = f.lockerShare
        }

        let names = scenario.recordedMetricNames
        var globals: [MetricName] = []
        var columns: [Int] = []
        var perGauge: [(kind: GaugeMetric, gauge: Int, column: Int)] = []
        var perPool: [(metric: PoolMetricName, pool: Int, column: Int)] = []
        var perLP: [(metric: LPMetricName, population: Int, column: Int)] = []
        for (column, name) in names.enumerated() {
            if let metric = MetricName(rawValue: name) {
                globals.append(metric)
                columns.append(column)
            } else if let (kind, gauge) = GaugeMetric.parse(name),
                      let g = scenario.mechanisms.gauges?.list.firstIndex(where: { $0.name == gauge }) {
                perGauge.append((kind, g, column))
            } else if let (metric, pool) = PoolMetricName.parse(name),
                      let k = scenario.pools.firstIndex(where: { $0.name == pool }) {
                perPool.append((metric, k, column))
            } else if let (metric, population) = LPMetricName.parse(name),
                      let p = scenario.populations.firstIndex(where: { $0.name == population }) {
                perLP.append((metric, p, column))
            }
        }
        metrics = globals
        metricColumns = columns
        gaugeMetrics = perGauge
        poolMetrics = perPool
        lpMetrics = perLP
        recordEvery = scenario.metrics.every
        recorder = MetricRecorder(names: names, capacity: scenario.horizonDays / scenario.metrics.every + 1)

        // Day-0 holdings: allocations, then populations, then the float held outside.
        var held = 0.0
        for allocation in scenario.token.allocations {
            let account = allocation.account == "treasury"
                ? economy.treasuryAccount
                : economy.ledger.open(allocation.account, kind: .contract)
            allocationAccounts[allocation.account] = account
            protocolTokenAccounts.append(account)
            economy.ledger.mint(.token, to: account, allocation.amount)
            held += allocation.amount
        }
        if !protocolTokenAccounts.contains(economy.treasuryAccount) { protocolTokenAccounts.append(economy.treasuryAccount) }
        protocolTokenAccounts.append(economy.distributorAccount)
        if !scenario.assets.isEmpty { buildAssets() }
        if !scenario.pools.isEmpty {
            held += try buildPools()
            liquidity.drawsEarly = true
        }

        for (index, spec) in scenario.populations.enumerated() {
            var rng = RandomStream.derive(seed: scenario.seed, run: run, stream: RandomStream.populationBase + UInt64(index))
            var balances = [Double](repeating: 0, count: spec.count)
            for i in balances.indices { balances[i] = spec.initialBalance.sample(&rng) }
            let behaviour: any Behaviour
            switch spec.behaviour {
            case .holder(let h):
                var patience = [Double](repeating: 0, count: spec.count)
                for i in patience.indices { patience[i] = h.patience.sample(&rng) }
                behaviour = HolderBehaviour(
                    patience: patience, maxLockDays: ve.maxLockDays, lockPropensity: h.lockPropensity,
                    lockFraction: h.lockFraction, sellPropensity: h.sellPropensity, sellFraction: h.sellFraction)
            case .mercenaryFarmer, .longTermFarmer:
                behaviour = farmerBehaviour(spec, maxLockDays: ve.maxLockDays, rng: &rng)
                farming.farmerPopulations.append(populations.count)
            case .arbitrageur, .passiveLP, .rangeLP, .noiseTrader, .informedTrader:
                behaviour = liquidityBehaviour(spec, rng: &rng)
                if case .arbitrageur = spec.behaviour { liquidity.arbitrageurs.append(populations.count) }
                if case .informedTrader = spec.behaviour { liquidity.drawsEarly = true }
            }
            let funded = spec.initialCash != .constant(0)
            var cashRNG = rng
            held += addPopulation(name: spec.name, balances: balances, behaviour: behaviour, rng: rng)
            // Day-0 cash is drawn after the behaviour's parameters, on a copy of the stream,
            // so populations without cash keep their draws.
            if funded { fundLastPopulation(spec.initialCash, rng: &cashRNG) }
        }
        if let supply = scenario.token.supply {
            let float = supply - held
            guard float >= -1e-9 * supply else {
                throw SimulationError(day: 0, message: "initial holdings \(held) exceed token.supply \(supply)")
            }
            economy.ledger.mint(.token, to: economy.outside, max(0, float))
        }
        try setUpIncentives()
        setUpFarming()
        try setUpStaking()
        economy.tracksEmissionFate = metrics.contains(.emissionSoldShare) || metrics.contains(.emissionLockedShare)

    }

    /// Adds a population with the given day-0 balances (minted to its account) and behaviour.
    /// Library users call this to plug in their own ``Behaviour`` before running.
    ///
    /// - Returns: the tokens minted for the population.
    @discardableResult
    public mutating func addPopulation(
        name: String, balances: [Double], behaviour: any Behaviour, rng: Xoshiro256StarStar? = nil
    ) -> Double {
        let account = economy.ledger.open("population:\(name)", kind: .population)
        let rows = economy.addAgents(balances.count, account: account)
        var total = 0.0
        for (k, b) in balances.enumerated() {
            economy.tokens[rows.lowerBound + k] = b
            total += b
        }
        economy.ledger.mint(.token, to: account, total)
        let stream = rng ?? RandomStream.derive(
            seed: scenario.seed, run: run, stream: RandomStream.populationBase + UInt64(populations.count))
        populations.append(Population(name: name, rows: rows, account: account, behaviour: behaviour, rng: stream))
        return total
    }

    /// Runs every day of the horizon.
    ///
    /// - Parameter check: verify the ledger, every population's sub-ledger and the escrow's
    ///   invariants after every step.
    public mutating func run(check: Bool) -> RunOutcome {
        if check, let violation = firstViolation() {
            return .failed(SimulationError(day: 0, message: violation.message), partial: recorder)
        }
        for day in 1...scenario.horizonDays {
            step(day: day)
            if let failure { return .failed(failure, partial: recorder) }
            if day % recordEvery == 0 || day == scenario.horizonDays { record(day: day) }
            if check, let violation = firstViolation() {
                return .failed(SimulationError(day: day, message: violation.message), partial: recorder)
            }
        }
        return .completed(recorder)
    }

    /// Advances the world by one day.
    public mutating func step(day: Int) {
        economy.day = day
        economy.soldToday = 0
        economy.boughtToday = 0
        economy.lockedToday = 0
        economy.lockedTokenDaysToday = 0
        // The day's pool flows start before the events, so an attacker's purchase at a
        // proposal counts in them.
        if !economy.pools.isEmpty { economy.resetPoolDays() }
        applyEvents(day: day)
        incentivesStartOfDay(day: day)
        farmingStartOfDay(day: day)
        if let problem = priceOutOfRange() { failure = SimulationError(day: day, message: problem); return }
        let hasPools = !economy.pools.isEmpty
        if liquidity.drawsEarly { startLiquidityDay() }
        economy.escrow.checkpoint(now: Int64(day))
        stakingStartOfDay(day: day)
        for p in populations.indices {
            populations[p].step(&economy)
            economy.flushClaims()
        }
        incentivesAfterAgents(day: day)
        farmingAfterAgents(day: day)

        let now = Int64(day)
        let totalPower = economy.escrow.checkpointedTotal(now: now)
        votingPowerToday = totalPower
        let price = economy.market.price
        priceAtPayment = price

        // Emission (BM-1 step 4): not emitted on a day without voting power.
        var emissionDue = 0.0
        var gaugeEmission = 0.0
        if let curve = emission, let share = incentives?.gaugeShare, incentives?.controller != nil {
            // With gauges, their share is routed by gauge weight, whether or not anyone locks.
            let scheduled = curve.amount(day: day) * emissionScale
            gaugeEmission = routeGaugeEmission(scheduled * share)
            if totalPower > 0 { emissionDue = scheduled * (1 - share) }
        } else if let curve = emission, totalPower > 0 { emissionDue = curve.amount(day: day) * emissionScale }
        // Fees (BM-1 step 5): revenue from traded volume; the locker share is paid out.
        var revenue = 0.0
        var feesDue = 0.0
        lockerRevenueToday = 0
        if fees != nil {
            let ratio = price / economy.market.initialPrice
            let volume = volumeUSD * (volumeElasticity == 1 ? ratio : _pow(ratio, volumeElasticity))
            revenue = feeRate * volume
            guard revenue.isFinite else {
                failure = SimulationError(
                    day: day, message: "the fee revenue (\(feeRate) × \(volume) USD of volume at price \(price)) is not a finite number; "
                        + "check market.volume_usd and market.volume_elasticity")
                return
            }
            let toLockers = revenue * lockerShare
            lockerRevenueToday = toLockers
            economy.ledger.transfer(.cash, from: economy.outside, to: economy.distributorAccount, toLockers)
            economy.ledger.transfer(.cash, from: economy.outside, to: economy.treasuryAccount, revenue - toLockers)
            buyback(revenue: revenue)
            payLiquidityProviders(revenue: revenue)
            payStakers(revenue: revenue)
            if fees!.payout == .continuous {
                // With no voting power the revenue stays in the distributor, unclaimable.
                if totalPower > 0 { feesDue = toLockers }
            } else {
                fees!.receive(toLockers)
            }
        }
        // Emission and continuous fees accrue pro-rata to today's power; agents collect
        // them when they next act (RewardAccrual), so a day costs O(1) here.
        // Exit penalties for the remaining lockers ride on the same accumulator.
        let penaltiesShared = releasePenalties(totalPower: totalPower)
        if totalPower > 0 && (emissionDue > 0 || feesDue > 0 || penaltiesShared > 0) {
            economy.ledger.mint(.token, to: economy.emissionPendingAccount, emissionDue)
            economy.ledger.transfer(.cash, from: economy.distributorAccount, to: economy.feePendingAccount, feesDue)
            economy.accrual.record(
                day: day, tokensPerPower: (emissionDue + penaltiesShared) / totalPower, cashPerPower: feesDue / totalPower)
        }
        var feesPaid = feesDue
        if fees?.payout == .weekly, fees!.isEpochStart(day: day) {
            let supply = economy.escrow.snapshotPower(at: now)
            if let closed = fees!.rollEpoch(newPower: economy.escrow.power, newSupply: supply) {
                payWeekly(amount: closed.amount, power: closed.power, supply: closed.supply)
                feesPaid += closed.amount
            }
        }
        emittedToday = emissionDue + gaugeEmission
        if incentives != nil {
            incentives!.revenueTotal += revenue
            incentives!.emissionUSDTotal += emittedToday * price
        }
        revenueToday = revenue
        feesPaidToday = feesPaid

        // Price (BM-1 step 6).
        let previousPrice = economy.market.price
        economy.market.advance(netSold: economy.soldToday - economy.boughtToday, rng: &marketRNG)
        if !economy.assetMarkets.isEmpty { economy.advanceAssets(rngs: &liquidity.assetRNGs) }
        if hasPools { afterPriceMove(previousPrice: previousPrice) }
        if day % 64 == 0 { economy.expiries.discard(through: day) }
        if let problem = priceOutOfRange() { failure = SimulationError(day: day, message: problem) }
    }

    /// Why the price cannot be traded at, or nil: it must be a finite number at which every
    /// token in existence is still worth a finite number of USD, so that no day's trade
    /// overflows (a drift or shock far outside any market's range does that).
    func priceOutOfRange() -> String? {
        let price = economy.market.price
        guard !price.isFinite || !(price * economy.ledger.supply(.token)).isFinite else { return nil }
        return "the price left the range of Double (\(price) USD per token, \(economy.ledger.supply(.token)) tokens); "
            + "check market.drift, market.volatility and price shocks"
    }

    /// Pays a closed weekly epoch against the power snapshot taken at its start.
    mutating func payWeekly(amount: Double, power: [Double], supply: Double) {
        let perPower = amount / supply
        for p in populations {
            var share = 0.0
            for i in p.rows where i < power.count { share += power[i] }
            economy.ledger.transfer(.cash, from: economy.distributorAccount, to: p.account, amount * share / supply)
        }
        for i in 0..<min(power.count, economy.agentCount) { economy.cash[i] += power[i] * perPower }
    }

    mutating func applyEvents(day: Int) {
        while nextEvent < events.count && events[nextEvent].day == day {
            switch events[nextEvent].action {
            case .priceShock(let change):
                economy.market.shock(change)
            case .assetShock(let symbol, let change):
                shockAsset(symbol, change)
            case .unlock(let from, let to, let amount):
                if let source = allocationAccounts[from], let target = populations.first(where: { $0.name == to }) {
                    let available = economy.ledger.balance(.token, source)
                    let released = min(amount, available)
                    economy.ledger.transfer(.token, from: source, to: target.account, released)
                    let each = released / Double(target.rows.count)
                    for i in target.rows { economy.tokens[i] += each }
                }
            case .set(let parameter, let value):
                set(parameter, value)
            case .propose(let parameter, let value):
                propose(parameter, value, day: day)
            case .changeGauges(let change):
                changeGauges(change)
            case .proposeGaugeChange(let change):
                proposeGaugeChange(change, day: day)
            }
            nextEvent += 1
        }
    }

    mutating func set(_ parameter: SettableParameter, _ value: Double) {
        switch parameter {
        case .feeRate: feeRate = value
        case .lockerShare: lockerShare = value
        case .emissionScale: emissionScale = value
        case .volatility: economy.market.setVolatility(value)
        case .drift: economy.market.setDrift(value)
        case .impactCoefficient:
            switch economy.market.impact {
            case .linear(_, let floor): economy.market.impact = .linear(coefficient: value, floor: floor)
            case .squareRoot(_, let floor): economy.market.impact = .squareRoot(coefficient: value, floor: floor)
            case .none: break
            }
        case .volumeUSD: volumeUSD = value
        case .gaugeEmissionShare, .maxExitPenalty: setIncentiveParameter(parameter, value)
        }
    }

    // MARK: Metrics

    mutating func record(day: Int) {
        var values = [Double](repeating: 0, count: metrics.count + gaugeMetrics.count + poolMetrics.count + lpMetrics.count)
        let ledger = economy.ledger
        let locked = economy.escrow.supply
        // Agents' free tokens, claimed or still accrued to them.
        var holdersFree = ledger.balance(.token, economy.emissionPendingAccount)
        for p in populations { holdersFree += ledger.balance(.token, p.account) }
        for (k, metric) in metrics.enumerated() {
            let column = metricColumns[k]
            let value: Double
            switch metric {
            case .price: value = economy.market.price
            case .circulatingSupply:
                var protocolHeld = locked
                for a in protocolTokenAccounts { protocolHeld += ledger.balance(.token, a) }
                value = ledger.supply(.token) - protocolHeld
            case .locked: value = locked
            case .lockedShare: value = locked + holdersFree > 0 ? locked / (locked + holdersFree) : 0
            case .holdersFree: value = holdersFree
            case .votingPower: value = votingPowerToday
            case .averageRemainingLockDays:
                value = locked > 0 ? Double(economy.escrow.parameters.maxTime) * votingPowerToday / locked : 0
            case .sellPressure: value = economy.soldToday
            case .emission: value = emittedToday
            case .feeRevenue: value = revenueToday
            case .feesToLockers: value = feesPaidToday
            case .realYield:
                value = emittedToday > 0 ? lockerRevenueToday / (emittedToday * priceAtPayment) : .nan
            case .votingPowerGini: value = giniOfPower()
            case .votingPowerNakamoto: value = nakamotoOfPower()
            case .treasuryCash: value = ledger.balance(.cash, economy.treasuryAccount)
            case .poolPrice: value = mainPoolPrice()
            case .toxicShare: value = toxicShare()
            case .staked, .stakingQueued, .stakingWithdrawn: value = stakingMetric(metric)
            default: value = incentiveMetric(metric)
            }
            values[column] = value
        }
        for m in gaugeMetrics { values[m.column] = gaugeMetric(m.kind, m.gauge) }
        for m in poolMetrics { values[m.column] = poolMetric(m.metric, m.pool) }
        for m in lpMetrics { values[m.column] = lpMetric(m.metric, m.population) }
        recorder.record(step: day, values)
    }

    /// Every agent's voting power today, ascending (one radix sort per recorded day).
    mutating func sortedPower() -> [Double] {
        if sortedPowerDay != economy.day {
            economy.escrow.snapshotPower(at: Int64(economy.day))
            sortScratch.removeAll(keepingCapacity: true)
            sortScratch.append(contentsOf: economy.escrow.power)
            RadixSort.sortNonNegative(&sortScratch, scratch: &radixScratch)
            sortedPowerDay = economy.day
        }
        return sortScratch
    }

    /// Gini coefficient of voting power over all agents: `Σ (2i − n − 1) x_(i) / (n Σ x)`
    /// with `x` sorted ascending, `i` 1-based. 0 when nobody has power.
    mutating func giniOfPower() -> Double {
        let x = sortedPower()
        let n = Double(x.count)
        var weighted = 0.0
        var total = 0.0
        for (i, v) in x.enumerated() {
            weighted += (2 * Double(i + 1) - n - 1) * v
            total += v
        }
        return total > 0 ? weighted / (n * total) : 0
    }

    /// Nakamoto coefficient: the fewest agents whose voting power together exceeds half the total.
    mutating func nakamotoOfPower() -> Double {
        let x = sortedPower()
        let total = x.reduce(0, +)
        guard total > 0 else { return 0 }
        var cumulative = 0.0
        var count = 0
        for v in x.reversed() {
            cumulative += v
            count += 1
            if cumulative > total / 2 { break }
        }
        return Double(count)
    }

    // MARK: Invariants

    /// The first broken invariant: ledger conservation, each population's token and cash
    /// columns against its ledger account, the escrow's token supply against its account,
    /// and the escrow's own invariants (Curve I1, I3, I4, I5).
    public func firstViolation() -> InvariantViolation? {
        let ledger = economy.ledger
        if let v = ledger.check().first { return v }
        for p in populations {
            var tokens = 0.0
            var cash = 0.0
            for i in p.rows {
                tokens += economy.tokens[i]
                cash += economy.cash[i]
                if economy.tokens[i] < 0 { return InvariantViolation("agent \(i) of \(p.name) holds \(economy.tokens[i]) tokens") }
            }
            if let v = ledger.checkSubledger(.token, p.account, columnSum: tokens, label: "population \(p.name)") { return v }
            if let v = ledger.checkSubledger(.cash, p.account, columnSum: cash, label: "population \(p.name)") { return v }
        }
        if let v = ledger.checkSubledger(
            .token, economy.escrowAccount, columnSum: economy.escrow.supply, label: "vote-escrow supply") { return v }
        var owedTokens = 0.0
        var owedCash = 0.0
        for row in 0..<economy.agentCount {
            let due = economy.accrual.owed(row, amount: economy.escrow.lockedAmount(row), end: economy.escrow.lockEnd(row))
            owedTokens += due.tokens
            owedCash += due.cash
        }
        if let v = ledger.checkSubledger(
            .token, economy.emissionPendingAccount, columnSum: owedTokens, label: "accrued emissions", tolerance: 1e-8) { return v }
        if let v = ledger.checkSubledger(
            .cash, economy.feePendingAccount, columnSum: owedCash, label: "accrued fees", tolerance: 1e-8) { return v }
        if let v = incentiveViolation() { return v }
        if let v = stakingViolation() { return v }
        if let v = poolViolation() { return v }
        if !economy.assetMarkets.isEmpty, let v = assetViolation() { return v }
        return economy.escrow.checkInvariants(at: Int64(economy.day)).first
    }

    // MARK: Mapping the scenario onto mechanisms

    static func process(_ spec: ProcessSpec) -> PriceProcess {
        switch spec {
        case .gbm(let mu, let sigma): .gbm(drift: mu, volatility: sigma)
        case .jumpDiffusion(let mu, let sigma, let l, let jm, let js):
            .jumpDiffusion(drift: mu, volatility: sigma, intensity: l, jumpMean: jm, jumpStdev: js)
        case .series(_, _, let prices): .series(prices)
        }
    }

    static func impact(_ spec: ImpactSpec) -> ImpactModel {
        switch spec.model {
        case .linear: .linear(coefficient: spec.coefficient, floor: spec.floor)
        case .sqrt: .squareRoot(coefficient: spec.coefficient, floor: spec.floor)
        case .none: .none
        }
    }

    static func emissionCurve(_ schedule: EmissionSchedule) -> EmissionCurve {
        switch schedule {
        case .constant(let perDay): .constant(perDay: perDay)
        case .halving(let initial, let halfLife): .halving(initialPerDay: initial, halfLifeDays: halfLife)
        case .curve(let initial, let reduction): .curve(initialPerYear: initial, reduction: reduction)
        case .table(let steps): .table(steps.map { (fromDay: $0.fromDay, perDay: $0.perDay) })
        }
    }
}
