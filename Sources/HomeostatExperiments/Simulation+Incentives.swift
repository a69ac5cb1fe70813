import HomeostatAgents
import HomeostatCore
import HomeostatMarket
import HomeostatMechanisms
import HomeostatScenario

/// The incentive machinery of a run: gauges and their emission, bribes, early exits,
/// revenue split, treasury and governance. Absent (nil in ``Simulation``) when the scenario
/// uses none of them, so such runs take exactly the steps they took before.
struct Incentives: Sendable {
    // Gauges.
    var controller: GaugeController?
    /// One ledger account per gauge: the emission minted for its stakers and not yet claimed.
    var gaugeAccounts: [AccountID] = []
    /// Relative weights fixed by the scenario (`fixed_weights`), or nil: votes decide.
    /// (The gauges themselves, Curve liquidity gauges over every agent row, are
    /// `economy.farms`.)
    var fixedWeights: [Double]?
    var gaugeNames: [String] = []
    var gaugeShare = 0.0
    /// Tokens routed to each gauge since day 0.
    var routedTotal: [Double] = []
    var relativeWeights: [Double] = []
    var weightsEpoch: Int64 = .min
    var gaugeEmissionToday: [Double] = []
    var unmintedToday = 0.0
    var voters: [(population: Int, voter: GaugeVoter)] = []
    var votesRejected = 0

    // Bribes.
    var bribes: [BribeSpec] = []
    var market = BribeMarket()
    var bribeAccount = AccountID(index: -1)
    var bribesPaidToday: [Double] = []
    /// Whether each gauge is bribed in the current epoch, and the cumulative ROI terms.
    var bribedNow: [Bool] = []
    var bribedEmissionUSD: [Double] = []
    var bribeOfferedTotal: [Double] = []

    // Exit penalty.
    var penalty: ExitPenalty?
    var penaltyAccount = AccountID(index: -1)
    /// `1 / ln(1 − p)` per population (nil: the population never exits early).
    var exitInverseLogMiss: [Double?] = []
    var earlyExitsToday = 0
    var penaltiesToday = 0.0

    // Revenue split and treasury.
    var buybackShare = 0.0
    var buybackBurnedToday = 0.0
    var treasury: TreasurySpec?
    var diversification: DiversificationPolicy?
    var treasurySoldToday = 0.0

    // Governance.
    var governance: Governance?
    var governanceSpec = GovernanceSpec()
    /// Each proposal's change (`.set` or `.changeGauges`), applied if it passes.
    var proposals: [(id: ProposalID, action: EventAction, snapshot: [Double], settled: Bool)] = []
    /// The governance attacker's population index, if the scenario has one.
    var attackerPopulation: Int?
    var proposalsExecuted = 0
    var proposalsDefeated = 0

    // Alignment.
    var revenueTotal = 0.0
    var emissionUSDTotal = 0.0
}

extension Simulation {
    /// Whether the scenario uses any of the incentive machinery.
    static func usesIncentives(_ s: Scenario) -> Bool {
        let m = s.mechanisms
        return m.gauges != nil || m.exitPenalty != nil || m.revenueSplit != nil || m.treasury != nil || m.governance != nil
    }

