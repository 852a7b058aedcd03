import Foundation
import ParallaxAnalysis
import ParallaxModel

/// `parallax eval persuasion`: persuasion techniques scored on SemEval-2023 Task 3 subtask 3 (train, six
/// languages), as paragraph-level multi-label micro-F1 over the 23 techniques.
///
/// A paragraph's predicted set is the techniques of the spans inside it; rows with no label are paragraphs with
/// no technique. Paragraph text is taken from the article files by 1-based line number (the template glues
/// articles together), and the whole raw file, CRLF included, is the article text, so spans keep the file's
/// offsets. Per-technique thresholds (cues per paragraph, or off) are the only thing fitted: the cross-validated
/// figure fits them on four folds of articles and scores the fifth; the shipped figure scores the thresholds
/// in the lexicon files as they are (fitted on all of train, so optimistic).
public enum PersuasionEval {
    /// Upstream folder names: `ge` is German and `po` is Polish.
    public static let languages: [(folder: String, code: String)] = [
        ("en", "en"), ("fr", "fr"), ("ge", "de"), ("it", "it"), ("po", "pl"), ("ru", "ru"),
    ]
    /// Thresholds tried per technique: 0 turns it off.
    static let thresholds = [0, 1, 2, 3, 4]
    static let folds = 5

    /// One labelled paragraph with the cue counts the detector found in it.
    public struct Row: Sendable {
        public var article: String
        public var gold: Set<String>
        public var cues: [String: Int]
    }

    /// True and false positives and false negatives.
    public struct Counts: Sendable, Equatable {
        public var tp = 0
        public var fp = 0
        public var fn = 0

        public init(tp: Int = 0, fp: Int = 0, fn: Int = 0) {
            self.tp = tp
            self.fp = fp
            self.fn = fn
        }

        public var precision: Double { tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp) }
        public var recall: Double { tp + fn == 0 ? 0 : Double(tp) / Double(tp + fn) }
        public var f1: Double { 2 * tp + fp + fn == 0 ? 0 : 2 * Double(tp) / Double(2 * tp + fp + fn) }

