import Dispatch
import Foundation
import ParallaxAnalysis
import ParallaxModel

/// `parallax bench stories`: end-to-end story clustering speed with embeddings on all cores (reading, embedding,
/// centring, clustering, provenance), then how the clusterer scales — memory per 10,000 active articles and the
/// time to add one article as the corpus grows (it must level off once the time window is full).
public enum StoryBench {
    /// `read` produces the articles (and is timed as the reading step).
    public static func run(name: String, stories: StoryPipeline, read readArticles: () -> [Article]) -> String {
        var lines: [String] = []
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var table = TextTable(["corpus", "articles", "stories", "reading s", "embedding + clustering s",
                               "articles/s end to end (\(cores) cores)"])
        var result: [Story] = []
        var read: [Article] = []
        let readSeconds = Timing.seconds { read = readArticles() }
        let fresh = stories.withEmptyCache()
        let clusterSeconds = Timing.seconds { result = fresh.run(read) }
        table.add([name, "\(read.count)", "\(result.count)", decimal(readSeconds, 1), decimal(clusterSeconds, 1),
                   decimal(Double(read.count) / (readSeconds + clusterSeconds), 1)])
        lines += ["Story clustering speed — " + (stories.embeddings == nil ? "WITHOUT embeddings"
                                                : "multilingual-e5-small, vectors computed afresh"), "", table.render(), ""]
        lines += scaling(read)
        return lines.joined(separator: "\n")
    }

    /// Streams 40,000 synthetic members (384-dimensional vectors around 2,000 topics, features drawn from the
    /// real articles' profiles) at 1,000 articles a day through the clusterer, timing each block of 5,000.
    static func scaling(_ articles: [Article]) -> [String] {
        var random = SeededRandom(seed: 7)
        let profiler = StoryProfiler(stopwords: Stoplists(words: [:]))
        let profiles = articles.map(profiler.profile)
        guard !profiles.isEmpty else { return ["scaling: no articles"] }
        let dimension = 384, topics = 2000
        func unit(_ v: [Float]) -> [Float] {
            let n = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return v.map { $0 / n }
        }
        func noise() -> Float { Float(random.next() % 10_000) / 10_000 - 0.5 }
        let centres = (0..<topics).map { _ in unit((0..<dimension).map { _ in noise() }) }
        var clusterer = StoryClusterer()
        var table = TextTable(["articles added", "open stories", "articles in them", "µs per article (this block)",
                               "MB held by open stories", "MB per 10k open articles"])
        var added = 0
        for _ in 0..<8 {
            let seconds = Timing.seconds {
                for _ in 0..<5000 {
                    let topic = Int(random.next() % UInt64(topics))
                    var profile = profiles[added % profiles.count]
                    profile.source = "synthetic/\(added)"
                    profile.time = Double(added) / 1000
                    let vector = unit(centres[topic].map { $0 + 0.6 * noise() })
                    clusterer.add(profile, embedding: vector)
                    added += 1
                }
            }
            let footprint = clusterer.activeFootprint
            let megabytes = Double(footprint.bytes) / 1_048_576
            table.add(["\(added)", "\(clusterer.activeCount)", "\(footprint.articles)", decimal(seconds / 5000 * 1e6, 0),
                       decimal(megabytes, 1), decimal(megabytes / Double(max(1, footprint.articles)) * 10_000, 1)])
        }
        let window = clusterer.configuration.windowDays
        return ["Scaling — 1,000 articles a day; stories close \(Int(2 * window)) days after their last article, so about "
                    + "\(Int(2 * window * 1000)) articles stay active:", "", table.render()]
    }
}
