import Foundation
import HomeostatMechanisms
import Testing

/// Namespace of the lending suites, so that `swift test --filter Lending` selects them.
@Suite("Lending") enum Lending {}

/// `value · 10^18` as UInt256 (tokens, WAD fractions), exact for decimal literals given as text.
func wei(_ text: String) -> UInt256 {
    let parts = text.split(separator: ".", maxSplits: 1)
    let fraction = parts.count == 2 ? String(parts[1]) : ""
    let digits = String(parts[0]) + fraction + String(repeating: "0", count: 18 - fraction.count)
    return UInt256(decimal: digits)!
}

/// `price · 10^36`.
func oraclePrice(_ text: String) -> UInt256 {
    wei(text).multipliedReportingOverflow(by: UInt256.powerOfTen(18)).partialValue
}

func u(_ value: UInt128) -> UInt256 { UInt256(value) }

extension UInt256 {
    static func + (a: UInt256, b: UInt256) -> UInt256 { a.addingReportingOverflow(b).partialValue }
    static func - (a: UInt256, b: UInt256) -> UInt256 { a.subtractingReportingOverflow(b).partialValue }
    static func * (a: UInt256, b: UInt256) -> UInt256 { a.multipliedReportingOverflow(by: b).partialValue }
    static func / (a: UInt256, b: UInt256) -> UInt256 { a.quotientAndRemainder(dividingBy: b).quotient }
}

/// A per-second WAD rate expressed per year (Double).
func perYear(_ rate: Int128) -> Double { Double(rate) * 31_536_000 / 1e18 }
func perYear(_ rate: UInt256) -> Double { rate.doubleValue * 31_536_000 / 1e18 }

/// |a/b − 1| ≤ tolerance.
func relativelyClose(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
    abs(a / b - 1) <= tolerance
}
