/// A number the article states, what it counts, and who claims it.
public struct Figure: Codable, Sendable, Equatable {
    /// The words of the figure as written ("about 150,000", "51 тыс.", "more than half").
    public var text: String
    public var value: Double
    /// percent, fraction, km, USD, EUR … or null for a plain count.
    public var unit: String?
    /// What is counted: the words after the number ("soldiers on the border").
    public var counted: String?
    /// about, over, under, almost, at least, up to, at most — or null for an exact figure.
    public var qualifier: String?
    /// The speaker of the claim the figure sits in; null when it is the outlet's own statement.
    public var claimant: String?
    /// Index into `Article.claims` of that claim.
    public var claim: Int?
    public var sentence: Int
    public var start: Int
    public var end: Int

    /// The value rounded to a whole number, the key figures are compared by across languages; nil for a value no
    /// integer holds (infinite, or beyond ±9.2 × 10¹⁸: a text can write any number of digits).
    public var whole: Int? { value.isFinite ? Int(exactly: value.rounded()) : nil }

    public init(text: String, value: Double, sentence: Int, start: Int, end: Int) {
        self.text = text
        self.value = value
        self.sentence = sentence
        self.start = start
        self.end = end
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(value, forKey: .value)
        try c.encode(unit, forKey: .unit)
        try c.encode(counted, forKey: .counted)
        try c.encode(qualifier, forKey: .qualifier)
        try c.encode(claimant, forKey: .claimant)
        try c.encode(claim, forKey: .claim)
        try c.encode(sentence, forKey: .sentence)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
    }
}

/// A time expression and what it resolves to.
public struct DateMention: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// A calendar date written out ("22 February 2022", "tirsdag den 22. februar").
        case absolute
        /// A date relative to the publication ("on Monday", "yesterday", "three days ago").
        case relative
        /// A month or a year ("in February 2015", "in 2014").
        case period
        /// A length of time ("for 30 days").
        case duration
    }
    public var text: String
    public var kind: Kind
    /// YYYY-MM-DD, YYYY-MM or YYYY; an ISO 8601 duration (P30D) for durations; null when it cannot be resolved
    /// (a weekday in an article whose date is unknown).
    public var date: String?
    public var sentence: Int
    public var start: Int
    public var end: Int
    /// Resolved against a publication date that was itself inferred from the text.
    public var inferred: Bool

    public init(text: String, kind: Kind, date: String?, sentence: Int, start: Int, end: Int, inferred: Bool) {
        self.text = text
        self.kind = kind
        self.date = date
        self.sentence = sentence
        self.start = start
        self.end = end
        self.inferred = inferred
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(kind, forKey: .kind)
        try c.encode(date, forKey: .date)
        try c.encode(sentence, forKey: .sentence)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(inferred, forKey: .inferred)
    }
}

/// Which analyses ran on an article and with what language data, so a reader knows what a missing result means.
public struct Analyses: Codable, Sendable, Equatable {
    /// Language whose data files drove claims, figures and dates (the article's main language when data exists).
    public var language: String?
    /// Whether per-language data existed for it; without it, quotes, names and digits are still found.
    public var languageData: Bool
    public var ran: [String]

    public init(language: String?, languageData: Bool, ran: [String]) {
        self.language = language
        self.languageData = languageData
        self.ran = ran
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(language, forKey: .language)
        try c.encode(languageData, forKey: .languageData)
        try c.encode(ran, forKey: .ran)
    }
}
