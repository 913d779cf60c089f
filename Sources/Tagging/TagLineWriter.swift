import SamtalCore

/// Writes JSONL lines of `UtteranceTags` as UTF-8: byte for byte the object `JSONEncoder` writes
/// with sorted keys and unescaped slashes, built directly because encoding dominated the time of
/// large runs.
///
/// Utterances of one run carry the same few score and evidence keys, so keys are ranked once
/// (`order`) and each line sorts by rank.
public struct TagLineWriter: Sendable {
    /// The lines written so far.
    public private(set) var bytes: [UInt8] = []
    /// Every key seen, sorted, and the position of each in that order.
    private var order: [String] = []
    private var rank: [String: Int] = [:]
    private var encodedKeys: [[UInt8]] = []

    public init() {}

    /// Appends the line of `tags`, with its newline.
    public mutating func append(_ tags: UtteranceTags) {
        bytes.append(contentsOf: #"{"actors":"#.utf8)
        list(tags.actors)
        bytes.append(contentsOf: #","emotions":"#.utf8)
        list(tags.emotions)
        bytes.append(contentsOf: #","evidence":{"#.utf8)
        for (i, (key, words)) in sorted(tags.evidence).enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: encodedKeys[key])
            list(words)
        }
        bytes.append(contentsOf: #"},"id":"#.utf8)
        string(tags.id)
        bytes.append(contentsOf: #","polarity":"#.utf8)
        number(tags.polarity)
        bytes.append(contentsOf: #","scores":{"#.utf8)
        for (i, (key, score)) in sorted(tags.scores).enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: encodedKeys[key])
            number(score)
        }
        bytes.append(contentsOf: #"},"themes":"#.utf8)
        list(tags.themes)
        bytes.append(contentsOf: "}\n".utf8)
    }

    /// The entries of `dictionary` as (rank of the key, value), sorted by key. Keys are ranked
    /// once in `order`, the sorted union of every key written so far, so a line sorts integers
    /// instead of comparing strings; `encodedKeys[rank]` is the key written as `"key":`.
    private mutating func sorted<V>(_ dictionary: [String: V]) -> [(rank: Int, value: V)] {
        var ranked: [(rank: Int, value: V)] = []
        ranked.reserveCapacity(dictionary.count)
        for (key, value) in dictionary {
            guard let r = rank[key] else {
                order = (order + dictionary.keys.filter { rank[$0] == nil }).sorted()
                rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
                encodedKeys = order.map { key in
                    var encoder = TagLineWriter()
                    encoder.string(key)
                    encoder.bytes.append(UInt8(ascii: ":"))
                    return encoder.bytes
                }
                return sorted(dictionary)
            }
            ranked.append((r, value))
        }
        ranked.sort { $0.rank < $1.rank }
        return ranked
    }

    private mutating func list(_ items: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (i, s) in items.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            string(s)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// A JSON string as `JSONEncoder` escapes it: `"` `\\` and control characters (`\n` `\r`
    /// `\t` by name, others `\u00XX`); `/` and non-ASCII are written as they are.
    private mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            // Most strings need no escaping: append them whole.
            if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                bytes.append(contentsOf: utf8)
                return
            }
            for b in utf8 {
                switch b {
                case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
                case 0x0A: bytes.append(contentsOf: #"\n"#.utf8)
                case 0x0D: bytes.append(contentsOf: #"\r"#.utf8)
                case 0x09: bytes.append(contentsOf: #"\t"#.utf8)
                case ..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: #"\u00"#.utf8)
                    bytes.append(hex[Int(b >> 4)])
                    bytes.append(hex[Int(b & 0xF)])
                default: bytes.append(b)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Shortest round-trip form; whole numbers without a fraction, like `JSONEncoder`.
    private mutating func number(_ d: Double) {
        guard d.isFinite else { return bytes.append(UInt8(ascii: "0")) }
        if d == d.rounded(), abs(d) < 1e15 {
            bytes.append(contentsOf: String(Int64(d)).utf8)
        } else {
            bytes.append(contentsOf: d.description.utf8)
        }
    }
}
