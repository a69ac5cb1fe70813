import Testing

@Test func HomeostatMarketLinks() { #expect(true) }
