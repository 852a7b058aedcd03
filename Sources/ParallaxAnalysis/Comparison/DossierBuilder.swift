import ParallaxModel

/// A story's reports, compared: 1. claim sentences aligned into claims, 2. refutations aimed at what they refute,
/// 3. origins and statuses, 4. figures side by side, 5. dated events, 6. what some outlets leave out, 7. framing
/// per outlet, 8. spun copies flagged.
public struct DossierBuilder: Sendable {
    public var aligner = ClaimAligner()
    public var framer: OutletFramer
    public var spinning: SpinningDetector
    public var stopwords: Stoplists
    public var languages: LanguageKit
    /// What each article yields alone, kept while this builder lives (a growing story re-reads its members).
    public var memo = ArticleMemo()

    public init(stopwords: Stoplists, languages: LanguageKit = .shipped, spinning: SpinningDetector = .shipped) {
        self.stopwords = stopwords
        self.languages = languages
        self.spinning = spinning
        framer = OutletFramer(languages: languages)
    }

    /// The story with its dossier filled in. `articles` are the story's members in its order; `sentenceVectors`
    /// (centred, per article, possibly fewer than its sentences) come from the embedding model when there is one.
    public func dossier(_ story: Story, articles: [Article], sentenceVectors: [[[Float]]]?) -> Story {
        dossier(story, articles: articles, sentenceVectors: sentenceVectors, keys: nil, work: nil).story
    }

    /// The dossier, resuming the claim alignment of `work` when its members are the first of `keys` (the members'
    /// version keys, parallel to `articles`); returns the work to resume from next time.
    public func dossier(_ story: Story, articles: [Article], sentenceVectors: [[[Float]]]?, keys: [String]?,
                        work: StoryWork?) -> (story: Story, work: StoryWork) {
        var story = story
        let context = StoryContext(articles: articles, origins: story.origins, provenance: story.provenance)
        // 1–3. Claims.
        let (nodes, refutations) = claimNodes(articles, vectors: sentenceVectors)
        let clusters = align(nodes, keys: keys, work: work)
        var next = work ?? StoryWork()
        next.members = keys ?? articles.map(\.source)
        next.claims = clusters.map { $0.map { StoryWork.SentenceRef(member: nodes[$0].article, sentence: nodes[$0].sentence) } }
        let aimed = aim(refutations, at: nodes, clusters: clusters)
        let triangulator = ClaimTriangulator(context: context, languages: languages)
        var claims = clusters.indices.map { c in
            triangulator.claim(id: "", nodes: clusters[c].map { nodes[$0] }, refutations: aimed[c] ?? [],
                               aligner: aligner)
        }
        let order = claims.indices.sorted { a, b in
            (claims[a].outlets.count, claims[a].origins.count, -a) > (claims[b].outlets.count, claims[b].origins.count, -b)
        }
        claims = order.enumerated().map { n, c in
            var claim = claims[c]
            claim.id = "\(story.id).c\(n + 1)"
            return claim
        }
        story.claims = claims
        // 4. Figures, through the claims their sentences belong to.
        var claimOf: [Int: [Int: Int]] = [:]
        for (n, c) in order.enumerated() {
            for i in clusters[c] { claimOf[nodes[i].article, default: [:]][nodes[i].sentence] = n }
        }
        story.figures = FigureComparer(context: context, stopwords: stopwords).comparisons(claimOf: claimOf)
        // 5–6. Timeline and coverage gaps.
        story.timeline = timeline(context, claimOf: claimOf, claims: claims)
        story.gaps = gaps(claims, outlets: context.outlets)
        // 7–8. Framing and spinning.
        story.framing = framer.framing(articles, memo: memo)
        let bySource = Dictionary(articles.map { ($0.source, $0) }, uniquingKeysWith: { a, _ in a })
        for i in story.articles.indices {
            if let a = bySource[story.articles[i].source] { story.articles[i].flags += memo.value(a, "spun") { spinning.flags(a) } }
        }
        return (story, next)
    }

    /// The claim clusters: `work`'s alignment resumed when it covers the first members unchanged (every claim
    /// sentence of those members placed), else aligned from scratch.
    func align(_ nodes: [ClaimNode], keys: [String]?, work: StoryWork?) -> [[Int]] {
        guard let keys, let work, !work.members.isEmpty, keys.starts(with: work.members) else {
            return aligner.clusters(nodes)
        }
        let index = Dictionary(nodes.indices.map { (StoryWork.SentenceRef(member: nodes[$0].article, sentence: nodes[$0].sentence), $0) },
                               uniquingKeysWith: { a, _ in a })
        let resumed = work.claims.map { $0.compactMap { index[$0] } }.filter { !$0.isEmpty }
        let prefix = nodes.prefix { $0.article < work.members.count }.count
        // Every sentence the work placed is still a claim sentence, and every claim sentence was placed.
        guard resumed.joined().count == work.claims.joined().count, resumed.joined().count == prefix,
              Set(resumed.joined()) == Set(0..<prefix) else {
            return aligner.clusters(nodes)
        }
        return aligner.clusters(nodes, resuming: resumed, from: prefix)
    }

