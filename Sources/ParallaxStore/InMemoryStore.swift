import Foundation
import ParallaxAnalysis
import ParallaxModel

/// The reference store: everything in memory, behind one lock. `parallax analyze` runs on it (ingest, then
/// export, like any store), and the conformance suite holds every other backend to what it does. Not final: tests
/// subclass it to fail a write, as a killed process would.
public class InMemoryStore: Store, @unchecked Sendable {
    // Sendable: every property below is only touched while holding `lock`.
    private let lock = NSLock()

    private struct Row {
        var revisions: [ArticleRevision]
        var story: Int
        var url: String?
        var member: StoryClusterer.Member?
        var document: StoredDocument
    }

    private struct StoryRow {
        var cluster: StoryClusterer.Cluster
        var members: [Int] = []
        var revision = 1
        var dossierRevision = 0
        var dossier: Story?
        var redated: [Article] = []
        var stages: [StageID] = []
        var work: StoryWork?
        var replay: (stories: [Int], order: Int)?
        var updated = ""
        var changed = 0
    }

    private var articles: [Row] = []
    private var hashes: [String: Int] = [:]
    private var urls: [String: Int] = [:]
    private var sources: [String: Int] = [:]
    private var storyRows: [StoryRow] = []
    private var frequencies: [UInt64: Int] = [:]
    private var space: EmbeddingSpace?
    private var vectorRows: [UInt64: [Float]] = [:]
    // Feeds (InMemoryStore+Feeds.swift).
    var feedRows: [FeedRecord] = []
    var itemRows: [Int: [String: FeedItemState]] = [:]
    /// Counts writes: what orders dirty stories.
    private var clock = 0

    public init() {}

    func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    private func stored(_ id: Int) -> StoredArticle? {
        guard id >= 1, id <= articles.count else { return nil }
        let row = articles[id - 1]
        return StoredArticle(id: id, revision: row.revisions.count, story: row.story, url: row.url,
                             article: row.revisions.last!.article, member: row.member)
    }

    public func article(contentHash: String) throws -> Int? { locked { hashes[contentHash] } }
    public func article(url: String) throws -> StoredArticle? { locked { urls[url].flatMap(stored) } }
    public func article(source: String) throws -> StoredArticle? { locked { sources[source].flatMap(stored) } }
    public func article(id: Int) throws -> StoredArticle? { locked { stored(id) } }

    public func documentFrequencies(_ keys: Set<UInt64>) throws -> (documents: Int, frequencies: [UInt64: Int]) {
        locked {
            var out: [UInt64: Int] = [:]
            for k in keys { if let n = frequencies[k] { out[k] = n } }
            return (articles.count, out)
        }
    }

    public func candidateStories(from: Double?, to: Double?, window: Double, recentUndated: Int,
                                 recent: Int) throws -> [StoryClusterer.Cluster] {
        locked {
            var chosen = Set<Int>()
            if let from, let to {
                for (i, s) in storyRows.enumerated() where !s.members.isEmpty {
                    if let first = s.cluster.firstTime, let last = s.cluster.lastTime,
                       first <= to + window, last >= from - window { chosen.insert(i) }
                }
            }
            let byRecency = storyRows.indices.filter { !storyRows[$0].members.isEmpty }
                .sorted { storyRows[$0].cluster.touched > storyRows[$1].cluster.touched }
            chosen.formUnion(byRecency.filter { storyRows[$0].cluster.firstTime == nil }.prefix(recentUndated))
            chosen.formUnion(byRecency.prefix(recent))
            return chosen.sorted().map { storyRows[$0].cluster }
        }
    }

    public func embeddingSpace() throws -> EmbeddingSpace? { locked { space } }
    public func saveEmbeddingSpace(_ space: EmbeddingSpace) throws { locked { self.space = space } }

