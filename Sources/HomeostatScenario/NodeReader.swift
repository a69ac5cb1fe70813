internal import Yams

/// The set of values a numeric field accepts, with the wording used in error messages.
struct Domain {
    var lower: Double?
    var lowerInclusive = true
    var upper: Double?
    var upperInclusive = true
    /// What is accepted, as a message fragment: "a probability in [0, 1]".
    var text: String

    static let finite = Domain(text: "a finite number")
    static let amount = Domain(lower: 0, text: "an amount >= 0")
    static let nonNegative = Domain(lower: 0, text: "a number >= 0")
    static let positive = Domain(lower: 0, lowerInclusive: false, text: "a number > 0")
    static let probability = Domain(lower: 0, upper: 1, text: "a probability in [0, 1]")
    static let fraction = Domain(lower: 0, upper: 1, text: "a fraction in [0, 1]")

    func contains(_ v: Double) -> Bool {
        if let lower, lowerInclusive ? v < lower : v <= lower { return false }
        if let upper, upperInclusive ? v > upper : v >= upper { return false }
        return true
    }

    /// Whether every value of `support` lies in the domain. An open end of the domain
    /// admits an infinite end of the support (draws themselves are finite).
    func admits(_ support: ClosedRange<Double>) -> Bool {
        if let lower, lowerInclusive ? support.lowerBound < lower : support.lowerBound <= lower { return false }
        if let upper, upperInclusive ? support.upperBound > upper : support.upperBound >= upper { return false }
        return true
    }
}

/// Key paths as written in error messages: `populations[1].patience`,
/// `events[0].set["mechanisms.fee_sharing.fee_rate"]`.
enum KeyPath {
    static func child(_ path: String, _ key: String) -> String {
        let plain = !key.isEmpty && key.unicodeScalars.allSatisfy {
            ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "_" || $0 == "-"
        }
        if !plain { return path + "[\"" + key + "\"]" }
        return path.isEmpty ? key : path + "." + key
    }

    static func index(_ path: String, _ i: Int) -> String { path + "[\(i)]" }
}

/// Suggests the closest of `candidates` to `word`, when it is close enough to be a typo
/// (an edit distance of at most a third of its length) or one is a prefix of the other
/// (`horizon` for `horizon_days`).
func suggestion(for word: String, in candidates: [String]) -> String? {
    let w = Array(word.lowercased().unicodeScalars)
    var best: (name: String, distance: Int)?
    for c in candidates {
        let d = editDistance(w, Array(c.lowercased().unicodeScalars))
        if d < (best?.distance ?? Int.max) { best = (c, d) }
    }
    if let best, best.distance <= max(1, w.count / 3) { return best.name }
    let lower = word.lowercased()
    guard lower.count >= 3 else { return nil }
    return candidates.first { $0.lowercased().hasPrefix(lower) || (lower.hasPrefix($0.lowercased()) && $0.count >= 3) }
}

/// "; did you mean 'x'? Accepted fields here: a, b" or "; accepted fields here: a, b".
func hint(_ word: String, _ names: [String], _ intro: String) -> String {
    let list = names.isEmpty ? "none" : names.joined(separator: ", ")
    guard let s = suggestion(for: word, in: names) else { return "; \(intro): \(list)" }
    return "; did you mean '\(s)'? \(intro.prefix(1).uppercased() + intro.dropFirst()): \(list)"
}

/// Levenshtein distance (insertions, deletions, substitutions; a transposition counts 2).
private func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// Renders a list of accepted names: "a, b or c".
func listing(_ names: [String]) -> String {
    guard names.count > 1 else { return names.first ?? "" }
    return names.dropLast().joined(separator: ", ") + " or " + names[names.count - 1]
}

/// Converts Yams nodes into typed values, throwing located ``ScenarioError``s.
struct NodeReader {
    /// The file name errors report.
    let file: String

    // MARK: Errors

    func error(_ code: String, at node: Node?, _ path: String, _ detail: String) -> ScenarioError {
        let mark = node?.mark
        return ScenarioError(
            code: code, file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, path: path,
            message: path.isEmpty ? detail : "\(path): \(detail)")
    }

