/// The mechanisms a replay script can drive (`homeostat replay KIND SCRIPT`).
public enum ReplayKind: String, Sendable, CaseIterable {
    /// Curve `VotingEscrow`, with Curve's constants: Unix seconds, WEEK rounding, MAXTIME
    /// four years (`VoteEscrow.Parameters.curve`).
    case voteEscrow = "vote-escrow"
    /// Curve StableSwap, stableswap-ng plain pool (``StableSwapPool``).
    case stableswap = "stableswap"
    /// Uniswap v2 pair (``ConstantProductPool``).
    case constantProduct = "constant-product"
    /// Uniswap v3 pool (``ConcentratedLiquidityPool``); format in `docs/replay-concentrated.md`.
    case concentrated = "concentrated"
    /// A Morpho Blue isolated market with the AdaptiveCurveIrm or the FixedRateIrm
    /// (``MorphoBlueMarket``), exact on integers; format in `docs/replay-lending.md`.
    case lending = "lending"
}

/// Runs a replay script and returns its output lines (JSON Lines, no newlines), as
/// `spec/replay.md` specifies for `kind`.
///
/// A pure function of its arguments: the command line only reads the script (a file,
/// or standard input for `-`) and writes the lines to standard output.
///
/// - Parameters:
///   - kind: the mechanism to drive.
///   - script: the whole text of the script.
///   - scriptName: the name used in error messages (the path, or `-`).
/// - Returns: one line per output record: for vote-escrow, each query and each rejected
///   operation; for the pools, one line per operation.
/// - Throws: ``ReplayScriptError`` for a malformed script, naming the line.
/// - Complexity: O(operations × accounts) plus the escrow's checkpoint walks.
public func runReplay(_ kind: ReplayKind, script: String, scriptName: String) throws(ReplayScriptError) -> [String] {
    var lines: [String] = []
    try runReplay(kind, script: script, scriptName: scriptName) { lines.append($0) }
    return lines
}

/// Runs a replay script, handing each output line to `output` as soon as it is computed.
///
/// The whole script is read and checked before the first operation runs, so a script error
/// is thrown before `output` is ever called: a replay prints all of its output or none.
/// A typical command-line wrapper:
///
/// ```swift
/// do {
///     try runReplay(kind, script: text, scriptName: path) { print($0) }
/// } catch {
///     FileHandle.standardError.write(Data("\(error)\n".utf8))
///     exit(64)
/// }
/// ```
///
/// - Parameters:
///   - kind: the mechanism to drive.
///   - script: the whole text of the script.
///   - scriptName: the name used in error messages (the path, or `-`).
///   - output: called once per output line, in order; a line has no trailing newline.
/// - Throws: ``ReplayScriptError`` for a malformed script, before any output.
public func runReplay(
    _ kind: ReplayKind, script: String, scriptName: String, output: (String) -> Void
) throws(ReplayScriptError) {
    switch kind {
    case .voteEscrow:
        let replay = try VoteEscrowReplay(script: script, scriptName: scriptName)
        replay.run(output: output)
    case .stableswap:
        try StableSwapReplay(script: script, scriptName: scriptName).run(output: output)
    case .constantProduct:
        try ConstantProductReplay(script: script, scriptName: scriptName).run(output: output)
    case .concentrated:
        try ConcentratedReplay(script: script, scriptName: scriptName).run(output: output)
    case .lending:
        try LendingReplay(script: script, scriptName: scriptName).run(output: output)
    }
}
