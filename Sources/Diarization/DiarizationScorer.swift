import Foundation
import SamtalCore

/// Diarization error rate (DER) and Jaccard error rate (JER), computed the way pyannote.metrics
/// 4.x computes them, so that numbers agree with what the field reports.
///
/// - The evaluated region is the UEM, or without one pyannote's approximation: the extent of
///   reference and hypothesis together (from the first start to the last end on either side).
/// - `collarSeconds` is the **total** width of the forgiveness collar, pyannote's convention:
///   `collarSeconds / 2` on each side of every reference boundary is removed from the evaluated
///   region. dscore/md-eval's `--collar 0.25` equals `collarSeconds = 0.5` here.
/// - `skipOverlap` removes every region where two reference turns overlap.
/// - Speakers are mapped one-to-one by the Hungarian method maximising total overlap duration.
/// - Both sides are cut into elementary segments at every boundary; in each, with `nr` reference
///   and `nh` hypothesis turns active, miss = max(0, nr − nh), false alarm = max(0, nh − nr),
///   confusion = min(nr, nh) − correct, all weighted by duration; DER = (miss + FA + conf.) / Σ nr.
///   Overlapping turns of one speaker count once each (pyannote keeps them as separate tracks).
/// - JER per reference speaker = (FA + miss) / |ref ∪ mapped hyp|, 1 for an unmapped speaker;
///   the total averages over all reference speakers of all files.
public struct DiarizationScorer: Sendable {
    /// Total collar width in seconds (pyannote convention; see the type's documentation).
    public var collarSeconds: Double
    /// Leave out regions where reference speakers overlap.
    public var skipOverlap: Bool

    public init(collarSeconds: Double = 0, skipOverlap: Bool = false) {
        self.collarSeconds = collarSeconds
        self.skipOverlap = skipOverlap
    }

    /// Scores every file present on either side. Files missing from a non-nil `uem` get a
    /// warning and the extent approximation.
    public func score(
        reference: [String: [RTTMSegment]], hypothesis: [String: [RTTMSegment]],
        uem: [String: [Interval]]? = nil, diagnostics: DiagnosticSink
    ) -> ScoreReport {
        var files: [String: ScoreComponents] = [:]
        for file in Set(reference.keys).union(hypothesis.keys).sorted() {
            var fileUEM: [Interval]? = nil
            if let uem {
                if let intervals = uem[file] {
                    fileUEM = intervals
                } else {
                    diagnostics.warning(
                        "score.uem-missing-file",
                        "file \(file) is not in the UEM; scoring the extent of its reference and hypothesis")
                }
            }
            files[file] = scoreFile(
                reference: reference[file] ?? [], hypothesis: hypothesis[file] ?? [], uem: fileUEM)
        }
        var total = ScoreComponents()
        for components in files.values { total.accumulate(components) }
        return ScoreReport(files: files, total: total)
    }

