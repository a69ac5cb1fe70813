internal import Yams

/// Reads scenario files (YAML or JSON) into a validated ``Scenario``.
///
/// Both formats go through one YAML parser (JSON is YAML's flow style), so both get the
/// same checks and the same `file:line:column` errors. The tree is walked field by field:
/// unknown fields, wrong types, non-finite numbers, negative amounts, probabilities
/// outside [0, 1], dangling references and contradicting fields are all errors; an absent
/// optional field takes the default documented in `docs/scenario.md`. The file format is
/// described in full in `docs/scenario.md`, the error codes in `docs/errors.md`.
public enum ScenarioLoader {
    /// Loads and validates a scenario file.
    ///
    /// The file is read as UTF-8 and parsed as YAML whatever its extension (`.yaml`, `.yml`
    /// and `.json` are the usual ones). A price series named in the file is read relative
    /// to the scenario file's directory.
    ///
    /// - Parameters:
    ///   - path: Path of the scenario file, absolute or relative to the current directory.
    ///     Errors name the file as given here.
    ///   - sections: decoders of registered modules' sections under `mechanisms:`.
    /// - Returns: The validated scenario.
    /// - Throws: ``ScenarioError``: `SCN006` at 1:1 when the file is missing or unreadable,
    ///   otherwise whatever ``parse(_:file:baseDirectory:)`` throws.
    public static func load(path: String, sections: [SectionDecoder] = []) throws(ScenarioError) -> Scenario {
        switch TextFile.read(path) {
        case .success(let text):
            return try parse(text, file: path, baseDirectory: directory(of: path), sections: sections)
        case .failure(let problem):
            throw ScenarioError(
                code: ScenarioError.Code.file, file: path, line: 1, column: 1, path: "",
                message: "cannot read the scenario file: \(problem)")
        }
    }

    /// Parses and validates scenario text.
    ///
    /// - Parameters:
    ///   - text: The YAML or JSON text.
    ///   - file: The name errors report (the text is not read from it).
    ///   - baseDirectory: Directory that a relative `market.series.file` is resolved
    ///     against; `nil` resolves it against the current directory.
    ///   - sections: decoders of registered modules' sections under `mechanisms:`.
    /// - Returns: The validated scenario.
    /// - Throws: ``ScenarioError`` located at the offending node; syntax errors carry the
    ///   parser's line and column.
    public static func parse(
        _ text: String, file: String, baseDirectory: String?, sections: [SectionDecoder] = []
    ) throws(ScenarioError) -> Scenario {
        // A `sweep:` section is checked too (every path and range), then set aside.
        try SweepTemplate.parse(text, file: file, baseDirectory: baseDirectory, sections: sections).base
    }

    /// The directory part of `path`, or `nil` for a bare file name.
    static func directory(of path: String) -> String? {
        guard let slash = path.lastIndex(of: "/") else { return nil }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }

    /// Maps a Yams error to `SCN005` (syntax) or `SCN010` (duplicate key) at its mark.
    static func syntaxError(_ error: YamlError, file: String) -> ScenarioError {
        func make(_ code: String, _ line: Int, _ column: Int, _ message: String) -> ScenarioError {
            ScenarioError(code: code, file: file, line: max(line, 1), column: max(column, 1), path: "", message: message)
        }
        func located(_ context: YamlError.Context?, _ problem: String, _ mark: Mark, _ yaml: String) -> ScenarioError {
            var message = "syntax error: \(problem)"
            if let context, context.text.hasPrefix("while") {
                message += " (\(context.text) that starts at line \(context.mark.line), column \(context.mark.column))"
            } else if let context {
                message += " (\(context.text))"
            }
            // `{path: populations[0].x, …}`: inside a flow mapping `[` opens a list, so a plain
            // value with brackets breaks the line; say how to write it.
            let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            if context?.text.contains("flow mapping") == true, mark.line >= 1, mark.line <= lines.count {
                let line = lines[mark.line - 1]
                if line.contains("{"), let open = line.firstIndex(of: "["), open > line.startIndex,
                    line[line.index(before: open)].isLetter || line[line.index(before: open)].isNumber
                {
                    message += "; inside { … } a value with [ ] must be quoted (path: \"populations[0].count\") or written "
                        + "as a block mapping; a sweep path names a population by its name: populations.NAME.FIELD"
                }
            }
            return make(ScenarioError.Code.syntax, mark.line, mark.column, message)
        }
        switch error {
        case .scanner(let context, let problem, let mark, let yaml),
             .parser(let context, let problem, let mark, let yaml),
             .composer(let context, let problem, let mark, let yaml):
            return located(context, problem, mark, yaml)
        case .reader(let problem, let offset, let value, let yaml):
            var line = 1
            var column = 1
            if let offset {
                for ch in yaml.prefix(offset) {
                    if ch.isNewline { line += 1; column = 1 } else { column += ch.unicodeScalars.count }
                }
            }
            let what = value >= 0 ? " (character U+\(String(value, radix: 16, uppercase: true)))" : ""
            return make(ScenarioError.Code.syntax, line, column, "syntax error: \(problem)\(what)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return make(
                ScenarioError.Code.duplicate, context.mark.line, context.mark.column,
                "duplicate key \(keys) in one mapping (first written here); each field may appear only once")
        default:
            return make(ScenarioError.Code.syntax, 1, 1, "syntax error: \(error)")
        }
    }
}
