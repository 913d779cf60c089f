import Foundation
import SamtalCore
import Summaries

/// One stage's result on disk: `OUT/<table>/NN-<stage>.json`.
///
/// The envelope names the stage and a fingerprint of everything the result depends on (input
/// file contents, settings, the previous stage's fingerprint). On rerun an artifact is reused only
/// when it decodes, has this schema version, names the same stage and has the same fingerprint;
/// anything else is recomputed (Kaldi's validate-then-skip, icefall's stage/stop_stage).
public struct Artifact<Payload: Codable & Sendable>: Codable, Sendable {
    public static var schemaVersion: Int { 1 }

    public var schemaVersion: Int
    public var stage: PipelineStage
    /// Hex FNV-1a of the inputs and settings this result was computed from.
    public var fingerprint: String
    /// Warnings the stage emitted, replayed when the artifact is reused.
    public var diagnostics: [Diagnostic]
    public var payload: Payload

    public init(stage: PipelineStage, fingerprint: String, diagnostics: [Diagnostic],
                payload: Payload) {
        self.schemaVersion = Self.schemaVersion
        self.stage = stage
        self.fingerprint = fingerprint
        self.diagnostics = diagnostics
        self.payload = payload
    }

    /// Writes the artifact atomically as sorted-key JSON.
    public func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        try AtomicFile.write(data, to: path)
    }

    /// Reads and validates an artifact. Throws `.invalidArtifact` saying what is wrong.
    public static func load(from path: String, stage: PipelineStage) throws -> Artifact {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SamtalError(.fileNotFound, "no artifact at \(path)")
        }
        // The envelope first, so a schema change is reported as such and not as a decode error.
        guard let header = try? JSONDecoder().decode(ArtifactHeader.self, from: data) else {
            throw SamtalError(.invalidArtifact, "\(path) is not a samtal artifact")
        }
        guard header.schemaVersion == schemaVersion else {
            throw SamtalError(.invalidArtifact,
                              "\(path) has schema version \(header.schemaVersion.map(String.init) ?? "none"), expected \(schemaVersion)")
        }
        guard header.stage == stage.rawValue else {
            throw SamtalError(.invalidArtifact,
                              "\(path) holds stage \(header.stage ?? "none"), expected \(stage.rawValue)")
        }
        do {
            return try JSONDecoder().decode(Artifact.self, from: data)
        } catch {
            throw SamtalError(.invalidArtifact, "\(path) is damaged", underlying: "\(error)")
        }
    }
}

/// The envelope fields read before the payload.
private struct ArtifactHeader: Decodable {
    var schemaVersion: Int?
    var stage: String?
}

/// What the decode stage records (the samples themselves are not stored).
public struct DecodeResult: Codable, Sendable, Equatable {
    public var recording: Recording
    /// Seconds of decoded 16 kHz audio.
    public var durationSeconds: Double
}

/// What the align stage records: the transcript with speakers assigned, or none for audio only.
public struct AlignResult: Codable, Sendable, Equatable {
    public var transcript: Transcript?
}

/// Accumulates a fingerprint: FNV-1a over labelled parts, written as 16 hex digits.
struct Fingerprint {
    private var parts: [String] = []

    mutating func add(_ label: String, _ value: String) { parts.append("\(label)=\(value)") }

    /// Adds a file's contents (or "missing").
    mutating func addFile(_ label: String, _ path: String?) {
        guard let path else { add(label, "none"); return }
        guard let handle = FileHandle(forReadingAtPath: path) else { add(label, "unreadable"); return }
        defer { try? handle.close() }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            for b in chunk {
                h ^= UInt64(b)
                h = h &* 0x0000_0100_0000_01b3
            }
        }
        add(label, String(h, radix: 16))
    }

    var value: String {
        let h = StableHash.fnv1a(parts.joined(separator: "\n"))
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
