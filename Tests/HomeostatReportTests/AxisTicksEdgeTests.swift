@testable import HomeostatReport
import Testing

/// Data at the ends of Double's range trapped converting tick indices to Int (NaN or ∞ →
/// Int): `initial_balance: 5e-324` and `token.supply: 1.797e308` crashed the report, and a
/// sweep range `[0, 5e-324]` crashed `sweep` and `sensitivity` (issue #10).
@Suite struct AxisTicksEdgeTests {
    static let extremes: [(Double, Double)] = [
        (0, .leastNonzeroMagnitude), (.leastNonzeroMagnitude, .leastNonzeroMagnitude), (.leastNonzeroMagnitude, 2 * .leastNonzeroMagnitude), (0, 1.797e308), (1.797e308, 1.797e308),
        (-1.797e308, 1.797e308), (-.greatestFiniteMagnitude, .greatestFiniteMagnitude), (1e-300, 1e300),
    ]

    @Test(arguments: extremes)
    func linearTicksOfExtremeDataAreFiniteAndOrdered(_ low: Double, _ high: Double) {
        for tight in [false, true] {
            let ticks = AxisTicks.linear(low, high, tight: tight)
            #expect(ticks.lower.isFinite && ticks.upper.isFinite && ticks.lower < ticks.upper, "\(ticks)")
            #expect(!ticks.values.isEmpty && ticks.values.allSatisfy(\.isFinite), "\(ticks)")
            #expect(ticks.values.count == ticks.labels.count, "\(ticks)")
        }
    }

    @Test(arguments: extremes)
    func logarithmicTicksOfExtremeDataDoNotTrapAndLinearPositionsAreFinite(_ low: Double, _ high: Double) {
        _ = AxisTicks.logarithmic(low, high)
        let ticks = AxisTicks.linear(low, high)
        #expect(ticks.values.allSatisfy { ticks.fraction($0).isFinite }, "\(ticks)")
    }

    @Test func ordinaryDataKeepsItsNiceTicks() {
        let ticks = AxisTicks.linear(0, 1)
        #expect(ticks.values == [0, 0.2, 0.4, 0.6, 0.8, 1])
    }
}
