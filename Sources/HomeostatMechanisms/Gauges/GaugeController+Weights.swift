/// Gauge weights per epoch and the emission routed by them.
extension GaugeController {
    /// Gauge weights `W_g(k)`, type weights `τ_T(k)` and `total(k)` of epoch `k`.
    ///
    /// Final for `k <= currentEpoch`; for later epochs, the projection from the votes cast so
    /// far (later votes can still change it). Before ``firstEpoch`` every weight is 0.
    ///
    /// - Complexity: O(gauges) for a final epoch; O(gauges · (k − currentEpoch)) for a projection.
    public func epochWeights(_ k: Int64) -> (gauges: [Double], types: [Double], total: Double) {
        if k < firstEpoch { return ([Double](repeating: 0, count: gaugeCount), [], 0) }
        if k <= currentEpoch {
            let i = Int(k - firstEpoch)
            var row = weightHistory[i]
            // Gauges added later had no weight yet.
            if row.count < gaugeCount { row.append(contentsOf: repeatElement(0, count: gaugeCount - row.count)) }
            return (row, typeWeightHistory[i], totalHistory[i])
        }
        var projection = self
        while projection.currentEpoch < k { projection.enterNextEpoch() }
        return projection.epochWeights(k)
    }

    /// `W_g(k)`: the weight of gauge `g` at the start of epoch `k` (fixed weight plus
    /// `Σ σ · max(end − k·E, 0)` over the votes in force), before the type weight.
    public func gaugeWeight(_ g: GaugeID, epoch k: Int64) -> Double {
        guard g.index >= 0 && g.index < gaugeCount else { return 0 }
        return epochWeights(k).gauges[g.index]
    }

    /// `total(k) = Σ_g τ_type(g)(k) · W_g(k)` (Curve `points_total`).
    public func totalWeight(epoch k: Int64) -> Double { epochWeights(k).total }

    /// Relative weight of every gauge in epoch `k` (Curve `gauge_relative_weight`, as a
    /// fraction rather than wad-scaled):
    ///
    ///     relative_g(k) = τ_type(g)(k) · W_g(k) / total(k)
    ///
    /// Each is in `[0, 1]`; they sum to 1 (to rounding) when `total(k) > 0`, and are all 0
    /// when `total(k) = 0`.
    ///
    /// - Complexity: as ``epochWeights(_:)``.
    public func relativeWeights(epoch k: Int64) -> [Double] {
        let w = epochWeights(k)
        guard w.total > 0 else { return [Double](repeating: 0, count: gaugeCount) }
        var out = [Double](repeating: 0, count: gaugeCount)
        for g in 0..<gaugeCount {
            let t = gaugeType[g]
            let τ = t < w.types.count ? w.types[t] : 0
            out[g] = τ * w.gauges[g] / w.total
        }
        return out
    }

    /// The relative weight of gauge `g` in epoch `k` (0 for a gauge that does not exist,
    /// as in the contract).
    public func relativeWeight(_ g: GaugeID, epoch k: Int64) -> Double {
        guard g.index >= 0 && g.index < gaugeCount else { return 0 }
        return relativeWeights(epoch: k)[g.index]
    }

    /// Splits an emission `amount` minted for (part of) epoch `k` across the gauges:
    /// gauge `g` gets `amount · relative_g(k)`.
    ///
    /// When `total(k) = 0` no gauge gets anything and, as with Curve's `Minter` (which mints
    /// only what gauges claim), the whole amount is ``GaugeEmission/unrouted``: never minted.
    /// ``GaugeEmission/unrouted`` is `amount − Σ_g perGauge[g]`, so the split always adds up
    /// to `amount` (to one rounding).
    public func route(amount: Double, epoch k: Int64) -> GaugeEmission {
        precondition(amount >= 0 && amount.isFinite, "emission must be finite and non-negative")
        let rel = relativeWeights(epoch: k)
        var perGauge = [Double](repeating: 0, count: gaugeCount)
        var routed = 0.0
        for g in 0..<gaugeCount {
            perGauge[g] = amount * rel[g]
            routed += perGauge[g]
        }
        return GaugeEmission(epoch: k, amount: amount, perGauge: perGauge, unrouted: max(amount - routed, 0))
    }
}

/// An emission split across gauges by ``GaugeController/route(amount:epoch:)``.
public struct GaugeEmission: Sendable, Equatable {
    /// The epoch whose relative weights were used.
    public let epoch: Int64
    /// The emission to split.
    public let amount: Double
    /// `amount · relative_g(epoch)` per gauge.
    public let perGauge: [Double]
    /// The part no gauge receives (all of it when no gauge has weight): not minted.
    public let unrouted: Double
}

extension EmissionCurve {
    /// Total emission over the days `days`: `Σ_{t ∈ days} amount(day: t)` — one epoch's
    /// emission with day ticks is `amount(days: k·E ..< (k+1)·E)`.
    ///
    /// - Complexity: O(days).
    public func amount(days: Range<Int>) -> Double {
        var total = 0.0
        for t in days { total += amount(day: t) }
        return total
    }
}
