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
            lexicon.boilerplate.captionLabels = Set(all("captionLabels"))
            lexicon.boilerplate.creditLabels = Set(all("creditLabels"))
            lexicon.boilerplate.bylinePrefixes = Set(all("bylinePrefixes"))
            lexicon.boilerplate.translationNotes = PhraseSet(all("translationNotes"))
            lexicon.boilerplate.creditPhrases = PhraseSet(all("creditPhrases"))
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

/// Phrases looked up at word starts of a text, indexed by their first two characters: thousands of cue
/// phrases checked against every line cost a few dictionary look-ups per word, not a scan of the list.
public struct PhraseSet: Sendable {
    private var byStart: [String: [[Character]]] = [:]

    public init(_ phrases: [String]) {
        for phrase in Set(phrases) where !phrase.isEmpty {
            let chars = Array(phrase)
            byStart[String(chars.prefix(2)), default: []].append(chars)
        }
    }

    /// Whether the text starts with one of the phrases.
    public func prefixes(_ text: String) -> Bool { match(Array(text), anywhere: false) }

    /// Lengths (in characters) of the phrases the text starts with, longest first.
    public func prefixLengths(_ text: String) -> [Int] {
        let chars = Array(text)
        guard let candidates = byStart[String(chars.prefix(2))] else { return [] }
        return candidates.filter { $0.count <= chars.count && chars[0..<$0.count].elementsEqual($0) }.map(\.count)
            .sorted(by: >)
    }

    /// Whether one of the phrases occurs in the text, starting at a word start (or anywhere in scripts
    /// written without spaces).
    public func occurs(in text: String) -> Bool { match(Array(text), anywhere: true) }

    private func match(_ chars: [Character], anywhere: Bool) -> Bool {
        var i = 0
        while i < chars.count {
            let wordStart = i == 0 || chars[i - 1] == " " || chars[i - 1] == "-"
            if wordStart || (chars[i].unicodeScalars.first.map { $0.value >= 0x2E80 } ?? false) {
                let key = String(chars[i..<min(i + 2, chars.count)])
                if let candidates = byStart[key] {
                    for phrase in candidates where phrase.count <= chars.count - i {
                        if chars[i..<(i + phrase.count)].elementsEqual(phrase) { return true }
                    }
                }
            }
            if !anywhere { return false }
            i += 1
        }
        return false
    }
}
