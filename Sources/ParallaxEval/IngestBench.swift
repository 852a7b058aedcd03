import Foundation
import ParallaxAnalysis
import ParallaxIngest
import ParallaxModel
import ParallaxSQLite
import ParallaxStore

/// `parallax bench ingest`: the store as a newsroom would use it. 1. A fresh ingest of a folder (records written
/// at run time from the eval corpus) into a new SQLite store with embeddings computed afresh; 2. the time to add
/// one article (its analysis, embedding, placement and its story's dossier) as the store grows to 1k, 10k and
/// 50k articles (filled with copies of the corpus's analysed articles at 1,000 a day, with synthetic vectors
/// around 2,000 topics); 3. the dossier update when a story of 10, 100 and 500 reports receives one more;
/// database size per article and peak memory.
public enum IngestBench {
    public struct Options: Sendable {
        public var sizes = [1000, 10_000, 50_000]
        public var storySizes = [10, 100, 500]
        public var adds = 10
        public init() {}
    }

    public static func run(name: String, documents: [RawDocument], fresh freshCount: Int? = nil,
                           articles: ArticlePipeline, stories: StoryPipeline,
                           options: Options = Options(), log: (String) -> Void = { _ in }) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parallax-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var lines = ["ingest — SQLite store, " + (stories.embeddings == nil ? "WITHOUT embeddings"
                                                   : "multilingual-e5-small, vectors computed afresh"), ""]
        log("fresh ingest of \(freshCount ?? documents.count) documents")
        let (fresh, _) = try freshIngest(name, Array(documents.prefix(freshCount ?? documents.count)), articles: articles,
                                         stories: stories.withEmptyCache(), folder: folder)
        lines += [fresh, ""]
        let analysed = Batch(pipeline: articles).run(documents: documents).compactMap { outcome -> Article? in
            if case .article(let a) = outcome { return a } else { return nil }
        }
        let held = Array(documents.suffix(options.adds))
        lines += try scaling(analysed, adds: held, articles: articles, stories: stories, options: options,
                             folder: folder, log: log) + [""]
        lines += try storyGrowth(analysed, articles: articles, stories: stories, sizes: options.storySizes,
                                 folder: folder, log: log) + [""]
        lines.append("peak RSS \(PeakMemory.megabytes()) MB")
        return lines.joined(separator: "\n")
    }

    /// 1. The documents as JSON records in a folder, ingested into a new store.
    static func freshIngest(_ name: String, _ documents: [RawDocument], articles: ArticlePipeline,
                            stories: StoryPipeline, folder: URL) throws -> (String, [Article]) {
        let input = folder.appendingPathComponent("fresh.jsonl")
        let records = try documents.map { d -> String in
            var record: [String: String] = ["title": d.given.title ?? "", "outlet": d.given.outlet ?? ""]
            if case .string(let text) = d.content { record["text"] = text }
            if let p = d.given.published { record["published"] = p }
            if let u = d.given.url { record["url"] = u }
            return String(decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self)
        }
        try records.joined(separator: "\n").write(to: input, atomically: true, encoding: .utf8)
        let store = try SQLiteStore(path: folder.appendingPathComponent("fresh.db").path)
        let ingestor = Ingestor(articles: articles, stories: stories, store: store)
        let seconds = try Timing.throwing { _ = try ingestor.ingest(paths: [input.path]) }
        let stats = try store.stats()
        var table = TextTable(["corpus", "documents", "stored", "stories", "seconds", "articles/s end to end",
                               "KB per article"])
        table.add([name, "\(documents.count)", "\(stats.articles)", "\(stats.stories)", decimal(seconds, 1),
                   decimal(Double(stats.articles) / seconds, 2),
                   decimal(Double(stats.bytes ?? 0) / 1024 / Double(max(1, stats.articles)), 0)])
        let analysed = try (1...max(1, stats.articles)).compactMap { try store.article(id: $0)?.article }
        return ("1. Fresh ingest of a folder (reading, analysis, embeddings, stories, dossiers):\n\n" + table.render(),
                analysed)
    }

    /// 2. Adding one article to stores of growing size.
    static func scaling(_ base: [Article], adds: [RawDocument], articles: ArticlePipeline, stories: StoryPipeline,
                        options: Options, folder: URL, log: (String) -> Void) throws -> [String] {
        guard !base.isEmpty else { return ["2. scaling: no articles"] }
        let store = try SQLiteStore(path: folder.appendingPathComponent("scale.db").path)
        var ingestor = Ingestor(articles: articles, stories: stories, store: store)
        ingestor.chunkSize = 1000
        var filler = Filler(base: base, stories: stories)
        var table = TextTable(["articles in store", "stories", "fill s (articles/s)", "ms to add one (median)",
                               "of which its dossier", "KB per article"])
        var stored = 0
        for size in options.sizes {
            let before = stored
            log("filling the store to \(size) articles")
            let fillSeconds = try Timing.throwing {
                while stored < size {
                    let n = min(1000, size - stored)
                    _ = try ingestor.place(filler.next(n))
                    stored += n
                }
            }
            var totals: [Double] = [], dossiers: [Double] = []
            for (k, document) in adds.enumerated() {
                var d = document
                d.source = "added/\(size)/\(k)"
                d.given.url = nil
                d.given.title = (d.given.title ?? "") + " (\(size)/\(k))"
                d.given.published = filler.day(of: stored)
                var report = Ingestor.Report()
                var dossier = 0.0
                let total = try Timing.throwing {
                    try ingestor.ingest(documents: [d], into: &report)
                    if let id = report.added.first, let story = try store.article(id: id)?.story {
                        dossier = try Timing.throwing { try ingestor.refresh(story: story) }
                    }
                }
                totals.append(total * 1000)
                dossiers.append(dossier * 1000)
            }
            let stats = try store.stats()
            table.add(["\(stats.articles)", "\(stats.stories)",
                       "\(decimal(fillSeconds, 0)) (\(decimal(Double(size - before) / max(fillSeconds, 1e-9), 0)))",
                       decimal(median(totals), 0), decimal(median(dossiers), 0),
                       decimal(Double(stats.bytes ?? 0) / 1024 / Double(max(1, stats.articles)), 0)])
        }
        return ["2. Adding one article as the store grows (\(adds.count) articles added at each size, each analysed, "
                    + "embedded, placed and its story's dossier recomputed; the store filled with copies of the "
                    + "corpus's articles at 1,000 a day with synthetic vectors):", "", table.render()]
    }

    /// 3. The dossier update when a story of n reports receives one more: the story is brought up to date with
    /// n − 1 reports, the n-th joins and its dossier is updated (the process has the members decoded, as a server
    /// or poller has), then an (n+1)-th joins and a new process updates it (nothing decoded yet).
    static func storyGrowth(_ base: [Article], articles: ArticlePipeline, stories: StoryPipeline, sizes: [Int],
                            folder: URL, log: (String) -> Void) throws -> [String] {
        guard let largest = sizes.max(), !base.isEmpty else { return [] }
        let path = folder.appendingPathComponent("growth.db").path
        let store = try SQLiteStore(path: path)
        let ingestor = Ingestor(articles: articles, stories: stories, store: store)
        var filler = Filler(base: base, stories: stories)
        let members = filler.next(largest + 1, sameDay: true)
        var story: Int?
        var inserted = 0
        func insert(upTo n: Int) throws {
            while inserted < n {
                var clusterer = StoryClusterer()
                clusterer.add(stories.profiler.profile(members[inserted].article), embedding: nil)
                story = try store.insert(members[inserted], joining: StoryPlacement(
                    id: story, cluster: clusterer.clusters[0], features: [])).story
                inserted += 1
            }
        }
        var table = TextTable(["reports in the story", "claims", "ms to embed the new report's sentences",
                               "ms, process with members decoded", "load", "vectors", "provenance", "dossier", "save",
                               "ms, new process"])
        for n in sizes.sorted() {
            log("story of \(n - 1): bringing its dossier up to date")
            try insert(upTo: n - 1)
            try ingestor.refresh(story: story!)
            // The new report's own sentences are embedded first (its own analysis, on both cores), so that the
            // columns show the work on the story.
            let own = embed(members[n - 1].article, stories)
            try insert(upTo: n)
            let warm = try ingestor.refresh(story: story!)
            _ = embed(members[n].article, stories)
            try insert(upTo: n + 1)
            let cold = try Ingestor(articles: articles, stories: stories, store: try SQLiteStore(path: path))
                .refresh(story: story!)
            let claims = try store.story(story!)?.story.claims.count ?? 0
            table.add(["\(n)", "\(claims)", decimal(own * 1000, 0), decimal(warm.total * 1000, 0)]
                      + [warm.load, warm.vectors, warm.provenance, warm.dossier, warm.save].map { decimal($0 * 1000, 0) }
                      + [decimal(cold.total * 1000, 0)])
        }
        return ["3. A growing story (copies of the corpus's articles as one story): the dossier updated when one "
                    + "report joins, phase by phase:", "", table.render()]
    }

    /// Seconds to embed an article's sentences (none without the model).
    static func embed(_ article: Article, _ stories: StoryPipeline) -> Double {
        Timing.seconds { _ = stories.embeddings?.embed(StoryPipeline.embeddedSentences(article)) }
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.isEmpty ? 0 : s[s.count / 2]
    }
}

