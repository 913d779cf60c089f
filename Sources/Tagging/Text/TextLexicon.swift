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

    /// One word per line; `#` starts a comment line; blank lines ignored.
    static func readWordList(_ url: URL) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw SamtalError(.invalidModel, "cannot read word list \(url.path)",
                              hint: "restore it from the repository (git checkout Models/)")
        }
        var out: [String] = []
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let w = line.trimmingCharacters(in: .whitespaces)
            if w.isEmpty || w.hasPrefix("#") { continue }
            out.append(w.lowercased())
        }
        return out
    }
}
