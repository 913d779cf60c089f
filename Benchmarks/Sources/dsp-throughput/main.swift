// dsp-throughput: times samtal's log-mel + MFCC front end on a 16 kHz mono 16-bit WAV, on one
// core, the way `peers bench` times librosa: a warm-up call on 2 s, then the minimum wall time of
// N runs over the whole file, with the CPU time of that run.
//
// Usage: dsp-throughput FILE.wav [RUNS]   (release build; see scripts/bench/dsp.sh)
import DSP
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("dsp-throughput: \(message)\n".utf8))
    exit(2)
}

// Reads a canonical PCM WAV (mono, 16 kHz, 16-bit) as sample / 32768.
func readWAV(_ path: String) -> [Float] {
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    let bytes = [UInt8](data)
    func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
    func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
    guard bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WAVE".utf8)
    else { fail("\(path) is not a RIFF/WAVE file") }
    var at = 12
    while at + 8 <= bytes.count {
        let id = String(decoding: bytes[at ..< at + 4], as: UTF8.self)
        let size = u32(at + 4)
        if id == "fmt " {
            guard u16(at + 8) == 1, u16(at + 10) == 1, u32(at + 12) == 16_000, u16(at + 22) == 16 else {
                fail("\(path): expected 16-bit PCM, mono, 16 kHz (convert with sox FILE -r 16000 -c 1 -b 16 OUT.wav)")
            }
        } else if id == "data" {
            let end = min(bytes.count, at + 8 + size)
            return bytes.withUnsafeBufferPointer { b in
                stride(from: at + 8, to: end - 1, by: 2).map { i in
                    Float(Int16(bitPattern: UInt16(b[i]) | UInt16(b[i + 1]) << 8)) / 32_768
                }
            }
        }
        at += 8 + size + (size & 1)
    }
    fail("\(path) has no data chunk")
}

func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else { fail("usage: dsp-throughput FILE.wav [RUNS]") }
let runs = arguments.count >= 3 ? max(1, Int(arguments[2]) ?? 3) : 3
let samples = readWAV(arguments[1])
let audioSeconds = Double(samples.count) / 16_000
let mfcc = MFCC.standard

_ = mfcc.runWithLogMel(Array(samples.prefix(32_000)))  // warm-up: plan, page in, caches
var best = (wall: Double.infinity, cpu: 0.0, frames: 0)
var leastCPU = Double.infinity
for _ in 0..<runs {
    let (cpu0, t0) = (cpuSeconds(), DispatchTime.now().uptimeNanoseconds)
    let (logMel, cepstra) = mfcc.runWithLogMel(samples)
    let wall = Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
    let cpu = cpuSeconds() - cpu0
    precondition(logMel.frameCount == cepstra.frameCount)
    if wall < best.wall { best = (wall, cpu, cepstra.frameCount) }
    leastCPU = min(leastCPU, cpu)
}
print(String(format: "samtal DSP log-mel+MFCC (20/40, 512, 25/10 ms): audio_s=%.1f frames=%d wall_s=%.4f cpu_s=%.4f rtf=%.6f x_realtime=%.0f min_cpu_s=%.4f x_realtime_cpu=%.0f",
             audioSeconds, best.frames, best.wall, best.cpu, best.wall / audioSeconds, audioSeconds / best.wall,
             leastCPU, audioSeconds / leastCPU))