    public func insert(_ new: NewArticle, joining placement: StoryPlacement) throws -> (article: Int, story: Int) {
        locked {
            clock += 1
            let storyID: Int
            if let id = placement.id, id >= 1, id <= storyRows.count {
                storyID = id
            } else {
                storyID = storyRows.count + 1
                storyRows.append(StoryRow(cluster: placement.cluster))
            }
            let id = articles.count + 1
            articles.append(Row(revisions: [ArticleRevision(revision: 1, contentHash: new.contentHash,
                                                            ingested: new.ingested, article: new.article)],
                                story: storyID, url: new.url, member: new.member, document: new.document))
            hashes[new.contentHash] = id
            if let url = new.url { urls[url] = id } else { sources[new.article.source] = id }
            var cluster = placement.cluster
            cluster.id = storyID
            storyRows[storyID - 1].cluster = cluster
            storyRows[storyID - 1].members.append(id)
            if let others = placement.replayWith { storyRows[storyID - 1].replay = (others + [storyID], clock) }
            touch(storyID, at: new.ingested)
            for key in placement.features { frequencies[key, default: 0] += 1 }
            return (id, storyID)
        }
    }

    private func touch(_ story: Int, at time: String) {
        storyRows[story - 1].revision += 1
        storyRows[story - 1].updated = time
        storyRows[story - 1].changed = clock
    }

    public func addRevision(of id: Int, _ new: NewArticle) throws -> Int {
        try locked {
            guard id >= 1, id <= articles.count else { throw ParallaxError(.notFound, "no article \(id)") }
            clock += 1
            let revision = articles[id - 1].revisions.count + 1
            articles[id - 1].revisions.append(ArticleRevision(revision: revision, contentHash: new.contentHash,
                                                              ingested: new.ingested, article: new.article))
            articles[id - 1].document = new.document
            if let member = new.member { articles[id - 1].member = member }
            hashes[new.contentHash] = id
            touch(articles[id - 1].story, at: new.ingested)
            return revision
        }
    }

    public func addAlias(contentHash: String, of id: Int) throws { locked { hashes[contentHash] = id } }

    public func pendingReplays() throws -> [[Int]] {
        locked {
            storyRows.compactMap(\.replay).sorted { $0.order < $1.order }.map(\.stories)
        }
    }

    public func settleReplay(of story: Int) throws {
        locked { if story >= 1 && story <= storyRows.count { storyRows[story - 1].replay = nil } }
    }

    public func memberFeatures(of stories: [Int]) throws -> [StoredMember] {
        locked {
            stories.flatMap { s -> [StoredMember] in
                guard s >= 1, s <= storyRows.count else { return [] }
                return storyRows[s - 1].members.compactMap { id in
                    articles[id - 1].member.map { StoredMember(article: id, story: s, member: $0) }
                }
            }
        }
    }

    public func regroup(_ groups: [StoryGroup], replacing: [Int]) throws -> [Int] {
        locked {
            clock += 1
            let now = StoreClock.now()
            var ids: [Int] = []
            for group in groups {
                let id: Int
                if let given = group.id, given >= 1, given <= storyRows.count {
                    id = given
                } else {
                    storyRows.append(StoryRow(cluster: group.cluster))
                    id = storyRows.count
                }
                var cluster = group.cluster
                cluster.id = id
                storyRows[id - 1].cluster = cluster
                storyRows[id - 1].members = group.articles.sorted()
                for a in group.articles { articles[a - 1].story = id }
                touch(id, at: now)
                ids.append(id)
            }
            for story in Set(ids).union(replacing) where story >= 1 && story <= storyRows.count {
                storyRows[story - 1].replay = nil
            }
            for old in replacing where !ids.contains(old) && old >= 1 && old <= storyRows.count {
                storyRows[old - 1].members = []
                storyRows[old - 1].cluster = StoryClusterer.Cluster(id: old, members: [])
                storyRows[old - 1].dossier = nil
                touch(old, at: now)
            }
            return ids
        }
    }

