/// What a liquidity provider is exposed to: the value of a position as a function of the
/// external price, its delta and gamma, the depth and slippage the pool offers traders, and
/// the loss-versus-rebalancing (LVR) that arbitrage imposes (MECHANISMS.md §6.1, §6.2, §7).
///
/// Conventions shared by every function here:
/// - Coin 0 is the risky coin and coin 1 the numeraire. A price `P` is the price of coin 0
///   in units of coin 1 (``ConstantProductPool/price`` is `reserve1 / reserve0`), and every
///   value is in units of coin 1.
/// - "Value at the external price `P`" means the value of the position after arbitrageurs
///   have moved the pool's price to `P` with no fee: the position then holds `x*(P)` of
///   coin 0 and `y*(P)` of coin 1, and `V(P) = P·x*(P) + y*(P)`.
/// - Delta is `dV/dP` (units of coin 0) and gamma `d²V/dP²`.
/// - The functions are pure and total: an input outside the documented domain returns NaN
///   (in every field, for a ``Trade``) instead of trapping.
///
/// LPs are short gamma: their pool sells coin 0 as its price rises and buys it as it falls.
/// Under geometric Brownian motion with volatility `σ` this costs them, against a portfolio
/// that rebalances to the same holdings at market prices, the LVR rate
/// `ℓ = −(σ²·P²/2)·Γ(P)` per unit time (Milionis, Moallemi, Roughgarden, Zhang, "Automated
/// Market Making and Loss-Versus-Rebalancing", 2022, arXiv 2208.06046). ``LVRAccumulator``
/// measures the same quantity from executed trades.
public enum LPExposure {
    /// A swap against a pool: the trader sells `amountIn` of coin ``coinIn`` and receives
    /// `amountOut` of the other coin.
    ///
    /// `amountIn` includes the fee (all of it enters a constant-product pool's reserves).
    public struct Trade: Sendable, Equatable, CustomStringConvertible {
        /// The coin the trader sells into the pool: 0 or 1.
        public var coinIn: Int
        /// Amount of ``coinIn`` sold, fee included.
        public var amountIn: Double
        /// Amount of the other coin received.
        public var amountOut: Double

        /// A trade selling `amountIn` of `coinIn` for `amountOut` of the other coin.
        public init(coinIn: Int, amountIn: Double, amountOut: Double) {
            self.coinIn = coinIn
            self.amountIn = amountIn
            self.amountOut = amountOut
        }

        /// `sell <amountIn> of coin <coinIn> for <amountOut>`.
        public var description: String { "sell \(amountIn) of coin \(coinIn) for \(amountOut)" }

        static let invalid = Trade(coinIn: 0, amountIn: .nan, amountOut: .nan)
    }

    /// The LVR rate of any position from its gamma (Milionis et al. 2022):
    ///
    ///     ℓ(σ, P) = −(σ²·P²/2)·Γ(P)
    ///
    /// the theta of the delta-hedged position: what an LP who hedges the delta `x*(P)` at
    /// market prices loses per unit time to arbitrageurs when the pool charges no fee and is
    /// arbitraged continuously. It is `>= 0` for the short-gamma positions of every
    /// constant-function market maker.
    /// - Parameters:
    ///   - volatility: `σ >= 0`, the log-price volatility per square root of the time unit
    ///     (per year for a yearly rate).
    ///   - price: the external price `P > 0`.
    ///   - gamma: `Γ = d²V/dP²` at `P` (finite).
    /// - Returns: the loss rate in units of coin 1 per unit time, or NaN outside the domain.
    @inlinable
    public static func lvrRate(volatility: Double, price: Double, gamma: Double) -> Double {
        guard volatility >= 0, volatility.isFinite, price > 0, price.isFinite, gamma.isFinite else { return .nan }
        return -(volatility * volatility * price * price / 2) * gamma
    }
}

// MARK: - Constant product

