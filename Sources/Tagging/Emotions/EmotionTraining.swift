import Foundation
import SamtalCore

/// Where the labelled data lives inside the shared data folder (`../shared/data`).
public struct EmotionDataPaths: Sendable {
    public var shared: URL
    public init(shared: URL) { self.shared = shared }
    func url(_ rel: String) -> URL { shared.appendingPathComponent(rel) }
    public var brighterTrain: URL { url("text-sv/brighter-swe/swe_track_a_train.csv") }
    public var brighterDev: URL { url("text-sv/brighter-swe/swe_track_a_dev.csv") }
    public var xed: URL { url("text-sv/xed-sv/xed-sv-dev.tsv") }
    public var absaTrain: URL { url("text-sv/superlim2/absabank-imm/absabank-imm_train.tsv") }
    public var absaDev: URL { url("text-sv/superlim2/absabank-imm/absabank-imm_dev.tsv") }
    public var utterances: URL { url("utterances-sv/dev.jsonl") }
    public var vader: URL { url("text-sv/lexicons/vader-swedish/vader_lexicon_sv.txt") }
    public var sentimentlex: URL { url("text-sv/lexicons/sentimentlex-sprakbanken/sentimentlex.csv") }
}

/// Reproducible training of every emotion model (`samtal train`, `make train`): same data →
/// byte-identical files. Regularisation is chosen by cross-validation inside the training data,
/// thresholds are calibrated by cross-validation inside the training data.
public struct EmotionTraining: Sendable {
    public var penalties = PenaltySelection()
    public var calibrationFolds = 5
    /// Features must occur in this many documents of the larger corpora (BRIGHTER, XED,
    /// absabank); the 160 utterances keep every feature seen twice.
    public var minimumFeatureCount = 2
    public var seed: UInt64 = 20_241_016
    /// Feature kinds left out of the utterance-level models (discussion emotions, polarity):
    /// with 160 training utterances, word, stem, part and bigram features overfit (5-fold CV
    /// macro-F1 0.70 with stems vs 0.74 without, see docs/emotions.md), so those models read only
    /// the lexicon, cue and stacked features.
    public var utteranceExcludedPrefixes = ["w:", "s:", "p:", "b:"]
    /// Train the BRIGHTER model on BRIGHTER-sv train plus the XED-sv train split (its six shared
    /// labels). Off: it lowered BRIGHTER-sv dev macro-F1 (0.439 → 0.391, before √n scaling; docs/emotions.md).
    public var augmentBrighterWithXED = false
    /// Balanced class weights for the first-level corpora (BRIGHTER, XED, absabank). Off: they
    /// over-predicted rare classes (BRIGHTER-sv dev macro-F1 0.421 balanced vs 0.439 unweighted,
    /// before √n scaling).
    public var balancedFirstLevel = false

    public init() {}

    func trainer(l2: Double) -> LinearModelTrainer {
        LinearModelTrainer(regression: LogisticRegression(l2: l2, balancedClassWeights: true),
                           minimumFeatureCount: minimumFeatureCount,
                           calibrationFolds: calibrationFolds, seed: seed)
    }

