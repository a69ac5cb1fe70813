internal import Foundation
internal import HomeostatCore
internal import Yams

/// Walks a composed YAML/JSON tree into a ``Scenario``, checking every field as it goes
/// and the cross-field rules at the end. Internal: ``ScenarioLoader`` is the entry point.
struct ScenarioDecoder {
    typealias Code = ScenarioError.Code

    let reader: NodeReader
    /// Directory that relative paths (the price series) are resolved against.
    let baseDirectory: String?
    /// Decoders of registered modules' sections under `mechanisms:`.
    var sections: [SectionDecoder] = []

    static let topFields = [
        "name", "description", "seed", "runs", "horizon_days", "token", "market", "mechanisms", "populations",
        "events", "metrics", "bribes", "pools", "assets",
    ]

    /// Upper bound of `horizon_days` (100 years).
    static let maxHorizonDays = Scenario.maxHorizonDays

    func decode(_ root: Node?) throws(ScenarioError) -> Scenario {
        guard let root else {
            throw reader.error(Code.missingField, at: nil, "", "the scenario is empty; expected a mapping with at least `name`")
        }
        let top = try reader.mapping(root, "", allowed: Self.topFields)
        // Independent top-level fields are all read, so one run shows every error among them;
        // a section that depends on a failed one is not read (its errors would only echo).
        var errors: [ScenarioError] = []
        func attempt(_ body: () throws(ScenarioError) -> Void) -> Bool {
            do { try body(); return true } catch { errors.append(error); return false }
        }
        var s = Scenario(name: "")
        _ = attempt { () throws(ScenarioError) in s.name = try top.string("name") }
        _ = attempt { () throws(ScenarioError) in s.description = try top.string("description", default: "") }
        _ = attempt { () throws(ScenarioError) in if let seed = top.value("seed") { s.seed = try reader.uint64(seed, "seed") } }
        _ = attempt { () throws(ScenarioError) in s.runs = try top.int("runs", default: s.runs, 1...Int.max, "an integer >= 1") }
        _ = attempt { () throws(ScenarioError) in
            s.horizonDays = try top.int("horizon_days", default: s.horizonDays, 1...Self.maxHorizonDays, "an integer in 1...\(Self.maxHorizonDays)")
        }
        let tokenOK = attempt { () throws(ScenarioError) in if let n = top.value("token") { s.token = try token(n, top.path("token")) } }
        _ = attempt { () throws(ScenarioError) in if let n = top.value("market") { s.market = try market(n, top.path("market")) } }
        if !errors.isEmpty {
            // Already wrong: read the mechanisms and the populations (which depend on the
            // token, the mechanisms and the pools) when what they need is fine, so their
            // errors show beside the first ones; the decoding stops after them.
            var mechanismsOK = true
            if let n = top.value("mechanisms") {
                mechanismsOK = attempt { () throws(ScenarioError) in
                    let m = try reader.mapping(n, top.path("mechanisms"), allowed: sections.map(\.key))
                    for section in sections {
                        guard let r = try sectionReader(section, m, s) else { continue }
                        s.sections[section.key] = try section.decode(r)
                    }
                }
            }
            if tokenOK, mechanismsOK, top.value("pools") == nil, let n = top.value("populations") {
                _ = attempt { () throws(ScenarioError) in
                    s.populations = try populations(n, top.path("populations"), token: s.token, mechanisms: s.mechanisms, pools: s.pools)
                }
            }
        }
        if var first = errors.first {
            first.others = Array(errors.dropFirst())
            throw first
        }
        var mechanismNodes: MappingReader?
        if let n = top.value("mechanisms") {
            // Every section under `mechanisms:` is a registered module's, built-in ones included
            // (the engine's `ScenarioFiles` passes them), so this layer knows none by name.
            let m = try reader.mapping(n, top.path("mechanisms"), allowed: sections.map(\.key))
            for section in sections {
                guard let r = try sectionReader(section, m, s) else { continue }
                s.sections[section.key] = try section.decode(r)
            }
            mechanismNodes = m
        }
        if let n = top.value("assets") { s.assets = try assets(n, top.path("assets"), token: s.token) }
        if let n = top.value("pools") { s.pools = try pools(n, top.path("pools"), market: s.market, assets: s.assets) }
        if let n = top.value("populations") {
            s.populations = try populations(n, top.path("populations"), token: s.token, mechanisms: s.mechanisms, pools: s.pools)
        }
        if let n = top.value("bribes") { s.bribes = try bribes(n, top.path("bribes"), scenario: s) }
        if let n = top.value("events") { s.events = try events(n, top.path("events"), scenario: s) }
        if let n = top.value("metrics") { s.metrics = try metrics(n, top.path("metrics"), scenario: s) }

        if let m = mechanismNodes {
            for section in sections {
                guard let validate = section.validate, let r = try sectionReader(section, m, s) else { continue }
                try validate(r, s)
            }
        }
        try checkFarming(top, s)
        try checkAssetPools(top, s)
        if let supply = s.token.supply, let tokenNode = top.value("token") {
            try checkSupply(supply, s, tokenNode)
        }
        try ScenarioLimits.checkSizes(s, top, reader: reader)
        return s
    }

