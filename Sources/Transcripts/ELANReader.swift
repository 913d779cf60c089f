import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SamtalCore

/// Reads ELAN annotation documents (`.eaf`). Top-level tiers give utterances (speaker: the tier's
/// PARTICIPANT, else its TIER_ID); annotations on dependent (reference) tiers are attached to
/// their parent utterance as metadata keyed by tier id. Time slots without a TIME_VALUE are
/// interpolated linearly between their aligned neighbours in TIME_ORDER. Annotations on a
/// `Time_Subdivision` tier become the parent utterance's words.
struct ELANReader {
    var context: ReadContext

    struct Tier {
        var id: String
        var participant: String?
        var parent: String?
        var type: String?
        var annotations: [Annotation] = []
    }

    struct Annotation {
        var id: String
        var slot1: String?
        var slot2: String?
        var ref: String?
        var value = ""
    }

    /// Collects the document's time slots, tiers and annotations.
    final class Collector: NSObject, XMLParserDelegate {
        var slotOrder: [String] = []
        var slotValues: [String: Double] = [:]
        var tiers: [Tier] = []
        /// Linguistic type id → constraint stereotype (`Time_Subdivision`, `Included_In` …).
        var constraints: [String: String] = [:]
        var current: Annotation? = nil
        var inValue = false
        var header: [String: String] = [:]
        var error: (message: String, line: Int, column: Int)? = nil
        var sawDocument = false

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            if error == nil {
                // The code is libxml2's (e.g. 76: closing tag does not match); Foundation's
                // names for the codes differ between platforms, so the number is reported.
                let code = (parseError as NSError).code
                error = ("XML parser error \(code)", parser.lineNumber, parser.columnNumber)
            }
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            switch name {
            case "ANNOTATION_DOCUMENT": sawDocument = true
            case "TIME_SLOT":
                guard let id = attributes["TIME_SLOT_ID"] else { return }
                slotOrder.append(id)
                if let v = attributes["TIME_VALUE"].flatMap(Double.init), v.isFinite {
                    slotValues[id] = v / 1000
                }
            case "TIER":
                tiers.append(Tier(id: attributes["TIER_ID"] ?? "tier\(tiers.count + 1)",
                                  participant: attributes["PARTICIPANT"],
                                  parent: attributes["PARENT_REF"],
                                  type: attributes["LINGUISTIC_TYPE_REF"]))
            case "LINGUISTIC_TYPE":
                if let id = attributes["LINGUISTIC_TYPE_ID"], let c = attributes["CONSTRAINTS"] {
                    constraints[id] = c
                }
            case "ALIGNABLE_ANNOTATION":
                current = Annotation(id: attributes["ANNOTATION_ID"] ?? "", slot1: attributes["TIME_SLOT_REF1"],
                                     slot2: attributes["TIME_SLOT_REF2"])
            case "REF_ANNOTATION":
                current = Annotation(id: attributes["ANNOTATION_ID"] ?? "", ref: attributes["ANNOTATION_REF"])
            case "ANNOTATION_VALUE":
                inValue = true
            case "MEDIA_DESCRIPTOR":
                if let url = attributes["MEDIA_URL"] { header["media"] = url }
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inValue { current?.value += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?,
                    qualifiedName: String?) {
            switch name {
            case "ANNOTATION_VALUE": inValue = false
            case "ALIGNABLE_ANNOTATION", "REF_ANNOTATION":
                if let a = current, !tiers.isEmpty { tiers[tiers.count - 1].annotations.append(a) }
                current = nil
            default: break
            }
        }
    }

