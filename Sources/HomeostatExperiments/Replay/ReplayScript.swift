internal import Foundation
internal import HomeostatCore

/// A replay script read from JSON Lines: its operations in file order, each with its
/// 1-based file line, before any of them is executed.
///
/// Blank lines (only whitespace) and lines whose first non-blank character is `#` are
/// skipped and not counted as operations. Every other line must be one JSON object with a
/// string `"op"` naming a known operation, each key written once. A field the operation
/// does not read is an error (``rejectUnreadFields()``), so a misspelt optional field is
/// not silently ignored.
struct ReplayScript {
    /// The script's name for error messages.
    let name: String
    /// The operations, in file order; `operations[i].index == i`.
    let operations: [ReplayOperation]

    /// The largest time accepted (2^53 s): times convert to Double exactly and
    /// `t + MAXTIME` cannot overflow.
    static let maxTime: Int64 = 1 << 53

    /// Parses `text`.
    ///
    /// - Parameters:
    ///   - knownOps: the operations of the replay kind, in the order error messages list them.
    ///   - timeRequired: whether every operation needs `"t"`. When present, `t` is an integer
    ///     in `0...2^53` and never decreases from one operation to the next.
    ///   - initOp: an op that must be the first operation and must not appear again (the
    ///     pools' `"init"`), or nil.
    /// - Throws: the first script error in file order (malformed JSON, unknown op, a
    ///   missing or ill-typed `op`/`t`, `t` going backwards, a misplaced `initOp`).
    init(text: String, name: String, knownOps: [String], timeRequired: Bool, initOp: String? = nil) throws(ReplayScriptError) {
        self.name = name
        var operations: [ReplayOperation] = []
        var previous: (t: Int64, line: Int)?
        var lineNumber = 0
        // Lines end at LF bytes (a CR before it is JSON whitespace), so line numbers are
        // those of `wc -l` and of editors, whatever Unicode says about "\r\n" as one character.
        for rawLine in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            let blank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
            let trimmed = rawLine.drop(while: blank)
            if trimmed.isEmpty || trimmed.first == UInt8(ascii: "#") { continue }
            let object: Any
            do {
                object = try JSONSerialization.jsonObject(with: Data(rawLine), options: [.fragmentsAllowed])
            } catch {
                let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "not valid JSON"
                throw ReplayScriptError(scriptName: name, line: lineNumber, kind: .malformedJSON(detail: detail))
            }
            guard let fields = object as? [String: Any] else {
                throw ReplayScriptError(scriptName: name, line: lineNumber, kind: .notAnObject)
            }
            // JSONSerialization keeps the last of two equal keys; an edited script with a
            // field written twice would run with whichever came last.
            if let key = JSONKeys.firstDuplicate(in: Array(rawLine)) {
                throw ReplayScriptError(scriptName: name, line: lineNumber, kind: .duplicateKey(key))
            }
            var operation = ReplayOperation(
                index: operations.count, line: lineNumber, scriptName: name, op: "", t: nil, fields: fields)
            guard fields["op"] != nil else { throw operation.error(.missingField("op", op: "(none)")) }
            guard let op = fields["op"] as? String else {
                throw operation.error(.wrongType(field: "op", expected: "a string like \"\(knownOps[0])\""))
            }
            operation.op = op
            guard knownOps.contains(op) else { throw operation.error(.unknownOp(op, known: knownOps)) }
            if let initOp {
                if operations.isEmpty && op != initOp { throw operation.error(.initNotFirst(op: op)) }
                if !operations.isEmpty && op == initOp {
                    throw operation.error(.initRepeated(firstLine: operations[0].line))
                }
            }
            if timeRequired || fields["t"] != nil {
                let t = try operation.time("t")
                if let previous, t < previous.t {
                    throw operation.error(.timeBackwards(t: t, previous: previous.t, previousLine: previous.line))
                }
                previous = (t, lineNumber)
                operation.t = t
            }
            operations.append(operation)
        }
        self.operations = operations
    }

    /// Throws for the first operation with a field its replay never read (after the replay
    /// has read every operation's fields): an unknown or misspelt field.
    func rejectUnreadFields() throws(ReplayScriptError) {
        for operation in operations {
            let read = operation.reads.keys
            for key in operation.fields.keys.sorted() where key != "op" && key != "t" && !read.contains(key) {
                let known = read.subtracting(["op", "t"]).sorted()
                throw operation.error(.unknownField(key, op: operation.op, known: ["t"] + known))
            }
        }
    }
}

/// The field names an operation's accessors were asked for, present or not.
final class FieldReads {
    var keys: Set<String> = []
}

/// One operation of a ``ReplayScript``: its position, its op name and its raw fields, with
/// typed accessors that turn a bad field into a ``ReplayScriptError`` naming the line.
struct ReplayOperation {
    /// 0-based index among the script's operations: the `"line"` of its output.
    let index: Int
    /// 1-based line in the script file.
    let line: Int
    let scriptName: String
    /// The `"op"` field.
    fileprivate(set) var op: String
    /// The `"t"` field, nil when the kind does not require it and it is absent.
    fileprivate(set) var t: Int64?
    let fields: [String: Any]
    /// Every field name the replay asked for (shared by copies of the operation).
    let reads = FieldReads()

    /// A script error at this operation's line.
    func error(_ kind: ReplayScriptError.Kind) -> ReplayScriptError {
        ReplayScriptError(scriptName: scriptName, line: line, kind: kind)
    }

    private func required(_ key: String) throws(ReplayScriptError) -> Any {
        reads.keys.insert(key)
        guard let value = fields[key], !(value is NSNull) else { throw error(.missingField(key, op: op)) }
        return value
    }

