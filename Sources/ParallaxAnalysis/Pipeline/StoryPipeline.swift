import Foundation
import ParallaxModel

/// Analysed articles → stories: 1. profile each article, 2. embed title and lead, 3. centre the vectors,
/// 4. cluster online in time order, 5. find who reused whom inside each story, 6. name each story.
public struct StoryPipeline: Sendable {
    public var profiler: StoryProfiler
    public var clustering: StoryClusterer.Configuration
    public var provenance: ProvenanceDetector
    /// Claims, figures, dates and framing compared across a story's reports.
    public var dossiers: DossierBuilder
    /// Nil without the model: clustering then runs on entities, figures and words alone.
    public var embeddings: EmbeddingCache?
    /// The background the vectors are centred against (generic news, then the corpus itself).
    public var background: EmbeddingSpace?
    /// Set-up problems to tell the user once.
    public var setupWarnings: [String] = []

    public init(stopwords: Stoplists, embeddings: EmbeddingCache?, background: EmbeddingSpace?) {
        profiler = StoryProfiler(stopwords: stopwords)
        clustering = StoryClusterer.Configuration()
        provenance = ProvenanceDetector(stopwords: stopwords)
        dossiers = DossierBuilder(stopwords: stopwords)
        self.embeddings = embeddings
        self.background = background
    }

    /// The default: stoplists and the e5 model from the data directory, when they are there.
    public static func standard(dataDirectory: URL? = DataDirectory.locate()) -> StoryPipeline {
        let stoplists = dataDirectory.map { Stoplists.load(from: $0.appendingPathComponent("justext/stoplists")) }
            ?? Stoplists(words: [:])
        switch E5Embedder.load(dataDirectory: dataDirectory) {
        case .success(let embedder):
            let cache = EmbeddingCache(embedder: embedder,
                                       file: dataDirectory?.appendingPathComponent("cache/e5-vectors.bin"))
            return StoryPipeline(stopwords: stoplists, embeddings: cache,
                                 background: BackgroundMean.space(cache: cache, dataDirectory: dataDirectory))
        case .failure(let failure):
            var pipeline = StoryPipeline(stopwords: stoplists, embeddings: nil, background: nil)
            pipeline.setupWarnings.append("no sentence embeddings (\(failure.reason)): stories are grouped by shared "
                + "entities, figures and words only, which does not join reports across languages as well")
            return pipeline
        }
    }

    /// Groups articles into stories. The result does not depend on the order of `articles`: they are clustered
    /// in order of event time, then source.
    public func run(_ articles: [Article], explain: ((String) -> Void)? = nil,
                    progress: (Int, Int) -> Void = { _, _ in }) -> [Story] {
        // 1. Profiles, in time order.
        let profiles = articles.map(profiler.profile)
        let order = articles.indices.sorted { a, b in
            let (ta, tb) = (profiles[a].time ?? .infinity, profiles[b].time ?? .infinity)
            return ta != tb ? ta < tb : articles[a].source < articles[b].source
        }
        // 2–3. Embeddings, centred against the background and this corpus.
        let vectors = centred(embed(order.map { profiles[$0].passage }, progress: progress))
        // 4. Clustering.
        var clusterer = StoryClusterer(configuration: clustering)
        var members: [[Int]] = []
        var weighed: [Int: StoryClusterer.Member] = [:]
        for (k, i) in order.enumerated() {
            clusterer.observe(profiles[i])
            let member = clusterer.member(profiles[i], embedding: vectors?[k])
            weighed[i] = member
            explain?("\(articles[i].source)\n" + clusterer.explain(member).prefix(3).map { c in
                "   s\(c.cluster + 1) \(StoryClusterer.fixed(c.score)): \(StoryClusterer.describe(c.parts))"
            }.joined(separator: "\n"))
            let story = clusterer.add(member)
            if story == members.count { members.append([]) }
            members[story].append(i)
        }
        // 5–6. Provenance and titles.
        return members.enumerated().map { n, indices in
            story(id: "s\(n + 1)", indices.map { articles[$0] }, members: indices.compactMap { weighed[$0] })
        }
    }

