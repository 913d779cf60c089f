import SamtalCore

/// Stage 6: turns tagged utterances into a `Summary` (Sammanfattning, Teman, Fördjupning om
/// känslor, Deltagande, Aktörer) in Swedish or English.
///
/// Every sentence is computed from counts over tagged utterances and carries the ids of those
/// utterances; quotes are verbatim. Wording varies by a stable hash of the content, so the same
/// input always gives byte-identical output.
public struct Summarizer: Sendable {
    public var language: SummaryLanguage
    /// Most themes shown (codebook themes; discovered themes may add up to `maxDiscoveredThemes`).
    public var maxThemes: Int
    public var maxDiscoveredThemes: Int
    /// Most emotions in the numbered list.
    public var maxEmotions: Int
    public var maxActors: Int
    /// Quotes per theme or emotion (one to three).
    public var quotesPerSection: Int
    /// Quotes longer than this many characters are cut at a word boundary.
    public var quoteCharacters: Int
    /// Slices of the emotion time series.
    public var arcSlices: Int

    public init(language: SummaryLanguage = .sv, maxThemes: Int = 6, maxDiscoveredThemes: Int = 3,
                maxEmotions: Int = 5, maxActors: Int = 10, quotesPerSection: Int = 2,
                quoteCharacters: Int = 220, arcSlices: Int = 6) {
        self.language = language
        self.maxThemes = maxThemes
        self.maxDiscoveredThemes = maxDiscoveredThemes
        self.maxEmotions = maxEmotions
        self.maxActors = maxActors
        self.quotesPerSection = min(3, max(1, quotesPerSection))
        self.quoteCharacters = quoteCharacters
        self.arcSlices = max(1, arcSlices)
    }

    /// Builds the summary. Warns (and still summarises) when there are no utterances or no tags.
    public func summarize(_ input: SummaryInput, diagnostics: DiagnosticSink) throws -> Summary {
        try input.validate()
        let corpus = Corpus(input)
        let text = SummaryText(wording: Wording(language: language), corpus: corpus)
        if corpus.utterances.isEmpty {
            diagnostics.warning("summary.empty", "\(input.title): no utterances to summarise")
        } else if corpus.tags.isEmpty {
            diagnostics.warning("summary.untagged", "\(input.title): no utterance is tagged")
        }

        let themes = themeSections(corpus, text)
        let emotions = emotionSections(corpus, text)
        let series = arcSeries(corpus)
        let arc = text.arc(series: series, emotionOrder: emotions.map(\.id))
        let participation = participationSection(input, corpus, text)
        let actors = actorSections(corpus)
        return Summary(
            schemaVersion: Summary.schemaVersion, language: language, title: input.title,
            tables: input.tables, utteranceCount: corpus.utterances.count,
            speakerCount: corpus.speakers.count, durationSeconds: corpus.durationSeconds,
            overview: text.overview(themes: themes, emotions: emotions, arc: arc),
            themes: themes, emotions: emotions, arc: arc, arcSeries: series,
            participation: participation, actors: actors,
            actorsParagraph: text.actorsParagraph(actors),
            warnings: input.warnings,
            timeline: corpus.utterances.map { u in
                let t = corpus.tags[u.id]
                return TimelineEntry(id: u.id, speaker: u.speaker, start: u.start, end: u.end,
                                     themes: t?.themes ?? [], emotions: t?.emotions ?? [])
            })
    }

    // MARK: Sections

    func themeSections(_ corpus: Corpus, _ text: SummaryText) -> [ThemeSection] {
        let ranked = corpus.ranked(\.themes)
        let labels = corpus.labels
        let codebook = ranked.filter { !labels.theme($0.id).discovered }.prefix(maxThemes)
        let discovered = ranked.filter { labels.theme($0.id).discovered }.prefix(maxDiscoveredThemes)
        var quoted = Set<String>()
        return (Array(codebook) + Array(discovered)).map { entry in
            let label = labels.theme(entry.id)
            let ids = entry.utteranceIds
            var section = ThemeSection(
                id: entry.id, label: label.text(language), discovered: label.discovered,
                utteranceCount: ids.count, speakerCount: corpus.speakerCount(ids),
                share: corpus.share(ids.count),
                emotions: corpus.cooccurring(ids, \.emotions, exclude: nil, label: {
                    labels.emotion($0).text(language)
                }),
                actors: corpus.cooccurring(ids, \.actors, exclude: nil, label: {
                    labels.actor($0).text(language)
                }),
                keywords: corpus.keywords(ids, key: "theme:\(entry.id)"),
                paragraph: [],
                quotes: quotes(corpus, ids, scoreKey: "theme:\(entry.id)", avoiding: quoted),
                utteranceIds: ids)
            quoted.formUnion(section.quotes.map(\.utteranceId))
            section.paragraph = text.themeParagraph(section)
            return section
        }
    }

    func emotionSections(_ corpus: Corpus, _ text: SummaryText) -> [EmotionSection] {
        let labels = corpus.labels
        var quoted = Set<String>()
        return corpus.ranked(\.emotions).prefix(maxEmotions).enumerated().map { index, entry in
            let ids = entry.utteranceIds
            var section = EmotionSection(
                rank: index + 1, id: entry.id, label: labels.emotion(entry.id).text(language),
                utteranceCount: ids.count, speakerCount: corpus.speakerCount(ids),
                share: corpus.share(ids.count),
                themes: corpus.cooccurring(ids, \.themes, exclude: nil, label: {
                    labels.theme($0).text(language)
                }),
                actors: corpus.cooccurring(ids, \.actors, exclude: nil, label: {
                    labels.actor($0).text(language)
                }),
                paragraph: [],
                quotes: quotes(corpus, ids, scoreKey: "emotion:\(entry.id)", avoiding: quoted),
                utteranceIds: ids)
            quoted.formUnion(section.quotes.map(\.utteranceId))
            section.paragraph = text.emotionParagraph(section)
            return section
        }
    }

