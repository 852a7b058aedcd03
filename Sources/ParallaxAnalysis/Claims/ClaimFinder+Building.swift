import ParallaxModel

extension ClaimFinder {
    /// One claim from a chain: the innermost attribution gives speaker, verb and content; the others and any
    /// "according to" sources are the intermediaries, innermost first.
    func claim(_ s: AnalysedSentence, chain: [Attribution], all: [Attribution], quotes: [QuoteFinder.Quote],
               joinQuotes: Bool, mentions: [Mention], text: [Unicode.Scalar], quoted: (Int) -> Bool) -> Claim {
        let inner = chain.last!
        var (content, quote) = contentSpan(s, inner, all: all, quotes: quotes, text: text)
        let inSentence = quotes.filter { $0.start >= s.sentence.start - 1 && $0.end <= s.sentence.end + 1 }
        if joinQuotes, let q = quote, content.text == q, inSentence.count > 1 {
            quote = inSentence.map { string(text, $0.start, $0.end) }.joined(separator: " … ")
            content = Claim.Span(text: quote!, start: inSentence.first!.start, end: inSentence.last!.end)
        }
        let isQuote = quote != nil && content.text == quote
        var claim = Claim(kind: isQuote ? .quote : .reported, text: s.sentence.text, sentence: s.index,
                          content: content)
        claim.quote = quote
        if let src = inner.source {
            let r = src.range
            claim.speaker = r.isEmpty ? nil : Claim.Span(text: src.text, start: s.tokens[r.lowerBound].start,
                                                        end: s.tokens[r.upperBound - 1].end)
            if claim.speaker != nil, src.text != s.text(r.lowerBound, r.upperBound) {
                // A mention inside a longer phrase: point at the mention itself.
                claim.speaker = Claim.Span(text: src.text, start: claim.speaker!.start, end: claim.speaker!.end)
            }
            claim.speakerEntity = src.entity
        }
        claim.verb = s.span(inner.cue.lowerBound, inner.cue.upperBound)
        claim.stance = inner.stance
        var via: [Claim.Link] = chain.dropLast().reversed().compactMap { a in
            a.source.map { Claim.Link(text: $0.text, entity: $0.entity) }
        }
        for a in all where a.kind == .according {
            if let src = a.source, !via.contains(where: { $0.text == src.text }) {
                via.append(Claim.Link(text: src.text, entity: src.entity))
            }
        }
        // Agencies and outlets named outside the quotation passed the statement on ("told TASS", "cited by Interfax").
        for m in mentions where m.sentence == s.index && isMedia(m.entity) && m.entity != claim.speakerEntity {
            if !via.contains(where: { $0.entity == m.entity }) { via.append(Claim.Link(text: m.text, entity: m.entity)) }
        }
        via.removeAll { $0.text == claim.speaker?.text }
        claim.via = via
        decorate(&claim, s, cue: inner.cue, quoted: quoted)
        return claim
    }

    private func isMedia(_ id: String?) -> Bool {
        id?.hasPrefix("agency:") == true || id?.hasPrefix("outlet:") == true
    }

    /// A sentence with no attribution: the outlet's own statement (or an unattributed quotation).
    func assertion(_ s: AnalysedSentence, quotes: [QuoteFinder.Quote], quoted: (Int) -> Bool,
                   text: [Unicode.Scalar]) -> Claim? {
        let t = s.tokens
        let words = t.filter(\.isWord).count
        guard words >= 4, let lastToken = t.last, [".", "!", "…", "”", "\"", "»", "“", "'", "’", "«"].contains(lastToken.text)
        else { return nil }
        let first = t.firstIndex(where: \.isWord)!
        var end = t.count
        while end > first, t[end - 1].kind == .punctuation { end -= 1 }
        var claim = Claim(kind: .assertion, text: s.sentence.text, sentence: s.index, content: s.span(first, end))
        if let q = quotes.first(where: { $0.start <= s.tokens[first].start + 2 }) {
            claim.kind = .quote
            claim.quote = string(text, q.start, q.end)
            claim.content = Claim.Span(text: claim.quote!, start: q.start, end: q.end)
        }
        decorate(&claim, s, cue: nil, quoted: quoted)
        return claim
    }