    /// How a node looks, for "expected X, got Y".
    func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let s):
            switch node.tag.rawValue {
            case Tag.Name.null.rawValue: return s.string.isEmpty ? "nothing (an empty value)" : "null"
            case Tag.Name.bool.rawValue: return "the boolean \(s.string)"
            case Tag.Name.int.rawValue, Tag.Name.float.rawValue:
                return s.style == .plain || s.style == .any ? "the number \(s.string)" : "the string \"\(s.string)\""
            default: return "the string \"\(s.string)\""
            }
        }
    }

    func wrongType(_ node: Node, _ path: String, expected: String) -> ScenarioError {
        var detail = "expected \(expected), got \(describe(node))"
        if case .scalar(let s) = node, s.style != .plain, s.style != .any, expected.contains("number") {
            detail += "; write numbers without quotes"
        }
        return error(ScenarioError.Code.wrongType, at: node, path, detail)
    }

    // MARK: Containers

    func mapping(_ node: Node, _ path: String, allowed: [String]?) throws(ScenarioError) -> MappingReader {
        guard case .mapping(let m) = node else { throw wrongType(node, path, expected: "a mapping of fields") }
        var entries: [MappingReader.Entry] = []
        for (k, v) in m {
            guard case .scalar(let ks) = k, k.tag.rawValue != Tag.Name.null.rawValue || !ks.string.isEmpty else {
                throw wrongType(k, path, expected: "a field name")
            }
            let key = ks.string
            if let allowed, !allowed.contains(key) {
                let detail = "unknown field" + hint(key, allowed, "accepted fields here")
                throw error(ScenarioError.Code.unknownField, at: k, KeyPath.child(path, key), detail)
            }
            entries.append(.init(key: key, keyNode: k, value: v))
        }
        return MappingReader(reader: self, node: node, path: path, entries: entries)
    }

    func sequence(_ node: Node, _ path: String, of what: String) throws(ScenarioError) -> [Node] {
        guard case .sequence(let s) = node else { throw wrongType(node, path, expected: "a list of \(what)") }
        return Array(s)
    }

    // MARK: Scalars

    private static func isPlain(_ s: Node.Scalar) -> Bool { s.style == .plain || s.style == .any }

    /// Decimal digits with optional sign and `_` separators (YAML 1.2 / JSON integers).
    private static func decimalDigits(_ text: String) -> String? {
        var t = Substring(text)
        var sign = ""
        if let f = t.first, f == "-" || f == "+" { sign = f == "-" ? "-" : ""; t = t.dropFirst() }
        guard let first = t.first, first.isASCII, first.isNumber else { return nil }
        guard t.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "_" }) else { return nil }
        return sign + t.filter { $0 != "_" }
    }

    private func nonFinite(_ node: Node, _ path: String, _ text: String, expected: String) -> ScenarioError {
        error(ScenarioError.Code.notFinite, at: node, path, "\(text) is not a finite number; expected \(expected)")
    }

    /// A finite number (integer or decimal literal) in `domain`.
    func double(_ node: Node, _ path: String, _ domain: Domain) throws(ScenarioError) -> Double {
        guard case .scalar(let s) = node, Self.isPlain(s) else { throw wrongType(node, path, expected: domain.text) }
        let text = s.string
        let value: Double
        switch node.tag.rawValue {
        case Tag.Name.int.rawValue:
            guard let digits = Self.decimalDigits(text), let v = Double(digits) else {
                throw wrongType(node, path, expected: "\(domain.text), written in decimal")
            }
            value = v
        case Tag.Name.float.rawValue:
            let lower = text.lowercased()
            if lower.hasSuffix(".nan") || lower.hasSuffix(".inf") {
                throw nonFinite(node, path, text, expected: domain.text)
            }
            guard !text.contains(":"), let v = Double(text.filter { $0 != "_" }) else {
                throw wrongType(node, path, expected: "\(domain.text), written in decimal")
            }
            value = v
        default:
            throw wrongType(node, path, expected: domain.text)
        }
        guard value.isFinite else { throw nonFinite(node, path, text, expected: domain.text) }
        guard domain.contains(value) else {
            throw error(ScenarioError.Code.outOfRange, at: node, path, "\(text) is out of range; expected \(domain.text)")
        }
        try ScenarioLimits.checkMagnitude(value, text, node, path, reader: self)
        return value
    }

    /// An integer in `range`. An integral decimal literal such as `1e4` is accepted.
    func int(_ node: Node, _ path: String, _ range: ClosedRange<Int>, _ text: String) throws(ScenarioError) -> Int {
        guard case .scalar(let s) = node, Self.isPlain(s) else { throw wrongType(node, path, expected: text) }
        let raw = s.string
        let outOfRange = error(ScenarioError.Code.outOfRange, at: node, path, "\(raw) is out of range; expected \(text)")
        let value: Int
        switch node.tag.rawValue {
        case Tag.Name.int.rawValue:
            guard let digits = Self.decimalDigits(raw) else { throw wrongType(node, path, expected: "\(text), written in decimal") }
            guard let v = Int(digits) else { throw outOfRange }
            value = v
        case Tag.Name.float.rawValue:
            let d = try double(node, path, .finite)
            guard d == d.rounded() else { throw wrongType(node, path, expected: text) }
            guard abs(d) <= 9_007_199_254_740_992 else { throw outOfRange }
            value = Int(d)
        default:
            throw wrongType(node, path, expected: text)
        }
        guard range.contains(value) else { throw outOfRange }
        return value
    }

    /// An unsigned 64-bit integer (a seed), written in decimal.
    func uint64(_ node: Node, _ path: String) throws(ScenarioError) -> UInt64 {
        let text = "an integer in 0...\(UInt64.max)"
        guard case .scalar(let s) = node, Self.isPlain(s), node.tag.rawValue == Tag.Name.int.rawValue else {
            if case .scalar(let s) = node, Self.isPlain(s), node.tag.rawValue == Tag.Name.float.rawValue {
                let d = try double(node, path, .finite)
                if d == d.rounded(), d >= 0, d <= 9_007_199_254_740_992 { return UInt64(d) }
                if d == d.rounded() {
                    throw error(ScenarioError.Code.outOfRange, at: node, path, "\(s.string) is out of range; expected \(text)")
                }
            }
            throw wrongType(node, path, expected: text)
        }
        guard let digits = Self.decimalDigits(s.string) else { throw wrongType(node, path, expected: "\(text), written in decimal") }
        guard let v = UInt64(digits.hasPrefix("-") ? "x" : digits) else {
            throw error(ScenarioError.Code.outOfRange, at: node, path, "\(s.string) is out of range; expected \(text)")
        }
        return v
    }

    /// Any non-null scalar, as written (so `symbol: NO` is the string "NO").
    func string(_ node: Node, _ path: String, nonEmpty: Bool = false) throws(ScenarioError) -> String {
        guard case .scalar(let s) = node,
              node.tag.rawValue != Tag.Name.null.rawValue || !Self.isPlain(s)
        else { throw wrongType(node, path, expected: nonEmpty ? "a non-empty string" : "a string") }
        if nonEmpty && s.string.trimmingWhitespace.isEmpty {
            throw error(ScenarioError.Code.outOfRange, at: node, path, "the empty string is not accepted; expected a non-empty string")
        }
        return s.string
    }

    /// `true` or `false` (YAML 1.1's yes/no/on/off too).
    func bool(_ node: Node, _ path: String) throws(ScenarioError) -> Bool {
        guard case .scalar(let s) = node, Self.isPlain(s), node.tag.rawValue == Tag.Name.bool.rawValue else {
            throw wrongType(node, path, expected: "true or false")
        }
        return ["true", "yes", "on"].contains(s.string.lowercased())
    }

    /// One of a fixed list of names.
    func keyword<K: RawRepresentable & CaseIterable>(_ node: Node, _ path: String, _: K.Type, what: String) throws(ScenarioError) -> K
    where K.RawValue == String {
        let names = K.allCases.map(\.rawValue)
        guard case .scalar = node else { throw wrongType(node, path, expected: "\(what): \(listing(names))") }
        let text = try string(node, path)
        if let k = K(rawValue: text) { return k }
        throw unknownName(node, path, text, what: what, names: names)
    }

    func unknownName(_ node: Node, _ path: String, _ text: String, what: String, names: [String]) -> ScenarioError {
        let detail = "unknown \(what) '\(text)'" + hint(text, names, "expected one of")
        return error(ScenarioError.Code.unknownName, at: node, path, detail)
    }
}

