internal import Yams

/// A scenario file whose fields can be set to any point of its parameter space.
///
/// Each point is made by writing the values into the file's parsed tree and decoding the
/// result with the ordinary loader, so every point gets exactly the checks a hand-written
/// file gets; an error a value causes is reported at the `sweep.parameters` entry that
/// produced it. Loading checks every parameter's path and the ends of its range (or each
/// of its values) up front, so a bad space fails before anything runs.
public struct SweepTemplate: @unchecked Sendable {
    // @unchecked: `Node` is an immutable value tree from Yams that does not declare
    // Sendable; the template never mutates it after loading.
    let root: Node
    let file: String
    let baseDirectory: String?
    /// The scenario as written (every parameter at the file's own value).
    public let base: Scenario
    /// The space of the `sweep:` section, nil when the file has none.
    public let space: ParameterSpace?
    /// The `optimize:` section over that space, nil when the file has none.
    public let optimize: OptimizeSpec?
    let parameterMarks: [Mark?]
    /// Decoders of registered modules' sections (every point is decoded with them).
    var sections: [SectionDecoder] = []

    /// Loads a scenario file and its `sweep:` section; `sections` decode registered modules'
    /// sections.
    public static func load(path: String, sections: [SectionDecoder] = []) throws(ScenarioError) -> SweepTemplate {
        switch TextFile.read(path) {
        case .success(let text):
            return try parse(text, file: path, baseDirectory: ScenarioLoader.directory(of: path), sections: sections)
        case .failure(let problem):
            throw ScenarioError(
                code: ScenarioError.Code.file, file: path, line: 1, column: 1, path: "",
                message: "cannot read the scenario file: \(problem)")
        }
    }

    /// Parses scenario text with an optional `sweep:` section.
    public static func parse(
        _ text: String, file: String, baseDirectory: String?, sections: [SectionDecoder] = []
    ) throws(ScenarioError) -> SweepTemplate {
        let composed: Node?
        do {
            composed = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ScenarioLoader.syntaxError(error, file: file)
        } catch {
            throw ScenarioError(
                code: ScenarioError.Code.syntax, file: file, line: 1, column: 1, path: "", message: "cannot parse: \(error)")
        }
        let reader = NodeReader(file: file)
        var root = composed
        var sweepNode: Node?
        var optimizeNode: Node?
        if case .mapping(var m)? = composed, m["sweep"] != nil || m["optimize"] != nil {
            (sweepNode, optimizeNode) = (m["sweep"], m["optimize"])
            (m["sweep"], m["optimize"]) = (nil, nil)
            root = .mapping(m)
        }
        let decoder = ScenarioDecoder(reader: reader, baseDirectory: baseDirectory, sections: sections)
        let base = try decoder.decode(root)
        guard let root else { throw reader.error(ScenarioError.Code.missingField, at: nil, "", "the scenario is empty") }
        var space: ParameterSpace?
        var marks: [Mark?] = []
        if let sweepNode {
            let parsed = try parseSpace(sweepNode, reader: reader)
            space = parsed.space
            marks = parsed.marks
        }
        let optimize = try optimizeNode.map { n throws(ScenarioError) in
            try OptimizeSpecDecoder(reader: reader, base: base).decode(n, space: space)
        }
        let template = SweepTemplate(
            root: root, file: file, baseDirectory: baseDirectory, base: base, space: space, optimize: optimize,
            parameterMarks: marks, sections: sections)
        if let space { try template.checkDomains(space) }
        return template
    }

    /// The scenario with `values[i]` written at `space.parameters[i].path`.
    ///
    /// - Throws: ``ScenarioError`` located at the parameter whose value the file rejects.
    public func scenario(_ values: [SweepValue], of parameters: [SweepParameter]) throws(ScenarioError) -> Scenario {
        precondition(values.count == parameters.count)
        var tree = root
        for (k, parameter) in parameters.enumerated() {
            let mark = k < parameterMarks.count ? parameterMarks[k] : nil
            tree = try Self.set(values[k], at: parameter.path, in: tree, mark: mark, reader: NodeReader(file: file))
        }
        let decoder = ScenarioDecoder(reader: NodeReader(file: file), baseDirectory: baseDirectory, sections: sections)
        return try decoder.decode(tree)
    }

    /// The scenario at a point of the template's own space.
    public func scenario(at values: [SweepValue]) throws(ScenarioError) -> Scenario {
        try scenario(values, of: space?.parameters ?? [])
    }

