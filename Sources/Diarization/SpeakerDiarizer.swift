import Foundation
import SamtalCore

/// Stage 3: speech → speaker turns.
///
/// Scoring and deciding are separate steps, each testable alone:
/// 1. **speech**: the given `SpeechRegions` (from the VoiceActivity stage), or a built-in
///    energy detector when none are given;
/// 2. **embedding**: one vector per window of speech (`windowSeconds`, every `hopSeconds`), from a
///    `SpeakerEmbedding` (statistics of cepstra by default, or the neural encoder);
/// 3. **clustering**: average-linkage AHC on cosine similarity with a threshold, a fixed count or
///    bounds (`AgglomerativeClustering`);
/// 4. **resegmentation**: a diagonal GMM per speaker on frame features and a Viterbi pass with a
///    speaker-change penalty, so boundaries land on 10 ms frames rather than window edges.
public struct SpeakerDiarizer: Sendable {
    public var settings: DiarizationSettings

    public init(settings: DiarizationSettings = DiarizationSettings()) {
        self.settings = settings
    }

    /// Diarizes one recording from its frame features, window embeddings and speech.
    ///
    /// - Parameters:
    ///   - features: frame features for resegmentation (cepstra; see `FrameFeatures`).
    ///   - embeddings: one embedding per window from `windows(for:speech:)`, L2-normalised or not.
    ///   - windows: the windows the embeddings were made from, in frames.
    ///   - speech: per-frame speech mask.
    public func run(features: FrameFeatures, speech: [Bool], windows: [FrameWindow],
                    embeddings: [[Float]], diagnostics: DiagnosticSink) -> SpeakerTurns {
        let frameCount = features.frameCount
        var labels = [FrameLabel](repeating: -1, count: frameCount)
        let speechRuns = Self.runs(of: speech)
        if speechRuns.isEmpty {
            diagnostics.warning("diarize.no-speech", "no speech found; the output has no speaker turns")
            return turns(from: labels, features: features)
        }

        // Cluster the windows.
        var windowLabels = cluster(embeddings, diagnostics: diagnostics)
        var speakerCount = (windowLabels.max() ?? -1) + 1
        if windows.isEmpty {
            // Speech too short for a single window: one speaker.
            speakerCount = 1
            windowLabels = []
        }

        // Initial frame labels: the window with the nearest centre within the same speech run;
        // runs without a window stay unlabelled until resegmentation.
        for run in speechRuns {
            let inside = windows.indices.filter { windows[$0].start < run.upperBound && windows[$0].end > run.lowerBound }
            for t in run {
                if speakerCount == 1 {
                    labels[t] = 0
                    continue
                }
                var best = -1
                var bestDistance = Int.max
                for w in inside {
                    let centre = (windows[w].start + windows[w].end) / 2
                    let distance = abs(centre - t)
                    if distance < bestDistance {
                        bestDistance = distance
                        best = w
                    }
                }
                if best >= 0 { labels[t] = FrameLabel(windowLabels[best]) }
            }
        }
        if speakerCount > 1 && settings.resegmentationIterations > 0 {
            labels = resegment(labels, features: features, speechRuns: speechRuns, speakers: speakerCount)
        }
        // Anything still unlabelled (possible only when a speaker model could not be trained)
        // takes its nearest labelled neighbour's label.
        fillUnlabelled(&labels, speech: speech)
        return turns(from: labels, features: features)
    }

    /// Window positions over the speech runs, in frames: `windowFrames` long every `hopFrames`,
    /// and one window covering a run shorter than a window but at least `minimumWindowFrames`.
    public func windows(speech: [Bool], hopLength: Int, sampleRate: Int) -> [FrameWindow] {
        let framesPerSecond = Double(sampleRate) / Double(hopLength)
        let length = max(1, Int((settings.windowSeconds * framesPerSecond).rounded()))
        let hop = max(1, Int((settings.hopSeconds * framesPerSecond).rounded()))
        let minimum = max(1, Int((settings.minimumWindowSeconds * framesPerSecond).rounded()))
        var result: [FrameWindow] = []
        for run in Self.runs(of: speech) {
            let count = run.count
            if count < minimum { continue }
            if count <= length {
                result.append(FrameWindow(start: run.lowerBound, end: run.upperBound))
                continue
            }
            // Evenly spread windows so that the last one ends at the run's end.
            let steps = Int((Double(count - length) / Double(hop)).rounded(.up))
            for i in 0...steps {
                let start = run.lowerBound + Int((Double(i) * Double(count - length) / Double(max(steps, 1))).rounded())
                result.append(FrameWindow(start: start, end: start + length))
            }
        }
        return result
    }

