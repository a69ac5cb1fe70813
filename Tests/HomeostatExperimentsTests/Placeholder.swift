import Testing

@Test func HomeostatExperimentsLinks() { #expect(true) }
