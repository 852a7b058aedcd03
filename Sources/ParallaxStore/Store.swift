import Foundation
import ParallaxAnalysis
import ParallaxModel

/// Where Parallax keeps what it has read: articles with their analyses and revisions, stories with the state
/// online clustering resumes from, dossiers, and embeddings by content hash.
///
/// One protocol, several backends (the in-memory reference here, SQLite in ParallaxSQLite); every backend passes
/// one conformance suite (Tests/ParallaxStoreTests). Business code never asks which backend it has. Every
/// method that writes is one transaction: a process killed at any moment leaves the store as it was before the
/// call or after it.
public protocol Store: AnyObject, Sendable {
    // MARK: Identity

    /// The article a document with these bytes (and given metadata) was stored as, if any.
    func article(contentHash: String) throws -> Int?
    /// The article last stored under this canonical URL.
    func article(url: String) throws -> StoredArticle?
    /// The article last stored from this source (path or `path#line`) that has no URL.
    func article(source: String) throws -> StoredArticle?
    /// The latest revision of one article.
    func article(id: Int) throws -> StoredArticle?

    // MARK: Online clustering

    /// How many articles the store holds and, for each key asked, in how many of them it occurs.
    func documentFrequencies(_ keys: Set<UInt64>) throws -> (documents: Int, frequencies: [UInt64: Int])
    /// The stories articles between `from` and `to` (days since 1970) may join: those whose span comes within
    /// `window` days of them, the `recentUndated` most recently touched stories with no date (any article may
    /// join those), and the `recent` most recently touched stories of all (what an undated article may join).
    func candidateStories(from: Double?, to: Double?, window: Double, recentUndated: Int,
                          recent: Int) throws -> [StoryClusterer.Cluster]
    /// The space embeddings are centred in (its running mean), once one has been saved.
    func embeddingSpace() throws -> EmbeddingSpace?
    func saveEmbeddingSpace(_ space: EmbeddingSpace) throws

    // MARK: Writes

    /// Stores a new article, its first revision and its place in a story (a new story when `story.id` is nil),
    /// with the story's clustering state after the article joined, and counts its features. One transaction.
    /// Returns the article's id and its story's id.
    @discardableResult
    func insert(_ article: NewArticle, joining story: StoryPlacement) throws -> (article: Int, story: Int)
    /// Stores a changed version of an article as its next revision and marks its story for a dossier update.
    @discardableResult
    func addRevision(of id: Int, _ article: NewArticle) throws -> Int
    /// The members of these stories with their clustering features, for re-forming the stories (a replay).
    func memberFeatures(of stories: [Int]) throws -> [StoredMember]
    /// Re-forms stories in one transaction: each group's articles move to the group's story (a new one when its
    /// `id` is nil) with the group's clustering state; stories of `replacing` that keep no article are emptied.
    /// Returns each group's story id; every story touched is marked for a dossier update.
    /// A regroup also settles the replays owed by the stories it replaces.
    @discardableResult
    func regroup(_ groups: [StoryGroup], replacing: [Int]) throws -> [Int]
    /// Replays owed (each: the stories to re-form together), oldest first.
    func pendingReplays() throws -> [[Int]]
    /// Settles the replay a story owes (it changed nothing).
    func settleReplay(of story: Int) throws
    /// Records another content hash for an article (the same text arrived in other bytes).
    func addAlias(contentHash: String, of id: Int) throws
    /// Replaces the analysis of an article's latest revision (after a stage upgrade), marking its story.
    func replaceAnalysis(of id: Int, with article: Article, member: StoryClusterer.Member?) throws

    // MARK: Embeddings by content hash

    func vectors(_ keys: [UInt64]) throws -> [UInt64: [Float]]
    func saveVectors(_ vectors: [(UInt64, [Float])]) throws

    // MARK: Stories

    /// Stories whose members changed since their dossier was last saved, oldest change first.
    func dirtyStories() throws -> [Int]
    /// A story's members (latest revisions, in the order they joined) and the story's revision counter.
    func members(of story: Int) throws -> (articles: [StoredArticle], revision: Int)
    /// Saves a story's dossier as of `revision`; the story stays dirty if members arrived since. `redated` are
    /// members the story dated (readings kept with the story, not as the article's own analysis).
    func saveDossier(_ story: Story, of id: Int, revision: Int, redated: [Article], stages: [StageID],
                     work: StoryWork?) throws
    /// What the story's last refresh left for the next one to resume from.
    func work(of story: Int) throws -> StoryWork?
    /// The stories with at least one member, newest activity first, optionally active since a day.
    func stories(since: String?) throws -> [StorySummary]
    /// One story's dossier as last saved, with its members as the dossier read them.
    func story(_ id: Int) throws -> (story: Story, articles: [Article])?
    /// Stories whose dossier was made by stages other than `current`.
    func staleStories(current: [StageID]) throws -> [Int]

