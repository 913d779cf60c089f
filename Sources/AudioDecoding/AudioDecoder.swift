import SamtalCore

/// Stage 1 of samtal: any supported audio file → mono Float samples at `targetSampleRate`
/// (16 kHz by default), streamed in blocks so that memory stays flat however long the file is.
///
/// libsndfile reads WAV, FLAC, OGG/Vorbis, Opus, MP3, AIFF (and the rest of its formats); what it
/// cannot open (M4A/AAC/MP4/WebM from Teams, Zoom and phones) goes through an `ffmpeg`
/// subprocess that streams raw float samples. Channels are mixed to mono (mean) unless one is
/// selected; soxr resamples to the target rate (skipped when the file is already at that rate).
///
/// Bad input throws `SamtalError` with `.fileNotFound`, `.isDirectory`, `.permissionDenied`,
/// `.unsupportedFormat`, `.corruptInput`, `.emptyInput`, `.missingTool` or `.invalidArgument`.
/// Recoverable problems are warnings on the `DiagnosticSink`:
/// `decode.truncated` (fewer frames than the header promised; says how many seconds were decoded)
/// and `decode.invalid-samples` (NaN or ±Inf samples, replaced by 0; says how many).
public struct AudioDecoder: Sendable {
    /// Which channel(s) become the mono output.
    public enum ChannelSelection: Sendable, Equatable, Codable {
        /// The mean of all channels (the default).
        case mix
        /// One channel, numbered from 1 as in the CLI's `--channel N`.
        case number(Int)
    }

    /// Output sample rate in Hz.
    public var targetSampleRate: Int
    public var channel: ChannelSelection
    public var quality: ResampleQuality
    /// Source frames read per block (per channel). 65 536 frames keeps a block under 2 MB for
    /// 8-channel files while making per-block overhead negligible; files with more than 16
    /// channels get shorter blocks (at most 2^20 interleaved samples, 4 MB).
    public var blockFrames: Int
    /// Where `ffmpeg` and `ffprobe` are; found on `PATH` by default.
    public var tools: ExternalTools

    public init(targetSampleRate: Int = 16_000, channel: ChannelSelection = .mix,
                quality: ResampleQuality = .high, blockFrames: Int = 65_536,
                tools: ExternalTools = .onPath()) {
        self.targetSampleRate = targetSampleRate
        self.channel = channel
        self.quality = quality
        self.blockFrames = blockFrames
        self.tools = tools
    }

    /// The file's format, rate, channels and length from its header, without decoding.
    ///
    /// `frames` is what the header (or ffprobe's duration) promises; `decode` reports what
    /// was actually decoded.
    public func info(path: String) throws -> Recording {
        let source = try openSource(path: path)
        try source.close()
        let recording = Recording(path: path, format: source.formatName,
                                  sampleRate: source.sampleRate, channels: source.channels,
                                  frames: source.expectedFrames)
        if source.expectedFrames == 0 && source.knowsLengthFromHeader {
            throw Self.noFrames(path)
        }
        return recording
    }

    /// Decodes `path` and calls `block` with consecutive pieces of mono audio at
    /// `targetSampleRate`. Returns the source description with `frames` = frames actually
    /// decoded (per channel, at the source rate).
    public func decode(path: String, diagnostics: DiagnosticSink,
                       block: (UnsafeBufferPointer<Float>) throws -> Void) throws -> Recording {
        try decode(path: path, diagnostics: diagnostics, expecting: { _ in }, block: block)
    }

