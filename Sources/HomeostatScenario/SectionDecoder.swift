internal import Yams

/// How a module reads its own section of a scenario (`mechanisms.KEY`): the scenario
/// decoder hands the section to ``decode`` through a ``SectionReader``, which reports every
/// problem as a located ``ScenarioError``, and stores the result in ``Scenario/sections``.
/// Once the whole scenario is decoded, ``validate`` checks the rules that tie the section to
/// the rest of the file (another section it needs, a pool it names). Pass the decoders to
/// ``ScenarioLoader/load(path:sections:)``; the engine's `ScenarioFiles` passes every
/// registered module's.
public struct SectionDecoder: Sendable {
    /// The section's key under `mechanisms:`.
    public let key: String
    /// The metric names the module records, which `metrics.names` may then list.
    public let metrics: [String]
    /// The fields the section accepts, checked before ``decode`` runs; nil: any.
    public let fields: [String]?
    /// The section's parameters that scripted events and proposals may change mid-run (its
    /// module applies them); an event naming one needs the section.
    public let settable: [SettableParameter.Declaration]
    /// Reads the section.
    public let decode: @Sendable (SectionReader) throws(ScenarioError) -> any ScenarioSection
    /// Checks the decoded section against the whole decoded scenario, throwing errors located
    /// at the section's nodes; nil: no cross-section rules. Runs after every section,
    /// population, event and metric is decoded, in the order the decoders are given.
    public let validate: (@Sendable (SectionReader, Scenario) throws(ScenarioError) -> Void)?

    /// A decoder of `mechanisms.KEY`.
    public init(key: String, metrics: [String] = [], decode: @escaping @Sendable (SectionReader) throws(ScenarioError) -> any ScenarioSection) {
        self.key = key
        self.fields = nil
        self.settable = []
        self.metrics = metrics
        self.decode = decode
        self.validate = nil
    }

    /// A decoder of `mechanisms.KEY` that accepts only `fields` (nil: any; an unknown one is
    /// an `SCN001` error naming the accepted ones), whose `settable` parameters events may
    /// change, with cross-section rules (`validate`).
    public init(
        key: String, fields: [String]?, settable: [SettableParameter.Declaration] = [], metrics: [String] = [],
        decode: @escaping @Sendable (SectionReader) throws(ScenarioError) -> any ScenarioSection,
        validate: (@Sendable (SectionReader, Scenario) throws(ScenarioError) -> Void)? = nil
    ) {
        self.key = key
        self.fields = fields
        self.settable = settable
        self.metrics = metrics
        self.decode = decode
        self.validate = validate
    }
}

/// The set of values a number field accepts, with the words error messages use for it
/// ("a fraction in [0, 1]"), so a module's errors read like the built-in ones.
public struct ValueDomain: Sendable {
    let domain: Domain

    /// Values between `lower` and `upper` (each end open or closed; nil: unbounded),
    /// described as `text` in messages.
    public init(lower: Double? = nil, lowerInclusive: Bool = true, upper: Double? = nil, upperInclusive: Bool = true, text: String) {
        domain = Domain(lower: lower, lowerInclusive: lowerInclusive, upper: upper, upperInclusive: upperInclusive, text: text)
    }

    init(_ domain: Domain) { self.domain = domain }

    /// The smallest value accepted, or nil when unbounded below.
    public var lowerBound: Double? { domain.lower }
    /// The largest value accepted, or nil when unbounded above.
    public var upperBound: Double? { domain.upper }

    /// Any finite number.
    public static let finite = ValueDomain(.finite)
    /// An amount >= 0.
    public static let amount = ValueDomain(.amount)
    /// A number >= 0.
    public static let nonNegative = ValueDomain(.nonNegative)
    /// A number > 0.
    public static let positive = ValueDomain(.positive)
    /// A probability in [0, 1].
    public static let probability = ValueDomain(.probability)
    /// A fraction in [0, 1].
    public static let fraction = ValueDomain(.fraction)
}

/// A module's section as a mapping of fields, read with the same rules and located errors
/// as every built-in section (unknown fields, wrong types, non-finite numbers, ranges).
public struct SectionReader {
    let mapping: MappingReader
    /// The node of the section's own key under `mechanisms:`, where errors about the section
    /// as a whole ("needs mechanisms.vote_escrow") are placed; nil for nested mappings.
    var keyNode: Node? = nil
    /// The sections decoded before this one, in decoder order (the one before may be needed
    /// to decide a field: `revenue_split.stakers` needs `staking`).
    public internal(set) var decoded = ScenarioSections()

    /// The section's key path (`mechanisms.KEY`).
    public var path: String { mapping.path }

