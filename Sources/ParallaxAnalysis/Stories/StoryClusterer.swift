import Foundation

/// Online story clustering: each new article joins the most similar active story, or starts one. Nothing already
/// placed is recomputed, so adding an article costs the same however large the corpus grows — only stories
/// updated within the time window (and at most `maxActiveStories` of them) are compared.
///
/// Similarity to a story is the *average* similarity to its members (average linkage): unlike a single nearest
/// member it does not chain one development into the next, and unlike a drifting centroid it does not depend much
/// on the order members arrived in. Each part is a dot product of unit vectors, so the average over members is a
/// dot product with the members' sum: one comparison per story, whatever its size.
public struct StoryClusterer: Sendable {
    public struct Configuration: Sendable {
        /// With embeddings. The weights: the embedding carries most of the signal (it alone joins reports across
        /// languages); entities and figures keep apart events that read alike; words add little beyond them.
        public var embeddingWeight: Float = 0.62
        public var entityWeight: Float = 0.23
        public var termWeight: Float = 0.15
        /// 0.30 with dates on both sides, 0.10 more when either is undated (no time agreement to count on):
        /// BASIL (dated) scores 97.0 B³ F1 at 0.30, 92.2 at 0.40; NeuS (undated) 76.8 at 0.30, 82.4 at 0.40
        /// (600 events); the developments fixture is split right at 0.30 with 0.10 a day, not at 0.40.
        public var threshold: Float = 0.30
        public var undatedMargin: Float = 0.10
        /// Without the model: entities and words alone. 0.22: BASIL 92.0 B³ F1 (96.3 at 0.16), NeuS about 74 at
        /// 0.32, and the developments fixture kept apart (precision 0.83 at 0.16, 0.89 at 0.19).
        public var fallbackEntityWeight: Float = 0.5
        public var fallbackTermWeight: Float = 0.5
        public var fallbackThreshold: Float = 0.22
        /// Articles more than 5 days from a story's span never join it (BASIL's three reports of one event lie
        /// at most 4 days apart). Within the window each day between the article and the story's mean time
        /// costs 0.10: two developments of one crisis two days apart (a recognition, then an appeal) stay apart
        /// (at 0.08 the first report of the appeal still joins the recognition), for 1.2 points of BASIL.
        public var windowDays: Double = 5
        public var penaltyPerDay: Float = 0.10
        /// Each article keeps its 32 strongest entities and figures and 48 strongest words (by tf-idf): a long
        /// feature names hundreds, and the cost of comparing it with every open story grows with that number.
        public var maxEntities = 32
        public var maxTerms = 48
        /// A bound on the work per article when dates are unknown (the stream's recent stories only).
        public var maxActiveStories = 2000

        public init() {}
    }

    /// One clustered article, its features weighted by the corpus as it stood when the article arrived.
    public struct Member: Sendable, Codable {
        public var source: String
        public var language: String?
        public var time: Double?
        /// Centred, unit-length; nil without the model.
        public var embedding: [Float]?
        public var entities: SparseVector
        public var terms: SparseVector
    }

    /// The parts of an article's average similarity to a story, before weighting.
    public struct Parts: Sendable {
        /// Mean cosine of centred embeddings; nil when either side has none.
        public var embedding: Float?
        public var entities: Float
        /// Mean cosine of words with members in the same language; nil when there are none.
        public var words: Float?
        /// Days between the article and the story's mean time (its members' average distance would chain: a
        /// story's span grows with every member, its mean does not).
        public var gap: Double
        /// Both the article and the story have dates (so `gap` was measured, not assumed).
        public var dated: Bool
    }

    public var configuration: Configuration
    public private(set) var clusters: [Cluster] = []
    /// Indices into `clusters` of the stories still open.
    private var active: [Int] = []
    private var documentFrequency: [UInt64: Int] = [:]
    private var documents = 0
    /// The latest event time seen: stories older than the window behind it close.
    private var clock: Double?

    public init(configuration: Configuration = Configuration()) { self.configuration = configuration }

