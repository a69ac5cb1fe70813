#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import ArgumentParser
import Foundation

/// Writing to stderr, and turning errors into messages and exit codes (STYLE §5:
/// 0 ok, 64 bad input, 1 runtime failure).
enum Terminal {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((visible(message) + "\n").utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data((visible(message) + "\n").utf8))
    }

    /// `1 agent`, `2 agents`, `0 populations`: a count and its noun, plural unless one.
    static func count(_ n: Int, _ noun: String) -> String {
        "\(n) " + (n == 1 ? noun : noun + "s")
    }

    /// `warning: MESSAGE` on stderr: the command goes on, but its result may not mean what
    /// the user expects.
    static func warning(_ message: String) {
        note("warning: " + message)
    }

    /// Prints `text` to stdout with its control characters made visible (``visible(_:)``):
    /// for anything that carries names from a scenario (tables, "wrote …" lines).
    static func out(_ text: String) {
        print(visible(text))
    }

    /// `text` with every control character other than line feed and tab written as `\u{1B}`,
    /// so names from a file (a scenario called `"\e]0;…\a"`) cannot move the cursor, retitle
    /// the window or recolour the terminal. C0, DEL and C1 (which holds the one-byte CSI) are
    /// escaped; a CR alone would overwrite the line, so it is escaped too.
    static func visible(_ text: String) -> String {
        func isControl(_ s: Unicode.Scalar) -> Bool {
            (s.value < 0x20 && s != "\n" && s != "\t") || (0x7F...0x9F).contains(s.value)
        }
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for s in text.unicodeScalars {
            if isControl(s) { out += "\\u{" + String(s.value, radix: 16, uppercase: true) + "}" } else { out.unicodeScalars.append(s) }
        }
        return out
    }

    /// A name on one line: ``visible(_:)`` with line feeds and tabs escaped as well.
    static func oneLine(_ name: String) -> String {
        visible(name).replacing("\n", with: "\\u{A}").replacing("\t", with: "\\u{9}")
    }

    /// Bad input: prints `message` to stderr and exits with EX_USAGE (64).
    static func badInput(_ message: String) -> ExitCode {
        error(message)
        return ExitCode(64)
    }

    /// A failure while running: prints and exits 1.
    static func failure(_ message: String) -> ExitCode {
        error("error: " + message)
        return ExitCode(1)
    }

    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// Peak resident memory of this process, in MiB.
    static func peakResidentMiB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024  // Linux reports KiB
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
