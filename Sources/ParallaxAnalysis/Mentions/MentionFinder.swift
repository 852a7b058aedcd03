import ParallaxModel

/// Finds the people, organisations, places and groups an article names, and links each mention to a canonical
/// entity: places and organisations through the gazetteer; people by their spelling-folded surname, so that
/// "Denis Pushilin", later "Pushilin" and "the DPR leader" are one person.
struct MentionFinder: Sendable {
    var gazetteer: Gazetteer
    var stopwords: [String: Set<String>]

    struct Result: Sendable {
        var mentions: [Mention] = []
        var entities: [Entity] = []
    }

    func find(in sentences: [AnalysedSentence], deadline: Deadline = .none) -> Result {
        var state = MentionState()
        for s in sentences {
            if deadline.expired { break }
            scan(s, &state)
        }
        return Result(mentions: state.mentions, entities: state.entityOrder.compactMap { state.entities[$0] })
    }

    private func scan(_ s: AnalysedSentence, _ state: inout MentionState) {
        let t = s.tokens
        var i = 0
        while i < t.count {
            guard t[i].isWord else { i += 1; continue }
            if let end = place(s, at: i, &state) ?? person(s, at: i, &state) ?? organisation(s, at: i, &state)
                ?? roleOrGroup(s, at: i, &state) {
                i = max(end, i + 1)
            } else {
                i += 1
            }
        }
    }

    // MARK: Places and known organisations

    /// The longest gazetteer name starting at `i`, written as a name (capitalised, all capitals, or in a script
    /// without case). Possessives ("Ukraine's") and inflected endings ("Kiews", "Донецка") are tried too.
    private func place(_ s: AnalysedSentence, at i: Int, _ state: inout MentionState) -> Int? {
        let t = s.tokens
        guard t[i].isCapitalised || t[i].isCaseless else { return nil }
        // Most capitalised words start no known name: then only a one-word inflected form can match. Otherwise
        // names are tried only as long as some name begins with the words so far.
        let starts = gazetteer.startsAName(t[i].folded)
        var longest = 1
        while starts, longest < min(gazetteer.maxWords, t.count - i),
              gazetteer.startsAName(MentionFinder.key(t, i, i + longest + 1)) { longest += 1 }
        for length in stride(from: longest, through: 1, by: -1) {
            guard starts || length == 1,
                  (i..<(i + length)).allSatisfy({ t[$0].isWord || t[$0].text == "." || t[$0].text == "-" }),
                  t[i + length - 1].isWord else { continue }
            let written = s.text(i, i + length)
            // Variants (possessive, compound, case ending) only for one word: longer names match as written.
            let forms = length == 1 ? MentionFinder.forms(of: written, language: s.rules.language) : [(written, 0)]
            for (n, form) in forms.enumerated() where n > 0 || starts {
                let key = n == 0 ? MentionFinder.key(t, i, i + length) : Gazetteer.key(form.text)
                guard let place = gazetteer.lookup(text: form.text, key: key) else { continue }
                if length == 1 && !isNameLike(s, i, place) { continue }
                if length == 1, place.rank < Gazetteer.countryRank, isInsideName(s, i) { return nil }
                let end = t[i + length - 1].end - form.trimmed
                state.add(Mention(text: form.text, kind: place.kind, entity: place.id, start: t[i].start, end: end,
                                  sentence: s.index), name: place.name)
                return i + length
            }
        }
        return nil
    }

    /// The gazetteer key of tokens `from..<to`: their lower-cased forms, a space where the text has one.
    static func key(_ t: [WordToken], _ from: Int, _ to: Int) -> String {
        var key = t[from].folded
        for k in (from + 1)..<max(from + 1, to) {
            if t[k].start > t[k - 1].end { key += " " }
            key += t[k].folded
        }
        return key
    }

    /// "Vladimir Putin", "President Volodymyr Zelensky": a city's name that is also a first name, read as a name.
    private func isInsideName(_ s: AnalysedSentence, _ i: Int) -> Bool {
        let t = s.tokens
        if i + 1 < t.count, t[i + 1].isWord, t[i + 1].isCapitalised, t[i].end < t[i + 1].start,
           gazetteer.lookup(text: t[i + 1].text) == nil { return true }
        if i > 0, s.rules.personTitles.match(t, at: i - 1) != nil { return true }
        return false
    }

