import Foundation
import ParallaxAnalysis
import ParallaxIngest
import ParallaxModel
import ParallaxStore

/// Follows the subscribed feeds: fetches those that are due, then the pages of their new or changed items, and
/// ingests those through the same path as `parallax ingest` (stories updated, dossiers refreshed).
///
/// Item identity is layered: the item's key in its feed (guid, else link); a new key whose page is already stored
/// under its canonical URL (the same article in two feeds) is linked to it without a download; content already
/// stored (same bytes) is a duplicate; the same URL with new text is a revision. Item states are saved only
/// after their articles are stored, so a killed poll repeats work but loses and duplicates nothing.
public struct Poller: Sendable {
    public var store: any Store
    public var ingestor: Ingestor
    public var fetcher: Fetcher
    /// Requests in flight at once, and per host.
    public var concurrency = 8
    public var perHost = 2
    /// Seconds between the starts of two requests to one host.
    public var hostInterval = 1.0
    /// Failures in a row after which a feed is turned off (with the reason shown in `feeds list`).
    public var maxFailures = 10
    /// A new feed's interval (seconds).
    public static let defaultInterval = 1800.0
    /// The bounds adaptation keeps to (seconds).
    public var minInterval = 600.0
    public var maxInterval = 86_400.0
    /// New items taken from one feed per poll (the rest wait for the next poll, which sees them as new again).
    public var maxItemsPerFeed = 200
    public var log: (@Sendable (String) -> Void)?

    public init(store: any Store, ingestor: Ingestor, fetcher: Fetcher) {
        self.store = store
        self.ingestor = ingestor
        self.fetcher = fetcher
    }

    /// What one poll did.
    public struct Report: Sendable {
        public var feeds = 0
        public var unchanged = 0
        public var failed: [(feed: String, error: ParallaxError)] = []
        public var items = 0
        public var newItems = 0
        public var pages = 0
        public var pagesUnchanged = 0
        public var fromFeed = 0
        public var linked = 0
        public var ingest = Ingestor.Report()
        /// Seconds spent fetching and parsing (the poller's own work) and storing (analysis, stories, dossiers).
        public var fetchSeconds = 0.0
        public var ingestSeconds = 0.0
        public init() {}
    }

    /// Polls the feeds that are due (every enabled feed when `all`), ingests what is new, refreshes dossiers.
    public func poll(all: Bool = false, now: Date = Date()) async throws -> Report {
        let due = try store.feeds().filter { feed in
            // (A second's slack: stored times are rounded to the millisecond.)
            feed.enabled && (all || (StoreClock.date(feed.nextPoll) ?? .distantPast) <= now.addingTimeInterval(1))
        }
        var report = Report()
        report.feeds = due.count
        guard !due.isEmpty else { return report }
        let gate = HostGate(perHost: perHost, interval: hostInterval)
        let started = Date()
        let fetched = await bounded(due) { feed in
            await (feed, Result { () async throws(FetchFailure) in try await self.fetchFeed(feed, gate: gate) })
        }
        report.fetchSeconds += Date().timeIntervalSince(started)
        var changed: [Changed] = []
        for (feed, result) in fetched {
            switch result {
            case .failure(let failure):
                report.failed.append((feed.url, failure.error))
                try store.saveFeed(failed(feed, failure, now: now))
            case .success(nil):
                report.unchanged += 1
                var done = feed
                done.lastPoll = StoreClock.string(now)
                done.lastSuccess = done.lastPoll
                done.failures = 0
                done.lastError = nil
                done.nextPoll = StoreClock.string(now.addingTimeInterval(done.interval))
                try store.saveFeed(done)
            case .success(let answer?):
                changed.append(try sort(answer.feed, response: answer.response, record: feed, now: now, into: &report))
            }
        }
        try await take(changed, gate: gate, now: now, into: &report)
        let refreshing = Date()
        let ingestor = self.ingestor
        report.ingest.refreshed = try await Self.offPool { try Ingestor.serially { try ingestor.refresh() } }
        report.ingestSeconds += Date().timeIntervalSince(refreshing)
        return report
    }

    // MARK: Feeds

    /// The feed parsed, or nil when it did not change (304).
    private func fetchFeed(_ record: FeedRecord, gate: HostGate) async throws(FetchFailure) -> (feed: Feed, response: Fetcher.Response)? {
        var request = Fetcher.Request(url: record.url, etag: record.etag, lastModified: record.lastModified)
        request.accept = "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
            + "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
        let response = try await fetch(request, gate: gate)
        if response.notModified { return nil }
        do {
            return (try FeedParser().parse(response.body, url: response.url, charset: response.charset), response)
        } catch let error as ParallaxError {
            throw FetchFailure(error.code, error.message, url: record.url)
        } catch {
            throw FetchFailure(.unparsable, "\(error)", url: record.url)
        }
    }

    private func fetch(_ request: Fetcher.Request, gate: HostGate) async throws(FetchFailure) -> Fetcher.Response {
        let host = URLComponents(string: request.url)?.host?.lowercased() ?? ""
        do {
            return try await gate.run(host: host) { try await fetcher.fetch(request) }
        } catch let failure as FetchFailure {
            throw failure
        } catch {
            throw FetchFailure.from(error, url: request.url, timeout: fetcher.timeout)
        }
    }

