import Foundation
import HomeostatCore
import HomeostatEngine
import HomeostatExperiments
import HomeostatMechanisms
import HomeostatScenario
import Testing

/// `mechanisms.controllers` on a first-order plant (closed forms), on the example, and with
/// bad input.
@Suite struct ControllersTests {
    static let sections = ModuleRegistry.standard.sections + [PlantSpec.decoder]
    static let registry = ModuleRegistry(
        modules: ModuleRegistry.standard.modules + [PlantSpec.descriptor], sections: [PlantSpec.decoder])

    /// K = 2, τ = 5 days; the controller's fields are `controller` (indented under its name).
    static func plantText(_ controller: String, days: Int = 60, offset: Double = 0) -> String {
        """
        name: plant
        seed: 1
        horizon_days: \(days)
        mechanisms:
          plant: {gain: 2, tau: 5, offset: \(offset)}
          controllers:
            loop:
        \(controller.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))
        populations:
          - {name: holders, count: 5, behaviour: holder}
        metrics:
          names: [plant_x, "controller_output:loop", "controller_integral:loop", "controller_error:loop",
                  "oscillation:loop", "saturation_share:loop", oscillation, overshoot, settling_days]
        """
    }

    static func scenario(_ text: String) throws -> Scenario {
        try ScenarioLoader.parse(text, file: "plant.yaml", baseDirectory: nil, sections: sections)
    }

    static func run(_ text: String, check: Bool = true) throws -> MetricRecorder {
        var sim = try Simulation(scenario: try scenario(text), run: 1, registry: registry)
        let outcome = sim.run(check: check)
        guard case .completed(let records) = outcome else { throw SimulationError(day: -1, message: "\(outcome)") }
        return records
    }

    static let a = _exp(-1.0 / 5)
    static let b = (1 - a) * 2

    static func close(_ x: Double, _ y: Double) -> Bool { abs(x - y) <= 1e-9 * max(1, abs(y)) }

    // MARK: Closed forms

    /// P only, u_d = kp·(r − x_{d−1}): x_d = x* + (x₀ − x*)·p^d with p = a − b·kp and
    /// x* = K·kp·r/(1 + K·kp), so the steady-state error is r/(1 + K·kp).
    @Test func pOnlyFollowsItsClosedFormAndLeavesTheAnalyticSteadyStateError() throws {
        let kp = 0.5
        let r = 1.0
        let x = try #require(try Self.run(Self.plantText("measure: plant_x\ntarget: 1\nset: mechanisms.emission.scale\nkp: 0.5\nbias: 0\nmin: 0\nmax: 100")).series("plant_x"))
        let p = Self.a - Self.b * kp
        let fixed = 2 * kp * r / (1 + 2 * kp)
        #expect(x.count == 60)
        for (k, value) in x.enumerated() {
            let d = Double(k + 1)
            #expect(Self.close(value, fixed + (0 - fixed) * _pow(p, d)), "day \(k + 1): \(value)")
        }
        let last = try #require(x.last)
        #expect(abs((r - last) - r / (1 + 2 * kp)) < 1e-9)
        #expect(r - last > 0.49, "P-only must leave its steady-state error")
    }

