/// A problem in a scenario file (or in a price-series CSV it names), located by file,
/// line and column, with the key path of the offending field and a stable code.
///
/// Every error the loader throws is one of these; the loader never crashes on bad input
/// and never replaces a bad value with a default. The codes are stable and each one is
/// documented with a bad input and its fix in `docs/errors.md`:
///
/// | code | meaning |
/// |---|---|
/// | `SCN001` | unknown field, or a field that does not apply to the chosen variant |
/// | `SCN002` | wrong type (a string where a number is needed, a fraction where an integer is) |
/// | `SCN003` | value out of range |
/// | `SCN004` | missing required field |
/// | `SCN005` | syntax error (YAML or JSON) |
/// | `SCN006` | missing or unreadable file |
/// | `SCN007` | bad reference to an account, a population or a mechanism |
/// | `SCN008` | not a finite number (`.nan`, `.inf`, overflow) |
/// | `SCN009` | unknown name where one of a fixed list is expected (process, metric, ...) |
/// | `SCN010` | duplicate key or name |
/// | `SCN011` | fields that contradict each other |
/// | `SCN012` | bad price-series CSV content |
/// | `SCN100` | a number of magnitude above 1e15, or non-zero below 1e-30 (``ScenarioLimits``) |
/// | `SCN101` | too many agents in a population or in all, too many runs or recorded rows |
/// | `SCN102` | a distribution whose draws can overflow (a lognormal with a large `mu`) |
/// | `SCN103` | a sweep grid with more than 1,000,000 points |
///
/// Line and column are 1-based; columns count Unicode scalars (as libyaml does). An
/// error about a whole file (missing, unreadable, empty) is placed at line 1, column 1.
public struct ScenarioError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Stable error code, `"SCN001"` ... `"SCN012"` or `"SCN100"` ... `"SCN103"`; see ``ScenarioError/catalog``.
    public let code: String
    /// The file the error is in, as the caller named it (or the resolved CSV path).
    public let file: String
    /// 1-based line.
    public let line: Int
    /// 1-based column, counted in Unicode scalars.
    public let column: Int
    /// Key path of the offending field, such as `populations[1].patience`; empty when the
    /// error is about the file as a whole (a syntax error, a missing file). In a CSV it
    /// names the row and column instead: `row 3, column 'price'` (row 1 is the first data row).
    public let path: String
    /// What is wrong and what would be accepted. It starts with ``path`` when there is one.
    public let message: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: A code from ``catalog``.
    ///   - file: The file name to report.
    ///   - line: 1-based line.
    ///   - column: 1-based column.
    ///   - path: Key path of the field, or `""`.
    ///   - message: The full message (conventionally starting with `path`).
    public init(code: String, file: String, line: Int, column: Int, path: String, message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    /// `file:line:column: error: message`, the form compilers use, so editors and
    /// terminals can jump to the spot.
    public var description: String {
        ([self] + others).map { "\($0.file):\($0.line):\($0.column): error: \($0.message)" }.joined(separator: "\n")
    }

    /// Further errors found in the same file after this one (in other top-level sections),
    /// so one `validate` shows them all; ``description`` lists them on following lines.
    public internal(set) var others: [ScenarioError] = []

    /// Every error: this one, then ``others``.
    public var all: [ScenarioError] { [self] + others }

    /// Every code the loader can throw, with a one-line title, in code order.
    public static let catalog: [(code: String, title: String)] = [
        (Code.unknownField, "unknown field"),
        (Code.wrongType, "wrong type"),
        (Code.outOfRange, "value out of range"),
        (Code.missingField, "missing required field"),
        (Code.syntax, "syntax error"),
        (Code.file, "missing or unreadable file"),
        (Code.reference, "bad reference"),
        (Code.notFinite, "not a finite number"),
        (Code.unknownName, "unknown name"),
        (Code.duplicate, "duplicate key or name"),
        (Code.conflict, "contradicting fields"),
        (Code.csv, "bad price-series CSV"),
        (ScenarioLimits.Code.magnitude, "number too large or too small"),
        (ScenarioLimits.Code.size, "too many agents, runs or recorded rows"),
        (ScenarioLimits.Code.overflowingDistribution, "distribution whose draws overflow"),
        (ScenarioLimits.Code.designSize, "sweep grid too large"),
    ]

    /// The codes as constants: the loader's own, and those a module's ``SectionDecoder``
    /// throws through ``SectionReader/error(_:at:_:)`` so its errors read like the built-in ones.
    public enum Code {
        /// `SCN001`: unknown field, or one that does not apply to the chosen variant.
        public static let unknownField = "SCN001"
        /// `SCN002`: wrong type.
        public static let wrongType = "SCN002"
        /// `SCN003`: value out of range.
        public static let outOfRange = "SCN003"
        /// `SCN004`: missing required field.
        public static let missingField = "SCN004"
        /// `SCN005`: syntax error.
        public static let syntax = "SCN005"
        /// `SCN006`: missing or unreadable file.
        public static let file = "SCN006"
        /// `SCN007`: bad reference (to an account, a population, a mechanism).
        public static let reference = "SCN007"
        /// `SCN008`: not a finite number.
        public static let notFinite = "SCN008"
        /// `SCN009`: unknown name where one of a fixed list is expected.
        public static let unknownName = "SCN009"
        /// `SCN010`: duplicate key or name.
        public static let duplicate = "SCN010"
        /// `SCN011`: fields that contradict each other.
        public static let conflict = "SCN011"
        /// `SCN012`: bad price-series CSV content.
        public static let csv = "SCN012"
    }
}
