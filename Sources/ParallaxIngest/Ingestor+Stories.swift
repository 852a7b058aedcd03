import Foundation
import ParallaxAnalysis
import ParallaxModel
import ParallaxStore

extension Ingestor {
    /// 5. Places new articles in stories, in event-time order, against the stories the store holds in their time
    /// window; each article, its story's new clustering state and its feature counts are one transaction.
    /// Returns the new articles' ids.
    func place(_ new: [NewArticle], progress: Progress = { _, _, _ in }) throws -> [Int] {
        guard !new.isEmpty else { return [] }
        let (profiles, order) = stories.profiles(new.map(\.article))
        let passages = order.map { profiles[$0].passage }
        var space = try store.embeddingSpace() ?? stories.background
        let vectors = try embedded(passages) {
            stories.embed(passages, space: &space) { done, total in progress(.embed, done, total) }
        }
        let times = profiles.compactMap(\.time)
        let keys = Set(profiles.flatMap { Array($0.entityCounts.keys) + Array($0.termCounts.keys) })
        let (documents, frequencies) = try store.documentFrequencies(keys)
        let open = try store.candidateStories(from: times.min(), to: times.max(),
                                              window: stories.clustering.windowDays,
                                              recent: stories.clustering.maxActiveStories)
        var clusterer = StoryClusterer(configuration: stories.clustering, open: open,
                                       documentFrequency: frequencies, documents: documents)
        var stored = Set(open.indices)
        var ids: [Int] = []
        for (k, i) in order.enumerated() {
            let (index, member) = stories.place(profiles[i], embedding: vectors?[k], in: &clusterer, explain: explain)
            var article = new[i]
            article.member = member
            let placement = StoryPlacement(
                id: stored.contains(index) ? clusterer.clusters[index].id : nil, cluster: clusterer.clusters[index],
                features: Set(profiles[i].entityCounts.keys).union(profiles[i].termCounts.keys))
            let (id, story) = try store.insert(article, joining: placement)
            clusterer.setID(story, of: index)
            stored.insert(index)
            ids.append(id)
        }
        if let space { try store.saveEmbeddingSpace(space) }
        return ids
    }

    /// 6. Recomputes the dossier of every story whose members changed since it was last saved, oldest change
    /// first. Returns the stories refreshed.
    public func refresh(progress: Progress = { _, _, _ in }) throws -> [Int] {
        let dirty = try store.dirtyStories()
        for (n, id) in dirty.enumerated() {
            try refresh(story: id)
            progress(.compare, n + 1, dirty.count)
        }
        return dirty
    }

    /// One story's provenance, title and dossier from its members as stored now.
    public func refresh(story id: Int) throws {
        let (stored, revision) = try store.members(of: id)
        guard !stored.isEmpty else { return }
        let members = stored.map(\.article)
        let vectors = stored.compactMap(\.member)
        let result = try embedded(members.flatMap(StoryPipeline.embeddedSentences)) {
            let story = stories.assemble(id: StoryName.of(id), members,
                                         members: vectors.count == members.count ? vectors : [])
            return stories.dossier(story, members: members, reader: articles)
        }
        try store.saveDossier(result.story, of: id, revision: revision, redated: result.redated,
                              stages: StoryPipeline.stages)
    }

    /// Runs `body`, which embeds `texts`, with the vectors the store already has for them; keeps the new ones.
    func embedded<T>(_ texts: [String], _ body: () throws -> T) throws -> T {
        guard let cache = stories.embeddings else { return try body() }
        let keys = Array(Set(texts.map(EmbeddingCache.key)))
        let known = try store.vectors(keys)
        cache.preload(known)
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
