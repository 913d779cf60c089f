import Foundation
import SamtalCore

extension SummaryInput {
    /// The tagged transcript as CSV (RFC 4180, UTF-8, header row): one row per utterance with
    /// time, speaker, text and the labels' names joined by `; `. Every field is escaped against
    /// CSV injection, so a cue like `=HYPERLINK(…)` stays text in a spreadsheet.
    public func utterancesCSV(language: SummaryLanguage) -> String {
        let tagsById = Dictionary(tags.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func seconds(_ s: Double?) -> String { s.map { String(format: "%.3f", $0) } ?? "" }
        var out = "id,start,end,speaker,text,themes,emotions,actors,polarity\r\n"
        for u in utterances {
            let t = tagsById[u.id]
            let fields = [Escaping.csv(u.id), seconds(u.start), seconds(u.end)] + [
                u.speaker ?? "", u.text,
                (t?.themes ?? []).map { labels.theme($0).text(language) }.joined(separator: "; "),
                (t?.emotions ?? []).map { labels.emotion($0).text(language) }.joined(separator: "; "),
                (t?.actors ?? []).map { labels.actor($0).text(language) }.joined(separator: "; "),
            ].map(Escaping.csv)
            // Numbers are ours, not the transcript's: written as they are.
            let polarity = t.map { String(format: "%.3f", $0.polarity) } ?? ""
            out += (fields + [polarity]).joined(separator: ",") + "\r\n"
        }
        return out
    }
}
