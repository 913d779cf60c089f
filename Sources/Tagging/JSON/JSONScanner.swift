import Foundation

/// A strict JSON (RFC 8259) reader over UTF-8 bytes, for the two places where `JSONDecoder` was
/// a large share of the time: JSONL input lines and linear-model files.
///
/// It reads values in place (objects member by member, arrays element by element) without
/// building a tree. It accepts only what RFC 8259 allows — no trailing commas, leading zeros,
/// unknown escapes, unescaped control characters or lone surrogates — and reports anything else
/// as a `Failure`; callers then fall back to `JSONDecoder`, which gives the user-facing error (or,
/// for its few leniencies, the same value as before). So a value read here is always the value
/// `JSONDecoder` reads.
///
/// The bytes must be valid UTF-8 (they come from a `String`); strings are cut at ASCII
/// delimiters, so every slice is valid UTF-8 too.
struct JSONScanner {
    /// Where and why reading stopped.
    struct Failure: Error, Equatable {
        var offset: Int
        var reason: String
    }

    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position: Int

    /// Deepest nesting `skipValue` follows (deeper input is a failure, not a stack overflow).
    static let maximumDepth = 512

    init(_ bytes: UnsafeBufferPointer<UInt8>, position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    var isAtEnd: Bool { position >= bytes.count }

    func fail(_ reason: String) -> Failure { Failure(offset: position, reason: reason) }

    /// Skips JSON white space (space, tab, line feed, carriage return).
    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// The next byte after white space, without consuming it.
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < bytes.count ? bytes[position] : nil
    }

    mutating func expect(_ byte: UInt8) throws(Failure) {
        guard peek() == byte else { throw fail("expected '\(Character(Unicode.Scalar(byte)))'") }
        position += 1
    }

