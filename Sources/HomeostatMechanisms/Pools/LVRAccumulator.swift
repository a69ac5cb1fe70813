/// Measures loss-versus-rebalancing empirically: the profit arbitrageurs make trading with
/// a pool, valued at the external price when each trade happens (MECHANISMS.md §7,
/// "Simulation rules").
///
/// A trade that sells `in` of coin 0 for `out` of coin 1 at the external price `P` earns
/// the trader `out − P·in`; one that sells `in` of coin 1 for `out` of coin 0 earns
/// `P·out − in`. Equivalently, with `(Δx, Δy)` the change of the pool's coins,
/// `profit = −(P·Δx + Δy)`: what the LPs lose on the trade against marking their
/// holdings to market. Prices and values are in units of coin 1 per coin 0 and coin 1
/// (``LPExposure`` conventions).
///
/// Feed it the arbitrageur's trades (``record(_:externalPrice:)``, e.g. the trades of
/// ``LPExposure/ConstantProduct/arbitrage(reserve0:reserve1:fee:externalPrice:)``) and the
/// time that passes with the pool's value (``elapse(_:poolValue:)``). With no fee and an
/// arbitrage after every price move of a GBM path, ``ratePerValue`` converges, as the step
/// shrinks, to `σ²/8` for a constant-product pool
/// (``LPExposure/ConstantProduct/lvrRate(volatility:value:)``); with a fee it measures the
/// arbitrage profit net of the fees paid, which is less.
///
/// Invariant: ``trades`` counts the recorded trades and ``elapsed`` and ``valueTime`` never
/// decrease.
public struct LVRAccumulator: Sendable, Equatable {
    /// Σ arbitrage profit at external prices, in coin 1.
    public private(set) var profit: Double = 0
    /// Number of trades recorded.
    public private(set) var trades: Int = 0
    /// Time observed through ``elapse(_:poolValue:)``.
    public private(set) var elapsed: Double = 0
    /// `∫ V dt`: Σ of each observed duration times the pool's value over it, in coin 1 × time.
    public private(set) var valueTime: Double = 0

    /// An accumulator with nothing recorded.
    public init() {}

    /// Records a trade that sold `amountIn` of coin `coinIn` to the pool for `amountOut` of
    /// the other coin, valued at `externalPrice`.
    ///
    /// - Parameters:
    ///   - coinIn: the coin sold to the pool, 0 or 1.
    ///   - amountIn: amount sold, fee included, finite and `>= 0`.
    ///   - amountOut: amount received, finite and `>= 0`.
    ///   - externalPrice: the price `P > 0` of coin 0 in coin 1 outside the pool.
    /// - Precondition: the arguments are in those ranges (a programming error otherwise).
    /// - Complexity: O(1).
    public mutating func record(coinIn: Int, amountIn: Double, amountOut: Double, externalPrice p: Double) {
        precondition(coinIn == 0 || coinIn == 1, "LVRAccumulator: coinIn must be 0 or 1, got \(coinIn)")
        precondition(amountIn >= 0 && amountIn.isFinite && amountOut >= 0 && amountOut.isFinite,
                     "LVRAccumulator: amounts must be finite and >= 0, got \(amountIn), \(amountOut)")
        precondition(p > 0 && p.isFinite, "LVRAccumulator: the external price must be finite and > 0, got \(p)")
        profit += coinIn == 0 ? amountOut - p * amountIn : p * amountOut - amountIn
        trades += 1
    }

    /// Records `trade` valued at `externalPrice`, as ``record(coinIn:amountIn:amountOut:externalPrice:)``.
    public mutating func record(_ trade: LPExposure.Trade, externalPrice: Double) {
        record(coinIn: trade.coinIn, amountIn: trade.amountIn, amountOut: trade.amountOut, externalPrice: externalPrice)
    }

    /// Records that `duration` passed while the pool, valued at the external price, was
    /// worth `poolValue` (use the value at the start of the interval).
    ///
    /// - Precondition: `duration >= 0` and `poolValue >= 0`, both finite.
    public mutating func elapse(_ duration: Double, poolValue: Double) {
        precondition(duration >= 0 && duration.isFinite, "LVRAccumulator: duration must be finite and >= 0, got \(duration)")
        precondition(poolValue >= 0 && poolValue.isFinite, "LVRAccumulator: pool value must be finite and >= 0, got \(poolValue)")
        elapsed += duration
        valueTime += duration * poolValue
    }

    /// ``profit`` per unit time, in coin 1 (NaN before any time has elapsed).
    public var rate: Double { elapsed > 0 ? profit / elapsed : .nan }

    /// ``profit`` per unit of pool value per unit time, `profit / ∫V dt`: comparable with
    /// `σ²/8` for a constant-product pool (NaN before any value-time is observed).
    public var ratePerValue: Double { valueTime > 0 ? profit / valueTime : .nan }
}
