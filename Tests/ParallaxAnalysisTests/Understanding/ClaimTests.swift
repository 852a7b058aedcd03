import Foundation
import Testing
import ParallaxModel
@testable import ParallaxAnalysis

/// Claims in English hand-written texts: chains, joint speakers, roles, figures and their claimants, refutations.
@Suite struct ClaimTests {
    @Test("a figure's claimant is the speaker of its claim, by name even when the claim uses a role")
    func figureClaimants() {
        let text = "Governor Ilena Marsk said about 12,000 people had been evacuated. According to Western sources, "
            + "more than 20,000 people have left. The governor later said that almost 14,000 had registered."
        let figures = Support.read(text, language: "en").figures
        #expect(figures.map(\.value) == [12_000, 20_000, 14_000])
        #expect(figures.map(\.claimant) == ["Ilena Marsk", "Western sources", "Ilena Marsk"])
        #expect(figures.map(\.qualifier) == ["about", "over", "almost"])
        #expect(figures.first?.counted == "people had been evacuated")
    }

    @Test("'X quoted Y as saying' and a closing attribution give the chain innermost first")
    func quotedAsSaying() throws {
        let text = "The two leaders asked for help \"to repel the attacks on our towns,\" the Velmora Press Agency "
            + "quoted spokesman Tomas Reiner as saying."
        let claim = try #require(Support.read(text, language: "en").claims.first)
        #expect(claim.speaker?.text == "The two leaders")
        #expect(claim.via.map(\.text) == ["Tomas Reiner", "Velmora Press Agency"])
        #expect(claim.quote == "to repel the attacks on our towns,")
    }

    @Test("two people named together both speak")
    func jointSpeakers() throws {
        let text = "Anna Weller and Marek Halloran, the heads of the two provinces, requested more pumps."
        let claim = try #require(Support.read(text, language: "en").claims.first)
        #expect(claim.speaker?.text == "Anna Weller and Marek Halloran")
    }

    @Test("the writer's refutation is its own assertion, and a pronoun speaks for the last person named")
    func refutationAndPronoun() throws {
        let text = "Spokesman Tomas Reiner blamed saboteurs. There is no evidence of sabotage. \"We will rebuild,\" he said."
        let claims = Support.read(text, language: "en").claims
        #expect(claims.count == 3)
        #expect(claims[1].kind == .assertion && claims[1].refutes && claims[1].speaker == nil)
        #expect(claims[2].speaker?.text == "he" && claims[2].speakerEntity == "person:reiner")
    }

    @Test("the record carries the new fields, with nulls written out")
    func recordKeys() throws {
        let article = Support.read("Reiner said the dam held.", language: "en")
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let json = try #require(try JSONSerialization.jsonObject(with: encoder.encode(article)) as? [String: Any])
        for key in ["mentions", "entities", "claims", "figures", "dates", "analyses", "published_inferred"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        let claim = try #require((json["claims"] as? [[String: Any]])?.first)
        for key in ["speaker", "speaker_entity", "channel", "via", "verb", "stance", "quote", "hedges", "negated", "refutes"] {
            #expect(claim.keys.contains(key), "claim lacks \(key)")
        }
    }
}
