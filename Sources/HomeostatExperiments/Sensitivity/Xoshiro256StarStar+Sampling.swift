import HomeostatCore

extension Xoshiro256StarStar {
    /// A uniform integer in `0 ..< bound` (Lemire 2019, multiply-and-reject, so exactly
    /// uniform). Our own, like the other draws, so designs do not move with the stdlib.
    mutating func index(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let n = UInt64(bound)
        let threshold = (0 &- n) % n  // 2^64 mod n
        while true {
            let product = next().multipliedFullWidth(by: n)
            if product.low >= threshold { return Int(product.high) }
        }
    }

    /// A uniformly random permutation of `0 ..< count` (Fisher–Yates).
    mutating func permutation(_ count: Int) -> [Int] {
        var order = Array(0..<count)
        var i = count - 1
        while i > 0 {
            order.swapAt(i, index(below: i + 1))
            i -= 1
        }
        return order
    }
}
