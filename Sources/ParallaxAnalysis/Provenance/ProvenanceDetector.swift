import Foundation
import ParallaxModel

/// Who reused whom inside one story: copies (shared 5-word runs), synonym-spun copies (the original's word order
/// with words swapped), rewrites (the same sentences reworded), translations (sentences that mean the same in
/// another language) and pieces that share a wire origin (both credit one agency and share its text).
///
/// Every edge carries the measurements that decided it, so a reader can check it.
public struct ProvenanceDetector: Sendable {
    /// Thresholds, each with the reason for its value (measured on the provenance suite, docs/quality.md).
    public struct Configuration: Sendable {
        /// 0.5: half of the shorter text's 5-word runs reappearing is never chance (independent reports of one
        /// event share under 5 %); a copy with a new lede and byline keeps 80 % or more.
        public var copyContainment = 0.5
        /// Spinning swaps about every third word, so few 5-word runs survive but the word order does: 0.55 of the
        /// longer text's words in one common subsequence (reworded and independent texts stay under 0.35).
        public var spunOrder = 0.55
        /// A spun copy keeps at least half of its distinct words (names, numbers, function words).
        public var spunVocabulary = 0.5
        /// A rewrite keeps the facts sentence by sentence: half of the shorter text's sentences each share at
        /// least 40 % of their content words with one sentence of the other.
        public var rewriteSentences = 0.5
        public var rewriteSentenceOverlap = 0.4
        /// A translation keeps the order of its sentences: 60 % of the shorter text's sentences pair up, in order,
        /// with their closest counterpart in the other language (mutual nearest neighbours by centred sentence
        /// embedding, cosine ≥ 0.4), and its figures are the original's. On the provenance suite translations
        /// pair 100 % of their sentences (mean cosine 0.53–0.60: Danish lowest); independent reports of one event
        /// in another language pair at most a third at 0.3, but news reports follow one order (lead, quotes,
        /// background), and reports of one development written apart pair 60–73 % at 0.3 (the developments
        /// fixture): the higher cosine and the figures tell them apart.
        public var translationSentences = 0.6
        public var translationCosine: Float = 0.4
        public init() {}
    }

    /// One article with what the detector compares.
    public struct Item: Sendable {
        public var article: Article
        public var time: Double?
        /// Centred sentence embeddings, parallel to `article.sentences`; nil without the model.
        public var sentenceVectors: [[Float]]?

        public init(article: Article, time: Double?, sentenceVectors: [[Float]]?) {
            self.article = article
            self.time = time
            self.sentenceVectors = sentenceVectors
        }
    }

    public var configuration: Configuration
    public var stopwords: [String: Set<String>]

    public init(configuration: Configuration = Configuration(), stopwords: Stoplists) {
        self.configuration = configuration
        self.stopwords = stopwords.words
    }

    /// Edges between every pair of items that reuse one another, strongest relation per pair.
    public func edges(_ items: [Item]) -> [ProvenanceEdge] {
        edges(items, keys: items.map(\.article.source), work: nil).edges
    }

    /// The edges, comparing only the pairs of item versions (`keys`, parallel to `items`) that `work` has not
    /// compared yet; returns the work with every pair of these items in it.
    /// With a memo, each article's shingles and words are computed once while it lasts.
    public func edges(_ items: [Item], keys: [String], work: StoryWork?,
                      memo: ArticleMemo? = nil) -> (edges: [ProvenanceEdge], work: StoryWork) {
        let compared = Set(work?.compared ?? [])
        let found = work?.foundIndex ?? [:]
        var texts: [Compared?] = Array(repeating: nil, count: items.count)
        func text(_ i: Int) -> Compared {
            if let t = texts[i] { return t }
            let article = items[i].article
            let t = memo?.value(article, "compared") { Compared(article, stopwords: stopwords) }
                ?? Compared(article, stopwords: stopwords)
            texts[i] = t
            return t
        }
        var edges: [ProvenanceEdge] = []
        var pairs: [StoryWork.Pair] = []
        for i in items.indices {
            for j in items.indices where j > i {
                let edge: ProvenanceEdge?
                if compared.contains(keys[i]), compared.contains(keys[j]) {
                    edge = found[StoryWork.pairKey(keys[i], keys[j])]
                } else {
                    edge = relation(items[i], text(i), items[j], text(j)).map { orient($0, items[i], items[j]) }
                }
                if let edge {
                    edges.append(edge)
                    pairs.append(StoryWork.Pair(a: keys[i], b: keys[j], edge: edge))
                }
            }
        }
        var next = work ?? StoryWork()
        next.compared = keys
        next.found = pairs
        return (Self.reduced(edges) + external(items, edges), next)
    }