extension LPExposure {
    /// A full-range constant-product position (Uniswap v2, `x·y = k`), as functions of the
    /// external price `P` (MECHANISMS.md §7).
    ///
    /// Arbitraged to `P`, the pool holds `x* = √(k/P)` of coin 0 and `y* = √(k·P)` of coin 1,
    /// so with `L = √k`:
    ///
    ///     V(P) = 2·√(k·P)          Δ(P) = √(k/P) = x*          Γ(P) = −½·√(k/P³) < 0
    ///
    /// A position holding the share `s` of the LP supply has `s` times these; pass
    /// `k = s²·x·y` to get them directly. The pool's fee is ignored here (the value is the
    /// frictionless one); ``depth(reserve0:reserve1:fee:priceChange:)``,
    /// ``slippage(reserveIn:reserveOut:fee:amountIn:)`` and
    /// ``arbitrage(reserve0:reserve1:fee:externalPrice:)`` include it.
    public enum ConstantProduct {
        /// `V(P) = 2·√(k·P)`, the pool's value in coin 1 at the external price `P`.
        ///
        /// - Parameters:
        ///   - k: the invariant `x·y >= 0` (``ConstantProductPool/k``).
        ///   - price: `P > 0`.
        /// - Returns: `V`, or NaN outside the domain.
        @inlinable
        public static func value(k: Double, price: Double) -> Double {
            guard valid(k: k, price: price) else { return .nan }
            return 2 * (k * price).squareRoot()
        }

        /// `Δ(P) = dV/dP = √(k/P)`: the coin-0 reserve `x*` of the pool arbitraged to `P`.
        ///
        /// - Parameters:
        ///   - k: the invariant `x·y >= 0`.
        ///   - price: `P > 0`.
        /// - Returns: `Δ` in units of coin 0, or NaN outside the domain.
        @inlinable
        public static func delta(k: Double, price: Double) -> Double {
            guard valid(k: k, price: price) else { return .nan }
            return (k / price).squareRoot()
        }

        /// `Γ(P) = d²V/dP² = −½·√(k/P³)`, always `<= 0`: the position is short gamma.
        ///
        /// - Parameters:
        ///   - k: the invariant `x·y >= 0`.
        ///   - price: `P > 0`.
        /// - Returns: `Γ` in units of coin 0 per unit of price, or NaN outside the domain.
        @inlinable
        public static func gamma(k: Double, price: Double) -> Double {
            guard valid(k: k, price: price) else { return .nan }
            return -0.5 * (k / price).squareRoot() / price
        }

        /// The LVR rate of a constant-product pool worth `V` under GBM with volatility `σ`:
        ///
        ///     ℓ = σ²/8 · V
        ///
        /// (Milionis et al. 2022; ``LPExposure/lvrRate(volatility:price:gamma:)`` with
        /// ``gamma(k:price:)``). σ = 80%/year gives 8% of the pool's value per year, about
        /// 2.19 bp a day. It is the frictionless, continuously arbitraged limit: fees and
        /// discrete blocks reduce what arbitrageurs actually take.
        /// - Parameters:
        ///   - volatility: `σ >= 0` per square root of the time unit.
        ///   - value: the pool's value `V >= 0` at the external price (``value(k:price:)``).
        /// - Returns: the loss rate in units of coin 1 per unit time, or NaN outside the domain.
        @inlinable
        public static func lvrRate(volatility: Double, value: Double) -> Double {
            guard volatility >= 0, volatility.isFinite, value >= 0, value.isFinite else { return .nan }
            return volatility * volatility / 8 * value
        }

