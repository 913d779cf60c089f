import Foundation
import SamtalCore
#if canImport(FoundationXML)
import FoundationXML
#endif

/// REFI-QDA codebook exchange (`.qdc`, namespace `urn:QDA-XML:codebook:1.0`), the format NVivo,
/// ATLAS.ti and MAXQDA import and export.
///
/// Export: one `<Code>` per theme, nested under its parent, `name` = Swedish label, GUID = UUID v5
/// of `samtal:codebook:<codebook id>:theme:<theme id>` (stable across exports), a colour from a
/// fixed palette, and a `<Description>` holding the description followed by a `[samtal]` block
/// with the id, English label and terms, so that a round trip through samtal keeps everything.
/// QDA tools show the block as part of the description and keep it when they re-export.
///
/// Import: codes become themes with their hierarchy. The `[samtal]` block, when present, gives
/// id, English label and terms; otherwise the id is derived from the name (`Arbetsmiljö och
/// villkor` → `arbetsmiljo_och_villkor`) and a codable code's name becomes its only term (a word,
/// or a phrase when it has several words).
extension Codebook {
    static let qdcNamespace = "urn:QDA-XML:codebook:1.0"
    static let blockMarker = "[samtal]"
    static let palette = ["#1F77B4", "#FF7F0E", "#2CA02C", "#D62728", "#9467BD", "#8C564B",
                          "#E377C2", "#7F7F7F", "#BCBD22", "#17BECF"]

    /// The GUID of a theme in REFI-QDA exports.
    public func qdcGUID(themeID: String) -> String {
        NameBasedUUID.v5("samtal:codebook:\(id):theme:\(themeID)")
    }

    /// The codebook as a REFI-QDA `.qdc` document (UTF-8 XML, deterministic).
    public func qdcDocument() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        out += "<CodeBook xmlns=\"\(Self.qdcNamespace)\" origin=\"\(xmlEscape("samtal codebook \(id) v\(version)"))\">\n"
        out += "  <Codes>\n"
        let children = Dictionary(grouping: themes.indices, by: { themes[$0].parent ?? "" })
        func write(_ index: Int, depth: Int) {
            let t = themes[index]
            let pad = String(repeating: "  ", count: depth + 2)
            out += "\(pad)<Code guid=\"\(qdcGUID(themeID: t.id))\" name=\"\(xmlEscape(t.labelSv))\""
            out += " isCodable=\"true\" color=\"\(Self.palette[index % Self.palette.count])\">"
            out += "<Description>\(xmlEscape(qdcDescription(t)))</Description>"
            let kids = children[t.id] ?? []
            if kids.isEmpty {
                out += "</Code>\n"
            } else {
                out += "\n"
                for k in kids { write(k, depth: depth + 1) }
                out += "\(pad)</Code>\n"
            }
        }
        let known = Set(themes.map(\.id))
        for i in themes.indices where themes[i].parent.map({ !known.contains($0) }) ?? true {
            write(i, depth: 0)
        }
        out += "  </Codes>\n</CodeBook>\n"
        return out
    }

    /// Writes `qdcDocument()` to `path` atomically.
    public func writeQDC(to path: String) throws {
        try AtomicFile.write(qdcDocument(), to: path)
    }

    private func qdcDescription(_ t: Theme) -> String {
        var lines = [t.description, "", Self.blockMarker, "id: \(t.id)", "label_en: \(t.labelEn)"]
        func add(_ key: String, _ items: [String], separator: String = ", ") {
            if !items.isEmpty { lines.append("\(key): " + items.joined(separator: separator)) }
        }
        add("words", t.terms.words)
        add("stems", t.terms.stems)
        add("compound_parts", t.terms.compoundParts)
        add("phrases", t.terms.phrases, separator: " | ")
        add("names", t.terms.names, separator: " | ")
        add("exclusions", t.exclusions, separator: " | ")
        return lines.joined(separator: "\n")
    }

    /// Loads a REFI-QDA `.qdc` codebook; XML errors are located `file:line:column`.
    public static func loadQDC(path: String) throws -> Codebook {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SamtalError(.fileNotFound, "cannot read \(path)")
        }
        return try parseQDC(data: data, file: path)
    }

    /// Parses a REFI-QDA codebook document.
    public static func parseQDC(data: Data, file: String = "<codebook.qdc>") throws -> Codebook {
        let reader = QDCReader()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.delegate = reader
        if !parser.parse() || reader.failure != nil {
            let location = SourceLocation(file: file, line: reader.failureLine ?? parser.lineNumber,
                                          column: reader.failureLine == nil ? parser.columnNumber : nil)
            throw SamtalError(.parseError, reader.failure ?? "not a well-formed REFI-QDA codebook",
                              location: location,
                              underlying: parser.parserError.map { "\($0.localizedDescription)" })
        }
        guard reader.sawCodeBook else {
            throw SamtalError(.parseError, "no <CodeBook> element in \(urn) namespace",
                              location: SourceLocation(file: file))
        }
        var themes: [Theme] = []
        var used = Set<String>()
        var idOfGUID: [String: String] = [:]
        for code in reader.codes {
            var theme = code.theme()
            var candidate = theme.id
            var n = 2
            while used.contains(candidate) { candidate = "\(theme.id)_\(n)"; n += 1 }
            theme.id = candidate
            used.insert(candidate)
            idOfGUID[code.guid] = candidate
            themes.append(theme)
        }
        for (i, code) in reader.codes.enumerated() {
            themes[i].parent = code.parentGUID.flatMap { idOfGUID[$0] }
        }
        guard !themes.isEmpty else {
            throw SamtalError(.emptyInput, "the codebook has no codes", location: SourceLocation(file: file))
        }
        let origin = reader.origin ?? ""
        let id = origin.hasPrefix("samtal codebook ")
            ? String(origin.dropFirst("samtal codebook ".count).split(separator: " ").first ?? "refi-qda")
            : URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let version = origin.split(separator: " ").last.flatMap { $0.hasPrefix("v") ? Int($0.dropFirst()) : nil } ?? 1
        return Codebook(id: slug(id).isEmpty ? "refi_qda" : slug(id), version: version, themes: themes)
    }

    static let urn = "urn:QDA-XML:codebook:1.0"

    /// `Arbetsmiljö och villkor` → `arbetsmiljo_och_villkor`.
    static func slug(_ name: String) -> String {
        var out = ""
        for c in name.lowercased().precomposedStringWithCanonicalMapping.unicodeScalars {
            switch c {
            case "å", "ä", "à", "á", "â": out.append("a")
            case "ö", "ø", "ó", "ô": out.append("o")
            case "é", "è", "ê", "ë": out.append("e")
            case "ü", "ú": out.append("u")
            case "a"..."z", "0"..."9": out.unicodeScalars.append(c)
            default: if !out.hasSuffix("_") && !out.isEmpty { out.append("_") }
            }
        }
        while out.hasSuffix("_") { out.removeLast() }
        if let f = out.unicodeScalars.first, ("0"..."9").contains(f) { out = "c_" + out }
        return out
    }
}

