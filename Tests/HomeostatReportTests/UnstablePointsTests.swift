import Foundation
import Testing
@testable import HomeostatReport

/// A sweep over a controller's gains marks the points whose mean `oscillation` reaches the
/// threshold (issue #14: the report marks unstable points).
@Suite struct UnstablePointsTests {
    static func sweep(oscillation: [Double]) -> SweepReportInput {
        let gains = [1e-7, 1e-6, 1e-5]
        return SweepReportInput(
            metadata: ReportFixtures.metadata, parameters: [ReportParameter(name: "mechanisms.controllers.tvl.kp")],
            points: gains.map { [$0] }, runsPerPoint: 2,
            metrics: [
                SweepMetric(name: "oscillation", means: oscillation, lower: oscillation, upper: oscillation),
                SweepMetric(name: "price", means: [1, 1, 1], lower: [1, 1, 1], upper: [1, 1, 1]),
            ])
    }

    @Test func pointsAtOrAboveTheThresholdAreListedAsUnstable() {
        let page = HTMLReport.render(Self.sweep(oscillation: [0.02, 0.5, 0.93]))
        #expect(page.contains("Unstable points (mean oscillation ≥ 0.5): 2 of 3"))
        let table = page.components(separatedBy: "class=\"unstable\"").last ?? ""
        let rows = table.components(separatedBy: "</table>").first ?? ""
        #expect(rows.contains("0.93"))
        #expect(rows.contains("1e-05") || rows.contains("0.00001"))
        #expect(!rows.contains("0.02"))
    }

    @Test func aStableSweepSaysSo() {
        let page = HTMLReport.render(Self.sweep(oscillation: [0.02, 0.1, 0.49]))
        #expect(page.contains("No unstable point"))
        #expect(!page.contains("class=\"unstable\""))
    }

    @Test func aSweepWithoutOscillationSaysNothing() {
        let page = HTMLReport.render(ReportFixtures.oneParameterSweep())
        #expect(!page.contains("nstable"))
    }
}
