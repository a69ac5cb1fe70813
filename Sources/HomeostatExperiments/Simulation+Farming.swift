import HomeostatAgents
import HomeostatCore
import HomeostatMarket
import HomeostatMechanisms
import HomeostatScenario

/// The engine's side of liquidity mining: the farmers' daily signals, passive LPs that
/// stake, the farming metrics and invariants.
struct FarmingRun: Sendable {
    /// Populations whose behaviour is a farmer's, in population order.
    var farmerPopulations: [Int] = []
    /// Passive LP populations that stake, with the gauge they stake in.
    var stakingLPs: [(population: Int, gauge: Int)] = []
    /// Days between the staking LPs' claims.
    static let lpClaimEveryDays = 7
}

extension Simulation {
    /// A farmer population's behaviour, its parameters drawn from `rng`.
    func farmerBehaviour(_ spec: PopulationSpec, maxLockDays: Int, rng: inout Xoshiro256StarStar) -> any Behaviour {
        func draws(_ d: Distribution) -> [Double] {
            var out = [Double](repeating: 0, count: spec.count)
            for k in out.indices { out[k] = d.sample(&rng) }
            return out
        }
        switch spec.behaviour {
        case .mercenaryFarmer(let f):
            let outside = draws(f.outsideAPR)
            return MercenaryFarmerBehaviour(
                outsideAPR: outside, exitAPR: f.exitAPR.map(draws) ?? outside, claimEveryDays: f.claimEveryDays, gasUSD: f.gasUSD)
        case .longTermFarmer(let f):
            guard let g = scenario.mechanisms.gauges?.list.firstIndex(where: { $0.name == f.gauge }) else {
                preconditionFailure("the decoder checks gauge references")
            }
            let days = f.lockDays.map { d in draws(d).map { Int64($0.rounded()) } }
                ?? [Int64](repeating: Int64(maxLockDays), count: spec.count)
            return LongTermFarmerBehaviour(gauge: g, lockDays: days, claimEveryDays: f.claimEveryDays, gasUSD: f.gasUSD)
        default:
            preconditionFailure("only farmers are built here")
        }
    }

    /// Finds the passive LP populations that stake (the first gauge on their pool).
    mutating func setUpFarming() {
        guard let gauges = scenario.mechanisms.gauges else { return }
        for (p, spec) in scenario.populations.enumerated() {
            guard case .passiveLP(let lp) = spec.behaviour, lp.stake,
                  let g = gauges.list.firstIndex(where: { $0.pool == lp.pool }) else { continue }
            farming.stakingLPs.append((p, g))
        }
    }

    /// USD per LP share of gauge `g`'s pool at the external price (0 without a pool or shares).
    func valuePerShare(_ g: Int) -> Double {
        guard let pool = economy.farms.pools[g], let shares = economy.pools[pool.index].lpShares, shares.totalSupply > 0 else { return 0 }
        return economy.pools[pool.index].value(at: economy.market.price) / shares.totalSupply
    }

    /// What farmers watch today: each gauge's emission for the day (the schedule × the
    /// gauges' share × its current weight) and the value of its pool's shares.
    mutating func farmingStartOfDay(day: Int) {
        guard let inc = incentives, inc.controller != nil, economy.farms.count > 0 else { return }
        let scheduled = (emission?.amount(day: day) ?? 0) * emissionScale * inc.gaugeShare
        for g in 0..<economy.farms.count {
            let weight = inc.relativeWeights.indices.contains(g) ? inc.relativeWeights[g] : 0
            economy.setFarmSignals(g, emission: scheduled * weight, valuePerShare: valuePerShare(g))
        }
    }

