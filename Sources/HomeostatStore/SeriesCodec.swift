/// Lossless compression of per-step series (`docs/store.md`, "Series encoding").
///
/// - Values (`xor1`): one column of Doubles in the XOR scheme of Facebook's Gorilla paper
///   (Pelkonen et al., VLDB 2015, §4.1.2): the first value's 64 bits, then for each value the
///   XOR with its predecessor — a `0` bit when equal; else `1`, then `0` and the meaningful
///   bits if they fit the previous leading/trailing-zero window, or `1`, 6 bits of leading
///   zeros, 6 bits of (meaningful length − 1) and the meaningful bits. Bits are written most
///   significant first; the last byte is padded with zeros. Slowly moving and constant series
///   shrink most; white noise barely shrinks.
/// - Steps (`zigzag-varint-delta`): each step minus the previous one (the first minus 0),
///   zig-zag mapped to unsigned and written as a LEB128 varint: one byte per row for daily
///   steps.
///
/// Decoding needs the row count, which the store keeps beside the data.
enum SeriesCodec {
    static let valuesEncoding = "xor1"
    static let stepsEncoding = "zigzag-varint-delta"

    struct Corrupt: Error { let message: String }

    // MARK: values

    static func encode(_ values: [Double]) -> [UInt8] {
        var w = BitWriter()
        guard let first = values.first else { return [] }
        var prev = first.bitPattern
        w.write(prev, bits: 64)
        var leading = -1, trailing = 0  // the current window; none yet
        for v in values.dropFirst() {
            let bits = v.bitPattern
            let x = bits ^ prev
            prev = bits
            if x == 0 {
                w.write(0, bits: 1)
                continue
            }
            w.write(1, bits: 1)
            let lz = x.leadingZeroBitCount, tz = x.trailingZeroBitCount
            if leading >= 0, lz >= leading, tz >= trailing {
                w.write(0, bits: 1)
                w.write(x >> UInt64(trailing), bits: 64 - leading - trailing)
            } else {
                let length = 64 - lz - tz  // 1...64
                w.write(1, bits: 1)
                w.write(UInt64(lz), bits: 6)
                w.write(UInt64(length - 1), bits: 6)
                w.write(x >> UInt64(tz), bits: length)
                leading = lz
                trailing = tz
            }
        }
        return w.finish()
    }

    static func decode(_ bytes: [UInt8], count: Int) throws(Corrupt) -> [Double] {
        guard count > 0 else {
            guard bytes.isEmpty else { throw Corrupt(message: "\(bytes.count) bytes for 0 values") }
            return []
        }
        var r = BitReader(bytes)
        var out: [Double] = []
        out.reserveCapacity(count)
        var prev = try r.read(64)
        out.append(Double(bitPattern: prev))
        var leading = -1, trailing = 0
        while out.count < count {
            if try r.read(1) == 1 {
                if try r.read(1) == 1 {
                    leading = Int(try r.read(6))
                    let length = Int(try r.read(6)) + 1
                    trailing = 64 - leading - length
                    guard trailing >= 0 else { throw Corrupt(message: "window of \(leading)+\(length) bits") }
                } else if leading < 0 {
                    throw Corrupt(message: "reuse of a window before any was set")
                }
                let x = try r.read(64 - leading - trailing) << UInt64(trailing)
                prev ^= x
            }
            out.append(Double(bitPattern: prev))
        }
        guard r.onlyPaddingLeft else { throw Corrupt(message: "data left after \(count) values") }
        return out
    }

    // MARK: steps

    static func encode(steps: [Int32]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(steps.count)
        var prev: Int64 = 0
        for s in steps {
            let d = Int64(s) - prev
            prev = Int64(s)
            var z = UInt64(bitPattern: (d << 1) ^ (d >> 63))
            while z >= 0x80 {
                out.append(UInt8(truncatingIfNeeded: z) | 0x80)
                z >>= 7
            }
            out.append(UInt8(z))
        }
        return out
    }

    static func decode(steps bytes: [UInt8], count: Int) throws(Corrupt) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(count)
        var i = 0
        var prev: Int64 = 0
        while out.count < count {
            var z: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard i < bytes.count, shift < 64 else { throw Corrupt(message: "steps end after \(out.count) of \(count)") }
                let b = bytes[i]
                i += 1
                z |= UInt64(b & 0x7F) << shift
                shift += 7
                if b < 0x80 { break }
            }
            let d = Int64(bitPattern: z >> 1) ^ -Int64(bitPattern: z & 1)
            prev += d
            guard let s = Int32(exactly: prev) else { throw Corrupt(message: "step \(prev) out of range") }
            out.append(s)
        }
        guard i == bytes.count else { throw Corrupt(message: "data left after \(count) steps") }
        return out
    }
}

/// Appends bit fields, most significant bit first.
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private var acc: UInt64 = 0  // pending bits, right-aligned
    private var pending = 0  // 0..<8

    /// Writes the low `bits` bits of `value` (`bits` in 0...64).
    mutating func write(_ value: UInt64, bits: Int) {
        var remaining = bits
        while remaining > 0 {
            let take = min(8 - pending, remaining)
            let chunk = (value >> UInt64(remaining - take)) & ((1 << UInt64(take)) - 1)
            acc = (acc << UInt64(take)) | chunk
            pending += take
            remaining -= take
            if pending == 8 {
                bytes.append(UInt8(truncatingIfNeeded: acc))
                acc = 0
                pending = 0
            }
        }
    }

    /// The bytes, the last one padded with zero bits.
    mutating func finish() -> [UInt8] {
        if pending > 0 {
            bytes.append(UInt8(truncatingIfNeeded: acc << UInt64(8 - pending)))
            acc = 0
            pending = 0
        }
        return bytes
    }
}

/// Reads bit fields written by ``BitWriter``.
struct BitReader {
    private let bytes: [UInt8]
    private var bit = 0  // absolute bit position

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Reads `bits` bits (0...64) as an unsigned number.
    mutating func read(_ bits: Int) throws(SeriesCodec.Corrupt) -> UInt64 {
        guard bit + bits <= bytes.count * 8 else { throw SeriesCodec.Corrupt(message: "data ends early") }
        var v: UInt64 = 0
        var remaining = bits
        while remaining > 0 {
            let offset = bit & 7
            let take = min(8 - offset, remaining)
            let byte = UInt64(bytes[bit >> 3])
            let chunk = (byte >> UInt64(8 - offset - take)) & ((1 << UInt64(take)) - 1)
            v = (v << UInt64(take)) | chunk
            bit += take
            remaining -= take
        }
        return v
    }

    /// Whether what is left is the zero padding of the last byte.
    var onlyPaddingLeft: Bool {
        let left = bytes.count * 8 - bit
        guard left < 8 else { return false }
        guard left > 0 else { return true }
        return bytes[bytes.count - 1] & UInt8((1 << left) - 1) == 0
    }
}
