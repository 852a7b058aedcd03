import ParallaxModel

/// Finds agencies and outlets named in credit lines, captions and signatures.
struct Signatures {
    let lexicon: Lexicon

    /// Company suffixes that make a "© …" line an outlet signature rather than a photo credit.
    static let companySuffixes: Set<String> = [
        "gmbh", "ltd", "limited", "inc", "llc", "ag", "sa", "s.a", "plc", "media", "group", "verlag", "oy", "ab",
        "as", "a/s", "spa", "s.p.a", "srl", "bv", "nv", "corp", "corporation", "company", "ooo", "ооо",
    ]

    /// Agencies mentioned in a piece of text, in order, each once. Short aliases ("AP") must be written in
    /// capitals so that the English word "ap" or "afp" inside prose is not a credit.
    func agencies(in text: String) -> [Lexicon.Agency] {
        var found: [Lexicon.Agency] = []
        // Most lines name no agency: one pass over their lower-cased words rules that out cheaply.
        let lowered = text.lowercased()
        var any = false
        Tokens.forEachWord(lowered) { if lexicon.agencyFirstWords.contains($0) { any = true } }
        guard any else { return [] }
        let pieces = text.split(whereSeparator: { ",;/()[]&+|•".contains($0) })
        for piece in pieces {
            let words = piece.split(separator: " ").map { $0.trimming(".:·-–—\"'“”„«»©") }
                .filter { !$0.isEmpty }
            var i = 0
            while i < words.count {
                var matched = 0
                guard let first = Tokens.words(words[i]).first, lexicon.agencyFirstWords.contains(first) else {
                    i += 1
                    continue
                }
                for length in stride(from: min(4, words.count - i), through: 1, by: -1) {
                    let phrase = words[i..<(i + length)].joined(separator: " ")
                    guard let agency = lexicon.agency(named: phrase) else { continue }
                    if phrase.count <= 3 && phrase != phrase.uppercased() && phrase != agency.name { continue }
                    if !found.contains(where: { $0.name == agency.name }) { found.append(agency) }
                    matched = length
                    break
                }
                i += max(matched, 1)
            }
        }
        return found
    }

    /// "Photo: A. Name/Agency", "…MoscowImage: Name/REUTERS", "© AP/Ivan Petrov …".
    func isCaptionCredit(_ line: String) -> Bool {
        if photoCreditRange(line) != nil { return true }
        let trimmed = Whitespace.collapse(line)
        return trimmed.hasPrefix("©") && outlet(inLine: line) == nil
    }

    /// The part of a line after a photo label ("Photo:", "Foto:", "Fot.", "写真："), where the photo credit sits.
    /// The label may be glued to the end of the caption ("…from MoscowImage: …"), but must not be the tail
    /// of a longer word ("photography:").
    func photoCreditRange(_ line: String) -> Range<String.Index>? {
        // Every label ends in a colon, a full-width colon or (abbreviated) a full stop.
        guard line.utf8.contains(where: { $0 == 0x3A || $0 == 0x2E }) || line.containsBytes("：") else { return nil }
        let chars = Array(line)
        // Case-fold character by character only when lower-casing changes the character count.
        let lowered = Array(line.lowercased())
        let folded = lowered.count == chars.count ? lowered.map(String.init) : chars.map { TextNormaliser.fold(String($0)) }
        for i in folded.indices {
            let start2 = folded[i] + (i + 1 < folded.count ? folded[i + 1] : "")
            guard let candidates = lexicon.boilerplate.captionLabelsByStart[start2] else { continue }
            for labelChars in candidates where i + labelChars.count <= chars.count {
                var matches = true
                for (k, ch) in labelChars.enumerated() where folded[i + k] != String(ch) { matches = false; break }
                guard matches else { continue }
                let wordStart = i == 0 || chars[i - 1] == " " || chars[i - 1].isLowercase || !chars[i - 1].isLetter
                guard wordStart else { continue }
                var colon = i + labelChars.count
                if labelChars.last == "." {
                    // An abbreviated label ("Fot.") carries its own full stop: a space must follow it.
                    guard colon < chars.count, chars[colon] == " " else { continue }
                    return line.index(line.startIndex, offsetBy: colon)..<line.endIndex
                }
                // French typography puts a space before the colon ("Photo : …").
                if colon < chars.count - 1, chars[colon] == " ", chars[colon + 1] == ":" { colon += 1 }
                if colon < chars.count, chars[colon] == ":" || chars[colon] == "：",
                   colon == chars.count - 1 || chars[colon + 1] == " " || !chars[colon + 1].isASCII {
                    return line.index(line.startIndex, offsetBy: colon + 1)..<line.endIndex
                }
            }
        }
        return nil
    }

