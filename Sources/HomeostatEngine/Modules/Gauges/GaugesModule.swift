import HomeostatAgents
public import HomeostatCore
import HomeostatMarket
public import HomeostatMechanisms
public import HomeostatScenario

/// Gauge-directed emissions (`mechanisms.gauges`, Curve's GaugeController in days): the
/// gauges' share of the emission routed by relative weight to liquidity gauges (Curve's
/// Minter mints only what a gauge pays out), weights from votes cast each epoch (fixed or
/// bribe-following voters) or fixed by the scenario, Votium-style bribes paid to a gauge's
/// voters each epoch (`Bribes.swift`), and killing or adding gauges (`GaugeList.swift`).
/// The liquidity gauges themselves (stakes, working balances, boost) are the world's
/// `venues.farms`, since farmers act on them.
public struct GaugesModule: Module {
    var controller: GaugeController
    /// One ledger account per gauge: the emission minted for its stakers and not yet claimed.
    var gaugeAccounts: [AccountID] = []
    /// Relative weights fixed by the scenario (`fixed_weights`), or nil: votes decide.
    let fixedWeights: [Double]?
    let gaugeNames: [String]
    var gaugeShare: Double
    /// Tokens routed to each gauge since day 0.
    var routedTotal: [Double]
    var relativeWeights: [Double] = []
    var weightsEpoch: Int64 = .min
    var gaugeEmissionToday: [Double]
    var unmintedToday = 0.0
    var voters: [(population: Int, voter: GaugeVoter)] = []
    var votesRejected = 0

    // Bribes (see `Bribes.swift`).
    let bribes: [BribeSpec]
    var market = BribeMarket()
    let bribeAccount: AccountID
    var bribesPaidToday: [Double]
    /// Whether each gauge is bribed in the current epoch, and the cumulative ROI terms.
    var bribedNow: [Bool]
    var bribedEmissionUSD: [Double]
    var bribeOfferedTotal: [Double]

    /// Builds the controller, one liquidity gauge (a farm) per gauge of `spec`, the voters of
    /// `populations` (the scenario's, by population index) and the bribe market.
    public init(_ spec: GaugesSpec, populations: [PopulationSpec], bribes: [BribeSpec], world: inout World) throws(SimulationError) {
        var controller = GaugeController(parameters: .days(epochDays: spec.epochDays, voteDelayDays: spec.voteDelayDays), startTime: 0)
        var names: [String] = []
        for gauge in spec.list {
            do throws(GaugeControllerError) {
                let type = try controller.addType(weight: gauge.typeWeight, now: 0)
                let id = try controller.addGauge(type: type, now: 0)
                if !gauge.active { try controller.setKilled(id, true) }
            } catch {
                throw SimulationError(day: 0, message: "gauge \(gauge.name): \(error)")
            }
            let pool = gauge.pool.flatMap { world.venues.exchange.poolID(named: $0) }
            let farm = world.venues.farms.addFarm(
                name: gauge.name, pool: pool, boost: gauge.boost ? .curve : .unboosted, economy: &world.economy)
            gaugeAccounts.append(world.venues.farms.accounts[farm])
            names.append(gauge.name)
        }
        gaugeNames = names
        fixedWeights = spec.fixedWeights
        _ = controller.addVoters(world.economy.agentCount)
        self.controller = controller
        gaugeShare = spec.emissionShare
        let zeros = [Double](repeating: 0, count: spec.list.count)
        routedTotal = zeros
        gaugeEmissionToday = zeros
        bribesPaidToday = zeros
        bribedNow = [Bool](repeating: false, count: spec.list.count)
        bribedEmissionUSD = zeros
        bribeOfferedTotal = zeros
        for (k, population) in populations.enumerated() {
            switch population.incentives.gaugeVotes {
            case .none: break
            case .bribeFollowing?:
                voters.append((k, GaugeVoter(rule: .bribeFollowing, count: population.count)))
            case .fixed(let a)?:
                let rule = GaugeVoter.Rule.fixed(a.map { .init(gauge: GaugeID($0.gauge), bps: $0.bps) })
                voters.append((k, GaugeVoter(rule: rule, count: population.count)))
            }
        }
        self.bribes = bribes
        bribeAccount = world.economy.ledger.open("bribe_market", kind: .contract)
    }

