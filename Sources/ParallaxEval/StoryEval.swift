import Foundation
import ParallaxAnalysis
import ParallaxModel

/// `parallax eval stories`: story clustering scored against gold event groups — BASIL (100 events, each covered
/// by Fox News, the New York Times and HuffPost, 2010–2019) and the NeuS/AllSides triplets (train and val as one
/// stream). Scores are B-cubed (per article: how much of its predicted story is its event, and how much of its
/// event its predicted story holds) and pairwise (over pairs of articles put together).
public enum StoryEval {
    /// One article with its gold event.
    public struct Item: Sendable {
        public var article: Article
        public var event: String
    }

    /// Precision, recall and F1 of one measure.
    public struct PRF: Sendable {
        public var precision: Double
        public var recall: Double
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    public struct Scores: Sendable {
        public var bcubed: PRF
        public var pairwise: PRF
        public var stories: Int
        public var events: Int
    }

    /// Scores a partition (story per item) against gold events.
    public static func score(stories: [Int], events: [String]) -> Scores {
        precondition(stories.count == events.count)
        var storySize: [Int: Int] = [:], eventSize: [String: Int] = [:], both: [String: Int] = [:]
        for (s, e) in zip(stories, events) {
            storySize[s, default: 0] += 1
            eventSize[e, default: 0] += 1
            both["\(s)\u{1}\(e)", default: 0] += 1
        }
        var p = 0.0, r = 0.0
        for (s, e) in zip(stories, events) {
            let shared = Double(both["\(s)\u{1}\(e)"]!)
            p += shared / Double(storySize[s]!)
            r += shared / Double(eventSize[e]!)
        }
        let n = Double(max(1, stories.count))
        func pairs(_ k: Int) -> Double { Double(k * (k - 1) / 2) }
        let together = both.values.reduce(0) { $0 + pairs($1) }
        let predicted = storySize.values.reduce(0) { $0 + pairs($1) }
        let gold = eventSize.values.reduce(0) { $0 + pairs($1) }
        return Scores(bcubed: PRF(precision: p / n, recall: r / n),
                      pairwise: PRF(precision: predicted == 0 ? 1 : together / predicted, recall: gold == 0 ? 1 : together / gold),
                      stories: storySize.count, events: eventSize.count)
    }

    /// Clusters the items with the pipeline and scores the result.
    public static func evaluate(_ items: [Item], stories pipeline: StoryPipeline,
                                progress: (Int, Int) -> Void = { _, _ in }) -> Scores {
        let result = pipeline.run(items.map(\.article), progress: progress)
        var storyOf: [String: Int] = [:]
        for (n, story) in result.enumerated() { for a in story.articles { storyOf[a.source] = n } }
        return score(stories: items.map { storyOf[$0.article.source] ?? -1 }, events: items.map(\.event))
    }

    // MARK: - Corpora

    /// BASIL: `articles/<year>/<triplet>_<n>.json`, with title, date, source and body paragraphs (lists of sentences).
    public static func basil(_ directory: String, reader: ArticlePipeline) throws -> [Item] {
        let root = URL(fileURLWithPath: directory).appendingPathComponent("articles")
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var items: [Item] = []
        for case let path as String in walker where path.hasSuffix(".json") {
            let data = try Data(contentsOf: root.appendingPathComponent(path))
            let record = try JSONDecoder().decode(BasilArticle.self, from: data)
            let text = record.paragraphs.map { $0.joined(separator: " ") }.joined(separator: "\n")
            var article = reader.read(plainText: text, source: "basil/" + path, language: "en", published: record.date)
            article.title = record.title
            article.outlet = record.source.lowercased()
            items.append(Item(article: article, event: record.triplet))
        }
        return items.sorted { $0.article.source < $1.article.source }
    }

