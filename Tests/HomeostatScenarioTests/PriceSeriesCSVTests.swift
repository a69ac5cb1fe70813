import Foundation
import HomeostatScenario
import Testing

@Suite struct PriceSeriesCSVTests {
    func error(_ text: String, column: String = "price") -> ScenarioError? {
        do {
            let prices = try PriceSeriesCSV.parse(text, file: "p.csv", column: column)
            Issue.record("expected an error, got \(prices)")
            return nil
        } catch {
            return error
        }
    }

    @Test func readsTheNamedColumnInFileOrder() throws {
        let text = "date,price,volume\n2024-01-03,3,1\n2024-01-01,1.5,2\n2024-01-02,2e0,3\n"
        #expect(try PriceSeriesCSV.parse(text, file: "p.csv", column: "price") == [3, 1.5, 2])
        #expect(try PriceSeriesCSV.parse(text, file: "p.csv", column: "volume") == [1, 2, 3])
    }

    @Test func handlesQuotesCRLFBlankLinesAndBOM() throws {
        let text = "\u{FEFF}\"day\",\"price\"\r\n\"Jan 1, 2024\",\"1.25\"\r\n\r\n\"say \"\"hi\"\"\",2\r\n3,3\n,4\rx,5"
        #expect(try PriceSeriesCSV.parse(text, file: "p.csv", column: "price") == [1.25, 2, 3, 4, 5])
    }

    @Test func singleColumnWithoutTrailingNewline() throws {
        #expect(try PriceSeriesCSV.parse("price\n1\n2", file: "p.csv", column: "price") == [1, 2])
        #expect(try PriceSeriesCSV.parse(" price \n 7 \n", file: "p.csv", column: "price") == [7])
    }

    @Test func missingColumnListsTheColumns() throws {
        let e = try #require(error("date,close\n2024-01-01,1\n"))
        #expect(e.code == "SCN012" && e.line == 1 && e.column == 1)
        #expect(e.description == "p.csv:1:1: error: no column named 'price'; the header has: date, close")
        let near = try #require(error("date,prices\n2024-01-01,1\n"))
        #expect(near.message.contains("did you mean 'prices'?"))
    }

    @Test func badValuesNameTheRow() throws {
        let e = try #require(error("date,price\n2024-01-01,1\n2024-01-02,abc\n"))
        #expect(e.code == "SCN012" && e.line == 3 && e.column == 12 && e.path == "row 2, column 'price'")
        #expect(e.message == "row 2, column 'price': 'abc' is not a number; expected a positive finite price")
        for bad in ["0", "-1", "inf", "nan", "1_000", "0x10", " "] {
            let e = try #require(error("price\n1\n\(bad)\n"), "\(bad)")
            #expect(e.line == 3 && e.message.hasPrefix("row 2, column 'price': "), "\(bad): \(e)")
        }
    }

    @Test func structuralProblems() throws {
        #expect(try #require(error("")).message.contains("empty"))
        #expect(try #require(error("\n\n")).message.contains("empty"))
        let noRows = try #require(error("price\n"))
        #expect(noRows.message.contains("no data rows"))
        let ragged = try #require(error("date,price\n1,2\n3\n"))
        #expect(ragged.line == 3 && ragged.message == "row 2 has 1 field; the header has 2")
        let unclosed = try #require(error("price\n\"1\n"))
        #expect(unclosed.line == 2 && unclosed.column == 1 && unclosed.message.contains("not closed"))
        let stray = try #require(error("price\n\"1\"x\n"))
        #expect(stray.line == 2 && stray.column == 4)
        let inner = try #require(error("price\n1\"2\n"))
        #expect(inner.line == 2 && inner.column == 2)
        let twice = try #require(error("price,price\n1,2\n"))
        #expect(twice.column == 7 && twice.message.contains("two columns"))
    }

    @Test func missingCSVIsReportedAtTheSeriesFileNode() throws {
        let dir = try Fixtures.temporaryDirectory()
        let e = try #require(scenarioError("name: x\nmarket:\n  process: series\n  series: {file: gone.csv}\n", file: "s.yaml", base: dir))
        #expect(e.code == "SCN006" && e.file == "s.yaml" && e.line == 4 && e.column == 18 && e.path == "market.series.file")
        #expect(e.message.contains("'\(dir)/gone.csv': no such file"))
    }

    @Test func csvErrorsNameTheCSVFile() throws {
        let dir = try Fixtures.temporaryDirectory()
        try "price\n1\n0\n".write(toFile: dir + "/p.csv", atomically: true, encoding: .utf8)
        let e = try #require(scenarioError("name: x\nmarket: {process: series, series: {file: p.csv}}\n", base: dir))
        #expect(e.description == "\(dir)/p.csv:3:1: error: row 2, column 'price': 0 is not positive; expected a positive finite price")
    }
}
