import Foundation
import Testing
import ParallaxModel
@testable import ParallaxAnalysis

/// Reading files and folders: formats, compression, records, and clear errors for what is not a document.
@Suite struct DocumentReaderTests {
    let dir: URL = {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("parallax-reader-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }()

    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let path = dir.appendingPathComponent(name).path
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    @Test func foldersAreReadRecursivelyKeepingOnlyDocuments() throws {
        _ = write("a.html", Array("<p>x</p>".utf8))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        _ = write("sub/b.txt", Array("text".utf8))
        _ = write("sub/c.jsonl", Array("{}".utf8))
        _ = write("notes.md", Array("# no".utf8))
        _ = write("photo.png", [0x89, 0x50])
        let found = DocumentReader().files(in: [dir.path])
        #expect(found.files.map { ($0 as NSString).lastPathComponent } == ["a.html", "b.txt", "c.jsonl"])
        #expect(found.failures.isEmpty)
    }

    @Test func aMissingPathIsReportedByName() {
        let found = DocumentReader().files(in: ["/no/such/place"])
        #expect(found.failures.first?.source == "/no/such/place")
        #expect(found.failures.first?.code == .unreadable)
    }

    @Test func jsonLinesRecordsCarryTheirMetadata() throws {
        let path = write("feed.jsonl", Array("""
            {"url": "https://example.org/a", "title": "Given title", "text": "Body text of the first record.", "published": "2031-03-10", "outlet": "Example Times"}

            {"html": "<html><body><p>Second record.</p></body></html>"}
            """.utf8))
        let documents = try DocumentReader().read(path).map { try $0.get() }
        #expect(documents.count == 2)
        #expect(documents[0].format == .text)
        #expect(documents[0].given.title == "Given title")
        #expect(documents[0].given.outlet == "Example Times")
        #expect(documents[1].format == .html)
        #expect(documents[1].source.hasSuffix("feed.jsonl#3"))
        let article = try Support.pipeline.run(documents[0])
        #expect(article.format == "json")
        #expect(article.published == "2031-03-10")
        #expect(article.url == "https://example.org/a")
    }

    @Test func aRecordWithoutTextIsAClearError() {
        let path = write("bad.json", Array(#"[{"title": "only a title"}]"#.utf8))
        let error = expectParallaxError("input.bad-json") { _ = try DocumentReader().read(path).first?.get() }
        #expect(error?.message.contains("neither") == true)
    }

    @Test func gzipFilesAreInflated() throws {
        let html = "<html><body><article><p>Compressed page text.</p></article></body></html>"
        let gz = try gzip(Array(html.utf8))
        let documents = try DocumentReader().read(write("page.html.gz", gz))
        guard case .bytes(let bytes) = try documents[0].get().content else { Issue.record("expected bytes"); return }
        #expect(String(decoding: bytes, as: UTF8.self) == html)
    }

    @Test func aDecompressionBombStopsAtTheLimit() throws {
        let bomb = try gzip([UInt8](repeating: 0x20, count: 30 * 1024 * 1024))
        #expect(bomb.count < 200 * 1024)
        expectParallaxError("limits.too-large") { _ = try DocumentReader().read(write("bomb.html.gz", bomb)) }
    }

    @Test func emptyFilesAreNamedInTheError() {
        let path = write("empty.txt", [])
        let error = expectParallaxError("input.empty") { _ = try DocumentReader().read(path) }
        #expect(error?.description.contains("empty.txt") == true)
    }

    /// gzip through the system's `gzip`, so the test does not depend on the code under test.
    func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let input = write("gz-input-\(UUID().uuidString)", bytes)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c", input]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }
}
