/// What is known about an audio file before and after decoding.
public struct Recording: Sendable, Equatable, Codable {
    /// Path of the source file as given by the user.
    public var path: String
    /// Container/codec name as reported by the decoder, e.g. `"WAV"`, `"FLAC"`, `"M4A (ffmpeg)"`.
    public var format: String
    /// Sample rate of the source file in Hz.
    public var sampleRate: Int
    /// Channel count of the source file.
    public var channels: Int
    /// Frames (samples per channel) in the source file.
    public var frames: Int

    public init(path: String, format: String, sampleRate: Int, channels: Int, frames: Int) {
        self.path = path
        self.format = format
        self.sampleRate = sampleRate
        self.channels = channels
        self.frames = frames
    }

    /// Duration of the source in seconds.
    public var durationSeconds: Double {
        sampleRate > 0 ? Double(frames) / Double(sampleRate) : 0
    }
}
