import Foundation
import SamtalCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Per-frame features written once in frame order and read back by frame ranges:
/// `frameCount × dimension` Floats, row-major (the layout of ``FeatureMatrix``), kept in memory
/// while small and in a temporary file beyond `spillThresholdBytes`, so that memory does not
/// grow with the length of a recording.
///
/// The file is made in `FileManager.default.temporaryDirectory` (`$TMPDIR`) and unlinked right
/// after it is opened: nothing is left behind, even after a crash, and its space is freed when
/// the store is released. Frames are written through a bounded buffer; reads use `pread` into
/// the caller's bounded buffers. Not `mmap`: touched mapped pages count in the resident set. The
/// kernel's page cache usually still holds the freshly written data, so reading back is a copy.
///
/// Life cycle: one owner `append`s, then `seal()`s; after that the store is read-only and may
/// be shared. If the temporary file cannot be created, the store stays in memory and
/// `spillFailure` says why.
public final class FrameStore: @unchecked Sendable {
    // SAFETY: `append` and `seal` are the only mutations, made by one owner before the store is
    // shared (`seal` sets `sealed`; every read requires it and every mutation forbids it). Reads
    // touch only immutable state: `memory` (no longer mutated) or the file through `pread` at
    // explicit offsets (no shared file position), into buffers owned by the caller.

    /// Features per frame.
    public let dimension: Int
    /// Frames appended so far.
    public private(set) var frameCount = 0
    /// Size in bytes beyond which the frames move to a temporary file.
    public let spillThresholdBytes: Int
    /// Why the store stayed in memory past the threshold (the temporary file could not be
    /// made), or nil.
    public private(set) var spillFailure: String?

    /// 1 MiB: under two minutes of 20 MFCCs per 10 ms. Shorter inputs never touch the disk.
    public static let defaultSpillThresholdBytes = 1 << 20
    /// Bytes per write to the file and per read chunk of ``forEachChunk(of:_:)``.
    public static let chunkBytes = 256 << 10

    private let directory: URL
    /// All frames while in memory; once spilled, the write buffer (frames not yet written).
    private var memory: [Float] = []
    /// The unlinked temporary file, or -1 while in memory.
    private var descriptor: Int32 = -1
    private var bytesWritten = 0
    private var writeError: SamtalError?
    private var sealed = false

    /// - Parameters:
    ///   - spillThresholdBytes: move to a file beyond this size (`Int.max`: never; 0: at once).
    ///   - directory: where the temporary file goes (default: the system's temporary directory).
    public init(dimension: Int, spillThresholdBytes: Int = FrameStore.defaultSpillThresholdBytes,
                directory: URL? = nil) {
        precondition(dimension >= 1, "FrameStore needs a dimension of at least 1")
        self.dimension = dimension
        self.spillThresholdBytes = max(0, spillThresholdBytes)
        self.directory = directory ?? FileManager.default.temporaryDirectory
    }

    /// A sealed in-memory store holding `values` (`frames × dimension`, row-major).
    public convenience init(dimension: Int, values: [Float]) {
        precondition(dimension >= 1 && values.count % dimension == 0,
                     "\(values.count) values do not fill rows of \(dimension)")
        self.init(dimension: dimension, spillThresholdBytes: Int.max)
        memory = values
        frameCount = values.count / dimension
        sealed = true
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// True once the frames live in the temporary file.
    public var isSpilled: Bool { descriptor >= 0 }

    /// Frames per read chunk: `chunkBytes` worth, at least one.
    public var chunkFrames: Int { max(1, Self.chunkBytes / (MemoryLayout<Float>.size * dimension)) }

    // MARK: - Writing

    /// Appends one frame; `row.count` must equal `dimension`.
    public func append(_ row: UnsafeBufferPointer<Float>) {
        precondition(!sealed, "FrameStore.append after seal()")
        precondition(row.count == dimension, "row of \(row.count) values, dimension \(dimension)")
        memory.append(contentsOf: row)
        frameCount += 1
        let bytes = memory.count * MemoryLayout<Float>.size
        if descriptor >= 0 {
            if bytes >= Self.chunkBytes { flush() }
        } else if bytes > spillThresholdBytes && spillFailure == nil {
            spill()
        }
    }

    /// Appends one frame; `row.count` must equal `dimension`.
    public func append(_ row: [Float]) { row.withUnsafeBufferPointer { append($0) } }

    /// Writes the last buffered frames and makes the store read-only.
    /// - Throws: `writeFailed` when a write to the temporary file failed (e.g. the disk is full).
    public func seal() throws {
        precondition(!sealed, "FrameStore.seal() called twice")
        if descriptor >= 0 {
            flush()
            memory = []
        }
        sealed = true
        if let writeError { throw writeError }
        precondition(descriptor < 0 || bytesWritten == frameCount * dimension * MemoryLayout<Float>.size)
    }

    /// Opens the temporary file, unlinks it, and moves the frames so far into it.
    private func spill() {
        let template = directory.appendingPathComponent("samtal-frames-XXXXXX").path
        var path = Array(template.utf8CString)
        let fd = path.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            spillFailure = "cannot create a temporary file in \(directory.path): \(Self.errorText())"
            return
        }
        // Unlinked at once: the open descriptor keeps the data, no name can be left behind.
        path.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        descriptor = fd
        flush()
        memory = []
        memory.reserveCapacity(Self.chunkBytes / MemoryLayout<Float>.size + dimension)
    }

