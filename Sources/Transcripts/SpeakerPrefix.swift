import SamtalCore

/// `Name: text` speaker prefixes, as Zoom, WhisperX (`[SPEAKER_00]: text`) and many hand-made
/// transcripts write them.
enum SpeakerPrefix {
    /// Splits `Name: rest` when the part before the colon looks like a name: 1–40 characters,
    /// at most five words, starting with a letter (or `[`), no sentence punctuation, and the
    /// colon followed by a space or the end of the line (so `10:30` and `https://` stay text).
    static func split(_ text: String) -> (name: String, rest: String)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let after = text.index(after: colon)
        guard after == text.endIndex || text[after] == " " || text[after] == "\t"
                || text[after] == "\n" else { return nil }
        var name = text[..<colon].trimmed
        if name.hasPrefix("["), name.hasSuffix("]"), name.count > 2 {
            name = String(name.dropFirst().dropLast()).trimmed
        }
        guard (1...40).contains(name.count), let first = name.first, first.isLetter,
              name.split(separator: " ").count <= 5,
              !name.contains(where: { "?!;\"<>{}[]=\n:".contains($0) })
        else { return nil }
        // A sentence ending in a period is text, not a name ("Note the time." ≠ a speaker).
        if name.hasSuffix(".") { return nil }
        return (name, String(text[after...]).trimmed)
    }

    /// Applies `split` to every utterance when at least half of those with text carry a
    /// prefix, so that an ordinary subtitle starting with "Note: " is not taken for a speaker.
    static func applyIfConsistent(_ utterances: inout [Utterance]) {
        let withText = utterances.filter { !$0.text.isEmpty && $0.speaker == nil }
        guard !withText.isEmpty else { return }
        let prefixed = withText.filter { split($0.text) != nil }.count
        guard prefixed * 2 >= withText.count else { return }
        for i in utterances.indices where utterances[i].speaker == nil {
            if let (name, rest) = split(utterances[i].text) {
                utterances[i].speaker = name
                utterances[i].text = rest
            }
        }
    }
}

/// Ids: the source's when present and unique, else derived from the position (`u0001`).
struct UtteranceIDs {
    private var seen = Set<String>()

    mutating func make(_ sourceID: String?, index: Int) -> String {
        var candidate = sourceID?.trimmed ?? ""
        if candidate.isEmpty { candidate = UtteranceIDs.positional(index) }
        if seen.contains(candidate) {
            var n = 2
            while seen.contains("\(candidate)#\(n)") { n += 1 }
            candidate = "\(candidate)#\(n)"
        }
        seen.insert(candidate)
        return candidate
    }

    static func positional(_ index: Int) -> String {
        let n = String(index + 1)
        return "u" + String(repeating: "0", count: max(0, 4 - n.count)) + n
    }
}
