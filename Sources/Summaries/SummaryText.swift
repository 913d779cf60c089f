/// The sentences of a summary, in Swedish or English, each built from counts and carrying the
/// utterance ids behind it. Alternative phrasings are chosen by a stable hash of the subject.
struct SummaryText {
    let wording: Wording
    let corpus: Corpus

    private var sv: Bool { wording.language == .sv }
    private func cap(_ s: String) -> String { Wording.capitalised(s) }
    private func inline(_ s: String) -> String { Wording.inline(s) }
    private func quoted(_ w: String) -> String { sv ? "”\(w)”" : "“\(w)”" }
    private func n(_ count: Int, _ noun: Wording.Noun) -> String { wording.count(count, noun) }
    private var allIds: [String] { corpus.utterances.map(\.id) }
    /// "samtalet", or "samtalen" for an event of several tables.
    private var conversation: String {
        corpus.tables.count > 1 ? (sv ? "samtalen" : "the conversations")
            : (sv ? "samtalet" : "the conversation")
    }

    /// Where in the conversation a set of utterances concentrates, as a phrase ("i början av
    /// samtalet"), with the ids in that part; nil when spread out or too few to say.
    private func concentration(_ ids: [String]) -> (phrase: String, ids: [String])? {
        guard ids.count >= 3 else { return nil }
        let thirds = corpus.thirds(ids)
        var counts = [0, 0, 0]
        for t in thirds { counts[t] += 1 }
        guard let top = counts.indices.max(by: { counts[$0] < counts[$1] }),
              Double(counts[top]) >= 0.6 * Double(ids.count) else { return nil }
        let phrases = sv
            ? ["i början av samtalet", "i mitten av samtalet", "mot slutet av samtalet"]
            : ["early in the conversation", "in the middle of the conversation",
               "towards the end of the conversation"]
        return (phrases[top], zip(ids, thirds).filter { $0.1 == top }.map(\.0))
    }

    /// True when `ids` occur in every third of the conversation.
    private func recurring(_ ids: [String]) -> Bool {
        ids.count >= 3 && Set(corpus.thirds(ids)).count == 3
    }

    // MARK: Teman

    func themeParagraph(_ t: ThemeSection) -> [Claim] {
        var out: [Claim] = []
        let label = t.label, ids = t.utteranceIds
        let utts = n(t.utteranceCount, .utterance), spk = n(t.speakerCount, .speaker)
        let share = " (\(wording.percent(t.share)) \(sv ? "av samtalet" : "of the conversation"))"
        if t.discovered {
            out.append(Claim(sv
                ? "Temat finns inte i kodboken utan har upptäckts i materialet."
                : "This theme is not in the codebook; it was discovered in the material.", ids))
        }
        let volume: String
        if t.speakerCount == 0 {
            volume = sv ? "\(cap(label)) tas upp i \(utts)\(share)."
                : "\(cap(label)) comes up in \(utts)\(share)."
        } else {
            let options = sv
                ? ["\(cap(label)) tas upp i \(utts) från \(spk)\(share).",
                   "\(cap(utts)) från \(spk) handlar om \(inline(label))\(share).",
                   "\(cap(spk)) berör \(inline(label)), sammanlagt i \(utts)\(share)."]
                : ["\(cap(label)) comes up in \(utts) from \(spk)\(share).",
                   "\(cap(utts)) from \(spk) are about \(inline(label))\(share).",
                   "\(cap(spk)) touch on \(inline(label)), in \(utts) altogether\(share)."]
            volume = Wording.pick(options, "theme.volume." + t.id)
        }
        out.append(Claim(volume, ids))
        if !t.keywords.isEmpty {
            let words = wording.list(t.keywords.map(quoted))
            var options = sv
                ? ["Det som sägs kretsar kring ord som \(words)."]
                : ["What is said revolves around words such as \(words)."]
            if t.keywords.count == 1 {
                options = sv ? ["Det som sägs kretsar kring ordet \(words)."]
                    : ["What is said revolves around the word \(words)."]
            } else if ids.count >= 4 {
                // With four or more utterances every keyword occurs at least twice.
                options.append(sv ? "Återkommande ord är \(words)." : "Recurring words are \(words).")
            }
            let backing = ids.filter { id in
                let ev = Set((corpus.tags[id]?.evidence["theme:\(t.id)"] ?? []).map { $0.lowercased() })
                return !ev.isDisjoint(with: t.keywords)
            }
            out.append(Claim(Wording.pick(options, "theme.words." + t.id), backing))
        }
        if let c = concentration(ids) {
            out.append(Claim(sv ? "Temat är mest framträdande \(c.phrase)."
                                : "The theme is most prominent \(c.phrase).", c.ids))
        } else if recurring(ids) {
            out.append(Claim(sv ? "Det återkommer genom hela samtalet."
                                : "It recurs throughout the conversation.", ids))
        }
        let emotions = Array(t.emotions.prefix(2))
        if !emotions.isEmpty {
            let names = wording.list(emotions.map { inline($0.label) })
            let backing = ids.filter { id in
                emotions.contains { corpus.tags[id]?.emotions.contains($0.id) ?? false }
            }
            let options = sv
                ? ["I de yttrandena uttrycks främst \(names).",
                   "Känslomässigt präglas temat av \(names)."]
                : ["These utterances mainly express \(names).",
                   "Emotionally, the theme is marked by \(names)."]
            out.append(Claim(Wording.pick(options, "theme.emotions." + t.id), backing))
        }
        let actors = Array(t.actors.prefix(3))
        if !actors.isEmpty {
            let names = wording.list(actors.map(\.label))
            let backing = ids.filter { id in
                actors.contains { corpus.tags[id]?.actors.contains($0.id) ?? false }
            }
            out.append(Claim(sv ? "I samband med temat nämns \(names)."
                                : "Actors mentioned in connection with the theme: \(names).",
                             backing))
        }
        return out
    }

