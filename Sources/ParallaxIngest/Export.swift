import ParallaxAnalysis
import ParallaxModel
import ParallaxReport
import ParallaxStore

/// A store's stories as one document: what `parallax export` writes, and `parallax analyze` for a folder (the
/// same JSON either way).
public enum Export {
    /// Every story with its dossier, in order of id, and the articles the dossiers read.
    public static func document(_ store: any Store, failures: [String] = [], warnings: [String] = [],
                                since: String? = nil) throws -> (document: StoryRendering.Document, articles: [Article]) {
        let ids = try store.stories(since: since).compactMap { StoryName.id($0.id) }.sorted()
        var stories: [Story] = []
        var articles: [Article] = []
        for id in ids {
            guard let (story, members) = try store.story(id) else { continue }
            stories.append(story)
            articles += members
        }
        return (StoryRendering.Document(stories: stories, articles: try store.stats().articles, failures: failures,
                                        warnings: warnings), articles)
    }
}
