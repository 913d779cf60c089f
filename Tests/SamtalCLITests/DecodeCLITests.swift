import Foundation
import SamtalTestSupport
import Testing

/// End-to-end tests of `samtal decode` through the built binary.
@Suite("samtal decode", .enabled(if: Fixtures.samtalExecutable != nil))
struct DecodeCLITests {
    func samtal(_ arguments: [String], environment: [String: String]? = nil) throws -> ProcessResult {
        try Run.process(Fixtures.samtalExecutable!, ["decode"] + arguments, environment: environment)
    }

    func stereoWAV(in dir: URL) throws -> String {
        let path = dir.appendingPathComponent("stereo.wav").path
        try WAVWriter.write(Signals.sine(frequency: 440, sampleRate: 44_100, count: 44_100 * 2),
                            sampleRate: 44_100, channels: 2, to: path)
        return path
    }

    @Test func infoJSONHasTheFiveKeysSorted() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = try stereoWAV(in: dir)
        let result = try samtal([path, "--info", "--json"])
        #expect(result.status == 0)
        #expect(result.stdout == #"{"channels":2,"durationSeconds":1,"format":"WAV","frames":44100,"sampleRate":44100}"# + "\n")
    }

    @Test func infoPrintsOneHumanLine() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = try stereoWAV(in: dir)
        let result = try samtal([path, "--info"])
        #expect(result.status == 0)
        #expect(result.stdout == "\(path): WAV, 44100 Hz, 2 channels, 1.000 s (44100 frames)\n")
    }

    @Test func outputIsA16kHzMonoWAV() throws {
        let dir = try Fixtures.temporaryDirectory()
        let path = try stereoWAV(in: dir)
        let out = dir.appendingPathComponent("out.wav").path
        let result = try samtal([path, "-o", out, "--quiet"])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        let info = try samtal([out, "--info", "--json"])
        #expect(info.stdout.contains(#""channels":1"#))
        #expect(info.stdout.contains(#""sampleRate":16000"#))
        #expect(info.stdout.contains(#""frames":16000"#))
        // RIFF header of a 16-bit PCM mono file: format tag 1, 1 channel, 16 bits.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(bytes[20] == 1 && bytes[22] == 1 && bytes[34] == 16)
    }

    @Test(arguments: [
        (["missing.wav", "--info"], 1, "no such file"),
        (["."], 64, "-o FILE"),
        (["x.wav", "--json", "-o", "y.wav"], 64, "--json goes with --info"),
        (["x.wav", "-o", "y.mp3"], 64, ".wav or .flac"),
    ])
    func badInvocationsExitNonZero(arguments: [String], status: Int32, text: String) throws {
        let result = try samtal(arguments)
        #expect(result.status == status)
        #expect(result.stderr.contains(text))
        #expect(result.stdout.isEmpty)
    }

    @Test func unsupportedInputFailsAndWritesNothing() throws {
        let dir = try Fixtures.temporaryDirectory()
        let text = dir.appendingPathComponent("notes.txt").path
        try "inte ljud".write(toFile: text, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out.wav").path
        let result = try samtal([text, "-o", out])
        #expect(result.status == 1)
        #expect(result.stderr.contains("FLAC"))
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["notes.txt"])
    }

    @Test func truncatedInputWarnsAndStrictRefusesToWrite() throws {
        let dir = try Fixtures.temporaryDirectory()
        let cut = dir.appendingPathComponent("cut.wav").path
        let full = WAVWriter.data(Signals.noise(count: 32_000), sampleRate: 16_000)
        try full.prefix(44 + 16_000).write(to: URL(fileURLWithPath: cut))
        let out = dir.appendingPathComponent("out.wav").path

        let lenient = try samtal([cut, "-o", out])
        #expect(lenient.status == 0)
        #expect(lenient.stderr.contains("warning: truncated: decoded 0.5 s of the 2.0 s"))
        #expect(FileManager.default.fileExists(atPath: out))

        let strictOut = dir.appendingPathComponent("strict.wav").path
        let strict = try samtal([cut, "-o", strictOut, "--strict"])
        #expect(strict.status == 1)
        #expect(!FileManager.default.fileExists(atPath: strictOut))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/ffmpeg")))
    func m4aWithoutFFmpegOnPathSaysHowToInstallIt() throws {
        let dir = try Fixtures.temporaryDirectory()
        let m4a = dir.appendingPathComponent("phone.m4a").path
        let make = try Run.process(URL(fileURLWithPath: "/usr/bin/ffmpeg"), [
            "-nostdin", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=1", m4a,
        ])
        #expect(make.status == 0)
        let ok = try samtal([m4a, "--info", "--json"])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains(#""format":"M4A/AAC (ffmpeg)""#))

        let bare = try samtal([m4a, "--info"], environment: ["PATH": dir.path])
        #expect(bare.status == 1)
        #expect(bare.stderr.contains("apt-get install ffmpeg"))
    }
}
