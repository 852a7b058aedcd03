import Foundation
import Testing
import ParallaxModel
@testable import ParallaxAnalysis

/// Invariants of online story clustering, on seeded random articles drawn around a few topics (so that real
/// stories form): a partition, symmetric similarity, the sum-based search agreeing with a member-by-member scan,
/// little dependence on arrival order, and a bounded amount of work per article.
@Suite struct StoryClustererTests {
    /// Random articles around `topics` centres: an embedding near the topic's, entities and words mostly from the
    /// topic's own vocabulary, a time within the topic's few days, one of two languages.
    struct Generator {
        var random: SeededRandom
        let dimension = 32
        let centres: [[Float]]

        init(seed: UInt64, topics: Int) {
            random = SeededRandom(seed: seed)
            var r = random
            centres = (0..<topics).map { _ in Generator.unit((0..<32).map { _ in r.float() - 0.5 }) }
            random = r
        }

        static func unit(_ v: [Float]) -> [Float] {
            let n = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return v.map { $0 / n }
        }

        mutating func article(_ n: Int, topic: Int) -> (StoryProfile, [Float]) {
            let embedding = Generator.unit(centres[topic].map { $0 + 0.35 * (random.float() - 0.5) })
            var entities: [UInt64: Float] = [:], terms: [UInt64: Float] = [:]
            for _ in 0..<6 {
                let own = random.next() % 4 != 0
                entities[UInt64(own ? topic * 100 : 10_000) + random.next() % 8, default: 0] += 1
                terms[UInt64(own ? topic * 100 + 50 : 20_000) + random.next() % 20, default: 0] += 1
            }
            let profile = StoryProfile(source: "a\(n)", language: random.next() % 2 == 0 ? "en" : "de",
                                       time: Double(topic) * 2 + Double(random.float()) * 3, passage: "",
                                       entityCounts: entities, termCounts: terms)
            return (profile, embedding)
        }

        mutating func corpus(_ count: Int, topics: Int) -> [(StoryProfile, [Float])] {
            (0..<count).map { article($0, topic: Int(random.next() % UInt64(topics))) }
        }
    }

    @Test("the sum-based nearest-story search agrees with a member-by-member scan", arguments: 0..<4)
    func optimisedSearchAgreesWithScan(seed: UInt64) {
        var generator = Generator(seed: seed, topics: 12)
        var clusterer = StoryClusterer()
        for (profile, embedding) in generator.corpus(300, topics: 12) {
            for withEmbedding in [true, false] {
                let m = clusterer.member(profile, embedding: withEmbedding ? embedding : nil)
                let fast = clusterer.nearest(m), slow = clusterer.nearestByScan(m)
                #expect(fast?.cluster == slow?.cluster)
                #expect(abs((fast?.score ?? 0) - (slow?.score ?? 0)) < 1e-4)
            }
            clusterer.add(profile, embedding: embedding)
        }
        #expect(clusterer.clusters.count > 1)
    }

    @Test("every article lands in exactly one story", arguments: 0..<4)
    func partition(seed: UInt64) {
        var generator = Generator(seed: seed, topics: 10)
        var clusterer = StoryClusterer()
        let corpus = generator.corpus(200, topics: 10)
        for (profile, embedding) in corpus {
            let index = clusterer.add(profile, embedding: embedding)
            #expect(clusterer.clusters.indices.contains(index))
        }
        let sources = clusterer.clusters.flatMap { $0.members.map(\.source) }
        #expect(sources.count == corpus.count)
        #expect(Set(sources) == Set(corpus.map(\.0.source)))
        #expect(clusterer.clusters.allSatisfy { !$0.members.isEmpty })
    }