    /// A feed's record after a failed poll: backoff (or the server's Retry-After), turned off after too many.
    func failed(_ feed: FeedRecord, _ failure: FetchFailure, now: Date) -> FeedRecord {
        var next = feed
        next.lastPoll = StoreClock.string(now)
        next.failures += 1
        next.lastError = failure.error.description
        let backoff = min(maxInterval, feed.interval * pow(2, Double(min(next.failures, 20))))
        let wait = max(failure.retryAfter ?? 0, backoff)
        next.nextPoll = StoreClock.string(now.addingTimeInterval(wait))
        if next.failures >= maxFailures {
            next.enabled = false
            next.disabledReason = "\(next.failures) failures in a row; the last: \(failure.error.message)"
        }
        return next
    }

    // MARK: Items

    private struct Pending {
        var key: String
        var item: FeedItem
        var hash: String
        var previous: FeedItemState?
    }

    /// A feed that brought something: what it said, and its items still to fetch.
    private struct Changed {
        var feed: Feed
        var response: Fetcher.Response
        var record: FeedRecord
        /// States already settled (items linked to a stored article).
        var states: [String: FeedItemState]
        var pending: [Pending]
        var newItems: Int
    }

    /// Sorts a fetched feed's items: unchanged ones are skipped, those already stored under their URL are linked,
    /// the rest wait for their pages.
    private func sort(_ feed: Feed, response: Fetcher.Response, record: FeedRecord, now: Date,
                      into report: inout Report) throws -> Changed {
        let stamp = StoreClock.string(now)
        var states: [String: FeedItemState] = [:]
        let keyed = Self.keyed(feed.items)
        report.items += keyed.count
        let known = try store.feedItems(of: record.id, keys: keyed.map(\.key))
        var pending: [Pending] = []
        for (key, item) in keyed {
            let hash = DocumentIdentity.hash([item.link, item.title, item.published, item.updated, item.summary, item.content])
            if let old = known[key], old.hash == hash { continue }
            if known[key] == nil, let url = DocumentIdentity.canonicalURL(item.link), let stored = try store.article(url: url) {
                states[key] = FeedItemState(hash: hash, article: stored.id, page: item.link, seen: stamp)
                report.linked += 1
                continue
            }
            pending.append(Pending(key: key, item: item, hash: hash, previous: known[key]))
        }
        report.newItems += pending.filter { $0.previous == nil }.count
        let taken = Array(pending.prefix(maxItemsPerFeed))
        return Changed(feed: feed, response: response, record: record, states: states, pending: taken,
                       newItems: taken.filter { $0.previous == nil }.count)
    }

