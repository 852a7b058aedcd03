import Foundation
import ParallaxModel

/// One language's cue lists compiled for matching: what the claim, figure, mention and date readers consult.
struct LanguageRules: Sendable {
    enum DateUnit: String, Sendable { case day, week, month, year, hour }
    enum Relative: Sendable { case last, next, this }

    var language: String
    /// Whether a data file existed; without one, only month and weekday names (from ICU) are known.
    var hasData: Bool
    var quotes: [(open: Character, close: Character)]
    var reportingVerbs = PhraseIndex<Claim.Stance>()
    var accordingTo = PhraseIndex<Bool>()
    var accordingToAfter = PhraseIndex<Bool>()
    var complementizers = PhraseIndex<Bool>()
    var channels = PhraseIndex<String>()
    var hedges = PhraseIndex<Bool>()
    var refutations = PhraseIndex<Bool>()
    var negations = PhraseIndex<Bool>()
    /// Personal pronouns: singular ones (true) are resolved to the last person named, plural ones (false) not.
    var pronouns = PhraseIndex<Bool>()
    var personTitles = PhraseIndex<Bool>()
    var honorifics = PhraseIndex<Bool>()
    var organisationWords = PhraseIndex<Bool>()
    var organisationSuffixes = PhraseIndex<Bool>()
    var groupWords = PhraseIndex<Bool>()
    var numberWords = PhraseIndex<Double>()
    var scaleWords = PhraseIndex<Double>()
    var fractions = PhraseIndex<Double>()
    var qualifiers = PhraseIndex<String>()
    var decimalSeparator: Character = "."
    var units = PhraseIndex<String>()
    var relativeDays = PhraseIndex<Int>()
    var relativeModifiers = PhraseIndex<Relative>()
    var periodWords = PhraseIndex<DateUnit>()
    var durationPrepositions = PhraseIndex<Bool>()
    var agoWords = PhraseIndex<Int>()
    /// Weekday (1 = Sunday … 7 = Saturday) and month (1–12) names in every listed form.
    var weekdays = PhraseIndex<Int>()
    var months = PhraseIndex<Int>()
    var dayParts = PhraseIndex<Bool>()
    /// Forms of contested names ("Kiew" → Kyiv as "Kiev") and stance-bearing labels ("Separatisten" → separatists).
    var spellings = PhraseIndex<NameVariant>()
    var labels = PhraseIndex<String>()
    /// First words (and stem keys) of every date phrase: a word outside them starts no date expression.
    var dateStarts: Set<String> = []
    var dateStems: Set<String> = []

    /// Quotation marks every language may use, whatever its own conventions.
    static let universalQuotes: [(open: Character, close: Character)] = [
        ("“", "”"), ("„", "“"), ("„", "”"), ("«", "»"), ("»", "«"), ("\"", "\""), ("‘", "’"), ("'", "'"),
        ("‚", "‘"), ("「", "」"), ("『", "』"), ("‹", "›"),
        // Typing slips seen in real copy: an opening mark used to close.
        ("“", "“"),
    ]

    /// Every opening and closing mark of `universalQuotes`, as token texts.
    static let quoteMarks: Set<String> = Set(universalQuotes.flatMap { [String($0.open), String($0.close)] })
    static let closingQuoteMarks: Set<String> = Set(universalQuotes.map { String($0.close) })

    init(file: LanguageDataFile?, language: String) {
        self.language = language
        hasData = file != nil
        var pairs: [(Character, Character)] = []
        for pair in file?.quotes ?? [] where pair.count == 2 {
            if let o = pair[0].first, let c = pair[1].first { pairs.append((o, c)) }
        }
        for pair in LanguageRules.universalQuotes where !pairs.contains(where: { $0 == pair }) { pairs.append(pair) }
        quotes = pairs
        addCalendarNames(language)
        guard let f = file else { indexDateStarts(); return }
        for (stance, verbs) in f.reportingVerbs ?? [:] {
            guard let s = Claim.Stance(rawValue: stance) else { continue }
            for v in verbs { reportingVerbs.add(v, payload: s) }
        }
        accordingTo = PhraseIndex(f.accordingTo ?? [], payload: true)
        accordingToAfter = PhraseIndex(f.accordingToAfter ?? [], payload: true)
        complementizers = PhraseIndex(f.complementizers ?? [], payload: true)
        for (channel, words) in f.channels ?? [:] { for w in words { channels.add(w, payload: channel) } }
        hedges = PhraseIndex(f.hedges ?? [], payload: true)
        refutations = PhraseIndex(f.refutations ?? [], payload: true)
        negations = PhraseIndex(f.negations ?? [], payload: true)
        pronouns = PhraseIndex(f.pronouns ?? [], payload: true)
        for p in f.pluralPronouns ?? [] { pronouns.add(p, payload: false) }
        personTitles = PhraseIndex(f.personTitles ?? [], payload: true)
        honorifics = PhraseIndex(f.honorifics ?? [], payload: true)
        organisationWords = PhraseIndex(f.organisationWords ?? [], payload: true)
        organisationSuffixes = PhraseIndex(f.organisationSuffixes ?? [], payload: true)
        groupWords = PhraseIndex(f.groupWords ?? [], payload: true)
        for (w, v) in f.numberWords ?? [:] { numberWords.add(w, payload: v) }
        for (w, v) in f.scaleWords ?? [:] { scaleWords.add(w, payload: v) }
        for (w, v) in f.fractions ?? [:] { fractions.add(w, payload: v) }
        for (q, words) in f.qualifiers ?? [:] { for w in words { qualifiers.add(w, payload: q) } }
        if let sep = f.decimalSeparator?.first { decimalSeparator = sep }
        for (u, words) in f.units ?? [:] { for w in words { units.add(w, payload: u) } }
        for (concept, variants) in f.spellings ?? [:] {
            for (variant, forms) in variants {
                for form in forms { spellings.add(form, payload: NameVariant(concept: concept, variant: variant)) }
            }
        }
        for (label, forms) in f.labels ?? [:] { for form in forms { labels.add(form, payload: label) } }
        for (w, v) in f.relativeDays ?? [:] { relativeDays.add(w, payload: v) }
        let relatives: [String: Relative] = ["last": .last, "next": .next, "this": .this]
        for (key, words) in f.relativeModifiers ?? [:] {
            guard let r = relatives[key] else { continue }
            for w in words { relativeModifiers.add(w, payload: r) }
        }
        for (key, words) in f.periodWords ?? [:] {
            guard let u = DateUnit(rawValue: key) else { continue }
            for w in words { periodWords.add(w, payload: u) }
        }
        durationPrepositions = PhraseIndex(f.durationPrepositions ?? [], payload: true)
        for w in f.agoWords?["before"] ?? [] { agoWords.add(w, payload: -1) }
        for w in f.agoWords?["after"] ?? [] { agoWords.add(w, payload: 1) }
        for (i, forms) in (f.weekdays ?? []).enumerated() where i < 7 { for w in forms { weekdays.add(w, payload: i + 1) } }
        for (i, forms) in (f.months ?? []).enumerated() where i < 12 { for w in forms { months.add(w, payload: i + 1) } }
        dayParts = PhraseIndex(f.dayParts ?? [], payload: true)
        indexDateStarts()
    }

