/// Language helpers for generated text: number agreement, lists, times and deterministic variation.
///
/// Variation is chosen by a stable hash of the content (FNV-1a, 64 bit), never at random, so the
/// same input always gives the same words while different themes read differently.
struct Wording: Sendable {
    let language: SummaryLanguage

    /// Grammatical gender of a Swedish noun, which decides "en"/"ett" for the number one.
    enum Gender { case common, neuter }

    /// A Swedish or English count noun with its singular and plural forms.
    struct Noun {
        var svSingular: String
        var svPlural: String
        var svGender: Gender
        var enSingular: String
        var enPlural: String

        static let speaker = Noun(svSingular: "talare", svPlural: "talare", svGender: .common,
                                  enSingular: "speaker", enPlural: "speakers")
        static let utterance = Noun(svSingular: "yttrande", svPlural: "yttranden",
                                    svGender: .neuter, enSingular: "utterance",
                                    enPlural: "utterances")
        static let turn = Noun(svSingular: "tur", svPlural: "turer", svGender: .common,
                               enSingular: "turn", enPlural: "turns")
        static let table = Noun(svSingular: "bord", svPlural: "bord", svGender: .neuter,
                                enSingular: "table", enPlural: "tables")
        static let theme = Noun(svSingular: "tema", svPlural: "teman", svGender: .neuter,
                                enSingular: "theme", enPlural: "themes")
        static let actor = Noun(svSingular: "aktör", svPlural: "aktörer", svGender: .common,
                                enSingular: "actor", enPlural: "actors")
    }

    /// `count` spelled with its noun: "en talare", "tre talare", "ett yttrande", "fyra yttranden",
    /// "one speaker", "14 utterances". Numbers up to twelve are written as words.
    func count(_ count: Int, _ noun: Noun) -> String {
        switch language {
        case .sv:
            let word: String
            if count == 1 {
                word = noun.svGender == .common ? "en" : "ett"
            } else {
                word = Self.svNumbers[count] ?? "\(count)"
            }
            return "\(word) \(count == 1 ? noun.svSingular : noun.svPlural)"
        case .en:
            let word = Self.enNumbers[count] ?? "\(count)"
            return "\(word) \(count == 1 ? noun.enSingular : noun.enPlural)"
        }
    }

    private static let svNumbers: [Int: String] = [
        0: "inga", 2: "två", 3: "tre", 4: "fyra", 5: "fem", 6: "sex", 7: "sju", 8: "åtta",
        9: "nio", 10: "tio", 11: "elva", 12: "tolv",
    ]
    private static let enNumbers: [Int: String] = [
        0: "no", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven",
        8: "eight", 9: "nine", 10: "ten", 11: "eleven", 12: "twelve",
    ]

    /// "a", "a och b", "a, b och c" (English: "a, b and c"). When an item itself holds "och"
    /// ("oro och osäkerhet"), the last link becomes "samt" ("as well as") to keep it readable.
    func list(_ items: [String]) -> String {
        var and = language == .sv ? "och" : "and"
        if items.count > 1, items.contains(where: { $0.contains(" \(and) ") }) {
            and = language == .sv ? "samt" : "as well as"
        }
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " \(and) " + items.last!
        }
    }

    /// A percentage with no decimals: "42 %" (Swedish, with a space) or "42%".
    func percent(_ fraction: Double) -> String {
        let p = Int((fraction * 100).rounded())
        return language == .sv ? "\(p) %" : "\(p)%"
    }

    /// A decimal with two places in the language's style: "0,83" or "0.83".
    func decimal(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let whole = hundredths / 100, frac = abs(hundredths % 100)
        let sep = language == .sv ? "," : "."
        return "\(whole)\(sep)\(frac < 10 ? "0" : "")\(frac)"
    }

    /// Seconds as `m:ss` or `h:mm:ss`.
    static func clock(_ seconds: Double) -> String {
        let total = max(0, Int(seconds.rounded(.down)))
        let h = total / 3600, m = (total % 3600) / 60, s = total % 60
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(m):\(two(s))"
    }

    /// A duration in words: "4 min 05 s" style, "1 h 02 min".
    func duration(_ seconds: Double) -> String {
        let total = max(0, Int(seconds.rounded()))
        let h = total / 3600, m = (total % 3600) / 60, s = total % 60
        if h > 0 { return "\(h) h \(m) min" }
        if m > 0 { return "\(m) min \(s) s" }
        return "\(s) s"
    }

    /// A label used inside a sentence: its first letter lower-cased unless it looks like a name
    /// or an acronym ("Samverkan" → "samverkan", "AI och automatisering" stays).
    static func inline(_ label: String) -> String {
        guard let first = label.first, first.isUppercase else { return label }
        let second = label.dropFirst().first
        if let second, second.isUppercase { return label }
        return first.lowercased() + label.dropFirst()
    }

    /// A sentence-initial form: first letter upper-cased.
    static func capitalised(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.uppercased() + s.dropFirst()
    }

    /// Picks one of `options` by a stable hash of `key`.
    static func pick<T>(_ options: [T], _ key: String) -> T {
        options[Int(StableHash.fnv1a(key) % UInt64(options.count))]
    }
}

/// FNV-1a, 64 bit: a small stable hash for deterministic choices and ids (not for security).
public enum StableHash {
    public static func fnv1a<S: Sequence>(bytes: S) -> UInt64 where S.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }

    public static func fnv1a(_ s: String) -> UInt64 { fnv1a(bytes: s.utf8) }
}
