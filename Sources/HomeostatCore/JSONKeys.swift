/// Finds keys written twice in one JSON object, which `JSONSerialization` accepts silently
/// (the last one wins).
public enum JSONKeys {
    /// The first key that appears twice in the same object of `json` (UTF-8), or nil.
    ///
    /// The text is expected to be valid JSON already (it is parsed first); this only walks
    /// its strings and brackets. Keys compare after decoding their escapes, so `"a"` and
    /// `"\u0061"` are the same key.
    public static func firstDuplicate(in json: [UInt8]) -> String? {
        // One set of keys per open container; arrays get nil (their strings are values).
        var stack: [Set<String>?] = []
        var expectingKey = false
        var i = 0
        while i < json.count {
            let byte = json[i]
            switch byte {
            case UInt8(ascii: "{"):
                stack.append([])
                expectingKey = true
                i += 1
            case UInt8(ascii: "["):
                stack.append(nil)
                expectingKey = false
                i += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if !stack.isEmpty { stack.removeLast() }
                expectingKey = false
                i += 1
            case UInt8(ascii: ","):
                expectingKey = stack.last.map { $0 != nil } ?? false
                i += 1
            case UInt8(ascii: "\""):
                let (text, next) = string(json, from: i)
                if expectingKey, var keys = stack.last ?? nil {
                    if keys.contains(text) { return text }
                    keys.insert(text)
                    stack[stack.count - 1] = keys
                }
                expectingKey = false
                i = next
            default:
                i += 1
            }
        }
        return nil
    }

    /// The decoded string starting at the quote at `start`, and the index after its closing quote.
    private static func string(_ json: [UInt8], from start: Int) -> (String, Int) {
        var scalars = String.UnicodeScalarView()
        var bytes: [UInt8] = []
        var i = start + 1
        func flush() {
            scalars.append(contentsOf: String(decoding: bytes, as: UTF8.self).unicodeScalars)
            bytes.removeAll()
        }
        while i < json.count, json[i] != UInt8(ascii: "\"") {
            if json[i] == UInt8(ascii: "\\"), i + 1 < json.count {
                flush()
                let escape = json[i + 1]
                i += 2
                switch escape {
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "u"):
                    let end = min(i + 4, json.count)
                    let hex = String(decoding: json[i..<end], as: UTF8.self)
                    i = end
                    var code = UInt32(hex, radix: 16) ?? 0xFFFD
                    // A surrogate pair: \uD83D\uDE00.
                    if (0xD800...0xDBFF).contains(code), i + 5 < json.count, json[i] == UInt8(ascii: "\\"), json[i + 1] == UInt8(ascii: "u"),
                       let low = UInt32(String(decoding: json[(i + 2)..<(i + 6)], as: UTF8.self), radix: 16), (0xDC00...0xDFFF).contains(low) {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                    scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                default: scalars.append(Unicode.Scalar(escape))
                }
            } else {
                bytes.append(json[i])
                i += 1
            }
        }
        flush()
        return (String(scalars), i + 1)
    }
}
