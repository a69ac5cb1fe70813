public import HomeostatCore
import HomeostatMechanisms
import HomeostatScenario

/// Automatic controllers and policies (`mechanisms.controllers`): each measures a metric of
/// the run and changes a settable parameter toward a target, the way Reflexer's PI
/// controller, Morpho's adaptive curve or a governance autopilot do on chain.
///
/// **Measurement.** The module names the metrics it reads in ``needs``; the engine evaluates
/// them at the end of every day (the values that day's record holds) into
/// ``World/measurement(_:)``. So the controller reads another module's metric without
/// touching its state, one day late — the value a keeper reads from yesterday's chain state.
///
/// **Acting.** Its one hook runs at the start of each day, after the day's flows restart and
/// before the scripted events: it appends yesterday's measurement to each controller's
/// history, and on update days (days 1, 1 + every, 1 + 2·every, …, once the history holds a
/// full window: day-0 state onward) computes the new output from the mean of `window` daily
/// values ending `delay` days back, and hands `.set(parameter, value)`
/// (or `.propose` through governance) to ``World/pendingActions``: the module that owns the
/// parameter applies it exactly as it would a scripted event. A scripted event on the same
/// day comes after, and wins.
///
/// **Metrics.** Per controller `controller_measured|error|output|integral:NAME` (as of the
/// last update) and its run summaries so far: `overshoot:NAME` (the largest excursion past
/// the target ÷ the initial distance to it), `settling_days:NAME` (the last day the daily
/// measurement was outside `band·|target|` of the target; 0 if never; NaN while still outside
/// it), `saturation_share:NAME` (the share of updates whose output sat at `min` or `max`) and
/// `oscillation:NAME` (the share of consecutive updates whose errors, outside the band, have
/// opposite signs: 0 for a monotone approach, near 1 for a loop that flips every update, as a
/// discrete loop past its stability limit does), and `controller_mean_measured:NAME`, the
/// mean daily measurement since day 1 (what a TVL target held, on average). The unqualified
/// `overshoot`, `settling_days`, `saturation_share` and `oscillation` are the worst over the
/// controllers.
public struct ControllersModule: Module {
    /// One controller's state.
    struct Loop: Sendable {
        let spec: ControllerSpec
        var pid: PIDController?
        /// The output of a step, adaptive or policy rule (NaN: a policy that never acted).
        var output: Double
        /// A policy's state.
        var engaged = false
        /// Daily measurements, newest last, at most `window + delay` of them.
        var history: [Double] = []
        var measured = Double.nan
        var error = Double.nan
        var updates = 0
        var atBounds = 0
        var flips = 0
        var lastSign = 0
        var firstMeasurement: Double?
        var peakPast = 0.0
        var lastOutside: Int?
        var outsideNow = false
        var sumMeasured = 0.0
        var daysMeasured = 0

        init(_ spec: ControllerSpec) {
            self.spec = spec
            switch spec.rule {
            case .pid(let p):
                pid = PIDController(p)
                output = p.bias
            case .adaptive(_, let initial): output = initial
            case .policy: output = .nan
            }
        }

        var integral: Double { pid?.integral ?? 0 }

        var overshoot: Double {
            guard let first = firstMeasurement else { return .nan }
            let distance = abs(spec.target - first)
            return peakPast / (distance > 0 ? distance : max(abs(spec.target), 1))
        }

        var settlingDays: Double { outsideNow ? .nan : Double(lastOutside ?? 0) }
        var saturationShare: Double { updates == 0 ? 0 : Double(atBounds) / Double(updates) }
        var oscillation: Double { updates < 2 ? 0 : Double(flips) / Double(updates - 1) }
        var meanMeasured: Double { daysMeasured == 0 ? .nan : sumMeasured / Double(daysMeasured) }

        /// Today's measurement (of day `day`): the run statistics and the history.
        mutating func observe(_ value: Double, day: Int) {
            if value.isFinite {
                if day > 0 {
                    sumMeasured += value
                    daysMeasured += 1
                }
                if firstMeasurement == nil { firstMeasurement = value }
                if let first = firstMeasurement {
                    // Past the target in the direction of approach.
                    let direction: Double = spec.target >= first ? 1 : -1
                    peakPast = max(peakPast, direction * (value - spec.target))
                }
                outsideNow = abs(value - spec.target) > spec.band * abs(spec.target)
                if outsideNow { lastOutside = day }
            }
            history.append(value)
            let keep = spec.window + spec.delay
            if history.count > keep { history.removeFirst(history.count - keep) }
        }

        /// The smoothed, delayed measurement: the mean of the finite values among the
        /// `window` ending `delay` days back; nil before the history holds a full window.
        var smoothed: Double? {
            guard history.count >= spec.window + spec.delay else { return nil }
            let end = history.count - spec.delay
            var sum = 0.0
            var n = 0
            for v in history[max(0, end - spec.window)..<end] where v.isFinite {
                sum += v
                n += 1
            }
            return n == 0 ? nil : sum / Double(n)
        }

