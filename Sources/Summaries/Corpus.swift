import Foundation
import SamtalCore

/// The input indexed for counting: utterances in order, tags by id, label occurrences.
struct Corpus {
    struct Entry {
        var id: String
        /// Utterances carrying the label, in transcript order.
        var utteranceIds: [String]
    }

    let utterances: [Utterance]
    let tags: [String: UtteranceTags]
    let index: [String: Int]
    let labels: LabelDictionary
    let speakers: [String]
    let title: String
    let tables: [String]

    init(_ input: SummaryInput) {
        utterances = input.utterances
        tags = Dictionary(input.tags.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        index = Dictionary(uniqueKeysWithValues: input.utterances.enumerated().map { ($1.id, $0) })
        labels = input.labels
        var seen = Set<String>()
        speakers = input.utterances.compactMap { u in
            guard let s = u.speaker, seen.insert(s).inserted else { return nil }
            return s
        }
        title = input.title
        tables = input.tables
    }

    /// Seconds from the first start to the last end, when times are known.
    var durationSeconds: Double? {
        let starts = utterances.compactMap(\.start), ends = utterances.compactMap { $0.end ?? $0.start }
        guard let a = starts.min(), let b = ends.max(), b > a else { return nil }
        return rounded(b - a)
    }

    /// Position of each utterance on the conversation's axis: its start time when every
    /// utterance has one and they are in order, else its index.
    var positions: [Double] {
        let starts = utterances.compactMap(\.start)
        if starts.count == utterances.count, zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 }) {
            return starts
        }
        return utterances.indices.map(Double.init)
    }

    /// Which third of the conversation (0, 1, 2) each of `ids` falls in.
    func thirds(_ ids: [String]) -> [Int] {
        let p = positions
        guard let lo = p.first, let hi = p.last, hi > lo else { return ids.map { _ in 0 } }
        return ids.compactMap { index[$0] }.map { min(2, Int((p[$0] - lo) / (hi - lo) * 3)) }
    }

    /// Every label of one kind with the utterances carrying it, most frequent first (ties by id).
    func ranked(_ kind: KeyPath<UtteranceTags, [String]>) -> [Entry] {
        var byLabel: [String: [String]] = [:]
        for u in utterances {
            guard let t = tags[u.id] else { continue }
            var seen = Set<String>()
            for label in t[keyPath: kind] where seen.insert(label).inserted {
                byLabel[label, default: []].append(u.id)
            }
        }
        return byLabel.map { Entry(id: $0.key, utteranceIds: $0.value) }
            .sorted { $0.utteranceIds.count != $1.utteranceIds.count
                ? $0.utteranceIds.count > $1.utteranceIds.count : $0.id < $1.id }
    }

    func speakerCount(_ ids: [String]) -> Int {
        Set(ids.compactMap { index[$0].flatMap { utterances[$0].speaker } }).count
    }

    func share(_ count: Int) -> Double {
        utterances.isEmpty ? 0 : rounded(Double(count) / Double(utterances.count))
    }

    /// Labels of another kind carried by the same utterances, most frequent first.
    func cooccurring(_ ids: [String], _ kind: KeyPath<UtteranceTags, [String]>, exclude: String?,
                     label: (String) -> String) -> [LabelCount] {
        var counts: [String: Int] = [:]
        for id in ids {
            for l in Set(tags[id]?[keyPath: kind] ?? []) where l != exclude { counts[l, default: 0] += 1 }
        }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { LabelCount(id: $0.key, label: label($0.key), count: $0.value) }
    }

    /// Utterances among `ids` that also carry `other` of the given kind.
    func carrying(_ ids: [String], _ kind: KeyPath<UtteranceTags, [String]>, _ other: String)
        -> [String]
    {
        ids.filter { tags[$0]?[keyPath: kind].contains(other) ?? false }
    }

    /// The most frequent evidence words behind a label (at most four, seen at least twice when
    /// there are enough utterances), in frequency order.
    func keywords(_ ids: [String], key: String) -> [String] {
        var counts: [String: Int] = [:]
        for id in ids {
            // Only words and phrases: model features ("model:b:prat+om") are not something said.
            let words = (tags[id]?.evidence[key] ?? []).map { $0.lowercased() }.filter {
                !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" }
            }
            for w in Set(words) {
                counts[w, default: 0] += 1
            }
        }
        let minimum = ids.count >= 4 ? 2 : 1
        return counts.filter { $0.value >= minimum }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(4).map(\.key)
    }
}

/// Speaking time, turns and the balance index per speaker: SamtalCore's `Participation` when
/// speaker turns are known, else the same definitions over utterance times (or counts).
struct SpeakingStatistics {
    struct Row {
        var speaker: String
        var seconds: Double?
        var turns: Int
        var utterances: Int
        var share: Double
    }

    var shares: [Row] = []
    var balance: Double?
    /// `"time"` when shares are of speaking time, `"utterances"` otherwise.
    var basis = "utterances"

    init(input: SummaryInput, utterances: [Utterance]) {
        var utteranceCounts: [String: Int] = [:]
        var order: [String] = []
        for u in utterances {
            guard let s = u.speaker else { continue }
            if utteranceCounts[s] == nil { order.append(s) }
            utteranceCounts[s, default: 0] += 1
        }
        if let turns = input.turns, turns.sampleRate > 0, !turns.overlapping.isEmpty {
            let p = Participation(turns: turns)
            basis = "time"
            shares = p.speakers.map {
                Row(speaker: $0.speaker, seconds: $0.speakingSeconds, turns: $0.turns,
                    utterances: utteranceCounts[$0.speaker] ?? 0, share: $0.share)
            }
            // Speakers the transcript names but diarization never heard still get a row.
            for s in order where !p.speakers.contains(where: { $0.speaker == s }) {
                shares.append(Row(speaker: s, seconds: 0, turns: 0,
                                  utterances: utteranceCounts[s] ?? 0, share: 0))
            }
            balance = p.balanceEntropy
        } else {
            var seconds: [String: Double] = [:]
            var turns: [String: Int] = [:]
            let spoken = utterances.filter { $0.speaker != nil }
            if !spoken.isEmpty, spoken.allSatisfy({ $0.start != nil && $0.end != nil }) {
                basis = "time"
                for u in spoken { seconds[u.speaker!, default: 0] += max(0, u.end! - u.start!) }
            }
            var previous: String?
            for u in utterances {
                guard let s = u.speaker else { previous = nil; continue }
                if s != previous { turns[s, default: 0] += 1 }
                previous = s
            }
            let weight: (String) -> Double = { [basis] s in
                basis == "time" ? seconds[s] ?? 0 : Double(utteranceCounts[s] ?? 0)
            }
            let total = order.reduce(0) { $0 + weight($1) }
            shares = order.map { s in
                Row(speaker: s, seconds: basis == "time" ? seconds[s] ?? 0 : nil,
                    turns: turns[s] ?? 0, utterances: utteranceCounts[s] ?? 0,
                    share: total > 0 ? weight(s) / total : 0)
            }
            // Pielou's evenness J = H / ln(k), as `Participation.balanceEntropy`.
            let k = shares.count
            if k >= 2, total > 0 {
                let h = shares.filter { $0.share > 0 }.reduce(0.0) { $0 - $1.share * log($1.share) }
                balance = h / log(Double(k))
            }
        }
        shares.sort { $0.share != $1.share ? $0.share > $1.share : $0.speaker < $1.speaker }
    }
}
