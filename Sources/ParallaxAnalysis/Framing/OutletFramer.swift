import Foundation
import ParallaxModel

/// How each outlet frames a story, in counts comparable across outlets and languages: which variant of each
/// contested name it writes, which labels it puts on actors, which terms it sets in scare quotes, how much of what
/// it reports it hedges, distances itself from or attributes, what it refutes, and which persuasion techniques its
/// text uses.
public struct OutletFramer: Sendable {
    public var languages: LanguageKit
    public init(languages: LanguageKit = .shipped) { self.languages = languages }

    /// Framing per outlet (`Article.outletName`) of the given articles.
    /// With a memo, each article's cues are read once while it lasts.
    public func framing(_ articles: [Article], memo: ArticleMemo? = nil) -> [String: OutletFraming] {
        Dictionary(grouping: articles, by: \.outletName).mapValues { framing(of: $0, memo: memo) }
    }

    /// One outlet's reports, taken together.
    func framing(of reports: [Article], memo: ArticleMemo? = nil) -> OutletFraming {
        var f = OutletFraming(sources: reports.map(\.source))
        for a in reports {
            let (found, quoted) = memo?.value(a, "framing") { (names(in: a), scareQuotes(in: a)) }
                ?? (names(in: a), scareQuotes(in: a))
            add(found, to: &f)
            for term in quoted where !f.scareQuotes.contains(term) { f.scareQuotes.append(term) }
            for span in a.techniques { f.techniques[span.technique, default: 0] += 1 }
        }
        let all = reports.flatMap(\.claims)
        let made = all.filter { !$0.refutes }
        f.refuted = all.filter(\.refutes).map(\.text)
        f.claims = made.count
        guard !made.isEmpty else { return f }
        let share = { (keep: (Claim) -> Bool) in Double(made.filter(keep).count) / Double(made.count) }
        f.hedgedShare = share { !$0.hedges.isEmpty }
        f.distancedShare = share { $0.stance == .distancing || $0.stance == .denying }
        f.attributedShare = share { $0.kind != .assertion }
        return f
    }

    private func add(_ found: (spellings: [NameVariant], labels: [String]), to f: inout OutletFraming) {
        for v in found.spellings { f.spellings[v.concept, default: [:]][v.variant, default: 0] += 1 }
        for l in found.labels { f.labels[l, default: 0] += 1 }
    }

    /// Contested names and labels in the article's title and text, each sentence read with its own language's
    /// data (a Danish translation quoting English keeps both). Hyphenated compounds count by their parts:
    /// "Donbass-republikker" is a Donbass spelling.
    func names(in a: Article) -> (spellings: [NameVariant], labels: [String]) {
        var spellings: [NameVariant] = []
        var labels: [String] = []
        let pieces = [(a.title ?? "", a.language)] + a.sentences.map { ($0.text, $0.language ?? a.language) }
        for (text, language) in pieces where !text.isEmpty {
            let rules = languages.rules(for: language).rules
            let tokens = WordTokenizer.tokens(of: text.replacingOccurrences(of: "-", with: " "))
            spellings += rules.spellings.matches(in: tokens).map(\.match.payload)
            labels += rules.labels.matches(in: tokens).map(\.match.payload)
        }
        return (spellings, labels)
    }

    /// Short quoted terms (three words at most, no figures) that are not a speaker's words opening a clause: the
    /// writer holding a name or term at a distance ("people's republics", 'aggression', "DNR"). Most frequent first.
    func scareQuotes(in a: Article) -> [String] {
        let rules = languages.rules(for: a.language).rules
        let scalars = Array(a.text.unicodeScalars)
        let tokens = WordTokenizer.tokens(of: scalars)
        var counts: [String: Int] = [:]
        var order: [String] = []
        for q in QuoteFinder().quotes(in: tokens, rules: rules) where !q.isSpeech && q.words > 0 {
            let term = String(scalars: scalars[q.start..<q.end]).trimmingCharacters(in: .punctuationCharacters)
            // A quoted figure ("about 12,000 people") is a source's number, not a term held at a distance.
            guard !term.isEmpty, !term.contains(where: \.isNumber) else { continue }
            if counts[term] == nil { order.append(term) }
            counts[term, default: 0] += 1
        }
        return order.sorted { counts[$0]! > counts[$1]! }
    }
}