        static func + (a: Counts, b: Counts) -> Counts { Counts(tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn) }
    }

    /// Scores of one language.
    public struct LanguageScore: Sendable {
        public var code: String
        public var paragraphs: Int
        public var crossValidated: [String: Counts]
        public var shipped: [String: Counts]
        /// Thresholds fitted on all of train (what the lexicon's `min_cues` should say).
        public var fitted: [String: Int]
    }

    public struct Outcome: Sendable {
        public var report = ""
        public var languages: [LanguageScore] = []
        /// Mean over languages of the cross-validated micro-F1.
        public var meanMicroF1: Double {
            languages.isEmpty ? 0 : languages.map { micro($0.crossValidated).f1 }.reduce(0, +) / Double(languages.count)
        }
    }

    /// Scores every language folder found under `dataDirectory`.
    public static func run(dataDirectory: String, detector: PersuasionDetector = PersuasionDetector()) throws -> Outcome {
        let techniques = try String(contentsOfFile: dataDirectory + "/techniques_subtask3.txt", encoding: .utf8)
            .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var outcome = Outcome()
        for (folder, code) in languages {
            let dir = dataDirectory + "/" + folder
            guard FileManager.default.fileExists(atPath: dir + "/train-labels-subtask-3.txt") else { continue }
            let rows = try load(directory: dir, language: code, detector: detector)
            outcome.languages.append(score(rows, code: code, techniques: techniques, detector: detector))
        }
        outcome.report = report(outcome, techniques: techniques)
        return outcome
    }

    /// Reads one language folder: the labelled rows, with the detector's cue counts per paragraph.
    public static func load(directory: String, language: String, detector: PersuasionDetector) throws -> [Row] {
        let labels = try String(contentsOfFile: directory + "/train-labels-subtask-3.txt", encoding: .utf8)
        var byArticle: [String: [(line: Int, gold: Set<String>)]] = [:]
        for line in labels.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            guard fields.count >= 2, let number = Int(fields[1]) else { continue }
            let gold = fields.count > 2 ? Set(fields[2].split(separator: ",").map(String.init)) : []
            byArticle[fields[0], default: []].append((number, gold))
        }
        var rows: [Row] = []
        for (id, labelled) in byArticle.sorted(by: { $0.key < $1.key }) {
            let path = "\(directory)/train-articles-subtask-3/article\(id).txt"
            guard let raw = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            let counts = cueCounts(article(raw, language: language), detector: detector)
            for (line, gold) in labelled {
                rows.append(Row(article: id, gold: gold, cues: counts[line - 1] ?? [:]))
            }
        }
        return rows
    }

    /// An article whose sentences are the file's lines (paragraph = 0-based line index), offsets into the raw
    /// text with any `\r` left outside the line.
    public static func article(_ raw: String, language: String) -> Article {
        var article = Article(source: "semeval2023t3", format: "text")
        article.text = raw
        article.language = language
        let scalars = Array(raw.unicodeScalars)
        var start = 0
        var index = 0
        for i in 0...scalars.count where i == scalars.count || scalars[i] == "\n" {
            var end = i
            if end > start, scalars[end - 1] == "\r" { end -= 1 }
            let text = String(String.UnicodeScalarView(scalars[start..<end]))
            article.paragraphs.append(text)
            article.sentences.append(Sentence(text: text, start: start, end: end, paragraph: index, language: language))
            index += 1
            start = i + 1
        }
        return article
    }

    /// Cue counts per technique for each paragraph (= line) of the article.
    static func cueCounts(_ article: Article, detector: PersuasionDetector) -> [Int: [String: Int]] {
        var counts: [Int: [String: Int]] = [:]
        for span in detector.candidates(article) {
            counts[article.sentences[span.sentence].paragraph, default: [:]][span.technique, default: 0] += 1
        }
        return counts
    }

    /// Per-technique counts when a technique is predicted for a row with at least `threshold` cues.
    public static func counts(_ rows: [Row], techniques: [String], threshold: (String) -> Int) -> [String: Counts] {
        var out: [String: Counts] = [:]
        for t in techniques {
            let needed = threshold(t)
            var c = Counts()
            for row in rows {
                let predicted = needed > 0 && row.cues[t, default: 0] >= needed
                let gold = row.gold.contains(t)
                if predicted && gold { c.tp += 1 } else if predicted { c.fp += 1 } else if gold { c.fn += 1 }
            }
            out[t] = c
        }
        return out
    }

    /// Sum over techniques.
    public static func micro(_ counts: [String: Counts]) -> Counts { counts.values.reduce(Counts(), +) }

    /// Thresholds that maximise micro-F1 on `rows`: coordinate ascent, two passes, from one cue each.
    public static func fit(_ rows: [Row], techniques: [String]) -> [String: Int] {
        let table = Dictionary(uniqueKeysWithValues: techniques.map { t in
            (t, thresholds.map { k in counts(rows, techniques: [t], threshold: { _ in k })[t] ?? Counts() })
        })
        var choice = Dictionary(uniqueKeysWithValues: techniques.map { ($0, 1) })
        for _ in 0..<2 {
            for t in techniques {
                let others = techniques.filter { $0 != t }.map { table[$0]![thresholds.firstIndex(of: choice[$0]!)!] }
                    .reduce(Counts(), +)
                let best = thresholds.indices.max { (others + table[t]![$0]).f1 < (others + table[t]![$1]).f1 }
                choice[t] = thresholds[best ?? 1]
            }
        }
        return choice
    }

    /// Cross-validated, shipped and fitted scores of one language.
    static func score(_ rows: [Row], code: String, techniques: [String], detector: PersuasionDetector) -> LanguageScore {
        let articles = Array(Set(rows.map(\.article))).sorted()
        var random = SeededRandom(seed: 2023)
        let fold = Dictionary(uniqueKeysWithValues: articles.shuffled(using: &random).enumerated().map { ($1, $0 % folds) })
        var cv: [String: Counts] = [:]
        for k in 0..<folds {
            let train = rows.filter { fold[$0.article] != k }
            let test = rows.filter { fold[$0.article] == k }
            let fitted = fit(train, techniques: techniques)
            cv.merge(counts(test, techniques: techniques, threshold: { fitted[$0] ?? 0 }), uniquingKeysWith: +)
        }
        let rules = detector.kit.rules(for: code)
        let cued = techniques.filter { t in rows.contains { $0.cues[t] != nil } }
        return LanguageScore(code: code, paragraphs: rows.count, crossValidated: cv,
                             shipped: counts(rows, techniques: techniques, threshold: rules.threshold),
                             fitted: fit(rows, techniques: cued))
    }
}
