import ParallaxModel

/// Puts the figures a story's reports give for one counted thing side by side, and says whether they diverge and
/// whether the divergence is between claimants.
///
/// Two figures count the same thing when their sentences make one aligned claim and they stand in the same place
/// in it, or when what they count starts
/// with the same word and shares most of its other words ("soldiers on the border with Ukraine", "soldiers on the
/// borders of Ukraine"). A bare "people" is not enough: 51,000 people evacuated and 14,000 people killed are
/// different quantities.
struct FigureComparer: Sendable {
    var context: StoryContext
    var stopwords: Stoplists

    struct Item {
        var article: Int
        var figure: Figure
        /// Index of the claim (aligned cluster) the figure's sentence belongs to, if any.
        var claim: Int?
        /// Its place among the figures of its sentence (0 for the first).
        var position: Int
        var counted: [String]
    }

    /// Comparisons with values from at least two independent origins, divergent ones first. `claimOf[article][sentence]` is
    /// the aligned claim a sentence belongs to.
    func comparisons(claimOf: [Int: [Int: Int]]) -> [FigureComparison] {
        var items: [Item] = []
        for (i, a) in context.articles.enumerated() {
            // Fractions and percentages compare only through aligned claims; counts also by what they count.
            var seen: [Int: Int] = [:]
            for f in a.figures where f.value.isFinite {
                items.append(Item(article: i, figure: f, claim: claimOf[i]?[f.sentence], position: seen[f.sentence] ?? 0,
                                  counted: words(f.counted ?? "", language: a.language)))
                seen[f.sentence, default: 0] += 1
            }
        }
        // Only items that could be one quantity are compared: those of one unit in one place of one claim, or of
        // one unit whose counted thing starts with one word (the pairs `sameQuantity` can accept; a story of
        // hundreds of reports has thousands of figures, and comparing them all was quadratic).
        var sets = DisjointSets(count: items.count)
        var buckets: [String: [Int]] = [:]
        for (i, item) in items.enumerated() {
            let unit = item.figure.unit ?? ""
            if let claim = item.claim { buckets["c\u{1}\(unit)\u{1}\(claim)\u{1}\(item.position)", default: []].append(i) }
            if let first = item.counted.first { buckets["w\u{1}\(unit)\u{1}\(first)", default: []].append(i) }
        }
        for bucket in buckets.values {
            for (n, i) in bucket.enumerated() {
                for j in bucket[(n + 1)...] where sets.root(i) != sets.root(j) && sameQuantity(items[i], items[j]) {
                    sets.union(i, j)
                }
            }
        }
        // A copy repeating its original's figure compares nothing: values must come from two origins.
        return sets.groups().filter { g in Set(g.map { context.originOf[items[$0].article] }).count >= 2 }
            .map { comparison($0.map { items[$0] }) }
            .sorted { ($0.divergent ? 1 : 0) > ($1.divergent ? 1 : 0) }
    }

    private func sameQuantity(_ a: Item, _ b: Item) -> Bool {
        guard a.article != b.article, a.figure.unit == b.figure.unit else { return false }
        // One claim in two wordings: its figures pair up in order (seven dead and 11 missing / acht Tote, elf Vermisste).
        if let ca = a.claim, ca == b.claim { return a.position == b.position }
        guard a.figure.value >= 1, b.figure.value >= 1 else { return false }
        guard a.counted.count >= 2, b.counted.count >= 2, a.counted[0] == b.counted[0] else { return false }
        return ClaimAligner.dice(Set(a.counted.map(stem)), Set(b.counted.map(stem))) >= 0.5
    }

    /// Plural and case endings aside ("border", "borders"): the first five letters.
    private func stem(_ word: String) -> String { String(word.prefix(5)) }

    private func words(_ text: String, language: String?) -> [String] {
        WordTokenizer.contentWords(of: text, stopwords: language.flatMap { stopwords.words[$0] } ?? [])
    }

    private func comparison(_ items: [Item]) -> FigureComparison {
        let values = items.map { item in
            FigureValue(value: item.figure.value, text: item.figure.text, qualifier: item.figure.qualifier,
                        claimant: item.figure.claimant, source: context.articles[item.article].source,
                        outlet: context.outlets[item.article], sentence: item.figure.sentence)
        }
        let ranges = items.map { Self.range($0.figure) }
        let divergent = ranges.map(\.lower).max()! > ranges.map(\.upper).min()!
        let numbers = values.map(\.value).filter { $0 > 0 }
        let spread = numbers.isEmpty ? 0 : numbers.max()! / numbers.min()! - 1
        let claimants = Set(values.map { $0.claimant?.lowercased() ?? "" })
        return FigureComparison(counted: items[0].figure.counted ?? "", unit: items[0].figure.unit, values: values,
                                divergent: divergent, spread: (spread * 1000).rounded() / 1000,
                                claimantsDiffer: claimants.count > 1)
    }

    /// The values a figure allows, given its qualifier: "about" ±10 %, "almost" up to 10 % under, "over" and
    /// "at least" anything above, "up to" and "under" anything below; an exact figure ±2 % (rounding).
    static func range(_ f: Figure) -> (lower: Double, upper: Double) {
        let v = f.value
        switch f.qualifier {
        case "about": return (v * 0.9, v * 1.1)
        case "almost": return (v * 0.9, v)
        case "over", "at least": return (v, .infinity)
        case "under", "up to", "at most": return (0, v)
        default: return (v * 0.98, v * 1.02)
        }
    }
}
