import HomeostatMechanisms

/// `homeostat replay constant-product`: drives a ``ConstantProductPool`` (a Uniswap v2 pair,
/// protocol fee off) through a script of `init`, `swap`, `add_liquidity`,
/// `remove_liquidity` and `query` operations (`spec/replay.md`).
///
/// `init` takes `reserves` (the first deposit, by `who`, default `"lp0"`), `fee` (default
/// `"0.003"`) and `decimals` (default `[18, 18]`). Every operation prints one line: the
/// header `{"line", "t" (when given), "op", "who"}`, then
/// - `init` / `add_liquidity`: `"lp_minted"`; `swap`: `"dy"`; `remove_liquidity`:
///   `"amounts"`; each followed by the state after it, `"reserves"` and `"total_supply"`
///   (which counts the `MINIMUM_LIQUIDITY` locked at address zero);
/// - `query`: `"reserves"`, `"total_supply"`, `"lp_balances"` (``SeenAccounts``; the zero
///   address appears once it holds the locked liquidity), then `"get_amount_out"` when
///   asked for: one `{"i", "dx", "dy"}` (or `"error"`) per `[i, dx]` request;
/// - a rejected operation: `"error"` with the pair's revert string (``PoolError``).
struct ConstantProductReplay {
    static let ops = ["init", "swap", "add_liquidity", "remove_liquidity", "query"]

    enum Action {
        case initialize(pool: ConstantProductPool, reserves: [Double])
        case swap(i: Int, dx: Double)
        case addLiquidity(amounts: [Double])
        case removeLiquidity(lpAmount: Double)
        case query(getAmountOut: [(i: Int, dx: Double)]?)
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
                let who = try operation.string("who", default: "lp0")
                let reserves = try operation.amounts("reserves", count: 2)
                let fee = try operation.amount("fee", default: 0.003)
                let decimals = operation.has("decimals")
                    ? try operation.integers("decimals", in: 0...36, count: 2).map(Int.init) : [18, 18]
                let pool: ConstantProductPool
                do throws(PoolError) {
                    pool = try ConstantProductPool(fee: fee, decimals: decimals)
                } catch {
                    throw operation.error(.badParameter(field: "fee", reason: error.description))
                }
                steps.append(PoolReplayStep(operation, who: who, action: .initialize(pool: pool, reserves: reserves)))
            case "swap":
                let who = try operation.string("who")
                let i = Int(try operation.integer("i", in: StableSwapReplay.indexRange))
                let dx = try operation.amount("dx")
                steps.append(PoolReplayStep(operation, who: who, action: .swap(i: i, dx: dx)))
            case "add_liquidity":
                let who = try operation.string("who")
                let amounts = try operation.amounts("amounts", count: 2)
                steps.append(PoolReplayStep(operation, who: who, action: .addLiquidity(amounts: amounts)))
            case "remove_liquidity":
                let who = try operation.string("who")
                let lpAmount = try operation.amount("lp_amount")
                steps.append(PoolReplayStep(operation, who: who, action: .removeLiquidity(lpAmount: lpAmount)))
            default:
                var requests: [(i: Int, dx: Double)]?
                if operation.has("get_amount_out") {
                    requests = []
                    for (k, item) in try operation.array("get_amount_out", of: "[i, dx] pairs").enumerated() {
                        let label = "get_amount_out[\(k)]"
                        let pair = try operation.arrayValue(item, label: label, count: 2, of: "values: [i, dx]")
                        requests?.append((
                            Int(try operation.integerValue(pair[0], label: label + "[0]", in: StableSwapReplay.indexRange)),
                            try operation.amountValue(pair[1], label: label + "[1]")))
                    }
                }
                steps.append(PoolReplayStep(operation, who: nil, action: .query(getAmountOut: requests)))
            }
        }
        try parsed.rejectUnreadFields()
        self.steps = steps
    }

    /// Executes the steps in order, one output line each.
    func run(output: (String) -> Void) {
        guard case .initialize(var pool, _) = steps.first?.action else { return }
        var seen = SeenAccounts()
        runPoolReplaySteps(steps, pool: &pool, output: output) { step, pool, line throws(PoolError) in
            if let who = step.who { seen.insert(who) }
            switch step.action {
            case .initialize(_, let amounts), .addLiquidity(let amounts):
                let account = pool.openAccount(step.who ?? "lp0")
                line.add("lp_minted", decimal: try pool.addLiquidity(who: account, amounts: amounts))
            case .swap(let i, let dx):
                line.add("dy", decimal: try pool.swap(i: i, dx: dx))
            case .removeLiquidity(let lpAmount):
                guard let account = pool.shares.account(named: step.who ?? "") else {
                    throw .insufficientLPBalance(have: 0, need: lpAmount)
                }
                line.add("amounts", decimals: try pool.removeLiquidity(who: account, lpAmount: lpAmount))
            case .query(let requests):
                for name in pool.shares.names { seen.insert(name) }
                line.add("reserves", decimals: [pool.reserve0, pool.reserve1])
                line.add("total_supply", decimal: pool.shares.totalSupply)
                let quoted = pool
                line.add("lp_balances", object: seen.lpBalances { quoted.shares.balance(named: $0) })
                if let requests {
                    line.add("get_amount_out", objects: requests.map { request in
                        var item = ReplayJSONWriter()
                        item.add("i", integer: request.i)
                        item.add("dx", decimal: request.dx)
                        item.add("dy") { () throws(PoolError) in try quoted.getAmountOut(i: request.i, dx: request.dx) }
                        return item
                    })
                }
                return line.json
            }
            line.add("reserves", decimals: [pool.reserve0, pool.reserve1])
            line.add("total_supply", decimal: pool.shares.totalSupply)
            return line.json
        }
    }
}