    /// Builds the incentive machinery: accounts, controller, voters, policies.
    mutating func setUpIncentives() throws(SimulationError) {
        guard Self.usesIncentives(scenario) else { return }
        var inc = Incentives()
        let m = scenario.mechanisms
        if let g = m.governance, g.attackerBudgetUSD > 0 {
            // One agent that never trades or locks on its own: it holds the budget in USD
            // and acts only when a proposal is made (``attackerBuysAndLocks(day:)``).
            let idle = HolderBehaviour(
                patience: [1], maxLockDays: Int(economy.escrow.parameters.maxTime), lockPropensity: 0, lockFraction: 0,
                sellPropensity: 0, sellFraction: 0)
            addPopulation(name: "governance-attacker", balances: [0], behaviour: idle)
            let attacker = populations[populations.count - 1]
            economy.ledger.transfer(.cash, from: economy.outside, to: attacker.account, g.attackerBudgetUSD)
            economy.cash[attacker.rows.lowerBound] = g.attackerBudgetUSD
            inc.attackerPopulation = populations.count - 1
        }
        if let g = m.gauges {
            var controller = GaugeController(parameters: .days(epochDays: g.epochDays, voteDelayDays: g.voteDelayDays), startTime: 0)
            for gauge in g.list {
                do throws(GaugeControllerError) {
                    let type = try controller.addType(weight: gauge.typeWeight, now: 0)
                    let id = try controller.addGauge(type: type, now: 0)
                    if !gauge.active { try controller.setKilled(id, true) }
                } catch {
                    throw SimulationError(day: 0, message: "gauge \(gauge.name): \(error)")
                }
                let farm = economy.addFarm(
                    name: gauge.name, pool: gauge.pool.flatMap { economy.poolID(named: $0) }, boost: gauge.boost ? .curve : .unboosted)
                inc.gaugeAccounts.append(economy.farms.accounts[farm])
                inc.gaugeNames.append(gauge.name)
            }
            inc.fixedWeights = g.fixedWeights
            _ = controller.addVoters(economy.agentCount)
            inc.controller = controller
            inc.gaugeShare = g.emissionShare
            inc.routedTotal = [Double](repeating: 0, count: g.list.count)
            inc.gaugeEmissionToday = inc.routedTotal
            inc.bribesPaidToday = inc.routedTotal
            inc.bribedNow = [Bool](repeating: false, count: g.list.count)
            inc.bribedEmissionUSD = inc.routedTotal
            inc.bribeOfferedTotal = inc.routedTotal
            for (k, spec) in scenario.populations.enumerated() {
                switch spec.incentives.gaugeVotes {
                case .none: break
                case .bribeFollowing?:
                    inc.voters.append((k, GaugeVoter(rule: .bribeFollowing, count: spec.count)))
                case .fixed(let a)?:
                    let rule = GaugeVoter.Rule.fixed(a.map { .init(gauge: GaugeID($0.gauge), bps: $0.bps) })
                    inc.voters.append((k, GaugeVoter(rule: rule, count: spec.count)))
                }
            }
            inc.bribes = scenario.bribes
            inc.bribeAccount = economy.ledger.open("bribe_market", kind: .contract)
        }
        if let e = m.exitPenalty {
            do throws(ExitPenaltyError) {
                inc.penalty = try ExitPenalty(maxPenaltyFraction: e.maxPenalty, redistributedShare: e.redistributedShare, basis: .votingPower)
            } catch {
                throw SimulationError(day: 0, message: "mechanisms.exit_penalty: \(error)")
            }
            inc.penaltyAccount = economy.ledger.open("exit_penalty", kind: .contract)
            protocolTokenAccounts.append(inc.penaltyAccount)
        }
        inc.exitInverseLogMiss = scenario.populations.map { spec in
            let p = spec.incentives.earlyExitPropensity
            guard inc.penalty != nil, p > 0 else { return nil }
            return p >= 1 ? 0 : 1 / _log1p(-p)
        }
        if let split = m.revenueSplit {
            lockerShare = split.lockers
            inc.buybackShare = split.buybackAndBurn
        }
        if let t = m.treasury {
            inc.treasury = t
            if let d = t.diversification {
                do throws(TreasuryError) {
                    inc.diversification = try DiversificationPolicy(
                        tokensPerPeriod: d.tokensPerPeriod, minimumPrice: d.minimumPrice, maxStableShare: d.maxStableShare)
                } catch {
                    throw SimulationError(day: 0, message: "mechanisms.treasury.diversification: \(error)")
                }
            }
        }
        if let g = m.governance {
            do throws(GovernanceError) {
                inc.governance = Governance(parameters: try Governance.Parameters(
                    votingDelay: g.votingDelayDays, votingPeriod: g.votingPeriodDays, quorum: g.quorum, threshold: g.threshold,
                    timelockDelay: g.timelockDays))
            } catch {
                throw SimulationError(day: 0, message: "mechanisms.governance: \(error)")
            }
            inc.governanceSpec = g
        }
        for a in inc.gaugeAccounts { protocolTokenAccounts.append(a) }
        incentives = inc
    }

    // MARK: Start of day

