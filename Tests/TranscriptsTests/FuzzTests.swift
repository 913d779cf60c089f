import Foundation
import SamtalCore
import SamtalTestSupport
import Testing
@testable import Transcripts

/// Deterministic random mutations of the fixtures: byte flips, truncation, duplication,
/// deletion and insertion of separators the readers care about.
enum Mutator {
    static let separators: [[UInt8]] = [
        "-->", "\n", "\r\n", "\r", "\n\n", ",", ";", "\t", "\"", "\"\"", ":", "<", ">", "&", "&#x",
        "{", "}", "[", "]", "WEBVTT", "\0", "<v ", "</v>", "00:00:00.000 --> ", "99:99", "1e999",
        "-1", "SPEAKER x 1 ", "ooTextFile", "<ANNOTATION_DOCUMENT>", "\\u", "\\", "NOTE", "STYLE",
        "<exists>", " = ", "0,5", "\u{FEFF}", "é", "🙂",
    ].map { Array($0.utf8) } + [[0xFF], [0xFE, 0xFF], [0xC3], [0x80], [0x00, 0x00, 0xFE, 0xFF]]

    static func mutate(_ input: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var data = input
        let count = 1 + Int(rng.next() % 3)
        for _ in 0..<count {
            let pos = data.isEmpty ? 0 : Int(rng.next() % UInt64(data.count + 1))
            switch rng.next() % 6 {
            case 0 where !data.isEmpty:  // flip a bit
                let i = min(pos, data.count - 1)
                data[i] ^= UInt8(1 << (rng.next() % 8))
            case 1:  // truncate
                data = Array(data.prefix(pos))
            case 2 where !data.isEmpty:  // duplicate a slice
                let start = Int(rng.next() % UInt64(data.count))
                let length = min(data.count - start, 1 + Int(rng.next() % 64))
                data.insert(contentsOf: data[start..<start + length], at: pos)
            case 3 where !data.isEmpty:  // delete a slice
                let start = Int(rng.next() % UInt64(data.count))
                let length = min(data.count - start, 1 + Int(rng.next() % 16))
                data.removeSubrange(start..<start + length)
            default:  // insert a separator
                data.insert(contentsOf: separators[Int(rng.next() % UInt64(separators.count))], at: pos)
            }
        }
        return data
    }
}

/// What the property checks for one input: readers return or throw a `SamtalError`, never trap
/// or throw anything else; what they return can be written in every format (or refused with a
/// `SamtalError`); samtal JSON reads back to the very same transcript.
struct FuzzOutcome {
    var parsed = 0
    var failed = 0
    var signature: Set<String> = []
}

enum FuzzProperty {
    static func check(_ data: [UInt8], name: String, formats: [TranscriptFormat?]) -> FuzzOutcome {
        var outcome = FuzzOutcome()
        for format in formats {
            for lenient in [false, true] {
                let sink = DiagnosticCollector()
                do {
                    let t = try TranscriptIO.read(data: Data(data), sourceName: name, format: format,
                                                  options: ReadOptions(lenient: lenient), diagnostics: sink)
                    outcome.parsed += 1
                    outcome.signature.insert("\(t.format):ok:\(Set(sink.diagnostics.map(\.code)).sorted())")
                    writeAll(t, name: name)
                } catch let error as SamtalError {
                    outcome.failed += 1
                    outcome.signature.insert("\(format?.rawValue ?? "auto"):\(error.code)")
                } catch {
                    Issue.record("\(name) (\(format?.rawValue ?? "auto"), lenient \(lenient)) threw a non-samtal error: \(error)")
                }
            }
        }
        return outcome
    }

    static func writeAll(_ t: Transcript, name: String) {
        for format in TranscriptFormat.writable {
            do {
                let text = try TranscriptIO.write(t, format: format)
                if format == .json {
                    let back = try TranscriptIO.read(data: Data(text.utf8), sourceName: name + ".json",
                                                     format: .json, diagnostics: IgnoringDiagnostics())
                    #expect(back == t, "JSON round trip of \(name)")
                }
            } catch let error as SamtalError {
                #expect(error.code == .invalidArgument, "writing \(format) from \(name): \(error)")
            } catch {
                Issue.record("writing \(format) from \(name) threw a non-samtal error: \(error)")
            }
        }
    }
}

@Suite("Fuzzing readers")
struct FuzzTests {
    static let folders = ["w3c", "mozilla", "webvtt-py", "synthetic", "speach", "textgrid", "praatio",
                          "dscore", "pyannote-sample"]

    /// Mutations per fixture; `SAMTAL_FUZZ_MUTATIONS` raises it for a long run.
    static var mutations: Int {
        ProcessInfo.processInfo.environment["SAMTAL_FUZZ_MUTATIONS"].flatMap(Int.init) ?? 4
    }

    static func fixtures(_ folder: String) -> [URL] {
        let root = TestResources.url(folder)
        let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var out: [URL] = []
        while let url = e?.nextObject() as? URL {
            let name = url.lastPathComponent
            if name.hasPrefix("LICENSE") || name.hasSuffix(".md") { continue }
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { out.append(url) }
        }
        return out.sorted { $0.path < $1.path }
    }

    @Test(arguments: folders)
    func mutatedFixturesNeverCrashAReader(_ folder: String) throws {
        let files = Self.fixtures(folder)
        #expect(!files.isEmpty)
        var total = FuzzOutcome()
        var inputs = 0
        let corpusOut = ProcessInfo.processInfo.environment["SAMTAL_FUZZ_CORPUS_OUT"]
        for (n, file) in files.enumerated() {
            let original = [UInt8](try Data(contentsOf: file))
            let detected = TranscriptIO.detect(data: Data(original), fileName: file.lastPathComponent)
            var rng = SplitMix64(seed: UInt64(n + 1) &* 0x9E37_79B9 ^ UInt64(folder.utf8.count))
            for m in 0..<Self.mutations {
                let mutated = Mutator.mutate(original, &rng)
                inputs += 1
                let outcome = FuzzProperty.check(mutated, name: file.lastPathComponent,
                                                 formats: [nil, detected])
                total.parsed += outcome.parsed
                total.failed += outcome.failed
                let new = outcome.signature.subtracting(total.signature)
                total.signature.formUnion(outcome.signature)
                if let corpusOut, !new.isEmpty {
                    let out = URL(fileURLWithPath: corpusOut)
                        .appendingPathComponent("\(folder)-\(file.deletingPathExtension().lastPathComponent)-\(m).\(file.pathExtension)")
                    try Data(mutated).write(to: out)
                }
            }
        }
        print("fuzz \(folder): \(inputs) mutated inputs × 4 reads: \(total.parsed) read, \(total.failed) rejected with SamtalError, \(total.signature.count) distinct outcomes")
    }

    @Test func corpusNeverCrashesAReader() throws {
        let corpus = TestResources.url("fuzz-corpus")
        let files = (try? FileManager.default.contentsOfDirectory(at: corpus, includingPropertiesForKeys: nil)) ?? []
        #expect(files.count >= 50)
        for file in files {
            let data = [UInt8](try Data(contentsOf: file))
            _ = FuzzProperty.check(data, name: file.lastPathComponent,
                                   formats: [nil] + TranscriptFormat.allCases.map { $0 })
        }
    }
}