    func actorSections(_ corpus: Corpus) -> [ActorSection] {
        corpus.ranked(\.actors).prefix(maxActors).map { entry in
            ActorSection(id: entry.id, label: corpus.labels.actor(entry.id).text(language),
                         mentions: entry.utteranceIds.count,
                         share: corpus.share(entry.utteranceIds.count),
                         utteranceIds: entry.utteranceIds)
        }
    }

    /// The emotion time series: `arcSlices` equal slices of the conversation (by time when every
    /// utterance has a start time, else by position), each with emotion shares and mean polarity.
    func arcSeries(_ corpus: Corpus) -> [ArcPoint] {
        let n = corpus.utterances.count
        guard n > 0 else { return [] }
        let slices = min(arcSlices, n)
        let positions = corpus.positions
        let lo = positions.first!, hi = positions.last!
        var buckets = Array(repeating: [Int](), count: slices)
        for (i, p) in positions.enumerated() {
            let f = hi > lo ? (p - lo) / (hi - lo) : 0
            buckets[min(slices - 1, Int(f * Double(slices)))].append(i)
        }
        let width = (hi - lo) / Double(slices)
        let order = corpus.ranked(\.emotions).map(\.id)
        return buckets.enumerated().map { k, members in
            var counts: [String: Int] = [:]
            var polarity = 0.0
            for i in members {
                let tags = corpus.tags[corpus.utterances[i].id]
                for e in tags?.emotions ?? [] { counts[e, default: 0] += 1 }
                polarity += tags?.polarity ?? 0
            }
            let shares = counts.mapValues { rounded(Double($0) / Double(members.count)) }
            // Ties go to the emotion that is stronger over the whole conversation.
            let dominant = order.filter { counts[$0] != nil }
                .max { (counts[$0]!, -order.firstIndex(of: $0)!) < (counts[$1]!, -order.firstIndex(of: $1)!) }
            return ArcPoint(
                start: rounded(lo + Double(k) * width), end: rounded(lo + Double(k + 1) * width),
                utteranceCount: members.count,
                polarity: members.isEmpty ? 0 : rounded(polarity / Double(members.count)),
                emotionShares: shares, dominant: dominant)
        }
    }

    func participationSection(_ input: SummaryInput, _ corpus: Corpus, _ text: SummaryText)
        -> ParticipationSection
    {
        let stats = SpeakingStatistics(input: input, utterances: corpus.utterances)
        var section = ParticipationSection(
            speakers: stats.shares.map {
                SpeakerShare(speaker: $0.speaker, seconds: $0.seconds.map(rounded),
                             turns: $0.turns, utterances: $0.utterances, share: rounded($0.share))
            },
            balance: stats.balance.map(rounded), basis: stats.basis, paragraph: [])
        section.paragraph = text.participationParagraph(section)
        return section
    }

    // MARK: Quotes

    /// One to `quotesPerSection` verbatim quotes: highest label score first, preferring different
    /// speakers, utterances of some substance and utterances not quoted in an earlier section
    /// (`avoiding`), then shown in transcript order.
    func quotes(_ corpus: Corpus, _ ids: [String], scoreKey: String,
                avoiding used: Set<String> = []) -> [Quote] {
        let candidates = ids.compactMap { corpus.index[$0] }.map { i -> (Int, Double) in
            let u = corpus.utterances[i]
            let score = corpus.tags[u.id]?.scores[scoreKey] ?? 0
            let words = u.text.split(whereSeparator: \.isWhitespace).count
            // Very short utterances ("Ja.") make poor quotes; damp them, and repeats even more.
            return (i, score * min(1, Double(words) / 6) * (used.contains(u.id) ? 0.25 : 1))
        }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        var chosen: [Int] = []
        var speakers = Set<String>()
        for (i, _) in candidates where chosen.count < quotesPerSection {
            let s = corpus.utterances[i].speaker ?? ""
            if speakers.insert(s).inserted { chosen.append(i) }
        }
        for (i, _) in candidates where chosen.count < quotesPerSection && !chosen.contains(i) {
            chosen.append(i)
        }
        return chosen.sorted().map { i in
            let u = corpus.utterances[i]
            return Quote(utteranceId: u.id, speaker: u.speaker, start: u.start.map(rounded),
                         text: Self.shorten(u.text, to: quoteCharacters))
        }
    }

    /// Collapses whitespace and cuts at the last word boundary before `limit`, adding "…".
    static func shorten(_ text: String, to limit: Int) -> String {
        let words = text.split(whereSeparator: \.isWhitespace)
        var out = ""
        for w in words {
            if out.count + w.count + 1 > limit {
                return out.isEmpty ? String(w.prefix(limit)) + "…" : out + " …"
            }
            out += out.isEmpty ? String(w) : " " + w
        }
        return out
    }
}

/// Rounds to three decimals so JSON stays readable and stable.
func rounded(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
