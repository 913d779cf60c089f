import Foundation
import SamtalCore
import SamtalTestSupport
import Testing

/// Small helpers shared by the decoding tests.
enum Tool {
    /// Full path of an executable on PATH, or nil.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func has(_ name: String) -> Bool { find(name) != nil }

    /// Runs a tool and fails the test when it exits non-zero.
    static func run(_ name: String, _ arguments: [String]) throws {
        guard let exe = find(name) else { throw SamtalError(.missingTool, "\(name) not installed") }
        let result = try Run.process(URL(fileURLWithPath: exe), arguments)
        if result.status != 0 {
            throw SamtalError(.internalError, "\(name) \(arguments) failed: \(result.stderr)")
        }
    }
}

/// Measurements on decoded signals, computed independently of the decoder.
enum Measure {
    static func rms(_ x: ArraySlice<Float>) -> Double {
        guard !x.isEmpty else { return 0 }
        return (x.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(x.count)).squareRoot()
    }

    /// Magnitude of the DFT of `x` at `frequency` Hz (Goertzel-free direct sum in Double),
    /// normalised so that a sine of peak amplitude A gives A.
    static func amplitude(of x: ArraySlice<Float>, at frequency: Double, sampleRate: Int) -> Double {
        var re = 0.0, im = 0.0
        let w = 2 * Double.pi * frequency / Double(sampleRate)
        for (k, v) in x.enumerated() {
            re += Double(v) * cos(w * Double(k))
            im -= Double(v) * sin(w * Double(k))
        }
        return 2 * (re * re + im * im).squareRoot() / Double(x.count)
    }

    static func maxAbsDifference(_ a: ArraySlice<Float>, _ b: ArraySlice<Float>) -> Float {
        zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }
}

extension SamtalError.Code {
    /// Runs `body` and returns the code of the `SamtalError` it threw, or nil.
    static func of(_ body: () throws -> Void) -> SamtalError.Code? {
        do { try body() } catch let e as SamtalError { return e.code } catch { return nil }
        return nil
    }
}
