/// Finds the longest listed phrase that starts at a token, over lower-cased words.
///
/// Entries are phrases of one or more words; a word ending in `*` matches any word that starts with it
/// ("заяв*" → заявил, заявила). Trailing dots are ignored ("mio." matches "Mio" and "Mio.").
struct PhraseIndex<Payload: Sendable>: Sendable {
    enum Pattern: Sendable, Equatable {
        case exact(String)
        case prefix(String)

        func matches(_ word: String) -> Bool {
            switch self {
            case .exact(let w): return w == word
            case .prefix(let p): return word.count > p.count && word.hasPrefix(p)
            }
        }
    }
    struct Entry: Sendable {
        var words: [Pattern]
        var payload: Payload
    }
    struct Match: Sendable {
        /// Number of tokens the phrase covers.
        var length: Int
        var payload: Payload
    }

    private var exact: [String: [Entry]] = [:]
    /// Stem entries, by the stem's first three characters.
    private var stems: [String: [Entry]] = [:]

    init() {}

    init(_ phrases: [String], payload: Payload) {
        for p in phrases { add(p, payload: payload) }
    }

    mutating func add(_ phrase: String, payload: Payload) {
        let words = PhraseIndex.words(of: phrase)
        guard let first = words.first else { return }
        let entry = Entry(words: words, payload: payload)
        switch first {
        case .exact(let w): exact[w, default: []].append(entry)
        case .prefix(let p): stems[String(p.prefix(3)), default: []].append(entry)
        }
    }

    /// The words entries can start with, and the three-letter keys of stem entries: for a quick "can anything
    /// start here?" check over several indexes at once.
    var firstWords: Set<String> { Set(exact.keys) }
    var stemKeys: Set<String> { Set(stems.keys) }

    /// Splits a phrase the way the tokenizer splits text, so that "d'après" or "U.S." line up with tokens.
    static func words(of phrase: String) -> [Pattern] {
        let stem = phrase.hasSuffix("*")
        let body = stem ? String(phrase.dropLast()) : phrase
        let tokens = WordTokenizer.tokens(of: body.lowercased()).filter { $0.text != "." }
        var words = tokens.map { Pattern.exact($0.folded) }
        if stem, case .exact(let last)? = words.last, last.count >= 3 { words[words.count - 1] = .prefix(last) }
        return words
    }

    /// The longest phrase starting at `tokens[i]`, skipping a dot token after an abbreviation.
    func match(_ tokens: [WordToken], at i: Int) -> Match? {
        guard i < tokens.count else { return nil }
        let word = tokens[i].folded
        var best: Match?
        for list in [exact[word], !stems.isEmpty && word.utf8.count >= 4 ? stems[String(word.prefix(3))] : nil] {
            for entry in list ?? [] {
                guard let length = covers(entry.words, tokens, at: i) else { continue }
                if length > best?.length ?? 0 { best = Match(length: length, payload: entry.payload) }
            }
        }
        return best
    }

    private func covers(_ words: [Pattern], _ tokens: [WordToken], at start: Int) -> Int? {
        var i = start
        for pattern in words {
            while i < tokens.count, tokens[i].text == ".", i > start { i += 1 }
            guard i < tokens.count, pattern.matches(tokens[i].folded) else { return nil }
            i += 1
        }
        return i - start
    }

    /// Every match in the tokens, left to right, without overlaps.
    func matches(in tokens: [WordToken]) -> [(at: Int, match: Match)] {
        var out: [(Int, Match)] = []
        var i = 0
        while i < tokens.count {
            if let m = match(tokens, at: i) {
                out.append((i, m))
                i += m.length
            } else {
                i += 1
            }
        }
        return out
    }
}
