/// Sorting of non-negative Doubles by their bit patterns, in O(n).
///
/// For non-negative IEEE 754 doubles (zeros, subnormals and normals; no NaN) the unsigned
/// bit pattern orders exactly as the number does, so a least-significant-digit radix sort
/// on the 64-bit patterns (six passes of 11 bits, skipping a pass whose digit never varies) sorts the values. It is several times
/// faster than a comparison sort for the per-day concentration metrics over tens of
/// thousands of agents.
public enum RadixSort {
    /// Sorts `values` ascending, using `scratch` as working memory (resized as needed, so
    /// repeated calls with the same scratch do not allocate).
    ///
    /// - Precondition: every value is `>= 0` (`-0.0` is treated as `0`) and not NaN.
    public static func sortNonNegative(_ values: inout [Double], scratch: inout [UInt64]) {
        let n = values.count
        guard n > 1 else { return }
        if scratch.count < 2 * n { scratch = [UInt64](repeating: 0, count: 2 * n) }
        var counts = [Int](repeating: 0, count: 1 << 11)
        scratch.withUnsafeMutableBufferPointer { buffer in
            let keys = UnsafeMutableBufferPointer(rebasing: buffer[0..<n])
            let other = UnsafeMutableBufferPointer(rebasing: buffer[n..<(2 * n)])
            values.withUnsafeBufferPointer { v in
                for i in 0..<n {
                    precondition(!(v[i] < 0) && !v[i].isNaN, "RadixSort.sortNonNegative needs values >= 0")
                    keys[i] = v[i] == 0 ? 0 : v[i].bitPattern
                }
            }
            var source = keys
            var target = other
            counts.withUnsafeMutableBufferPointer { count in
                for shift in stride(from: 0, to: 64, by: 11) {
                    for d in 0..<count.count { count[d] = 0 }
                    for i in 0..<n { count[Int((source[i] >> UInt64(shift)) & 0x7FF)] += 1 }
                    // Skip a pass whose digit is the same for every key.
                    if count[Int((source[0] >> UInt64(shift)) & 0x7FF)] == n { continue }
                    var total = 0
                    for d in 0..<count.count {
                        let c = count[d]
                        count[d] = total
                        total += c
                    }
                    for i in 0..<n {
                        let d = Int((source[i] >> UInt64(shift)) & 0x7FF)
                        target[count[d]] = source[i]
                        count[d] += 1
                    }
                    swap(&source, &target)
                }
            }
            values.withUnsafeMutableBufferPointer { v in
                for i in 0..<n { v[i] = Double(bitPattern: source[i]) }
            }
        }
    }
}
