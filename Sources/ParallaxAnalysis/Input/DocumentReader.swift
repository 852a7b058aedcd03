import Foundation
import ParallaxModel

/// Finds input documents in files and folders and reads them into `RawDocument`s: HTML pages (`.html`,
/// `.htm`, optionally gzipped), text dumps (`.txt`, `.text`, optionally gzipped) and JSON / JSONL records.
public struct DocumentReader: Sendable {
    /// Cap on bytes per document after decompression: 20 MiB, as trafilatura's download cap.
    public var maxBytes = 20 * 1024 * 1024
    /// Reads a saved feed (`.rss`, `.atom`, `.xml`, or a file that starts like one) into a document per item;
    /// set by drivers that link the feed reader (ParallaxFeeds). Without it such files are read as pages.
    public var feeds: (@Sendable (_ bytes: [UInt8], _ source: String) throws -> [Result<RawDocument, ParallaxError>])?

    public init() {}

    static let htmlExtensions: Set<String> = ["html", "htm", "xhtml", "shtml"]
    static let textExtensions: Set<String> = ["txt", "text"]
    static let recordExtensions: Set<String> = ["json", "jsonl", "ndjson"]
    static let feedExtensions: Set<String> = ["rss", "atom", "xml", "rdf"]

    /// Files under the given paths, recursively and sorted; folders contribute only files with a known
    /// extension, while files named explicitly are always taken (and sniffed if their extension is unknown).
    /// Names that are not UTF-8 are given in the escaped form `InputFiles` reads back.
    public func files(in paths: [String]) -> (files: [String], failures: [ParallaxError]) {
        var files: [String] = []
        var failures: [ParallaxError] = []
        for path in paths {
            switch InputFiles.kind(path) {
            case .directory:
                let found = InputFiles.walk(path) { Self.kind(of: $0) != nil }
                files += found.files
                failures += found.failures
            case .file:
                files.append(path)
            case .other(let what), .missing(let what):
                failures.append(ParallaxError(.unreadable, what, source: path))
            }
        }
        return (files, failures)
    }

    enum Kind { case html, text, records, feed }

    static func kind(of path: String) -> Kind? {
        var ext = (path as NSString).pathExtension.lowercased()
        if ext == "gz" { ext = ((path as NSString).deletingPathExtension as NSString).pathExtension.lowercased() }
        if htmlExtensions.contains(ext) { return .html }
        if textExtensions.contains(ext) { return .text }
        if recordExtensions.contains(ext) { return .records }
        if feedExtensions.contains(ext) { return .feed }
        return nil
    }

    /// Reads one file into documents (a JSON file may hold many, each of which may fail on its own). Errors
    /// name the file (and the record) and what is wrong.
    public func read(_ path: String) throws -> [Result<RawDocument, ParallaxError>] {
        var bytes = try InputFiles.read(path, limit: maxBytes)
        if bytes.isEmpty { throw ParallaxError(.empty, "the file is empty", source: path) }
        if Gzip.isGzip(bytes) { bytes = try Gzip.inflate(bytes, limit: maxBytes, source: path) }
        var kind = Self.kind(of: path) ?? Self.sniff(bytes)
        if kind == .html, feeds != nil, Self.looksLikeFeed(bytes) { kind = .feed }
        if kind == .records, feeds != nil, Self.looksLikeJSONFeed(bytes) { kind = .feed }
        switch kind {
        case .feed:
            guard let feeds else { return [.success(RawDocument(source: path, format: .html, content: .bytes(bytes)))] }
            return try feeds(bytes, path)
        case .html: return [.success(RawDocument(source: path, format: .html, content: .bytes(bytes)))]
        case .text: return [.success(RawDocument(source: path, format: .text, content: .bytes(bytes)))]
        case .records: return try JSONRecords.documents(from: bytes, source: path)
        }
    }

    /// The documents of a file that could be read, without the reasons for the others.
    public func documents(_ path: String) -> [RawDocument] {
        ((try? read(path)) ?? []).compactMap { try? $0.get() }
    }

    /// A feed saved under a page's name: its first element (past the XML declaration, comments and a DOCTYPE)
    /// is `rss`, `feed` or `rdf:RDF`.
    static func looksLikeFeed(_ bytes: [UInt8]) -> Bool {
        var head = Substring(String(decoding: bytes.prefix(4096), as: UTF8.self))
        while true {
            head = head.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
            let close: String
            if head.hasPrefix("<?") { close = "?>" } else if head.hasPrefix("<!--") { close = "-->" }
            else if head.hasPrefix("<!") { close = ">" } else { break }
            guard let end = head.range(of: close) else { return false }
            head = head[end.upperBound...]
        }
        return ["<rss", "<feed", "<rdf:RDF"].contains { tag in
            head.hasPrefix(tag) && head.dropFirst(tag.count).first.map { $0.isWhitespace || $0 == ">" || $0 == "/" } == true
        }
    }

    /// A JSON Feed saved as `.json`: its `version` names jsonfeed.org.
    static func looksLikeJSONFeed(_ bytes: [UInt8]) -> Bool {
        String(decoding: bytes.prefix(2048), as: UTF8.self).contains("jsonfeed.org/version/")
    }

