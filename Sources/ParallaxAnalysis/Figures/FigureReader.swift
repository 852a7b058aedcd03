import Foundation
import ParallaxModel

/// Finds the figures of a sentence: a number in any local format ("300.000", "300,000", "300 000", "1,5 Mio.",
/// "51 тыс.", "two dozen", "more than half"), its qualifier ("about", "almost"), unit and what it counts.
struct FigureReader: Sendable {
    /// Common words per language (the jusText stoplists): a number word followed by one ("three and four") is
    /// not counting anything.
    var stopwords: [String: Set<String>]

    /// The figures of a sentence; `taken` marks tokens already read as dates.
    func read(_ s: AnalysedSentence, taken: Set<Int>) -> [Figure] {
        var out: [Figure] = []
        var i = 0
        let t = s.tokens
        while i < t.count {
            guard !taken.contains(i), let (value, end, isWord, isFraction) = number(s, at: i) else { i += 1; continue }
            var figure = Figure(text: "", value: value, sentence: s.index, start: t[i].start, end: t[end - 1].end)
            var first = i
            var last = end
            // A currency sign before the number ("$2.5 billion", "US$ 40", "R$ 1,2"), then the qualifier before both.
            for length in [2, 1] where first - length >= 0 {
                if let u = s.rules.units.match(t, at: first - length), u.length == length,
                   t[first - 1].kind == .punctuation {
                    figure.unit = u.payload
                    first -= length
                    break
                }
            }
            if let (q, at) = qualifier(s, before: first) {
                figure.qualifier = q
                first = at
            }
            if isFraction { figure.unit = "fraction" }
            if let scale = s.rules.scaleWords.match(t, at: last), (figure.value * scale.payload).isFinite {
                figure.value *= scale.payload
                last += scale.length
                if last < t.count, t[last].text == ".", t[last].start == t[last - 1].end { last += 1 }
                // "2.500 millones de euros", "2,5 mil milhões de euros": the unit after "of".
                if last + 1 < t.count, isFollowedByOf(t, last), s.rules.units.match(t, at: last + 1) != nil { last += 1 }
            }
            if let u = s.rules.units.match(t, at: last) ?? (t.count > last && t[last].text == "%" ? .init(length: 1, payload: "percent") : nil) {
                figure.unit = u.payload
                last += u.length
                if last < t.count, t[last].text == ".", t[last].start == t[last - 1].end, u.length == 1,
                   t[last - 1].text.count <= 4 { last += 1 }
            }
            let counted = countedPhrase(s, from: last, taken: taken)
            if isWord && figure.qualifier == nil {
                // A number word counts something only when a content word follows ("three people", not "three and").
                guard let c = counted, !isStopword(c.first, s) else { i = end; continue }
                // "the two countries" refers to things already named; it is not a figure.
                if figure.value < 10, i > 0, FigureReader.determiners.contains(t[i - 1].folded) { i = end; continue }
            }
            if isFragment(s, i, end) { i = end; continue }
            figure.counted = counted.map { s.text($0.first, $0.last) }
            figure.text = s.text(first, last)
            figure.start = t[first].start
            figure.end = t[last - 1].end
            out.append(figure)
            i = max(last, i + 1)
        }
        return out
    }

    static let determiners: Set<String> = ["the", "these", "those", "both", "its", "their", "his", "her", "die", "der",
                                           "den", "das", "beide", "beiden", "les", "ces", "los", "las", "estos", "i", "gli",
                                           "le", "os", "as", "de", "begge"]

    /// The number at token `i`: (value, end token, written in words?).
    private func number(_ s: AnalysedSentence, at i: Int) -> (Double, Int, Bool, Bool)? {
        let t = s.tokens
        if t[i].kind == .number, let v = FigureReader.value(of: t[i].text, decimal: s.rules.decimalSeparator) {
            return (v, i + 1, false, false)
        }
        if let f = s.rules.fractions.match(t, at: i), qualifier(s, before: i) != nil || isFollowedByOf(t, i + f.length) {
            return (f.payload, i + f.length, false, true)
        }
        if let w = s.rules.numberWords.match(t, at: i), w.payload >= 2 { return (w.payload, i + w.length, true, false) }
        return nil
    }