    /// Derives the compact lexicons `vader-sv.tsv` and `sentimentlex-sv.tsv` (word, value) from
    /// the originals. VADER: single words with their mean valence (−4…4). sentimentlex: the mean
    /// strength (−4…4) over a word's senses.
    public func deriveLexicons(paths: EmotionDataPaths, into directory: URL) throws {
        var vader: [String: Double] = [:]
        for line in try EmotionDatasets.read(paths.vader).split(separator: "\n") {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cols.count >= 2, let v = Double(cols[1]) else { continue }
            let word = cols[0].lowercased()
            if word.contains(" ") || !word.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) { continue }
            vader[word] = v
        }
        let rows = try CSV.parse(EmotionDatasets.read(paths.sentimentlex), file: paths.sentimentlex.path)
        guard let header = rows.first, let wi = header.firstIndex(of: "word"),
              let si = header.firstIndex(of: "strength") else {
            throw SamtalError(.parseError, "sentimentlex.csv lacks the word/strength columns",
                              location: SourceLocation(file: paths.sentimentlex.path, line: 1))
        }
        var senti: [String: (Double, Double)] = [:]
        for row in rows.dropFirst() where row.count > max(wi, si) {
            guard let v = Double(row[si]) else { continue }
            let word = row[wi].lowercased()
            let s = senti[word, default: (0, 0)]
            senti[word] = (s.0 + v, s.1 + 1)
        }
        func tsv(_ d: [String: Double], header: String) -> String {
            header + d.keys.sorted().map { "\($0)\t\(format($0 == "" ? 0 : d[$0]!))" }.joined(separator: "\n") + "\n"
        }
        try AtomicFile.write(
            tsv(vader, header: "# Derived by `samtal train` from VADER-sv (vader_lexicon_sv.txt), MIT licence: see LICENSE-vader-sv.txt.\n# word<TAB>mean valence (−4…4)\n"),
            to: directory.appendingPathComponent(EmotionLexicon.vaderFile).path)
        try AtomicFile.write(
            tsv(senti.mapValues { $0.0 / $0.1 }, header: "# Derived by `samtal train` from Språkbanken's sentimentlex.csv (Nusko, Tahmasebi & Mogren 2016), CC BY: see README-sentimentlex.md.\n# word<TAB>mean strength over senses (−4…4)\n"),
            to: directory.appendingPathComponent(EmotionLexicon.sentimentlexFile).path)
    }

    private func format(_ v: Double) -> String {
        let r = (v * 1e4).rounded() / 1e4
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    /// Analysed texts with their lexicon analysis.
    public struct Prepared: Sendable {
        public var item: LabelledText
        public var text: AnalyzedText
        public var lexicon: LexiconAnalysis
    }

    public func prepare(_ items: [LabelledText], analyzer: TextAnalyzer, scorer: LexiconScorer)
        -> [Prepared] {
        items.map { item in
            let text = analyzer.analyze(item.text)
            return Prepared(item: item, text: text, lexicon: scorer.score(text, evidence: false))
        }
    }

    func documents(_ items: [Prepared], cueLabels: [String], stacked: [[(String, Float)]]? = nil)
        -> [[(String, Float)]] {
        let excluded = stacked == nil ? [] : utteranceExcludedPrefixes
        return items.enumerated().map { k, p in
            let all = EmotionFeatures.named(p.text, lexicon: p.lexicon, cueLabels: cueLabels,
                                            stacked: stacked?[k] ?? [])
            return excluded.isEmpty ? all : all.filter { f in !excluded.contains { f.0.hasPrefix($0) } }
        }
    }

    /// Selects the penalty, trains with calibrated thresholds, and records how in `metadata`.
    func fitModel(name: String, labels: [String], documents: [[(String, Float)]],
                  targets: [[Bool]], always: [String], balanced: Bool = true,
                  metadata: [String: String]) -> LinearModel {
        var base = trainer(l2: 1)
        base.regression.balancedClassWeights = balanced
        let (l2, scores) = penalties.select(documents: documents, targets: targets, labels: labels,
                                            base: base, alwaysFeatures: always)
        base.regression.l2 = l2
        var meta = metadata
        meta["l2"] = "\(l2)"
        meta["l2.candidates"] = penalties.candidates.map { "\($0)" }.joined(separator: " ")
        meta["l2.cvMeanBestF1"] = scores.map { String(format: "%.4f", $0) }.joined(separator: " ")
        meta["documents"] = "\(documents.count)"
        meta["minimumFeatureCount"] = "\(base.minimumFeatureCount)"
        meta["balancedClassWeights"] = "\(balanced)"
        return base.train(name: name, labels: labels, documents: documents, targets: targets,
                          alwaysFeatures: always, metadata: meta)
    }

    static func targets(_ items: [Prepared], labels: [String]) -> [[Bool]] {
        items.map { p in labels.map { p.item.labels.contains($0) } }
    }

    static func polarityTargets(_ items: [Prepared]) -> [[Bool]] {
        items.map { p in
            let v = p.item.value ?? 0
            return [v < 0, v == 0, v > 0]
        }
    }

    /// Trains every model from `paths` and writes them (and the derived lexicons) into `models`
    /// (the `Models/` directory). Progress notes go to `diagnostics`.
    public func train(paths: EmotionDataPaths, models: URL, analyzer: TextAnalyzer,
                      diagnostics: DiagnosticSink) throws {
        let lexiconDir = models.appendingPathComponent("emotions/lexicons")
        try deriveLexicons(paths: paths, into: lexiconDir)
        let lexicon = try EmotionLexicon(directory: lexiconDir, stem: analyzer.stemmer.stem)
        let scorer = LexiconScorer(lexicon: lexicon)
        let cues = lexicon.cueLabels
        let dense = EmotionFeatures.denseNames(cueLabels: cues, stacked: [])
        func write(_ model: LinearModel, _ rel: String) throws {
            try AtomicFile.write(model.jsonData(), to: models.appendingPathComponent(rel).path)
            diagnostics.note("train.wrote", "wrote \(rel) (\(model.labels.count) labels, \(model.features.count) features, l2 \(model.metadata["l2"] ?? "?"))")
        }


        let xedItems = prepare(try EmotionDatasets.xed(paths.xed).filter { !EmotionDatasets.xedIsDev($0) },
                               analyzer: analyzer, scorer: scorer)
        let xed = fitModel(
            name: "basic-xed", labels: EmotionDatasets.xedLabels,
            documents: documents(xedItems, cueLabels: cues),
            targets: Self.targets(xedItems, labels: EmotionDatasets.xedLabels), always: dense,
            balanced: balancedFirstLevel, metadata: ["data": "XED-sv (xed-sv-dev.tsv) train split: FNV-1a(text) % 5 != 0, CC BY 4.0"])
        try write(xed, EmotionModels.xedFile)

        let augment = augmentBrighterWithXED ? xedItems : []
        let brighterItems = prepare(try EmotionDatasets.brighter(paths.brighterTrain), analyzer: analyzer, scorer: scorer)
        let brighter = fitModel(
            name: "basic-brighter", labels: EmotionDatasets.brighterLabels,
            documents: documents(brighterItems + augment, cueLabels: cues),
            targets: Self.targets(brighterItems + augment, labels: EmotionDatasets.brighterLabels), always: dense,
            balanced: balancedFirstLevel, metadata: ["data": "BRIGHTER-sv track A train (swe_track_a_train.csv), CC BY 4.0"
                + (augmentBrighterWithXED ? " + the XED-sv train split, CC BY 4.0" : "")])
        try write(brighter, EmotionModels.brighterFile)

        let absaItems = prepare(try EmotionDatasets.absabank(paths.absaTrain), analyzer: analyzer, scorer: scorer)
        let absa = fitModel(
            name: "absa", labels: ["positive", "negative"],
            documents: documents(absaItems, cueLabels: cues),
            targets: absaItems.map { [($0.item.value ?? 3) > 3, ($0.item.value ?? 3) < 3] },
            always: dense, balanced: balancedFirstLevel,
            metadata: ["data": "SuperLim 2 absabank-imm train, CC BY 4.0; positive = rating > 3, negative = rating < 3"])
        try write(absa, EmotionModels.absaFile)

        let basicScheme = try EmotionScheme.load(path: models.appendingPathComponent(EmotionScheme.basicFile).path)
        let discussionScheme = try EmotionScheme.load(path: models.appendingPathComponent(EmotionScheme.discussionFile).path)
        let stacker = FirstLevelScorer(brighter: brighter, xed: xed, absa: absa,
                                       basic: basicScheme.ids, cueLabels: cues)
        let utterances = prepare(try EmotionDatasets.utterances(paths.utterances), analyzer: analyzer, scorer: scorer)
        let stackedNames = EmotionModels.stackedNames(basic: basicScheme.ids)
        let stacked = stackedValues(utterances, stacker: stacker, names: stackedNames)
        let utteranceDocs = documents(utterances, cueLabels: cues, stacked: stacked)
        let utteranceDense = EmotionFeatures.denseNames(cueLabels: cues, stacked: stackedNames)
        let discussion = fitModel(
            name: "discussion", labels: discussionScheme.ids, documents: utteranceDocs,
            targets: Self.targets(utterances, labels: discussionScheme.ids), always: utteranceDense,
            metadata: ["data": "utterances-sv/dev.jsonl (CC0 1.0) + stacked basic-emotion and stance scores"])
        try write(discussion, EmotionModels.discussionFile)
        let polarity = fitModel(
            name: "polarity", labels: EmotionModels.polarityLabels, documents: utteranceDocs,
            targets: Self.polarityTargets(utterances), always: utteranceDense,
            metadata: ["data": "utterances-sv/dev.jsonl (CC0 1.0) + stacked basic-emotion and stance scores"])
        try write(polarity, EmotionModels.polarityFile)
    }

    func stackedValues(_ items: [Prepared], stacker: FirstLevelScorer, names: [String])
        -> [[(String, Float)]] {
        var s1: [Double] = []
        return items.map { p in
            let v = stacker.values(p.text, hashes: TokenHashes(p.text), lexicon: p.lexicon, scratch: &s1)
            return Array(zip(names, v))
        }
    }
}
