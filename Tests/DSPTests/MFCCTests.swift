import DSP
import Foundation
import SamtalCore
import Testing

@Suite("MFCC")
struct MFCCTests {
    @Test func fullDCTIsOrthonormal() throws {
        let mfcc = try MFCC(coefficientCount: 40)
        let n = 40
        for a in 0..<n {
            for b in 0..<n {
                var dot = 0.0
                for i in 0..<n { dot += Double(mfcc.dctMatrix[a * n + i]) * Double(mfcc.dctMatrix[b * n + i]) }
                #expect(abs(dot - (a == b ? 1 : 0)) < 1e-5)
            }
        }
    }

    @Test func constantLogMelHasOnlyC0() throws {
        let input = FeatureMatrix(rows: [[Float](repeating: 3, count: 40)])
        let c = MFCC.standard.run(logMel: input)
        #expect(abs(c[0, 0] - 3 * Float(40).squareRoot()) < 1e-4)
        #expect((1..<20).allSatisfy { abs(c[0, $0]) < 1e-4 })
    }

    @Test func lifterScalesAsLibrosa() throws {
        let plain = try MFCC(coefficientCount: 13)
        let lifted = try MFCC(coefficientCount: 13, lifter: 22)
        for k in 0..<13 {
            let factor = 1 + 11 * sin(Double.pi * Double(k + 1) / 22)
            for i in 0..<40 {
                #expect(abs(Double(lifted.dctMatrix[k * 40 + i]) - factor * Double(plain.dctMatrix[k * 40 + i])) < 1e-5)
            }
        }
    }

    @Test func coefficientCountIsChecked() {
        #expect { try MFCC(coefficientCount: 41) } throws: { ($0 as? SamtalError)?.code == .invalidArgument }
        #expect { try MFCC(coefficientCount: 0) } throws: { ($0 as? SamtalError)?.code == .invalidArgument }
    }
}