        /// The exact-input trade that moves the pool's price `y/x` by the fraction
        /// `priceChange`: its depth at that level (`±0.02` for the usual ±2% depth).
        ///
        /// Selling `d` of a coin charges the fee `f` on the input and puts all of `d` in the
        /// reserves (``ConstantProductPool/swap(i:dx:minOut:)``). Writing `γ = 1 − f` and `u`
        /// for the input as a fraction of its own reserve, the price moves by the factor
        /// `(1 + u)(1 + γu)` (coin 1 sold) or its inverse (coin 0 sold), so `u` solves
        ///
        ///     γ·u² + (1 + γ)·u = c,   c = q            (q > 0: coin 1 sold, the price rises)
        ///                             c = −q/(1 + q)   (q < 0: coin 0 sold, the price falls)
        ///
        /// `u = 2c / ((1 + γ) + √((1 + γ)² + 4γc))`. With no fee a fall of `q` needs
        /// `x·(1/√(1 − |q|) − 1)`: 1% → 0.5038% of the reserve, 2% → 1.0153%, 5% → 2.5978%.
        /// - Parameters:
        ///   - reserve0: `x > 0`.
        ///   - reserve1: `y > 0`.
        ///   - fee: `f` in `[0, 1)`.
        ///   - priceChange: `q > −1`, the relative change of the price; 0 gives an empty trade.
        /// - Returns: the trade (coin sold, input with fee, output), or a trade of NaNs outside
        ///   the domain.
        /// - Complexity: O(1).
        public static func depth(reserve0 x: Double, reserve1 y: Double, fee: Double, priceChange q: Double) -> Trade {
            guard validReserves(x, y), validFee(fee), q > -1, q.isFinite else { return .invalid }
            let g = 1 - fee
            let sellsCoin1 = q > 0
            let c = sellsCoin1 ? q : -q / (1 + q)
            let u = 2 * c / ((1 + g) + ((1 + g) * (1 + g) + 4 * g * c).squareRoot())
            let (reserveIn, reserveOut) = sellsCoin1 ? (y, x) : (x, y)
            let amountIn = u * reserveIn
            return Trade(coinIn: sellsCoin1 ? 1 : 0, amountIn: amountIn, amountOut: amountOut(amountIn, reserveIn, reserveOut, g))
        }

        /// ``depth(reserve0:reserve1:fee:priceChange:)`` of `pool`'s current reserves and fee.
        public static func depth(of pool: ConstantProductPool, priceChange q: Double) -> Trade {
            depth(reserve0: pool.reserve0, reserve1: pool.reserve1, fee: pool.fee, priceChange: q)
        }

        /// Slippage of selling `amountIn` into a pool: how far the execution price falls short
        /// of the pre-trade marginal price, fee included.
        ///
        ///     slippage = 1 − (out/in) / (reserveOut/reserveIn)
        ///              = (f·r_in + γ·d) / (r_in + γ·d)       γ = 1 − f, d = amountIn
        ///
        /// It rises from the fee `f` for a vanishing trade towards 1 for an unbounded one;
        /// the price impact alone (no fee) is `d / (r_in + d)`.
        /// - Parameters:
        ///   - reserveIn: reserve of the coin sold, `> 0`.
        ///   - reserveOut: reserve of the coin bought, `> 0`.
        ///   - fee: `f` in `[0, 1)`.
        ///   - amountIn: `d >= 0`, fee included.
        /// - Returns: the slippage in `[f, 1)`, or NaN outside the domain.
        public static func slippage(reserveIn: Double, reserveOut: Double, fee: Double, amountIn d: Double) -> Double {
            guard validReserves(reserveIn, reserveOut), validFee(fee), d >= 0, d.isFinite else { return .nan }
            let g = 1 - fee
            return (fee * reserveIn + g * d) / (reserveIn + g * d)
        }