    /// `decode`, telling `expecting` how many output samples the header promises before the
    /// first block (so `decodeAll` can reserve once without opening the file twice).
    private func decode(path: String, diagnostics: DiagnosticSink, expecting: (Int) -> Void,
                        block: (UnsafeBufferPointer<Float>) throws -> Void) throws -> Recording {
        guard targetSampleRate > 0 else {
            throw SamtalError(.invalidArgument, "target sample rate must be positive")
        }
        guard blockFrames > 0 else {
            throw SamtalError(.invalidArgument, "block size must be positive")
        }
        let source = try openSource(path: path)
        var closed = false
        defer { if !closed { _ = try? source.close() } }
        if source.expectedFrames == 0 && source.knowsLengthFromHeader {
            throw Self.noFrames(path)
        }
        let selected = try selectedChannel(channels: source.channels, path: path)
        let promised = Double(source.expectedFrames) * Double(targetSampleRate) / Double(source.sampleRate)
        expecting(promised.isFinite && promised < 1e10 ? Int(promised.rounded()) : 0)

        let resampler: Resampler? = source.sampleRate == targetSampleRate
            ? nil
            : try Resampler(inputRate: source.sampleRate, outputRate: targetSampleRate,
                            quality: quality)

        // Files with very many channels get shorter blocks: at most 2^20 interleaved floats.
        let frames = min(blockFrames, max(1_024, (1 << 20) / source.channels))
        // interleaved: frames × channels, row-major (frame, channel); mono: frames.
        var interleaved = [Float](repeating: 0, count: frames * source.channels)
        var mono = [Float](repeating: 0, count: frames)
        var framesRead = 0
        var invalidSamples = 0

        while true {
            let n = try interleaved.withUnsafeMutableBufferPointer {
                try source.read(into: $0.baseAddress!, frames: frames)
            }
            if n == 0 { break }
            framesRead += n
            invalidSamples += interleaved.withUnsafeBufferPointer { src in
                mono.withUnsafeMutableBufferPointer { dst in
                    ChannelMixer.mono(from: src, channels: source.channels, frames: n,
                                      selecting: selected, into: dst)
                }
            }
            try mono.withUnsafeBufferPointer { all in
                let piece = UnsafeBufferPointer(rebasing: all[0..<n])
                if let resampler { try resampler.process(piece, block) } else { try block(piece) }
            }
        }
        try resampler?.flush(block)

        closed = true
        let ending = try source.close()

        if framesRead == 0 {
            if let ending {
                throw SamtalError(.corruptInput, "no audio could be decoded from \(path)",
                                  hint: "the file is damaged; try re-exporting it",
                                  underlying: ending)
            }
            throw Self.noFrames(path)
        }
        let recording = Recording(path: path, format: source.formatName,
                                  sampleRate: source.sampleRate, channels: source.channels,
                                  frames: framesRead)
        reportShortRead(recording, expected: source.expectedFrames,
                        tolerance: source.lengthTolerance, ending: ending,
                        diagnostics: diagnostics)
        if invalidSamples > 0 {
            diagnostics.warning(
                "decode.invalid-samples",
                "\(invalidSamples) NaN or infinite sample(s) replaced by 0",
                at: SourceLocation(file: path))
        }
        return recording
    }

    /// Decodes the whole file into memory: a convenience on top of `decode`.
    public func decodeAll(path: String, diagnostics: DiagnosticSink) throws -> (Recording, [Float]) {
        var samples: [Float] = []
        let recording = try decode(
            path: path, diagnostics: diagnostics,
            expecting: { samples.reserveCapacity($0 + 1_024) },
            block: { samples.append(contentsOf: $0) })
        return (recording, samples)
    }

    // MARK: - Pieces

    /// 0-based channel index to keep, or nil to mix.
    private func selectedChannel(channels: Int, path: String) throws -> Int? {
        switch channel {
        case .mix: return nil
        case .number(let n):
            guard n >= 1, n <= channels else {
                throw SamtalError(
                    .invalidArgument,
                    "channel \(n) does not exist: \(path) has \(channels) channel(s)",
                    hint: "choose a channel from 1 to \(channels)")
            }
            return n - 1
        }
    }

    private func reportShortRead(_ recording: Recording, expected: Int, tolerance: Int,
                                 ending: String?, diagnostics: DiagnosticSink) {
        let rate = Double(recording.sampleRate)
        let decoded = Double(recording.frames) / rate
        if expected > 0, recording.frames + tolerance < expected {
            let promised = Double(expected) / rate
            var message = "truncated: decoded \(Self.seconds(decoded)) s of the "
                + "\(Self.seconds(promised)) s the header promises"
            if let ending { message += " (\(ending))" }
            diagnostics.warning("decode.truncated", message, at: SourceLocation(file: recording.path))
        } else if let ending {
            diagnostics.warning("decode.stream-error",
                                "decoding ended with an error after \(Self.seconds(decoded)) s: \(ending)",
                                at: SourceLocation(file: recording.path))
        }
    }

    static func noFrames(_ path: String) -> SamtalError {
        SamtalError(.emptyInput, "\(path) holds no audio (0 frames)",
                    hint: "check that the recording was not stopped at once")
    }

    static func seconds(_ value: Double) -> String {
        let scaled = (value * 1000).rounded() / 1000
        return String(scaled)
    }
}
