import HomeostatMechanisms

/// `homeostat replay stableswap`: drives a ``StableSwapPool`` (stableswap-ng plain pool)
/// through a script of `init`, `exchange`, `add_liquidity`, `remove_liquidity_one_coin`,
/// `remove_liquidity` and `query` operations (`spec/replay.md`).
///
/// Every operation prints one line: the header `{"line", "t" (when given), "op", "who"}`,
/// then
/// - `init` / `add_liquidity`: `"lp_minted"`; `exchange` / `remove_liquidity_one_coin`:
///   `"dy"`; `remove_liquidity`: `"amounts"`; each followed by the state after it,
///   `"balances"` (LP balances, admin fees excluded) and `"total_supply"`;
/// - `query`: `"balances"`, `"total_supply"`, `"admin_balances"`, `"virtual_price"` (`"0"`
///   with no LP tokens), `"D"`, `"lp_balances"` (``SeenAccounts``), then `"get_dy"` and
///   `"calc_withdraw_one_coin"` when asked for, one item per request;
/// - a rejected operation: `"error"` with ``PoolError``'s description; nothing changes.
///
/// With `decimals` below 18 for some coin, the pool keeps balances and admin fees in whole
/// units of each coin and rounds where stableswap-ng rounds (``StableSwapPool/roundsToUnits``),
/// so long scripts stay within a unit or two of the contract instead of drifting; an amount
/// finer than its coin's unit is rounded down to it.
///
/// Script errors besides those of every replay: `init` not first or repeated (`RPL007`),
/// pool parameters the factory would refuse (`RPL008`), a list of amounts whose length is
/// not the number of coins (`RPL004`).
struct StableSwapReplay {
    static let ops = ["init", "exchange", "add_liquidity", "remove_liquidity_one_coin", "remove_liquidity", "query"]

    enum Action {
        case initialize(pool: StableSwapPool, balances: [Double])
        case exchange(i: Int, j: Int, dx: Double)
        case addLiquidity(amounts: [Double])
        case removeLiquidityOneCoin(lpAmount: Double, i: Int)
        case removeLiquidity(lpAmount: Double)
        case query(getDy: [(i: Int, j: Int, dx: Double)], withdrawOne: [(lpAmount: Double, i: Int)],
                   hasGetDy: Bool, hasWithdrawOne: Bool)
    }

    /// Coin indices accepted by the reader; indices outside the pool are rejected by the pool.
    static let indexRange: ClosedRange<Int64> = -1_000_000...1_000_000

    let steps: [PoolReplayStep<Action>]