    /// Governance (votes open, results, execution) and, on an epoch's first day, the
    /// gauges' new weights and the epoch's bribes. Runs after the scripted events.
    mutating func incentivesStartOfDay(day: Int) {
        guard incentives != nil else { return }
        incentives!.buybackBurnedToday = 0
        incentives!.treasurySoldToday = 0
        incentives!.earlyExitsToday = 0
        incentives!.penaltiesToday = 0
        incentives!.unmintedToday = 0
        for g in incentives!.gaugeEmissionToday.indices {
            incentives!.gaugeEmissionToday[g] = 0
            incentives!.bribesPaidToday[g] = 0
        }
        governanceTick(day: day)
        if incentives!.controller != nil {
            incentives!.controller!.checkpoint(now: Int64(day))
            let epoch = incentives!.controller!.currentEpoch
            if epoch != incentives!.weightsEpoch {
                let weights = incentives!.fixedWeights ?? incentives!.controller!.relativeWeights(epoch: epoch)
                incentives!.relativeWeights = incentives!.controller!.liveWeights(weights)
                incentives!.weightsEpoch = epoch
                settleBribes(epoch: epoch, day: day)
            }
        }
    }

    /// Offers the bribes active on `day` (an epoch's first day) for `epoch` and pays them to
    /// the gauge's voters pro-rata to their vote weights: USD from the outside (the
    /// bribers) to the bribe market, then to the voters' populations; an offer on a gauge
    /// without votes goes back to its briber.
    mutating func settleBribes(epoch: Int64, day: Int) {
        var inc = incentives!
        defer { incentives = inc }
        for g in inc.bribedNow.indices { inc.bribedNow[g] = false }
        var offered = 0.0
        // Bribe platforms list live gauges only: nothing is offered on a killed gauge.
        for b in inc.bribes where b.fromDay <= day && day <= b.toDay && b.usdPerEpoch > 0
            && !(inc.controller?.isKilled(GaugeID(b.gauge)) ?? false) {
            try? inc.market.offer(b.usdPerEpoch, gauge: GaugeID(b.gauge), epoch: epoch)
            offered += b.usdPerEpoch
            inc.bribedNow[b.gauge] = true
            inc.bribeOfferedTotal[b.gauge] += b.usdPerEpoch
        }
        guard offered > 0, let controller = inc.controller,
              let settlement = try? inc.market.settle(epoch: epoch, controller: controller) else { return }
        economy.ledger.transfer(.cash, from: economy.outside, to: inc.bribeAccount, offered)
        for p in populations {
            var share = 0.0
            for i in p.rows where settlement.payouts[i] > 0 {
                share += settlement.payouts[i]
                economy.cash[i] += settlement.payouts[i]
            }
            economy.ledger.transfer(.cash, from: inc.bribeAccount, to: p.account, share)
        }
        // What was not paid (no votes, or rounding) goes back to the bribers.
        economy.ledger.transferSigned(.cash, from: inc.bribeAccount, to: economy.outside, economy.ledger.balance(.cash, inc.bribeAccount))
        for g in settlement.paid.indices { inc.bribesPaidToday[g] = settlement.paid[g] }
    }

    // MARK: After the agents

    /// Early exits, gauge votes (on an epoch's first day) and the treasury's spending and
    /// sales. Runs after every population has acted.
    mutating func incentivesAfterAgents(day: Int) {
        guard incentives != nil else { return }
        if incentives!.penalty != nil { earlyExits() }
        if incentives!.controller != nil, Int64(day) == incentives!.controller!.epochStart(incentives!.controller!.currentEpoch) {
            castGaugeVotes()
        }
        if let t = incentives!.treasury { treasuryStep(t, day: day) }
    }

