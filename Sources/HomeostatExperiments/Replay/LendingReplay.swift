import HomeostatMechanisms

/// `homeostat replay lending`: drives a ``MorphoBlueMarket`` (Morpho Blue with the
/// AdaptiveCurveIrm or the FixedRateIrm) through a script, as `spec/replay-lending.md`
/// specifies, exactly: amounts are read as decimal strings into the contract's integers
/// (wei, share integers, WAD, `price · 10^36`) and printed back as exact decimals, so every
/// number is the contract's to the wei.
///
/// `t` is required on every operation and is `block.timestamp`. Every operation prints one
/// line starting `{"line", "t", "op"` (and `"who"`, `"borrower"` when the op has them); a
/// rejected one prints `"error"` with the contract's revert string and changes nothing.
/// Unknown extra fields are ignored (the spec says so), unlike the other replays.
struct LendingReplay {
    static let ops = [
        "init", "supply", "withdraw", "borrow", "repay", "supply_collateral", "withdraw_collateral", "liquidate",
        "set_price", "accrue", "query",
    ]

    enum Action {
        case initialize(market: MorphoBlueMarket, irm: String, rate: UInt256?, feeRecipient: String?)
        case supply(assets: UInt256, shares: UInt256)
        case withdraw(assets: UInt256, shares: UInt256)
        case borrow(assets: UInt256, shares: UInt256)
        case repay(assets: UInt256, shares: UInt256)
        case supplyCollateral(assets: UInt256)
        case withdrawCollateral(assets: UInt256)
        case liquidate(borrower: String, seizedAssets: UInt256, repaidShares: UInt256)
        case setPrice(UInt256)
        case accrue
        case query
    }

    struct Step {
        let index: Int
        let t: Int64
        let op: String
        let who: String?
        let action: Action
    }

    let steps: [Step]

    /// 18 decimals: assets, shares, WAD fractions and rates.
    static let wadDecimals = 18
    /// 36 decimals: the oracle price.
    static let priceDecimals = 36

    /// Reads and checks the whole script.
    init(script: String, scriptName: String) throws(ReplayScriptError) {
        let parsed = try ReplayScript(text: script, name: scriptName, knownOps: Self.ops, timeRequired: true, initOp: "init")
        var steps: [Step] = []
        for operation in parsed.operations {
            let t = operation.t ?? 0
            guard t > 0 else { throw operation.error(.wrongType(field: "t", expected: "a positive integer number of seconds")) }
            var who: String?
            let action: Action
            switch operation.op {
            case "init":
                action = try Self.readInit(operation)
            case "supply", "withdraw", "borrow", "repay":
                who = try Self.account(operation, "who")
                let (assets, shares) = try Self.pair(operation, "assets", "shares")
                action = switch operation.op {
                case "supply": .supply(assets: assets, shares: shares)
                case "withdraw": .withdraw(assets: assets, shares: shares)
                case "borrow": .borrow(assets: assets, shares: shares)
                default: .repay(assets: assets, shares: shares)
                }
            case "supply_collateral", "withdraw_collateral":
                who = try Self.account(operation, "who")
                let assets = try Self.integer(operation, "assets", decimals: Self.wadDecimals)
                action = operation.op == "supply_collateral" ? .supplyCollateral(assets: assets) : .withdrawCollateral(assets: assets)
            case "liquidate":
                who = try Self.account(operation, "who")
                let borrower = try Self.account(operation, "borrower")
                let (seized, repaid) = try Self.pair(operation, "seized_assets", "repaid_shares")
                action = .liquidate(borrower: borrower, seizedAssets: seized, repaidShares: repaid)
            case "set_price":
                let price = try Self.integer(operation, "price", decimals: Self.priceDecimals)
                guard !price.isZero else { throw operation.error(.badParameter(field: "price", reason: "the price must be above 0")) }
                action = .setPrice(price)
            case "accrue":
                action = .accrue
            default:
                action = .query
            }
            steps.append(Step(index: operation.index, t: t, op: operation.op, who: who, action: action))
        }
        self.steps = steps
    }

