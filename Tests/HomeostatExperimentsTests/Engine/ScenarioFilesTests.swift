import Foundation
import HomeostatEngine
import HomeostatScenario
import Testing

/// The registry's sections: the built-in decoders in their order, a library user's section
/// through a `ModuleDescriptor`, its settable parameter, its validation and its canonical form.
@Suite struct ScenarioFilesTests {
    /// `mechanisms.ramp: {rate}`: a section with a settable parameter and a canonical form.
    struct RampSpec: ScenarioSection, Equatable {
        var rate: Double
        static let parameter = SettableParameter(rawValue: "mechanisms.ramp.rate")
        func canonicalFields() -> SectionValue? { .map([("rate", .double(rate))]) }
    }

    static let decoder = SectionDecoder(
        key: "ramp", fields: ["rate"], settable: [.init(RampSpec.parameter, domain: .fraction)],
        decode: { (r: SectionReader) throws(ScenarioError) -> any ScenarioSection in RampSpec(rate: try r.double("rate", .fraction)) },
        validate: { (r: SectionReader, s: Scenario) throws(ScenarioError) in
            guard s.mechanisms.emission == nil else { return }
            throw r.error(ScenarioError.Code.conflict, at: .sectionKey, "needs mechanisms.emission")
        })

    static let registry = ModuleRegistry(modules: [
        ModuleDescriptor(section: decoder) { (_: Scenario, _: inout World) throws(SimulationError) -> (any Module)? in nil }
    ])

    static func parse(_ text: String) throws(ScenarioError) -> Scenario {
        try ScenarioFiles.parse(text, file: "ramp.yaml", baseDirectory: nil, registry: registry)
    }

    static let text = """
        name: ramp
        mechanisms:
          vote_escrow: {}
          emission: {schedule: constant, per_day: 10}
          ramp: {rate: 0.25}
        events:
          - {day: 3, set: {mechanisms.ramp.rate: 0.5}}
        """

    @Test func theBuiltInSectionsAreListedInDecodeOrder() {
        #expect(ModuleRegistry.builtInSections.map(\.key) == [
            "vote_escrow", "emission", "fee_sharing", "staking", "gauges", "exit_penalty", "revenue_split", "treasury", "governance",
        ])
        #expect(Self.registry.sections.map(\.key).last == "ramp")
    }

    @Test func aDescriptorsSectionLoadsWithItsSettableParameter() throws {
        let s = try Self.parse(Self.text)
        #expect(s.sections["ramp"] as? RampSpec == RampSpec(rate: 0.25))
        #expect(s.events == [EventSpec(day: 3, action: .set(RampSpec.parameter, 0.5))])
        #expect(Self.registry.settableParameters.last?.parameter == RampSpec.parameter)
        #expect(!ModuleRegistry.standard.settableParameters.contains { $0.parameter == RampSpec.parameter })
    }

    @Test func anEventOnAnAbsentSectionIsALocatedError() throws {
        let text = "name: ramp\nevents:\n  - {day: 3, set: {mechanisms.ramp.rate: 0.5}}\n"
        let error = try #require(throws: ScenarioError.self) { try Self.parse(text) }
        #expect(error.code == "SCN007")
        #expect(error.message == "events[0].set[\"mechanisms.ramp.rate\"]: the scenario has no mechanisms.ramp for this event to change")
    }

    @Test func theValidationSeesTheOtherSections() throws {
        let text = Self.text.replacingOccurrences(of: "  emission: {schedule: constant, per_day: 10}\n", with: "")
        let error = try #require(throws: ScenarioError.self) { try Self.parse(text) }
        #expect(error.code == "SCN011" && error.path == "mechanisms.ramp" && error.line == 4)
    }

    @Test func theCanonicalFormWritesItAfterTheBuiltInSections() throws {
        let s = try Self.parse(Self.text)
        let yaml = ScenarioWriter.yaml(s)
        #expect(yaml.contains("mechanisms:\n  vote_escrow: {max_lock_days: 1460, week_rounding: true}\n  emission: {schedule: constant, per_day: 10.0}\n  ramp: {rate: 0.25}\n"))
        #expect(try Self.parse(yaml) == s)
        #expect(try Self.parse(ScenarioWriter.json(s)) == s)
    }
}
