import ArgumentParser
import Foundation
import ParallaxAnalysis
import ParallaxEval
import ParallaxModel

/// `parallax bench …`: speed reports, side by side with the tool a user would otherwise pick.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measure speed (a report, not a test).",
                                                    subcommands: [ExtractionCommand.self, ArticlesCommand.self, EmbedCommand.self,
                                                                  StoriesCommand.self, AnalyzeCommand.self, IngestCommand.self,
                                                                  FeedsCommand.self, ServeCommand.self])

    struct ExtractionCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "extraction",
                                                        abstract: "Pages/s and MB/s per core, beside trafilatura.")
        @OptionGroup var pages: ExtractionPages

        @Option(help: "Rounds to run; the best is reported.")
        var rounds = 3

        func run() throws {
            guard var pipeline = pages.prepare() else { return }
            pipeline.reading = nil  // extraction alone, like trafilatura's extract()
            print(try ExtractionBench.run(dataDirectory: pages.data, peerScript: pages.peerScript, pipeline: pipeline,
                                          rounds: max(1, rounds)))
        }
    }

    struct ArticlesCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "articles", abstract: "Articles/s per core for the whole per-article pipeline (no embeddings).")
        @Option(help: "Folder of articles (the bundled example corpus by default).")
        var corpus = "examples/corpus"

        @Option(help: "Folder with evaldata.json and html/ (the extraction eval pages).")
        var pages = "../shared/eval/extraction/trafilatura"

        @Option(help: "Rounds to run; the best is reported.")
        var rounds = 3

        func run() throws {
            let pipeline = ArticlePipeline.standard()
            for warning in pipeline.setupWarnings { Terminal.warn(warning) }
            var corpora: [ArticleBench.Corpus] = []
            if FileManager.default.fileExists(atPath: corpus) {
                let reader = DocumentReader()
                let docs = reader.files(in: [corpus]).files.flatMap(reader.documents)
                corpora.append(.init(name: corpus, documents: docs))
            }
            if FileManager.default.fileExists(atPath: pages + "/evaldata.json") {
                let docs = try ExtractionEval(dataDirectory: pages).pages().compactMap { page in
                    page.html.map { RawDocument(source: page.file, format: .html, content: .bytes($0)) }
                }
                corpora.append(.init(name: "extraction eval pages", documents: docs))
            } else {
                print("skipped: extraction eval pages not found at \(pages)")
            }
            print(ArticleBench.run(corpora, pipeline: pipeline, rounds: max(1, rounds)))
        }
    }

    struct EmbedCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "embed", abstract: "Sentence-embedding throughput (multilingual-e5-small) on a folder of articles.")
        @Argument(help: "Files or folders of articles.")
        var paths: [String] = ["examples/corpus", "../shared/seeds"]

        @Option(help: "Rounds to run; the best is reported.")
        var rounds = 2

        func run() throws {
            let embedder: E5Embedder
            switch E5Embedder.load(dataDirectory: DataDirectory.locate()) {
            case .success(let e): embedder = e
            case .failure(let why):
                print("skipped: \(why.reason)")
                return
            }
            var pipeline = ArticlePipeline.standard()
            pipeline.reading = nil
            let reader = DocumentReader()
            let files = reader.files(in: paths.filter { FileManager.default.fileExists(atPath: $0) }).files
            let articles = files.flatMap(reader.documents).compactMap { try? pipeline.run($0) }
            print(EmbeddingBench.run(articles, embedder: embedder, rounds: max(1, rounds)))
        }
    }

    struct StoriesCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stories",
            abstract: "Story clustering end to end with embeddings (BASIL's 300 articles), and how it scales.")
        @Option(help: "Folder with basil/ (the example corpus is used when it is absent).")
        var data = "../shared/eval/stories"

        func run() throws {
            let (stories, corpus) = benchCorpus(data)
            print(StoryBench.run(name: corpus.name, stories: stories, read: corpus.read))
        }
    }

    struct AnalyzeCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "analyze",
            abstract: "analyze end to end with embeddings (BASIL's 300 articles), and the cost of a growing story.")
        @Option(help: "Folder with basil/ (the example corpus is used when it is absent).")
        var data = "../shared/eval/stories"

        func run() throws {
            let (stories, corpus) = benchCorpus(data)
            print(DossierBench.run(name: corpus.name, stories: stories, read: corpus.read))
        }
    }
}

extension Bench {
    struct IngestCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ingest",
            abstract: "The store: a fresh ingest (BASIL's 300 articles), adding one article as the store grows, a growing story.")
        @Option(help: "Folder with basil/ (the example corpus is used when it is absent).")
        var data = "../shared/eval/stories"

        @Option(parsing: .upToNextOption, help: "Store sizes to add one article to.")
        var sizes: [Int] = [1000, 10_000, 50_000]

        @Option(parsing: .upToNextOption, help: "Story sizes to add one report to.")
        var storySizes: [Int] = [10, 100, 500]

        @Option(help: "Use only the first N documents for the fresh ingest (0: all).")
        var limit = 0

        func run() throws {
            let (reader, stories) = Pipelines.standard()
            let documents = ingestDocuments(data)
            var options = IngestBench.Options()
            options.sizes = sizes
            options.storySizes = storySizes
            print(try IngestBench.run(name: FileManager.default.fileExists(atPath: data + "/basil") ? "BASIL" : "examples/corpus",
                                      documents: documents, fresh: limit > 0 ? limit : nil, articles: reader,
                                      stories: stories, options: options,
                                      log: { Terminal.note($0) }))
        }
    }
}

