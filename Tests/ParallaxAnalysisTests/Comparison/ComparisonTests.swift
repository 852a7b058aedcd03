import Foundation
import Testing
import ParallaxModel
@testable import ParallaxAnalysis

/// The comparison stages on hand-built articles and claim sentences: no extraction or reading runs first, so each
/// test states exactly what the stage is given.
@Suite struct ComparisonTests {
    // MARK: Hand-built inputs

    /// An article whose text is `sentences` joined by spaces, each sentence located by its offsets.
    static func article(_ source: String, outlet: String? = nil, language: String = "en", _ sentences: [String],
                        entities: [Entity] = [], claims: [Claim] = []) -> Article {
        var a = Article(source: source, format: "text")
        a.outlet = outlet
        a.language = language
        a.paragraphs = [sentences.joined(separator: " ")]
        a.text = a.paragraphs[0]
        var start = 0
        for s in sentences {
            let end = start + s.unicodeScalars.count
            a.sentences.append(Sentence(text: s, start: start, end: end, paragraph: 0, language: language))
            start = end + 1
        }
        a.entities = entities
        a.claims = claims
        return a
    }

    /// A claim filling its whole sentence: a quotation when `quote` is given, else reported speech when a speaker
    /// is named, else the outlet's own assertion.
    static func claim(_ text: String, sentence: Int = 0, speaker: String? = nil, entity: String? = nil,
                      quote: String? = nil) -> Claim {
        let kind: Claim.Kind = quote != nil ? .quote : speaker != nil ? .reported : .assertion
        var c = Claim(kind: kind, text: text, sentence: sentence,
                      content: .init(text: quote ?? text, start: 0, end: (quote ?? text).unicodeScalars.count))
        c.speaker = speaker.map { .init(text: $0, start: 0, end: $0.unicodeScalars.count) }
        c.speakerEntity = entity
        c.quote = quote
        return c
    }

    static let stopwords: Set<String> = ["the", "a", "an", "of", "to", "at", "on", "in", "and", "had", "has", "was",
                                         "were", "that", "said", "for", "its", "their", "off", "by"]

    /// A claim node of article `article`, with the content words of its sentence and the figures given.
    static func node(_ article: Int, _ claim: Claim, figures: Set<Int> = [], language: String = "en") -> ClaimNode {
        let words = WordTokenizer.tokens(of: claim.text).filter(\.isWord).map(\.folded)
            .filter { $0.unicodeScalars.count >= 3 && !stopwords.contains($0) }
        return ClaimNode(article: article, sentence: claim.sentence, claim: claim, language: language,
                         words: Set(words), figures: figures, vector: nil)
    }

    // MARK: FigureComparer.range

    struct RangeCase: Sendable, CustomTestStringConvertible {
        var qualifier: String?
        var lower: Double
        var upper: Double
        var testDescription: String { qualifier ?? "exact" }
    }

    @Test("a figure allows the values its qualifier allows", arguments: [
        RangeCase(qualifier: nil, lower: 980, upper: 1020),
        RangeCase(qualifier: "about", lower: 900, upper: 1100),
        RangeCase(qualifier: "almost", lower: 900, upper: 1000),
        RangeCase(qualifier: "over", lower: 1000, upper: .infinity),
        RangeCase(qualifier: "at least", lower: 1000, upper: .infinity),
        RangeCase(qualifier: "under", lower: 0, upper: 1000),
        RangeCase(qualifier: "up to", lower: 0, upper: 1000),
        RangeCase(qualifier: "at most", lower: 0, upper: 1000),
    ])
    func rangeOfAQualifiedFigure(_ c: RangeCase) {
        var figure = Figure(text: "1,000", value: 1000, sentence: 0, start: 0, end: 5)
        figure.qualifier = c.qualifier
        let range = FigureComparer.range(figure)
        #expect(abs(range.lower - c.lower) < 1e-9)
        #expect(range.upper == c.upper || abs(range.upper - c.upper) < 1e-9)
    }

    struct OverlapCase: Sendable, CustomTestStringConvertible {
        var a: (Double, String?)
        var b: (Double, String?)
        var overlap: Bool
        var testDescription: String { "\(a.1 ?? "") \(a.0) / \(b.1 ?? "") \(b.0)" }
    }