    /// A clusterer resumed from a store: the stories an incoming batch may join (those within its time window and
    /// the most recently touched), and the corpus's document frequencies for the batch's features. New stories
    /// get ids from `clusters.count` on; a driver gives them their store ids with `setID(_:of:)`.
    public init(configuration: Configuration = Configuration(), open: [Cluster], documentFrequency: [UInt64: Int],
                documents: Int) {
        self.configuration = configuration
        clusters = open
        active = Array(open.indices)
        self.documentFrequency = documentFrequency
        self.documents = documents
    }

    /// The order articles are placed in: event time, then source (undated last). A batch places its articles in
    /// this order; an article that arrives before one it sorts after triggers a local replay (ParallaxIngest).
    public static func precedes(_ a: Member, _ b: Member) -> Bool {
        let (ta, tb) = (a.time ?? .infinity, b.time ?? .infinity)
        return ta != tb ? ta < tb : a.source < b.source
    }

    /// The stories a member comes close to: those it joined or scored within `margin` of joining.
    public func related(_ m: Member, margin: Float) -> [Int] {
        explain(m).filter { $0.score >= threshold($0.parts) - margin }.map(\.cluster)
    }

    /// Gives the story at `index` its id in a store.
    public mutating func setID(_ id: Int, of index: Int) { clusters[index].id = id }

    /// How typical a member is of a story that holds it: the score it would get against the story as a whole
    /// (used to pick the story's most central report as its title).
    public func centrality(_ m: Member, in cluster: Cluster) -> Float {
        combine(partsBeyondWindow(m, cluster))
    }

    /// How many stories are still open (what one more article is compared with).
    public var activeCount: Int { active.count }

    /// How many articles the open stories hold, and an estimate of the bytes their vectors and sums take
    /// (floats, keys and weights; dictionary slack counted at twice the entries).
    public var activeFootprint: (articles: Int, bytes: Int) {
        var articles = 0, bytes = 0
        for index in active {
            let c = clusters[index]
            articles += c.members.count
            for m in c.members {
                bytes += 4 * (m.embedding?.count ?? 0) + 12 * (m.entities.keys.count + m.terms.keys.count) + 64
            }
            bytes += 4 * (c.embeddingSum?.count ?? 0) + 24 * (c.entitySum.count + c.termSums.values.reduce(0) { $0 + $1.count })
        }
        return (articles, bytes)
    }

    /// Places one article; returns the index of its story in `clusters`.
    @discardableResult
    public mutating func add(_ profile: StoryProfile, embedding: [Float]?) -> Int {
        observe(profile)
        return add(member(profile, embedding: embedding))
    }

    /// Places a member made by `member(_:embedding:)` after `observe(_:)`.
    @discardableResult
    public mutating func add(_ m: Member) -> Int {
        let chosen = nearest(m)?.cluster
        let index: Int
        if let chosen {
            index = chosen
        } else {
            index = clusters.count
            clusters.append(Cluster(id: index))
            active.append(index)
        }
        clusters[index].add(m, sequence: documents)
        advance(to: m.time)
        return index
    }

    /// Counts the profile's features into the corpus document frequencies.
    public mutating func observe(_ profile: StoryProfile) {
        documents += 1
        for key in profile.entityCounts.keys { documentFrequency[key, default: 0] += 1 }
        for key in profile.termCounts.keys { documentFrequency[key, default: 0] += 1 }
    }

    /// The profile's features weighted by how rare they are in the corpus so far (a country named by every
    /// report says little; a village or a figure says a lot).
    public func member(_ profile: StoryProfile, embedding: [Float]?) -> Member {
        let n = Float(documents + 1)
        func weigh(_ counts: [UInt64: Float], keep: Int) -> SparseVector {
            let weighted = counts.map { item -> (UInt64, Float) in
                let df = Float(documentFrequency[item.key] ?? 0)
                return (item.key, item.value * (logf(n / (df + 1)) + 1))
            }
            // The strongest features only: they carry the story, and the cost of a comparison is their number.
            let top = weighted.count <= keep ? weighted
                : Array(weighted.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(keep))
            return SparseVector(Dictionary(uniqueKeysWithValues: top))
        }
        return Member(source: profile.source, language: profile.language, time: profile.time, embedding: embedding,
                      entities: weigh(profile.entityCounts, keep: configuration.maxEntities),
                      terms: weigh(profile.termCounts, keep: configuration.maxTerms))
    }

