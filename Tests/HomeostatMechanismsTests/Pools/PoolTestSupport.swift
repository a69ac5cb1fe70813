import Testing

/// Namespace of the pool suites, so that `swift test --filter Pools` selects them.
@Suite("Pools") enum Pools {}

/// `|actual − expected| <= max(relative·|expected|, absolute)`, recorded at the caller's location.
func expectClose(
    _ actual: Double, _ expected: Double, relative: Double = 1e-9, absolute: Double = 0,
    _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
    let tolerance = max(relative * abs(expected), absolute)
    #expect(
        abs(actual - expected) <= tolerance,
        "\(actual) vs expected \(expected) (tolerance \(tolerance)) \(comment.map { "— \($0)" } ?? "")",
        sourceLocation: sourceLocation)
}
