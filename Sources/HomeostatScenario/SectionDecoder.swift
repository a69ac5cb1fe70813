internal import Yams

/// How a module from outside the engine reads its own section of a scenario
/// (`mechanisms.KEY`): the scenario decoder hands the section to ``decode`` through a
/// ``SectionReader``, which reports every problem as a located ``ScenarioError``, and stores
/// the result in ``Scenario/sections``. Pass the decoders to ``ScenarioLoader/load(path:sections:)``.
public struct SectionDecoder: Sendable {
    /// The section's key under `mechanisms:`.
    public let key: String
    /// The metric names the module records, which `metrics.names` may then list.
    public let metrics: [String]
    /// Reads the section.
    public let decode: @Sendable (SectionReader) throws(ScenarioError) -> any ScenarioSection

    /// A decoder of `mechanisms.KEY`.
    public init(key: String, metrics: [String] = [], decode: @escaping @Sendable (SectionReader) throws(ScenarioError) -> any ScenarioSection) {
        self.key = key
        self.metrics = metrics
        self.decode = decode
    }
}

/// A module's section as a mapping of fields, read with the same rules and located errors
/// as every built-in section (unknown fields, wrong types, non-finite numbers, ranges).
public struct SectionReader {
    let mapping: MappingReader

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