    /// Pages that say they were translated, whose original is not among the inputs: an edge from the original as
    /// the note names it (`external: <title>`), so that the page is not taken for an independent source.
    private func external(_ items: [Item], _ edges: [ProvenanceEdge]) -> [ProvenanceEdge] {
        items.compactMap { item in
            guard let note = item.article.notes.first(where: Self.saysTranslated),
                  !edges.contains(where: { $0.relation == .translation && $0.to == item.article.source }) else { return nil }
            let original = Self.namedOriginal(note)
            let language = original.flatMap(languageName)
            return ProvenanceEdge(
                from: "external: " + (original ?? note), to: item.article.source, relation: .translation, directed: true,
                evidence: "the page's editorial note says so (“\(note)”); the original"
                    + (language.map { ", in \($0)," } ?? "") + " is not among the inputs")
        }
    }

    /// The original a translation note names: what follows its last "from" word after the word for translating
    /// ("Delvist oversat af Sott.net fra Donbass republics ask …" → "Donbass republics ask …").
    static func namedOriginal(_ note: String) -> String? {
        var words = note.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let cue = words.firstIndex(where: { saysTranslated($0) }) else { return nil }
        // Within the note's sentence that says so.
        if let end = words.indices.first(where: { $0 > cue && words[$0].hasSuffix(".") }) {
            words = Array(words[...end])
        }
        let from: Set<String> = ["from", "fra", "från", "von", "aus", "de", "du", "del", "da", "dal", "z", "ze", "з", "из", "с"]
        guard let at = words.indices.last(where: { $0 > cue && from.contains(words[$0].lowercased()) }),
              at + 1 < words.count else { return nil }
        let title = words[(at + 1)...].joined(separator: " ").trimmingCharacters(in: .punctuationCharacters)
        // "translated from English" names a language, not a piece.
        return title.split(separator: " ").count >= 3 ? title : nil
    }

    /// The language a short text is most likely in, by stopword share, as an English name ("English").
    private func languageName(_ text: String) -> String? {
        let lists = Stoplists(words: stopwords)
        let best = stopwords.keys.map { ($0, lists.density(text, language: $0)) }.max { $0.1 < $1.1 }
        guard let (code, density) = best, density >= 0.15 else { return nil }
        return Locale(identifier: "en").localizedString(forLanguageCode: code)
    }

    /// Drops the edge between two articles that both derive from a third (two copies of one agency piece, a
    /// translation and a copy of one original): the graph then shows where each came from, and the origins are
    /// the same.
    static func reduced(_ edges: [ProvenanceEdge]) -> [ProvenanceEdge] {
        var parents: [String: Set<String>] = [:]
        for e in edges where e.directed { parents[e.to, default: []].insert(e.from) }
        return edges.filter { e in
            let shared = parents[e.from, default: []].intersection(parents[e.to, default: []])
            return shared.isEmpty
        }
    }

