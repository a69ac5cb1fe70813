/// A module's own scenario section, decoded by the ``SectionDecoder`` its module registered
/// (a section of a module from outside the engine, under `mechanisms:`).
public protocol ScenarioSection: Sendable {
    /// Whether `other` is the same section with the same values.
    func isEqual(to other: any ScenarioSection) -> Bool
    /// The section's fields in the canonical scenario form that ``ScenarioWriter`` writes
    /// (every field, defaults included), or nil: the writer leaves the section out. It must
    /// read back through the section's decoder to an equal section.
    func canonicalFields() -> SectionValue?
    /// Where the canonical form puts the section under `mechanisms:`: lower first, ties by
    /// key. The built-in sections use 10…90.
    static var canonicalOrder: Int { get }
    /// The global metrics (``MetricName`` raw values whose requirement is `.section`) a
    /// scenario with this section records by default; recorded in ``MetricName`` order.
    static var defaultMetrics: [String] { get }
    /// Metric names this section's module records for this scenario (named after the
    /// section's entries, such as `controller_output:NAME`), which `metrics.names` may list
    /// and which are recorded by default; none unless the section says so.
    var metricNames: [String] { get }
}

extension ScenarioSection {
    /// Not written (a section that cannot be written back is left out).
    public func canonicalFields() -> SectionValue? { nil }
    /// After the built-in sections.
    public static var canonicalOrder: Int { 1_000 }
    /// None (a module from outside lists its metrics in its `ModuleDescriptor`).
    public static var defaultMetrics: [String] { [] }
    /// None.
    public var metricNames: [String] { [] }
}

/// A value of a section in the canonical scenario form, written as YAML or JSON by
/// ``ScenarioWriter``.
public indirect enum SectionValue: Sendable {
    /// Fields in the order written.
    case map([(String, SectionValue)])
    /// Items in order.
    case list([SectionValue])
    /// Free text: always quoted.
    case string(String)
    /// A name from a fixed list: plain in YAML, quoted in JSON.
    case keyword(String)
    /// An integer.
    case int(Int)
    /// A number, in Swift's shortest round-trip form (it reads back to the same bits).
    case double(Double)
    /// `true` or `false`.
    case bool(Bool)
}

extension ScenarioSection where Self: Equatable {
    public func isEqual(to other: any ScenarioSection) -> Bool { (other as? Self) == self }
}

/// The decoded sections of registered modules, by key.
public struct ScenarioSections: Sendable, Equatable {
    var byKey: [String: any ScenarioSection] = [:]

    /// No sections.
    public init() {}

    /// The section under `mechanisms.KEY`, or nil when the scenario does not have it.
    public subscript(key: String) -> (any ScenarioSection)? {
        get { byKey[key] }
        set { byKey[key] = newValue }
    }

    /// The keys present, sorted.
    public var keys: [String] { byKey.keys.sorted() }

    /// The global metrics the present sections record by default (with repeats).
    public var defaultMetrics: [String] { byKey.values.flatMap { type(of: $0).defaultMetrics } }

    /// The sections in canonical order (``ScenarioSection/canonicalOrder``, then key).
    public var canonical: [(key: String, section: any ScenarioSection)] {
        byKey.map { (key: $0.key, section: $0.value) }.sorted {
            let (a, b) = (type(of: $0.section).canonicalOrder, type(of: $1.section).canonicalOrder)
            return a != b ? a < b : $0.key < $1.key
        }
    }

    public static func == (a: ScenarioSections, b: ScenarioSections) -> Bool {
        guard a.byKey.count == b.byKey.count else { return false }
        for (key, section) in a.byKey {
            guard let other = b.byKey[key], section.isEqual(to: other) else { return false }
        }
        return true
    }
}