    /// "half of the residents", "la mitad de", "die Hälfte der": a fraction of something.
    private func isFollowedByOf(_ t: [WordToken], _ i: Int) -> Bool {
        i < t.count && ["of", "de", "des", "du", "della", "degli", "dei", "delle", "der", "af", "do", "da", "dos", "das",
                        "del"].contains(t[i].folded)
    }

    /// Reads digits with separators by the language's conventions and the shape of the groups: a separator
    /// followed by exactly three digits groups thousands ("300.000", "300,000"); otherwise it is the decimal
    /// point ("1,5", "1.5"); with both, the last one is the decimal point ("1,234.5", "1.234,5").
    static func value(of text: String, decimal: Character) -> Double? {
        let kept = text.filter { !($0 == " " || $0 == "\u{00A0}" || $0 == "\u{202F}" || $0 == "'" || $0 == "’") }
        let marks = kept.filter { $0 == "." || $0 == "," }
        var normalised = kept
        if let lastMark = marks.last {
            let distinct = Set(marks)
            let tail = kept.split(separator: lastMark, omittingEmptySubsequences: false).last ?? ""
            if distinct.count == 2 {
                normalised = kept.filter { $0 != (lastMark == "." ? "," : ".") }.replacingOccurrences(of: ",", with: ".")
            } else if marks.count > 1 || tail.count == 3 {
                normalised = kept.filter { $0 != lastMark }
            } else {
                normalised = kept.replacingOccurrences(of: ",", with: ".")
            }
        }
        guard let value = Double(normalised), value.isFinite else { return nil }  // 400 digits are no figure
        return value
    }

    /// The qualifier phrase that ends right before token `i`, with its first token.
    private func qualifier(_ s: AnalysedSentence, before i: Int) -> (String, Int)? {
        // An abbreviated qualifier keeps its dot ("ok. 2,3 mld", "ca. 40"): step over it.
        let end = i > 0 && s.tokens[i - 1].text == "." ? i - 1 : i
        for length in (1...4).reversed() where end - length >= 0 {
            if let m = s.rules.qualifiers.match(s.tokens, at: end - length), m.length == length {
                return (m.payload, end - length)
            }
        }
        return nil
    }

    /// What is counted: up to six words after the number, to the next punctuation mark or date, without
    /// trailing function words ("people left without water", "soldiers on the border").
    private func countedPhrase(_ s: AnalysedSentence, from start: Int, taken: Set<Int>) -> (first: Int, last: Int)? {
        let t = s.tokens
        var first = start
        if first < t.count, t[first].text == "." { first += 1 }
        if first < t.count, isFollowedByOf(t, first) || t[first].folded == "di" { first += 1 }
        if first < t.count, ["the", "die", "der", "den", "les", "la", "le", "los", "las", "i", "gli", "le", "os", "as"].contains(t[first].folded) {
            first += 1
        }
        var last = first
        while last < t.count, last - first < 6, t[last].kind != .punctuation || t[last].text == "-", !taken.contains(last) {
            last += 1
        }
        // Trailing function words go ("people have died since"); the first word, the thing counted, stays.
        while last > first + 1, isStopword(last - 1, s) || t[last - 1].kind == .punctuation { last -= 1 }
        if last == first + 1, t[first].kind == .punctuation { return nil }
        return last > first ? (first, last) : nil
    }

    private func isStopword(_ i: Int, _ s: AnalysedSentence) -> Bool {
        stopwords[s.rules.language]?.contains(s.tokens[i].folded) ?? false
    }

    /// Numbers that are part of a name or a code: "Covid-19", "Article 3" style digits glued to a word, clock times.
    private func isFragment(_ s: AnalysedSentence, _ i: Int, _ end: Int) -> Bool {
        let t = s.tokens
        if i > 0, t[i - 1].end == t[i].start, t[i - 1].text == "-" || t[i - 1].isWord { return true }
        if end < t.count, t[end].text == ":", end + 1 < t.count, t[end + 1].kind == .number, t[end].end == t[end + 1].start {
            return true
        }
        if i > 0, t[i - 1].text == ":", i > 1, t[i - 2].kind == .number, t[i - 1].start == t[i - 2].end { return true }
        // "3 h 40", "14 h": a clock time in French style.
        if end < t.count, t[end].folded == "h", end + 1 == t.count || t[end + 1].kind == .number || !t[end + 1].isWord {
            return true
        }
        if i > 1, t[i - 1].folded == "h", t[i - 2].kind == .number { return true }
        return false
    }
}
