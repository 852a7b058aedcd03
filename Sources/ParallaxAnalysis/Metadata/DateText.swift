import CICUShim

/// Reads calendar dates written in words or numbers, in any language ICU has month names for:
/// "February 23, 2022", "23. februar 2022", "14 марта 2031", "2031-03-14", "14.03.2031", "2031年3月14日".
public enum DateText {
    /// Locales whose month and weekday names are recognised.
    static let locales = [
        "en", "de", "fr", "es", "it", "pt", "nl", "da", "sv", "nb", "nn", "fi", "pl", "cs", "sk", "ru", "uk", "be",
        "bg", "sr", "sr_Latn", "hr", "bs", "sl", "ro", "hu", "tr", "el", "lt", "lv", "et", "ca", "gl", "eu", "is",
        "ga", "cy", "mk", "sq", "id", "ms", "vi",
    ]

    /// Folded month name → month number (1-12), and weekday name → weekday (1 = Sunday).
    public static let names: (months: [String: Int], weekdays: [String: Int]) = {
        var months: [String: Int] = [:]
        var weekdays: [String: Int] = [:]
        for locale in locales {
            for entry in calendarNames(locale) {
                let name = TextNormaliser.fold(entry.name).trimming(".")
                guard name.count >= 3 else { continue }
                if entry.isMonth { months[name] = months[name] ?? entry.number } else {
                    weekdays[name] = weekdays[name] ?? entry.number
                }
            }
        }
        // "Sept." and "Sept" appear in English datelines but not in ICU's abbreviations.
        months["sept"] = 9
        return (months, weekdays)
    }()

    /// ICU's month (1–12) and weekday (1 = Sunday) names for a locale: wide and abbreviated, format and
    /// stand-alone forms, as written.
    static func calendarNames(_ locale: String) -> [(isMonth: Bool, number: Int, name: String)] {
        var buffer = [CChar](repeating: 0, count: 16_384)
        let n = pxicu_calendar_names(locale, &buffer, Int32(buffer.count))
        guard n > 0 else { return [] }
        let text = String(decoding: buffer.prefix(Int(n)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text.split(separator: "\n").compactMap { line in
            guard let eq = line.firstIndex(of: "="), let number = Int(line[line.index(after: line.startIndex)..<eq])
            else { return nil }
            return (line.first == "m", number, String(line[line.index(after: eq)...]))
        }
    }

    /// The first complete date (year, month and day) in the text, as "YYYY-MM-DD".
    public static func firstDate(in text: String) -> String? { dates(in: text).first?.iso }

    public struct Found: Sendable, Equatable {
        public var iso: String
        /// Characters of the text the date and any weekday or time take up.
        public var covered: Int
    }

    /// All complete dates in the text.
    public static func dates(in text: String) -> [Found] {
        let tokens = tokenize(text)
        var found: [Found] = []
        var i = 0
        while i < tokens.count {
            if let (iso, used) = match(tokens, at: i) {
                let covered = tokens[i..<(i + used)].reduce(0) { $0 + $1.text.count }
                found.append(Found(iso: iso, covered: covered))
                i += used
            } else {
                i += 1
            }
        }
        return found
    }

    /// Whether a line is just a date (a dateline), perhaps with a weekday, a time and a place.
    public static func isDateline(_ line: String) -> Bool {
        let letters = line.filter { $0.isLetter || $0.isNumber }.count
        guard letters > 0, letters < 60 else { return false }
        let found = dates(in: line)
        guard let first = found.first else { return false }
        // What is left besides the date: weekdays, times ("12:40") and a short label ("Updated:") are allowed.
        var rest = letters - first.covered
        for token in tokenize(line) {
            if token.kind == .word && names.weekdays[token.folded] != nil { rest -= token.text.count }
            if token.kind == .number && token.text.count <= 2 { rest -= token.text.count }
        }
        return rest <= 14
    }

    struct Token {
        enum Kind { case word, number, iso }
        var text: String
        var folded: String
        var kind: Kind
    }

    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        var kind: Token.Kind = .word
        func push() {
            guard !current.isEmpty else { return }
            tokens.append(Token(text: current, folded: kind == .word ? TextNormaliser.fold(current) : current, kind: kind))
            current = ""
        }
        for ch in text {
            if ch.isNumber && ch.isASCII {
                if kind != .number && !(kind == .iso) { push(); kind = .number }
                current.append(ch)
            } else if (ch == "-" || ch == "." || ch == "/") && kind == .number && !current.isEmpty {
                current.append(ch)
                kind = .number
            } else if ch.isLetter {
                if kind != .word { push(); kind = .word }
                current.append(ch)
            } else {
                push()
                kind = .word
            }
        }
        push()
        return tokens
    }

    /// Tries the date patterns at token `i`; returns the ISO date and the tokens used.
    static func match(_ t: [Token], at i: Int) -> (String, Int)? {
        let token = t[i]
        if token.kind == .number {
            if let iso = numeric(token.text) { return (iso, 1) }
            // CJK: 2031年3月14日 tokenises as number, word(年), number, word(月), number, word(日)
            if i + 4 < t.count, t[i + 1].text == "年", t[i + 3].text == "月", let y = Int(token.text),
               let m = Int(t[i + 2].text), let d = Int(t[i + 4].text) {
                return iso(y, m, d).map { ($0, min(6, t.count - i)) }
            }
            // 23 February 2022 / 23. februar 2022 / 23 de febrero de 2022
            let day = Int(token.text.trimming("."))
            var j = i + 1
            if j < t.count, t[j].folded == "de" { j += 1 }
            if let day, j < t.count, let month = names.months[t[j].folded.trimming(".")] {
                var k = j + 1
                if k < t.count, t[k].folded == "de" || t[k].folded == "del" { k += 1 }
                if k < t.count, t[k].kind == .number, let year = Int(t[k].text.trimming(".")),
                   t[k].text.count >= 4, let s = iso(year, month, day) {
                    return (s, k - i + 1)
                }
            }
        } else if let month = names.months[token.folded] {
            // February 23, 2022
            if i + 2 < t.count, t[i + 1].kind == .number, t[i + 2].kind == .number,
               let day = Int(t[i + 1].text.trimming(".")), let year = Int(t[i + 2].text),
               t[i + 2].text.count == 4, let s = iso(year, month, day) {
                return (s, 3)
            }
        }
        return nil
    }

    /// 2022-02-23, 2022-02-23T10:00, 23.02.2022, 2022/02/23.
    static func numeric(_ s: String) -> String? {
        let parts = s.split(whereSeparator: { "-./".contains($0) }).map(String.init)
        guard parts.count >= 3 else { return nil }
        if parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2].prefix(2)) {
            return iso(y, m, d)
        }
        if s.contains("."), parts[2].count == 4, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]) {
            return iso(y, m, d)
        }
        return nil
    }

    static func iso(_ y: Int, _ m: Int, _ d: Int) -> String? {
        guard (1800...2200).contains(y), (1...12).contains(m), (1...31).contains(d) else { return nil }
        let mm = m < 10 ? "0\(m)" : "\(m)"
        let dd = d < 10 ? "0\(d)" : "\(d)"
        return "\(y)-\(mm)-\(dd)"
    }
}

extension StringProtocol {
    /// The string without leading and trailing characters from `set`.
    func trimming(_ set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
