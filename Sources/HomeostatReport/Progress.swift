import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How a ``ProgressReporter`` shows progress.
public enum ProgressStyle: Sendable, Equatable {
    /// A bar redrawn in place with `\r`, for a terminal:
    /// `runs [#########...............]  12/32  3.1 runs/s  ETA 6s`. Redrawn at most every
    /// `redrawInterval` seconds, and always when the last unit completes.
    case bar(redrawInterval: Double = 0.1)
    /// A plain line at most every `interval` seconds, and one at the end, for a log file or
    /// a pipe: `runs 12/32  3.1 runs/s  ETA 6s`.
    case lines(interval: Double = 10)
    /// Nothing at all.
    case quiet
}

/// Reports the progress of a known number of units of work (Monte Carlo runs) on standard
/// error, so standard output stays clean data.
///
/// Thread-safe: runs finish on several threads and call ``completed(_:)`` concurrently; the
/// state sits behind a `Mutex` and output is produced while holding it, so lines never
/// interleave and the counts they show never go backwards.
///
/// The clock and the output sink are injected, so tests need neither a terminal nor sleeps;
/// ``standardError(total:label:quiet:lineInterval:)`` wires the real ones.
///
/// The rate is units completed per second since the reporter was created, and the ETA is
/// the remaining units at that rate. The last report (when the count reaches `total`, or on
/// ``finish()``) shows the elapsed time instead of an ETA: `... 3.2 runs/s  done in 10s`.
public final class ProgressReporter: Sendable {
    /// Number of units expected.
    public let total: Int
    /// The word before the count and in the rate, e.g. `runs`.
    public let label: String
    /// How progress is shown.
    public let style: ProgressStyle
    private let clock: @Sendable () -> Double
    private let output: @Sendable (String) -> Void
    private let state: Mutex<State>

    private struct State {
        var done = 0
        var start: Double
        var lastReport: Double
        var lastLineLength = 0
        var finished = false
    }

    /// Width of the bar between the brackets, in characters.
    static let barWidth = 24

    /// Creates a reporter. In ``ProgressStyle/bar(redrawInterval:)`` style it draws the empty
    /// bar at once.
    ///
    /// - Parameters:
    ///   - total: Number of units expected, at least 0.
    ///   - label: The word for a unit, plural: `runs`.
    ///   - style: Bar, lines or quiet.
    ///   - clock: Seconds on a monotonic clock (any origin); called under the lock.
    ///   - output: Receives the text to show, exactly as it should be written (with its
    ///     `\r` and `\n`); called under the lock, in order.
    public init(
        total: Int, label: String = "runs", style: ProgressStyle,
        clock: @escaping @Sendable () -> Double, output: @escaping @Sendable (String) -> Void
    ) {
        precondition(total >= 0, "a negative total, \(total)")
        self.total = total
        self.label = label
        self.style = style
        self.clock = clock
        self.output = output
        let now = clock()
        state = Mutex(State(start: now, lastReport: now))
        if case .bar = style {
            state.withLock { state in
                draw(&state, now: now, final: false)
            }
        }
    }

    /// A reporter on standard error with the real monotonic clock: a bar when standard
    /// error is a terminal (`isatty(2)`), plain lines every `lineInterval` seconds when it
    /// is not, nothing when `quiet`.
    ///
    /// - Parameters:
    ///   - total: Number of units expected.
    ///   - label: The word for a unit, plural.
    ///   - quiet: Show nothing.
    ///   - lineInterval: Seconds between plain lines when standard error is not a terminal.
    public static func standardError(
        total: Int, label: String = "runs", quiet: Bool = false, lineInterval: Double = 10
    ) -> ProgressReporter {
        let style: ProgressStyle =
            quiet ? .quiet : (isatty(2) == 1 ? .bar() : .lines(interval: lineInterval))
        return ProgressReporter(
            total: total, label: label, style: style, clock: monotonicSeconds(), output: writeToStandardError)
    }

