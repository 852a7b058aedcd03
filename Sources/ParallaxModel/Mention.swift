/// A name in the text — a person, organisation, place or group — linked to a canonical entity when one is known.
///
/// The surface form is kept exactly as the article wrote it ("Kiev", "Kyiv", "Киев"): which spelling an outlet
/// chooses is itself a framing signal.
public struct Mention: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case person, organisation, place, group }
    public var text: String
    public var kind: Kind
    /// Canonical id (`Entity.id`), or null for a description that names nobody in particular.
    public var entity: String?
    /// Unicode-scalar offsets into `Article.text`.
    public var start: Int
    public var end: Int
    /// Index into `Article.sentences`.
    public var sentence: Int

    public init(text: String, kind: Kind, entity: String?, start: Int, end: Int, sentence: Int) {
        self.text = text
        self.kind = kind
        self.entity = entity
        self.start = start
        self.end = end
        self.sentence = sentence
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(kind, forKey: .kind)
        try c.encode(entity, forKey: .entity)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(sentence, forKey: .sentence)
    }
}

/// One real-world referent of an article's mentions, with every surface form the article used for it.
///
/// Ids are stable across articles and languages: `geonames:703448` (a city), `country:UA`, `px:dpr` (a curated
/// entity), `agency:TASS`, `person:peskov` (a person, keyed by the romanised, spelling-folded surname, so that
/// Peskov, Peskow, Pieskow and Песков share one id), `group:western-sources`.
public struct Entity: Codable, Sendable, Equatable {
    public var id: String
    /// The fullest name the article gives ("Dmitry Peskov"), or the canonical name from the gazetteer.
    public var name: String
    public var kind: Mention.Kind
    /// Roles and titles the article gives the entity ("Kremlin spokesman").
    public var roles: [String]
    /// Every surface form seen, in order of first appearance.
    public var forms: [String]

    public init(id: String, name: String, kind: Mention.Kind, roles: [String] = [], forms: [String] = []) {
        self.id = id
        self.name = name
        self.kind = kind
        self.roles = roles
        self.forms = forms
    }
}
