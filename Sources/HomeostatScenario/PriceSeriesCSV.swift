/// Reads a historical price series from CSV text: one price per data row, in file order.
///
/// The format is RFC 4180 CSV: a header row naming the columns, then data rows with as
/// many fields as the header; fields are separated by commas, may be quoted with `"`
/// (`""` inside quotes is a quote), and rows end in LF, CRLF or CR. Blank lines are
/// skipped and a leading byte-order mark is ignored. Columns other than the price column
/// (a date or time, volumes, ...) are allowed and ignored; rows are used in the order the
/// file lists them, never sorted.
public enum PriceSeriesCSV {
    /// Parses the prices in column `column`.
    ///
    /// - Parameters:
    ///   - text: The CSV text.
    ///   - file: The file name errors report.
    ///   - column: The header name of the price column (matched exactly, after trimming
    ///     spaces around header names).
    /// - Returns: The prices, one per data row, in file order; never empty.
    /// - Throws: ``ScenarioError`` with code `SCN012`, located at the offending field:
    ///   no header, the column missing (the message lists the columns), a row with the
    ///   wrong number of fields, a bad quote, no data rows, or a value that is not a
    ///   positive finite decimal number (the message names the row, 1 = first data row).
    public static func parse(_ text: String, file: String, column: String) throws(ScenarioError) -> [Double] {
        func fail(_ line: Int, _ col: Int, _ path: String, _ message: String) -> ScenarioError {
            ScenarioError(code: ScenarioError.Code.csv, file: file, line: line, column: col, path: path, message: message)
        }
        var records = try CSVScanner(text: text).records(fail: fail)
        records.removeAll { $0.fields.count == 1 && $0.fields[0].text.isEmpty && !$0.fields[0].quoted }
        guard let header = records.first else {
            throw fail(1, 1, "", "the price series is empty; expected a header row naming the columns, then one row per day")
        }
        let names = header.fields.map { String($0.text.trimmingWhitespace) }
        let matches = names.indices.filter { names[$0] == column }
        guard let index = matches.first else {
            throw fail(header.line, 1, "", "no column named '\(column)'" + hint(column, names, "the header has"))
        }
        if matches.count > 1 {
            let f = header.fields[matches[1]]
            throw fail(f.line, f.column, "", "two columns are named '\(column)'; the price column must be unambiguous")
        }
        guard records.count > 1 else {
            throw fail(header.line, 1, "", "the price series has a header but no data rows")
        }
        var prices: [Double] = []
        prices.reserveCapacity(records.count - 1)
        for (r, record) in records.dropFirst().enumerated() {
            let row = r + 1
            let path = "row \(row), column '\(column)'"
            guard record.fields.count == names.count else {
                throw fail(
                    record.line, 1, "row \(row)",
                    "row \(row) has \(record.fields.count) field\(record.fields.count == 1 ? "" : "s"); the header has \(names.count)")
            }
            let field = record.fields[index]
            let raw = field.text.trimmingWhitespace
            let expected = "expected a positive finite price"
            guard !raw.isEmpty else { throw fail(field.line, field.column, path, "\(path): the value is empty; \(expected)") }
            let isDecimal = raw.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ".eE+-".unicodeScalars.contains($0) }
            guard isDecimal, let value = Double(raw) else {
                throw fail(field.line, field.column, path, "\(path): '\(raw)' is not a number; \(expected)")
            }
            guard value.isFinite else { throw fail(field.line, field.column, path, "\(path): '\(raw)' is not finite; \(expected)") }
            guard value > 0 else { throw fail(field.line, field.column, path, "\(path): \(raw) is not positive; \(expected)") }
            prices.append(value)
        }
        return prices
    }
}

/// Splits CSV text into records of fields, remembering where each field starts.
struct CSVScanner {
    struct Field {
        var text: String
        var quoted: Bool
        var line: Int
        var column: Int
    }

    struct Record {
        var line: Int
        var fields: [Field]
    }

    let text: String

    func records(fail: (Int, Int, String, String) -> ScenarioError) throws(ScenarioError) -> [Record] {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var records: [Record] = []
        var fields: [Field] = []
        var line = 1
        var column = 1
        var i = 0
        var recordLine = 1
        var field = Field(text: "", quoted: false, line: 1, column: 1)
        var atFieldStart = true
        var inQuotes = false
        var afterQuote = false

        func endField() {
            fields.append(field)
            field = Field(text: "", quoted: false, line: line, column: column + 1)
            atFieldStart = true
            afterQuote = false
        }
        while i < scalars.count {
            let c = scalars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < scalars.count && scalars[i + 1] == "\"" {
                        field.text.unicodeScalars.append("\"")
                        i += 2
                        column += 2
                        continue
                    }
                    inQuotes = false
                    afterQuote = true
                } else {
                    field.text.unicodeScalars.append(c)
                }
                if c == "\n" || (c == "\r" && !(i + 1 < scalars.count && scalars[i + 1] == "\n")) {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                i += 1
                continue
            }
            switch c {
            case ",":
                endField()
                column += 1
            case "\n", "\r":
                fields.append(field)
                records.append(Record(line: recordLine, fields: fields))
                fields = []
                if c == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
                line += 1
                column = 1
                recordLine = line
                field = Field(text: "", quoted: false, line: line, column: 1)
                atFieldStart = true
                afterQuote = false
            case "\"" where atFieldStart || field.text.trimmingWhitespace.isEmpty && !afterQuote:
                field = Field(text: "", quoted: true, line: line, column: column)
                inQuotes = true
                atFieldStart = false
                column += 1
            default:
                if afterQuote && c != " " && c != "\t" {
                    throw fail(line, column, "", "unexpected character '\(c)' after a closing quote; expected a comma or the end of the row")
                }
                if c == "\"" {
                    throw fail(line, column, "", "a quote inside an unquoted field; quote the whole field and double the quote (\"\")")
                }
                if !afterQuote { field.text.unicodeScalars.append(c) }
                atFieldStart = false
                column += 1
            }
            i += 1
        }
        if inQuotes {
            throw fail(field.line, field.column, "", "a quoted field is not closed; expected a closing quote (\")")
        }
        if !fields.isEmpty || !field.text.isEmpty || field.quoted {
            fields.append(field)
            records.append(Record(line: recordLine, fields: fields))
        }
        return records
    }
}
