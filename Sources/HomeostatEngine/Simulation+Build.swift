public import HomeostatAgents
public import HomeostatCore
import HomeostatMarket
import HomeostatMechanisms
public import HomeostatScenario

extension Simulation {
    /// Builds run `run` of `scenario`: opens the accounts, mints the initial supply, creates
    /// the populations and draws their parameters, and builds the scenario's modules, then
    /// those of `registry` (a library user's own).
    ///
    /// The construction order is fixed (it decides which agent rows and ledger accounts each
    /// part gets): allocations, external assets, pools, the populations in file order, the
    /// outside float, then the mechanisms (governance first: its attacker is an agent).
    public init(scenario: Scenario, run: Int, registry: ModuleRegistry = .standard) throws(SimulationError) {
        self.scenario = scenario
        self.run = run
        let market = Market(
            price: scenario.market.price, process: MarketModule.process(scenario.market.process),
            impact: MarketModule.impact(scenario.market.impact))
        let ve = scenario.mechanisms.voteEscrow ?? VoteEscrowSpec()
        let escrow = VoteEscrow(parameters: .days(maxDays: ve.maxLockDays, weekRounding: ve.weekRounding))
        var world = World(economy: Economy(market: market, escrow: escrow), seed: scenario.seed, run: run, horizonDays: scenario.horizonDays)
        events = scenario.events.enumerated().sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }.map(\.element)

        // Day-0 holdings: allocations, then pools, then populations, then the float outside.
        let m = scenario.mechanisms
        let (token, allocated) = TokenModule.build(scenario.token, world: &world)
        var held = allocated
        var slots: [ModuleSlot] = [.token(token)]
        if !scenario.assets.isEmpty { slots.append(.assets(AssetsModule(scenario.assets, world: &world))) }
        var pools: PoolsModule?
        if !scenario.pools.isEmpty {
            let built = try PoolsModule(scenario.pools, assets: scenario.assets, revenueSplit: m.revenueSplit, world: &world)
            held += built.minted
            pools = built
        }
        // The holdings are summed in this order (allocations, pools, each population), as
        // the float outside is what they leave of the supply.
        let built = try Self.buildPopulations(scenario, maxLockDays: ve.maxLockDays, heldBefore: held, world: &world)
        held = built.held
        try TokenModule.mintFloat(scenario.token, held: held, world: &world)
        if var p = pools {
            p.arbitrageurs = built.arbitrageurs
            slots.append(.pools(p))
        }
        slots.append(.voteEscrow(VoteEscrowModule()))
        if let e = m.emission { slots.append(.emission(EmissionModule(e))) }
        if let f = m.feeSharing { slots.append(.revenue(try RevenueModule(f, split: m.revenueSplit, market: scenario.market))) }

        // The incentive machinery. Governance first: its attacker is an agent, so gauges and
        // staking count it among the voters and stakers.
        if let g = m.governance {
            slots.append(.governance(try GovernanceModule(
                g, populations: scenario.populations, gaugeNames: m.gauges?.list.map(\.name) ?? [], world: &world)))
        }
        if let e = m.exitPenalty { slots.append(.exitPenalty(try ExitPenaltyModule(e, populations: scenario.populations, world: &world))) }
        if let g = m.gauges {
            let gauges = try GaugesModule(g, populations: scenario.populations, bribes: scenario.bribes, world: &world)
            gauges.registerProtocolAccounts(&world)
            slots.append(.gauges(gauges))
            slots.append(.farming(FarmingModule(g, populations: scenario.populations, farmerPopulations: built.farmers)))
        }
        if let t = m.treasury { slots.append(.treasury(try TreasuryModule(t))) }
        if let s = m.staking {
            slots.append(.staking(try StakingModule(
                s, populations: scenario.populations, rewardShare: m.revenueSplit?.stakers ?? 0, world: &world)))
        }
        if m.gauges != nil || m.exitPenalty != nil || m.revenueSplit != nil || m.treasury != nil || m.governance != nil {
            slots.append(.alignment(AlignmentModule()))
        }
        for descriptor in registry.modules {
            if let module = try descriptor.build(scenario, &world) { slots.append(.custom(module)) }
        }
        let drawsEarly = !scenario.pools.isEmpty || built.informedTraders
        slots.insert(.market(MarketModule(drawsEarly: drawsEarly)), at: 0)

