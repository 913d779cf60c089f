import Foundation

/// A bounded, locked memo from words to what was computed for them (analysis, stems, codebook
/// entries), shared by copies of one analyser or matcher: the same few thousand words recur
/// through a discussion, so each is worked out once per run.
final class WordMemo<Key: Hashable, Value>: @unchecked Sendable {
    // SAFETY: `table` is only touched while holding `lock`.
    private let lock = NSLock()
    private var table: [Key: Value] = [:]
    private let limit: Int

    /// A memo that starts over when it holds `limit` entries.
    init(limit: Int = 100_000) { self.limit = limit }

    /// The memoised value for `key`, computed by `make` (outside the lock) when absent.
    func value(_ key: Key, _ make: () -> Value) -> Value {
        lock.lock()
        if let hit = table[key] {
            lock.unlock()
            return hit
        }
        lock.unlock()
        let made = make()
        lock.lock()
        if table.count >= limit { table.removeAll(keepingCapacity: true) }
        table[key] = made
        lock.unlock()
        return made
    }
}
