/// A statement in an article and who it comes from: an attributed quote or report, or the outlet's own assertion.
///
/// `speaker` → `channel` → `via` (intermediaries, innermost first) → the article's outlet is the attribution
/// chain: "Kremlin spokesman Peskov said, according to Interfax, that the leaders wrote …" has speaker "the
/// leaders", channel `letter`, via ["Peskov", "Interfax"].
public struct Claim: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// Words in quotation marks attributed to a speaker.
        case quote
        /// Reported speech without quotation marks ("X said that …").
        case reported
        /// The outlet's own statement: nobody else is named as its source.
        case assertion
    }
    /// How the writer presents the speaker's statement, from the reporting verb.
    public enum Stance: String, Codable, Sendable { case neutral, distancing, endorsing, denying }

    public struct Span: Codable, Sendable, Equatable {
        public var text: String
        public var start: Int
        public var end: Int
        public init(text: String, start: Int, end: Int) {
            self.text = text
            self.start = start
            self.end = end
        }
    }

    /// An intermediary in the chain: who passed the statement on.
    public struct Link: Codable, Sendable, Equatable {
        public var text: String
        public var entity: String?
        public init(text: String, entity: String?) {
            self.text = text
            self.entity = entity
        }
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(text, forKey: .text)
            try c.encode(entity, forKey: .entity)
        }
    }

    public var kind: Kind
    /// The sentence the claim is made in (the whole sentence, attribution included).
    public var text: String
    /// Index into `Article.sentences`.
    public var sentence: Int
    /// What is claimed: the quoted words or the reported clause (the whole sentence for an assertion).
    public var content: Span
    /// The speaker as the article names them, or null for the outlet's own assertion.
    public var speaker: Span?
    public var speakerEntity: String?
    /// letter, interview, statement, social post, speech, press conference, report, broadcast.
    public var channel: String?
    public var via: [Link]
    /// The reporting verb or marker ("said", "according to", "hævder").
    public var verb: Span?
    public var stance: Stance
    /// The quoted words, without the quotation marks.
    public var quote: String?
    /// Hedging words the writer uses around the claim ("allegedly", "påståede").
    public var hedges: [String]
    /// The reporting verb is negated ("did not confirm").
    public var negated: Bool
    /// The sentence refutes a claim ("There is no evidence of …").
    public var refutes: Bool

    public init(kind: Kind, text: String, sentence: Int, content: Span) {
        self.kind = kind
        self.text = text
        self.sentence = sentence
        self.content = content
        via = []
        stance = .neutral
        hedges = []
        negated = false
        refutes = false
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(text, forKey: .text)
        try c.encode(sentence, forKey: .sentence)
        try c.encode(content, forKey: .content)
        try c.encode(speaker, forKey: .speaker)
        try c.encode(speakerEntity, forKey: .speakerEntity)
        try c.encode(channel, forKey: .channel)
        try c.encode(via, forKey: .via)
        try c.encode(verb, forKey: .verb)
        try c.encode(stance, forKey: .stance)
        try c.encode(quote, forKey: .quote)
        try c.encode(hedges, forKey: .hedges)
        try c.encode(negated, forKey: .negated)
        try c.encode(refutes, forKey: .refutes)
    }
}
