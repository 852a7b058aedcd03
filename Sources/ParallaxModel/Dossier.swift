/// What the reports of one story say, compared: the parts of a `Story` that `parallax analyze` adds after grouping.
///
/// JSON keys are the snake_case of these names (a public contract: extend, never rename). Sources are the
/// articles' `source` strings; outlets are `Article.outlet`, or the file name when the outlet is unknown.

/// One proposition as the story's reports make it: the same statement in other words or another language is one
/// claim with several variants.
public struct StoryClaim: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Carried by at least two independent origins, and nobody in the story contradicts it.
        case corroborated
        /// Everything that carries it traces back to one origin (one speaker, or one piece and its copies).
        case singleOrigin = "single-origin"
        /// A source in the story contradicts or denies it.
        case disputed
        /// An outlet says, in its own voice, that it is not true or not supported ("there is no evidence …").
        case refutedByOutlet = "refuted-by-outlet"
    }

    /// Stable within one run: `s1.c1`, `s1.c2`, … most widely carried first.
    public var id: String
    /// The statement, as the most representative variant words it.
    public var text: String
    public var status: Status
    /// Outlets carrying it (copies included).
    public var outlets: [String]
    /// The independent origins it rests on: copies, translations and one wire collapse into one; everything a
    /// speaker said is that speaker's, however many outlets relay it.
    public var origins: [ClaimOrigin]
    /// Who makes the claim, as named by the variants (empty when only outlets assert it).
    public var speakers: [String]
    public var variants: [ClaimVariant]
    /// Sentences that contradict, deny or refute it.
    public var disputes: [ClaimVariant]

    public init(id: String, text: String, status: Status, outlets: [String], origins: [ClaimOrigin],
                speakers: [String], variants: [ClaimVariant], disputes: [ClaimVariant]) {
        self.id = id
        self.text = text
        self.status = status
        self.outlets = outlets
        self.origins = origins
        self.speakers = speakers
        self.variants = variants
        self.disputes = disputes
    }
}

/// Where a claim comes from: a speaker, or an outlet's own reporting (with its copies).
public struct ClaimOrigin: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case speaker, outlet }
    /// The speaker's name, or the outlet of the original piece.
    public var name: String
    public var kind: Kind
    /// The articles that carry the claim from this origin.
    public var sources: [String]

    public init(name: String, kind: Kind, sources: [String]) {
        self.name = name
        self.kind = kind
        self.sources = sources
    }
}

/// One article's wording of a claim.
public struct ClaimVariant: Codable, Sendable, Equatable {
    public var source: String
    public var outlet: String
    public var language: String?
    /// Index into the article's sentences, and the sentence's offsets into its text (Unicode scalars).
    public var sentence: Int
    public var start: Int
    public var end: Int
    /// The whole sentence.
    public var text: String
    /// What is claimed: the quoted words or reported clause.
    public var content: String
    public var speaker: String?
    /// Who passed it on, innermost first ("Dmitry Peskov", "Interfax").
    public var via: [String]
    public var channel: String?
    /// The writer hedges or distances itself ("allegedly", "claimed"), or the sentence denies or refutes.
    public var stance: Claim.Stance
    public var hedged: Bool

    public init(source: String, outlet: String, language: String?, sentence: Int, start: Int, end: Int,
                text: String, content: String, speaker: String?, via: [String], channel: String?,
                stance: Claim.Stance, hedged: Bool) {
        self.source = source
        self.outlet = outlet
        self.language = language
        self.sentence = sentence
        self.start = start
        self.end = end
        self.text = text
        self.content = content
        self.speaker = speaker
        self.via = via
        self.channel = channel
        self.stance = stance
        self.hedged = hedged
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(source, forKey: .source)
        try c.encode(outlet, forKey: .outlet)
        try c.encode(language, forKey: .language)
        try c.encode(sentence, forKey: .sentence)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(text, forKey: .text)
        try c.encode(content, forKey: .content)
        try c.encode(speaker, forKey: .speaker)
        try c.encode(via, forKey: .via)
        try c.encode(channel, forKey: .channel)
        try c.encode(stance, forKey: .stance)
        try c.encode(hedged, forKey: .hedged)
    }
}

/// The values the story's reports give for one counted thing, side by side.
public struct FigureComparison: Codable, Sendable, Equatable {
    /// What is counted, in the words of the first report ("soldiers on the border").
    public var counted: String
    public var unit: String?
    public var values: [FigureValue]
    /// The largest value is more than 10 % above the smallest (qualifiers such as "about" allowed for).
    public var divergent: Bool
    /// How far apart: largest / smallest − 1 (0.33 for 150,000 against 200,000).
    public var spread: Double
    /// The values come from different claimants (a divergence between sources, not an outlet contradicting
    /// itself or another outlet).
    public var claimantsDiffer: Bool