    @Test("qualified figures overlap exactly when a reader could take them for one count", arguments: [
        OverlapCase(a: (4000, "about"), b: (9000, "almost"), overlap: false),
        OverlapCase(a: (12000, "about"), b: (12500, nil), overlap: true),
        OverlapCase(a: (20000, "over"), b: (25000, nil), overlap: true),
        OverlapCase(a: (20000, "under"), b: (25000, nil), overlap: false),
        OverlapCase(a: (100, nil), b: (103, nil), overlap: true),
        OverlapCase(a: (100, nil), b: (105, nil), overlap: false),
    ])
    func overlap(_ c: OverlapCase) {
        func figure(_ v: (Double, String?)) -> Figure {
            var f = Figure(text: "\(v.0)", value: v.0, sentence: 0, start: 0, end: 1)
            f.qualifier = v.1
            return f
        }
        let (a, b) = (FigureComparer.range(figure(c.a)), FigureComparer.range(figure(c.b)))
        #expect((max(a.lower, b.lower) <= min(a.upper, b.upper)) == c.overlap)
    }

    // MARK: ClaimAligner without vectors

    @Test("without vectors, the same statement in other words aligns on shared words, a different one does not")
    func lexicalAlignment() {
        let nodes = [
            Self.node(0, Self.claim("Dockworkers walked off the job at the port on Wednesday as wage talks failed.")),
            Self.node(1, Self.claim("Dockworkers walked out at the port on Wednesday after the wage talks failed.")),
            Self.node(2, Self.claim("The transport minister promised to appoint a mediator next week.")),
        ]
        #expect(ClaimAligner().clusters(nodes) == [[0, 1], [2]])
    }

    @Test("sentences whose figures disagree are never aligned, however many words they share")
    func disagreeingFiguresNeverAlign() {
        let a = Self.node(0, Self.claim("About 4,000 dockworkers and crane operators have joined the strike."),
                          figures: [4000])
        let b = Self.node(1, Self.claim("Almost 9,000 dockworkers and crane operators have joined the strike."),
                          figures: [9000])
        let c = Self.node(2, Self.claim("Some 4,000 dockworkers and crane operators joined the strike."),
                          figures: [4000])
        let aligner = ClaimAligner()
        #expect(aligner.similarity(a, b) == 0)
        #expect(aligner.similarity(a, c) > 0)
        #expect(aligner.clusters([a, b, c]) == [[0, 2], [1]])
    }

    @Test("a sentence never joins a claim that already has a sentence from its article")
    func oneSentencePerArticle() {
        let first = Self.claim("The container terminals will remain closed until the union returns to talks.")
        let again = Self.claim("The container terminals will remain closed until the union returns to the talks.",
                               sentence: 1)
        let other = Self.claim("The container terminals will remain closed until the union returns to talks.")
        let clusters = ClaimAligner().clusters([Self.node(0, first), Self.node(0, again), Self.node(1, other)])
        #expect(clusters == [[0, 2], [1]])
    }

    @Test("similarity is symmetric", arguments: [0, 1, 2])
    func symmetric(pair: Int) {
        let texts = ["Some 62 cargo ships lay at anchor off the port on Thursday.",
                     "By Thursday evening, 62 cargo ships were waiting at anchor outside the harbour.",
                     "Port director Emil Sandvik said the union had rejected a written pay offer."]
        let a = Self.node(0, Self.claim(texts[pair]), figures: pair == 2 ? [] : [62])
        let b = Self.node(1, Self.claim(texts[(pair + 1) % 3]), figures: pair == 1 ? [] : [62])
        let aligner = ClaimAligner()
        #expect(aligner.similarity(a, b) == aligner.similarity(b, a))
    }

    // MARK: ClaimTriangulator origins

    static let quote = "The container terminals will remain closed until the union returns to the negotiating table."

    static func triangulator(_ articles: [Article], origins: [[String]] = []) -> ClaimTriangulator {
        ClaimTriangulator(context: StoryContext(articles: articles, origins: origins), languages: .shipped)
    }

    @Test("the same quoted words in two outlets are one utterance, whoever each outlet credits")
    func sameWordsOneOrigin() {
        let people = [Entity(id: "person:osterlund", name: "Mira Osterlund", kind: .person),
                      Entity(id: "person:sandvik", name: "Emil Sandvik", kind: .person)]
        let a = Self.claim("“\(Self.quote)” Mira Osterlund said.", speaker: "Mira Osterlund",
                           entity: "person:osterlund", quote: Self.quote)
        let b = Self.claim("“\(Self.quote)” Emil Sandvik said.", speaker: "Emil Sandvik", entity: "person:sandvik",
                           quote: Self.quote)
        let articles = [Self.article("a", outlet: "A", [a.text], entities: people, claims: [a]),
                        Self.article("b", outlet: "B", [b.text], entities: people, claims: [b])]
        let origins = Self.triangulator(articles).origins([Self.node(0, a), Self.node(1, b)])
        #expect(origins.count == 1, "\(origins)")
        #expect(origins.first?.sources == ["a", "b"])
    }

