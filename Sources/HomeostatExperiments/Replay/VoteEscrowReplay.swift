internal import HomeostatMechanisms

/// `homeostat replay vote-escrow`: drives a ``VoteEscrow`` with Curve's constants through a
/// script of `create_lock`, `increase_amount`, `increase_unlock_time`, `withdraw`,
/// `checkpoint` and `query` operations (`spec/replay.md`).
///
/// Only queries and rejected operations print. Accounts are every `who` of the script,
/// sorted by Unicode scalar values (byte order of their UTF-8), so output is the same
/// on every platform.
struct VoteEscrowReplay {
    static let ops = ["create_lock", "increase_amount", "increase_unlock_time", "withdraw", "checkpoint", "query"]

    enum Action {
        case createLock(row: Int, amount: Double, unlockTime: Int64)
        case increaseAmount(row: Int, amount: Double)
        case increaseUnlockTime(row: Int, unlockTime: Int64)
        case withdraw(row: Int)
        case checkpoint
        case query
    }

    struct Step {
        let index: Int
        let t: Int64
        let op: String
        let who: String
        let action: Action
    }

    /// Account names, sorted; row `i` of the escrow is `names[i]`.
    let names: [String]
    let steps: [Step]

    /// Reads and checks the whole script.
    init(script: String, scriptName: String) throws(ReplayScriptError) {
        let parsed = try ReplayScript(text: script, name: scriptName, knownOps: Self.ops, timeRequired: true)
        // Read every field first: the account set is known only after the whole script.
        var pending: [(ReplayOperation, who: String, amount: Double, unlockTime: Int64)] = []
        pending.reserveCapacity(parsed.operations.count)
        var nameSet: Set<String> = []
        for operation in parsed.operations {
            var who = ""
            var amount = 0.0
            var unlockTime: Int64 = 0
            switch operation.op {
            case "create_lock":
                who = try operation.string("who")
                amount = try operation.amount("amount")
                unlockTime = try operation.time("unlock_time")
            case "increase_amount":
                who = try operation.string("who")
                amount = try operation.amount("amount")
            case "increase_unlock_time":
                who = try operation.string("who")
                unlockTime = try operation.time("unlock_time")
            case "withdraw":
                who = try operation.string("who")
            default:
                break
            }
            if operation.op != "checkpoint" && operation.op != "query" { nameSet.insert(who) }
            pending.append((operation, who, amount, unlockTime))
        }
        try parsed.rejectUnreadFields()
        names = nameSet.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) { $0.value < $1.value } }
        var rowOf: [String: Int] = [:]
        for (row, name) in names.enumerated() { rowOf[name] = row }
        steps = pending.map { operation, who, amount, unlockTime in
            let row = rowOf[who] ?? -1
            let action: Action = switch operation.op {
            case "create_lock": .createLock(row: row, amount: amount, unlockTime: unlockTime)
            case "increase_amount": .increaseAmount(row: row, amount: amount)
            case "increase_unlock_time": .increaseUnlockTime(row: row, unlockTime: unlockTime)
            case "withdraw": .withdraw(row: row)
            case "checkpoint": .checkpoint
            default: .query
            }
            // `t` is required for every vote-escrow op, so the parser has set it.
            return Step(index: operation.index, t: operation.t ?? 0, op: operation.op, who: who, action: action)
        }
    }

    /// Executes the steps in order, writing queries and rejections to `output`.
    func run(output: (String) -> Void) {
        var escrow = VoteEscrow(parameters: .curve, startTime: steps.first?.t ?? 0)
        _ = escrow.addAccounts(names.count)
        for step in steps {
            let now = step.t
            do throws(VoteEscrowError) {
                switch step.action {
                case .createLock(let row, let amount, let unlockTime):
                    try escrow.createLock(row, amount: amount, unlockTime: unlockTime, now: now)
                case .increaseAmount(let row, let amount):
                    try escrow.increaseAmount(row, amount: amount, now: now)
                case .increaseUnlockTime(let row, let unlockTime):
                    try escrow.increaseUnlockTime(row, unlockTime: unlockTime, now: now)
                case .withdraw(let row):
                    try escrow.withdraw(row, now: now)
                case .checkpoint:
                    escrow.checkpoint(now: now)
                case .query:
                    output(query(escrow, step: step))
                }
            } catch {
                var line = ReplayJSONWriter()
                line.add("line", integer: step.index)
                line.add("t", integer: now)
                line.add("op", string: step.op)
                line.add("who", string: step.who)
                line.add("error", string: error.description)
                output(line.json)
            }
        }
    }

    /// `{"line", "t", "balances", "total", "supply", "locked"}` at the step's time.
    func query(_ escrow: VoteEscrow, step: Step) -> String {
        let t = step.t
        var balances = ReplayJSONWriter()
        var locked = ReplayJSONWriter()
        let amounts = escrow.amount
        let ends = escrow.end
        for (row, name) in names.enumerated() {
            balances.add(name, decimal: escrow.balance(row, at: t))
            var lock = ReplayJSONWriter()
            lock.add("amount", decimal: amounts[row])
            lock.add("end", integer: ends[row])
            locked.add(name, object: lock)
        }
        var line = ReplayJSONWriter()
        line.add("line", integer: step.index)
        line.add("t", integer: t)
        line.add("balances", object: balances)
        line.add("total", decimal: escrow.totalSupply(at: t))
        line.add("supply", decimal: escrow.supply)
        line.add("locked", object: locked)
        // Amounts are bounded when read (ReplayDecimal.maxAmount), so this is a last guard:
        // never print "inf", "nan" or a negative balance as if the contract could show it.
        if let problem = line.problem {
            var rejected = ReplayJSONWriter()
            rejected.add("line", integer: step.index)
            rejected.add("t", integer: t)
            rejected.add("op", string: step.op)
            rejected.add("error", string: problem)
            return rejected.json
        }
        return line.json
    }
}
