import Testing
@testable import ParallaxEval

/// The eval's scoring must follow trafilatura's snippet method exactly, or the comparison means nothing.
@Suite struct ExtractionScoringTests {
    let page = ExtractionEval.Page(file: "p.html", with: ["first  body\nsentence", "missing part"],
                                   without: ["Impressum", "Share this"], html: nil)

    @Test func countsSnippetsAfterCollapsingWhitespace() {
        let s = ExtractionEval.score("Title\nfirst body sentence here. Impressum", page: page)
        #expect((s.tp, s.fn, s.fp, s.tn) == (1, 1, 1, 1))
        #expect(s.precision == 0.5)
        #expect(s.recall == 0.5)
        #expect(s.f1 == 0.5)
    }

    @Test func matchingIsCaseSensitiveAsUpstream() {
        let s = ExtractionEval.score("FIRST BODY SENTENCE", page: page)
        #expect(s.tp == 0)
    }

    @Test func emptyOutputFindsNothing() {
        let s = ExtractionEval.score("", page: page)
        #expect((s.tp, s.fn, s.fp, s.tn) == (0, 2, 0, 2))
        #expect(s.f1 == 0)
    }

    @Test func scoresAddUp() {
        var total = ExtractionEval.Score()
        total.add(ExtractionEval.score("first body sentence", page: page))
        total.add(ExtractionEval.score("missing part Share this", page: page))
        #expect((total.tp, total.fn, total.fp, total.tn) == (2, 2, 1, 3))
    }
}

@Suite struct ReportFormattingTests {
    @Test func tablesAlignColumns() {
        var table = TextTable(["language", "F1"])
        table.add(["en", "0.912"])
        table.add(["all", "1.000"])
        let lines = table.render().split(separator: "\n")
        #expect(lines.count == 4)
        #expect(Set(lines.map(\.count)).count == 1)
    }

    @Test(arguments: [("no", "nb", true), ("nb", "nb", true), ("da", "nb", false), ("zh-Hant", "zh", true)])
    func langidCodesCompareAsTheSameLanguage(guess: String, gold: String, same: Bool) {
        #expect(LangidReport.same(guess, gold) == same)
    }
}
