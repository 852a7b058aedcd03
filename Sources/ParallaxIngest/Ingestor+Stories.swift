import Dispatch
import Foundation
import ParallaxAnalysis
import ParallaxModel
import ParallaxStore

extension Ingestor {
    /// 5. Places new articles in stories, in event-time order, against the stories the store holds in their time
    /// window; each article, its story's new clustering state and its feature counts are one transaction.
    /// Returns the new articles' ids.
    public func place(_ new: [NewArticle], progress: Progress = { _, _, _ in }) throws -> [Int] {
        guard !new.isEmpty else { return [] }
        try settlePendingReplays()
        let (profiles, order) = stories.profiles(new.map(\.article))
        let passages = order.map { profiles[$0].passage }
        var space = try store.embeddingSpace() ?? stories.background
        let vectors = try embedded(passages) {
            stories.embed(passages, space: &space) { done, total in progress(.embed, done, total) }
        }
        // Saved before the articles centred in it (a run killed after would otherwise centre them again).
        if let space { try store.saveEmbeddingSpace(space) }
        let times = profiles.compactMap(\.time)
        let keys = Set(profiles.flatMap { Array($0.entityCounts.keys) + Array($0.termCounts.keys) })
        let (documents, frequencies) = try store.documentFrequencies(keys)
        let open = try candidates(times: times, undated: times.count < profiles.count)
        var clusterer = StoryClusterer(configuration: stories.clustering, open: open,
                                       documentFrequency: frequencies, documents: documents)
        var stored = Set(open.indices)
        var ids: [Int] = []
        for (k, i) in order.enumerated() {
            let (index, member) = stories.place(profiles[i], embedding: vectors?[k], in: &clusterer, explain: explain)
            var article = new[i]
            article.member = member
            // A report placed after reports it precedes in event time owes a replay: the stories it came close to
            // are formed again as a batch would have formed them. The debt is written with the article, so that a
            // run killed before the replay leaves it owed, and the next run settles it.
            let related = Set(clusterer.related(member, margin: replayMargin) + [index])
            let later = related.contains { c in
                clusterer.clusters[c].members.contains { $0.source != member.source && StoryClusterer.precedes(member, $0) }
            }
            let others = related.subtracting([index]).map { clusterer.clusters[$0].id }
            let placement = StoryPlacement(
                id: stored.contains(index) ? clusterer.clusters[index].id : nil, cluster: clusterer.clusters[index],
                features: Set(profiles[i].entityCounts.keys).union(profiles[i].termCounts.keys),
                replayWith: later ? others : nil)
            let (id, story) = try store.insert(article, joining: placement)
            clusterer.setID(story, of: index)
            stored.insert(index)
            ids.append(id)
            if later, try settle(others + [story], touched: related.map { clusterer.clusters[$0].touched }.max() ?? 0) {
                // Stories moved: resume from the store.
                let open = try candidates(times: times, undated: times.count < profiles.count)
                let (documents, frequencies) = try store.documentFrequencies(keys)
                clusterer = StoryClusterer(configuration: stories.clustering, open: open,
                                           documentFrequency: frequencies, documents: documents)
                stored = Set(open.indices)
            }
        }
        return ids
    }

    /// The stories a batch may join: those in its time window and the recent undated ones, and every recent one
    /// when the batch has undated articles (they may belong anywhere).
    func candidates(times: [Double], undated: Bool) throws -> [StoryClusterer.Cluster] {
        let bound = stories.clustering.maxActiveStories
        return try store.candidateStories(from: times.min(), to: times.max(), window: stories.clustering.windowDays,
                                          recentUndated: bound, recent: undated ? bound : 0)
    }

    /// Settles a replay owed by the last of `storyIDs`; returns whether stories moved.
    func settle(_ storyIDs: [Int], touched: Int) throws -> Bool {
        if try replay(storyIDs, touched: touched) { return true }
        if let owing = storyIDs.last { try store.settleReplay(of: owing) }
        return false
    }

    /// Settles the replays a killed run left owed.
    func settlePendingReplays() throws {
        for owed in try store.pendingReplays() {
            _ = try settle(owed, touched: try store.documentFrequencies([]).documents)
        }
    }

    /// Re-forms these stories by placing their members again in event-time order (with the features each had when
    /// it arrived); writes the result when it differs. Returns whether anything moved. `touched` is the stories'
    /// latest arrival number, kept as the re-formed stories' recency.
    func replay(_ storyIDs: [Int], touched: Int) throws -> Bool {
        let rows = try store.memberFeatures(of: storyIDs.sorted())
            .sorted { StoryClusterer.precedes($0.member, $1.member) }
        var local = StoryClusterer(configuration: stories.clustering)
        var groups: [[StoredMember]] = []
        for row in rows {
            let index = local.add(row.member)
            if index == groups.count { groups.append([]) }
            groups[index].append(row)
        }
        let before = Set(Dictionary(grouping: rows, by: \.story).values.map { Set($0.map(\.article)) })
        guard Set(groups.map { Set($0.map(\.article)) }) != before else { return false }
        // Each re-formed story keeps the id of the old story most of its members came from (largest first).
        var used = Set<Int>()
        var out: [StoryGroup] = []
        for index in groups.indices.sorted(by: { groups[$0].count > groups[$1].count }) {
            let counts = Dictionary(grouping: groups[index].map(\.story), by: { $0 }).mapValues(\.count)
            let id = counts.keys.filter { !used.contains($0) }.max { (counts[$0]!, -$0) < (counts[$1]!, -$1) }
            if let id { used.insert(id) }
            var cluster = local.clusters[index]
            cluster.touched = touched
            out.append(StoryGroup(id: id, cluster: cluster, articles: groups[index].map(\.article)))
        }
        try store.regroup(out, replacing: storyIDs)
        return true
    }

