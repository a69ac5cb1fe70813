import Foundation
import Testing

/// Runs the built `homeostat` executable as a subprocess and captures what it prints.
///
/// The binary is looked up next to the running test executable (on Linux,
/// `.build/<config>/HomeostatPackageTests.xctest`, whose folder also holds `homeostat`): first
/// through `/proc/self/exe`, then through `Bundle.main` and `argv[0]`. The test target depends
/// on the `homeostat` target, so `swift test` builds it first.
enum CLI {
    /// What one invocation did.
    struct Result: Sendable, CustomStringConvertible {
        let arguments: [String]
        /// The exit status, or the signal number when `exited` is false.
        let status: Int32
        /// False when the process died from a signal (a crash).
        let exited: Bool
        let stdout: String
        let stderr: String

        /// stdout split into lines (the final newline does not start an empty line).
        var stdoutLines: [String] { Self.lines(stdout) }
        /// stderr split into lines.
        var stderrLines: [String] { Self.lines(stderr) }

        /// True when stderr shows a runtime trap or a backtrace rather than a rendered error.
        var looksLikeACrash: Bool {
            !exited
                || ["Fatal error", "Precondition failed", "Assertion failed", "Stack dump", "stack trace", "Program crashed", "crashed:", "Backtrace", "Illegal instruction", "Segmentation fault"]
                    .contains { stderr.contains($0) }
        }

        var description: String {
            "homeostat \(arguments.joined(separator: " ")) → \(exited ? "status" : "signal") \(status)\n"
                + "stdout:\n\(stdout.prefix(2000))\nstderr:\n\(stderr.prefix(2000))"
        }

        private static func lines(_ text: String) -> [String] {
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            return lines
        }
    }

    struct BinaryNotFound: Error, CustomStringConvertible {
        let searched: [String]
        var description: String {
            "the built `homeostat` executable was not found next to the test runner (looked for: "
                + searched.joined(separator: ", ") + "); run the tests with `swift test`, which builds it, "
                + "or build it with `swift build` using the same --scratch-path and configuration"
        }
    }

    /// Folders that may hold the test runner, and so `homeostat`.
    static var candidateFolders: [URL] {
        var folders: [URL] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            folders.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        let bundle = Bundle.main.bundleURL
        folders.append(bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle)
        if let argv0 = CommandLine.arguments.first {
            folders.append(URL(fileURLWithPath: argv0).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        return folders
    }

    /// The `homeostat` executable.
    ///
    /// - Throws: ``BinaryNotFound`` naming every place it looked.
    static func binary() throws -> URL {
        var candidates: [URL] = []
        for folder in candidateFolders where !candidates.contains(folder.appendingPathComponent("homeostat")) {
            candidates.append(folder.appendingPathComponent("homeostat"))
        }
        for url in candidates {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: url.path) {
                return url
            }
        }
        throw BinaryNotFound(searched: candidates.map(\.path))
    }

    /// The repository root: three levels above this file (`Tests/HomeostatCLITests/CLI.swift`).
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `homeostat arguments…` in `directory` (default: the repository root), feeding
    /// `stdin` (default: nothing) and capturing stdout and stderr through files, so a large
    /// output cannot block the child on a full pipe.
    static func run(_ arguments: [String], stdin: String? = nil, in directory: URL? = nil) throws -> Result {
        let executable = try binary()
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let outURL = scratch.url.appendingPathComponent("stdout")
        let errURL = scratch.url.appendingPathComponent("stderr")
        let inURL = scratch.url.appendingPathComponent("stdin")
        for url in [outURL, errURL] { try Data().write(to: url) }
        try Data((stdin ?? "").utf8).write(to: inURL)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let input = try FileHandle(forReadingFrom: inURL)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? repository
        // No crash backtracer in the child: the `swift-backtrace` helper a crashing Swift
        // program spawns inherits the descriptor Foundation watches to see the child exit,
        // so `waitUntilExit()` would wait for the helper too (seen to hang for minutes). A
        // trap still shows as death by a signal with its message on stderr.
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        process.standardInput = input
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        try input.close()

        return Result(
            arguments: arguments,
            status: process.terminationStatus,
            exited: process.terminationReason == .exit,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

extension CLI {
    /// Starts `homeostat arguments…` in the background (output discarded, no backtracer),
    /// for tests that kill it part-way.
    static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}

/// A fresh folder under the system's temporary directory; `remove()` deletes it.
struct TemporaryDirectory: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("homeostat-cli-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    var path: String { url.path }

    /// The path of `name` inside the folder.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` to `name` inside the folder and returns the file's path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Expects `result` to be a clean exit with `status`: a rendered message, never a trap.
func expectExit(_ result: CLI.Result, _ status: Int32, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(result.exited, "died from a signal: \(result)", sourceLocation: sourceLocation)
    #expect(result.status == status, "\(result)", sourceLocation: sourceLocation)
    #expect(!result.looksLikeACrash, "\(result)", sourceLocation: sourceLocation)
}
