import SamtalCore
import Foundation

/// Headings and table captions of the rendered reports, per language.
struct Headings {
    let language: SummaryLanguage
    private var sv: Bool { language == .sv }

    var overview: String { sv ? "Sammanfattning" : "Summary" }
    var themes: String { sv ? "Teman" : "Themes" }
    var emotions: String { sv ? "Fördjupning om känslor" : "A closer look at emotions" }
    var participation: String { sv ? "Deltagande" : "Participation" }
    var actors: String { sv ? "Aktörer" : "Actors" }
    var warnings: String { sv ? "Varningar" : "Warnings" }
    var tables: String { sv ? "Bord" : "Tables" }
    var discovered: String { sv ? "upptäckt tema" : "discovered theme" }
    var speaker: String { sv ? "Talare" : "Speaker" }
    var speakingTime: String { sv ? "Taltid" : "Speaking time" }
    var share: String { sv ? "Andel" : "Share" }
    var turns: String { sv ? "Turer" : "Turns" }
    var utterances: String { sv ? "Yttranden" : "Utterances" }
    var actor: String { sv ? "Aktör" : "Actor" }
    var mentions: String { sv ? "Omnämnanden" : "Mentions" }
    var balance: String { sv ? "Balansindex" : "Balance index" }
    var timeline: String { sv ? "Vem talade när" : "Who spoke when" }
    var arc: String { sv ? "Känslor över tid" : "Emotions over time" }
    var polarity: String { sv ? "ton (−1…1)" : "tone (−1…1)" }
    var noThemes: String { sv ? "Inga teman hittades." : "No themes were found." }
    var noEmotions: String { sv ? "Inga känslor hittades." : "No emotions were found." }
    var noActors: String { sv ? "Inga aktörer nämns." : "No actors are mentioned." }
    var emotionsIntro: String {
        sv ? "Följande känslor lyfts fram i samtalet, ofta i relation till de teman som diskuteras:"
            : "The following feelings come up in the conversation, often in relation to the themes discussed:"
    }
    var footer: String {
        sv ? "Sammanfattningen är beräknad av samtal från taggade yttranden; varje påstående är kopplat till yttranden i summary.json."
            : "This summary was computed by samtal from tagged utterances; every statement links to utterances in summary.json."
    }

    /// "Anna, 3:12" for a quote's attribution; nil for an anonymous, untimed contribution.
    func attribution(_ q: Quote) -> String? {
        let parts = [q.speaker, q.start.map(Wording.clock)].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    func quoted(_ s: String) -> String { sv ? "”\(s)”" : "“\(s)”" }
}

extension Summary {
    /// The summary as pretty-printed JSON with sorted keys (byte-stable).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    /// Reads a summary written by `jsonData()`, checking its schema version.
    public static func load(_ data: Data, source: String) throws -> Summary {
        let summary: Summary
        do {
            summary = try JSONDecoder().decode(Summary.self, from: data)
        } catch {
            throw SamtalError(.invalidArtifact, "\(source) is not a samtal summary",
                              underlying: "\(error)")
        }
        guard summary.schemaVersion == Summary.schemaVersion else {
            throw SamtalError(.invalidArtifact,
                              "\(source) has summary schema \(summary.schemaVersion), expected \(Summary.schemaVersion)")
        }
        return summary
    }

    /// The summary as Markdown in the seed report's structure. All transcript text is escaped.
    public func markdown() -> String {
        let h = Headings(language: language)
        let md = Escaping.markdown
        var out = "# \(md(title))\n\n"
        func paragraph(_ claims: [Claim]) {
            guard !claims.isEmpty else { return }
            out += claims.map { md($0.text) }.joined(separator: " ") + "\n\n"
        }
        func quotes(_ qs: [Quote], indent: String = "") {
            for q in qs {
                let by = h.attribution(q).map { " — \(md($0))" } ?? ""
                out += "\(indent)> \(h.quoted(md(q.text)))\(by)\n\(indent)>\n"
            }
            if !qs.isEmpty { out.removeLast(indent.count + 2); out += "\n" }
        }
        out += "## \(h.overview)\n\n"
        paragraph(overview)

        out += "## \(h.themes)\n\n"
        if themes.isEmpty { out += "\(h.noThemes)\n\n" }
        for t in themes {
            out += "### \(md(t.label))\(t.discovered ? " (\(h.discovered))" : "")\n\n"
            paragraph(t.paragraph)
            quotes(t.quotes)
        }

        out += "## \(h.emotions)\n\n"
        if emotions.isEmpty {
            out += "\(h.noEmotions)\n\n"
        } else {
            out += "\(h.emotionsIntro)\n\n"
        }
        for e in emotions {
            out += "\(e.rank). **\(md(e.label)):** "
            out += e.paragraph.map { md($0.text) }.joined(separator: " ") + "\n\n"
            quotes(e.quotes, indent: "   ")
        }
        if let arc { paragraph([arc]) }

        out += "## \(h.participation)\n\n"
        paragraph(participation.paragraph)
        if !participation.speakers.isEmpty {
            out += "| \(h.speaker) | \(h.speakingTime) | \(h.share) | \(h.turns) | \(h.utterances) |\n"
            out += "|---|--:|--:|--:|--:|\n"
            let w = Wording(language: language)
            for s in participation.speakers {
                let time = s.seconds.map { Wording.clock($0) } ?? "–"
                out += "| \(md(s.speaker)) | \(time) | \(w.percent(s.share)) | \(s.turns) | \(s.utterances) |\n"
            }
            out += "\n"
        }

        out += "## \(h.actors)\n\n"
        if actors.isEmpty {
            out += "\(h.noActors)\n\n"
        } else {
            paragraph(actorsParagraph)
            let w = Wording(language: language)
            out += "| \(h.actor) | \(h.mentions) | \(h.share) |\n|---|--:|--:|\n"
            for a in actors { out += "| \(md(Wording.capitalised(a.label))) | \(a.mentions) | \(w.percent(a.share)) |\n" }
            out += "\n"
        }
        if !warnings.isEmpty {
            out += "## \(h.warnings)\n\n"
            for w in warnings { out += "- \(md(w))\n" }
            out += "\n"
        }
        out += "---\n\n_\(h.footer)_\n"
        return out
    }
}