    // MARK: - Clustering

    func cluster(_ embeddings: [[Float]], diagnostics: DiagnosticSink) -> [Int] {
        let n = embeddings.count
        if n == 0 { return [] }
        let normalised = embeddings.map(Self.l2Normalised)
        // Bound memory and time: cluster at most `maximumClusteringWindows` evenly spread windows,
        // then give every window the label of the nearest cluster centroid.
        let limit = max(2, settings.maximumClusteringWindows)
        let chosen: [Int] = n <= limit ? Array(0..<n) : (0..<limit).map { $0 * n / limit }
        let sample = chosen.map { normalised[$0] }
        let similarity = AgglomerativeClustering.similarityMatrix(sample)
        let merges = AgglomerativeClustering.dendrogram(similarity: similarity, items: sample.count)
        let (sampleLabels, silhouette) = largeClusters(merges: merges, vectors: sample, similarity: similarity)
        if let silhouette, isOneVoice(sample, silhouette: silhouette) {
            return [Int](repeating: 0, count: n)
        }
        var labels = chosen.count == n
            ? sampleLabels
            : Self.assignToCentroids(normalised, sampleLabels: sampleLabels, sampleIndices: chosen)
        labels = Self.refineByCentroids(normalised, labels: labels, iterations: settings.centroidRefinementIterations)
        return Self.renumbered(labels)
    }

    /// One voice rather than several: the silhouette rule's best partition is hardly more
    /// structured than the best partition of structureless data of the same size and spread
    /// (`ClusterStructureTest`; gap below `oneVoiceGap`). The silhouette alone always finds
    /// "speakers" in one voice, because the windows of one voice also vary. Judged only from
    /// `oneVoiceMinimumWindows` windows on: below that, chance structure varies too much.
    func isOneVoice(_ vectors: [[Float]], silhouette: Double) -> Bool {
        guard settings.minimumSpeakers <= 1, settings.speakers == nil,
              vectors.count >= settings.oneVoiceMinimumWindows, settings.oneVoiceReferenceDraws > 0 else { return false }
        func bestSilhouette(_ rows: [[Float]]) -> Double? {
            let similarity = AgglomerativeClustering.similarityMatrix(rows)
            return largeClusters(merges: AgglomerativeClustering.dendrogram(similarity: similarity, items: rows.count),
                                 vectors: rows, similarity: similarity, forceSilhouette: true).silhouette
        }
        // Long recordings: the test runs on evenly spread windows (time grows with the square).
        var rows = vectors
        var observed: Double? = silhouette
        let limit = max(settings.oneVoiceMinimumWindows, settings.oneVoiceMaximumWindows)
        if rows.count > limit {
            rows = (0..<limit).map { vectors[$0 * vectors.count / limit] }
            observed = bestSilhouette(rows)
        }
        let test = ClusterStructureTest(draws: settings.oneVoiceReferenceDraws, seed: 0x5A3D_7A11)
        guard let observed, let reference = test.referenceSilhouette(rows, partitionScore: bestSilhouette) else {
            return false
        }
        return observed - reference < settings.oneVoiceGap
    }

