public import Foundation
public import Testing

/// Test support shared by the test targets (STYLE §8). Not part of the library product.

/// Compares `actual` byte for byte with `Golden/<name>` next to the calling test file. With the
/// environment variable `RECORD_GOLDEN=1` it writes `actual` there instead and records an
/// issue, so a recording run never passes by accident.
public func expectGolden(
    _ actual: String, named name: String,
    filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation
) {
    let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    let url = directory.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            Issue.record("recorded golden file \(name); run again without RECORD_GOLDEN=1", sourceLocation: sourceLocation)
        } catch {
            Issue.record("cannot record golden file \(url.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let expected = FileManager.default.contents(atPath: url.path) else {
        Issue.record(
            "golden file \(url.path) is missing; record it with RECORD_GOLDEN=1", sourceLocation: sourceLocation)
        return
    }
    let actualBytes = Data(actual.utf8)
    if actualBytes != expected {
        let expectedLines = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let common = min(expectedLines.count, actualLines.count)
        let line = (0..<common).first { expectedLines[$0] != actualLines[$0] } ?? common
        let want = line < expectedLines.count ? String(expectedLines[line]) : "<end of file>"
        let got = line < actualLines.count ? String(actualLines[line]) : "<end of file>"
        Issue.record(
            """
            output differs from golden file \(name) at line \(line + 1)
              expected: \(want.debugDescription)
              actual:   \(got.debugDescription)
            re-record with RECORD_GOLDEN=1 if the change is intended
            """, sourceLocation: sourceLocation)
    }
}

/// `|a − b| ≤ tolerance · max(|a|, |b|)`, or both NaN.
public func close(_ a: Double, _ b: Double, relative tolerance: Double = 1e-14) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a == b { return true }
    return abs(a - b) <= tolerance * max(abs(a), abs(b))
}
