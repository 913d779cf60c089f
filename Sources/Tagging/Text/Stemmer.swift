import CStemmer
import Foundation
import SamtalCore

/// A Snowball stemmer (libstemmer): the only type in samtal that touches the C library.
///
/// `sb_stemmer` instances are not thread-safe, so every call holds `lock`; the lock also guards a
/// small memo of recent stems (the same few thousand words recur in a discussion).
public final class Stemmer: @unchecked Sendable {
    // SAFETY: `handle` and `memo` are only touched while holding `lock`; `handle` is created in
    // `init` and freed in `deinit`, when no other reference exists.
    private let lock = NSLock()
    private let handle: OpaquePointer
    private var memo: [String: String] = [:]
    private static let memoLimit = 50_000

    /// The Snowball algorithm name, e.g. `"swedish"`.
    public let algorithm: String

    /// Opens the Snowball stemmer for `language` (UTF-8).
    public init(language: TextLanguage) throws {
        algorithm = language.snowballName
        guard let h = sb_stemmer_new(algorithm, "UTF_8") else {
            throw SamtalError(
                .missingTool, "libstemmer has no \(algorithm) stemmer",
                hint: "install libstemmer (apt-get install libstemmer-dev libstemmer0d)")
        }
        handle = h
    }

    deinit { sb_stemmer_delete(handle) }

    /// The Snowball stem of a lower-case word.
    public func stem(_ word: String) -> String {
        lock.lock()
        defer { lock.unlock() }
        if let s = memo[word] { return s }
        var utf8 = Array(word.utf8)
        let result: String = utf8.withUnsafeMutableBufferPointer { buf in
            guard let base = buf.baseAddress,
                  let out = sb_stemmer_stem(handle, base, Int32(buf.count))
            else { return word }
            let n = Int(sb_stemmer_length(handle))
            return String(decoding: UnsafeBufferPointer(start: out, count: n), as: UTF8.self)
        }
        if memo.count >= Self.memoLimit { memo.removeAll(keepingCapacity: true) }
        memo[word] = result
        return result
    }
}
