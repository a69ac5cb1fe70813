import HomeostatMechanisms

/// `homeostat replay concentrated`: drives a ``ConcentratedLiquidityPool`` (Uniswap v3)
/// through a script of `init`, `mint`, `burn`, `swap`, `collect` and `query` operations.
/// The format is documented in `docs/replay-concentrated.md`.
///
/// Every operation prints one line: the header `{"line", "t" (when given), "op", "who"
/// (when the op has one)}`, then the op's results and the state after it (`"sqrt_price"`,
/// `"tick"`, `"liquidity"`); a query prints the whole pool. A rejected operation prints
/// `"error"` (``PoolError``'s description, with v3's reason code first) and changes nothing.
struct ConcentratedReplay {
    static let ops = ["init", "mint", "burn", "swap", "collect", "query"]
    static let tickRange: ClosedRange<Int64> = -10_000_000...10_000_000

    enum Action {
        case initialize(pool: ConcentratedLiquidityPool)
        case mint(lower: Int, upper: Int, liquidity: Double)
        case burn(lower: Int, upper: Int, liquidity: Double)
        case swap(zeroForOne: Bool, amountIn: Double, limit: Double?)
        case collect(lower: Int, upper: Int, amount0: Double, amount1: Double)
        case query
    }

    let steps: [PoolReplayStep<Action>]

    /// Reads and checks the whole script.
    init(script: String, scriptName: String) throws(ReplayScriptError) {
        let parsed = try ReplayScript(
            text: script, name: scriptName, knownOps: Self.ops, timeRequired: false, initOp: "init")
        var steps: [PoolReplayStep<Action>] = []
        for operation in parsed.operations {
            switch operation.op {
            case "init":
                let spacing = Int(try operation.integer("tick_spacing", in: 1...16384))
                let fee = Int(try operation.integer("fee", in: 0...999_999))
                let field = operation.has("sqrt_price") ? "sqrt_price" : "price"
                let value = field == "sqrt_price" ? try Self.sqrtPrice(operation, field) : try operation.amount(field)
                let pool: ConcentratedLiquidityPool
                do throws(PoolError) {
                    pool = field == "sqrt_price"
                        ? try ConcentratedLiquidityPool(sqrtPrice: value, tickSpacing: spacing, fee: fee)
                        : try ConcentratedLiquidityPool(price: value, tickSpacing: spacing, fee: fee)
                } catch {
                    throw operation.error(.badParameter(field: field, reason: error.description))
                }
                steps.append(PoolReplayStep(operation, who: nil, action: .initialize(pool: pool)))
            case "mint", "burn":
                let who = try operation.string("who")
                let lower = Int(try operation.integer("tick_lower", in: Self.tickRange))
                let upper = Int(try operation.integer("tick_upper", in: Self.tickRange))
                let liquidity = try operation.amount("liquidity")
                steps.append(PoolReplayStep(operation, who: who, action: operation.op == "mint"
                    ? .mint(lower: lower, upper: upper, liquidity: liquidity)
                    : .burn(lower: lower, upper: upper, liquidity: liquidity)))
            case "swap":
                let who = try operation.string("who")
                let zeroForOne = try operation.boolean("zero_for_one")
                let amountIn = try operation.amount("amount_in")
                let limit = operation.has("sqrt_price_limit") ? try Self.sqrtPrice(operation, "sqrt_price_limit") : nil
                steps.append(PoolReplayStep(operation, who: who, action: .swap(
                    zeroForOne: zeroForOne, amountIn: amountIn, limit: limit)))
            case "collect":
                let who = try operation.string("who")
                let lower = Int(try operation.integer("tick_lower", in: Self.tickRange))
                let upper = Int(try operation.integer("tick_upper", in: Self.tickRange))
                let amount0 = try operation.amount("amount0", default: .infinity)
                let amount1 = try operation.amount("amount1", default: .infinity)
                steps.append(PoolReplayStep(operation, who: who, action: .collect(
                    lower: lower, upper: upper, amount0: amount0, amount1: amount1)))
            default:
                steps.append(PoolReplayStep(operation, who: nil, action: .query))
            }
        }
        try parsed.rejectUnreadFields()
        self.steps = steps
    }

    /// `MAX_SQRT_RATIO / 2^96` written out exactly (the denominator is a power of two).
    static let maxSqrtRatioDecimal =
        "18446050711097703530.31403400221968920838267209770348788508405253358553971786137903876579002826474606990814208984375"

    /// A `√` price field (`sqrt_price`, `sqrt_price_limit`) as the pool takes it.
    ///
    /// The Double nearest to `MAX_SQRT_RATIO / 2^96` (``ConcentratedLiquidityPool/maxSqrtPrice``)
    /// lies above it, and so do the Doubles nearest to the contract's largest valid prices,
    /// `MAX_SQRT_RATIO − 1` among them: read as the nearest Double, the router's default
    /// limit and an `init` there would be refused. A decimal strictly below
    /// `MAX_SQRT_RATIO / 2^96` whose nearest Double is `maxSqrtPrice` is therefore taken as
    /// the Double just below it (its representable neighbour, 1.1e-16 relative lower);
    /// `MAX_SQRT_RATIO` itself and anything above stay out of range, as in the contract.
    static func sqrtPrice(_ operation: ReplayOperation, _ key: String) throws(ReplayScriptError) -> Double {
        let value = try operation.amount(key)
        guard value == ConcentratedLiquidityPool.maxSqrtPrice, let text = operation.fields[key] as? String,
              decimalPrecedes(text, maxSqrtRatioDecimal)
        else { return value }
        return value.nextDown
    }

