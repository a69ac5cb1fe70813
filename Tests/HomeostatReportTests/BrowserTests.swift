import Foundation
import Testing
@testable import HomeostatReport

/// Renders report pages in headless Chromium and checks what a reader would see.
///
/// Needs `chromium` (Debian: `apt-get install -y chromium`) or `chromium-browser` on PATH
/// and `python3` (to decode the screenshot with zlib); without them the tests are skipped
/// with that reason. With `REPORT_SCREENSHOT_DIR=<dir>` set, the page and its screenshot
/// are kept there.
@Suite(.serialized) struct BrowserTests {
    static let chromium = Browser.find(["chromium", "chromium-browser"])
    static let python = Browser.find(["python3"])
    static let available = chromium != nil && python != nil
    static let skipReason: Comment =
        "needs chromium (or chromium-browser) and python3 on PATH; install with `apt-get install -y chromium`"

    @Test(.enabled(if: available, skipReason), .timeLimit(.minutes(3)))
    func runReportRendersWithItsCharts() throws {
        let input = try ReportFixtures.realisticRun()
        let page = try Browser.render(
            HTMLReport.render(input), name: "run-report", chromium: Self.chromium!, python: Self.python!)
        let metrics = input.summary.metrics.count

        // The DOM Chromium built has every chart.
        #expect(occurrences(of: "<svg ", in: page.dom) == 2 * metrics)
        #expect(occurrences(of: "class=\"chart fan\"", in: page.dom) == metrics)
        #expect(occurrences(of: "class=\"chart histogram\"", in: page.dom) == metrics)
        // Issue #11: the page's inline script ran: a data download under every chart, and a
        // line for the values under the pointer beside every chart over time.
        #expect(occurrences(of: ">Download data (CSV)</a>", in: page.dom) == 2 * metrics, "\(page.dom.suffix(2000))")
        #expect(occurrences(of: "class=\"hover\"", in: page.dom) == metrics)

        // The screenshot is not blank: many colours, a good share of non-white pixels…
        let png = page.pixels
        #expect(png.width == 1280 && png.height == 2400)
        #expect(png.distinctColours > 200, "distinct colours: \(png.distinctColours)")
        #expect(png.nonWhiteFraction > 0.15, "non-white fraction: \(png.nonWhiteFraction)")
        // …and the charts were painted: the fan bands' and the header's exact colours cover
        // whole areas, not a few anti-aliased pixels.
        #expect(png.count(Palette.outerBand) > 20_000, "outer band pixels: \(png.count(Palette.outerBand))")
        #expect(png.count(Palette.innerBand) > 20_000, "inner band pixels: \(png.count(Palette.innerBand))")
        #expect(png.count("#0b2545") > 50_000, "header pixels: \(png.count("#0b2545"))")
    }

    @Test(.enabled(if: available, skipReason), .timeLimit(.minutes(3)))
    func sweepCompareAndSensitivityRender() throws {
        let pages: [(String, String, String, Int, String)] = [
            (
                "sweep", HTMLReport.render(ReportFixtures.gridSweep()), "class=\"chart heatmap\"", 2,
                Palette.sequential(1)
            ),
            (
                "compare", HTMLReport.render(ReportFixtures.comparison()), "class=\"chart paired-difference\"", 1,
                Palette.unpaired
            ),
            (
                "sensitivity", HTMLReport.render(ReportFixtures.morrisAndSobol()), "class=\"chart tornado\"", 2,
                Palette.series(1)
            ),
        ]
        for (name, html, marker, expected, colour) in pages {
            let page = try Browser.render(html, name: name, chromium: Self.chromium!, python: Self.python!)
            #expect(occurrences(of: marker, in: page.dom) == expected, "\(name)")
            #expect(page.pixels.distinctColours > 100, "\(name): \(page.pixels.distinctColours) colours")
            #expect(page.pixels.count(colour) > 150, "\(name): \(page.pixels.count(colour)) pixels of \(colour)")
        }
    }
}

/// Headless Chromium and a PNG summary made by python3.
enum Browser {
    struct Pixels {
        let width: Int
        let height: Int
        let nonWhiteFraction: Double
        let distinctColours: Int
        /// Pixel counts of the most frequent colours, `#rrggbb` → count.
        let histogram: [String: Int]

        func count(_ colour: String) -> Int { histogram[colour] ?? 0 }
    }

    struct Page {
        let dom: String
        let pixels: Pixels
    }

