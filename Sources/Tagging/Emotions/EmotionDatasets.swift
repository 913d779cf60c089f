import Foundation
import SamtalCore

/// One labelled text of a training or evaluation set.
public struct LabelledText: Sendable, Equatable {
    public var id: String
    public var text: String
    /// Label ids (emotions), possibly empty.
    public var labels: [String]
    /// A numeric target: polarity −1/0/1 (utterances) or the 1–5 rating (absabank).
    public var value: Double?
}

/// Readers for the labelled Swedish data in `../shared/data` (formats and licences in
/// `docs/emotions.md` and `Models/emotions/README.md`).
public enum EmotionDatasets {
    public static let brighterLabels = ["anger", "disgust", "fear", "joy", "sadness", "surprise"]
    /// XED's numbering: anger 1, anticipation 2, disgust 3, fear 4, joy 5, sadness 6, surprise 7,
    /// trust 8 (0 = neutral).
    public static let xedLabels = ["anger", "anticipation", "disgust", "fear", "joy", "sadness",
                                   "surprise", "trust"]

    static func read(_ url: URL) throws -> String {
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw SamtalError(.fileNotFound, "cannot read \(url.path)",
                              hint: "pass the shared data folder with --shared (e.g. ../shared/data)",
                              underlying: "\(error)")
        }
    }

    /// BRIGHTER track A CSV: `id,text,anger,disgust,fear,joy,sadness,surprise` (RFC 4180 quoting).
    public static func brighter(_ url: URL) throws -> [LabelledText] {
        let rows = try CSV.parse(read(url), file: url.path)
        guard let header = rows.first, header.count >= 8, header[0] == "id", header[1] == "text" else {
            throw SamtalError(.parseError, "expected the header id,text,anger,…",
                              location: SourceLocation(file: url.path, line: 1))
        }
        let names = Array(header[2...])
        return try rows.dropFirst().enumerated().map { n, row in
            guard row.count == header.count else {
                throw SamtalError(.parseError, "expected \(header.count) fields, found \(row.count)",
                                  location: SourceLocation(file: url.path, line: n + 2))
            }
            let labels = names.indices.filter { row[2 + $0] == "1" }.map { names[$0] }
            return LabelledText(id: row[0], text: row[1], labels: labels)
        }
    }

    /// XED TSV: `text<TAB>1,4,6` (numbers as in `xedLabels`, 1-based; 0 = neutral). Ids are
    /// `xed-<line>`.
    public static func xed(_ url: URL) throws -> [LabelledText] {
        var out: [LabelledText] = []
        for (n, line) in try read(url).split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.isEmpty {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cols.count == 2 else {
                throw SamtalError(.parseError, "expected `text<TAB>labels`",
                                  location: SourceLocation(file: url.path, line: n + 1))
            }
            var labels: [String] = []
            for code in cols[1].split(separator: ",") {
                guard let k = Int(code.trimmingCharacters(in: .whitespaces)), (0...8).contains(k) else {
                    throw SamtalError(.parseError, "unknown XED label `\(code)`",
                                      location: SourceLocation(file: url.path, line: n + 1))
                }
                if k > 0 && !labels.contains(xedLabels[k - 1]) { labels.append(xedLabels[k - 1]) }
            }
            out.append(LabelledText(id: "xed-\(n + 1)", text: String(cols[0]), labels: labels))
        }
        return out
    }

    /// The deterministic XED-sv split (the corpus ships one file): an item is in the dev split
    /// when the FNV-1a 64-bit hash of its UTF-8 text is divisible by 5 (≈ 20 %); identical texts
    /// always fall on the same side.
    public static func xedIsDev(_ item: LabelledText) -> Bool {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in item.text.utf8 {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01b3
        }
        return h % 5 == 0
    }

    /// SuperLim absabank-imm TSV: `id<TAB>text<TAB>label<TAB>a0…` with label the mean 1–5 rating.
    public static func absabank(_ url: URL) throws -> [LabelledText] {
        var out: [LabelledText] = []
        for (n, line) in try read(url).split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where n > 0 && !line.isEmpty {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cols.count >= 3, let rating = Double(cols[2]) else {
                throw SamtalError(.parseError, "expected `id<TAB>text<TAB>rating`",
                                  location: SourceLocation(file: url.path, line: n + 1))
            }
            out.append(LabelledText(id: String(cols[0]), text: String(cols[1]), labels: [], value: rating))
        }
        return out
    }

    /// utterances-sv JSONL: `{"id", "text", "emotions", "polarity", …}` per line.
    public static func utterances(_ url: URL) throws -> [LabelledText] {
        struct Row: Decodable {
            var id: String
            var text: String
            var emotions: [String]
            var polarity: Double
        }
        var out: [LabelledText] = []
        for (n, line) in try read(url).split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            do {
                let row = try JSONDecoder().decode(Row.self, from: Data(line.utf8))
                out.append(LabelledText(id: row.id, text: row.text, labels: row.emotions, value: row.polarity))
            } catch {
                throw SamtalError(.parseError, "not a labelled utterance",
                                  location: SourceLocation(file: url.path, line: n + 1),
                                  underlying: "\(error)")
            }
        }
        return out
    }
}

/// A small RFC 4180 CSV reader: quoted fields may hold commas, doubled quotes and newlines.
enum CSV {
    static func parse(_ text: String, file: String) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var it = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? it.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let n = it.next() {
                        if n == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = n }
                    } else {
                        quoted = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty: quoted = true
            case ",":
                row.append(field)
                field = ""
            case "\r": break
            case "\n":
                row.append(field)
                rows.append(row)
                row = []
                field = ""
                line += 1
            default: field.unicodeScalars.append(c)
            }
        }
        if quoted {
            throw SamtalError(.parseError, "unterminated quoted field",
                              location: SourceLocation(file: file, line: line))
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}