/// The documents `bench ingest` stores: BASIL's articles as records (title, date, outlet, text), or the example
/// corpus when BASIL is absent.
private func ingestDocuments(_ data: String) -> [RawDocument] {
    let basil = data + "/basil"
    if let items = try? StoryEval.basilRecords(basil), !items.isEmpty { return items }
    print("BASIL not found at \(basil): measuring on examples/corpus")
    let reader = DocumentReader()
    return reader.files(in: ["examples/corpus"]).files.flatMap(reader.documents)
}

/// The story pipeline and the corpus the story benchmarks read: BASIL's 300 articles, or the example corpus when
/// BASIL is absent.
private func benchCorpus(_ data: String) -> (StoryPipeline, (name: String, read: () -> [Article])) {
    let (reader, stories) = Pipelines.standard()
    let basil = data + "/basil"
    if FileManager.default.fileExists(atPath: basil + "/articles") {
        return (stories, ("BASIL", { (try? StoryEval.basil(basil, reader: reader).map(\.article)) ?? [] }))
    }
    print("BASIL not found at \(basil): measuring on examples/corpus")
    let batch = Batch(pipeline: reader)
    let files = batch.reader.files(in: ["examples/corpus"]).files
    return (stories, ("examples/corpus", {
        files.flatMap(batch.analyse).compactMap { outcome -> Article? in
            if case .article(let a) = outcome { return a } else { return nil }
        }
    }))
}

extension Bench {
    struct FeedsCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "feeds",
            abstract: "The poller on loopback: feeds and items per minute, its own share beside analysis, a 304-only second poll.")

        @Option(help: "Feeds to serve.")
        var feeds = 500

        @Option(help: "Items per feed (each a page to fetch and analyse).")
        var items = 2

        @Option(help: "Requests in flight at once.")
        var concurrency = 8

        @Option(help: "Folder of HTML pages to serve as the items' pages (the extraction eval's pages by default).")
        var pages = "../shared/eval/extraction/trafilatura/html"

        @Flag(help: "Store without multilingual-e5 embeddings (the poller's own cost shows more clearly).")
        var withoutEmbeddings = false

        func run() async throws {
            var source = pages
            let reader = DocumentReader()
            var files = reader.files(in: [pages]).files
            if files.isEmpty {
                print("skipped: pages not found at \(pages): serving examples/corpus instead")
                source = "examples/corpus"
                files = reader.files(in: ["examples/corpus"]).files
            }
            // Pages as they are read (a .html.gz unpacked), each served as HTML.
            let served = files.flatMap(reader.documents).compactMap { document -> (String, [UInt8])? in
                guard case .bytes(let bytes) = document.content else { return nil }
                return (document.source, bytes)
            }
            var (articles, stories) = Pipelines.standard()
            if withoutEmbeddings { stories.embeddings = nil; stories.background = nil }
            var options = FeedBench.Options()
            options.feeds = max(1, feeds)
            options.items = max(1, items)
            options.concurrency = max(1, concurrency)
            print(try await FeedBench.run(pages: served, pagesSource: source, options: options, articles: articles,
                                          stories: stories, log: { Terminal.note($0) }))
        }
    }
}

extension Bench {
    struct ServeCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "The server under wrk on loopback over a store of 10k articles: requests/s and latency percentiles.")

        @Option(help: "Articles in the store (copies of the example corpus or BASIL, with synthetic vectors).")
        var articles = 10_000

        @Option(help: "Seconds of load per route.")
        var seconds = 10

        @Option(help: "Connections wrk keeps open.")
        var connections = 32

        @Option(help: "Folder with basil/ (the example corpus is used when it is absent).")
        var data = "../shared/eval/stories"

        func run() async throws {
            // Dossiers made without the model: 10k articles' claims embedded would take hours, and the server only
            // reads what the store holds.
            var (articles, stories) = Pipelines.standard()
            stories.embeddings = nil
            stories.background = nil
            let batch = Batch(pipeline: articles)
            let analysed = ingestDocuments(data).map(batch.analyse).compactMap { outcome -> Article? in
                if case .article(let a) = outcome { return a } else { return nil }
            }
            var options = ServeBench.Options()
            options.articles = max(1, self.articles)
            options.seconds = max(1, seconds)
            options.connections = max(1, connections)
            print(try await ServeBench.run(base: analysed, articles: articles, stories: stories, options: options,
                                           log: { Terminal.note($0) }))
        }
    }
}