    private static func readInit(_ operation: ReplayOperation) throws(ReplayScriptError) -> Action {
        let lltv = try integer(operation, "lltv", decimals: wadDecimals)
        guard !lltv.isZero && lltv < MorphoMath.wad else {
            throw operation.error(.badParameter(field: "lltv", reason: "the LLTV must be strictly between 0 and 1, e.g. \"0.86\""))
        }
        let irm = try operation.string("irm")
        let price = try integer(operation, "price", decimals: priceDecimals)
        guard !price.isZero else { throw operation.error(.badParameter(field: "price", reason: "the price must be above 0")) }
        let fee = operation.has("fee") ? try integer(operation, "fee", decimals: wadDecimals) : .zero
        guard fee <= MorphoMath.maxFee else {
            throw operation.error(.badParameter(field: "fee", reason: "max fee exceeded: the fee is at most 0.25"))
        }
        let feeRecipient = fee.isZero ? nil : try account(operation, "fee_recipient", default: "treasury")
        var rate: UInt256?
        let model: LendingRateModel
        switch irm {
        case "adaptive_curve":
            model = .adaptiveCurve(AdaptiveCurveIrm())
        case "fixed":
            let perYear = try integer(operation, "rate", decimals: wadDecimals)
            do throws(LendingError) {
                model = .fixed(perSecond: try LendingRateModel.FixedRate.perSecond(fromYearly: perYear))
            } catch {
                throw operation.error(.badParameter(
                    field: "rate",
                    reason: "the FixedRateIrm refuses it (\(error)): the per-second rate ⌊rate·10^18/31536000⌋ must be 1 to 253678335870 wei (800%/year)"))
            }
            rate = perYear
        default:
            throw operation.error(.badParameter(field: "irm", reason: "unknown IRM \"\(irm)\"; expected \"adaptive_curve\" or \"fixed\""))
        }
        let market: MorphoBlueMarket
        do throws(LendingError) {
            market = try MorphoBlueMarket(lltv: lltv, price: price, rateModel: model, fee: fee, feeRecipient: fee.isZero ? nil : 0, now: operation.t ?? 0)
        } catch {
            throw operation.error(.badParameter(field: "init", reason: error.description))
        }
        return .initialize(market: market, irm: irm, rate: rate, feeRecipient: feeRecipient)
    }

    // MARK: Reading fields

    /// A non-empty account name.
    private static func account(_ operation: ReplayOperation, _ key: String, default value: String? = nil) throws(ReplayScriptError) -> String {
        let name = if let value { try operation.string(key, default: value) } else { try operation.string(key) }
        guard !name.isEmpty else { throw operation.error(.wrongType(field: key, expected: "a non-empty account name")) }
        return name
    }

    /// Two amounts of which at least one must be present (a missing one is 0).
    private static func pair(_ operation: ReplayOperation, _ first: String, _ second: String) throws(ReplayScriptError) -> (UInt256, UInt256) {
        let hasFirst = operation.has(first), hasSecond = operation.has(second)
        guard hasFirst || hasSecond else { throw operation.error(.missingEither(first, second, op: operation.op)) }
        return (
            hasFirst ? try integer(operation, first, decimals: wadDecimals) : .zero,
            hasSecond ? try integer(operation, second, decimals: wadDecimals) : .zero
        )
    }

