import SamtalCore

/// Reads WebVTT, with the conventions of Microsoft Teams (`<v Name (Guest)>`, GUID cue ids) and
/// Zoom (`Name: text`).
struct WebVTTReader {
    var context: ReadContext

    func read(_ text: String) throws -> Transcript {
        let parser = WebVTTParser(source: context.source, strict: !context.options.lenient,
                                  diagnostics: context.diagnostics)
        let result = try parser.parse(text)
        var transcript = Transcript(format: TranscriptFormat.webvtt.rawValue)
        for line in result.headerLines {
            if let (key, value) = SpeakerPrefix.keyValue(line) {
                if key.lowercased() == "language" {
                    transcript.language = value
                } else {
                    transcript.metadata[key] = value
                }
            }
        }
        // Microsoft Stream/Teams put the language in a comment: `NOTE language:en-us`.
        if transcript.language == nil,
           let note = result.notes.first(where: { $0.lowercased().hasPrefix("language:") }) {
            transcript.language = note.dropFirst("language:".count).trimmed
        }
        var ids = UtteranceIDs()
        for (index, cue) in result.cues.enumerated() {
            let parsed = CueText(parsing: cue.text)
            var u = Utterance(id: ids.make(cue.id, index: index), start: cue.start, end: cue.end,
                              text: parsed.text.trimmed,
                              words: parsed.timedWords(start: cue.start, end: cue.end))
            if !cue.settings.isEmpty { u.metadata["settings"] = cue.settings }
            if !parsed.voiceClasses.isEmpty {
                u.metadata["voiceClasses"] = parsed.voiceClasses.joined(separator: ".")
            }
            if let voice = parsed.voice, !voice.isEmpty {
                let (name, guest) = TeamsNames.strip(voice)
                u.speaker = name
                if guest { u.metadata["guest"] = "true" }
            }
            transcript.utterances.append(u)
        }
        SpeakerPrefix.applyIfConsistent(&transcript.utterances)
        return transcript
    }
}

enum TeamsNames {
    /// Microsoft Teams marks external participants `Name (Guest)`; the name is the speaker.
    static func strip(_ name: String) -> (String, Bool) {
        for suffix in [" (Guest)", " (Gast)", " (guest)", " (External)", " (Extern)"]
        where name.hasSuffix(suffix) {
            return (String(name.dropLast(suffix.count)).trimmed, true)
        }
        return (name, false)
    }
}

extension SpeakerPrefix {
    /// `Key: value` header lines.
    static func keyValue(_ line: String) -> (String, String)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let key = line[..<colon].trimmed
        guard !key.isEmpty, !key.contains(" ") else { return nil }
        return (key, line[line.index(after: colon)...].trimmed)
    }
}
