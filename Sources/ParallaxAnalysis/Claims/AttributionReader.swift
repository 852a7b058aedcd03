import ParallaxModel

/// Finds the attributions of a sentence: reporting verbs and "according to" markers outside quotations, each
/// with its source — a named person, organisation or group, a pronoun resolved to the last person speaking, or
/// a description ("The letters", "Western sources").
struct AttributionReader: Sendable {
    var stopwords: [String: Set<String>]

    func read(_ s: AnalysedSentence, mentions: [Mention], quoted: (Int) -> Bool,
              people: [Mention]) -> [Attribution] {
        let t = s.tokens
        var found: [Attribution] = []
        // "There is no evidence to confirm these claims": the verb belongs to the writer's refutation.
        // "There is no evidence to confirm these claims": what follows a refutation belongs to the writer's refutation.
        let refutedFrom = s.rules.refutations.matches(in: t).first?.at ?? t.count
        var i = 0
        while i < t.count {
            // "Peskov: “…”": a colon between a name and a quotation attributes it, when no verb did.
            if t[i].text == ":", i > 0, i + 2 < t.count, quoted(i + 2), !quoted(i),
               !found.contains(where: { $0.kind == .verb }) {
                found.append(Attribution(kind: .verb, cue: i..<(i + 1), stance: .neutral))
                i += 1
                continue
            }
            if quoted(i) || !t[i].isWord || i >= refutedFrom { i += 1; continue }
            if let m = s.rules.accordingTo.match(t, at: i) {
                var a = Attribution(kind: .according, cue: i..<(i + m.length), stance: .neutral)
                a.source = sourceAfter(s, i + m.length, mentions, quoted: quoted, window: 8)
                found.append(a)
                i = a.last
                continue
            }
            if let m = s.rules.accordingToAfter.match(t, at: i), let src = sourceBefore(s, i, mentions, found) {
                var a = Attribution(kind: .according, cue: i..<(i + m.length), stance: .neutral)
                a.source = src
                found.append(a)
                i += m.length
                continue
            }
            if let m = s.rules.reportingVerbs.match(t, at: i), !isInsideMention(t[i], mentions), !isNoun(s, i) {
                found.append(Attribution(kind: .verb, cue: i..<(i + m.length), stance: m.payload))
                i += m.length
                continue
            }
            i += 1
        }
        found.removeAll { $0.kind == .verb && isSubordinate(s, $0.cue) }
        for k in found.indices where found[k].kind == .verb {
            found[k].source = verbSource(s, found, k, mentions, quoted: quoted, people: people)
            found[k].direction = direction(s, found, k, quoted: quoted)
        }
        for k in found.indices where found[k].kind == .verb && found[k].source == nil && k > 0 {
            // "…, adding that …", "skrev Pushilin og citerede …": a participle or a coordinated verb shares the
            // source of the attribution before it ("if asked" does not).
            let before = found[k].cue.lowerBound > 0 ? t[found[k].cue.lowerBound - 1] : nil
            guard before?.text == "," || before.map({ AttributionReader.coordinators.contains($0.folded) }) == true
            else { continue }
            if let previous = found[..<k].last(where: { $0.kind == .verb && $0.source != nil }) {
                found[k].source = previous.source
                found[k].inherited = true
            }
        }
        return found
    }

    /// "these claims", "the statement": an English verb form used as a noun after a determiner.
    private func isNoun(_ s: AnalysedSentence, _ i: Int) -> Bool {
        guard s.rules.language == "en" else { return false }
        if i == 0 { return s.tokens[0].isCapitalised }  // "Fears that …", "Claims of …": English verbs do not open a statement
        return ["the", "a", "an", "these", "those", "this", "his", "her", "their", "its", "our", "such", "my", "your"]
            .contains(s.tokens[i - 1].folded)
    }

    /// Verbs that report nothing of their own: an infinitive ("wrote to Putin to tell him that …", "zu warnen") or
    /// an English participle right after a noun ("letters asking for help"). Their clause belongs to the verb
    /// before them.
    private func isSubordinate(_ s: AnalysedSentence, _ cue: Range<Int>) -> Bool {
        guard cue.lowerBound > 0 else { return false }
        let before = s.tokens[cue.lowerBound - 1]
        if ["to", "zu"].contains(before.folded) { return true }
        return s.rules.language == "en" && s.tokens[cue.lowerBound].folded.hasSuffix("ing") && before.isWord
            && !isStopword(s, cue.lowerBound - 1)
    }

