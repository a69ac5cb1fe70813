import Testing

@Test func HomeostatCLILinks() { #expect(true) }
