public import HomeostatMechanisms
public import HomeostatScenario

/// `mechanisms.controllers`: the scenario's automatic controllers and policies, a mapping from
/// each one's name to its fields.
///
/// ```yaml
/// mechanisms:
///   controllers:
///     tvl:                                  # the name: controller_output:tvl, ...
///       rule: pid                           # pid (default) | step | adaptive | policy
///       measure: "gauge_tvl:farm"           # any metric of the run
///       target: 3000000
///       set: mechanisms.emission.scale      # any settable parameter
///       kp: 2.0e-7
///       ki: 1.0e-8
///       bias: 1                             # output at zero error and integral
///       min: 0
///       max: 3
///       every: 7                            # days between updates
///       window: 7                           # mean of the last N daily values
///       delay: 0                            # days the measurement lags
/// ```
///
/// A mapping rather than a list: the section reaches its module as a mapping of fields (the
/// public ``SectionDecoder`` API), and a name per entry is needed anyway for its metrics. A
/// policy is an entry with `rule: policy` (`when: below|above`, `threshold`, `release`,
/// `value`, `otherwise`), so one section holds every rule that changes parameters by itself.
public struct ControllersSpec: ScenarioSection, Equatable {
    /// The controllers, in file order.
    public var controllers: [ControllerSpec]

    /// The metric kinds recorded per controller, `KIND:NAME`.
    public static let perControllerKinds = [
        "controller_measured", "controller_error", "controller_output", "controller_integral",
        "overshoot", "settling_days", "saturation_share", "oscillation", "controller_mean_measured",
    ]
    /// The run summaries over every controller (the worst of them).
    public static let summaryMetrics = ["overshoot", "settling_days", "saturation_share", "oscillation"]

    /// `KIND:NAME` for every kind and controller, then the run summaries.
    public var metricNames: [String] {
        Self.perControllerKinds.flatMap { kind in controllers.map { "\(kind):\($0.name)" } } + Self.summaryMetrics
    }
}

/// One controller or policy of `mechanisms.controllers`.
public struct ControllerSpec: Sendable, Equatable {
    /// How the output is computed from the measurement.
    public enum Rule: Sendable, Equatable {
        /// A PID (``PIDController``).
        case pid(PIDController.Parameters)
        /// A bounded step or the adaptive curve, from `initial`.
        case adaptive(AdaptiveRule, initial: Double)
        /// Set `value` when the measurement crosses `threshold` (from above for `below`), and
        /// `otherwise` (nil: leave it) once it crosses back past `release` (hysteresis).
        case policy(below: Bool, threshold: Double, release: Double, value: Double, otherwise: Double?)
    }

    /// Its name (`controller_output:NAME`).
    public var name: String
    /// Its rule.
    public var rule: Rule
    /// The metric it measures.
    public var measure: String
    /// The measurement's target (a policy: its threshold).
    public var target: Double
    /// The parameter it sets.
    public var parameter: SettableParameter
    /// The smallest output (a policy: the parameter's domain's).
    public var minOutput: Double
    /// The largest output (a policy: the parameter's domain's).
    public var maxOutput: Double
    /// The error is `measured − target` (raising the output lowers the metric); a PID keeps
    /// its own copy in its parameters.
    public var reverse: Bool
    /// Days between updates (the first on day 1, from the day-0 state).
    public var every: Int
    /// The measurement is the mean of this many daily values.
    public var window: Int
    /// Days the measurement lags.
    public var delay: Int
    /// Whether each change is put to governance (`.propose`) instead of set at once.
    public var viaGovernance: Bool
    /// The settling band, a fraction of `|target|`: settling time and the oscillation count
    /// ignore errors within it.
    public var band: Double
    /// Where `measure` is written, for the run's check that some module computes it.
    public var measureLocation: SectionLocation
    /// Where `set` is written, for the run's check that some module applies it.
    public var parameterLocation: SectionLocation

    /// The action that sets the parameter to `value` (or proposes it).
    public func action(_ value: Double) -> EventAction {
        viaGovernance ? .propose(parameter, value) : .set(parameter, value)
    }
}

extension ControllersModule {
    /// The section's key under `mechanisms:`.
    public static let key = "controllers"

    /// The decoder of `mechanisms.controllers`.
    public static let section = SectionDecoder(key: key, metrics: ControllersSpec.summaryMetrics) {
        (reader: SectionReader) throws(ScenarioError) -> any ScenarioSection in
        var controllers: [ControllerSpec] = []
        for (name, entry) in try reader.namedEntries() {
            controllers.append(try decodeController(name, entry))
        }
        return ControllersSpec(controllers: controllers)
    }

    static let commonFields = ["rule", "measure", "set", "every", "window", "delay", "via", "band"]
    static let pidFields = ["target", "kp", "ki", "kd", "bias", "min", "max", "max_step", "anti_windup", "tracking_gain", "reverse"]
    static let stepFields = ["target", "initial", "min", "max", "reverse", "step"]
    static let adaptiveFields = ["target", "initial", "min", "max", "reverse", "speed"]
    static let policyFields = ["when", "threshold", "release", "value", "otherwise"]

    /// The built-in settable parameters (the market's and the built-in sections'), which a
    /// controller may drive.
    static let settable = SettableParameter.declared(by: ModuleRegistry.builtInSections)

