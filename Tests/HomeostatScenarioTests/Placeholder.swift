import Testing

@Test func HomeostatScenarioLinks() { #expect(true) }
