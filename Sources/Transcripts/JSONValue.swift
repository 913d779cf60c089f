import SamtalCore

/// A JSON value with the order of object members kept.
indirect enum JSONValue: Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.array(let x), .array(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.number(let x), .number(let y)): x == y
        case (.bool(let x), .bool(let y)): x == y
        case (.null, .null): true
        default: false
        }
    }

    /// An integral number as text (`3`), or nil for fractions and values beyond ±2^53.
    static func integerText(_ d: Double) -> String? {
        guard d == d.rounded(), abs(d) <= 9_007_199_254_740_992 else { return nil }
        return String(Int64(d))
    }

    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first(where: { $0.0 == key })?.1
    }

    var array: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    var string: String? { if case .string(let s) = self { s } else { nil } }
    var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
    var isObject: Bool { if case .object = self { true } else { false } }
    /// A number, or a string holding one (some tools quote their numbers).
    var number: Double? {
        switch self {
        case .number(let d): d
        case .string(let s): Double(s.trimmed)
        default: nil
        }
    }
}

/// A JSON parser that locates errors at line and column and recovers, with a warning, from the
/// invalid JSON whisper.cpp is known to write: a comma before `}` or `]`, and raw control
/// characters (tabs) inside strings.
struct JSONParser {
    var context: ReadContext
    private let b: [UInt8]
    private var pos = 0
    private var depth = 0
    private var warnedTrailingComma = false
    private var warnedControl = false

    init(_ text: String, context: ReadContext) {
        self.b = Array(text.utf8)
        self.context = context
    }

    mutating func parse() throws -> JSONValue {
        skipSpace()
        let v = try value()
        skipSpace()
        if pos < b.count { throw fail("unexpected text after the JSON value") }
        return v
    }

    /// 1-based line and column (in characters) of a byte offset.
    func lineColumn(_ offset: Int) -> (Int, Int) {
        var line = 1, column = 1
        var i = 0
        while i < min(offset, b.count) {
            if b[i] == 0x0A { line += 1; column = 1 } else if b[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return (line, column)
    }

    private func fail(_ message: String, at offset: Int? = nil) -> SamtalError {
        let (line, column) = lineColumn(offset ?? pos)
        return context.error(message, line: line, column: column, hint: "fix the JSON at this place")
    }

    private mutating func skipSpace() {
        while pos < b.count, b[pos] == 0x20 || b[pos] == 0x0A || b[pos] == 0x0D || b[pos] == 0x09 {
            pos += 1
        }
    }

    private mutating func value() throws -> JSONValue {
        guard pos < b.count else { throw fail("unexpected end of the JSON text; it looks truncated") }
        switch b[pos] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw fail("expected a JSON value")
        }
    }

    private mutating func literal(_ word: String, _ v: JSONValue) throws -> JSONValue {
        let w = Array(word.utf8)
        guard pos + w.count <= b.count, Array(b[pos..<pos + w.count]) == w else {
            throw fail("expected a JSON value")
        }
        pos += w.count
        return v
    }

    private mutating func number() throws -> JSONValue {
        let start = pos
        if b[pos] == UInt8(ascii: "-") { pos += 1 }
        while pos < b.count, (0x30...0x39).contains(b[pos]) || b[pos] == UInt8(ascii: ".")
                || b[pos] == UInt8(ascii: "e") || b[pos] == UInt8(ascii: "E")
                || b[pos] == UInt8(ascii: "+") || b[pos] == UInt8(ascii: "-") { pos += 1 }
        let text = String(decoding: b[start..<pos], as: UTF8.self)
        guard let d = Double(text), d.isFinite else { throw fail("malformed number '\(text)'", at: start) }
        return .number(d)
    }

    private mutating func enter() throws {
        depth += 1
        if depth > 512 { throw fail("JSON nested deeper than 512 levels") }
    }

    private mutating func trailingComma(_ at: Int) {
        if !warnedTrailingComma {
            warnedTrailingComma = true
            let (line, column) = lineColumn(at)
            context.warning("comma before a closing bracket (invalid JSON, as whisper.cpp writes it); ignored",
                            line: line, column: column, code: "json.trailing-comma")
        }
    }

    private mutating func object() throws -> JSONValue {
        try enter()
        defer { depth -= 1 }
        pos += 1
        var members: [(String, JSONValue)] = []
        skipSpace()
        if pos < b.count, b[pos] == UInt8(ascii: "}") { pos += 1; return .object(members) }
        while true {
            skipSpace()
            guard pos < b.count else { throw fail("unexpected end inside an object; the JSON looks truncated") }
            guard b[pos] == UInt8(ascii: "\"") else { throw fail("expected a member name in quotes") }
            let key = try string()
            skipSpace()
            guard pos < b.count, b[pos] == UInt8(ascii: ":") else { throw fail("expected ':' after the member name") }
            pos += 1
            skipSpace()
            members.append((key, try value()))
            skipSpace()
            guard pos < b.count else { throw fail("unexpected end inside an object; the JSON looks truncated") }
            if b[pos] == UInt8(ascii: "}") { pos += 1; return .object(members) }
            guard b[pos] == UInt8(ascii: ",") else { throw fail("expected ',' or '}' in an object") }
            let comma = pos
            pos += 1
            skipSpace()
            if pos < b.count, b[pos] == UInt8(ascii: "}") {
                trailingComma(comma)
                pos += 1
                return .object(members)
            }
        }
    }

    private mutating func array() throws -> JSONValue {
        try enter()
        defer { depth -= 1 }
        pos += 1
        var items: [JSONValue] = []
        skipSpace()
        if pos < b.count, b[pos] == UInt8(ascii: "]") { pos += 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try value())
            skipSpace()
            guard pos < b.count else { throw fail("unexpected end inside an array; the JSON looks truncated") }
            if b[pos] == UInt8(ascii: "]") { pos += 1; return .array(items) }
            guard b[pos] == UInt8(ascii: ",") else { throw fail("expected ',' or ']' in an array") }
            let comma = pos
            pos += 1
            skipSpace()
            if pos < b.count, b[pos] == UInt8(ascii: "]") {
                trailingComma(comma)
                pos += 1
                return .array(items)
            }
        }
    }

