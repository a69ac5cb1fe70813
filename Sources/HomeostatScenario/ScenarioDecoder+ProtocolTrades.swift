internal import HomeostatCore
internal import Yams

/// Checks of the fields that tie the incentive machinery to the pools: LP metrics and the
/// liquidity providers' revenue share.
extension ScenarioDecoder {
    /// `KIND:POPULATION` must name a declared `passive_lp` or `range_lp` population.
    func checkLPPopulation(_ node: Node, _ path: String, _ name: String, _ s: Scenario) throws(ScenarioError) {
        let providers = s.populations.filter(\.providesLiquidity).map(\.name)
        guard let population = s.populations.first(where: { $0.name == name }) else {
            throw reference(node, path, name, what: "LP population", names: providers)
        }
        guard population.providesLiquidity else {
            throw reader.error(
                Code.reference, at: node, path,
                "population '\(name)' provides no liquidity; LP metrics name a passive_lp or range_lp population"
                    + (providers.isEmpty ? " and the scenario declares none" : " (\(providers.joined(separator: ", ")))"))
        }
    }

    /// `governance.voting_power: stake_with_lp` needs pools (LP positions to count).
    func checkLPStakeVoting(_ m: MappingReader, _ s: Scenario) throws(ScenarioError) {
        guard s.mechanisms.governance?.votingPower == .stakeWithLP, s.pools.isEmpty, let n = m.value("governance") else { return }
        let g = try reader.mapping(n, m.path("governance"), allowed: nil)
        throw reader.error(
            Code.conflict, at: g.value("voting_power"), g.path("voting_power"),
            "stake_with_lp counts the tokens of LP positions, and the scenario declares no pools; use stake or ve")
    }

    /// `revenue_split.liquidity_providers > 0` needs pools, and a main (first) pool with LP
    /// shares (constant product or StableSwap): the share is paid pro-rata to them.
    func checkLiquidityProviderShare(_ m: MappingReader, _ s: Scenario) throws(ScenarioError) {
        guard let split = s.mechanisms.revenueSplit, split.liquidityProviders > 0,
              let n = m.value("revenue_split") else { return }
        let r = try reader.mapping(n, m.path("revenue_split"), allowed: nil)
        let field = r.value("liquidity_providers")
        let path = r.path("liquidity_providers")
        guard let main = s.pools.first else {
            throw reader.error(
                Code.conflict, at: field, path,
                "the scenario declares no pools for liquidity providers; set it to 0 and give the share to lockers or the treasury")
        }
        if main.kind == .concentrated {
            throw reader.error(
                Code.conflict, at: field, path,
                "the main pool '\(main.name)' (the first in pools:) is concentrated and has no LP shares to pay pro-rata to; "
                    + "put a constant_product or stableswap pool first, or set it to 0")
        }
    }
}