    private mutating func indexDateStarts() {
        dateStarts = months.firstWords.union(weekdays.firstWords).union(relativeModifiers.firstWords)
            .union(relativeDays.firstWords).union(durationPrepositions.firstWords).union(agoWords.firstWords)
            .union(numberWords.firstWords)
        dateStems = months.stemKeys.union(weekdays.stemKeys).union(relativeModifiers.stemKeys)
            .union(relativeDays.stemKeys).union(durationPrepositions.stemKeys).union(agoWords.stemKeys)
            .union(numberWords.stemKeys)
    }

    /// Whether a date expression can start with this token (a number, or a word some date phrase starts with).
    func mayStartDate(_ t: WordToken) -> Bool {
        if t.kind == .number || t.dayOfMonth != nil { return true }
        if dateStarts.contains(t.folded) { return true }
        return !dateStems.isEmpty && t.folded.utf8.count >= 4 && dateStems.contains(String(t.folded.prefix(3)))
    }

    /// Month and weekday names (wide and abbreviated, format and stand-alone) from ICU, for any locale.
    private mutating func addCalendarNames(_ locale: String) {
        for entry in DateText.calendarNames(locale) {
            // Abbreviations shorter than three letters ("mo", "ma") collide with ordinary words.
            guard entry.name.filter(\.isLetter).count >= 3 else { continue }
            if entry.isMonth { months.add(entry.name, payload: entry.number) } else {
                weekdays.add(entry.name, payload: entry.number)
            }
        }
    }
}

/// A contested name and the variant a form of it stands for, in English labels comparable across languages.
struct NameVariant: Sendable, Equatable {
    var concept: String
    var variant: String
}

/// One language's rules, shared: every sentence of that language refers to the same compiled rules instead of
/// copying thirty phrase tables.
final class SharedRules: Sendable {
    let rules: LanguageRules
    init(_ rules: LanguageRules) { self.rules = rules }
}

/// The shipped language data, compiled once: rules for every language with a data file, and calendar-only rules
/// for any other language on demand.
public struct LanguageKit: Sendable {
    let rules: [String: SharedRules]

    /// Language codes with a data file.
    public var languages: [String] { rules.values.map(\.rules).filter(\.hasData).map(\.language).sorted() }

    init(rules: [String: SharedRules]) { self.rules = rules }

    /// Loads `Resources/languages/*.json`. A file that does not parse is a programmer error caught by the tests.
    public static let shipped: LanguageKit = {
        guard let dir = Bundle.module.url(forResource: "languages", withExtension: nil) else {
            return LanguageKit(rules: [:])
        }
        return (try? load(from: dir)) ?? LanguageKit(rules: [:])
    }()

    static func load(from dir: URL) throws -> LanguageKit {
        var rules: [String: SharedRules] = [:]
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }
        for file in files.sorted() {
            let data = try LanguageDataFile.load(dir.appendingPathComponent(file))
            rules[data.language] = SharedRules(LanguageRules(file: data, language: data.language))
        }
        // Calendar names alone for the other languages whose dates the metadata reader already knows.
        for locale in DateText.locales where rules[locale] == nil {
            rules[locale] = SharedRules(LanguageRules(file: nil, language: locale))
        }
        return LanguageKit(rules: rules)
    }

    /// Rules for a language: its data file's, month and weekday names alone, or for a language ICU has no
    /// calendar names for, none (quotation marks, names and digits are still read).
    func rules(for language: String?) -> SharedRules {
        rules[Self.code(language)] ?? LanguageKit.unknown
    }

    /// The language part of a BCP-47 tag ("pt-BR" → pt), or `und` when unknown: what data files are keyed by.
    static func code(_ language: String?) -> String {
        language.map { String($0.prefix { $0 != "-" && $0 != "_" }) } ?? "und"
    }

    static let unknown = SharedRules(LanguageRules(file: nil, language: "und"))
}
