import Foundation
import Testing
import ParallaxModel
@testable import ParallaxAnalysis

/// Relative dates resolve against the publication date; when the page gives none, it is inferred from the text
/// and every date resting on it says so.
@Suite struct DateInferenceTests {
    @Test("a weekday with its date fixes the publication day, and 'on Monday' resolves from it")
    func weekdayAndDate() throws {
        let article = Support.read("The letters were published on Wednesday, February 23, 2022. On Monday, the "
            + "council had met.", language: "en")
        #expect(article.published == "2022-02-23")
        #expect(article.publishedInferred)
        let monday = try #require(article.dates.first { $0.text.contains("Monday") })
        #expect(monday.date == "2022-02-21")
        #expect(monday.inferred)
    }

    @Test("a date near the top moves on to a weekday just after it: 'dated Tuesday 22 February … published Wednesday'")
    func datedThenPublished() throws {
        let article = Support.read("Brevene var dateret tirsdag den 22. februar 2022 og offentliggjort onsdag.",
                                   language: "da")
        #expect(article.published == "2022-02-23")
        #expect(article.dates.first { $0.text.lowercased().hasPrefix("onsdag") }?.date == "2022-02-23")
    }

    @Test("a stated publication date is used as it is and nothing is marked inferred")
    func statedDate() {
        let article = Support.read("Rescuers reached the village on Sunday.", language: "en", published: "2031-03-11")
        #expect(!article.publishedInferred)
        #expect(article.dates.map(\.date) == ["2031-03-09"])
        #expect(article.dates.allSatisfy { !$0.inferred })
    }

    @Test("without any date in the text a weekday stays unresolved")
    func unresolved() {
        let article = Support.read("Officials met on Monday.", language: "en")
        #expect(article.published == nil)
        #expect(article.dates.map(\.date) == [nil])
    }

    @Test("a bare weekday is the past four days, else the coming one", arguments: [
        ("Saturday", "2031-03-08"), ("Thursday", "2031-03-06"), ("Tuesday", "2031-03-11"), ("Wednesday", "2031-03-12"),
    ])
    func bareWeekday(_ weekday: String, _ date: String) {
        // Published on Monday 10 March 2031.
        let article = Support.read("The pumps were checked on \(weekday).", language: "en", published: "2031-03-10")
        #expect(article.dates.first?.date == date)
    }
}