    /// Reads and checks the whole script.
    init(script: String, scriptName: String) throws(ReplayScriptError) {
        let parsed = try ReplayScript(
            text: script, name: scriptName, knownOps: Self.ops, timeRequired: false, initOp: "init")
        var steps: [PoolReplayStep<Action>] = []
        var coinCount = 0
        for operation in parsed.operations {
            switch operation.op {
            case "init":
                let who = try operation.string("who", default: "lp0")
                let balances = try operation.amounts("balances")
                guard (2...8).contains(balances.count) else {
                    throw operation.error(.wrongType(field: "balances", expected: "an array of 2...8 decimal strings"))
                }
                coinCount = balances.count
                let a = try operation.integer("A", in: 1...Int64(StableSwapPool.maxA) - 1)
                let fee = try operation.amount("fee")
                let multiplier = try operation.amount("offpeg_fee_multiplier", default: 1)
                let decimals = operation.has("decimals")
                    ? try operation.integers("decimals", in: 0...18, count: coinCount).map(Int.init)
                    : Array(repeating: 18, count: coinCount)
                let pool: StableSwapPool
                do throws(PoolError) {
                    pool = try StableSwapPool(A: Double(a), fee: fee, offpegFeeMultiplier: multiplier, decimals: decimals)
                } catch {
                    let field = fee > StableSwapPool.maxFee ? "fee" : "offpeg_fee_multiplier"
                    throw operation.error(.badParameter(field: field, reason: error.description))
                }
                steps.append(PoolReplayStep(operation, who: who, action: .initialize(pool: pool, balances: balances)))
            case "exchange":
                let who = try operation.string("who")
                let i = Int(try operation.integer("i", in: Self.indexRange))
                let j = Int(try operation.integer("j", in: Self.indexRange))
                let dx = try operation.amount("dx")
                steps.append(PoolReplayStep(operation, who: who, action: .exchange(i: i, j: j, dx: dx)))
            case "add_liquidity":
                let who = try operation.string("who")
                let amounts = try operation.amounts("amounts", count: coinCount)
                steps.append(PoolReplayStep(operation, who: who, action: .addLiquidity(amounts: amounts)))
            case "remove_liquidity_one_coin":
                let who = try operation.string("who")
                let lpAmount = try operation.amount("lp_amount")
                let i = Int(try operation.integer("i", in: Self.indexRange))
                steps.append(PoolReplayStep(operation, who: who, action: .removeLiquidityOneCoin(lpAmount: lpAmount, i: i)))
            case "remove_liquidity":
                let who = try operation.string("who")
                let lpAmount = try operation.amount("lp_amount")
                steps.append(PoolReplayStep(operation, who: who, action: .removeLiquidity(lpAmount: lpAmount)))
            default:
                var getDy: [(i: Int, j: Int, dx: Double)] = []
                if operation.has("get_dy") {
                    for (k, item) in try operation.array("get_dy", of: "[i, j, dx] triples").enumerated() {
                        let label = "get_dy[\(k)]"
                        let triple = try operation.arrayValue(item, label: label, count: 3, of: "values: [i, j, dx]")
                        getDy.append((
                            Int(try operation.integerValue(triple[0], label: label + "[0]", in: Self.indexRange)),
                            Int(try operation.integerValue(triple[1], label: label + "[1]", in: Self.indexRange)),
                            try operation.amountValue(triple[2], label: label + "[2]")))
                    }
                }
                var withdrawOne: [(lpAmount: Double, i: Int)] = []
                if operation.has("calc_withdraw_one_coin") {
                    for (k, item) in try operation.array("calc_withdraw_one_coin", of: "[lp_amount, i] pairs").enumerated() {
                        let label = "calc_withdraw_one_coin[\(k)]"
                        let pair = try operation.arrayValue(item, label: label, count: 2, of: "values: [lp_amount, i]")
                        withdrawOne.append((
                            try operation.amountValue(pair[0], label: label + "[0]"),
                            Int(try operation.integerValue(pair[1], label: label + "[1]", in: Self.indexRange))))
                    }
                }
                steps.append(PoolReplayStep(operation, who: nil, action: .query(
                    getDy: getDy, withdrawOne: withdrawOne,
                    hasGetDy: operation.has("get_dy"), hasWithdrawOne: operation.has("calc_withdraw_one_coin"))))
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
            case .initialize(_, let balances):
                let account = pool.openAccount(step.who ?? "lp0")
                line.add("lp_minted", decimal: try pool.addLiquidity(who: account, amounts: balances))
            case .exchange(let i, let j, let dx):
                line.add("dy", decimal: try pool.exchange(i: i, j: j, dx: dx))
            case .addLiquidity(let amounts):
                let account = pool.openAccount(step.who ?? "")
                line.add("lp_minted", decimal: try pool.addLiquidity(who: account, amounts: amounts))
            case .removeLiquidityOneCoin(let lpAmount, let i):
                guard let account = pool.shares.account(named: step.who ?? "") else {
                    throw .insufficientLPBalance(have: 0, need: lpAmount)
                }
                line.add("dy", decimal: try pool.removeLiquidityOneCoin(who: account, lpAmount: lpAmount, i: i))
            case .removeLiquidity(let lpAmount):
                guard let account = pool.shares.account(named: step.who ?? "") else {
                    throw .insufficientLPBalance(have: 0, need: lpAmount)
                }
                line.add("amounts", decimals: try pool.removeLiquidity(who: account, lpAmount: lpAmount))
            case .query(let getDy, let withdrawOne, let hasGetDy, let hasWithdrawOne):
                for name in pool.shares.names { seen.insert(name) }
                return query(pool, line: line, seen: seen, getDy: getDy, withdrawOne: withdrawOne,
                             hasGetDy: hasGetDy, hasWithdrawOne: hasWithdrawOne)
            }
            line.add("balances", decimals: pool.balances)
            line.add("total_supply", decimal: pool.totalSupply)
            return line.json
        }
    }

    func query(
        _ pool: StableSwapPool, line: ReplayJSONWriter, seen: SeenAccounts,
        getDy: [(i: Int, j: Int, dx: Double)], withdrawOne: [(lpAmount: Double, i: Int)],
        hasGetDy: Bool, hasWithdrawOne: Bool
    ) -> String {
        var line = line
        line.add("balances", decimals: pool.balances)
        line.add("total_supply", decimal: pool.totalSupply)
        line.add("admin_balances", decimals: pool.adminBalances)
        line.add("virtual_price", decimal: pool.totalSupply > 0 ? (try? pool.virtualPrice()) ?? 0 : 0)
        line.add("D", decimal: (try? pool.invariant()) ?? 0)
        line.add("lp_balances", object: seen.lpBalances { pool.shares.balance(named: $0) })
        if hasGetDy {
            line.add("get_dy", objects: getDy.map { request in
                var item = ReplayJSONWriter()
                item.add("i", integer: request.i)
                item.add("j", integer: request.j)
                item.add("dx", decimal: request.dx)
                item.add("dy") { () throws(PoolError) in try pool.getDy(i: request.i, j: request.j, dx: request.dx) }
                return item
            })
        }
        if hasWithdrawOne {
            line.add("calc_withdraw_one_coin", objects: withdrawOne.map { request in
                var item = ReplayJSONWriter()
                item.add("lp_amount", decimal: request.lpAmount)
                item.add("i", integer: request.i)
                item.add("dy") { () throws(PoolError) in try pool.calcWithdrawOneCoin(lpAmount: request.lpAmount, i: request.i) }
                return item
            })
        }
        return line.json
    }
}