        /// The arbitrageur's optimal trade against a pool when the external price is `P`, or
        /// nil when the pool's price is inside the no-arbitrage band `[γ·P, P/γ]`, `γ = 1 − f`.
        ///
        /// The trade maximises the profit at the external price; it stops where the marginal
        /// execution price equals `P`, the edge of the fee band (MECHANISMS.md §7,
        /// "Simulation rules"):
        ///
        ///     pool price y/x < γ·P  (coin 0 cheap):  sell d = (√(γ·k·P) − y)/γ of coin 1
        ///     pool price y/x > P/γ  (coin 0 dear):   sell d = (√(γ·k/P) − x)/γ of coin 0
        ///
        /// With no fee the pool ends exactly at `P`, with reserves `√(k/P)` and `√(k·P)`.
        /// - Parameters:
        ///   - reserve0: `x > 0`.
        ///   - reserve1: `y > 0`.
        ///   - fee: `f` in `[0, 1)`.
        ///   - externalPrice: `P > 0`.
        /// - Returns: the trade, nil when no trade is profitable, or a trade of NaNs outside
        ///   the domain.
        public static func arbitrage(reserve0 x: Double, reserve1 y: Double, fee: Double, externalPrice p: Double) -> Trade? {
            guard validReserves(x, y), validFee(fee), p > 0, p.isFinite else { return .invalid }
            let g = 1 - fee
            let k = x * y
            if y < g * p * x {
                let amountIn = ((g * k * p).squareRoot() - y) / g
                guard amountIn > 0 else { return nil }
                return Trade(coinIn: 1, amountIn: amountIn, amountOut: amountOut(amountIn, y, x, g))
            }
            if y * g > p * x {
                let amountIn = ((g * k / p).squareRoot() - x) / g
                guard amountIn > 0 else { return nil }
                return Trade(coinIn: 0, amountIn: amountIn, amountOut: amountOut(amountIn, x, y, g))
            }
            return nil
        }

        /// ``arbitrage(reserve0:reserve1:fee:externalPrice:)`` against `pool`.
        public static func arbitrage(of pool: ConstantProductPool, externalPrice p: Double) -> Trade? {
            arbitrage(reserve0: pool.reserve0, reserve1: pool.reserve1, fee: pool.fee, externalPrice: p)
        }

        @usableFromInline
        static func valid(k: Double, price: Double) -> Bool {
            k >= 0 && k.isFinite && price > 0 && price.isFinite
        }

        static func validReserves(_ a: Double, _ b: Double) -> Bool {
            a > 0 && a.isFinite && b > 0 && b.isFinite
        }

        static func validFee(_ fee: Double) -> Bool { fee >= 0 && fee < 1 }

        /// v2 `getAmountOut`: `d·γ·r_out / (r_in + d·γ)`.
        static func amountOut(_ d: Double, _ reserveIn: Double, _ reserveOut: Double, _ g: Double) -> Double {
            d * g * reserveOut / (reserveIn + d * g)
        }
    }
}

// MARK: - Concentrated liquidity

extension LPExposure {
    /// A concentrated-liquidity position (Uniswap v3) of liquidity `L` on the price range
    /// `[p_a, p_b]`, as functions of the external price `P` (MECHANISMS.md §6.2, §7).
    ///
    /// With `a = √p_a`, `b = √p_b`, `s = √P`, the position holds
    /// (``ConcentratedLiquidityPool/amounts(liquidity:tickLower:tickUpper:)``)
    ///
    ///     P < p_a:          x = L·(1/a − 1/b),  y = 0
    ///     p_a <= P <= p_b:  x = L·(1/s − 1/b),  y = L·(s − a)
    ///     P > p_b:          x = 0,              y = L·(b − a)
    ///
    /// so that
    ///
    ///     V = L·(2s − a − P/b)         Δ = x = L·(1/s − 1/b)        Γ = −L / (2·P^(3/2))   in range
    ///     V = P·L·(1/a − 1/b)          Δ = L·(1/a − 1/b)            Γ = 0                  below
    ///     V = L·(b − a)                Δ = 0                        Γ = 0                  above
    ///
    /// `V` and `Δ` are continuous at the range's ends; `Γ` jumps there (the in-range formula
    /// is used at `P = p_a` and `P = p_b`). As `p_a → 0` and `p_b → ∞` these tend to
    /// ``ConstantProduct`` with `k = L²`. Inside the range the gamma equals that of a full-range
    /// position of the same `L`, while the value is smaller, so the LVR per unit of value is
    /// larger (``lvrRate(volatility:liquidity:lowerPrice:upperPrice:price:)``).
    public enum Concentrated {
        /// The position's value `V = P·x + y` in coin 1 at the external price `P`.
        ///
        /// - Parameters:
        ///   - liquidity: `L >= 0`.
        ///   - lowerPrice: `p_a > 0`.
        ///   - upperPrice: `p_b > p_a`, finite.
        ///   - price: `P > 0`.
        /// - Returns: `V`, or NaN outside the domain.
        public static func value(liquidity L: Double, lowerPrice: Double, upperPrice: Double, price: Double) -> Double {
            guard valid(L, lowerPrice, upperPrice, price) else { return .nan }
            let a = lowerPrice.squareRoot(), b = upperPrice.squareRoot()
            if price < lowerPrice { return price * L * (1 / a - 1 / b) }
            if price > upperPrice { return L * (b - a) }
            return L * (2 * price.squareRoot() - a - price / b)
        }

