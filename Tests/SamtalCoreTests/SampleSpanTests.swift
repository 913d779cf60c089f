import Foundation
import SamtalCore
import Testing

@Suite struct SampleSpanTests {
    @Test func overlapIsSharedSampleCount() {
        let a = SampleSpan(start: 0, end: 100)
        #expect(a.overlap(with: SampleSpan(start: 50, end: 150)) == 50)
        #expect(a.overlap(with: SampleSpan(start: 100, end: 150)) == 0)
        #expect(a.overlap(with: SampleSpan(start: 10, end: 20)) == 10)
    }

    @Test func negativeSpanIsClampedToEmpty() {
        let s = SampleSpan(start: 10, end: 5)
        #expect(s.isEmpty)
        #expect(s.count == 0)
    }

    @Test func secondsRoundTripAtSampleRate() {
        let s = SampleSpan.seconds(1.25, 2.5, sampleRate: 16000)
        #expect(s == SampleSpan(start: 20000, end: 40000))
        #expect(s.seconds(at: 16000) == (1.25, 2.5))
    }
}

@Suite struct AtomicFileTests {
    @Test func writesContentAndLeavesNoTemporaryFile() throws {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("samtal-atomic-\(UUID().uuidString)")
        let path = dir.appendingPathComponent("out.txt").path
        try AtomicFile.write("hej", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "hej")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.txt"])
    }

    @Test func failedWriteKeepsTheOldFile() throws {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("samtal-atomic-\(UUID().uuidString)")
        let path = dir.appendingPathComponent("out.txt").path
        try AtomicFile.write("old", to: path)
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try AtomicFile.write(to: path) { tmp in
                try "half".write(toFile: tmp, atomically: false, encoding: .utf8)
                throw Boom()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.txt"])
    }

    @Test func refusesADirectoryAsOutput() throws {
        let dir = FileManager.default.temporaryDirectory
        let error = #expect(throws: SamtalError.self) { try AtomicFile.write("x", to: dir.path) }
        #expect(error?.code == .isDirectory)
    }
}

@Suite struct SourceLocationTests {
    @Test func printsLikeACompiler() {
        #expect(SourceLocation(file: "a.vtt", line: 3, column: 14).description == "a.vtt:3:14")
        #expect(SourceLocation(file: "a.vtt", line: 3).description == "a.vtt:3")
        #expect(SourceLocation(file: "a.vtt").description == "a.vtt")
    }
}
