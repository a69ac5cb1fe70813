import Foundation
import HomeostatCore
import HomeostatStore
import Testing

@Suite struct MergeTests {
    static let points = 4, runs = 6

    /// Writes shard `shard` of the test sweep to `path`, in a scrambled order, as a worker would.
    func writeShard(_ shard: Shard, to path: String, hash: String = "hash-1", version: String = "1.0.0") throws {
        let store = try ResultStore(path: path)
        let id = try openExperiment(store, shard: shard, hash: hash, version: version)
        let keys = allKeys(points: Self.points, runs: Self.runs).enumerated().filter { shard.owns($0.offset) }.map(\.element)
        var rng = Xoshiro256StarStar(seed: UInt64(shard.index))
        try record(store, id, points: Self.points, keys: keys.shuffled(using: &rng))
    }

    func writeUnsharded(to path: String) throws {
        let store = try ResultStore(path: path)
        try record(store, openExperiment(store), points: Self.points, keys: allKeys(points: Self.points, runs: Self.runs))
    }

    @Test func threeShardsMergeToWhatOneUnshardedStoreHolds() throws {
        try withTemporaryDirectory { dir in
            try writeUnsharded(to: dir + "/whole.sqlite")
            let shards = try (1...3).map { i in
                let path = dir + "/shard\(i).sqlite"
                try writeShard(Shard(index: i, count: 3), to: path)
                return path
            }
            let out = dir + "/merged.sqlite"
            let summary = try ResultStore.merge(into: out, shards: shards.reversed(), command: "homeostat sweep test.yaml")
            #expect(summary.missingShards.isEmpty && summary.points == Self.points)
            #expect(summary.runsAdded == Self.points * Self.runs && summary.runsAlreadyPresent == 0)
            #expect(summary.shards.map(\.description) == ["1/3", "2/3", "3/3"])
            let whole = try canonicalDump(dir + "/whole.sqlite")
            #expect(try canonicalDump(out) == whole)
            #expect(whole.count > Self.points * Self.runs * 10)  // the dump does see the runs' content

            // The merged experiment is the one an unsharded resume finds: nothing left to do.
            let merged = try ResultStore(path: out)
            let id = try openExperiment(merged)
            #expect(try merged.finishedRuns(experiment: id) == Set(allKeys(points: Self.points, runs: Self.runs)))

            // Merging the same shards again changes nothing.
            let again = try ResultStore.merge(into: out, shards: shards, command: "ignored: the experiment exists")
            #expect(again.runsAdded == 0 && again.runsAlreadyPresent == Self.points * Self.runs)
            #expect(try canonicalDump(out) == whole)
        }
    }

    @Test func shardsMayBeMergedInInstalments() throws {
        try withTemporaryDirectory { dir in
            try writeUnsharded(to: dir + "/whole.sqlite")
            for i in 1...3 { try writeShard(Shard(index: i, count: 3), to: dir + "/shard\(i).sqlite") }
            let out = dir + "/merged.sqlite"
            let first = try ResultStore.merge(into: out, shards: [dir + "/shard1.sqlite", dir + "/shard3.sqlite"])
            #expect(first.missingShards == [2])
            let store = try ResultStore(path: out)
            #expect(try store.experiments().first?.command
                == "homeostat sweep test.yaml --shard 1/3\nhomeostat sweep test.yaml --shard 3/3")
            try ResultStore.merge(into: out, shards: [dir + "/shard2.sqlite"])
            #expect(try canonicalDump(out).filter { !$0.hasPrefix("experiments:") }
                == canonicalDump(dir + "/whole.sqlite").filter { !$0.hasPrefix("experiments:") })
        }
    }

    @Test(arguments: [("scenario hash", "hash-2", "1.0.0"), ("program version", "hash-1", "1.1.0")])
    func refusesAShardOfAnotherScenarioOrVersion(field: String, hash: String, version: String) throws {
        try withTemporaryDirectory { dir in
            try writeShard(Shard(index: 1, count: 2), to: dir + "/a.sqlite")
            try writeShard(Shard(index: 2, count: 2), to: dir + "/b.sqlite", hash: hash, version: version)
            let out = dir + "/merged.sqlite"
            let e = try #require(throws: StoreError.self) { try ResultStore.merge(into: out, shards: [dir + "/a.sqlite", dir + "/b.sqlite"]) }
            #expect(e.code == "STO003")
            #expect(e.path == dir + "/b.sqlite")
            #expect(e.description.contains(field) && e.description.contains(hash == "hash-1" ? "1.1.0" : "hash-2"))
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }

    @Test func refusesBadShardSets() throws {
        try withTemporaryDirectory { dir in
            try writeShard(Shard(index: 1, count: 2), to: dir + "/a.sqlite")
            try writeShard(Shard(index: 1, count: 3), to: dir + "/c.sqlite")
            let out = dir + "/merged.sqlite"
            func code(_ shards: [String]) throws -> String {
                try #require(throws: StoreError.self) { try ResultStore.merge(into: out, shards: shards) }.code
            }
            #expect(try code([dir + "/a.sqlite", dir + "/c.sqlite"]) == "STO003")  // shard count
            #expect(try code([dir + "/a.sqlite", dir + "/a.sqlite"]) == "STO007")  // same shard twice
            #expect(try code([dir + "/a.sqlite", dir + "/missing.sqlite"]) == "STO008")
            #expect(try code([]) == "STO007")
            let e = try #require(throws: StoreError.self) { try ResultStore.merge(into: dir + "/./a.sqlite", shards: [dir + "/a.sqlite"]) }
            #expect(e.code == "STO007")
            // A store with two experiments is not a shard.
            let two = try ResultStore(path: dir + "/two.sqlite")
            _ = try openExperiment(two)
            _ = try openExperiment(two, version: "2")
            #expect(try code([dir + "/two.sqlite"]) == "STO008")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }

    @Test func refusesRunsThatDisagreeAndWritesNothing() throws {
        try withTemporaryDirectory { dir in
            try writeShard(Shard(index: 1, count: 2), to: dir + "/a.sqlite")
            try writeShard(Shard(index: 2, count: 2), to: dir + "/b.sqlite")
            // The output already holds one of shard 2's runs with another result.
            let out = dir + "/merged.sqlite"
            let store = try ResultStore(path: out)
            let id = try openExperiment(store)
            try record(store, id, points: Self.points, keys: [])
            var other = sampleRun(id, point: 0, run: 2)
            other.finals[0].value += 1
            try store.recordRun(other)
            let before = try canonicalDump(out)
            let e = try #require(throws: StoreError.self) {
                try ResultStore.merge(into: out, shards: [dir + "/a.sqlite", dir + "/b.sqlite"])
            }
            #expect(e.code == "STO005" && e.description.contains("point 0 run 2"))
            #expect(try canonicalDump(out) == before)
        }
    }
}
