import DSP
import Foundation
import SamtalTestSupport
import Testing

@Suite("FrameStore")
struct FrameStoreTests {
    static let dimension = 20
    /// More than three read chunks and write buffers of 20-Float frames.
    static let frames = 3 * (FrameStore.chunkBytes / (4 * dimension)) + 517

    /// A value that identifies its frame and column exactly.
    static func value(_ t: Int, _ d: Int) -> Float { Float(t) + Float(d) / 32 }

    static func filled(spillThresholdBytes: Int, directory: URL?) throws -> FrameStore {
        let store = FrameStore(dimension: dimension, spillThresholdBytes: spillThresholdBytes, directory: directory)
        for t in 0..<frames { store.append((0..<dimension).map { value(t, $0) }) }
        try store.seal()
        return store
    }

    static func entries(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
    }

    @Test(arguments: [false, true])
    func readsBackWhatWasWritten(spilled: Bool) throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Self.filled(spillThresholdBytes: spilled ? 4096 : Int.max, directory: dir)
        #expect(store.isSpilled == spilled)
        #expect(store.frameCount == Self.frames)
        let chunk = store.chunkFrames
        // Ranges inside a chunk, across chunk and write-buffer boundaries, empty, and everything.
        let ranges = [0..<1, 5..<40, (chunk - 3)..<(chunk + 4), (2 * chunk - 1)..<(3 * chunk + 2),
                      (Self.frames - 7)..<Self.frames, 100..<100, 0..<Self.frames]
        var scratch: [Float] = []
        for range in ranges {
            let expected = range.flatMap { t in (0..<Self.dimension).map { Self.value(t, $0) } }
            let viaScratch = store.withFrames(range, scratch: &scratch) { Array($0) }
            #expect(viaScratch == expected, "withFrames \(range)")
            var copied = [Float](repeating: -1, count: expected.count)
            copied.withUnsafeMutableBufferPointer { store.read(range, into: $0) }
            #expect(copied == expected, "read \(range)")
        }
    }

    @Test(arguments: [false, true])
    func chunksCoverARangeInOrder(spilled: Bool) throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Self.filled(spillThresholdBytes: spilled ? 0 : Int.max, directory: dir)
        let range = 11..<(Self.frames - 13)
        var next = range.lowerBound
        var values: [Float] = []
        var pieces = 0
        store.forEachChunk(of: range) { first, rows in
            #expect(first == next)
            let count = rows.count / Self.dimension
            if spilled { #expect(count <= store.chunkFrames) }
            next += count
            values += rows
            pieces += 1
        }
        #expect(next == range.upperBound)
        #expect(values == range.flatMap { t in (0..<Self.dimension).map { Self.value(t, $0) } })
        #expect(pieces == (spilled ? (range.count + store.chunkFrames - 1) / store.chunkFrames : 1))
    }

    @Test func leavesNoTemporaryFileBehind() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            let store = FrameStore(dimension: 4, spillThresholdBytes: 64, directory: dir)
            for t in 0..<1000 { store.append([Float(t), 1, 2, 3]) }
            #expect(store.isSpilled)
            // Unlinked right after it was opened: no name even while the store is in use.
            #expect(try Self.entries(in: dir).isEmpty)
            try store.seal()
            #expect(store.allValues().count == 4000)
        }
        #expect(try Self.entries(in: dir).isEmpty)
    }

    @Test func staysInMemoryBelowTheThreshold() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = FrameStore(dimension: 4, spillThresholdBytes: 4 * 4 * 100, directory: dir)
        for t in 0..<100 { store.append([Float(t), 1, 2, 3]) }
        #expect(!store.isSpilled)
        store.append([100, 1, 2, 3])
        #expect(store.isSpilled)
    }

    @Test func staysInMemoryWhenNoTemporaryFileCanBeMade() throws {
        let missing = FileManager.default.temporaryDirectory
            .appendingPathComponent("samtal-no-such-dir-\(UUID().uuidString)")
        let store = FrameStore(dimension: 2, spillThresholdBytes: 0, directory: missing)
        for t in 0..<500 { store.append([Float(t), -Float(t)]) }
        try store.seal()
        #expect(!store.isSpilled)
        #expect(store.spillFailure != nil)
        #expect(store.allValues() == (0..<500).flatMap { [Float($0), -Float($0)] })
    }
}