    /// A number field in `[min, max]`, or `default` when absent.
    public func double(_ key: String, default value: Double, min: Double = -.greatestFiniteMagnitude, max: Double = .greatestFiniteMagnitude)
        throws(ScenarioError) -> Double
    {
        try mapping.double(key, default: value, Self.domain(min, max))
    }

    /// A required number field in `[min, max]`.
    public func double(_ key: String, min: Double = -.greatestFiniteMagnitude, max: Double = .greatestFiniteMagnitude) throws(ScenarioError) -> Double {
        try mapping.double(key, Self.domain(min, max))
    }

    /// An integer field in `range`, or `default` when absent.
    public func int(_ key: String, default value: Int, _ range: ClosedRange<Int>) throws(ScenarioError) -> Int {
        try mapping.int(key, default: value, range, "an integer in \(range.lowerBound)...\(range.upperBound)")
    }

    /// A boolean field, or `default` when absent.
    public func bool(_ key: String, default value: Bool) throws(ScenarioError) -> Bool {
        try mapping.bool(key, default: value)
    }

    /// A text field, or `default` when absent.
    public func string(_ key: String, default value: String) throws(ScenarioError) -> String {
        try mapping.string(key, default: value)
    }

    static func domain(_ min: Double, _ max: Double) -> Domain {
        let lower: Double? = min == -.greatestFiniteMagnitude ? nil : min
        let upper: Double? = max == .greatestFiniteMagnitude ? nil : max
        let text = switch (lower, upper) {
        case (nil, nil): "a finite number"
        case (let l?, nil): "a number >= \(number(l))"
        case (nil, let u?): "a number <= \(number(u))"
        case (let l?, let u?): "a number in [\(number(l)), \(number(u))]"
        }
        return Domain(lower: lower, upper: upper, text: text)
    }
}

// MARK: - Reading nested values

extension SectionReader {
    /// Where an error goes: the section (its mapping), the section's key, a field's value or
    /// a field's key. An absent field's error is placed at the start of the file, as the
    /// built-in decoders do.
    public enum Place: Sendable {
        /// The section's mapping.
        case section
        /// The section's key under `mechanisms:` (the mapping itself for a nested mapping).
        case sectionKey
        /// The value of field `key`.
        case field(String)
        /// The key of field `key`.
        case fieldKey(String)
    }

    /// The fields present, in file order.
    public var fields: [String] { mapping.entries.map(\.key) }

    /// Whether field `key` is present.
    public func has(_ key: String) -> Bool { mapping.has(key) }

    /// The key path of field `key` (`mechanisms.KEY.field`).
    public func path(_ key: String) -> String { mapping.path(key) }

    /// An error with `code` (one of ``ScenarioError/Code``) at `place`; the message starts with
    /// the place's key path, as every scenario error does.
    public func error(_ code: String, at place: Place, _ detail: String) -> ScenarioError {
        switch place {
        case .section: mapping.reader.error(code, at: mapping.node, path, detail)
        case .sectionKey: mapping.reader.error(code, at: keyNode ?? mapping.node, path, detail)
        case .field(let key): mapping.reader.error(code, at: mapping.value(key), path(key), detail)
        case .fieldKey(let key): mapping.reader.error(code, at: mapping.keyNode(key), path(key), detail)
        }
    }

    /// "no WHAT is named 'NAME'" at `place`, with the closest of `names` as a hint.
    public func unknownReference(at place: Place, _ name: String, what: String, names: [String]) -> ScenarioError {
        error(ScenarioError.Code.reference, at: place, referenceDetail(name, what: what, names: names))
    }

    /// A number field in `domain`, or `default` when absent.
    public func double(_ key: String, default value: Double, _ domain: ValueDomain) throws(ScenarioError) -> Double {
        try mapping.double(key, default: value, domain.domain)
    }

    /// A required number field in `domain`.
    public func double(_ key: String, _ domain: ValueDomain) throws(ScenarioError) -> Double {
        try mapping.double(key, domain.domain)
    }

    /// A number field in `domain`, or nil when absent.
    public func optionalDouble(_ key: String, _ domain: ValueDomain) throws(ScenarioError) -> Double? {
        try mapping.optionalDouble(key, domain.domain)
    }

    /// An integer field in `range`, or `default` when absent; `expected` words the range.
    public func int(_ key: String, default value: Int, _ range: ClosedRange<Int>, expected: String) throws(ScenarioError) -> Int {
        try mapping.int(key, default: value, range, expected)
    }

    /// A required integer field in `range`; `expected` words the range.
    public func int(_ key: String, _ range: ClosedRange<Int>, expected: String) throws(ScenarioError) -> Int {
        try mapping.int(key, range, expected)
    }

