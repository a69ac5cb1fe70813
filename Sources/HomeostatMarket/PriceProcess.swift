public import HomeostatCore

/// The external (outside-market) price process of the token, per daily step.
///
/// Returns are drawn from the run's market stream only, so two designs compared on the
/// same seed see the same exogenous path whatever their mechanisms or agents draw.
public enum PriceProcess: Sendable, Equatable {
    /// Geometric Brownian motion: `P ← P · exp((μ − σ²/2)·dt + σ·√dt·z)`, with yearly
    /// drift μ and volatility σ, dt = 1/365 (BM-1 step 6).
    case gbm(drift: Double, volatility: Double)
    /// Merton jump diffusion: GBM plus a compound Poisson number of jumps per step with
    /// yearly intensity λ, each multiplying the price by `exp(N(jumpMean, jumpStdev))`.
    /// The drift is compensated so that `E[P_t] = P_0 · e^{μt}` as in GBM.
    case jumpDiffusion(drift: Double, volatility: Double, intensity: Double, jumpMean: Double, jumpStdev: Double)
    /// A historical series of prices, one per step, replayed as the external return path
    /// (`P ← P · series[t] / series[t−1]`); past the end the last return is 0.
    case series([Double])
}

/// How net selling (or buying) by agents into the outside market moves the price.
public enum ImpactModel: Sendable, Equatable {
    /// `factor = max(floor, 1 − coefficient · S)` with S the net tokens sold (BM-1).
    case linear(coefficient: Double, floor: Double)
    /// `factor = max(floor, 1 − coefficient · sign(S) · √|S|)`: the square-root law of
    /// market impact.
    case squareRoot(coefficient: Double, floor: Double)
    /// Agents' trades do not move the price.
    case none

    /// The multiplicative price factor for `netSold` tokens sold (negative: bought).
    @inlinable
    public func factor(netSold: Double) -> Double {
        switch self {
        case .linear(let k, let floor): return max(floor, 1 - k * netSold)
        case .squareRoot(let k, let floor):
            let root = abs(netSold).squareRoot()
            return max(floor, 1 - k * (netSold < 0 ? -root : root))
        case .none: return 1
        }
    }
}

/// The outside market's state in one run: price, process, impact, and the volatility
/// multiplier that scripted shocks can change mid-run.
public struct Market: Sendable {
    public var process: PriceProcess
    public var impact: ImpactModel
    /// Current price, USD per token.
    public private(set) var price: Double
    /// The price at the start of the run.
    public let initialPrice: Double
    /// Steps per year (daily steps: 365).
    public let stepsPerYear: Double
    /// Number of price moves made so far.
    public private(set) var step: Int = 0

    public init(price: Double, process: PriceProcess, impact: ImpactModel, stepsPerYear: Double = 365) {
        precondition(price > 0 && price.isFinite)
        self.price = price
        self.initialPrice = price
        self.process = process
        self.impact = impact
        self.stepsPerYear = stepsPerYear
    }

    /// The exogenous factor of the next move, drawn by ``drawNextMove(rng:)`` and not yet
    /// applied; `nil` when none is pending.
    public private(set) var pendingExogenous: Double? = nil

    /// Advances the price one step: the exogenous return times the impact of `netSold`.
    ///
    /// Same as ``drawNextMove(rng:)`` followed by ``applyMove(netSold:)``; a move already
    /// drawn is applied without drawing again.
    public mutating func advance(netSold: Double, rng: inout Xoshiro256StarStar) {
        if pendingExogenous == nil { drawNextMove(rng: &rng) }
        applyMove(netSold: netSold)
    }

    /// Draws the exogenous factor of the next move (what an informed trader may know before
    /// it happens) without moving the price. The draws are those ``advance(netSold:rng:)``
    /// makes, in the same order, so drawing early does not change a run's random sequence.
    /// Does nothing when a move is already pending.
    public mutating func drawNextMove(rng: inout Xoshiro256StarStar) {
        guard pendingExogenous == nil else { return }
        let dt = 1.0 / stepsPerYear
        let exogenous: Double
        switch process {
        case .gbm(let mu, let sigma):
            let z = rng.normal()
            exogenous = _exp((mu - sigma * sigma / 2) * dt + sigma * dt.squareRoot() * z)
        case .jumpDiffusion(let mu, let sigma, let lambda, let jm, let js):
            let z = rng.normal()
            // Compensator k = E[e^J] − 1 keeps the mean growth at μ.
            let k = _exp(jm + js * js / 2) - 1
            var logReturn = (mu - sigma * sigma / 2 - lambda * k) * dt + sigma * dt.squareRoot() * z
            let jumps = rng.poisson(lambda * dt)
            for _ in 0..<jumps { logReturn += jm + js * rng.normal() }
            exogenous = _exp(logReturn)
        case .series(let values):
            let i = step + 1
            exogenous = i < values.count ? values[i] / values[i - 1] : 1
        }
        pendingExogenous = exogenous
    }

    /// Applies the pending exogenous factor times the impact of `netSold`.
    /// - Precondition: a move is pending (``drawNextMove(rng:)`` was called).
    public mutating func applyMove(netSold: Double) {
        guard let exogenous = pendingExogenous else { preconditionFailure("Market.applyMove: no move drawn") }
        price = price * exogenous * impact.factor(netSold: netSold)
        pendingExogenous = nil
        step += 1
    }

    /// Multiplies the price by `1 + change` (a scripted shock; −0.5 halves the price).
    public mutating func shock(_ change: Double) {
        price = max(price * (1 + change), Double.leastNormalMagnitude)
    }

    /// Sets the yearly volatility of a GBM or jump-diffusion process (a regime change).
    public mutating func setVolatility(_ sigma: Double) {
        switch process {
        case .gbm(let mu, _): process = .gbm(drift: mu, volatility: sigma)
        case .jumpDiffusion(let mu, _, let l, let jm, let js):
            process = .jumpDiffusion(drift: mu, volatility: sigma, intensity: l, jumpMean: jm, jumpStdev: js)
        case .series: break
        }
    }

    /// Sets the yearly drift of a GBM or jump-diffusion process.
    public mutating func setDrift(_ mu: Double) {
        switch process {
        case .gbm(_, let s): process = .gbm(drift: mu, volatility: s)
        case .jumpDiffusion(_, let s, let l, let jm, let js):
            process = .jumpDiffusion(drift: mu, volatility: s, intensity: l, jumpMean: jm, jumpStdev: js)
        case .series: break
        }
    }
}