    /// Scores one file; `uem` nil means the extent approximation.
    public func scoreFile(
        reference: [RTTMSegment], hypothesis: [RTTMSegment], uem: [Interval]? = nil
    ) -> ScoreComponents {
        // 1. Evaluated region.
        var evaluated: [Interval]
        if let uem {
            evaluated = Interval.union(uem)
        } else {
            let all = reference + hypothesis
            if let first = all.map(\.start).min(), let last = all.map(\.end).max(), last > first {
                evaluated = [Interval(first, last)]
            } else {
                evaluated = []
            }
        }
        var holes: [Interval] = []
        if collarSeconds > 0 {
            let half = 0.5 * collarSeconds
            for segment in reference {
                holes.append(Interval(segment.start - half, segment.start + half))
                holes.append(Interval(segment.end - half, segment.end + half))
            }
        }
        if skipOverlap {
            let sorted = reference.sorted { $0.start < $1.start }
            for i in sorted.indices {
                for j in (i + 1)..<sorted.count {
                    if sorted[j].start >= sorted[i].end { break }
                    holes.append(Interval(sorted[j].start, min(sorted[i].end, sorted[j].end)))
                }
            }
        }
        if !holes.isEmpty { evaluated = Interval.subtract(holes, from: evaluated) }

        // 2. Crop both sides to the evaluated region; labels become indices.
        let referenceLabels = orderedLabels(reference)
        let hypothesisLabels = orderedLabels(hypothesis)
        let ref = crop(reference, to: evaluated, labels: referenceLabels)
        let hyp = crop(hypothesis, to: evaluated, labels: hypothesisLabels)

        // 3. Optimal one-to-one mapping hypothesis → reference on co-occurrence duration.
        let pieces = elementarySegments(ref, hyp)
        var cooccurrence = [[Double]](
            repeating: [Double](repeating: 0, count: hypothesisLabels.count),
            count: referenceLabels.count)
        for piece in pieces {
            for r in piece.reference {
                for h in piece.hypothesis { cooccurrence[r][h] += piece.duration }
            }
        }
        // mapped[h] = reference index, or nil when h stays unmatched.
        var mapped = [Int?](repeating: nil, count: hypothesisLabels.count)
        if !referenceLabels.isEmpty && !hypothesisLabels.isEmpty {
            for pair in HungarianAssignment.maximize(cooccurrence)
            where cooccurrence[pair.row][pair.column] > 0 {
                mapped[pair.column] = pair.row
            }
        }

        // 4. DER components over elementary segments.
        var components = ScoreComponents()
        var refCount = [Int](repeating: 0, count: referenceLabels.count)
        for piece in pieces {
            let nr = piece.reference.count
            let nh = piece.hypothesis.count
            for r in piece.reference { refCount[r] += 1 }
            var correct = 0
            for h in piece.hypothesis {
                if let r = mapped[h], refCount[r] > 0 {
                    refCount[r] -= 1
                    correct += 1
                }
            }
            for r in piece.reference { refCount[r] = 0 }
            components.total += piece.duration * Double(nr)
            components.correct += piece.duration * Double(correct)
            components.missed += piece.duration * Double(max(0, nr - nh))
            components.falseAlarm += piece.duration * Double(max(0, nh - nr))
            components.confusion += piece.duration * Double(min(nr, nh) - correct)
        }

        // 5. JER per reference speaker.
        var referenceOf = [Int?](repeating: nil, count: referenceLabels.count)
        for (h, r) in mapped.enumerated() { if let r { referenceOf[r] = h } }
        for r in 0..<referenceLabels.count {
            components.speakerCount += 1
            guard let h = referenceOf[r] else {
                components.speakerError += 1
                continue
            }
            let rIntervals = ref.filter { $0.label == r }.map(\.interval)
            let hIntervals = hyp.filter { $0.label == h }.map(\.interval)
            let total = Interval.coveredDuration(rIntervals + hIntervals)
            let both = Interval.intersectionDuration(rIntervals, hIntervals)
            let falseAlarm = Interval.coveredDuration(hIntervals) - both
            let miss = Interval.coveredDuration(rIntervals) - both
            components.speakerError += total > 0 ? (falseAlarm + miss) / total : 0
        }
        return components
    }

    private struct Track {
        var interval: Interval
        var label: Int
    }

    private struct Piece {
        var duration: Double
        var reference: [Int]
        var hypothesis: [Int]
    }

    private func orderedLabels(_ segments: [RTTMSegment]) -> [String: Int] {
        var labels: [String: Int] = [:]
        for segment in segments where labels[segment.speaker] == nil {
            labels[segment.speaker] = labels.count
        }
        return labels
    }

