import HomeostatAgents
import HomeostatCore
public import HomeostatMarket
public import HomeostatScenario

/// The outside market (`market:`): the external price moves each day with the agents' net
/// selling (BM-1 step 6); scripted price shocks and changes of its volatility, drift and
/// impact. With pools or informed traders the next move is drawn before the agents act, so
/// informed traders can know its sign (the same draws as before, only earlier).
public struct MarketModule: Module {
    /// Whether the next move is drawn at the start of the day.
    let drawsEarly: Bool

    /// The market module; `drawsEarly` when the scenario has pools or informed traders.
    public init(drawsEarly: Bool) { self.drawsEarly = drawsEarly }

    public var name: String { "market" }

    public var hooks: [Hook] {
        [
            Hook(.beforeAgents, 40, drawsEarly ? "check the price; draw the next move" : "check the price"),
            Hook(.market, 0, "move the price with the day's net selling"),
            Hook(.market, 90, "check the price"),
        ]
    }

    public mutating func run(_ hook: Hook, world: inout World) {
        switch hook.order {
        case 40:
            if let problem = world.priceOutOfRange() { world.fail(problem); return }
            if drawsEarly { world.economy.market.drawNextMove(rng: &world.marketRNG) }
        case 0:
            world.today.previousPrice = world.economy.market.price
            world.economy.market.advance(netSold: world.economy.soldToday - world.economy.boughtToday, rng: &world.marketRNG)
        default:
            if let problem = world.priceOutOfRange() { world.fail(problem) }
        }
    }

    public func owns(_ action: EventAction) -> Bool {
        switch action {
        case .priceShock: true
        case .set(let p, _): p == .volatility || p == .drift || p == .impactCoefficient
        default: false
        }
    }

    public mutating func apply(_ action: EventAction, world: inout World) {
        switch action {
        case .priceShock(let change): world.economy.market.shock(change)
        case .set(.volatility, let value): world.economy.market.setVolatility(value)
        case .set(.drift, let value): world.economy.market.setDrift(value)
        case .set(.impactCoefficient, let value):
            switch world.economy.market.impact {
            case .linear(_, let floor): world.economy.market.impact = .linear(coefficient: value, floor: floor)
            case .squareRoot(_, let floor): world.economy.market.impact = .squareRoot(coefficient: value, floor: floor)
            case .none: break
            }
        default: break
        }
    }

    public func metricSlot(_ name: String, world: World) -> Int? { name == MetricName.price.rawValue ? 0 : nil }

    public mutating func metric(_ slot: Int, world: inout World) -> Double { world.economy.market.price }

    // MARK: Mapping the scenario

    /// The price process of `spec`.
    public static func process(_ spec: ProcessSpec) -> PriceProcess {
        switch spec {
        case .gbm(let mu, let sigma): .gbm(drift: mu, volatility: sigma)
        case .jumpDiffusion(let mu, let sigma, let l, let jm, let js):
            .jumpDiffusion(drift: mu, volatility: sigma, intensity: l, jumpMean: jm, jumpStdev: js)
        case .series(_, _, let prices): .series(prices)
        }
    }

    /// The impact model of `spec`.
    public static func impact(_ spec: ImpactSpec) -> ImpactModel {
        switch spec.model {
        case .linear: .linear(coefficient: spec.coefficient, floor: spec.floor)
        case .sqrt: .squareRoot(coefficient: spec.coefficient, floor: spec.floor)
        case .none: .none
        }
    }
}
