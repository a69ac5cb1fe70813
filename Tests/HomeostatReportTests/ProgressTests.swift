import Synchronization
import Testing
@testable import HomeostatReport

/// A clock the test moves by hand and a sink that keeps what was written.
final class FakeTerminal: Sendable {
    private let time = Mutex(0.0)
    private let written = Mutex<[String]>([])

    var clock: @Sendable () -> Double { { self.time.withLock { $0 } } }
    var output: @Sendable (String) -> Void { { text in self.written.withLock { $0.append(text) } } }

    func advance(to seconds: Double) { time.withLock { $0 = seconds } }
    var writes: [String] { written.withLock { $0 } }
    var text: String { writes.joined() }
}

@Suite struct ProgressTests {
    @Test func terminalBarIsRedrawnInPlace() {
        let terminal = FakeTerminal()
        let progress = ProgressReporter(
            total: 32, style: .bar(redrawInterval: 0.1), clock: terminal.clock, output: terminal.output)
        #expect(terminal.writes == ["\rruns [........................]  0/32  - runs/s  ETA -"])
        terminal.advance(to: 2)
        progress.completed(6)
        terminal.advance(to: 2.05)  // within the redraw interval: no redraw
        progress.completed(2)
        terminal.advance(to: 4)
        progress.completed(4)
        #expect(
            terminal.writes.dropFirst() == [
                "\rruns [####....................]  6/32  3.0 runs/s  ETA 9s",
                "\rruns [#########...............] 12/32  3.0 runs/s  ETA 7s",
            ])
        terminal.advance(to: 10)
        progress.completed(20)
        #expect(terminal.writes.last == "\rruns [########################] 32/32  3.2 runs/s  done in 10s\n")
        // Finished: nothing more is drawn.
        progress.finish()
        progress.completed()
        #expect(terminal.writes.count == 4)
        #expect(!terminal.text.contains("\n\r"))
    }

    @Test func shorterRedrawBlanksTheRestOfTheLine() {
        let terminal = FakeTerminal()
        let progress = ProgressReporter(
            total: 100, style: .bar(redrawInterval: 0), clock: terminal.clock, output: terminal.output)
        terminal.advance(to: 1)
        progress.completed()
        terminal.advance(to: 1.5)
        progress.completed(98)
        #expect(terminal.writes[1] == "\rruns [........................]   1/100  1.0 runs/s  ETA 1m39s")
        // Two characters shorter than the line before: two blanks wipe its tail.
        #expect(terminal.writes[2] == "\rruns [#######################.]  99/100  66.0 runs/s  ETA 0s  ")
        #expect(terminal.writes[2].count == terminal.writes[1].count)
    }

    @Test func plainLinesAtMostEveryIntervalAndAtTheEnd() {
        let terminal = FakeTerminal()
        let progress = ProgressReporter(
            total: 100, style: .lines(interval: 10), clock: terminal.clock, output: terminal.output)
        for i in 1...99 {
            terminal.advance(to: Double(i) * 0.5)  // 2 runs/s
            progress.completed()
        }
        #expect(
            terminal.writes == [
                "runs  20/100  2.0 runs/s  ETA 40s\n",
                "runs  40/100  2.0 runs/s  ETA 30s\n",
                "runs  60/100  2.0 runs/s  ETA 20s\n",
                "runs  80/100  2.0 runs/s  ETA 10s\n",
            ])
        terminal.advance(to: 130)
        progress.completed()
        #expect(terminal.writes.last == "runs 100/100  0.77 runs/s  done in 2m10s\n")
        #expect(!terminal.text.contains("\r"))
    }

    @Test func finishBeforeTotalReportsWhereItStopped() {
        let terminal = FakeTerminal()
        let progress = ProgressReporter(
            total: 8, style: .lines(interval: 60), clock: terminal.clock, output: terminal.output)
        terminal.advance(to: 4000)
        progress.completed(3)
        #expect(terminal.writes.count == 1)  // 4000 s > interval
        progress.finish()
        #expect(terminal.writes == ["runs 3/8  0.00 runs/s  ETA 1h51m\n", "runs 3/8  0.00 runs/s  done in 1h06m\n"])
        progress.finish()
        #expect(terminal.writes.count == 2)
    }

    @Test func quietWritesNothing() {
        let terminal = FakeTerminal()
        let progress = ProgressReporter(total: 2, style: .quiet, clock: terminal.clock, output: terminal.output)
        terminal.advance(to: 100)
        progress.completed()
        progress.completed()
        progress.finish()
        #expect(terminal.writes.isEmpty)
        #expect(progress.completedCount == 2)
    }

    @Test func concurrentCompletionsAreAllCountedAndReportedInOrder() async {
        let terminal = FakeTerminal()
        terminal.advance(to: 1)
        let progress = ProgressReporter(
            total: 4000, style: .bar(redrawInterval: 0), clock: terminal.clock, output: terminal.output)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<500 { progress.completed() }
                }
            }
        }
        #expect(progress.completedCount == 4000)
        let writes = terminal.writes
        #expect(writes.filter { $0.hasSuffix("\n") }.count == 1)
        #expect(writes.last?.contains("4000/4000") == true)
        // Counts shown never go backwards.
        let counts = writes.dropFirst().compactMap { line -> Int? in
            guard let slash = line.firstIndex(of: "/") else { return nil }
            let head = line[..<slash].split(separator: " ").last.map(String.init)
            return head.flatMap { Int($0) }
        }
        #expect(counts.count == writes.count - 1)
        #expect(counts == counts.sorted())
    }

    @Test func durationsAndRates() {
        #expect(ProgressReporter.formatDuration(6.4) == "6s")
        #expect(ProgressReporter.formatDuration(125) == "2m05s")
        #expect(ProgressReporter.formatDuration(3725) == "1h02m")
        #expect(ProgressReporter.formatDuration(.infinity) == "-")
        #expect(ProgressReporter.formatRate(3.14) == "3.1")
        #expect(ProgressReporter.formatRate(0.25) == "0.25")
        #expect(ProgressReporter.formatRate(0.05) == "0.05")
        #expect(ProgressReporter.formatRate(250.4) == "250")
    }
}
