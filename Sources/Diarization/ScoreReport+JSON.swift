import Foundation

extension ScoreReport {
    /// JSON in the shape `peers score` prints (`files` → id → der, miss, false_alarm, confusion,
    /// jer, total; and `total`), keys sorted, components as fractions of the reference speech.
    public func jsonText() -> String {
        func entry(_ c: ScoreComponents) -> String {
            func number(_ value: Double?) -> String {
                guard let value else { return "null" }
                return String(format: "%.6f", value)
            }
            return "{\"confusion\": \(number(c.fraction(c.confusion))), "
                + "\"der\": \(number(c.diarizationErrorRate)), "
                + "\"false_alarm\": \(number(c.fraction(c.falseAlarm))), "
                + "\"jer\": \(number(c.jaccardErrorRate)), "
                + "\"miss\": \(number(c.fraction(c.missed))), "
                + "\"speakers\": \(c.speakerCount), "
                + "\"total\": \(number(c.total))}"
        }
        var lines = ["{", "  \"files\": {"]
        let ids = files.keys.sorted()
        for (i, id) in ids.enumerated() {
            lines.append("    \(jsonString(id)): \(entry(files[id]!))" + (i + 1 < ids.count ? "," : ""))
        }
        lines.append("  },")
        lines.append("  \"total\": \(entry(total))")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A fixed-width table: one row per file and a total row, rates in percent.
    public func tableText() -> String {
        let idWidth = max(5, files.keys.map(\.count).max() ?? 0)
        func pad(_ s: String, _ w: Int) -> String { s.count >= w ? s : s + String(repeating: " ", count: w - s.count) }
        func lpad(_ s: String, _ w: Int) -> String { s.count >= w ? s : String(repeating: " ", count: w - s.count) + s }
        func percent(_ v: Double?) -> String { v.map { String(format: "%.2f", 100 * $0) } ?? "n/a" }
        func row(_ id: String, _ c: ScoreComponents) -> String {
            pad(id, idWidth) + lpad(percent(c.diarizationErrorRate), 9)
                + lpad(percent(c.fraction(c.missed)), 9) + lpad(percent(c.fraction(c.falseAlarm)), 9)
                + lpad(percent(c.fraction(c.confusion)), 9) + lpad(percent(c.jaccardErrorRate), 9)
                + lpad(String(format: "%.2f", c.total), 10)
        }
        var text = pad("file", idWidth) + lpad("DER%", 9) + lpad("miss%", 9) + lpad("FA%", 9)
            + lpad("conf%", 9) + lpad("JER%", 9) + lpad("ref_s", 10) + "\n"
        for id in files.keys.sorted() { text += row(id, files[id]!) + "\n" }
        text += row("TOTAL", total) + "\n"
        return text
    }
}

func jsonString(_ s: String) -> String {
    let data = try? JSONEncoder().encode(s)
    return data.flatMap { String(data: $0, encoding: .utf8) } ?? "\"\""
}