    /// Registers the gauges' accounts as the protocol's (their tokens do not circulate).
    public func registerProtocolAccounts(_ world: inout World) {
        for a in gaugeAccounts { world.protocolTokenAccounts.append(a) }
    }

    public var name: String { "gauges" }

    public var hooks: [Hook] {
        [
            Hook(.dayStart, 0, "restart the day's gauge emission and bribes"),
            Hook(.beforeAgents, 20, "on an epoch's first day: new weights, bribes paid to voters"),
            Hook(.beforeAgents, 30, "what farmers watch: each gauge's emission and share value"),
            Hook(.afterAgents, 20, "on an epoch's first day: gauge votes"),
            Hook(.settlement, 10, "route the gauges' emission share by weight"),
        ]
    }

    public mutating func run(_ hook: Hook, world: inout World) {
        switch (hook.phase, hook.order) {
        case (.dayStart, _):
            unmintedToday = 0
            for g in gaugeEmissionToday.indices {
                gaugeEmissionToday[g] = 0
                bribesPaidToday[g] = 0
            }
        case (.beforeAgents, 20):
            controller.checkpoint(now: Int64(world.day))
            let epoch = controller.currentEpoch
            if epoch != weightsEpoch {
                let weights = fixedWeights ?? controller.relativeWeights(epoch: epoch)
                relativeWeights = controller.liveWeights(weights)
                weightsEpoch = epoch
                settleBribes(epoch: epoch, world: &world)
            }
        case (.beforeAgents, _):
            publishFarmSignals(&world)
        case (.afterAgents, _):
            if Int64(world.day) == controller.epochStart(controller.currentEpoch) { castGaugeVotes(&world) }
        default:
            world.today.gaugeShare = gaugeShare
            if let scheduled = world.today.scheduledEmission {
                world.today.gaugeEmission = routeEmission(scheduled * gaugeShare, world: &world)
            }
        }
    }

    /// What farmers watch today: each gauge's emission for the day (the schedule × the
    /// gauges' share × its current weight) and the value of its pool's shares.
    mutating func publishFarmSignals(_ world: inout World) {
        guard world.venues.farms.count > 0 else { return }
        let scheduled = (world.today.scheduledEmission ?? 0) * gaugeShare
        for g in 0..<world.venues.farms.count {
            let weight = relativeWeights.indices.contains(g) ? relativeWeights[g] : 0
            let value = Self.valuePerShare(g, world)
            world.venues.farms.setFarmSignals(g, emission: scheduled * weight, valuePerShare: value)
        }
    }

    /// USD per LP share of gauge `g`'s pool at the external price (0 without a pool or shares).
    static func valuePerShare(_ g: Int, _ world: World) -> Double {
        let pools = world.venues.exchange.pools
        guard let pool = world.venues.farms.pools[g], let shares = pools[pool.index].lpShares, shares.totalSupply > 0 else { return 0 }
        return pools[pool.index].value(at: world.economy.market.price) / shares.totalSupply
    }

    /// Routes `amount` of the day's emission by the current epoch's relative weights to the
    /// gauges' ``LiquidityGauge``s and mints, into each gauge's account, what its stakers
    /// accrue. As with Curve's Minter, which mints only what gauges pay out, nothing is
    /// minted for a share no gauge receives (no gauge weight: the first epoch, or nobody
    /// voting) or for a gauge with no working supply (nobody stakes): those tokens are
    /// ``MetricName/emissionUnminted``, and the gauge keeps them in its `unminted` total.
    /// - Returns: the tokens minted.
    mutating func routeEmission(_ amount: Double, world: inout World) -> Double {
        guard amount > 0 else { return 0 }
        var minted = 0.0
        let price = world.economy.market.price
        for g in relativeWeights.indices {
            let x = amount * relativeWeights[g]
            guard x > 0 else { continue }
            let accrued = x - world.venues.farms.distributeToFarm(g, x, economy: &world.economy)
            routedTotal[g] += x
            gaugeEmissionToday[g] = x
            if bribedNow[g] { bribedEmissionUSD[g] += x * price }
            minted += accrued
        }
        unmintedToday = max(0, amount - minted)
        return minted
    }