    /// BASIL's articles as input records (what a user would feed `ingest`): title, date, outlet and text.
    public static func basilRecords(_ directory: String) throws -> [RawDocument] {
        let root = URL(fileURLWithPath: directory).appendingPathComponent("articles")
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var out: [RawDocument] = []
        for case let path as String in walker where path.hasSuffix(".json") {
            let record = try JSONDecoder().decode(BasilArticle.self, from: Data(contentsOf: root.appendingPathComponent(path)))
            let text = record.paragraphs.map { $0.joined(separator: " ") }.joined(separator: "\n\n")
            var document = RawDocument(source: "basil/" + path, format: .text, content: .string(text))
            document.fromRecord = true
            document.given.title = record.title
            document.given.published = record.date
            document.given.outlet = record.source
            out.append(document)
        }
        return out.sorted { $0.source < $1.source }
    }

    struct BasilArticle: Decodable {
        var title: String
        var date: String
        var source: String
        var triplet: String
        var paragraphs: [[String]]
        enum CodingKeys: String, CodingKey {
            case title, date, source, triplet = "triplet-uuid", paragraphs = "body-paragraphs"
        }
    }

    /// NeuS: `<split>.source` lines of three `TITLE=> … ARTICLE=> …` items joined by ` [SEP] `. The corpus has no
    /// dates, so the stream is made by shuffling the items of every block of 25 events (a day's news, arriving
    /// interleaved) with a fixed seed; the sources are numbered in stream order.
    public static func neus(_ directory: String, splits: [String] = ["train", "val"], reader: ArticlePipeline,
                            limit: Int? = nil) throws -> [Item] {
        var events: [[(title: String, lead: String)]] = []
        for split in splits {
            let text = try String(contentsOfFile: "\(directory)/\(split).source", encoding: .utf8)
            for line in text.split(whereSeparator: \.isNewline) {
                events.append(line.components(separatedBy: " [SEP] ").compactMap(neusItem))
            }
        }
        if let limit { events = Array(events.prefix(limit)) }
        var random = SeededRandom(seed: 2022)
        var stream: [(event: Int, title: String, lead: String)] = []
        for start in stride(from: 0, to: events.count, by: 25) {
            var block = (start..<min(start + 25, events.count)).flatMap { e in events[e].map { (e, $0.title, $0.lead) } }
            block.shuffle(using: &random)
            stream += block
        }
        return stream.enumerated().map { n, item in
            var article = reader.read(plainText: item.lead, source: String(format: "neus/%06d", n), language: nil)
            article.title = item.title
            return Item(article: article, event: "\(item.event)")
        }
    }

    static func neusItem(_ raw: String) -> (title: String, lead: String)? {
        guard let t = raw.range(of: "TITLE=>"), let a = raw.range(of: "ARTICLE=>") , t.upperBound <= a.lowerBound else {
            return nil
        }
        let title = raw[t.upperBound..<a.lowerBound].trimmingCharacters(in: .whitespaces)
        let lead = raw[a.upperBound...].trimmingCharacters(in: .whitespaces)
        return (title.hasSuffix(".") ? String(title.dropLast()) : title, lead)
    }

    // MARK: - Report

    public static func report(_ rows: [(String, Int, Scores)], embeddings: Bool) -> String {
        var table = TextTable(["corpus", "articles", "events", "stories", "B³ P", "B³ R", "B³ F1", "pair P", "pair R",
                               "pair F1"])
        for (name, n, s) in rows {
            table.add([name, "\(n)", "\(s.events)", "\(s.stories)", pct(s.bcubed.precision), pct(s.bcubed.recall),
                       pct(s.bcubed.f1), pct(s.pairwise.precision), pct(s.pairwise.recall), pct(s.pairwise.f1)])
        }
        return ["Story clustering — " + (embeddings ? "with multilingual-e5-small embeddings"
                                         : "WITHOUT embeddings (entities, figures and words only)"),
                "", table.render()].joined(separator: "\n")
    }

    public static func pct(_ x: Double) -> String { String(format: "%.1f", 100 * x) }
}
