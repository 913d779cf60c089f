import Foundation
import Testing

/// Independent references for the DSP tests: fixtures, a WAV reader and textbook formulas in
/// `Double`, none of which share code with the module under test.
enum Reference {
    /// A fixture in `Tests/DSPTests/Resources`.
    static func resource(_ name: String) throws -> URL {
        let base = try #require(Bundle.module.resourceURL, "test bundle has no resources")
        // SwiftPM puts `.copy("Resources")` at the bundle's resource root on some platforms and
        // inside a `Resources` folder on others.
        let candidates = [base.appendingPathComponent(name),
                          base.appendingPathComponent("Resources").appendingPathComponent(name)]
        let url = candidates.first { FileManager.default.fileExists(atPath: $0.path) } ?? candidates[1]
        try #require(FileManager.default.fileExists(atPath: url.path), "missing test resource \(url.path)")
        return url
    }

    /// A JSON fixture as a dictionary.
    static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: resource(name))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// A numeric matrix from JSON (array of arrays of numbers).
    static func matrix(_ value: Any?) throws -> [[Double]] {
        let rows = try #require(value as? [[Any]])
        return try rows.map { row in try row.map { try #require(($0 as? NSNumber)?.doubleValue) } }
    }

    /// Samples of a 16-bit PCM mono WAV as `sample / 32768` (soundfile's convention).
    static func wav16(_ name: String) throws -> [Float] {
        let bytes = [UInt8](try Data(contentsOf: resource(name)))
        func u32(_ at: Int) -> Int {
            Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
        }
        #expect(String(decoding: bytes[0..<4], as: UTF8.self) == "RIFF")
        var at = 12
        while at + 8 <= bytes.count {
            let id = String(decoding: bytes[at ..< at + 4], as: UTF8.self), size = u32(at + 4)
            if id == "fmt " {
                #expect(bytes[at + 8] == 1 && bytes[at + 10] == 1 && bytes[at + 22] == 16,
                        "expected 16-bit PCM mono")
            }
            if id == "data" {
                return stride(from: at + 8, to: at + 8 + size - 1, by: 2).map { i in
                    Float(Int16(bitPattern: UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8)) / 32768
                }
            }
            at += 8 + size + (size & 1)
        }
        Issue.record("no data chunk in \(name)")
        return []
    }

    /// The textbook DFT of real `x`, bins 0 … n/2, in `Double`.
    static func dft(_ x: [Double]) -> [(re: Double, im: Double)] {
        let n = x.count
        return (0...(n / 2)).map { k in
            var re = 0.0, im = 0.0
            for (t, v) in x.enumerated() {
                // Reduce k·t mod n first so the angle stays small and exact.
                let angle = -2 * Double.pi * Double((k * t) % n) / Double(n)
                re += v * cos(angle)
                im += v * sin(angle)
            }
            return (re, im)
        }
    }

    /// librosa-style centred frame `i` of `x` (zero padding n_fft/2 each side, periodic Hann
    /// of `win` centred in `nFFT`), its power spectrum by the textbook DFT.
    static func centredPowerSpectrum(_ x: [Float], frame i: Int, nFFT: Int, win: Int, hop: Int) -> [Double] {
        let left = (nFFT - win) / 2
        let frame: [Double] = (0..<nFFT).map { j in
            let s = i * hop - nFFT / 2 + j
            let sample = s >= 0 && s < x.count ? Double(x[s]) : 0
            let w = j >= left && j < left + win ? 0.5 - 0.5 * cos(2 * Double.pi * Double(j - left) / Double(win)) : 0
            return sample * w
        }
        return dft(frame).map { $0.re * $0.re + $0.im * $0.im }
    }

    /// The largest absolute difference between two equally long sequences.
    static func maxAbsDifference<A: Collection, B: Collection>(_ a: A, _ b: B) -> Double
    where A.Element: BinaryFloatingPoint, B.Element: BinaryFloatingPoint {
        precondition(a.count == b.count)
        return zip(a, b).reduce(0) { max($0, abs(Double($1.0) - Double($1.1))) }
    }
}
