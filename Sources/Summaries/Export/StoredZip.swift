import Foundation

/// A minimal ZIP writer (PKWARE APPNOTE 6.3): entries stored uncompressed with CRC-32, a fixed
/// timestamp (1980-01-01 00:00) and UTF-8 names, so the same entries give byte-identical archives.
public struct StoredZip {
    private var entries: [(name: String, data: Data)] = []

    public init() {}

    public mutating func add(_ name: String, _ data: Data) { entries.append((name, data)) }

    /// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320).
    public static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// The archive's bytes.
    public func data() -> Data {
        var out = Data(), central = Data()
        func u16(_ v: Int, _ d: inout Data) { d.append(UInt8(v & 0xFF)); d.append(UInt8(v >> 8 & 0xFF)) }
        func u32(_ v: UInt32, _ d: inout Data) { for s in [0, 8, 16, 24] { d.append(UInt8(v >> UInt32(s) & 0xFF)) } }
        let dosTime = 0, dosDate = (0 << 9) | (1 << 5) | 1  // 1980-01-01 00:00:00
        for (name, data) in entries {
            let nameBytes = Data(name.utf8)
            let crc = Self.crc32(data)
            let offset = UInt32(out.count)
            u32(0x0403_4B50, &out); u16(20, &out); u16(0x0800, &out); u16(0, &out)
            u16(dosTime, &out); u16(dosDate, &out); u32(crc, &out)
            u32(UInt32(data.count), &out); u32(UInt32(data.count), &out)
            u16(nameBytes.count, &out); u16(0, &out)
            out.append(nameBytes); out.append(data)

            u32(0x0201_4B50, &central); u16(20, &central); u16(20, &central); u16(0x0800, &central)
            u16(0, &central); u16(dosTime, &central); u16(dosDate, &central); u32(crc, &central)
            u32(UInt32(data.count), &central); u32(UInt32(data.count), &central)
            u16(nameBytes.count, &central); u16(0, &central); u16(0, &central); u16(0, &central)
            u16(0, &central); u32(0, &central); u32(offset, &central)
            central.append(nameBytes)
        }
        let centralOffset = UInt32(out.count)
        out.append(central)
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out)
        u16(entries.count, &out); u16(entries.count, &out)
        u32(UInt32(central.count), &out); u32(centralOffset, &out); u16(0, &out)
        return out
    }
}