    private func isInsideMention(_ t: WordToken, _ mentions: [Mention]) -> Bool {
        mentions.contains { $0.start <= t.start && t.end <= $0.end }
    }

    /// The subject before a verb ("Kremlin spokesman Dmitry Peskov said", "The letters also allege") or, when
    /// there is none, the name right after it ("…," wrote Pasechnik).
    private func verbSource(_ s: AnalysedSentence, _ all: [Attribution], _ k: Int, _ mentions: [Mention],
                            quoted: (Int) -> Bool, people: [Mention]) -> Attribution.Source? {
        let cue = all[k].cue
        if let right = inverted(s, cue, mentions, quoted: quoted) { return right }
        if let subject = clauseInitialSubject(s, cue, all) { return subject }
        var leftEnd = cue.lowerBound
        if leftEnd > 0, s.tokens[leftEnd - 1].text == ",",
           let open = (max(0, leftEnd - 12)..<(leftEnd - 1)).last(where: { s.tokens[$0].text == "," && !isDateComma(s, $0) }) {
            // An apposition before the verb: "Il capo del gestore, Lukas Brenner, sostiene" names the source inside
            // the commas; "Denis Pushilin, head of the DPR, said" and "Tarnhold Energy Inc., the dam's operator,
            // claimed" name it before them.
            let lo = s.tokens[open].end
            let hi = s.tokens[leftEnd - 1].start
            if let person = mentions.last(where: { $0.kind == .person && $0.start >= lo && $0.end <= hi }) {
                return source(for: person, in: s, phrase: (open + 1)..<(leftEnd - 1))
            }
            leftEnd = open
        }
        if let left = sourceBefore(s, leftEnd, mentions, all, quoted: quoted) {
            // "I et interview fredag sagde Reiner, at …", "Am Montag sagte Peskow": an adverbial before the verb,
            // the subject right after it.
            if left.entity == nil, !isPronoun(s, left.range), AttributionReader.verbSecond.contains(s.rules.language),
               let right = sourceAfter(s, cue.upperBound, mentions, quoted: quoted, window: 3, requireMention: true),
               right.range.lowerBound == cue.upperBound {
                return right
            }
            if isPronoun(s, left.range) {
                // "he noted": the person named last before the pronoun; plural pronouns stay unresolved.
                let singular = s.rules.pronouns.match(s.tokens, at: left.range.lowerBound)?.payload ?? false
                let at = s.tokens[left.range.lowerBound].start
                let person = singular ? people.last(where: { $0.end <= at }) : nil
                return Attribution.Source(range: left.range, text: left.text, entity: person?.entity, phrase: left.phrase)
            }
            return left
        }
        return nil
    }

    /// "February 22, 2022": a comma inside a date, not between clauses.
    private func isDateComma(_ s: AnalysedSentence, _ i: Int) -> Bool {
        i > 0 && i + 1 < s.tokens.count && s.tokens[i - 1].dayOfMonth != nil && s.tokens[i + 1].year != nil
    }

    /// The name after the verb in an inversion: "…," wrote Pasechnik; "…, informó la VPA"; "…, a indiqué Reiner à la
    /// télévision" (after a comma or quotation, closing the sentence); "In einem Interview sagte Volkova, …" (in
    /// verb-second languages, a name right after the verb is its subject).
    private func inverted(_ s: AnalysedSentence, _ cue: Range<Int>, _ mentions: [Mention], quoted: (Int) -> Bool)
        -> Attribution.Source? {
        let t = s.tokens
        guard let right = sourceAfter(s, cue.upperBound, mentions, quoted: quoted, window: 6, requireMention: true)
        else { return nil }
        let between = cue.upperBound..<right.range.lowerBound
        guard between.count <= 4, between.allSatisfy({ t[$0].isWord }) else { return nil }
        // Verb-second: the subject right after the verb, perhaps after an article or possessive ("hævder deres ledere").
        let named = right.entity?.hasPrefix("person:") == true || right.entity?.hasPrefix("group:") == true
        if between.allSatisfy({ isStopword(s, $0) }), between.count <= 1,
           AttributionReader.verbSecond.contains(s.rules.language), named,
           !mentions.contains(where: { $0.kind == .person && $0.end == t[max(0, cue.lowerBound - 1)].end }) {
            return right
        }
        let wordsBefore = (0..<cue.lowerBound).filter { t[$0].isWord || quoted($0) }.count
        guard wordsBefore >= 3, cue.lowerBound > 0, t[cue.lowerBound - 1].kind == .punctuation else { return nil }
        // The attribution closes the sentence: only a short tail (a date, a place, "on television") follows.
        var end = right.range.upperBound
        var tail = 0
        while end < t.count, t[end].kind != .punctuation || t[end].text == "-" {
            if s.rules.complementizers.match(t, at: end) != nil { return nil }
            if s.rules.reportingVerbs.match(t, at: end) != nil { break }  // "skrev Pushilin og citerede"
            tail += 1
            end += 1
        }
        return tail <= 10 ? right : nil
    }

