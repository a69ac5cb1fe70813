import Foundation
import HomeostatCore
@testable import HomeostatReport

/// Inputs for the chart and page tests: small hand-made ones with exact numbers for golden
/// files, and a realistic ensemble for the browser test and the screenshot.
enum ReportFixtures {
    static let metadata = RunMetadata(scenario: "ve-economy (fixture)", seed: 42, version: "0.1.0-test", horizonDays: 5)

    /// The 4-run, 5-step ensemble of ``Fixtures`` as a run report.
    static func smallRun() throws -> RunReportInput {
        try RunReportInput(
            metadata: metadata, scenarioDescription: "Lockers and sellers around a vote-escrow; fees paid to lockers.",
            details: ["population lockers: 1000 agents", "mechanism: vote-escrow (Curve rules)"],
            runs: Fixtures.ensemble())
    }

    /// 120 runs of a year: a geometric Brownian price, a locked share drifting up, a
    /// treasury, fee revenue and a real yield, all from seeded generators.
    static func realisticRuns(runs: Int = 120, days: Int = 365) -> [MetricRecorder] {
        let names = ["price", "locked_share", "treasury_cash", "fee_revenue", "real_yield"]
        return (0..<runs).map { r in
            var rng = Xoshiro256StarStar(seed: 1_000 + UInt64(r))
            var recorder = MetricRecorder(names: names, capacity: days)
            var price = 1.0
            var locked = 0.2 + 0.05 * rng.uniform()
            var treasury = 250_000.0
            let appetite = rng.uniform(0.002, 0.01)
            for day in 1...days {
                price *= exp(-0.5 * 0.05 * 0.05 + 0.05 * rng.normal())
                locked += appetite * (0.8 - locked) + 0.004 * rng.normal()
                locked = min(max(locked, 0), 1)
                let fees = 4_000 * price * (0.5 + locked) * (1 + 0.2 * rng.normal())
                treasury += 0.3 * fees - 600
                let emission = 10_000 * price
                recorder.record(step: day, [price, locked, treasury, fees, 0.7 * fees / emission])
            }
            return recorder
        }
    }

    static func realisticRun() throws -> RunReportInput {
        try RunReportInput(
            metadata: RunMetadata(scenario: "ve-economy", seed: 2_026, version: "0.1.0", horizonDays: 365),
            scenarioDescription: "A vote-escrowed governance token: holders lock for voting power and a share of fees; "
                + "the price follows a geometric Brownian motion with 5% daily volatility.",
            details: [
                "population lockers: 800 agents, lock when the fee APR exceeds their hurdle",
                "population sellers: 200 agents, sell emissions",
                "mechanisms: vote-escrow (max lock 4 years), fee distributor, treasury",
            ],
            runs: realisticRuns())
    }

    /// A 3 × 2 grid sweep with one NaN mean.
    static func gridSweep() -> SweepReportInput {
        let xs = [0.1, 0.2, 0.4]
        let ys = [1.0, 4.0]
        var points: [[Double]] = []
        for y in ys { for x in xs { points.append([x, y]) } }
        let means = points.map { 0.5 + $0[0] * $0[1] }
        var lockedMeans = points.map { 0.2 + 0.1 * $0[1] - $0[0] }
        lockedMeans[4] = .nan
        return SweepReportInput(
            metadata: metadata,
            parameters: [ReportParameter(name: "fee_share"), ReportParameter(name: "max_lock", unit: "years")],
            points: points, runsPerPoint: 8,
            metrics: [
                SweepMetric(name: "price", means: means, lower: means.map { $0 - 0.1 }, upper: means.map { $0 + 0.1 }),
                SweepMetric(
                    name: "locked_share", means: lockedMeans, lower: lockedMeans.map { $0 - 0.02 },
                    upper: lockedMeans.map { $0 + 0.03 }),
            ])
    }

