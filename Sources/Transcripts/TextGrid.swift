import SamtalCore

/// Reads Praat TextGrids, long ("text") and short form alike: both are the same sequence of
/// strings, numbers and flags once keys (`xmin =`), indices (`[1]`) and `!` comments are skipped.
/// Each interval tier's non-empty intervals become utterances with the tier name as speaker.
struct TextGridReader {
    var context: ReadContext

    enum Token: Equatable {
        case string(String), number(Double), flag(String)
    }

    struct Located {
        var token: Token
        var line: Int
        var column: Int
    }

    func tokens(_ text: String) throws -> [Located] {
        var out: [Located] = []
        let s = Array(text.unicodeScalars)
        var i = 0, line = 1, lineStart = 0
        func col(_ p: Int) -> Int { p - lineStart + 1 }
        while i < s.count {
            let c = s[i]
            if c == "\n" { line += 1; lineStart = i + 1; i += 1; continue }
            if c.properties.isWhitespace || c == "=" || c == ":" || c == "?" || c == "\u{FEFF}" { i += 1; continue }
            if c == "!" {
                while i < s.count, s[i] != "\n" { i += 1 }
                continue
            }
            if c == "\"" {
                let startLine = line, startCol = col(i)
                var value = String.UnicodeScalarView()
                i += 1
                var closed = false
                while i < s.count {
                    if s[i] == "\"" {
                        if i + 1 < s.count, s[i + 1] == "\"" { value.append("\""); i += 2; continue }
                        i += 1
                        closed = true
                        break
                    }
                    if s[i] == "\n" { line += 1; lineStart = i + 1 }
                    value.append(s[i])
                    i += 1
                }
                if !closed {
                    throw context.error("unterminated string in TextGrid", line: startLine, column: startCol)
                }
                out.append(Located(token: .string(String(value)), line: startLine, column: startCol))
                continue
            }
            if c == "[" {
                while i < s.count, s[i] != "]", s[i] != "\n" { i += 1 }
                i += 1
                continue
            }
            if c == "<" {
                let start = i
                while i < s.count, s[i] != ">", s[i] != "\n" { i += 1 }
                let flag = String(String.UnicodeScalarView(s[start..<min(i + 1, s.count)]))
                out.append(Located(token: .flag(flag), line: line, column: col(start)))
                i += 1
                continue
            }
            if c.isASCIIDigit || c == "-" || c == "+" || c == "." {
                let start = i
                while i < s.count, s[i].isASCIIDigit || "+-.eE".unicodeScalars.contains(s[i]) { i += 1 }
                let text = String(String.UnicodeScalarView(s[start..<i]))
                guard let v = Double(text), v.isFinite else {
                    throw context.error("malformed number '\(text)' in TextGrid", line: line, column: col(start))
                }
                out.append(Located(token: .number(v == 0 ? 0 : v), line: line, column: col(start)))
                continue
            }
            if c.properties.isAlphabetic || c == "_" {
                while i < s.count, s[i].properties.isAlphabetic || s[i] == "_" || s[i].isASCIIDigit { i += 1 }
                continue  // a key such as xmin, intervals, item, size
            }
            throw context.error("unexpected character '\(c)' in TextGrid", line: line, column: col(i))
        }
        return out
    }

