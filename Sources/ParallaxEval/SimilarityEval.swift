import Foundation
import ParallaxAnalysis
import ParallaxModel

/// `parallax eval similarity`: the clusterer's article similarity against human judgements — SemEval-2022 Task 8
/// pairs (`training_set.csv`, the text-bearing training pairs, in ten languages and cross-language pairs), gold
/// `Overall` from the official batch-2 labels where the pair is there (1 = very similar … 4 = very dissimilar).
/// Reports Pearson r with the gold similarity (the sign flipped so that higher is better) and the precision and
/// recall of "same story" (Overall ≤ 1.5) at the clustering threshold.
public enum SimilarityEval {
    public struct Pair: Sendable {
        public var id: String
        public var languages: String
        public var texts: (String, String)
        public var overall: Double
    }

    public struct Outcome: Sendable {
        public var report: String
        public var pearson: Double
        public var sameStoryF1: Double
    }

    /// Reads the pairs with text, taking each pair id once and the official label where there is one.
    public static func pairs(_ directory: String) throws -> [Pair] {
        let official = try labels("\(directory)/semeval-2022_task8_train-data_batch2.csv")
        let rows = try CSV.rows(String(contentsOfFile: "\(directory)/training_set.csv", encoding: .utf8))
        guard let header = rows.first else { return [] }
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        guard let id = column("pair_id"), let l1 = column("lang1"), let l2 = column("lang2"), let t1 = column("text1"),
              let t2 = column("text2"), let overall = column("Overall") else { return [] }
        var seen = Set<String>()
        return rows.dropFirst().compactMap { row in
            guard row.count > max(id, l1, l2, t1, t2, overall), seen.insert(row[id]).inserted,
                  let score = official[row[id]] ?? Double(row[overall]) else { return nil }
            let languages = row[l1] == row[l2] ? row[l1] : "\(row[l1])-\(row[l2])"
            return Pair(id: row[id], languages: languages, texts: (row[t1], row[t2]), overall: score)
        }
    }

    /// Official `Overall` per pair id (the mean where an id is listed twice).
    static func labels(_ path: String) throws -> [String: Double] {
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        let rows = try CSV.rows(String(contentsOfFile: path, encoding: .utf8))
        guard let header = rows.first, let id = header.firstIndex(of: "pair_id"),
              let overall = header.firstIndex(of: "Overall") else { return [:] }
        var sums: [String: (Double, Int)] = [:]
        for row in rows.dropFirst() where row.count > max(id, overall) {
            guard let v = Double(row[overall]) else { continue }
            let s = sums[row[id]] ?? (0, 0)
            sums[row[id]] = (s.0 + v, s.1 + 1)
        }
        return sums.mapValues { $0.0 / Double($0.1) }
    }

    /// A text as the eval has it: title, two spaces, body. The title is split off when it is there.
    static func article(_ text: String, source: String, language: String, reader: ArticlePipeline) -> Article {
        var title: String?
        var body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let gap = body.range(of: "  "), body.distance(from: body.startIndex, to: gap.lowerBound) <= 200 {
            title = String(body[..<gap.lowerBound])
            body = String(body[gap.upperBound...]).trimmingCharacters(in: .whitespaces)
        }
        var article = reader.read(plainText: body, source: source, language: language)
        article.title = title
        return article
    }

    public static func run(_ pairs: [Pair], reader: ArticlePipeline, stories: StoryPipeline,
                           progress: (Int, Int) -> Void = { _, _ in }) -> Outcome {
        let articles = pairs.map { p in
            let langs = p.languages.split(separator: "-").map(String.init)
            return (article(p.texts.0, source: "\(p.id)/1", language: langs[0], reader: reader),
                    article(p.texts.1, source: "\(p.id)/2", language: langs.last!, reader: reader))
        }
        let predicted = stories.similarities(articles, progress: progress)
        let gold = pairs.map { -$0.overall }
        let scores = predicted.map { Double($0.score) }
        var table = TextTable(["pairing", "pairs", "Pearson r", "same-story P", "R", "F1"])
        var groups: [String: [Int]] = [:]
        for (i, p) in pairs.enumerated() { groups[p.languages, default: []].append(i) }
        var rows = groups.sorted { $0.value.count > $1.value.count }.map { ($0.key, $0.value) }
        rows.append(("all", Array(pairs.indices)))
        var overall = (pearson: 0.0, f1: 0.0)
        for (name, indices) in rows {
            let r = pearson(indices.map { scores[$0] }, indices.map { gold[$0] })
            let same = prf(indices.map { predicted[$0].sameStory }, indices.map { pairs[$0].overall <= 1.5 })
            table.add([name, "\(indices.count)", String(format: "%.3f", r), StoryEval.pct(same.precision),
                       StoryEval.pct(same.recall), StoryEval.pct(same.f1)])
            if name == "all" { overall = (r, same.f1) }
        }
        let report = [
            "Article similarity vs SemEval-2022 T8 gold Overall (training pairs with text; a development figure, "
                + "not comparable with the leaderboard's test set) — "
                + (stories.embeddings == nil ? "WITHOUT embeddings" : "with multilingual-e5-small embeddings"),
            "Pearson r between Parallax's similarity and −Overall; same story = Overall ≤ 1.5, predicted at the "
                + "clustering threshold. For reference, the best system reached 0.818 on the official test set.",
            "", table.render(),
        ].joined(separator: "\n")
        return Outcome(report: report, pearson: overall.pearson, sameStoryF1: overall.f1)
    }

    static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        guard x.count > 2 else { return 0 }
        let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - mx) * (b - my)
            sxx += (a - mx) * (a - mx)
            syy += (b - my) * (b - my)
        }
        return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : 0
    }

    static func prf(_ predicted: [Bool], _ gold: [Bool]) -> StoryEval.PRF {
        let hits = zip(predicted, gold).filter { $0 && $1 }.count
        let p = predicted.filter { $0 }.count, g = gold.filter { $0 }.count
        return StoryEval.PRF(precision: p == 0 ? 0 : Double(hits) / Double(p), recall: g == 0 ? 0 : Double(hits) / Double(g))
    }
}

/// RFC 4180 CSV: quoted fields may hold commas, line breaks and doubled quotes.
public enum CSV {
    public static func rows(_ text: String) throws -> [[String]] {
        let scalars = Array(text.unicodeScalars)
        var rows: [[String]] = []
        var row: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            i += 1
            if quoted {
                if c != "\"" {
                    field.append(c)
                } else if i < scalars.count, scalars[i] == "\"" {
                    field.append(c)
                    i += 1
                } else {
                    quoted = false
                }
                continue
            }
            switch c {
            case "\"": quoted = true
            case ",":
                row.append(String(field))
                field = String.UnicodeScalarView()
            case "\n":
                row.append(String(field))
                rows.append(row)
                row = []
                field = String.UnicodeScalarView()
            case "\r": break
            default: field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(String(field))
            rows.append(row)
        }
        return rows
    }
}
