import Foundation
import Testing
import ParallaxAnalysis
import ParallaxModel
@testable import ParallaxEval

/// Story clustering and provenance on the hand-written fixtures (Tests/ParallaxAnalysisTests/Fixtures/stories):
/// three developments of one fictional crisis that share every entity, and a provenance suite labelled by
/// construction. The embedding-based checks are skipped when the model is not installed (`make setup`).
@Suite struct StoryFixtureTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let vendor = root.appendingPathComponent("vendor")
    static let reader = ArticlePipeline.standard(dataDirectory: vendor)
    static let stories = StoryPipeline.standard(dataDirectory: vendor)
    static var withoutModel: StoryPipeline {
        StoryPipeline(stopwords: Stoplists.load(from: vendor.appendingPathComponent("justext/stoplists")),
                      embeddings: nil, background: nil)
    }
    static let modelPresent = stories.embeddings != nil

    static func fixture(_ name: String) throws -> StoryFixture {
        try StoryFixture.load(root.appendingPathComponent("Tests/ParallaxAnalysisTests/Fixtures/stories/\(name).json").path)
    }

    /// The predicted story of each article, by fixture id.
    static func partition(_ name: String, with pipeline: StoryPipeline, shuffle seed: UInt64? = nil) throws
        -> (predicted: [String: Int], gold: [String: String]) {
        let fixture = try fixture(name)
        var articles = fixture.read(with: reader)
        if let seed {
            var random = SeededRandom(seed: seed)
            articles.shuffle(using: &random)
        }
        var predicted: [String: Int] = [:]
        for (n, story) in pipeline.run(articles).enumerated() { for a in story.articles { predicted[a.source] = n } }
        return (predicted, Dictionary(uniqueKeysWithValues: fixture.articles.map { ($0.id, $0.story) }))
    }

    @Test("three developments that share every entity stay apart, and each joins across languages and sides",
          .enabled(if: modelPresent))
    func developmentsStayApart() throws {
        let (predicted, gold) = try Self.partition("developments", with: Self.stories)
        let ids = gold.keys.sorted()
        let scores = StoryEval.score(stories: ids.map { predicted[$0]! }, events: ids.map { gold[$0]! })
        #expect(scores.bcubed.precision == 1, "a story mixes developments: \(predicted)")
        #expect(scores.bcubed.recall >= 0.9, "a development is split: \(predicted)")
    }

    @Test("without the model, entities and words still keep the developments apart")
    func developmentsWithoutModel() throws {
        let (predicted, gold) = try Self.partition("developments", with: Self.withoutModel)
        let ids = gold.keys.sorted()
        let scores = StoryEval.score(stories: ids.map { predicted[$0]! }, events: ids.map { gold[$0]! })
        #expect(scores.bcubed.precision >= 0.9, "\(predicted)")
    }

    @Test("the stories do not depend on the order the articles are given in", arguments: [1, 2, 3] as [UInt64])
    func inputOrder(seed: UInt64) throws {
        let pipeline = Self.modelPresent ? Self.stories : Self.withoutModel
        let reference = try Self.partition("developments", with: pipeline).predicted
        let shuffled = try Self.partition("developments", with: pipeline, shuffle: seed).predicted
        #expect(reference == shuffled)
    }

    @Test("copies, spun copies, rewrites and same-wire pieces are found with the right relation and direction")
    func provenanceWithinOneLanguage() throws {
        let outcome = ProvenanceSuite.run(try Self.fixture("provenance"), reader: Self.reader, stories: Self.withoutModel)
        for row in outcome.rows where row.relation != "translation" {
            #expect(row.precision == 1, "\(row.relation): \(outcome.report)")
            #expect(row.recall == 1, "\(row.relation): \(outcome.report)")
            #expect(row.wrongDirection == 0, "\(row.relation): \(outcome.report)")
        }
    }

    @Test("translations are found from sentence meaning, and independent reports are not", .enabled(if: modelPresent))
    func translations() throws {
        let outcome = ProvenanceSuite.run(try Self.fixture("provenance"), reader: Self.reader, stories: Self.stories)
        for row in outcome.rows {
            #expect(row.precision == 1, "\(row.relation): \(outcome.report)")
            #expect(row.recall == 1, "\(row.relation): \(outcome.report)")
        }
    }

    @Test("without the model, analysing says so once and still groups the reports")
    func missingModelIsSaidOnce() throws {
        let pipeline = StoryPipeline.standard(dataDirectory: URL(fileURLWithPath: "/nonexistent"))
        #expect(pipeline.embeddings == nil)
        #expect(pipeline.setupWarnings.count == 1)
        #expect(pipeline.setupWarnings.first?.contains("no sentence embeddings") == true)
        let articles = try Self.fixture("developments").read(with: Self.reader)
        let stories = pipeline.run(articles)
        #expect(stories.reduce(0) { $0 + $1.articles.count } == articles.count)
        #expect(stories.count >= 3)
    }
}
