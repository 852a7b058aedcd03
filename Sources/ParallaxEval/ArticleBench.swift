import Dispatch
import Foundation
import ParallaxAnalysis
import ParallaxModel

/// `parallax bench articles`: articles/s per core for the whole per-article pipeline (decode → extraction →
/// languages → sentences → dates, figures, mentions, claims; no embeddings), on the example corpus and on the
/// extraction eval pages, with the reading stages alone timed apart.
public enum ArticleBench {
    public struct Corpus: Sendable {
        public var name: String
        public var documents: [RawDocument]
        public init(name: String, documents: [RawDocument]) {
            self.name = name
            self.documents = documents
        }
    }

    public static func run(_ corpora: [Corpus], pipeline: ArticlePipeline, rounds: Int) -> String {
        var table = TextTable(["corpus", "articles", "articles/s (1 core)", "reading only (1 core)", "ms/article",
                               "articles/s (\(ProcessInfo.processInfo.activeProcessorCount) cores)", "claims", "figures",
                               "mentions"])
        var extractionOnly = pipeline
        extractionOnly.reading = nil
        for corpus in corpora where !corpus.documents.isEmpty {
            let docs = corpus.documents
            var articles: [Article] = []
            let best = Timing.best(of: rounds) { articles = docs.compactMap { try? pipeline.run($0) } }
            // The reading stages alone, on articles extracted beforehand.
            let extracted = docs.compactMap { try? extractionOnly.run($0) }
            var copies = extracted
            let readingBest = Timing.best(of: rounds) {
                copies = extracted
                for k in copies.indices { pipeline.reading?.read(&copies[k]) }
            }
            let parallel = Timing.seconds {
                DispatchQueue.concurrentPerform(iterations: docs.count) { i in _ = try? pipeline.run(docs[i]) }
            }
            let n = Double(docs.count)
            table.add([corpus.name, "\(docs.count)", decimal(n / best, 1), decimal(Double(extracted.count) / readingBest, 1),
                       decimal(1000 * best / n, 2), decimal(n / parallel, 1),
                       "\(articles.reduce(0) { $0 + $1.claims.count })", "\(articles.reduce(0) { $0 + $1.figures.count })",
                       "\(articles.reduce(0) { $0 + $1.mentions.count })"])
        }
        return [
            "Per-article speed — best of \(rounds) rounds; target ≥ 300 articles/s per core (issue \"Who said what\").",
            "articles/s: the whole per-article pipeline from bytes. reading only: dates, figures, mentions and claims on",
            "articles already extracted (the part this stage adds). Loading the gazetteer once per process is not counted.",
            "",
            table.render(),
        ].joined(separator: "\n")
    }
}
