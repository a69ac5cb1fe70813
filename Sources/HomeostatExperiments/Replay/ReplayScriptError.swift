/// A replay script that cannot be run: the replay stops before printing anything.
///
/// The error names the script, the 1-based line of the file and what is wrong, with what
/// would have been accepted. It is data; the command line renders it on standard error
/// and exits with status 64 (EX_USAGE, STYLE.md §5).
///
/// Codes are stable:
/// - `RPL001` malformed JSON, or a line that is not a JSON object.
///   `{"op": "query", "t": 1700000000` → close the object.
/// - `RPL002` unknown op. `{"op": "lock", ...}` → one of the ops of the replay kind,
///   e.g. `"create_lock"`.
/// - `RPL003` missing field. `{"op": "withdraw", "t": 1700000000}` → add `"who": "alice"`.
/// - `RPL004` a field of the wrong type or out of range. `"t": 1.5` or `"t": "1700000000"`
///   → an integer number of seconds, `"t": 1700000000`.
/// - `RPL005` an amount that is not a decimal string. `"amount": 12` or `"amount": "1e3"`
///   → `"amount": "12"`, `"amount": "1000"`.
/// - `RPL006` `t` going backwards. `t` must never decrease from one operation to the next.
/// - `RPL007` a pool replay whose first operation is not `init`, or a second `init`.
///   `{"op": "exchange", ...}` on the first line → start with
///   `{"op": "init", "A": 200, "fee": "0.0004", "balances": ["1000000", "1000000"]}`.
/// - `RPL008` a pool parameter the contract would not accept. `"fee": "0.7"` for
///   stableswap → a fee in `[0, 0.5]`, e.g. `"fee": "0.0004"`.
/// - `RPL100` a field the op does not take (often a typo). `"sqrt_price_limt"` → `"sqrt_price_limit"`.
/// - `RPL101` a key written twice in one object. `{"op": "swap", "dx": "1", "dx": "2"}` → once.
/// - `RPL102` an amount above 1e40 token units, where Double arithmetic on pool products
///   and sums could overflow. `"amount": "1000…000"` (309 digits) → a real amount.
/// - `RPL103` an amount with more decimals than the contract's integer holds (lending:
///   18 for assets, shares, lltv, fee and rates, 36 for the price).
///   `"assets": "0.0000000000000000001"` → `"assets": "0.000000000000000001"` (one wei).
public struct ReplayScriptError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The name of the script as given to ``runReplay(_:script:scriptName:)`` (a path, or `-`).
    public let scriptName: String
    /// The 1-based line of the script file, blank and comment lines counted.
    public let line: Int
    let kind: Kind

    init(scriptName: String, line: Int, kind: Kind) {
        self.scriptName = scriptName
        self.line = line
        self.kind = kind
    }

    /// The stable code of this kind of error, `RPL001` to `RPL008` and `RPL100` to `RPL103`.
    public var code: String { kind.code }

    /// What is wrong and what would be accepted, without the location.
    public var message: String { kind.message }

    /// `script.jsonl:7: error RPL005: ...`.
    public var description: String { "\(scriptName):\(line): error \(code): \(message)" }

    enum Kind: Sendable, Equatable {
        case malformedJSON(detail: String)
        case notAnObject
        case unknownOp(String, known: [String])
        case missingField(String, op: String)
        case missingEither(String, String, op: String)
        case wrongType(field: String, expected: String)
        case notDecimal(field: String, found: String)
        case timeBackwards(t: Int64, previous: Int64, previousLine: Int)
        case initNotFirst(op: String)
        case initRepeated(firstLine: Int)
        case badParameter(field: String, reason: String)
        case unknownField(String, op: String, known: [String])
        case duplicateKey(String)
        case amountTooLarge(field: String, found: String)
        case tooManyDecimals(field: String, found: String, decimals: Int)

        var code: String {
            switch self {
            case .malformedJSON, .notAnObject: "RPL001"
            case .unknownOp: "RPL002"
            case .missingField, .missingEither: "RPL003"
            case .wrongType: "RPL004"
            case .notDecimal: "RPL005"
            case .timeBackwards: "RPL006"
            case .initNotFirst, .initRepeated: "RPL007"
            case .badParameter: "RPL008"
            case .unknownField: "RPL100"
            case .duplicateKey: "RPL101"
            case .amountTooLarge: "RPL102"
            case .tooManyDecimals: "RPL103"
            }
        }

        var message: String {
            switch self {
            case .malformedJSON(let detail):
                "malformed JSON (\(detail)); each line must be one JSON object"
            case .notAnObject:
                "expected a JSON object like {\"op\": \"query\", \"t\": 1700000000}"
            case .unknownOp(let op, let known):
                "unknown op \"\(op)\"; expected one of \(known.map { "\"\($0)\"" }.joined(separator: ", "))"
            case .missingField(let field, let op):
                "missing field \"\(field)\" for op \"\(op)\""
            case .missingEither(let first, let second, let op):
                "missing field \"\(first)\" or \"\(second)\" for op \"\(op)\"; give at least one of them"
            case .tooManyDecimals(let field, let found, let decimals):
                "field \"\(field)\" is \(found), with more than \(decimals) decimals; the contract's integer holds \(decimals)"
            case .wrongType(let field, let expected):
                "field \"\(field)\" must be \(expected)"
            case .notDecimal(let field, let found):
                "field \"\(field)\" must be a decimal string of token units like \"1234.5\", found \(found)"
            case .timeBackwards(let t, let previous, let previousLine):
                "t = \(t) goes backwards: line \(previousLine) has t = \(previous); t must never decrease"
            case .initNotFirst(let op):
                "the first operation must be \"init\", found \"\(op)\""
            case .initRepeated(let firstLine):
                "\"init\" may appear only once; the pool was created on line \(firstLine)"
            case .badParameter(let field, let reason):
                "field \"\(field)\" is not accepted: \(reason)"
            case .unknownField(let field, let op, let known):
                "op \"\(op)\" has no field \"\(field)\"; its fields are \(known.map { "\"\($0)\"" }.joined(separator: ", "))"
            case .duplicateKey(let key):
                "the key \"\(key)\" appears twice in one object; write each field once"
            case .amountTooLarge(let field, let found):
                "field \"\(field)\" is \(found), above the largest accepted amount, 1e40 token units"
            }
        }
    }
}