    mutating func castGaugeVotes(_ world: inout World) {
        let next = Int(controller.epochStart(controller.currentEpoch + 1))
        let best = bestBribedGauge(nextEpochStart: next)
        for k in voters.indices {
            let rows = world.populations[voters[k].population].rows
            votesRejected += voters[k].voter.vote(rows: rows, economy: world.economy, controller: &controller, bestGauge: best)
        }
    }

    public func owns(_ action: EventAction) -> Bool {
        switch action {
        case .changeGauges: true
        case .set(.gaugeEmissionShare, _): true
        default: false
        }
    }

    public mutating func apply(_ action: EventAction, world: inout World) {
        switch action {
        case .changeGauges(let change): changeGauges(change)
        case .set(.gaugeEmissionShare, let value): gaugeShare = value
        default: break
        }
    }

    // MARK: Metrics

    enum Metric {
        case votesRejected, unminted, bribesPaid, emissionUSDPerBribeUSD
        case gauge(GaugeMetric, Int)
    }

    static let globals: [(MetricName, Metric)] = [
        (.gaugeVotesRejected, .votesRejected), (.emissionUnminted, .unminted), (.bribesPaid, .bribesPaid),
        (.emissionUSDPerBribeUSD, .emissionUSDPerBribeUSD),
    ]
    static let perGauge: [GaugeMetric] = [.weight, .emission, .bribes, .emissionUSDPerBribeUSD]

    public func metricSlot(_ name: String, world: World) -> Int? {
        if let k = Self.globals.firstIndex(where: { $0.0.rawValue == name }) { return k }
        guard let (kind, gauge) = GaugeMetric.parse(name), let k = Self.perGauge.firstIndex(of: kind),
              let g = gaugeNames.firstIndex(of: gauge) else { return nil }
        return Self.globals.count + g * Self.perGauge.count + k
    }

    public mutating func metric(_ slot: Int, world: inout World) -> Double {
        if slot < Self.globals.count {
            switch Self.globals[slot].1 {
            case .votesRejected: return Double(votesRejected)
            case .unminted: return unmintedToday
            case .bribesPaid: return bribesPaidToday.reduce(0, +)
            default:
                let offered = bribeOfferedTotal.reduce(0, +)
                return offered > 0 ? bribedEmissionUSD.reduce(0, +) / offered : .nan
            }
        }
        let g = (slot - Self.globals.count) / Self.perGauge.count
        switch Self.perGauge[(slot - Self.globals.count) % Self.perGauge.count] {
        case .weight: return relativeWeights.indices.contains(g) ? relativeWeights[g] : 0
        case .emission: return gaugeEmissionToday[g]
        case .bribes: return bribesPaidToday[g]
        default: return bribeOfferedTotal[g] > 0 ? bribedEmissionUSD[g] / bribeOfferedTotal[g] : .nan
        }
    }

    // MARK: Invariants

    /// Each gauge received exactly what was routed to it, and its account holds what it
    /// received less what was never minted and what was claimed (with the liquidity gauge's
    /// own `received == claimed + claimable + unminted`); the bribe market holds nothing
    /// between steps; the gauge controller's own invariants.
    public func firstViolation(world: World) -> InvariantViolation? {
        let economy = world.economy
        let ledger = economy.ledger
        for g in gaugeAccounts.indices {
            let lg = world.venues.farms.gauges[g]
            if abs(lg.received - routedTotal[g]) > 1e-9 * max(1, lg.received) {
                return InvariantViolation("gauge \(gaugeNames[g]) received \(lg.received), but \(routedTotal[g]) was routed to it")
            }
            let held = lg.received - lg.unminted - lg.claimed
            if let v = ledger.checkSubledger(.token, gaugeAccounts[g], columnSum: held, label: "gauge \(gaugeNames[g])") { return v }
            if let v = lg.checkInvariants().first { return v }
        }
        if let v = ledger.checkSubledger(.cash, bribeAccount, columnSum: 0, label: "bribe market") { return v }
        return controller.checkInvariants().first
    }
}
