import Testing

@Test func HomeostatReportLinks() { #expect(true) }
