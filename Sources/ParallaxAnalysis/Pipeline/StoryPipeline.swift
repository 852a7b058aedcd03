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

    /// The stages that make a story and its dossier: a stored dossier made by others is stale.
    public static let stages = [StageID("stories.online", 1), StageID("provenance.rules", 1), StageID("dossier", 1)]

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
                                       file: VectorFile.cacheDirectory()?.appendingPathComponent("e5-vectors.bin"))
            var pipeline = StoryPipeline(stopwords: stoplists, embeddings: cache, background: BackgroundMean.space(cache: cache))
            pipeline.setupWarnings += cache.warning.map { [$0] } ?? []
            return pipeline
        case .failure(let failure):
            var pipeline = StoryPipeline(stopwords: stoplists, embeddings: nil, background: nil)
            pipeline.setupWarnings.append("no sentence embeddings (\(failure.reason)): stories are grouped by shared "
                + "entities, figures and words only, which does not join reports across languages as well")
            return pipeline
        }
    }

    /// Groups articles into stories. The result does not depend on the order of `articles`: they are clustered
    /// in order of event time, then source. The store's driver (ParallaxIngest) runs the same steps against
    /// the stories a store holds.
    public func run(_ articles: [Article], explain: ((String) -> Void)? = nil,
                    progress: (Int, Int) -> Void = { _, _ in }) -> [Story] {
        // 1. Profiles, in time order.
        let (profiles, order) = profiles(articles)
        // 2–3. Embeddings, centred against the background and this corpus.
        var space = background
        let vectors = embed(order.map { profiles[$0].passage }, space: &space, progress: progress)
        // 4. Clustering.
        var clusterer = StoryClusterer(configuration: clustering)
        var members: [[(Int, StoryClusterer.Member)]] = []
        for (k, i) in order.enumerated() {
            let (story, member) = place(profiles[i], embedding: vectors?[k], in: &clusterer, explain: explain)
            if story == members.count { members.append([]) }
            members[story].append((i, member))
        }
        // 5–6. Provenance and titles.
        return members.enumerated().map { n, placed in
            assemble(id: "s\(n + 1)", placed.map { articles[$0.0] }, members: placed.map(\.1)).story
        }
    }

    /// 1. Each article's profile, and the order to place them in: event time, then source (so that a batch gives
    /// the same stories whatever order its files come in).
    public func profiles(_ articles: [Article]) -> (profiles: [StoryProfile], order: [Int]) {
        let profiles = articles.map(profiler.profile)
        let order = articles.indices.sorted { a, b in
            let (ta, tb) = (profiles[a].time ?? .infinity, profiles[b].time ?? .infinity)
            return ta != tb ? ta < tb : articles[a].source < articles[b].source
        }
        return (profiles, order)
    }

    /// 2–3. The passages' embeddings, centred in `space` after it has taken them in (nil without the model).
    public func embed(_ passages: [String], space: inout EmbeddingSpace?,
                      progress: (Int, Int) -> Void = { _, _ in }) -> [[Float]]? {
        centred(embed(passages, progress: progress), space: &space)
    }

    /// 4. Places one article in the clusterer; returns the index of its story and the member it became.
    public func place(_ profile: StoryProfile, embedding: [Float]?, in clusterer: inout StoryClusterer,
                      explain: ((String) -> Void)? = nil) -> (story: Int, member: StoryClusterer.Member) {
        clusterer.observe(profile)
        let member = clusterer.member(profile, embedding: embedding)
        explain?("\(profile.source)\n" + clusterer.explain(member).prefix(3).map { c in
            "   s\(c.cluster + 1) \(StoryClusterer.fixed(c.score)): \(StoryClusterer.describe(c.parts))"
        }.joined(separator: "\n"))
        return (clusterer.add(member), member)
    }

    /// The similarity the clusterer would see between each pair (word weights from all the pairs' articles), and
    /// whether it reaches the threshold for joining one story. For scoring against human similarity judgements.
    public func similarities(_ pairs: [(Article, Article)],
                             progress: (Int, Int) -> Void = { _, _ in }) -> [(score: Float, sameStory: Bool)] {
        let articles = pairs.flatMap { [$0.0, $0.1] }
        let profiles = articles.map(profiler.profile)
        var space = background
        let vectors = embed(profiles.map(\.passage), space: &space, progress: progress)
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
        return embeddings.embed(passages) { progress($0, passages.count) }
    }

    private func centred(_ vectors: [[Float]]?) -> [[Float]]? {
        var space = background
        return centred(vectors, space: &space)
    }

    private func centred(_ vectors: [[Float]]?, space: inout EmbeddingSpace?) -> [[Float]]? {
        guard let vectors, let first = vectors.first else { return vectors }
        var taken = space ?? EmbeddingSpace(dimension: first.count)
        taken.observe(vectors)
        space = taken
        return vectors.map(taken.centred)
    }

    /// Provenance edges among articles taken as one story.
    public func provenance(of articles: [Article]) -> [ProvenanceEdge] {
        provenance.edges(withSentenceVectors(items(articles)))
    }

    private func items(_ articles: [Article]) -> [ProvenanceDetector.Item] {
        articles.map { a in
            ProvenanceDetector.Item(article: a, time: a.published.flatMap(StoryTime.days(iso:)), sentenceVectors: nil)
        }
    }

    /// 5–6. A story of these articles (in the order they joined): who reused whom, which share an origin, and
    /// its title, that of the report most typical of the whole.
    /// `keys` name the articles' versions and `work` is what the story's last refresh left: only pairs of
    /// versions not compared before are compared.
    public func assemble(id: String, _ articles: [Article], members: [StoryClusterer.Member], keys: [String]? = nil,
                         work: StoryWork? = nil) -> (story: Story, work: StoryWork) {
        let (edges, next) = provenance.edges(withSentenceVectors(items(articles)), keys: keys ?? articles.map(\.source),
                                             work: work, memo: dossiers.memo)
        let scorer = StoryClusterer(configuration: clustering)
        let whole = StoryClusterer.Cluster(id: 0, members: members)
        let centrality = members.map { scorer.centrality($0, in: whole) }
        let central = centrality.indices.max { centrality[$0] < centrality[$1] } ?? 0
        let story = Story(
            id: id, title: Self.headline(articles[central < articles.count ? central : 0]),
            articles: articles.map(StoryArticle.init(article:)),
            provenance: edges,
            origins: ProvenanceDetector.origins(sources: articles.map(\.source), edges: edges))
        return (story, next)
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

    /// 7. The dossier, once the story has dated its undated members (`StoryDating`); returns the story and the
    /// members read again as of the story's day.
    /// With `keys` and `work` (see `assemble`), the claim alignment resumes where the last refresh left it.
    public func dossier(_ story: Story, members: [Article], reader: ArticlePipeline, keys: [String]? = nil,
                        work: StoryWork? = nil) -> (story: Story, redated: [Article], work: StoryWork) {
        let (dated, redated) = StoryDating.date(story, articles: members, reader: reader)
        let bySource = Dictionary(redated.map { ($0.source, $0) }, uniquingKeysWith: { a, _ in a })
        let read = members.map { bySource[$0.source] ?? $0 }
        let (result, next) = dossiers.dossier(dated, articles: read, sentenceVectors: sentenceVectors(read), keys: keys,
                                              work: work)
        return (result, redated, next)
    }

    /// Centred embeddings of each article's first 80 sentences (more than a long report has; bounded on very long
    /// pages), or nil without the model.
    func sentenceVectors(_ articles: [Article]) -> [[[Float]]]? {
        guard let embeddings else { return nil }
        let sentences = articles.map(Self.embeddedSentences)
        guard let vectors = centred(embeddings.embed(sentences.flatMap { $0 })) else { return nil }
        var out: [[[Float]]] = []
        var offset = 0
        for s in sentences {
            out.append(Array(vectors[offset..<(offset + s.count)]))
            offset += s.count
        }
        return out
    }

    /// The sentences of an article that dossiers and provenance embed: its first 80.
    public static func embeddedSentences(_ article: Article) -> [String] { article.sentences.prefix(80).map(\.text) }

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
