public import HomeostatCore
import HomeostatMarket
public import HomeostatMechanisms

/// Arbitrage: pulling each pool back to the external price.
extension Exchange {
    /// Trades pool `pool` back toward the external price for `arbitrageur`, if the profit at
    /// the external price exceeds `gasUSD`: the arbitrageur buys (sells) the token in the
    /// outside market at ``Market/price`` and sells (buys) it in the pool, in one step, and
    /// pays the gas to the outside market. Constant product: the closed-form optimal trade
    /// (``LPExposure/ConstantProduct/arbitrage(of:externalPrice:)``); concentrated: a swap
    /// to the edge of the fee band, `P/(1 − f)` or `P·(1 − f)`, which maximises the profit
    /// just as the closed form does; StableSwap (no closed form): the sale that maximises the
    /// profit at the external price, found by golden-section search on the pool's own
    /// `get_dy` (the profit is concave in the amount sold). Records the trade's profit in
    /// the pool's LVR.
    /// - Returns: the arbitrageur's profit net of gas (0 when it did not trade).
    public mutating func arbitrage(pool index: PoolID, gasUSD: Double, arbitrageur: AccountID, economy: inout Economy) -> Double {
        let k = index.index
        // Coin 1 per coin 0 at the external prices (the token's price for a token/USD pool;
        // P_token / P_asset, or P_asset for a USD/asset pool), and the coins' USD prices.
        let p = referencePrice(k, economy: economy)
        let price0 = economy.usdPrice(pools[k].coin0)
        let price1 = economy.usdPrice(pools[k].coin1)
        var trial = pools[k]
        var coinIn = 0
        let result: (amountIn: Double, out: Double, fee: Double)
        if let pair = trial.constantProduct {
            guard let trade = LPExposure.ConstantProduct.arbitrage(of: pair, externalPrice: p),
                  trade.amountIn.isFinite, trade.amountIn > 0 else { return 0 }
            coinIn = trade.coinIn
            guard let r = try? trial.swap(coinIn: coinIn, amount: trade.amountIn) else { return 0 }
            result = r
        } else if let v3 = trial.concentrated {
            let g = 1 - trial.fee
            let poolPrice = v3.price
            let target: Double
            if poolPrice * g > p {
                coinIn = 0
                target = (p / g).squareRoot()
            } else if poolPrice < p * g {
                coinIn = 1
                target = (p * g).squareRoot()
            } else {
                return 0
            }
            // Enough input to reach the target: on the way every unit sold gets at least the
            // target price less the fee, and the pool cannot pay out more than it holds. A
            // tight budget keeps the swap's `remaining` arithmetic at the pool's own scale.
            let h = trial.holdings
            let targetPrice = target * target
            let budget = coinIn == 0 ? 1.01 * h.usd / (targetPrice * g) + 1e-9 : 1.01 * h.token * targetPrice / g + 1e-9
            guard let r = try? trial.swap(coinIn: coinIn, amount: budget, sqrtPriceLimit: target) else { return 0 }
            result = r
        } else if let curve = trial.stableSwap {
            let g = 1 - trial.fee
            let poolPrice = trial.price
            if poolPrice * g > p {
                coinIn = 0
            } else if poolPrice < p * g {
                coinIn = 1
            } else {
                return 0
            }
            let best = Self.bestSale(curve, coinIn: coinIn, externalPrice: p)
            guard best > 0, let r = try? trial.swap(coinIn: coinIn, amount: best) else { return 0 }
            result = r
        } else {
            return 0
        }
        // In USD: bits as before for a token/USD pool (price1 = 1, price0 = p).
        let profit = coinIn == 0 ? result.out * price1 - price0 * result.amountIn : price0 * result.out - result.amountIn * price1
        guard profit > gasUSD, profit.isFinite else { return 0 }
        pools[k] = trial
        let account = pools[k].account
        let coin0 = pools[k].coin0
        let coin1 = pools[k].coin1
        if coinIn == 0 {
            // Buy coin 0 outside, sell it to the pool (and sell the coin 1 received outside).
            economy.ledger.transfer(coin0, from: economy.outside, to: account, result.amountIn)
            economy.ledger.transfer(.cash, from: arbitrageur, to: economy.outside, result.amountIn * price0)
            if coin1 == .cash {
                economy.ledger.transfer(.cash, from: account, to: arbitrageur, result.out)
            } else {
                economy.ledger.transfer(coin1, from: account, to: economy.outside, result.out)
                economy.ledger.transfer(.cash, from: economy.outside, to: arbitrageur, result.out * price1)
            }
        } else {
            if coin1 == .cash {
                economy.ledger.transfer(.cash, from: arbitrageur, to: account, result.amountIn)
            } else {
                economy.ledger.transfer(coin1, from: economy.outside, to: account, result.amountIn)
                economy.ledger.transfer(.cash, from: arbitrageur, to: economy.outside, result.amountIn * price1)
            }
            economy.ledger.transfer(coin0, from: account, to: economy.outside, result.out)
            economy.ledger.transfer(.cash, from: economy.outside, to: arbitrageur, result.out * price0)
        }
        economy.ledger.transfer(.cash, from: arbitrageur, to: economy.outside, gasUSD)
        pools[k].recordSwap(
            flow: .arbitrage, usd: coinIn == 0 ? result.out * price1 : result.amountIn * price1,
            feeUSD: coinIn == 0 ? result.fee * price0 : result.fee * price1)
        // Coin 1 amounts in USD and coin 0 at its USD price, so the LVR is in USD.
        pools[k].lvr.record(
            coinIn: coinIn, amountIn: coinIn == 0 ? result.amountIn : result.amountIn * price1,
            amountOut: coinIn == 0 ? result.out * price1 : result.out, externalPrice: price0)
        pools[k].lvrToday += profit
        return profit - gasUSD
    }
}

extension Exchange {
    /// The amount of coin `coinIn` whose sale to a two-coin StableSwap pool earns most at
    /// the external price `p`: golden-section search of `out(d)·value − d·value` on
    /// `[0, the pool's balance of the other coin in coin-in units]`, to a relative 1e-12.
    static func bestSale(_ pool: StableSwapPool, coinIn: Int, externalPrice p: Double) -> Double {
        let j = 1 - coinIn
        func profit(_ d: Double) -> Double {
            guard d > 0, let out = try? pool.getDy(i: coinIn, j: j, dx: d) else { return 0 }
            return coinIn == 0 ? out - p * d : p * out - d
        }
        var low = 0.0
        var high = coinIn == 0 ? pool.balance(1) / p : pool.balance(0) * p
        let ratio = (5.0.squareRoot() - 1) / 2
        var a = high - ratio * (high - low)
        var b = low + ratio * (high - low)
        var fa = profit(a)
        var fb = profit(b)
        for _ in 0..<200 where high - low > 1e-12 * high {
            if fa < fb {
                low = a
                a = b
                fa = fb
                b = low + ratio * (high - low)
                fb = profit(b)
            } else {
                high = b
                b = a
                fb = fa
                a = high - ratio * (high - low)
                fa = profit(a)
            }
        }
        let d = (low + high) / 2
        return profit(d) > 0 ? d : 0
    }
}