    // MARK: Fördjupning om känslor

    func emotionParagraph(_ e: EmotionSection) -> [Claim] {
        var out: [Claim] = []
        let label = inline(e.label), ids = e.utteranceIds
        let themes = Array(e.themes.prefix(3))
        if themes.isEmpty {
            out.append(Claim(sv
                ? "Det finns en känsla av \(label) som inte knyts till något särskilt tema."
                : "There is a sense of \(label) that is not tied to any particular theme.", ids))
        } else {
            let names = wording.list(themes.map { inline($0.label) })
            let options = sv
                ? ["Det finns en känsla av \(label), särskilt kring \(names).",
                   "Deltagarna uttrycker \(label) framför allt i samband med \(names).",
                   "\(cap(label)) märks främst när samtalet rör \(names)."]
                : ["There is a sense of \(label), especially around \(names).",
                   "Participants express \(label) above all in connection with \(names).",
                   "\(cap(label)) shows mainly when the conversation turns to \(names)."]
            let backing = ids.filter { id in
                themes.contains { corpus.tags[id]?.themes.contains($0.id) ?? false }
            }
            out.append(Claim(Wording.pick(options, "emotion.themes." + e.id), backing))
        }
        let utts = n(e.utteranceCount, .utterance)
        let count: String
        if e.speakerCount == 0 {
            count = sv ? "Det gäller \(utts)." : "This concerns \(utts)."
        } else {
            let spk = n(e.speakerCount, .speaker)
            count = Wording.pick(sv
                ? ["Det gäller \(utts) från \(spk).", "Känslan hörs i \(utts) från \(spk)."]
                : ["This concerns \(utts) from \(spk).", "The feeling is heard in \(utts) from \(spk)."],
                "emotion.count." + e.id)
        }
        out.append(Claim(count, ids))
        let actors = Array(e.actors.prefix(3))
        if !actors.isEmpty {
            let names = wording.list(actors.map(\.label))
            let backing = ids.filter { id in
                actors.contains { corpus.tags[id]?.actors.contains($0.id) ?? false }
            }
            out.append(Claim(sv ? "I samma yttranden nämns \(names)."
                                : "Actors mentioned in the same utterances: \(names).", backing))
        }
        if let c = concentration(ids) {
            out.append(Claim(sv ? "Känslan är starkast \(c.phrase)."
                                : "The feeling is strongest \(c.phrase).", c.ids))
        }
        return out
    }

