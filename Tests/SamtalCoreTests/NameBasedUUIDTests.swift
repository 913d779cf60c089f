import Testing
@testable import SamtalCore

@Suite struct NameBasedUUIDTests {
    private func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    @Test func sha1MatchesFIPSTestVectors() {
        #expect(hex(SHA1Digest.digest(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(hex(SHA1Digest.digest(Array(repeating: UInt8(ascii: "a"), count: 1000)))
                == "291e9a6c66994949b57ba5e650361e98fc36b1ba")
    }

    @Test func v5MatchesPythonsUUID5() {
        // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
        let dns: [UInt8] = [0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1,
                            0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8]
        #expect(NameBasedUUID.v5("python.org", namespace: dns) == "886313E1-3B8A-5372-9B90-0C9AEE199E5D")
    }
}
