internal import Yams

/// Where a field of a module's section is written: enough to report a problem found later
/// (when the run is built and the other modules are known) at the same file, line and column
/// as a problem found while reading.
public struct SectionLocation: Sendable, Equatable, CustomStringConvertible {
    /// The scenario file.
    public let file: String
    /// 1-based line.
    public let line: Int
    /// 1-based column.
    public let column: Int
    /// The field's key path (`mechanisms.controllers.tvl.measure`).
    public let path: String

    /// A location.
    public init(file: String, line: Int, column: Int, path: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
    }

    /// `file:line:column`.
    public var description: String { "\(file):\(line):\(column)" }

    /// The error a problem found at this field makes, `file:line:column: error: path: detail`.
    public func message(_ detail: String) -> String { "\(self): error: \(path): \(detail)" }
}

// Nested fields of a module's section: sections whose values are mappings of named entries
// (`mechanisms.controllers.NAME`), nested mappings, lists of words, and located errors for
// the checks the module makes itself (a keyword from a list that depends on the module, two
// fields that contradict each other).
extension SectionReader {
    /// Rejects any field not in `allowed`, at the field, with the closest accepted name.
    ///
    /// - Throws: ``ScenarioError`` `SCN001`.
    public func checkFields(_ allowed: [String]) throws(ScenarioError) {
        for e in mapping.entries where !allowed.contains(e.key) {
            throw mapping.reader.error(
                ScenarioError.Code.unknownField, at: e.keyNode, mapping.path(e.key),
                "unknown field" + hint(e.key, allowed, "accepted fields here"))
        }
    }

    /// The section's fields in file order, each read as a mapping: the entries of a section
    /// written as `NAME: {fields}`.
    ///
    /// - Throws: ``ScenarioError`` `SCN002` for an entry that is not a mapping.
    public func namedEntries() throws(ScenarioError) -> [(name: String, reader: SectionReader)] {
        var out: [(name: String, reader: SectionReader)] = []
        for e in mapping.entries {
            out.append((e.key, SectionReader(mapping: try mapping.reader.mapping(e.value, mapping.path(e.key), allowed: nil))))
        }
        return out
    }

    /// The nested mapping at `key`, or nil when absent.
    ///
    /// - Throws: ``ScenarioError`` `SCN002` when the field is not a mapping.
    public func nested(_ key: String) throws(ScenarioError) -> SectionReader? {
        guard let v = mapping.value(key) else { return nil }
        return SectionReader(mapping: try mapping.reader.mapping(v, mapping.path(key), allowed: nil))
    }

    /// A required text field.
    public func string(_ key: String) throws(ScenarioError) -> String { try mapping.string(key) }

    /// A text field that must be one of `names` (`what` names the kind in the error), or
    /// `default` when absent.
    ///
    /// - Throws: ``ScenarioError`` `SCN009` with the closest accepted name.
    public func keyword(_ key: String, in names: [String], default value: String? = nil, what: String) throws(ScenarioError) -> String {
        guard let node = mapping.value(key) else {
            if let value { return value }
            throw mapping.reader.error(
                ScenarioError.Code.missingField, at: mapping.node, mapping.path(key),
                "missing required field; expected \(what): \(listing(names))")
        }
        let text = try mapping.reader.string(node, mapping.path(key))
        guard names.contains(text) else { throw mapping.reader.unknownName(node, mapping.path(key), text, what: what, names: names) }
        return text
    }

    /// Where field `key` is written (its value; the section itself when absent).
    public func location(_ key: String) -> SectionLocation {
        let mark = (mapping.value(key) ?? mapping.node).mark
        return SectionLocation(
            file: mapping.reader.file, line: mark?.line ?? 1, column: mark?.column ?? 1,
            path: mapping.has(key) ? mapping.path(key) : mapping.path)
    }

    /// Where the section itself is written.
    public var location: SectionLocation {
        let mark = mapping.node.mark
        return SectionLocation(file: mapping.reader.file, line: mark?.line ?? 1, column: mark?.column ?? 1, path: mapping.path)
    }

    /// An error at field `key` (the section when absent): `SCN011` for fields that contradict
    /// each other.
    public func conflict(_ key: String, _ detail: String) -> ScenarioError {
        located(ScenarioError.Code.conflict, key, detail)
    }

    /// An error at field `key`: `SCN009`, a name that is not one of those accepted here.
    public func unknownName(_ key: String, _ detail: String) -> ScenarioError {
        located(ScenarioError.Code.unknownName, key, detail)
    }

    /// An error at field `key`: `SCN007`, a reference to something the scenario lacks.
    public func badReference(_ key: String, _ detail: String) -> ScenarioError {
        located(ScenarioError.Code.reference, key, detail)
    }

    func located(_ code: String, _ key: String, _ detail: String) -> ScenarioError {
        let node = mapping.value(key) ?? mapping.node
        return mapping.reader.error(code, at: node, mapping.has(key) ? mapping.path(key) : mapping.path, detail)
    }
}

/// A metric name written in a scenario, split for the checks a module makes: a global name,
/// or `KIND:OBJECT` for a per-object metric.
public enum MetricNames {
    /// Whether `name` is a metric the loader knows without any module's section: a global
    /// metric, or `KIND:OBJECT` of a per-gauge, per-pool or per-LP-population kind (whether
    /// the object exists is the run's check).
    public static func isKnown(_ name: String) -> Bool {
        MetricName(rawValue: name) != nil || GaugeMetric.parse(name) != nil || PoolMetricName.parse(name) != nil
            || LPMetricName.parse(name) != nil
    }

    /// Every global metric name and every per-object kind written `KIND:…`, for hints.
    public static var known: [String] {
        MetricName.allCases.map(\.rawValue) + GaugeMetric.allCases.map { $0.rawValue + ":…" }
            + PoolMetricName.allCases.map { $0.rawValue + ":…" } + LPMetricName.allCases.map { $0.rawValue + ":…" }
    }
}