    private mutating func string() throws -> String {
        let open = pos
        pos += 1
        var bytes: [UInt8] = []
        while true {
            guard pos < b.count else { throw fail("unterminated string", at: open) }
            let c = b[pos]
            if c == UInt8(ascii: "\"") { pos += 1; break }
            if c == UInt8(ascii: "\\") {
                pos += 1
                guard pos < b.count else { throw fail("unterminated string", at: open) }
                let e = b[pos]
                pos += 1
                switch e {
                case UInt8(ascii: "\""): bytes.append(0x22)
                case UInt8(ascii: "\\"): bytes.append(0x5C)
                case UInt8(ascii: "/"): bytes.append(0x2F)
                case UInt8(ascii: "b"): bytes.append(0x08)
                case UInt8(ascii: "f"): bytes.append(0x0C)
                case UInt8(ascii: "n"): bytes.append(0x0A)
                case UInt8(ascii: "r"): bytes.append(0x0D)
                case UInt8(ascii: "t"): bytes.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code), pos + 1 < b.count,
                       b[pos] == UInt8(ascii: "\\"), b[pos + 1] == UInt8(ascii: "u") {
                        pos += 2
                        let low = try hex4()
                        if (0xDC00...0xDFFF).contains(low) {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            code = 0xFFFD
                        }
                    }
                    let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                    bytes.append(contentsOf: Array(String(scalar).utf8))
                default:
                    throw fail("invalid escape '\\\(Character(Unicode.Scalar(e)))' in a string", at: pos - 2)
                }
                continue
            }
            if c < 0x20 {
                if !warnedControl {
                    warnedControl = true
                    let (line, column) = lineColumn(pos)
                    context.warning("raw control character inside a string (invalid JSON, as whisper.cpp writes it); kept",
                                    line: line, column: column, code: "json.control-character")
                }
            }
            bytes.append(c)
            pos += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func hex4() throws -> UInt32 {
        guard pos + 4 <= b.count,
              let v = UInt32(String(decoding: b[pos..<pos + 4], as: UTF8.self), radix: 16)
        else { throw fail("expected four hex digits after \\u") }
        pos += 4
        return v
    }
}