    /// Whether the operation has a non-null `key`.
    func has(_ key: String) -> Bool {
        reads.keys.insert(key)
        if let value = fields[key] { return !(value is NSNull) }
        return false
    }

    /// A required string field.
    func string(_ key: String) throws(ReplayScriptError) -> String {
        guard let value = try required(key) as? String else {
            throw error(.wrongType(field: key, expected: "a string"))
        }
        return value
    }

    /// A required integer field in `range`. JSON numbers with an integral value are
    /// accepted (`1700000000`, also `1.7e9`); booleans, strings and fractions are not.
    func integer(_ key: String, in range: ClosedRange<Int64>) throws(ReplayScriptError) -> Int64 {
        try integerValue(try required(key), label: key, in: range)
    }

    /// An optional integer field in `range`, `defaultValue` when absent or null.
    func integer(_ key: String, in range: ClosedRange<Int64>, default defaultValue: Int64) throws(ReplayScriptError) -> Int64 {
        has(key) ? try integer(key, in: range) : defaultValue
    }

    /// `value` as an integer in `range`; `label` names it in the error (`"get_dy[1][0]"`).
    func integerValue(_ value: Any, label: String, in range: ClosedRange<Int64>) throws(ReplayScriptError) -> Int64 {
        let expected = "an integer in \(range.lowerBound)...\(range.upperBound)"
        guard let number = value as? NSNumber, !Self.isBoolean(number) else {
            throw error(.wrongType(field: label, expected: expected))
        }
        let result: Int64
        switch String(cString: number.objCType) {
        case "d", "f":
            let d = number.doubleValue
            guard d.rounded(.towardZero) == d, let exact = Int64(exactly: d) else {
                throw error(.wrongType(field: label, expected: expected))
            }
            result = exact
        case "Q", "L":
            guard let exact = Int64(exactly: number.uint64Value) else {
                throw error(.wrongType(field: label, expected: expected))
            }
            result = exact
        default:
            result = number.int64Value
        }
        guard range.contains(result) else { throw error(.wrongType(field: label, expected: expected)) }
        return result
    }

    /// A required JSON boolean field.
    func boolean(_ key: String) throws(ReplayScriptError) -> Bool {
        guard let number = try required(key) as? NSNumber, Self.isBoolean(number) else {
            throw error(.wrongType(field: key, expected: "true or false"))
        }
        return number.boolValue
    }

    /// An optional string field, `defaultValue` when absent or null.
    func string(_ key: String, default defaultValue: String) throws(ReplayScriptError) -> String {
        has(key) ? try string(key) : defaultValue
    }

    /// A required time field: an integer number of seconds in `0...2^53`.
    func time(_ key: String) throws(ReplayScriptError) -> Int64 {
        try integer(key, in: 0...ReplayScript.maxTime)
    }

    /// A required amount: a decimal string of token units (see ``ReplayDecimal``).
    func amount(_ key: String) throws(ReplayScriptError) -> Double {
        try amountValue(try required(key), label: key)
    }

    /// An optional amount, `defaultValue` when absent or null.
    func amount(_ key: String, default defaultValue: Double) throws(ReplayScriptError) -> Double {
        has(key) ? try amount(key) : defaultValue
    }

    /// `value` as a decimal string of token units; `label` names it in the error.
    func amountValue(_ value: Any, label: String) throws(ReplayScriptError) -> Double {
        guard let text = value as? String else {
            throw error(.notDecimal(field: label, found: Self.jsonKind(value)))
        }
        guard let amount = ReplayDecimal.parse(text) else {
            throw error(.notDecimal(field: label, found: ReplayJSONWriter.quoted(text)))
        }
        guard amount <= ReplayDecimal.maxAmount else {
            let shown = text.count > 24 ? "a number of \(text.count) characters" : ReplayJSONWriter.quoted(text)
            throw error(.amountTooLarge(field: label, found: shown))
        }
        return amount
    }

    /// A required JSON array, `count` elements long when `count` is given.
    func array(_ key: String, count: Int? = nil, of what: String) throws(ReplayScriptError) -> [Any] {
        try arrayValue(try required(key), label: key, count: count, of: what)
    }

    /// `value` as a JSON array (of `count` elements when given); `what` describes an element
    /// for the error message (`"decimal strings"`).
    func arrayValue(_ value: Any, label: String, count: Int? = nil, of what: String) throws(ReplayScriptError) -> [Any] {
        guard let array = value as? [Any], count.map({ array.count == $0 }) ?? true else {
            let size = count.map { "\($0) " } ?? ""
            throw error(.wrongType(field: label, expected: "an array of \(size)\(what)"))
        }
        return array
    }

    /// A required array of amounts (decimal strings), `count` long when given.
    func amounts(_ key: String, count: Int? = nil) throws(ReplayScriptError) -> [Double] {
        var out: [Double] = []
        for (k, element) in try array(key, count: count, of: "decimal strings").enumerated() {
            out.append(try amountValue(element, label: "\(key)[\(k)]"))
        }
        return out
    }

    /// A required array of integers in `range`, `count` long when given.
    func integers(_ key: String, in range: ClosedRange<Int64>, count: Int? = nil) throws(ReplayScriptError) -> [Int64] {
        var out: [Int64] = []
        for (k, element) in try array(key, count: count, of: "integers").enumerated() {
            out.append(try integerValue(element, label: "\(key)[\(k)]", in: range))
        }
        return out
    }

    /// "a JSON number", "a JSON array", ... for error messages.
    static func jsonKind(_ value: Any) -> String {
        switch value {
        case let number as NSNumber: isBoolean(number) ? "a JSON boolean" : "a JSON number"
        case is String: "a JSON string"
        case is [Any]: "a JSON array"
        case is [String: Any]: "a JSON object"
        default: "null"
        }
    }

    private static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }
}
