import HomeostatAgents
import HomeostatCore
import HomeostatMarket
import HomeostatMechanisms
import HomeostatScenario

/// Makes a population's behaviour from its scenario entry, drawing the per-agent parameters
/// from the population's stream (in the order the behaviour's fields are listed).
enum BehaviourFactory {
    static func make(
        _ spec: PopulationSpec, scenario: Scenario, maxLockDays: Int, exchange: Exchange, rng: inout Xoshiro256StarStar
    ) -> any Behaviour {
        func draws(_ d: Distribution) -> [Double] {
            var out = [Double](repeating: 0, count: spec.count)
            for k in out.indices { out[k] = d.sample(&rng) }
            return out
        }
        func pool(_ name: String) -> PoolID {
            guard let id = exchange.poolID(named: name) else { preconditionFailure("the decoder checks pool references") }
            return id
        }
        switch spec.behaviour {
        case .holder(let h):
            return HolderBehaviour(
                patience: draws(h.patience), maxLockDays: maxLockDays, lockPropensity: h.lockPropensity,
                lockFraction: h.lockFraction, sellPropensity: h.sellPropensity, sellFraction: h.sellFraction)
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
        case .arbitrageur(let a): return ArbitrageurBehaviour(gasUSD: a.gasUSD)
        case .passiveLP(let p):
            return PassiveLPBehaviour(
                pool: pool(p.pool), depositFraction: p.depositFraction, minFeeAPR: draws(p.minFeeAPR), maxVolatility: draws(p.maxVolatility))
        case .rangeLP(let r):
            return RangeLPBehaviour(
                pool: pool(r.pool), width: draws(r.width), rebalanceBand: r.rebalanceBand, depositFraction: r.depositFraction, gasUSD: r.gasUSD)
        case .noiseTrader(let t):
            return TraderBehaviour.noise(activity: t.activity, size: t.size, buyProbability: t.buyProbability, stablePool: t.pool.map(pool))
        case .informedTrader(let t): return TraderBehaviour.informed(activity: t.activity, size: t.size, accuracy: t.accuracy)
        }
    }
}
