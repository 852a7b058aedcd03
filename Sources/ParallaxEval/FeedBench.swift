import Foundation
import ParallaxAnalysis
import ParallaxFeeds
import ParallaxIngest
import ParallaxSQLite
import ParallaxStore

/// `parallax bench feeds`: the poller on loopback. A server in the process serves `feeds` feeds (RSS 2.0, Atom and
/// JSON Feed in turn), each with `items` items whose pages are real news pages read at run time (each page's bytes
/// made unique with a comment, so every item is a new article to analyse). Measured: a first poll (every feed and
/// page new, everything analysed and stored in a new SQLite store), then a second poll (nothing changed: each feed
/// answers 304 and no page is asked for); feeds and items per minute, the poller's own time (fetching, parsing)
/// beside the analysis', requests made and peak memory.
public enum FeedBench {
    public struct Options: Sendable {
        public var feeds = 500
        public var items = 2
        public var concurrency = 8
        public init() {}
    }

    public static func run(pages: [(name: String, bytes: [UInt8])], pagesSource: String, options: Options,
                           articles: ArticlePipeline, stories: StoryPipeline,
                           log: @escaping @Sendable (String) -> Void = { _ in }) async throws -> String {
        guard !pages.isEmpty else { return "no pages to serve" }
        let site = Site(pages: pages, feeds: options.feeds, items: options.items)
        let server = try LoopbackServer { path, headers in site.reply(path) }
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parallax-feedbench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("feeds.db").path)
        for i in 0..<options.feeds {
            _ = try store.addFeed(url: server.base + site.feedPath(i), title: nil, interval: Poller.defaultInterval)
        }
        var fetcher = Fetcher(addresses: AddressPolicy(allowed: ["127.0.0.1"]))
        fetcher.timeout = 60
        // Vectors computed afresh: no cache from an earlier run (the store's own vectors start empty too).
        let ingestor = Ingestor(articles: articles, stories: stories.withEmptyCache(), store: store)
        var poller = Poller(store: store, ingestor: ingestor, fetcher: fetcher)
        poller.concurrency = options.concurrency
        poller.perHost = options.concurrency  // one host serves every feed here
        poller.hostInterval = 0

        log("first poll: \(options.feeds) feeds, \(options.feeds * options.items) new pages")
        let coldStart = Date()
        let cold = try await poller.poll(all: true)
        let coldSeconds = Date().timeIntervalSince(coldStart)
        let coldRequests = server.totalRequests
        log("second poll: nothing changed")
        let warmStart = Date()
        let warm = try await poller.poll(all: true)
        let warmSeconds = Date().timeIntervalSince(warmStart)
        let warmRequests = server.totalRequests - coldRequests
        let stats = try store.stats()

        func perMinute(_ n: Int, _ seconds: Double) -> String { String(format: "%.0f", Double(n) / max(seconds, 1e-6) * 60) }
        func f(_ x: Double) -> String { String(format: "%.1f", x) }
        var table = TextTable(["poll", "feeds", "items", "pages fetched", "articles stored", "wall s", "fetch+parse s",
                               "analysis+store s", "feeds/min", "items/min", "requests"])
        table.add(["first (all new)", "\(cold.feeds)", "\(cold.items)", "\(cold.pages)", "\(cold.ingest.added.count)",
                   f(coldSeconds), f(cold.fetchSeconds), f(cold.ingestSeconds), perMinute(cold.feeds, coldSeconds),
                   perMinute(cold.items, coldSeconds), "\(coldRequests)"])
        table.add(["second (unchanged)", "\(warm.feeds)", "\(warm.items)", "\(warm.pages)", "\(warm.ingest.added.count)",
                   f(warmSeconds), f(warm.fetchSeconds), f(warm.ingestSeconds), perMinute(warm.feeds, warmSeconds),
                   perMinute(warm.items, warmSeconds), "\(warmRequests)"])
        let share = cold.fetchSeconds / max(coldSeconds, 1e-6) * 100
        return [
            "feeds — \(options.feeds) feeds × \(options.items) items on loopback (one host, \(options.concurrency) requests at once), "
                + "pages from \(pagesSource) (\(pages.count) pages), SQLite store, "
                + (stories.embeddings == nil ? "WITHOUT embeddings" : "multilingual-e5-small, vectors computed afresh"),
            "",
            table.render(),
            "",
            "poller's own share of the first poll: \(f(share)) % (fetching and parsing; the rest is analysis and storing)",
            "second poll: \(warm.unchanged) of \(warm.feeds) feeds answered 304; \(warm.pages) pages fetched; failures: "
                + "\(cold.failed.count + warm.failed.count) feeds, \(cold.ingest.failures.count) pages",
            "store: \(stats.articles) articles in \(stats.stories) stories",
            "peak RSS \(PeakMemory.megabytes()) MB",
        ].joined(separator: "\n")
    }

    /// The feeds and pages the server answers with.
    struct Site: Sendable {
        var pages: [(name: String, bytes: [UInt8])]
        var feeds: Int
        var items: Int

        func feedPath(_ i: Int) -> String { "/feed/\(i)." + ["rss", "atom", "json"][i % 3] }

        func reply(_ path: String) -> LoopbackServer.Reply {
            let parts = path.split(separator: "/")
            if parts.count == 3, parts[0] == "p", let i = Int(parts[1]), let j = Int(parts[2]), i < feeds, j < items {
                let page = pages[(i * items + j) % pages.count].bytes
                return .bytes(page + Array("\n<!-- feed \(i) item \(j) -->\n".utf8), contentType: "text/html")
            }
            guard parts.count == 2, parts[0] == "feed", let dot = parts[1].firstIndex(of: "."),
                  let i = Int(parts[1][..<dot]), i < feeds else { return .status(404) }
            let links = (0..<items).map { (j: $0, link: "/p/\(i)/\($0)") }
            let day = "2031-03-\(String(format: "%02d", 1 + i % 28))"
            let body: String
            switch i % 3 {
            case 0:
                body = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Outlet \(i)</title>"
                    + links.map { "<item><title>Item \($0.j)</title><link>\($0.link)</link><guid>\(i)-\($0.j)</guid>"
                        + "<pubDate>\(day)T\(String(format: "%02d", $0.j % 24)):00:00Z</pubDate></item>" }.joined()
                    + "</channel></rss>"
                return .ok(body, contentType: "application/rss+xml", etag: "\"f\(i)\"")
            case 1:
                body = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Outlet \(i)</title>"
                    + links.map { "<entry><id>\(i)-\($0.j)</id><title>Item \($0.j)</title><link href=\"\($0.link)\"/>"
                        + "<updated>\(day)T10:00:00Z</updated></entry>" }.joined() + "</feed>"
                return .ok(body, contentType: "application/atom+xml", lastModified: "Mon, 10 Mar 2031 10:00:00 GMT")
            default:
                body = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Outlet \(i)\", \"items\": ["
                    + links.map { "{\"id\": \"\(i)-\($0.j)\", \"url\": \"\($0.link)\", \"title\": \"Item \($0.j)\"}" }
                        .joined(separator: ", ") + "]}"
                return .ok(body, contentType: "application/feed+json", etag: "\"f\(i)\"")
            }
        }
    }
}