    func read(_ text: String) throws -> Transcript {
        let parser = XMLParser(data: Data(text.utf8))
        let collector = Collector()
        parser.delegate = collector
        parser.shouldResolveExternalEntities = false
        let ok = parser.parse()
        if !ok || collector.error != nil || parser.parserError != nil {
            let line = collector.error?.line ?? parser.lineNumber
            let column = collector.error?.column ?? parser.columnNumber
            let reason = collector.error?.message ?? parser.parserError.map { "\($0)" } ?? "parse error"
            throw context.error("malformed ELAN XML (\(reason))",
                                line: line > 0 ? line : nil, column: column > 0 ? column : nil)
        }
        guard collector.sawDocument else {
            throw context.error("no TIER elements: not an ELAN annotation document", line: 1, column: 1)
        }
        let times = interpolate(order: collector.slotOrder, known: collector.slotValues)
        var byID: [String: (tier: String, start: Double?, end: Double?, ref: String?)] = [:]
        for tier in collector.tiers {
            for a in tier.annotations {
                byID[a.id] = (tier.id, a.slot1.flatMap { times[$0] }, a.slot2.flatMap { times[$0] }, a.ref)
            }
        }
        /// The aligned annotation a reference annotation finally points at.
        func root(_ id: String) -> String? {
            var id = id
            var steps = 0
            while let entry = byID[id], let ref = entry.ref {
                id = ref
                steps += 1
                if steps > 64 { return nil }  // a reference cycle
            }
            return byID[id] == nil ? nil : id
        }
        let selected = context.options.tiers.map(Set.init)
        let tierIDs = Set(collector.tiers.map(\.id))
        var utterances: [(Utterance, Int)] = []
        var indexOfAnnotation: [String: Int] = [:]
        for (tierIndex, tier) in collector.tiers.enumerated() {
            let isTop = selected.map { $0.contains(tier.id) }
                ?? (tier.parent == nil || !tierIDs.contains(tier.parent!))
            guard isTop else { continue }
            for a in tier.annotations {
                let entry = byID[a.id]
                var start = entry?.start, end = entry?.end
                if a.ref != nil, let r = root(a.id), let e = byID[r] { start = e.start; end = e.end }
                let speaker = (tier.participant?.trimmed).flatMap { $0.isEmpty ? nil : $0 } ?? tier.id
                var u = Utterance(id: a.id.isEmpty ? "a\(utterances.count + 1)" : a.id, start: start,
                                  end: end, speaker: speaker, text: a.value.trimmed)
                u.metadata["tier"] = tier.id
                indexOfAnnotation[a.id] = utterances.count
                utterances.append((u, tierIndex))
            }
        }
        // Dependent tiers: attach each annotation to the utterance it depends on.
        for tier in collector.tiers where selected == nil && tier.parent != nil && tierIDs.contains(tier.parent!) {
            for a in tier.annotations where !a.value.trimmed.isEmpty {
                var target: Int? = nil
                if let ref = a.ref {
                    var id = ref
                    var steps = 0
                    while target == nil, steps < 64 {
                        if let i = indexOfAnnotation[id] { target = i; break }
                        guard let next = byID[id]?.ref else { break }
                        id = next
                        steps += 1
                    }
                } else if let s = byID[a.id]?.start {
                    // The parent annotation holding the middle of this one.
                    let mid = (s + (byID[a.id]?.end ?? s)) / 2
                    target = utterances.firstIndex { u, _ in
                        u.metadata["tier"] == tier.parent && (u.start ?? .infinity) <= mid + 1e-9
                            && mid <= (u.end ?? -.infinity) + 1e-9
                    }
                }
                guard let i = target else { continue }
                // A time subdivision of an utterance is its words, with (interpolated) times.
                if a.ref == nil, tier.type.flatMap({ collector.constraints[$0] }) == "Time_Subdivision",
                   utterances[i].0.metadata["wordsTier"].map({ $0 == tier.id }) ?? true {
                    utterances[i].0.metadata["wordsTier"] = tier.id
                    let e = byID[a.id]
                    utterances[i].0.words = (utterances[i].0.words ?? [])
                        + [Word(text: a.value.trimmed, start: e?.start, end: e?.end)]
                }
                let old = utterances[i].0.metadata[tier.id]
                utterances[i].0.metadata[tier.id] = old.map { $0 + " " + a.value.trimmed } ?? a.value.trimmed
            }
        }
        utterances.sort { a, b in
            let (sa, sb) = (a.0.start ?? .infinity, b.0.start ?? .infinity)
            return sa != sb ? sa < sb : a.1 < b.1
        }
        var t = Transcript(format: TranscriptFormat.eaf.rawValue, utterances: utterances.map(\.0),
                           metadata: collector.header)
        var ids = UtteranceIDs()
        for i in t.utterances.indices { t.utterances[i].id = ids.make(t.utterances[i].id, index: i) }
        return t
    }

    /// Fills unaligned slots by linear interpolation between the nearest aligned slots before
    /// and after them in document order (at the edges, the nearest aligned value).
    func interpolate(order: [String], known: [String: Double]) -> [String: Double] {
        var out = known
        var i = 0
        while i < order.count {
            if known[order[i]] != nil { i += 1; continue }
            var j = i
            while j < order.count, known[order[j]] == nil { j += 1 }
            let before = i > 0 ? known[order[i - 1]] : nil
            let after = j < order.count ? known[order[j]] : nil
            for k in i..<j {
                switch (before, after) {
                case let (b?, a?):
                    out[order[k]] = b + (a - b) * Double(k - i + 1) / Double(j - i + 1)
                case let (b?, nil): out[order[k]] = b
                case let (nil, a?): out[order[k]] = a
                default: break
                }
            }
            i = j
        }
        return out
    }
}