    public func replaceAnalysis(of id: Int, with article: Article, member: StoryClusterer.Member?) throws {
        try locked {
            guard id >= 1, id <= articles.count else { throw ParallaxError(.notFound, "no article \(id)") }
            clock += 1
            let last = articles[id - 1].revisions.count - 1
            articles[id - 1].revisions[last].article = article
            if let member { articles[id - 1].member = member }
            touch(articles[id - 1].story, at: StoreClock.now())
        }
    }

    public func vectors(_ keys: [UInt64]) throws -> [UInt64: [Float]] {
        locked {
            var out: [UInt64: [Float]] = [:]
            for k in keys { if let v = vectorRows[k] { out[k] = v } }
            return out
        }
    }

    public func saveVectors(_ vectors: [(UInt64, [Float])]) throws {
        locked { for (k, v) in vectors { vectorRows[k] = v } }
    }

    public func dirtyStories() throws -> [Int] {
        locked {
            storyRows.indices.filter { storyRows[$0].revision > storyRows[$0].dossierRevision }
                .sorted { storyRows[$0].changed < storyRows[$1].changed }.map { $0 + 1 }
        }
    }

    public func members(of story: Int) throws -> (articles: [StoredArticle], revision: Int) {
        try locked {
            guard story >= 1, story <= storyRows.count else { throw ParallaxError(.notFound, "no story \(story)") }
            return (storyRows[story - 1].members.compactMap(stored), storyRows[story - 1].revision)
        }
    }

    public func saveDossier(_ story: Story, of id: Int, revision: Int, redated: [Article], stages: [StageID],
                            work: StoryWork?) throws {
        try locked {
            guard id >= 1, id <= storyRows.count else { throw ParallaxError(.notFound, "no story \(id)") }
            guard revision >= storyRows[id - 1].dossierRevision else { return }
            storyRows[id - 1].work = work
            storyRows[id - 1].dossier = story
            storyRows[id - 1].dossierRevision = revision
            storyRows[id - 1].redated = redated
            storyRows[id - 1].stages = stages
        }
    }

    public func work(of story: Int) throws -> StoryWork? {
        locked { story >= 1 && story <= storyRows.count ? storyRows[story - 1].work : nil }
    }

    public func stories(since: String?) throws -> [StorySummary] {
        locked {
            storyRows.indices.compactMap { i -> StorySummary? in
                let row = storyRows[i]
                guard !row.members.isEmpty else { return nil }
                let current = row.dossierRevision >= row.revision
                let lastPublished = row.members.compactMap { stored($0)?.article.published.map { String($0.prefix(10)) } }.max()
                guard let dossier = row.dossier else {
                    return .pending(id: i + 1, articles: row.members.count, lastPublished: lastPublished, updated: row.updated)
                }
                var summary = StorySummary(story: dossier, id: i + 1, updated: row.updated, current: current)
                summary.articles = row.members.count
                summary.lastPublished = lastPublished
                return summary
            }.filter { summary in since.map { (summary.lastPublished ?? summary.updated) >= $0 } ?? true }
                .sorted(by: StorySummary.newestFirst)
        }
    }

    public func story(_ id: Int) throws -> (story: Story, articles: [Article])? {
        locked {
            guard id >= 1, id <= storyRows.count, let dossier = storyRows[id - 1].dossier else { return nil }
            let redated = Dictionary(storyRows[id - 1].redated.map { ($0.source, $0) }, uniquingKeysWith: { a, _ in a })
            let members = storyRows[id - 1].members.compactMap(stored).map { redated[$0.article.source] ?? $0.article }
            return (dossier, members)
        }
    }

    public func outlets() throws -> [OutletSummary] {
        OutletSummary.list(allAppearances())
    }

    public func appearances(of outlet: String) throws -> [OutletAppearance] {
        allAppearances().filter { $0.outlet == outlet }
    }

    private func allAppearances() -> [OutletAppearance] {
        locked {
            storyRows.indices.flatMap { i in
                guard let dossier = storyRows[i].dossier, !storyRows[i].members.isEmpty else { return [OutletAppearance]() }
                return OutletAppearance.all(in: dossier, id: i + 1)
            }
        }
    }

