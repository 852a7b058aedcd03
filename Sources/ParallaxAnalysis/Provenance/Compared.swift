import ParallaxModel

/// An article's text in the forms provenance compares: 5-word runs, the word sequence, and each sentence's
/// content words.
struct Compared {
    var shingles: Shingles
    /// Folded word hashes in text order (at most `maxWords`: the order comparison is quadratic).
    var words: [UInt64]
    /// Hashed content words of each sentence.
    var sentenceWords: [Set<UInt64>]

    /// 1,500 words: a long feature; the quadratic order comparison stays under 10 ms per pair.
    static let maxWords = 1500

    init(_ article: Article, stopwords: [String: Set<String>]) {
        shingles = Shingles(text: article.text)
        var words: [UInt64] = []
        var sentenceWords: [Set<UInt64>] = []
        for sentence in article.sentences {
            let stop = (sentence.language ?? article.language).flatMap { stopwords[$0] } ?? []
            var content = Set<UInt64>()
            for token in WordTokenizer.tokens(of: sentence.text) where token.kind != .punctuation {
                let h = Shingles.hash(token.folded)
                if words.count < Compared.maxWords { words.append(h) }
                if token.kind == .number || !stop.contains(token.folded) { content.insert(h) }
            }
            sentenceWords.append(content)
        }
        self.words = words
        self.sentenceWords = sentenceWords
    }

    /// Length of the longest common subsequence of two word sequences over the longer one's length.
    static func orderOverlap(_ a: [UInt64], _ b: [UInt64]) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        let (outer, inner) = a.count >= b.count ? (a, b) : (b, a)
        var previous = [Int32](repeating: 0, count: inner.count + 1)
        var current = previous
        for x in outer {
            for j in inner.indices {
                current[j + 1] = x == inner[j] ? previous[j] + 1 : max(previous[j + 1], current[j])
            }
            swap(&previous, &current)
        }
        return Double(previous[inner.count]) / Double(outer.count)
    }

    /// The share of the shorter side's sentences (four or more content words) whose best counterpart on the
    /// other side reaches `minimum` (Dice overlap of content words).
    static func alignedShare(_ a: [Set<UInt64>], _ b: [Set<UInt64>], minimum: Double) -> Double {
        let (x, y) = (a.filter { $0.count >= 4 }, b.filter { $0.count >= 4 })
        return aligned(x, y) { s, t in 2 * Double(s.intersection(t).count) / Double(s.count + t.count) >= minimum }
    }

    /// The same with sentence vectors (unit length): a counterpart within cosine `minimum`.
    static func alignedShare(_ a: [[Float]], _ b: [[Float]], minimum: Float) -> Double {
        aligned(a, b) { s, t in
            var dot: Float = 0
            for i in s.indices where i < t.count { dot += s[i] * t[i] }
            return dot >= minimum
        }
    }

    private static func aligned<T>(_ a: [T], _ b: [T], matches: (T, T) -> Bool) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        let hits = short.filter { s in long.contains { matches(s, $0) } }.count
        return Double(hits) / Double(short.count)
    }

    /// Figures that differ between two versions of one sentence ("1,200 → 12,000"): found by the sentence with
    /// its figure blanked out, so that only the changed number tells the copies apart; for texts in different
    /// languages, the values only one side has.
    static func changedFigures(_ a: Article, _ b: Article) -> [String] {
        func template(_ article: Article, _ figure: Figure) -> String? {
            guard article.sentences.indices.contains(figure.sentence) else { return nil }
            let sentence = article.sentences[figure.sentence]
            let scalars = Array(sentence.text.unicodeScalars)
            let (s, e) = (figure.start - sentence.start, figure.end - sentence.start)
            guard s >= 0, e <= scalars.count, s < e else { return nil }
            return String(scalars: scalars[..<s]) + "#" + String(scalars: scalars[e...])
        }
        if a.language == b.language {
            var byTemplate: [String: Figure] = [:]
            for f in a.figures { if let t = template(a, f) { byTemplate[t] = f } }
            return b.figures.compactMap { f in
                guard let t = template(b, f), let before = byTemplate[t], before.value != f.value else { return nil }
                return "\(before.text) → \(f.text)"
            }
        }
        let va = Set(a.figures.map(\.value)), vb = Set(b.figures.map(\.value))
        let onlyA = a.figures.filter { !vb.contains($0.value) }.map { "\($0.text) only in the first" }
        let onlyB = b.figures.filter { !va.contains($0.value) }.map { "\($0.text) only in the second" }
        return onlyA + onlyB
    }
}
