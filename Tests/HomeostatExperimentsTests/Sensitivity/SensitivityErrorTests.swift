import HomeostatExperiments
import Testing

/// An input that must be refused with `code`, and a fragment of the message naming the problem.
struct BadSensitivityInput: Sendable, CustomTestStringConvertible {
    let name: String
    let code: String
    let mentions: String
    let build: @Sendable () throws -> Void
    var testDescription: String { name }
}

private let space = try! SensitivitySpace([(name: "a", low: 0, high: 1), (name: "b", low: -1, high: 1)])

@Suite("Sensitivity errors")
struct SensitivityErrorTests {
    @Test(arguments: [
        BadSensitivityInput(name: "k = 0", code: "SEN001", mentions: "no parameters") {
            _ = try SensitivitySpace([])
        },
        BadSensitivityInput(name: "low == high", code: "SEN002", mentions: #"parameter "fee": low (0.01) must be less than high (0.01)"#) {
            _ = try SensitivitySpace([(name: "a", low: 0, high: 1), (name: "fee", low: 0.01, high: 0.01)])
        },
        BadSensitivityInput(name: "low > high", code: "SEN002", mentions: #"parameter "x": low (2.0) must be less than high (1.0)"#) {
            _ = try SensitivitySpace([(name: "x", low: 2, high: 1)])
        },
        BadSensitivityInput(name: "infinite high", code: "SEN002", mentions: "both finite") {
            _ = try SensitivitySpace([(name: "x", low: 0, high: .infinity)])
        },
        BadSensitivityInput(name: "NaN low", code: "SEN002", mentions: #"parameter "x": low (nan)"#) {
            _ = try SensitivitySpace([(name: "x", low: .nan, high: 1)])
        },
        BadSensitivityInput(name: "duplicate name", code: "SEN003", mentions: #"parameter "x" appears twice"#) {
            _ = try SensitivitySpace([(name: "x", low: 0, high: 1), (name: "x", low: 2, high: 3)])
        },
        BadSensitivityInput(name: "r = 0", code: "SEN004", mentions: "trajectories = 0; a Morris design needs at least 1 trajectory") {
            _ = try MorrisDesign(space: space, trajectories: 0, seed: 1)
        },
        BadSensitivityInput(name: "odd levels", code: "SEN004", mentions: "levels = 3; Morris levels must be even") {
            _ = try MorrisDesign(space: space, trajectories: 4, levels: 3, seed: 1)
        },
        BadSensitivityInput(name: "N = 1", code: "SEN004", mentions: "baseSamples = 1; a Saltelli design needs between 2 and 2^31") {
            _ = try SaltelliDesign(space: space, baseSamples: 1, seed: 1)
        },
        BadSensitivityInput(name: "N = 0 pseudo-random", code: "SEN004", mentions: "baseSamples = 0") {
            _ = try SaltelliDesign(space: space, baseSamples: 0, sampling: .pseudoRandom, seed: 1)
        },
        BadSensitivityInput(name: "too few outputs", code: "SEN005", mentions: "5 outputs for a design of 6 points") {
            let d = try MorrisDesign(space: space, trajectories: 2, seed: 1)
            _ = try d.analyze(outputs: Array(repeating: [1.0], count: 5))
        },
        BadSensitivityInput(name: "ragged metrics", code: "SEN006", mentions: "output 3 has 1 metrics, expected 2") {
            let d = try SaltelliDesign(space: space, baseSamples: 2, seed: 1)
            _ = try d.analyze(outputs: d.points.indices.map { $0 == 3 ? [1] : [1, 2] })
        },
        BadSensitivityInput(name: "no metrics", code: "SEN006", mentions: "output 0 has 0 metrics") {
            let d = try MorrisDesign(space: space, trajectories: 2, seed: 1)
            _ = try d.analyze(model: { _ in [] })
        },
        BadSensitivityInput(name: "NaN output", code: "SEN007", mentions: "output 4, metric 1 is nan") {
            let d = try MorrisDesign(space: space, trajectories: 2, seed: 1)
            _ = try d.analyze(outputs: d.points.indices.map { [0, $0 == 4 ? .nan : 1] })
        },
        BadSensitivityInput(name: "too many parameters for Sobol'", code: "SEN008", mentions: "33 parameters need 66 Sobol' dimensions") {
            let big = try SensitivitySpace((0..<33).map { (name: "p\($0)", low: 0, high: 1) })
            _ = try SaltelliDesign(space: big, baseSamples: 8, seed: 1)
        },
        BadSensitivityInput(name: "negative resamples", code: "SEN009", mentions: "bootstrap resamples = -1") {
            let d = try SaltelliDesign(space: space, baseSamples: 4, seed: 1)
            _ = try d.analyze(outputs: d.points.map { [$0[0]] }, bootstrap: SobolBootstrap(resamples: -1))
        },
        BadSensitivityInput(name: "confidence 1", code: "SEN009", mentions: "confidence level = 1.0") {
            let d = try SaltelliDesign(space: space, baseSamples: 4, seed: 1)
            _ = try d.analyze(outputs: d.points.map { [$0[0]] }, bootstrap: SobolBootstrap(confidenceLevel: 1))
        },
    ])
    func refuses(_ c: BadSensitivityInput) {
        let e = #expect(throws: SensitivityError.self) { try c.build() }
        #expect(e?.code == c.code)
        #expect(e?.message.contains(c.mentions) == true, "\(e?.message ?? "no error")")
        #expect(e?.description == "error \(c.code): \(e?.message ?? "")")
    }

    @Test func pseudoRandomSamplingHasNoParameterLimit() throws {
        let big = try SensitivitySpace((0..<40).map { (name: "p\($0)", low: 0, high: 1) })
        let d = try SaltelliDesign(space: big, baseSamples: 4, sampling: .pseudoRandom, seed: 1)
        #expect(d.count == 4 * 42)
    }
}
