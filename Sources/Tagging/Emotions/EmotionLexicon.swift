import Foundation
import SamtalCore

/// The word lists of the lexicon layer, read once and shared read-only by every analysis.
///
/// - word valence in −1…1 from VADER-sv (MIT) and Språkbanken's sentimentlex (CC BY), looked up
///   by normalised form, then by Snowball stem;
/// - cue patterns for the five discussion emotions (hand-written, `discussion-emotions.tsv`);
/// - modifiers: negators, intensifiers, diminishers, intensifying prefixes, contrast words, irony
///   markers (`modifiers.tsv`).
public final class EmotionLexicon: @unchecked Sendable {
    // SAFETY: every stored property is set in `init` and never mutated afterwards.

    /// A multi-token cue for one label.
    public struct Pattern: Sendable, Equatable {
        /// Index of the label in `cueLabels`, or −1 for an irony marker.
        public var label: Int
        public var weight: Float
        /// Tokens to match in order; a token ending in `*` matches by prefix.
        public var tokens: [String]
        /// True when the pattern itself contains a negator ("orkar inte"), so no negation check.
        public var containsNegator: Bool
        /// Per token: the FNV-1a hash of an exact token, or nil for a prefix token.
        var hashes: [UInt64?]
        /// Per token: the UTF-8 bytes of a prefix token (without `*`), empty for exact tokens.
        var prefixBytes: [[UInt8]]
        public var text: String { tokens.joined(separator: " ") }

        init(label: Int, weight: Float, tokens: [String], containsNegator: Bool) {
            self.label = label
            self.weight = weight
            self.tokens = tokens
            self.containsNegator = containsNegator
            hashes = tokens.map { $0.hasSuffix("*") ? nil : StableHash.fnv1a($0) }
            prefixBytes = tokens.map { $0.hasSuffix("*") ? Array($0.dropLast().utf8) : [] }
        }
    }

    public enum ModifierKind: String, Sendable {
        case negator, intensifier, diminisher, prefix, contrast, irony
    }

    /// Labels of the cue lexicon, in first-seen order.
    public let cueLabels: [String]
    // Tables keyed by `StableHash.fnv1a` of the normalised word (or stem).
    let valenceByWord: [UInt64: Float]
    let valenceByStem: [UInt64: Float]
    /// Patterns whose first token is exact, keyed by it.
    let patternsByFirst: [UInt64: [Pattern]]
    /// Patterns whose first token is a prefix (`besvik*`), keyed by its first three characters.
    let prefixPatterns: [UInt64: [Pattern]]
    let negators: [UInt64: Float]
    /// Intensifiers (> 1) and diminishers (< 1) before a word.
    let degree: [UInt64: Float]
    /// Intensifying prefixes as UTF-8 bytes, longest first.
    let prefixes: [([UInt8], Float)]
    let contrast: [UInt64: Float]
    /// Words with a valence.
    public let valenceCount: Int

    /// File names inside `Models/emotions/lexicons/`.
    public static let vaderFile = "vader-sv.tsv"
    public static let sentimentlexFile = "sentimentlex-sv.tsv"
    public static let cueFile = "discussion-emotions.tsv"
    public static let modifierFile = "modifiers.tsv"

