import HomeostatAgents
public import HomeostatCore
import HomeostatMarket
import HomeostatMechanisms
public import HomeostatScenario

/// Liquidity mining on the gauges' farms: passive LP populations that stake their LP shares
/// (the stake follows the shares; rewards claimed weekly and held), farmers' positions, the
/// farms' metrics (`gauge_tvl`, `gauge_apr`, `gauge_boost`, `mercenary_tvl_share`) and their
/// invariants. Farmers decide in their own behaviours (Agents); this module keeps the rest.
///
/// The gauges' stakes are ``Farms`` (in Agents, because farmers stake through them), kept in
/// the world's ``World/venues``: the gauges module adds one per gauge and routes emission to
/// them, this module runs the staking LPs and checks the stakes.
public struct FarmingModule: Module {
    /// Populations whose behaviour is a farmer's, in population order.
    let farmerPopulations: [Int]
    /// Passive LP populations that stake, with the gauge they stake in.
    let stakingLPs: [(population: Int, gauge: Int)]
    let gaugeNames: [String]
    /// Days between the staking LPs' claims.
    static let lpClaimEveryDays = 7

    /// Farming over the gauges of `gauges`: the passive LP populations of `populations` that
    /// stake (in the first gauge on their pool), and the farmer populations.
    public init(_ gauges: GaugesSpec, populations: [PopulationSpec], farmerPopulations: [Int]) {
        var staking: [(Int, Int)] = []
        for (p, spec) in populations.enumerated() {
            guard case .passiveLP(let lp) = spec.behaviour, lp.stake,
                  let g = gauges.list.firstIndex(where: { $0.pool == lp.pool }) else { continue }
            staking.append((p, g))
        }
        stakingLPs = staking
        self.farmerPopulations = farmerPopulations
        gaugeNames = gauges.list.map(\.name)
    }

    public var name: String { "farming" }

    public var hooks: [Hook] { stakingLPs.isEmpty ? [] : [Hook(.afterAgents, 40, "staking LPs' stakes follow their shares; weekly claims")] }

    /// Passive LPs that stake: each agent's stake follows its LP shares (deposits and
    /// withdrawals of the day), and every ``lpClaimEveryDays`` days each staker claims its
    /// rewards, which it holds.
    public mutating func run(_ hook: Hook, world: inout World) {
        let day = world.day
        for (p, g) in stakingLPs {
            guard let lp = world.populations[p].behaviour as? PassiveLPBehaviour else { continue }
            let rows = world.populations[p].rows
            let claims = day % Self.lpClaimEveryDays == 0
            var claimed = 0.0
            for (k, i) in rows.enumerated() {
                let staked = world.venues.farms.gauges[g].balance[i]
                let target = lp.shares[k]
                if target > staked {
                    world.venues.farms.stake(i, gauge: g, shares: target - staked, economy: &world.economy)
                } else if target < staked {
                    world.venues.farms.unstake(i, gauge: g, shares: staked - target, economy: &world.economy)
                }
                if claims { claimed += world.venues.farms.claimFarm(i, gauge: g, economy: &world.economy) }
            }
            world.venues.farms.settleFarmClaims(gauge: g, population: world.populations[p].account, amount: claimed, economy: &world.economy)
        }
    }

    // MARK: Metrics

    static let perGauge: [GaugeMetric] = [.tvl, .apr, .boost]

    public func metricSlot(_ name: String, world: World) -> Int? {
        if name == MetricName.mercenaryTVLShare.rawValue { return 0 }
        guard let (kind, gauge) = GaugeMetric.parse(name), let k = Self.perGauge.firstIndex(of: kind),
              let g = gaugeNames.firstIndex(of: gauge) else { return nil }
        return 1 + g * Self.perGauge.count + k
    }

    public mutating func metric(_ slot: Int, world: inout World) -> Double {
        if slot == 0 { return Self.mercenaryTVLShare(world, farmerPopulations: farmerPopulations) }
        let g = (slot - 1) / Self.perGauge.count
        let farms = world.venues.farms
        let gauge = farms.gauges[g]
        let staked = gauge.totalSupply * GaugesModule.valuePerShare(g, world)
        switch Self.perGauge[(slot - 1) % Self.perGauge.count] {
        case .tvl: return staked
        case .apr: return staked > 0 ? farms.emissionToday[g] * world.economy.market.price * 365 / staked : .nan
        default:
            let floor = gauge.boost.tokenlessProduction * gauge.totalSupply
            return floor > 0 ? gauge.workingSupply / floor : .nan
        }
    }

