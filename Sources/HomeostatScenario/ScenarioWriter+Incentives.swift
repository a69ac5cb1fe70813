/// The canonical form of the populations' incentive options, gauge events and bribes (see
/// ``ScenarioWriter``).
extension ScenarioWriter {
    static func gaugeName(_ index: Int, _ s: Scenario) -> String { s.mechanisms.gauges?.list[index].name ?? "" }

    /// `kill_gauge: NAME` or `add_gauge: NAME`.
    static func gaugeListChange(_ c: GaugeListChange, _ s: Scenario) -> (String, OutValue) {
        (c.kind.rawValue, .string(gaugeName(c.gauge, s)))
    }

    static func incentiveOptions(_ o: IncentiveOptions, _ s: Scenario) -> [(String, OutValue)] {
        var out: [(String, OutValue)] = []
        switch o.gaugeVotes {
        case .none: break
        case .bribeFollowing?: out.append(("gauge_votes", .keyword("bribe_following")))
        case .fixed(let allocations)?:
            out.append(("gauge_votes", .map(allocations.map { (gaugeName($0.gauge, s), .int($0.bps)) })))
        }
        if s.mechanisms.has("exit_penalty") { out.append(("early_exit_propensity", .double(o.earlyExitPropensity))) }
        if s.mechanisms.has("staking") {
            out.append(("stake_propensity", .double(o.stakePropensity)))
            out.append(("stake_fraction", .double(o.stakeFraction)))
            out.append(("unstake_propensity", .double(o.unstakePropensity)))
        }
        if s.mechanisms.has("governance") {
            out.append(("governance_support", .double(o.governanceSupport)))
            out.append(("governance_turnout", .double(o.governanceTurnout)))
        }
        return out
    }

    static func bribes(_ s: Scenario) -> [(String, OutValue)] {
        guard !s.bribes.isEmpty else { return [] }
        return [("bribes", .list(s.bribes.map { b in
            .map([
                ("briber", .string(b.briber)), ("gauge", .string(gaugeName(b.gauge, s))), ("usd_per_epoch", .double(b.usdPerEpoch)),
                ("from_day", .int(b.fromDay)), ("to_day", .int(b.toDay)),
            ])
        }))]
    }
}
