internal import HomeostatCore
/// Writes one JSON object with its keys in the order they are added, as one line.
///
/// The layout is fixed so output files compare as text: `{"key": value, "key": value}`
/// (a space after each colon and comma). Amounts are written as quoted decimal strings
/// (``ReplayDecimal/format(_:)``), times and indices as JSON integers.
struct ReplayJSONWriter {
    private var text = "{"
    private var empty = true
    /// The first value that no contract could show: an amount that is infinite or NaN
    /// anywhere, or a negative balance or supply (see ``balanceKeys``). The replays reject
    /// the operation that produced it instead of printing it.
    private(set) var problem: String?

    /// Keys whose amounts are holdings, never negative in a contract.
    static let balanceKeys: Set<String> = [
        "reserves", "balances", "admin_balances", "lp_balances", "total_supply", "supply", "total", "liquidity", "tokens_owed",
    ]

    private mutating func note(_ key: String, _ value: Double) {
        if value < 0 && negatives.isEmpty { negatives.append("\(key): \(ReplayDecimal.format(value))") }
        guard problem == nil else { return }
        if !value.isFinite {
            problem = "\(key) would be \(ReplayDecimal.format(value)): the operation overflows Double arithmetic"
        } else if value < 0 && Self.balanceKeys.contains(key) {
            problem = "\(key) would be negative (\(ReplayDecimal.format(value)))"
        }
    }

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
        note(key, value)
        add(key, string: ReplayDecimal.format(value))
    }

    /// Adds a JSON `null`.
    mutating func addNull(_ key: String) {
        self.key(key)
        text += "null"
    }

    /// Adds a JSON boolean.
    mutating func add(_ key: String, boolean value: Bool) {
        self.key(key)
        text += value ? "true" : "false"
    }

    /// Adds an array of amounts, each a quoted decimal string: `["1000", "0.5"]`.
    mutating func add(_ key: String, decimals values: [Double]) {
        for v in values { note(key, v) }
        self.key(key)
        text += "[" + values.map { Self.quoted(ReplayDecimal.format($0)) }.joined(separator: ", ") + "]"
    }

    /// Adds a nested object.
    mutating func add(_ key: String, object: ReplayJSONWriter) {
        if problem == nil, let inner = object.problem { problem = inner }
        // A listing of balances by account: each entry is a holding.
        if problem == nil, Self.balanceKeys.contains(key), let negative = object.negativeEntry {
            problem = "\(key) would hold a negative amount (\(negative))"
        }
        self.key(key)
        text += object.json
    }

    /// Adds an array of nested objects.
    mutating func add(_ key: String, objects: [ReplayJSONWriter]) {
        if problem == nil, let inner = objects.lazy.compactMap(\.problem).first { problem = inner }
        self.key(key)
        text += "[" + objects.map(\.json).joined(separator: ", ") + "]"
    }

    /// The first negative amount added directly to this object, as written.
    private var negativeEntry: String? {
        negatives.first
    }
    private var negatives: [String] = []

    /// The finished object.
    var json: String { text + "}" }

    /// `value` as a JSON string literal (``JSONText/quoted(_:)``).
    static func quoted(_ value: String) -> String { JSONText.quoted(value) }
}
