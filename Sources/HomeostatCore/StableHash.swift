/// A stable 64-bit fingerprint of text (FNV-1a), for recognising the same scenario and
/// settings again — when resuming a sweep or merging shards. Not a cryptographic hash.
public enum StableHash {
    /// The FNV-1a 64-bit hash of `text`'s UTF-8 bytes, as 16 lowercase hex digits.
    public static func fnv1a64(_ text: String) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