    /// Channel, hedges, negation and refutation, read outside quotations.
    private func decorate(_ claim: inout Claim, _ s: AnalysedSentence, cue: Range<Int>?, quoted: (Int) -> Bool) {
        let t = s.tokens
        var channelDistance = Int.max
        for (at, m) in s.rules.channels.matches(in: t) where !quoted(at) && !(cue?.contains(at) ?? false) {
            let d = cue.map { abs($0.lowerBound - at) } ?? 0
            if d < channelDistance { claim.channel = m.payload; channelDistance = d }
        }
        for (at, m) in s.rules.hedges.matches(in: t) where !quoted(at) && !(cue?.contains(at) ?? false) {
            claim.hedges.append(s.text(at, at + m.length).lowercased())
        }
        if let cue {
            // "did not confirm", "не подтвердил": a negation just before the verb, in the same clause.
            var k = cue.lowerBound - 1
            while k >= 0, cue.lowerBound - k <= 3, t[k].kind != .punctuation {
                if s.rules.negations.match(t, at: k) != nil { claim.negated = true }
                k -= 1
            }
            if ["de", "da", "nl", "sv", "nb", "no"].contains(s.rules.language) {
                // Verb-second languages put the negation after the verb, at the end of its clause: "bestätigte die
                // Zahl zunächst nicht". Stop at the clause's end, before the reported content.
                var k = cue.upperBound
                while k < t.count, k - cue.upperBound < 6, t[k].kind != .punctuation,
                      s.rules.complementizers.match(t, at: k) == nil {
                    if s.rules.negations.match(t, at: k) != nil { claim.negated = true }
                    k += 1
                }
            }
        }
        claim.refutes = s.rules.refutations.matches(in: t).contains { !quoted($0.at) }
    }

    /// What the innermost attribution reports: an adjacent quotation, else the clause after the cue (after a
    /// complementizer, if any), else — for "…, X said" — the words before it.
    private func contentSpan(_ s: AnalysedSentence, _ a: Attribution, all: [Attribution], quotes: [QuoteFinder.Quote],
                             text: [Unicode.Scalar]) -> (Claim.Span, String?) {
        let t = s.tokens
        let next = all.first { $0.first > a.last && $0.source?.entity != a.source?.entity }
        var from: Int
        var to: Int
        if a.direction == .after {
            from = a.kind == .according ? a.last : a.cue.upperBound
            var k = from
            while k < min(from + 6, t.count), s.rules.complementizers.match(t, at: k) == nil { k += 1 }
            if k < min(from + 6, t.count) { from = k + 1 }
            to = max(from, next?.first ?? t.count)
            if let src = a.source?.range, src.upperBound < a.cue.lowerBound, (from..<to).allSatisfy({ t[$0].kind == .punctuation }) {
                // "die Ingenieure hätten … gewarnt": the content sits between the subject and its final verb.
                from = src.upperBound
                to = a.cue.lowerBound
            }
        } else {
            let previous = all.last { $0.last <= a.first && $0.kind == .verb && $0.direction == .after }
            from = min(previous?.cue.upperBound ?? 0, a.first)
            to = a.first
        }
        while from < to, t[from].kind == .punctuation, !isQuoteMark(t[from]) { from += 1 }
        while to > from, t[to - 1].kind == .punctuation, !isQuoteMark(t[to - 1]) { to -= 1 }
        let lo = from < t.count ? t[from].start : s.sentence.end
        let hi = to > 0 && to > from ? t[to - 1].end : lo
        let best = quotes.filter { $0.end >= lo - 3 && $0.start <= hi + 3 }.max { $0.words < $1.words }
        if let q = best {
            let quote = string(text, q.start, q.end)
            // The quotation is the content when it is most of what is reported; a quoted phrase inside a longer
            // clause ("requested help within the treaties on “friendship and mutual assistance”") is not.
            let clauseWords = (from..<max(from, to)).filter { t[$0].isWord }.count
            if q.start < lo || q.end > hi || 2 * q.words >= clauseWords {
                return (Claim.Span(text: quote, start: q.start, end: q.end), quote)
            }
            return (s.span(from, to), quote)
        }
        guard to > from else { return (Claim.Span(text: "", start: lo, end: lo), nil) }
        return (s.span(from, to), nil)
    }

    private func isQuoteMark(_ t: WordToken) -> Bool { LanguageRules.quoteMarks.contains(t.text) }

    func string(_ text: [Unicode.Scalar], _ start: Int, _ end: Int) -> String {
        return String(scalars: text[max(0, start)..<min(end, text.count)])
    }
}
