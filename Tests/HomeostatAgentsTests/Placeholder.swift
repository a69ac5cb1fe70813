import Testing

@Test func HomeostatAgentsLinks() { #expect(true) }
