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
        let pieces = text.split(whereSeparator: { ",;/()[]&+|•".contains($0) })
        for piece in pieces {
            let words = piece.split(separator: " ").map { $0.trimming(".:·-–—\"'“”„«»©") }
                .filter { !$0.isEmpty }
            var i = 0
            while i < words.count {
                var matched = 0
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

    /// The part of a line after a photo label ("Photo:", "Foto:", "Image:"), where the photo credit sits.
    func photoCreditRange(_ line: String) -> Range<String.Index>? {
        let folded = line.lowercased()
        for label in lexicon.boilerplate.captionLabels {
            var search = folded.startIndex
            while let r = folded.range(of: label, range: search..<folded.endIndex) {
                search = r.upperBound
                let after = folded[r.upperBound...].drop { $0 == " " }
                guard after.first == ":" else { continue }
                // The label must end a word ("Photos:" yes, "photography:" no); it may be glued to the end of
                // the caption ("from MoscowImage:").
                let start = line.index(line.startIndex, offsetBy: folded.distance(from: folded.startIndex, to: after.startIndex))
                return line.index(after: start)..<line.endIndex
            }
        }
        return nil
    }

    /// A line whose words are only agency credits, perhaps after a label ("Source: TASS") or editors' initials
    /// ("sdi, rc/ (AFP, AP, Interfax)").
    func isCreditLine(_ line: String) -> Bool {
        let found = agencies(in: line)
        guard !found.isEmpty else { return false }
        var rest = Whitespace.collapse(line)
        if let colon = rest.firstIndex(of: ":") {
            let label = TextNormaliser.lineKey(String(rest[..<colon]))
            if lexicon.boilerplate.creditLabels.contains(label) { rest = String(rest[rest.index(after: colon)...]) }
        }
        var leftover = rest
        for agency in found {
            for name in [agency.name] + agency.aliases {
                leftover = leftover.replacingOccurrences(of: name, with: "")
            }
        }
        let letters = leftover.filter(\.isLetter).count
        return letters <= 8 && !LineCues.endsLikeSentence(line)
    }

    /// The outlet a line names when the line is an outlet signature: a known outlet name standing alone,
    /// "© Company GmbH", "X's Top Story", "More stories from X", "notifications from X".
    func outlet(inLine line: String) -> String? {
        let trimmed = Whitespace.collapse(line)
        let key = TextNormaliser.lineKey(trimmed)
        if let outlet = lexicon.outlets[key] { return outlet.name }
        if trimmed.hasPrefix("©") || key.hasPrefix("copyright") {
            let body = trimmed.drop { $0 == "©" || $0 == " " }
            let words = body.split(separator: " ").filter { !$0.allSatisfy(\.isNumber) && $0.lowercased() != "copyright" }
            if let outlet = knownOutlet(in: words.joined(separator: " ")) { return outlet }
            if let last = words.last, Self.companySuffixes.contains(last.lowercased().trimming(".")) {
                return words.dropLast().joined(separator: " ")
            }
            return nil
        }
        for marker in ["'s top story", "’s top story", "'s top stories", "’s top stories"] {
            if let r = trimmed.lowercased().range(of: marker) {
                let name = String(trimmed.lowercased()[..<r.lowerBound])
                let start = trimmed.index(trimmed.startIndex, offsetBy: name.count)
                let original = String(trimmed[..<start]).split(separator: " ").suffix(3).joined(separator: " ")
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
        let lower = line.lowercased()
        for marker in [" from ", " von ", " fra ", " de ", " от ", " från "] {
            guard let r = lower.range(of: marker) else { continue }
            let offset = lower.distance(from: lower.startIndex, to: r.upperBound)
            let after = line.dropFirst(offset).split(separator: ".").first.map(String.init) ?? ""
            if let outlet = knownOutlet(in: after) { return outlet }
        }
        return nil
    }
}
