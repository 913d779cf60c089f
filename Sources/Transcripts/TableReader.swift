import SamtalCore

/// Reads CSV/TSV tables (RFC 4180 quoting): written contributions from a dialogue app (one per
/// row: text, optional author, question or activity, time) or utterance tables (start, end,
/// speaker, text, as samtal and Whisper write them). Columns are found by Swedish or English
/// header names, or chosen with `ReadOptions` (`--text-column` …) by name or 1-based number.
struct TableReader {
    var context: ReadContext

    enum Role: String, CaseIterable { case text, speaker, question, start, end, id }

    static let headerNames: [Role: [String]] = [
        .text: ["text", "svar", "answer", "response", "contribution", "bidrag", "kommentar",
                "comment", "message", "meddelande", "content", "innehåll", "utterance", "yttrande",
                "transcript", "fritext", "åsikt", "opinion", "idea", "idé", "förslag", "suggestion"],
        .speaker: ["speaker", "author", "name", "namn", "författare", "deltagare", "participant",
                   "talare", "user", "användare", "person", "who", "vem", "respondent"],
        .question: ["question", "fråga", "activity", "aktivitet", "prompt", "topic", "ämne",
                    "tema", "theme", "uppgift", "task", "station"],
        .start: ["start", "time", "tid", "timestamp", "tidpunkt", "created", "created_at",
                 "skapad", "date", "datum", "begin", "från", "from"],
        .end: ["end", "slut", "stop", "till", "to"],
        .id: ["id", "nr", "number", "nummer"],
    ]

    struct Cell {
        var value: String
        var line: Int
        var column: Int
    }