    @Test("the same point made by two named speakers rests on two origins")
    func twoSpeakersTwoOrigins() {
        let people = [Entity(id: "person:sandvik", name: "Emil Sandvik", kind: .person),
                      Entity(id: "person:ferreira", name: "Anton Ferreira", kind: .person)]
        let a = Self.claim("Emil Sandvik said the union had rejected the written pay offer.", speaker: "Emil Sandvik",
                           entity: "person:sandvik")
        let b = Self.claim("Anton Ferreira said the union had rejected the written pay offer.",
                           speaker: "Anton Ferreira", entity: "person:ferreira")
        let articles = [Self.article("a", outlet: "A", [a.text], entities: people, claims: [a]),
                        Self.article("b", outlet: "B", [b.text], entities: people, claims: [b])]
        let origins = Self.triangulator(articles).origins([Self.node(0, a), Self.node(1, b)])
        #expect(origins.map(\.name) == ["Emil Sandvik", "Anton Ferreira"])
        #expect(origins.allSatisfy { $0.kind == .speaker })
    }

    @Test("an outlet's own statement and its copy are one origin, an independent outlet's is another")
    func outletOrigins() {
        let a = Self.claim("Some 62 cargo ships lay at anchor off the port on Thursday.")
        let b = Self.claim("By Thursday evening, 62 cargo ships were waiting at anchor outside the harbour.")
        let articles = [Self.article("a", outlet: "A", [a.text], claims: [a]),
                        Self.article("copy", outlet: "C", [a.text], claims: [a]),
                        Self.article("b", outlet: "B", [b.text], claims: [b])]
        let origins = Self.triangulator(articles, origins: [["a", "copy"], ["b"]])
            .origins([Self.node(0, a), Self.node(1, a), Self.node(2, b)])
        #expect(origins.map(\.name) == ["A", "B"])
        #expect(origins.map(\.sources) == [["a", "copy"], ["b"]])
        #expect(origins.allSatisfy { $0.kind == .outlet })
    }

    @Test("a speaker a report only describes, reworded in its spun copy, is still one origin")
    func describedSpeakerInACopy() {
        let a = Self.claim("Neither side has proposed a date for new talks.", speaker: "Neither side")
        let b = Self.claim("Neither aspect has proposed a date for brand new talks.", speaker: "Neither aspect")
        let articles = [Self.article("a", outlet: "A", [a.text], claims: [a]),
                        Self.article("spun", outlet: "S", [b.text], claims: [b])]
        let origins = Self.triangulator(articles, origins: [["a", "spun"]]).origins([Self.node(0, a), Self.node(1, b)])
        #expect(origins.count == 1, "\(origins)")
    }

    @Test("a denial by another speaker in the same language disputes a claim; a translation's wording does not")
    func disputesNeedALanguageInCommon() {
        var denial = Self.claim("Ostrava said the port was not closed.", speaker: "Ostrava", entity: "org:ostrava")
        denial.negated = true
        let claim = Self.claim("Harbour officials said the port was closed.", speaker: "Harbour officials",
                               entity: "org:harbour")
        let other = Self.claim("Die Hafenbehörde sagte, der Hafen sei geschlossen worden.", speaker: "Die Hafenbehörde",
                               entity: "org:hafen")
        var translated = other
        translated.negated = true  // as a language's word lists might misread it
        let articles = [Self.article("a", outlet: "A", [claim.text], claims: [claim]),
                        Self.article("b", outlet: "B", [denial.text], claims: [denial]),
                        Self.article("c", outlet: "C", language: "de", [translated.text], claims: [translated])]
        let aligner = ClaimAligner()
        let same = Self.triangulator(articles).claim(
            id: "c1", nodes: [Self.node(0, claim), Self.node(1, denial)], refutations: [], aligner: aligner)
        #expect(same.status == .disputed && same.disputes.map(\.source) == ["b"], "\(same)")
        let across = Self.triangulator(articles).claim(
            id: "c1", nodes: [Self.node(0, claim), Self.node(2, translated, language: "de")], refutations: [],
            aligner: aligner)
        #expect(across.disputes.isEmpty && across.status == .corroborated, "\(across)")
    }

