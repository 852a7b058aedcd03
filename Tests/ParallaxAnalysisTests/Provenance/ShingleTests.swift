import Foundation
import Testing
@testable import ParallaxAnalysis

/// Shingles and MinHash: copies are found whatever is added around them, and the signature's estimate agrees
/// with the exact Jaccard similarity.
@Suite struct ShingleTests {
    static let story = """
        The Tarnava dam gave way early on Monday after a week of record rain, flooding the lower town of Velmora \
        and three nearby villages. Governor Ilena Marsk said about 12,000 people had been evacuated by midday. \
        Engineers of the Inter-Basin Dam Safety Council had warned in 2029 about erosion under the spillway.
        """

    @Test("an exact copy, reformatted, is the same text")
    func exactCopy() {
        let copy = Shingles(text: Self.story.uppercased().replacingOccurrences(of: ". ", with: ".\n\n  "))
        #expect(Shingles(text: Self.story).jaccard(copy) == 1)
    }

    @Test("a copy with a new lede and byline is contained in the rewrite")
    func newLede() {
        let longer = "By our correspondent in Dresk. Rescue teams worked through the night. " + Self.story
            + " Read more on our live page."
        let original = Shingles(text: Self.story)
        #expect(original.containment(in: Shingles(text: longer)) == 1)
        #expect(original.jaccard(Shingles(text: longer)) < 0.9)
    }

    @Test("unrelated texts share nothing")
    func unrelated() {
        let other = Shingles(text: "The central bank raised interest rates by half a point on Thursday to fight "
            + "inflation, its governor told reporters in the capital.")
        #expect(Shingles(text: Self.story).jaccard(other) == 0)
    }

    @Test("the MinHash estimate agrees with the exact Jaccard similarity on seeded random texts", arguments: 0..<8)
    func minHashAgrees(seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        let vocabulary = (0..<300).map { "w\($0)" }
        let base = (0..<400).map { _ in vocabulary[Int(rng.next() % 300)] }
        var edited = base
        for _ in 0..<Int(rng.next() % 200) { edited[Int(rng.next() % 400)] = vocabulary[Int(rng.next() % 300)] }
        let a = Shingles(text: base.joined(separator: " "))
        let b = Shingles(text: edited.joined(separator: " "))
        let exact = a.jaccard(b)
        let estimate = MinHashSignature(a).similarity(MinHashSignature(b))
        #expect(abs(exact - estimate) < 0.15, "exact \(exact), estimate \(estimate)")
        #expect(MinHashSignature(a).similarity(MinHashSignature(b)) == MinHashSignature(b).similarity(MinHashSignature(a)))
    }
}
