import CSndFile

/// The libsndfile back end: WAV, FLAC, OGG/Vorbis, Opus, MP3, AIFF and libsndfile's other formats.
final class SndFileSource: SampleSource {
    private let reader: SndFileReader

    init(_ reader: SndFileReader) {
        self.reader = reader
        expectedFrames = max(0, reader.declaredFrames)
    }

    var formatName: String { reader.shortFormatName }
    var sampleRate: Int { reader.sampleRate }
    var channels: Int { reader.channels }
    let expectedFrames: Int

    var knowsLengthFromHeader: Bool { true }

    /// MPEG streams carry no exact frame count unless an encoder tag gives one; libsndfile's count
    /// may then be an estimate. Allow 0.1 s there; every other format's count is exact.
    var lengthTolerance: Int {
        (Int(reader.format) & SF_FORMAT_TYPEMASK) == SF_FORMAT_MPEG ? sampleRate / 10 : 0
    }

    func read(into buffer: UnsafeMutablePointer<Float>, frames: Int) throws -> Int {
        reader.read(into: buffer, frames: frames)
    }

    func close() throws -> String? { reader.lastError }
}