    public func staleStories(current: [StageID]) throws -> [Int] {
        locked {
            storyRows.indices.filter { storyRows[$0].dossier != nil && storyRows[$0].stages != current }.map { $0 + 1 }
        }
    }

    public func revisions(of id: Int) throws -> [ArticleRevision] {
        locked { id >= 1 && id <= articles.count ? articles[id - 1].revisions : [] }
    }

    public func staleArticles(current: Set<StageID>) throws -> [Int] {
        locked {
            articles.indices.filter { !Set(articles[$0].revisions.last!.article.stages).isSubset(of: current) }
                .map { $0 + 1 }
        }
    }

    public func document(of id: Int) throws -> StoredDocument? {
        locked { id >= 1 && id <= articles.count ? articles[id - 1].document : nil }
    }

    public func search(_ query: String, limit: Int) throws -> [Int] {
        let words = SearchQuery.words(query)
        guard !words.isEmpty else { return [] }
        return locked {
            let scored = articles.indices.compactMap { i -> (Int, Int)? in
                let a = articles[i].revisions.last!.article
                let text = ((a.title ?? "") + " " + a.text).lowercased()
                guard words.allSatisfy({ text.contains($0) }) else { return nil }
                return (i + 1, words.reduce(0) { $0 + text.components(separatedBy: $1).count - 1 })
            }
            return scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(limit).map(\.0)
        }
    }

    public func stats() throws -> StoreStats {
        locked {
            StoreStats(articles: articles.count, revisions: articles.reduce(0) { $0 + $1.revisions.count },
                       stories: storyRows.filter { !$0.members.isEmpty }.count,
                       dirtyStories: storyRows.filter { $0.revision > $0.dossierRevision }.count,
                       vectors: vectorRows.count, bytes: nil)
        }
    }
}

/// What a search query asks for: its words, lower-cased (every word must occur).
public enum SearchQuery {
    public static func words(_ query: String) -> [String] {
        query.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }
}

extension StorySummary {
    /// The summary of a story from its saved dossier (members, outlets, languages, origins, claims).
    public init(story: Story, id: Int, updated: String, current: Bool) {
        let languages = Set(story.articles.flatMap(\.languages))
        let outlets = Set(story.articles.map(\.outletName)).sorted()
        func count(_ statuses: StoryClaim.Status...) -> Int { story.claims.filter { statuses.contains($0.status) }.count }
        self.init(
            id: StoryName.of(id), title: story.title, articles: story.articles.count,
            outlets: outlets.count, origins: story.origins.count,
            languages: languages.sorted(),
            lastPublished: story.articles.compactMap { $0.published.map { String($0.prefix(10)) } }.max(),
            updated: updated, claims: story.claims.count, corroborated: count(.corroborated),
            singleOrigin: count(.singleOrigin), disputed: count(.disputed, .refutedByOutlet),
            divergentFigures: story.figures.filter(\.divergent).count, outletNames: outlets, current: current)
    }

    /// A story whose first dossier is still being made.
    public static func pending(id: Int, articles: Int, lastPublished: String?, updated: String) -> StorySummary {
        StorySummary(id: StoryName.of(id), title: "(new story: its dossier is being made)", articles: articles,
                     outlets: 0, origins: 0, languages: [], lastPublished: lastPublished, updated: updated, claims: 0,
                     corroborated: 0, current: false)
    }

    /// Newest activity first: the latest publication day, then the latest change, then the id.
    public static func newestFirst(_ a: StorySummary, _ b: StorySummary) -> Bool {
        let (ka, kb) = (a.lastPublished ?? "", b.lastPublished ?? "")
        if ka != kb { return ka > kb }
        if a.updated != b.updated { return a.updated > b.updated }
        return (StoryName.id(a.id) ?? 0) > (StoryName.id(b.id) ?? 0)
    }
}