    /// Agents of populations with an `early_exit_propensity` leave their unexpired locks
    /// (thinning: geometric gaps over the rows, one logarithm per candidate). The returned
    /// tokens go back to the population; the penalty's redistributed part waits in the
    /// exit-penalty account until the day's payout to lockers, and the rest is burned.
    mutating func earlyExits() {
        guard let penalty = incentives!.penalty else { return }
        for p in populations.indices {
            guard p < incentives!.exitInverseLogMiss.count, let inverseLogMiss = incentives!.exitInverseLogMiss[p] else { continue }
            let rows = populations[p].rows
            var rng = populations[p].rng
            var returned = 0.0
            var shared = 0.0
            var burned = 0.0
            var i = rows.lowerBound - 1
            while true {
                let u = Double((rng.next() >> 11) &+ 1) * 0x1p-53
                let gap = (_log(u) * inverseLogMiss).rounded(.down)
                guard gap < Double(rows.upperBound - i) else { break }
                i += Int(gap) + 1
                guard i < rows.upperBound else { break }
                if let exit = economy.exitEarly(i, penalty: penalty) {
                    returned += exit.returned
                    shared += exit.toRedistribute
                    burned += exit.burned
                    incentives!.earlyExitsToday += 1
                    incentives!.penaltiesToday += exit.penalty
                }
            }
            populations[p].rng = rng
            economy.flushClaims()
            economy.settleWithdrawals(population: populations[p].account, amount: returned)
            economy.ledger.transfer(.token, from: economy.escrowAccount, to: incentives!.penaltyAccount, shared)
            economy.ledger.burn(.token, from: economy.escrowAccount, burned)
        }
    }

    /// Penalty tokens waiting for the remaining lockers, moved to the accrued emissions to
    /// be paid with today's payout pro-rata to voting power (0 without exits or power; they
    /// wait for a day with power).
    mutating func releasePenalties(totalPower: Double) -> Double {
        guard let inc = incentives, inc.penalty != nil, totalPower > 0 else { return 0 }
        let pool = economy.ledger.balance(.token, inc.penaltyAccount)
        guard pool > 0 else { return 0 }
        economy.ledger.transfer(.token, from: inc.penaltyAccount, to: economy.emissionPendingAccount, pool)
        return pool
    }

    /// The best gauge for bribe followers: the highest next-epoch bribe per unit of the
    /// gauge's current weight (a gauge with a bribe and no weight wins), nil with no bribes.
    /// Killed gauges are not bribed, so they are never best.
    func bestBribedGauge(nextEpochStart: Int) -> GaugeID? {
        guard let inc = incentives, let controller = inc.controller else { return nil }
        var offered = [Double](repeating: 0, count: controller.gaugeCount)
        for b in inc.bribes where b.fromDay <= nextEpochStart && nextEpochStart <= b.toDay && !controller.isKilled(GaugeID(b.gauge)) {
            offered[b.gauge] += b.usdPerEpoch
        }
        let weights = controller.epochWeights(controller.currentEpoch).gauges
        var best: Int?
        var bestScore = 0.0
        for g in offered.indices where offered[g] > 0 {
            let score = weights[g] > 0 ? offered[g] / weights[g] : .infinity
            if best == nil || score > bestScore {
                best = g
                bestScore = score
            }
        }
        return best.map(GaugeID.init)
    }

    mutating func castGaugeVotes() {
        var inc = incentives!
        defer { incentives = inc }
        guard var controller = inc.controller else { return }
        inc.controller = nil
        let next = Int(controller.epochStart(controller.currentEpoch + 1))
        let best = bestBribedGauge(nextEpochStart: next)
        for k in inc.voters.indices {
            let rows = populations[inc.voters[k].population].rows
            inc.votesRejected += inc.voters[k].voter.vote(rows: rows, economy: economy, controller: &controller, bestGauge: best)
        }
        inc.controller = controller
    }

    /// Routes `amount` of the day's emission by the current epoch's relative weights to the
    /// gauges' ``LiquidityGauge``s and mints, into each gauge's account, what its stakers
    /// accrue. As with Curve's Minter, which mints only what gauges pay out, nothing is
    /// minted for a share no gauge receives (no gauge weight: the first epoch, or nobody
    /// voting) or for a gauge with no working supply (nobody stakes): those tokens are
    /// ``MetricName/emissionUnminted``, and the gauge keeps them in its `unminted` total.
    /// - Returns: the tokens minted.
    mutating func routeGaugeEmission(_ amount: Double) -> Double {
        guard amount > 0 else { return 0 }
        var minted = 0.0
        let price = economy.market.price
        for g in incentives!.relativeWeights.indices {
            let x = amount * incentives!.relativeWeights[g]
            guard x > 0 else { continue }
            let accrued = x - economy.distributeToFarm(g, x)
            incentives!.routedTotal[g] += x
            incentives!.gaugeEmissionToday[g] = x
            if incentives!.bribedNow[g] { incentives!.bribedEmissionUSD[g] += x * price }
            minted += accrued
        }
        incentives!.unmintedToday = max(0, amount - minted)
        return minted
    }