    private func crop(_ segments: [RTTMSegment], to region: [Interval], labels: [String: Int])
        -> [Track]
    {
        var tracks: [Track] = []
        for segment in segments {
            // First region piece that ends after the segment starts (region is sorted, disjoint).
            var lo = 0
            var hi = region.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if region[mid].end <= segment.start { lo = mid + 1 } else { hi = mid }
            }
            var k = lo
            while k < region.count && region[k].start < segment.end {
                let start = max(segment.start, region[k].start)
                let end = min(segment.end, region[k].end)
                if end > start {
                    tracks.append(Track(interval: Interval(start, end), label: labels[segment.speaker]!))
                }
                k += 1
            }
        }
        return tracks
    }

    /// Cuts the union of both sides at every boundary; each piece lists the active tracks' labels.
    private func elementarySegments(_ ref: [Track], _ hyp: [Track]) -> [Piece] {
        // Events: (time, side, label, +1/-1). Ends sort before starts at the same time.
        var events: [(time: Double, delta: Int, side: Int, label: Int)] = []
        events.reserveCapacity(2 * (ref.count + hyp.count))
        for t in ref {
            events.append((t.interval.start, 1, 0, t.label))
            events.append((t.interval.end, -1, 0, t.label))
        }
        for t in hyp {
            events.append((t.interval.start, 1, 1, t.label))
            events.append((t.interval.end, -1, 1, t.label))
        }
        events.sort { ($0.time, $0.delta) < ($1.time, $1.delta) }
        var activeRef: [Int: Int] = [:]
        var activeHyp: [Int: Int] = [:]
        var pieces: [Piece] = []
        var index = 0
        var previous = events.first?.time ?? 0
        while index < events.count {
            let time = events[index].time
            if time > previous && (!activeRef.isEmpty || !activeHyp.isEmpty) {
                pieces.append(
                    Piece(
                        duration: time - previous,
                        reference: activeRef.sorted { $0.key < $1.key }
                            .flatMap { Array(repeating: $0.key, count: $0.value) },
                        hypothesis: activeHyp.sorted { $0.key < $1.key }
                            .flatMap { Array(repeating: $0.key, count: $0.value) }))
            }
            while index < events.count && events[index].time == time {
                let e = events[index]
                if e.side == 0 {
                    activeRef[e.label, default: 0] += e.delta
                    if activeRef[e.label] == 0 { activeRef[e.label] = nil }
                } else {
                    activeHyp[e.label, default: 0] += e.delta
                    if activeHyp[e.label] == 0 { activeHyp[e.label] = nil }
                }
                index += 1
            }
            previous = time
        }
        return pieces
    }
}

/// Accumulated error durations (seconds) and JER sums for one file or many.
public struct ScoreComponents: Sendable, Equatable, Codable {
    /// Reference speech in seconds, counting each overlapping speaker.
    public var total: Double = 0
    public var correct: Double = 0
    public var missed: Double = 0
    public var falseAlarm: Double = 0
    public var confusion: Double = 0
    /// Number of reference speakers scored for JER.
    public var speakerCount: Int = 0
    /// Sum of the per-speaker Jaccard errors.
    public var speakerError: Double = 0

    public init() {}

    public mutating func accumulate(_ other: ScoreComponents) {
        total += other.total
        correct += other.correct
        missed += other.missed
        falseAlarm += other.falseAlarm
        confusion += other.confusion
        speakerCount += other.speakerCount
        speakerError += other.speakerError
    }

    /// (missed + false alarm + confusion) / total; with no reference speech 0 if nothing was
    /// hypothesised and 1 otherwise (pyannote's convention).
    public var diarizationErrorRate: Double {
        let errors = missed + falseAlarm + confusion
        if total == 0 { return errors == 0 ? 0 : 1 }
        return errors / total
    }

    /// Mean per-speaker Jaccard error; 1 when there is no reference speaker (pyannote).
    public var jaccardErrorRate: Double {
        speakerCount > 0 ? speakerError / Double(speakerCount) : 1
    }

    /// A component as a fraction of `total`, nil when undefined (no reference speech, some error).
    public func fraction(_ seconds: Double) -> Double? {
        if total > 0 { return seconds / total }
        return seconds == 0 ? 0 : nil
    }
}

/// Scores per file id plus the accumulated total.
public struct ScoreReport: Sendable, Equatable {
    public var files: [String: ScoreComponents]
    public var total: ScoreComponents

    public init(files: [String: ScoreComponents], total: ScoreComponents) {
        self.files = files
        self.total = total
    }
}
