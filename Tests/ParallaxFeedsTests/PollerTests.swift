import Foundation
import Testing
import ParallaxAnalysis
import ParallaxEval
import ParallaxIngest
import ParallaxModel
import ParallaxStore
@testable import ParallaxFeeds

/// The poller against feeds and pages served on loopback: what is stored, what is downloaded again (nothing
/// unchanged), edits as revisions, fallbacks to the feed's own text, and a batch of hostile feeds that each end
/// in a named error while the rest of the batch is stored.
@Suite(.serialized) struct PollerTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let vendor = root.appendingPathComponent("vendor")
    static let articles = ArticlePipeline.standard(dataDirectory: vendor)
    static let stories = StoryPipeline.standard(dataDirectory: vendor)

    /// A poller on an in-memory store that may reach the test server and resolves no name over the network
    /// (every other name is a documentation address, which the policy refuses).
    static func poller(_ store: InMemoryStore = InMemoryStore(), timeout: Double = 60) -> Poller {
        var fetcher = Fetcher(addresses: AddressPolicy(allowed: ["127.0.0.1"]))
        fetcher.timeout = timeout
        fetcher.resolve = { host, _ in host == "localhost" ? [IPAddress("127.0.0.1")!] : [IPAddress("192.0.2.1")!] }
        var poller = Poller(store: store, ingestor: Ingestor(articles: articles, stories: stories, store: store), fetcher: fetcher)
        poller.hostInterval = 0
        poller.concurrency = 16
        poller.perHost = 16
        return poller
    }

    /// A news page with enough body text for extraction.
    static func page(_ title: String, _ sentences: [String], outlet: String = "Loop Gazette") -> String {
        let body = (sentences + sentences.map { "As officials said on Monday, \($0.lowercased())" })
            .map { "<p>\($0)</p>" }.joined(separator: "\n")
        return """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>\(title) | \(outlet)</title>
            <meta property="og:site_name" content="\(outlet)"></head><body><nav><a href="/">Home</a></nav>
            <article><h1>\(title)</h1><p class="byline">By Ana Lund</p>\(body)</article><footer>© \(outlet)</footer></body></html>
            """
    }

    static let dam = ["The Tarnava dam gave way early on Monday after a week of heavy rain, flooding the lower town.",
                      "Governor Ilse Marten said about 12,000 people had left their homes by noon.",
                      "Rescue teams used boats to reach families stranded on rooftops in three villages.",
                      "Engineers warned that the remaining part of the wall could fail within days."]
    static let port = ["Dock workers at the port of Halvik began a three-day strike over pay on Tuesday.",
                       "The union said talks with the port authority had broken down after six weeks.",
                       "Ferries to the islands were cancelled and lorries queued on the coast road.",
                       "The port authority called the strike irresponsible and asked for mediation."]

    /// What the server serves; tests change it between polls.
    final class Site: @unchecked Sendable {
        private let lock = NSLock()
        private var replies: [String: LoopbackServer.Reply] = [:]
        subscript(path: String) -> LoopbackServer.Reply? {
            get { lock.lock(); defer { lock.unlock() }; return replies[path] }
            set { lock.lock(); replies[path] = newValue; lock.unlock() }
        }
    }

    static func rss(_ title: String, items: [(guid: String, link: String, title: String, summary: String)]) -> String {
        let body = items.map {
            "<item><title>\($0.title)</title><link>\($0.link)</link><guid>\($0.guid)</guid><description>\($0.summary)</description>"
                + "<pubDate>Mon, 10 Mar 2031 10:00:00 GMT</pubDate></item>"
        }.joined()
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>\(title)</title>\(body)</channel></rss>"
    }

    @Test func pollsStoreNewPagesAndDownloadNothingUnchangedTheSecondTime() async throws {
        let site = Site()
        site["/a.rss"] = .ok(Self.rss("Loop Gazette", items: [("g1", "/p/dam", "Dam gives way", "The dam broke."),
                                                             ("g2", "/p/port", "Port strike", "Dockers strike.")]),
                             etag: "\"a1\"")
        let atom = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Loop Evening</title>\
            <entry><id>e1</id><title>Dam</title><link href="/q/dam"/><updated>2031-03-10T12:00:00Z</updated></entry>\
            <entry><id>e2</id><title>Dam, again</title><link href="/p/dam"/><updated>2031-03-10T12:00:00Z</updated></entry></feed>
            """
        site["/b.atom"] = .ok(atom, contentType: "application/atom+xml", lastModified: "Mon, 10 Mar 2031 12:00:00 GMT")
        site["/p/dam"] = .ok(Self.page("Dam gives way above Velmora", Self.dam), contentType: "text/html", etag: "\"d1\"")
        site["/p/port"] = .ok(Self.page("Halvik dockers strike", Self.port), contentType: "text/html", etag: "\"p1\"")
        site["/q/dam"] = .ok(Self.page("Flood in Velmora after dam breach", Array(Self.dam.reversed()), outlet: "Loop Evening"),
                             contentType: "text/html; charset=utf-8", lastModified: "Mon, 10 Mar 2031 12:00:00 GMT")
        let server = try LoopbackServer { path, _ in site[path] ?? .status(404) }
        defer { server.stop() }
        let store = InMemoryStore()
        let poller = Self.poller(store)
        for url in ["/a.rss", "/b.atom"] { _ = try store.addFeed(url: server.base + url, title: nil, interval: 1800) }

        let first = try await poller.poll()
        #expect(first.feeds == 2 && first.failed.isEmpty)
        #expect(first.ingest.added.count == 3, "\(first.ingest.failures)")
        // The Atom feed's second entry is the page the RSS feed already brought: linked, not fetched again, or
        // fetched once in the same poll and found a duplicate.
        #expect(server.fullAnswers("/p/dam") == 1 || first.ingest.duplicates.count == 1)
        #expect(try store.stats().articles == 3)
        let feeds = try store.feeds()
        #expect(feeds.allSatisfy { $0.status == "ok" && $0.lastSuccess != nil && $0.lastError == nil })
        #expect(feeds[0].title == "Loop Gazette" && feeds[0].etag == "\"a1\"" && feeds[1].lastModified != nil)

        let answered = server.totalFullAnswers
        let pagesAsked = ["/p/dam", "/p/port", "/q/dam"].map(server.requests)
        let second = try await poller.poll(all: true)
        #expect(second.unchanged == 2 && second.ingest.added.isEmpty)
        #expect(server.totalFullAnswers == answered, "an unchanged feed or page was downloaded again")
        #expect(["/p/dam", "/p/port", "/q/dam"].map(server.requests) == pagesAsked)

        // An edit: the feed says the item changed, the page has new text: a revision, and the diff is kept.
        var edited = Self.dam
        edited[1] = "Governor Ilse Marten said about 20,000 people had left their homes by the evening."
        site["/p/dam"] = .ok(Self.page("Dam gives way above Velmora", edited), contentType: "text/html", etag: "\"d2\"")
        site["/a.rss"] = .ok(Self.rss("Loop Gazette", items: [("g1", "/p/dam", "Dam gives way", "The dam broke; 20,000 left."),
                                                             ("g2", "/p/port", "Port strike", "Dockers strike.")]),
                             etag: "\"a2\"")
        let third = try await poller.poll(all: true)
        #expect(third.ingest.revised.count == 1 && third.ingest.added.isEmpty, "\(third.ingest.failures)")
        let damArticle = try #require(try store.article(url: DocumentIdentity.canonicalURL(server.base + "/p/dam")!))
        #expect(try store.revisions(of: damArticle.id).count == 2)
        #expect(damArticle.article.text.contains("20,000"))
        #expect(server.fullAnswers("/p/port") == 1, "the unchanged item's page was fetched again")
    }

    @Test func pagesThatCannotBeHadFallBackToTheFeedsText() async throws {
        let site = Site()
        let summary = "The Halvik port strike entered its second day as the union and the port authority traded blame over pay."
        let items = [("m1", "/gone", "Strike, day two", summary),
                     ("m2", "/paywall", "Strike talks", "Talks between the union and the port authority resumed on Wednesday in Halvik."),
                     ("m3", "http://169.254.169.254/latest/meta-data/", "Metadata", "A link to the cloud metadata address was refused."),
                     ("dup", "/p/port", "Port strike", "Dockers strike in Halvik over pay, the union says."),
                     ("dup", "/p/dam", "Dam gives way", "The dam above Velmora broke early on Monday.")]
        site["/f.rss"] = .ok(Self.rss("Loop Wire", items: items))
        site["/paywall"] = .ok("<html><body><div class=paywall>Subscribe to read.</div></body></html>", contentType: "text/html")
        site["/p/port"] = .ok(Self.page("Halvik dockers strike", Self.port), contentType: "text/html")
        site["/p/dam"] = .ok(Self.page("Dam gives way above Velmora", Self.dam), contentType: "text/html")
        let server = try LoopbackServer { path, _ in site[path] ?? .status(404) }
        defer { server.stop() }
        let store = InMemoryStore()
        _ = try store.addFeed(url: server.base + "/f.rss", title: nil, interval: 1800)
        let report = try await Self.poller(store).poll()
        #expect(report.fromFeed == 3, "\(report)")
        // Two items sharing a guid are both kept.
        #expect(report.ingest.added.count == 5, "\(report.ingest.failures)")
        let fromFeed = try (1...5).compactMap { try store.document(of: $0) }.filter { $0.fromFeed != nil }
        #expect(fromFeed.count == 3)
        #expect(fromFeed.contains { $0.url == server.base + "/gone" })
        #expect(try store.feeds()[0].items == 5)
    }

    @Test func failingFeedsBackOffAndAreTurnedOff() async throws {
        let server = try LoopbackServer { path, _ in
            path == "/busy" ? .status(503, headers: [("Retry-After", "7200")]) : .status(404)
        }
        defer { server.stop() }
        let store = InMemoryStore()
        _ = try store.addFeed(url: server.base + "/busy", title: nil, interval: 1800)
        _ = try store.addFeed(url: server.base + "/missing", title: nil, interval: 1800)
        var poller = Self.poller(store)
        poller.maxFailures = 3
        let now = Date()
        _ = try await poller.poll(now: now)
        var feeds = try store.feeds()
        #expect(feeds[0].status == "failing" && feeds[0].lastError?.contains("503") == true)
        #expect(StoreClock.date(feeds[0].nextPoll)! >= now.addingTimeInterval(7199), "Retry-After was not honoured")
        #expect(StoreClock.date(feeds[1].nextPoll)! >= now.addingTimeInterval(3599), "no backoff: \(feeds[1])")
        // Not due yet: a plain poll leaves them alone.
        #expect(try await poller.poll(now: now.addingTimeInterval(60)).feeds == 0)
        _ = try await poller.poll(all: true)
        _ = try await poller.poll(all: true)
        feeds = try store.feeds()
        #expect(feeds.allSatisfy { !$0.enabled && $0.status == "disabled" && $0.disabledReason?.contains("3 failures") == true })
        #expect(try await poller.poll(all: true).feeds == 0)
    }

    @Test func aBatchOfHostileFeedsEndsInNamedErrorsAndTheRestIsStored() async throws {
        let corpus = HostileFeedCorpusTests.corpus
        #expect(corpus.count >= 150)
        let site = Site()
        for (i, c) in corpus.enumerated() { site["/h/\(i)"] = .bytes(c.bytes, contentType: "application/xml") }
        site["/h/bomb"] = .gzipBomb(gigabytes: 1)
        site["/h/slow"] = .trickle(every: 0.5, count: 10_000)
        site["/h/huge"] = .hugeLength
        site["/h/loop"] = .redirect(302, to: "/h/loop2")
        site["/h/loop2"] = .redirect(302, to: "/h/loop")
        site["/h/private"] = .redirect(302, to: "http://10.0.0.1/feed")
        site["/h/meta"] = .redirect(302, to: "http://169.254.169.254/latest/meta-data/")
        site["/h/ftp"] = .redirect(302, to: "ftp://127.0.0.1/feed")
        site["/h/500"] = .status(500)
        site["/good.rss"] = .ok(Self.rss("Loop Gazette", items: [("g1", "/p/dam", "Dam gives way", "The dam broke.")]))
        site["/p/dam"] = .ok(Self.page("Dam gives way above Velmora", Self.dam), contentType: "text/html")
        let server = try LoopbackServer { path, _ in site[path] ?? .status(404) }
        defer { server.stop() }
        let store = InMemoryStore()
        let paths = corpus.indices.map { "/h/\($0)" } + ["bomb", "slow", "huge", "loop", "private", "meta", "ftp", "500"].map { "/h/" + $0 }
        for path in paths + ["/good.rss"] { _ = try store.addFeed(url: server.base + path, title: nil, interval: 1800) }
        let start = Date()
        let report = try await Self.poller(store, timeout: 20).poll()
        #expect(Date().timeIntervalSince(start) < 240)
        #expect(report.feeds == paths.count + 1)
        let feeds = try store.feeds()
        for feed in feeds {
            #expect(feed.status == "ok" || (feed.status == "failing" && feed.lastError?.contains(feed.url) == true),
                    "\(feed.url): \(feed.status) \(feed.lastError ?? "")")
        }
        let failing = Dictionary(uniqueKeysWithValues: feeds.filter { $0.status == "failing" }.map { ($0.url, $0.lastError ?? "") })
        for (path, code) in [("bomb", "limits.too-large"), ("slow", "limits.timeout"), ("huge", "limits.too-large"),
                             ("loop", "fetch.redirects"), ("private", "fetch.blocked-address"), ("meta", "fetch.blocked-address"),
                             ("ftp", "fetch.bad-url"), ("500", "fetch.http-status")] {
            #expect(failing[server.base + "/h/" + path]?.contains(code) == true, "\(path): \(failing[server.base + "/h/" + path] ?? "ok")")
        }
        // Corpus cases the parser refuses are failing feeds here too.
        for (i, c) in corpus.enumerated() {
            let parsed = Result { try FeedParser().parse(c.bytes, url: server.base + "/h/\(i)") }
            if case .failure = parsed { #expect(failing[server.base + "/h/\(i)"] != nil, "\(c.name) should have failed") }
        }
        #expect(try store.article(url: DocumentIdentity.canonicalURL(server.base + "/p/dam")!) != nil)
    }
}