    /// A one-word name must not be an ordinary word of the language written at the start of a sentence.
    private func isNameLike(_ s: AnalysedSentence, _ i: Int, _ place: Gazetteer.Place) -> Bool {
        let word = s.tokens[i].folded
        if stopwords[s.rules.language]?.contains(word) ?? false { return false }
        if s.rules.personTitles.match(s.tokens, at: i) != nil || s.rules.groupWords.match(s.tokens, at: i) != nil {
            return false
        }
        return true
    }

    /// The written form and inflected variants to look up: as written, without a possessive "'s", and for
    /// inflecting languages without a short case ending.
    static func forms(of written: String, language: String) -> [(text: String, trimmed: Int)] {
        var out = [(written, 0)]
        for suffix in ["'s", "’s", "'", "’"] where written.hasSuffix(suffix) {
            out.append((String(written.dropLast(suffix.count)), suffix.unicodeScalars.count))
        }
        if let hyphen = written.lastIndex(of: "-"), written.distance(from: written.startIndex, to: hyphen) >= 2 {
            // "DNR-lederen", "Donbass-republikker": the name before a hyphenated compound.
            let head = String(written[..<hyphen])
            out.append((head, written.unicodeScalars.count - head.unicodeScalars.count))
        }
        guard !["en", "zh", "ja", "ko"].contains(language), written.count >= 5 else { return out }
        let lower = written.lowercased()
        for ending in caseEndings where lower.hasSuffix(ending) && written.count - ending.count >= 4 {
            let stem = String(written.unicodeScalars.dropLast(ending.unicodeScalars.count))
            out.append((stem, ending.unicodeScalars.count))
        }
        return out
    }

    /// Case endings that inflecting languages add to place names: Kiews, Донецка, Луганске, Ługańska, Kijowie.
    static let caseEndings = ["s", "a", "e", "u", "y", "i", "ie", "em", "om", "ą", "ę", "ого", "ому", "ом", "ой", "ем", "а",
                              "у", "е", "ы", "и", "і", "ї", "ю", "ові", "ою"]

    static let verbSecondLanguages: Set<String> = ["de", "da", "nl", "sv", "nb", "nn", "no", "is"]

    // MARK: People

    /// A personal name: two or more capitalised words ("Denis Pushilin"), or one after a title ("President
    /// Putin"), or a surname already introduced. Titles and modifiers in front ("Kremlin spokesman",
    /// "Ukrainian President") become the person's role.
    private func person(_ s: AnalysedSentence, at i: Int, _ state: inout MentionState) -> Int? {
        let t = s.tokens
        guard t[i].isCapitalised, !isStopword(s, i) else { return nil }
        var end = i
        while end < t.count, end - i < 6, t[end].isWord, t[end].isCapitalised, !isKnownPlace(s, end) { end += 1 }
        // Titles inside the run ("Ukrainian President Volodymyr Zelensky") are the role, not the name.
        var nameStart = i
        var k = i
        while k < end {
            if let title = s.rules.personTitles.match(t, at: k) ?? s.rules.honorifics.match(t, at: k) {
                k += title.length
                nameStart = k
            } else {
                k += 1
            }
        }
        let roleStart = nameStart > i ? modifiersBefore(s, i, limit: 2) : roleStartBefore(s, i)
        guard nameStart < end else { return nil }
        if end - nameStart == 1 && t[end - 1].folded.count < 2 { return nil }
        let words = Array(nameStart..<end)
        // An organisation word at the end ("Security Council") or an acronym makes it an organisation.
        if words.contains(where: { isOrganisationWord(s, $0) || isAcronym(t[$0]) }) { return nil }
        if words.dropLast().contains(where: { t[$0].text.hasSuffix("'s") || t[$0].text.hasSuffix("’s") }) { return nil }
        let surname = NameKey.key(MentionFinder.forms(of: t[end - 1].text, language: "en").last!.text)
        let known = state.personID(surname: surname)
        let titled = roleStart < nameStart
        if words.count == 1 {
            guard titled || known != nil || isBesideReportingVerb(s, nameStart, end), !isStopword(s, nameStart),
                  isSingleName(s, nameStart) else { return nil }
            // "The West", "the Kremlin": English names of people take no article.
            if !titled, known == nil, nameStart > 0, ["the", "a", "an"].contains(t[nameStart - 1].folded) { return nil }
        }
        // "The Ukrainian leader", "Separatist forces": a capitalised modifier of a title or group, not a name.
        if end < t.count, s.rules.personTitles.match(t, at: end) != nil || s.rules.groupWords.match(t, at: end) != nil,
           words.count == 1 { return nil }
        let trimmed = MentionFinder.forms(of: t[end - 1].text, language: "en").count > 1 ? 2 : 0
        let possessive = t[end - 1].text.hasSuffix("'s") || t[end - 1].text.hasSuffix("’s") ? trimmed : 0
        let name = s.text(nameStart, end)
        let text = possessive > 0 ? String(name.dropLast(2)) : name
        let id = known ?? "person:" + surname
        let role = titled ? s.text(roleStart, nameStart) : apposition(s, after: end)
        state.add(Mention(text: text, kind: .person, entity: id, start: t[nameStart].start,
                          end: t[end - 1].end - possessive, sentence: s.index),
                  name: text, role: role, headWords: roleHeads(s, roleStart, nameStart), surname: surname)
        return end
    }