    /// The reader of a registered section, or nil when the file does not have it; `s` holds
    /// the sections decoded so far.
    func sectionReader(_ section: SectionDecoder, _ m: MappingReader, _ s: Scenario) throws(ScenarioError) -> SectionReader? {
        guard let node = m.value(section.key) else { return nil }
        return SectionReader(
            mapping: try reader.mapping(node, m.path(section.key), allowed: section.fields), keyNode: m.keyNode(section.key), decoded: s.sections)
    }

    // MARK: Token

    func token(_ node: Node, _ path: String) throws(ScenarioError) -> TokenSpec {
        let m = try reader.mapping(node, path, allowed: ["symbol", "supply", "allocations"])
        var t = TokenSpec()
        t.symbol = try m.string("symbol", default: t.symbol, nonEmpty: true)
        t.supply = try m.optionalDouble("supply", .amount)
        if let n = m.value("allocations") {
            let a = try reader.mapping(n, m.path("allocations"), allowed: nil)
            for e in a.entries {
                if e.key.trimmingWhitespace.isEmpty {
                    throw reader.error(Code.outOfRange, at: e.keyNode, a.path(e.key), "an account name must not be empty")
                }
                t.allocations.append(Allocation(account: e.key, amount: try reader.double(e.value, a.path(e.key), .amount)))
            }
        }
        return t
    }

    /// `token.supply` must cover what allocations and constant-balance populations hold at
    /// day 0 (random balances are at least 0, so the sum of the others is a lower bound).
    func checkSupply(_ supply: Double, _ s: Scenario, _ tokenNode: Node) throws(ScenarioError) {
        let allocated = s.token.allocations.reduce(0) { $0 + $1.amount }
        var held = 0.0
        for p in s.populations {
            if case .constant(let b) = p.initialBalance { held += Double(p.count) * b }
        }
        guard supply < allocated + held else { return }
        let m = try reader.mapping(tokenNode, "token", allowed: nil)
        throw reader.error(
            Code.conflict, at: m.value("supply"), "token.supply",
            "\(number(supply)) is less than what is held at day 0: \(number(allocated)) in allocations plus "
                + "\(number(held)) in populations' constant initial balances (count × initial_balance); "
                + "raise the supply or omit it")
    }

    // MARK: Market

    enum ProcessKind: String, CaseIterable {
        case gbm
        case jumpDiffusion = "jump_diffusion"
        case series
    }

