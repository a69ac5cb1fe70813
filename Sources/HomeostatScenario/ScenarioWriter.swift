internal import HomeostatCore

/// Writes a ``Scenario`` in the canonical scenario-file form, as YAML or as JSON.
///
/// The canonical form spells out every field, defaults included, in the order of
/// `docs/scenario.md`. The only fields left out are those whose value cannot be written as
/// a finite number or whose absence is the value: `token.supply` when `nil`,
/// `metrics.names` when `nil` (record all), an absent mechanism, and a normal
/// distribution's infinite `min`/`max`. Numbers are written in Swift's shortest
/// round-trip form, so each parses back to the same `Double` bits; strings are
/// double-quoted with JSON escapes, which YAML reads the same way.
///
/// For any scenario the loader accepts, loading the output gives an equal scenario:
/// `ScenarioLoader.parse(ScenarioWriter.yaml(s), ...) == s`, and the same for ``json(_:)``
/// (a price series is written as its `file` and `column`, so the CSV must be found again
/// relative to the base directory given to the loader).
public enum ScenarioWriter {
    /// The scenario as a YAML document in block style, short leaves in flow style.
    ///
    /// - Parameter s: The scenario.
    /// - Returns: YAML text ending with a newline.
    public static func yaml(_ s: Scenario) -> String {
        var lines: [String] = []
        OutValue.map(tree(s)).yamlBlock(into: &lines, indent: 0, depth: 0)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The scenario as a JSON object, indented by two spaces, short leaves on one line.
    ///
    /// - Parameter s: The scenario.
    /// - Returns: JSON text ending with a newline.
    public static func json(_ s: Scenario) -> String {
        OutValue.map(tree(s)).json(indent: 0, depth: 0) + "\n"
    }

    // MARK: The canonical tree

    static func tree(_ s: Scenario) -> [(String, OutValue)] {
        var out: [(String, OutValue)] = [
            ("name", .string(s.name)),
            ("description", .string(s.description)),
            ("seed", .number(String(s.seed))),
            ("runs", .int(s.runs)),
            ("horizon_days", .int(s.horizonDays)),
            ("token", .map(token(s.token))),
            ("market", .map(market(s.market))),
            ("mechanisms", .map(mechanisms(s.mechanisms))),
            ("populations", .list(s.populations.map { .map(population($0) + incentiveOptions($0.incentives, s)) })),
            ("events", .list(s.events.map { .map(event($0, s)) })),
            ("metrics", .map(metrics(s.metrics))),
        ] + bribes(s)
        // Written only when present, so scenarios without pools keep their canonical text.
        if !s.pools.isEmpty { out.insert(("pools", .list(s.pools.map { .map(pool($0)) })), at: 8) }
        if !s.assets.isEmpty { out.insert(("assets", .list(s.assets.map { .map(asset($0)) })), at: 8) }
        return out
    }

    static func token(_ t: TokenSpec) -> [(String, OutValue)] {
        var out: [(String, OutValue)] = [("symbol", .string(t.symbol))]
        if let supply = t.supply { out.append(("supply", .double(supply))) }
        out.append(("allocations", .map(t.allocations.map { ($0.account, .double($0.amount)) })))
        return out
    }

    /// `process` and its fields, for `market:` and `assets:`.
    static func process(_ p: ProcessSpec) -> [(String, OutValue)] {
        switch p {
        case .gbm(let drift, let volatility):
            return [("process", .keyword("gbm")), ("drift", .double(drift)), ("volatility", .double(volatility))]
        case .jumpDiffusion(let drift, let volatility, let intensity, let mean, let stdev):
            return [
                ("process", .keyword("jump_diffusion")), ("drift", .double(drift)), ("volatility", .double(volatility)),
                ("jumps", .map([("intensity", .double(intensity)), ("mean", .double(mean)), ("stdev", .double(stdev))])),
            ]
        case .series(let file, let column, _):
            return [("process", .keyword("series")), ("series", .map([("file", .string(file)), ("column", .string(column))]))]
        }
    }

    static func market(_ m: MarketSpec) -> [(String, OutValue)] {
        var out: [(String, OutValue)] = [("price", .double(m.price))]
        out += process(m.process)
        out += [
            ("impact", .map([
                ("model", .keyword(m.impact.model.rawValue)), ("coefficient", .double(m.impact.coefficient)),
                ("floor", .double(m.impact.floor)),
            ])),
            ("volume_usd", .double(m.volumeUSD)),
            ("volume_elasticity", .double(m.volumeElasticity)),
        ]
        return out
    }

    /// Every section that can be written, in canonical order: the writer knows no section by
    /// name, each writes its own fields (``ScenarioSection/canonicalFields()``).
    static func mechanisms(_ m: MechanismsSpec) -> [(String, OutValue)] {
        m.sections.canonical.compactMap { entry in entry.section.canonicalFields().map { (entry.key, OutValue($0)) } }
    }

    static func population(_ p: PopulationSpec) -> [(String, OutValue)] {
        var out: [(String, OutValue)] = [
            ("name", .string(p.name)), ("count", .int(p.count)), ("initial_balance", distribution(p.initialBalance)),
        ]
        if p.initialCash != .constant(0) { out.append(("initial_cash", distribution(p.initialCash))) }
        switch p.behaviour {
        case .arbitrageur, .passiveLP, .rangeLP, .noiseTrader, .informedTrader, .mercenaryFarmer, .longTermFarmer:
            out += liquidityBehaviour(p.behaviour)
        case .holder(let h):
            out += [
                ("behaviour", .keyword("holder")),
                ("patience", distribution(h.patience)),
                ("lock_propensity", .double(h.lockPropensity)),
                ("lock_fraction", .double(h.lockFraction)),
                ("sell_propensity", .double(h.sellPropensity)),
                ("sell_fraction", .double(h.sellFraction)),
            ]
        }
        return out
    }

    static func distribution(_ d: Distribution) -> OutValue {
        switch d {
        case .constant(let v): return .double(v)
        case .uniform(let lo, let hi): return .map([("uniform", .list([.double(lo), .double(hi)]))])
        case .normal(let mean, let stdev, let lo, let hi):
            var fields: [(String, OutValue)] = [("mean", .double(mean)), ("stdev", .double(stdev))]
            if lo.isFinite { fields.append(("min", .double(lo))) }
            if hi.isFinite { fields.append(("max", .double(hi))) }
            return .map([("normal", .map(fields))])
        case .lognormal(let mu, let sigma): return .map([("lognormal", .map([("mu", .double(mu)), ("sigma", .double(sigma))]))])
        case .beta(let a, let b): return .map([("beta", .list([.double(a), .double(b)]))])
        case .exponential(let mean): return .map([("exponential", .map([("mean", .double(mean))]))])
        }
    }

    static func event(_ e: EventSpec, _ s: Scenario) -> [(String, OutValue)] {
        let action: (String, OutValue)
        switch e.action {
        case .priceShock(let change): action = ("price_shock", .double(change))
        case .assetShock(let asset, let change): action = ("asset_shock", .map([("asset", .string(asset)), ("change", .double(change))]))
        case .set(let parameter, let value): action = ("set", .map([(parameter.rawValue, .double(value))]))
        case .unlock(let from, let to, let amount):
            action = ("unlock", .map([("from", .string(from)), ("to", .string(to)), ("amount", .double(amount))]))
        case .propose(let parameter, let value):
            action = ("propose", .map([("set", .map([(parameter.rawValue, .double(value))]))]))
        case .changeGauges(let change): action = gaugeListChange(change, s)
        case .proposeGaugeChange(let change): action = ("propose", .map([gaugeListChange(change, s)]))
        }
        return [("day", .int(e.day)), action]
    }

    static func metrics(_ m: MetricsSpec) -> [(String, OutValue)] {
        var out: [(String, OutValue)] = []
        if let names = m.names { out.append(("names", .list(names.map { $0.contains(":") ? .string($0) : .keyword($0) }))) }
        out.append(("every", .int(m.every)))
        return out
    }
}

/// A value of the canonical tree, rendered as YAML or JSON.
indirect enum OutValue {
    case map([(String, OutValue)])
    case list([OutValue])
    /// Free text: always quoted.
    case string(String)
    /// A name from a fixed list: plain in YAML, quoted in JSON.
    case keyword(String)
    /// A number's literal text.
    case number(String)
    case bool(Bool)

    static func double(_ v: Double) -> OutValue { .number("\(v)") }

    /// A section's value in the same tree.
    init(_ v: SectionValue) {
        switch v {
        case .map(let fields): self = .map(fields.map { ($0.0, OutValue($0.1)) })
        case .list(let items): self = .list(items.map(OutValue.init))
        case .string(let s): self = .string(s)
        case .keyword(let k): self = .keyword(k)
        case .int(let i): self = .int(i)
        case .double(let d): self = .double(d)
        case .bool(let b): self = .bool(b)
        }
    }
    static func int(_ v: Int) -> OutValue { .number(String(v)) }

    /// Containers whose one-line form fits this width, below the top level, go on one line.
    static let inlineWidth = 72

    // MARK: JSON

    func json(indent: Int, depth: Int) -> String {
        switch self {
        case .string(let s), .keyword(let s): return Self.quoted(s)
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .map(let fields):
            if fields.isEmpty { return "{}" }
            if depth >= 2, let flat = jsonInline(), flat.count <= Self.inlineWidth { return flat }
            let pad = String(repeating: " ", count: indent + 2)
            let body = fields.map { pad + Self.quoted($0.0) + ": " + $0.1.json(indent: indent + 2, depth: depth + 1) }
            return "{\n" + body.joined(separator: ",\n") + "\n" + String(repeating: " ", count: indent) + "}"
        case .list(let items):
            if items.isEmpty { return "[]" }
            if let flat = jsonInline(), flat.count <= Self.inlineWidth, depth >= 1 { return flat }
            let pad = String(repeating: " ", count: indent + 2)
            let body = items.map { pad + $0.json(indent: indent + 2, depth: depth + 1) }
            return "[\n" + body.joined(separator: ",\n") + "\n" + String(repeating: " ", count: indent) + "]"
        }
    }

    private func jsonInline() -> String? {
        switch self {
        case .map(let fields):
            return "{" + fields.map { Self.quoted($0.0) + ": " + ($0.1.jsonInline() ?? "") }.joined(separator: ", ") + "}"
        case .list(let items):
            return "[" + items.map { $0.jsonInline() ?? "" }.joined(separator: ", ") + "]"
        default:
            return json(indent: 0, depth: 0)
        }
    }

    // MARK: YAML

    /// Appends the lines of a block mapping (`self` must be `.map`).
    func yamlBlock(into lines: inout [String], indent: Int, depth: Int) {
        guard case .map(let fields) = self else { return }
        let pad = String(repeating: " ", count: indent)
        for (key, value) in fields {
            let head = pad + Self.yamlKey(key) + ":"
            if let flat = value.yamlInline(depth: depth + 1) {
                lines.append(head + " " + flat)
                continue
            }
            lines.append(head)
            switch value {
            case .map:
                value.yamlBlock(into: &lines, indent: indent + 2, depth: depth + 1)
            case .list(let items):
                for item in items {
                    if let flat = item.yamlInline(depth: depth + 2) {
                        lines.append(pad + "  - " + flat)
                    } else if case .list = item {
                        lines.append(pad + "  - " + item.yamlFlow())
                    } else {
                        var itemLines: [String] = []
                        item.yamlBlock(into: &itemLines, indent: indent + 4, depth: depth + 2)
                        if let first = itemLines.first {
                            itemLines[0] = pad + "  - " + first.dropFirst(indent + 4)
                        }
                        lines += itemLines
                    }
                }
            default:
                break
            }
        }
    }

    /// The one-line form, when this value is a scalar, an empty container, or a container
    /// below the top level (depth >= 2) that fits ``inlineWidth``.
    private func yamlInline(depth: Int) -> String? {
        switch self {
        case .string(let s): return Self.quoted(s)
        case .keyword(let k): return k
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .map(let fields):
            if fields.isEmpty { return "{}" }
            guard depth >= 2 else { return nil }
            let flat = "{" + fields.map { Self.yamlKey($0.0) + ": " + $0.1.yamlFlow() }.joined(separator: ", ") + "}"
            return flat.count <= Self.inlineWidth ? flat : nil
        case .list(let items):
            if items.isEmpty { return "[]" }
            guard depth >= 2, items.allSatisfy({ if case .map = $0 { false } else { true } }) else { return nil }
            let flat = "[" + items.map { $0.yamlFlow() }.joined(separator: ", ") + "]"
            return flat.count <= Self.inlineWidth ? flat : nil
        }
    }

    /// The flow form whatever the width.
    private func yamlFlow() -> String {
        switch self {
        case .map(let fields): return "{" + fields.map { Self.yamlKey($0.0) + ": " + $0.1.yamlFlow() }.joined(separator: ", ") + "}"
        case .list(let items): return "[" + items.map { $0.yamlFlow() }.joined(separator: ", ") + "]"
        default: return yamlInline(depth: 0) ?? ""
        }
    }

    /// A key: plain when it is a snake_case identifier, else quoted.
    static func yamlKey(_ key: String) -> String {
        let plain = key.unicodeScalars.first.map { ("a"..."z").contains($0) || $0 == "_" } == true
            && key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
            && !["y", "n", "yes", "no", "on", "off", "true", "false", "null"].contains(key)
        return plain ? key : quoted(key)
    }

    /// A double-quoted string with JSON escapes; characters YAML would not read back raw
    /// (controls, DEL, C1 controls, line and paragraph separators, BOM) as `\uXXXX`.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                let v = u.value
                if v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029 || v == 0xFEFF {
                    let hex = String(v, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
