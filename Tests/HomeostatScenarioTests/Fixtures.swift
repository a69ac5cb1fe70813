import Foundation
import HomeostatEngine
import HomeostatScenario
import Testing

/// Where the test fixtures and the repository's docs are.
enum Fixtures {
    /// The copied `Fixtures` folder of the test bundle.
    static var root: String {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            // Fall back to the source tree, next to this file.
            return URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
        }
        return url.path
    }

    static var valid: String { root + "/valid" }
    static var invalid: String { root + "/invalid" }

    /// The repository root (two levels above this file's folder).
    static var repository: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// Scenario files (`.yaml`, `.yml`, `.json`) in a fixture folder, sorted.
    static func scenarios(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }.sorted()
    }

    static func validNames() -> [String] { scenarios(in: valid) }
    static func invalidNames() -> [String] { scenarios(in: invalid) }

    static func text(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("scn-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }
}

/// Parses scenario text that the test expects to be valid.
func scenario(_ yaml: String, file: String = "test.yaml", base: String? = nil) throws -> Scenario {
    try ScenarioFiles.parse(yaml, file: file, baseDirectory: base)
}

/// Parses scenario text that the test expects to be rejected, and returns the error.
func scenarioError(_ yaml: String, file: String = "test.yaml", base: String? = nil, sourceLocation: SourceLocation = #_sourceLocation)
    -> ScenarioError?
{
    do {
        let s = try ScenarioFiles.parse(yaml, file: file, baseDirectory: base)
        Issue.record("expected an error, got a scenario named \(s.name)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}
