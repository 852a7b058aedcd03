import Foundation
import Testing
@testable import ParallaxAnalysis

/// The clustering state a store keeps: read back, it places articles exactly as the state it was written from.
@Suite struct StoryClustererStorageTests {
    @Test("a story's state and an article's features read back from their binary form score every article the same",
          arguments: [UInt64(1), 2, 3])
    func roundTrip(seed: UInt64) throws {
        var generator = StoryClustererTests.Generator(seed: seed, topics: 4)
        var clusterer = StoryClusterer()
        var members: [StoryClusterer.Member] = []
        for n in 0..<60 {
            let (profile, embedding) = generator.article(n, topic: n % 4)
            clusterer.observe(profile)
            let member = clusterer.member(profile, embedding: embedding)
            members.append(member)
            clusterer.add(member)
        }
        let stored = try clusterer.clusters.map { try StoryClusterer.Cluster(encoded: $0.encoded()) }
        var resumed = StoryClusterer(open: stored, documentFrequency: [:], documents: 0)
        for m in members {
            let read = try StoryClusterer.Member(encoded: m.encoded())
            #expect(read.source == m.source && read.time == m.time && read.language == m.language)
            #expect(read.embedding == m.embedding && read.entities == m.entities && read.terms == m.terms)
            let (a, b) = (clusterer.explain(m), resumed.explain(read))
            #expect(a.map(\.cluster) == b.map(\.cluster))
            #expect(a.map(\.score) == b.map(\.score))
        }
        #expect(zip(stored, clusterer.clusters).allSatisfy { $0.members.map(\.source) == $1.members.map(\.source) })
        resumed.setID(99, of: 0)
        #expect(resumed.clusters[0].id == 99)
    }

    @Test("truncated or foreign bytes are refused, never misread", arguments: [0, 1, 9, 40])
    func malformed(cut: Int) throws {
        var clusterer = StoryClusterer()
        var generator = StoryClustererTests.Generator(seed: 9, topics: 1)
        let (profile, embedding) = generator.article(0, topic: 0)
        clusterer.add(profile, embedding: embedding)
        let data = clusterer.clusters[0].encoded()
        #expect(throws: (any Error).self) { try StoryClusterer.Cluster(encoded: data.prefix(cut)) }
        #expect(throws: (any Error).self) { try StoryClusterer.Member(encoded: Data("{\"source\":1}".utf8)) }
    }
}