/// Copies of analysed articles with new identities and dates (1,000 a day), and synthetic vectors around 2,000
/// topics put in the embedding cache so that filling a large store costs no model time.
struct Filler {
    var base: [Article]
    var stories: StoryPipeline
    var made = 0
    var random = SeededRandom(seed: 11)
    let centres: [[Float]]
    static let start = 22_000.0  // 2030-03-26, days since 1970

    init(base: [Article], stories: StoryPipeline) {
        self.base = base
        self.stories = stories
        var random = SeededRandom(seed: 5)
        func noise() -> Float { Float(random.next() % 10_000) / 10_000 - 0.5 }
        centres = (0..<2000).map { _ in Filler.unit((0..<384).map { _ in noise() }) }
    }

    static func unit(_ v: [Float]) -> [Float] {
        let n = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return v.map { $0 / max(n, 1e-9) }
    }

    func day(of n: Int) -> String {
        let date = Date(timeIntervalSince1970: (Filler.start + Double(n) / 1000) * 86_400)
        return String(ISO8601DateFormatter().string(from: date).prefix(19)) + "Z"
    }

    mutating func next(_ count: Int, sameDay: Bool = false) -> [NewArticle] {
        (0..<count).map { _ in
            var a = base[made % base.count]
            a.source = "synthetic/\(made)"
            a.title = (a.title ?? "") + " #\(made)"
            a.published = day(of: sameDay ? 0 : made)
            a.dates = []
            a.url = nil
            if let cache = stories.embeddings {
                let topic = Int(random.next() % UInt64(centres.count))
                let noise = (0..<384).map { _ in Float(random.next() % 10_000) / 10_000 - 0.5 }
                let passage = stories.profiler.profile(a).passage
                cache.preload([EmbeddingCache.key(passage): Filler.unit(zip(centres[topic], noise).map { $0 + 0.6 * $1 })])
            }
            var document = RawDocument(source: a.source, format: .text, content: .string(a.text))
            document.fromRecord = true
            made += 1
            return NewArticle(article: a, document: StoredDocument(document), contentHash: "synthetic-\(made)",
                              url: nil, member: nil)
        }
    }
}

/// Peak resident memory of this process (VmHWM).
enum PeakMemory {
    static func megabytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb / 1024
    }
}