    /// German puts the verb of a subordinate or reported clause last ("…, die Ingenieure hätten … gewarnt."): its
    /// subject opens the clause, an article and capitalised nouns.
    private func clauseInitialSubject(_ s: AnalysedSentence, _ cue: Range<Int>, _ all: [Attribution]) -> Attribution.Source? {
        let t = s.tokens
        guard ["de", "nl"].contains(s.rules.language), cue.upperBound == t.count || t[cue.upperBound].kind == .punctuation,
              let boundary = (0..<cue.lowerBound).last(where: { t[$0].text == "," || s.rules.complementizers.match(t, at: $0) != nil }),
              cue.lowerBound - boundary > 3 else { return nil }
        var start = boundary + 1
        while start < cue.lowerBound, t[start].kind == .punctuation { start += 1 }
        var end = start
        if end < cue.lowerBound, isArticle(s, end) { end += 1 }
        while end < cue.lowerBound, t[end].isWord, t[end].isCapitalised { end += 1 }
        guard end > start, t[end - 1].isCapitalised else { return nil }
        var source = Attribution.Source(range: start..<end, text: s.text(start, end), entity: nil)
        source.afterComplementizer = true
        return source
    }

    /// "and" in the supported languages: a verb after it shares its subject with the verb before.
    static let coordinators: Set<String> = ["and", "og", "und", "et", "y", "e", "i", "и", "і", "та", "oraz", "a"]

    static let verbSecond: Set<String> = ["de", "da", "nl", "sv", "nb", "nn", "no", "is"]

    /// A short function word such as "the", "a", "der" (stopwords of at most three letters).
    private func isArticle(_ s: AnalysedSentence, _ i: Int) -> Bool {
        isStopword(s, i) && s.tokens[i].folded.count <= 3
    }

    private func isPronoun(_ s: AnalysedSentence, _ r: Range<Int>) -> Bool {
        r.count == 1 && s.rules.pronouns.match(s.tokens, at: r.lowerBound) != nil
    }

