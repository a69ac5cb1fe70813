#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// The command-line reproducers of issue #10 part 3: each used to crash, hang, exhaust
/// memory or print garbage; each now ends with a located error, a refusal or clean output.
@Suite struct HardeningTests {
    static let tiny = """
        name: tiny
        runs: 2
        horizon_days: 5
        populations:
          - {name: holders, count: 10, behaviour: holder}

        """

    /// A small sweep over one population's parameter; `name` is the population's name.
    static func sweepScenario(population name: String = "holders") -> String {
        """
        name: tiny
        runs: 1
        horizon_days: 5
        populations:
          - {name: "\(name)", count: 10, behaviour: holder, lock_propensity: 0.1}
        sweep:
          design: lhs
          points: 2
          parameters:
            - {path: "populations.\(name).sell_propensity", range: [0.01, 0.2]}
            - {path: "populations.\(name).lock_propensity", range: [0.01, 0.2]}

        """
    }

    // MARK: Crashes

    @Test(arguments: ["1e12", "4611686018427387904", "9223372036854775807"])
    func hugePopulationCountIsALocatedErrorForValidateAndRun(_ count: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("s.yaml", "name: big\npopulations:\n  - {name: a, count: \(count), behaviour: holder}\n")
        for command in [["validate", file], ["run", file, "--no-store", "--out", dir.path("out")]] {
            let result = try CLI.run(command)
            expectExit(result, 64)
            #expect(result.stderr.hasPrefix("\(file):3:22: error: populations[0].count: "), "\(result)")
        }
    }

