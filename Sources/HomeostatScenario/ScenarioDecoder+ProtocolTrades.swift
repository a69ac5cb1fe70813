internal import HomeostatCore
internal import Yams

/// LP metrics' populations (the liquidity providers' revenue share is checked by the
/// engine's `RevenueSplitSection`).
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
}