    /// Cuts the dendrogram so that the number of *large* clusters (at least `minimumClusterShare`
    /// of the windows, and 2 windows) matches the rule — the fixed count, the threshold clamped to
    /// the bounds, or the best silhouette within the bounds (`DiarizationSettings.CountRule`) —
    /// and gives the windows of small clusters to the nearest large one. Average
    /// linkage isolates outlier windows (laughter, overlap, a window straddling two speakers)
    /// early; counting them as speakers is the commonest error of plain AHC (pyannote's
    /// `min_cluster_size` serves the same purpose).
    /// Returns the labels and, when the silhouette rule chose the count, the winning silhouette.
    /// `similarity` is `vectors`' matrix from `AgglomerativeClustering.similarityMatrix` (the one
    /// the dendrogram was built from). `forceSilhouette` applies the silhouette rule even where
    /// the threshold rule finds one cluster (for the structureless references of `isOneVoice`).
    func largeClusters(merges: [AgglomerativeClustering.Merge], vectors: [[Float]], similarity: [Float],
                       forceSilhouette: Bool = false) -> (labels: [Int], silhouette: Double?) {
        let n = vectors.count
        if n == 1 { return ([0], nil) }
        let minimumCount = max(2, Int((settings.minimumClusterShare * Double(n)).rounded(.up)))
        if let fixed = settings.speakers {
            return (partition(merges: merges, vectors: vectors, clusters: fixed, minimumCount: minimumCount), nil)
        }
        let above = merges.filter { $0.similarity >= settings.clusteringThreshold }.count
        let cut = AgglomerativeClustering.cut(merges, items: n, clusters: n - above)
        let byThreshold = min(max(Self.large(cut, minimumCount: minimumCount).count, settings.minimumSpeakers), settings.maximumSpeakers)
        let lowest = max(2, settings.minimumSpeakers)
        let highest = min(settings.maximumSpeakers, n - 1)
        guard settings.countRule == .silhouette, byThreshold >= 2 || forceSilhouette, lowest <= highest else {
            return (partition(merges: merges, vectors: vectors, clusters: byThreshold, minimumCount: minimumCount), nil)
        }
        // Silhouette: every count in the bounds, each partition refined as the final one will be.
        var best: (score: Double, labels: [Int])?
        for k in lowest...highest {
            let labels = Self.refineByCentroids(
                vectors, labels: partition(merges: merges, vectors: vectors, clusters: k, minimumCount: minimumCount),
                iterations: settings.centroidRefinementIterations)
            guard let score = AgglomerativeClustering.silhouette(similarity: similarity, labels: labels) else { continue }
            if best == nil || score > best!.score + 1e-9 { best = (score, labels) }
        }
        if let best { return (best.labels, best.score) }
        return (partition(merges: merges, vectors: vectors, clusters: byThreshold, minimumCount: minimumCount), nil)
    }

    /// The coarsest cut of the dendrogram with `clusters` large clusters (at least
    /// `minimumCount` windows each); the windows of small clusters join the nearest large one.
    func partition(merges: [AgglomerativeClustering.Merge], vectors: [[Float]], clusters: Int,
                   minimumCount: Int) -> [Int] {
        let n = vectors.count
        let wanted = max(1, min(clusters, n))
        var labels = AgglomerativeClustering.cut(merges, items: n, clusters: wanted)
        var keep = Self.large(labels, minimumCount: minimumCount)
        var k = wanted
        while keep.count < wanted && k < n {
            k += 1
            labels = AgglomerativeClustering.cut(merges, items: n, clusters: k)
            keep = Self.large(labels, minimumCount: minimumCount)
        }
        if keep.count < wanted { keep = Self.bySize(labels).map(\.label) }
        keep = Array(keep.prefix(wanted))
        let centroids = Self.centroids(vectors, labels: labels, clusters: (labels.max() ?? 0) + 1)
        return labels.enumerated().map { i, l in
            if keep.contains(l) { return l }
            return keep.max { Self.dot(vectors[i], centroids[$0]) < Self.dot(vectors[i], centroids[$1]) }!
        }
    }

    /// Cluster labels with their sizes, largest first (ties: lower label first).
    static func bySize(_ labels: [Int]) -> [(label: Int, count: Int)] {
        var counts: [Int: Int] = [:]
        for l in labels { counts[l, default: 0] += 1 }
        return counts.map { (label: $0.key, count: $0.value) }
            .sorted { ($0.count, -$0.label) > ($1.count, -$1.label) }
    }

    /// Labels of the clusters with at least `minimumCount` members, largest first.
    static func large(_ labels: [Int], minimumCount: Int) -> [Int] {
        bySize(labels).filter { $0.count >= minimumCount }.map(\.label)
    }

    /// A few k-means steps in cosine geometry from the clustering's centroids: windows move to
    /// the nearest centroid, centroids are recomputed. Fixes windows AHC merged early and
    /// wrongly; the number of clusters never grows.
    static func refineByCentroids(_ vectors: [[Float]], labels: [Int], iterations: Int) -> [Int] {
        var labels = renumbered(labels)
        for _ in 0..<iterations {
            let k = (labels.max() ?? 0) + 1
            if k < 2 { break }
            let centroids = centroids(vectors, labels: labels, clusters: k)
            let next = vectors.map { v in (0..<k).max { dot(v, centroids[$0]) < dot(v, centroids[$1]) }! }
            if next == labels { break }
            if Set(next).count < k { break }  // never empty a cluster
            labels = next
        }
        return labels
    }

