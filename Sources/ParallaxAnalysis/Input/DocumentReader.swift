import Foundation
import ParallaxModel

/// Finds input documents in files and folders and reads them into `RawDocument`s: HTML pages (`.html`,
/// `.htm`, optionally gzipped), text dumps (`.txt`, `.text`, optionally gzipped) and JSON / JSONL records.
public struct DocumentReader: Sendable {
    /// Cap on bytes per document after decompression: 20 MiB, as trafilatura's download cap.
    public var maxBytes = 20 * 1024 * 1024

    public init() {}

    static let htmlExtensions: Set<String> = ["html", "htm", "xhtml", "shtml"]
    static let textExtensions: Set<String> = ["txt", "text"]
    static let recordExtensions: Set<String> = ["json", "jsonl", "ndjson"]

    /// Files under the given paths, recursively and sorted; folders contribute only files with a known
    /// extension, while files named explicitly are always taken (and sniffed if their extension is unknown).
    public func files(in paths: [String]) -> (files: [String], failures: [ParallaxError]) {
        var files: [String] = []
        var failures: [ParallaxError] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                failures.append(ParallaxError(.unreadable, "no such file or folder", source: path))
                continue
            }
            guard isDirectory.boolValue else { files.append(path); continue }
            guard let walker = fm.enumerator(atPath: path) else { continue }
            var found: [String] = []
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") { continue }
                if Self.kind(of: relative) != nil { found.append((path as NSString).appendingPathComponent(relative)) }
            }
            files.append(contentsOf: found.sorted())
        }
        return (files, failures)
    }

    enum Kind { case html, text, records }

    static func kind(of path: String) -> Kind? {
        var ext = (path as NSString).pathExtension.lowercased()
        if ext == "gz" { ext = ((path as NSString).deletingPathExtension as NSString).pathExtension.lowercased() }
        if htmlExtensions.contains(ext) { return .html }
        if textExtensions.contains(ext) { return .text }
        if recordExtensions.contains(ext) { return .records }
        return nil
    }

    /// Reads one file into documents (a JSON file may hold many). Errors name the file and what is wrong.
    public func read(_ path: String) throws -> [RawDocument] {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? Int, size > maxBytes {
            throw ParallaxError(.tooLarge, "is \(size) bytes, over the \(maxBytes)-byte limit", source: path)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ParallaxError(.unreadable, "cannot be read (permissions?)", source: path)
        }
        var bytes = [UInt8](data)
        if bytes.isEmpty { throw ParallaxError(.empty, "the file is empty", source: path) }
        if Gzip.isGzip(bytes) { bytes = try Gzip.inflate(bytes, limit: maxBytes, source: path) }
        switch Self.kind(of: path) ?? Self.sniff(bytes) {
        case .html: return [RawDocument(source: path, format: .html, content: .bytes(bytes))]
        case .text: return [RawDocument(source: path, format: .text, content: .bytes(bytes))]
        case .records: return try JSONRecords.documents(from: bytes, source: path)
        }
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

/// JSON and JSON Lines records: `{url, title, html | text, published, outlet, byline}`, any subset.
enum JSONRecords {
    static func documents(from bytes: [UInt8], source: String) throws -> [RawDocument] {
        let data = Data(bytes)
        if let whole = try? JSONSerialization.jsonObject(with: data) {
            let objects = (whole as? [Any]) ?? [whole]
            return try objects.enumerated().map { i, object in
                try document(object, source: whole is [Any] ? "\(source)#\(i + 1)" : source)
            }
        }
        // JSON Lines: one record per non-empty line.
        var documents: [RawDocument] = []
        for (i, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            if trimmed.isEmpty { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed)) else {
                throw ParallaxError(.badJSON, "line \(i + 1) is not valid JSON", source: source)
            }
            documents.append(try document(object, source: "\(source)#\(i + 1)"))
        }
        if documents.isEmpty { throw ParallaxError(.badJSON, "holds no JSON records", source: source) }
        return documents
    }

    static func document(_ object: Any, source: String) throws -> RawDocument {
        guard let record = object as? [String: Any] else {
            throw ParallaxError(.badJSON, "a record is not a JSON object", source: source)
        }
        func field(_ key: String) -> String? { (record[key] as? String).flatMap { $0.isEmpty ? nil : $0 } }
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
}
