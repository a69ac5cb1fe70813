import Foundation
import Testing

/// Issue #11 (8): the CLI and docs fixes, each with the check that failed before.
@Suite struct CLIFixesTests {
    @Test func validateReportsEveryErrorOfAFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("bad.yaml", """
            name: bad
            runs: 0
            horizon_days: 10
            market: {price: -1.0, process: gbm, drift: 0.0, volatility: 0.5}
            populations:
              - {name: holders, count: 100, initial_balance: 1000, behaviour: nosuch}
            """)
        let result = try CLI.run(["validate", file])
        expectExit(result, 64)
        #expect(result.stderrLines.count == 3, "\(result)")
        #expect(result.stderr.contains("bad.yaml:2:7: error: runs: 0 is out of range"))
        #expect(result.stderr.contains("bad.yaml:4:17: error: market.price"))
        #expect(result.stderr.contains("bad.yaml:6:") && result.stderr.contains("nosuch"), "\(result)")
    }

    @Test func validateSaysOneAgentNotOneAgents() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("one.yaml", """
            name: one
            runs: 1
            horizon_days: 1
            market: {price: 1.0, process: gbm, drift: 0.0, volatility: 0.5}
            populations:
              - {name: solo, count: 1, initial_balance: 1000, behaviour: holder}
            """)
        let result = try CLI.run(["validate", file])
        expectExit(result, 0)
        #expect(result.stdout.contains("ok (one: 1 agent in 1 population, 1 day, 1 run)"), "\(result)")
    }

    @Test func bracketsInAFlowMappingGetAHint() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("sweep.yaml", ExperimentCommandTests.scenario.replacingOccurrences(
            of: "{path: populations.holders.sell_propensity, values: [0.01, 0.1]}",
            with: "{path: populations[0].sell_propensity, values: [0.01, 0.1]}"))
        let result = try CLI.run(["validate", file])
        expectExit(result, 64)
        #expect(result.stderr.contains("sweep.yaml:16:25: error: syntax error"), "\(result)")
        #expect(result.stderr.contains("inside { … } a value with [ ] must be quoted"), "\(result)")
    }

    @Test func benchAgentsTooManyForTheSupplyGetsAHint() throws {
        let example = CLI.repository.appendingPathComponent("examples/ve-economy.yaml").path
        let result = try CLI.run(["bench", "scenario", "--scenario", example, "--agents", "50000", "--days", "2", "--runs", "1"])
        expectExit(result, 1)
        #expect(result.stderr.contains("with --agents 50000 (the file has 20000)"), "\(result)")
        #expect(result.stderr.contains("lower --agents or raise token.supply"), "\(result)")
    }

    /// Every relative link of the README and docs/ resolves inside the repository, and the
    /// examples table lists every bundled example.
    @Test func readmeLinksStayInTheRepositoryAndListEveryExample() throws {
        let root = CLI.repository
        let docs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.map { "docs/" + $0 }
        for page in ["README.md"] + docs {
            let url = root.appendingPathComponent(page)
            let text = try String(contentsOf: url, encoding: .utf8)
            let links = text.components(separatedBy: "](").dropFirst().map { String($0.prefix { $0 != ")" }) }
            for link in links where !link.hasPrefix("http") && !link.hasPrefix("#") {
                let target = link.split(separator: "#")[0]
                let resolved = url.deletingLastPathComponent().appendingPathComponent(String(target)).standardizedFileURL.path
                #expect(resolved.hasPrefix(root.standardizedFileURL.path + "/"), "\(page): \(link) leaves the repository")
                #expect(FileManager.default.fileExists(atPath: resolved), "\(page): \(link) does not exist")
            }
        }
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        for example in ValidateTests.examples { #expect(readme.contains("`examples/\(example)`"), "\(example)") }
        let scenarioDoc = try String(contentsOf: root.appendingPathComponent("docs/scenario.md"), encoding: .utf8)
        #expect(!scenarioDoc.contains("prints nothing else on success"))
    }
}