    /// One word that can be a surname: not a weekday, month, group word or title, not "Russian-backed".
    private func isSingleName(_ s: AnalysedSentence, _ i: Int) -> Bool {
        let t = s.tokens
        if s.rules.weekdays.match(t, at: i) != nil || s.rules.months.match(t, at: i) != nil { return false }
        if s.rules.groupWords.match(t, at: i) != nil || s.rules.personTitles.match(t, at: i) != nil { return false }
        let parts = t[i].text.split(separator: "-")
        return parts.allSatisfy { $0.first?.isUppercase ?? false }
    }

    private func isKnownPlace(_ s: AnalysedSentence, _ i: Int) -> Bool {
        // Countries, curated entities and media break a run of names; cities ("Vladimir") do not, so GeoNames
        // need not be searched.
        let t = s.tokens[i]
        guard let place = gazetteer.lookup(text: t.text, key: t.folded, includingCities: false) else { return false }
        return place.rank >= Gazetteer.countryRank
    }

    /// Where a lower-case title and its modifiers begin, when they stand right before a name: "Kremlin
    /// spokesman Dmitry Peskov", "White House press secretary Jen Psaki".
    private func roleStartBefore(_ s: AnalysedSentence, _ i: Int) -> Int {
        let t = s.tokens
        for length in (1...4).reversed() where i - length >= 0 {
            guard let m = s.rules.personTitles.match(t, at: i - length), m.length == length else { continue }
            // Up to two modifiers: "Kremlin", "Ukraine's", "White House".
            return modifiersBefore(s, i - length, limit: 2)
        }
        return i
    }

    /// Where up to `limit` capitalised words right before token `i` begin.
    private func modifiersBefore(_ s: AnalysedSentence, _ i: Int, limit: Int) -> Int {
        var start = i
        while start > 0, i - start < limit, s.tokens[start - 1].isWord, s.tokens[start - 1].isCapitalised,
              !isStopword(s, start - 1) {
            start -= 1
        }
        return start
    }

    /// "Denis Pushilin, head of the Donetsk People's Republic," → "head of the Donetsk People's Republic".
    private func apposition(_ s: AnalysedSentence, after end: Int) -> String? {
        let t = s.tokens
        guard end + 1 < t.count, t[end].text == ",", s.rules.personTitles.match(t, at: end + 1) != nil ||
                (end + 2 < t.count && s.rules.personTitles.match(t, at: end + 2) != nil) else { return nil }
        var k = end + 1
        while k < t.count, k - end < 10, t[k].text != ",", t[k].text != "." { k += 1 }
        return s.text(end + 1, k)
    }