    /// A required text field (non-empty unless `nonEmpty` is false).
    public func string(_ key: String, nonEmpty: Bool = true) throws(ScenarioError) -> String {
        try mapping.string(key, nonEmpty: nonEmpty)
    }

    /// One of `K`'s names, or `default` when absent; `what` names the list in messages.
    public func keyword<K: RawRepresentable & CaseIterable>(_ key: String, default value: K, what: String) throws(ScenarioError) -> K
    where K.RawValue == String {
        try mapping.keyword(key, default: value, what: what)
    }

    /// Refuses field `key` when present: it does not apply to the variant `reason` names.
    public func reject(_ key: String, because reason: String) throws(ScenarioError) {
        try mapping.reject(key, because: reason)
    }

    /// The value of field `key`, or nil when absent.
    public func node(_ key: String) -> SectionNode? {
        mapping.value(key).map { SectionNode(node: $0, path: path(key), reader: mapping.reader) }
    }

    /// The value of a required field; a missing one is reported at the section.
    public func required(_ key: String, expected: String) throws(ScenarioError) -> SectionNode {
        SectionNode(node: try mapping.required(key, expected: expected), path: path(key), reader: mapping.reader)
    }

    /// Field `key` as a mapping accepting `allowed` fields (nil: any), or nil when absent.
    public func mapping(_ key: String, allowed: [String]?) throws(ScenarioError) -> SectionReader? {
        try node(key)?.mapping(allowed: allowed)
    }

    /// The fields in file order, each with its key and value (a mapping whose keys are
    /// names: gauge → weight).
    public var entries: [(key: String, keyNode: SectionNode, value: SectionNode)] {
        mapping.entries.map { e in
            let p = path(e.key)
            return (e.key, SectionNode(node: e.keyNode, path: p, reader: mapping.reader), SectionNode(node: e.value, path: p, reader: mapping.reader))
        }
    }

    func referenceDetail(_ name: String, what: String, names: [String]) -> String {
        names.isEmpty
            ? "no \(what) is named '\(name)'; the scenario declares none"
            : "no \(what) is named '\(name)'" + hint(name, names, "declared")
    }
}

/// One value inside a module's section (a list item, a nested field), read with the same
/// rules and located errors as a field.
public struct SectionNode {
    let node: Node
    /// The value's key path (`mechanisms.gauges.list[2]`).
    public let path: String
    let reader: NodeReader

    /// Whether the value is a plain scalar (not a list or a mapping).
    public var isScalar: Bool { if case .scalar = node { true } else { false } }

    /// The value as a list of `what`; each item's path is `path[i]`.
    public func list(of what: String) throws(ScenarioError) -> [SectionNode] {
        try reader.sequence(node, path, of: what).enumerated().map { SectionNode(node: $1, path: KeyPath.index(path, $0), reader: reader) }
    }

    /// The value as a mapping accepting `allowed` fields (nil: any).
    public func mapping(allowed: [String]?) throws(ScenarioError) -> SectionReader {
        SectionReader(mapping: try reader.mapping(node, path, allowed: allowed))
    }

    /// A number in `domain`.
    public func double(_ domain: ValueDomain) throws(ScenarioError) -> Double { try reader.double(node, path, domain.domain) }

    /// An integer in `range`; `expected` words the range.
    public func int(_ range: ClosedRange<Int>, expected: String) throws(ScenarioError) -> Int { try reader.int(node, path, range, expected) }

    /// Text (non-empty when `nonEmpty`).
    public func string(nonEmpty: Bool = false) throws(ScenarioError) -> String { try reader.string(node, path, nonEmpty: nonEmpty) }

    /// One of `names`, or an unknown-name error listing them; `what` names the list.
    public func name(in names: [String], what: String) throws(ScenarioError) -> String {
        let text = try string()
        guard names.contains(text) else { throw reader.unknownName(node, path, text, what: what, names: names) }
        return text
    }

    /// An error with `code` at this value.
    public func error(_ code: String, _ detail: String) -> ScenarioError { reader.error(code, at: node, path, detail) }

    /// "expected EXPECTED, got …" at this value.
    public func wrongType(expected: String) -> ScenarioError { reader.wrongType(node, path, expected: expected) }

    /// "no WHAT is named 'NAME'" at this value, with the closest of `names` as a hint.
    public func unknownReference(_ name: String, what: String, names: [String]) -> ScenarioError {
        let detail = names.isEmpty
            ? "no \(what) is named '\(name)'; the scenario declares none"
            : "no \(what) is named '\(name)'" + hint(name, names, "declared")
        return reader.error(ScenarioError.Code.reference, at: node, path, detail)
    }
}