    /// Fetches the pages of every changed feed's items (politely, all feeds at once), stores them in one batch
    /// (analysis on all cores, embeddings batched), then records each feed's items and state.
    private func take(_ changed: [Changed], gate: HostGate, now: Date, into report: inout Report) async throws {
        let stamp = StoreClock.string(now)
        let work = changed.indices.flatMap { f in changed[f].pending.map { (feed: f, pending: $0) } }
        // Pages; an item without a link, or whose page cannot be had, falls back to the feed's text.
        let fetching = Date()
        let pages = await bounded(work) { w -> Result<Fetcher.Response, FetchFailure>? in
            guard let link = w.pending.item.link else { return nil }
            var request = Fetcher.Request(url: link, etag: w.pending.previous?.etag, lastModified: w.pending.previous?.lastModified)
            request.accept = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
            return await Result { () async throws(FetchFailure) in try await self.fetch(request, gate: gate) }
        }
        report.fetchSeconds += Date().timeIntervalSince(fetching)
        var documents: [RawDocument] = []
        var fallbacks: [String: RawDocument] = [:]
        var states = changed.map(\.states)
        var fetched: [(feed: Int, pending: Pending, page: Fetcher.Response?)] = []
        for ((f, p), result) in zip(work, pages) {
            let record = changed[f].record
            let fallback = p.item.document(in: changed[f].feed, source: p.item.link ?? "\(record.url)#\(p.key)")
            switch result {
            case .success(let page) where page.notModified:
                report.pagesUnchanged += 1
                states[f][p.key] = FeedItemState(hash: p.hash, article: p.previous?.article, page: page.url,
                                                 etag: p.previous?.etag, lastModified: p.previous?.lastModified, seen: stamp)
            case .success(let page):
                report.pages += 1
                let plain = page.contentType?.lowercased().hasPrefix("text/plain") == true
                var document = RawDocument(source: page.url, format: plain ? .text : .html, content: .bytes(page.body))
                document.given.url = page.url
                document.given.charset = page.charset
                if let published = p.item.published { document.given.published = published }
                documents.append(document)
                if var fallback {
                    fallback.given.url = page.url
                    fallbacks[page.url] = fallback
                }
                fetched.append((f, p, page))
            case .failure(let failure):
                log?("\(failure.error.description); the feed's own text is used")
                fallthrough
            case nil:
                if var fallback {
                    fallback.given.url = p.item.link
                    documents.append(fallback)
                    report.fromFeed += 1
                }
                fetched.append((f, p, nil))
            }
        }
        // Pages with no readable article, or a thinner one than the feed's (a paywall, a consent wall), give way
        // to the feed's text.
        let ingesting = Date()
        let ingestor = self.ingestor, pending = documents, standIns = fallbacks
        let batch = try await Self.offPool { try Ingestor.serially {
            var batch = Ingestor.Report()
            for start in stride(from: 0, to: pending.count, by: ingestor.chunkSize) {
                try ingestor.ingest(documents: Array(pending[start..<min(start + ingestor.chunkSize, pending.count)]),
                                    fallbacks: standIns, into: &batch)
            }
            return batch
        } }
        report.ingestSeconds += Date().timeIntervalSince(ingesting)
        report.fromFeed += batch.substituted.count
        let added = Set(batch.added)
        var articles = [Int](repeating: 0, count: changed.count)
        for (f, p, page) in fetched {
            let url = DocumentIdentity.canonicalURL(page?.url ?? p.item.link)
            let article = try url.flatMap { try store.article(url: $0)?.id }
            if let article, added.contains(article) { articles[f] += 1 }
            states[f][p.key] = FeedItemState(hash: p.hash, article: article ?? p.previous?.article, page: page?.url ?? p.item.link,
                                             etag: page?.etag, lastModified: page?.lastModified, seen: stamp)
        }
        report.ingest.added += batch.added
        report.ingest.revised += batch.revised
        report.ingest.duplicates += batch.duplicates
        report.ingest.failures += batch.failures
        report.ingest.substituted += batch.substituted
        report.ingest.documents += batch.documents

        for (f, c) in changed.enumerated() {
            var next = c.record
            next.title = c.record.title ?? c.feed.title
            next.site = c.feed.link ?? c.record.site
            next.etag = c.response.etag
            next.lastModified = c.response.lastModified
            next.lastPoll = stamp
            next.lastSuccess = stamp
            next.lastError = nil
            next.failures = 0
            next.items += c.newItems
            next.articles += articles[f]
            next.interval = adapted(c.record.interval, items: c.feed.items, now: now)
            next.nextPoll = StoreClock.string(now.addingTimeInterval(next.interval))
            try store.saveFeedItems(states[f], of: next)
        }
    }

    /// Items with their keys, each key once: an item without guid or link is keyed by what it says; a key used
    /// twice in one feed (a duplicate guid over two different items) is told apart by the link and text, so
    /// neither is dropped.
    static func keyed(_ items: [FeedItem]) -> [(key: String, item: FeedItem)] {
        var seen: Set<String> = []
        var out: [(String, FeedItem)] = []
        for item in items {
            var key = item.key ?? "text:" + DocumentIdentity.hash([item.title, item.summary, item.content])
            if seen.contains(key) {
                let alternative = key + "#" + DocumentIdentity.hash([item.link, item.title, item.summary, item.content])
                if seen.contains(alternative) { continue }  // the very same item twice
                key = alternative
            }
            seen.insert(key)
            out.append((key, item))
        }
        return out
    }

    /// The interval a feed's rhythm suggests: the median gap between its newest dated items, within bounds.
    func adapted(_ current: Double, items: [FeedItem], now: Date) -> Double {
        let dates = items.compactMap { ($0.published ?? $0.updated).flatMap(StoreClock.date) }
            .filter { $0 <= now.addingTimeInterval(3600) }
            .sorted(by: >)
            .prefix(11)
        guard dates.count >= 3 else { return min(max(current, minInterval), maxInterval) }
        let gaps = zip(dates, dates.dropFirst()).map { $0.timeIntervalSince($1) }.sorted()
        return min(max(gaps[gaps.count / 2], minInterval), maxInterval)
    }

    // MARK: Concurrency

    /// Runs blocking work (analysis, the store) on a thread of its own, not on the cooperative pool that serves
    /// requests (`parallax serve --poll`) and fetches pages.
    public static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try work() }) }
            thread.stackSize = 8 << 20  // as the main thread's: parsing deep documents recurses
            thread.start()
        }
    }

    /// `body` over the inputs with at most `concurrency` at once, results in input order.
    private func bounded<In: Sendable, Out: Sendable>(_ inputs: [In], _ body: @escaping @Sendable (In) async -> Out) async -> [Out] {
        await withTaskGroup(of: (Int, Out).self) { group in
            var results = [Out?](repeating: nil, count: inputs.count)
            var next = 0
            for _ in 0..<min(concurrency, inputs.count) {
                let i = next, input = inputs[i]
                group.addTask { (i, await body(input)) }
                next += 1
            }
            while let (i, out) = await group.next() {
                results[i] = out
                if next < inputs.count {
                    let j = next, input = inputs[j]
                    group.addTask { (j, await body(input)) }
                    next += 1
                }
            }
            return results.map { $0! }
        }
    }
}

extension Result where Failure == FetchFailure {
    init(catching body: () async throws(FetchFailure) -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