    func market(_ node: Node, _ path: String) throws(ScenarioError) -> MarketSpec {
        let m = try reader.mapping(
            node, path,
            allowed: ["price", "process", "drift", "volatility", "jumps", "series", "impact", "volume_usd", "volume_elasticity"])
        var k = MarketSpec()
        k.price = try m.double("price", default: k.price, .positive)
        k.process = try priceProcess(m, defaultVolatility: 0.8)
        if let n = m.value("impact") {
            let i = try reader.mapping(n, m.path("impact"), allowed: ["model", "coefficient", "floor"])
            k.impact.model = try i.keyword("model", default: k.impact.model, what: "impact model")
            k.impact.coefficient = try i.double("coefficient", default: k.impact.coefficient, .nonNegative)
            k.impact.floor = try i.double("floor", default: k.impact.floor, .fraction)
        }
        k.volumeUSD = try m.double("volume_usd", default: k.volumeUSD, .amount)
        k.volumeElasticity = try m.double("volume_elasticity", default: k.volumeElasticity, .finite)
        return k
    }

    /// Reads the CSV named by `series.file`, relative to ``baseDirectory``.
    func series(_ node: Node, _ path: String) throws(ScenarioError) -> ProcessSpec {
        let m = try reader.mapping(node, path, allowed: ["file", "column"])
        let file = try m.string("file")
        let column = try m.string("column", default: "price", nonEmpty: true)
        let resolved = Self.resolve(file, against: baseDirectory)
        let text: String
        switch TextFile.read(resolved) {
        case .success(let t): text = t
        case .failure(let problem):
            throw reader.error(Code.file, at: m.value("file"), m.path("file"), "cannot read the price series '\(resolved)': \(problem)")
        }
        let prices = try PriceSeriesCSV.parse(text, file: resolved, column: column)
        return .series(file: file, column: column, prices: prices)
    }

    static func resolve(_ file: String, against base: String?) -> String {
        guard !file.hasPrefix("/"), let base, !base.isEmpty else { return file }
        return base.hasSuffix("/") ? base + file : base + "/" + file
    }

    // MARK: Populations

    enum BehaviourKind: String, CaseIterable {
        case holder
        case arbitrageur
        case passiveLP = "passive_lp"
        case rangeLP = "range_lp"
        case noiseTrader = "noise_trader"
        case informedTrader = "informed_trader"
        case mercenaryFarmer = "mercenary_farmer"
        case longTermFarmer = "long_term_farmer"
    }

    static let populationFields = [
        "name", "count", "initial_balance", "behaviour", "patience", "lock_propensity", "lock_fraction", "sell_propensity",
        "sell_fraction", "initial_cash",
    ] + incentiveOptionFields + liquidityBehaviourFields.map(\.field)

    func populations(
        _ node: Node, _ path: String, token: TokenSpec, mechanisms: MechanismsSpec, pools: [PoolSpec]
    ) throws(ScenarioError) -> [PopulationSpec] {
        var out: [PopulationSpec] = []
        for (i, item) in try reader.sequence(node, path, of: "populations").enumerated() {
            let m = try reader.mapping(item, KeyPath.index(path, i), allowed: Self.populationFields)
            let name = try m.string("name")
            if out.contains(where: { $0.name == name }) {
                throw reader.error(Code.duplicate, at: m.value("name"), m.path("name"), "'\(name)' names two populations; names must be unique")
            }
            if token.allocations.contains(where: { $0.account == name }) {
                throw reader.error(
                    Code.duplicate, at: m.value("name"), m.path("name"),
                    "'\(name)' is already the name of a token allocation; population and account names must differ")
            }
            let count = try m.int("count", 1...Int.max, "an integer >= 1")
            let kind = try m.keyword("behaviour", BehaviourKind.self, what: "behaviour")
            try rejectForeignFields(m, kind: kind)
            var p: PopulationSpec
            switch kind {
            case .arbitrageur, .passiveLP, .rangeLP, .noiseTrader, .informedTrader:
                p = PopulationSpec(name: name, count: count, behaviour: try liquidityBehaviour(m, kind: kind, pools: pools))
            case .mercenaryFarmer, .longTermFarmer:
                p = PopulationSpec(name: name, count: count, behaviour: try farmerBehaviour(m, kind: kind, mechanisms: mechanisms))
            case .holder:
                var h = HolderSpec()
                if let n = m.value("patience") {
                    h.patience = try distribution(n, m.path("patience"), Domain(lower: 0, upper: 1, text: "values in [0, 1]"))
                }
                h.lockPropensity = try m.double("lock_propensity", default: h.lockPropensity, .probability)
                h.lockFraction = try m.double("lock_fraction", default: h.lockFraction, .fraction)
                h.sellPropensity = try m.double("sell_propensity", default: h.sellPropensity, .probability)
                h.sellFraction = try m.double("sell_fraction", default: h.sellFraction, .fraction)
                p = PopulationSpec(name: name, count: count, behaviour: .holder(h))
            }
            if let n = m.value("initial_balance") {
                p.initialBalance = try distribution(n, m.path("initial_balance"), Domain(lower: 0, text: "balances >= 0"))
            }
            p.incentives = try incentiveOptions(m, mechanisms)
            if let n = m.value("initial_cash") {
                p.initialCash = try distribution(n, m.path("initial_cash"), Domain(lower: 0, text: "USD amounts >= 0"))
            }
            out.append(p)
        }
        return out
    }

