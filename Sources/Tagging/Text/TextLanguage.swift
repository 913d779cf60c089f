/// The languages the text layer analyses: Swedish first, English with the same machinery.
public enum TextLanguage: String, Sendable, Codable, CaseIterable {
    case swedish = "sv"
    case english = "en"

    /// libstemmer's algorithm name.
    var snowballName: String { self == .swedish ? "swedish" : "english" }

    /// Words that negate what follows. They are flagged, never dropped as stop words.
    public var negations: Set<String> {
        switch self {
        case .swedish:
            return ["inte", "ingen", "inget", "inga", "aldrig", "utan", "icke", "ej", "knappast",
                    "int", "varken", "ingenting", "ingenstans"]
        case .english:
            return ["not", "no", "never", "without", "nobody", "nothing", "none", "neither", "nor",
                    "n't", "hardly", "cannot"]
        }
    }

    /// Spoken fillers and discourse particles, flagged so that later layers can ignore them.
    public var fillers: Set<String> {
        switch self {
        case .swedish:
            return ["alltså", "liksom", "asså", "typ", "ba", "eh", "ehm", "öh", "öhm", "äh", "hm",
                    "hmm", "mm", "mhm", "ju", "va", "nåja", "ah"]
        case .english:
            return ["uh", "um", "er", "erm", "hmm", "like", "y'know"]
        }
    }

    /// Abbreviations written with full stops, lower-case, longest forms first where one is a
    /// prefix of another. A sentence never ends inside them; the ones in
    /// `sentenceFinalAbbreviations` may end a sentence when a capital letter follows.
    var abbreviations: [String] {
        switch self {
        case .swedish:
            return ["fr.o.m.", "t.o.m.", "o.s.v.", "d.v.s.", "p.g.a.", "m.fl.", "t.ex.", "bl.a.",
                    "m.m.", "s.k.", "f.d.", "o.d.", "e.d.", "t.v.", "f.ö.", "ang.", "osv.", "dvs.",
                    "pga.", "etc.", "resp.", "inkl.", "exkl.", "jfr.", "ca.", "kl.", "nr.", "st.",
                    "tel.", "mfl.", "obs.", "prof.", "dr."]
        case .english:
            return ["e.g.", "i.e.", "etc.", "vs.", "mr.", "mrs.", "ms.", "dr.", "prof.",
                    "approx.", "incl.", "a.m.", "p.m."]
        }
    }

    var sentenceFinalAbbreviations: Set<String> {
        ["osv.", "o.s.v.", "m.m.", "m.fl.", "mfl.", "etc.", "o.d.", "e.d."]
    }
}
