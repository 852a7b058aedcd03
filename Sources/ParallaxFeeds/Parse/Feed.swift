import ParallaxAnalysis
import ParallaxModel

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

extension FeedItem {
    /// The item as a document to analyse, from what the feed itself carries — its full content, else its summary,
    /// marked as such (the fallback when the page cannot be fetched, and how a saved feed file is read). Nil when
    /// the feed carries no text for it.
    public func document(in feed: Feed, source: String) -> RawDocument? {
        guard let text = content ?? summary else { return nil }
        var document = RawDocument(source: source, format: .html, content: .string(text))
        document.fromFeed = content != nil ? "content" : "summary"
        document.given.url = link
        document.given.title = title
        document.given.published = published ?? updated
        document.given.outlet = feed.title
        document.given.byline = author
        return document
    }
}

/// Saved feed files as documents: one per item that carries text (`DocumentReader.feeds`).
public enum FeedDocuments {
    public static func read(_ bytes: [UInt8], source: String) throws -> [Result<RawDocument, ParallaxError>] {
        var feed = try FeedParser().parse(bytes, url: source)
        // A saved file has no web address: its relative links are resolved against the site the feed names.
        if let site = feed.link, !source.lowercased().hasPrefix("http"), let again = try? FeedParser().parse(bytes, url: site) {
            feed = again
        }
        let documents = feed.items.enumerated().map { i, item -> Result<RawDocument, ParallaxError> in
            let name = "\(source)#\(i + 1)"
            guard let document = item.document(in: feed, source: name) else {
                return .failure(ParallaxError(.noMainText, "the feed carries no text for this item (\(item.link ?? "no link"))",
                                              source: name))
            }
            return .success(document)
        }
        if documents.isEmpty { throw ParallaxError(.empty, "the feed has no items", source: source) }
        return documents
    }
}
