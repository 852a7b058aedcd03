import ParallaxModel

/// Builds an article's claims: each attributed statement with its speaker, channel, intermediaries, reporting
/// verb and stance, hedges, negation and refutation; and each sentence the outlet states on its own authority.
struct ClaimFinder: Sendable {
    var attributions: AttributionReader
    var quoteFinder = QuoteFinder()

    init(stopwords: [String: Set<String>]) {
        attributions = AttributionReader(stopwords: stopwords)
    }

    /// `text` is the article's text as scalars, for content that crosses sentence boundaries (long quotes).
    /// Sentences longer than this many tokens are not read for claims: real sentences are far shorter, and a
    /// paragraph with no sentence break (a data dump, a hostile page) would make the attribution search slow.
    static let maxTokens = 400

    func find(in sentences: [AnalysedSentence], mentions: [Mention], text: [Unicode.Scalar],
              deadline: Deadline = .none) -> [Claim] {
        let quotes = paragraphQuotes(sentences)
        let mentionsBySentence = Dictionary(grouping: mentions, by: \.sentence)
        var claims: [Claim] = []
        let people = mentions.filter { $0.kind == .person }
        var coveredUntil = -1  // the end of the last quote a claim has taken in
        for s in sentences {
            if s.tokens.count > ClaimFinder.maxTokens { continue }
            if deadline.expired { break }
            let inSentence = (quotes[s.sentence.paragraph] ?? []).filter {
                $0.start < s.sentence.end && $0.end > s.sentence.start && $0.isSpeech
            }
            let inserted = insertedAttribution(s)
            // Which tokens lie inside a quotation, worked out once: the readers ask for every token.
            var insideQuote = [Bool](repeating: false, count: s.tokens.count)
            var q = 0  // quotations come in text order and do not overlap: one sweep
            for i in s.tokens.indices {
                while q < inSentence.count, inSentence[q].end < s.tokens[i].end { q += 1 }
                insideQuote[i] = q < inSentence.count && inSentence[q].start <= s.tokens[i].start && !inserted.contains(i)
            }
            let quoted: (Int) -> Bool = { insideQuote[$0] }
            let local = mentionsBySentence[s.index] ?? []
            let found = attributions.read(s, mentions: local, quoted: quoted, people: people)
            let chains = chains(found)
            // Verbs left out of every chain ("that Putin had not responded" inside Zelensky's report) bound nobody's
            // content.
            let used = found.filter { a in a.kind == .according || chains.contains { $0.contains { $0.cue == a.cue } } }
            var built = chains.map { chain in
                // With one attribution, every quotation of the sentence is its: "“…,” Reiner said, “but …”".
                claim(s, chain: chain, all: used, quotes: inSentence, joinQuotes: chains.count == 1, mentions: local,
                      text: text, quoted: quoted)
            }.filter { $0.speaker != nil || !$0.content.text.isEmpty }  // an unnamed source must at least say something
            if built.isEmpty, let according = found.first(where: { $0.kind == .according && $0.source != nil }) {
                // "According to Western sources, Russia has gathered …": the marker alone attributes the sentence.
                built = [claim(s, chain: [according], all: used.filter { $0.first != according.first },
                               quotes: inSentence, joinQuotes: true, mentions: local, text: text, quoted: quoted)]
            }
            // A question asks; it claims nothing unless it quotes someone.
            if s.tokens.last?.text == "?", inSentence.isEmpty { continue }
            if built.isEmpty {
                if s.sentence.end <= coveredUntil { continue }
                // A quotation running on into the next sentence is attributed there.
                if inSentence.contains(where: { $0.end > s.sentence.end }) { continue }
                guard let assertion = assertion(s, quotes: inSentence, quoted: quoted, text: text) else { continue }
                built = [assertion]
            }
            for c in built where c.kind == .quote { coveredUntil = max(coveredUntil, c.content.end) }
            claims += built
        }
        return claims
    }

