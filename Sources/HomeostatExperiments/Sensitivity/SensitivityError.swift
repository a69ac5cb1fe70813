/// A sensitivity design or analysis that cannot be built from its inputs.
///
/// Errors are data (STYLE.md §5): the command line renders them and exits with status 64
/// (EX_USAGE). Codes are stable:
/// - `SEN001` no parameter. `[]` → at least one `(name:, low:, high:)`.
/// - `SEN002` a range that is empty, reversed or not finite. `(name: "fee", low: 0.01, high: 0.01)`
///   → `low < high`, both finite: `(name: "fee", low: 0.001, high: 0.01)`.
/// - `SEN003` two parameters with one name. `[("fee", 0, 1), ("fee", 2, 3)]` → distinct names.
/// - `SEN004` a design size or setting out of range: Morris `trajectories: 0` → `≥ 1`;
///   Morris `levels: 3` → an even number `≥ 2` (default 4); Saltelli `baseSamples: 1` → `≥ 2`
///   (a power of two such as 1024 suits the Sobol' sequence best).
///   `SobolSequence(dimensions: 65)` → 1 to 64 dimensions.
/// - `SEN005` outputs that do not match the design: one output per design point, in order.
/// - `SEN006` outputs with different numbers of metrics, or none: every point's output has
///   the same `m ≥ 1` metrics, in the same order.
/// - `SEN007` an output that is NaN or infinite: analyses need finite numbers; drop or
///   repair failed runs before analysing.
/// - `SEN008` too many parameters for the Sobol' sequence (it needs `2k` dimensions):
///   use `sampling: .pseudoRandom`, or fewer parameters.
/// - `SEN009` bad bootstrap options: `resamples < 0` or a confidence level outside (0, 1).
public struct SensitivityError: Error, CustomStringConvertible, Sendable, Equatable {
    let kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    /// The stable code of this kind of error, `SEN001` to `SEN009`.
    public var code: String { kind.code }

    /// What is wrong and what would be accepted.
    public var message: String { kind.message }

    /// `error SEN002: parameter "fee": low (0.01) must be less than high (0.01), both finite`.
    public var description: String { "error \(code): \(message)" }

    enum Kind: Sendable, Equatable {
        case noParameters
        case badRange(name: String, low: Double, high: Double)
        case duplicateName(String)
        case badSetting(name: String, value: Int, requirement: String)
        case outputCount(expected: Int, found: Int)
        case metricCount(point: Int, expected: Int, found: Int)
        case nonFinite(point: Int, metric: Int, value: Double)
        case tooManyParametersForSobol(parameters: Int, maximum: Int)
        case badBootstrap(detail: String)

        var code: String {
            switch self {
            case .noParameters: "SEN001"
            case .badRange: "SEN002"
            case .duplicateName: "SEN003"
            case .badSetting: "SEN004"
            case .outputCount: "SEN005"
            case .metricCount: "SEN006"
            case .nonFinite: "SEN007"
            case .tooManyParametersForSobol: "SEN008"
            case .badBootstrap: "SEN009"
            }
        }

        var message: String {
            switch self {
            case .noParameters:
                "no parameters; give at least one (name:, low:, high:) range"
            case .badRange(let name, let low, let high):
                "parameter \"\(name)\": low (\(low)) must be less than high (\(high)), both finite"
            case .duplicateName(let name):
                "parameter \"\(name)\" appears twice; parameter names must be distinct"
            case .badSetting(let name, let value, let requirement):
                "\(name) = \(value); \(requirement)"
            case .outputCount(let expected, let found):
                "\(found) outputs for a design of \(expected) points; give one output per point, in design order"
            case .metricCount(let point, let expected, let found):
                "output \(point) has \(found) metrics, expected \(expected); every output needs the same metrics, at least one"
            case .nonFinite(let point, let metric, let value):
                "output \(point), metric \(metric) is \(value); outputs must be finite"
            case .tooManyParametersForSobol(let parameters, let maximum):
                "\(parameters) parameters need \(2 * parameters) Sobol' dimensions; the direction-number table has "
                    + "\(2 * maximum) (at most \(maximum) parameters); use sampling: .pseudoRandom"
            case .badBootstrap(let detail):
                detail
            }
        }
    }
}