    /// Loads the lexicons from `directory` (e.g. `Models/emotions/lexicons`), stemming every entry
    /// with `stem` so inflected forms match.
    public convenience init(directory: URL, stem: (String) -> String) throws {
        func rows(_ name: String) throws -> [(Int, [String])] {
            let path = directory.appendingPathComponent(name).path
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw SamtalError(.invalidModel, "cannot read lexicon \(path)",
                                  hint: "restore Models/emotions from the repository or run `make train`",
                                  underlying: "\(error)")
            }
            // Lines and columns cut on bytes (splitting on `Character`s was most of loading).
            // The same cuts: a line feed is a grapheme of its own except after a carriage return
            // (`\r\n` is one), and a tab always is.
            var out: [(Int, [String])] = []
            let utf8 = text.utf8
            var start = utf8.startIndex
            var previous: UInt8 = 0
            var n = 0
            func line(_ end: String.Index) {
                n += 1
                let line = Substring(utf8[start..<end])
                if line.isEmpty || line.hasPrefix("#") { return }
                out.append((n, line.utf8.split(separator: 0x09, omittingEmptySubsequences: false)
                    .map { String(Substring($0)) }))
            }
            for i in utf8.indices {
                let b = utf8[i]
                if b == 0x0A && previous != 0x0D {
                    line(i)
                    start = utf8.index(after: i)
                }
                previous = b
            }
            line(utf8.endIndex)
            return out
        }
        func number(_ s: String, _ file: String, _ line: Int) throws -> Float {
            // Trimming is needed only when the value starts or ends with white space.
            let padded = s.first.map(\.isWhitespace) ?? false || s.last.map(\.isWhitespace) ?? false
            guard let v = Float(padded ? s.trimmingCharacters(in: .whitespaces) : s) else {
                throw SamtalError(.parseError, "expected a number, found `\(s)`",
                                  location: SourceLocation(file: directory.appendingPathComponent(file).path, line: line))
            }
            return v
        }
        // Word valence: the mean of the sources that know the word, each scaled to −1…1.
        var sums: [String: (Float, Float)] = [:]
        for (file, scale) in [(Self.vaderFile, Float(4)), (Self.sentimentlexFile, Float(4))] {
            for (line, cols) in try rows(file) {
                guard cols.count >= 2 else {
                    throw SamtalError(.parseError, "expected `word<TAB>value`",
                                      location: SourceLocation(file: directory.appendingPathComponent(file).path, line: line))
                }
                let v = max(-1, min(1, try number(cols[1], file, line) / scale))
                let s = sums[cols[0], default: (0, 0)]
                sums[cols[0]] = (s.0 + v, s.1 + 1)
            }
        }
        var cues: [(String, Float, [String])] = []
        for (line, cols) in try rows(Self.cueFile) {
            guard cols.count >= 3 else {
                throw SamtalError(.parseError, "expected `label<TAB>weight<TAB>pattern`",
                                  location: SourceLocation(file: directory.appendingPathComponent(Self.cueFile).path, line: line))
            }
            cues.append((cols[0], try number(cols[1], Self.cueFile, line),
                         cols[2].split(separator: " ").map(String.init)))
        }
        var modifiers: [(ModifierKind, String, Float)] = []
        for (line, cols) in try rows(Self.modifierFile) {
            guard cols.count >= 3, let kind = ModifierKind(rawValue: cols[0]) else {
                throw SamtalError(.parseError, "expected `kind<TAB>word<TAB>factor` with kind negator, intensifier, diminisher, prefix, contrast or irony",
                                  location: SourceLocation(file: directory.appendingPathComponent(Self.modifierFile).path, line: line))
            }
            modifiers.append((kind, cols[1], try number(cols[2], Self.modifierFile, line)))
        }
        self.init(valence: sums.mapValues { $0.0 / $0.1 }, cues: cues, modifiers: modifiers, stem: stem)
    }

    /// A lexicon from in-memory lists (tests, other languages).
    public init(valence: [String: Float], cues: [(label: String, weight: Float, tokens: [String])],
                modifiers: [(ModifierKind, String, Float)], stem: (String) -> String) {
        valenceByWord = Dictionary(valence.map { (StableHash.fnv1a($0.key), $0.value) },
                                   uniquingKeysWith: { a, _ in a })
        valenceCount = valence.count
        // Stems of lexicon words; a stem shared by words of opposite sign is dropped.
        var byStem: [UInt64: (Float, Int, Bool)] = [:]
        for (word, v) in valence.sorted(by: { $0.key < $1.key }) where !word.contains(" ") {
            let s = StableHash.fnv1a(stem(word))
            if let e = byStem[s] {
                byStem[s] = (e.0 + v, e.1 + 1, e.2 || (e.0 > 0) != (v > 0))
            } else {
                byStem[s] = (v, 1, false)
            }
        }
        valenceByStem = byStem.compactMapValues { $0.2 ? nil : $0.0 / Float($0.1) }

        var labels: [String] = []
        var first: [UInt64: [Pattern]] = [:]
        var prefix: [UInt64: [Pattern]] = [:]
        let negatorWords = Set(modifiers.filter { $0.0 == .negator }.map(\.1))
        func add(_ p: Pattern) {
            let head = p.tokens[0]
            if head.hasSuffix("*") {
                prefix[StableHash.fnv1a(prefixOf: String(head.dropLast()), scalars: 3), default: []].append(p)
            } else {
                first[StableHash.fnv1a(head), default: []].append(p)
            }
        }
        for cue in cues where !cue.tokens.isEmpty {
            if !labels.contains(cue.label) { labels.append(cue.label) }
            let tokens = cue.tokens.map { $0.lowercased() }
            add(Pattern(label: labels.firstIndex(of: cue.label)!, weight: cue.weight, tokens: tokens,
                        containsNegator: tokens.contains { negatorWords.contains($0) }))
        }
        for (kind, word, _) in modifiers where kind == .irony {
            let tokens = word.lowercased().split(separator: " ").map(String.init)
            add(Pattern(label: -1, weight: 1, tokens: tokens, containsNegator: false))
        }
        cueLabels = labels
        patternsByFirst = first
        prefixPatterns = prefix
        func table(_ kinds: Set<ModifierKind>) -> [UInt64: Float] {
            Dictionary(modifiers.filter { kinds.contains($0.0) }.map { (StableHash.fnv1a($0.1), $0.2) },
                       uniquingKeysWith: { a, _ in a })
        }
        negators = table([.negator])
        degree = table([.intensifier, .diminisher])
        contrast = table([.contrast])
        prefixes = modifiers.filter { $0.0 == .prefix }
            .sorted { $0.1.utf8.count != $1.1.utf8.count ? $0.1.utf8.count > $1.1.utf8.count : $0.1 < $1.1 }
            .map { (Array($0.1.utf8), $0.2) }
    }

    /// Valence of a word in −1…1 by normalised form, then stem (both as `StableHash` values);
    /// nil when unknown.
    @inline(__always)
    func valence(normalized: UInt64, stem: UInt64) -> Float? {
        valenceByWord[normalized] ?? valenceByStem[stem]
    }
}
