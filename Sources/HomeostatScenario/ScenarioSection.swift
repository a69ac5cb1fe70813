/// A module's own scenario section, decoded by the ``SectionDecoder`` its module registered
/// (a section of a module from outside the engine, under `mechanisms:`).
public protocol ScenarioSection: Sendable {
    /// Whether `other` is the same section with the same values.
    func isEqual(to other: any ScenarioSection) -> Bool
    /// Metric names this section's module records for this scenario (named after the
    /// section's entries, such as `controller_output:NAME`), which `metrics.names` may list
    /// and which are recorded by default; none unless the section says so.
    var metricNames: [String] { get }
}

extension ScenarioSection {
    public var metricNames: [String] { [] }
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

    public static func == (a: ScenarioSections, b: ScenarioSections) -> Bool {
        guard a.byKey.count == b.byKey.count else { return false }
        for (key, section) in a.byKey {
            guard let other = b.byKey[key], section.isEqual(to: other) else { return false }
        }
        return true
    }
}