    /// The buyback share of today's revenue: USD from the treasury's revenue buys tokens on
    /// the market, which are burned.
    mutating func buyback(revenue: Double) {
        guard let share = incentives?.buybackShare, share > 0 else { return }
        let usd = min(revenue * share, economy.ledger.balance(.cash, economy.treasuryAccount))
        let bought = economy.marketBuy(usd: usd, for: economy.treasuryAccount)
        economy.ledger.burn(.token, from: economy.treasuryAccount, bought)
        incentives!.buybackBurnedToday = bought
    }

    /// The treasury pays its daily spending (a 30-day month) from its USD, as far as it
    /// goes, and on diversification days sells native tokens by the policy.
    mutating func treasuryStep(_ t: TreasurySpec, day: Int) {
        let account = economy.treasuryAccount
        let spend = min(t.monthlySpendUSD / 30, economy.ledger.balance(.cash, account))
        economy.ledger.transfer(.cash, from: account, to: economy.outside, spend)
        if let d = t.diversification, let policy = incentives!.diversification, day % d.periodDays == 0,
           let holdings = try? Treasury(native: economy.ledger.balance(.token, account), stables: economy.ledger.balance(.cash, account))
        {
            let q = policy.amountToSell(from: holdings, price: economy.market.price)
            economy.marketSell(q, from: account)
            incentives!.treasurySoldToday = q
        }
    }

    /// A scripted or voted change of an incentive parameter.
    mutating func setIncentiveParameter(_ parameter: SettableParameter, _ value: Double) {
        guard incentives != nil else { return }
        switch parameter {
        case .gaugeEmissionShare: incentives!.gaugeShare = value
        case .maxExitPenalty:
            if let p = incentives!.penalty,
               let changed = try? ExitPenalty(maxPenaltyFraction: value, redistributedShare: p.redistributedShare, basis: p.basis)
            {
                incentives!.penalty = changed
            }
        default: break
        }
    }

    // MARK: Governance

    /// Each voter's power for governance now: ve power, or tokens held (free plus locked;
    /// with `stake_with_lp` plus the tokens of its LP positions, ``addLPStake(_:)``).
    mutating func governancePower() -> [Double] {
        let rule = incentives?.governanceSpec.votingPower
        if rule == .stake || rule == .stakeWithLP {
            var out = [Double](repeating: 0, count: economy.agentCount)
            for i in out.indices { out[i] = economy.tokens[i] + economy.escrow.lockedAmount(i) }
            if rule == .stakeWithLP { addLPStake(&out) }
            return out
        }
        economy.escrow.snapshotPower(at: Int64(economy.day))
        return economy.escrow.power
    }

    /// Puts a proposal, snapshotting every agent's power now.
    mutating func propose(_ parameter: SettableParameter, _ value: Double, day: Int) {
        submitProposal(.set(parameter, value), ParameterChange(name: parameter.rawValue, value: value), day: day)
    }

    /// Puts a proposal to apply `action` (described to governance as `change`), snapshotting
    /// every agent's power now.
    mutating func submitProposal(_ action: EventAction, _ change: ParameterChange, day: Int) {
        guard incentives?.governance != nil else { return }
        attackerBuysAndLocks(day: day)
        let snapshot = governancePower()
        let total = snapshot.reduce(0, +)
        guard let id = try? incentives!.governance!.propose(change, day: day, totalVotingPower: total) else { return }
        incentives!.proposals.append((id, action, snapshot, false))
    }

