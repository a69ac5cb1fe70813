import Foundation
import HomeostatCore
import HomeostatEngine
import HomeostatScenario
import Testing

/// Checks `docs/scenario.md` and `docs/errors.md` against the loader.
@Suite struct DocsTests {
    static func doc(_ name: String) throws -> String {
        try Fixtures.text(Fixtures.repository + "/docs/" + name)
    }

    /// The rows of the "Field reference" table: field path → default cell.
    static func fieldTable() throws -> [(field: String, defaultCell: String)] {
        let text = try doc("scenario.md")
        let section = try #require(text.components(separatedBy: "\n## Field reference\n").dropFirst().first)
        let body = section.components(separatedBy: "\n#").first ?? section
        var rows: [(String, String)] = []
        for line in body.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 5 else { continue }
            rows.append((cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`")), cells[3]))
        }
        return rows
    }

    /// A number as the docs write it, or the text.
    static func same(_ documented: String, _ actual: String) -> Bool {
        if let a = Double(documented.replacingOccurrences(of: "_", with: "")), let b = Double(actual) { return a == b }
        return documented == actual
    }

    static func fmt(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)" }

    /// What the loader does with each documented field when it is absent.
    static func actualDefaults() throws -> [String: String] {
        let base = try scenario("""
            name: base
            mechanisms: {vote_escrow: {}, emission: {}, fee_sharing: {}}
            populations: [{name: p, count: 1, behaviour: holder}]
            events: [{day: 1, unlock: {from: t, to: p, amount: 1}}]
            token: {allocations: {t: 1}}
            """)
        let minimal = try scenario("name: minimal\n")
        let curve = try scenario("name: c\nmechanisms: {vote_escrow: {}, emission: {schedule: curve}}\n")
        let dir = try Fixtures.temporaryDirectory()
        try "price\n1\n".write(toFile: dir + "/p.csv", atomically: true, encoding: .utf8)
        let series = try scenario("name: s\nmarket: {process: series, series: {file: p.csv}}\n", base: dir)

        let p = try #require(base.populations.first)
        guard case .holder(let h) = p.behaviour, case .uniform(let lo, let hi) = h.patience,
              case .constant(let balance) = p.initialBalance,
              case .gbm(let drift, let volatility) = minimal.market.process,
              case .halving(let initialPerDay, let halfLife)? = base.mechanisms.emission?.schedule,
              case .curve(let initialPerYear, let reduction)? = curve.mechanisms.emission?.schedule,
              case .series(_, let column, _) = series.market.process
        else { throw CancellationError() }
        let full = try scenario("""
            name: full
            mechanisms:
              vote_escrow: {}
              emission: {}
              fee_sharing: {}
              gauges: {list: [{name: g}]}
              exit_penalty: {}
              revenue_split: {lockers: 1}
              treasury: {diversification: {tokens_per_period: 1}}
              governance: {}
            populations: [{name: p, count: 1, behaviour: holder}]
            bribes: [{briber: b, gauge: g, usd_per_epoch: 1}]
            """)
        let gauges = try #require(full.mechanisms.gauges)
        let gauge = try #require(gauges.list.first)
        let penalty = try #require(full.mechanisms.exitPenalty)
        let split = try #require(scenario("name: s\nmechanisms: {vote_escrow: {}, fee_sharing: {}, revenue_split: {treasury: 1}}\n").mechanisms.revenueSplit)
        let treasury = try #require(full.mechanisms.treasury)
        let diversification = try #require(treasury.diversification)
        let governance = try #require(full.mechanisms.governance)
        let options = try #require(full.populations.first).incentives
        let bribe = try #require(full.bribes.first)
        let ve = try #require(base.mechanisms.voteEscrow)
        let fs = try #require(base.mechanisms.feeSharing)
        func absent<T>(_ v: T?) -> String { v == nil ? "absent" : "present" }
        return try liquidityDefaults(minimal).merging(farmingDefaults()) { a, _ in a }.merging(assetDefaults(minimal)) { a, _ in a }
            .merging(stakingDefaults(minimal)) { a, _ in a }.merging([
            "description": "\"\(minimal.description)\"",
            "seed": String(minimal.seed),
            "runs": String(minimal.runs),
            "horizon_days": String(minimal.horizonDays),
            "token.symbol": "\"\(minimal.token.symbol)\"",
            "token.supply": absent(minimal.token.supply),
            "token.allocations": minimal.token.allocations.isEmpty ? "{}" : "non-empty",
            "market.price": fmt(minimal.market.price),
            "market.process": "gbm",
            "market.drift": fmt(drift),
            "market.volatility": fmt(volatility),
            "market.series.column": "\"\(column)\"",
            "market.impact.model": minimal.market.impact.model.rawValue,
            "market.impact.coefficient": fmt(minimal.market.impact.coefficient),
            "market.impact.floor": fmt(minimal.market.impact.floor),
            "market.volume_usd": fmt(minimal.market.volumeUSD),
            "market.volume_elasticity": fmt(minimal.market.volumeElasticity),
            "mechanisms.vote_escrow": absent(minimal.mechanisms.voteEscrow),
            "mechanisms.vote_escrow.max_lock_days": String(ve.maxLockDays),
            "mechanisms.vote_escrow.week_rounding": String(ve.weekRounding),
            "mechanisms.emission": absent(minimal.mechanisms.emission),
            "mechanisms.emission.schedule": "halving",
            "mechanisms.emission.initial_per_day": fmt(initialPerDay),
            "mechanisms.emission.half_life_days": fmt(halfLife),
            "mechanisms.emission.initial_per_year": fmt(initialPerYear),
            "mechanisms.emission.reduction": fmt(reduction),
            "mechanisms.fee_sharing": absent(minimal.mechanisms.feeSharing),
            "mechanisms.fee_sharing.fee_rate": fmt(fs.feeRate),
            "mechanisms.fee_sharing.locker_share": fmt(fs.lockerShare),
            "mechanisms.fee_sharing.payout": fs.payout.rawValue,
            "populations": minimal.populations.isEmpty ? "[]" : "non-empty",
            "populations[].initial_balance": fmt(balance),
            "populations[].patience": "{uniform: [\(fmt(lo)), \(fmt(hi))]}",
            "populations[].lock_propensity": fmt(h.lockPropensity),
            "populations[].lock_fraction": fmt(h.lockFraction),
            "populations[].sell_propensity": fmt(h.sellPropensity),
            "populations[].sell_fraction": fmt(h.sellFraction),
            "events": minimal.events.isEmpty ? "[]" : "non-empty",
            "mechanisms.gauges": absent(minimal.mechanisms.gauges),
            "mechanisms.gauges.epoch_days": String(gauges.epochDays),
            "mechanisms.gauges.vote_delay_days": String(gauges.voteDelayDays),
            "mechanisms.gauges.emission_share": fmt(gauges.emissionShare),
            "mechanisms.gauges.list[].pool": absent(gauge.pool),
            "mechanisms.gauges.list[].type_weight": fmt(gauge.typeWeight),
            "mechanisms.exit_penalty": absent(minimal.mechanisms.exitPenalty),
            "mechanisms.exit_penalty.max_penalty": fmt(penalty.maxPenalty),
            "mechanisms.exit_penalty.redistributed_share": fmt(penalty.redistributedShare),
            "mechanisms.exit_penalty.basis": "voting_power",
            "mechanisms.revenue_split": absent(minimal.mechanisms.revenueSplit),
            "mechanisms.revenue_split.lockers": fmt(split.lockers),
            "mechanisms.revenue_split.treasury": fmt(full.mechanisms.revenueSplit?.treasury ?? .nan),
            "mechanisms.revenue_split.buyback_and_burn": fmt(split.buybackAndBurn),
            "mechanisms.revenue_split.liquidity_providers": fmt(split.liquidityProviders),
            "mechanisms.revenue_split.stakers": fmt(split.stakers),
            "mechanisms.treasury": absent(minimal.mechanisms.treasury),
            "mechanisms.treasury.monthly_spend_usd": fmt(treasury.monthlySpendUSD),
            "mechanisms.treasury.diversification": absent(TreasurySpec().diversification),
            "mechanisms.treasury.diversification.period_days": String(diversification.periodDays),
            "mechanisms.treasury.diversification.minimum_price": fmt(diversification.minimumPrice),
            "mechanisms.treasury.diversification.max_stable_share": fmt(diversification.maxStableShare),
            "mechanisms.governance": absent(minimal.mechanisms.governance),
            "mechanisms.governance.voting_power": governance.votingPower.rawValue,
            "mechanisms.governance.quorum": fmt(governance.quorum),
            "mechanisms.governance.threshold": fmt(governance.threshold),
            "mechanisms.governance.voting_delay_days": String(governance.votingDelayDays),
            "mechanisms.governance.voting_period_days": String(governance.votingPeriodDays),
            "mechanisms.governance.timelock_days": String(governance.timelockDays),
            "mechanisms.governance.attacker_budget_usd": fmt(governance.attackerBudgetUSD),
            "populations[].gauge_votes": absent(options.gaugeVotes),
            "populations[].early_exit_propensity": fmt(options.earlyExitPropensity),
            "populations[].governance_support": fmt(options.governanceSupport),
            "populations[].governance_turnout": fmt(options.governanceTurnout),
            "bribes": minimal.bribes.isEmpty ? "[]" : "non-empty",
            "bribes[].from_day": String(bribe.fromDay),
            "bribes[].to_day": bribe.toDay == full.horizonDays ? "horizon_days" : String(bribe.toDay),
            "metrics.names": absent(minimal.metrics.names),
            "metrics.every": String(minimal.metrics.every),
        ]) { a, _ in a }
    }

    /// Defaults of `mechanisms.staking` and the populations' staking options.
    static func stakingDefaults(_ minimal: Scenario) throws -> [String: String] {
        let s = try scenario("name: st\nmechanisms: {staking: {}}\npopulations: [{name: p, count: 1, behaviour: holder}]\n")
        let staking = try #require(s.mechanisms.staking)
        let options = try #require(s.populations.first).incentives
        return [
            "mechanisms.staking": minimal.mechanisms.staking == nil ? "absent" : "present",
            "mechanisms.staking.cooldown_days": String(staking.cooldownDays),
            "populations[].stake_propensity": fmt(options.stakePropensity),
            "populations[].stake_fraction": fmt(options.stakeFraction),
            "populations[].unstake_propensity": fmt(options.unstakePropensity),
        ]
    }

    /// Defaults of `pools:` and of the liquidity behaviours' fields.
    static func liquidityDefaults(_ minimal: Scenario) throws -> [String: String] {
        let s = try scenario("""
            name: liq
            pools:
              - {name: cp, kind: constant_product, token_reserve: 1}
              - {name: v3, kind: concentrated, token_reserve: 1}
              - {name: ss, kind: stableswap, token_reserve: 1}
            populations:
              - {name: h, count: 1, behaviour: holder}
              - {name: a, count: 1, behaviour: arbitrageur}
              - {name: p, count: 1, behaviour: passive_lp, pool: cp}
              - {name: r, count: 1, behaviour: range_lp, pool: v3}
              - {name: n, count: 1, behaviour: noise_trader}
              - {name: i, count: 1, behaviour: informed_trader}
            """)
        let cp = s.pools[0], v3 = s.pools[1]
        guard case .constant(let cash) = s.populations[0].initialCash,
              case .arbitrageur(let a) = s.populations[1].behaviour,
              case .passiveLP(let p) = s.populations[2].behaviour, case .constant(let minAPR) = p.minFeeAPR,
              case .constant(let maxVol) = p.maxVolatility,
              case .rangeLP(let r) = s.populations[3].behaviour, case .constant(let width) = r.width,
              case .noiseTrader(let n) = s.populations[4].behaviour, case .lognormal(let mu, let sigma) = n.size,
              case .informedTrader(let i) = s.populations[5].behaviour
        else { throw CancellationError() }
        func absent<T>(_ v: T?) -> String { v == nil ? "absent" : "present" }
        let ranges = v3.ranges.map { "{lower: \(fmt($0.lower)), upper: \(fmt($0.upper))}" }.joined(separator: ", ")
        return [
            "pools": minimal.pools.isEmpty ? "[]" : "non-empty",
            "pools[].usd_reserve": absent(cp.usdReserve),
            "pools[].fee": fmt(cp.fee),
            "pools[].protocol_fee_share": fmt(cp.protocolFeeShare),
            "pools[].tick_spacing": String(v3.tickSpacing),
            "pools[].amplification": fmt(s.pools[2].amplification),
            "pools[].ranges": "[\(ranges)]",
            "pools[].slippage_trade_usd": fmt(cp.slippageTradeUSD),
            "populations[].initial_cash": fmt(cash),
            "populations[].gas_usd": fmt(a.gasUSD),
            "populations[].deposit_fraction": fmt(p.depositFraction),
            "populations[].min_fee_apr": fmt(minAPR),
            "populations[].max_volatility": fmt(maxVol),
            "populations[].width": fmt(width),
            "populations[].rebalance_band": fmt(r.rebalanceBand),
            "populations[].activity": fmt(n.activity),
            "populations[].size_usd": "{lognormal: {mu: \(fmt(mu)), sigma: \(fmt(sigma))}}",
            "populations[].buy_probability": fmt(n.buyProbability),
            "populations[].accuracy": fmt(i.accuracy),
        ]
    }

    /// Defaults of the liquidity-mining fields.
    static func farmingDefaults() throws -> [String: String] {
        let s = try scenario("""
            name: farm
            mechanisms:
              vote_escrow: {}
              emission: {}
              gauges: {list: [{name: g, pool: cp}]}
            pools: [{name: cp, kind: constant_product, token_reserve: 1}]
            populations:
              - {name: m, count: 1, behaviour: mercenary_farmer}
              - {name: l, count: 1, behaviour: long_term_farmer, gauge: g}
              - {name: p, count: 1, behaviour: passive_lp, pool: cp}
            """)
        guard case .mercenaryFarmer(let m) = s.populations[0].behaviour, case .constant(let outside) = m.outsideAPR,
              case .longTermFarmer(let l) = s.populations[1].behaviour,
              case .passiveLP(let p) = s.populations[2].behaviour,
              let gauges = s.mechanisms.gauges
        else { throw CancellationError() }
        func absent<T>(_ v: T?) -> String { v == nil ? "absent" : "present" }
        #expect(l.claimEveryDays == 7, "a long-term farmer claims weekly by default, as documented")
        return [
            "mechanisms.gauges.fixed_weights": absent(gauges.fixedWeights),
            "mechanisms.gauges.list[].boost": String(gauges.list[0].boost),
            "mechanisms.gauges.list[].active": String(gauges.list[0].active),
            "populations[].stake": String(p.stake),
            "populations[].outside_apr": fmt(outside),
            "populations[].exit_apr": absent(m.exitAPR),
            "populations[].claim_every_days": String(m.claimEveryDays),
            "populations[].lock_days": absent(l.lockDays),
        ]
    }

    /// Omitting each of these gives SCN004 naming it (the YAML lacks exactly that field).
    static let requiredCases: [String: String] = [
        "name": "runs: 1\n",
        "market.jumps": "name: x\nmarket: {process: jump_diffusion}\n",
        "market.jumps.intensity": "name: x\nmarket: {process: jump_diffusion, jumps: {mean: 0, stdev: 0}}\n",
        "market.jumps.mean": "name: x\nmarket: {process: jump_diffusion, jumps: {intensity: 0, stdev: 0}}\n",
        "market.jumps.stdev": "name: x\nmarket: {process: jump_diffusion, jumps: {intensity: 0, mean: 0}}\n",
        "market.series": "name: x\nmarket: {process: series}\n",
        "market.series.file": "name: x\nmarket: {process: series, series: {column: price}}\n",
        "mechanisms.emission.per_day": "name: x\nmechanisms: {vote_escrow: {}, emission: {schedule: constant}}\n",
        "mechanisms.emission.table": "name: x\nmechanisms: {vote_escrow: {}, emission: {schedule: table}}\n",
        "mechanisms.emission.table[].from_day": "name: x\nmechanisms: {vote_escrow: {}, emission: {schedule: table, table: [{per_day: 1}]}}\n",
        "mechanisms.emission.table[].per_day": "name: x\nmechanisms: {vote_escrow: {}, emission: {schedule: table, table: [{from_day: 1}]}}\n",
        "populations[].name": "name: x\npopulations: [{count: 1, behaviour: holder}]\n",
        "populations[].count": "name: x\npopulations: [{name: a, behaviour: holder}]\n",
        "populations[].behaviour": "name: x\npopulations: [{name: a, count: 1}]\n",
        "events[].day": "name: x\nevents: [{price_shock: 0.1}]\n",
        "mechanisms.gauges.list": "name: x\nmechanisms: {vote_escrow: {}, emission: {}, gauges: {}}\n",
        "mechanisms.gauges.list[].name": "name: x\nmechanisms: {vote_escrow: {}, emission: {}, gauges: {list: [{pool: p}]}}\n",
        "mechanisms.treasury.diversification.tokens_per_period": "name: x\nmechanisms: {treasury: {diversification: {}}}\n",
        "bribes[].briber": "name: x\nmechanisms: {vote_escrow: {}, emission: {}, gauges: {list: [{name: g}]}}\nbribes: [{gauge: g, usd_per_epoch: 1}]\n",
        "bribes[].gauge": "name: x\nmechanisms: {vote_escrow: {}, emission: {}, gauges: {list: [{name: g}]}}\nbribes: [{briber: b, usd_per_epoch: 1}]\n",
        "bribes[].usd_per_epoch": "name: x\nmechanisms: {vote_escrow: {}, emission: {}, gauges: {list: [{name: g}]}}\nbribes: [{briber: b, gauge: g}]\n",
        "pools[].name": "name: x\npools: [{kind: constant_product, token_reserve: 1}]\n",
        "pools[].kind": "name: x\npools: [{name: p, token_reserve: 1}]\n",
        "pools[].token_reserve": "name: x\npools: [{name: p, kind: constant_product}]\n",
        "pools[].ranges[].lower": "name: x\npools: [{name: p, kind: concentrated, token_reserve: 1, ranges: [{upper: 2}]}]\n",
        "pools[].ranges[].upper": "name: x\npools: [{name: p, kind: concentrated, token_reserve: 1, ranges: [{lower: 0.5}]}]\n",
        "populations[].pool": "name: x\npopulations: [{name: a, count: 1, behaviour: passive_lp}]\n",
        "populations[].gauge": "name: x\nmechanisms: {vote_escrow: {}, emission: {}, gauges: {list: [{name: g, pool: p}]}}\npools: [{name: p, kind: constant_product, token_reserve: 1}]\npopulations: [{name: a, count: 1, behaviour: long_term_farmer}]\n",
        "assets[].symbol": "name: x\nassets: [{price: 2}]\n",
        "events[].asset_shock.asset": "name: x\nassets: [{symbol: W}]\nevents: [{day: 1, asset_shock: {change: 0.1}}]\n",
        "events[].asset_shock.change": "name: x\nassets: [{symbol: W}]\nevents: [{day: 1, asset_shock: {asset: W}}]\n",
        "events[].unlock.from": "name: x\ntoken: {allocations: {t: 1}}\npopulations: [{name: a, count: 1, behaviour: holder}]\nevents: [{day: 1, unlock: {to: a, amount: 1}}]\n",
        "events[].unlock.to": "name: x\ntoken: {allocations: {t: 1}}\nevents: [{day: 1, unlock: {from: t, amount: 1}}]\n",
        "events[].unlock.amount": "name: x\ntoken: {allocations: {t: 1}}\npopulations: [{name: a, count: 1, behaviour: holder}]\nevents: [{day: 1, unlock: {from: t, to: a}}]\n",
    ]

    /// Event actions: exactly one per event, none has a default.
    static let actionFields: Set<String> = [
        "events[].price_shock", "events[].asset_shock", "events[].set", "events[].unlock", "events[].propose", "events[].kill_gauge",
        "events[].add_gauge",
    ]

    @Test func defaultsMatchTheFieldReference() throws {
        let rows = try Self.fieldTable()
        let actual = try Self.actualDefaults()
        var documented = Set<String>()
        for (field, cell) in rows {
            documented.insert(field)
            if cell.hasPrefix("required") {
                #expect(Self.requiredCases[field] != nil, "\(field) is documented as required but not tested as such")
            } else if cell == "—" {
                #expect(Self.actionFields.contains(field), "\(field) has no default in the docs")
            } else if cell.hasPrefix("absent") {
                #expect(actual[field] == "absent", "\(field): documented absent, loader gives \(actual[field] ?? "nothing")")
            } else {
                #expect(cell.hasPrefix("`") && cell.hasSuffix("`"), "\(field): default cell '\(cell)' is not a `literal`")
                let literal = String(cell.dropFirst().dropLast())
                let got = try #require(actual[field], "\(field): documented default \(literal) is not checked by this test")
                #expect(Self.same(literal, got), "\(field): docs say \(literal), loader gives \(got)")
            }
        }
        let tested = Set(actual.keys).union(Self.requiredCases.keys).union(Self.actionFields)
        #expect(tested.subtracting(documented).isEmpty, "not in docs/scenario.md: \(tested.subtracting(documented).sorted())")
        #expect(rows.count == documented.count, "a field is listed twice")
        #expect(rows.count >= 60)
    }

    @Test(arguments: requiredCases.keys.sorted())
    func requiredFieldIsRequired(_ field: String) throws {
        let e = try #require(scenarioError(Self.requiredCases[field]!))
        #expect(e.code == "SCN004", "\(e)")
        let last = field.split(separator: ".").last.map(String.init) ?? field
        #expect(e.path.hasSuffix(last.replacingOccurrences(of: "[]", with: "")), "\(e)")
    }

    @Test func curveReductionIsTheFourthRootOfTwo() throws {
        let s = try scenario("name: c\nmechanisms: {vote_escrow: {}, emission: {schedule: curve}}\n")
        #expect(s.mechanisms.emission?.schedule == .curve(initialPerYear: 274_815_283, reduction: pow(2, 0.25)))
    }

    // MARK: errors.md

    struct Block {
        var info: [String]
        var body: String
    }

    static func blocks(in section: String) -> [Block] {
        var out: [Block] = []
        var current: Block?
        for line in section.components(separatedBy: "\n") {
            if line.hasPrefix("```") {
                if var b = current {
                    b.body = String(b.body.dropLast())
                    out.append(b)
                    current = nil
                } else {
                    current = Block(info: line.dropFirst(3).split(separator: " ").map(String.init), body: "")
                }
            } else if current != nil {
                current!.body += line + "\n"
            }
        }
        return out
    }