    /// Tokens of an attribution set between dashes inside a quotation: «Вода поднимается, — сказал Райнер, — …».
    private func insertedAttribution(_ s: AnalysedSentence) -> Set<Int> {
        let dashes = s.tokens.indices.filter { ["—", "–"].contains(s.tokens[$0].text) }
        var out = Set<Int>()
        for (a, b) in zip(dashes, dashes.dropFirst()) where b - a <= 8 {
            if (a + 1..<b).contains(where: { s.rules.reportingVerbs.match(s.tokens, at: $0) != nil }) {
                out.formUnion(a...b)
            }
        }
        if let last = dashes.last, out.isEmpty || !out.contains(last), last + 1 < s.tokens.count,
           s.rules.reportingVerbs.match(s.tokens, at: last + 1) != nil {
            out.formUnion(last..<s.tokens.count)  // «…», — сказал Райнер.
        }
        return out
    }

    /// Quotations found paragraph by paragraph (they may run over several sentences).
    private func paragraphQuotes(_ sentences: [AnalysedSentence]) -> [Int: [QuoteFinder.Quote]] {
        var out: [Int: [QuoteFinder.Quote]] = [:]
        var k = 0
        while k < sentences.count {
            var end = k
            while end + 1 < sentences.count, sentences[end + 1].sentence.paragraph == sentences[k].sentence.paragraph {
                end += 1
            }
            let tokens = sentences[k...end].flatMap(\.tokens)
            out[sentences[k].sentence.paragraph, default: []] += quoteFinder.quotes(in: tokens, rules: sentences[k].rules)
            k = end + 1
        }
        return out
    }

    /// Groups a sentence's verb attributions into chains, outermost first. "Peskov said that the leaders wrote …":
    /// one chain [said, wrote]. "The leaders wrote …, Peskov said": [said, wrote] too, since a closing attribution
    /// reports everything before it. Attributions with the same source side by side are separate claims.
    func chains(_ found: [Attribution]) -> [[Attribution]] {
        var chains: [[Attribution]] = []
        for a in found where a.kind == .verb {
            // A verb with no source of its own inside what another verb reports ("Zelensky said that Putin had not
            // responded") belongs to that report; elsewhere it is an attribution to someone unnamed.
            guard a.source != nil else {
                if let inner = chains.last?.last, inner.direction == .after, inner.cue.upperBound <= a.cue.lowerBound {
                    continue
                }
                chains.append([a])
                continue
            }
            // "the Interfax news agency quoted Peskov as saying": the one quoted sits right inside the one quoting.
            if !a.inherited, a.source!.range.upperBound <= a.cue.lowerBound, var current = chains.last,
               let k = current.firstIndex(where: { $0.direction == .before && $0.cue.upperBound == a.source!.phrase.lowerBound }) {
                current.insert(a, at: k + 1)
                chains[chains.count - 1] = current
                continue
            }
            if a.direction == .before, var current = chains.popLast() {
                // "Interfax quoted Peskov as saying": the one quoted sits inside the one quoting.
                if let outer = current.first, outer.direction == .before, let src = a.source,
                   src.range.lowerBound >= outer.cue.upperBound, src.range.lowerBound - outer.cue.upperBound <= 6 {
                    current.insert(a, at: 1)
                } else {
                    current.insert(a, at: 0)
                }
                chains.append(current)
            } else if !a.inherited, var current = chains.last, let inner = current.last, inner.direction == .after,
                      let src = a.source, src.range.lowerBound >= inner.cue.upperBound,
                      src.entity == nil || src.entity != inner.source?.entity {
                // Reported inside a report: "Peskov said that the leaders wrote …". A long description before an
                // inner verb is more likely a clause ("the operator had ignored repeated warnings"): no source.
                guard src.entity != nil || src.phrase.count <= 3 || src.afterComplementizer else { continue }
                current.append(a)
                chains[chains.count - 1] = current
            } else {
                chains.append([a])
            }
        }
        return chains
    }
}