    enum DistributionKind: String, CaseIterable {
        case uniform, normal, lognormal, beta, exponential
    }

    /// A number (a constant) or `{kind: parameters}`, whose every draw must lie in `domain`.
    func distribution(_ node: Node, _ path: String, _ domain: Domain) throws(ScenarioError) -> Distribution {
        if case .scalar = node {
            return .constant(try reader.double(node, path, domain))
        }
        let names = DistributionKind.allCases.map(\.rawValue)
        let expected = "a number or a distribution {\(names.joined(separator: "|")): ...}"
        guard case .mapping = node else { throw reader.wrongType(node, path, expected: expected) }
        let m = try reader.mapping(node, path, allowed: nil)
        guard m.entries.count == 1, let e = m.entries.first else {
            throw reader.wrongType(node, path, expected: "\(expected) with exactly one key")
        }
        guard let kind = DistributionKind(rawValue: e.key) else {
            throw reader.unknownName(e.keyNode, path, e.key, what: "distribution", names: names)
        }
        let p = KeyPath.child(path, e.key)
        let d: Distribution
        switch kind {
        case .uniform:
            let (lo, hi) = try pair(e.value, p, "[low, high]", .finite, .finite)
            guard lo.value <= hi.value else {
                throw reader.error(
                    Code.outOfRange, at: hi.node, KeyPath.index(p, 1),
                    "high \(number(hi.value)) is below low \(number(lo.value)); expected low <= high")
            }
            d = .uniform(low: lo.value, high: hi.value)
        case .normal:
            let n = try reader.mapping(e.value, p, allowed: ["mean", "stdev", "min", "max"])
            let low = try n.optionalDouble("min", .finite) ?? -.infinity
            let high = try n.optionalDouble("max", .finite) ?? .infinity
            guard low <= high else {
                throw reader.error(
                    Code.outOfRange, at: n.value("max"), n.path("max"), "max \(number(high)) is below min \(number(low)); expected min <= max")
            }
            d = .normal(mean: try n.double("mean", .finite), stdev: try n.double("stdev", .nonNegative), low: low, high: high)
        case .lognormal:
            let n = try reader.mapping(e.value, p, allowed: ["mu", "sigma"])
            d = .lognormal(mu: try n.double("mu", .finite), sigma: try n.double("sigma", .nonNegative))
        case .beta:
            let (a, b) = try pair(e.value, p, "[alpha, beta]", .positive, .positive)
            d = .beta(alpha: a.value, beta: b.value)
        case .exponential:
            let n = try reader.mapping(e.value, p, allowed: ["mean"])
            d = .exponential(mean: try n.double("mean", .positive))
        }
        guard domain.admits(d.support) else {
            var hint = ""
            if case .normal = d { hint = "; set min and max to clip the draws" }
            throw reader.error(
                Code.outOfRange, at: node, path,
                "\(kind.rawValue) distribution draws values in [\(number(d.support.lowerBound)), \(number(d.support.upperBound))]; "
                    + "expected \(domain.text)\(hint)")
        }
        try ScenarioLimits.checkDraws(d, node, path, reader: reader)
        return d
    }