    /// The similarity the clusterer would see between each pair (word weights from all the pairs' articles), and
    /// whether it reaches the threshold for joining one story. For scoring against human similarity judgements.
    public func similarities(_ pairs: [(Article, Article)],
                             progress: (Int, Int) -> Void = { _, _ in }) -> [(score: Float, sameStory: Bool)] {
        let articles = pairs.flatMap { [$0.0, $0.1] }
        let profiles = articles.map(profiler.profile)
        let vectors = centred(embed(profiles.map(\.passage), progress: progress))
        var clusterer = StoryClusterer(configuration: clustering)
        profiles.forEach { clusterer.observe($0) }
        let members = profiles.indices.map { clusterer.member(profiles[$0], embedding: vectors?[$0]) }
        return pairs.indices.map { i in
            let (a, b) = (members[2 * i], members[2 * i + 1])
            return (clusterer.similarity(a, b), clusterer.sameStory(a, b))
        }
    }

    private func embed(_ passages: [String], progress: (Int, Int) -> Void) -> [[Float]]? {
        guard let embeddings else { return nil }
        defer { embeddings.save() }
        return embeddings.embed(passages) { progress($0, passages.count) }
    }

    private func centred(_ vectors: [[Float]]?) -> [[Float]]? {
        guard let vectors, let first = vectors.first else { return vectors }
        var space = background ?? EmbeddingSpace(dimension: first.count)
        space.observe(vectors)
        return vectors.map(space.centred)
    }

    /// Provenance edges among articles taken as one story.
    public func provenance(of articles: [Article]) -> [ProvenanceEdge] {
        let items = articles.map { a in
            ProvenanceDetector.Item(article: a, time: a.published.flatMap(StoryTime.days(iso:)), sentenceVectors: nil)
        }
        return provenance.edges(withSentenceVectors(items))
    }

    private func story(id: String, _ articles: [Article], members: [StoryClusterer.Member]) -> Story {
        let edges = provenance(of: articles)
        let scorer = StoryClusterer(configuration: clustering)
        let centrality = members.indices.map { i in
            members.indices.filter { $0 != i }.reduce(Float(0)) { $0 + scorer.similarity(members[i], members[$1]) }
        }
        let central = centrality.indices.max { centrality[$0] < centrality[$1] } ?? 0
        return Story(
            id: id, title: Self.headline(articles[central]),
            articles: articles.map(StoryArticle.init(article:)),
            provenance: edges,
            origins: ProvenanceDetector.origins(sources: articles.map(\.source), edges: edges))
    }

    /// A copy whose vector cache starts empty and is kept in memory: every vector is computed, as on a first run.
    public func withEmptyCache() -> StoryPipeline {
        var fresh = self
        if let cache = embeddings { fresh.embeddings = EmbeddingCache(embedder: cache.embedder) }
        return fresh
    }

    /// The story with its dossier: claims aligned across its articles (by sentence embeddings when the model is
    /// there), figures, timeline, gaps, framing and spun copies. `articles` are the analysed articles; the story's
    /// members are looked up among them by source.
    public func dossier(_ story: Story, articles: [Article]) -> Story {
        let bySource = Dictionary(articles.map { ($0.source, $0) }, uniquingKeysWith: { a, _ in a })
        let members = story.articles.compactMap { bySource[$0.source] }
        return dossiers.dossier(story, articles: members, sentenceVectors: sentenceVectors(members))
    }

    /// Centred embeddings of each article's first 80 sentences (more than a long report has; bounded on very long
    /// pages), or nil without the model.
    func sentenceVectors(_ articles: [Article]) -> [[[Float]]]? {
        guard let embeddings else { return nil }
        let sentences = articles.map { $0.sentences.prefix(80).map(\.text) }
        guard let vectors = centred(embeddings.embed(sentences.flatMap { $0 })) else { return nil }
        embeddings.save()
        var out: [[[Float]]] = []
        var offset = 0
        for s in sentences {
            out.append(Array(vectors[offset..<(offset + s.count)]))
            offset += s.count
        }
        return out
    }

    /// The article's title, or its first sentence (shortened) when it has none.
    static func headline(_ article: Article) -> String {
        if let title = article.title, !title.isEmpty { return title }
        guard let first = article.sentences.first?.text else { return article.source }
        return first.shortened(to: 120)
    }

    /// Sentence vectors are what tells a translation from an independent report in another language; they are
    /// computed only for stories written in more than one language.
    private func withSentenceVectors(_ items: [ProvenanceDetector.Item]) -> [ProvenanceDetector.Item] {
        guard Set(items.compactMap(\.article.language)).count > 1,
              let vectors = sentenceVectors(items.map(\.article)) else { return items }
        var out = items
        for i in out.indices { out[i].sentenceVectors = vectors[i] }
        return out
    }
}
