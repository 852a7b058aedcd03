import Foundation
import Testing
import ParallaxModel
@testable import ParallaxAnalysis

/// Quotes, reported speech, chains, hedges and refutations, figures in every local number format and relative
/// dates across week and month boundaries, in every language with a data file (Fixtures/understanding/).
@Suite struct LanguageFixtureTests {
    static let cases = UnderstandingCase.all()

    @Test("every supported language has fixtures and a data file")
    func everyLanguageIsCovered() {
        let fixtureLanguages = Set(Self.cases.map(\.language))
        for language in ["en", "de", "fr", "es", "it", "pt", "pl", "ru", "uk", "da"] {
            #expect(fixtureLanguages.contains(language), "no fixtures for \(language)")
            #expect(LanguageKit.shipped.languages.contains(language), "no data file for \(language)")
        }
    }

    @Test("claims, figures and dates come out as expected", arguments: cases)
    func fixture(_ c: UnderstandingCase) throws {
        let article = Support.read(c.text, language: c.language, published: c.published)
        let problems = c.problems(in: article)
        #expect(problems.isEmpty, Comment(rawValue: "\(c.id):\n  " + problems.joined(separator: "\n  ")))
    }
}