    /// The folded title words of a role ("spokesman" in "Kremlin spokesman").
    private func roleHeads(_ s: AnalysedSentence, _ from: Int, _ to: Int) -> [String] {
        (from..<to).filter { s.rules.personTitles.match(s.tokens, at: $0) != nil }.map { s.tokens[$0].folded }
    }

    /// "Kuleba said", "Pasechnik also noted", or "…, said Kuleba." (the name closing the clause).
    private func isBesideReportingVerb(_ s: AnalysedSentence, _ start: Int, _ end: Int) -> Bool {
        let t = s.tokens
        if let verb = (max(0, start - 3)..<start).first(where: { k in
            s.rules.reportingVerbs.match(t, at: k).map { k + $0.length == start } ?? false
        }) {
            // "…, said Kuleba." or "…, sagte Reiner im Fernsehen", "…, a indiqué Reiner à la télévision": the name
            // closes the attribution.
            if end == t.count || t[end].kind == .punctuation { return true }
            if verb > 0, t[verb - 1].kind == .punctuation, isStopword(s, end) { return true }
            // Verb-second: "In einem Interview sagte Volkova" — unless a named subject precedes the verb, when the
            // capitalised word after it is a German noun ("Weller dementierte Berichte").
            if MentionFinder.verbSecondLanguages.contains(s.rules.language), verb > 0, !t[verb - 1].isCapitalised
                || isOrganisationLike(t[verb - 1]) { return true }
        }
        // "Kuleba said", "Pasechnik also noted": only function words between the name and its verb.
        var k = end
        while k < min(end + 3, t.count) {
            if s.rules.reportingVerbs.match(t, at: k) != nil { return true }
            guard isStopword(s, k) || s.rules.hedges.match(t, at: k) != nil else { return false }
            k += 1
        }
        return false
    }

    // MARK: Organisations, roles and groups

    /// "Russian Security Council", "Ukrainian Parliament", "NATO": capitalised words ending in an organisation
    /// word, or an acronym the gazetteer does not know.
    private func organisation(_ s: AnalysedSentence, at i: Int, _ state: inout MentionState) -> Int? {
        let t = s.tokens
        guard t[i].isCapitalised, !isStopword(s, i) else { return nil }
        if isOrganisationWord(s, i), let end = headFirstName(s, i), end - i >= 2 {
            let text = s.text(i, end)
            state.add(Mention(text: text, kind: .organisation, entity: "org:" + MentionState.slug(text),
                              start: t[i].start, end: t[end - 1].end, sentence: s.index), name: text)
            return end
        }
        var end = i
        while end < t.count, end - i < 6, t[end].isWord, t[end].isCapitalised { end += 1 }
        if end < t.count, isOrganisationWord(s, end) { end += 1 }
        if end - i == 1, isAcronym(t[i]) {
            state.add(Mention(text: t[i].text, kind: .organisation, entity: "org:" + t[i].folded, start: t[i].start,
                              end: t[i].end, sentence: s.index), name: t[i].text)
            return end
        }
        guard end - i >= 2, isOrganisationWord(s, end - 1) || s.rules.organisationSuffixes.match(t, at: end - 1) != nil
        else { return nil }
        let text = s.text(i, end)
        state.add(Mention(text: text, kind: .organisation, entity: "org:" + MentionState.slug(text), start: t[i].start,
                          end: t[end - 1].end, sentence: s.index), name: text)
        return end
    }

    /// Where a name that starts with its organisation word ends: "Ministerio del Interior", "Agência de Imprensa
    /// de Velmora", "Министерство обороны" (Slavic languages name the domain in a lower-case genitive).
    private func headFirstName(_ s: AnalysedSentence, _ i: Int) -> Int? {
        let t = s.tokens
        let slavic = ["ru", "uk", "pl", "cs", "sk", "bg", "sr", "hr", "sl", "be"].contains(s.rules.language)
        var end = i + 1
        var lowercase = 0
        while end < t.count, end - i < 8, t[end].isWord {
            if t[end].isCapitalised && !isStopword(s, end) {
                end += 1
            } else if isStopword(s, end), t[end].folded.count <= 4, end + 1 < t.count, t[end + 1].isCapitalised,
                      t[end + 1].isWord {
                end += 2  // "de", "del", "do"
            } else if slavic, lowercase < 2, !isStopword(s, end), s.rules.reportingVerbs.match(t, at: end) == nil {
                end += 1
                lowercase += 1
            } else {
                break
            }
        }
        return end > i + 1 ? end : nil
    }