    func read(_ text: String) throws -> Transcript {
        let toks = try tokens(text)
        var p = 0
        func location() -> (Int, Int) {
            p < toks.count ? (toks[p].line, toks[p].column) : (toks.last?.line ?? 1, toks.last?.column ?? 1)
        }
        func string(_ what: String) throws -> String {
            guard p < toks.count, case .string(let s) = toks[p].token else {
                let (l, c) = location()
                throw context.error("expected \(what) (a quoted string) in TextGrid", line: l, column: c)
            }
            p += 1
            return s
        }
        func number(_ what: String) throws -> Double {
            guard p < toks.count, case .number(let v) = toks[p].token else {
                let (l, c) = location()
                throw context.error("expected \(what) (a number) in TextGrid", line: l, column: c)
            }
            p += 1
            return v
        }
        guard try string("'ooTextFile'").hasPrefix("ooTextFile") else {
            throw context.error("not a TextGrid: expected File type = \"ooTextFile\"", line: 1, column: 1)
        }
        guard try string("'TextGrid'") == "TextGrid" else {
            throw context.error("not a TextGrid: expected Object class = \"TextGrid\"", line: 2, column: 1)
        }
        _ = try number("xmin")
        _ = try number("xmax")
        var t = Transcript(format: TranscriptFormat.textgrid.rawValue)
        guard p < toks.count, case .flag(let flag) = toks[p].token else { return t }  // no tiers
        p += 1
        guard flag == "<exists>" else { return t }
        let size = try number("the number of tiers")
        guard size >= 0, size < 100_000 else {
            let (l, c) = location()
            throw context.error("implausible tier count \(size)", line: l, column: c)
        }
        var collected: [(Utterance, Int)] = []
        let selected = context.options.tiers.map(Set.init)
        for tierIndex in 0..<Int(size) {
            let kind = try string("a tier class")
            let name = try string("a tier name")
            _ = try number("tier xmin")
            _ = try number("tier xmax")
            let count = try number("the number of intervals")
            guard count >= 0, count <= Double(toks.count) else {
                let (l, c) = location()
                throw context.error("implausible interval count \(count)", line: l, column: c)
            }
            let keep = selected.map { $0.contains(name) } ?? (kind == "IntervalTier")
            for _ in 0..<Int(count) {
                if kind == "IntervalTier" {
                    let start = try number("interval xmin")
                    let end = try number("interval xmax")
                    let label = try string("interval text")
                    if keep, !label.trimmed.isEmpty {
                        collected.append((Utterance(id: "", start: start, end: end,
                                                    speaker: name.isEmpty ? nil : name,
                                                    text: label.trimmed), tierIndex))
                    }
                } else {
                    let time = try number("point time")
                    let mark = try string("point mark")
                    if keep, !mark.trimmed.isEmpty {
                        collected.append((Utterance(id: "", start: time, end: time,
                                                    speaker: name.isEmpty ? nil : name,
                                                    text: mark.trimmed), tierIndex))
                    }
                }
            }
        }
        collected.sort { a, b in
            let (sa, sb) = (a.0.start ?? 0, b.0.start ?? 0)
            return sa != sb ? sa < sb : a.1 < b.1
        }
        t.utterances = collected.enumerated().map { i, pair in
            var u = pair.0
            u.id = UtteranceIDs.positional(i)
            return u
        }
        return t
    }
}

/// Writes a long-form TextGrid with one interval tier per speaker (unattributed utterances go to
/// a tier with an empty name); gaps become empty intervals.
struct TextGridWriter {
    func write(_ t: Transcript) throws -> String {
        var tiers: [(String, [Utterance])] = []
        var index: [String: Int] = [:]
        var xmax = 0.0
        for u in t.utterances {
            let (s, e) = try TranscriptWriter.requireTimes(u, "TextGrid")
            xmax = max(xmax, e, s)
            let name = u.speaker ?? ""
            if index[name] == nil { index[name] = tiers.count; tiers.append((name, [])) }
            tiers[index[name]!].1.append(u)
        }
        func q(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        func num(_ v: Double) -> String { Timecode.decimal(v) }
        var out = "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n\n"
        out += "xmin = 0\nxmax = \(num(xmax))\n"
        out += tiers.isEmpty ? "tiers? <absent>\n" : "tiers? <exists>\nsize = \(tiers.count)\nitem []:\n"
        for (n, (name, utterances)) in tiers.enumerated() {
            var intervals: [(Double, Double, String)] = []
            var cursor = 0.0
            for u in utterances.sorted(by: { ($0.start ?? 0) < ($1.start ?? 0) }) {
                let (s, e) = (u.start!, u.end!)
                if s < cursor - 1e-9 {
                    throw SamtalError(.invalidArgument,
                                      "utterances of \(name.isEmpty ? "an unnamed speaker" : name) overlap at \(num(s)) s; a TextGrid tier cannot hold overlapping intervals",
                                      hint: "write json or csv instead")
                }
                if s > cursor + 1e-9 { intervals.append((cursor, s, "")) }
                intervals.append((s, max(s, e), u.text))
                cursor = max(s, e)
            }
            if cursor < xmax - 1e-9 { intervals.append((cursor, xmax, "")) }
            out += "    item [\(n + 1)]:\n        class = \"IntervalTier\"\n        name = \(q(name))\n"
            out += "        xmin = 0\n        xmax = \(num(xmax))\n        intervals: size = \(intervals.count)\n"
            for (i, (s, e, text)) in intervals.enumerated() {
                out += "        intervals [\(i + 1)]:\n            xmin = \(num(s))\n            xmax = \(num(e))\n"
                out += "            text = \(q(text))\n"
            }
        }
        return out
    }
}
