import ParallaxModel

/// A time expression found in a sentence, before it is resolved against the publication date.
struct DateExpression: Sendable {
    enum Value: Sendable {
        /// A calendar date; `year` is nil when the text leaves it out ("on 22 February").
        case day(year: Int?, month: Int, day: Int)
        case month(year: Int, month: Int)
        case year(Int)
        /// A weekday, 1 = Sunday; `relative`: "last", "next" or none.
        case weekday(Int, LanguageRules.Relative?)
        /// Days from the publication date ("yesterday" = -1, "three days ago").
        case offset(Int, LanguageRules.DateUnit)
        case duration(Int, LanguageRules.DateUnit)
    }
    var value: Value
    /// The weekday the text states next to a calendar date ("Tuesday, 22 February").
    var statedWeekday: Int?
    var sentence: Int
    var paragraph: Int
    var from: Int
    var to: Int
}

/// Finds dates, weekdays, relative days, months, years and durations in a sentence, using the language's
/// month and weekday names (from its data file and ICU) and its words for "yesterday", "ago", "for" ….
struct DateReader: Sendable {
    func read(_ s: AnalysedSentence) -> [DateExpression] {
        var out: [DateExpression] = []
        var i = 0
        while i < s.tokens.count {
            if let (value, weekday, end) = expression(s, at: i) {
                out.append(DateExpression(value: value, statedWeekday: weekday, sentence: s.index,
                                          paragraph: s.sentence.paragraph, from: i, to: end))
                i = end
            } else {
                i += 1
            }
        }
        return out
    }

    private func expression(_ s: AnalysedSentence, at i: Int) -> (DateExpression.Value, Int?, Int)? {
        let t = s.tokens
        let r = s.rules
        guard r.mayStartDate(t[i]) else { return nil }
        if let numeric = numericDate(t, at: i) { return (numeric.0, nil, numeric.1) }
        // Weekday, perhaps with "last"/"next" before it and a calendar date after it.
        var j = i
        var relative: LanguageRules.Relative?
        if let m = r.relativeModifiers.match(t, at: j), r.weekdays.match(t, at: j + m.length) != nil {
            relative = m.payload
            j += m.length
        }
        if let w = r.weekdays.match(t, at: j), isName(t[j], r) {
            var k = j + w.length
            // "Tuesday, 22 February", "tirsdag den 22. februar", "Wednesday, February 23".
            for probe in k..<min(k + 3, t.count) {
                if let (value, end) = calendarDate(s, at: probe) { return (value, w.payload, end) }
                if t[probe].kind == .word && t[probe].folded.count > 3 { break }
            }
            while k < t.count, r.dayParts.match(t, at: k) != nil { k += r.dayParts.match(t, at: k)!.length }
            // "lundi prochain", "el lunes pasado": the modifier after the weekday.
            if relative == nil, let m = r.relativeModifiers.match(t, at: k) {
                relative = m.payload
                k += m.length
            }
            return (.weekday(w.payload, relative), nil, k)
        }
        if let d = r.relativeDays.match(t, at: i) { return (.offset(d.payload, .day), nil, i + d.length) }
        if let (value, end) = calendarDate(s, at: i) { return (value, nil, end) }
        if let found = span(s, at: i) { return found }
        if let y = t[i].year, !isFollowedByQuantity(s, i + 1) { return (.year(y), nil, i + 1) }
        return nil
    }

    /// Month names are capitalised in some languages and not in others; a lower-case "may" or "march" in
    /// English is a verb, so where the language capitalises months, require it.
    private func isName(_ t: WordToken, _ r: LanguageRules) -> Bool {
        r.language != "en" || t.isCapitalised
    }