    /// The closing sentence: how the conversation moves between feelings, read from the dominant
    /// emotion of each slice of the time series and the trend of polarity.
    func arc(series: [ArcPoint], emotionOrder: [String]) -> Claim? {
        var sequence: [String] = []
        for p in series {
            if let d = p.dominant, d != sequence.last { sequence.append(d) }
        }
        guard !sequence.isEmpty else { return nil }
        let name: (String) -> String = { inline(corpus.labels.emotion($0).text(wording.language)) }
        let distinct = sequence.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        var sentence: String
        switch (distinct.count, sequence.count) {
        case (1, _):
            sentence = sv ? "Känslomässigt präglas \(conversation) genomgående av \(name(distinct[0]))"
                : "Emotionally, the conversation is marked throughout by \(name(distinct[0]))"
        case (2, 2):
            sentence = sv
                ? "Känslomässigt rör sig \(conversation) från \(name(sequence[0])) i början till \(name(sequence[1])) mot slutet"
                : "Emotionally, the conversation moves from \(name(sequence[0])) at the start to \(name(sequence[1])) towards the end"
        case (2, _):
            sentence = sv ? "Känslomässigt pendlar \(conversation) mellan \(name(distinct[0])) och \(name(distinct[1]))"
                : "Emotionally, the conversation swings between \(name(distinct[0])) and \(name(distinct[1]))"
        default:
            if sequence.first == sequence.last {
                sentence = sv ? "Känslomässigt pendlar \(conversation) mellan \(wording.list(distinct.map(name)))"
                    : "Emotionally, the conversation swings between \(wording.list(distinct.map(name)))"
            } else {
                let middle = wording.list(distinct.dropFirst().filter { $0 != sequence.last }.map(name))
                sentence = sv
                    ? "Känslomässigt rör sig \(conversation) från \(name(sequence.first!)) via \(middle) till \(name(sequence.last!))"
                    : "Emotionally, the conversation moves from \(name(sequence.first!)) via \(middle) to \(name(sequence.last!))"
            }
        }
        let filled = series.filter { $0.utteranceCount > 0 }
        if filled.count >= 2 {
            let half = filled.count / 2
            let early = filled.prefix(half).map(\.polarity).reduce(0, +) / Double(half)
            let late = filled.suffix(filled.count - half).map(\.polarity).reduce(0, +)
                / Double(filled.count - half)
            if late - early > 0.1 {
                sentence += sv ? ", och tonen blir ljusare mot slutet" : ", and the tone brightens towards the end"
            } else if early - late > 0.1 {
                sentence += sv ? ", och tonen blir mörkare mot slutet" : ", and the tone darkens towards the end"
            }
        }
        let ids = corpus.utterances.map(\.id).filter { id in
            !(Set(corpus.tags[id]?.emotions ?? []).isDisjoint(with: distinct))
        }
        return Claim(sentence + ".", ids)
    }

    // MARK: Sammanfattning

    func overview(themes: [ThemeSection], emotions: [EmotionSection], arc: Claim?) -> [Claim] {
        let total = corpus.utterances.count
        guard total > 0 else {
            return [Claim(sv ? "Underlaget innehåller inga yttranden att sammanfatta."
                             : "The material contains no utterances to summarise.", [])]
        }
        var out: [Claim] = []
        var scope = sv ? "Samtalet omfattar \(n(total, .utterance))" : "The conversation comprises \(n(total, .utterance))"
        if corpus.tables.count > 1 {
            scope = sv ? "Samtalen vid \(n(corpus.tables.count, .table)) omfattar \(n(total, .utterance))"
                : "The conversations at \(n(corpus.tables.count, .table)) comprise \(n(total, .utterance))"
        }
        if !corpus.speakers.isEmpty { scope += (sv ? " från " : " from ") + n(corpus.speakers.count, .speaker) }
        if let d = corpus.durationSeconds, corpus.tables.count <= 1 {
            scope += (sv ? " under " : " over ") + wording.duration(d)
        }
        out.append(Claim(scope + ".", allIds))

        let main = Array(themes.filter { !$0.discovered }.prefix(3))
        if main.isEmpty {
            out.append(Claim(sv ? "Inga av kodbokens teman kan knytas till yttrandena."
                                : "None of the codebook's themes could be linked to the utterances.", allIds))
        } else {
            let names = main.map { inline($0.label) }
            var options = sv
                ? ["Mest handlar det om \(wording.list(names)).",
                   "\(cap(conversation)) kretsar främst kring \(wording.list(names))."]
                : ["It is mostly about \(wording.list(names)).",
                   "\(cap(conversation)) revolve\(corpus.tables.count > 1 ? "" : "s") mainly around \(wording.list(names))."]
            if names.count >= 2 {
                options.append(sv
                    ? "Störst utrymme får \(names[0]), följt av \(wording.list(Array(names.dropFirst())))."
                    : "Most room goes to \(names[0]), followed by \(wording.list(Array(names.dropFirst()))).")
            }
            out.append(Claim(Wording.pick(options, "overview.themes." + main.map(\.id).joined(separator: ",")),
                             ordered(main.flatMap(\.utteranceIds))))
        }
        let discovered = themes.filter(\.discovered)
        if !discovered.isEmpty {
            let names = wording.list(discovered.map { inline($0.label) })
            out.append(Claim(sv ? "Utöver kodbokens teman framträder också \(names)."
                                : "Beyond the codebook's themes, the material also brings up \(names).",
                             ordered(discovered.flatMap(\.utteranceIds))))
        }
        let top = Array(emotions.prefix(2))
        if top.isEmpty {
            out.append(Claim(sv ? "Inga tydliga känslor kan urskiljas i yttrandena."
                                : "No clear emotions can be discerned in the utterances.", allIds))
        } else {
            let names = top.map { inline($0.label) }
            let options: [String]
            if names.count == 2 {
                options = sv
                    ? ["De känslor som uttrycks mest är \(wording.list(names)).",
                       "Mest framträdande är \(names[0]), men även \(names[1]) märks."]
                    : ["The feelings expressed most are \(wording.list(names)).",
                       "\(cap(names[0])) stands out most, but there is also \(names[1])."]
            } else {
                options = sv ? ["Den känsla som uttrycks mest är \(names[0])."]
                    : ["The feeling expressed most is \(names[0])."]
            }
            out.append(Claim(Wording.pick(options, "overview.emotions." + top.map(\.id).joined(separator: ",")),
                             ordered(top.flatMap(\.utteranceIds))))
        }
        // Which feeling goes with which of the main themes.
        let pairs = main.compactMap { t -> (ThemeSection, LabelCount)? in
            t.emotions.first.map { (t, $0) }
        }
        if pairs.count >= 2 {
            let parts = pairs.enumerated().map { i, pair in
                let (t, e) = pair
                if i == 0 {
                    return sv ? "Kring \(inline(t.label)) hörs främst \(inline(e.label))"
                        : "Around \(inline(t.label)) one mostly hears \(inline(e.label))"
                }
                return sv ? "kring \(inline(t.label)) främst \(inline(e.label))"
                    : "around \(inline(t.label)) mostly \(inline(e.label))"
            }
            let backing = pairs.flatMap { t, e in corpus.carrying(t.utteranceIds, \.emotions, e.id) }
            out.append(Claim(parts.joined(separator: ", ") + ".", ordered(backing)))
        }
        if let arc { out.append(arc) }
        return out
    }