        /// `Δ = dV/dP`: the position's coin-0 amount `x` at `P`.
        ///
        /// The parameters and their domain are those of ``value(liquidity:lowerPrice:upperPrice:price:)``.
        /// - Returns: `Δ` in units of coin 0, or NaN outside the domain.
        public static func delta(liquidity L: Double, lowerPrice: Double, upperPrice: Double, price: Double) -> Double {
            guard valid(L, lowerPrice, upperPrice, price) else { return .nan }
            let b = upperPrice.squareRoot()
            if price < lowerPrice { return L * (1 / lowerPrice.squareRoot() - 1 / b) }
            if price > upperPrice { return 0 }
            return L * (1 / price.squareRoot() - 1 / b)
        }

        /// `Γ = d²V/dP²`: `−L / (2·P^(3/2))` for `p_a <= P <= p_b`, 0 outside the range.
        ///
        /// The parameters and their domain are those of ``value(liquidity:lowerPrice:upperPrice:price:)``.
        /// - Returns: `Γ <= 0`, or NaN outside the domain.
        public static func gamma(liquidity L: Double, lowerPrice: Double, upperPrice: Double, price: Double) -> Double {
            guard valid(L, lowerPrice, upperPrice, price) else { return .nan }
            if price < lowerPrice || price > upperPrice { return 0 }
            return -L / (2 * price * price.squareRoot())
        }

        /// The LVR rate of the position under GBM with volatility `σ`:
        /// `ℓ = σ²·L·√P / 4` in range, 0 outside.
        ///
        /// Relative to the position's value this is
        /// `ℓ/V = (σ²/8) / (1 − (√(P/p_b) + √(p_a/P))/2)` (MECHANISMS.md §7): on
        /// `[1500, 2500]` at `P = 2000`, 8.35 times a full-range position's `σ²/8`.
        /// The position's parameters and their domain are those of
        /// ``value(liquidity:lowerPrice:upperPrice:price:)``.
        /// - Parameter volatility: `σ >= 0` per square root of the time unit.
        /// - Returns: the loss rate in units of coin 1 per unit time, or NaN outside the domain.
        public static func lvrRate(
            volatility: Double, liquidity L: Double, lowerPrice: Double, upperPrice: Double, price: Double
        ) -> Double {
            LPExposure.lvrRate(
                volatility: volatility, price: price,
                gamma: gamma(liquidity: L, lowerPrice: lowerPrice, upperPrice: upperPrice, price: price))
        }

        static func valid(_ L: Double, _ lower: Double, _ upper: Double, _ price: Double) -> Bool {
            L >= 0 && L.isFinite && lower > 0 && upper > lower && upper.isFinite && price > 0 && price.isFinite
        }
    }
}