    // MARK: Outlets

    /// Every outlet in a saved dossier, most reports first.
    func outlets() throws -> [OutletSummary]
    /// An outlet's part in each story whose saved dossier it is in (empty for an outlet the store does not know).
    func appearances(of outlet: String) throws -> [OutletAppearance]

    // MARK: Articles

    /// Every revision of an article, oldest first.
    func revisions(of id: Int) throws -> [ArticleRevision]
    /// Articles whose analysis lists a stage outside `current` (made by an older or different version).
    func staleArticles(current: Set<StageID>) throws -> [Int]
    func document(of id: Int) throws -> StoredDocument?
    /// Full-text search over titles and texts: article ids, best first.
    func search(_ query: String, limit: Int) throws -> [Int]
    func stats() throws -> StoreStats

    // MARK: Feeds
    /// Subscribes to a feed; an URL already subscribed returns its record, unchanged (`added` false).
    func addFeed(url: String, title: String?, interval: Double) throws -> (feed: FeedRecord, added: Bool)
    /// Every subscribed feed, in the order they were added.
    func feeds() throws -> [FeedRecord]
    /// Saves what a poll (or `feeds enable|disable`) changed in a feed.
    func saveFeed(_ feed: FeedRecord) throws
    /// Unsubscribes (the articles stay). False when there was no such feed.
    func removeFeed(_ id: Int) throws -> Bool
    /// What the store remembers of these items of a feed, by key.
    func feedItems(of feed: Int, keys: [String]) throws -> [String: FeedItemState]
    /// Records items as seen, with the feed's state after the poll, in one transaction.
    func saveFeedItems(_ items: [String: FeedItemState], of feed: FeedRecord) throws
}

/// An article about to be stored, with what the store keeps beside it.
public struct NewArticle: Sendable {
    public var article: Article
    /// The document it was read from, so that it can be analysed again when a stage changes.
    public var document: StoredDocument
    public var contentHash: String
    /// The canonical URL (`DocumentIdentity.canonicalURL`), nil when the document has none.
    public var url: String?
    /// Its features as story clustering weighed them when it arrived (vectors included).
    public var member: StoryClusterer.Member?
    /// When it was stored (ISO 8601).
    public var ingested: String

    public init(article: Article, document: StoredDocument, contentHash: String, url: String?,
                member: StoryClusterer.Member?, ingested: String = StoreClock.now()) {
        self.article = article
        self.document = document
        self.contentHash = contentHash
        self.url = url
        self.member = member
        self.ingested = ingested
    }
}

/// Where a new article goes: an existing story (`id`) or a new one, with the story's clustering state after the
/// article joined and the features it counted.
public struct StoryPlacement: Sendable {
    public var id: Int?
    public var cluster: StoryClusterer.Cluster
    public var features: Set<UInt64>
    /// When the article owes a replay: the other stories to re-form with its own. Recorded with the article, so
    /// that a run killed before the replay leaves it owed (`pendingReplays`).
    public var replayWith: [Int]?

    public init(id: Int?, cluster: StoryClusterer.Cluster, features: Set<UInt64>, replayWith: [Int]? = nil) {
        self.id = id
        self.cluster = cluster
        self.features = features
        self.replayWith = replayWith
    }
}

/// One article's clustering features and the story it is in.
public struct StoredMember: Sendable {
    public var article: Int
    public var story: Int
    public var member: StoryClusterer.Member

    public init(article: Int, story: Int, member: StoryClusterer.Member) {
        self.article = article
        self.story = story
        self.member = member
    }
}

/// A story as a replay re-formed it.
public struct StoryGroup: Sendable {
    public var id: Int?
    public var cluster: StoryClusterer.Cluster
    public var articles: [Int]

    public init(id: Int?, cluster: StoryClusterer.Cluster, articles: [Int]) {
        self.id = id
        self.cluster = cluster
        self.articles = articles
    }
}

/// An article as stored: its latest revision.
public struct StoredArticle: Sendable {
    public var id: Int
    public var revision: Int
    public var story: Int?
    public var url: String?
    public var article: Article
    public var member: StoryClusterer.Member?

    public init(id: Int, revision: Int, story: Int?, url: String?, article: Article, member: StoryClusterer.Member?) {
        self.id = id
        self.revision = revision
        self.story = story
        self.url = url
        self.article = article
        self.member = member
    }
}

/// One revision of an article.
public struct ArticleRevision: Sendable, Codable, Equatable {
    public var revision: Int
    public var contentHash: String
    public var ingested: String
    public var article: Article

    public init(revision: Int, contentHash: String, ingested: String, article: Article) {
        self.revision = revision
        self.contentHash = contentHash
        self.ingested = ingested
        self.article = article
    }
}