    /// Groups of sources that share one origin (connected by any edge): count these, not outlets, as
    /// independent sources.
    public static func origins(sources: [String], edges: [ProvenanceEdge]) -> [[String]] {
        // Two members may share a source (a file name reused for another text): one node for both, never a trap.
        var parent = Dictionary(sources.map { ($0, $0) }, uniquingKeysWith: { a, _ in a })
        let edges = edges.filter { parent[$0.from] != nil && parent[$0.to] != nil }
        func root(_ s: String) -> String {
            var r = s
            while let p = parent[r], p != r { r = p }
            return r
        }
        for edge in edges {
            let a = root(edge.from), b = root(edge.to)
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        var groups: [String: [String]] = [:]
        for s in sources { groups[root(s), default: []].append(s) }
        return sources.compactMap { s in root(s) == s ? groups[s] : nil }
    }

    struct Found {
        var relation: ProvenanceEdge.Relation
        var evidence: [String]
    }

    private func relation(_ a: Item, _ ta: Compared, _ b: Item, _ tb: Compared) -> Found? {
        let c = configuration
        let sameLanguage = a.article.language == b.article.language
        let containment = max(ta.shingles.containment(in: tb.shingles), tb.shingles.containment(in: ta.shingles))
        let wire = sharedWire(a.article, b.article)
        if containment >= c.copyContainment {
            var evidence = ["\(percent(containment)) of the shorter text's 5-word runs reappear"]
            let changed = Compared.changedFigures(a.article, b.article)
            if !changed.isEmpty { evidence.append("figures differ: " + changed.joined(separator: ", ")) }
            if let wire { return Found(relation: .sameWire, evidence: ["both credit \(wire)"] + evidence) }
            return Found(relation: .copy, evidence: evidence)
        }
        if sameLanguage {
            // The order comparison is quadratic: only for texts that share most of their vocabulary, as a spun
            // copy does (it keeps every name, number and function word).
            let order = Compared.vocabularyOverlap(ta.words, tb.words) >= c.spunVocabulary
                ? Compared.orderOverlap(ta.words, tb.words) : 0
            if order >= c.spunOrder {
                return Found(relation: wire == nil ? .spun : .sameWire,
                             evidence: ["\(percent(order)) of the words in the same order, but only "
                                        + "\(percent(containment)) of 5-word runs shared: words swapped for synonyms"])
            }
            let aligned = Compared.alignedShare(ta.sentenceWords, tb.sentenceWords, minimum: c.rewriteSentenceOverlap)
            if aligned >= c.rewriteSentences {
                return Found(relation: wire == nil ? .rewrite : .sameWire,
                             evidence: (wire.map { ["both credit \($0)"] } ?? [])
                                 + ["\(percent(aligned)) of sentences reworded from one another"])
            }
            return nil
        }
        guard let va = a.sentenceVectors, let vb = b.sentenceVectors else { return nil }
        let (translated, cosine) = Compared.orderedPairs(va, vb, minimum: c.translationCosine)
        guard translated >= c.translationSentences, Compared.figuresAgree(a.article, b.article) else { return nil }
        var evidence = ["\(percent(translated)) of sentences pair up in order with one in the other language "
                        + "(mean cosine \(String(format: "%.2f", Double(cosine))))"]
        let changed = Compared.changedFigures(a.article, b.article)
        evidence.append(changed.isEmpty ? "same figures" : "figures differ: " + changed.joined(separator: ", "))
        return Found(relation: .translation, evidence: evidence)
    }

    /// From the original to the reuse: an agency's own piece comes first, then a page that says it was
    /// translated comes second, then publication time; otherwise undirected.
    private func orient(_ found: Found, _ a: Item, _ b: Item) -> ProvenanceEdge {
        func edge(_ from: Item, _ to: Item, directed: Bool, why: String?) -> ProvenanceEdge {
            ProvenanceEdge(from: from.article.source, to: to.article.source, relation: found.relation,
                           directed: directed, evidence: (found.evidence + (why.map { [$0] } ?? [])).joined(separator: "; "))
        }
        if found.relation == .sameWire { return edge(a, b, directed: false, why: nil) }
        if isAgencyOriginal(a.article, of: b.article) { return edge(a, b, directed: true, why: "the first is the credited agency's") }
        if isAgencyOriginal(b.article, of: a.article) { return edge(b, a, directed: true, why: "the second is the credited agency's") }
        if found.relation == .translation {
            let (ta, tb) = (a.article.notes.contains(where: Self.saysTranslated), b.article.notes.contains(where: Self.saysTranslated))
            if tb, !ta { return edge(a, b, directed: true, why: "marked as a translation") }
            if ta, !tb { return edge(b, a, directed: true, why: "marked as a translation") }
        }
        if let ta = a.time, let tb = b.time, abs(ta - tb) >= 1.0 / 24 {
            let hours = Int((abs(ta - tb) * 24).rounded())
            let later = hours < 48 ? "\(hours) h later" : "\(hours / 24) days later"
            return ta < tb ? edge(a, b, directed: true, why: later) : edge(b, a, directed: true, why: later)
        }
        return edge(a, b, directed: false, why: "order unknown")
    }

    private func sharedWire(_ a: Article, _ b: Article) -> String? {
        let ca = Set(a.credits.filter { $0.role == .text }.map(\.name))
        let shared = b.credits.filter { $0.role == .text }.map(\.name).first { ca.contains($0) }
        guard let shared, !isAgency(a, shared), !isAgency(b, shared) else { return nil }
        return shared
    }

    private func isAgencyOriginal(_ a: Article, of b: Article) -> Bool {
        b.credits.contains { $0.role == .text && isAgency(a, $0.name) }
    }

    private func isAgency(_ article: Article, _ name: String) -> Bool {
        guard let outlet = article.outlet?.lowercased() else { return false }
        let n = name.lowercased()
        return outlet == n || outlet.hasPrefix(n + " ") || outlet.contains("(\(n))")
    }

    /// An editorial note saying the text was translated (the words of the ten languages with data, and more).
    static func saysTranslated(_ note: String) -> Bool {
        let n = note.lowercased()
        return ["translat", "übersetz", "oversat", "oversatt", "tradu", "перевод", "przetłum", "переклад"]
            .contains { n.contains($0) }
    }

    private func percent(_ x: Double) -> String { "\(Int((x * 100).rounded())) %" }
}
