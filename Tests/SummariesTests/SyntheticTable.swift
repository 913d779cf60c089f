import SamtalCore
@testable import Summaries

/// A small synthetic table discussion with known tags: three speakers; worry about skills supply
/// early, hope about cooperation late; the municipality and employers as actors.
enum SyntheticTable {
    static let labels = LabelDictionary(
        themes: [
            "kompetensforsorjning": Label(sv: "Kompetensförsörjning", en: "Skills supply"),
            "samverkan": Label(sv: "Samverkan", en: "Cooperation"),
            "unga": Label(sv: "Unga och framtid", en: "Young people", discovered: true),
        ],
        emotions: [
            "oro": Label(sv: "Oro och osäkerhet", en: "Worry and uncertainty"),
            "hopp": Label(sv: "Hopp", en: "Hope"),
            "frustration": Label(sv: "Frustration", en: "Frustration"),
        ],
        actors: [
            "kommunen": Label(sv: "kommunen", en: "the municipality"),
            "foretag": Label(sv: "företagen", en: "employers"),
        ])

    /// (speaker, text, themes, emotions, actors, polarity)
    static let rows: [(String, String, [String], [String], [String], Double)] = [
        ("Anna", "Vi har svårt att hitta folk med rätt kompetens, det oroar mig verkligen.",
         ["kompetensforsorjning"], ["oro"], [], -0.6),
        ("Bertil", "Företagen säger att de inte får tag i utbildad personal alls.",
         ["kompetensforsorjning"], ["oro", "frustration"], ["foretag"], -0.5),
        ("Cecilia", "Det är frustrerande att kommunen inte lyssnar på oss.",
         ["samverkan"], ["frustration"], ["kommunen"], -0.7),
        ("Anna", "Jag är osäker på hur det ska gå för regionen framöver.",
         ["kompetensforsorjning"], ["oro"], [], -0.4),
        ("Bertil", "Ja.", [], [], [], 0),
        ("Cecilia", "Ungdomarna flyttar härifrån och det är oroande.",
         ["unga", "kompetensforsorjning"], ["oro"], [], -0.5),
        ("Anna", "Men om kommunen och företagen samarbetar kan vi lösa mycket.",
         ["samverkan"], ["hopp"], ["kommunen", "foretag"], 0.6),
        ("Bertil", "Jag tror på ett gemensamt forum för samverkan mellan skola och näringsliv.",
         ["samverkan"], ["hopp"], [], 0.7),
        ("Cecilia", "Unga behöver se att det finns framtid här, det ger mig hopp.",
         ["unga"], ["hopp"], [], 0.5),
        ("Anna", "Vi kan bygga något bra tillsammans med företagen.",
         ["samverkan"], ["hopp"], ["foretag"], 0.8),
    ]

    static func input(title: String = "Bord 1") -> SummaryInput {
        var utterances: [Utterance] = []
        var tags: [UtteranceTags] = []
        for (i, r) in rows.enumerated() {
            let id = "u\(i + 1)"
            utterances.append(Utterance(id: id, start: Double(i) * 12, end: Double(i) * 12 + 10,
                                        speaker: r.0, text: r.1))
            var scores: [String: Double] = [:]
            var evidence: [String: [String]] = [:]
            for t in r.2 {
                scores["theme:\(t)"] = 0.5 + Double(r.1.count % 7) / 10
                evidence["theme:\(t)"] = r.1.lowercased().split(separator: " ").prefix(2).map(String.init)
            }
            for e in r.3 { scores["emotion:\(e)"] = 0.4 + Double(r.1.count % 5) / 10 }
            tags.append(UtteranceTags(id: id, themes: r.2, emotions: r.3, actors: r.4,
                                      polarity: r.5, scores: scores, evidence: evidence))
        }
        return SummaryInput(title: title, utterances: utterances, tags: tags, labels: labels)
    }
}
