/// Cuts a stream of sample blocks of any size into complete frames of `frameLength` samples,
/// one every `hopLength` samples, in flat memory.
///
/// Frame `i` covers stream samples `i · hopLength ..< i · hopLength + frameLength`; a trailing
/// incomplete frame is never emitted (Kaldi's `snip-edges`). Memory is `frameLength + chunk`
/// floats however long the stream is, so a 10-hour recording is framed as cheaply as 10 s.
/// Frames are passed to the callback in place (no copy, no allocation per frame); a frame's
/// buffer is valid only during the call. Not thread-safe: one framer per stream.
public struct StreamingFramer {
    /// Samples per frame.
    public let frameLength: Int
    /// Samples between frame starts.
    public let hopLength: Int
    /// Frames emitted so far (the index of the next frame).
    public private(set) var framesEmitted = 0
    /// Samples pushed so far.
    public private(set) var samplesPushed = 0

    // Samples not yet consumed, at storage[0 ..< count]; the next frame starts at `next`, which
    // may lie beyond `count` when hopLength > frameLength (samples still to be skipped).
    private var storage: [Float]
    private var count = 0
    private var next = 0

    /// A framer for frames of `frameLength` samples every `hopLength` samples; `chunkLength`
    /// bounds how much of an incoming block is buffered at once.
    public init(frameLength: Int, hopLength: Int, chunkLength: Int = 8_192) {
        precondition(frameLength >= 1 && hopLength >= 1 && chunkLength >= 1)
        self.frameLength = frameLength
        self.hopLength = hopLength
        storage = [Float](repeating: 0, count: frameLength + chunkLength)
    }

    /// Appends `block` and calls `emit(index, frame)` for every frame it completes, in order.
    public mutating func push(
        _ block: UnsafeBufferPointer<Float>,
        _ emit: (_ index: Int, _ frame: UnsafeBufferPointer<Float>) throws -> Void
    ) rethrows {
        samplesPushed += block.count
        var consumed = 0
        while consumed < block.count {
            // Drop what earlier frames no longer need; skip samples a long hop jumps over.
            if next >= count {
                let skip = min(next - count, block.count - consumed)
                consumed += skip
                next -= count + skip
                count = 0
                if next > 0 { return }  // the block ended inside the skipped stretch
            } else if next > 0 {
                let (from, keep) = (next, count - next)
                storage.withUnsafeMutableBufferPointer { s in
                    let base = s.baseAddress!
                    base.update(from: base + from, count: keep)
                }
                count = keep
                next = 0
            }
            let (at, take) = (count, min(storage.count - count, block.count - consumed))
            let source = block.baseAddress! + consumed
            storage.withUnsafeMutableBufferPointer { s in
                (s.baseAddress! + at).update(from: source, count: take)
            }
            count += take
            consumed += take
            var (start, index) = (next, framesEmitted)
            let (available, length, hop) = (count, frameLength, hopLength)
            defer { (next, framesEmitted) = (start, index) }
            try storage.withUnsafeBufferPointer { s in
                while start + length <= available {
                    try emit(index, UnsafeBufferPointer(rebasing: s[start ..< start + length]))
                    index += 1
                    start += hop
                }
            }
        }
    }

    /// Appends `count` zeros (used for the padding of centred framing).
    public mutating func pushZeros(
        _ count: Int,
        _ emit: (_ index: Int, _ frame: UnsafeBufferPointer<Float>) throws -> Void
    ) rethrows {
        guard count > 0 else { return }
        let zeros = [Float](repeating: 0, count: min(count, 4_096))
        var left = count
        try zeros.withUnsafeBufferPointer { z in
            while left > 0 {
                let n = min(left, z.count)
                try push(UnsafeBufferPointer(rebasing: z[0..<n]), emit)
                left -= n
            }
        }
    }
}