    /// Reads an object, calling `member` with each key; `member` must read or skip the value.
    mutating func readObject(_ member: (String, inout JSONScanner) throws(Failure) -> Void)
        throws(Failure) {
        try expect(UInt8(ascii: "{"))
        if peek() == UInt8(ascii: "}") {
            position += 1
            return
        }
        while true {
            guard peek() == UInt8(ascii: "\"") else { throw fail("expected a key") }
            let key = try readString()
            try expect(UInt8(ascii: ":"))
            try member(key, &self)
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"): position += 1; return
            default: throw fail("expected ',' or '}'")
            }
        }
    }

    /// Reads an array, calling `element` for each element; `element` must read or skip it.
    mutating func readArray(_ element: (inout JSONScanner) throws(Failure) -> Void)
        throws(Failure) {
        try expect(UInt8(ascii: "["))
        if peek() == UInt8(ascii: "]") {
            position += 1
            return
        }
        while true {
            try element(&self)
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"): position += 1; return
            default: throw fail("expected ',' or ']'")
            }
        }
    }

    /// Consumes `null` if it comes next.
    mutating func readNull() -> Bool {
        guard peek() == UInt8(ascii: "n"), matchLiteral("null") else { return false }
        return true
    }

    /// Reads a string value.
    mutating func readString() throws(Failure) -> String {
        try expect(UInt8(ascii: "\""))
        let start = position
        // Fast path: no escapes, so the string is the bytes between the quotes.
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]),
                               as: UTF8.self)
                position += 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw fail("unescaped control character in a string") }
            position += 1
        }
        var out = Array(bytes[start..<position])
        while position < bytes.count {
            let b = bytes[position]
            position += 1
            switch b {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { throw fail("unterminated escape") }
                let e = bytes[position]
                position += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var value = try readHex4()
                    if (0xD800...0xDBFF).contains(value) {
                        // A high surrogate must be followed by an escaped low surrogate.
                        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                              bytes[position + 1] == UInt8(ascii: "u")
                        else { throw fail("lone surrogate") }
                        position += 2
                        let low = try readHex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw fail("lone surrogate") }
                        value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(value) {
                        throw fail("lone surrogate")
                    }
                    // Not a surrogate here, so always a valid scalar.
                    UTF8.encode(Unicode.Scalar(value)!) { out.append($0) }
                default:
                    throw fail("unknown escape")
                }
            default:
                if b < 0x20 { throw fail("unescaped control character in a string") }
                out.append(b)
            }
        }
        throw fail("unterminated string")
    }

    private mutating func readHex4() throws(Failure) -> UInt32 {
        guard position + 4 <= bytes.count else { throw fail("short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[position]
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: throw fail("bad \\u escape")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    /// Reads a number in RFC 8259 syntax as the nearest `Double` (the C library's `strtod`, as
    /// `JSONDecoder` uses).
    mutating func readDouble() throws(Failure) -> Double {
        skipWhitespace()
        let start = position
        try scanNumber()
        if let exact = Self.fastDouble(UnsafeBufferPointer(rebasing: bytes[start..<position])) {
            return exact
        }
        let length = position - start
        // `strtod` needs a terminated string; numbers are short, so copy to the stack.
        let value = withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buf in
            for k in 0..<length { buf[k] = CChar(bitPattern: bytes[start + k]) }
            buf[length] = 0
            return strtod(buf.baseAddress!, nil)
        }
        guard value.isFinite else { throw Failure(offset: start, reason: "number out of range") }
        return value
    }

    /// Clinger's fast path (W. D. Clinger, "How to read floating point numbers accurately",
    /// PLDI 1990): a number with at most 15 significant digits and a decimal exponent within
    /// ±22 is an exact integer times or divided by an exact power of ten, so one IEEE operation
    /// gives the correctly rounded value — the value `strtod` gives. Nil otherwise. `number`
    /// must already be valid JSON number syntax.
    static func fastDouble(_ number: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0
        let negative = number[0] == UInt8(ascii: "-")
        if negative { i += 1 }
        var mantissa: UInt64 = 0
        var significant = 0
        var scale = 0
        var inFraction = false
        while i < number.count {
            let b = number[i]
            if b == UInt8(ascii: ".") {
                inFraction = true
            } else if (0x30...0x39).contains(b) {
                if mantissa != 0 || b != 0x30 { significant += 1 }
                guard significant <= 15 else { return nil }
                mantissa = mantissa * 10 + UInt64(b - 0x30)
                if inFraction { scale -= 1 }
            } else {
                break  // the exponent
            }
            i += 1
        }
        if i < number.count {
            i += 1  // `e` or `E`
            var exponentNegative = false
            if number[i] == UInt8(ascii: "+") || number[i] == UInt8(ascii: "-") {
                exponentNegative = number[i] == UInt8(ascii: "-")
                i += 1
            }
            var exponent = 0
            while i < number.count {
                exponent = exponent * 10 + Int(number[i] - 0x30)
                guard exponent <= 1000 else { return nil }
                i += 1
            }
            scale += exponentNegative ? -exponent : exponent
        }
        guard (-22...22).contains(scale) else { return nil }
        var value = Double(mantissa)
        value = scale >= 0 ? value * powersOfTen[scale] : value / powersOfTen[-scale]
        return negative ? -value : value
    }

    /// 10⁰ … 10²², each exactly representable as a `Double`.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Moves past one number, checking its syntax.
    private mutating func scanNumber() throws(Failure) {
        func digits() -> Int {
            let s = position
            while position < bytes.count, (0x30...0x39).contains(bytes[position]) { position += 1 }
            return position - s
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count else { throw fail("expected a number") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, (0x30...0x39).contains(bytes[position]) {
                throw fail("leading zero")
            }
        } else if digits() == 0 {
            throw fail("expected a number")
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { throw fail("expected digits after '.'") }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard digits() > 0 else { throw fail("expected exponent digits") }
        }
    }

    /// Moves past one value of any kind, checking its syntax.
    mutating func skipValue(depth: Int = 0) throws(Failure) {
        guard depth < Self.maximumDepth else { throw fail("nested too deeply") }
        switch peek() {
        case UInt8(ascii: "{"): try readObject { _, s throws(Failure) in try s.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["): try readArray { s throws(Failure) in try s.skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""): _ = try readString()
        case UInt8(ascii: "t"): guard matchLiteral("true") else { throw fail("bad literal") }
        case UInt8(ascii: "f"): guard matchLiteral("false") else { throw fail("bad literal") }
        case UInt8(ascii: "n"): guard matchLiteral("null") else { throw fail("bad literal") }
        case .some: try scanNumber()
        case nil: throw fail("expected a value")
        }
    }

    private mutating func matchLiteral(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard position + n <= bytes.count else { return false }
        let w = UnsafeBufferPointer(start: word.utf8Start, count: n)
        for k in 0..<n where bytes[position + k] != w[k] { return false }
        position += n
        return true
    }
}
