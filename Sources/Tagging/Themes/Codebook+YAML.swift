import Foundation
import SamtalCore
import Yams

extension Codebook {
    /// Loads a codebook from a YAML file; mistakes are reported as `parseError` at `file:line:col`.
    public static func load(path: String) throws -> Codebook {
        try parse(yaml: readTextFile(path), file: path)
    }

    /// Parses codebook YAML; `file` names the source in error locations.
    public static func parse(yaml: String, file: String = "<codebook>") throws -> Codebook {
        let y = YAMLNodes(file: file)
        let root = try y.root(yaml)
        let top = try y.mapping(root, "the codebook",
                                allowed: ["codebook", "version", "language", "label_sv", "label_en",
                                          "description", "themes", "actors"])
        let id = try y.requiredString(top, "codebook", in: "the codebook", at: root)
        var version = 1
        if let v = top["version"] {
            guard let n = Int(try y.string(v, "version")), n >= 1 else {
                throw y.fail(v, "version must be a whole number ≥ 1")
            }
            version = n
        }
        var language = TextLanguage.swedish
        if let l = top["language"] {
            let code = try y.string(l, "language")
            guard let lang = TextLanguage(rawValue: code) else {
                throw y.fail(l, "unknown language '\(code)'", hint: "use sv or en")
            }
            language = lang
        }
        // An actor gazetteer is a codebook whose list is called `actors`.
        guard let themesNode = top["themes"] ?? top["actors"] else {
            throw y.fail(root, "the codebook has no 'themes'")
        }
        guard let seq = themesNode.sequence, !seq.isEmpty else {
            throw y.fail(themesNode, "'themes' must be a non-empty list of themes")
        }
        var themes: [Theme] = []
        var seen: [String: Node] = [:]
        var parentNodes: [(String, Node)] = []
        for node in seq {
            let (theme, idNode, parentNode) = try parseTheme(node, y)
            if seen[theme.id] != nil {
                let first = seen[theme.id]?.mark.map { " (first at line \($0.line))" } ?? ""
                throw y.fail(idNode, "theme id '\(theme.id)' is used twice\(first)")
            }
            seen[theme.id] = idNode
            if let p = theme.parent, let pn = parentNode { parentNodes.append((p, pn)) }
            themes.append(theme)
        }
        for (p, node) in parentNodes where seen[p] == nil {
            throw y.fail(node, "parent '\(p)' is not a theme of this codebook")
        }
        let book = Codebook(id: id, version: version, language: language,
                            labelSv: try top["label_sv"].map { try y.string($0, "label_sv") },
                            labelEn: try top["label_en"].map { try y.string($0, "label_en") },
                            themes: themes)
        if let cycle = book.parentCycle() {
            throw y.fail(seen[cycle], "theme '\(cycle)' is its own ancestor (parent cycle)")
        }
        return book
    }

    private static func parseTheme(_ node: Node, _ y: YAMLNodes) throws -> (Theme, Node, Node?) {
        let m = try y.mapping(node, "a theme",
                              allowed: ["id", "label_sv", "label_en", "description", "parent",
                                        "terms", "exclusions"])
        let id = try y.requiredString(m, "id", in: "a theme", at: node)
        let idNode = m["id"]!
        guard id.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }),
              let first = id.unicodeScalars.first, ("a"..."z").contains(first) else {
            throw y.fail(idNode, "theme id '\(id)' must be lower-case a–z, digits and _",
                         hint: "write e.g. teknik_ai, arbetsmiljo (no å ä ö, no spaces)")
        }
        let what = "theme '\(id)'"
        let labelSv = try y.requiredString(m, "label_sv", in: what, at: node)
        let labelEn = try m["label_en"].map { try y.string($0, "label_en of \(what)") }
        let description = try m["description"].map { try y.string($0, "description of \(what)") } ?? ""
        let parent = try m["parent"].flatMap { n -> String? in
            let s = try y.string(n, "parent of \(what)")
            return s.isEmpty || n.null != nil ? nil : s
        }
        if parent == id { throw y.fail(m["parent"], "\(what) cannot be its own parent") }
        var terms = ThemeTerms()
        if let t = m["terms"] {
            let tm = try y.mapping(t, "terms of \(what)",
                                   allowed: ["words", "stems", "compound_parts", "phrases", "names"])
            terms.words = try singleWords(tm["words"], "words of \(what)", y)
            terms.stems = try singleWords(tm["stems"], "stems of \(what)", y)
            terms.compoundParts = try singleWords(tm["compound_parts"], "compound_parts of \(what)", y)
            terms.phrases = try phrases(tm["phrases"], "phrases of \(what)", y)
            terms.names = try y.strings(tm["names"], "names of \(what)").map { s, n in
                if s.isEmpty { throw y.fail(n, "empty entry in names of \(what)") }
                return s.precomposedStringWithCanonicalMapping
            }
        }
        let exclusions = try phrases(m["exclusions"], "exclusions of \(what)", y)
        let theme = Theme(id: id, labelSv: labelSv, labelEn: labelEn, description: description,
                          parent: parent, terms: terms, exclusions: exclusions)
        return (theme, idNode, m["parent"])
    }

    private static func singleWords(_ node: Node?, _ what: String, _ y: YAMLNodes) throws -> [String] {
        try y.strings(node, what).map { s, n in
            if s.isEmpty { throw y.fail(n, "empty entry in \(what)") }
            if s.contains(where: \.isWhitespace) {
                throw y.fail(n, "'\(s)' in \(what) has a space",
                             hint: "put word sequences under phrases")
            }
            return TextAnalyzer.normalize(s)
        }
    }

    private static func phrases(_ node: Node?, _ what: String, _ y: YAMLNodes) throws -> [String] {
        try y.strings(node, what).map { s, n in
            let words = s.split(whereSeparator: \.isWhitespace)
            if words.isEmpty { throw y.fail(n, "empty entry in \(what)") }
            if words.first == "*" { throw y.fail(n, "'\(s)' in \(what) starts with '*'") }
            return words.map { TextAnalyzer.normalize(String($0)) }.joined(separator: " ")
        }
    }

    /// The id of a theme on a parent cycle, or nil.
    func parentCycle() -> String? {
        let parentOf = Dictionary(themes.map { ($0.id, $0.parent) }, uniquingKeysWith: { a, _ in a })
        for t in themes {
            var seen: Set<String> = [t.id]
            var p = t.parent
            while let q = p {
                if !seen.insert(q).inserted { return t.id }
                p = parentOf[q] ?? nil
            }
        }
        return nil
    }
}