    /// Passive LPs that stake: each agent's stake follows its LP shares (deposits and
    /// withdrawals of the day), and every ``FarmingRun/lpClaimEveryDays`` days each staker
    /// claims its rewards, which it holds.
    mutating func farmingAfterAgents(day: Int) {
        for (p, g) in farming.stakingLPs {
            guard let lp = populations[p].behaviour as? PassiveLPBehaviour else { continue }
            let rows = populations[p].rows
            let claims = day % FarmingRun.lpClaimEveryDays == 0
            var claimed = 0.0
            for (k, i) in rows.enumerated() {
                let staked = economy.farms.gauges[g].balance[i]
                let target = lp.shares[k]
                if target > staked {
                    economy.stake(i, gauge: g, shares: target - staked)
                } else if target < staked {
                    economy.unstake(i, gauge: g, shares: staked - target)
                }
                if claims { claimed += economy.claimFarm(i, gauge: g) }
            }
            economy.settleFarmClaims(gauge: g, population: populations[p].account, amount: claimed)
        }
    }

    // MARK: Metrics

    /// `mercenary_tvl_share`: USD staked by mercenary farmers ÷ USD staked in all gauges.
    func mercenaryTVLShare() -> Double {
        let farms = economy.farms
        var total = 0.0
        var perShare = [Double](repeating: 0, count: farms.count)
        for g in 0..<farms.count {
            perShare[g] = valuePerShare(g)
            total += farms.gauges[g].totalSupply * perShare[g]
        }
        guard total > 0 else { return .nan }
        var mercenary = 0.0
        for p in farming.farmerPopulations {
            guard let m = populations[p].behaviour as? MercenaryFarmerBehaviour else { continue }
            let base = populations[p].rows.lowerBound
            for (k, g) in m.gauge.enumerated() where g >= 0 {
                mercenary += farms.gauges[Int(g)].balance[base + k] * perShare[Int(g)]
            }
        }
        return mercenary / total
    }

    /// `gauge_tvl`, `gauge_apr` and `gauge_boost` of gauge `g` now.
    func farmMetric(_ kind: GaugeMetric, _ g: Int) -> Double {
        let farms = economy.farms
        let gauge = farms.gauges[g]
        let staked = gauge.totalSupply * valuePerShare(g)
        switch kind {
        case .tvl: return staked
        case .apr: return staked > 0 ? farms.emissionToday[g] * economy.market.price * 365 / staked : .nan
        default:
            let floor = gauge.boost.tokenlessProduction * gauge.totalSupply
            return floor > 0 ? gauge.workingSupply / floor : .nan
        }
    }

    // MARK: Invariants

    /// Liquidity mining's invariants: every gauge's total stake is exactly what the staking
    /// populations' agents stake; no agent stakes more LP shares than its column holds;
    /// each farmer population's share columns sum to what the pools hold for it.
    func farmingViolation() -> InvariantViolation? {
        let farms = economy.farms
        guard farms.count > 0 else { return nil }
        var stakedBy = [Double](repeating: 0, count: farms.count)
        func overstaked(_ name: String, _ row: Int, _ g: Int, _ held: Double) -> InvariantViolation? {
            let staked = farms.gauges[g].balance[row]
            guard staked > held * (1 + 1e-9) + 1e-12 else { return nil }
            return InvariantViolation("population \(name): agent \(row) stakes \(staked) LP shares in gauge \(g) but holds \(held)")
        }
        for (p, g) in farming.stakingLPs {
            guard let lp = populations[p].behaviour as? PassiveLPBehaviour else { continue }
            for (k, i) in populations[p].rows.enumerated() {
                if let v = overstaked(populations[p].name, i, g, lp.shares[k]) { return v }
                stakedBy[g] += farms.gauges[g].balance[i]
            }
        }
        for p in farming.farmerPopulations {
            let population = populations[p]
            let base = population.rows.lowerBound
            var sharesByPool = [Double](repeating: 0, count: economy.pools.count)
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
            for k in economy.pools.indices {
                let held = economy.pools[k].shares(of: population.account)
                let columns = sharesByPool[k]
                let supply = economy.pools[k].lpShares?.totalSupply ?? 0
                if abs(held - columns) > 1e-9 * max(held, columns, supply, 1e-300) {
                    return InvariantViolation(
                        "population \(population.name): per-agent LP shares in pool \(economy.pools[k].name) sum to \(columns) but the pool holds \(held)")
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
