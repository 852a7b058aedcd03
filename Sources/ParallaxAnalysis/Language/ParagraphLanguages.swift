import ParallaxModel

/// Language per paragraph and the document's language mix: a document that switches language (a Danish
/// introduction to an English original) is reported as both, with each language's share of characters.
public struct ParagraphLanguages: Sendable {
    public var identifier: any LanguageIdentifying
    /// Paragraphs shorter than this take their neighbours' language: headings and short lines mislead.
    static let minimumLength = 40
    /// Languages below this share of the text are noise from names and quotes, not a switch of language.
    static let minimumShare = 0.05

    public init(identifier: any LanguageIdentifying) { self.identifier = identifier }

    public struct Result: Sendable {
        public var perParagraph: [String?]
        public var shares: [LanguageShare]
        public var main: String? { shares.first?.code }
    }

    public func identify(_ paragraphs: [String]) -> Result {
        let lengths = paragraphs.map { $0.unicodeScalars.count }
        let head = identifier.identify(paragraphs.prefix(30).joined(separator: "\n"))
        let whole = head?.code
        // When the first thirty paragraphs are one language through and through (CLD2 gives it ≥ 97 % of the
        // text), they need no paragraph-by-paragraph look-up.
        let monolingual = head.map { $0.reliable && $0.confidence >= 0.97 && !$0.byScript } ?? false
        var codes: [String?] = paragraphs.indices.map { i in
            if monolingual && i < 30 { return whole }
            // Bytes, not characters: twenty kanji say as much as sixty Latin letters.
            return paragraphs[i].utf8.count >= Self.minimumLength ? identifier.identify(paragraphs[i])?.code : nil
        }
        // Short paragraphs take the language of the next long one, or of the previous, or of the whole.
        var following = [String?](repeating: nil, count: codes.count)
        var upcoming: String? = nil
        for i in codes.indices.reversed() {
            following[i] = upcoming
            if let code = codes[i] { upcoming = code }
        }
        var previous: String? = nil
        for i in codes.indices {
            if let code = codes[i] { previous = code; continue }
            codes[i] = following[i] ?? previous ?? whole
        }
        var characters: [String: Int] = [:]
        for (length, code) in zip(lengths, codes) { if let code { characters[code, default: 0] += length } }
        let total = max(1, characters.values.reduce(0, +))
        var shares: [LanguageShare] = characters.map { LanguageShare(code: $0.key, share: Double($0.value) / Double(total)) }
        shares = shares.filter { $0.share >= Self.minimumShare }
        shares.sort { $0.share != $1.share ? $0.share > $1.share : $0.code < $1.code }
        let kept: Double = shares.reduce(0) { $0 + $1.share }
        if kept > 0 {
            shares = shares.map { LanguageShare(code: $0.code, share: ($0.share / kept * 1000).rounded() / 1000) }
        }
        // Paragraphs in a language too rare to report take the main language.
        let reported = Set(shares.map { $0.code })
        codes = codes.map { $0.flatMap { reported.contains($0) ? $0 : shares.first?.code } }
        return Result(perParagraph: codes, shares: shares)
    }
}
