import ParallaxModel

/// Dates a story's undated reports from the story: a page that states no date and gives none in its text is read
/// again as of the day of the story's earliest dated report, so that its "on Monday" lands on the timeline. The
/// report is flagged, and its dates are marked inferred.
public enum StoryDating {
    /// The story with its undated members dated, and those members read again (the others are not returned).
    public static func date(_ story: Story, articles: [Article], reader: ArticlePipeline) -> (Story, [Article]) {
        let bySource = Dictionary(articles.map { ($0.source, $0) }, uniquingKeysWith: { a, _ in a })
        let days = story.articles.compactMap { $0.published.map { String($0.prefix(10)) } }
            .filter { CivilDate(iso: $0) != nil }
        guard let day = days.min(), days.count < story.articles.count else { return (story, []) }
        var story = story
        var redated: [Article] = []
        for i in story.articles.indices where story.articles[i].published == nil {
            guard var a = bySource[story.articles[i].source] else { continue }
            a.published = day
            a.publishedInferred = true
            reader.reading?.read(&a)
            redated.append(a)
            story.articles[i].published = day
            story.articles[i].flags.append(ArticleFlag(
                kind: "dated-from-story", evidence: "the page gives no date: read as of \(day), the day of the "
                    + "story's earliest dated report"))
        }
        return (story, redated)
    }
}
