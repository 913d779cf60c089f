import CSoxr
import SamtalCore

/// How hard soxr works; maps to soxr's quality recipes.
public enum ResampleQuality: String, Sendable, Codable, CaseIterable {
    /// `SOXR_QQ`: cubic interpolation, for previews only.
    case quick
    /// `SOXR_LQ`: 16-bit precision, 80 % bandwidth.
    case low
    /// `SOXR_MQ`: 16-bit precision, 95 % bandwidth.
    case medium
    /// `SOXR_HQ`: 20-bit precision, 95 % bandwidth (the default).
    case high
    /// `SOXR_VHQ`: 28-bit precision, 95 % bandwidth.
    case veryHigh

    var recipe: UInt {
        switch self {
        case .quick: return UInt(SOXR_QQ)
        case .low: return UInt(SOXR_LQ)
        case .medium: return UInt(SOXR_MQ)
        case .high: return UInt(SOXR_HQ)
        case .veryHigh: return UInt(SOXR_VHQ)
        }
    }
}

/// Owner of one streaming soxr resampler (mono, float32 in and out).
///
/// Feed blocks with `process`, then call `flush` once at the end to drain the filter's delay
/// line. Output length over the whole stream is `inputFrames × outputRate / inputRate` rounded.
/// Not `Sendable`: one resampler belongs to one decoding run.
final class Resampler {
    private let soxr: soxr_t
    private let ratio: Double
    /// Scratch output, reused for every block.
    private var output: [Float] = []

    init(inputRate: Int, outputRate: Int, quality: ResampleQuality) throws {
        var io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I)
        var q = soxr_quality_spec(quality.recipe, 0)
        var error: soxr_error_t? = nil
        guard let s = soxr_create(Double(inputRate), Double(outputRate), 1, &error, &io, &q, nil),
              error == nil
        else {
            throw SamtalError(
                .internalError,
                "cannot create a resampler from \(inputRate) Hz to \(outputRate) Hz",
                underlying: error.map { String(cString: $0) })
        }
        soxr = s
        ratio = Double(outputRate) / Double(inputRate)
    }

    deinit { soxr_delete(soxr) }

    /// Resamples `input` and passes the output (possibly several pieces, possibly none) to `emit`.
    func process(_ input: UnsafeBufferPointer<Float>,
                 _ emit: (UnsafeBufferPointer<Float>) throws -> Void) throws {
        guard let base = input.baseAddress, !input.isEmpty else { return }
        let capacity = Int((Double(input.count) * ratio).rounded(.up)) + 64
        if output.count < capacity { output = [Float](repeating: 0, count: capacity) }
        var consumed = 0
        while consumed < input.count {
            var inDone = 0
            var outDone = 0
            let err = output.withUnsafeMutableBufferPointer { out in
                soxr_process(soxr, base + consumed, input.count - consumed, &inDone,
                             out.baseAddress, out.count, &outDone)
            }
            try check(err)
            consumed += inDone
            if outDone > 0 {
                try output.withUnsafeBufferPointer { try emit(UnsafeBufferPointer(rebasing: $0[0..<outDone])) }
            }
            if inDone == 0 && outDone == 0 { break }
        }
    }

    /// Drains what the filter still holds after the last input block.
    func flush(_ emit: (UnsafeBufferPointer<Float>) throws -> Void) throws {
        if output.count < 4096 { output = [Float](repeating: 0, count: 4096) }
        while true {
            var outDone = 0
            let err = output.withUnsafeMutableBufferPointer { out in
                soxr_process(soxr, nil, 0, nil, out.baseAddress, out.count, &outDone)
            }
            try check(err)
            if outDone == 0 { return }
            try output.withUnsafeBufferPointer { try emit(UnsafeBufferPointer(rebasing: $0[0..<outDone])) }
        }
    }

    private func check(_ err: soxr_error_t?) throws {
        if let err {
            throw SamtalError(.internalError, "resampling failed", underlying: String(cString: err))
        }
    }
}