    /// Opens votes (every agent with power at the snapshot votes with its population's
    /// turnout and support, on the first day of the voting period), settles closed votes,
    /// queues passed proposals and executes them after the timelock (``set(_:_:)`` or
    /// ``changeGauges(_:)``).
    mutating func governanceTick(day: Int) {
        guard incentives?.governance != nil else { return }
        for k in incentives!.proposals.indices where !incentives!.proposals[k].settled {
            let (id, action, snapshot, _) = incentives!.proposals[k]
            guard let proposal = try? incentives!.governance!.proposal(id) else { continue }
            if day == proposal.voteStart { castGovernanceVotes(id, snapshot: snapshot, day: day) }
            switch proposal.state(on: day) {
            case .succeeded:
                _ = try? incentives!.governance!.queue(id, day: day)
                if proposal.rules.timelockDelay == 0 { fallthrough }
            case .queued:
                if (try? incentives!.governance!.execute(id, day: day)) != nil {
                    switch action {
                    case .set(let parameter, let value): set(parameter, value)
                    case .changeGauges(let change): changeGauges(change)
                    default: break
                    }
                    incentives!.proposalsExecuted += 1
                    incentives!.proposals[k].settled = true
                }
            case .defeated:
                incentives!.proposalsDefeated += 1
                incentives!.proposals[k].settled = true
            case .expired:
                incentives!.proposals[k].settled = true
            default: break
            }
        }
    }

    /// The attacker spends its USD on tokens, bought at once along the impact curve (with
    /// pools: through the router, flow `attacker`), and locks them for the longest time
    /// before the proposal's power snapshot.
    mutating func attackerBuysAndLocks(day: Int) {
        guard let p = incentives?.attackerPopulation else { return }
        let population = populations[p]
        let row = population.rows.lowerBound
        let usd = economy.cash[row]
        guard usd > 0 else { return }
        let bought = economy.marketBuy(usd: usd, for: population.account, payingImpact: true, flow: .attacker)
        economy.cash[row] -= usd
        economy.tokens[row] += bought
        economy.claimRewards(row)
        let amount = economy.tokens[row]
        let maxDays = economy.escrow.parameters.maxTime
        if economy.lock(row, amount: amount, unlockDay: Int64(day) + maxDays) {
            economy.settleLocks(population: population.account, amount: amount)
        }
        economy.flushClaims()
    }

    mutating func castGovernanceVotes(_ id: ProposalID, snapshot: [Double], day: Int) {
        for p in populations.indices {
            var options = scenario.populations.indices.contains(p) ? scenario.populations[p].incentives : IncentiveOptions()
            if p == incentives!.attackerPopulation {
                options.governanceSupport = 1
                options.governanceTurnout = 1
            }
            var rng = populations[p].rng
            for i in populations[p].rows where i < snapshot.count && snapshot[i] > 0 {
                let turnout = Double(rng.next() >> 11) * 0x1p-53
                let support = Double(rng.next() >> 11) * 0x1p-53
                guard turnout < options.governanceTurnout else { continue }
                let side: VoteSupport = support < options.governanceSupport ? .inFavor : .against
                try? incentives!.governance!.castVote(on: id, voter: i, support: side, weight: snapshot[i], day: day)
            }
            populations[p].rng = rng
        }
    }

    /// USD to buy and lock a majority of today's voting power
    /// (``Governance/costOfMajority(votingPower:attacker:powerPerLockedToken:majority:cost:)``):
    /// without pools through the market's impact model, with pools through the router
    /// (``Economy/routedPurchaseCost(tokens:)``, the price the attacker's own purchase pays).
    mutating func attackCost() -> Double {
        let power = governancePower()
        let economy = self.economy
        if incentives?.governanceSpec.votingPower == .stakeWithLP { return attackCostCountingLPStake(power) }
        if !economy.pools.isEmpty {
            return Governance.costOfMajority(votingPower: power, cost: { (x: Double) -> Double in economy.routedPurchaseCost(tokens: x) }).usd
        }
        let result = Governance.costOfMajority(votingPower: power, cost: { (x: Double) -> Double in economy.purchaseCost(tokens: x) })
        return result.usd
    }

    // MARK: Metrics

