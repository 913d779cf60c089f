import Foundation
import SamtalCore
import SamtalTestSupport
import Testing
@testable import Summaries

/// Renders report.html in headless Chromium (Debian `chromium`), as a phone would show it.
@Suite struct ReportRenderingTests {
    static let chromium: URL? = ["/usr/bin/chromium", "/usr/bin/chromium-browser",
                                 "/usr/bin/google-chrome"]
        .map(URL.init(fileURLWithPath:))
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }

    /// Chromium's flags for a sandbox-less, GPU-less container (as root it needs --no-sandbox).
    static func arguments(_ extra: [String]) -> [String] {
        ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
         "--disable-extensions", "--disable-dev-shm-usage"] + extra
    }

    /// Width and height from a PNG's IHDR chunk (bytes 16…23, big-endian).
    static func pngSize(_ data: Data) -> (Int, Int)? {
        let bytes = [UInt8](data)
        guard bytes.count > 24, bytes[0...7] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
              String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR" else { return nil }
        func be(_ i: Int) -> Int { bytes[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (be(16), be(20))
    }

    @Test(.enabled(if: chromium != nil, "chromium is not installed (apt-get install chromium); report rendering not checked"))
    func reportRendersOnAPhoneSizedScreen() throws {
        let dir = try Fixtures.temporaryDirectory()
        let input = RendererTests.hostileInput()
        let html = try Summarizer().summarize(input, diagnostics: IgnoringDiagnostics()).html()
        let page = dir.appendingPathComponent("report.html")
        try AtomicFile.write(html, to: page.path)
        let png = dir.appendingPathComponent("report.png")
        let profile = dir.appendingPathComponent("profile").path
        let shot = try Run.process(Self.chromium!, Self.arguments(
            ["--user-data-dir=\(profile)", "--screenshot=\(png.path)", "--window-size=412,1600",
             page.absoluteString]))
        #expect(shot.status == 0, "\(shot.stderr)")
        let data = try Data(contentsOf: png)
        #expect(data.count > 20_000, "screenshot suspiciously small: \(data.count) bytes")
        let size = try #require(Self.pngSize(data))
        #expect(size == (412, 1600))

        let dom = try Run.process(Self.chromium!, Self.arguments(
            ["--user-data-dir=\(profile)", "--dump-dom", page.absoluteString]))
        #expect(dom.status == 0)
        #expect(dom.stdout.contains("<h2>Fördjupning om känslor</h2>"))
        #expect(dom.stdout.contains("Tre talare delar på ordet."))
        // The hostile cue stayed text: no script element and no injected image made it into the DOM.
        #expect(dom.stdout.contains("&lt;script&gt;alert"))
        #expect(!dom.stdout.contains("<script"))
        #expect(!dom.stdout.contains("<img"))
        #expect(dom.stdout.components(separatedBy: "<svg").count - 1 == 4)
    }
}
