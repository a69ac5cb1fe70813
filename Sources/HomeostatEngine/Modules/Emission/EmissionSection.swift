public import HomeostatScenario

/// Token emissions paid to ve holders pro-rata to voting power.
public struct EmissionSpec: ScenarioSection, Equatable {
    /// Its key under `mechanisms:`.
    public static let key = "emission"
    /// How much is emitted each day.
    public var schedule: EmissionSchedule
    /// Emissions following `schedule`.
    public init(schedule: EmissionSchedule) { self.schedule = schedule }
}

/// How many tokens are emitted on day `t`.
public enum EmissionSchedule: Sendable, Equatable {
    /// `perDay` tokens every day.
    case constant(perDay: Double)
    /// `initialPerDay · 0.5^(t / halfLifeDays)` (BM-1 step 4).
    case halving(initialPerDay: Double, halfLifeDays: Double)
    /// Curve's CRV schedule: `initialPerYear / 365` per day in year 0, divided by
    /// `reduction` (2^(1/4)) at the start of each following 365-day year.
    case curve(initialPerYear: Double, reduction: Double)
    /// A step table: from `fromDay` on (until the next entry), `perDay` tokens a day.
    /// Days before the first entry emit nothing. Sorted by day.
    case table([EmissionStep])
}

/// One step of an emission table.
public struct EmissionStep: Sendable, Equatable {
    /// The first day of this step.
    public var fromDay: Int
    /// Tokens emitted each day of the step.
    public var perDay: Double
    /// A step of `perDay` tokens a day from `fromDay`.
    public init(fromDay: Int, perDay: Double) { self.fromDay = fromDay; self.perDay = perDay }
}

extension MechanismsSpec {
    /// Emissions to lockers (`emission:`).
    public var emission: EmissionSpec? {
        get { sections[EmissionSpec.key] as? EmissionSpec }
        set { sections[EmissionSpec.key] = newValue }
    }
}

extension EmissionSpec {
    /// The `schedule:` names.
    enum ScheduleKind: String, CaseIterable {
        case constant, halving, curve, table
    }

    /// Fields of `emission` and the schedule each belongs to.
    static let scheduleFields: [(field: String, schedule: ScheduleKind)] = [
        ("per_day", .constant), ("initial_per_day", .halving), ("half_life_days", .halving),
        ("initial_per_year", .curve), ("reduction", .curve), ("table", .table),
    ]

    /// Curve's CRV emission in its first year, tokens per year.
    static let curveInitialPerYear = 274_815_283.0
    /// Curve's yearly reduction, 2^(1/4).
    static let curveReduction = 1.189207115002721

    /// `mechanisms.emission: {schedule, …}`: one of four schedules, each with its own fields
    /// (another schedule's field is refused). Needs `vote_escrow` unless gauges with fixed
    /// weights route the whole emission (a plain farm).
    public static let section = SectionDecoder(
        key: key, fields: ["schedule"] + scheduleFields.map(\.field),
        settable: [.init(.emissionScale, domain: ValueDomain(lower: 0, text: "a scale factor >= 0 (1 = as scheduled)"), listingOrder: 30)],
        decode: { (e: SectionReader) throws(ScenarioError) -> any ScenarioSection in
            let kind = try e.keyword("schedule", default: ScheduleKind.halving, what: "emission schedule")
            for (field, schedule) in scheduleFields where schedule != kind {
                try e.reject(field, because: "`\(field)` applies only to schedule: \(schedule.rawValue), not \(kind.rawValue)")
            }
            switch kind {
            case .constant:
                return EmissionSpec(schedule: .constant(perDay: try e.double("per_day", .amount)))
            case .halving:
                return EmissionSpec(
                    schedule: .halving(
                        initialPerDay: try e.double("initial_per_day", default: 100_000, .amount),
                        halfLifeDays: try e.double(
                            "half_life_days", default: 365, ValueDomain(lower: 0, lowerInclusive: false, text: "a number of days > 0"))))
            case .curve:
                return EmissionSpec(
                    schedule: .curve(
                        initialPerYear: try e.double("initial_per_year", default: curveInitialPerYear, .amount),
                        reduction: try e.double("reduction", default: curveReduction, ValueDomain(lower: 1, text: "a yearly divisor >= 1"))))
            case .table:
                let table = try e.required("table", expected: "a list of {from_day, per_day} with schedule: table")
                return EmissionSpec(schedule: .table(try emissionTable(table)))
            }
        },
        validate: { (r: SectionReader, s: Scenario) throws(ScenarioError) in
            // Gauges with fixed weights route the emission without ve votes (a plain farm).
            if s.mechanisms.gauges?.fixedWeights == nil { try VoteEscrowSpec.requireEscrow(r, s) }
        })

    /// `table: [{from_day, per_day}, …]` in strictly increasing day order.
    static func emissionTable(_ node: SectionNode) throws(ScenarioError) -> [EmissionStep] {
        let items = try node.list(of: "{from_day, per_day} entries")
        guard !items.isEmpty else {
            throw node.error(ScenarioError.Code.outOfRange, "the table is empty; expected at least one {from_day, per_day} entry")
        }
        var steps: [EmissionStep] = []
        let max = Scenario.maxHorizonDays
        for item in items {
            let m = try item.mapping(allowed: ["from_day", "per_day"])
            let day: Int
            if let previous = steps.last?.fromDay {
                let text = "a day in \(previous + 1)...\(max): entries must be in strictly increasing from_day order, "
                    + "and the one before starts on day \(previous)"
                guard previous < max else {
                    throw item.error(ScenarioError.Code.outOfRange, "no day is left after \(previous) for another entry; expected at most \(max)")
                }
                day = try m.int("from_day", (previous + 1)...max, expected: text)
            } else {
                day = try m.int("from_day", 0...max, expected: "a day in 0...\(max)")
            }
            steps.append(EmissionStep(fromDay: day, perDay: try m.double("per_day", .amount)))
        }
        return steps
    }
}

extension EmissionSpec {
    /// Second under `mechanisms:`.
    public static var canonicalOrder: Int { 20 }

    /// `schedule` and that schedule's own fields.
    public func canonicalFields() -> SectionValue? {
        switch schedule {
        case .constant(let perDay):
            return .map([("schedule", .keyword("constant")), ("per_day", .double(perDay))])
        case .halving(let initial, let halfLife):
            return .map([("schedule", .keyword("halving")), ("initial_per_day", .double(initial)), ("half_life_days", .double(halfLife))])
        case .curve(let initial, let reduction):
            return .map([("schedule", .keyword("curve")), ("initial_per_year", .double(initial)), ("reduction", .double(reduction))])
        case .table(let steps):
            return .map([
                ("schedule", .keyword("table")),
                ("table", .list(steps.map { .map([("from_day", .int($0.fromDay)), ("per_day", .double($0.perDay))]) })),
            ])
        }
    }
}

extension SettableParameter {
    /// `mechanisms.emission.scale`: multiplies the schedule from the event's day on.
    public static let emissionScale = SettableParameter(rawValue: "mechanisms.emission.scale")
}