    /// The noun phrase ending right before `end` (a few auxiliaries and adverbs skipped), back to a clause
    /// boundary. A person named in it is the source; else a name that is the whole phrase; else the phrase.
    func sourceBefore(_ s: AnalysedSentence, _ end: Int, _ mentions: [Mention], _ units: [Attribution],
                      quoted: (Int) -> Bool = { _ in false }) -> Attribution.Source? {
        let t = s.tokens
        var j = end
        if j > 0, !isBoundary(s, j - 1, units), t[j - 1].text == "." { j -= 1 }
        var skipped = 0
        while j > 0, skipped < 3, t[j - 1].isWord, !t[j - 1].isCapitalised, !isInsideMention(t[j - 1], mentions),
              !isPronoun(s, (j - 1)..<j), isSkippable(s, j - 1) {
            j -= 1
            skipped += 1
        }
        // "quoted Peskov as saying": the one quoted stands before "as".
        if s.rules.language == "en", j > 1, j == end, t[j - 1].folded == "as", end < t.count, t[end].folded.hasSuffix("ing") {
            j -= 1
        }
        let npEnd = j
        // "if asked", "og bad": a conjunction or subordinator right before the verb; its subject is elsewhere.
        if npEnd > 0, t[npEnd - 1].isWord, isStopword(s, npEnd - 1), !isPronoun(s, (npEnd - 1)..<npEnd) { return nil }
        if npEnd > 0, isPronoun(s, (npEnd - 1)..<npEnd) {
            // "In letters they ask": the pronoun next to the verb is its subject.
            return Attribution.Source(range: (npEnd - 1)..<npEnd, text: t[npEnd - 1].text, entity: nil)
        }
        var start = npEnd
        while start > 0, npEnd - start < 20, !isBoundary(s, start - 1, units, quoted: quoted) { start -= 1 }
        while start < npEnd, !t[start].isWord { start += 1 }
        guard start < npEnd else { return nil }
        if npEnd - start >= 20 { start = npEnd - 1 }
        let from = t[start].start
        let to = t[npEnd - 1].end
        let inside = mentions.filter { $0.start >= from && $0.end <= to }
        let lead = stripLeadingStopwords(s, start, npEnd)
        let headedByGroup = s.rules.groupWords.match(t, at: lead) != nil || s.rules.organisationWords.match(t, at: lead) != nil
        let persons = inside.filter { $0.kind == .person }
        if !headedByGroup, persons.count > 1, let first = persons.first, let last = persons.last, last.end >= to - 2 {
            // "Denis Pushilin and Leonid Pasechnik requested": both speak.
            let a = t.firstIndex { $0.start >= first.start }!
            let b = t.lastIndex { $0.end <= last.end }!
            return Attribution.Source(range: a..<(b + 1), text: s.text(a, b + 1), entity: nil, phrase: start..<npEnd)
        }
        if !headedByGroup, let person = persons.last {
            return source(for: person, in: s, phrase: start..<npEnd)
        }
        if inside.count == 1, let m = inside.first, m.start <= t[lead].start, m.end >= to - 2 {
            var found = source(for: m, in: s, phrase: start..<npEnd)
            if m.kind == .group { found.text = s.text(start, npEnd) }  // "The two leaders", not "leaders"
            return found
        }
        // "…, shortly after the Kremlin announced": the name right before the verb, after at most a few words.
        if let m = inside.last, m.end >= to - 2 {
            let before = (lead..<npEnd).filter { t[$0].end <= m.start }.count
            if before <= 3 && !(lead..<npEnd).contains(where: { t[$0].end <= m.start && isPreposition(s, $0) }) {
                var found = source(for: m, in: s, phrase: start..<npEnd)
                // A group is described by its modifiers: "The two rebel leaders", not "leaders".
                if m.kind == .group { found.text = s.text(lead, npEnd); found.range = lead..<npEnd }
                return found
            }
        }
        if npEnd - lead == 1, isPronoun(s, lead..<npEnd) {
            return Attribution.Source(range: lead..<npEnd, text: t[lead].text, entity: nil)
        }
        // A description must hold a content word: "they" alone is resolved above, "it" is nobody.
        guard (lead..<npEnd).contains(where: { !isStopword(s, $0) }) else { return nil }
        // A description ends in a noun, not a function word ("military intervention if"), and does not open with a
        // pronoun ("She sees Russia as an aggressor and"): those are clauses.
        if isStopword(s, npEnd - 1) || s.rules.pronouns.match(t, at: start) != nil { return nil }
        var description = Attribution.Source(range: start..<npEnd, text: s.text(start, npEnd), entity: nil)
        description.afterComplementizer = start > 0 && s.rules.complementizers.match(t, at: start - 1) != nil
        return description
    }

    /// The source after a marker or an inverted verb: a mention starting within `window` tokens, or for
    /// "according to" the noun phrase up to the next boundary.
    func sourceAfter(_ s: AnalysedSentence, _ from: Int, _ mentions: [Mention], quoted: (Int) -> Bool, window: Int,
                     requireMention: Bool = false) -> Attribution.Source? {
        let t = s.tokens
        guard from < t.count else { return nil }
        var end = from
        while end < t.count, end - from < window, t[end].isWord || t[end].text == "-", !quoted(end) { end += 1 }
        guard end > from else { return nil }
        let lo = t[from].start
        let hi = t[end - 1].end
        let inside = mentions.filter { $0.start >= lo && $0.end <= hi }
        if let m = inside.first(where: { $0.kind == .person }) ?? inside.first {
            return source(for: m, in: s)
        }
        guard !requireMention else { return nil }
        return Attribution.Source(range: from..<end, text: s.text(from, end), entity: nil)
    }

