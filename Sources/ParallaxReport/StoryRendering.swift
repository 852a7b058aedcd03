import Foundation
import ParallaxModel

/// Renders stories for people (a terminal summary) and programs (`{"stories": […]}` with snake_case keys).
public enum StoryRendering {
    /// The JSON document `parallax analyze --format json` writes.
    public struct Document: Codable, Sendable {
        public var stories: [Story]
        /// How many articles were analysed, and which inputs failed (with the reason).
        public var articles: Int
        public var failures: [String]
        public var warnings: [String]

        public init(stories: [Story], articles: Int, failures: [String], warnings: [String]) {
            self.stories = stories
            self.articles = articles
            self.failures = failures
            self.warnings = warnings
        }

        /// One stored story's dossier, as `parallax story` and the server give it.
        public init(story: Story, articles: Int) {
            self.init(stories: [story], articles: articles, failures: [], warnings: [])
        }
    }

    public static func json(_ document: Document) -> String {
        let data = (try? ArticleRendering.encoder(pretty: true).encode(document)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// One block per story: its title, the counts a reader asks for first, the members and who reused whom.
    public static func text(_ stories: [Story]) -> String {
        stories.map(text).joined(separator: "\n\n")
    }

    static func text(_ story: Story) -> String {
        let outlets = Set(story.articles.map { $0.outlet ?? $0.source }).count
        let languages = Set(story.articles.flatMap(\.languages)).sorted()
        var lines = ["━━ \(story.id)  \(story.title)"]
        lines.append("   \(StoryDossier.count(story.articles.count, "article")), \(StoryDossier.count(outlets, "outlet")), "
            + "\(StoryDossier.count(story.origins.count, "independent origin")); languages \(languages.joined(separator: ", "))")
        for a in story.articles {
            // "~": dated from the story, the page gives no date.
            let guessed = a.flags.contains { $0.kind == "dated-from-story" }
            let date = a.published.map { (guessed ? "~" : "") + String($0.prefix(10)) } ?? "—"
            let outlet = (a.outlet ?? "—").padding(toLength: 26, withPad: " ", startingAt: 0)
            lines.append("   \(date.padding(toLength: 11, withPad: " ", startingAt: 0)) \(outlet) "
                + "\((a.languages.isEmpty ? "?" : a.languages.joined(separator: "+")).padding(toLength: 5, withPad: " ", startingAt: 0)) "
                + a.shownTitle)
        }
        let name = Dictionary(story.articles.map { ($0.source, $0.outletName) }, uniquingKeysWith: { a, _ in a })
        for edge in story.provenance {
            let arrow = edge.directed ? "→" : "↔"
            lines.append("   \(edge.relation.rawValue): \(name[edge.from] ?? edge.from) \(arrow) "
                + "\(name[edge.to] ?? edge.to)  (\(edge.evidence))")
        }
        lines += dossierText(story)
        return lines.joined(separator: "\n")
    }


}
