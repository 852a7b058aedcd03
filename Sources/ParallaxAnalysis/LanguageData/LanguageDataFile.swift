import Foundation

/// One language's analysis data as written in `Resources/languages/<code>.json` (format: docs/language-data.md).
///
/// Adding a language is adding a file. Every key is optional so that a partial file still loads; what is
/// missing simply finds nothing.
struct LanguageDataFile: Decodable, Sendable {
    var language: String
    var name: String?
    var quotes: [[String]]?
    var reportingVerbs: [String: [String]]?
    var accordingTo: [String]?
    var accordingToAfter: [String]?
    var complementizers: [String]?
    var channels: [String: [String]]?
    var hedges: [String]?
    var refutations: [String]?
    var negations: [String]?
    var pronouns: [String]?
    var pluralPronouns: [String]?
    var personTitles: [String]?
    var honorifics: [String]?
    var organisationWords: [String]?
    var organisationSuffixes: [String]?
    var groupWords: [String]?
    var numberWords: [String: Double]?
    var scaleWords: [String: Double]?
    var fractions: [String: Double]?
    var qualifiers: [String: [String]]?
    var decimalSeparator: String?
    var units: [String: [String]]?
    var relativeDays: [String: Int]?
    var relativeModifiers: [String: [String]]?
    var periodWords: [String: [String]]?
    var durationPrepositions: [String]?
    var agoWords: [String: [String]]?
    var weekdays: [[String]]?
    var months: [[String]]?
    var dayParts: [String]?
    /// Contested name → variant (English labels, the same in every file) → this language's forms.
    var spellings: [String: [String: [String]]]?
    /// Stance-bearing label for actors and events (English key, the same in every file) → this language's forms.
    var labels: [String: [String]]?

    static func load(_ url: URL) throws -> LanguageDataFile {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(LanguageDataFile.self, from: Data(contentsOf: url))
    }
}