    @Test("a refutation that names what it refutes is aimed at the claim sharing its words, or at nothing")
    func refutationsAimAtWhatTheyName() {
        let accusation = Self.claim("Lindqvist accused the port of hiring strikebreakers from abroad.", sentence: 0)
        let other = Self.claim("Ships waited at anchor outside the harbour on Tuesday.", sentence: 1)
        var named = Self.claim("There is no evidence that the port hired strikebreakers from abroad.", sentence: 2)
        named.refutes = true
        var unrelated = Self.claim("There is no evidence that the dam inspectors were bribed by anyone.", sentence: 2)
        unrelated.refutes = true
        var bare = Self.claim("There is no evidence for this.", sentence: 2)
        bare.refutes = true
        let builder = DossierBuilder(stopwords: Stoplists(words: ["en": Self.stopwords]))
        let nodes = [Self.node(0, accusation), Self.node(0, other)]
        let clusters = [[0], [1]]
        #expect(builder.aim([Self.node(0, named)], at: nodes, clusters: clusters).keys.sorted() == [0])
        #expect(builder.aim([Self.node(0, unrelated)], at: nodes, clusters: clusters).isEmpty)
        #expect(builder.aim([Self.node(0, bare)], at: nodes, clusters: clusters).keys.sorted() == [1])
    }

    struct SpokespersonCase: Sendable, CustomTestStringConvertible {
        var organisation: String
        var role: String
        var testDescription: String { role }
    }

    /// A spokeswoman's statement and her organisation's, in other words: one origin, named as the organisation.
    static func spokespersonOrigins(_ c: SpokespersonCase) -> [ClaimOrigin] {
        let entities = [Entity(id: "person:osterlund", name: "Mira Osterlund", kind: .person, roles: [c.role]),
                        Entity(id: "org:authority", name: c.organisation, kind: .organisation)]
        let a = Self.claim("\(c.role) Mira Osterlund said the terminals would stay closed until talks resume.",
                           speaker: "Mira Osterlund", entity: "person:osterlund")
        let b = Self.claim("The \(c.organisation) said the terminals would stay closed until talks resume.",
                           speaker: "The \(c.organisation)", entity: "org:authority")
        let articles = [Self.article("a", outlet: "A", [a.text], entities: entities, claims: [a]),
                        Self.article("b", outlet: "B", [b.text], entities: entities, claims: [b])]
        return Self.triangulator(articles).origins([Self.node(0, a), Self.node(1, b)])
    }

    @Test("a spokesperson whose title names a one-word organisation speaks as it")
    func spokespersonFoldedIntoOrganisation() {
        let origins = Self.spokespersonOrigins(.init(organisation: "Portus", role: "Portus spokeswoman"))
        #expect(origins.map(\.name) == ["Portus"], "\(origins)")
    }

    @Test("a spokesperson whose title names an organisation of several words speaks as it")
    func spokespersonOfAMultiWordOrganisation() {
        let origins = Self.spokespersonOrigins(.init(organisation: "Harbour Authority",
                                                     role: "Harbour Authority spokeswoman"))
        #expect(origins.map(\.name) == ["Harbour Authority"], "\(origins)")
    }

    // MARK: OutletFramer.scareQuotes

    @Test("short quoted terms nobody is quoted as saying are scare quotes; quoted figures and speech are not")
    func scareQuotes() {
        let a = Self.article("a", [
            "Carriers are diverting ships to Koldvik, the “back door” to the market.",
            "The union spoke of “almost 9,000 strikers” at the gates.",
            "“The terminals will stay closed until further notice,” the spokeswoman said.",
        ])
        #expect(OutletFramer().scareQuotes(in: a) == ["back door"])
    }

    @Test("a term set in scare quotes twice is counted once, most frequent first")
    func scareQuotesMostFrequentFirst() {
        let a = Self.article("a", [
            "The authority calls it a “managed reopening” of the terminal.",
            "Critics say the “back door” is already open.",
            "The “back door” port of Koldvik is filling up.",
        ])
        #expect(OutletFramer().scareQuotes(in: a) == ["back door", "managed reopening"])
    }

    // MARK: SpinningDetector

    @Test("a tortured phrase from a synonym spinner flags the article as spun")
    func spunPhraseFlagged() {
        let a = Self.article("spun", [
            "Dockworkers walked out in a demonstration once morest longer night shifts.",
            "At a press convention on Thursday, the union leader spoke.",
        ])
        let flags = SpinningDetector.shipped.flags(a)
        #expect(flags.map(\.kind) == ["spun"])
        #expect(flags.first?.evidence.contains("once morest") == true, "\(flags)")
        #expect(flags.first?.evidence.contains("press convention") == true, "\(flags)")
    }

    @Test("ordinary news prose is not flagged", arguments: [
        "Dockworkers walked out in a protest against longer night shifts.",
        "At a press conference on Thursday, the union leader said the strike would go on once more next week.",
        "The central bank and the stock exchange were closed once more on Friday.",
    ])
    func ordinaryTextNotFlagged(text: String) {
        #expect(SpinningDetector.shipped.flags(Self.article("plain", [text])).isEmpty)
    }
}
