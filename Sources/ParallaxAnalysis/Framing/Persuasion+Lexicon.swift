import Foundation

/// One language's persuasion cues as written in `Resources/persuasion/<code>.json`.
///
/// `cues` maps a SemEval-2023 technique name to words and phrases in the format of docs/language-data.md
/// (lower case, `*` for a stem). `min_cues` sets how many cues of a technique a paragraph needs before its spans
/// are reported (0 turns the technique off for the language); a technique not listed needs one.
struct PersuasionLexiconFile: Decodable, Sendable {
    var language: String
    var cues: [String: [String]]
    var minCues: [String: Int]?

    static func load(_ url: URL) throws -> PersuasionLexiconFile {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(PersuasionLexiconFile.self, from: Data(contentsOf: url))
    }
}

/// A cue phrase and the technique it signals.
struct PersuasionCue: Sendable, Hashable {
    var technique: String
    var phrase: String
}

/// One language's persuasion cues compiled into a single phrase index.
public struct PersuasionRules: Sendable {
    public var language: String
    /// Cues per paragraph a technique needs to be reported (0: never reported).
    public var minCues: [String: Int]
    /// Every cue phrase; a phrase listed under several techniques signals all of them.
    var cues = PhraseIndex<[PersuasionCue]>()
    /// Patterns (`#question`, `#repetition` …) and the techniques they signal.
    var patterns: [String: [String]] = [:]

    init(file: PersuasionLexiconFile) {
        language = file.language
        minCues = file.minCues ?? [:]
        var byPhrase: [String: [PersuasionCue]] = [:]
        for (technique, phrases) in file.cues.sorted(by: { $0.key < $1.key }) {
            for phrase in phrases {
                if phrase.hasPrefix("#") { patterns[phrase, default: []].append(technique); continue }
                // A stem also matches itself ("scandal*" → scandal), which PhraseIndex's stems do not.
                let key = phrase.lowercased()
                let forms = key.hasSuffix("*") ? [key, String(key.dropLast())] : [key]
                for form in forms { byPhrase[form, default: []].append(PersuasionCue(technique: technique, phrase: key)) }
            }
        }
        for (phrase, cues) in byPhrase.sorted(by: { $0.key < $1.key }) { self.cues.add(phrase, payload: cues) }
    }

    /// Rules with no cue phrases: only the language-independent patterns (questions, repetition) apply.
    init(language: String) {
        self.language = language
        minCues = [:]
    }

    /// How many cues a paragraph needs for `technique`.
    public func threshold(_ technique: String) -> Int { minCues[technique] ?? 1 }
}

/// The shipped persuasion lexicons, compiled once.
public struct PersuasionKit: Sendable {
    public let rules: [String: PersuasionRules]

    public init(rules: [String: PersuasionRules]) { self.rules = rules }

    /// Language codes with a lexicon.
    public var languages: [String] { rules.keys.sorted() }

    /// Loads `Resources/persuasion/*.json`. A file that does not parse is a programmer error caught by the tests.
    public static let shipped: PersuasionKit = {
        guard let dir = Bundle.module.url(forResource: "persuasion", withExtension: nil) else {
            return PersuasionKit(rules: [:])
        }
        return (try? load(from: dir)) ?? PersuasionKit(rules: [:])
    }()

    static func load(from dir: URL) throws -> PersuasionKit {
        var rules: [String: PersuasionRules] = [:]
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }
        for file in files.sorted() {
            let data = try PersuasionLexiconFile.load(dir.appendingPathComponent(file))
            rules[data.language] = PersuasionRules(file: data)
        }
        return PersuasionKit(rules: rules)
    }

    /// The rules for a language ("pt-BR" → pt); a language without a lexicon gets the patterns alone.
    public func rules(for language: String?) -> PersuasionRules {
        let code = LanguageKit.code(language)
        return rules[code] ?? PersuasionRules(language: code)
    }
}
