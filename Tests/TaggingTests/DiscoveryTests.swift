import Foundation
import SamtalTestSupport
import Testing

@testable import Tagging

/// A synthetic corpus with three known topics: sentences drawn (seeded) from one topic's words
/// plus shared filler words, so the right answer is known.
enum SyntheticCorpus {
    static let topics: [String: [String]] = [
        "fiske": ["abborre", "gädda", "metspö", "sjön", "roddbåten", "kroken", "fiskelyckan", "beten"],
        "fotboll": ["målvakten", "domaren", "straffen", "laget", "planen", "anfallaren", "hörnan", "tränaren"],
        "matlagning": ["receptet", "ugnen", "vitlöken", "stekpannan", "kocken", "såsen", "kryddorna", "degen"],
    ]
    static let shared = ["igår", "ganska", "mycket", "prata", "tänkte", "tydligen", "faktiskt", "helgen"]

    /// `perTopic` sentences per topic, interleaved, with ids `fiske-3` etc.
    static func make(perTopic: Int, seed: UInt64 = 7) -> [(id: String, text: String, topic: String)] {
        var rng = SplitMix64(seed: seed)
        var out: [(String, String, String)] = []
        for i in 0..<perTopic {
            for topic in topics.keys.sorted() {
                let words = topics[topic]!
                var sentence = ["Vi"]
                for _ in 0..<4 {
                    sentence.append(words[Int(rng.next() % UInt64(words.count))])
                    sentence.append(shared[Int(rng.next() % UInt64(shared.count))])
                }
                out.append(("\(topic)-\(i)", sentence.joined(separator: " ") + ".", topic))
            }
        }
        return out
    }
}

@Suite struct DiscoveryTests {
    let a = sharedSwedishAnalyzer

    func run(_ corpus: [(id: String, text: String, topic: String)], _ d: ThemeDiscovery)
        -> [DiscoveredTheme] {
        d.discover(corpus.map { ($0.id, a.analyze($0.text)) })
    }

    @Test func recoversThreeKnownTopics() {
        let corpus = SyntheticCorpus.make(perTopic: 12)
        let found = run(corpus, ThemeDiscovery())
        #expect(found.count == 3)
        let topicOf = Dictionary(uniqueKeysWithValues: corpus.map { ($0.id, $0.topic) })
        var seen = Set<String>()
        for theme in found {
            let topics = Set(theme.utterances.map { topicOf[$0]! })
            #expect(topics.count == 1, "cluster mixes \(topics)")  // pure clusters
            let topic = topics.first!
            seen.insert(topic)
            #expect(theme.utterances.count == 12)
            // Top terms come from the topic's own words, never from the shared fillers.
            #expect(theme.terms.prefix(3).allSatisfy { SyntheticCorpus.topics[topic]!.contains($0) },
                    "\(theme.terms)")
            #expect(theme.representatives.count == 3)
            #expect(theme.representatives.allSatisfy { topicOf[$0] == topic })
            #expect(theme.cohesion > 0 && theme.cohesion <= 1)
        }
        #expect(seen == Set(SyntheticCorpus.topics.keys))
        #expect(found.map(\.id) == ["discovered_1", "discovered_2", "discovered_3"])
    }

    @Test func isDeterministic() {
        let corpus = SyntheticCorpus.make(perTopic: 8, seed: 11)
        #expect(run(corpus, ThemeDiscovery()) == run(corpus, ThemeDiscovery()))
    }

    @Test func fixedClusterCountIsHonoured() {
        let found = run(SyntheticCorpus.make(perTopic: 10), ThemeDiscovery(clusters: 2))
        #expect(found.count == 2)
        #expect(found.map(\.utterances.count).reduce(0, +) == 30)
    }

    @Test func tooFewUtterancesGiveNothing() {
        #expect(run(Array(SyntheticCorpus.make(perTopic: 1)), ThemeDiscovery()).isEmpty)
    }
}
