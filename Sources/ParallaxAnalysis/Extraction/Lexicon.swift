import Foundation
import ParallaxModel

/// Boilerplate cues, news and photo agencies and outlet names, from the data files in
/// `Resources/lexicon/` (one list per language: adding a language is adding entries, not code).
public struct Lexicon: Sendable {
    /// Cue lists, every entry already a `TextNormaliser.lineKey`.
    public struct Boilerplate: Sendable {
        public var navigationLines: Set<String> = []
        public var navigationPrefixes: [String] = []
        public var appPrompts: [String] = []
        public var captionLabels: Set<String> = []
        public var creditLabels: Set<String> = []
        public var bylinePrefixes: Set<String> = []
        public var translationNotes: [String] = []
        /// Phrases that make a line a credit wherever they stand ("… contributed to this report").
        public var creditPhrases: [String] = []
        public var commentLabels: Set<String> = []
        public var sectionLabels: Set<String> = []
    }

    public struct Agency: Codable, Sendable {
        public var name: String
        public var aliases: [String]
        public var kind: String
    }

    public struct Outlet: Codable, Sendable {
        public var name: String
        public var aliases: [String]
        public var domains: [String]?
    }

    public var boilerplate = Boilerplate()
    /// Agencies by the folded form of every name and alias.
    public var agencies: [String: Agency] = [:]
    /// Outlets by the folded form of every name and alias.
    public var outlets: [String: Outlet] = [:]
    /// Outlets by web domain ("bbc.co.uk").
    public var outletDomains: [String: Outlet] = [:]

    public init() {}

    /// The lexicon shipped in the module's resources.
    public static let shipped: Lexicon = {
        guard let dir = Bundle.module.url(forResource: "lexicon", withExtension: nil) else { return Lexicon() }
        return (try? load(from: dir)) ?? Lexicon()
    }()

    public static func load(from dir: URL) throws -> Lexicon {
        var lexicon = Lexicon()
        let decoder = JSONDecoder()
        if let data = try? Data(contentsOf: dir.appendingPathComponent("boilerplate.json")) {
            let raw = try decoder.decode([String: [String: [String]]].self, from: data)
            func all(_ key: String) -> [String] {
                (raw[key] ?? [:]).values.flatMap { $0 }.map(TextNormaliser.lineKey).filter { !$0.isEmpty }
            }
            lexicon.boilerplate.navigationLines = Set(all("navigationLines"))
            lexicon.boilerplate.navigationPrefixes = Array(Set(all("navigationPrefixes")))
            lexicon.boilerplate.appPrompts = Array(Set(all("appPrompts")))
            lexicon.boilerplate.captionLabels = Set(all("captionLabels"))
            lexicon.boilerplate.creditLabels = Set(all("creditLabels"))
            lexicon.boilerplate.bylinePrefixes = Set(all("bylinePrefixes"))
            lexicon.boilerplate.translationNotes = Array(Set(all("translationNotes")))
            lexicon.boilerplate.creditPhrases = Array(Set(all("creditPhrases")))
            lexicon.boilerplate.commentLabels = Set(all("commentLabels"))
            lexicon.boilerplate.sectionLabels = Set(all("sectionLabels"))
        }
        if let data = try? Data(contentsOf: dir.appendingPathComponent("agencies.json")) {
            for agency in try decoder.decode([Agency].self, from: data) {
                for name in [agency.name] + agency.aliases { lexicon.agencies[TextNormaliser.lineKey(name)] = agency }
            }
        }
        if let data = try? Data(contentsOf: dir.appendingPathComponent("outlets.json")) {
            for outlet in try decoder.decode([Outlet].self, from: data) {
                for name in [outlet.name] + outlet.aliases { lexicon.outlets[TextNormaliser.lineKey(name)] = outlet }
                for domain in outlet.domains ?? [] { lexicon.outletDomains[domain.lowercased()] = outlet }
            }
        }
        return lexicon
    }

    /// The agency a name refers to, tolerating case and punctuation ("REUTERS", "dpa.").
    public func agency(named name: String) -> Agency? { agencies[TextNormaliser.lineKey(name)] }
    public func outlet(named name: String) -> Outlet? { outlets[TextNormaliser.lineKey(name)] }
}
