internal import HomeostatCore
/// Writes one JSON object with its keys in the order they are added, as one line.
///
/// The layout is fixed so output files compare as text: `{"key": value, "key": value}`
/// (a space after each colon and comma). Amounts are written as quoted decimal strings
/// (``ReplayDecimal/format(_:)``), times and indices as JSON integers.
struct ReplayJSONWriter {
    private var text = "{"
    private var empty = true

    init() {}

    private mutating func key(_ key: String) {
        if !empty { text += ", " }
        empty = false
        text += Self.quoted(key)
        text += ": "
    }

    /// Adds a string value.
    mutating func add(_ key: String, string value: String) {
        self.key(key)
        text += Self.quoted(value)
    }

    /// Adds an integer value.
    mutating func add(_ key: String, integer value: Int64) {
        self.key(key)
        text += String(value)
    }

    /// Adds an integer value.
    mutating func add(_ key: String, integer value: Int) {
        add(key, integer: Int64(value))
    }

    /// Adds an amount as a quoted decimal string.
    mutating func add(_ key: String, decimal value: Double) {
        add(key, string: ReplayDecimal.format(value))
    }

    /// Adds a JSON boolean.
    mutating func add(_ key: String, boolean value: Bool) {
        self.key(key)
        text += value ? "true" : "false"
    }

    /// Adds an array of amounts, each a quoted decimal string: `["1000", "0.5"]`.
    mutating func add(_ key: String, decimals values: [Double]) {
        self.key(key)
        text += "[" + values.map { Self.quoted(ReplayDecimal.format($0)) }.joined(separator: ", ") + "]"
    }

    /// Adds a nested object.
    mutating func add(_ key: String, object: ReplayJSONWriter) {
        self.key(key)
        text += object.json
    }

    /// Adds an array of nested objects.
    mutating func add(_ key: String, objects: [ReplayJSONWriter]) {
        self.key(key)
        text += "[" + objects.map(\.json).joined(separator: ", ") + "]"
    }

    /// The finished object.
    var json: String { text + "}" }

    /// `value` as a JSON string literal (``JSONText/quoted(_:)``).
    static func quoted(_ value: String) -> String { JSONText.quoted(value) }
}