    /// The domain of a settable parameter: what a controller may set it to (the closed range
    /// its declaration accepts; an open end is treated as closed, and a missing one as the
    /// largest finite number).
    static func domain(_ p: SettableParameter) -> (min: Double, max: Double) {
        let declared = settable.first { $0.parameter == p }?.domain
        return (declared?.lowerBound ?? -.greatestFiniteMagnitude, declared?.upperBound ?? .greatestFiniteMagnitude)
    }

    static func decodeController(_ name: String, _ r: SectionReader) throws(ScenarioError) -> ControllerSpec {
        let rule = try r.keyword("rule", in: ["pid", "step", "adaptive", "policy"], default: "pid", what: "controller rule")
        let specific = switch rule {
        case "pid": pidFields
        case "policy": policyFields
        case "step": stepFields
        default: adaptiveFields
        }
        try r.checkFields(commonFields + specific)
        let measure = try r.string("measure")
        let parameterName = try r.keyword("set", in: settable.map(\.parameter.rawValue), what: "settable parameter")
        let parameter = SettableParameter(rawValue: parameterName)
        let domain = domain(parameter)
        let every = try r.int("every", default: 1, 1...36_500)
        let window = try r.int("window", default: 1, 1...3_650)
        let delay = try r.int("delay", default: 0, 0...3_650)
        let via = try r.keyword("via", in: ["direct", "governance"], default: "direct", what: "route")
        let band = try r.double("band", default: 0.05, min: 0, max: 1)

        var minOutput = domain.min
        var maxOutput = domain.max
        var target = 0.0
        let built: ControllerSpec.Rule
        if rule == "policy" {
            let when = try r.keyword("when", in: ["below", "above"], what: "crossing")
            let threshold = try r.double("threshold")
            let release = try r.double("release", default: threshold)
            let below = when == "below"
            if below ? release < threshold : release > threshold {
                throw r.conflict(
                    "release", "a policy that turns on \(when) \(threshold) must release at or \(below ? "above" : "below") it, got \(release)")
            }
            let value = try r.double("value", min: domain.min, max: domain.max)
            let otherwise = r.has("otherwise") ? try r.double("otherwise", default: 0, min: domain.min, max: domain.max) : nil
            target = threshold
            built = .policy(below: below, threshold: threshold, release: release, value: value, otherwise: otherwise)
        } else {
            target = try r.double("target")
            minOutput = try r.double("min", default: domain.min, min: domain.min, max: domain.max)
            maxOutput = try r.double("max", default: domain.max, min: domain.min, max: domain.max)
            if minOutput > maxOutput {
                throw r.conflict("min", "the output bounds must satisfy min <= max, got min \(minOutput) > max \(maxOutput)")
            }
            let reverse = try r.bool("reverse", default: false)
            if rule == "pid" {
                let bias = try r.double("bias")
                guard bias >= minOutput && bias <= maxOutput else {
                    throw r.conflict("bias", "the bias \(bias) must lie within the output bounds [\(minOutput), \(maxOutput)]")
                }
                let antiWindup = try r.keyword("anti_windup", in: ["clamping", "back_calculation"], default: "clamping", what: "anti-windup")
                // Back-calculation moves ki·I by tracking_gain·every·(u − u_raw) per update: the
                // default 1/every removes the excess in one update; past 2/every the discrete
                // tracking loop itself diverges.
                let tracking = try r.double("tracking_gain", default: 1 / Double(every), min: 0)
                if antiWindup == "clamping" && r.has("tracking_gain") {
                    throw r.conflict("tracking_gain", "tracking_gain applies to anti_windup: back_calculation only")
                }
                if tracking * Double(every) > 2 {
                    throw r.conflict(
                        "tracking_gain", "tracking_gain × every must be at most 2 (the tracking loop diverges past it), got \(tracking) × \(every)")
                }
                let kp = try r.double("kp")
                let ki = try r.double("ki", default: 0)
                let kd = try r.double("kd", default: 0)
                let maxStep = try r.double("max_step", default: .infinity, min: 0)
                if maxStep == 0 { throw r.conflict("max_step", "the largest step per update must be > 0") }
                do throws(ControllerError) {
                    built = .pid(try PIDController.Parameters(
                        kp: kp, ki: ki, kd: kd, bias: bias, minOutput: minOutput, maxOutput: maxOutput, maxStep: maxStep,
                        antiWindup: antiWindup == "clamping" ? .clamping : .backCalculation(gain: tracking), reverse: reverse))
                } catch {
                    throw r.conflict("kp", error.description)
                }
            } else {
                let initial = try r.double("initial", min: minOutput, max: maxOutput)
                guard initial > 0 else { throw r.conflict("initial", "a multiplicative rule needs an initial output > 0, got \(initial)") }
                if rule == "step" {
                    built = .adaptive(.boundedStep(step: try r.double("step", min: 0, max: 1), deadband: band * abs(target)), initial: initial)
                } else {
                    let scale = abs(target) > 0 ? abs(target) : 1
                    built = .adaptive(.adaptiveCurve(speed: try r.double("speed", min: 0, max: 1e6), scale: scale), initial: initial)
                }
            }
        }
        let reverse = rule == "policy" ? false : try r.bool("reverse", default: false)
        return ControllerSpec(
            name: name, rule: built, measure: measure, target: target, parameter: parameter, minOutput: minOutput, maxOutput: maxOutput,
            reverse: reverse, every: every, window: window, delay: delay, viaGovernance: via == "governance", band: band,
            measureLocation: r.location("measure"), parameterLocation: r.location("set"))
    }
}
