public import HomeostatCore
import HomeostatMarket
import HomeostatMechanisms

/// A day's farm entries of one population into one gauge, made as one order (a "zap"):
/// part of the entrants' USD buys tokens through the router (``OrderFlow/farmer``) —
/// ``Exchange/zapSwapUSD(_:usd:)``: for a constant-product pool the amount after which the
/// rest matches the tokens at the pool's new price, for a StableSwap pool half — and the
/// tokens and the rest go into the gauge's pool as one deposit, and each entrant gets the part of
/// the bought tokens, of the coins used and of the LP shares minted that its USD makes up,
/// and stakes its shares. What the pool does not take stays in the entrants' wallets.
struct FarmEntry {
    var rows: [Int32] = []
    var usd: [Double] = []
    /// Staked shares per entrant, after ``enter(gauge:account:economy:venues:)``.
    var shares: [Double] = []

    mutating func removeAll() {
        rows.removeAll(keepingCapacity: true)
        usd.removeAll(keepingCapacity: true)
        shares.removeAll(keepingCapacity: true)
    }

    mutating func append(row: Int, usd amount: Double) {
        rows.append(Int32(truncatingIfNeeded: row))
        usd.append(amount)
    }

    /// Makes the entries; fills ``shares`` (zeros when the pool rejects the deposit).
    mutating func enter(gauge g: Int, account: AccountID, economy: inout Economy, venues: inout Venues) {
        shares = [Double](repeating: 0, count: rows.count)
        guard let pool = venues.farms.pools[g] else { return }
        var total = 0.0
        for a in usd { total += a }
        guard total > 0 else { return }
        let swap = venues.exchange.zapSwapUSD(pool, usd: total)
        let bought = venues.exchange.buyTokens(usd: swap, for: account, flow: .farmer, economy: &economy)
        for (n, r) in rows.enumerated() {
            let i = Int(r)
            let part = usd[n] / total
            economy.cash[i] -= swap * part
            economy.tokens[i] += bought * part
        }
        guard bought > 0,
              let added = try? venues.exchange.addLiquidity(pool: pool, population: account, tokens: bought, usd: total - swap, economy: &economy)
        else { return }
        for (n, r) in rows.enumerated() {
            let i = Int(r)
            let part = usd[n] / total
            economy.tokens[i] -= min(economy.tokens[i], added.tokensUsed * part)
            economy.cash[i] -= min(economy.cash[i], added.usdUsed * part)
            shares[n] = added.shares * part
            venues.farms.stake(i, gauge: g, shares: shares[n], economy: &economy)
        }
    }
}

/// Batched sales of a population's day: one routed order, each seller paid its pro-rata
/// part of the proceeds (as holders' sales are).
struct FarmSales {
    var rows: [Int32] = []
    var amounts: [Double] = []
    var total = 0.0

    mutating func append(row: Int, tokens: Double, economy: inout Economy) {
        guard tokens > 0 else { return }
        rows.append(Int32(truncatingIfNeeded: row))
        amounts.append(tokens)
        total += tokens
        economy.tokens[row] -= tokens
        economy.noteSale(row, tokens: tokens)
    }

    mutating func settle(account: AccountID, economy: inout Economy, exchange: inout Exchange) {
        defer {
            rows.removeAll(keepingCapacity: true)
            amounts.removeAll(keepingCapacity: true)
            total = 0
        }
        guard total > 0 else { return }
        let proceeds = exchange.sellTokens(total, from: account, flow: .farmer, economy: &economy)
        let perToken = proceeds / total
        for (n, r) in rows.enumerated() { economy.cash[Int(r)] += amounts[n] * perToken }
    }
}

extension Exchange {
    /// The USD of `usd` to swap for tokens before depositing both in `pool`: for a constant
    /// product pool with USD reserve `r` and fee `f`, the swap `s` after which `usd − s`
    /// matches the tokens bought at the new reserves,
    /// `s = (√(r²(2 − f)² + 4(1 − f)·usd·r) − r(2 − f)) / (2(1 − f))`, written as
    /// `2·usd·r / (√(…) + r(2 − f))` to keep precision for small amounts; half for a
    /// StableSwap pool (balanced around its peg).
    public func zapSwapUSD(_ pool: PoolID, usd: Double) -> Double {
        guard let pair = pools[pool.index].constantProduct else { return usd / 2 }
        let r = pair.reserve1
        let f = pair.fee
        let a = r * (2 - f)
        guard r > 0 else { return usd / 2 }
        return 2 * usd * r / ((a * a + 4 * (1 - f) * usd * r).squareRoot() + a)
    }
}

extension Venues {
    /// Takes agent `row` out of gauge `g`: unstakes `shares` and burns them in the gauge's
    /// pool (at most what its population holds there), crediting the coins to its wallet.
    /// The caller claims first.
    /// - Returns: the shares burned (0 if the pool rejected the burn; the shares stay the
    ///   agent's, unstaked).
    mutating func leaveFarm(_ row: Int, gauge g: Int, shares: Double, account: AccountID, economy: inout Economy) -> Double {
        farms.unstake(row, gauge: g, shares: shares, economy: &economy)
        guard let pool = farms.pools[g] else { return 0 }
        let burn = min(shares, exchange.pools[pool.index].shares(of: account))
        guard burn > 0, let out = try? exchange.removeLiquidity(pool: pool, population: account, shares: burn, economy: &economy) else { return 0 }
        economy.tokens[row] += out.tokens
        economy.cash[row] += out.usd
        return burn
    }
}