    /// Whether the decimal string `a` is less than `b` (both unsigned, as `ReplayDecimal`
    /// accepts them), compared exactly, digit by digit.
    static func decimalPrecedes(_ a: String, _ b: String) -> Bool {
        func parts(_ s: String) -> (whole: [UInt8], fraction: [UInt8]) {
            let bytes = Array(s.utf8)
            let point = bytes.firstIndex(of: UInt8(ascii: ".")) ?? bytes.count
            let whole = Array(bytes[..<point].drop { $0 == UInt8(ascii: "0") })
            let fraction = point < bytes.count ? Array(bytes[(point + 1)...]) : []
            return (whole, fraction)
        }
        let (x, y) = (parts(a), parts(b))
        if x.whole.count != y.whole.count { return x.whole.count < y.whole.count }
        if x.whole != y.whole { return x.whole.lexicographicallyPrecedes(y.whole) }
        let width = max(x.fraction.count, y.fraction.count)
        let zero = UInt8(ascii: "0")
        let fx = x.fraction + Array(repeating: zero, count: width - x.fraction.count)
        let fy = y.fraction + Array(repeating: zero, count: width - y.fraction.count)
        return fx.lexicographicallyPrecedes(fy)
    }

    /// Executes the steps in order, one output line each.
    func run(output: (String) -> Void) {
        guard case .initialize(var pool) = steps.first?.action else { return }
        runPoolReplaySteps(steps, pool: &pool, output: output) { step, pool, line throws(PoolError) in
            let who = step.who ?? ""
            switch step.action {
            case .initialize:
                line.add("sqrt_price", decimal: pool.sqrtPrice)
                line.add("price", decimal: pool.price)
                line.add("tick", integer: pool.tick)
                return line.json
            case .mint(let lower, let upper, let liquidity):
                let out = try pool.mint(owner: who, tickLower: lower, tickUpper: upper, liquidity: liquidity)
                line.add("amount0", decimal: out.amount0)
                line.add("amount1", decimal: out.amount1)
            case .burn(let lower, let upper, let liquidity):
                let out = try pool.burn(owner: who, tickLower: lower, tickUpper: upper, liquidity: liquidity)
                line.add("amount0", decimal: out.amount0)
                line.add("amount1", decimal: out.amount1)
            case .swap(let zeroForOne, let amountIn, let limit):
                let result = try pool.swap(zeroForOne: zeroForOne, amountIn: amountIn, sqrtPriceLimit: limit)
                line.add("amount_in", decimal: result.amountIn)
                line.add("amount_out", decimal: result.amountOut)
                line.add("fee", decimal: result.fee)
                line.add("ticks_crossed", integer: result.ticksCrossed)
            case .collect(let lower, let upper, let amount0, let amount1):
                let out = try pool.collect(owner: who, tickLower: lower, tickUpper: upper, amount0: amount0, amount1: amount1)
                line.add("amount0", decimal: out.amount0)
                line.add("amount1", decimal: out.amount1)
            case .query:
                addState(pool, to: &line)
                return query(pool, line: line)
            }
            addState(pool, to: &line)
            return line.json
        }
    }

    func addState(_ pool: ConcentratedLiquidityPool, to line: inout ReplayJSONWriter) {
        line.add("sqrt_price", decimal: pool.sqrtPrice)
        line.add("tick", integer: pool.tick)
        line.add("liquidity", decimal: pool.liquidity)
    }

    func query(_ pool: ConcentratedLiquidityPool, line: ReplayJSONWriter) -> String {
        var line = line
        line.add("price", decimal: pool.price)
        line.add("balances", decimals: [pool.balance0, pool.balance1])
        line.add("fee_growth_global", decimals: [pool.feeGrowthGlobal0, pool.feeGrowthGlobal1])
        line.add("ticks", objects: pool.initializedTicks.map { t in
            let info = pool.tickInfo(t) ?? TickInfo()
            var item = ReplayJSONWriter()
            item.add("tick", integer: t)
            item.add("liquidity_gross", decimal: info.liquidityGross)
            item.add("liquidity_net", decimal: info.liquidityNet)
            return item
        })
        line.add("positions", objects: pool.positionKeys.map { key in
            let p = pool.position(owner: key.owner, tickLower: key.tickLower, tickUpper: key.tickUpper) ?? Position()
            var item = ReplayJSONWriter()
            item.add("who", string: key.owner)
            item.add("tick_lower", integer: key.tickLower)
            item.add("tick_upper", integer: key.tickUpper)
            item.add("liquidity", decimal: p.liquidity)
            item.add("tokens_owed", decimals: [p.tokensOwed0, p.tokensOwed1])
            return item
        })
        return line.json
    }
}