    /// Records that `count` more units are done and reports if it is time to. Reaching
    /// `total` reports the final state (as ``finish()`` does). Calls after the reporter
    /// finished are ignored.
    ///
    /// - Parameter count: Units just completed; 1 by default.
    public func completed(_ count: Int = 1) {
        state.withLock { state in
            guard !state.finished else { return }
            state.done += count
            let now = clock()
            if state.done >= total {
                state.finished = true
                report(&state, now: now, final: true)
                return
            }
            switch style {
            case .quiet:
                return
            case let .bar(redrawInterval):
                if now - state.lastReport >= redrawInterval { report(&state, now: now, final: false) }
            case let .lines(interval):
                if now - state.lastReport >= interval { report(&state, now: now, final: false) }
            }
        }
    }

    /// Reports the final state (ends the bar's line) unless that has happened already, for
    /// example when the work stopped before `total` units. Later calls do nothing.
    public func finish() {
        state.withLock { state in
            guard !state.finished else { return }
            state.finished = true
            report(&state, now: clock(), final: true)
        }
    }

    /// Units completed so far.
    public var completedCount: Int { state.withLock { $0.done } }

    private func report(_ state: inout State, now: Double, final: Bool) {
        switch style {
        case .quiet: return
        case .bar: draw(&state, now: now, final: final)
        case .lines:
            output(status(state, now: now, final: final) + "\n")
            state.lastReport = now
        }
    }

    private func draw(_ state: inout State, now: Double, final: Bool) {
        let filled = total == 0 ? Self.barWidth : Swift.min(Self.barWidth, state.done * Self.barWidth / total)
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: Self.barWidth - filled)
        let text = "\(label) [\(bar)] " + status(state, now: now, final: final, withLabel: false)
        // Blank out what is left of a longer previous line.
        let padding = String(repeating: " ", count: Swift.max(0, state.lastLineLength - text.count))
        output("\r" + text + padding + (final ? "\n" : ""))
        state.lastLineLength = text.count
        state.lastReport = now
    }

    /// `12/32  3.1 runs/s  ETA 6s`, prefixed by the label unless `withLabel` is false.
    private func status(_ state: State, now: Double, final: Bool, withLabel: Bool = true) -> String {
        let totalText = String(total)
        let doneText = String(state.done)
        let count = String(repeating: " ", count: Swift.max(0, totalText.count - doneText.count))
            + doneText + "/" + totalText
        let elapsed = now - state.start
        var text = withLabel ? "\(label) \(count)" : count
        if state.done > 0 && elapsed > 0 {
            let rate = Double(state.done) / elapsed
            text += "  \(Self.formatRate(rate)) \(label)/s"
            if final {
                text += "  done in \(Self.formatDuration(elapsed))"
            } else {
                text += "  ETA \(Self.formatDuration(Double(Swift.max(0, total - state.done)) / rate))"
            }
        } else if final {
            text += "  done in \(Self.formatDuration(Swift.max(0, elapsed)))"
        } else {
            text += "  - \(label)/s  ETA -"
        }
        return text
    }

    /// `123`, `3.1`, `0.25` units per second.
    static func formatRate(_ rate: Double) -> String {
        if rate >= 100 { return String(Int(rate.rounded())) }
        if rate >= 1 { return tenths(rate) }
        let hundredths = Int((rate * 100).rounded())
        return "0." + (hundredths < 10 ? "0" : "") + String(hundredths)
    }

    /// One decimal, `3.1`.
    private static func tenths(_ x: Double) -> String {
        let t = Int((x * 10).rounded())
        return "\(t / 10).\(t % 10)"
    }

    /// `6s`, `2m05s`, `1h02m`, rounded to the second.
    static func formatDuration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "-" }
        let s = Int(seconds.rounded())
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m\(two(s % 60))s" }
        return "\(s / 3600)h\(two(s / 60 % 60))m"
    }

    /// A clock reading seconds since its creation from the system's monotonic clock.
    public static func monotonicSeconds() -> @Sendable () -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        return {
            let elapsed = (clock.now - start).components
            return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
        }
    }

    /// Writes `text` to file descriptor 2 unbuffered, retrying short writes.
    @Sendable public static func writeToStandardError(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(2, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return  // nowhere left to report a broken stderr
                }
                offset += n
            }
        }
    }
}
