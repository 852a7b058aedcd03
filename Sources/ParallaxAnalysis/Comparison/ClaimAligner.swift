import ParallaxModel

/// One sentence of a story's article that makes a claim: the unit claims are aligned on.
struct ClaimNode: Sendable {
    /// Index into the story's articles, and into that article's sentences and claims.
    var article: Int
    var sentence: Int
    var claim: Claim
    var language: String?
    /// Content words (folded, stopwords out), for same-language comparison.
    var words: Set<String> {
        didSet { wordKeys = Self.keys(words) }
    }
    /// The same words as sorted hashes: what similarity compares (a merge, not a set of strings).
    private(set) var wordKeys: [UInt64] = []
    /// Figure values in the sentence: a claim of 150,000 and one of 40,000 are not the same claim.
    var figures: Set<Int>
    /// The sentence's embedding, centred (unit length, so that a dot product is the cosine); nil without the model.
    var vector: [Float]?
    /// Read once with the article (a story's refresh re-reads its members): whether the claim is negated or
    /// denying (`ClaimTriangulator`), and a quotation's words.
    var negative = false
    var quoteWords: Set<String>?

    init(article: Int, sentence: Int, claim: Claim, language: String?, words: Set<String>, figures: Set<Int>,
         vector: [Float]?) {
        self.article = article
        self.sentence = sentence
        self.claim = claim
        self.language = language
        self.words = words
        self.figures = figures
        self.vector = vector
        wordKeys = Self.keys(words)
        negative = ClaimTriangulator.isNegative(claim, language: language, languages: .shipped)
        quoteWords = claim.kind == .quote ? ClaimTriangulator.quoteWords(claim) : nil
    }

    static func keys(_ words: Set<String>) -> [UInt64] { words.map { Shingles.hash($0) }.sorted() }
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
        // Each node's similarity to every node before it, computed once over flat arrays: a cluster's score is
        // then a sum of looked-up values (a story of hundreds of reports has thousands of claim sentences).
        let prepared = PreparedNodes(nodes, lexicalWeight: configuration.lexicalWeight)
        var row = [Float](repeating: 0, count: nodes.count)
        for i in nodes.indices.dropFirst(start) {
            for j in 0..<i { row[j] = prepared.similarity(i, j) }
            var best: (cluster: Int, score: Float)?
            for (c, members) in clusters.enumerated() where !articlesIn[c].contains(nodes[i].article) {
                let score = members.reduce(Float(0)) { $0 + row[$1] } / Float(members.count)
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
        let dice = sameLanguage ? Self.dice(a.wordKeys, b.wordKeys) : 0
        guard let va = a.vector, let vb = b.vector else { return dice }
        let cosine = va.count == vb.count ? StoryClusterer.dot(va, vb) : 0
        // Shared words can only raise the score: a translation shares none and still aligns.
        return dice > cosine ? cosine + configuration.lexicalWeight * (dice - cosine) : cosine
    }

    /// Dice of two sorted, distinct key lists.
    static func dice(_ a: [UInt64], _ b: [UInt64]) -> Float {
        guard !a.isEmpty || !b.isEmpty else { return 0 }
        var i = 0, j = 0, shared = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                shared += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return 2 * Float(shared) / Float(a.count + b.count)
    }

    static func dice(_ a: Set<String>, _ b: Set<String>) -> Float {
        guard !a.isEmpty || !b.isEmpty else { return 0 }
        return 2 * Float(a.intersection(b).count) / Float(a.count + b.count)
    }
}

/// Claim nodes laid out for the aligner's inner loop: vectors in one buffer, words and figures as sorted keys,
/// languages as numbers. `similarity(i, j)` is `ClaimAligner.similarity(nodes[i], nodes[j])`.
private struct PreparedNodes {
    let dimension: Int
    let vectors: [Float]
    /// 0: no vector; 1: a vector of `dimension`; 2: a vector of another length (compares at cosine 0).
    let vectorKind: [UInt8]
    let words: [[UInt64]]
    let figures: [[Int]]
    let languages: [Int]
    let lexicalWeight: Float

    init(_ nodes: [ClaimNode], lexicalWeight: Float) {
        let dimension = nodes.lazy.compactMap { $0.vector?.count }.first { $0 > 0 } ?? 0
        var vectors = [Float](repeating: 0, count: dimension * nodes.count)
        var kinds = [UInt8](repeating: 0, count: nodes.count)
        for (i, node) in nodes.enumerated() {
            guard let v = node.vector else { continue }
            guard v.count == dimension, dimension > 0 else {
                kinds[i] = 2
                continue
            }
            kinds[i] = 1
            for k in 0..<dimension { vectors[i * dimension + k] = v[k] }
        }
        var ids: [String: Int] = [:]
        self.dimension = dimension
        self.vectors = vectors
        vectorKind = kinds
        words = nodes.map(\.wordKeys)
        figures = nodes.map { $0.figures.sorted() }
        languages = nodes.map { node in
            guard let l = node.language else { return -1 }
            if let id = ids[l] { return id }
            ids[l] = ids.count
            return ids.count - 1
        }
        self.lexicalWeight = lexicalWeight
    }

    func similarity(_ i: Int, _ j: Int) -> Float {
        if !figures[i].isEmpty, !figures[j].isEmpty, Self.disjoint(figures[i], figures[j]) { return 0 }
        let dice = languages[i] == languages[j] ? ClaimAligner.dice(words[i], words[j]) : 0
        guard vectorKind[i] != 0, vectorKind[j] != 0 else { return dice }
        var cosine: Float = 0
        if vectorKind[i] == 1, vectorKind[j] == 1 {
            cosine = vectors.withUnsafeBufferPointer { v in
                var total: Float = 0
                let (a, b) = (i * dimension, j * dimension)
                for k in 0..<dimension { total += v[a + k] * v[b + k] }
                return total
            }
        }
        return dice > cosine ? cosine + lexicalWeight * (dice - cosine) : cosine
    }

    static func disjoint(_ a: [Int], _ b: [Int]) -> Bool {
        var i = 0, j = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] { return false }
            if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return true
    }
}