    /// A required decimal string as the contract's integer: `value · 10^decimals`, exact.
    static func integer(_ operation: ReplayOperation, _ key: String, decimals: Int) throws(ReplayScriptError) -> UInt256 {
        guard operation.has(key), let value = operation.fields[key] else {
            throw operation.error(.missingField(key, op: operation.op))
        }
        guard let text = value as? String else {
            throw operation.error(.notDecimal(field: key, found: ReplayOperation.jsonKind(value)))
        }
        switch LendingDecimal.parse(text, decimals: decimals) {
        case .value(let v): return v
        case .malformed: throw operation.error(.notDecimal(field: key, found: ReplayJSONWriter.quoted(text)))
        case .tooManyDecimals:
            throw operation.error(.tooManyDecimals(field: key, found: ReplayJSONWriter.quoted(text), decimals: decimals))
        case .tooLarge:
            let shown = text.count > 24 ? "a number of \(text.count) characters" : ReplayJSONWriter.quoted(text)
            throw operation.error(.amountTooLarge(field: key, found: shown))
        }
    }

    // MARK: Running

    /// Executes the steps in order, one output line each.
    func run(output: (String) -> Void) {
        guard case .initialize(var market, let irm, let rate, let feeRecipient) = steps.first?.action else { return }
        var rows: [String: Int] = [:]
        var named: Set<String> = []
        if let feeRecipient {
            rows[feeRecipient] = 0
            named.insert(feeRecipient)
        }
        func row(_ name: String) -> Int {
            if let r = rows[name] { return r }
            let r = market.addPosition()
            rows[name] = r
            return r
        }
        for step in steps {
            var line = ReplayJSONWriter()
            line.add("line", integer: step.index)
            line.add("t", integer: step.t)
            line.add("op", string: step.op)
            if let who = step.who {
                line.add("who", string: who)
                named.insert(who)
            }
            var borrowerName: String?
            if case .liquidate(let borrower, _, _) = step.action {
                line.add("borrower", string: borrower)
                named.insert(borrower)
                borrowerName = borrower
            }
            let now = step.t
            do throws(LendingError) {
                switch step.action {
                case .initialize:
                    line.add("lltv", string: LendingDecimal.format(market.lltv, decimals: Self.wadDecimals))
                    line.add("irm", string: irm)
                    if let rate {
                        line.add("rate", string: LendingDecimal.format(rate, decimals: Self.wadDecimals))
                        line.add("borrow_rate", string: LendingDecimal.format(market.borrowRateView(now: now), decimals: Self.wadDecimals))
                    }
                    line.add("price", string: LendingDecimal.format(market.price, decimals: Self.priceDecimals))
                    line.add("fee", string: LendingDecimal.format(market.totals.fee, decimals: Self.wadDecimals))
                    if let feeRecipient { line.add("fee_recipient", string: feeRecipient) }
                    line.add("market", object: Self.marketJSON(market))
                    if let r = market.rateModel.rateAtTarget {
                        line.add("rate_at_target", string: LendingDecimal.format(r, decimals: Self.wadDecimals))
                    }
                case .supply(let assets, let shares), .withdraw(let assets, let shares),
                    .borrow(let assets, let shares), .repay(let assets, let shares):
                    let r = row(step.who ?? "")
                    let moved = switch step.action {
                    case .supply: try market.supply(r, assets: assets, shares: shares, now: now)
                    case .withdraw: try market.withdraw(r, assets: assets, shares: shares, now: now)
                    case .borrow: try market.borrow(r, assets: assets, shares: shares, now: now)
                    default: try market.repay(r, assets: assets, shares: shares, now: now)
                    }
                    line.add("assets", string: LendingDecimal.format(moved.assets, decimals: Self.wadDecimals))
                    line.add("shares", string: LendingDecimal.format(moved.shares, decimals: Self.wadDecimals))
                    line.add("market", object: Self.marketJSON(market))
                    line.add("position", object: Self.positionJSON(market, row: r))
                case .supplyCollateral(let assets), .withdrawCollateral(let assets):
                    let r = row(step.who ?? "")
                    if case .supplyCollateral = step.action {
                        try market.supplyCollateral(r, assets: assets)
                    } else {
                        try market.withdrawCollateral(r, assets: assets, now: now)
                    }
                    line.add("assets", string: LendingDecimal.format(assets, decimals: Self.wadDecimals))
                    line.add("market", object: Self.marketJSON(market))
                    line.add("position", object: Self.positionJSON(market, row: r))
                case .liquidate(let borrower, let seizedAssets, let repaidShares):
                    _ = row(step.who ?? "")
                    let b = row(borrower)
                    let result = try market.liquidate(b, seizedAssets: seizedAssets, repaidShares: repaidShares, now: now)
                    for (key, value) in [
                        ("seized_assets", result.seizedAssets), ("repaid_assets", result.repaidAssets),
                        ("repaid_shares", result.repaidShares), ("bad_debt_assets", result.badDebtAssets),
                        ("bad_debt_shares", result.badDebtShares),
                    ] {
                        line.add(key, string: LendingDecimal.format(value, decimals: Self.wadDecimals))
                    }
                    line.add("market", object: Self.marketJSON(market))
                    line.add("position", object: Self.positionJSON(market, row: b))
                case .setPrice(let price):
                    try market.setPrice(price)
                    line.add("price", string: LendingDecimal.format(price, decimals: Self.priceDecimals))
                case .accrue:
                    let accrual = try market.accrueInterest(now: now)
                    line.add("elapsed", integer: accrual.elapsed)
                    if let rate = accrual.borrowRate {
                        line.add("borrow_rate", string: LendingDecimal.format(rate, decimals: Self.wadDecimals))
                    } else {
                        line.addNull("borrow_rate")
                    }
                    line.add("interest", string: LendingDecimal.format(accrual.interest, decimals: Self.wadDecimals))
                    line.add("fee_shares", string: LendingDecimal.format(accrual.feeShares, decimals: Self.wadDecimals))
                    line.add("market", object: Self.marketJSON(market))
                    Self.addRateAtTarget(&line, market, perYear: false)
                case .query:
                    line.add("market", object: Self.marketJSON(market))
                    line.add("utilization", string: LendingDecimal.format(market.utilization, decimals: Self.wadDecimals))
                    let rate = market.borrowRateView(now: now)
                    line.add("borrow_rate", string: LendingDecimal.format(rate, decimals: Self.wadDecimals))
                    line.add("borrow_rate_per_year", string: LendingDecimal.format(Self.perYear(rate), decimals: Self.wadDecimals))
                    Self.addRateAtTarget(&line, market, perYear: true)
                    line.add("price", string: LendingDecimal.format(market.price, decimals: Self.priceDecimals))
                    var positions = ReplayJSONWriter()
                    for name in named.sorted(by: Self.nameOrder) {
                        positions.add(name, object: Self.positionJSON(market, row: row(name)))
                    }
                    line.add("positions", object: positions)
                }
                output(line.json)
            } catch {
                var rejected = ReplayJSONWriter()
                rejected.add("line", integer: step.index)
                rejected.add("t", integer: step.t)
                rejected.add("op", string: step.op)
                if let who = step.who { rejected.add("who", string: who) }
                if let borrowerName { rejected.add("borrower", string: borrowerName) }
                rejected.add("error", string: error.description)
                output(rejected.json)
            }
        }
    }

