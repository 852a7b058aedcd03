import Foundation
import ParallaxModel

/// Flags text reworded by a synonym spinner or a poor machine translation, from the text alone: "tortured phrases"
/// that such tools produce and writers do not ("once morest" for "against", "counterfeit consciousness" for
/// "artificial intelligence"). The list is `Resources/lexicon/spinning.json` (docs/language-data.md).
///
/// Detection against an original is `ProvenanceDetector`'s `spun` relation; this finds a spun copy whose original
/// is not among the inputs.
public struct SpinningDetector: Sendable {
    /// Language → tortured phrase → what the original most likely said.
    var phrases: [String: PhraseIndex<Phrase>]
    /// Language → whole lines (bylines, credits) that are mistranslations ("Drafting" for "Redacción").
    var lines: [String: [String: String]]

    struct Phrase: Sendable {
        var text: String
        var original: String
    }

    struct File: Decodable {
        var phrases: [String: [String: String]]?
        var lines: [String: [String: String]]?
    }

    public init(phrases: [String: [String: String]] = [:], lines: [String: [String: String]] = [:]) {
        self.phrases = phrases.mapValues { table in
            var index = PhraseIndex<Phrase>()
            for (phrase, original) in table { index.add(phrase, payload: Phrase(text: phrase, original: original)) }
            return index
        }
        self.lines = lines.mapValues { Dictionary($0.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a }) }
    }

    /// The list shipped in the module's resources (empty if it is missing, which the tests catch).
    public static let shipped: SpinningDetector = {
        guard let dir = Bundle.module.url(forResource: "lexicon", withExtension: nil),
              let data = try? Data(contentsOf: dir.appendingPathComponent("spinning.json")),
              let file = try? JSONDecoder().decode(File.self, from: data) else { return SpinningDetector() }
        return SpinningDetector(phrases: file.phrases ?? [:], lines: file.lines ?? [:])
    }()

    /// A `spun` flag with the phrases found as evidence, or nothing.
    public func flags(_ article: Article) -> [ArticleFlag] {
        let found = evidence(article)
        guard !found.isEmpty else { return [] }
        return [ArticleFlag(kind: "spun", evidence: "reads like machine-spun or machine-translated text: "
            + found.prefix(5).joined(separator: "; "))]
    }

    func evidence(_ article: Article) -> [String] {
        var found: [String] = []
        for sentence in article.sentences {
            let language = LanguageKit.code(sentence.language ?? article.language)
            guard let index = phrases[language] else { continue }
            for m in index.matches(in: WordTokenizer.tokens(of: sentence.text)) {
                let line = "“\(m.match.payload.text)” (for “\(m.match.payload.original)”)"
                if !found.contains(line) { found.append(line) }
            }
        }
        let language = LanguageKit.code(article.language)
        for line in [article.byline].compactMap({ $0 }) + article.paragraphs {
            let key = line.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters)).lowercased()
            if let original = lines[language]?[key] { found.append("“\(key)” as a line (for \(original))") }
        }
        return found
    }
}