    /// `mercenary_tvl_share`: USD staked by mercenary farmers ÷ USD staked in all gauges.
    static func mercenaryTVLShare(_ world: World, farmerPopulations: [Int]) -> Double {
        let farms = world.venues.farms
        var total = 0.0
        var perShare = [Double](repeating: 0, count: farms.count)
        for g in 0..<farms.count {
            perShare[g] = GaugesModule.valuePerShare(g, world)
            total += farms.gauges[g].totalSupply * perShare[g]
        }
        guard total > 0 else { return .nan }
        var mercenary = 0.0
        for p in farmerPopulations {
            guard let m = world.populations[p].behaviour as? MercenaryFarmerBehaviour else { continue }
            let base = world.populations[p].rows.lowerBound
            for (k, g) in m.gauge.enumerated() where g >= 0 {
                mercenary += farms.gauges[Int(g)].balance[base + k] * perShare[Int(g)]
            }
        }
        return mercenary / total
    }

    // MARK: Invariants

    /// Every gauge's total stake is exactly what the staking populations' agents stake; no
    /// agent stakes more LP shares than its column holds; each farmer population's share
    /// columns sum to what the pools hold for it.
    public func firstViolation(world: World) -> InvariantViolation? {
        let pools = world.venues.exchange.pools
        let populations = world.populations
        let farms = world.venues.farms
        guard farms.count > 0 else { return nil }
        var stakedBy = [Double](repeating: 0, count: farms.count)
        func overstaked(_ name: String, _ row: Int, _ g: Int, _ held: Double) -> InvariantViolation? {
            let staked = farms.gauges[g].balance[row]
            guard staked > held * (1 + 1e-9) + 1e-12 else { return nil }
            return InvariantViolation("population \(name): agent \(row) stakes \(staked) LP shares in gauge \(g) but holds \(held)")
        }
        for (p, g) in stakingLPs {
            guard let lp = populations[p].behaviour as? PassiveLPBehaviour else { continue }
            for (k, i) in populations[p].rows.enumerated() {
                if let v = overstaked(populations[p].name, i, g, lp.shares[k]) { return v }
                stakedBy[g] += farms.gauges[g].balance[i]
            }
        }
        for p in farmerPopulations {
            let population = populations[p]
            let base = population.rows.lowerBound
            var sharesByPool = [Double](repeating: 0, count: pools.count)
            if let m = population.behaviour as? MercenaryFarmerBehaviour {
                for k in m.shares.indices {
                    if m.pool[k] >= 0 { sharesByPool[Int(m.pool[k])] += m.shares[k] }
                    for g in 0..<farms.count where farms.gauges[g].balance[base + k] > 0 {
                        if Int(m.gauge[k]) != g {
                            return InvariantViolation("population \(population.name): agent \(base + k) stakes in gauge \(g) without being in it")
                        }
                        if let v = overstaked(population.name, base + k, g, m.shares[k]) { return v }
                        stakedBy[g] += farms.gauges[g].balance[base + k]
                    }
                }
            } else if let l = population.behaviour as? LongTermFarmerBehaviour, let pool = farms.pools[l.gauge] {
                for k in l.shares.indices {
                    sharesByPool[pool.index] += l.shares[k]
                    if let v = overstaked(population.name, base + k, l.gauge, l.shares[k]) { return v }
                    stakedBy[l.gauge] += farms.gauges[l.gauge].balance[base + k]
                }
            }
            for k in pools.indices {
                let held = pools[k].shares(of: population.account)
                let columns = sharesByPool[k]
                let supply = pools[k].lpShares?.totalSupply ?? 0
                if abs(held - columns) > 1e-9 * max(held, columns, supply, 1e-300) {
                    return InvariantViolation(
                        "population \(population.name): per-agent LP shares in pool \(pools[k].name) sum to \(columns) but the pool holds \(held)")
                }
            }
        }
        for g in 0..<farms.count {
            let total = farms.gauges[g].totalSupply
            if abs(total - stakedBy[g]) > 1e-9 * max(total, stakedBy[g], 1e-300) {
                return InvariantViolation("gauge \(g): total stake \(total) differs from the stakers' stakes \(stakedBy[g])")
            }
        }
        return nil
    }
}