    private func source(for m: Mention, in s: AnalysedSentence, phrase: Range<Int>? = nil) -> Attribution.Source {
        let t = s.tokens
        let first = t.firstIndex { $0.end > m.start } ?? 0
        let last = t.lastIndex { $0.start < m.end } ?? first
        return Attribution.Source(range: first..<(last + 1), text: m.text, entity: m.entity, phrase: phrase)
    }

    /// Auxiliaries and adverbs between a subject and its verb: "has", "had", "also", "initially".
    private func isSkippable(_ s: AnalysedSentence, _ i: Int) -> Bool {
        let t = s.tokens[i]
        // "if asked", "when asked": a subordinator, not an auxiliary; what precedes it is not the subject.
        if s.rules.language == "en", ["if", "when", "as", "because", "while", "unless", "although", "whether", "once"]
            .contains(t.folded) { return false }
        if s.rules.negations.match(s.tokens, at: i) != nil || s.rules.hedges.match(s.tokens, at: i) != nil { return true }
        if isStopword(s, i) { return s.rules.complementizers.match(s.tokens, at: i) == nil }
        return s.rules.language == "en" && t.folded.hasSuffix("ly")
    }

    private func isBoundary(_ s: AnalysedSentence, _ i: Int, _ units: [Attribution],
                            quoted: (Int) -> Bool = { _ in false }) -> Bool {
        let t = s.tokens[i]
        // "Inc.", "S.A.": a dot glued to a short word abbreviates it.
        if t.text == ".", i > 0, s.tokens[i - 1].end == t.start, s.tokens[i - 1].isWord, s.tokens[i - 1].text.count <= 4 {
            return false
        }
        if t.kind == .punctuation {
            // Scare quotes inside a name ("the self-proclaimed “people’s republics”") do not end it.
            if LanguageRules.quoteMarks.contains(t.text), !quoted(i), !(i > 0 && quoted(i - 1)) { return false }
            return !["-", "'", "’", "/", "(", ")"].contains(t.text)
        }
        if s.rules.complementizers.match(s.tokens, at: i) != nil { return true }
        return units.contains { $0.cue.contains(i) }
    }

    /// "of", "from", "in", "von", "из": a name after one is a complement ("the heads of … Donetsk"), not the head.
    private func isPreposition(_ s: AnalysedSentence, _ i: Int) -> Bool {
        isStopword(s, i) && !isArticle(s, i) || ["of", "de", "di", "do", "da", "von", "des", "del", "z", "из"].contains(s.tokens[i].folded)
    }

    private func stripLeadingStopwords(_ s: AnalysedSentence, _ from: Int, _ to: Int) -> Int {
        var k = from
        while k < to - 1, isStopword(s, k) { k += 1 }
        return k
    }

    func isStopword(_ s: AnalysedSentence, _ i: Int) -> Bool {
        stopwords[s.rules.language]?.contains(s.tokens[i].folded) ?? false
    }

    /// "…, Peskov said on Wednesday." reports what comes before; "Peskov said that …" what comes after.
    private func direction(_ s: AnalysedSentence, _ all: [Attribution], _ k: Int, quoted: (Int) -> Bool)
        -> Attribution.Direction {
        let a = all[k]
        let t = s.tokens
        // A clause-final verb with its subject at the clause start reports what lies between them.
        if let src = a.source, src.afterComplementizer, src.range.upperBound < a.cue.lowerBound,
           a.cue.upperBound == t.count || t[a.cue.upperBound].kind == .punctuation { return .after }
        let next = max(a.last, all[(k + 1)...].first { $0.kind == .verb }?.first ?? t.count)
        var after = a.last
        while after < next, t[after].kind == .punctuation { after += 1 }
        if after < next, s.rules.complementizers.match(t, at: after) != nil { return .after }
        let tail = (after..<next).filter { t[$0].isWord }.count
        let wordsBefore = (0..<a.first).filter { t[$0].isWord }.count
        // "“…,” he noted, referring to …": a quotation just before the attribution is what it reports.
        let closers = LanguageRules.closingQuoteMarks
        if a.first > 1, closers.contains(t[a.first - 1].text) && quoted(a.first - 2)
            || (a.first > 2 && t[a.first - 1].text == "," && closers.contains(t[a.first - 2].text) && quoted(a.first - 3)) {
            return .before
        }
        if wordsBefore >= 3, a.first > 0, t[a.first - 1].kind == .punctuation, tail <= 8 { return .before }
        return .after
    }
}
