import Foundation
import SamtalCore

/// A codebook: the themes an analysis looks for, each with the terms that count as evidence.
///
/// Loaded from YAML (format in `Models/codebooks/README.md`) or from a REFI-QDA `.qdc` file;
/// the default is `Models/codebooks/kompetensforsorjning.yaml`.
public struct Codebook: Sendable, Equatable, Codable {
    public static let schemaVersion = 1

    /// Machine name, e.g. `"kompetensforsorjning"`.
    public var id: String
    public var version: Int
    public var language: TextLanguage
    public var labelSv: String?
    public var labelEn: String?
    /// Themes in file order.
    public var themes: [Theme]

    public init(id: String, version: Int = 1, language: TextLanguage = .swedish,
                labelSv: String? = nil, labelEn: String? = nil, themes: [Theme]) {
        self.id = id
        self.version = version
        self.language = language
        self.labelSv = labelSv
        self.labelEn = labelEn
        self.themes = themes
    }

    /// Theme ids in file order.
    public var themeIDs: [String] { themes.map(\.id) }

    /// The theme with `id`.
    public func theme(_ id: String) -> Theme? { themes.first { $0.id == id } }

    /// The default codebook from the models directory.
    public static func standard(models: URL? = nil) throws -> Codebook {
        let dir = try models ?? ModelStore.directory()
        return try load(path: dir.appendingPathComponent(defaultPath).path)
    }

    /// Path of the default codebook inside `Models/`.
    public static let defaultPath = "codebooks/kompetensforsorjning.yaml"
}

/// One theme (a code, in REFI-QDA terms).
public struct Theme: Sendable, Equatable, Codable {
    /// Lower-case machine name: letters, digits and `_` (`teknik_ai`).
    public var id: String
    public var labelSv: String
    public var labelEn: String
    public var description: String
    /// Id of the parent theme, for hierarchical codebooks.
    public var parent: String?
    public var terms: ThemeTerms
    /// Phrases whose words never count as evidence for this theme (`i praktiken` for utbildning).
    public var exclusions: [String]

    public init(id: String, labelSv: String, labelEn: String? = nil, description: String = "",
                parent: String? = nil, terms: ThemeTerms = ThemeTerms(), exclusions: [String] = []) {
        self.id = id
        self.labelSv = labelSv
        self.labelEn = labelEn ?? labelSv
        self.description = description
        self.parent = parent
        self.terms = terms
        self.exclusions = exclusions
    }
}

/// The evidence terms of a theme. Matching rules (see `CodebookMatcher`):
/// - `words`: any inflection (same Snowball stem) of the word, alone or as a compound part;
/// - `stems`: word beginnings, matched against the word and against each compound part;
/// - `compoundParts`: lemmas counted only as parts of compounds (`golv` in `lönegolvet`);
/// - `phrases`: word sequences, each word by stem, `*` alone = any one word, `word*` = beginning;
/// - `names`: proper names matched exactly as written, case included (`LO`, `IF Metall`,
///   `Företagarna` the organisation, not `företagarna` the business owners).
public struct ThemeTerms: Sendable, Equatable, Codable {
    public var words: [String]
    public var stems: [String]
    public var compoundParts: [String]
    public var phrases: [String]
    public var names: [String]

    public init(words: [String] = [], stems: [String] = [], compoundParts: [String] = [],
                phrases: [String] = [], names: [String] = []) {
        self.words = words
        self.stems = stems
        self.compoundParts = compoundParts
        self.phrases = phrases
        self.names = names
    }

    public var isEmpty: Bool {
        words.isEmpty && stems.isEmpty && compoundParts.isEmpty && phrases.isEmpty && names.isEmpty
    }
}
