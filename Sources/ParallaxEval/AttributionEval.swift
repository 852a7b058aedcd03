import Foundation
import ParallaxAnalysis
import ParallaxModel

/// `parallax eval attribution`: who-said-what extraction scored on PolNeAR (BRAT standoff: Source, Cue and
/// Content spans tied by attribution relations; offsets are code points into the text file).
///
/// Each role is scored on its own: predicted spans are matched one-to-one to gold spans of the same role in the
/// same document, exactly (after trimming white space and punctuation at both ends, since quotation marks and a
/// final full stop are inside or outside a span by annotation convention) or by overlap (any shared character).
/// A relation counts as found when both its cue and its content overlap a predicted claim's.
public enum AttributionEval {
    public struct Span: Hashable, Sendable {
        public var start: Int
        public var end: Int
    }

    public struct Relation: Sendable {
        public var source: Span?
        public var cue: Span?
        public var content: Span?
    }

    /// Counts for one role: predicted and gold spans, and matches exactly and by overlap.
    public struct Counts: Sendable {
        public var predicted = 0
        public var gold = 0
        public var exact = 0
        public var overlap = 0

        public var exactF1: Double { f1(exact) }
        public var overlapF1: Double { f1(overlap) }
        func f1(_ hits: Int) -> Double { predicted + gold == 0 ? 0 : 2 * Double(hits) / Double(predicted + gold) }
        func precision(_ hits: Int) -> Double { predicted == 0 ? 0 : Double(hits) / Double(predicted) }
        func recall(_ hits: Int) -> Double { gold == 0 ? 0 : Double(hits) / Double(gold) }

        mutating func add(_ other: Counts) {
            predicted += other.predicted
            gold += other.gold
            exact += other.exact
            overlap += other.overlap
        }
    }

    public struct Outcome: Sendable {
        public var report = ""
        public var source = Counts()
        public var cue = Counts()
        public var content = Counts()
        public var relations = Counts()
        public var documents = 0
    }