    static func assignToCentroids(_ vectors: [[Float]], sampleLabels: [Int], sampleIndices: [Int]) -> [Int] {
        let k = (sampleLabels.max() ?? 0) + 1
        let sampled = sampleIndices.map { vectors[$0] }
        let centroids = centroids(sampled, labels: sampleLabels, clusters: k)
        return vectors.map { v in
            (0..<k).max { dot(v, centroids[$0]) < dot(v, centroids[$1]) }!
        }
    }

    static func centroids(_ vectors: [[Float]], labels: [Int], clusters k: Int) -> [[Float]] {
        let d = vectors.first?.count ?? 0
        var sums = [[Float]](repeating: [Float](repeating: 0, count: d), count: k)
        for (v, l) in zip(vectors, labels) { for j in 0..<d { sums[l][j] += v[j] } }
        return sums.map(l2Normalised)
    }

    static func renumbered(_ labels: [Int]) -> [Int] {
        var map: [Int: Int] = [:]
        return labels.map { l in
            if l < 0 { return l }
            if let m = map[l] { return m }
            map[l] = map.count
            return map[l]!
        }
    }

    static func l2Normalised(_ v: [Float]) -> [Float] {
        var norm: Float = 0
        for x in v { norm += x * x }
        norm = norm.squareRoot()
        return norm > 0 ? v.map { $0 / norm } : v
    }

    static func dot(_ a: [Float], _ b: [Float]) -> Float {
        var s: Float = 0
        for i in 0..<min(a.count, b.count) { s += a[i] * b[i] }
        return s
    }

    // MARK: - Resegmentation

    /// GMM per speaker, trained on the frames currently labelled with it, then Viterbi over each
    /// speech run with a fixed log-penalty per speaker change; repeated `resegmentationIterations`
    /// times.
    ///
    /// The frames are read from `features.cepstra` in sequential passes (one for the variance
    /// floor; per iteration one to start the models, one per EM step, one for the Viterbi
    /// search), so memory holds only per-frame labels and the current speech run's back-pointers.
    func resegment(_ initial: [FrameLabel], features: FrameFeatures, speechRuns: [Range<Int>],
                   speakers k: Int) -> [FrameLabel] {
        var labels = initial
        let dimension = features.dimension
        let store = features.cepstra
        // Variance floor: a fraction of each dimension's global variance over speech frames.
        var floor = [Double](repeating: 1e-3, count: dimension)
        do {
            var mean = [Double](repeating: 0, count: dimension)
            var square = [Double](repeating: 0, count: dimension)
            var count = 0.0
            for run in speechRuns {
                store.forEachChunk(of: run) { _, rows in
                    for i in 0..<(rows.count / dimension) {
                        for d in 0..<dimension {
                            let x = Double(rows[i * dimension + d])
                            mean[d] += x
                            square[d] += x * x
                        }
                        count += 1
                    }
                }
            }
            for d in 0..<dimension where count > 0 {
                let m = mean[d] / count
                floor[d] = max(1e-4, 0.01 * (square[d] / count - m * m))
            }
        }
        let penalty = settings.speakerChangePenalty
        // Subsample long speakers for training speed; every 2nd frame is plenty.
        let stride = max(1, settings.trainingFrameStride)
        for _ in 0..<settings.resegmentationIterations {
            var counts = [Int](repeating: 0, count: k)
            for t in Swift.stride(from: 0, to: labels.count, by: stride) where labels[t] >= 0 {
                counts[Int(labels[t])] += 1
            }
            let active = (0..<k).filter { counts[$0] >= 2 * dimension }
            if active.count < 2 { break }
            let models = DiagonalGMM.train(
                store: store, labels: labels, stride: stride, speakers: active,
                components: settings.gmmComponents, iterations: settings.gmmIterations, varianceFloor: floor)
            var newLabels = [FrameLabel](repeating: -1, count: labels.count)
            var search = ViterbiSearch(states: active.count, penalty: penalty)
            for run in speechRuns {
                search.reset(expectedFrames: run.count)
                store.forEachChunk(of: run) { _, rows in
                    Self.score(rows, models: models, components: settings.gmmComponents, into: &search)
                }
                search.backtrack { i, state in newLabels[run.lowerBound + i] = FrameLabel(active[state]) }
            }
            if newLabels == labels { break }
            labels = newLabels
        }
        return labels
    }