    /// A two-element list of numbers.
    private func pair(_ node: Node, _ path: String, _ shape: String, _ d0: Domain, _ d1: Domain) throws(ScenarioError)
        -> ((node: Node, value: Double), (node: Node, value: Double))
    {
        let items = try reader.sequence(node, path, of: "two numbers \(shape)")
        guard items.count == 2 else {
            throw reader.error(Code.wrongType, at: node, path, "expected two numbers \(shape), got a list of \(items.count)")
        }
        return (
            (items[0], try reader.double(items[0], KeyPath.index(path, 0), d0)),
            (items[1], try reader.double(items[1], KeyPath.index(path, 1), d1))
        )
    }

    // MARK: Events

    static let actions = ["price_shock", "asset_shock", "set", "unlock", "propose", "kill_gauge", "add_gauge"]

    func events(_ node: Node, _ path: String, scenario s: Scenario) throws(ScenarioError) -> [EventSpec] {
        var out: [EventSpec] = []
        var unlocked: [String: Double] = [:]
        for (i, item) in try reader.sequence(node, path, of: "events").enumerated() {
            let m = try reader.mapping(item, KeyPath.index(path, i), allowed: ["day"] + Self.actions)
            let day = try m.int("day", 1...s.horizonDays, "a day in 1...\(s.horizonDays) (horizon_days)")
            let present = m.entries.filter { Self.actions.contains($0.key) }
            guard let action = present.first else {
                throw reader.error(Code.missingField, at: item, KeyPath.index(path, i), "missing action; expected one of \(listing(Self.actions))")
            }
            if present.count > 1 {
                throw reader.error(
                    Code.conflict, at: present[1].keyNode, m.path(present[1].key),
                    "an event has exactly one action, and this one already has \(action.key); write one event per action")
            }
            let p = m.path(action.key)
            switch action.key {
            case "price_shock":
                let shock = Domain(lower: -1, lowerInclusive: false, text: "a relative change > -1 (-0.5 halves the price)")
                let change = try reader.double(action.value, p, shock)
                out.append(EventSpec(day: day, action: .priceShock(change: change)))
            case "asset_shock":
                out.append(try assetShock(action.value, p, s, day: day))
            case "set":
                out.append(EventSpec(day: day, action: try setAction(action.value, p, s)))
            case "propose":
                out.append(EventSpec(day: day, action: try proposeAction(action.keyNode, action.value, p, s)))
            case "kill_gauge", "add_gauge":
                out.append(EventSpec(day: day, action: .changeGauges(try gaugeListChange(action.key, action.keyNode, action.value, p, s))))
            default:
                let u = try reader.mapping(action.value, p, allowed: ["from", "to", "amount"])
                let from = try u.string("from")
                guard let allocation = s.token.allocations.first(where: { $0.account == from }) else {
                    throw reference(u.value("from"), u.path("from"), from, what: "token allocation", names: s.token.allocations.map(\.account))
                }
                let to = try u.string("to")
                guard s.populations.contains(where: { $0.name == to }) else {
                    throw reference(u.value("to"), u.path("to"), to, what: "population", names: s.populations.map(\.name))
                }
                let amount = try u.double("amount", .amount)
                let before = unlocked[from, default: 0]
                if before + amount > allocation.amount {
                    throw reader.error(
                        Code.conflict, at: u.value("amount"), u.path("amount"),
                        "\(number(amount)) is more than allocation '\(from)' has left (\(number(allocation.amount - before)) of "
                            + "\(number(allocation.amount)) after earlier unlocks); expected at most that")
                }
                unlocked[from] = before + amount
                out.append(EventSpec(day: day, action: .unlock(from: from, to: to, amount: amount)))
            }
        }
        return out
    }

