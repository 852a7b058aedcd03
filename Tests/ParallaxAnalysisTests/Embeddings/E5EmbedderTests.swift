import Foundation
import Testing
@testable import ParallaxAnalysis

/// The e5 engine loads from the data directory, embeds in any language, and after mean-centring a translation
/// is far closer than an unrelated report. Skipped (not failed) when set-up has not fetched the model.
@Suite struct E5EmbedderTests {
    static let embedder: E5Embedder? = try? E5Embedder.load(
        dataDirectory: Support.repositoryRoot.appendingPathComponent("vendor")).get()

    @Test("a missing model is a clear failure, not a crash")
    func missingModel() {
        guard case .failure(let why) = E5Embedder.load(dataDirectory: URL(fileURLWithPath: "/nonexistent")) else {
            Issue.record("loaded from nowhere")
            return
        }
        #expect(why.reason.contains("make setup"))
    }

    @Test("translations sit together and unrelated reports apart, once centred", .enabled(if: embedder != nil))
    func translationsAreClose() throws {
        let e5 = try #require(Self.embedder)
        let texts = [
            "The dam on the Tarnava river broke on Monday and flooded the lower town.",
            "Der Damm am Fluss Tarnava brach am Montag und überflutete die Unterstadt.",
            "Плотина на реке Тарнава прорвалась в понедельник и затопила нижний город.",
            "The central bank raised interest rates by half a point to fight inflation.",
            "The football club signed a new striker for the coming season.",
            "Parliament approved the budget after a long night of debate.",
        ]
        let vectors = e5.embed(texts)
        #expect(vectors.count == texts.count && vectors.allSatisfy { $0.count == e5.dimension })
        var space = EmbeddingSpace(dimension: e5.dimension)
        space.observe(vectors)
        let c = vectors.map(space.centred)
        let translation = min(EmbeddingSpace.cosine(c[0], c[1]), EmbeddingSpace.cosine(c[0], c[2]))
        let unrelated = max(EmbeddingSpace.cosine(c[0], c[3]), EmbeddingSpace.cosine(c[0], c[4]),
                            EmbeddingSpace.cosine(c[0], c[5]))
        #expect(translation > unrelated + 0.3, "translation \(translation), unrelated \(unrelated)")
        // Symmetric, and one text embeds the same alone as in a batch.
        #expect(abs(EmbeddingSpace.cosine(c[1], c[2]) - EmbeddingSpace.cosine(c[2], c[1])) < 1e-6)
        let alone = e5.embed([texts[3]])[0]
        #expect(EmbeddingSpace.cosine(alone, vectors[3]) > 0.999)
    }
}
