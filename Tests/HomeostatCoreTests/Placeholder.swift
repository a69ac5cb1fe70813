import Testing

@Test func HomeostatCoreLinks() { #expect(true) }
