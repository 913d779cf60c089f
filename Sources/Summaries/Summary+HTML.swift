import Foundation

extension Summary {
    /// A self-contained HTML report: inline CSS and SVG charts (speaker timeline, emotions over
    /// time, theme bars, participation), no scripts and no external fetches, readable on a phone.
    /// All transcript-derived text is HTML-escaped.
    public func html() -> String {
        let h = Headings(language: language)
        let e = Escaping.html
        let w = Wording(language: language)
        var out = """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            <title>\(e(title))</title>
            <style>\(Self.css)</style>
            </head>
            <body>
            <main>
            <h1>\(e(title))</h1>

            """
        func paragraph(_ claims: [Claim]) {
            guard !claims.isEmpty else { return }
            let ids = Set(claims.flatMap(\.utteranceIds)).count
            out += "<p data-utterances=\"\(ids)\">" + claims.map { e($0.text) }.joined(separator: " ") + "</p>\n"
        }
        func quotes(_ qs: [Quote]) {
            for q in qs {
                out += "<blockquote id=\"q-\(e(q.utteranceId))\">\(e(h.quoted(q.text)))"
                out += (h.attribution(q).map { "<cite>\(e($0))</cite>" } ?? "") + "</blockquote>\n"
            }
        }
        if tables.count > 1 {
            // Links to each table's own report, written beside this one by `samtal run`.
            let links = tables.map { t -> String in
                let href = t.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? t
                return "<a href=\"\(e(href))/report.html\">\(e(t))</a>"
            }
            out += "<nav>\(h.tables): \(links.joined(separator: " · "))</nav>\n"
        }
        out += "<section><h2>\(h.overview)</h2>\n"
        paragraph(overview)
        out += "</section>\n<section><h2>\(h.themes)</h2>\n"
        if themes.isEmpty { out += "<p>\(h.noThemes)</p>\n" } else { out += themeBars() }
        for t in themes {
            out += "<h3>\(e(t.label))\(t.discovered ? " <small>(\(h.discovered))</small>" : "")</h3>\n"
            paragraph(t.paragraph)
            quotes(t.quotes)
        }
        out += "</section>\n<section><h2>\(h.emotions)</h2>\n"
        if emotions.isEmpty {
            out += "<p>\(h.noEmotions)</p>\n"
        } else {
            out += "<p>\(h.emotionsIntro)</p>\n<ol class=\"emotions\">\n"
            for em in emotions {
                out += "<li><strong>\(e(em.label)):</strong> "
                out += em.paragraph.map { e($0.text) }.joined(separator: " ")
                out += "\n"
                quotes(em.quotes)
                out += "</li>\n"
            }
            out += "</ol>\n"
        }
        if let arc { paragraph([arc]) }
        if !arcSeries.isEmpty, !emotions.isEmpty { out += arcChart(h) }
        out += "</section>\n<section><h2>\(h.participation)</h2>\n"
        paragraph(participation.paragraph)
        if !participation.speakers.isEmpty {
            out += participationBars(w)
            out += timelineChart(h)
            out += "<table><thead><tr><th>\(h.speaker)</th><th>\(h.speakingTime)</th><th>\(h.share)</th><th>\(h.turns)</th><th>\(h.utterances)</th></tr></thead><tbody>\n"
            for s in participation.speakers {
                let time = s.seconds.map { Wording.clock($0) } ?? "–"
                out += "<tr><td>\(e(s.speaker))</td><td>\(time)</td><td>\(w.percent(s.share))</td><td>\(s.turns)</td><td>\(s.utterances)</td></tr>\n"
            }
            out += "</tbody></table>\n"
        }
        out += "</section>\n<section><h2>\(h.actors)</h2>\n"
        if actors.isEmpty {
            out += "<p>\(h.noActors)</p>\n"
        } else {
            paragraph(actorsParagraph)
            out += "<table><thead><tr><th>\(h.actor)</th><th>\(h.mentions)</th><th>\(h.share)</th></tr></thead><tbody>\n"
            for a in actors {
                out += "<tr><td>\(e(Wording.capitalised(a.label)))</td><td>\(a.mentions)</td><td>\(w.percent(a.share))</td></tr>\n"
            }
            out += "</tbody></table>\n"
        }
        out += "</section>\n"
        if !warnings.isEmpty {
            out += "<section class=\"warnings\"><h2>\(h.warnings)</h2><ul>\n"
            for warning in warnings { out += "<li>\(e(warning))</li>\n" }
            out += "</ul></section>\n"
        }
        out += "<footer>\(e(h.footer))</footer>\n</main>\n</body>\n</html>\n"
        return out
    }

