import SamtalCore

/// Reads samtal's own JSON and the Whisper family: openai-whisper (`segments` with optional
/// `words`), faster-whisper (a bare array of segments, `words: null`), whisper-timestamped
/// (`text`/`confidence` words), the OpenAI API verbose JSON (top-level `words`), whisper.cpp
/// `-oj`/`-ojf` (`transcription` with `offsets` in milliseconds and `tokens`) and WhisperX
/// (`speaker` on segments and words, words without times).
struct JSONTranscriptReader {
    var context: ReadContext

    func read(_ text: String, format: TranscriptFormat) throws -> Transcript {
        var parser = JSONParser(text, context: context)
        let root = try parser.parse()
        if root["schemaVersion"] != nil, root["utterances"] != nil {
            return try SamtalJSON.decode(root, context: context)
        }
        if format == .json {
            throw SamtalError(.parseError, "not a samtal transcript: no 'schemaVersion' and 'utterances'",
                              hint: "use --format whisper-json for Whisper output",
                              location: context.location(1, 1))
        }
        return try readWhisper(root)
    }

    private func readWhisper(_ root: JSONValue) throws -> Transcript {
        var transcript = Transcript(format: TranscriptFormat.whisperJSON.rawValue)
        let segments: [JSONValue]
        var dialect: String
        if let a = root.array {
            segments = a
            dialect = "faster-whisper"
        } else if let a = root["transcription"]?.array {
            segments = a
            dialect = "whisper.cpp"
        } else if let a = root["segments"]?.array {
            segments = a
            dialect = root["word_segments"] != nil ? "whisperx"
                : root["task"] != nil || root["duration"] != nil ? "openai-api" : "openai-whisper"
        } else if root["text"]?.string != nil || root["words"]?.array != nil {
            segments = []
            dialect = "openai-api"
        } else {
            throw SamtalError(.parseError,
                              "no transcript in this JSON: expected 'segments', 'transcription' or a segment array",
                              hint: "pass --format to choose the reader", location: context.location(1, 1))
        }
        transcript.language = root["language"]?.string ?? root["result"]?["language"]?.string
        var ids = UtteranceIDs()
        for (index, segment) in segments.enumerated() {
            guard segment.isObject else {
                try context.recover("segment \(index + 1) is not a JSON object", line: nil)
                continue
            }
            var start = segment["start"]?.number
            var end = segment["end"]?.number
            if let offsets = segment["offsets"] {
                start = offsets["from"]?.number.map { $0 / 1000 } ?? start
                end = offsets["to"]?.number.map { $0 / 1000 } ?? end
            }
            if start == nil, let ts = segment["timestamps"] {
                start = ts["from"]?.string.flatMap(Timecode.parse)
                end = ts["to"]?.string.flatMap(Timecode.parse)
            }
            if start == nil, let ts = segment["timestamp"]?.array, ts.count == 2 {
                start = ts[0].number
                end = ts[1].number
            }
            guard let text = segment["text"]?.string else {
                try context.recover("segment \(index + 1) has no 'text'", line: nil)
                continue
            }
            if segment["words"] == nil && segment["tokens"]?.array?.first?.isObject == true {
                dialect = "whisper.cpp"
            }
            let sourceID = segment["id"]?.number.flatMap(JSONValue.integerText)
            var u = Utterance(id: ids.make(sourceID.map { "s" + $0 }, index: index), start: start,
                              end: end, text: text.trimmed)
            if let speaker = segment["speaker"]?.string ?? segment["speaker"]?.number.flatMap(JSONValue.integerText),
               speaker != "?", !speaker.isEmpty {
                u.speaker = speaker
            }
            if segment["speaker_turn_next"]?.bool == true { u.metadata["speakerTurnNext"] = "true" }
            if let words = segment["words"]?.array {
                u.words = words.compactMap(word)
            } else if let tokens = segment["tokens"]?.array, tokens.first?.isObject == true {
                u.words = wordsFromTokens(tokens)
            }
            transcript.utterances.append(u)
        }
        // The OpenAI API puts words beside the segments, not inside them.
        if let words = root["words"]?.array {
            let all = words.compactMap(word)
            if transcript.utterances.isEmpty {
                let text = root["text"]?.string?.trimmed
                    ?? all.map(\.text).joined(separator: " ")
                transcript.utterances.append(Utterance(
                    id: UtteranceIDs.positional(0), start: all.first?.start, end: all.last?.end,
                    text: text, words: all.isEmpty ? nil : all))
            } else {
                for w in all {
                    guard let ws = w.start else { continue }
                    if let i = transcript.utterances.lastIndex(where: { ($0.start ?? .infinity) <= ws + 1e-6 }) {
                        transcript.utterances[i].words = (transcript.utterances[i].words ?? []) + [w]
                    }
                }
            }
        } else if segments.isEmpty, let text = root["text"]?.string {
            transcript.utterances.append(Utterance(id: UtteranceIDs.positional(0), text: text.trimmed))
        }
        if dialect == "openai-whisper",
           segments.contains(where: { $0["words"]?.array?.first?["confidence"] != nil }) {
            dialect = "whisper-timestamped"
        }
        transcript.metadata["dialect"] = dialect
        return transcript
    }

    private func word(_ w: JSONValue) -> Word? {
        guard let text = w["word"]?.string ?? w["text"]?.string else { return nil }
        return Word(text: text.trimmed, start: w["start"]?.number, end: w["end"]?.number,
                    confidence: w["probability"]?.number ?? w["score"]?.number
                        ?? w["confidence"]?.number,
                    speaker: w["speaker"]?.string)
    }

    /// whisper.cpp `-ojf` tokens → words: special tokens (`[_BEG_]`, `[_TT_…]`) dropped, and a
    /// token not starting with a space continues the previous word.
    private func wordsFromTokens(_ tokens: [JSONValue]) -> [Word] {
        var words: [Word] = []
        var probabilities: [[Double]] = []
        for t in tokens {
            guard let raw = t["text"]?.string else { continue }
            if raw.hasPrefix("[_") && raw.hasSuffix("]") { continue }
            let from = t["offsets"]?["from"]?.number.map { $0 / 1000 }
                ?? t["timestamps"]?["from"]?.string.flatMap(Timecode.parse)
            let to = t["offsets"]?["to"]?.number.map { $0 / 1000 }
                ?? t["timestamps"]?["to"]?.string.flatMap(Timecode.parse)
            let p = t["p"]?.number
            if !raw.hasPrefix(" "), !words.isEmpty {
                words[words.count - 1].text += raw
                if let to { words[words.count - 1].end = to }
                if let p { probabilities[probabilities.count - 1].append(p) }
            } else {
                let text = raw.trimmed
                if text.isEmpty { continue }
                words.append(Word(text: text, start: from, end: to))
                probabilities.append(p.map { [$0] } ?? [])
            }
        }
        for i in words.indices where !probabilities[i].isEmpty {
            words[i].confidence = probabilities[i].reduce(0, +) / Double(probabilities[i].count)
        }
        return words
    }
}