    /// "22 February [2022]", "22. Februar", "22 de febrero de 2022", "February 22[, 2022]", "February 2015".
    private func calendarDate(_ s: AnalysedSentence, at i: Int) -> (DateExpression.Value, Int)? {
        let t = s.tokens
        let r = s.rules
        guard i < t.count else { return nil }
        if let day = t[i].dayOfMonth {
            var k = i + 1
            if k < t.count, t[k].text == "." { k += 1 }
            if k < t.count, ["de", "di", "del"].contains(t[k].folded) { k += 1 }
            guard let m = r.months.match(t, at: k), isName(t[k], r) else { return nil }
            k += m.length
            if k < t.count, t[k].text == "." { k += 1 }
            var yearAt = k
            if yearAt < t.count, ["de", "del", ","].contains(t[yearAt].folded) { yearAt += 1 }
            if yearAt < t.count, let y = t[yearAt].year { return (.day(year: y, month: m.payload, day: day), yearAt + 1) }
            return (.day(year: nil, month: m.payload, day: day), k)
        }
        guard let m = r.months.match(t, at: i), isName(t[i], r) else { return nil }
        var k = i + m.length
        if k < t.count, t[k].text == "." { k += 1 }
        if k < t.count, let day = t[k].dayOfMonth, t[k].year == nil {
            var end = k + 1
            var yearAt = end
            if yearAt < t.count, t[yearAt].text == "," { yearAt += 1 }
            if yearAt < t.count, let y = t[yearAt].year { return (.day(year: y, month: m.payload, day: day), yearAt + 1) }
            if end < t.count, t[end].text == "." { end += 1 }
            return (.day(year: nil, month: m.payload, day: day), end)
        }
        if k < t.count, ["de", "del", "di", "of"].contains(t[k].folded), k + 1 < t.count, let y = t[k + 1].year {
            return (.month(year: y, month: m.payload), k + 2)  // "enero de 2021", "fevereiro de 2015"
        }
        if k < t.count, let y = t[k].year { return (.month(year: y, month: m.payload), k + 1) }
        return nil
    }

    /// "2022-02-23", "23.02.2022", "23/02/2022" (day first, except month-first US order when the day is > 12).
    private func numericDate(_ t: [WordToken], at i: Int) -> (DateExpression.Value, Int)? {
        guard t[i].kind == .number else { return nil }
        if let y = t[i].year, i + 4 < t.count, t[i + 1].text == "-", t[i + 3].text == "-",
           let m = Int(t[i + 2].text), let d = Int(t[i + 4].text), t[i + 2].text.count == 2, t[i + 4].text.count == 2,
           CivilDate(year: y, month: m, day: d) != nil, t[i + 1].start == t[i].end, t[i + 3].end == t[i + 4].start {
            return (.day(year: y, month: m, day: d), i + 5)
        }
        let parts = t[i].text.split(separator: ".").compactMap { Int($0) }
        if parts.count == 3, t[i].text.split(separator: ".").last?.count == 4,
           CivilDate(year: parts[2], month: parts[1], day: parts[0]) != nil {
            return (.day(year: parts[2], month: parts[1], day: parts[0]), i + 1)
        }
        if i + 4 < t.count, t[i + 1].text == "/", t[i + 3].text == "/", let a = Int(t[i].text),
           let b = Int(t[i + 2].text), let y = t[i + 4].year {
            let (d, m) = b > 12 ? (b, a) : (a, b)
            if CivilDate(year: y, month: m, day: d) != nil { return (.day(year: y, month: m, day: d), i + 5) }
        }
        return nil
    }

    /// "for 30 days" (a duration), "three days ago" / "vor drei Tagen" (an offset from publication).
    private func span(_ s: AnalysedSentence, at i: Int) -> (DateExpression.Value, Int?, Int)? {
        let t = s.tokens
        let r = s.rules
        var k = i
        let preposition = r.durationPrepositions.match(t, at: k)
        let agoBefore = preposition == nil ? r.agoWords.match(t, at: k) : nil
        k += preposition?.length ?? agoBefore?.length ?? 0
        guard let (n, afterNumber) = count(t, r, at: k), let unit = r.periodWords.match(t, at: afterNumber) else {
            return nil
        }
        let end = afterNumber + unit.length
        // "three days ago" counts back from publication; "two days later" counts from an event the text names,
        // so it stays a length of time.
        if let ago = r.agoWords.match(t, at: end) {
            let value: DateExpression.Value = ago.payload < 0 ? .offset(-n, unit.payload) : .duration(n, unit.payload)
            return (value, nil, end + ago.length)
        }
        if let before = agoBefore {
            return (before.payload < 0 ? .offset(-n, unit.payload) : .duration(n, unit.payload), nil, end)
        }
        if preposition != nil { return (.duration(n, unit.payload), nil, end) }
        return nil
    }

    /// A small whole number in digits or words ("30", "eight", "drei").
    func count(_ t: [WordToken], _ r: LanguageRules, at i: Int) -> (Int, Int)? {
        guard i < t.count else { return nil }
        if t[i].kind == .number, let n = Int(t[i].text), n < 10_000 { return (n, i + 1) }
        if let w = r.numberWords.match(t, at: i), w.payload >= 1, w.payload < 10_000 { return (Int(w.payload), i + w.length) }
        return nil
    }

    /// "2022 people" is a count, not a year.
    private func isFollowedByQuantity(_ s: AnalysedSentence, _ i: Int) -> Bool {
        guard i < s.tokens.count else { return false }
        return s.rules.scaleWords.match(s.tokens, at: i) != nil || s.rules.units.match(s.tokens, at: i) != nil
    }
}
