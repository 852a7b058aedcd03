import Foundation
import Testing
import ParallaxModel
@testable import ParallaxAnalysis

/// Mentions link to one canonical entity across spellings, transliterations, scripts and languages, and keep the
/// surface form each article used.
@Suite struct MentionTests {
    static let kyiv = [("en", "Kiev"), ("en", "Kyiv"), ("pl", "Kijów"), ("de", "Kiew"), ("uk", "Київ"), ("ru", "Киев")]
    static let luhansk = [("en", "Lugansk"), ("en", "Luhansk"), ("pl", "Ługańsk"), ("ru", "Луганск")]
    static let donbas = [("en", "Donbass"), ("en", "Donbas"), ("de", "Donbass")]
    static let dpr = [("en", "DPR"), ("de", "DNR"), ("en", "Donetsk People's Republic"), ("de", "Donezker Volksrepublik"),
                      ("ru", "ДНР")]

    static func entity(_ language: String, _ name: String) -> String? {
        let text: String
        switch language {
        case "de": text = "Die Lage in \(name) bleibt nach Angaben der Behörden angespannt."
        case "pl": text = "Sytuacja w \(name) pozostaje napięta, podały władze."
        case "ru", "uk": text = "Ситуация: \(name) остаётся в центре внимания."
        default: text = "The situation in \(name) remains tense, officials said."
        }
        return Support.read(text, language: language).mentions.first { $0.text == name }?.entity
    }

    @Test("every spelling of Kyiv, Luhansk, Donbas and the DPR is one entity",
          arguments: [kyiv, luhansk, donbas, dpr])
    func spellingsShareAnEntity(_ spellings: [(String, String)]) {
        let ids = spellings.map { Self.entity($0.0, $0.1) }
        #expect(ids.allSatisfy { $0 != nil }, "unlinked: \(zip(spellings.map(\.1), ids).filter { $0.1 == nil }.map(\.0))")
        #expect(Set(ids.compactMap { $0 }).count == 1, "\(zip(spellings.map(\.1), ids).map { "\($0.0)→\($0.1 ?? "nil")" })")
    }

    @Test("personal names meet across transliterations", arguments: [
        ["Peskov", "Peskow", "Pieskow", "Песков"], ["Dmitry", "Dmitri", "Dmitrij", "Дмитрий"],
        ["Pushilin", "Puschilin", "Пушилин"], ["Zelensky", "Zelenskyy", "Selenskyj", "Зеленский", "Зеленський"],
    ])
    func nameKeysAgree(_ spellings: [String]) {
        let keys = Set(spellings.map(NameKey.key))
        #expect(keys.count == 1, "\(spellings.map { "\($0)→\(NameKey.key($0))" })")
    }

    @Test("a person named in full, then by surname and by role, is one entity with the role kept")
    func personCoreference() throws {
        let text = "Separatist leader Denis Pushilin said the talks had failed. Pushilin added that more buses were "
            + "needed. The separatist leader also wrote to Moscow."
        let article = Support.read(text, language: "en")
        let people = article.mentions.filter { $0.kind == .person }
        #expect(people.map(\.text) == ["Denis Pushilin", "Pushilin", "separatist leader"])
        #expect(Set(people.map(\.entity)) == ["person:pusilin"])
        let entity = try #require(article.entities.first { $0.id == "person:pusilin" })
        #expect(entity.name == "Denis Pushilin")
        #expect(entity.roles == ["Separatist leader"])
    }

    @Test("the surface forms an article used are all kept on the entity")
    func surfaceFormsAreKept() throws {
        let article = Support.read("Trains from Kiev resumed. The Kyiv authorities confirmed it.", language: "en")
        let kyiv = try #require(article.entities.first { $0.id == "geonames:703448" })
        #expect(kyiv.forms == ["Kiev", "Kyiv"])
        #expect(kyiv.name == "Kyiv")
    }

    @Test("titles and organisation words do not make people", arguments: [
        "The West accuses the government of delay.", "The Russian leadership had claimed otherwise.",
        "On Monday the minister spoke.", "Separatists call for talks.",
    ])
    func noFalsePeople(_ text: String) {
        let people = Support.read(text, language: "en").mentions.filter { $0.kind == .person }
        #expect(people.isEmpty, "\(people.map(\.text))")
    }
}
