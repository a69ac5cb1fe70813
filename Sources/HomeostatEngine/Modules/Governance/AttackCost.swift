import HomeostatAgents
import HomeostatCore
import HomeostatMarket
import HomeostatMechanisms
public import HomeostatScenario

/// Voting power for governance and what a majority of it costs (`attack_cost_usd`).
extension GovernanceModule {
    /// Each agent's power for governance now: ve power (`rule` nil or `ve`), or tokens held
    /// (free plus locked; with `stake_with_lp` plus the tokens of its LP positions).
    public static func power(rule: GovernanceSpec.VotingPower?, world: inout World) -> [Double] {
        if rule == .stake || rule == .stakeWithLP {
            var out = [Double](repeating: 0, count: world.economy.agentCount)
            for i in out.indices { out[i] = world.economy.tokens[i] + world.economy.escrow.lockedAmount(i) }
            if rule == .stakeWithLP { _ = lpTokens(in: world.venues.exchange.pools, populations: world.populations, into: &out) }
            return out
        }
        world.economy.escrow.snapshotPower(at: Int64(world.day))
        return world.economy.escrow.power
    }

    /// USD to buy and lock a majority of today's voting power
    /// (``Governance/costOfMajority(votingPower:attacker:powerPerLockedToken:majority:cost:)``):
    /// without pools through the market's impact model, with pools through the router
    /// (``Exchange/routedPurchaseCost(tokens:economy:)``, the price the attacker's own purchase pays).
    public static func attackCost(rule: GovernanceSpec.VotingPower?, world: inout World) -> Double {
        let power = power(rule: rule, world: &world)
        let economy = world.economy
        let exchange = world.venues.exchange
        if rule == .stakeWithLP { return attackCostCountingLPStake(power, world: world) }
        if !exchange.pools.isEmpty {
            return Governance.costOfMajority(
                votingPower: power, cost: { (x: Double) -> Double in exchange.routedPurchaseCost(tokens: x, economy: economy) }
            ).usd
        }
        let result = Governance.costOfMajority(votingPower: power, cost: { (x: Double) -> Double in economy.purchaseCost(tokens: x) })
        return result.usd
    }

    /// The tokens of every LP population's positions in `pools` (the exchange's pools, or a
    /// copy after a trade), added per agent to `perAgent` when it is not empty: a passive LP
    /// holds its shares' part of its pool's token coins (a pair's reserve, a StableSwap
    /// pool's balance), a range LP its position's token amount at the pool's price. The
    /// treasury's protocol-owned liquidity is nobody's vote.
    /// - Returns: the total.
    static func lpTokens(in pools: [LiquidityPool], populations: [Population], into perAgent: inout [Double]) -> Double {
        var total = 0.0
        for p in populations {
            let base = p.rows.lowerBound
            if let b = p.behaviour as? PassiveLPBehaviour {
                let pool = pools[b.pool.index]
                let supply = pool.lpShares?.totalSupply ?? 0
                guard supply > 0 else { continue }
                let coin = pool.constantProduct?.reserve0 ?? pool.stableSwap?.balance(0) ?? 0
                for (k, s) in b.shares.enumerated() where s > 0 {
                    let tokens = s / supply * coin
                    total += tokens
                    if !perAgent.isEmpty { perAgent[base + k] += tokens }
                }
            } else if let b = p.behaviour as? RangeLPBehaviour, let v3 = pools[b.pool.index].concentrated {
                for k in b.liquidity.indices where b.liquidity[k] > 0 {
                    let tokens = v3.amounts(liquidity: b.liquidity[k], tickLower: Int(b.tickLower[k]), tickUpper: Int(b.tickUpper[k])).amount0
                    total += tokens
                    if !perAgent.isEmpty { perAgent[base + k] += tokens }
                }
            }
        }
        return total
    }

    /// `attack_cost_usd` when LP positions vote: the attacker buys `x` tokens through the
    /// router and locks them, and the purchase lowers the LPs' token holdings `L(x)`, so it
    /// wins once `x > R + L(x)`, `R` being every other vote (wallets and locks). The least
    /// winning spend is found by bisection on the USD spent (each step one routed purchase
    /// on a copy of the economy and the exchange, which gives both `x` and `L(x)`; the bracket doubles from
    /// `R · price`); infinite when no spend wins within 200 doublings (the pools cannot
    /// supply `x*`). For one pair holding `X` tokens, LP populations owning a share `s` of
    /// it and `R = V₀`: `x* = (V₀ + s·X)/(1 + s)`, priced by the pair.
    /// - Complexity: about 100 routed purchases per call (on recorded days only).
    static func attackCostCountingLPStake(_ power: [Double], world: World) -> Double {
        var total = 0.0
        for v in power { total += v }
        guard total > 0 else { return 0 }
        var none: [Double] = []
        let economy = world.economy
        let exchange = world.venues.exchange
        let populations = world.populations
        let others = total - lpTokens(in: exchange.pools, populations: populations, into: &none)
        // Tokens bought with `usd` less every other vote after the purchase (>= 0: it wins).
        func margin(_ usd: Double) -> Double {
            var e = economy
            var x = exchange
            let bought = x.buyTokens(usd: usd, for: e.outside, flow: .attacker, economy: &e)
            return bought - others - lpTokens(in: x.pools, populations: populations, into: &none)
        }
        return Bisection.smallestSatisfying(from: others * economy.market.price) { margin($0) >= 0 } ?? .infinity
    }
}