    /// Writes the buffered frames to the file (after a write error: drops them; `seal` throws).
    private func flush() {
        defer { memory.removeAll(keepingCapacity: true) }
        guard writeError == nil, !memory.isEmpty else { return }
        memory.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    writeError = SamtalError(
                        .writeFailed, "cannot write frame features to a temporary file in \(directory.path)",
                        hint: "free disk space there, or set TMPDIR to a directory with more room",
                        underlying: n < 0 ? Self.errorText() : "no progress")
                    return
                }
                offset += n
            }
            bytesWritten += raw.count
        }
    }

    // MARK: - Reading

    /// Copies the frames `range` into `buffer` (at least `range.count × dimension` Floats).
    public func read(_ range: Range<Int>, into buffer: UnsafeMutableBufferPointer<Float>) {
        precondition(sealed, "FrameStore read before seal()")
        precondition(range.lowerBound >= 0 && range.upperBound <= frameCount,
                     "frames \(range) out of 0..<\(frameCount)")
        let count = range.count * dimension
        precondition(buffer.count >= count, "buffer of \(buffer.count) Floats for \(count)")
        if count == 0 { return }
        if descriptor < 0 {
            memory.withUnsafeBufferPointer { all in
                _ = buffer.initialize(from: all[(range.lowerBound * dimension)..<(range.upperBound * dimension)])
            }
            return
        }
        let raw = UnsafeMutableRawBufferPointer(buffer)
        let start = range.lowerBound * dimension * MemoryLayout<Float>.size
        let bytes = count * MemoryLayout<Float>.size
        var done = 0
        while done < bytes {
            let n = pread(descriptor, raw.baseAddress! + done, bytes - done, off_t(start + done))
            if n < 0 && errno == EINTR { continue }
            // The file is private, unlinked and was written completely (`seal` checked): a
            // failed or short read is an I/O fault, like a bad memory page, not a user error.
            guard n > 0 else { fatalError("FrameStore: reading the temporary file failed (\(Self.errorText()))") }
            done += n
        }
    }

    /// Calls `body` with the frames `range` (`range.count × dimension` Floats): in place when in
    /// memory, else read into `scratch` (grown as needed; reuse it across calls).
    public func withFrames<R>(_ range: Range<Int>, scratch: inout [Float],
                              _ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        precondition(sealed, "FrameStore read before seal()")
        precondition(range.lowerBound >= 0 && range.upperBound <= frameCount,
                     "frames \(range) out of 0..<\(frameCount)")
        if descriptor < 0 {
            return try memory.withUnsafeBufferPointer { all in
                try body(UnsafeBufferPointer(rebasing: all[(range.lowerBound * dimension)..<(range.upperBound * dimension)]))
            }
        }
        let count = range.count * dimension
        if scratch.count < count { scratch = [Float](repeating: 0, count: count) }
        return try scratch.withUnsafeMutableBufferPointer { buffer in
            read(range, into: buffer)
            return try body(UnsafeBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    /// Calls `body(firstFrame, frames)` for consecutive pieces of `range`, in order, each at most
    /// `chunkFrames` frames when read from the file (in memory: one piece, in place).
    public func forEachChunk(of range: Range<Int>,
                             _ body: (_ firstFrame: Int, _ frames: UnsafeBufferPointer<Float>) throws -> Void) rethrows {
        if range.isEmpty { return }
        if descriptor < 0 {
            var none: [Float] = []
            try withFrames(range, scratch: &none) { try body(range.lowerBound, $0) }
            return
        }
        let step = chunkFrames
        var scratch = [Float](repeating: 0, count: min(range.count, step) * dimension)
        var first = range.lowerBound
        while first < range.upperBound {
            let end = min(range.upperBound, first + step)
            try withFrames(first..<end, scratch: &scratch) { try body(first, $0) }
            first = end
        }
    }

    /// All frames as one array (tests and short inputs).
    public func allValues() -> [Float] {
        var scratch: [Float] = []
        return withFrames(0..<frameCount, scratch: &scratch) { Array($0) }
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
