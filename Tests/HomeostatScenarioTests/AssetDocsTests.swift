import HomeostatScenario
import Testing

extension DocsTests {
    /// Defaults of `assets:` and of the asset fields of `pools:`, as the loader gives them.
    static func assetDefaults(_ minimal: Scenario) throws -> [String: String] {
        let s = try scenario("""
            name: assets
            assets: [{symbol: W}]
            pools: [{name: p, kind: constant_product, token_reserve: 1}]
            """)
        let asset = try #require(s.assets.first)
        guard case .gbm = asset.process else { throw CancellationError() }
        return [
            "assets": minimal.assets.isEmpty ? "[]" : "non-empty",
            "assets[].price": fmt(asset.price),
            "assets[].process": "gbm",
            "pools[].quote": s.pools[0].quote,
            "pools[].coins": s.pools[0].coins == nil ? "absent" : "present",
        ]
    }
}
