import Foundation
import Testing

/// Seeded mutation fuzzing of every input surface a user controls (issue #10): the bundled
/// examples, the replay scripts and the `sweep:` section. Each mutant goes through the built
/// binary, which must end with exit status 0, or a located error (64), or a reported run
/// failure (1) — never a signal, a trap message or a hang.
///
/// `HOMEOSTAT_FUZZ_SEED` picks the seed (default 10) and `HOMEOSTAT_FUZZ_SECONDS` the budget
/// (default 60): cases are generated until the budget is spent, so CI time is bounded
/// whatever the machine's speed, and a failure prints the seed, case and mutant to replay it.
@Suite(.serialized) struct FuzzTests {
    static let seed = UInt64(ProcessInfo.processInfo.environment["HOMEOSTAT_FUZZ_SEED"] ?? "") ?? 10
    static let budget = Double(ProcessInfo.processInfo.environment["HOMEOSTAT_FUZZ_SECONDS"] ?? "") ?? 60
    /// Per invocation: a mutant that takes longer than this counts as a hang.
    static let timeout = 60.0

    /// Numbers a hostile or careless user writes: zero, negatives, huge and tiny magnitudes,
    /// integer limits, non-finite YAML literals.
    static let hostileNumbers = [
        "0", "-1", "-0.0", "1e12", "1e300", "5e-324", "1.797e308", "1e309", "9223372036854775807", "4611686018427387904",
        "18446744073709551616", ".nan", ".inf", "-.inf", "1e-30", "36501", "1000000000", "0.5", "2", "1e15",
    ]
    /// Decimal strings a replay script may carry.
    static let hostileDecimals = [
        "0", "1", "0.000000000000000000000000000001", "1" + String(repeating: "0", count: 300), "99999999999999999999999999999999999999999",
        "1.5", "1e3", "-1", "", "340282366920938463463374607431768211455",
    ]

    /// SplitMix64: a fixed, platform-independent sequence for a seed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    // MARK: Inputs

    static func read(_ relative: String) -> String {
        (try? String(contentsOf: Subprocess.repository.appendingPathComponent(relative), encoding: .utf8)) ?? ""
    }

    static var examples: [String] {
        let folder = Subprocess.repository.appendingPathComponent("examples").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }

    static var replayScripts: [(kind: String, file: String)] {
        let folder = "Tests/HomeostatExperimentsTests/Replay/"
        return [
            ("vote-escrow", folder + "walkthrough.jsonl"), ("vote-escrow", folder + "rejections.jsonl"),
            ("constant-product", folder + "constant-product.jsonl"), ("stableswap", folder + "stableswap-walkthrough.jsonl"),
            ("concentrated", folder + "concentrated.jsonl"), ("lending", folder + "lending-walkthrough.jsonl"),
        ]
    }

    /// An example made cheap to run before it is mutated: 20 days, at most 60 agents per
    /// population, so a run of a surviving mutant takes a fraction of a second.
    static func shrink(_ yaml: String) -> String {
        var lines = yaml.components(separatedBy: "\n").map { line -> String in
            var l = line
            if l.trimmingCharacters(in: .whitespaces).hasPrefix("horizon_days:") { l = "horizon_days: 20" }
            if let r = l.range(of: #"count: *[0-9_]+"#, options: .regularExpression) {
                let digits = l[r].filter(\.isNumber)
                if let n = Int(digits), n > 60 { l.replaceSubrange(r, with: "count: 60") }
            }
            return l
        }
        if !lines.contains(where: { $0.hasPrefix("horizon_days:") }) { lines.insert("horizon_days: 20", at: 1) }
        return lines.joined(separator: "\n")
    }

    // MARK: Mutations