    func reference(_ node: Node?, _ path: String, _ name: String, what: String, names: [String]) -> ScenarioError {
        let detail = names.isEmpty
            ? "no \(what) is named '\(name)'; the scenario declares none"
            : "no \(what) is named '\(name)'" + hint(name, names, "declared")
        return reader.error(Code.reference, at: node, path, detail)
    }

    func setAction(_ node: Node, _ path: String, _ s: Scenario) throws(ScenarioError) -> EventAction {
        let m = try reader.mapping(node, path, allowed: nil)
        guard m.entries.count == 1, let e = m.entries.first else {
            throw reader.wrongType(node, path, expected: "a mapping with exactly one `parameter: value` (write one event per parameter)")
        }
        let declared = SettableParameter.declared(by: sections)
        guard let declaration = declared.first(where: { $0.parameter.rawValue == e.key }) else {
            throw reader.unknownName(e.keyNode, path, e.key, what: "settable parameter", names: declared.map(\.parameter.rawValue))
        }
        let p = KeyPath.child(path, e.key)
        var missing: String?
        if declaration.needsPriceProcess, case .series = s.market.process {
            missing = "a gbm or jump_diffusion market process"
        } else if let owner = sections.first(where: { $0.settable.contains { $0.parameter == declaration.parameter } }), !s.mechanisms.has(owner.key) {
            missing = "mechanisms.\(owner.key)"
        }
        if let missing {
            throw reader.error(Code.reference, at: e.keyNode, p, "the scenario has no \(missing) for this event to change")
        }
        return .set(declaration.parameter, try reader.double(e.value, p, declaration.domain.domain))
    }

    // MARK: Metrics

    func metrics(_ node: Node, _ path: String, scenario s: Scenario) throws(ScenarioError) -> MetricsSpec {
        let m = try reader.mapping(node, path, allowed: ["names", "every"])
        var out = MetricsSpec()
        if let n = m.value("names") {
            let items = try reader.sequence(n, m.path("names"), of: "metric names")
            guard !items.isEmpty else {
                throw reader.error(
                    Code.outOfRange, at: n, m.path("names"), "the list is empty; name at least one metric, or omit `names` to record all")
            }
            var names: [String] = []
            for (i, item) in items.enumerated() {
                let metric = try metricName(item, KeyPath.index(m.path("names"), i), s)
                if names.contains(metric) {
                    throw reader.error(Code.duplicate, at: item, KeyPath.index(m.path("names"), i), "metric '\(metric)' is listed twice")
                }
                names.append(metric)
            }
            out.names = names
        }
        out.every = try m.int("every", default: out.every, 1...Int.max, "an integer >= 1 (days between records)")
        return out
    }
}

extension ScenarioError {
    /// A number as error messages write it (see `number(_:)`), so a module's messages read
    /// like the built-in ones.
    public static func number(_ v: Double) -> String { HomeostatScenario.number(v) }
}

/// A number as written in messages: integers without a fraction, others in Swift's
/// shortest round-trip form, infinities as `-inf`/`inf`.
func number(_ v: Double) -> String {
    if v == .infinity { return "inf" }
    if v == -.infinity { return "-inf" }
    if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
    return "\(v)"
}

/// Reading a UTF-8 text file, with the reason when it cannot be read.
enum TextFile {
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    static func read(_ path: String) -> Result<String, Problem> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(Problem(description: "no such file"))
        }
        if isDirectory.boolValue { return .failure(Problem(description: "it is a directory, not a file")) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(Problem(description: "the file cannot be read (check its permissions)"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(Problem(description: "the file is not UTF-8 text"))
        }
        return .success(text)
    }
}
