import Testing
@testable import ParallaxAnalysis

/// Line classification of text dumps on inputs built by hand.
@Suite struct TextDumpTests {
    static let dump = """
        Skip to main content
        1. Skip to main menu
        World
        Harbour authority: Ferry strike halts crossings to the islands
        Ferry strike halts crossings to the islands
        By Mara Lindqvist
        14 March 2031
        Stranded passengers wait at the terminal on Friday
        Passengers at Portlund terminal. Photo: J. Okafor/NorPress
        Source: NorPress
        Ferry crews walked out at dawn on Friday, halting every crossing between Portlund and the outer islands.
        Advertisement
        Talks collapsed overnight
        The union said the talks with the operator had collapsed after eleven hours, according to NorPress.
        Download our app to get breaking news alerts.
        source site-3
        © Harbour Ledger Media Ltd
        """

    @Test func keepsProseAndHeadingsOnly() throws {
        let article = try Support.analyse(text: Self.dump)
        #expect(article.paragraphs == [
            "Ferry crews walked out at dawn on Friday, halting every crossing between Portlund and the outer islands.",
            "Talks collapsed overnight",
            "The union said the talks with the operator had collapsed after eleven hours, according to NorPress.",
        ])
    }

    @Test func readsTitleBylineDatelineAndSignature() throws {
        let article = try Support.analyse(text: Self.dump)
        #expect(article.title == "Harbour authority: Ferry strike halts crossings to the islands")
        #expect(article.byline == "Mara Lindqvist")
        #expect(article.published == "2031-03-14")
        #expect(article.outlet == "Harbour Ledger Media")
    }

    @Test func setsCaptionsApartAndReadsTheirCredits() throws {
        let article = try Support.analyse(text: Self.dump)
        #expect(article.captions.contains("Passengers at Portlund terminal. Photo: J. Okafor/NorPress"))
        #expect(article.captions.contains("Stranded passengers wait at the terminal on Friday"))
        #expect(article.credits.map(\.name) == ["NorPress", "NorPress"])
        #expect(article.credits.map(\.role) == [.text, .photo])
    }

    @Test(arguments: [
        ("(AFP, AP, Interfax)", ["AFP", "AP", "Interfax"]),
        ("sdi, rc/ (AFP, AP, Interfax)", ["AFP", "AP", "Interfax"]),
        ("Source: TASS", ["TASS"]),
        ("Quelle: dpa", ["dpa"]),
        ("(Keystone-SDA, ANA-MPA)", ["Keystone-SDA", "ANA-MPA"]),
    ])
    func recognisesWireCreditLines(line: String, agencies: [String]) {
        let signatures = Signatures(lexicon: .shipped)
        #expect(signatures.isCreditLine(line))
        #expect(signatures.agencies(in: line).map(\.name) == agencies)
    }

    @Test(arguments: ["The AP reported that the ferry was late.", "Japan's ap-style guide is a book."])
    func proseIsNotACreditLine(line: String) {
        #expect(!Signatures(lexicon: .shipped).isCreditLine(line))
    }

    @Test(arguments: [
        ("© dpa-infocom GmbH", "dpa-infocom"),
        ("Skip next section DW's Top Story", "DW"),
        ("- BBC News World", "BBC"),
    ])
    func findsOutletSignatures(line: String, outlet: String) {
        let signatures = Signatures(lexicon: .shipped)
        let found = signatures.outlet(inLine: line).map { Lexicon.shipped.outlet(named: $0)?.name ?? $0 }
        #expect(found == outlet)
    }

    /// Issue 2, seed 002: the headline printed again above the photo was filed as the photo's caption.
    @Test func aRepeatedHeadlineAboveAPictureIsNotItsCaption() throws {
        let article = try Support.analyse(text: """
            Harbour dispute: Ferry crews walk out
            Ferry crews walk out
            The terminal at Portlund on Friday morning. Photo: J. Okafor/NorPress
            Ferry crews walked out at dawn on Friday, halting every crossing between Portlund and the islands.
            """)
        #expect(article.title == "Harbour dispute: Ferry crews walk out")
        #expect(article.captions == ["The terminal at Portlund on Friday morning. Photo: J. Okafor/NorPress"])
    }
}
