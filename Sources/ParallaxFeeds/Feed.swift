/// A feed as Parallax reads it, whatever its format: the channel and its items, links absolute.
public struct Feed: Sendable, Equatable {
    public enum Format: String, Sendable { case rss, rdf, atom, jsonFeed = "json-feed" }

    public var format: Format
    public var title: String?
    /// The site the feed belongs to.
    public var link: String?
    public var items: [FeedItem] = []

    public init(format: Format) { self.format = format }
}

/// One entry of a feed: where the article is, and what the feed itself says of it (the fallback when the page
/// cannot be fetched).
public struct FeedItem: Sendable, Equatable {
    /// The item's own identity (`guid`, Atom `id`, JSON Feed `id`), when it gives one.
    public var id: String?
    /// The article's address, absolute.
    public var link: String?
    public var title: String?
    /// ISO 8601, UTC when the feed gave a time ("2031-03-14T09:00:00Z"), a day when it gave only a day.
    public var published: String?
    public var updated: String?
    public var author: String?
    /// A summary (`description`, Atom `summary`), HTML or text as the feed gave it.
    public var summary: String?
    /// The full content (`content:encoded`, Atom `content`, JSON Feed `content_html`), when the feed carries it.
    public var content: String?
    /// Enclosures and `media:content` addresses, absolute.
    public var media: [String] = []

    public init() {}

    /// The identity to key the item by: its id, else its link.
    public var key: String? { id ?? link }
}
