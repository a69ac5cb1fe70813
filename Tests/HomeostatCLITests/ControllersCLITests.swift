import Foundation
import Testing

/// `mechanisms.controllers` through the binary: a reference the run cannot meet (found when
/// the run is built, not while reading) is still bad input, status 64, at the field.
@Suite struct ControllersCLITests {
    static var example: String {
        (try? String(contentsOf: CLI.repository.appendingPathComponent("examples/emission-controller.yaml"), encoding: .utf8)) ?? ""
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        let name: String
        let replace: String
        let with: String
        let field: String
        let says: String
        var testDescription: String { name }
    }

    static let cases = [
        Bad(name: "a metric no module computes", replace: "measure: \"gauge_tvl:farm\"", with: "measure: \"gauge_tvl:farn\"",
            field: "mechanisms.controllers.tvl.measure", says: "no module of this scenario computes a metric named 'gauge_tvl:farn'"),
        Bad(name: "a parameter no module sets", replace: "set: mechanisms.emission.scale", with: "set: mechanisms.fee_sharing.fee_rate",
            field: "mechanisms.controllers.tvl.set", says: "no mechanism of this scenario applies"),
    ]

    @Test(arguments: cases, ["validate", "run", "sweep"])
    func aReferenceTheRunCannotMeetIsBadInput(_ bad: Bad, command: String) throws {
        var text = Self.example
        try #require(text.contains(bad.replace))
        text = text.replacingOccurrences(of: bad.replace, with: bad.with)
        if bad.with.contains("fee_rate") { text = text.replacingOccurrences(of: "      max: 20\n", with: "      max: 1\n") }
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("bad.yaml", text)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let key = String(bad.field.split(separator: ".").last ?? "")
        let line = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix(key + ":") }) + 1
        let arguments = command == "validate" ? ["validate", path] : [command, path, "--out", dir.path("out"), "--quiet", "--threads", "1"]
        let result = try CLI.run(arguments)
        expectExit(result, 64)
        #expect(result.stderr.hasPrefix("\(path):\(line):"), "\(result)")
        #expect(result.stderr.contains("error: \(bad.field): "), "\(result)")
        #expect(result.stderr.contains(bad.says), "\(result)")
    }
}
