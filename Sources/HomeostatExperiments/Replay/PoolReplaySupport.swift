import HomeostatMechanisms
/// One operation of a pool replay, read and checked: where it came from and what to do.
///
/// Shared by the stableswap, constant-product and concentrated replays, whose every
/// operation prints one line that starts the same way (``header``).
struct PoolReplayStep<Action> {
    /// 0-based index among the script's operations (the output's `"line"`).
    let index: Int
    /// The optional `"t"` (it does not affect results; it is echoed).
    let t: Int64?
    let op: String
    /// The account acting, nil for ops without one (`query`).
    let who: String?
    let action: Action

    init(_ operation: ReplayOperation, who: String?, action: Action) {
        index = operation.index
        t = operation.t
        op = operation.op
        self.who = who
        self.action = action
    }

    /// `{"line": 3, "t": 1700000000, "op": "exchange", "who": "bob"` — `t` only when the
    /// script gave one, `who` only for ops that have one.
    var header: ReplayJSONWriter {
        var line = ReplayJSONWriter()
        line.add("line", integer: index)
        if let t { line.add("t", integer: t) }
        line.add("op", string: op)
        if let who { line.add("who", string: who) }
        return line
    }

    /// The line of a rejected operation: the header and `"error"`.
    func rejection(_ reason: String) -> String {
        var line = header
        line.add("error", string: reason)
        return line.json
    }
}

/// Runs a pool replay's steps in order, one output line each: `apply` performs a step on the
/// pool and returns its finished line (it starts from the step's header); a step the pool
/// rejects prints the header and `"error"` instead, and the replay goes on.
///
/// A step whose line would show an infinite or NaN amount or a negative balance
/// (``ReplayJSONWriter/problem``) is rejected the same way and undone: the pool goes back to
/// its state before the step, as a reverted transaction leaves a contract.
func runPoolReplaySteps<Action, Pool>(
    _ steps: [PoolReplayStep<Action>], pool: inout Pool, output: (String) -> Void,
    apply: (PoolReplayStep<Action>, inout Pool, inout ReplayJSONWriter) throws(PoolError) -> String
) {
    for step in steps {
        var line = step.header
        let before = pool
        do throws(PoolError) {
            let json = try apply(step, &pool, &line)
            if let problem = line.problem {
                pool = before
                output(step.rejection(problem))
            } else {
                output(json)
            }
        } catch {
            output(step.rejection(error.description))
        }
    }
}

/// The accounts a pool replay lists under `"lp_balances"`: every `who` seen so far and
/// every holder of LP tokens, sorted by Unicode scalar values (as the vote-escrow replay
/// sorts its accounts), so output is the same on every platform.
struct SeenAccounts {
    private(set) var names: [String] = []

    /// Adds `name` if it is new, keeping the order.
    mutating func insert(_ name: String) {
        var low = 0
        var high = names.count
        while low < high {
            let mid = (low + high) / 2
            if Self.precedes(names[mid], name) { low = mid + 1 } else { high = mid }
        }
        if low < names.count && names[low] == name { return }
        names.insert(name, at: low)
    }

    static func precedes(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) { $0.value < $1.value }
    }
}

extension ReplayJSONWriter {
    /// Adds a view function's answer under `key`, or `"error"` with the pool's reason when
    /// the pool rejects the call (a query line reports rejected quotes instead of failing).
    mutating func add(_ key: String, quote: () throws(PoolError) -> Double) {
        do throws(PoolError) {
            add(key, decimal: try quote())
        } catch {
            add("error", string: error.description)
        }
    }
}

extension SeenAccounts {
    /// `"lp_balances"`: every listed account's LP balance, in the listing's order.
    func lpBalances(_ balance: (String) -> Double) -> ReplayJSONWriter {
        var balances = ReplayJSONWriter()
        for name in names { balances.add(name, decimal: balance(name)) }
        return balances
    }
}