    /// "with" in the languages whose bylines credit agencies in parentheses.
    static let withWords = ["with", "avec", "mit", "con", "com", "met", "med", "z", "с", "ze"]

    /// Generic words after an agency's name ("NorPress news agency").
    static let genericAgencyWords = ["news agency", "agency", "wire service", "nachrichtenagentur", "agentur",
                                     "агентство", "news service"]

    /// Names credited by a line: known agencies anywhere in it, plus, after a credit or photo label
    /// ("Source: NorPress", "Foto: Name/Agency", "Mit Material von A und B"), the names the label introduces.
    func creditedNames(in line: String, photo: Bool) -> [String] {
        var names = agencies(in: line).map(\.name)
        var rest: Substring?
        if photo, let range = photoCreditRange(line) {
            // "Photographer/Agency": the agency follows the first slash; without a slash it is a person.
            let credit = line[range]
            if let slash = credit.firstIndex(of: "/") {
                rest = credit[credit.index(after: slash)...]
            } else if !credit.trimming(" ()").contains(" ") {
                rest = credit  // one word: an agency ("Photo: NorPress"); two or more: a photographer's name
            }
        } else if photo, let shot = line.range(of: "撮影"),
                  let open = line[..<shot.lowerBound].lastIndex(where: { $0 == "（" || $0 == "(" }) {
            // Japanese captions credit as "（Agency 撮影・Photographer）".
            rest = line[line.index(after: open)..<shot.lowerBound]
        } else if photo, line.hasPrefix("©") {
            // "© AP/Ivan Petrov …": the agency comes first, then the photographer.
            let credit = line.dropFirst().drop { $0 == " " }
            let first = credit.prefix { $0 != "/" && $0 != " " }
            if !first.isEmpty, credit.dropFirst(first.count).first == "/" { rest = first }
        } else if !photo {
            rest = afterCreditLabel(line)
        }
        if let rest {
            for piece in Self.splitNames(String(rest)) {
                let name = lexicon.agency(named: piece)?.name ?? piece
                let folded = name.lowercased()
                if !names.contains(where: { folded.contains($0.lowercased()) || $0.lowercased().contains(folded) }) {
                    names.append(name)
                }
            }
        }
        return names
    }

    /// The text after a credit label at the start of the line, or inside "(with …)".
    func afterCreditLabel(_ line: String) -> Substring? {
        let trimmed = Whitespace.collapse(line)
        let lowered = TextNormaliser.fold(trimmed)
        guard lowered.count == trimmed.count else { return nil }
        for length in lexicon.boilerplate.creditLabelPrefixes.prefixLengths(lowered) {
            let after = trimmed.dropFirst(length)
            guard let first = after.first, first == ":" || first == "：" || first == " " else { continue }
            return after.drop { $0 == ":" || $0 == "：" || $0 == " " }
        }
        // "Élodie Marchand (avec Agence Vestale)", "(with NorPress)": a credit in parentheses.
        if let open = trimmed.lastIndex(of: "("), trimmed.hasSuffix(")") {
            let inner = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
            for word in Self.withWords where TextNormaliser.fold(String(inner)).hasPrefix(word + " ") {
                return inner.dropFirst(word.count + 1)
            }
        }
        return nil
    }

    /// "NorPress und Agence Vestale" → ["NorPress", "Agence Vestale"]; names must start with a capital letter or a
    /// letter of a script without case, and be at most five words long.
    static func splitNames(_ text: String) -> [String] {
        var t = text
        for separator in [" and ", " und ", " et ", " y ", " e ", " i ", " og ", " och ", " и ", " via ", " & ", ";", "/", "+"] {
            t = t.replacingOccurrences(of: separator, with: ",")
        }
        var names: [String] = []
        for raw in t.split(separator: ",") {
            var name = raw.trimming(" .()[]«»\"'“”")
            for generic in genericAgencyWords where name.lowercased().hasPrefix(generic + " ") {
                name = String(name.dropFirst(generic.count + 1))
            }
            for generic in genericAgencyWords where name.lowercased().hasSuffix(" " + generic) {
                name = String(name.dropLast(generic.count + 1))
            }
            let words = name.split(separator: " ")
            guard let first = name.first, !words.isEmpty, words.count <= 5,
                  first.isUppercase || (first.isLetter && !first.isLowercase) else { continue }
            names.append(name)
        }
        return names
    }