    /// Names in Unicode scalar order (byte order of their UTF-8), the same on every platform.
    static func nameOrder(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) { $0.value < $1.value }
    }

    /// A per-second WAD rate × 31,536,000 (still WAD), exact.
    static func perYear(_ rate: UInt256) -> UInt256 {
        rate.multipliedReportingOverflow(by: UInt256(31_536_000 as UInt128)).partialValue
    }

    private static func addRateAtTarget(_ line: inout ReplayJSONWriter, _ market: MorphoBlueMarket, perYear withYearly: Bool) {
        if let r = market.rateModel.rateAtTarget {
            line.add("rate_at_target", string: LendingDecimal.format(r, decimals: wadDecimals))
            if withYearly { line.add("rate_at_target_per_year", string: LendingDecimal.format(perYear(r), decimals: wadDecimals)) }
        } else {
            line.addNull("rate_at_target")
            if withYearly { line.addNull("rate_at_target_per_year") }
        }
    }

    static func marketJSON(_ market: MorphoBlueMarket) -> ReplayJSONWriter {
        let t = market.totals
        var json = ReplayJSONWriter()
        json.add("total_supply_assets", string: LendingDecimal.format(t.totalSupplyAssets, decimals: wadDecimals))
        json.add("total_supply_shares", string: LendingDecimal.format(t.totalSupplyShares, decimals: wadDecimals))
        json.add("total_borrow_assets", string: LendingDecimal.format(t.totalBorrowAssets, decimals: wadDecimals))
        json.add("total_borrow_shares", string: LendingDecimal.format(t.totalBorrowShares, decimals: wadDecimals))
        json.add("last_update", integer: t.lastUpdate)
        return json
    }

    static func positionJSON(_ market: MorphoBlueMarket, row: Int) -> ReplayJSONWriter {
        let p = market.positions[row]
        var json = ReplayJSONWriter()
        json.add("supply_shares", string: LendingDecimal.format(p.supplyShares, decimals: wadDecimals))
        json.add("supply_assets", string: LendingDecimal.format(market.supplyAssets(row), decimals: wadDecimals))
        json.add("borrow_shares", string: LendingDecimal.format(p.borrowShares, decimals: wadDecimals))
        json.add("borrow_assets", string: LendingDecimal.format(market.borrowAssets(row), decimals: wadDecimals))
        json.add("collateral", string: LendingDecimal.format(p.collateral, decimals: wadDecimals))
        if let health = market.health(row) {
            json.add("health", string: LendingDecimal.format(health, decimals: wadDecimals))
        } else {
            json.addNull("health")
        }
        return json
    }
}