    /// Feeds the log-likelihood of each frame of `rows` (frames × dimension) under each model to
    /// `search`.
    static func score(_ rows: UnsafeBufferPointer<Float>, models: [DiagonalGMM], components: Int,
                      into search: inout ViterbiSearch) {
        guard let dimension = models.first?.dimension else { return }
        let m = models.count
        var scratch = [Double](repeating: 0, count: components)
        var ll = [Double](repeating: 0, count: m)
        for i in 0..<(rows.count / dimension) {
            let row = UnsafeBufferPointer(rebasing: rows[(i * dimension)..<((i + 1) * dimension)])
            for s in 0..<m { ll[s] = models[s].logLikelihood(row, scratch: &scratch) }
            ll.withUnsafeBufferPointer { search.step($0) }
        }
    }

    /// Best state path for `ll` (frames × states log-likelihoods) where staying costs nothing and
    /// switching to any other state costs `penalty` (`ViterbiSearch` on a whole matrix).
    static func viterbi(_ ll: [Double], states m: Int, penalty: Double) -> [Int] {
        var search = ViterbiSearch(states: m, penalty: penalty)
        ll.withUnsafeBufferPointer { p in
            for t in 0..<(ll.count / m) { search.step(UnsafeBufferPointer(rebasing: p[(t * m)..<((t + 1) * m)])) }
        }
        var path = [Int](repeating: 0, count: search.frames)
        search.backtrack { t, state in path[t] = state }
        return path
    }

    /// Gives every unlabelled speech frame the label of the nearest labelled frame (the earlier
    /// one on a tie); with no labelled frame at all, speech becomes speaker 0.
    func fillUnlabelled(_ labels: inout [FrameLabel], speech: [Bool]) {
        guard labels.contains(where: { $0 >= 0 }) else {
            for t in labels.indices where speech[t] { labels[t] = 0 }
            return
        }
        // Each gap of unlabelled frames lies between labelled frames (or an end), which the
        // filling never changes.
        var t = 0
        while t < labels.count {
            guard labels[t] < 0 else { t += 1; continue }
            var end = t
            while end < labels.count && labels[end] < 0 { end += 1 }
            let before = t - 1
            for u in t..<end where speech[u] {
                if end < labels.count && (before < 0 || end - u < u - before) {
                    labels[u] = labels[end]
                } else if before >= 0 {
                    labels[u] = labels[before]
                }
            }
            t = end
        }
    }

    // MARK: - Output

    /// Turns from frame labels; speakers are named `SPEAKER_00`… in order of first appearance.
    func turns(from labels: [FrameLabel], features: FrameFeatures) -> SpeakerTurns {
        var names: [FrameLabel: Int] = [:]
        var turns: [SpeakerTurn] = []
        var t = 0
        let total = features.totalSamples
        while t < labels.count {
            let label = labels[t]
            var end = t + 1
            while end < labels.count && labels[end] == label { end += 1 }
            if label >= 0 {
                let name = names[label] ?? names.count
                names[label] = name
                let start = min(total, features.frameStart(t))
                let stop = min(total, end == labels.count ? total : features.frameStart(end))
                if stop > start {
                    turns.append(SpeakerTurn(
                        span: SampleSpan(start: start, end: stop),
                        speaker: String(format: "SPEAKER_%02d", name)))
                }
            }
            t = end
        }
        return SpeakerTurns(sampleRate: features.sampleRate, totalSamples: total,
                            overlapping: turns, exclusive: turns)
    }

    /// Maximal runs of `true`.
    static func runs(of mask: [Bool]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var t = 0
        while t < mask.count {
            if mask[t] {
                var end = t + 1
                while end < mask.count && mask[end] { end += 1 }
                result.append(t..<end)
                t = end
            } else {
                t += 1
            }
        }
        return result
    }
}

/// A frame's speaker (0-based, in clustering order) or -1 for none: 2 bytes per 10 ms frame.
typealias FrameLabel = Int16

/// A window of frames `[start, end)` that one embedding describes.
public struct FrameWindow: Sendable, Hashable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}
