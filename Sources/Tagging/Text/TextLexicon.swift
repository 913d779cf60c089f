import Foundation
import SamtalCore

/// The word lists the text layer reads from `Models/lexicon/`: stop words and the compound-part
/// lemma list. Loaded once and shared read-only.
public final class TextLexicon: @unchecked Sendable {
    // SAFETY: every stored property is immutable after `init`.

    public let language: TextLanguage
    /// Stop words, lower-case, negations removed.
    public let stopwords: Set<String>
    /// Lemmas allowed as compound parts (Swedish only; empty for English).
    public let compoundWords: Set<String>

    public init(language: TextLanguage, stopwords: Set<String>, compoundWords: Set<String>) {
        self.language = language
        self.stopwords = stopwords.subtracting(language.negations)
        self.compoundWords = compoundWords
    }

    /// Files of `Models/lexicon/` per language.
    static func files(for language: TextLanguage) -> (stopwords: String, compounds: String?) {
        switch language {
        case .swedish: return ("lexicon/sv-stopwords.txt", "lexicon/sv-compound-parts.txt")
        case .english: return ("lexicon/en-stopwords.txt", nil)
        }
    }

    /// Loads the lists for `language` from a models directory (see `ModelStore`).
    public static func load(language: TextLanguage, models: URL) throws -> TextLexicon {
        let f = files(for: language)
        let stop = try readWordList(models.appendingPathComponent(f.stopwords))
        let compounds = try f.compounds.map { try readWordList(models.appendingPathComponent($0)) }
        return TextLexicon(language: language, stopwords: Set(stop), compoundWords: Set(compounds ?? []))
    }

    /// Loads from the default models directory.
    public static func load(language: TextLanguage) throws -> TextLexicon {
        try load(language: language, models: ModelStore.directory())
    }

    /// One word per line; `#` starts a comment line; blank lines ignored. Parsed on bytes (the
    /// compound list has 68 000 lines and is read at every start).
    static func readWordList(_ url: URL) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw SamtalError(.invalidModel, "cannot read word list \(url.path)",
                              hint: "restore it from the repository (git checkout Models/)")
        }
        var out: [String] = []
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            func emit(_ end: Int) {
                var a = start, b = end
                while a < b, bytes[a] == 0x20 || bytes[a] == 0x09 { a += 1 }
                while b > a, bytes[b - 1] == 0x20 || bytes[b - 1] == 0x09 || bytes[b - 1] == 0x0D { b -= 1 }
                guard a < b, bytes[a] != 0x23 else { return }  // blank or `#` comment
                let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[a..<b]), as: UTF8.self)
                let isLower = !word.utf8.contains { $0 >= 0x41 && $0 <= 0x5A }
                out.append(isLower && word.utf8.allSatisfy({ $0 < 0x80 }) ? word : word.lowercased())
            }
            for i in 0..<bytes.count where bytes[i] == 0x0A {
                emit(i)
                start = i + 1
            }
            emit(bytes.count)
        }
        return out
    }
}