    /// One line-level mutation of a YAML file: a number replaced by a hostile one, a line
    /// deleted, duplicated or cut short, two lines swapped, or a value's quoting broken.
    static func mutateYAML(_ text: String, lines range: Range<Int>? = nil, using g: inout Generator) -> String {
        var lines = text.components(separatedBy: "\n")
        // An earlier mutation may have deleted lines: keep the span inside the text.
        let span = range.map { min($0.lowerBound, lines.count)..<min($0.upperBound, lines.count) } ?? 0..<lines.count
        guard !span.isEmpty else { return text }
        let i = Int.random(in: span, using: &g)
        switch Int.random(in: 0..<10, using: &g) {
        case 0..<5:
            // A number on the line (or the next that has one) becomes a hostile number.
            for k in Array(i..<span.upperBound) + Array(span.lowerBound..<i) {
                let numbers = lines[k].ranges(of: #/-?[0-9][0-9_.eE+-]*/#)
                guard !numbers.isEmpty else { continue }
                let r = numbers[Int.random(in: 0..<numbers.count, using: &g)]
                lines[k].replaceSubrange(r, with: hostileNumbers.randomElement(using: &g)!)
                break
            }
        case 5: lines.remove(at: i)
        case 6: lines.insert(lines[i], at: i)
        case 7: lines[i] = String(lines[i].prefix(Int.random(in: 0...max(0, lines[i].count), using: &g)))
        case 8:
            let j = Int.random(in: span, using: &g)
            lines.swapAt(i, j)
        default:
            lines[i] += ["\"", "{", ": :", " - [", "\t", "\u{1B}[31m", "\r"].randomElement(using: &g)!
        }
        return lines.joined(separator: "\n")
    }

    /// One mutation of a JSON Lines replay script: a decimal string replaced, a key misspelt
    /// or doubled, a line deleted or cut short, a number made non-integral.
    static func mutateScript(_ text: String, using g: inout Generator) -> String {
        var lines = text.components(separatedBy: "\n")
        let operations = lines.indices.filter { lines[$0].hasPrefix("{") }
        guard let i = operations.randomElement(using: &g) else { return text }
        switch Int.random(in: 0..<8, using: &g) {
        case 0..<3:
            let strings = lines[i].ranges(of: #/"[0-9.]+"/#)
            if let r = strings.randomElement(using: &g) { lines[i].replaceSubrange(r, with: "\"\(hostileDecimals.randomElement(using: &g)!)\"") }
        case 3:
            let keys = lines[i].ranges(of: #/"[a-z_0-9]+":/#)
            if let r = keys.randomElement(using: &g), lines[i].distance(from: r.lowerBound, to: r.upperBound) > 4 {
                lines[i].remove(at: lines[i].index(r.lowerBound, offsetBy: 2))
            }
        case 4:
            let fields = lines[i].ranges(of: #/"[a-z_0-9]+": [^,}]+/#)
            if let r = fields.randomElement(using: &g) {
                let field = String(lines[i][r])
                lines[i].insert(contentsOf: field + ", ", at: r.lowerBound)
            }
        case 5: lines.remove(at: i)
        case 6: lines[i] = String(lines[i].prefix(Int.random(in: 0...lines[i].count, using: &g)))
        default:
            let numbers = lines[i].ranges(of: #/: -?[0-9]+/#)
            if let r = numbers.randomElement(using: &g) { lines[i].replaceSubrange(r, with: ": " + hostileNumbers.randomElement(using: &g)!) }
        }
        return lines.joined(separator: "\n")
    }

    // MARK: The oracle

    /// Exit 0; or 64 with an error line that names its place (`FILE:LINE:COLUMN: error`,
    /// `SCRIPT:LINE: error RPL…`, or `homeostat COMMAND: …` for an option); or 1 with a
    /// reported run failure or store error — and never a signal, a trap or a time-out.
    static func check(_ r: Subprocess.Result, case label: String, input: String) {
        let context = "seed \(seed), \(label)\n--- input ---\n\(input.prefix(4000))\n--- result ---\n\(r)"
        #expect(!r.timedOut, "hang: \(context)")
        #expect(r.exited, "signal: \(context)")
        #expect(!r.looksLikeACrash, "crash: \(context)")
        switch r.status {
        case 0: break
        case 64:
            let located = r.stderr.range(of: #"(^|\n)[^\n]+:[0-9]+(:[0-9]+)?: error"#, options: .regularExpression) != nil
                || r.stderr.contains("homeostat ")
            #expect(located, "64 without a located error: \(context)")
        case 1:
            #expect(r.stderr.contains("failed on") || r.stderr.contains("error"), "1 without a reported failure: \(context)")
        default:
            Issue.record("unexpected exit status \(r.status): \(context)")
        }
    }

    // MARK: The test

    @Test func mutantsOfEveryInputEndCleanly() throws {
        #expect(Subprocess.binary() != nil, "the built homeostat binary is next to the test runner")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("homeostat-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }

        var g = Generator(state: Self.seed)
        let start = Date()
        let bases = Self.examples.map { (name: $0, text: Self.shrink(Self.read("examples/" + $0))) }
        let scripts = Self.replayScripts.map { (kind: $0.kind, text: Self.read($0.file)) }
        let sweepBase = Self.shrink(Self.read("examples/ve-economy.yaml"))
        let sweepStart = sweepBase.components(separatedBy: "\n").firstIndex { $0.hasPrefix("sweep:") } ?? 0
        let sweepEnd = sweepBase.components(separatedBy: "\n").count
        #expect(!bases.isEmpty && scripts.allSatisfy { !$0.text.isEmpty } && sweepStart > 0)

        var cases = 0
        while Date().timeIntervalSince(start) < Self.budget {
            cases += 1
            let folder = scratch.appendingPathComponent("case\(cases)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            switch cases % 3 {
            case 1:
                // A scenario: validate it; when it is valid, run it on two threads (two runs
                // trapping at once used to hang the process) and write the report.
                let base = bases[Int.random(in: 0..<bases.count, using: &g)]
                var text = base.text
                for _ in 0..<Int.random(in: 1...3, using: &g) { text = Self.mutateYAML(text, using: &g) }
                try text.write(to: folder.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
                let label = "case \(cases): \(base.name)"
                let validated = try Subprocess.run(["validate", "s.yaml"], in: folder, timeout: Self.timeout)
                Self.check(validated, case: label + " (validate)", input: text)
                if validated.status == 0 {
                    let ran = try Subprocess.run(
                        ["run", "s.yaml", "--runs", "2", "--threads", "2", "--quiet", "--out", "out"], in: folder, timeout: Self.timeout)
                    Self.check(ran, case: label + " (run)", input: text)
                }
            case 2:
                let script = scripts[Int.random(in: 0..<scripts.count, using: &g)]
                var text = script.text
                for _ in 0..<Int.random(in: 1...3, using: &g) { text = Self.mutateScript(text, using: &g) }
                try text.write(to: folder.appendingPathComponent("s.jsonl"), atomically: true, encoding: .utf8)
                let replayed = try Subprocess.run(["replay", script.kind, "s.jsonl"], in: folder, timeout: Self.timeout)
                Self.check(replayed, case: "case \(cases): replay \(script.kind)", input: text)
                #expect(!replayed.stdout.contains("\"inf\"") && !replayed.stdout.contains("\"nan\"") && !replayed.stdout.contains("\"-inf\""),
                        "a replay printed a non-finite amount: seed \(Self.seed), case \(cases)\n\(text)\n\(replayed)")
            default:
                // The sweep section: a small sweep and a one-trajectory Morris analysis.
                var text = sweepBase
                for _ in 0..<Int.random(in: 1...2, using: &g) { text = Self.mutateYAML(text, lines: sweepStart..<sweepEnd, using: &g) }
                try text.write(to: folder.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
                let swept = try Subprocess.run(
                    ["sweep", "s.yaml", "--points", "2", "--runs", "1", "--no-store", "--quiet", "--out", "sweep"], in: folder, timeout: Self.timeout)
                Self.check(swept, case: "case \(cases): sweep", input: text)
                let analysed = try Subprocess.run(
                    ["sensitivity", "s.yaml", "--trajectories", "1", "--runs", "1", "--quiet", "--out", "sens"], in: folder, timeout: Self.timeout)
                Self.check(analysed, case: "case \(cases): sensitivity", input: text)
            }
            try? FileManager.default.removeItem(at: folder)
        }
        #expect(cases >= 3, "the budget of \(Self.budget) s allowed only \(cases) cases")
        print("fuzz: seed \(Self.seed), \(cases) cases in \(Int(Date().timeIntervalSince(start))) s")
    }
}
