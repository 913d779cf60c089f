import Foundation
import SamtalCore

/// File formats `samtal vad` writes.
public enum SpeechRegionsFormat: String, Sendable, CaseIterable, Codable {
    /// `start end speech` per region, seconds with 3 decimals (the `.lab` of pyAudioAnalysis,
    /// Picovoice and speechbrain).
    case lab
    /// RTTM `SPEAKER file 1 start duration <NA> <NA> speech <NA> <NA>`, 3 decimals.
    case rttm
    /// `{"schemaVersion", "regions", "settings", …}` with sorted keys.
    case json
    /// Audacity's label track: `start<TAB>end<TAB>speech`, 6 decimals.
    case audacity
}

/// What produced a set of regions, recorded in the JSON output.
public struct SpeechRegionsProvenance: Sendable, Equatable, Codable {
    /// The input as the user named it.
    public var source: String
    /// `--aggressiveness` level the settings started from.
    public var aggressiveness: Int
    public var hysteresis: Hysteresis

    public init(source: String, aggressiveness: Int, hysteresis: Hysteresis) {
        self.source = source
        self.aggressiveness = aggressiveness
        self.hysteresis = hysteresis
    }
}

extension SpeechRegions {
    /// The regions as text in `format`. `fileID` names the recording in RTTM (spaces become `_`).
    public func formatted(_ format: SpeechRegionsFormat, fileID: String,
                          provenance: SpeechRegionsProvenance) throws -> String {
        switch format {
        case .lab:
            return spans.map { s in
                let (a, b) = s.seconds(at: sampleRate)
                return "\(Self.decimals(a, 3)) \(Self.decimals(b, 3)) speech\n"
            }.joined()
        case .audacity:
            return spans.map { s in
                let (a, b) = s.seconds(at: sampleRate)
                return "\(Self.decimals(a, 6))\t\(Self.decimals(b, 6))\tspeech\n"
            }.joined()
        case .rttm:
            let id = fileID.isEmpty ? "audio" : String(fileID.map { $0.isWhitespace ? "_" : $0 })
            return spans.map { s in
                let (a, b) = s.seconds(at: sampleRate)
                // Duration from the rounded ends, so that start + duration gives the rounded end.
                let start = Self.decimals(a, 3), end = Self.decimals(b, 3)
                let duration = Self.decimals((Double(end)! - Double(start)!), 3)
                return "SPEAKER \(id) 1 \(start) \(duration) <NA> <NA> speech <NA> <NA>\n"
            }.joined()
        case .json:
            return try jsonDocument(provenance: provenance)
        }
    }

    private struct JSONRegion: Codable {
        var start: Double
        var end: Double
        var startSample: Int
        var endSample: Int
    }

    private struct JSONSettings: Codable {
        var aggressiveness: Int
        var onset: Float
        var offset: Float
        var minimumSpeechSeconds: Double
        var minimumSilenceSeconds: Double
        var paddingSeconds: Double
        var model: String
    }

    private struct JSONDocument: Codable {
        var schemaVersion: Int
        var source: String
        var sampleRate: Int
        var totalSamples: Int
        var durationSeconds: Double
        var speechSeconds: Double
        var regions: [JSONRegion]
        var settings: JSONSettings
    }

    private func jsonDocument(provenance: SpeechRegionsProvenance) throws -> String {
        let rate = Double(sampleRate)
        func seconds(_ samples: Int) -> Double { Self.rounded(Double(samples) / rate, 3) }
        let h = provenance.hysteresis
        let doc = JSONDocument(
            schemaVersion: SpeechRegions.schemaVersion, source: provenance.source,
            sampleRate: sampleRate, totalSamples: totalSamples,
            durationSeconds: seconds(totalSamples), speechSeconds: seconds(speechSamples),
            regions: spans.map {
                JSONRegion(start: seconds($0.start), end: seconds($0.end),
                           startSample: $0.start, endSample: $0.end)
            },
            settings: JSONSettings(
                aggressiveness: provenance.aggressiveness, onset: h.onset, offset: h.offset,
                minimumSpeechSeconds: seconds(h.minimumSpeech),
                minimumSilenceSeconds: seconds(h.minimumSilence),
                paddingSeconds: seconds(h.padding), model: VoiceActivityModel.bundledPath))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(doc), as: UTF8.self) + "\n"
        } catch {
            throw SamtalError(.internalError, "cannot encode the speech regions as JSON",
                              underlying: "\(error)")
        }
    }

    static func rounded(_ x: Double, _ places: Int) -> Double {
        let scale = places == 3 ? 1_000.0 : 1_000_000.0
        return (x * scale).rounded() / scale
    }

    static func decimals(_ x: Double, _ places: Int) -> String {
        String(format: "%.\(places)f", x)
    }
}