    static let palette = ["#3b6ea5", "#d1495b", "#edae49", "#00798c", "#66a182", "#8d5a97",
                          "#9a6d38", "#5c5c5c"]

    static let css = """
        :root{color-scheme:light}*{box-sizing:border-box}\
        body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d232b;background:#fbfbf9}\
        main{max-width:46rem;margin:0 auto;padding:1rem 1.1rem 3rem}\
        h1{font-size:1.7rem;line-height:1.2;margin:.6rem 0 1rem}h2{font-size:1.3rem;margin:2rem 0 .6rem;border-bottom:2px solid #e3e1dc;padding-bottom:.2rem}\
        h3{font-size:1.08rem;margin:1.4rem 0 .3rem}small{font-weight:normal;color:#5b6470}\
        p{margin:.4rem 0 .8rem;overflow-wrap:anywhere}\
        blockquote{margin:.4rem 0 .8rem;padding:.3rem .8rem;border-left:4px solid #c9c4ba;background:#f2f0eb;overflow-wrap:anywhere}\
        cite{display:block;font-size:.85rem;color:#5b6470;font-style:normal;margin-top:.2rem}\
        ol.emotions{padding-left:1.4rem}ol.emotions li{margin-bottom:.9rem}\
        table{border-collapse:collapse;width:100%;margin:.6rem 0 1rem;font-size:.92rem}\
        th,td{padding:.3rem .4rem;border-bottom:1px solid #e3e1dc;text-align:right}th:first-child,td:first-child{text-align:left;overflow-wrap:anywhere}\
        figure{margin:.8rem 0 1.2rem}figcaption{font-size:.85rem;color:#5b6470}svg{width:100%;height:auto;display:block}\
        svg text{font:15px system-ui,sans-serif;fill:#1d232b}\
        .warnings li{color:#8a4b00}nav{font-size:.92rem}nav a{color:#3b6ea5}footer{margin-top:2.5rem;font-size:.8rem;color:#5b6470}\
        @media (max-width:30rem){body{font-size:15px}main{padding:.7rem .8rem 2rem}h1{font-size:1.4rem}}
        """

    /// Horizontal bars of utterances per theme.
    func themeBars() -> String {
        let maxCount = max(1, themes.map(\.utteranceCount).max() ?? 1)
        let rowHeight = 26, labelWidth = 170, width = 480
        let height = themes.count * rowHeight + 8
        var svg = "<figure><svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(Headings(language: language).themes)\">\n"
        for (i, t) in themes.enumerated() {
            let y = 4 + i * rowHeight
            let barWidth = Double(width - labelWidth - 50) * Double(t.utteranceCount) / Double(maxCount)
            svg += "<text x=\"0\" y=\"\(y + 16)\">\(Escaping.xml(Self.clip(t.label, 19)))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(fmt(barWidth))\" height=\"16\" fill=\"\(Self.palette[i % Self.palette.count])\"/>"
            svg += "<text x=\"\(fmt(Double(labelWidth) + barWidth + 6))\" y=\"\(y + 16)\">\(t.utteranceCount)</text>\n"
        }
        return svg + "</svg></figure>\n"
    }

    /// Horizontal bars of each speaker's share.
    func participationBars(_ w: Wording) -> String {
        let rowHeight = 26, labelWidth = 170, width = 480
        let speakers = participation.speakers
        let height = speakers.count * rowHeight + 8
        var svg = "<figure><svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(Headings(language: language).participation)\">\n"
        for (i, s) in speakers.enumerated() {
            let y = 4 + i * rowHeight
            let barWidth = Double(width - labelWidth - 60) * s.share
            svg += "<text x=\"0\" y=\"\(y + 16)\">\(Escaping.xml(Self.clip(s.speaker, 19)))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(fmt(barWidth))\" height=\"16\" fill=\"\(speakerColor(s.speaker))\"/>"
            svg += "<text x=\"\(fmt(Double(labelWidth) + barWidth + 6))\" y=\"\(y + 16)\">\(w.percent(s.share))</text>\n"
        }
        return svg + "</svg></figure>\n"
    }

    private func speakerColor(_ speaker: String) -> String {
        let index = participation.speakers.firstIndex { $0.speaker == speaker } ?? 0
        return Self.palette[index % Self.palette.count]
    }

