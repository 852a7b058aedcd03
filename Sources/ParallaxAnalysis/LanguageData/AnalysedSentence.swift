import ParallaxModel

/// A sentence split into tokens, with the rules of its language: what the mention, claim, figure and date
/// readers work on.
struct AnalysedSentence: Sendable {
    var index: Int
    var sentence: Sentence
    var tokens: [WordToken]
    /// The sentence as scalars, so that the text of any span is a slice, not a walk from the start.
    let scalars: [Unicode.Scalar]
    let shared: SharedRules
    var rules: LanguageRules { shared.rules }

    init(index: Int, sentence: Sentence, rules: SharedRules) {
        self.index = index
        self.sentence = sentence
        self.scalars = Array(sentence.text.unicodeScalars)
        self.tokens = WordTokenizer.tokens(of: scalars, offset: sentence.start)
        self.shared = rules
    }

    /// The sentence's text from token `from` to token `to` (exclusive), as written.
    func text(_ from: Int, _ to: Int) -> String {
        guard from < to, to <= tokens.count else { return "" }
        let s = tokens[from].start - sentence.start
        let e = tokens[to - 1].end - sentence.start
        return String(scalars: scalars[s..<e])
    }

    /// Token index range → a span with Article.text offsets.
    func span(_ from: Int, _ to: Int) -> Claim.Span {
        Claim.Span(text: text(from, to), start: tokens[from].start, end: tokens[to - 1].end)
    }
}

extension WordToken {
    /// A 1–2 digit day of the month, plain or ordinal ("22", "22nd", "1er", "1º").
    var dayOfMonth: Int? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard (1...2).contains(digits.count), text.count - digits.count <= 3, let d = Int(digits), (1...31).contains(d)
        else { return nil }
        return d
    }

    /// A four-digit year between 1800 and 2100.
    var year: Int? {
        guard kind == .number, text.count == 4, let y = Int(text), (1800...2100).contains(y) else { return nil }
        return y
    }
}
