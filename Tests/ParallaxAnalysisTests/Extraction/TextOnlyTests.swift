import Foundation
import Testing
import ParallaxModel
@testable import ParallaxAnalysis

/// `extract --text-only`: the same text, metadata and sentences, without the reading stages.
@Suite struct TextOnlyTests {
    @Test func textOnlyKeepsTheTextAndSkipsTheReading() throws {
        let html = """
            <html><head><title>Dam breach forces evacuation</title></head><body><article>
            <p>Heavy rain broke the dam on Monday, the mayor said, and 1,200 people were evacuated from the valley.</p>
            <p>"We are doing everything we can," said Ana Ruiz, the regional governor, on Tuesday.</p></article></body></html>
            """
        let document = RawDocument(source: "dam.html", format: .html, content: .bytes(Array(html.utf8)))
        let full = try Support.pipeline.run(document)
        let textOnly = try ArticlePipeline.standard(dataDirectory: Support.repositoryRoot.appendingPathComponent("vendor"), reading: false).run(document)
        #expect(textOnly.text == full.text && textOnly.title == full.title)
        #expect(textOnly.sentences.map(\.text) == full.sentences.map(\.text))
        #expect(!full.claims.isEmpty && !full.figures.isEmpty)
        #expect(textOnly.claims.isEmpty && textOnly.figures.isEmpty && textOnly.mentions.isEmpty && textOnly.analyses == nil)
    }
}
