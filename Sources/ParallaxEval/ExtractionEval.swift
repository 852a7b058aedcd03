import Foundation
import ParallaxAnalysis
import ParallaxModel

/// Scores main-text extraction on the trafilatura evaluation set with its own method: every `with` snippet
/// found in the output is a true positive, every `without` snippet found a false positive (substring match
/// after collapsing whitespace, summed over all pages).
public struct ExtractionEval {
    public struct Page: Sendable {
        public var file: String
        public var with: [String]
        public var without: [String]
        public var html: [UInt8]?
    }

    public struct Score: Sendable {
        public var tp = 0, fn = 0, fp = 0, tn = 0
        public var precision: Double { tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp) }
        public var recall: Double { tp + fn == 0 ? 0 : Double(tp) / Double(tp + fn) }
        public var accuracy: Double { Double(tp + tn) / Double(max(1, tp + tn + fp + fn)) }
        public var f1: Double { 2 * Double(tp) / Double(max(1, 2 * tp + fp + fn)) }

        public mutating func add(_ other: Score) {
            tp += other.tp; fn += other.fn; fp += other.fp; tn += other.tn
        }
    }

    public let dataDirectory: String
    public init(dataDirectory: String) { self.dataDirectory = dataDirectory }

    /// The pages of `evaldata.json`, with their decompressed HTML (nil when a file is missing).
    public func pages() throws -> [Page] {
        let url = URL(fileURLWithPath: dataDirectory).appendingPathComponent("evaldata.json")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        guard let entries = object as? [String: [String: Any]] else {
            throw ParallaxError(.badJSON, "is not an object of pages", source: url.path)
        }
        return entries.values.compactMap { entry -> Page? in
            guard let file = entry["file"] as? String else { return nil }
            let path = "\(dataDirectory)/html/\(file).gz"
            let html = DocumentReader().documents(path).first.flatMap { doc -> [UInt8]? in
                if case .bytes(let b) = doc.content { return b }
                return nil
            }
            return Page(file: file, with: entry["with"] as? [String] ?? [], without: entry["without"] as? [String] ?? [],
                        html: html)
        }.sorted { $0.file < $1.file }
    }

    /// Scores one page's extracted text.
    public static func score(_ text: String, page: Page) -> Score {
        let haystack = Whitespace.collapse(text)
        var s = Score()
        for snippet in page.with { haystack.contains(Whitespace.collapse(snippet)) ? (s.tp += 1) : (s.fn += 1) }
        for snippet in page.without { haystack.contains(Whitespace.collapse(snippet)) ? (s.fp += 1) : (s.tn += 1) }
        return s
    }

    /// Parallax's text for each page (main text as `parallax extract` gives it) and its detected language.
    public static func extract(_ pages: [Page], pipeline: ArticlePipeline) -> [(text: String, language: String?)] {
        let results = LockedArray<(String, String?)>(count: pages.count, fill: ("", nil))
        DispatchQueue.concurrentPerform(iterations: pages.count) { i in
            guard let html = pages[i].html else { return }
            let document = RawDocument(source: pages[i].file, format: .html, content: .bytes(html))
            if let article = try? pipeline.run(document) {
                results.set(i, (article.paragraphs.joined(separator: "\n"), article.language))
            }
        }
        return results.values.map { (text: $0.0, language: $0.1) }
    }
}

/// A fixed-size array filled from several threads.
final class LockedArray<T>: @unchecked Sendable {
    // Invariant: `storage` is only accessed under `lock`.
    private let lock = NSLock()
    private var storage: [T]

    init(count: Int, fill: T) { storage = Array(repeating: fill, count: count) }

    func set(_ i: Int, _ value: T) {
        lock.lock()
        storage[i] = value
        lock.unlock()
    }

    var values: [T] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
