import HomeostatCore
@testable import HomeostatReport
import Testing

/// Names with line breaks went unquoted into `compare.csv` (and `sweep.csv`,
/// `sensitivity.csv`), splitting one row into several (issue #10). Every report CSV now
/// quotes through one RFC 4180 helper.
@Suite struct CSVQuotingTests {
    @Test(arguments: [
        ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
        ("cr\rhere", "\"cr\rhere\""), ("crlf\r\nhere", "\"crlf\r\nhere\""),
    ])
    func fieldQuotesPerRFC4180(_ text: String, _ expected: String) {
        #expect(TimeseriesCSV.field(text) == expected)
    }

    @Test func compareCSVQuotesAMetricNameWithALineBreak() {
        func runs(_ offset: Double) -> [(run: Int, recorder: MetricRecorder)] {
            (1...3).map { run in
                var r = MetricRecorder(names: ["price:pool\r\nB", "plain"], capacity: 1)
                r.record(step: 1, [Double(run) + offset, 1])
                return (run, r)
            }
        }
        let csv = CompareWriter.csv(PairedComparison(nameA: "a", a: runs(0), nameB: "b", b: runs(0.5)))
        // The name is one quoted field, so the next row still starts on a line of its own.
        #expect(csv.contains("\n\"price:pool\r\nB\","), "\(csv)")
        #expect(csv.contains("\nplain,"), "\(csv)")
    }
}