    public init(counted: String, unit: String?, values: [FigureValue], divergent: Bool, spread: Double,
                claimantsDiffer: Bool) {
        self.counted = counted
        self.unit = unit
        self.values = values
        self.divergent = divergent
        self.spread = spread
        self.claimantsDiffer = claimantsDiffer
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(counted, forKey: .counted)
        try c.encode(unit, forKey: .unit)
        try c.encode(values, forKey: .values)
        try c.encode(divergent, forKey: .divergent)
        try c.encode(spread, forKey: .spread)
        try c.encode(claimantsDiffer, forKey: .claimantsDiffer)
    }
}

/// One report's figure for a counted thing.
public struct FigureValue: Codable, Sendable, Equatable {
    public var value: Double
    /// As written ("about 150,000").
    public var text: String
    public var qualifier: String?
    /// Who gives the figure; null when the outlet states it in its own voice.
    public var claimant: String?
    public var source: String
    public var outlet: String
    public var sentence: Int

    public init(value: Double, text: String, qualifier: String?, claimant: String?, source: String, outlet: String,
                sentence: Int) {
        self.value = value
        self.text = text
        self.qualifier = qualifier
        self.claimant = claimant
        self.source = source
        self.outlet = outlet
        self.sentence = sentence
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(value, forKey: .value)
        try c.encode(text, forKey: .text)
        try c.encode(qualifier, forKey: .qualifier)
        try c.encode(claimant, forKey: .claimant)
        try c.encode(source, forKey: .source)
        try c.encode(outlet, forKey: .outlet)
        try c.encode(sentence, forKey: .sentence)
    }
}

/// Something that happened on a resolved date, and who reports it.
public struct TimelineEntry: Codable, Sendable, Equatable {
    /// YYYY-MM-DD, YYYY-MM or YYYY.
    public var date: String
    /// The sentence that dates it, from the report that words it most plainly.
    public var event: String
    public var sources: [String]
    public var outlets: [String]
    /// The claim the dated sentence belongs to, when it is one.
    public var claim: String?

    public init(date: String, event: String, sources: [String], outlets: [String], claim: String?) {
        self.date = date
        self.event = event
        self.sources = sources
        self.outlets = outlets
        self.claim = claim
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(date, forKey: .date)
        try c.encode(event, forKey: .event)
        try c.encode(sources, forKey: .sources)
        try c.encode(outlets, forKey: .outlets)
        try c.encode(claim, forKey: .claim)
    }
}

/// How one outlet frames the story, in figures comparable across outlets and languages.
public struct OutletFraming: Codable, Sendable, Equatable {
    public var sources: [String]
    /// Contested name → the variant this outlet writes → how often ("Kyiv": {"Kiev": 3}).
    public var spellings: [String: [String: Int]]
    /// Labels for actors and events ("separatists", "regime", "self-proclaimed") → how often.
    public var labels: [String: Int]
    /// Names and terms set in quotation marks that nobody is quoted as saying ("people's republics").
    public var scareQuotes: [String]
    /// Claims in the outlet's reports, and the shares of them hedged, distanced, attributed to someone.
    public var claims: Int
    public var hedgedShare: Double
    public var distancedShare: Double
    public var attributedShare: Double
    /// Sentences in which the outlet refutes a claim in its own voice.
    public var refuted: [String]
    /// Persuasion technique (SemEval-2023 Task 3 names) → how many spans.
    public var techniques: [String: Int]

    public init(sources: [String]) {
        self.sources = sources
        spellings = [:]
        labels = [:]
        scareQuotes = []
        claims = 0
        hedgedShare = 0
        distancedShare = 0
        attributedShare = 0
        refuted = []
        techniques = [:]
    }
}

/// A claim some outlets carry and others leave out.
public struct CoverageGap: Codable, Sendable, Equatable {
    public var claim: String
    public var text: String
    public var carriedBy: [String]
    public var missing: [String]

    public init(claim: String, text: String, carriedBy: [String], missing: [String]) {
        self.claim = claim
        self.text = text
        self.carriedBy = carriedBy
        self.missing = missing
    }
}

/// Something about one article a reader should know before trusting it ("machine-spun text").
public struct ArticleFlag: Codable, Sendable, Equatable {
    /// `spun`: reworded by a synonym-spinning or machine-translation tool, with the tell-tale phrases as evidence.
    public var kind: String
    public var evidence: String

    public init(kind: String, evidence: String) {
        self.kind = kind
        self.evidence = evidence
    }
}
