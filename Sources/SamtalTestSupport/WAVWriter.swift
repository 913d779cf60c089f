import Foundation

/// Writes RIFF/WAVE files without any C library, so tests of the decoder do not depend on the
/// code under test.
public enum WAVWriter {
    public enum Encoding: Sendable { case pcm16, float32 }

    /// WAV bytes for interleaved `samples` with `channels` channels.
    public static func data(_ samples: [Float], sampleRate: Int, channels: Int = 1,
                            encoding: Encoding = .pcm16) -> Data {
        let bytesPerSample = encoding == .pcm16 ? 2 : 4
        let dataBytes = samples.count * bytesPerSample
        var d = Data()
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { d.append(contentsOf: $0) } }
        func u16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { d.append(contentsOf: $0) } }
        d.append(contentsOf: Array("RIFF".utf8)); u32(UInt32(36 + dataBytes))
        d.append(contentsOf: Array("WAVE".utf8))
        d.append(contentsOf: Array("fmt ".utf8)); u32(16)
        u16(encoding == .pcm16 ? 1 : 3); u16(UInt16(channels)); u32(UInt32(sampleRate))
        u32(UInt32(sampleRate * channels * bytesPerSample))
        u16(UInt16(channels * bytesPerSample)); u16(UInt16(bytesPerSample * 8))
        d.append(contentsOf: Array("data".utf8)); u32(UInt32(dataBytes))
        d.reserveCapacity(d.count + dataBytes)
        for s in samples {
            switch encoding {
            case .pcm16:
                let v = Int16(max(-32768, min(32767, (s * 32767).rounded())))
                u16(UInt16(bitPattern: v))
            case .float32:
                u32(s.bitPattern)
            }
        }
        return d
    }

    /// Writes a WAV file at `path`.
    public static func write(_ samples: [Float], sampleRate: Int, channels: Int = 1,
                             encoding: Encoding = .pcm16, to path: String) throws {
        try data(samples, sampleRate: sampleRate, channels: channels, encoding: encoding)
            .write(to: URL(fileURLWithPath: path))
    }
}