    /// A title without a name ("the spokesman", "the DPR leader", "DNR-lederen") refers back to the person who
    /// holds it; plural or unknown holders and collective nouns ("Western sources", "the separatists") are groups.
    private func roleOrGroup(_ s: AnalysedSentence, at i: Int, _ state: inout MentionState) -> Int? {
        let t = s.tokens
        var headAt = i
        var head = s.rules.personTitles.match(t, at: i)
        var isGroup = false
        if head == nil, let g = s.rules.groupWords.match(t, at: i) { head = g; isGroup = true }
        var compoundModifier: String?
        if head == nil, let hyphen = t[i].folded.lastIndex(of: "-") {
            // "DNR-lederen": a title compounded with its modifier.
            let tail = String(t[i].folded[t[i].folded.index(after: hyphen)...])
            let probe = WordTokenizer.tokens(of: tail)
            if s.rules.personTitles.match(probe, at: 0) != nil {
                head = .init(length: 1, payload: true)
                compoundModifier = String(t[i].folded[..<hyphen])
            }
        }
        guard let h = head else { return nil }
        // A title right before a name is that person's role: the name is read next.
        if i + h.length < t.count, t[i + h.length].isCapitalised, !isStopword(s, i + h.length) { return nil }
        var start = headAt
        while start > 0, headAt - start < 2, t[start - 1].isWord, !isStopword(s, start - 1),
              t[start - 1].isCapitalised || t[start - 1].text.utf8.contains(0x2D) {
            start -= 1
        }
        headAt += h.length
        let text = s.text(start, headAt)
        var modifiers = (start..<i).map { t[$0].folded }
        if let m = compoundModifier { modifiers.append(m) }
        if !isGroup, let id = state.resolveRole(head: t[i].folded, modifiers: modifiers) {
            // The role as written, with its lower-case modifiers: "the separatist leader".
            var from = start
            while from > 0, start - from < 2, t[from - 1].isWord, !isStopword(s, from - 1),
                  s.rules.reportingVerbs.match(t, at: from - 1) == nil { from -= 1 }
            state.add(Mention(text: s.text(from, headAt), kind: .person, entity: id, start: t[from].start,
                              end: t[headAt - 1].end, sentence: s.index), name: nil)
            return headAt
        }
        // A bare common noun ("people", "countries") is a group only where it speaks: "Eyewitnesses reported".
        guard start < i || (isGroup && (t[i].isCapitalised || isBesideReportingVerb(s, i, headAt))) else { return nil }
        let key = MentionState.slug((start..<headAt).map { t[$0].folded }.joined(separator: " "))
        state.add(Mention(text: text, kind: .group, entity: "group:" + key, start: t[start].start,
                          end: t[headAt - 1].end, sentence: s.index), name: text)
        return headAt
    }

    private func isOrganisationWord(_ s: AnalysedSentence, _ i: Int) -> Bool {
        s.rules.organisationWords.match(s.tokens, at: i) != nil
    }

    private func isOrganisationLike(_ t: WordToken) -> Bool {
        isAcronym(t) || (gazetteer.lookup(text: t.text)?.kind == .organisation)
    }

    private func isAcronym(_ t: WordToken) -> Bool {
        let letters = t.text.filter(\.isLetter)
        return (2...6).contains(letters.count) && letters.allSatisfy(\.isUppercase) && t.text.count <= 7
    }

    private func isStopword(_ s: AnalysedSentence, _ i: Int) -> Bool {
        stopwords[s.rules.language]?.contains(s.tokens[i].folded) ?? false
    }
}
