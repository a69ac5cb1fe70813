/// The canonical form of the incentive machinery's fields (see ``ScenarioWriter``).
extension ScenarioWriter {
    static func incentiveMechanisms(_ m: MechanismsSpec) -> [(String, OutValue)] {
        var out: [(String, OutValue)] = []
        if let g = m.gauges {
            let list: [OutValue] = g.list.map { gauge in
                var fields: [(String, OutValue)] = [("name", .string(gauge.name))]
                if let pool = gauge.pool { fields.append(("pool", .string(pool))) }
                fields.append(("type_weight", .double(gauge.typeWeight)))
                fields.append(("boost", .bool(gauge.boost)))
                if !gauge.active { fields.append(("active", .bool(false))) }
                return .map(fields)
            }
            var fields: [(String, OutValue)] = [
                ("epoch_days", .int(g.epochDays)), ("vote_delay_days", .int(g.voteDelayDays)),
                ("emission_share", .double(g.emissionShare)), ("list", .list(list)),
            ]
            if let fixed = g.fixedWeights {
                fields.append(("fixed_weights", .map(zip(g.list, fixed).map { ($0.name, .double($1)) })))
            }
            out.append(("gauges", .map(fields)))
        }
        if let e = m.exitPenalty {
            out.append(("exit_penalty", .map([
                ("max_penalty", .double(e.maxPenalty)), ("redistributed_share", .double(e.redistributedShare)),
                ("basis", .keyword("voting_power")),
            ])))
        }
        if let r = m.revenueSplit {
            out.append(("revenue_split", .map([
                ("lockers", .double(r.lockers)), ("treasury", .double(r.treasury)),
                ("buyback_and_burn", .double(r.buybackAndBurn)), ("liquidity_providers", .double(r.liquidityProviders)),
                ("stakers", .double(r.stakers)),
            ])))
        }
        if let s = m.staking { out.append(("staking", .map([("cooldown_days", .int(s.cooldownDays))]))) }
        if let t = m.treasury {
            var fields: [(String, OutValue)] = [("monthly_spend_usd", .double(t.monthlySpendUSD))]
            if let d = t.diversification {
                fields.append(("diversification", .map([
                    ("tokens_per_period", .double(d.tokensPerPeriod)), ("period_days", .int(d.periodDays)),
                    ("minimum_price", .double(d.minimumPrice)), ("max_stable_share", .double(d.maxStableShare)),
                ])))
            }
            out.append(("treasury", .map(fields)))
        }
        if let g = m.governance {
            out.append(("governance", .map([
                ("voting_power", .keyword(g.votingPower.rawValue)), ("quorum", .double(g.quorum)),
                ("threshold", .double(g.threshold)), ("voting_delay_days", .int(g.votingDelayDays)),
                ("voting_period_days", .int(g.votingPeriodDays)), ("timelock_days", .int(g.timelockDays)),
                ("attacker_budget_usd", .double(g.attackerBudgetUSD)),
            ])))
        }
        return out
    }

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
        if s.mechanisms.exitPenalty != nil { out.append(("early_exit_propensity", .double(o.earlyExitPropensity))) }
        if s.mechanisms.staking != nil {
            out.append(("stake_propensity", .double(o.stakePropensity)))
            out.append(("stake_fraction", .double(o.stakeFraction)))
            out.append(("unstake_propensity", .double(o.unstakePropensity)))
        }
        if s.mechanisms.governance != nil {
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