    /// Reads the relations (`E` lines) of a BRAT file; a discontinuous span is taken from its first to last piece.
    public static func relations(brat: String) -> [Relation] {
        var spans: [String: Span] = [:]
        var out: [Relation] = []
        let lines = brat.split(whereSeparator: \.isNewline)
        for line in lines where line.hasPrefix("T") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2 else { continue }
            let numbers = fields[1].split(whereSeparator: { $0 == " " || $0 == ";" }).dropFirst().compactMap { Int($0) }
            guard let lo = numbers.min(), let hi = numbers.max() else { continue }
            spans[String(fields[0])] = Span(start: lo, end: hi)
        }
        for line in lines where line.hasPrefix("E") {
            let fields = line.split(separator: "\t")
            guard fields.count >= 2 else { continue }
            var r = Relation()
            for arg in fields[1].split(separator: " ") {
                let parts = arg.split(separator: ":")
                guard parts.count == 2, let span = spans[String(parts[1])] else { continue }
                switch parts[0] {
                case "Source": r.source = span
                case "Cue": r.cue = span
                case "Content": r.content = span
                default: break
                }
            }
            if r.cue != nil || r.content != nil { out.append(r) }
        }
        return out
    }

    public static func run(dataDirectory: String, split: String, pipeline: ArticlePipeline, dump: String? = nil) throws
        -> Outcome {
        let dir = "\(dataDirectory)/\(split)"
        let fm = FileManager.default
        let annotations = try fm.contentsOfDirectory(atPath: dir + "/attributions").filter { $0.hasSuffix(".ann") }.sorted()
        // Several annotators annotated a few articles: score the first annotator's file of each.
        var byText: [String: String] = [:]
        for file in annotations {
            let stem = String(file.dropLast(4).split(separator: "_").dropLast().joined(separator: "_"))
            if byText[stem] == nil { byText[stem] = file }
        }
        var outcome = Outcome()
        var dumped: [String] = []
        for (stem, annotation) in byText.sorted(by: { $0.key < $1.key }) {
            guard let text = try? String(contentsOfFile: "\(dir)/text/\(stem).txt", encoding: .utf8),
                  let brat = try? String(contentsOfFile: "\(dir)/attributions/\(annotation)", encoding: .utf8)
            else { continue }
            let gold = relations(brat: brat)
            let article = pipeline.read(plainText: text, source: stem, language: "en")
            score(article, gold: gold, text: Array(text.unicodeScalars), into: &outcome)
            if dump != nil, let data = try? JSONEncoder().encode(article.claims.filter { $0.kind != .assertion }) {
                dumped.append("{\"document\": \"\(stem)\", \"annotation\": \"\(annotation)\", \"claims\": "
                    + String(decoding: data, as: UTF8.self) + "}")
            }
            outcome.documents += 1
        }
        if let dump { try dumped.joined(separator: "\n").write(toFile: dump, atomically: true, encoding: .utf8) }
        outcome.report = report(outcome, dataDirectory: dataDirectory, split: split)
        return outcome
    }

    static func score(_ article: Article, gold: [Relation], text: [Unicode.Scalar], into outcome: inout Outcome) {
        let claims = article.claims.filter { $0.kind != .assertion && $0.verb != nil }
        func span(_ s: Claim.Span?) -> Span? { s.map { Span(start: $0.start, end: $0.end) } }
        outcome.source.add(match(claims.compactMap { span($0.speaker) }, gold.compactMap(\.source), text))
        outcome.cue.add(match(claims.compactMap { span($0.verb) }, gold.compactMap(\.cue), text))
        outcome.content.add(match(claims.compactMap { span($0.content) }.filter { $0.end > $0.start },
                                  gold.compactMap(\.content), text))
        // Relations: cue and content both overlap those of one claim.
        var used = Set<Int>()
        var relations = Counts(predicted: claims.count, gold: gold.count)
        for g in gold {
            guard let gc = g.cue, let gt = g.content else { continue }
            if let k = claims.indices.first(where: { k in
                !used.contains(k) && overlaps(span(claims[k].verb), gc) && overlaps(span(claims[k].content), gt)
            }) {
                used.insert(k)
                relations.overlap += 1
            }
        }
        outcome.relations.add(relations)
    }

    static func overlaps(_ a: Span?, _ b: Span) -> Bool {
        guard let a else { return false }
        return a.start < b.end && b.start < a.end
    }

    /// One-to-one matching of predicted to gold spans: exact (trimmed) first, then by overlap.
    static func match(_ predicted: [Span], _ gold: [Span], _ text: [Unicode.Scalar]) -> Counts {
        let p = predicted.map { trim($0, text) }
        let g = gold.map { trim($0, text) }
        var counts = Counts(predicted: p.count, gold: g.count)
        var usedGold = Set<Int>()
        var exactPredicted = Set<Int>()
        for (i, a) in p.enumerated() {
            if let j = g.indices.first(where: { !usedGold.contains($0) && g[$0] == a }) {
                usedGold.insert(j)
                exactPredicted.insert(i)
                counts.exact += 1
            }
        }
        counts.overlap = counts.exact
        for (i, a) in p.enumerated() where !exactPredicted.contains(i) {
            if let j = g.indices.first(where: { !usedGold.contains($0) && overlaps(a, g[$0]) }) {
                usedGold.insert(j)
                counts.overlap += 1
            }
        }
        return counts
    }

    static func trim(_ s: Span, _ text: [Unicode.Scalar]) -> Span {
        func skip(_ c: Unicode.Scalar) -> Bool {
            c.properties.isWhitespace || (c.properties.generalCategory.isPunctuation)
        }
        var a = max(0, s.start)
        var b = min(text.count, s.end)
        while a < b, skip(text[a]) { a += 1 }
        while b > a, skip(text[b - 1]) { b -= 1 }
        return Span(start: a, end: b)
    }

    static func report(_ o: Outcome, dataDirectory: String, split: String) -> String {
        var table = TextTable(["role", "predicted", "gold", "P exact", "R exact", "F1 exact", "P overlap", "R overlap",
                               "F1 overlap"])
        func pct(_ x: Double) -> String { String(format: "%.1f", 100 * x) }
        for (name, c) in [("source", o.source), ("cue", o.cue), ("content", o.content)] {
            table.add([name, "\(c.predicted)", "\(c.gold)", pct(c.precision(c.exact)), pct(c.recall(c.exact)),
                       pct(c.exactF1), pct(c.precision(c.overlap)), pct(c.recall(c.overlap)), pct(c.overlapF1)])
        }
        let r = o.relations
        table.add(["relation (cue+content)", "\(r.predicted)", "\(r.gold)", "–", "–", "–", pct(r.precision(r.overlap)),
                   pct(r.recall(r.overlap)), pct(r.overlapF1)])
        return [
            "Attribution — PolNeAR \(split), \(o.documents) articles (\(dataDirectory))",
            "",
            table.render(),
            "",
            "Exact: the same span once white space and punctuation at both ends are trimmed. Overlap: any shared character.",
            "For reference only (another corpus, PARC 3.0 test): BBC Citron reports whole-quote F1 56.7 exact, 83.2 overlap.",
        ].joined(separator: "\n")
    }
}

extension Unicode.GeneralCategory {
    var isPunctuation: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation: return true
        default: return false
        }
    }
}