    // MARK: Claim sentences

    /// One node per sentence that makes a claim (its first non-refuting claim, a quotation preferred), and the
    /// refuting sentences apart. Sentences of fewer than three content words say too little to align.
    func claimNodes(_ articles: [Article], vectors: [[[Float]]]?) -> (nodes: [ClaimNode], refutations: [ClaimNode]) {
        var nodes: [ClaimNode] = []
        var refutations: [ClaimNode] = []
        for (i, a) in articles.enumerated() {
            let (made, refuting) = memo.value(a, "claim-nodes") { claimNodes(of: a) }
            func placed(_ node: ClaimNode) -> ClaimNode {
                var n = node
                n.article = i
                n.vector = vectors.flatMap { n.sentence < $0[i].count ? $0[i][n.sentence] : nil }
                return n
            }
            nodes += made.map(placed)
            refutations += refuting.map(placed)
        }
        return (nodes, refutations)
    }

    /// Claim sentences of one article that a story compares: its first 200. A report makes a few dozen claims; a
    /// document of thousands would make alignment, which compares every pair in a story, run for minutes.
    static let maxClaimNodes = 200

    /// One article's claim nodes, without their place in the story or vectors.
    private func claimNodes(of a: Article) -> (nodes: [ClaimNode], refutations: [ClaimNode]) {
        var nodes: [ClaimNode] = []
        var refutations: [ClaimNode] = []
        let bySentence = Dictionary(grouping: a.claims, by: \.sentence)
        let figuresBySentence = Dictionary(grouping: a.figures.filter { $0.value >= 10 }, by: \.sentence)
        for s in bySentence.keys.sorted() where s < a.sentences.count {
            if nodes.count + refutations.count >= Self.maxClaimNodes { break }
            let claims = bySentence[s]!
            let language = a.sentences[s].language ?? a.language
            let words = contentWords(a.sentences[s].text, language: language)
            let figures = Set((figuresBySentence[s] ?? []).compactMap(\.whole))
            if let refuting = claims.first(where: \.refutes) {
                refutations.append(ClaimNode(article: 0, sentence: s, claim: refuting, language: language,
                                             words: words, figures: figures, vector: nil))
                continue
            }
            guard words.count >= 3 else { continue }
            let claim = claims.first { $0.kind == .quote } ?? claims[0]
            var node = ClaimNode(article: 0, sentence: s, claim: claim, language: language, words: words,
                                 figures: figures, vector: nil)
            // The node's own reading used the shipped language data; this builder's may differ.
            node.negative = ClaimTriangulator.isNegative(claim, language: language, languages: languages)
            nodes.append(node)
        }
        return (nodes, refutations)
    }

    func contentWords(_ text: String, language: String?) -> Set<String> {
        Set(WordTokenizer.contentWords(of: text, stopwords: language.flatMap { stopwords.words[$0] } ?? []))
    }

    /// Which claim each refuting sentence is aimed at: the claim, among the five sentences before it in its
    /// article, that shares most of its words, at least two ("There is no evidence of genocide in eastern
    /// Ukraine" → the genocide accusation); or, when the refutation names little itself ("There is no evidence
    /// to confirm these claims"), the sentence right before it. A refutation that names something no claim
    /// before it shares is aimed at nothing rather than at a guess.
    func aim(_ refutations: [ClaimNode], at nodes: [ClaimNode], clusters: [[Int]]) -> [Int: [ClaimNode]] {
        var clusterOf: [Int: Int] = [:]
        for (c, members) in clusters.enumerated() { for i in members { clusterOf[i] = c } }
        var out: [Int: [ClaimNode]] = [:]
        for r in refutations {
            let before = nodes.indices.filter { i in
                nodes[i].article == r.article && nodes[i].sentence < r.sentence && nodes[i].sentence >= r.sentence - 5
            }
            let scored = before.map { (i: $0, shared: nodes[$0].words.intersection(r.words).count) }
            let namesLittle = r.words.count <= 4
            let best = scored.filter { $0.shared >= 2 }.max { ($0.shared, $0.i) < ($1.shared, $1.i) }?.i
                ?? (namesLittle ? before.last.flatMap { nodes[$0].sentence == r.sentence - 1 ? $0 : nil } : nil)
            if let target = best, let c = clusterOf[target] { out[c, default: []].append(r) }
        }
        return out
    }
}
