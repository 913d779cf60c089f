// libFuzzer entry point for every transcript reader (see Fuzz/README.md; `make fuzz`).
// Each input is read with format detection, strictly and leniently; whatever is read is written
// back in every writable format. A trap, an out-of-bounds access or a leak is a finding; thrown
// `SamtalError`s are the expected answer to bad input.
import Foundation
import SamtalCore
import Transcripts

@_cdecl("LLVMFuzzerTestOneInput")
public func transcriptsFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    for lenient in [false, true] {
        guard let t = try? TranscriptIO.read(data: bytes, sourceName: "fuzz",
                                             options: ReadOptions(lenient: lenient),
                                             diagnostics: IgnoringDiagnostics())
        else { continue }
        for format in TranscriptFormat.writable { _ = try? TranscriptIO.write(t, format: format) }
    }
    return 0
}
