import Foundation
import ParallaxModel

/// The second half of the per-document pipeline, on extracted sentences: dates → figures → mentions → claims.
/// Every result points back to its sentence and to offsets in `Article.text`.
public struct ArticleReading: Sendable {
    public var languages: LanguageKit
    public var gazetteer: Gazetteer
    /// Function words per language (see `Stoplists.functionWords`).
    var stopwords: [String: Set<String>]

    public init(languages: LanguageKit, gazetteer: Gazetteer, stopwords: Stoplists) {
        self.languages = languages
        self.gazetteer = gazetteer
        self.stopwords = stopwords.functionWords
    }

    /// Figures one article may give: a table of thousands of numbers is data, not a report's figures, and every
    /// figure is compared with the story's others.
    public static let maxFigures = 1000

    public static let stages = [
        StageID("dates.rules", 1), StageID("figures.rules", 1), StageID("mentions.gazetteer", 1),
        StageID("claims.rules", 1), PersuasionDetector.id,
    ]

    /// Reads the article's sentences. Past the deadline, later sentences get no mentions or claims and the
    /// record says so; the rest of the record stands.
    public func read(_ article: inout Article, deadline: Deadline = .none) {
        // 1. Tokens and each sentence's language rules (the article's language when a sentence has none).
        let sentences = article.sentences.enumerated().map { i, s in
            AnalysedSentence(index: i, sentence: s, rules: languages.rules(for: s.language ?? article.language))
        }
        // 2. Dates, resolved against the stated or inferred publication date.
        let taken = readDates(sentences, into: &article)
        // 3. Figures, from sentences short enough to be prose (a list of 10,000 numbers is not a news figure).
        let figureReader = FigureReader(stopwords: stopwords)
        article.figures = Array(sentences.lazy.filter { $0.tokens.count <= ClaimFinder.maxTokens }
            .flatMap { figureReader.read($0, taken: taken[$0.index] ?? []) }.prefix(Self.maxFigures + 1))
        if article.figures.count > Self.maxFigures {
            article.figures.removeLast(article.figures.count - Self.maxFigures)
            article.warnings.append("only the first \(Self.maxFigures) figures were read")
        }
        // 4. Mentions and entities.
        let found = MentionFinder(gazetteer: gazetteer, stopwords: stopwords).find(in: sentences, deadline: deadline)
        article.mentions = found.mentions.sorted { $0.start < $1.start }
        article.entities = found.entities
        // 5. Claims, then each figure's claim and claimant.
        let text = Array(article.text.unicodeScalars)
        article.claims = ClaimFinder(stopwords: stopwords).find(in: sentences, mentions: article.mentions, text: text,
                                                                deadline: deadline)
        if deadline.expired {
            article.warnings.append("reading stopped at the time limit (\(deadline.seconds) s): later sentences have "
                + "no mentions or claims")
        }
        if let long = sentences.map(\.tokens.count).max(), long > ClaimFinder.maxTokens {
            article.warnings.append("a sentence of \(long) tokens was not read for claims or figures (limit \(ClaimFinder.maxTokens))")
        }
        linkFigures(&article)
        // 6. Persuasion techniques, from the cues of each sentence's language (within the time limit).
        if deadline.expired {
            article.warnings.append("persuasion techniques not read: the time limit (\(deadline.seconds) s) was reached")
        } else {
            article.techniques = PersuasionDetector(stopwords: stopwords).detect(article)
        }
        let main = languages.rules(for: article.language).rules
        article.analyses = Analyses(language: main.language, languageData: main.hasData,
                                    ran: main.hasData ? ["dates", "figures", "mentions", "claims", "persuasion"]
                                        : ["dates", "figures", "mentions", "quotes", "persuasion"])
    }

    /// Finds the time expressions, infers the publication date when the page gave none, resolves every
    /// expression, and returns the tokens they took per sentence (so that "22" in "22 February" is no figure).
    private func readDates(_ sentences: [AnalysedSentence], into article: inout Article) -> [Int: Set<Int>] {
        let reader = DateReader()
        let expressions = sentences.flatMap { reader.read($0) }
        var resolver = DateResolver(anchor: nil, fallbackYear: DateResolver.latestYear(expressions))
        if let stated = article.published.flatMap({ CivilDate(iso: $0) }) {
            resolver.anchor = .init(date: stated, inferred: article.publishedInferred)
        } else if let inferred = DateResolver.inferPublication(expressions) {
            resolver.anchor = .init(date: inferred, inferred: true)
            article.published = inferred.iso
            article.publishedInferred = true
        }
        var taken: [Int: Set<Int>] = [:]
        article.dates = expressions.map { e in
            let s = sentences[e.sentence]
            taken[e.sentence, default: []].formUnion(e.from..<e.to)
            let (date, inferred) = resolver.resolve(e.value)
            let span = s.span(e.from, e.to)
            return DateMention(text: span.text, kind: resolver.kind(of: e.value), date: date, sentence: e.sentence,
                               start: span.start, end: span.end, inferred: inferred)
        }
        return taken
    }

    /// A figure belongs to the claim of its sentence whose content holds it (else the sentence's first claim);
    /// the claim's speaker is its claimant.
    private func linkFigures(_ article: inout Article) {
        let claimsBySentence = Dictionary(grouping: article.claims.indices, by: { article.claims[$0].sentence })
        for k in article.figures.indices {
            let f = article.figures[k]
            let candidates = claimsBySentence[f.sentence] ?? []
            let holder = candidates.first {
                article.claims[$0].content.start <= f.start && f.end <= article.claims[$0].content.end
            } ?? candidates.first
            guard let c = holder else { continue }
            article.figures[k].claim = c
            // The claimant by name: "Volodymyr Zelensky" for "the Ukrainian leader", the person for "he".
            let claim = article.claims[c]
            let entity = claim.speakerEntity.flatMap { id in article.entities.first { $0.id == id } }
            article.figures[k].claimant = entity?.kind == .person ? entity?.name : claim.speaker?.text
        }
    }
}
