import Foundation
import SamtalCore
import SamtalTestSupport
import Testing

@testable import Tagging

let sharedActors: ActorGazetteer = {
    try! ActorGazetteer.standard(models: Fixtures.models, analyzer: sharedSwedishAnalyzer)
}()

@Suite struct ActorGazetteerTests {
    let g = sharedActors

    func ids(_ text: String) -> [String] {
        g.actors(in: sharedSwedishAnalyzer.analyze(text)).map(\.id)
    }

    @Test func hasEveryRequiredActor() {
        #expect(g.actorIDs == ["regionen", "kommunerna", "naringslivet", "staten", "skolan",
                               "hogskolan", "arbetsformedlingen", "fack_och_arbetsgivarorg",
                               "civilsamhallet", "politiken", "unga"])
    }

    @Test(arguments: [
        ("Region Västernorrland bjöd in oss.", "regionen"),
        ("Regionens kompetensråd träffas i maj.", "regionen"),
        ("Kommunen har inga pengar.", "kommunerna"),
        ("Vi på Kramfors kommun vill vara med.", "kommunerna"),
        ("Företagen i Sollefteå letar folk.", "naringslivet"),
        ("Många arbetsgivare säger samma sak.", "naringslivet"),
        ("Mittuniversitetet har en campus i Sundsvall.", "hogskolan"),
        ("LO och Svenskt Näringsliv är överens.", "fack_och_arbetsgivarorg"),
        ("Ungdomarna vill bo kvar.", "unga"),
        ("Af:s kontor stänger.", "arbetsformedlingen"),
        ("Arbetsförmedlingen ringde.", "arbetsformedlingen"),
        ("Regeringen sänkte anslaget.", "staten"),
        ("Rektorn på högstadiet var med.", "skolan"),
        ("Studieförbundet ordnar kurser.", "civilsamhallet"),
        ("Politikerna i nämnden bestämmer.", "politiken"),
    ])
    func findsInflectedAndSynonymousMentions(text: String, actor: String) {
        #expect(ids(text).contains(actor), "\(text) → \(ids(text))")
    }

    @Test func leavesPlacesAndLifeStagesUnmapped() {
        #expect(!ids("Här i regionen är det kallt.").contains("regionen"))
        #expect(!ids("Jag är lite gamla skolan.").contains("skolan"))
        #expect(!ids("Unga familjer flyttar hit.").contains("unga"))
        #expect(!ids("Svenskt Näringsliv tycker till.").contains("naringslivet"))
        #expect(ids("Vädret var fint i går.").isEmpty)
    }

    @Test func countsUtterancesAndShares() {
        let tags = [
            UtteranceTags(id: "1", actors: ["regionen", "unga"]),
            UtteranceTags(id: "2", actors: ["regionen"]),
            UtteranceTags(id: "3"),
            UtteranceTags(id: "4", actors: ["regionen", "regionen"]),
        ]
        let s = ActorStatistics(tags: tags, actorIDs: g.actorIDs)
        #expect(s.utterances == 4)
        #expect(s.counts["regionen"] == 3)
        #expect(s.shares["regionen"] == 0.75)
        #expect(s.counts["staten"] == 0)
        #expect(s.shares["unga"] == 0.25)
    }
}