        let names = scenario.recordedMetricNames + registry.defaultMetrics(scenario)
        world.economy.tracksEmissionFate = names.contains(MetricName.emissionSoldShare.rawValue)
            || names.contains(MetricName.emissionLockedShare.rawValue)
        let snapshot = world
        columns = names.map { name in
            for (k, slot) in slots.enumerated() {
                if let s = slot.module.metricSlot(name, world: snapshot) { return (k, s) }
            }
            return (nil, AbsentMetrics.slot(name) ?? -1)
        }
        measured = try Self.resolveNeeds(slots, world: snapshot)
        recorder = MetricRecorder(names: names, capacity: scenario.horizonDays / scenario.metrics.every + 1)
        modules = slots
        schedule = Schedule(modules: slots.map(\.module))
        self.world = world
        if !measured.isEmpty { measure() }
    }

    /// Checks what each module takes from the others (``Module/needs``): every metric it
    /// reads must be computed by a module of this run, and every action it hands over must
    /// have an owner. Returns the metrics to evaluate each day.
    ///
    /// - Throws: ``SimulationError`` located at the scenario field that asks for it.
    static func resolveNeeds(_ slots: [ModuleSlot], world: World) throws(SimulationError) -> [(name: String, module: Int?, slot: Int)] {
        var measured: [(name: String, module: Int?, slot: Int)] = []
        for slot in slots {
            let needs = slot.module.needs
            for (name, location) in needs.metrics where !measured.contains(where: { $0.name == name }) {
                if let (k, s) = slots.enumerated().lazy.compactMap({ k, m in m.module.metricSlot(name, world: world).map { (k, $0) } }).first {
                    measured.append((name, k, s))
                } else if let absent = AbsentMetrics.slot(name), AbsentMetrics.isComputed(absent) {
                    measured.append((name, nil, absent))
                } else {
                    let detail = AbsentMetrics.slot(name) != nil
                        ? "metric '\(name)' is not computed in this scenario: the mechanism that makes it is absent"
                        : "no module of this scenario computes a metric named '\(name)' (check its spelling and the pool, gauge or population it names)"
                    throw SimulationError(day: 0, message: location.message(detail))
                }
            }
            for (action, location) in needs.actions where !slots.contains(where: { $0.module.owns(action) }) {
                throw SimulationError(day: 0, message: location.message("no mechanism of this scenario applies \(action)"))
            }
        }
        return measured
    }

    /// What building the populations found.
    struct BuiltPopulations {
        /// Day-0 tokens held so far: before the populations, then with them.
        var held: Double
        var farmers: [Int] = []
        var arbitrageurs: [Int] = []
        var informedTraders = false
    }

    /// Creates the scenario's populations in file order: day-0 balances, the behaviour with
    /// its per-agent parameters, then day-0 cash, each from the population's own stream.
    static func buildPopulations(
        _ scenario: Scenario, maxLockDays: Int, heldBefore: Double, world: inout World
    ) throws(SimulationError) -> BuiltPopulations {
        var built = BuiltPopulations(held: heldBefore)
        for (index, spec) in scenario.populations.enumerated() {
            var rng = RandomStream.derive(seed: scenario.seed, run: world.run, stream: RandomStream.populationBase + UInt64(index))
            var balances = [Double](repeating: 0, count: spec.count)
            for i in balances.indices { balances[i] = spec.initialBalance.sample(&rng) }
            let behaviour = BehaviourFactory.make(spec, scenario: scenario, maxLockDays: maxLockDays, exchange: world.venues.exchange, rng: &rng)
            switch spec.behaviour {
            case .mercenaryFarmer, .longTermFarmer: built.farmers.append(world.populations.count)
            case .arbitrageur: built.arbitrageurs.append(world.populations.count)
            case .informedTrader: built.informedTraders = true
            default: break
            }
            let funded = spec.initialCash != .constant(0)
            var cashRNG = rng
            built.held += world.addPopulation(name: spec.name, balances: balances, behaviour: behaviour, rng: rng)
            // Day-0 cash is drawn after the behaviour's parameters, on a copy of the stream,
            // so populations without cash keep their draws.
            if funded { fundLastPopulation(spec.initialCash, rng: &cashRNG, world: &world) }
        }
        return built
    }

    /// Gives each agent of the last population added its day-0 cash, from the outside market.
    static func fundLastPopulation(_ cash: Distribution, rng: inout Xoshiro256StarStar, world: inout World) {
        guard let p = world.populations.last else { return }
        var total = 0.0
        for i in p.rows {
            let c = cash.sample(&rng)
            world.economy.cash[i] = c
            total += c
        }
        world.economy.ledger.transfer(.cash, from: world.economy.outside, to: p.account, total)
    }
}