/// Exact decimal strings for the lending replay: `"1234.5"` ↔ `1234500000000000000000`
/// with 18 decimals (or 36 for a price).
enum LendingDecimal {
    enum Parsed: Equatable {
        case value(UInt256)
        case malformed
        case tooManyDecimals
        case tooLarge
    }

    /// The largest amount a script may give, 1e40 units (as for the other replays).
    static let maxUnits = UInt256.powerOfTen(40)

    /// `text` (digits, optionally a point and digits) times 10^decimals, exact.
    static func parse(_ text: String, decimals: Int) -> Parsed {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.utf8.allSatisfy({ (48...57).contains($0) }) else { return .malformed }
        var fraction = parts.count == 2 ? parts[1] : ""
        if parts.count == 2 && (fraction.isEmpty || !fraction.utf8.allSatisfy({ (48...57).contains($0) })) { return .malformed }
        while fraction.last == "0" { fraction = fraction.dropLast() }
        guard fraction.count <= decimals else { return .tooManyDecimals }
        let trimmedWhole = whole.drop { $0 == "0" }
        guard trimmedWhole.count <= 41, let units = UInt256(decimal: trimmedWhole.isEmpty ? "0" : trimmedWhole) else { return .tooLarge }
        guard units <= maxUnits else { return .tooLarge }
        let scaled = units.multipliedReportingOverflow(by: UInt256.powerOfTen(decimals)).partialValue
        let fractional = UInt256(decimal: fraction + String(repeating: "0", count: decimals - fraction.count)) ?? .zero
        let value = scaled.addingReportingOverflow(fractional).partialValue
        guard value <= maxUnits.multipliedReportingOverflow(by: UInt256.powerOfTen(decimals)).partialValue else { return .tooLarge }
        return .value(value)
    }

    /// `value / 10^decimals` as a plain decimal, trailing zeros dropped, `"0"` for zero.
    static func format(_ value: UInt256, decimals: Int) -> String {
        let (whole, fraction) = value.quotientAndRemainder(dividingBy: UInt256.powerOfTen(decimals))
        if fraction.isZero { return whole.description }
        var digits = fraction.description
        digits = String(repeating: "0", count: decimals - digits.count) + digits
        while digits.last == "0" { digits.removeLast() }
        return whole.description + "." + digits
    }
}
