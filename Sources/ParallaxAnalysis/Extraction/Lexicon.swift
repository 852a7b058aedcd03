import Foundation
import ParallaxModel

/// Boilerplate cues, news and photo agencies and outlet names, from the data files in
/// `Resources/lexicon/` (one list per language: adding a language is adding entries, not code).
public struct Lexicon: Sendable {
    /// Cue lists, every entry already a `TextNormaliser.lineKey`.
    public struct Boilerplate: Sendable {
        public var navigationLines: Set<String> = []
        public var navigationPrefixes = PhraseSet([])
        public var appPrompts = PhraseSet([])
        public var captionLabels: Set<String> = [] {
            didSet {
                captionLabelsByStart = [:]
                for label in captionLabels where !label.isEmpty {
                    captionLabelsByStart[String(label.prefix(2)), default: []].append(Array(label))
                }
            }
        }
        /// Caption labels by their first two characters, for scanning lines.
        public private(set) var captionLabelsByStart: [String: [[Character]]] = [:]
        public var creditLabels: Set<String> = [] { didSet { creditLabelPrefixes = PhraseSet(Array(creditLabels)) } }
        public private(set) var creditLabelPrefixes = PhraseSet([])
        public var bylinePrefixes: Set<String> = []
        public var translationNotes = PhraseSet([])
        /// Phrases that make a line a credit wherever they stand ("… contributed to this report").
        public var creditPhrases = PhraseSet([])
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
    /// Lower-cased first words of every agency name and alias: n-grams starting elsewhere are not looked up.
    public var agencyFirstWords: Set<String> = []
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
            lexicon.boilerplate.navigationPrefixes = PhraseSet(all("navigationPrefixes"))
            lexicon.boilerplate.appPrompts = PhraseSet(all("appPrompts"))
            // Caption labels keep their full stop: "fot." is a label, "fot" a word.
            lexicon.boilerplate.captionLabels = Set((raw["captionLabels"] ?? [:]).values.flatMap { $0 }
                .map { Whitespace.collapse(TextNormaliser.fold($0)).trimming(" :") }.filter { !$0.isEmpty })
            lexicon.boilerplate.creditLabels = Set(all("creditLabels"))
            lexicon.boilerplate.bylinePrefixes = Set(all("bylinePrefixes"))
            lexicon.boilerplate.translationNotes = PhraseSet(all("translationNotes"))
            lexicon.boilerplate.creditPhrases = PhraseSet(all("creditPhrases"))
            lexicon.boilerplate.commentLabels = Set(all("commentLabels"))
            lexicon.boilerplate.sectionLabels = Set(all("sectionLabels"))
        }
        if let data = try? Data(contentsOf: dir.appendingPathComponent("agencies.json")) {
            for agency in try decoder.decode([Agency].self, from: data) {
                for name in [agency.name] + agency.aliases {
                    let key = TextNormaliser.lineKey(name)
                    lexicon.agencies[key] = agency
                    // Indexed by the same words the look-up tokenizes into ("keystone-sda" → "keystone").
                    if let first = Tokens.words(key).first { lexicon.agencyFirstWords.insert(first) }
                }
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

/// Phrases looked up at word starts of a text, indexed by their first two bytes: thousands of cue phrases
/// checked against every line cost a few dictionary look-ups per word, not a scan of the list.
public struct PhraseSet: Sendable {
    private var byStart: [UInt16: [[UInt8]]] = [:]

    public init(_ phrases: [String]) {
        for phrase in Set(phrases) where phrase.utf8.count >= 2 {
            let bytes = Array(phrase.utf8)
            byStart[Self.key(bytes[0], bytes[1]), default: []].append(bytes)
        }
    }

    private static func key(_ a: UInt8, _ b: UInt8) -> UInt16 { UInt16(a) << 8 | UInt16(b) }

    /// Whether the text starts with one of the phrases.
    public func prefixes(_ text: String) -> Bool { !prefixLengths(text).isEmpty }

    /// Lengths (in characters) of the phrases the text starts with, longest first.
    public func prefixLengths(_ text: String) -> [Int] {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2, let candidates = byStart[Self.key(bytes[0], bytes[1])] else { return [] }
        return candidates.filter { $0.count <= bytes.count && bytes[0..<$0.count].elementsEqual($0) }
            .map { String(decoding: $0, as: UTF8.self).count }.sorted(by: >)
    }

    /// Whether one of the phrases occurs in the text, starting at a word start (after a space or a hyphen),
    /// or at any character of scripts written without spaces.
    public func occurs(in text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2 else { return false }
        for i in 0..<(bytes.count - 1) {
            let b = bytes[i]
            let wordStart = i == 0 || bytes[i - 1] == 0x20 || bytes[i - 1] == 0x2D
            // Lead bytes of three- and four-byte characters: CJK and other scripts without spaces.
            guard wordStart && (b < 0x80 || b >= 0xC0) || b >= 0xE3 else { continue }
            guard let candidates = byStart[Self.key(b, bytes[i + 1])] else { continue }
            for phrase in candidates where phrase.count <= bytes.count - i {
                if bytes[i..<(i + phrase.count)].elementsEqual(phrase) { return true }
            }
        }
        return false
    }
}
