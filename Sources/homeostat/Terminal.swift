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
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
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
