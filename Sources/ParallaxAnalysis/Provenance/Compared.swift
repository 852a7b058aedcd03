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

    /// Dice overlap of the two texts' distinct words.
    static func vocabularyOverlap(_ a: [UInt64], _ b: [UInt64]) -> Double {
        let x = Set(a), y = Set(b)
        return x.isEmpty || y.isEmpty ? 0 : 2 * Double(x.intersection(y).count) / Double(x.count + y.count)
    }

    /// Length of the longest common subsequence of two word sequences over the longer one's length.
    static func orderOverlap(_ a: [UInt64], _ b: [UInt64]) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        let (outer, inner) = a.count >= b.count ? (a, b) : (b, a)
        var rows = [Int32](repeating: 0, count: 2 * (inner.count + 1))
        let width = inner.count + 1
        let length = rows.withUnsafeMutableBufferPointer { r in
            inner.withUnsafeBufferPointer { y in
                var (previous, current) = (0, width)
                for x in outer {
                    for j in 0..<y.count {
                        r[current + j + 1] = x == y[j] ? r[previous + j] + 1 : max(r[previous + j + 1], r[current + j])
                    }
                    swap(&previous, &current)
                }
                return r[previous + y.count]
            }
        }
        return Double(length) / Double(outer.count)
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

    /// Sentences paired in order: mutual nearest neighbours (each the other's closest, cosine ≥ `minimum`), then
    /// the longest run of pairs that keeps the order of both texts — translations keep the order of their
    /// sentences, independent reports do not. Returns that run's length over the shorter text's sentences, and
    /// the mean cosine of the pairs in it.
    static func orderedPairs(_ a: [[Float]], _ b: [[Float]], minimum: Float) -> (share: Double, cosine: Float) {
        guard !a.isEmpty, !b.isEmpty else { return (0, 0) }
        let cos = a.map { x in b.map { y in StoryClusterer.dot(x, y) } }
        let bestForA = cos.map { row in row.indices.max { row[$0] < row[$1] }! }
        let bestForB = b.indices.map { j in a.indices.max { cos[$0][j] < cos[$1][j] }! }
        let pairs = a.indices.filter { bestForB[bestForA[$0]] == $0 && cos[$0][bestForA[$0]] >= minimum }
            .map { ($0, bestForA[$0]) }
        // Longest increasing run of b-indices (pairs are in a's order): quadratic, over a few dozen pairs.
        var length = [Int](repeating: 1, count: pairs.count), total = pairs.map { cos[$0.0][$0.1] }
        for i in pairs.indices {
            for j in 0..<i where pairs[j].1 < pairs[i].1 && length[j] + 1 > length[i] {
                length[i] = length[j] + 1
                total[i] = total[j] + cos[pairs[i].0][pairs[i].1]
            }
        }
        guard let end = length.indices.max(by: { length[$0] < length[$1] }) else { return (0, 0) }
        return (Double(length[end]) / Double(min(a.count, b.count)), total[end] / Float(length[end]))
    }

    private static func aligned<T>(_ a: [T], _ b: [T], matches: (T, T) -> Bool) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        let hits = short.filter { s in long.contains { matches(s, $0) } }.count
        return Double(hits) / Double(short.count)
    }

    /// Figures that differ between two versions of one sentence ("1,200 → 12,000"): sentences are matched with
    /// every figure blanked out, so that only the changed numbers tell the copies apart; for texts in different
    /// languages, the values (10 and above: smaller numbers are spelt out or not by house style) only one side
    /// has.
    static func changedFigures(_ a: Article, _ b: Article) -> [String] {
        if a.language == b.language {
            let before = figuresBySentence(a)
            return figuresBySentence(b).flatMap { template, figures -> [String] in
                guard let old = before[template], old.count == figures.count else { return [] }
                return zip(old, figures).filter { $0.value != $1.value }.map { "\($0.text) → \($1.text)" }
            }.sorted()
        }
        let large = { (article: Article) in article.figures.filter { $0.value >= 10 } }
        let va = Set(large(a).map(\.value)), vb = Set(large(b).map(\.value))
        let onlyA = large(a).filter { !vb.contains($0.value) }.map { "\($0.text) only in the first" }
        let onlyB = large(b).filter { !va.contains($0.value) }.map { "\($0.text) only in the second" }
        return onlyA + onlyB
    }

    /// Whether two texts in different languages give the same figures: at least half of the smaller set of values
    /// of 10 and above is found on the other side (true when either side has none).
    static func figuresAgree(_ a: Article, _ b: Article) -> Bool {
        let va = Set(a.figures.filter { $0.value >= 10 }.map(\.value)), vb = Set(b.figures.filter { $0.value >= 10 }.map(\.value))
        guard !va.isEmpty, !vb.isEmpty else { return true }
        return 2 * va.intersection(vb).count >= min(va.count, vb.count)
    }

    /// Each sentence with figures, its figures blanked out, mapped to those figures in order.
    private static func figuresBySentence(_ article: Article) -> [String: [Figure]] {
        var out: [String: [Figure]] = [:]
        for (index, figures) in Dictionary(grouping: article.figures, by: \.sentence)
        where article.sentences.indices.contains(index) {
            let sentence = article.sentences[index]
            let scalars = Array(sentence.text.unicodeScalars)
            let ordered = figures.sorted { $0.start < $1.start }
            var template = String.UnicodeScalarView()
            var cursor = 0
            for f in ordered {
                let (s, e) = (f.start - sentence.start, f.end - sentence.start)
                guard s >= cursor, e <= scalars.count else { continue }
                template.append(contentsOf: scalars[cursor..<s])
                template.append("#")
                cursor = e
            }
            template.append(contentsOf: scalars[cursor...])
            out[String(template)] = ordered
        }
        return out
    }
}