    /// Who spoke when: one row per speaker, a bar per utterance (by time, or by position when
    /// the source has no times).
    func timelineChart(_ h: Headings) -> String {
        let speakers = participation.speakers.map(\.speaker)
        let timed = timeline.allSatisfy { $0.start != nil }
        let spans: [(String, Double, Double)] = timeline.enumerated().compactMap { i, t in
            guard let s = t.speaker else { return nil }
            if timed { return (s, t.start!, max(t.end ?? t.start!, t.start! + 0.5)) }
            return (s, Double(i), Double(i) + 0.9)
        }
        guard let hi = spans.map(\.2).max() else { return "" }
        let lo = min(0, spans.map(\.1).min() ?? 0)
        let rowHeight = 24, labelWidth = 130, width = 480
        let height = speakers.count * rowHeight + 24
        let scale = Double(width - labelWidth - 10) / max(hi - lo, 1e-9)
        var svg = "<figure><svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(h.timeline)\">\n"
        for (i, s) in speakers.enumerated() {
            svg += "<text x=\"0\" y=\"\(i * rowHeight + 15)\">\(Escaping.xml(Self.clip(s, 14)))</text>\n"
        }
        for (s, a, b) in spans {
            guard let row = speakers.firstIndex(of: s) else { continue }
            svg += "<rect x=\"\(fmt(Double(labelWidth) + (a - lo) * scale))\" y=\"\(row * rowHeight + 3)\" width=\"\(fmt(max(1, (b - a) * scale)))\" height=\"16\" fill=\"\(speakerColor(s))\"/>"
        }
        let axisY = speakers.count * rowHeight + 16
        if timed {
            svg += "\n<text x=\"\(labelWidth)\" y=\"\(axisY)\">\(Wording.clock(lo))</text>"
            svg += "<text x=\"\(width - 10)\" y=\"\(axisY)\" text-anchor=\"end\">\(Wording.clock(hi))</text>"
        }
        return svg + "\n</svg><figcaption>\(h.timeline)</figcaption></figure>\n"
    }

    /// Emotions over time: the share of utterances carrying each listed emotion per slice, and
    /// the mean polarity as a dashed line.
    func arcChart(_ h: Headings) -> String {
        let width = 480.0, height = 240.0, left = 10.0, right = 10.0, top = 10.0, bottom = 64.0
        let plotW = width - left - right, plotH = height - top - bottom
        let n = arcSeries.count
        func x(_ i: Int) -> Double { left + (n > 1 ? plotW * Double(i) / Double(n - 1) : plotW / 2) }
        func y(_ share: Double) -> Double { top + plotH * (1 - share) }
        var svg = "<figure><svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(h.arc)\">\n"
        svg += "<line x1=\"\(left)\" y1=\"\(y(0))\" x2=\"\(width - right)\" y2=\"\(y(0))\" stroke=\"#c9c4ba\"/>\n"
        svg += "<line x1=\"\(left)\" y1=\"\(y(0.5))\" x2=\"\(width - right)\" y2=\"\(y(0.5))\" stroke=\"#e3e1dc\" stroke-dasharray=\"2 4\"/>\n"
        var legend: [(String, String)] = []
        for (k, em) in emotions.enumerated() {
            let color = Self.palette[k % Self.palette.count]
            let points = arcSeries.enumerated().map { i, p in
                "\(fmt(x(i))),\(fmt(y(p.emotionShares[em.id] ?? 0)))"
            }.joined(separator: " ")
            svg += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2.5\"/>\n"
            legend.append((color, em.label))
        }
        let polarity = arcSeries.enumerated().map { i, p in
            "\(fmt(x(i))),\(fmt(y((p.polarity + 1) / 2)))"
        }.joined(separator: " ")
        svg += "<polyline points=\"\(polarity)\" fill=\"none\" stroke=\"#1d232b\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"/>\n"
        legend.append(("#1d232b", h.polarity))
        var lx = left
        var ly = height - bottom + 18
        for (color, label) in legend {
            let text = Self.clip(label, 22)
            let w = 18 + Double(text.count) * 8.2 + 12
            if lx + w > width { lx = left; ly += 19 }
            svg += "<rect x=\"\(fmt(lx))\" y=\"\(fmt(ly - 9))\" width=\"12\" height=\"10\" fill=\"\(color)\"/>"
            svg += "<text x=\"\(fmt(lx + 16))\" y=\"\(fmt(ly))\">\(Escaping.xml(text))</text>\n"
            lx += w
        }
        return svg + "</svg><figcaption>\(h.arc)</figcaption></figure>\n"
    }

    static func clip(_ s: String, _ limit: Int) -> String {
        s.count <= limit ? s : String(s.prefix(limit - 1)) + "…"
    }
}

/// A coordinate with at most one decimal, stable across platforms.
func fmt(_ v: Double) -> String {
    let tenths = Int((abs(v) * 10).rounded())
    let sign = v < 0 && tenths > 0 ? "-" : ""
    return sign + (tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)")
}