func xmlEscape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for c in s.unicodeScalars {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "\n": out += "&#10;"
        default: out.unicodeScalars.append(c)
        }
    }
    return out
}

/// SAX reader for `.qdc`: collects codes in document order with their parents.
private final class QDCReader: NSObject, XMLParserDelegate {
    struct Code {
        var guid: String
        var name: String
        var isCodable: Bool
        var description = ""
        var parentGUID: String?

        /// The theme, with id, label and terms from the `[samtal]` block when present.
        func theme() -> Theme {
            var text = description
            var block: [String: String] = [:]
            let lines = description.components(separatedBy: "\n")
            if let marker = lines.firstIndex(where: {
                $0.trimmingCharacters(in: .whitespaces) == Codebook.blockMarker
            }) {
                text = lines[..<marker].joined(separator: "\n")
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                for line in lines[(marker + 1)...] {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    block[String(line[..<colon]).trimmingCharacters(in: .whitespaces)] =
                        String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                }
            }
            func list(_ key: String, _ sep: String) -> [String] {
                (block[key] ?? "").components(separatedBy: sep)
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
            var terms = ThemeTerms(words: list("words", ","), stems: list("stems", ","),
                                   compoundParts: list("compound_parts", ","),
                                   phrases: list("phrases", "|"), names: list("names", "|"))
            if block.isEmpty && isCodable {
                let n = TextAnalyzer.normalize(name.trimmingCharacters(in: .whitespaces))
                if n.contains(" ") { terms.phrases = [n] } else if !n.isEmpty { terms.words = [n] }
            }
            let id = block["id"].map(Codebook.slug) ?? Codebook.slug(name)
            return Theme(id: id.isEmpty ? "code" : id, labelSv: name, labelEn: block["label_en"],
                         description: text, terms: terms, exclusions: list("exclusions", "|"))
        }
    }

    var codes: [Code] = []
    var origin: String?
    var sawCodeBook = false
    var failure: String?
    var failureLine: Int?
    private var stack: [Int] = []  // indices of open <Code> elements
    private var inDescription = false
    private var text = ""

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        guard namespaceURI == Codebook.urn else { return }
        switch element {
        case "CodeBook":
            sawCodeBook = true
            origin = attributes["origin"]
        case "Code":
            guard let guid = attributes["guid"], let name = attributes["name"] else {
                fail(parser, "<Code> needs guid and name attributes")
                return
            }
            let codable = (attributes["isCodable"] ?? "true").lowercased()
            codes.append(Code(guid: guid.uppercased().trimmingCharacters(in: CharacterSet(charactersIn: "{}")),
                              name: name, isCodable: codable == "true" || codable == "1",
                              parentGUID: stack.last.map { codes[$0].guid }))
            stack.append(codes.count - 1)
        case "Description":
            inDescription = !stack.isEmpty
            text = ""
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inDescription { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?,
                qualifiedName: String?) {
        guard namespaceURI == Codebook.urn else { return }
        switch element {
        case "Code": _ = stack.popLast()
        case "Description":
            if inDescription, let i = stack.last { codes[i].description = text }
            inDescription = false
        default: break
        }
    }

    private func fail(_ parser: XMLParser, _ message: String) {
        if failure == nil {
            failure = message
            failureLine = parser.lineNumber
        }
        parser.abortParsing()
    }
}
