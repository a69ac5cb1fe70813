import HomeostatEngine
import HomeostatScenario
import Testing

/// A module's section read through the public ``SectionReader``: nested lists and mappings,
/// keywords, located errors, and the validation hook that sees the whole scenario.
@Suite struct SectionReaderTests {
    enum Mode: String, CaseIterable { case slow, fast }

    struct Spec: ScenarioSection, Equatable {
        var mode: Mode
        var steps: [Double]
    }

    static let decoder = SectionDecoder(
        key: "ramp", fields: ["mode", "steps"],
        decode: { (r: SectionReader) throws(ScenarioError) -> any ScenarioSection in
            let mode = try r.keyword("mode", default: Mode.slow, what: "ramp mode")
            let items = try r.required("steps", expected: "a list of numbers").list(of: "numbers")
            guard !items.isEmpty else {
                throw r.error(ScenarioError.Code.outOfRange, at: .field("steps"), "the list is empty")
            }
            var steps: [Double] = []
            for item in items { steps.append(try item.double(.fraction)) }
            return Spec(mode: mode, steps: steps)
        },
        validate: { (r: SectionReader, s: Scenario) throws(ScenarioError) in
            guard s.mechanisms.voteEscrow == nil else { return }
            throw r.error(ScenarioError.Code.conflict, at: .sectionKey, "needs mechanisms.vote_escrow")
        })

    static func parse(_ mechanisms: String) throws(ScenarioError) -> Scenario {
        try ScenarioFiles.parse("name: t\nmechanisms:\n\(mechanisms)", file: "t.yaml", baseDirectory: nil, sections: [decoder])
    }

    @Test func nestedValuesDecode() throws {
        let s = try Self.parse("  vote_escrow: {}\n  ramp: {mode: fast, steps: [0.1, 0.5]}\n")
        #expect(s.sections["ramp"] as? Spec == Spec(mode: .fast, steps: [0.1, 0.5]))
    }

    @Test func aListItemErrorIsLocatedAtTheItem() throws {
        let error = try #require(throws: ScenarioError.self) { try Self.parse("  vote_escrow: {}\n  ramp: {steps: [0.1, 2]}\n") }
        #expect(error.code == "SCN003")
        #expect(error.path == "mechanisms.ramp.steps[1]")
        #expect(error.line == 4)
    }

    @Test func anUnknownKeywordListsTheNames() throws {
        let error = try #require(throws: ScenarioError.self) { try Self.parse("  vote_escrow: {}\n  ramp: {mode: fst, steps: [0.1]}\n") }
        #expect(error.code == "SCN009")
        #expect(error.message.contains("did you mean 'fast'?"))
    }

    @Test func theValidationHookPlacesItsErrorAtTheSectionKey() throws {
        let error = try #require(throws: ScenarioError.self) { try Self.parse("  ramp: {steps: [0.1]}\n") }
        #expect(error.code == "SCN011")
        #expect(error.path == "mechanisms.ramp")
        #expect((error.line, error.column) == (3, 3))
        #expect(error.message == "mechanisms.ramp: needs mechanisms.vote_escrow")
    }
}
