/// Splits Swedish closed compounds into lemmas of their parts using a word list.
///
/// Method (dictionary decompounding in the style of Koehn & Knight 2003, "Empirical methods for
/// compound splitting"): find the split with the fewest parts such that every non-final part is a
/// listed lemma in a *combining form* and the final part is a listed lemma with an optional
/// inflection ending. Combining forms: the lemma itself (`arbetskraft-`), with a linking `s`
/// (`arbetskrafts-`) or `e` (`löne-` from lön), with its final `a`/`e`/`o` dropped (`skol-` from skola) or replaced by `s`
/// or `u` (`arbets-` from arbete, `gatu-` from gata). Ties prefer the longer first part.
/// Parts are at least `minimumPartLength` letters; words in the list themselves are only split
/// into parts of at least `minimumPartLength + 1` letters (fewer false splits of ordinary words).
public struct CompoundSplitter: Sendable {
    public var lexicon: TextLexicon
    /// Shortest part, in characters.
    public var minimumPartLength = 3
    /// Shortest word tried, in characters.
    public var minimumWordLength = 7

    public init(lexicon: TextLexicon) { self.lexicon = lexicon }

    /// Endings an inflected final part may carry, longest first.
    static let endings = ["arnas", "ernas", "ornas", "arna", "erna", "orna", "ans", "ens", "ets",
                          "ars", "ers", "ors", "nas", "ande", "ende", "are", "ade", "an", "en",
                          "et", "ar", "er", "or", "na", "ns", "ts", "n", "t", "s", "r", "a", "e"]

    /// Lemmas of the parts of `word` (lower-case), or `[]` when it is not a splittable compound.
    public func split(_ word: String) -> [String] {
        let words = lexicon.compoundWords
        if words.isEmpty { return [] }
        let chars = Array(word)
        let n = chars.count
        guard n >= minimumWordLength, chars.allSatisfy(\.isLetter) else { return [] }
        let isListed = headLemma(String(chars), in: words) != nil
        let minPart = isListed ? minimumPartLength + 1 : minimumPartLength
        // best[i]: fewest modifier parts covering chars[0..<i], with the lemmas.
        var best = [[String]?](repeating: nil, count: n + 1)
        best[0] = []
        var answer: [String]?
        for i in 0..<n {
            guard let prefix = best[i] else { continue }
            if i > 0, n - i >= minPart, let head = headLemma(String(chars[i...]), in: words) {
                let candidate = prefix + [head]
                if answer == nil || candidate.count < answer!.count { answer = candidate }
            }
            if prefix.count >= 3 { continue }  // at most four parts
            // Longest first part first, so ties keep the longer modifier.
            var j = n - minPart
            while j >= i + minPart {
                if let lemma = modifierLemma(String(chars[i..<j]), in: words) {
                    let candidate = prefix + [lemma]
                    if best[j] == nil || candidate.count < best[j]!.count { best[j] = candidate }
                }
                j -= 1
            }
        }
        return answer ?? []
    }

    /// The lemma of a combining form (`arbets` → arbete), or nil.
    func modifierLemma(_ form: String, in words: Set<String>) -> String? {
        if words.contains(form) { return form }
        var stems = [form]
        if form.hasSuffix("s") || form.hasSuffix("u") || form.hasSuffix("e") {
            let base = String(form.dropLast())
            if base.count >= minimumPartLength {
                if words.contains(base), !form.hasSuffix("u") { return base }
                stems.append(base)
            }
        }
        for s in stems {
            for v in ["a", "e", "o"] where words.contains(s + v) { return s + v }
        }
        return nil
    }

    /// The lemma of a final part, possibly inflected (`invandringen` → invandring), or nil.
    func headLemma(_ form: String, in words: Set<String>) -> String? {
        if words.contains(form) { return form }
        for e in Self.endings where form.count - e.count >= minimumPartLength && form.hasSuffix(e) {
            let base = String(form.dropLast(e.count))
            if words.contains(base) { return base }
            for v in ["a", "e"] where words.contains(base + v) { return base + v }
        }
        return nil
    }
}
