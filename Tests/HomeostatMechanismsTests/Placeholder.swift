import Testing

@Test func HomeostatMechanismsLinks() { #expect(true) }