/// The fields of one mapping, already checked against the accepted field names.
struct MappingReader {
    struct Entry {
        let key: String
        let keyNode: Node
        let value: Node
    }

    let reader: NodeReader
    let node: Node
    let path: String
    let entries: [Entry]

    func value(_ key: String) -> Node? { entries.first { $0.key == key }?.value }
    func keyNode(_ key: String) -> Node? { entries.first { $0.key == key }?.keyNode }
    func has(_ key: String) -> Bool { value(key) != nil }
    func path(_ key: String) -> String { KeyPath.child(path, key) }

    /// The value of a required field; a missing one is reported at the mapping.
    func required(_ key: String, expected: String) throws(ScenarioError) -> Node {
        if let v = value(key) { return v }
        throw reader.error(ScenarioError.Code.missingField, at: node, path(key), "missing required field; expected \(expected)")
    }

    /// Rejects `key` when present: it does not apply to the variant chosen by `reason`.
    func reject(_ key: String, because reason: String) throws(ScenarioError) {
        if let k = keyNode(key) {
            throw reader.error(ScenarioError.Code.unknownField, at: k, path(key), "does not apply here: \(reason)")
        }
    }

    func double(_ key: String, default d: Double, _ domain: Domain) throws(ScenarioError) -> Double {
        guard let v = value(key) else { return d }
        return try reader.double(v, path(key), domain)
    }