    /// PI, u_d = kp·e_d + ki·Σ_{j<d} e_j: x_d = r + c₁λ₁^d + c₂λ₂^d, λ the roots of
    /// z² − (1 + a − b·kp)z + (a − b·kp + b·ki), from x₀ = 0 and x₁ = b·kp·r; no error left.
    @Test func piFollowsItsClosedFormAndRemovesTheError() throws {
        let (kp, ki, r) = (0.5, 0.05, 1.0)
        let x = try #require(try Self.run(Self.plantText(
            "measure: plant_x\ntarget: 1\nset: mechanisms.emission.scale\nkp: 0.5\nki: 0.05\nbias: 0\nmin: 0\nmax: 100", days: 60)).series("plant_x"))
        let (a, b) = (Self.a, Self.b)
        let trace = 1 + a - b * kp
        let det = a - b * kp + b * ki
        let disc = trace * trace - 4 * det
        try #require(disc > 0, "these gains give real roots")
        let l1 = (trace + disc.squareRoot()) / 2
        let l2 = (trace - disc.squareRoot()) / 2
        let (y0, y1) = (0 - r, b * kp * r - r)
        let c2 = (y1 - l1 * y0) / (l2 - l1)
        let c1 = y0 - c2
        for (k, value) in x.enumerated() {
            let d = Double(k + 1)
            #expect(Self.close(value, r + c1 * _pow(l1, d) + c2 * _pow(l2, d)), "day \(k + 1): \(value)")
        }
        #expect(abs(try #require(x.last) - r) < 0.05)
    }

    /// A 3-day window 2 days late: from day 5 (the first with 5 daily values, days 0…4) the
    /// output on day d is `kp·(r − mean(x_{d−5}, x_{d−4}, x_{d−3}))`; before, it holds the bias.
    @Test func theMeasurementIsTheWindowsMeanDelayed() throws {
        let records = try Self.run(Self.plantText(
            "measure: plant_x\ntarget: 1\nset: mechanisms.emission.scale\nkp: 0.5\nbias: 0\nmin: 0\nmax: 100\nwindow: 3\ndelay: 2", days: 40))
        let series = try #require(records.series("plant_x"))
        let output = try #require(records.series("controller_output:loop"))
        let x = [0.0] + series  // x[d] = the state at the end of day d
        #expect(output[0..<4].allSatisfy { $0 == 0 }, "no update before the window is full")
        for d in 5...40 {
            let mean = (x[d - 5] + x[d - 4] + x[d - 3]) / 3
            #expect(Self.close(output[d - 1], 0.5 * (1 - mean)), "day \(d)")
        }
    }

    /// A target the bounded output cannot reach (x ≤ K·max = 2 < 10): clamping stops the
    /// integral at once; back-calculation holds it at its finite equilibrium. Without either,
    /// Σe over 200 days would exceed 1600.
    @Test(arguments: ["clamping", "back_calculation"])
    func antiWindupKeepsTheIntegralBounded(_ rule: String) throws {
        let records = try Self.run(Self.plantText(
            "measure: plant_x\ntarget: 10\nset: mechanisms.emission.scale\nkp: 0.5\nki: 0.05\nbias: 0\nmin: 0\nmax: 1\nanti_windup: \(rule)",
            days: 200))
        let integral = try #require(records.series("controller_integral:loop"))
        let output = try #require(records.series("controller_output:loop"))
        #expect(output.allSatisfy { $0 == 1 }, "the output sits at its bound")
        #expect(abs(try #require(integral.last)) < 100, "\(rule): integral \(integral.last ?? .nan)")
        #expect(abs(integral[199] - integral[149]) < 1e-6, "\(rule): the integral settles")
        #expect(try #require(records.series("saturation_share:loop")).last == 1)
    }

    /// P gain past the stability limit (pole a − b·kp = −2.08 < −1): the loop flips every day
    /// between its bounds; `oscillation` is near 1. The stable gain's monotone approach gives 0.
    @Test func oscillationMarksTheUnstableGain() throws {
        let unstable = try Self.run(Self.plantText(
            "measure: plant_x\ntarget: 1\nset: mechanisms.emission.scale\nkp: 8\nbias: 10\nmin: 0\nmax: 20", offset: 10))
        let stable = try Self.run(Self.plantText(
            "measure: plant_x\ntarget: 1\nset: mechanisms.emission.scale\nkp: 0.5\nbias: 10\nmin: 0\nmax: 20", offset: 10))
        let high = try #require(unstable.series("oscillation")?.last)
        #expect(high > 0.9, "oscillation \(high)")
        #expect(try #require(unstable.series("settling_days")?.last).isNaN, "an oscillating loop never settles")
        #expect(try #require(stable.series("oscillation")?.last) == 0)
        #expect(try #require(stable.series("overshoot")?.last) == 0)
    }

    /// The adaptive curve through the engine, on a measurement that stays put (`emission`, 0
    /// without an emission; target 1, so ê = 1 every day): the output is `u₀·e^{50·d/365}`.
    @Test func theAdaptiveRuleFollowsItsClosedFormInARun() throws {
        let records = try Self.run(Self.plantText(
            "rule: adaptive\nmeasure: emission\ntarget: 1\nset: mechanisms.emission.scale\nspeed: 50\ninitial: 0.04\nmin: 0\nmax: 1000", days: 30))
        let output = try #require(records.series("controller_output:loop"))
        for (k, u) in output.enumerated() {
            let expected = 0.04 * _exp(50 * Double(k + 1) / 365)
            #expect(Self.close(u, expected), "day \(k + 1): \(u) vs \(expected)")
        }
    }

    /// A policy with hysteresis: input 1 once x falls below 0.5, 0 once it rises past 1.5;
    /// between them the input holds, so x swings between the two thresholds.
    @Test func aPolicyActsOnlyOnCrossingItsThresholds() throws {
        let records = try Self.run(Self.plantText(
            "rule: policy\nmeasure: plant_x\nwhen: below\nthreshold: 0.5\nrelease: 1.5\nset: mechanisms.emission.scale\nvalue: 1\notherwise: 0", days: 120))
        let x = try #require(records.series("plant_x"))
        let u = try #require(records.series("controller_output:loop"))
        var switches = 0
        for d in 1..<x.count where u[d] != u[d - 1] {
            switches += 1
            // The input on day d + 1 follows the state at the end of day d.
            if u[d] == 1 { #expect(x[d - 1] < 0.5, "turned on at x = \(x[d - 1])") }
            if u[d] == 0 { #expect(x[d - 1] > 1.5, "turned off at x = \(x[d - 1])") }
        }
        #expect(switches >= 4, "the policy cycles")
        #expect(x.dropFirst(10).allSatisfy { $0 > 0.3 && $0 < 1.7 }, "x stays near the band")
        #expect(u[0] == 1, "x₀ = 0 is below the threshold: on from day 1")
    }

    @Test func aPolicyReleasingOnTheWrongSideIsALocatedError() throws {
        let text = Self.plantText(
            "rule: policy\nmeasure: plant_x\nwhen: below\nthreshold: 0.5\nrelease: 0.2\nset: mechanisms.emission.scale\nvalue: 1")
        let error = try #require(throws: ScenarioError.self) { try Self.scenario(text) }
        #expect(error.code == "SCN011")
        #expect(error.path == "mechanisms.controllers.loop.release")
    }

    // MARK: Bad input

    struct Bad: Sendable, CustomTestStringConvertible {
        let name: String
        let replace: String
        let with: String
        let code: String
        let field: String
        var testDescription: String { name }
    }

    static let good = "measure: plant_x\ntarget: 1\nset: mechanisms.emission.scale\nkp: 0.5\nbias: 0\nmin: 0\nmax: 100"

    @Test(arguments: [
        Bad(name: "NaN gain", replace: "kp: 0.5", with: "kp: .nan", code: "SCN008", field: "mechanisms.controllers.loop.kp"),
        Bad(name: "negative window", replace: "kp: 0.5", with: "kp: 0.5\nwindow: -3", code: "SCN003", field: "mechanisms.controllers.loop.window"),
        Bad(name: "negative cadence", replace: "kp: 0.5", with: "kp: 0.5\nevery: -1", code: "SCN003", field: "mechanisms.controllers.loop.every"),
        Bad(name: "unknown parameter", replace: "set: mechanisms.emission.scale", with: "set: mechanisms.emision.scale", code: "SCN009",
            field: "mechanisms.controllers.loop.set"),
        Bad(name: "min > max", replace: "min: 0", with: "min: 200", code: "SCN011", field: "mechanisms.controllers.loop.min"),
        Bad(name: "unknown field", replace: "kp: 0.5", with: "kp: 0.5\nkq: 1", code: "SCN001", field: "mechanisms.controllers.loop.kq"),
    ])
    func badConfigIsALocatedError(_ c: Bad) throws {
        let text = Self.plantText(Self.good.replacingOccurrences(of: c.replace, with: c.with))
        let error = try #require(throws: ScenarioError.self) { try Self.scenario(text) }
        #expect(error.code == c.code, "\(error)")
        #expect(error.path == c.field, "\(error)")
        #expect(error.file == "plant.yaml")
        let key = String(c.field.split(separator: ".").last ?? "")
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix(key + ":") })
        #expect(error.line == line + 1, "\(error)")
    }

    /// A metric no module computes and a parameter no module of the run sets are found when
    /// the run is built, and reported at the field with file, line and column.
    @Test(arguments: [
        ("measure: plant_x", "measure: plant_y", "mechanisms.controllers.loop.measure", "plant_y"),
        ("measure: plant_x", "measure: staking_queued", "mechanisms.controllers.loop.measure", "absent"),
        ("set: mechanisms.emission.scale", "set: mechanisms.fee_sharing.fee_rate\nkp: 0.5\nmax: 1", "mechanisms.controllers.loop.set", "no mechanism"),
    ])
    func aReferenceTheRunCannotMeetIsALocatedError(_ c: (String, String, String, String)) throws {
        var body = Self.good.replacingOccurrences(of: c.0, with: c.1)
        if c.1.contains("fee_rate") { body = "measure: plant_x\ntarget: 1\nset: mechanisms.fee_sharing.fee_rate\nkp: 0.5\nbias: 0\nmin: 0\nmax: 1" }
        let text = Self.plantText(body)
        let key = String(c.2.split(separator: ".").last ?? "")
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix(key + ":") }) + 1
        let error = try #require(throws: SimulationError.self) { try Simulation(scenario: try Self.scenario(text), run: 1, registry: Self.registry) }
        #expect(error.message.hasPrefix("plant.yaml:\(line):"), "\(error)")
        #expect(error.message.contains(c.2), "\(error)")
        #expect(error.message.contains(c.3), "\(error)")
    }

    // MARK: The example

    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples")

    static func example(_ name: String, days: Int = 120) throws -> Scenario {
        var s = try ScenarioLoader.load(path: examples.appendingPathComponent(name).path, sections: ModuleRegistry.standard.sections)
        s.horizonDays = days
        return s
    }

    /// The controller example conserves tokens after every step while it moves the emission
    /// scale, and gives the same bits on 1 and 2 threads.
    @Test func theExampleConservesAndIsDeterministic() throws {
        let s = try Self.example("emission-controller.yaml")
        let one = try Ensemble.run(s, options: EnsembleOptions(runs: 2, threads: 1, check: true))
        let two = try Ensemble.run(s, options: EnsembleOptions(runs: 2, threads: 2, check: false))
        for (x, y) in zip(one, two) {
            guard case .completed(let rx) = x.outcome, case .completed(let ry) = y.outcome else {
                Issue.record("a run failed: \(x.outcome) \(y.outcome)")
                continue
            }
            let output = try #require(rx.series("controller_output:tvl"))
            #expect(output.contains { !$0.isNaN && $0 != 1 }, "the controller moves the scale")
            for name in ["price", "gauge_tvl:farm", "controller_output:tvl", "controller_integral:tvl"] {
                #expect(rx.series(name)?.map(\.bitPattern) == ry.series(name)?.map(\.bitPattern), "\(name)")
            }
        }
    }

    /// `via: governance`: each update is a proposal (vote, then timelock) instead of a change;
    /// `ve-gauges-bribes.yaml`'s own proposal comes on day 200, so every proposal before is
    /// the controller's, and the direct route makes none.
    @Test(arguments: ["governance", "direct"])
    func aControllerCanGoThroughGovernance(_ via: String) throws {
        let path = Self.examples.appendingPathComponent("ve-gauges-bribes.yaml").path
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let controller = """
              controllers:
                fees: {measure: price, target: 1.2, set: mechanisms.fee_sharing.fee_rate, kp: 0.01, bias: 0.003, min: 0, max: 0.02, every: 30, via: \(via)}
              governance: {voting_power: ve
            """
        text = text.replacingOccurrences(of: "  governance: {voting_power: ve", with: controller)
        var s = try ScenarioLoader.parse(text, file: "gov.yaml", baseDirectory: nil, sections: ModuleRegistry.standard.sections)
        s.horizonDays = 100
        s.metrics.names = ["proposals_executed", "proposals_defeated", "controller_output:fees", "fee_revenue"]
        for i in s.populations.indices { s.populations[i].count = min(s.populations[i].count, 100) }
        var sim = try Simulation(scenario: s, run: 1)
        guard case .completed(let records) = sim.run(check: true) else {
            Issue.record("the run failed")
            return
        }
        let executed = try #require(records.series("proposals_executed")?.last)
        let defeated = try #require(records.series("proposals_defeated")?.last)
        if via == "governance" {
            #expect(executed + defeated >= 2, "executed \(executed), defeated \(defeated)")
        } else {
            #expect(executed + defeated == 0)
        }
        #expect(try #require(records.series("controller_output:fees")).contains { $0 != 0.003 })
    }

    /// The controller with gains 0 holds the scale at its bias, 1: the same bits as the
    /// fixed schedule in every metric both record.
    @Test func aControllerThatIsOffChangesNothing() throws {
        let fixed = try Self.example("liquidity-mining-fatigue.yaml")
        let off = try Self.example("emission-controller-off.yaml")
        var a = try Simulation(scenario: fixed, run: 1)
        var b = try Simulation(scenario: off, run: 1)
        guard case .completed(let ra) = a.run(check: false), case .completed(let rb) = b.run(check: false) else {
            Issue.record("a run failed")
            return
        }
        let shared = try #require(fixed.metrics.names)
        for name in shared {
            #expect(ra.series(name)?.map(\.bitPattern) == rb.series(name)?.map(\.bitPattern), "\(name)")
        }
        #expect(Set(try #require(rb.series("controller_output:tvl"))) == [1])
    }
}
