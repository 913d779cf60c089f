import Foundation
import SamtalCore

/// REFI-QDA project export (`.qdpx`, QDA-XML 1.0): one text source per table, a codebook of the
/// themes, emotions and actors, and each tagged utterance as a coded selection, so researchers
/// can continue in NVivo, ATLAS.ti or MAXQDA.
///
/// Positions are Unicode code points into the source text, as the standard specifies. GUIDs are
/// name-based UUIDs (version 5) of the content, so the same input gives the same archive.
public enum QDPXExport {
    /// A table's source: the text written to `sources/<guid>.txt` and the project XML for it.
    struct Source {
        var guid: String
        var text: String
        var xml: String
    }

    /// The `.qdpx` archive: `project.qde` and `sources/<guid>.txt` per table.
    public static func archive(title: String, tables: [(name: String, input: SummaryInput)],
                               language: SummaryLanguage) -> Data {
        let (qde, sources) = project(title: title, tables: tables, language: language)
        var zip = StoredZip()
        zip.add("project.qde", Data(qde.utf8))
        for s in sources { zip.add("sources/\(s.guid).txt", Data(s.text.utf8)) }
        return zip.data()
    }

    /// The project XML and the sources it refers to.
    static func project(title: String, tables: [(name: String, input: SummaryInput)],
                        language: SummaryLanguage) -> (String, [Source]) {
        let x = Escaping.xml
        let user = exportGUID("user:samtal")
        var labels = LabelDictionary()
        for (_, input) in tables {
            labels.themes.merge(input.labels.themes) { a, _ in a }
            labels.emotions.merge(input.labels.emotions) { a, _ in a }
            labels.actors.merge(input.labels.actors) { a, _ in a }
        }
        // Every id in the dictionaries or in the tags, per kind.
        var used: [String: Set<String>] = ["theme": Set(labels.themes.keys),
                                           "emotion": Set(labels.emotions.keys),
                                           "actor": Set(labels.actors.keys)]
        for (_, input) in tables {
            for t in input.tags {
                used["theme"]!.formUnion(t.themes)
                used["emotion"]!.formUnion(t.emotions)
                used["actor"]!.formUnion(t.actors)
            }
        }
        func codeGUID(_ kind: String, _ id: String) -> String { exportGUID("code:\(kind):\(id)") }
        let groups: [(kind: String, sv: String, en: String, label: (String) -> Label)] = [
            ("theme", "Teman", "Themes", labels.theme),
            ("emotion", "Känslor", "Emotions", labels.emotion),
            ("actor", "Aktörer", "Actors", labels.actor),
        ]
        let palette = ["#3B6EA5", "#D1495B", "#EDAE49", "#00798C", "#66A182", "#8D5A97", "#9A6D38"]

        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <Project xmlns="urn:QDA-XML:project:1.0" name="\(x(title))" origin="samtal" creatingUserGUID="\(user)">
              <Users>
                <User guid="\(user)" name="samtal"/>
              </Users>
              <CodeBook>
                <Codes>

            """
        for (g, group) in groups.enumerated() {
            let name = language == .sv ? group.sv : group.en
            xml += "      <Code guid=\"\(exportGUID("codegroup:\(group.kind)"))\" name=\"\(name)\" isCodable=\"false\">\n"
            for id in used[group.kind]!.sorted() {
                let label = group.label(id)
                xml += "        <Code guid=\"\(codeGUID(group.kind, id))\" name=\"\(x(label.text(language)))\" isCodable=\"true\" color=\"\(palette[g % palette.count])\">"
                xml += "<Description>\(x("\(group.kind):\(id)"))</Description></Code>\n"
            }
            xml += "      </Code>\n"
        }
        xml += "    </Codes>\n  </CodeBook>\n"

        let sources = tables.map { source(table: $0.name, input: $0.input, user: user, codeGUID: codeGUID) }
        var cases = ""
        for ((name, input), source) in zip(tables, sources) {
            var seen = Set<String>()
            for speaker in input.utterances.compactMap(\.speaker) where seen.insert(speaker).inserted {
                let caseName = tables.count > 1 ? "\(name): \(speaker)" : speaker
                cases += "    <Case guid=\"\(exportGUID("case:\(name):\(speaker)"))\" name=\"\(x(caseName))\">"
                cases += "<SourceRef targetGUID=\"\(source.guid)\"/></Case>\n"
            }
        }
        if !cases.isEmpty { xml += "  <Cases>\n" + cases + "  </Cases>\n" }
        if !sources.isEmpty {
            xml += "  <Sources>\n" + sources.map(\.xml).joined() + "  </Sources>\n"
        }
        xml += "</Project>\n"
        return (xml, sources)
    }

    /// One table as a text source: a line per utterance, `[m:ss] Speaker: text`, with each tagged
    /// utterance's text as a selection coded with its labels.
    static func source(table: String, input: SummaryInput, user: String,
                       codeGUID: (String, String) -> String) -> Source {
        let x = Escaping.xml
        let tags = Dictionary(input.tags.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var text = ""
        var position = 0  // in Unicode code points
        var selections: [(Utterance, Int, Int)] = []
        for u in input.utterances {
            var prefix = ""
            if let start = u.start { prefix += "[\(Wording.clock(start))] " }
            if let speaker = u.speaker { prefix += Escaping.stripControls(speaker) + ": " }
            let body = Escaping.stripControls(u.text)
            let start = position + prefix.unicodeScalars.count
            let end = start + body.unicodeScalars.count
            text += prefix + body + "\n"
            position = end + 1
            selections.append((u, start, end))
        }
        let guid = exportGUID("source:\(table)\n\(text)")
        var xml = "    <TextSource guid=\"\(guid)\" name=\"\(x(table))\" plainTextPath=\"internal://\(guid).txt\" creatingUser=\"\(user)\">\n"
        xml += "      <Description>\(x("samtal: \(input.utterances.count) utterances of \(table)"))</Description>\n"
        for (u, start, end) in selections {
            guard let t = tags[u.id] else { continue }
            var seen = Set<String>()
            let codes = (t.themes.map { ("theme", $0) } + t.emotions.map { ("emotion", $0) }
                + t.actors.map { ("actor", $0) }).filter { seen.insert("\($0.0):\($0.1)").inserted }
            guard !codes.isEmpty else { continue }
            let name = String(Escaping.stripControls(u.text).prefix(60))
            var description = "id=\(u.id)"
            if let s = u.speaker { description += "; speaker=\(s)" }
            if let a = u.start, let b = u.end { description += String(format: "; %.3f-%.3fs", a, b) }
            xml += "      <PlainTextSelection guid=\"\(exportGUID("selection:\(table)/\(u.id)"))\" name=\"\(x(name))\" startPosition=\"\(start)\" endPosition=\"\(end)\" creatingUser=\"\(user)\">\n"
            xml += "        <Description>\(x(description))</Description>\n"
            for (kind, id) in codes {
                xml += "        <Coding guid=\"\(exportGUID("coding:\(table)/\(u.id):\(kind):\(id)"))\" creatingUser=\"\(user)\"><CodeRef targetGUID=\"\(codeGUID(kind, id))\"/></Coding>\n"
            }
            xml += "      </PlainTextSelection>\n"
        }
        xml += "    </TextSource>\n"
        return Source(guid: guid, text: text, xml: xml)
    }
}

/// The name-based (version 5) GUID of `name` in samtal's export namespace: the same content always
/// gives the same GUID, so exports are byte-identical across runs.
func exportGUID(_ name: String) -> String {
    NameBasedUUID.v5(name, namespace: NameBasedUUID.samtalNamespace)
}
