import HomeostatCore
import HomeostatEngine
import HomeostatScenario
import Testing

@Suite struct LPMetricTests {
    static let yaml = """
        name: lp
        pools:
          - {name: main, kind: constant_product, token_reserve: 1000}
          - {name: v3, kind: concentrated, token_reserve: 1000, ranges: [{lower: 0.5, upper: 2.0}]}
        populations:
          - {name: holders, count: 2, initial_balance: 10, behaviour: holder}
          - {name: lps, count: 2, initial_balance: 10, initial_cash: 10, behaviour: passive_lp, pool: main}
          - {name: ranges, count: 2, initial_balance: 10, initial_cash: 10, behaviour: range_lp, pool: v3}
        """

    /// Every LP population gets every LP metric by default, after the per-pool metrics;
    /// other populations get none.
    @Test func everyLPPopulationRecordsEveryLPMetricByDefault() throws {
        let s = try ScenarioFiles.parse(Self.yaml, file: "lp.yaml", baseDirectory: nil)
        let names = s.defaultMetricNames
        let lp = names.filter { LPMetricName.parse($0) != nil }
        #expect(lp == LPMetricName.allCases.map { $0.name("lps") } + LPMetricName.allCases.map { $0.name("ranges") })
        #expect(names.suffix(lp.count) == lp[...])
        for name in lp {
            #expect(MetricInfo.unit(name) != nil && MetricInfo.meaning(name)?.hasPrefix("LP population ") == true)
        }
    }

    @Test func parseSplitsKindAndPopulation() {
        #expect(LPMetricName.parse("lp_il:a:b")! == (LPMetricName.impermanentLoss, "a:b"))
        #expect(LPMetricName.parse("lp_il:") == nil && LPMetricName.parse("pool_il:main") == nil && LPMetricName.parse("lp_il") == nil)
    }

    /// docs/scenario.md lists every LP metric kind in its table.
    @Test(arguments: LPMetricName.allCases.map(\.rawValue))
    func docsListTheLPMetric(_ kind: String) throws {
        let doc = try DocsTests.doc("scenario.md")
        #expect(doc.contains("| `\(kind)` |"), "docs/scenario.md has no row for \(kind)")
    }
}