    /// Decodes the extreme values of every parameter alone, so an out-of-domain range or an
    /// unknown path is reported before anything runs.
    func checkDomains(_ space: ParameterSpace) throws(ScenarioError) {
        let others = space.parameters
        for (k, parameter) in others.enumerated() {
            let probes: [SweepValue]
            switch parameter.domain {
            case .range(let low, let high, _, _): probes = [.number(low), .number(high)]
            case .values(let v): probes = v.map(SweepValue.number)
            case .choices(let c): probes = c.map(SweepValue.word)
            }
            for probe in probes {
                let mark = k < parameterMarks.count ? parameterMarks[k] : nil
                let tree = try Self.set(probe, at: parameter.path, in: root, mark: mark, reader: NodeReader(file: file))
                let decoder = ScenarioDecoder(reader: NodeReader(file: file), baseDirectory: baseDirectory, sections: sections)
                do {
                    _ = try decoder.decode(tree)
                } catch {
                    throw ScenarioError(
                        code: error.code, file: file, line: mark?.line ?? error.line, column: mark?.column ?? error.column,
                        path: "sweep.parameters[\(k)]",
                        message: "sweep.parameters[\(k)] (\(parameter.path) = \(probe)): \(error.message)")
                }
            }
        }
    }

    // MARK: Writing a value into the tree

    static func set(_ value: SweepValue, at path: String, in node: Node, mark: Mark?, reader: NodeReader) throws(ScenarioError) -> Node {
        let segments = try parsePath(path, mark: mark, reader: reader)
        return try set(value, segments[...], in: node, walked: "", mark: mark, reader: reader, fullPath: path)
    }

    enum Segment { case key(String), index(Int) }

