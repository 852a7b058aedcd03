import Foundation

/// A subscribed feed as the store keeps it: where it is, what the last poll learnt, and when to poll next.
public struct FeedRecord: Sendable, Codable, Equatable {
    public var id: Int
    public var url: String
    public var title: String?
    /// The site the feed names as its own (its `link`).
    public var site: String?
    /// Off after `Poller.maxFailures` failures in a row, or by hand; `feeds enable` turns it back on.
    public var enabled = true
    /// Why it was turned off, when it was.
    public var disabledReason: String?
    /// Validators for a conditional request: the next poll of an unchanged feed costs a 304.
    public var etag: String?
    public var lastModified: String?
    public var added: String
    public var lastPoll: String?
    public var lastSuccess: String?
    public var lastError: String?
    /// Failures since the last success.
    public var failures = 0
    /// When the feed is next due (ISO 8601, UTC).
    public var nextPoll: String
    /// Seconds between polls, adapted to how often the feed publishes.
    public var interval: Double
    /// Items seen and articles stored from them, over the feed's life.
    public var items = 0
    public var articles = 0

    public init(id: Int, url: String, title: String? = nil, added: String, interval: Double) {
        self.id = id
        self.url = url
        self.title = title
        self.added = added
        self.nextPoll = added
        self.interval = interval
    }

    /// One word for lists: new (never polled), ok, failing, disabled.
    public var status: String {
        if !enabled { return "disabled" }
        if failures > 0 { return "failing" }
        return lastSuccess == nil ? "new" : "ok"
    }
}

/// What the store remembers of one feed item, keyed by its identity within the feed (`FeedItem.key`).
public struct FeedItemState: Sendable, Codable, Equatable {
    /// A hash of what the feed said about the item (title, dates, summary, content): when it changes, the page is
    /// fetched again (conditionally) to catch an edit.
    public var hash: String
    /// The article it was stored as, if it was.
    public var article: Int?
    /// The page's URL after redirects and its validators.
    public var page: String?
    public var etag: String?
    public var lastModified: String?
    public var seen: String

    public init(hash: String, article: Int? = nil, page: String? = nil, etag: String? = nil,
                lastModified: String? = nil, seen: String) {
        self.hash = hash
        self.article = article
        self.page = page
        self.etag = etag
        self.lastModified = lastModified
        self.seen = seen
    }
}

extension FeedRecord {
    /// Polled again, due now, its failures forgotten (after it was turned off by hand or by repeated failures).
    public mutating func turnOn() {
        enabled = true
        disabledReason = nil
        failures = 0
        nextPoll = StoreClock.now()
    }

    /// No longer polled; still subscribed.
    public mutating func turnOff() {
        enabled = false
        disabledReason = "turned off by hand"
    }
}
