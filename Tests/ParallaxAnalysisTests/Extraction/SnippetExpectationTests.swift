import Foundation
import Testing
@testable import ParallaxAnalysis

/// Hand-written pages and text dumps in many languages (Fixtures/extraction) and the example corpus
/// (examples/): what must be in the main text, what must not, and the metadata a reader expects.
@Suite struct SnippetExpectationTests {
    static let fixtureCases = SnippetCase.load(Support.fixtures.appendingPathComponent("extraction/cases.json"))
    static let exampleCases = SnippetCase.load(Support.repositoryRoot.appendingPathComponent("examples/expectations.json"))

    @Test func theFixtureAndExampleSetsAreThere() {
        #expect(Self.fixtureCases.count >= 14)
        #expect(Self.exampleCases.count >= 7)
    }

    @Test("fixture", arguments: fixtureCases)
    func fixtureMainTextAndMetadata(_ c: SnippetCase) throws {
        try check(c, path: Support.fixtures.appendingPathComponent("extraction/\(c.file)").path)
    }

    @Test("example", arguments: exampleCases)
    func exampleMainTextAndMetadata(_ c: SnippetCase) throws {
        try check(c, path: Support.repositoryRoot.appendingPathComponent("examples/\(c.file)").path)
    }

    func check(_ c: SnippetCase, path: String) throws {
        let article = try Support.analyse(path)
        let body = Support.body(article)
        for snippet in c.with {
            #expect(body.contains(Whitespace.collapse(snippet)), "missing from the main text: \(snippet)")
        }
        for snippet in c.without {
            #expect(!body.contains(Whitespace.collapse(snippet)), "boilerplate in the main text: \(snippet)")
        }
        if let title = c.title { #expect(article.title.map(Whitespace.collapse) == Whitespace.collapse(title)) }
        if let published = c.published { #expect(article.published?.hasPrefix(published) == true) }
        if let outlet = c.outlet { #expect(article.outlet == outlet) }
        for credit in c.credits ?? [] {
            #expect(article.credits.contains { $0.name == credit }, "credit \(credit) not found in \(article.credits)")
        }
        if let languages = c.languages {
            #expect(Set(article.languages.map(\.code)) == Set(languages))
        } else if let language = c.language {
            #expect(article.language == language)
        }
        #expect(!article.text.contains("\u{FFFD}"))
    }
}
