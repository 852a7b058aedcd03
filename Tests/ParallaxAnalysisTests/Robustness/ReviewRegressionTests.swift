import Foundation
import Testing
import ParallaxModel
@testable import ParallaxAnalysis

/// Issue 2, code review: inputs that crashed, ran away or gave a reader wrong metadata.
@Suite struct ReviewRegressionTests {
    @Test func characterClustersThatLowerCasingChangesDoNotCrashOutletSignatures() throws {
        let line = String(repeating: "👨\u{200D}Ⓜ", count: 14) + "'s top story"
        _ = Signatures(lexicon: .shipped).outlet(inLine: line)
        _ = try Support.analyse(text: "\(line)\nA full sentence of ordinary news text follows here for the test.")
    }

    @Test func aSentenceThatMentionsAPhotoIsNotACaption() throws {
        let article = try Support.analyse(text: """
            Die Ermittler veröffentlichten am Dienstag ein Foto. Wer den Mann erkennt, soll sich bei der Polizei melden.
            """)
        #expect(article.captions.isEmpty)
        #expect(article.paragraphs.count == 1)
    }

    @Test(arguments: ["Kritik von Grünen und FDP", "Rescued by Coast Guard"])
    func subHeadingsWithByInThemAreNotBylines(heading: String) throws {
        let article = try Support.analyse(html: """
            <html><body><article><h1>Harbour news</h1>
            <p>The ferry service between the islands resumed on Friday after a long strike by its crews, officials said.</p>
            <h2>\(heading)</h2>
            <p>The union accepted the offer late on Thursday after eleven hours of talks with the operator and the city.</p>
            </article></body></html>
            """)
        #expect(article.byline == nil)
        #expect(article.paragraphs.contains(heading))
    }

    @Test func aBylineInABylineBoxIsRead() throws {
        let article = try Support.analyse(html: """
            <html><body><article><h1>Harbour news</h1><p class="byline">By Jane Doe</p>
            <p>The ferry service between the islands resumed on Friday after a long strike by its crews, officials said.</p>
            </article></body></html>
            """)
        #expect(article.byline == "Jane Doe")
    }

    @Test func englishWithSomeJapaneseIsReportedAsBoth() {
        let english = "The ferry service between the islands resumed on Friday after a long strike, officials said."
        let japanese = "フェリーの運航は金曜日に再開されたと当局が発表した。"
        let result = Support.pipeline.languages.identify(Array(repeating: english, count: 6)
            + Array(repeating: japanese, count: 4))
        #expect(Set(result.shares.map(\.code)) == ["en", "ja"])
        #expect(result.perParagraph.first == "en")
    }

    @Test func anEmptyLogoHeadingFallsBackToThePageTitle() throws {
        let article = try Support.analyse(html: """
            <html><head><title>Ferries run again after strike | Harbour Ledger</title></head><body>
            <h1><a href="/"><img src="logo.png"></a></h1><article>
            <p>The ferry service between the islands resumed on Friday after a long strike by its crews, officials said.</p>
            </article></body></html>
            """)
        #expect(article.title == "Ferries run again after strike")
    }

    @Test(arguments: [("Tue, 14 Mar 2031 10:00:00 GMT", "2031-03-14"), ("2031/03/14 10:15", "2031-03-14"),
                      ("2031-03-14T10:15:00+01:00", "2031-03-14T10:15:00+01:00")])
    func publicationDatesComeOutAsISO8601(given: String, iso: String) throws {
        var document = RawDocument(source: "r.json", format: .text,
                                   content: .string("A full sentence of ordinary news text for the test."))
        document.given.published = given
        #expect(try Support.pipeline.run(document).published == iso)
    }

    /// The quadratic version took 43 s on this input; `parallax bench` is where speed is measured.
    @Test func manyAbbreviationsInARowAreOneSentence() throws {
        let text = String(repeating: "Sen. ", count: 16_000) + "Smith spoke."
        #expect(ICUSentenceSegmenter().sentences(in: text, language: "en").count == 1)
    }

    @Test func anAbsurdTimeoutDoesNotOverflow() {
        let deadline = Deadline(seconds: 1e11)
        #expect(deadline.seconds == 86_400)
    }
}
