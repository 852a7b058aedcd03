import Foundation

/// A word, number or punctuation mark of a sentence, located by Unicode-scalar offsets into `Article.text`.
struct WordToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable { case word, number, punctuation }
    var text: String
    /// Lower-cased text, the form every lookup uses.
    var folded: String
    var kind: Kind
    var start: Int
    var end: Int
    /// Starts with an upper-case letter.
    var isCapitalised: Bool
    /// Written in a script without letter case (CJK, Arabic …): capitalisation says nothing there.
    var isCaseless: Bool

    var isWord: Bool { kind == .word }
}

/// Splits text into words, numbers and punctuation. Words keep inner apostrophes, hyphens and dots ("didn't",
/// "Kremlin-Sprecher", "U.S"); numbers keep their digit-group and decimal separators ("300.000", "1,5",
/// "300 000") so that the figure reader can interpret them with the language's conventions.
enum WordTokenizer {
    static func tokens(of text: String, offset: Int = 0) -> [WordToken] {
        tokens(of: Array(text.unicodeScalars), offset: offset)
    }

    static func tokens(of scalars: [Unicode.Scalar], offset: Int = 0) -> [WordToken] {
        var out: [WordToken] = []
        out.reserveCapacity(scalars.count / 5)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if isSpace(c) { i += 1; continue }
            let start = i
            let kind: WordToken.Kind
            if isDigit(c) {
                i = numberEnd(scalars, from: i)
                kind = i < scalars.count && isLetter(scalars[i]) ? .word : .number
                if kind == .word { i = wordEnd(scalars, from: i) }
            } else if isLetter(c) {
                i = wordEnd(scalars, from: i)
                kind = .word
            } else {
                i += 1
                kind = .punctuation
            }
            let s = String(scalars: scalars[start..<i])
            let first = scalars[start]
            let upper = first.isASCII ? (first.value >= 0x41 && first.value <= 0x5A) : first.properties.isUppercase
            let lower = first.isASCII ? (first.value >= 0x61 && first.value <= 0x7A) : first.properties.isLowercase
            out.append(WordToken(
                text: s, folded: kind == .word ? fold(s) : s, kind: kind, start: offset + start,
                end: offset + i, isCapitalised: upper, isCaseless: kind == .word && !upper && !lower))
        }
        return out
    }

    /// Lower case, with the typographic apostrophe made straight ("People’s" → "people's").
    /// The words of a text that carry content: folded, three letters or more, not in `stopwords`.
    static func contentWords(of text: String, stopwords: Set<String>) -> [String] {
        tokens(of: text).compactMap { t in
            t.kind == .word && t.folded.unicodeScalars.count >= 3 && !stopwords.contains(t.folded) ? t.folded : nil
        }
    }

    static func fold(_ word: String) -> String {
        let lower = word.lowercased()
        // ’ is E2 80 99 in UTF-8, ς is CF 82: only then is there anything to replace.
        guard lower.utf8.contains(where: { $0 == 0xE2 || $0 == 0xCF }) else { return lower }
        return String(scalars: lower.unicodeScalars.map { $0 == "’" ? "'" : $0 == "ς" ? "σ" : $0 })
    }

    // ASCII first: Unicode property look-ups are the tokenizer's main cost.
    static func isLetter(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return (c.value | 0x20) >= 0x61 && (c.value | 0x20) <= 0x7A }
        return c.properties.isAlphabetic || c.properties.generalCategory == .nonspacingMark
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return c.value >= 0x30 && c.value <= 0x39 }
        return c.properties.numericType == .decimal
    }

    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return c == " " || (c.value >= 0x09 && c.value <= 0x0D) }
        return c.properties.isWhitespace
    }

    /// Letters and digits, joined across one apostrophe, hyphen, dot or slash between letters.
    static func wordEnd(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < s.count {
            if isLetter(s[i]) || isDigit(s[i]) { i += 1; continue }
            if joiners.contains(s[i]), i + 1 < s.count, isLetter(s[i + 1]), i > start { i += 1; continue }
            break
        }
        return i
    }

    /// Digits with separators: "300.000", "300,000", "1,5", "300 000" (a space only before exactly three digits).
    static func numberEnd(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        var group = 0
        while i < s.count, isDigit(s[i]) { i += 1; group += 1 }
        while i + 1 < s.count, separators.contains(s[i]), isDigit(s[i + 1]) {
            var j = i + 1
            var digits = 0
            while j < s.count, isDigit(s[j]) { j += 1; digits += 1 }
            let isSpace = isSpace(s[i])
            // A space groups digits only in "300 000": a short group before, exactly three digits after.
            if isSpace && (group > 3 || digits != 3) { break }
            i = j
            group = digits
        }
        return i
    }

    static let joiners: Set<Unicode.Scalar> = ["'", "’", "-", "‑", ".", "/"]
    static let separators: Set<Unicode.Scalar> = [".", ",", " ", "\u{00A0}", "\u{202F}", "'", "’"]
}
