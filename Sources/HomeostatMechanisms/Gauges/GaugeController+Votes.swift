/// The votes cast for one gauge: for each voter, every change in the order it was cast, so
/// the vote in force in any epoch can be looked up (bribes are paid on it).
struct VoteBook: Sendable {
    /// Voters in the order of their first vote for the gauge (a deterministic order to sum in).
    private(set) var voters: [Int] = []
    /// `history[slot[voter]]`: the voter's votes, by increasing ``GaugeVote/effectiveEpoch``.
    private var history: [[GaugeVote]] = []
    private var slot: [Int: Int] = [:]

    init() {}

    func latest(voter: Int) -> GaugeVote? {
        guard let s = slot[voter] else { return nil }
        return history[s].last
    }

    /// Records a vote. A vote that replaces one with the same effective epoch replaces it in
    /// the history too: the replaced one never counted.
    mutating func record(voter: Int, _ vote: GaugeVote) {
        if let s = slot[voter] {
            if let last = history[s].last, last.effectiveEpoch == vote.effectiveEpoch {
                history[s][history[s].count - 1] = vote
            } else {
                history[s].append(vote)
            }
        } else {
            slot[voter] = voters.count
            voters.append(voter)
            history.append([vote])
        }
    }

    /// The vote of `voter` in force in epoch `k` (the last with `effectiveEpoch <= k`).
    func vote(voter: Int, epoch k: Int64) -> GaugeVote? {
        guard let s = slot[voter] else { return nil }
        return Self.inForce(history[s], epoch: k)
    }

    /// `(voter, vote in force in epoch k)` for every voter that has one, in ``voters`` order.
    func votes(epoch k: Int64) -> [(voter: Int, vote: GaugeVote)] {
        var out: [(voter: Int, vote: GaugeVote)] = []
        for (s, voter) in voters.enumerated() {
            if let v = Self.inForce(history[s], epoch: k) { out.append((voter, v)) }
        }
        return out
    }

    /// The latest vote of every voter, in ``voters`` order.
    func latestVotes() -> [(voter: Int, vote: GaugeVote)] {
        voters.enumerated().compactMap { s, voter in history[s].last.map { (voter, $0) } }
    }

    private static func inForce(_ votes: [GaugeVote], epoch k: Int64) -> GaugeVote? {
        // Binary search for the last vote with effectiveEpoch <= k.
        var lo = 0
        var hi = votes.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if votes[mid].effectiveEpoch <= k { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : votes[lo - 1]
    }
}

extension GaugeController {
    /// Basis points `voter` has allocated over all gauges (Curve `vote_user_power`), `0...10000`.
    public func powerUsed(voter: Int) -> Int { powerUsed[voter] }

    /// The latest vote of `voter` for `gauge` (Curve `vote_user_slopes` and
    /// `last_user_vote`), or nil if it never voted for it.
    public func latestVote(voter: Int, gauge: GaugeID) -> GaugeVote? {
        guard gauge.index >= 0 && gauge.index < gaugeCount else { return nil }
        return voteBooks[gauge.index].latest(voter: voter)
    }

    /// The weight of `voter`'s vote for `gauge` in epoch `k`: `σ · max(end − k·E, 0)` for the
    /// vote in force in epoch `k` (cast before `k·E`), 0 if none.
    ///
    /// - Complexity: O(log votes of the voter for the gauge).
    public func voteWeight(voter: Int, gauge: GaugeID, epoch k: Int64) -> Double {
        guard gauge.index >= 0 && gauge.index < gaugeCount else { return 0 }
        return voteBooks[gauge.index].vote(voter: voter, epoch: k)?.weight(at: epochStart(k)) ?? 0
    }

    /// Every positive vote weight for `gauge` in epoch `k`, in the order the voters first voted
    /// for it. Their sum is the gauge's vote weight `W_g(k)` minus its fixed weight.
    ///
    /// - Complexity: O(voters of the gauge · log votes each).
    public func voteWeights(gauge: GaugeID, epoch k: Int64) -> [(voter: Int, weight: Double)] {
        guard gauge.index >= 0 && gauge.index < gaugeCount else { return [] }
        let t = epochStart(k)
        return voteBooks[gauge.index].votes(epoch: k).compactMap { voter, vote in
            let w = vote.weight(at: t)
            return w > 0 ? (voter, w) : nil
        }
    }
}