    /// RFC 4180 records; quoted fields may hold separators, quotes (`""`) and line breaks.
    func records(_ text: String, separator: Character) throws -> [[Cell]] {
        var rows: [[Cell]] = []
        var row: [Cell] = []
        var field = ""
        var line = 1, column = 1
        var fieldLine = 1, fieldColumn = 1
        var inQuotes = false, wasQuoted = false
        var quoteLine = 1, quoteColumn = 1
        let chars = Array(text)
        var i = 0
        func endField() {
            row.append(Cell(value: field, line: fieldLine, column: fieldColumn))
            field = ""
            wasQuoted = false
        }
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" {
                        field.append("\""); i += 2; column += 2; continue
                    }
                    inQuotes = false
                } else {
                    field.append(c)
                    if c == "\n" || c == "\r\n" || c == "\r" { line += 1; column = 0 }
                }
            } else if c == "\"" && field.isEmpty && !wasQuoted {
                inQuotes = true
                wasQuoted = true
                quoteLine = line; quoteColumn = column
            } else if c == separator {
                endField()
                fieldLine = line; fieldColumn = column + 1
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                endField()
                if !(row.count == 1 && row[0].value.isEmpty) { rows.append(row) }
                row = []
                line += 1; column = 0
                fieldLine = line; fieldColumn = 1
            } else {
                if wasQuoted {
                    try context.recover("unexpected character after a closing quote", line: line, column: column)
                }
                field.append(c)
            }
            i += 1
            column += 1
        }
        if inQuotes {
            try context.recover("unterminated quoted field (opened here)", line: quoteLine, column: quoteColumn)
        }
        if !field.isEmpty || !row.isEmpty { endField(); rows.append(row) }
        return rows
    }

    /// Separator: the option, tab for TSV, else whichever of `,` `;` tab is most frequent outside
    /// quotes on the first line.
    private func separator(_ text: String, format: TranscriptFormat) -> Character {
        if let d = context.options.delimiter { return d }
        if format == .tsv { return "\t" }
        var counts: [Character: Int] = [",": 0, ";": 0, "\t": 0]
        var inQuotes = false
        for c in text.prefix(4096) {
            if c == "\"" { inQuotes.toggle() }
            if inQuotes { continue }
            if c == "\n" || c == "\r\n" { break }
            if counts[c] != nil { counts[c]! += 1 }
        }
        return counts.max(by: { ($0.value, $0.key == "," ? 1 : 0) < ($1.value, $1.key == "," ? 1 : 0) })!.key
    }

    func read(_ text: String, format: TranscriptFormat) throws -> Transcript {
        let sep = separator(text, format: format)
        let rows = try records(text, separator: sep)
        guard let header = rows.first else {
            throw SamtalError(.emptyInput, "the table has no rows", location: context.location(1, 1))
        }
        let names = header.map { $0.value.trimmed.lowercased() }
        var columns: [Role: Int] = [:]
        let chosen: [Role: String?] = [
            .text: context.options.textColumn, .speaker: context.options.speakerColumn,
            .question: context.options.questionColumn, .start: context.options.timeColumn,
            .end: context.options.endColumn,
        ]
        for (role, choice) in chosen {
            guard let choice else { continue }
            if let n = Int(choice), (1...names.count).contains(n) {
                columns[role] = n - 1
            } else if let idx = names.firstIndex(of: choice.lowercased()) {
                columns[role] = idx
            } else {
                throw SamtalError(.invalidArgument,
                                  "no column '\(choice)' for \(role.rawValue); the header has: \(names.joined(separator: ", "))",
                                  location: context.location(1, 1))
            }
        }
        for role in Role.allCases where columns[role] == nil {
            if let idx = names.firstIndex(where: { TableReader.headerNames[role]!.contains($0) }),
               !columns.values.contains(idx) {
                columns[role] = idx
            }
        }
        guard let textColumn = columns[.text] else {
            throw SamtalError(.parseError,
                              "no text column found; the header has: \(names.joined(separator: ", "))",
                              hint: "choose it with --text-column NAME (or a 1-based number)",
                              location: context.location(1, 1))
        }
        let body = Array(rows.dropFirst())
        // Whisper and whisper.cpp write times as integer milliseconds; samtal writes decimals.
        let timeColumns = [columns[.start], columns[.end]].compactMap { $0 }
        let millis = !timeColumns.isEmpty && body.allSatisfy { row in
            timeColumns.allSatisfy { c in
                c >= row.count || row[c].value.trimmed.isEmpty
                    || row[c].value.trimmed.allSatisfy(\.isASCIIDigit)
            }
        } && body.contains { row in timeColumns.contains { $0 < row.count && !row[$0].value.trimmed.isEmpty } }

        var t = Transcript(format: format.rawValue)
        if millis { t.metadata["timeUnit"] = "ms" }
        var ids = UtteranceIDs()
        for (n, row) in body.enumerated() {
            guard textColumn < row.count else {
                let line = row.first?.line ?? n + 2
                try context.recover("row has \(row.count) field(s); the text is in column \(textColumn + 1)",
                                    line: line, column: 1)
                continue
            }
            let text = CSVFormat.unneutralise(row[textColumn].value).trimmed
            var u = Utterance(id: ids.make(columns[.id].flatMap { $0 < row.count ? row[$0].value : nil },
                                           index: n), text: text)
            if let c = columns[.speaker], c < row.count {
                let s = CSVFormat.unneutralise(row[c].value).trimmed
                if !s.isEmpty && s != "?" { u.speaker = s }
            }
            if let c = columns[.question], c < row.count, !row[c].value.trimmed.isEmpty {
                u.metadata["question"] = row[c].value.trimmed
            }
            for (role, target) in [(Role.start, \Utterance.start), (Role.end, \Utterance.end)] {
                guard let c = columns[role], c < row.count else { continue }
                let raw = row[c].value.trimmed
                if raw.isEmpty { continue }
                if millis, let ms = Double(raw) {
                    u[keyPath: target] = ms / 1000
                } else if let v = Double(raw), v.isFinite, v >= 0 {
                    u[keyPath: target] = v
                } else if raw.contains(":"), !raw.contains("-"), let v = Timecode.parse(raw) {
                    u[keyPath: target] = v
                } else {
                    u.metadata[role == .start ? "time" : "endTime"] = raw  // a date-time: kept as text
                }
            }
            for (i, cell) in row.enumerated() where !columns.values.contains(i) && i < names.count {
                let v = cell.value.trimmed
                if !v.isEmpty, !names[i].isEmpty { u.metadata[names[i]] = v }
            }
            t.utterances.append(u)
        }
        return t
    }
}