    /// A line that only credits agencies: known ones, perhaps after editors' initials ("sdi, rc/ (AFP, AP,
    /// Interfax)"), or any names after a credit label ("Source: NorPress", "Mit Material von NorPress").
    func isCreditLine(_ line: String) -> Bool {
        let words = line.split(separator: " ").count
        if words <= 12, let rest = afterCreditLabel(line), !Self.splitNames(String(rest)).isEmpty {
            return true
        }
        let found = agencies(in: line)
        guard !found.isEmpty else { return false }
        var leftover = Whitespace.collapse(line)
        for agency in found {
            for name in [agency.name] + agency.aliases { leftover = leftover.replacingOccurrences(of: name, with: "") }
        }
        let letters = leftover.filter(\.isLetter).count
        return letters <= 8 && !LineCues.endsLikeSentence(line)
    }

    /// The outlet a line names when the line is an outlet signature: a known outlet name standing alone,
    /// "© Company GmbH", "X's Top Story", "More stories from X", "notifications from X".
    func outlet(inLine line: String) -> String? { outlet(inLine: line, key: TextNormaliser.lineKey(line)) }

    /// Like `outlet(inLine:)`, with the line's key already computed.
    func outlet(inLine line: String, key: String) -> String? {
        let trimmed = Whitespace.collapse(line)
        if let outlet = lexicon.outlets[key] { return outlet.name }
        if (trimmed.hasPrefix("©") || key.hasPrefix("copyright")) && key.split(separator: " ").count <= 12
            && !trimmed.contains("/") {
            // "© 2031 Valley Courier Media. All rights reserved." → "Valley Courier Media"
            let body = trimmed.drop { "©Cc ".contains($0) }.replacingOccurrences(of: "opyright", with: "")
            let firstPart = body.split(whereSeparator: { ".|—–".contains($0) }).first.map(String.init) ?? ""
            var words = firstPart.split(separator: " ").filter { !$0.allSatisfy(\.isNumber) && $0 != "©" }
            if let outlet = knownOutlet(in: words.joined(separator: " ")) { return outlet }
            if let last = words.last, Self.companySuffixes.contains(last.lowercased().trimming(".")) { words.removeLast() }
            return (1...5).contains(words.count) ? words.joined(separator: " ") : nil
        }
        guard key.containsBytes("top stor") else { return nil }
        for marker in ["'s top story", "’s top story", "'s top stories", "’s top stories"] {
            // Search the line itself, case-insensitively: offsets taken from a lower-cased copy need not fit
            // the original (lower-casing can change how characters cluster).
            if let r = trimmed.range(of: marker, options: .caseInsensitive) {
                let original = trimmed[..<r.lowerBound].split(separator: " ").suffix(3).joined(separator: " ")
                return knownOutlet(in: original) ?? original.split(separator: " ").last.map(String.init)
            }
        }
        return nil
    }

    /// The outlet named by any run of one to four words of the text.
    func knownOutlet(in text: String) -> String? {
        let words = text.split(separator: " ").map { $0.trimming(".,:;!?\"'“”()") }
        for length in stride(from: min(4, words.count), through: 1, by: -1) {
            for i in 0...(words.count - length) {
                let phrase = words[i..<(i + length)].joined(separator: " ")
                if phrase.count <= 2 && phrase != phrase.uppercased() { continue }
                if let outlet = lexicon.outlet(named: phrase) { return outlet.name }
            }
        }
        return nil
    }

    /// The outlet an app or newsletter prompt names: "Now you can receive notifications from BBC World."
    func promptOutlet(_ line: String) -> String? {
        for marker in [" from ", " von ", " fra ", " de ", " от ", " från "] {
            guard let r = line.range(of: marker, options: .caseInsensitive) else { continue }
            let after = line[r.upperBound...].split(separator: ".").first.map(String.init) ?? ""
            if let outlet = knownOutlet(in: after) { return outlet }
        }
        return nil
    }
}