    static func parsePath(_ path: String, mark: Mark?, reader: NodeReader) throws(ScenarioError) -> [Segment] {
        var segments: [Segment] = []
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            var name = Substring(part)
            var indices: [Int] = []
            while name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
                guard let i = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]), i >= 0 else { break }
                indices.insert(i, at: 0)
                name = name[..<open]
            }
            guard !name.isEmpty, !name.contains("["), !name.contains("]") else {
                throw badPath(path, "`\(part)` is not a field name", mark: mark, reader: reader)
            }
            segments.append(.key(String(name)))
            segments.append(contentsOf: indices.map(Segment.index))
        }
        return segments
    }

    static func badPath(_ path: String, _ why: String, mark: Mark?, reader: NodeReader) -> ScenarioError {
        ScenarioError(
            code: ScenarioError.Code.unknownField, file: reader.file, line: mark?.line ?? 1, column: mark?.column ?? 1,
            path: "sweep", message: "sweep parameter \(path): \(why)")
    }

    static func set(
        _ value: SweepValue, _ segments: ArraySlice<Segment>, in node: Node, walked: String, mark: Mark?,
        reader: NodeReader, fullPath: String
    ) throws(ScenarioError) -> Node {
        guard let first = segments.first else { return scalar(value, mark: mark) }
        let rest = segments.dropFirst()
        switch (first, node) {
        case (.key(let key), .mapping(var m)):
            let here = walked.isEmpty ? key : walked + "." + key
            if let child = m[key] {
                m[key] = try set(value, rest, in: child, walked: here, mark: mark, reader: reader, fullPath: fullPath)
            } else {
                guard rest.isEmpty else {
                    throw badPath(fullPath, "the scenario has no `\(here)` to vary; write it in the file first", mark: mark, reader: reader)
                }
                // A field left at its default: add it, located at the sweep parameter.
                m[Node.scalar(.init(key, Tag(.str), .plain, mark))] = scalar(value, mark: mark)
            }
            return .mapping(m)
        case (.key(let name), .sequence(var s)):
            // `populations.NAME`: the list item whose `name` is NAME.
            guard let i = s.firstIndex(where: { $0.mapping?["name"]?.string == name }) else {
                let names = s.compactMap { $0.mapping?["name"]?.string }
                throw badPath(fullPath, "no item named `\(name)` in `\(walked)`" + hint(name, names, "names there"), mark: mark, reader: reader)
            }
            s[i] = try set(value, rest, in: s[i], walked: walked + "." + name, mark: mark, reader: reader, fullPath: fullPath)
            return .sequence(s)
        case (.index(let i), .sequence(var s)):
            guard i < s.count else {
                throw badPath(fullPath, "`\(walked)` has \(s.count) items, no [\(i)]", mark: mark, reader: reader)
            }
            s[i] = try set(value, rest, in: s[i], walked: walked + "[\(i)]", mark: mark, reader: reader, fullPath: fullPath)
            return .sequence(s)
        default:
            throw badPath(fullPath, "`\(walked.isEmpty ? "(top)" : walked)` is a single value, not a mapping or list", mark: mark, reader: reader)
        }
    }

    static func scalar(_ value: SweepValue, mark: Mark?) -> Node {
        switch value {
        case .number(let x):
            let integral = x == x.rounded() && abs(x) < 9e15
            let text = integral ? String(Int64(x)) : number(x)
            return .scalar(.init(text, Tag(integral ? .int : .float), .plain, mark))
        case .word(let w):
            return .scalar(.init(w, Tag(.str), .plain, mark))
        }
    }

    // MARK: The sweep section

    static func parseSpace(_ node: Node, reader: NodeReader) throws(ScenarioError) -> (space: ParameterSpace, marks: [Mark?]) {
        let m = try reader.mapping(node, "sweep", allowed: ["design", "points", "parameters"])
        let designText = try m.string("design", default: "lhs")
        guard let design = ParameterSpace.Design(rawValue: designText) else {
            throw reader.error(
                ScenarioError.Code.unknownName, at: m.value("design"), "sweep.design",
                "unknown design `\(designText)`; expected one of grid, random, lhs")
        }
        let points = try m.int("points", default: 16, 1...1_000_000, "an integer in 1...1000000")
        let listNode = try m.required("parameters", expected: "a list of parameters")
        let items = try reader.sequence(listNode, "sweep.parameters", of: "parameters")
        guard !items.isEmpty else {
            throw reader.error(ScenarioError.Code.outOfRange, at: listNode, "sweep.parameters", "the parameter space is empty; list at least one parameter")
        }
        var parameters: [SweepParameter] = []
        var marks: [Mark?] = []
        for (k, item) in items.enumerated() {
            let where_ = "sweep.parameters[\(k)]"
            let p = try reader.mapping(item, where_, allowed: ["path", "range", "steps", "values", "choices"])
            let path = try p.string("path")
            guard !parameters.contains(where: { $0.path == path }) else {
                throw reader.error(ScenarioError.Code.duplicate, at: p.value("path"), where_ + ".path", "`\(path)` is swept twice")
            }
            let kinds = ["range", "values", "choices"].filter { p.has($0) }
            guard kinds.count == 1 else {
                throw reader.error(
                    kinds.isEmpty ? ScenarioError.Code.missingField : ScenarioError.Code.conflict, at: item, where_,
                    "give exactly one of `range: [low, high]`, `values: [...]` or `choices: [...]`")
            }
            let domain: SweepParameter.Domain
            switch kinds[0] {
            case "range":
                let rangeNode = p.value("range")!
                let ends = try reader.sequence(rangeNode, where_ + ".range", of: "two numbers")
                guard ends.count == 2 else {
                    throw reader.error(ScenarioError.Code.wrongType, at: rangeNode, where_ + ".range", "expected [low, high], got \(ends.count) items")
                }
                let low = try reader.double(ends[0], where_ + ".range[0]", .finite)
                let high = try reader.double(ends[1], where_ + ".range[1]", .finite)
                guard low < high else {
                    throw reader.error(ScenarioError.Code.outOfRange, at: rangeNode, where_ + ".range", "low \(number(low)) must be below high \(number(high))")
                }
                let integer = ends.allSatisfy { ($0.string ?? "").allSatisfy { $0.isNumber || $0 == "-" || $0 == "_" } }
                let steps = try p.int("steps", default: 5, 1...100_000, "an integer >= 1")
                domain = .range(low: low, high: high, integer: integer, steps: steps)
            case "values":
                let nodes = try reader.sequence(p.value("values")!, where_ + ".values", of: "numbers")
                guard !nodes.isEmpty else {
                    throw reader.error(ScenarioError.Code.outOfRange, at: p.value("values"), where_ + ".values", "the list of values is empty")
                }
                var values: [Double] = []
                for (i, n) in nodes.enumerated() { values.append(try reader.double(n, where_ + ".values[\(i)]", .finite)) }
                domain = .values(values)
            default:
                let nodes = try reader.sequence(p.value("choices")!, where_ + ".choices", of: "words")
                guard !nodes.isEmpty else {
                    throw reader.error(ScenarioError.Code.outOfRange, at: p.value("choices"), where_ + ".choices", "the list of choices is empty")
                }
                var words: [String] = []
                for (i, n) in nodes.enumerated() { words.append(try reader.string(n, where_ + ".choices[\(i)]", nonEmpty: true)) }
                domain = .choices(words)
            }
            if p.has("steps"), case .range = domain {} else if p.has("steps") {
                throw reader.error(ScenarioError.Code.unknownField, at: p.keyNode("steps"), where_ + ".steps", "`steps` applies to a `range` only")
            }
            parameters.append(SweepParameter(path: path, domain: domain))
            marks.append(item.mark)
        }
        let space = ParameterSpace(parameters: parameters, design: design, points: points)
        try ScenarioLimits.checkGrid(space, node, reader: reader)
        return (space, marks)
    }
}
