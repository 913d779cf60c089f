/// One token of an analysed text: a word, number, abbreviation or punctuation mark.
///
/// Offsets (`range`) count **Unicode scalars (code points)** from the start of the analysed text,
/// half-open, because REFI-QDA selections (`startPosition`/`endPosition`) are code-point offsets.
/// `String.unicodeScalars` indexes the same units; UTF-16 offsets differ only for characters
/// outside the Basic Multilingual Plane (emoji).
public struct Token: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case word, number, abbreviation, punctuation, symbol

        /// A small distinct number per kind (for hashing).
        var hashTag: UInt8 {
            switch self {
            case .word: 0
            case .number: 1
            case .abbreviation: 2
            case .punctuation: 3
            case .symbol: 4
            }
        }
    }

    /// Properties of a token, set by the analyser.
    public struct Flags: OptionSet, Sendable, Hashable {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }

        /// A function word from the stop list (negations are never stop words).
        public static let stopword = Flags(rawValue: 1 << 0)
        /// A negation: inte, ingen, inget, inga, aldrig, utan, icke, ej, knappast ….
        public static let negation = Flags(rawValue: 1 << 1)
        /// A spoken filler or discourse particle: alltså, liksom, asså, typ, ba, eh, öh ….
        public static let filler = Flags(rawValue: 1 << 2)
        /// Written with a hyphen inside (`CNC-operatör`, `kompetens-försörjning`).
        public static let hyphenated = Flags(rawValue: 1 << 3)
        /// Split into `compoundParts`.
        public static let compound = Flags(rawValue: 1 << 4)
        /// Starts with a capital letter.
        public static let capitalized = Flags(rawValue: 1 << 5)
    }

    /// The text as written.
    public var surface: String
    /// Lower-case, NFC, typographic apostrophes and dashes folded (`’` → `'`, `–` → `-`).
    public var normalized: String
    /// Snowball stem of `normalized` (equal to `normalized` for non-words).
    public var stem: String
    /// Lemmas of the parts of a closed or hyphenated compound
    /// (`arbetskraftsinvandringen` → `["arbetskraft", "invandring"]`); empty when not a compound.
    public var compoundParts: [String]
    public var kind: Kind
    public var flags: Flags
    /// Half-open Unicode-scalar offsets into the analysed text.
    public var range: Range<Int>
    /// Index of the sentence holding the token (0-based).
    public var sentence: Int

    public init(surface: String, normalized: String, stem: String, compoundParts: [String] = [],
                kind: Kind, flags: Flags = [], range: Range<Int>, sentence: Int) {
        self.surface = surface
        self.normalized = normalized
        self.stem = stem
        self.compoundParts = compoundParts
        self.kind = kind
        self.flags = flags
        self.range = range
        self.sentence = sentence
    }

    public var isWord: Bool { kind == .word }
    public var isStopword: Bool { flags.contains(.stopword) }
    public var isNegation: Bool { flags.contains(.negation) }
    public var isFiller: Bool { flags.contains(.filler) }
    /// A word that carries content: a word that is neither stop word, negation nor filler.
    public var isContentWord: Bool {
        kind == .word && flags.isDisjoint(with: [.stopword, .negation, .filler])
    }
}

/// A text split into sentences and tokens.
public struct AnalyzedText: Sendable, Equatable {
    /// The text analysed; token ranges index its Unicode scalars.
    public var text: String
    public var language: TextLanguage
    public var tokens: [Token] {
        // Changed tokens no longer are the words the ids name.
        didSet { wordIDs = [] }
    }
    /// Token index ranges of the sentences, in order; every token belongs to exactly one.
    public var sentences: [Range<Int>]
    /// The `WordTable` id of each token's word when the analyser made the tokens (−1 for a word
    /// the full table did not keep); empty otherwise. Lets later layers cache per word.
    var wordIDs: [Int32] = []
    /// The table `wordIDs` refer to.
    var words: WordTable?

    public init(text: String, language: TextLanguage, tokens: [Token], sentences: [Range<Int>]) {
        self.text = text
        self.language = language
        self.tokens = tokens
        self.sentences = sentences
    }

    /// Equal texts, languages, tokens and sentences (word ids are a cache, not content).
    public static func == (a: AnalyzedText, b: AnalyzedText) -> Bool {
        a.text == b.text && a.language == b.language && a.tokens == b.tokens
            && a.sentences == b.sentences
    }

    /// The tokens of sentence `i`.
    public func tokens(inSentence i: Int) -> ArraySlice<Token> { tokens[sentences[i]] }
}