    @Test("similarity is symmetric", arguments: 0..<4)
    func symmetry(seed: UInt64) {
        var generator = Generator(seed: seed, topics: 6)
        var clusterer = StoryClusterer()
        let corpus = generator.corpus(40, topics: 6)
        corpus.forEach { clusterer.observe($0.0) }
        let members = corpus.map { clusterer.member($0.0, embedding: $0.1) }
        for i in members.indices {
            for j in members.indices where j > i {
                let (ab, ba) = (clusterer.similarity(members[i], members[j]), clusterer.similarity(members[j], members[i]))
                // Outside the time window both are -∞.
                #expect(ab == ba || abs(ab - ba) < 1e-5, "\(ab) vs \(ba)")
            }
        }
    }

    @Test("shuffling the arrival order barely changes the stories", arguments: 1..<6)
    func orderRobustness(seed: UInt64) {
        var generator = Generator(seed: 99, topics: 8)
        let corpus = generator.corpus(160, topics: 8)
        func partition(_ articles: [(StoryProfile, [Float])]) -> [String: Int] {
            var clusterer = StoryClusterer()
            var out: [String: Int] = [:]
            for (p, e) in articles { out[p.source] = clusterer.add(p, embedding: e) }
            return out
        }
        var random = SeededRandom(seed: seed)
        let reference = partition(corpus)
        let shuffled = partition(corpus.shuffled(using: &random))
        // Rand index: the share of article pairs on which the two partitions agree (together or apart).
        let sources = corpus.map(\.0.source)
        var agree = 0, pairs = 0
        for i in sources.indices {
            for j in sources.indices where j > i {
                pairs += 1
                let a = reference[sources[i]] == reference[sources[j]], b = shuffled[sources[i]] == shuffled[sources[j]]
                if a == b { agree += 1 }
            }
        }
        #expect(Double(agree) / Double(pairs) >= 0.97)
    }

    @Test("an article outside the time window never joins a story, however alike")
    func timeWindow() {
        var clusterer = StoryClusterer()
        let profile = StoryProfile(source: "a", language: "en", time: 0, passage: "", entityCounts: [1: 1, 2: 1],
                                   termCounts: [3: 1, 4: 1])
        let vector = Generator.unit((0..<8).map { Float($0) })
        clusterer.add(profile, embedding: vector)
        var later = profile
        later.source = "b"
        later.time = 1
        #expect(clusterer.add(later, embedding: vector) == 0)
        later.source = "c"
        later.time = 1 + clusterer.configuration.windowDays + 1
        #expect(clusterer.add(later, embedding: vector) == 1)
    }

    @Test("stories far behind the clock are no longer compared, so the work per article stays bounded")
    func closedStoriesAreNotCompared() {
        var generator = Generator(seed: 7, topics: 4)
        var clusterer = StoryClusterer()
        for (p, e) in generator.corpus(50, topics: 4) { clusterer.add(p, embedding: e) }
        var late = generator.article(1000, topic: 0)
        late.0.time = 100
        clusterer.add(late.0, embedding: late.1)
        var next = generator.article(1001, topic: 0)
        next.0.time = 100.5
        let m = clusterer.member(next.0, embedding: next.1)
        #expect(clusterer.explain(m).map(\.cluster) == [clusterer.clusters.count - 1])
    }
}

extension SeededRandom {
    /// A float in [0, 1).
    mutating func float() -> Float { Float(next() % 1_000_000) / 1_000_000 }
}

/// Figures as story evidence: any number a text can write.
@Suite struct FigureEvidenceTests {
    @Test("a figure beyond what an integer holds is left out of the comparison, not a trap")
    func hugeFigures() {
        var article = Article(source: "a.txt", format: "text")
        article.figures = [Figure(text: "1e30", value: 1e30, sentence: 0, start: 0, end: 4),
                           Figure(text: "∞", value: .infinity, sentence: 0, start: 0, end: 1),
                           Figure(text: "12,000", value: 12_000, sentence: 0, start: 0, end: 6)]
        #expect(article.figures.map(\.whole) == [nil, nil, 12_000])
        #expect(StoryProfiler(stopwords: Stoplists(words: [:])).entityCounts(article).count == 1, "only the 12,000 counts")
    }
}
