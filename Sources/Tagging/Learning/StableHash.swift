/// FNV-1a 64-bit hashing of UTF-8 text (Fowler, Noll & Vo): stable across runs and machines
/// (unlike `Hasher`), cheap, and free of Unicode normalisation work — the analysers' hot lookups
/// key their tables by it. Inputs are already NFC-normalised by `TextAnalyzer`.
public enum StableHash {
    public static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The hash of `s`'s UTF-8 bytes, continuing from `seed`.
    @inlinable
    public static func fnv1a(_ s: String, seed: UInt64 = StableHash.offset) -> UInt64 {
        var h = seed
        for b in s.utf8 {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01b3
        }
        return h
    }

    /// The hash of the first `count` Unicode scalars of `s`, or 0 when `s` is shorter.
    @inlinable
    public static func fnv1a(prefixOf s: String, scalars count: Int) -> UInt64 {
        var h = offset
        var n = 0
        for b in s.utf8 {
            if b & 0xC0 != 0x80 {  // a scalar starts here
                if n == count { return h }
                n += 1
            }
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01b3
        }
        return n == count ? h : 0
    }

    /// Combines two hashes (order matters), e.g. the words of a bigram or a kind tag and a word.
    @inlinable
    public static func combine(_ a: UInt64, _ b: UInt64) -> UInt64 {
        // SplitMix64's finaliser over a ⊕ rotated b.
        var z = a &+ 0x9E37_79B9_7F4A_7C15 &+ (b << 17 | b >> 47)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
