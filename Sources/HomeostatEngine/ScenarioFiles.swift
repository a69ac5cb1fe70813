public import HomeostatScenario

/// Loads scenario files with the sections of a ``ModuleRegistry``: the scenario layer knows
/// no mechanism by name, so every `mechanisms.KEY` section (built-in or a library user's) is
/// read by the decoder its module registered. The CLI, the experiments and the tests load
/// scenarios through here; ``ScenarioLoader`` and ``SweepTemplate`` take the decoders
/// explicitly.
public enum ScenarioFiles {
    /// Loads and validates a scenario file (see ``ScenarioLoader/load(path:sections:)``).
    ///
    /// - Parameters:
    ///   - path: The file; errors name it as given.
    ///   - registry: Whose sections the file may have (the built-in ones and the modules').
    ///   - sections: Further decoders, after the registry's.
    public static func load(path: String, registry: ModuleRegistry = .standard, sections: [SectionDecoder] = []) throws(ScenarioError) -> Scenario {
        try ScenarioLoader.load(path: path, sections: registry.sections + sections)
    }

    /// Parses and validates scenario text (see ``ScenarioLoader/parse(_:file:baseDirectory:sections:)``).
    public static func parse(
        _ text: String, file: String, baseDirectory: String?, registry: ModuleRegistry = .standard, sections: [SectionDecoder] = []
    ) throws(ScenarioError) -> Scenario {
        try ScenarioLoader.parse(text, file: file, baseDirectory: baseDirectory, sections: registry.sections + sections)
    }

    /// Loads a scenario file and its `sweep:`/`optimize:` sections (see ``SweepTemplate/load(path:sections:)``).
    public static func template(path: String, registry: ModuleRegistry = .standard, sections: [SectionDecoder] = []) throws(ScenarioError) -> SweepTemplate {
        try SweepTemplate.load(path: path, sections: registry.sections + sections)
    }

    /// Parses scenario text with its `sweep:`/`optimize:` sections (see ``SweepTemplate/parse(_:file:baseDirectory:sections:)``).
    public static func template(
        _ text: String, file: String, baseDirectory: String?, registry: ModuleRegistry = .standard, sections: [SectionDecoder] = []
    ) throws(ScenarioError) -> SweepTemplate {
        try SweepTemplate.parse(text, file: file, baseDirectory: baseDirectory, sections: registry.sections + sections)
    }
}