    func double(_ key: String, _ domain: Domain) throws(ScenarioError) -> Double {
        try reader.double(required(key, expected: domain.text), path(key), domain)
    }

    func optionalDouble(_ key: String, _ domain: Domain) throws(ScenarioError) -> Double? {
        guard let v = value(key) else { return nil }
        return try reader.double(v, path(key), domain)
    }

    func int(_ key: String, default d: Int, _ range: ClosedRange<Int>, _ text: String) throws(ScenarioError) -> Int {
        guard let v = value(key) else { return d }
        return try reader.int(v, path(key), range, text)
    }

    func int(_ key: String, _ range: ClosedRange<Int>, _ text: String) throws(ScenarioError) -> Int {
        try reader.int(required(key, expected: text), path(key), range, text)
    }

    func string(_ key: String, default d: String, nonEmpty: Bool = false) throws(ScenarioError) -> String {
        guard let v = value(key) else { return d }
        return try reader.string(v, path(key), nonEmpty: nonEmpty)
    }

    func string(_ key: String, nonEmpty: Bool = true) throws(ScenarioError) -> String {
        try reader.string(required(key, expected: "a non-empty string"), path(key), nonEmpty: nonEmpty)
    }

    func bool(_ key: String, default d: Bool) throws(ScenarioError) -> Bool {
        guard let v = value(key) else { return d }
        return try reader.bool(v, path(key))
    }

    func keyword<K: RawRepresentable & CaseIterable>(_ key: String, default d: K, what: String) throws(ScenarioError) -> K
    where K.RawValue == String {
        guard let v = value(key) else { return d }
        return try reader.keyword(v, path(key), K.self, what: what)
    }

    func keyword<K: RawRepresentable & CaseIterable>(_ key: String, _: K.Type, what: String) throws(ScenarioError) -> K
    where K.RawValue == String {
        let v = try required(key, expected: "\(what): \(listing(K.allCases.map(\.rawValue)))")
        return try reader.keyword(v, path(key), K.self, what: what)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    var trimmingWhitespace: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0.isNewline }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = lastIndex(where: { !isSpace($0) })!
        return self[start...end]
    }
}
