import Testing
import ParallaxModel
@testable import ParallaxAnalysis

/// Undated reports of a story are read again as of the story's earliest dated report.
@Suite struct StoryDatingTests {
    static let reader = Support.pipeline

    static func story(_ articles: [Article]) -> Story {
        Story(id: "s1", title: "t", members: articles)
    }

    @Test("an undated report's “on Monday” resolves against the story's earliest date, marked inferred and flagged")
    func undatedReportIsDatedFromItsStory() throws {
        let dated = Self.reader.read(plainText: "Dockworkers walked out in Brennholm on Friday.", source: "a",
                                     language: "en", published: "2031-05-16")
        let undated = Self.reader.read(plainText: "The strike began on Wednesday, the union said.", source: "b",
                                       language: "en")
        #expect(undated.published == nil && undated.dates.first?.date == nil)
        let (story, redated) = StoryDating.date(Self.story([dated, undated]), articles: [dated, undated],
                                                reader: Self.reader)
        let b = try #require(redated.first)
        #expect(redated.map(\.source) == ["b"], "the dated report is left alone")
        #expect(b.published == "2031-05-16" && b.publishedInferred)
        #expect(b.dates.first?.date == "2031-05-14" && b.dates.first?.inferred == true, "\(b.dates)")
        #expect(story.articles[1].flags.map(\.kind) == ["dated-from-story"])
        #expect(story.articles[0].flags.isEmpty)
    }

    @Test("a story with no dated report, or none undated, is left as it is")
    func nothingToDate() {
        let a = Self.reader.read(plainText: "The strike began on Wednesday.", source: "a", language: "en")
        #expect(StoryDating.date(Self.story([a]), articles: [a], reader: Self.reader).1.isEmpty)
        let b = Self.reader.read(plainText: "The strike began on Wednesday.", source: "b", language: "en",
                                 published: "2031-05-16")
        #expect(StoryDating.date(Self.story([b]), articles: [b], reader: Self.reader).1.isEmpty)
    }
}
