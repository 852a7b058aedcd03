import Foundation
import Testing
import ParallaxAnalysis
import ParallaxModel
import ParallaxSQLite
import ParallaxStore

/// The storage conformance suite: every backend must do what the in-memory reference does. A new backend adds
/// a case to `Backend` and passes every test here.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case memory, sqlite

    var testDescription: String { rawValue }

    func make() throws -> any Store {
        switch self {
        case .memory: return InMemoryStore()
        case .sqlite: return try SQLiteStore(path: TemporaryFolder.make().appendingPathComponent("store.db").path)
        }
    }
}

enum TemporaryFolder {
    static func make() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("parallax-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Hand-built records for the suite: no pipeline runs.
enum Records {
    static func article(_ source: String, title: String, text: String, published: String? = "2031-03-10",
                        stages: [StageID] = [StageID("extract.text", 1)]) -> Article {
        var a = Article(source: source, format: "text")
        a.title = title
        a.paragraphs = text.components(separatedBy: "\n\n")
        a.text = text
        a.published = published
        a.language = "en"
        a.languages = [LanguageShare(code: "en", share: 1)]
        a.stages = stages
        return a
    }

    static func new(_ article: Article, hash: String, url: String? = nil) -> NewArticle {
        var document = RawDocument(source: article.source, format: .text, content: .bytes(Array(article.text.utf8)))
        document.given.url = url
        return NewArticle(article: article, document: StoredDocument(document), contentHash: hash, url: url,
                          member: nil, ingested: "2031-03-10T12:00:00.000Z")
    }

    /// A story's clustering state holding members at these days, with features 1…n.
    static func cluster(days: [Double?], features: [UInt64] = [1, 2, 3]) -> (StoryClusterer.Cluster, Set<UInt64>) {
        var clusterer = StoryClusterer()
        var index = 0
        for (n, day) in days.enumerated() {
            let counts = Dictionary(uniqueKeysWithValues: features.map { ($0, Float(1)) })
            let profile = StoryProfile(source: "m\(n)", language: "en", time: day, passage: "",
                                       entityCounts: counts, termCounts: [:])
            index = clusterer.add(profile, embedding: nil)
        }
        return (clusterer.clusters[index], Set(features))
    }

    /// Inserts an article as a new story (or into `story`) with members at `days`.
    @discardableResult
    static func insert(_ store: any Store, _ source: String, hash: String, url: String? = nil, days: [Double?] = [22_000],
                       story: Int? = nil, text: String = "Water rose in the valley.",
                       touched: Int = 0) throws -> (article: Int, story: Int) {
        var (cluster, features) = cluster(days: days)
        cluster.touched = touched
        return try store.insert(new(article(source, title: "Title of \(source)", text: text), hash: hash, url: url),
                                joining: StoryPlacement(id: story, cluster: cluster, features: features))
    }
}

@Suite struct StoreConformanceTests {
    @Test("an inserted article is found by its content hash, its URL, its source and its id", arguments: Backend.allCases)
    func identity(backend: Backend) throws {
        let store = try backend.make()
        let (a, s) = try Records.insert(store, "a.txt", hash: "h1", url: "https://example.org/a")
        let (b, _) = try Records.insert(store, "b.txt", hash: "h2")
        #expect(try store.article(contentHash: "h1") == a)
        #expect(try store.article(contentHash: "nope") == nil)
        #expect(try store.article(url: "https://example.org/a")?.id == a)
        #expect(try store.article(source: "b.txt")?.id == b)
        #expect(try store.article(source: "a.txt") == nil, "an article with a URL is known by its URL")
        let stored = try #require(try store.article(id: a))
        #expect(stored.story == s && stored.revision == 1 && stored.article.title == "Title of a.txt")
    }

    @Test("a story is dirty from its first member until its dossier is saved at its revision", arguments: Backend.allCases)
    func dirtyStories(backend: Backend) throws {
        let store = try backend.make()
        let (_, s) = try Records.insert(store, "a.txt", hash: "h1")
        #expect(try store.dirtyStories() == [s])
        let (members, revision) = try store.members(of: s)
        #expect(members.map(\.article.source) == ["a.txt"])
        try store.saveDossier(Story(id: "s\(s)", title: "T", articles: []), of: s, revision: revision, redated: [],
                              stages: [StageID("dossier", 1)], work: nil)
        #expect(try store.dirtyStories().isEmpty)
        try Records.insert(store, "b.txt", hash: "h2", story: s)
        #expect(try store.dirtyStories() == [s], "a new member makes the story dirty again")
        // A dossier computed before the new member cannot mark the story current.
        try store.saveDossier(Story(id: "s\(s)", title: "old", articles: []), of: s, revision: revision, redated: [],
                              stages: [StageID("dossier", 1)], work: nil)
        #expect(try store.dirtyStories() == [s])
        let (now, newer) = try store.members(of: s)
        #expect(now.map(\.article.source) == ["a.txt", "b.txt"], "members in the order they joined")
        try store.saveDossier(Story(id: "s\(s)", title: "new", articles: []), of: s, revision: newer, redated: [],
                              stages: [StageID("dossier", 1)], work: nil)
        #expect(try store.dirtyStories().isEmpty)
        #expect(try store.story(s)?.story.title == "new")
    }

    @Test("what a refresh leaves for the next comes back as saved", arguments: Backend.allCases)
    func work(backend: Backend) throws {
        let store = try backend.make()
        let (_, s) = try Records.insert(store, "a.txt", hash: "h1")
        #expect(try store.work(of: s) == nil)
        var work = StoryWork()
        work.members = ["1.1"]
        work.compared = ["1.1"]
        try store.saveDossier(Story(id: "s\(s)", title: "T", articles: []), of: s, revision: try store.members(of: s).revision,
                              redated: [], stages: [], work: work)
        #expect(try store.work(of: s) == work)
    }

    @Test("a revision is kept beside the earlier ones, and the story uses the latest", arguments: Backend.allCases)
    func revisions(backend: Backend) throws {
        let store = try backend.make()
        let (a, s) = try Records.insert(store, "a.html", hash: "h1", url: "https://example.org/a")
        try store.saveDossier(Story(id: "s\(s)", title: "T", articles: []), of: s, revision: try store.members(of: s).revision,
                              redated: [], stages: [], work: nil)
        let changed = Records.article("a.html", title: "Title corrected", text: "Water rose in the valley overnight.")
        #expect(try store.addRevision(of: a, Records.new(changed, hash: "h2", url: "https://example.org/a")) == 2)
        let revisions = try store.revisions(of: a)
        #expect(revisions.map(\.revision) == [1, 2])
        #expect(revisions.map(\.contentHash) == ["h1", "h2"])
        #expect(revisions[0].article.text == "Water rose in the valley.")
        #expect(try store.article(url: "https://example.org/a")?.article.title == "Title corrected")
        #expect(try store.article(contentHash: "h1") == a && store.article(contentHash: "h2") == a)
        #expect(try store.dirtyStories() == [s])
        #expect(try store.members(of: s).articles.map(\.revision) == [2])
        #expect(try store.stats().articles == 1 && store.stats().revisions == 2)
    }

    @Test("feature counts add up over articles; unseen features are absent", arguments: Backend.allCases)
    func documentFrequencies(backend: Backend) throws {
        let store = try backend.make()
        try Records.insert(store, "a.txt", hash: "h1")
        try Records.insert(store, "b.txt", hash: "h2")
        let (documents, frequencies) = try store.documentFrequencies([1, 2, 99, UInt64.max])
        #expect(documents == 2)
        #expect(frequencies == [1: 2, 2: 2])
    }

    @Test("candidate stories are those within the time window, plus the most recently touched", arguments: Backend.allCases)
    func candidates(backend: Backend) throws {
        let store = try backend.make()
        let (_, early) = try Records.insert(store, "early.txt", hash: "h1", days: [100, 101], touched: 1)
        let (_, late) = try Records.insert(store, "late.txt", hash: "h2", days: [200], touched: 2)
        let (_, undated) = try Records.insert(store, "undated.txt", hash: "h3", days: [nil], touched: 3)
        func ids(_ from: Double?, _ to: Double?, recent: Int = 0) throws -> [Int] {
            try store.candidateStories(from: from, to: to, window: 5, recentUndated: 10, recent: recent).map(\.id)
        }
        #expect(try ids(104, 104) == [early, undated], "an undated story may take any article")
        #expect(try ids(104, 196) == [early, late, undated])
        #expect(try ids(150, 150) == [undated])
        #expect(try ids(nil, nil) == [undated])
        #expect(try ids(nil, nil, recent: 2) == [late, undated], "the most recently touched, for undated articles")
        let cluster = try #require(try store.candidateStories(from: 100, to: 100, window: 5, recentUndated: 0,
                                                               recent: 0).first)
        #expect(cluster.firstTime == 100 && cluster.lastTime == 101 && cluster.members.count == 2,
                "the clustering state comes back as it was saved")
    }

    @Test("vectors and the embedding space come back as saved", arguments: Backend.allCases)
    func vectors(backend: Backend) throws {
        let store = try backend.make()
        try store.saveVectors([(7, [0.5, -1, 2]), (UInt64.max, [1, 2, 3])])
        #expect(try store.vectors([7, 8, UInt64.max]) == [7: [0.5, -1, 2], UInt64.max: [1, 2, 3]])
        #expect(try store.embeddingSpace() == nil)
        var space = EmbeddingSpace(dimension: 3)
        space.observe([[1, 2, 3], [3, 2, 1]])
        try store.saveEmbeddingSpace(space)
        #expect(try store.embeddingSpace()?.mean == [2, 2, 2])
        #expect(try store.embeddingSpace()?.count == 2)
    }

    @Test("stories list newest first, and since a day", arguments: Backend.allCases)
    func storyList(backend: Backend) throws {
        let store = try backend.make()
        let early = Records.article("early.txt", title: "Early", text: "First report.", published: "2031-03-01")
        let late = Records.article("late.txt", title: "Late", text: "Second report.", published: "2031-03-09")
        let (c1, f1) = Records.cluster(days: [22_000])
        let (_, s1) = try store.insert(Records.new(early, hash: "h1"), joining: StoryPlacement(id: nil, cluster: c1, features: f1))
        let (_, s2) = try store.insert(Records.new(late, hash: "h2"), joining: StoryPlacement(id: nil, cluster: c1, features: f1))
        let list = try store.stories(since: nil)
        #expect(list.map(\.id) == [StoryName.of(s2), StoryName.of(s1)])
        #expect(list[0].articles == 1 && !list[0].current, "a story waiting for its first dossier is listed")
        #expect(try store.stories(since: "2031-03-05").map(\.id) == [StoryName.of(s2)])
        let dossier = Story(id: StoryName.of(s2), title: "Late news", articles: [StoryArticle(article: late)],
                            origins: [["late.txt"]])
        try store.saveDossier(dossier, of: s2, revision: try store.members(of: s2).revision, redated: [], stages: [],
                              work: nil)
        let summary = try #require(try store.stories(since: nil).first)
        #expect(summary.title == "Late news" && summary.current && summary.languages == ["en"] && summary.outlets == 1)
    }

    @Test("outlets come from saved dossiers: their framing, the text they share, and none from an emptied story",
          arguments: Backend.allCases)
    func outlets(backend: Backend) throws {
        let store = try backend.make()
        var a = Records.article("a.txt", title: "Dam fails", text: "Water rose.", published: "2031-03-10")
        a.outlet = "Harbour Courier"
        var b = Records.article("b.txt", title: "Dam gives way", text: "Water rose fast.", published: "2031-03-11")
        b.outlet = "Evening Loop"
        let (c1, f1) = Records.cluster(days: [22_000])
        let (_, s) = try store.insert(Records.new(a, hash: "h1"), joining: StoryPlacement(id: nil, cluster: c1, features: f1))
        try store.insert(Records.new(b, hash: "h2"), joining: StoryPlacement(id: s, cluster: c1, features: f1))
        let (_, other) = try Records.insert(store, "c.txt", hash: "h3", days: [22_001])
        #expect(try store.outlets().isEmpty, "no dossier yet")
        var dossier = Story(id: StoryName.of(s), title: "Dam breach", members: [a, b])
        dossier.provenance = [ProvenanceEdge(from: "a.txt", to: "b.txt", relation: .copy, directed: true, evidence: "90 %")]
        var framing = OutletFraming(sources: ["b.txt"])
        framing.labels = ["regime": 2]
        framing.claims = 4
        framing.hedgedShare = 0.5
        dossier.framing = ["Evening Loop": framing]
        try store.saveDossier(dossier, of: s, revision: try store.members(of: s).revision, redated: [], stages: [], work: nil)
        try store.saveDossier(Story(id: StoryName.of(other), title: "Other", members: [Records.article("c.txt", title: "C", text: "x")]),
                              of: other, revision: try store.members(of: other).revision, redated: [], stages: [], work: nil)
        let list = try store.outlets()
        #expect(Set(list.map(\.name)) == ["Harbour Courier", "Evening Loop", "c.txt"])
        #expect(list.first { $0.name == "Evening Loop" } == OutletSummary(name: "Evening Loop", stories: 1, reports: 1, latest: "2031-03-11"))
        let loop = try store.appearances(of: "Evening Loop")
        #expect(loop.count == 1 && loop[0].story == s && loop[0].framing?.labels == ["regime": 2])
        #expect(loop[0].links == [OutletLink(outlet: "Harbour Courier", relation: .copy, direction: .takesFrom)])
        #expect(try store.appearances(of: "Harbour Courier").first?.links.first?.direction == .takenBy)
        #expect(try store.appearances(of: "Nobody").isEmpty)
        let profile = OutletProfile(name: "Evening Loop", appearances: loop)
        #expect(profile.labels == ["regime": 2] && profile.hedgedShare == 0.5 && profile.periods.map(\.period) == ["2031-03-11"])
        // A newer dossier replaces what the older said; an emptied story no longer counts.
        dossier.framing = [:]
        try store.saveDossier(dossier, of: s, revision: try store.members(of: s).revision, redated: [], stages: [], work: nil)
        #expect(try store.appearances(of: "Evening Loop").first?.framing == nil)
        let (merged, _) = Records.cluster(days: [22_000])
        let ids = try store.members(of: s).articles.map(\.id) + store.members(of: other).articles.map(\.id)
        try store.regroup([StoryGroup(id: other, cluster: merged, articles: ids)], replacing: [s, other])
        #expect(try store.appearances(of: "Evening Loop").isEmpty)
    }

    @Test("full-text search finds articles by the words of their title and text", arguments: Backend.allCases)
    func search(backend: Backend) throws {
        let store = try backend.make()
        let (a, _) = try Records.insert(store, "a.txt", hash: "h1", text: "The dam at Tarnava burst overnight.")
        try Records.insert(store, "b.txt", hash: "h2", text: "Elections were held in the north.")
        #expect(try store.search("tarnava dam", limit: 10) == [a])
        #expect(try store.search("\"unbalanced OR quote*", limit: 10).isEmpty, "query syntax is taken as words")
        #expect(try store.search("", limit: 10).isEmpty)
    }

    @Test("articles and dossiers made by other stage versions are stale; nothing else is", arguments: Backend.allCases)
    func staleness(backend: Backend) throws {
        let store = try backend.make()
        let current = StageID("claims.rules", 2)
        let (old, s) = try Records.insert(store, "old.txt", hash: "h1")
        try store.replaceAnalysis(of: old, with: Records.article("old.txt", title: "T", text: "x",
                                                                  stages: [StageID("claims.rules", 1)]), member: nil)
        let fresh = Records.article("new.txt", title: "T", text: "y", stages: [current])
        let (c, f) = Records.cluster(days: [22_000])
        try store.insert(Records.new(fresh, hash: "h2"), joining: StoryPlacement(id: nil, cluster: c, features: f))
        #expect(try store.staleArticles(current: [current]) == [old])
        try store.saveDossier(Story(id: "s\(s)", title: "T", articles: []), of: s, revision: try store.members(of: s).revision,
                              redated: [], stages: [StageID("dossier", 1)], work: nil)
        #expect(try store.staleStories(current: [StageID("dossier", 1)]).isEmpty)
        #expect(try store.staleStories(current: [StageID("dossier", 2)]) == [s])
        #expect(try store.document(of: old)?.source == "old.txt")
    }

    @Test("a regroup moves articles between stories in one step; an emptied story is never a candidate again",
          arguments: Backend.allCases)
    func regroup(backend: Backend) throws {
        let store = try backend.make()
        let (a, s1) = try Records.insert(store, "a.txt", hash: "h1", days: [100])
        let (b, s2) = try Records.insert(store, "b.txt", hash: "h2", days: [101])
        let (merged, _) = Records.cluster(days: [100, 101])
        let ids = try store.regroup([StoryGroup(id: s1, cluster: merged, articles: [a, b])], replacing: [s1, s2])
        #expect(ids == [s1])
        #expect(try store.members(of: s1).articles.map(\.id) == [a, b])
        #expect(try store.members(of: s2).articles.isEmpty)
        #expect(try store.article(id: b)?.story == s1)
        #expect(try store.stories(since: nil).map(\.id) == [StoryName.of(s1)])
        let candidates = try store.candidateStories(from: 101, to: 101, window: 5, recentUndated: 10, recent: 10)
        #expect(candidates.map(\.id) == [s1], "the emptied story keeps no state to join")
        #expect(Set(try store.dirtyStories()) == [s1, s2])
        #expect(try store.stats().stories == 1)
    }

    @Test("canonical URLs drop what tracks a reader and keep what names a page",
          arguments: [
            ("HTTPS://News.Example:443/a/?utm_source=x&b=2&a=1#top", "https://news.example/a?a=1&b=2"),
            ("http://news.example/search?q=c%2B%2B&fbclid=zz", "http://news.example/search?q=c%2B%2B"),
            ("https://news.example/?utm_campaign=y", "https://news.example/"),
            ("ftp://news.example/a", nil),
            ("not a url", nil),
          ] as [(String, String?)])
    func canonicalURLs(input: String, expected: String?) {
        #expect(DocumentIdentity.canonicalURL(input) == expected)
        if let expected { #expect(DocumentIdentity.canonicalURL(expected) == expected, "idempotent") }
    }

    @Test("a replay owed is recorded with the article that owes it, and settled by a regroup or by hand",
          arguments: Backend.allCases)
    func replaysOwed(backend: Backend) throws {
        let store = try backend.make()
        let (a, s1) = try Records.insert(store, "a.txt", hash: "h1", days: [100])
        #expect(try store.pendingReplays().isEmpty)
        let (cluster, features) = Records.cluster(days: [99])
        let (b, s2) = try store.insert(Records.new(Records.article("b.txt", title: "B", text: "Early report."), hash: "h2"),
                                       joining: StoryPlacement(id: nil, cluster: cluster, features: features, replayWith: [s1]))
        #expect(try store.pendingReplays() == [[s1, s2]])
        try store.settleReplay(of: s2)
        #expect(try store.pendingReplays().isEmpty)
        let (c, _) = try store.insert(Records.new(Records.article("c.txt", title: "C", text: "Another."), hash: "h3"),
                                      joining: StoryPlacement(id: s2, cluster: cluster, features: features, replayWith: []))
        #expect(try store.pendingReplays() == [[s2]])
        let (merged, _) = Records.cluster(days: [99, 100])
        try store.regroup([StoryGroup(id: s1, cluster: merged, articles: [a, b, c])], replacing: [s1, s2])
        #expect(try store.pendingReplays().isEmpty, "the regroup settled it")
    }

    @Test("feeds: added once per URL, saved whole, their items remembered by key, removed with their items",
          arguments: Backend.allCases)
    func feeds(backend: Backend) throws {
        let store = try backend.make()
        let (a, isNew) = try store.addFeed(url: "https://one.example/rss", title: "One", interval: 1800)
        #expect(isNew && a.id >= 1 && a.status == "new" && a.nextPoll == a.added && a.interval == 1800)
        let (again, added) = try store.addFeed(url: "https://one.example/rss", title: "Other", interval: 60)
        #expect(!added && again == a)
        let (b, _) = try store.addFeed(url: "https://two.example/atom", title: nil, interval: 1800)
        #expect(try store.feeds().map(\.url) == ["https://one.example/rss", "https://two.example/atom"])

        var polled = a
        polled.etag = "\"v1\""
        polled.lastSuccess = "2031-03-10T10:00:00.000Z"
        polled.items = 2
        let items = ["g1": FeedItemState(hash: "h1", article: 7, page: "https://one.example/1", etag: "\"p1\"", seen: "2031-03-10T10:00:00.000Z"),
                     "g2": FeedItemState(hash: "h2", seen: "2031-03-10T10:00:00.000Z")]
        try store.saveFeedItems(items, of: polled)
        #expect(try store.feeds().first == polled)
        #expect(try store.feedItems(of: a.id, keys: ["g1", "g2", "g3"]) == items)
        #expect(try store.feedItems(of: b.id, keys: ["g1"]).isEmpty, "items belong to their feed")
        var changed = items
        changed["g1"]?.hash = "h1b"
        try store.saveFeedItems(["g1": changed["g1"]!], of: polled)
        #expect(try store.feedItems(of: a.id, keys: ["g1"])["g1"]?.hash == "h1b")

        var off = b
        off.enabled = false
        off.disabledReason = "by hand"
        try store.saveFeed(off)
        #expect(try store.feeds().last?.status == "disabled")
        #expect(try store.removeFeed(a.id))
        #expect(!(try store.removeFeed(a.id)))
        #expect(try store.feeds().map(\.id) == [b.id])
        #expect(try store.feedItems(of: a.id, keys: ["g1", "g2"]).isEmpty)
        let (readded, _) = try store.addFeed(url: "https://one.example/rss", title: nil, interval: 1800)
        #expect(readded.id != b.id && readded.items == 0)
    }
}