    static func oneParameterSweep() -> SweepReportInput {
        let xs = [0.0, 0.25, 0.5, 0.75, 1.0]
        let means = xs.map { 1 + $0 * $0 }
        return SweepReportInput(
            metadata: metadata, parameters: [ReportParameter(name: "fee_share")], points: xs.map { [$0] },
            runsPerPoint: 16,
            metrics: [
                SweepMetric(name: "price", means: means, lower: means.map { $0 - 0.05 }, upper: means.map { $0 + 0.05 })
            ])
    }

    /// A sweep of two parameters zipped together: not a grid.
    static func zipSweep() -> SweepReportInput {
        let points = [[0.1, 1.0], [0.2, 2.0], [0.3, 3.0]]
        return SweepReportInput(
            metadata: metadata, parameters: [ReportParameter(name: "a"), ReportParameter(name: "b")], points: points,
            runsPerPoint: 4,
            metrics: [
                SweepMetric(name: "treasury_cash", means: [1, 2, 3], lower: [0.5, 1.5, 2.5], upper: [1.5, 2.5, 3.5])
            ])
    }

    static func comparison() -> CompareReportInput {
        CompareReportInput(
            metadata: RunMetadata(scenario: "fee switch", seed: 7, version: "0.1.0-test", horizonDays: 365),
            nameA: "baseline", nameB: "fee switch on", runCount: 200,
            rows: [
                PairedDifferenceRow(
                    metric: "price", unit: "USD/token", meanDifference: 0.042, lower: 0.031, upper: 0.053,
                    fractionBBeatsA: 0.81, unpairedHalfWidth: 0.09),
                PairedDifferenceRow(
                    metric: "locked_share", unit: "fraction", meanDifference: -0.012, lower: -0.03, upper: 0.006,
                    fractionBBeatsA: 0.44, unpairedHalfWidth: 0.05),
                PairedDifferenceRow(
                    metric: "treasury_cash", unit: "USD", meanDifference: -125_000, lower: -150_000, upper: -100_000,
                    fractionBBeatsA: 0.02, unpairedHalfWidth: nil),
            ])
    }

    static func morrisAndSobol() -> SensitivityReportInput {
        SensitivityReportInput(
            metadata: metadata,
            parameters: [
                ReportParameter(name: "fee_share", lower: 0, upper: 1),
                ReportParameter(name: "max_lock", unit: "years", lower: 1, upper: 4),
                ReportParameter(name: "volatility", unit: "per day", lower: 0.01, upper: 0.08),
            ],
            evaluationCount: 320,
            metrics: [
                SensitivityMetric(
                    name: "price",
                    result: .morris([
                        MorrisEffect(parameter: "fee_share", muStar: 0.12, sigma: 0.05),
                        MorrisEffect(parameter: "max_lock", muStar: 0.03, sigma: 0.01),
                        MorrisEffect(parameter: "volatility", muStar: 0.4, sigma: 0.3),
                    ])),
                SensitivityMetric(
                    name: "locked_share",
                    result: .sobol([
                        SobolIndexRow(
                            parameter: "fee_share", firstOrder: 0.5,
                            firstOrderInterval: ConfidenceInterval(lower: 0.42, upper: 0.58, level: 0.95), total: 0.62,
                            totalInterval: ConfidenceInterval(lower: 0.55, upper: 0.7, level: 0.95)),
                        SobolIndexRow(
                            parameter: "max_lock", firstOrder: 0.2,
                            firstOrderInterval: ConfidenceInterval(lower: 0.12, upper: 0.28, level: 0.95), total: 0.3,
                            totalInterval: ConfidenceInterval(lower: 0.22, upper: 0.38, level: 0.95)),
                        SobolIndexRow(
                            parameter: "volatility", firstOrder: -0.01,
                            firstOrderInterval: ConfidenceInterval(lower: -0.05, upper: 0.03, level: 0.95), total: 0.04,
                            totalInterval: ConfidenceInterval(lower: 0.01, upper: 0.07, level: 0.95)),
                    ])),
            ])
    }
}
