import HomeostatAgents
public import HomeostatCore
import HomeostatMarket
public import HomeostatMechanisms
public import HomeostatScenario

/// Proposals and votes (`mechanisms.governance`): a scripted `propose` snapshots every
/// agent's voting power (ve, or tokens held, or tokens held plus LP positions' tokens);
/// populations vote on the first day of the voting period with their turnout and support;
/// a passed proposal is queued and, after the timelock, its change is handed back to the
/// engine (``World/pendingActions``), which applies it through the module that owns it.
/// An attacker with a USD budget buys through the router and locks before each snapshot.
public struct GovernanceModule: Module {
    var governance: Governance
    let spec: GovernanceSpec
    /// Each proposal's change (`.set` or `.changeGauges`), applied if it passes.
    var proposals: [(id: ProposalID, action: EventAction, snapshot: [Double], settled: Bool)] = []
    /// Per scenario population: its turnout and support.
    let voting: [IncentiveOptions]
    let gaugeNames: [String]
    /// The attacker's population index, if the scenario has one.
    var attackerPopulation: Int?
    var executed = 0
    var defeated = 0

    /// Governance by `spec`; with an attacker budget, adds the attacker (one agent that never
    /// trades or locks on its own, holding the budget in USD) as a population.
    public init(
        _ spec: GovernanceSpec, populations: [PopulationSpec], gaugeNames: [String], world: inout World
    ) throws(SimulationError) {
        do throws(GovernanceError) {
            governance = Governance(parameters: try Governance.Parameters(
                votingDelay: spec.votingDelayDays, votingPeriod: spec.votingPeriodDays, quorum: spec.quorum, threshold: spec.threshold,
                timelockDelay: spec.timelockDays))
        } catch {
            throw SimulationError(day: 0, message: "mechanisms.governance: \(error)")
        }
        self.spec = spec
        voting = populations.map(\.incentives)
        self.gaugeNames = gaugeNames
        if spec.attackerBudgetUSD > 0 {
            let idle = HolderBehaviour(
                patience: [1], maxLockDays: Int(world.economy.escrow.parameters.maxTime), lockPropensity: 0, lockFraction: 0,
                sellPropensity: 0, sellFraction: 0)
            world.addPopulation(name: "governance-attacker", balances: [0], behaviour: idle)
            let attacker = world.populations[world.populations.count - 1]
            world.economy.ledger.transfer(.cash, from: world.economy.outside, to: attacker.account, spec.attackerBudgetUSD)
            world.economy.cash[attacker.rows.lowerBound] = spec.attackerBudgetUSD
            attackerPopulation = world.populations.count - 1
        }
    }

    public var name: String { "governance" }

    public var hooks: [Hook] { [Hook(.beforeAgents, 10, "votes open; results; passed changes executed after the timelock")] }

    /// Opens votes, settles closed votes, queues passed proposals and executes them after
    /// the timelock.
    public mutating func run(_ hook: Hook, world: inout World) {
        let day = world.day
        for k in proposals.indices where !proposals[k].settled {
            let (id, action, snapshot, _) = proposals[k]
            guard let proposal = try? governance.proposal(id) else { continue }
            if day == proposal.voteStart { castVotes(id, snapshot: snapshot, world: &world) }
            switch proposal.state(on: day) {
            case .succeeded:
                _ = try? governance.queue(id, day: day)
                if proposal.rules.timelockDelay == 0 { fallthrough }
            case .queued:
                if (try? governance.execute(id, day: day)) != nil {
                    switch action {
                    case .set, .changeGauges: world.pendingActions.append(action)
                    default: break
                    }
                    executed += 1
                    proposals[k].settled = true
                }
            case .defeated:
                defeated += 1
                proposals[k].settled = true
            case .expired:
                proposals[k].settled = true
            default: break
            }
        }
    }

    public func owns(_ action: EventAction) -> Bool {
        switch action {
        case .propose, .proposeGaugeChange: true
        default: false
        }
    }

    public mutating func apply(_ action: EventAction, world: inout World) {
        switch action {
        case .propose(let parameter, let value):
            submit(.set(parameter, value), ParameterChange(name: parameter.rawValue, value: value), world: &world)
        case .proposeGaugeChange(let change):
            let gauge = gaugeNames.indices.contains(change.gauge) ? gaugeNames[change.gauge] : ""
            submit(
                .changeGauges(change), ParameterChange(name: "\(change.kind.rawValue) \(gauge)", value: Double(change.gauge)),
                world: &world)
        default: break
        }
    }

    /// Puts a proposal to apply `action` (described to governance as `change`), after the
    /// attacker's purchase, snapshotting every agent's power now.
    mutating func submit(_ action: EventAction, _ change: ParameterChange, world: inout World) {
        attackerBuysAndLocks(&world)
        let snapshot = Self.power(rule: spec.votingPower, world: &world)
        let total = snapshot.reduce(0, +)
        guard let id = try? governance.propose(change, day: world.day, totalVotingPower: total) else { return }
        proposals.append((id, action, snapshot, false))
    }

    /// The attacker spends its USD on tokens, bought at once along the impact curve (with
    /// pools: through the router, flow `attacker`), and locks them for the longest time
    /// before the proposal's power snapshot.
    mutating func attackerBuysAndLocks(_ world: inout World) {
        guard let p = attackerPopulation else { return }
        let population = world.populations[p]
        let row = population.rows.lowerBound
        let usd = world.economy.cash[row]
        guard usd > 0 else { return }
        let bought = world.venues.exchange.marketBuy(
            usd: usd, for: population.account, payingImpact: true, flow: .attacker, economy: &world.economy)
        world.economy.cash[row] -= usd
        world.economy.tokens[row] += bought
        world.economy.claimRewards(row)
        let amount = world.economy.tokens[row]
        let maxDays = world.economy.escrow.parameters.maxTime
        if world.economy.lock(row, amount: amount, unlockDay: Int64(world.day) + maxDays) {
            world.economy.settleLocks(population: population.account, amount: amount)
        }
        world.economy.flushClaims()
    }

    /// Every population votes by its ``GovernanceVoting`` rule (the attacker always turns out
    /// in favour), drawing from its own stream.
    mutating func castVotes(_ id: ProposalID, snapshot: [Double], world: inout World) {
        for p in world.populations.indices {
            let options = voting.indices.contains(p) ? voting[p] : IncentiveOptions()
            let rule = p == attackerPopulation
                ? GovernanceVoting(turnout: 1, support: 1)
                : GovernanceVoting(turnout: options.governanceTurnout, support: options.governanceSupport)
            var rng = world.populations[p].rng
            rule.forEachVote(rows: world.populations[p].rows, snapshot: snapshot, rng: &rng) { row, side, weight in
                try? governance.castVote(on: id, voter: row, support: side, weight: weight, day: world.day)
            }
            world.populations[p].rng = rng
        }
    }

    public func metricSlot(_ name: String, world: World) -> Int? {
        switch name {
        case MetricName.attackCostUSD.rawValue: 0
        case MetricName.proposalsExecuted.rawValue: 1
        case MetricName.proposalsDefeated.rawValue: 2
        default: nil
        }
    }

    public mutating func metric(_ slot: Int, world: inout World) -> Double {
        switch slot {
        case 0: Self.attackCost(rule: spec.votingPower, world: &world)
        case 1: Double(executed)
        default: Double(defeated)
        }
    }
}
