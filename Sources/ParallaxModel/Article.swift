/// One analysed document: the public record `parallax extract` writes, one per input document.
///
/// The field names are a public contract (JSON keys are the snake_case of these names): extend freely,
/// never rename. Offsets count Unicode scalars (code points) into `text`, as Python string indices do.
public struct Article: Codable, Sendable, Equatable {
    /// Path or URL the document came from (for JSON records, `path#line`).
    public var source: String
    /// The input format that was recognised: `html`, `text` or `json`.
    public var format: String
    /// Charset the bytes were decoded from, and how it was known (`bom`, `declared`, `utf8`, `detected`).
    public var charset: String?
    public var charsetSource: String?
    public var title: String?
    public var byline: String?
    /// ISO 8601 date or date-time, as stated by the page or record; null when unknown.
    public var published: String?
    /// Outlet or site name: from metadata, or from an in-text signature such as "© dpa-infocom GmbH".
    public var outlet: String?
    /// The page's canonical URL when it declares one.
    public var url: String?
    /// News and photo agencies credited for the text or the pictures.
    public var credits: [Credit]
    /// Main language (BCP-47), the language of most of the main text.
    public var language: String?
    /// Every language of the main text with its share of characters, largest first.
    public var languages: [LanguageShare]
    /// Main text, boilerplate removed, one entry per paragraph (headings included as their own paragraphs).
    public var paragraphs: [String]
    /// Photo captions and their credits, kept apart from the main text.
    public var captions: [String]
    /// Editorial notes found in the page, such as "partially translated by … from …".
    public var notes: [String]
    /// `paragraphs` joined by blank lines; every offset refers to this string.
    public var text: String
    public var sentences: [Sentence]
    /// True when `published` was not stated but inferred from dates in the text.
    public var publishedInferred: Bool
    /// Names of people, organisations, places and groups, in text order.
    public var mentions: [Mention]
    /// The canonical entities the mentions refer to.
    public var entities: [Entity]
    /// Attributed statements and the outlet's own assertions, in text order.
    public var claims: [Claim]
    public var figures: [Figure]
    public var dates: [DateMention]
    /// Persuasion techniques found in the text, at span level (SemEval-2023 Task 3 names).
    public var techniques: [PersuasionSpan]
    /// Which analyses ran, with which language data.
    public var analyses: Analyses?
    /// Problems worth a reader's attention that did not stop the analysis.
    public var warnings: [String]
    /// The stages that produced this record, with their versions.
    public var stages: [StageID]

    enum CodingKeys: String, CodingKey {
        case source, format, charset, charsetSource, title, byline, published, outlet, url, credits, language
        case languages, paragraphs, captions, notes, text, sentences, warnings, stages
        case publishedInferred, mentions, entities, claims, figures, dates, techniques, analyses
    }

    /// Writes every key, with `null` for unknown values: consumers can rely on the keys being there.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(source, forKey: .source)
        try c.encode(format, forKey: .format)
        try c.encode(charset, forKey: .charset)
        try c.encode(charsetSource, forKey: .charsetSource)
        try c.encode(title, forKey: .title)
        try c.encode(byline, forKey: .byline)
        try c.encode(published, forKey: .published)
        try c.encode(publishedInferred, forKey: .publishedInferred)
        try c.encode(outlet, forKey: .outlet)
        try c.encode(url, forKey: .url)
        try c.encode(credits, forKey: .credits)
        try c.encode(language, forKey: .language)
        try c.encode(languages, forKey: .languages)
        try c.encode(paragraphs, forKey: .paragraphs)
        try c.encode(captions, forKey: .captions)
        try c.encode(notes, forKey: .notes)
        try c.encode(text, forKey: .text)
        try c.encode(sentences, forKey: .sentences)
        try c.encode(mentions, forKey: .mentions)
        try c.encode(entities, forKey: .entities)
        try c.encode(claims, forKey: .claims)
        try c.encode(figures, forKey: .figures)
        try c.encode(dates, forKey: .dates)
        try c.encode(techniques, forKey: .techniques)
        try c.encode(analyses, forKey: .analyses)
        try c.encode(warnings, forKey: .warnings)
        try c.encode(stages, forKey: .stages)
    }

    public init(source: String, format: String) {
        self.source = source
        self.format = format
        credits = []
        languages = []
        paragraphs = []
        captions = []
        notes = []
        text = ""
        sentences = []
        publishedInferred = false
        mentions = []
        entities = []
        claims = []
        figures = []
        dates = []
        techniques = []
        warnings = []
        stages = []
    }
}

/// A news or photo agency credited by a document, with the line that credits it.
public struct Credit: Codable, Sendable, Equatable, Hashable {
    public enum Role: String, Codable, Sendable { case text, photo }
    /// Canonical agency name ("AP", "TASS", "dpa").
    public var name: String
    public var role: Role
    /// The words of the document that credit it.
    public var evidence: String

    public init(name: String, role: Role, evidence: String) {
        self.name = name
        self.role = role
        self.evidence = evidence
    }
}

/// A language and the share of the main text's characters written in it.
public struct LanguageShare: Codable, Sendable, Equatable {
    public var code: String
    public var share: Double

    public init(code: String, share: Double) {
        self.code = code
        self.share = share
    }
}

/// A sentence of the main text, located by Unicode-scalar offsets into `Article.text`.
public struct Sentence: Codable, Sendable, Equatable {
    public var text: String
    public var start: Int
    public var end: Int
    /// Index into `Article.paragraphs`.
    public var paragraph: Int
    public var language: String?

    public init(text: String, start: Int, end: Int, paragraph: Int, language: String?) {
        self.text = text
        self.start = start
        self.end = end
        self.paragraph = paragraph
        self.language = language
    }
}