    @Test func countsWhoseSumOverflowsIntAreALocatedError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("s.yaml", """
            name: big
            populations:
              - {name: a, count: 9223372036854775807, behaviour: holder}
              - {name: b, count: 9223372036854775807, behaviour: holder}

            """)
        let result = try CLI.run(["validate", file])
        expectExit(result, 64)
        #expect(result.stderr.contains("\(file):3:22: error:"), "\(result)")
    }

    @Test(arguments: [
        "populations:\n  - {name: a, count: 10, behaviour: holder, initial_balance: {lognormal: {mu: 1000, sigma: 1}}}",
        "populations:\n  - {name: a, count: 10, behaviour: holder, initial_balance: 5e-324}",
        "token: {supply: 1.797e308}\npopulations:\n  - {name: a, count: 10, behaviour: holder}",
    ])
    func numbersThatCrashedTheEngineOrTheReportAreLocatedErrors(_ body: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("s.yaml", "name: x\nruns: 1\nhorizon_days: 5\n" + body + "\n")
        let result = try CLI.run(["run", file, "--no-store", "--quiet", "--out", dir.path("out")])
        expectExit(result, 64)
        #expect(result.stderr.range(of: #"^.*s\.yaml:[0-9]+:[0-9]+: error: "#, options: .regularExpression) != nil, "\(result)")
    }

    @Test func subnormalSweepRangeIsALocatedErrorForSweepAndSensitivity() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let text = Self.sweepScenario().replacingOccurrences(of: "[0.01, 0.2]}\n    - {path: \"populations.holders.lock", with: "[0, 5e-324]}\n    - {path: \"populations.holders.lock")
        let file = try dir.write("s.yaml", text)
        for command in [["sweep", file, "--no-store", "--quiet", "--out", dir.path("a")], ["sensitivity", file, "--quiet", "--out", dir.path("b")]] {
            let result = try CLI.run(command)
            expectExit(result, 64)
            #expect(result.stderr.contains("\(file):10:"), "\(result)")
        }
    }

    /// Each used to allocate until the process aborted (or hang when two threads trapped).
    @Test(arguments: [
        ["sweep", "S", "--points", "1000000000"],
        ["sweep", "S", "--runs", "1000000000000"],
        ["sweep", "S", "--design", "grid", "--runs", "1"],
        ["sensitivity", "S", "--method", "sobol", "--samples", "1000000000"],
        ["sensitivity", "S", "--trajectories", "100000000"],
        ["run", "T", "--runs", "1000000000000"],
        ["compare", "T", "T", "--runs", "1000000000000"],
        ["bench", "scenario", "--scenario", "T", "--agents", "1000000000000"],
    ])
    func oversizedCountsAreRefusedBeforeAnythingRuns(_ template: [String]) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // A grid of 1000 × 1000 × 1000 steps: 10^9 points.
        let grid = Self.sweepScenario().replacingOccurrences(of: "range: [0.01, 0.2]}", with: "range: [0.01, 0.2], steps: 1000}")
            + "    - {path: populations.holders.lock_fraction, range: [0.1, 0.9], steps: 1000}\n"
        let sweep = try dir.write("s.yaml", grid)
        let tiny = try dir.write("t.yaml", Self.tiny)
        let arguments = template.map { $0 == "S" ? sweep : $0 == "T" ? tiny : $0 } + (template[0] == "bench" ? [] : ["--out", dir.path("out")])
        let start = Date()
        let result = try CLI.run(arguments)
        expectExit(result, 64)
        #expect(Date().timeIntervalSince(start) < 30, "refused only after \(Date().timeIntervalSince(start)) s")
        #expect(!FileManager.default.fileExists(atPath: dir.path("out/homeostat.sqlite")))
    }

    // MARK: Stores

    @Test(arguments: [["export", "F"], ["report", "F"], ["export", "F", "--format", "jsonl"]])
    func emptyFileIsRefusedAndLeftEmpty(_ template: [String]) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("empty.sqlite", "")
        let result = try CLI.run(template.map { $0 == "F" ? file : $0 })
        expectExit(result, 64)
        #expect(result.stderr.contains("STO100"), "\(result)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["empty.sqlite"])
        #expect(FileManager.default.contents(atPath: file)?.isEmpty == true)
    }

    /// Two processes writing one --out folder mixed their files. A process that holds the
    /// folder's claim (an exclusive `flock` on the folder, as `homeostat` takes it) makes a
    /// second `run` fail before it writes anything; once the claim is gone the run proceeds.
    @Test func runIntoAFolderClaimedByAnotherProcessIsRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let tiny = try dir.write("t.yaml", Self.tiny)
        let folder = dir.path("out")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY)
        #expect(descriptor >= 0 && flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        let refused = try CLI.run(["run", tiny, "--quiet", "--out", folder])
        expectExit(refused, 1)
        #expect(refused.stderr.contains("in use by another homeostat process"), "\(refused)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "the refused run wrote into the folder")
        close(descriptor)
        let allowed = try CLI.run(["run", tiny, "--quiet", "--out", folder])
        expectExit(allowed, 0)
        #expect(FileManager.default.fileExists(atPath: folder + "/summary.json"))
        // A finished run leaves no claim behind.
        let again = try CLI.run(["run", tiny, "--quiet", "--out", folder])
        expectExit(again, 0)
    }

    // MARK: Output hygiene

    /// An RFC 4180 reader: fields split at commas outside quotes, `""` inside quotes.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var scalars = Array(text.unicodeScalars)[...]
        while let c = scalars.popFirst() {
            if quoted {
                if c == "\"" {
                    if scalars.first == "\"" { field.unicodeScalars.append("\""); scalars.removeFirst() } else { quoted = false }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\n" {
                row.append(field); field = ""
                rows.append(row); row = []
            } else {
                field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    @Test func namesWithLineBreaksAreQuotedInSweepAndSensitivityCSV() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let name = "two\\nlines\\r\\nand, more"  // YAML escapes: a LF, a CR LF and a comma
        let file = try dir.write("s.yaml", Self.sweepScenario(population: name))
        let sweep = try CLI.run(["sweep", file, "--no-store", "--quiet", "--out", dir.path("sweep")])
        expectExit(sweep, 0)
        let sweepRows = Self.parseCSV(try String(contentsOfFile: dir.path("sweep/sweep.csv"), encoding: .utf8))
        #expect(sweepRows.count == 3 && Set(sweepRows.map(\.count)).count == 1, "\(sweepRows)")
        #expect(sweepRows[0][1] == "populations.two\nlines\r\nand, more.sell_propensity", "\(sweepRows[0])")

        let sensitivity = try CLI.run(["sensitivity", file, "--trajectories", "2", "--quiet", "--out", dir.path("sens")])
        expectExit(sensitivity, 0)
        let rows = Self.parseCSV(try String(contentsOfFile: dir.path("sens/sensitivity.csv"), encoding: .utf8))
        #expect(Set(rows.map(\.count)).count == 1, "\(rows)")
        #expect(rows.dropFirst().contains { $0[1].contains("two\nlines\r\nand, more") }, "\(rows)")
    }

    @Test func scenarioNameThatIsAFormulaIsNeutralisedInTheExport() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        for (k, name) in ["=1+1", "+1", "-1", "@SUM(A1)"].enumerated() {
            let file = try dir.write("s\(k).yaml", Self.tiny.replacingOccurrences(of: "name: tiny", with: "name: \"\(name)\""))
            expectExit(try CLI.run(["run", file, "--quiet", "--out", dir.path("out\(k)")]), 0)
            let export = try CLI.run(["export", dir.path("out\(k)")])
            expectExit(export, 0)
            let rows = Self.parseCSV(export.stdout)
            #expect(rows.count == 3 && rows[1][1] == "'" + name, "\(export)")
        }
    }

    @Test func controlCharactersInNamesDoNotReachTheTerminal() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // A colour change, a window-title change and a bell, as YAML escapes.
        let file = try dir.write("s.yaml", Self.tiny.replacingOccurrences(of: "name: tiny", with: #"name: "\e[31mred\e]0;pwned\a""#))
        let validate = try CLI.run(["validate", file])
        expectExit(validate, 0)
        #expect(!validate.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(validate)")
        #expect(validate.stdout.contains(#"\u{1B}[31mred"#), "\(validate)")
        let duplicate = try dir.write("d.yaml", """
            name: d
            populations:
              - {name: "\\e[2J", count: 1, behaviour: holder}
              - {name: "\\e[2J", count: 1, behaviour: holder}

            """)
        let refused = try CLI.run(["validate", duplicate])
        expectExit(refused, 64)
        #expect(!refused.stderr.unicodeScalars.contains { $0.value == 0x1B }, "\(refused)")
        let run = try CLI.run(["run", file, "--no-store", "--out", dir.path("out")])
        expectExit(run, 0)
        #expect(!(run.stdout + run.stderr).unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(run)")
    }
}
