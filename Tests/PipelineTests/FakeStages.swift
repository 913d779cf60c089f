import Foundation
import Pipeline
import SamtalCore
import Summaries

/// Small, transparent stand-ins for the stages, so the order, artifacts and resume logic are
/// tested on their own. Recordings are text files `seconds=<n> speech=<a>-<b>,…`; transcripts
/// are lines `start end speaker|text` (speaker `-`: none, so alignment names it).
final class FakeStages: @unchecked Sendable {
    // SAFETY: `counts` is only touched while holding `lock`.
    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    func count(_ name: String) -> Int {
        lock.lock(); defer { lock.unlock() }
        return counts[name] ?? 0
    }

    func reset() {
        lock.lock(); counts = [:]; lock.unlock()
    }

    private func hit(_ name: String) {
        lock.lock(); counts[name, default: 0] += 1; lock.unlock()
    }

    static let rate = 16000

    var functions: StageFunctions {
        StageFunctions(
            decode: { path, _ in
                self.hit("decode")
                let text = try String(contentsOfFile: path, encoding: .utf8)
                var seconds = 0, speech: [(Int, Int)] = []
                for field in text.split(whereSeparator: \.isWhitespace) {
                    let kv = field.split(separator: "=")
                    if kv[0] == "seconds" { seconds = Int(kv[1])! }
                    if kv[0] == "speech" {
                        speech = kv[1].split(separator: ",").map {
                            let ab = $0.split(separator: "-"); return (Int(ab[0])!, Int(ab[1])!)
                        }
                    }
                }
                var samples = [Float](repeating: 0, count: seconds * Self.rate)
                for (a, b) in speech { for i in a * Self.rate..<b * Self.rate { samples[i] = 0.5 } }
                return (Recording(path: path, format: "fake", sampleRate: Self.rate, channels: 1,
                                  frames: samples.count), samples)
            },
            detectSpeech: { samples, _ in
                self.hit("vad")
                var spans: [SampleSpan] = []
                var start: Int?
                for (i, x) in samples.enumerated() {
                    if x > 0.1, start == nil { start = i }
                    if x <= 0.1, let s = start { spans.append(SampleSpan(start: s, end: i)); start = nil }
                }
                if let s = start { spans.append(SampleSpan(start: s, end: samples.count)) }
                return SpeechRegions(sampleRate: Self.rate, totalSamples: samples.count, spans: spans)
            },
            diarize: { samples, speech, _ in
                self.hit("diarize")
                let turns = speech.spans.enumerated().map {
                    SpeakerTurn(span: $1, speaker: "SPEAKER_0\($0 % 2)")
                }
                return SpeakerTurns(sampleRate: Self.rate, totalSamples: samples.count,
                                    overlapping: turns, exclusive: turns)
            },
            readTranscript: { path, _ in
                self.hit("import")
                let text = try String(contentsOfFile: path, encoding: .utf8)
                if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    throw SamtalError(.emptyInput, "\(path) is empty")
                }
                let utterances = text.split(separator: "\n").enumerated().map { i, line in
                    let parts = line.split(separator: "|", maxSplits: 1)
                    let head = parts[0].split(separator: " ")
                    let timed = head.count == 3
                    return Utterance(id: "c\(i + 1)", start: timed ? Double(head[0]) : nil,
                                     end: timed ? Double(head[1]) : nil,
                                     speaker: head.last! == "-" ? nil : String(head.last!),
                                     text: String(parts[1]))
                }
                return Transcript(format: "fake", utterances: utterances)
            },
            align: { transcript, turns, _ in
                self.hit("align")
                var t = transcript
                for i in t.utterances.indices {
                    let mid = Int(((t.utterances[i].start! + t.utterances[i].end!) / 2) * Double(Self.rate))
                    if let turn = turns.exclusive.first(where: { $0.span.start <= mid && mid < $0.span.end }) {
                        t.utterances[i].speaker = turn.speaker
                    }
                }
                return t
            },
            tag: { utterances, _ in
                self.hit("tag")
                return utterances.map { u in
                    let text = u.text.lowercased()
                    var tags = UtteranceTags(id: u.id)
                    if text.contains("skola") { tags.themes.append("utbildning") }
                    if text.contains("jobb") { tags.themes.append("arbete") }
                    if text.contains("oro") { tags.emotions.append("oro"); tags.polarity = -0.5 }
                    if text.contains("hopp") { tags.emotions.append("hopp"); tags.polarity = 0.5 }
                    if text.contains("kommun") { tags.actors.append("kommunen") }
                    return tags
                }
            },
            labels: LabelDictionary(
                themes: ["utbildning": Label(sv: "Utbildning", en: "Education"),
                         "arbete": Label(sv: "Arbete", en: "Work")],
                emotions: ["oro": Label(sv: "Oro", en: "Worry"), "hopp": Label(sv: "Hopp", en: "Hope")],
                actors: ["kommunen": Label(sv: "kommunen", en: "the municipality")]),
            writeWebVTT: { t in
                "WEBVTT\n\n" + t.utterances.map {
                    "\($0.start!) --> \($0.end!)\n<v \($0.speaker ?? "")>\($0.text)\n"
                }.joined(separator: "\n")
            })
    }
}

/// Writes a small event: two tables in subfolders, one with audio + transcript.
enum FakeEvent {
    static let transcript = """
        1 9 -|Jag känner oro för jobben i kommunen.
        11 19 -|Skolan måste samarbeta med kommunen, det ger hopp.
        21 29 -|Fler jobb kräver bättre skola.
        """

    static func make(in dir: URL) throws -> URL {
        let event = dir.appendingPathComponent("event")
        let t1 = event.appendingPathComponent("table-1"), t2 = event.appendingPathComponent("table-2")
        for d in [t1, t2] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
        try "seconds=30 speech=1-9,11-19,21-29".write(to: t1.appendingPathComponent("recording.wav"),
                                                      atomically: true, encoding: .utf8)
        try transcript.write(to: t1.appendingPathComponent("transcript.vtt"), atomically: true, encoding: .utf8)
        try "seconds=20 speech=2-10,12-18".write(to: t2.appendingPathComponent("recording.wav"),
                                                 atomically: true, encoding: .utf8)
        try "2 10 C|Oro för skolan.\n12 18 D|Hopp om jobb.".write(
            to: t2.appendingPathComponent("transcript.vtt"), atomically: true, encoding: .utf8)
        return event
    }
}