    /// The best story for a member and its score, when the score reaches the threshold.
    public func nearest(_ m: Member) -> (cluster: Int, score: Float)? {
        best(m) { cluster in parts(m, cluster) }
    }

    /// The same choice computed the slow way, member by member: the reference the optimised search must agree with.
    public func nearestByScan(_ m: Member) -> (cluster: Int, score: Float)? {
        best(m) { cluster in
            // Closed stories have only their sums left (compared with undated articles only).
            guard !cluster.archived else { return parts(m, cluster) }
            guard let span = gap(m.time, cluster), span <= configuration.windowDays else { return nil }
            let times = cluster.members.compactMap(\.time)
            let gap = m.time.map { t in times.isEmpty ? 0 : abs(t - times.reduce(0, +) / Double(times.count)) } ?? 0
            var embedding: Float = 0, entities: Float = 0, words: Float = 0
            var embedded = 0, sameLanguage = 0
            for other in cluster.members {
                entities += m.entities.dot(other.entities)
                if let x = m.embedding, let y = other.embedding {
                    embedded += 1
                    embedding += Self.dot(x, y)
                }
                if (other.language ?? "") == (m.language ?? "") {
                    sameLanguage += 1
                    words += m.terms.dot(other.terms)
                }
            }
            return Parts(embedding: embedded > 0 ? embedding / Float(embedded) : nil,
                         entities: entities / Float(cluster.members.count),
                         words: sameLanguage > 0 ? words / Float(sameLanguage) : nil,
                         gap: Swift.min(gap, configuration.windowDays), dated: m.time != nil && cluster.first != nil)
        }
    }

    /// Symmetric similarity of two articles: the score one would get against a story holding only the other.
    /// Past the time window (where the clusterer would not compare them at all) the time penalty stops at the
    /// window's edge, so that the value stays a graded similarity; `sameStory` says whether they could join.
    public func similarity(_ a: Member, _ b: Member) -> Float {
        combine(partsBeyondWindow(a, Cluster(holding: b)))
    }

    /// Whether one article would join a story holding only the other.
    public func sameStory(_ a: Member, _ b: Member) -> Bool {
        guard let p = parts(a, Cluster(holding: b)) else { return false }
        return combine(p) >= threshold(p)
    }

    /// Every story an article may join, and the parts of its similarity to each (best first).
    public func explain(_ m: Member) -> [(cluster: Int, score: Float, parts: Parts)] {
        candidates(m).compactMap { index in
            parts(m, clusters[index]).map { (index, combine($0), $0) }
        }.sorted { $0.score > $1.score }
    }

    private func best(_ m: Member, parts: (Cluster) -> Parts?) -> (cluster: Int, score: Float)? {
        var best: (cluster: Int, score: Float)?
        for index in candidates(m) {
            guard let p = parts(clusters[index]) else { continue }
            let score = combine(p)
            if score >= threshold(p), score > best?.score ?? -.infinity { best = (index, score) }
        }
        return best
    }

    /// The stories an article is compared with: the open ones; for an undated article, also the most recent
    /// closed ones (up to the active bound), since its time may lie anywhere.
    private func candidates(_ m: Member) -> [Int] {
        guard m.time == nil else { return active }
        let recent = Swift.max(0, clusters.count - configuration.maxActiveStories)..<clusters.count
        return active.filter { !recent.contains($0) } + recent
    }

