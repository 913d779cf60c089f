import Foundation
import SamtalCore

/// Text encodings a reader can be told to use; `.automatic` looks at the byte-order mark, then
/// tries UTF-8, then falls back to windows-1252 with a warning.
public enum TextEncodingChoice: String, Sendable, CaseIterable, Codable {
    case automatic = "auto"
    case utf8 = "utf-8"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    case utf32LE = "utf-32le"
    case utf32BE = "utf-32be"
    case windows1252 = "windows-1252"
    case latin1 = "latin-1"
}

/// Turns the bytes of a transcript file into text.
enum TextDecoding {
    /// The decoded text (without byte-order mark) and the encoding that was used.
    static func decode(_ data: Data, encoding: TextEncodingChoice, source: String,
                       diagnostics: DiagnosticSink) -> (text: String, encoding: TextEncodingChoice) {
        let bytes = [UInt8](data)
        switch encoding {
        case .automatic: break
        case .utf8:
            let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
            return (String(decoding: body, as: UTF8.self), .utf8)
        case .utf16LE, .utf16BE:
            return (utf16(bytes, littleEndian: encoding == .utf16LE), encoding)
        case .utf32LE, .utf32BE:
            return (utf32(bytes, littleEndian: encoding == .utf32LE), encoding)
        case .windows1252: return (windows1252(bytes), .windows1252)
        case .latin1: return (String(bytes.map { Character(Unicode.Scalar($0)) }), .latin1)
        }
        // Byte-order marks. UTF-32 LE must be tested before UTF-16 LE (same first two bytes).
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            return (utf32(Array(bytes.dropFirst(4)), littleEndian: false), .utf32BE)
        }
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) {
            return (utf32(Array(bytes.dropFirst(4)), littleEndian: true), .utf32LE)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return (String(decoding: bytes.dropFirst(3), as: UTF8.self), .utf8)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return (utf16(Array(bytes.dropFirst(2)), littleEndian: false), .utf16BE)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return (utf16(Array(bytes.dropFirst(2)), littleEndian: true), .utf16LE)
        }
        if let text = String(validatingUTF8Bytes: bytes) { return (text, .utf8) }
        // UTF-16 without a byte-order mark: ASCII text leaves every other byte zero.
        if bytes.count >= 4 {
            let sample = bytes.prefix(400)
            let evenZeros = stride(from: 0, to: sample.count, by: 2).filter { sample[$0] == 0 }.count
            let oddZeros = stride(from: 1, to: sample.count, by: 2).filter { sample[$0] == 0 }.count
            let half = sample.count / 2
            if oddZeros > half * 3 / 4 && evenZeros == 0 {
                return (utf16(bytes, littleEndian: true), .utf16LE)
            }
            if evenZeros > half * 3 / 4 && oddZeros == 0 {
                return (utf16(bytes, littleEndian: false), .utf16BE)
            }
        }
        diagnostics.warning(
            "transcript.encoding",
            "not valid UTF-8; read as windows-1252 (use --encoding to choose another)",
            at: SourceLocation(file: source))
        return (windows1252(bytes), .windows1252)
    }

    static func utf16(_ bytes: [UInt8], littleEndian: Bool) -> String {
        var units = [UInt16]()
        units.reserveCapacity(bytes.count / 2)
        var i = 0
        while i + 1 < bytes.count {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            i += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    static func utf32(_ bytes: [UInt8], littleEndian: Bool) -> String {
        var scalars = String.UnicodeScalarView()
        var i = 0
        while i + 3 < bytes.count {
            let b = (0..<4).map { UInt32(bytes[i + $0]) }
            let v = littleEndian
                ? b[0] | b[1] << 8 | b[2] << 16 | b[3] << 24
                : b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]
            scalars.append(Unicode.Scalar(v) ?? "\u{FFFD}")
            i += 4
        }
        return String(scalars)
    }

    /// windows-1252: Latin-1 except for 0x80–0x9F, which hold typographic characters.
    static func windows1252(_ bytes: [UInt8]) -> String {
        let high: [UInt32] = [
            0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
            0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
            0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
            0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
        ]
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let v = (0x80...0x9F).contains(byte) ? high[Int(byte) - 0x80] : UInt32(byte)
            scalars.append(Unicode.Scalar(v)!)
        }
        return String(scalars)
    }
}

extension String {
    /// Decodes `bytes` as UTF-8, or returns nil when they are not valid UTF-8.
    init?(validatingUTF8Bytes bytes: [UInt8]) {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var scalars = String.UnicodeScalarView()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): scalars.append(s)
            case .emptyInput: break loop
            case .error: return nil
            }
        }
        self = String(scalars)
    }
}
