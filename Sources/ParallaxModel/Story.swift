import Foundation
/// Reports of one development of the news, grouped: what `parallax analyze` prints per story.
///
/// A story is one *development* (the recognition of two republics, the appeal for military help the day
/// after), not a whole topic: reports that share every entity but tell of different events are different
/// stories. JSON keys are the snake_case of these names (a public contract: extend, never rename).
public struct Story: Codable, Sendable, Equatable {
    /// Stable within one run: `s1`, `s2`, … in order of each story's first article.
    public var id: String
    /// The title of the story's most central article.
    public var title: String
    /// Members in the order they joined.
    public var articles: [StoryArticle]
    /// Who copied, rewrote, spun or translated whom, inside the story.
    public var provenance: [ProvenanceEdge]
    /// Groups of articles that share one origin (a wire piece, its copies and translations): the unit to count
    /// when asking how many *independent* sources carry something. Each group lists sources; singletons too.
    public var origins: [[String]]
    /// The dossier: claims aligned across the reports, figures compared, dated events, framing per outlet, and what
    /// some outlets carry that others leave out (see Dossier.swift).
    public var claims: [StoryClaim] = []
    public var figures: [FigureComparison] = []
    public var timeline: [TimelineEntry] = []
    public var framing: [String: OutletFraming] = [:]
    public var gaps: [CoverageGap] = []

    public init(id: String, title: String, articles: [StoryArticle], provenance: [ProvenanceEdge] = [],
                origins: [[String]] = []) {
        self.id = id
        self.title = title
        self.articles = articles
        self.provenance = provenance
        self.origins = origins
    }
}

/// One member of a story, as the story list shows it.
public struct StoryArticle: Codable, Sendable, Equatable {
    public var source: String
    public var title: String?
    public var outlet: String?
    public var language: String?
    /// Every language with at least a fifth of the text (a partial translation is in two).
    public var languages: [String]
    /// ISO 8601 as the article states it (or as inferred from its text); null when unknown.
    public var published: String?
    /// What a reader should know before trusting the text (machine-spun wording).
    public var flags: [ArticleFlag] = []

    public init(source: String, title: String?, outlet: String?, language: String?, languages: [String] = [],
                published: String?) {
        self.source = source
        self.title = title
        self.outlet = outlet
        self.language = language
        self.languages = languages.isEmpty ? (language.map { [$0] } ?? []) : languages
        self.published = published
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(source, forKey: .source)
        try c.encode(title, forKey: .title)
        try c.encode(outlet, forKey: .outlet)
        try c.encode(language, forKey: .language)
        try c.encode(languages, forKey: .languages)
        try c.encode(published, forKey: .published)
        try c.encode(flags, forKey: .flags)
    }
}

/// A directed, evidenced link between two articles of a story: `to` reuses `from`.
public struct ProvenanceEdge: Codable, Sendable, Equatable {
    public enum Relation: String, Codable, Sendable, CaseIterable {
        /// Near-identical text (possibly with a new lede, byline, reordered sentences or altered figures).
        case copy
        /// The same sentences, reworded by a person: same facts in the same order, few identical phrases.
        case rewrite
        /// Automatic synonym-spinning: the original's word order with words swapped for odd synonyms.
        case spun
        /// The same content in another language.
        case translation
        /// Both run the same agency piece: neither copied the other, they share a wire origin.
        case sameWire = "same-wire"
    }

    public var from: String
    public var to: String
    public var relation: Relation
    /// False when the evidence does not say who came first (then `from` is merely the earlier-listed article).
    public var directed: Bool
    /// What was measured, in words a reader can check ("94 % of 5-word runs shared; 12 h later").
    public var evidence: String

    public init(from: String, to: String, relation: Relation, directed: Bool, evidence: String) {
        self.from = from
        self.to = to
        self.relation = relation
        self.directed = directed
        self.evidence = evidence
    }
}

extension Story {
    /// Articles taken as one story as they are given, each its own origin (for evals and benchmarks that choose
    /// the members themselves).
    public init(id: String, title: String, members: [Article]) {
        self.init(id: id, title: title, articles: members.map(StoryArticle.init(article:)),
                  origins: members.map { [$0.source] })
    }
}

extension StoryArticle {
    /// A member as the story lists it.
    public init(article a: Article) {
        self.init(source: a.source, title: a.title, outlet: a.outlet, language: a.language,
                  languages: a.languages.filter { $0.share >= 0.2 }.map(\.code), published: a.published)
    }

    /// The name the report is counted and shown under: its outlet, or its file name when the outlet is unknown.
    public var outletName: String { OutletName.of(outlet, source: source) }

    /// Its title, or "(untitled)" and its file name.
    public var shownTitle: String { title ?? OutletName.untitled(source) }
}

extension Article {
    /// Its title, or "(untitled)" and its file name.
    public var shownTitle: String { title ?? OutletName.untitled(source) }

    /// The name the report is counted and shown under: its outlet, or its file name when the outlet is unknown.
    public var outletName: String { OutletName.of(outlet, source: source) }
}

private enum OutletName {
    static func untitled(_ source: String) -> String { "(untitled) \(URL(fileURLWithPath: source).lastPathComponent)" }

    static func of(_ outlet: String?, source: String) -> String {
        if let outlet, !outlet.isEmpty { return outlet }
        return String(source.split(separator: "/").last ?? Substring(source))
    }
}