    /// The dot product of two vectors of one length (the hot loop: written over raw buffers).
    static func dot(_ a: [Float], _ b: [Float]) -> Float {
        a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                var total: Float = 0
                for i in 0..<Swift.min(x.count, y.count) { total += x[i] * y[i] }
                return total
            }
        }
    }

    /// The average similarity to the story's members, part by part, from the story's sums; nil outside the
    /// time window.
    func parts(_ m: Member, _ cluster: Cluster) -> Parts? {
        guard let gap = gap(m.time, cluster), gap <= configuration.windowDays else { return nil }
        return partsBeyondWindow(m, cluster)
    }

    /// The parts whatever the time apart (the distance in time counted up to the window's edge).
    private func partsBeyondWindow(_ m: Member, _ cluster: Cluster) -> Parts {
        var gap = 0.0
        if let t = m.time, cluster.dated > 0 { gap = Swift.min(abs(t - cluster.timeSum / Double(cluster.dated)), configuration.windowDays) }
        var embedding: Float?
        if let e = m.embedding, let sum = cluster.embeddingSum, cluster.embedded > 0 {
            embedding = Self.dot(e, sum) / Float(cluster.embedded)
        }
        let language = m.language ?? ""
        let words = cluster.termSums[language].map { m.terms.dot($0) / Float(cluster.languageCounts[language] ?? 1) }
        return Parts(embedding: embedding, entities: m.entities.dot(cluster.entitySum) / Float(cluster.members.count),
                     words: words, gap: gap, dated: m.time != nil && cluster.first != nil)
    }

    /// The score a story must reach: higher without the model, and higher when time cannot be compared.
    public func threshold(_ p: Parts) -> Float {
        (p.embedding == nil ? configuration.fallbackThreshold : configuration.threshold)
            + (p.dated ? 0 : configuration.undatedMargin)
    }

    /// The weighted mean of the parts that apply (words only within a language, embeddings only with the model),
    /// minus the time penalty.
    public func combine(_ p: Parts) -> Float {
        let c = configuration
        var total: Float = 0, weight: Float = 0
        if let e = p.embedding {
            total += c.embeddingWeight * e + c.entityWeight * p.entities
            weight += c.embeddingWeight + c.entityWeight
            if let w = p.words {
                total += c.termWeight * w
                weight += c.termWeight
            }
        } else {
            total += c.fallbackEntityWeight * p.entities
            weight += c.fallbackEntityWeight
            if let w = p.words {
                total += c.fallbackTermWeight * w
                weight += c.fallbackTermWeight
            }
        }
        return total / weight - c.penaltyPerDay * Float(p.gap)
    }

    /// The parts in words, for `--explain`.
    public static func describe(_ p: Parts) -> String {
        (p.embedding.map { "embedding \(fixed($0)), " } ?? "") + "entities \(fixed(p.entities)), "
            + (p.words.map { "words \(fixed($0)), " } ?? "") + "\(fixed(Float(p.gap))) days apart"
    }

    static func fixed(_ x: Float) -> String { String(format: "%.2f", Double(x)) }

    /// Days between the article and the story's span (0 inside it or when either date is unknown); nil past the
    /// window.
    private func gap(_ time: Double?, _ cluster: Cluster) -> Double? {
        guard let t = time, let first = cluster.first, let last = cluster.last else { return 0 }
        return Swift.max(0, first - t, t - last)
    }

    /// Moves the clock forward and closes stories that fell out of the window or past the active bound.
    private mutating func advance(to time: Double?) {
        if let time { clock = Swift.max(clock ?? time, time) }
        let window = configuration.windowDays
        var closing: [Int] = []
        if let clock {
            closing = active.filter { index in clusters[index].last.map { $0 < clock - 2 * window } ?? false }
        }
        if active.count - closing.count > configuration.maxActiveStories {
            let open = active.filter { !closing.contains($0) }.sorted { clusters[$0].touched > clusters[$1].touched }
            closing += open.dropFirst(configuration.maxActiveStories)
        }
        // A closed story out of reach even of undated articles keeps nothing but its members' names.
        let forgotten = clusters.count - configuration.maxActiveStories - 1
        if forgotten >= 0, clusters[forgotten].archived { clusters[forgotten].forget() }
        guard !closing.isEmpty else { return }
        let closed = Set(closing)
        active.removeAll { closed.contains($0) }
        // A closed story keeps its sums (an undated article may still be compared with it) but not its members'
        // vectors: memory stays proportional to the open stories.
        for index in closing {
            clusters[index].archive()
            if index <= forgotten { clusters[index].forget() }
        }
    }
}