    /// Today's value of a metric of the incentive machinery (NaN when the scenario lacks it).
    mutating func incentiveMetric(_ metric: MetricName) -> Double {
        let ledger = economy.ledger
        let inc = incentives
        let price = economy.market.price
        switch metric {
        case .gaugeVotesRejected: return Double(inc?.votesRejected ?? 0)
        case .emissionUnminted: return inc?.unmintedToday ?? 0
        case .bribesPaid: return inc?.bribesPaidToday.reduce(0, +) ?? 0
        case .emissionUSDPerBribeUSD:
            guard let inc else { return .nan }
            let offered = inc.bribeOfferedTotal.reduce(0, +)
            return offered > 0 ? inc.bribedEmissionUSD.reduce(0, +) / offered : .nan
        case .earlyExits: return Double(inc?.earlyExitsToday ?? 0)
        case .exitPenalties: return inc?.penaltiesToday ?? 0
        case .buybackBurned: return inc?.buybackBurnedToday ?? 0
        case .treasuryValue:
            return ledger.balance(.token, economy.treasuryAccount) * price + ledger.balance(.cash, economy.treasuryAccount)
        case .treasuryStableShare:
            let cash = ledger.balance(.cash, economy.treasuryAccount)
            let value = ledger.balance(.token, economy.treasuryAccount) * price + cash
            return value > 0 ? cash / value : 0
        case .treasuryRunwayMonths:
            let spend = inc?.treasury?.monthlySpendUSD ?? 0
            return spend > 0 ? ledger.balance(.cash, economy.treasuryAccount) / spend : .infinity
        case .treasurySellPressure: return inc?.treasurySoldToday ?? 0
        case .attackCostUSD: return attackCost()
        case .proposalsExecuted: return Double(inc?.proposalsExecuted ?? 0)
        case .proposalsDefeated: return Double(inc?.proposalsDefeated ?? 0)
        case .emissionEfficiency:
            guard let inc, inc.emissionUSDTotal > 0 else { return .nan }
            return inc.revenueTotal / inc.emissionUSDTotal
        case .emissionSoldShare:
            let fate = economy.emissionFate
            return fate.claimed > 0 ? fate.soldWithinWindow / fate.claimed : .nan
        case .mercenaryTVLShare: return mercenaryTVLShare()
        case .emissionLockedShare:
            let fate = economy.emissionFate
            return fate.claimed > 0 ? fate.locked / fate.claimed : .nan
        case .newLockDays:
            return economy.lockedToday > 0 ? economy.lockedTokenDaysToday / economy.lockedToday : .nan
        default: return .nan
        }
    }

    /// Today's value of a per-gauge metric.
    func gaugeMetric(_ kind: GaugeMetric, _ g: Int) -> Double {
        guard let inc = incentives, g < inc.gaugeAccounts.count else { return .nan }
        switch kind {
        case .weight: return inc.relativeWeights.indices.contains(g) ? inc.relativeWeights[g] : 0
        case .emission: return inc.gaugeEmissionToday[g]
        case .bribes: return inc.bribesPaidToday[g]
        case .emissionUSDPerBribeUSD:
            return inc.bribeOfferedTotal[g] > 0 ? inc.bribedEmissionUSD[g] / inc.bribeOfferedTotal[g] : .nan
        case .tvl, .apr, .boost: return farmMetric(kind, g)
        }
    }

    // MARK: Invariants

    /// The incentive machinery's invariants: each gauge received exactly what was routed to
    /// it, and its account holds what it received less what was never minted and what was
    /// claimed (with the liquidity gauge's own `received == claimed + claimable + unminted`);
    /// the bribe market holds nothing between steps; the gauge controller's own invariants.
    func incentiveViolation() -> InvariantViolation? {
        guard let inc = incentives else { return nil }
        let ledger = economy.ledger
        for g in inc.gaugeAccounts.indices {
            let lg = economy.farms.gauges[g]
            if abs(lg.received - inc.routedTotal[g]) > 1e-9 * max(1, lg.received) {
                return InvariantViolation("gauge \(inc.gaugeNames[g]) received \(lg.received), but \(inc.routedTotal[g]) was routed to it")
            }
            let held = lg.received - lg.unminted - lg.claimed
            if let v = ledger.checkSubledger(.token, inc.gaugeAccounts[g], columnSum: held, label: "gauge \(inc.gaugeNames[g])") { return v }
            if let v = lg.checkInvariants().first { return v }
        }
        if let v = farmingViolation() { return v }
        if let controller = inc.controller {
            if let v = ledger.checkSubledger(.cash, inc.bribeAccount, columnSum: 0, label: "bribe market") { return v }
            if let v = controller.checkInvariants().first { return v }
        }
        return nil
    }
}
