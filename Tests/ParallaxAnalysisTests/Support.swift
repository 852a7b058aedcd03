import Foundation
import Testing
import ParallaxModel
@testable import ParallaxAnalysis

/// Shared set-up for the analysis tests: one pipeline (stoplists from `vendor/`), paths to fixtures.
enum Support {
    static let pipeline = ArticlePipeline.standard(dataDirectory: repositoryRoot.appendingPathComponent("vendor"))

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    static var fixtures: URL { repositoryRoot.appendingPathComponent("Tests/ParallaxAnalysisTests/Fixtures") }

    /// Runs the whole per-document pipeline on a file.
    static func analyse(_ path: String) throws -> Article {
        let documents = try DocumentReader().read(path)
        return try pipeline.run(documents[0].get())
    }

    static func analyse(html: String, source: String = "test.html") throws -> Article {
        try pipeline.run(RawDocument(source: source, format: .html, content: .bytes(Array(html.utf8))))
    }

    static func analyse(text: String, source: String = "test.txt") throws -> Article {
        try pipeline.run(RawDocument(source: source, format: .text, content: .bytes(Array(text.utf8))))
    }

    /// An article built by hand from paragraphs of one language, run through sentences and the reading stages
    /// only (no extraction), as the claim, figure and date tests need.
    static func read(_ text: String, language: String, published: String? = nil) -> Article {
        var article = Article(source: "test", format: "text")
        article.paragraphs = text.components(separatedBy: "\n\n")
        article.text = article.paragraphs.joined(separator: "\n\n")
        article.language = language
        article.published = published
        article.sentences = pipeline.sentences(of: article.paragraphs,
                                               languages: Array(repeating: language, count: article.paragraphs.count))
        pipeline.reading?.read(&article)
        return article
    }

    /// The main text with whitespace collapsed, as the snippet checks see it.
    static func body(_ article: Article) -> String { Whitespace.collapse(article.paragraphs.joined(separator: "\n")) }
}

/// One entry of a `with`/`without` expectation file (fixtures and the example corpus share the format).
struct SnippetCase: Codable, Sendable, CustomTestStringConvertible {
    var file: String
    var language: String?
    var languages: [String]?
    var title: String?
    var outlet: String?
    var published: String?
    var credits: [String]?
    var with: [String]
    var without: [String]

    var testDescription: String { file }

    static func load(_ url: URL) -> [SnippetCase] {
        guard let data = try? Data(contentsOf: url) else { return [] }
        return (try? JSONDecoder().decode([SnippetCase].self, from: data)) ?? []
    }
}

/// Expects `body` to throw a `ParallaxError` with this code; returns it for further checks.
@discardableResult
func expectParallaxError(_ code: String, sourceLocation: SourceLocation = #_sourceLocation,
                         _ body: () throws -> Void) -> ParallaxError? {
    do {
        try body()
        Issue.record("expected a \(code) error, nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as ParallaxError {
        #expect(error.code.rawValue == code, sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected a ParallaxError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