    /// The first of `names` found in the directories of `PATH`.
    static func find(_ names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in names {
            for directory in path.split(separator: ":") {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// Writes `html` to a file, screenshots it at 1280 × 2400 and dumps its DOM.
    static func render(_ html: String, name: String, chromium: String, python: String) throws -> Page {
        let keep = ProcessInfo.processInfo.environment["REPORT_SCREENSHOT_DIR"]
        let directory = try keep.map { URL(fileURLWithPath: $0) } ?? temporaryDirectory()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(at: directory) } }
        let htmlURL = directory.appendingPathComponent("\(name).html")
        let pngURL = directory.appendingPathComponent("\(name).png")
        try Data(html.utf8).write(to: htmlURL)
        try? FileManager.default.removeItem(at: pngURL)

        let common = [
            "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars", "--no-first-run",
            "--user-data-dir=\(directory.appendingPathComponent("profile-\(name)").path)",
        ]
        _ = try run(
            chromium, common + ["--screenshot=\(pngURL.path)", "--window-size=1280,2400", htmlURL.absoluteString])
        let dom = try run(chromium, common + ["--dump-dom", htmlURL.absoluteString])
        let summary = try run(python, ["-c", pngSummaryScript, pngURL.path])
        return Page(dom: dom, pixels: try parse(summary))
    }

    /// Runs a program, returns its standard output; throws when it fails or takes over 90 s.
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let errors = FileHandle(forWritingAtPath: "/dev/null")
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read while it runs so a large DOM cannot fill the pipe and stall the process.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let deadline = Date().addingTimeInterval(90)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            throw BrowserError(message: "\(executable) did not finish within 90 s")
        }
        guard process.terminationStatus == 0 else {
            throw BrowserError(
                message: "\(executable) \(arguments.first ?? "") exited with \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    struct BrowserError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    static func parse(_ summary: String) throws -> Pixels {
        var fields: [String: String] = [:]
        var histogram: [String: Int] = [:]
        for line in summary.split(separator: "\n") {
            let parts = line.split(separator: " ").map(String.init)
            guard parts.count == 2 else { continue }
            if parts[0].hasPrefix("#") { histogram[parts[0]] = Int(parts[1]) } else { fields[parts[0]] = parts[1] }
        }
        guard let width = fields["width"].flatMap(Int.init), let height = fields["height"].flatMap(Int.init),
            let nonWhite = fields["nonwhite"].flatMap(Int.init), let distinct = fields["distinct"].flatMap(Int.init)
        else { throw BrowserError(message: "unexpected PNG summary: \(summary)") }
        return Pixels(
            width: width, height: height, nonWhiteFraction: Double(nonWhite) / Double(max(1, width * height)),
            distinctColours: distinct, histogram: histogram)
    }

    /// Decodes an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes) with zlib and
    /// prints its size, the number of non-white pixels, the number of distinct colours and
    /// the 256 most frequent colours with their counts.
    static let pngSummaryScript = #"""
        import sys, zlib, struct, collections
        data = open(sys.argv[1], 'rb').read()
        assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
        pos, idat = 8, []
        while pos < len(data):
            length, kind = struct.unpack('>I4s', data[pos:pos + 8])
            chunk = data[pos + 8:pos + 8 + length]
            pos += 12 + length
            if kind == b'IHDR':
                width, height, depth, ctype, _, _, interlace = struct.unpack('>IIBBBBB', chunk)
            elif kind == b'IDAT':
                idat.append(chunk)
            elif kind == b'IEND':
                break
        assert depth == 8 and ctype in (2, 6) and interlace == 0, 'unsupported PNG %d/%d/%d' % (depth, ctype, interlace)
        bpp = 3 if ctype == 2 else 4
        raw = zlib.decompress(b''.join(idat))
        stride = width * bpp
        prev = bytearray(stride)
        counts = collections.Counter()
        for y in range(height):
            start = y * (stride + 1)
            f = raw[start]
            row = bytearray(raw[start + 1:start + 1 + stride])
            if f == 1:
                for x in range(bpp, stride):
                    row[x] = (row[x] + row[x - bpp]) & 255
            elif f == 2:
                row = bytearray((a + b) & 255 for a, b in zip(row, prev))
            elif f == 3:
                for x in range(stride):
                    left = row[x - bpp] if x >= bpp else 0
                    row[x] = (row[x] + ((left + prev[x]) >> 1)) & 255
            elif f == 4:
                for x in range(stride):
                    a = row[x - bpp] if x >= bpp else 0
                    b = prev[x]
                    c = prev[x - bpp] if x >= bpp else 0
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    row[x] = (row[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            counts.update(bytes(row[i:i + 3]) for i in range(0, stride, bpp))
            prev = row
        white = counts.get(b'\xff\xff\xff', 0)
        print('width', width)
        print('height', height)
        print('nonwhite', width * height - white)
        print('distinct', len(counts))
        for colour, n in counts.most_common(256):
            print('#' + colour.hex(), n)
        """#
}
