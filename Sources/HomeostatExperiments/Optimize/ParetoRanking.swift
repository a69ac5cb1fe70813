/// Non-dominated sorting and crowding distance (Deb et al. 2002, NSGA-II), for minimised
/// objective vectors.
public enum ParetoRanking {
    /// Whether `a` dominates `b`: no worse in every objective and better in one.
    public static func dominates(_ a: [Double], _ b: [Double]) -> Bool {
        var better = false
        for (x, y) in zip(a, b) {
            if x > y { return false }
            if x < y { better = true }
        }
        return better
    }

    /// The fronts of `points` (indices): front 0 is non-dominated, front 1 is
    /// non-dominated once front 0 is removed, and so on. Each front lists indices in
    /// increasing order.
    public static func fronts(_ points: [[Double]]) -> [[Int]] {
        let n = points.count
        var dominatedBy = Array(repeating: 0, count: n)
        var dominating = Array(repeating: [Int](), count: n)
        for i in 0..<n {
            for j in 0..<n where i != j {
                if dominates(points[i], points[j]) {
                    dominating[i].append(j)
                } else if dominates(points[j], points[i]) {
                    dominatedBy[i] += 1
                }
            }
        }
        var fronts: [[Int]] = []
        var current = (0..<n).filter { dominatedBy[$0] == 0 }
        while !current.isEmpty {
            fronts.append(current)
            var next: [Int] = []
            for i in current {
                for j in dominating[i] {
                    dominatedBy[j] -= 1
                    if dominatedBy[j] == 0 { next.append(j) }
                }
            }
            current = next.sorted()
        }
        return fronts
    }

    /// The crowding distance of each member of `front` (same order): the sum over
    /// objectives of the normalised gap between its neighbours; the extremes get infinity.
    public static func crowding(_ front: [Int], in points: [[Double]]) -> [Double] {
        guard let objectives = front.first.map({ points[$0].count }) else { return [] }
        var distance = Array(repeating: 0.0, count: front.count)
        for k in 0..<objectives {
            let order = front.indices.sorted { (points[front[$0]][k], $0) < (points[front[$1]][k], $1) }
            let lo = points[front[order.first!]][k], hi = points[front[order.last!]][k]
            distance[order.first!] = .infinity
            distance[order.last!] = .infinity
            guard hi > lo, order.count > 2 else { continue }
            for r in 1..<(order.count - 1) {
                distance[order[r]] += (points[front[order[r + 1]]][k] - points[front[order[r - 1]]][k]) / (hi - lo)
            }
        }
        return distance
    }

    /// `points` ordered best first: by front, then by crowding distance (larger first),
    /// then by index.
    public static func order(_ points: [[Double]]) -> [Int] {
        var result: [Int] = []
        for front in fronts(points) {
            let crowd = crowding(front, in: points)
            result += front.indices.sorted { (-crowd[$0], front[$0]) < (-crowd[$1], front[$1]) }.map { front[$0] }
        }
        return result
    }
}
