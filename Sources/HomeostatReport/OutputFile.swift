#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written through a 64 KiB buffer, as a text stream.
///
/// The text goes to `<path>.partial`, which ``commit()`` renames to `path` once everything is
/// written, so a reader never sees a half-written file under the final name. A write error is
/// kept (a `TextOutputStream` cannot throw) and thrown by ``commit()``; later writes are
/// dropped. Not thread-safe: one owner writes it.
struct OutputFile: TextOutputStream {
    let path: String
    private let partialPath: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var failure: String? = nil
    private static let capacity = 1 << 16

    /// Creates (or truncates) `<path>.partial`.
    init(path: String) throws(ReportError) {
        self.path = path
        self.partialPath = path + ".partial"
        descriptor = open(partialPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0 {
            throw ReportError(.cannotWrite(path: partialPath, reason: Self.errorText()))
        }
        buffer.reserveCapacity(Self.capacity)
    }

    mutating func write(_ string: String) {
        guard failure == nil else { return }
        buffer.append(contentsOf: string.utf8)
        if buffer.count >= Self.capacity { flush() }
    }

    /// Writes out the buffer, closes the file and moves it to its final name.
    mutating func commit() throws(ReportError) {
        flush()
        if close(descriptor) != 0, failure == nil { failure = Self.errorText() }
        descriptor = -1
        if let failure {
            unlink(partialPath)
            throw ReportError(.cannotWrite(path: path, reason: failure))
        }
        if rename(partialPath, path) != 0 {
            let reason = Self.errorText()
            unlink(partialPath)
            throw ReportError(.cannotWrite(path: path, reason: reason))
        }
    }

    /// Closes and removes the partial file without publishing it.
    mutating func discard() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(partialPath)
    }

    private mutating func flush() {
        guard failure == nil, !buffer.isEmpty else {
            buffer.removeAll(keepingCapacity: true)
            return
        }
        let fd = descriptor
        let error: String? = buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = posixWrite(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return Self.errorText()
                }
                offset += n
            }
            return nil
        }
        failure = error
        buffer.removeAll(keepingCapacity: true)
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}

/// `write(2)`, named apart from `TextOutputStream.write(_:)`.
private func posixWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}
