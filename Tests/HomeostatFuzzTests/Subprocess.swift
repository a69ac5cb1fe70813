#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation

/// Runs the built `homeostat` executable with a time limit, so a hang is a test failure and
/// not a stuck test run.
enum Subprocess {
    struct Result: Sendable, CustomStringConvertible {
        let arguments: [String]
        /// The exit status, or the signal number when `exited` is false.
        let status: Int32
        let exited: Bool
        /// Whether it was still running at the time limit (it is then killed).
        let timedOut: Bool
        let stdout: String
        let stderr: String

        /// A runtime trap or backtrace instead of a rendered error.
        var looksLikeACrash: Bool {
            !exited
                || ["Fatal error", "Precondition failed", "Assertion failed", "Stack dump", "Program crashed", "crashed:", "Backtrace",
                    "Illegal instruction", "Segmentation fault", "failed to allocate"]
                    .contains { stderr.contains($0) }
        }

        var description: String {
            "homeostat \(arguments.joined(separator: " ")) → \(timedOut ? "TIMED OUT" : exited ? "status \(status)" : "signal \(status)")\n"
                + "stdout:\n\(stdout.prefix(1500))\nstderr:\n\(stderr.prefix(1500))"
        }
    }

    /// The `homeostat` binary next to the test runner (`.build/<config>/`).
    static func binary() -> URL? {
        // HOMEOSTAT_BINARY points the fuzzer at another build (an older one, to see that it
        // finds the crashes this target guards against).
        if let path = ProcessInfo.processInfo.environment["HOMEOSTAT_BINARY"] { return URL(fileURLWithPath: path) }
        var folders: [URL] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            folders.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        let bundle = Bundle.main.bundleURL
        folders.append(bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle)
        if let argv0 = CommandLine.arguments.first {
            folders.append(URL(fileURLWithPath: argv0).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        return folders.map { $0.appendingPathComponent("homeostat") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// The repository root (three levels above this file).
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `homeostat arguments…` in `directory`, killing it after `timeout` seconds.
    static func run(_ arguments: [String], in directory: URL, timeout: Double) throws -> Result {
        guard let executable = binary() else { throw CocoaError(.fileNoSuchFile) }
        let outURL = directory.appendingPathComponent("stdout-\(UUID().uuidString)")
        let errURL = directory.appendingPathComponent("stderr-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        for url in [outURL, errURL] { try Data().write(to: url) }
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        // No crash backtracer: its helper would keep the child's descriptors open (the
        // hang the issue describes is exactly that, seen from a shell).
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                process.terminate()
                Thread.sleep(forTimeInterval: 0.5)
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                break
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(
            arguments: arguments, status: process.terminationStatus, exited: process.terminationReason == .exit,
            timedOut: timedOut,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}