    static func errorSections() throws -> [String: String] {
        let text = try doc("errors.md")
        var sections: [String: String] = [:]
        for part in text.components(separatedBy: "\n## ").dropFirst() {
            sections[String(part.prefix(6))] = part
        }
        return sections
    }

    @Test(arguments: ScenarioError.catalog.map(\.code))
    func errorsDocShowsBadInputAndFix(_ code: String) throws {
        let section = try #require(try Self.errorSections()[code], "docs/errors.md has no section for \(code)")
        let title = try #require(ScenarioError.catalog.first { $0.code == code }?.title)
        #expect(section.hasPrefix("\(code) \(title)\n"))
        let blocks = Self.blocks(in: section)
        let dir = try Fixtures.temporaryDirectory()
        for kind in ["bad", "fix"] {
            for csv in blocks where csv.info.first == "csv" && csv.info.dropFirst().first == kind {
                try (csv.body + "\n").write(toFile: dir + "/" + csv.info[2], atomically: true, encoding: .utf8)
            }
            let yaml = try #require(blocks.first { $0.info == ["yaml", kind] }, "\(code) has no ```yaml \(kind) block")
            if kind == "bad" {
                let e = try #require(scenarioError(yaml.body, file: "s.yaml", base: dir))
                #expect(e.code == code, "\(e)")
                // A quoted message in the section is the exact output for the bad block.
                for line in section.components(separatedBy: "\n") where line.hasPrefix("`s.yaml:") || line.hasPrefix("`prices.csv:") {
                    let shown = String(line.dropFirst().dropLast())
                    let rendered = e.description.replacingOccurrences(of: dir + "/", with: "")
                    if shown.hasSuffix("...") {
                        #expect(rendered.hasPrefix(String(shown.dropLast(3))), "\(rendered)")
                    } else {
                        #expect(rendered == shown)
                    }
                }
            } else {
                _ = try scenario(yaml.body, file: "s.yaml", base: dir)
            }
        }
    }
}
