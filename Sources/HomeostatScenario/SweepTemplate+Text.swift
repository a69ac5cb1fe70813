internal import Yams

extension SweepTemplate {
    /// The scenario file with `values` written at the space's parameters, as YAML, without
    /// its `sweep:` and `optimize:` sections: a design found by a search, as a file that
    /// `run` and `compare` take. Comments and the original layout are not kept.
    ///
    /// - Throws: ``ScenarioError`` when a value does not fit its field, or the tree cannot
    ///   be written.
    public func text(at values: [SweepValue]) throws(ScenarioError) -> String {
        guard let space else { return "" }
        var tree = root
        for (k, parameter) in space.parameters.enumerated() {
            let mark = k < parameterMarks.count ? parameterMarks[k] : nil
            tree = try Self.set(values[k], at: parameter.path, in: tree, mark: mark, reader: NodeReader(file: file))
        }
        do {
            return try Yams.serialize(node: tree, sortKeys: false)
        } catch {
            throw ScenarioError(
                code: ScenarioError.Code.syntax, file: file, line: 1, column: 1, path: "",
                message: "cannot write the scenario as YAML: \(error)")
        }
    }
}
