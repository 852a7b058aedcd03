import ParallaxModel

/// One sentence of a story's article that makes a claim: the unit claims are aligned on.
struct ClaimNode: Sendable {
    /// Index into the story's articles, and into that article's sentences and claims.
    var article: Int
    var sentence: Int
    var claim: Claim
    var language: String?
    /// Content words (folded, stopwords out), for same-language comparison.
    var words: Set<String>
    /// Figure values in the sentence: a claim of 150,000 and one of 40,000 are not the same claim.
    var figures: Set<Int>
    /// The sentence's embedding, centred; nil without the model.
    var vector: [Float]?
}

/// Groups the claim sentences of a story's articles into claims: the same proposition in other words, another
/// translation or another language.
///
/// Greedy and average-linked, in article order: each sentence joins the claim whose members it resembles most on
/// average, if that reaches `threshold`, and if the claim has no sentence from its article yet (an article states
/// a claim once; a second sentence is a different point). Similarity is the centred embedding cosine, raised by
/// the share of content words two sentences of one language have in common; sentences with figures that
/// disagree (150,000 against 40,000) are held apart.
public struct ClaimAligner: Sendable {
    public struct Configuration: Sendable {
        /// 0.52 within a language: on the seeds most pairs above it were one proposition reworded, and most pairs
        /// of different statements about the same event fell below (at 0.50 four more such pairs joined). On the
        /// SemEval pairs 0.48 gains little correlation (0.482 against 0.478) and doubles the claims unrelated
        /// reports share (6 % against 3 %); 0.56 loses correlation (0.436) (docs/dossier.md).
        public var threshold: Float = 0.52
        /// Between languages there are no shared words to add, and a translated sentence sits lower: a sentence
        /// joins a claim with no sentence in its language yet at 0.40. On 160 SemEval-2022 T8 pairs it lifts the
        /// cross-language correlation of shared claims with human similarity from 0.23 (at 0.52) to 0.29–0.31, with
        /// unrelated pairs sharing 3 % of claim sentences (`parallax eval claims`, docs/quality.md).
        public var crossLanguageThreshold: Float = 0.40
        /// Weight of shared content words (Dice) against the embedding, for sentences of one language.
        public var lexicalWeight: Float = 0.5
        /// Without the model, Dice of content words alone must reach this.
        public var lexicalThreshold: Float = 0.45
        public init() {}
    }

    public var configuration = Configuration()
    public init() {}

    /// Clusters of node indices, in order of their first member. `resuming` are the clusters of the first `start`
    /// nodes as an earlier run left them: only the nodes after them are placed (what a rebuild in the same order
    /// would do with them).
    func clusters(_ nodes: [ClaimNode], resuming: [[Int]] = [], from start: Int = 0) -> [[Int]] {
        var clusters = resuming
        var articlesIn = resuming.map { Set($0.map { nodes[$0].article }) }
        var languagesIn = resuming.map { Set($0.map { nodes[$0].language ?? "" }) }
        for i in nodes.indices.dropFirst(start) {
            var best: (cluster: Int, score: Float)?
            for (c, members) in clusters.enumerated() where !articlesIn[c].contains(nodes[i].article) {
                let score = members.reduce(Float(0)) { $0 + similarity(nodes[i], nodes[$1]) } / Float(members.count)
                let sameLanguage = languagesIn[c].contains(nodes[i].language ?? "")
                if score >= threshold(nodes[i], sameLanguage: sameLanguage), score > best?.score ?? -.infinity {
                    best = (c, score)
                }
            }
            if let best {
                clusters[best.cluster].append(i)
                articlesIn[best.cluster].insert(nodes[i].article)
                languagesIn[best.cluster].insert(nodes[i].language ?? "")
            } else {
                clusters.append([i])
                articlesIn.append([nodes[i].article])
                languagesIn.append([nodes[i].language ?? ""])
            }
        }
        return clusters
    }

    private func threshold(_ node: ClaimNode, sameLanguage: Bool) -> Float {
        node.vector == nil ? configuration.lexicalThreshold
            : sameLanguage ? configuration.threshold : configuration.crossLanguageThreshold
    }

    /// How alike two claim sentences are, 0…1 (can be negative with embeddings).
    func similarity(_ a: ClaimNode, _ b: ClaimNode) -> Float {
        if !a.figures.isEmpty, !b.figures.isEmpty, a.figures.isDisjoint(with: b.figures) { return 0 }
        let sameLanguage = a.language == b.language
        let dice = sameLanguage ? Self.dice(a.words, b.words) : 0
        guard let va = a.vector, let vb = b.vector else { return dice }
        let cosine = EmbeddingSpace.cosine(va, vb)
        // Shared words can only raise the score: a translation shares none and still aligns.
        return dice > cosine ? cosine + configuration.lexicalWeight * (dice - cosine) : cosine
    }

    static func dice(_ a: Set<String>, _ b: Set<String>) -> Float {
        guard !a.isEmpty || !b.isEmpty else { return 0 }
        return 2 * Float(a.intersection(b).count) / Float(a.count + b.count)
    }
}
