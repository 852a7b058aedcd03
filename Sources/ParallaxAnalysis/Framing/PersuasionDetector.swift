import ParallaxModel

/// Finds spans that use persuasion techniques (SemEval-2023 Task 3 names) from per-language cue lexicons and a
/// few language-independent patterns, and records the cue behind every span.
///
/// Cues are words and phrases typical of a technique (`Resources/persuasion/<lang>.json`): loaded and emotive
/// words, labels, doubt markers ("so-called"), fear words, intensifiers and absolutes, "what about", appeals to
/// the nation. Entries starting with `#` name a pattern instead:
/// - `#question`: a question in the writer's voice (span: the question);
/// - `#exclamation`: an exclamation;
/// - `#scare-quotes`: one to three words set in quotation marks inside a sentence;
/// - `#repetition`: a content word used three or more times in one paragraph (span: each later use).
/// A technique is reported for a paragraph only when the paragraph holds at least its `min_cues` cues.
public struct PersuasionDetector: Sendable {
    public static let id = StageID("persuasion.cues", 1)
    /// 3: a content word twice in a paragraph is ordinary cohesion; three times is insistence.
    static let repetitionCount = 3
    /// 5 letters: shorter repeated words are grammar in every language Parallax reads.
    static let repetitionLength = 5

    public var kit: PersuasionKit
    /// Function words per language, never counted as repetition.
    public var stopwords: [String: Set<String>]

    public init(kit: PersuasionKit = .shipped, stopwords: [String: Set<String>] = [:]) {
        self.kit = kit
        self.stopwords = stopwords
    }

    /// The spans of every technique that reaches its threshold in its paragraph, in text order.
    public func detect(_ article: Article) -> [PersuasionSpan] {
        let rules = kit.rules(for: article.language)
        let spans = candidates(article)
        return PersuasionDetector.reported(spans, paragraphOf: { article.sentences[$0].paragraph },
                                           threshold: rules.threshold)
    }

    /// Every cue match, before thresholds: what the eval fits thresholds on.
    public func candidates(_ article: Article) -> [PersuasionSpan] {
        let text = Array(article.text.unicodeScalars)
        var spans: [PersuasionSpan] = []
        var paragraphTokens: [Int: [(sentence: Int, token: WordToken)]] = [:]
        var paragraphRules: [Int: PersuasionRules] = [:]
        for (i, sentence) in article.sentences.enumerated() {
            let rules = kit.rules(for: sentence.language ?? article.language)
            let tokens = WordTokenizer.tokens(of: sentence.text, offset: sentence.start)
            let found = SentenceScan(tokens: tokens, rules: rules, sentence: i, text: text)
            spans += found.cueSpans() + found.patternSpans()
            paragraphTokens[sentence.paragraph, default: []] += tokens.map { (i, $0) }
            paragraphRules[sentence.paragraph] = paragraphRules[sentence.paragraph] ?? rules
        }
        for (paragraph, tokens) in paragraphTokens {
            guard let rules = paragraphRules[paragraph] else { continue }
            spans += repetitions(tokens, rules: rules, text: text)
        }
        return spans.sorted { ($0.start, $0.end, $0.technique) < ($1.start, $1.end, $1.technique) }
    }

    /// Keeps the spans of techniques that have at least `threshold(technique)` cues in their paragraph.
    public static func reported(_ spans: [PersuasionSpan], paragraphOf: (Int) -> Int,
                                threshold: (String) -> Int) -> [PersuasionSpan] {
        var counts: [Key: Int] = [:]
        for s in spans { counts[Key(paragraph: paragraphOf(s.sentence), technique: s.technique), default: 0] += 1 }
        return spans.filter { s in
            let needed = threshold(s.technique)
            return needed > 0 && counts[Key(paragraph: paragraphOf(s.sentence), technique: s.technique)] ?? 0 >= needed
        }
    }

    struct Key: Hashable {
        var paragraph: Int
        var technique: String
    }

    /// Later uses of a content word said `repetitionCount` or more times in one paragraph.
    private func repetitions(_ tokens: [(sentence: Int, token: WordToken)], rules: PersuasionRules,
                             text: [Unicode.Scalar]) -> [PersuasionSpan] {
        guard let techniques = rules.patterns["#repetition"] else { return [] }
        let skip = stopwords[rules.language] ?? []
        let words = tokens.filter {
            $0.token.isWord && $0.token.folded.count >= Self.repetitionLength && !skip.contains($0.token.folded)
        }
        let uses = Dictionary(grouping: words, by: { $0.token.folded })
        var out: [PersuasionSpan] = []
        for (word, list) in uses where list.count >= Self.repetitionCount && !list.allSatisfy({ $0.token.isCapitalised }) {
            for use in list.dropFirst() {
                for technique in techniques {
                    out.append(PersuasionSpan(technique: technique, text: text.slice(use.token.start, use.token.end),
                                              start: use.token.start, end: use.token.end, sentence: use.sentence,
                                              cue: "\"\(word)\" ×\(list.count)"))
                }
            }
        }
        return out
    }
}

/// The cue phrases and patterns of one sentence.
struct SentenceScan {
    var tokens: [WordToken]
    var rules: PersuasionRules
    var sentence: Int
    var text: [Unicode.Scalar]

    func span(_ technique: String, _ from: Int, _ to: Int, cue: String) -> PersuasionSpan {
        let start = tokens[from].start
        let end = tokens[to - 1].end
        return PersuasionSpan(technique: technique, text: text.slice(start, end), start: start, end: end,
                              sentence: sentence, cue: cue)
    }

    func cueSpans() -> [PersuasionSpan] {
        rules.cues.matches(in: tokens).flatMap { at, match in
            match.payload.map { span($0.technique, at, at + match.length, cue: $0.phrase) }
        }
    }

    func patternSpans() -> [PersuasionSpan] {
        var out: [PersuasionSpan] = []
        for (pattern, techniques) in rules.patterns {
            let ranges: [Range<Int>]
            switch pattern {
            case "#question": ranges = clauses(endingWith: "?")
            case "#exclamation": ranges = clauses(endingWith: "!")
            case "#scare-quotes": ranges = scareQuotes()
            default: continue
            }
            for r in ranges { out += techniques.map { span($0, r.lowerBound, r.upperBound, cue: pattern) } }
        }
        return out
    }

    /// Token ranges from the previous sentence-final mark (or the start) through each `mark`.
    func clauses(endingWith mark: String) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        for (i, t) in tokens.enumerated() where t.kind == .punctuation {
            guard SentenceScan.terminators.contains(t.text) else { continue }
            if t.text == mark, i > start { out.append(start..<(i + 1)) }
            start = i + 1
        }
        return out
    }

    static let terminators: Set<String> = [".", "!", "?", "…", ";"]

    /// One to three words between quotation marks, with words outside the quotes in the same sentence.
    func scareQuotes() -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        while i < tokens.count {
            guard LanguageRules.quoteMarks.contains(tokens[i].text), i > 0 else { i += 1; continue }
            let end = (i + 1..<min(tokens.count, i + 5)).first { LanguageRules.quoteMarks.contains(tokens[$0].text) }
            guard let close = end, close > i + 1, close < tokens.count - 2,
                  tokens[(i + 1)..<close].allSatisfy(\.isWord) else { i += 1; continue }
            out.append(i..<(close + 1))
            i = close + 1
        }
        return out
    }
}