    /// Unknown extension: markup if it starts like markup, JSON if it starts like JSON, else text.
    static func sniff(_ bytes: [UInt8]) -> Kind {
        let head = bytes.prefix(512).drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
        switch head.first {
        case UInt8(ascii: "<"): return .html
        case UInt8(ascii: "{"), UInt8(ascii: "["): return .records
        default: return .text
        }
    }
}

/// JSON and JSON Lines records: `{url, title, html | text, published, outlet, byline}`, any subset. Each record
/// stands alone: a bad one is an error of its own (`file#3`), and the others are read.
enum JSONRecords {
    /// Nesting deeper than this is refused before parsing: no news record needs it, and the parser recurses.
    static let maxDepth = 512

    /// Bad lines of one JSON Lines file named one by one; past this many, the rest are counted in one message.
    static let maxLineErrors = 100

    static func documents(from bytes: [UInt8], source: String) throws -> [Result<RawDocument, ParallaxError>] {
        let data = Data(bytes)
        let deep = tooDeep(bytes[...])
        // Too deep as a whole: an error for the file, unless it is JSON Lines, whose lines are judged one by one.
        if let deep, bytes.split(separator: 0x0A).filter({ !$0.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }).count <= 1 {
            throw ParallaxError(.tooDeep, "nests JSON deeper than \(maxDepth) levels (at byte \(deep))", source: source)
        }
        if deep == nil, let whole = try? JSONSerialization.jsonObject(with: data) {
            guard let array = whole as? [Any] else { return [record(whole, source: source)] }
            if array.isEmpty { throw ParallaxError(.badJSON, "holds an empty JSON array", source: source) }
            return array.enumerated().map { i, object in record(object, source: "\(source)#\(i + 1)") }
        }
        // JSON Lines: one record per non-empty line.
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
            .map { ($0, $1.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) }.filter { !$0.1.isEmpty }
        if lines.isEmpty { throw ParallaxError(.badJSON, "holds no JSON records", source: source) }
        if lines.count == 1 { throw ParallaxError(.badJSON, "is not valid JSON", source: source) }
        var results: [Result<RawDocument, ParallaxError>] = []
        var bad = 0
        for (i, line) in lines {
            let name = "\(source)#\(i + 1)"
            let failure: ParallaxError
            if let deep = tooDeep(line) {
                failure = ParallaxError(.tooDeep, "line \(i + 1) nests JSON deeper than \(maxDepth) levels (at byte \(deep))",
                                        source: name)
            } else if let object = try? JSONSerialization.jsonObject(with: Data(line)) {
                results.append(record(object, source: name))
                continue
            } else {
                failure = ParallaxError(.badJSON, "line \(i + 1) is not valid JSON", source: name)
            }
            bad += 1
            if bad <= maxLineErrors { results.append(.failure(failure)) }
        }
        if bad > maxLineErrors {
            results.append(.failure(ParallaxError(.badJSON, "\(bad - maxLineErrors) more lines are not valid JSON", source: source)))
        }
        return results
    }

    static func record(_ object: Any, source: String) -> Result<RawDocument, ParallaxError> {
        Result { try document(object, source: source) }.mapError {
            $0 as? ParallaxError ?? ParallaxError(.badJSON, "\($0)", source: source)
        }
    }

    /// The byte offset where nesting first passes `maxDepth`, brackets inside strings aside; nil if it never does.
    static func tooDeep<Bytes: Collection>(_ bytes: Bytes) -> Int? where Bytes.Element == UInt8, Bytes.Index == Int {
        var depth = 0
        var inString = false
        var escaped = false
        for (i, byte) in zip(bytes.indices, bytes) {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true }
                else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maxDepth { return i }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }

    static func document(_ object: Any, source: String) throws -> RawDocument {
        guard let record = object as? [String: Any] else {
            throw ParallaxError(.badJSON, "a record is not a JSON object", source: source)
        }
        func field(_ key: String) -> String? { (record[key] as? String).flatMap { $0.isEmpty ? nil : $0 } }
        for key in ["html", "text", "content", "body", "url", "link", "title", "published", "date", "published_at",
                    "outlet", "source_name", "site", "byline", "author"] {
            if let value = record[key], !(value is String), !(value is NSNull) {
                throw ParallaxError(.badJSON, "field `\(key)` is \(JSONRecords.kind(of: value)), not a string", source: source)
            }
        }
        var document: RawDocument
        if let html = field("html") {
            document = RawDocument(source: source, format: .html, content: .string(html))
        } else if let text = field("text") ?? field("content") ?? field("body") {
            document = RawDocument(source: source, format: .text, content: .string(text))
        } else {
            throw ParallaxError(.badJSON, "record has neither `html` nor `text`", source: source)
        }
        document.fromRecord = true
        document.given.url = field("url") ?? field("link")
        document.given.title = field("title")
        document.given.published = field("published") ?? field("date") ?? field("published_at")
        document.given.outlet = field("outlet") ?? field("source_name") ?? field("site")
        document.given.byline = field("byline") ?? field("author")
        return document
    }

    static func kind(of value: Any) -> String {
        switch value {
        case is [Any]: return "an array"
        case is [String: Any]: return "an object"
        case is NSNumber: return "a number or boolean"
        default: return "not text"
        }
    }
}
