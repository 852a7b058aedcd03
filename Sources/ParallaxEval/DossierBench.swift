import Foundation
import ParallaxAnalysis
import ParallaxModel

/// `parallax bench analyze`: the whole of `analyze` end to end (reading, grouping into stories, the dossier of
/// every story) with embeddings computed afresh, then how the time to add one article to a story's dossier grows
/// with the story's size.
public enum DossierBench {
    /// `read` produces the articles (and is timed as the reading step).
    public static func run(name: String, stories: StoryPipeline, read readArticles: () -> [Article]) -> String {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var read: [Article] = []
        let readSeconds = Timing.seconds { read = readArticles() }
        let fresh = stories.withEmptyCache()
        var grouped: [Story] = []
        let groupSeconds = Timing.seconds { grouped = fresh.run(read) }
        var dossiers: [Story] = []
        let dossierSeconds = Timing.seconds { dossiers = grouped.map { fresh.dossier($0, articles: read) } }
        let total = readSeconds + groupSeconds + dossierSeconds
        var table = TextTable(["corpus", "articles", "stories", "claims", "reading s", "stories s", "dossiers s",
                               "articles/s end to end (\(cores) cores)"])
        table.add([name, "\(read.count)", "\(grouped.count)", "\(dossiers.reduce(0) { $0 + $1.claims.count })",
                   decimal(readSeconds, 1), decimal(groupSeconds, 1), decimal(dossierSeconds, 1),
                   decimal(Double(read.count) / total, 1)])
        var lines = ["analyze end to end — " + (stories.embeddings == nil ? "WITHOUT embeddings"
                                                : "multilingual-e5-small, vectors computed afresh"), "", table.render(), ""]
        lines += growth(read, stories: fresh)
        return lines.joined(separator: "\n")
    }

    /// The dossier of one story of n articles, for growing n, with sentence vectors already cached (as they are
    /// for the articles already in a story): what adding the n-th article costs is the difference.
    static func growth(_ articles: [Article], stories: StoryPipeline) -> [String] {
        let sizes = [2, 5, 10, 20, 40, 80].filter { $0 <= articles.count }
        guard !sizes.isEmpty else { return ["growth: too few articles"] }
        let members = Array(articles.prefix(sizes.last!))
        _ = stories.dossier(Story(id: "s1", title: "bench", members: members), articles: members)  // fills the vector cache
        var table = TextTable(["articles in the story", "claim sentences", "ms per dossier", "ms per added article"])
        var previous: (size: Int, ms: Double)?
        for n in sizes {
            let subset = Array(members.prefix(n))
            let story = Story(id: "s1", title: "bench", members: subset)
            var result = story
            let seconds = Timing.seconds { result = stories.dossier(story, articles: subset) }
            let ms = seconds * 1000
            let added = previous.map { decimal((ms - $0.ms) / Double(n - $0.size), 1) } ?? "—"
            table.add(["\(n)", "\(result.claims.reduce(0) { $0 + $1.variants.count })", decimal(ms, 0), added])
            previous = (n, ms)
        }
        return ["Growth — one story of n reports (BASIL articles taken as one story, sentence vectors cached); the "
                    + "dossier is recomputed when an article joins:", "", table.render()]
    }
}