    /// Ids in transcript order without repeats.
    private func ordered(_ ids: [String]) -> [String] {
        Set(ids).compactMap { corpus.index[$0] }.sorted().map { corpus.utterances[$0].id }
    }

    // MARK: Deltagande

    func participationParagraph(_ p: ParticipationSection) -> [Claim] {
        let ofWhat = p.basis == "time"
            ? (sv ? "av taltiden" : "of the speaking time")
            : (sv ? "av yttrandena" : "of the utterances")
        func ids(of speaker: String) -> [String] {
            corpus.utterances.filter { $0.speaker == speaker }.map(\.id)
        }
        switch p.speakers.count {
        case 0:
            return [Claim(sv ? "Underlaget anger inga talare, så fördelningen av ordet kan inte beräknas."
                             : "The material names no speakers, so the distribution of the floor cannot be computed.",
                          allIds)]
        case 1:
            return [Claim(sv ? "Bara en talare, \(p.speakers[0].speaker), hörs i underlaget."
                             : "Only one speaker, \(p.speakers[0].speaker), is heard in the material.",
                          allIds)]
        default:
            let top = p.speakers[0], bottom = p.speakers[p.speakers.count - 1]
            var out = [Claim(
                sv ? "\(cap(n(p.speakers.count, .speaker))) delar på ordet. \(top.speaker) står för störst andel, \(wording.percent(top.share)) \(ofWhat) på \(n(top.turns, .turn))."
                   : "\(cap(n(p.speakers.count, .speaker))) share the floor. \(top.speaker) has the largest share, \(wording.percent(top.share)) \(ofWhat) in \(n(top.turns, .turn)).",
                ids(of: top.speaker))]
            guard let j = p.balance else { return out }
            let index = wording.decimal(j)
            if j >= 0.9 {
                out.append(Claim(sv ? "Ordet är jämnt fördelat (balansindex \(index))."
                                    : "The floor is evenly shared (balance index \(index)).", allIds))
            } else if j >= 0.75 {
                out.append(Claim(sv ? "Ordet är någorlunda jämnt fördelat (balansindex \(index))."
                                    : "The floor is fairly evenly shared (balance index \(index)).", allIds))
            } else {
                out.append(Claim(sv ? "Ordet är ojämnt fördelat (balansindex \(index)): \(bottom.speaker) står för bara \(wording.percent(bottom.share)) \(ofWhat)."
                                    : "The floor is unevenly shared (balance index \(index)): \(bottom.speaker) has only \(wording.percent(bottom.share)) \(ofWhat).",
                                 allIds))
            }
            return out
        }
    }

    // MARK: Aktörer

    func actorsParagraph(_ actors: [ActorSection]) -> [Claim] {
        guard let first = actors.first else { return [] }
        let utts = n(first.mentions, .utterance)
        return [Claim(
            sv ? "\(cap(n(actors.count, .actor))) nämns i samtalet, oftast \(first.label) (i \(utts), \(wording.percent(first.share)))."
               : "\(cap(n(actors.count, .actor))) \(actors.count == 1 ? "is" : "are") mentioned, most often \(first.label) (in \(utts), \(wording.percent(first.share))).",
            ordered(actors.flatMap(\.utteranceIds)))]
    }
}