    /// 6. Recomputes the dossier of every story whose members changed since it was last saved, oldest change
    /// first. Returns the stories refreshed.
    public func refresh(progress: Progress = { _, _, _ in }) throws -> [Int] {
        try settlePendingReplays()
        let dirty = try store.dirtyStories()
        for (n, id) in dirty.enumerated() {
            try refresh(story: id)
            progress(.compare, n + 1, dirty.count)
        }
        return dirty
    }

    /// Where a story's refresh spent its time, in seconds.
    public struct RefreshTimes: Sendable {
        public var load = 0.0, vectors = 0.0, provenance = 0.0, dossier = 0.0, save = 0.0
        public var total: Double { load + vectors + provenance + dossier + save }
    }

    /// One story's provenance, title and dossier from its members as stored now.
    @discardableResult
    public func refresh(story id: Int) throws -> RefreshTimes {
        var times = RefreshTimes()
        var clock = DispatchTime.now().uptimeNanoseconds
        func lap() -> Double {
            let now = DispatchTime.now().uptimeNanoseconds
            defer { clock = now }
            return Double(now - clock) / 1e9
        }
        let (stored, revision) = try store.members(of: id)
        guard !stored.isEmpty else {
            // A story whose members all moved to others in a replay: nothing to show, nothing left to do.
            try store.saveDossier(Story(id: StoryName.of(id), title: "", articles: []), of: id,
                                  revision: revision, redated: [], stages: StoryPipeline.stages, work: nil)
            return times
        }
        let members = stored.map(\.article)
        let vectors = stored.compactMap(\.member)
        // A member's version: what the last refresh's work is keyed on (a revision or a new analysis voids what was
        // computed for it).
        let keys = stored.map { "\($0.id).\($0.revision).\(ArticleMemo.fingerprint($0.article))" }
        let current = StoryPipeline.stages.map(\.description)
        let work = try store.work(of: id).flatMap { $0.stages == current ? $0 : nil }
        times.load = lap()
        let result = try embedded(members.flatMap(StoryPipeline.embeddedSentences), loaded: { times.vectors = lap() }) {
            let (story, compared) = stories.assemble(id: StoryName.of(id), members,
                                                     members: vectors.count == members.count ? vectors : [],
                                                     keys: keys, work: work)
            times.provenance = lap()
            let result = stories.dossier(story, members: members, reader: articles, keys: keys, work: compared)
            times.dossier = lap()
            return result
        }
        var left = result.work
        left.stages = current
        try store.saveDossier(result.story, of: id, revision: revision, redated: result.redated,
                              stages: StoryPipeline.stages, work: left)
        times.save = lap()
        return times
    }

    /// Runs `body`, which embeds `texts`, with the vectors the store already has for them; keeps the new ones.
    func embedded<T>(_ texts: [String], loaded: () -> Void = {}, _ body: () throws -> T) throws -> T {
        guard let cache = stories.embeddings else {
            loaded()
            return try body()
        }
        let keys = Array(Set(texts.map(EmbeddingCache.key)))
        let known = try store.vectors(keys)
        cache.preload(known)
        loaded()
        let result = try body()
        try store.saveVectors(cache.held(keys.filter { known[$0] == nil }))
        return result
    }

    /// What `reanalyze --stale` did.
    public struct Reanalysis: Sendable {
        public var articles: [Int] = []
        public var stories: [Int] = []
        public var failures: [ParallaxError] = []
    }

    /// Recomputes what an upgraded stage made stale, and nothing else: articles analysed by stages this pipeline
    /// does not run are analysed again from their stored documents (keeping their place in their story), and the
    /// dossiers of their stories, and of stories made by other story stages, are recomputed.
    public func reanalyzeStale(progress: Progress = { _, _, _ in }) throws -> Reanalysis {
        var out = Reanalysis()
        let stale = try store.staleArticles(current: articles.stages)
        for (n, id) in stale.enumerated() {
            guard let document = try store.document(of: id) else { continue }
            switch analyse([document.raw]).first {
            case .success(let article)?:
                try store.replaceAnalysis(of: id, with: article, member: nil)
                out.articles.append(id)
            case .failure(let error)?: out.failures.append(error)
            case nil: break
            }
            progress(.read, n + 1, stale.count)
        }
        let staleStories = try store.staleStories(current: StoryPipeline.stages)
        for id in staleStories { try refresh(story: id) }
        out.stories = Set(staleStories).union(try refresh(progress: progress)).sorted()
        return out
    }
}
