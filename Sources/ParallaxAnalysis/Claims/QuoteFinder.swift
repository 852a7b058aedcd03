/// Quotations in a paragraph, in any of the quotation-mark styles ("…", “…”, „…“, «…», »…«, '…', 「…」).
///
/// Quotes may span sentences, so they are found over a paragraph's tokens. A mark opens a quote when a word
/// follows it without a space and closes one when it follows a word or punctuation without a space; straight
/// marks and apostrophes are told apart by that context ("DPR's" never reaches here: the tokenizer keeps the
/// apostrophe inside the word).
struct QuoteFinder: Sendable {
    struct Quote: Sendable {
        /// Offsets into Article.text of the quoted words, marks excluded.
        var start: Int
        var end: Int
        var words: Int
        /// Reported words rather than a scare quote: more than three words, or a quotation opening a sentence or
        /// following a colon ("Los diques resistirán", aseguró …).
        var isSpeech: Bool
    }

    static let spaced: Set<Character> = ["«", "»", "‹", "›"]

    /// Tokens of a paragraph, in order, with their sentence's index.
    func quotes(in tokens: [WordToken], rules: LanguageRules) -> [Quote] {
        var out: [Quote] = []
        var i = 0
        while i < tokens.count {
            guard let closers = openers(tokens, i, rules) else { i += 1; continue }
            var j = i + 1
            var found: Int?
            while j < tokens.count, j - i < 400 {
                if let c = tokens[j].text.first, tokens[j].text.count == 1, closers.contains(c), closes(tokens, j) {
                    found = j
                    break
                }
                j += 1
            }
            guard let close = found, close > i + 1 else { i += 1; continue }
            let words = tokens[(i + 1)..<close].filter(\.isWord).count
            let opensClause = i == 0 || [":", ".", "!", "?", "…"].contains(tokens[i - 1].text)
            out.append(Quote(start: tokens[i + 1].start, end: tokens[close - 1].end, words: words,
                             isSpeech: words > 3 || (opensClause && words > 0)))
            i = close + 1
        }
        return out
    }

    /// The closing marks that can end a quote opened at token `i`, if the token opens one.
    private func openers(_ t: [WordToken], _ i: Int, _ rules: LanguageRules) -> Set<Character>? {
        guard t[i].kind == .punctuation, t[i].text.count == 1, let c = t[i].text.first, i + 1 < t.count else { return nil }
        let closers = Set(rules.quotes.filter { $0.open == c }.map(\.close))
        guard !closers.isEmpty else { return nil }
        // Opening: glued to what follows, not to what precedes.
        // Guillemets may stand apart from the words, as French writes them: « … ».
        let gluedAfter = t[i + 1].start == t[i].end || QuoteFinder.spaced.contains(c)
        let gluedBefore = i > 0 && t[i - 1].end == t[i].start && t[i - 1].kind != .punctuation
        return gluedAfter && !gluedBefore ? closers : nil
    }

    private func closes(_ t: [WordToken], _ j: Int) -> Bool {
        guard j > 0, t[j - 1].end == t[j].start || QuoteFinder.spaced.contains(t[j].text.first!) else { return false }
        // A straight mark glued on both sides to letters is inside a word, not a closing mark.
        if j + 1 < t.count, t[j + 1].start == t[j].end, t[j + 1].isWord, t[j - 1].isWord { return false }
        return true
    }
}