/// The document an article was read from, as a reader produced it (`RawDocument`), in storable form.
public struct StoredDocument: Sendable, Codable, Equatable {
    public var source: String
    public var format: String
    public var fromRecord: Bool
    public var fromFeed: String?
    /// The bytes, or the text when the document came as a string (JSON records).
    public var bytes: Data?
    public var text: String?
    public var url: String?
    public var title: String?
    public var published: String?
    public var outlet: String?
    public var byline: String?
    /// The charset the HTTP header declared, for decoding the bytes again as they were first decoded.
    public var charset: String?

    public init(_ document: RawDocument) {
        source = document.source
        format = document.format.rawValue
        fromRecord = document.fromRecord
        fromFeed = document.fromFeed
        switch document.content {
        case .bytes(let b): bytes = Data(b)
        case .string(let s): text = s
        }
        url = document.given.url
        title = document.given.title
        published = document.given.published
        outlet = document.given.outlet
        byline = document.given.byline
        charset = document.given.charset
    }

    /// The document to analyse again.
    public var raw: RawDocument {
        var document = RawDocument(source: source, format: RawDocument.Format(rawValue: format) ?? .text,
                                   content: bytes.map { .bytes([UInt8]($0)) } ?? .string(text ?? ""))
        document.fromRecord = fromRecord
        document.fromFeed = fromFeed
        document.given.url = url
        document.given.title = title
        document.given.published = published
        document.given.outlet = outlet
        document.given.byline = byline
        document.given.charset = charset
        return document
    }
}

/// A story as the story list shows it.
public struct StorySummary: Sendable, Codable, Equatable {
    public var id: String
    public var title: String
    public var articles: Int
    public var outlets: Int
    /// Groups of members sharing one origin (a wire piece and its copies count once).
    public var origins: Int
    public var languages: [String]
    /// The latest publication date among its members (ISO 8601 day), or null.
    public var lastPublished: String?
    /// When an article last joined or changed (ISO 8601).
    public var updated: String
    public var claims: Int
    /// Claims carried by two or more independent origins, by one origin only, and disputed (by a source in the
    /// story, or refuted by an outlet).
    public var corroborated: Int
    public var singleOrigin: Int
    public var disputed: Int
    /// Figures the reports give different values for.
    public var divergentFigures: Int
    /// The outlets, by name (for filtering the list).
    public var outletNames: [String]
    /// Whether the dossier reflects every member yet.
    public var current: Bool

    public init(id: String, title: String, articles: Int, outlets: Int, origins: Int, languages: [String],
                lastPublished: String?, updated: String, claims: Int, corroborated: Int, singleOrigin: Int = 0,
                disputed: Int = 0, divergentFigures: Int = 0, outletNames: [String] = [], current: Bool) {
        self.id = id
        self.title = title
        self.articles = articles
        self.outlets = outlets
        self.origins = origins
        self.languages = languages
        self.lastPublished = lastPublished
        self.updated = updated
        self.claims = claims
        self.corroborated = corroborated
        self.singleOrigin = singleOrigin
        self.disputed = disputed
        self.divergentFigures = divergentFigures
        self.outletNames = outletNames
        self.current = current
    }
}

/// What a store holds.
public struct StoreStats: Sendable, Codable, Equatable {
    public var articles: Int
    public var revisions: Int
    public var stories: Int
    /// Stories whose dossier is behind their members.
    public var dirtyStories: Int
    public var vectors: Int
    public var bytes: Int?

    public init(articles: Int, revisions: Int, stories: Int, dirtyStories: Int, vectors: Int, bytes: Int?) {
        self.articles = articles
        self.revisions = revisions
        self.stories = stories
        self.dirtyStories = dirtyStories
        self.vectors = vectors
        self.bytes = bytes
    }
}

/// Wall-clock timestamps as the store records them.
public enum StoreClock {
    public static func now() -> String { string(Date()) }

    public static func string(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: date)
    }

    /// A time this clock wrote, to the minute, for people: "2031-03-10T10:00:00.000Z" → "2031-03-10 10:00".
    public static func minute(_ iso: String) -> String { String(iso.prefix(16)).replacingOccurrences(of: "T", with: " ") }

    /// A time this clock wrote (or any ISO 8601 time with or without fractions).
    public static func date(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = f.date(from: text) { return date }
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)
    }

    /// A day ("2031-03-10"), at midnight UTC.
    public static func day(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withFullDate]
        return f.date(from: String(text.prefix(10)))
    }

    /// Whether the text is exactly a calendar day written YYYY-MM-DD (no 31 April, no 29 February 2031).
    public static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              parts[0].count == 4, (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }
}

/// Story ids as users see and type them: `s12`.
public enum StoryName {
    public static func of(_ id: Int) -> String { "s\(id)" }
    /// The id in `s12` or `12`, or nil.
    public static func id(_ name: String) -> Int? {
        Int(name.hasPrefix("s") ? String(name.dropFirst()) : name)
    }
}
