import HomeostatAgents
import HomeostatCore
import HomeostatMechanisms
import HomeostatScenario

/// `governance.voting_power: stake_with_lp`: LP positions' tokens count as their holders'
/// votes, and the attack cost accounts for the purchase taking tokens from the LPs.
extension Simulation {
    /// Adds to `power[i]` the tokens of agent `i`'s LP positions in today's pools.
    func addLPStake(_ power: inout [Double]) {
        _ = lpTokens(in: economy.pools, into: &power)
    }

    /// The tokens of every LP population's positions in `pools` (the economy's pools, or a
    /// copy after a trade), added per agent to `perAgent` when it is not empty: a passive LP
    /// holds its shares' part of its pool's token coins (a pair's reserve, a StableSwap
    /// pool's balance), a range LP its position's token amount at the pool's price. The
    /// treasury's protocol-owned liquidity is nobody's vote.
    /// - Returns: the total.
    func lpTokens(in pools: [LiquidityPool], into perAgent: inout [Double]) -> Double {
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
    /// wins once `x > R + L(x)`, `R` being every other vote (wallets and locks); `x*` is
    /// the least such `x` (bisection on `x`, each step a routed purchase on a copy of the
    /// economy) and the cost is ``Economy/routedPurchaseCost(tokens:)`` of it — infinite when
    /// the pools cannot supply `x*`. For one pair holding `X` tokens, LP populations owning a
    /// share `s` of it and `R = V₀`: `x* = (V₀ + s·X)/(1 + s)`.
    func attackCostCountingLPStake(_ power: [Double]) -> Double {
        var total = 0.0
        for v in power { total += v }
        guard total > 0 else { return 0 }
        var none: [Double] = []
        let others = total - lpTokens(in: economy.pools, into: &none)
        // rest + L(x) − x after buying x, nil when the pools cannot supply x.
        func shortfall(_ x: Double) -> Double? {
            var e = economy
            let usd = e.routedPurchaseCost(tokens: x)
            guard usd.isFinite else { return nil }
            _ = e.buyTokens(usd: usd, for: e.outside, flow: .attacker)
            return others + lpTokens(in: e.pools, into: &none) - x
        }
        // "Enough or impossible" is false below x* and true above it; at x = total it is true.
        var low = 0.0
        var high = total
        for _ in 0..<200 where high - low > 1e-13 * high {
            let mid = (low + high) / 2
            if let s = shortfall(mid), s > 0 { low = mid } else { high = mid }
        }
        guard shortfall(high) != nil else { return .infinity }
        return economy.routedPurchaseCost(tokens: high)
    }
}
