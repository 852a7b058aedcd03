import Foundation
import ParallaxAnalysis
import ParallaxModel

/// `parallax eval claims`: claim alignment on real reports, against human judgements of how alike two articles
/// are (SemEval-2022 Task 8 pairs, same- and cross-language). There is no corpus of claims aligned across outlets
/// here, so the eval asks what such alignment must do: two reports of the same event share claims, unrelated
/// reports do not. Per pair, the dossier of the two articles is built as one story, and the share of the shorter
/// one's claim sentences that align with a sentence of the other is correlated with the gold `Overall`
/// (1 = very similar … 4 = very dissimilar; the sign flipped so that higher is better).
public enum ClaimAlignmentEval {
    public struct Outcome: Sendable {
        public var report: String
        public var pearson: Double
    }

    /// `pairs` are taken in a seeded shuffle (the same every run); each article keeps its first `sentences`.
    public static func run(_ all: [SimilarityEval.Pair], count: Int, sentences: Int, reader: ArticlePipeline,
                           stories: StoryPipeline, progress: (Int, Int) -> Void = { _, _ in }) -> Outcome {
        var random = SeededRandom(seed: 2022)
        let pairs = Array(all.shuffled(using: &random).prefix(count))
        var shares: [Double] = []
        for (n, p) in pairs.enumerated() {
            let langs = p.languages.split(separator: "-").map(String.init)
            let a = truncated(SimilarityEval.article(p.texts.0, source: "\(p.id)/1", language: langs[0], reader: reader),
                              to: sentences)
            let b = truncated(SimilarityEval.article(p.texts.1, source: "\(p.id)/2", language: langs.last!,
                                                     reader: reader), to: sentences)
            shares.append(alignedShare(a, b, stories: stories))
            progress(n + 1, pairs.count)
        }
        return Outcome(report: report(pairs, shares), pearson: SimilarityEval.pearson(shares, pairs.map { -$0.overall }))
    }

    /// The share of the shorter article's claim sentences that sit in a claim with a sentence of the other.
    static func alignedShare(_ a: Article, _ b: Article, stories: StoryPipeline) -> Double {
        let story = Story(id: "p", title: "", members: [a, b])
        let claims = stories.dossier(story, articles: [a, b]).claims
        let count = { (s: String) in claims.reduce(0) { $0 + $1.variants.filter { $0.source == s }.count } }
        let shared = claims.filter { Set($0.variants.map(\.source)).count == 2 }.count
        let shorter = min(count(a.source), count(b.source))
        return shorter == 0 ? 0 : Double(shared) / Double(shorter)
    }

    static func truncated(_ article: Article, to n: Int) -> Article {
        var a = article
        a.sentences = Array(a.sentences.prefix(n))
        a.claims = a.claims.filter { $0.sentence < n }
        a.figures = a.figures.filter { $0.sentence < n }
        a.dates = a.dates.filter { $0.sentence < n }
        return a
    }

    private static func report(_ pairs: [SimilarityEval.Pair], _ shares: [Double]) -> String {
        var table = TextTable(["pairing", "pairs", "Pearson r", "aligned share: same story (≤ 1.5)",
                               "related (1.5–3.5)", "unrelated (≥ 3.5)"])
        let crossLanguage = pairs.indices.filter { pairs[$0].languages.contains("-") }
        let groups: [(String, [Int])] = [("all", Array(pairs.indices)),
                                         ("same language", pairs.indices.filter { !crossLanguage.contains($0) }),
                                         ("across languages", crossLanguage)]
        for (name, indices) in groups where !indices.isEmpty {
            func mean(_ keep: (Double) -> Bool) -> String {
                let values = indices.filter { keep(pairs[$0].overall) }.map { shares[$0] }
                return values.isEmpty ? "—" : "\(Int((values.reduce(0, +) / Double(values.count) * 100).rounded())) %"
            }
            let r = SimilarityEval.pearson(indices.map { shares[$0] }, indices.map { -pairs[$0].overall })
            table.add([name, "\(indices.count)", decimal(r, 3), mean { $0 <= 1.5 }, mean { $0 > 1.5 && $0 < 3.5 },
                       mean { $0 >= 3.5 }])
        }
        return ["Claim alignment on SemEval-2022 T8 pairs (a seeded sample; each article's first sentences): the share "
                    + "of the shorter report's claim sentences aligned with the other, against the gold Overall", "",
                table.render()].joined(separator: "\n")
    }
}
