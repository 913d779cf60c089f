import Foundation
import SamtalCore
import Testing
@testable import Transcripts

/// Paths of the copied fixtures in `Resources/` (see Resources/README.md for sources and licences).
enum TestResources {
    static let root: URL = Bundle.module.url(forResource: "Resources", withExtension: nil)!

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    static func path(_ relative: String) -> String { url(relative).path }

    static func files(in folder: String, extension ext: String) -> [URL] {
        let dir = url(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix("." + ext) }.sorted().map { dir.appendingPathComponent($0) }
    }

    static func read(_ relative: String, format: TranscriptFormat? = nil, lenient: Bool = false,
                     diagnostics: DiagnosticSink = IgnoringDiagnostics()) throws -> Transcript {
        try TranscriptIO.read(path: path(relative), format: format,
                              options: ReadOptions(lenient: lenient), diagnostics: diagnostics)
    }

    static func read(text: String, name: String = "test.txt", format: TranscriptFormat? = nil,
                     lenient: Bool = false, diagnostics: DiagnosticSink = IgnoringDiagnostics())
        throws -> Transcript
    {
        try TranscriptIO.read(data: Data(text.utf8), sourceName: name, format: format,
                              options: ReadOptions(lenient: lenient), diagnostics: diagnostics)
    }
}

/// Runs `body`, expecting a `SamtalError` with `code`; returns it.
@discardableResult
func expectSamtalError(_ code: SamtalError.Code, sourceLocation: Testing.SourceLocation = #_sourceLocation,
                       _ body: () throws -> Void) -> SamtalError? {
    do {
        try body()
        Issue.record("expected SamtalError.\(code), got no error", sourceLocation: sourceLocation)
        return nil
    } catch let error as SamtalError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected SamtalError.\(code), got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