        /// One update; returns the value to set, or nil for none.
        mutating func update() -> Double? {
            guard let m = smoothed else { return nil }
            let s = spec
            let e = s.reverse ? m - s.target : s.target - m
            measured = m
            var value: Double?
            switch s.rule {
            case .pid:
                guard var p = pid else { return nil }
                output = p.update(measured: m, target: s.target, dt: Double(s.every))
                pid = p
                error = p.error(measured: m, target: s.target)
                value = output
            case .adaptive(let rule, _):
                error = e
                output = rule.next(output: output, error: e, days: Double(s.every), minOutput: s.minOutput, maxOutput: s.maxOutput)
                value = output
            case .policy(let below, let threshold, let release, let on, let off):
                error = m - threshold
                if !engaged && (below ? m < threshold : m > threshold) {
                    engaged = true
                    output = on
                    value = on
                } else if engaged && (below ? m > release : m < release) {
                    engaged = false
                    if let off {
                        output = off
                        value = off
                    }
                }
            }
            updates += 1
            // A policy sets its two values, not a bounded output: it never counts as saturated.
            if case .policy = s.rule {} else if output <= s.minOutput || output >= s.maxOutput { atBounds += 1 }
            let sign = abs(error) <= s.band * abs(s.target) ? 0 : (error > 0 ? 1 : -1)
            if sign != 0 {
                if lastSign != 0 && sign != lastSign { flips += 1 }
                lastSign = sign
            }
            return value
        }
    }

    var loops: [Loop]

    /// The controllers of `spec`, at rest.
    public init(_ spec: ControllersSpec) {
        loops = spec.controllers.map(Loop.init)
    }

    /// How a simulation builds the module when the scenario has `mechanisms.controllers`.
    public static let descriptor = ModuleDescriptor(section: section) {
        (scenario: Scenario, world: inout World) throws(SimulationError) -> (any Module)? in
        guard let spec = scenario.sections[key] as? ControllersSpec, !spec.controllers.isEmpty else { return nil }
        return ControllersModule(spec)
    }

    public var name: String { "controllers" }

    public var hooks: [Hook] {
        [Hook(.dayStart, 100, "controllers and policies: yesterday's measurement; on update days, set their parameters")]
    }

    public var needs: ModuleNeeds {
        var needs = ModuleNeeds()
        for loop in loops {
            let s = loop.spec
            needs.metrics.append((s.measure, s.measureLocation))
            needs.actions.append((.set(s.parameter, 0), s.parameterLocation))
            if s.viaGovernance { needs.actions.append((.propose(s.parameter, 0), s.parameterLocation)) }
        }
        return needs
    }

    public mutating func run(_ hook: Hook, world: inout World) {
        let day = world.day
        for k in loops.indices {
            let spec = loops[k].spec
            loops[k].observe(world.measurement(spec.measure) ?? .nan, day: day - 1)
            guard (day - 1) % spec.every == 0, let value = loops[k].update() else { continue }
            world.pendingActions.append(spec.action(value))
        }
    }

    static let kinds = ControllersSpec.perControllerKinds

    public func metricSlot(_ name: String, world: World) -> Int? {
        if let s = ControllersSpec.summaryMetrics.firstIndex(of: name) { return -1 - s }
        guard let colon = name.firstIndex(of: ":"), let kind = Self.kinds.firstIndex(of: String(name[..<colon])),
              let loop = loops.firstIndex(where: { $0.spec.name == name[name.index(after: colon)...] })
        else { return nil }
        return loop * Self.kinds.count + kind
    }

    public mutating func metric(_ slot: Int, world: inout World) -> Double {
        if slot < 0 {
            // The worst over the controllers: the largest of each summary (NaN, never settled, first).
            let kind = 4 + (-1 - slot)
            var worst = 0.0
            for k in loops.indices {
                let v = value(loops[k], kind)
                if v.isNaN { return .nan }
                worst = max(worst, v)
            }
            return worst
        }
        return value(loops[slot / Self.kinds.count], slot % Self.kinds.count)
    }

    func value(_ loop: Loop, _ kind: Int) -> Double {
        switch kind {
        case 0: loop.measured
        case 1: loop.error
        case 2: loop.output
        case 3: loop.integral
        case 4: loop.overshoot
        case 5: loop.settlingDays
        case 6: loop.saturationShare
        case 7: loop.oscillation
        default: loop.meanMeasured
        }
    }

    /// Every output stays within its bounds and is finite once set.
    public func firstViolation(world: World) -> InvariantViolation? {
        for loop in loops where !loop.output.isNaN {
            guard loop.output.isFinite, loop.output >= loop.spec.minOutput, loop.output <= loop.spec.maxOutput else {
                return InvariantViolation("controller \(loop.spec.name): output \(loop.output) outside [\(loop.spec.minOutput), \(loop.spec.maxOutput)]")
            }
        }
        return nil
    }
}
