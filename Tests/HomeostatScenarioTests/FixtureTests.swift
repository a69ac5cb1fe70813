import Foundation
import HomeostatCore
import HomeostatEngine
import HomeostatScenario
import Testing

/// What an invalid fixture's first line (`# expect: SCN003 7:22 [file]`) or its
/// `.expect` sidecar promises.
struct Expectation: Equatable, CustomStringConvertible {
    var code: String
    var line: Int
    var column: Int
    /// The file the error must name (its last path component); the fixture itself if nil.
    var file: String?

    var description: String { "\(code) \(line):\(column)" + (file.map { " \($0)" } ?? "") }

    init?(_ text: String) {
        var words = text.split(separator: " ").map(String.init)
        while let first = words.first, first == "#" || first == "expect:" { words.removeFirst() }
        guard words.count >= 2 else { return nil }
        let position = words[1].split(separator: ":")
        guard position.count == 2, let line = Int(position[0]), let column = Int(position[1]) else { return nil }
        code = words[0]
        self.line = line
        self.column = column
        file = words.count > 2 ? words[2] : nil
    }

    static func of(fixture name: String) throws -> Expectation? {
        let path = Fixtures.invalid + "/" + name
        let sidecar = path + ".expect"
        if FileManager.default.fileExists(atPath: sidecar) {
            return Expectation(try Fixtures.text(sidecar).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let first = try Fixtures.text(path).split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return first.hasPrefix("# expect:") ? Expectation(first) : nil
    }
}

@Suite struct FixtureTests {
    @Test func fixturesArePresent() {
        #expect(Fixtures.validNames().count >= 5)
        #expect(Fixtures.invalidNames().count >= 30)
    }

    @Test(arguments: Fixtures.validNames())
    func validFixtureLoads(_ name: String) throws {
        let s = try ScenarioFiles.load(path: Fixtures.valid + "/" + name)
        #expect(!s.name.isEmpty)
    }

    @Test(arguments: Fixtures.invalidNames())
    func invalidFixtureFailsWhereItSays(_ name: String) throws {
        let expected = try #require(try Expectation.of(fixture: name), "\(name) has no `# expect: CODE line:column` line")
        let path = Fixtures.invalid + "/" + name
        let error = try #require(throws: ScenarioError.self) { try ScenarioFiles.load(path: path) }
        let got = "\(error.code) \(error.line):\(error.column)"
        #expect(got == "\(expected.code) \(expected.line):\(expected.column)", "\(error)")
        if let file = expected.file {
            #expect(error.file.hasSuffix("/" + file), "\(error)")
        } else {
            #expect(error.file == path)
        }
        #expect(error.description == "\(error.file):\(error.line):\(error.column): error: \(error.message)")
        #expect(error.message.hasPrefix(error.path), "message should start with the key path: \(error)")
    }

    /// Every code in the catalog is shown by at least one invalid fixture.
    @Test func invalidFixturesCoverEveryCode() throws {
        var codes = Set<String>()
        for name in Fixtures.invalidNames() {
            if let e = try Expectation.of(fixture: name) { codes.insert(e.code) }
        }
        #expect(codes == Set(ScenarioError.catalog.map(\.code)))
    }

    @Test(arguments: Fixtures.validNames())
    func yamlRoundTrip(_ name: String) throws {
        let s = try ScenarioFiles.load(path: Fixtures.valid + "/" + name)
        let yaml = ScenarioWriter.yaml(s)
        let back = try ScenarioFiles.parse(yaml, file: "roundtrip.yaml", baseDirectory: Fixtures.valid)
        #expect(back == s, "\(yaml)")
        #expect(ScenarioWriter.yaml(back) == yaml)
    }

    @Test(arguments: Fixtures.validNames())
    func jsonRoundTrip(_ name: String) throws {
        let s = try ScenarioFiles.load(path: Fixtures.valid + "/" + name)
        let json = ScenarioWriter.json(s)
        let back = try ScenarioFiles.parse(json, file: "roundtrip.json", baseDirectory: Fixtures.valid)
        #expect(back == s, "\(json)")
        #expect(ScenarioWriter.json(back) == json)
        #expect(json.hasPrefix("{\n") && json.hasSuffix("}\n"))
    }

    /// The canonical JSON is real JSON: Foundation's strict parser reads it too.
    @Test(arguments: Fixtures.validNames())
    func canonicalJSONIsStrictJSON(_ name: String) throws {
        let s = try ScenarioFiles.load(path: Fixtures.valid + "/" + name)
        let object = try JSONSerialization.jsonObject(with: Data(ScenarioWriter.json(s).utf8))
        let top = try #require(object as? [String: Any])
        #expect(top["name"] as? String == s.name)
    }

    @Test func bm1MatchesTheBenchmark() throws {
        let s = try ScenarioFiles.load(path: Fixtures.valid + "/bm1.yaml")
        #expect(s.name == "bm1")
        #expect(s.seed == 1 && s.runs == 4 && s.horizonDays == 730)
        #expect(s.token.symbol == "BM" && s.token.supply == nil && s.token.allocations.isEmpty)
        #expect(s.market.price == 1 && s.market.process == .gbm(drift: 0, volatility: 0.8))
        #expect(s.market.impact == { var i = ImpactSpec(); i.coefficient = 2.0e-7; i.floor = 0.01; return i }())
        #expect(s.market.volumeUSD == 1_000_000)
        #expect(s.mechanisms.voteEscrow?.maxLockDays == 1460)
        #expect(s.mechanisms.voteEscrow?.weekRounding == false)
        #expect(s.mechanisms.emission?.schedule == .halving(initialPerDay: 100_000, halfLifeDays: 365))
        #expect(s.mechanisms.feeSharing == FeeSharingSpec())
        let p = try #require(s.populations.first)
        #expect(s.populations.count == 1 && p.name == "holders" && p.count == 10_000)
        #expect(p.initialBalance == .constant(1000))
        #expect(p.behaviour == .holder(HolderSpec()))
        #expect(s.events.isEmpty)
        #expect(s.metrics.names == ["price", "locked_share", "voting_power", "sell_pressure", "emission", "fee_revenue"])
    }

    @Test func fullFixtureReadsEveryKind() throws {
        let s = try ScenarioFiles.load(path: Fixtures.valid + "/full.yaml")
        #expect(s.description == "A vote-escrow economy with a treasury, a vesting cliff\nand three populations.\n")
        #expect(s.seed == 42 && s.runs == 32)
        #expect(s.token.symbol == "NO")
        #expect(s.token.supply == 1_000_000_000)
        #expect(s.token.allocations == [
            Allocation(account: "treasury", amount: 100_000_000), Allocation(account: "vesting", amount: 50_000_000),
            Allocation(account: "team wallet", amount: 0),
        ])
        #expect(s.market.process == .jumpDiffusion(drift: 0, volatility: 0.8, intensity: 2, jumpMean: -0.1, jumpStdev: 0.15))
        #expect(s.market.impact.model == .sqrt && s.market.impact.coefficient == 2.0e-4 && s.market.impact.floor == 0.05)
        #expect(s.market.volumeElasticity == 1.5)
        #expect(s.mechanisms.emission?.schedule == .curve(initialPerYear: 274_815_283, reduction: 1.189207115))
        #expect(s.mechanisms.feeSharing?.payout == .weekly && s.mechanisms.feeSharing?.lockerShare == 0.5)
        #expect(s.populations.map(\.name) == ["lockers", "traders", "whales", "drifters"])
        #expect(s.populations.map(\.count) == [10_000, 500, 3, 1_000])
        #expect(s.populations[1].initialBalance == .lognormal(mu: 7, sigma: 1.5))
        #expect(s.populations[2].initialBalance == .normal(mean: 1e7, stdev: 2e6, low: 0, high: .infinity))
        #expect(s.populations[3].initialBalance == .exponential(mean: 250))
        var traders = HolderSpec()
        traders.patience = .normal(mean: 0.2, stdev: 0.1, low: 0, high: 1)
        #expect(s.populations[1].behaviour == .holder(traders))
        guard case .holder(let whales) = s.populations[2].behaviour, case .holder(let drifters) = s.populations[3].behaviour else {
            Issue.record("not holders")
            return
        }
        #expect(whales.patience == .beta(alpha: 5, beta: 1))
        #expect(drifters.patience == .constant(0.25))
        #expect(s.events == [
            EventSpec(day: 365, action: .priceShock(change: -0.5)),
            EventSpec(day: 200, action: .set(.feeRate, 0.005)),
            EventSpec(day: 100, action: .set(.emissionScale, 0.5)),
            EventSpec(day: 400, action: .unlock(from: "vesting", to: "lockers", amount: 25_000_000)),
            EventSpec(day: 401, action: .unlock(from: "vesting", to: "whales", amount: 25_000_000)),
            EventSpec(day: 500, action: .set(.drift, -0.2)),
            EventSpec(day: 730, action: .set(.impactCoefficient, 0)),
            EventSpec(day: 1, action: .set(.volumeUSD, 2e6)),
            EventSpec(day: 2, action: .set(.lockerShare, 1)),
        ])
        #expect(s.metrics.names == ["price", "locked_share", "vp_gini", "treasury_cash"] && s.metrics.every == 7)
    }

    @Test func seriesFixtureReadsTheCSV() throws {
        let s = try ScenarioFiles.load(path: Fixtures.valid + "/series.yaml")
        #expect(s.market.process == .series(file: "prices.csv", column: "close", prices: [2.5, 2.75, 3.0, 0.001]))
        #expect(s.market.impact.model == ImpactSpec.Model.none)
        #expect(s.mechanisms.emission?.schedule == .table([EmissionStep(fromDay: 0, perDay: 500), EmissionStep(fromDay: 365, perDay: 250.5)]))
        #expect(s.mechanisms.voteEscrow == VoteEscrowSpec())
    }

    @Test func jsonFixtureReadsEscapesAndBigSeed() throws {
        let s = try ScenarioFiles.load(path: Fixtures.valid + "/bm1.json")
        #expect(s.seed == UInt64.max)
        #expect(s.events == [EventSpec(day: 365, action: .priceShock(change: -0.5)), EventSpec(day: 400, action: .set(.volatility, 1.2))])
        let c = try ScenarioFiles.load(path: Fixtures.valid + "/constant-emission.json")
        #expect(c.description == "tab\tquote\" and é")
        #expect(c.populations[0].initialBalance == .uniform(low: 10, high: 10))
        #expect(c.mechanisms.emission?.schedule == .constant(perDay: 1000))
    }
}
