import Foundation
import ParallaxModel

/// What story clustering needs to know about one article: when its event happened, the passage that carries
/// the story (to embed), and the bags of features two reports of one development share — canonical entities
/// and figure values (language-independent) and content words (the lexical fallback within a language).
public struct StoryProfile: Sendable {
    public var source: String
    /// Main language: words are compared only between articles in the same language.
    public var language: String?
    /// Days since 1970-01-01 (fractional) of the event the article reports: a date resolved in its lead, else
    /// its publication time; nil when neither is known.
    public var time: Double?
    /// Title and lead, cut at a sentence end: what is embedded (whole articles drift into background).
    public var passage: String
    /// Raw counts per hashed feature, before the corpus weights them (`StoryClusterer`).
    public var entityCounts: [UInt64: Float]
    public var termCounts: [UInt64: Float]

    public init(source: String, language: String?, time: Double?, passage: String,
                entityCounts: [UInt64: Float], termCounts: [UInt64: Float]) {
        self.source = source
        self.language = language
        self.time = time
        self.passage = passage
        self.entityCounts = entityCounts
        self.termCounts = termCounts
    }
}

/// Builds profiles from analysed articles.
public struct StoryProfiler: Sendable {
    /// Full stoplists per language: words too common to say what a story is about.
    public var stopwords: [String: Set<String>]
    /// 600 characters: a title and a two- or three-sentence lead; e5 reads at most 512 tokens and its cost grows
    /// with length, and past the lead come background paragraphs shared by every development of a crisis.
    public var passageLength = 600

    public init(stopwords: Stoplists) { self.stopwords = stopwords.words }

    public func profile(_ article: Article) -> StoryProfile {
        StoryProfile(source: article.source, language: article.language, time: eventTime(article), passage: passage(article),
                     entityCounts: entityCounts(article), termCounts: termCounts(article))
    }

    func passage(_ article: Article) -> String {
        var parts: [String] = []
        var length = 0
        if let title = article.title, !title.isEmpty {
            parts.append(title)
            length = title.count
        }
        for sentence in article.sentences {
            // Skip a first paragraph that repeats the title.
            if sentence.text == article.title { continue }
            if length > 0, length + sentence.text.count > passageLength { break }
            parts.append(sentence.text)
            length += sentence.text.count + 1
        }
        return parts.joined(separator: "\n")
    }

    /// The day a date in the first two sentences names (within a week before publication), else publication.
    func eventTime(_ article: Article) -> Double? {
        let published = article.published.flatMap(StoryTime.days(iso:))
        let lead = article.dates.first { mention in
            guard mention.sentence < 2, let iso = mention.date, iso.count == 10,
                  let day = StoryTime.days(iso: iso) else { return false }
            guard let published else { return true }
            return day <= published + 1 && day >= published - 7
        }
        if let iso = lead?.date, let day = StoryTime.days(iso: iso) {
            // Noon of that day: the hour is unknown, and noon is never more than half a day off.
            return day + 0.5
        }
        return published
    }

    func entityCounts(_ article: Article) -> [UInt64: Float] {
        var counts: [UInt64: Float] = [:]
        for mention in article.mentions {
            guard let id = mention.entity else { continue }
            counts[Shingles.hash("e:" + id), default: 0] += 1
        }
        // Figure values read the same in every language ("300.000" = "300,000" = 300000).
        for figure in article.figures where figure.value >= 10 {
            guard let whole = figure.whole else { continue }
            counts[Shingles.hash("f:\(whole)"), default: 0] += 1
        }
        return counts.mapValues { 1 + logf($0) }
    }

    func termCounts(_ article: Article) -> [UInt64: Float] {
        var counts: [UInt64: Float] = [:]
        func add(_ text: String, language: String?, weight: Float) {
            for word in WordTokenizer.contentWords(of: text, stopwords: language.flatMap { stopwords[$0] } ?? []) {
                counts[Shingles.hash("w:" + word), default: 0] += weight
            }
        }
        // The title says what the story is; it counts as much as three mentions in the body.
        if let title = article.title { add(title, language: article.language, weight: 3) }
        for sentence in article.sentences { add(sentence.text, language: sentence.language ?? article.language, weight: 1) }
        return counts.mapValues { 1 + logf($0) }
    }
}

/// Dates as fractional day numbers, so that time windows and gaps are plain subtraction.
public enum StoryTime {
    /// Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]" into days since 1970-01-01 (UTC when an offset is
    /// given, local time of the page otherwise).
    public static func days(iso: String) -> Double? {
        guard let date = CivilDate(iso: iso) else { return nil }
        var days = Double(date.dayNumber)
        let rest = Array(iso.dropFirst(10))
        guard rest.count >= 6, rest[0] == "T" || rest[0] == " " else { return days }
        let digits = { (s: ArraySlice<Character>) in Int(String(s)) }
        guard let h = digits(rest[1..<3]), let m = digits(rest[4..<6]), h < 24, m < 60 else { return days }
        days += (Double(h) + Double(m) / 60) / 24
        if let sign = rest.lastIndex(where: { $0 == "+" || $0 == "-" }), sign >= 6, rest.count >= sign + 6,
           let oh = digits(rest[(sign + 1)..<(sign + 3)]), let om = digits(rest[(sign + 4)..<(sign + 6)]) {
            let offset = (Double(oh) + Double(om) / 60) / 24
            days += rest[sign] == "+" ? -offset : offset
        }
        return days
    }
}
