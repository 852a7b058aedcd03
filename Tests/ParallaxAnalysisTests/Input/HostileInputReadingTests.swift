import Foundation
import Testing
import ParallaxModel
@testable import ParallaxAnalysis

#if canImport(Glibc)
import Glibc
#endif

/// Issue 19: inputs a hostile user builds — bad records among good ones, names that are not UTF-8, things that
/// are not files, JSON nested 100,000 deep, control characters meant for a terminal, a damaged vector cache.
@Suite struct HostileInputReadingTests {
    let dir: URL = {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("parallax-hostile-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }()

    func write(_ name: String, _ text: String) -> String {
        let path = dir.appendingPathComponent(name).path
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    static let good = #"{"title": "Flooding in the valley", "text": "Heavy rain flooded the valley on Monday."}"#

    @Test func aBadRecordInAnArrayIsItsOwnErrorAndTheOthersAreRead() throws {
        let path = write("three.json", "[\(Self.good), {\"html\": 123}, \(Self.good)]")
        let read = try DocumentReader().read(path)
        #expect(read.count == 3)
        #expect((try? read[0].get()) != nil && (try? read[2].get()) != nil)
        guard case .failure(let error) = read[1] else { Issue.record("record 2 should fail"); return }
        #expect(error.source?.hasSuffix("three.json#2") == true)
        #expect(error.message.contains("`html`") && error.message.contains("not a string"))
    }

    @Test func aBadLineInJSONLinesIsItsOwnErrorAndTheOthersAreRead() throws {
        let path = write("lines.jsonl", "\(Self.good)\n{not json\n\n\(Self.good)\n")
        let read = try DocumentReader().read(path)
        #expect(read.count == 3)
        #expect(read.compactMap { try? $0.get() }.map(\.source).map { $0.components(separatedBy: "#").last } == ["1", "4"])
        guard case .failure(let error) = read[1] else { Issue.record("line 2 should fail"); return }
        #expect(error.description.contains("lines.jsonl#2") && error.message.contains("line 2"))
    }

    @Test func jsonNestedTooDeepSaysSo() throws {
        let path = write("deep.json", String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000))
        let error = expectParallaxError("limits.too-deep") { _ = try DocumentReader().read(path) }
        #expect(error?.message.contains("deeper than 512") == true)
        // One bracket per line cannot slip past the check, and 100,000 bad lines are not 100,000 messages.
        let lines = write("lines.jsonl", String(repeating: "[\n", count: 100_000) + Self.good + "\n")
        let read = try DocumentReader().read(lines)
        #expect(read.count == JSONRecords.maxLineErrors + 2)
        #expect(read.compactMap { try? $0.get() }.count == 1)
        guard case .failure(let summary) = read.last else { Issue.record("expected a summary"); return }
        #expect(summary.message == "99900 more lines are not valid JSON")
        // Brackets inside strings are text, not nesting.
        let text = String(repeating: "[", count: 2_000)
        let fine = write("brackets.json", #"{"title": "t", "text": "\#(text)"}"#)
        #expect((try? DocumentReader().read(fine).first?.get()) != nil)
    }

    @Test func aFileWhoseNameIsNotUTF8IsReadAndNamedEscaped() throws {
        var raw = Array(dir.path.utf8) + Array("/caf".utf8) + [0xE9] + Array(".txt".utf8)
        raw.append(0)
        let fd = open(raw.map { CChar(bitPattern: $0) }, O_WRONLY | O_CREAT, 0o644)
        #expect(fd >= 0)
        let text = Array("Heavy rain flooded the valley on Monday.".utf8)
        _ = Glibc.write(fd, text, text.count)
        close(fd)
        let found = DocumentReader().files(in: [dir.path])
        #expect(found.failures.isEmpty)
        let name = try #require(found.files.first)
        #expect(name.hasSuffix("/caf\\xE9.txt"))
        let read = try DocumentReader().read(name)
        guard case .bytes(let bytes) = try read[0].get().content else { Issue.record("expected bytes"); return }
        #expect(bytes == text)
    }

    @Test func namesWithControlCharactersOrBackslashesRoundTrip() {
        for raw: [UInt8] in [Array("a\u{1B}]0;x\u{07}.txt".utf8), Array("back\\xslash.txt".utf8), [0x66, 0xFF, 0x5C, 0x78]] {
            let name = InputFiles.name(raw)
            #expect(!name.unicodeScalars.contains(where: ControlCharacters.isControl))
            #expect(InputFiles.bytes(name) == raw)
        }
        #expect(InputFiles.name(Array("plain é.txt".utf8)) == "plain é.txt")
    }

    @Test func aFileLiterallyNamedWithABackslashXIsOpenedByThatName() throws {
        let path = write("a\\x41.txt", "Heavy rain flooded the valley on Monday.")
        #expect(try DocumentReader().read(path).count == 1)
    }

    @Test(.timeLimit(.minutes(1))) func thingsThatAreNotFilesSayWhatTheyAre() throws {
        let link = dir.appendingPathComponent("dangling.txt").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/no/such/target")
        let fifo = dir.appendingPathComponent("pipe.txt").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let found = DocumentReader().files(in: [dir.path, "/dev/null"])
        #expect(found.failures.map(\.message) == ["is a device, not a file"])
        var messages: [String] = []
        for file in found.files {
            do { _ = try DocumentReader().read(file) } catch let error as ParallaxError { messages.append(error.message) }
        }
        // The FIFO is never opened for reading: no writer, and the read does not block.
        #expect(messages.sorted() == ["is a named pipe (FIFO), not a file",
                                      "is a symbolic link to nothing (its target does not exist)"])
    }

    @Test func controlCharactersInARecordNeverReachTheArticle() throws {
        let record = #"{"title": "\u001b]0;PWNED\u0007Title\u001b[2J", "outlet": "Out\u009blet", "byline": "By \u001b[31mRed", "#
            + #""url": "https://example.org/\u0007a", "text": "Heavy rain \u001b]0;X\u0007flooded the valley on Monday.\u0085 The mayor said 300 homes were damaged."}"#
        let path = write("esc.json", record)
        let article = try Support.pipeline.run(try DocumentReader().read(path)[0].get())
        for field in [article.title, article.outlet, article.byline, article.url] {
            #expect(field?.unicodeScalars.contains(where: ControlCharacters.isControl) == false, "\(field ?? "")")
        }
        // The body keeps line breaks (NEL became one), nothing else.
        let actsOnTerminal = { (s: Unicode.Scalar) in ControlCharacters.isControl(s) && s != "\n" && s != "\t" }
        #expect(!article.text.unicodeScalars.contains(where: actsOnTerminal))
        #expect(article.title == "]0;PWNEDTitle[2J")
        #expect(!article.sentences.map(\.text).joined().unicodeScalars.contains(where: actsOnTerminal))
    }

    @Test func controlCharactersFromHTMLEntitiesAreDropped() throws {
        let html = "<html><head><title>Ti&#x9b;2Jtle</title></head><body><article><p>Heavy rain flooded the valley "
            + "&#x85;on Monday, and the mayor said 300 homes were damaged across the region.</p></article></body></html>"
        let article = try Support.analyse(html: html)
        #expect(article.title == "Ti2Jtle")
        #expect(!article.text.unicodeScalars.contains(where: ControlCharacters.isControl))
    }

    @Test func oneLineFieldsAreBounded() throws {
        let title = String(repeating: "Flood ", count: 100_000)
        let url = "https://example.org/" + String(repeating: "a", count: 10_000)
        let record = #"{"title": "\#(title)", "url": "\#(url)", "text": "Heavy rain flooded the valley on Monday."}"#
        let article = try Support.pipeline.run(try DocumentReader().read(write("big.json", record))[0].get())
        #expect(article.title?.count == 1000)
        #expect(article.url == nil)
        #expect(article.warnings.contains("the title was over 1000 characters: cut"))
        #expect(article.warnings.contains("the url was over 8192 characters: dropped"))
    }

    @Test func terminalEscapingShowsControlsAndKeepsLines() {
        #expect(ControlCharacters.escaped("a\u{1B}[2Jb\u{07}\nc\u{9B}") == "a\\x1B[2Jb\\x07\nc\\u{009B}")
        #expect(ControlCharacters.stripped("a\u{1B}b\tc\u{85}d\n", singleLine: true) == "ab c d ")
        #expect(ControlCharacters.stripped("a\u{85}b\r\nc") == "a\nb\nc")
        #expect(ControlCharacters.stripped("a\u{85}b\u{9B}c\u{7F}é") == "a\nbcé")
    }

    @Test func aPublishedValueThatIsNotADateIsNotKept() {
        #expect(HTMLMetadataReader.normaliseDate("\"><script>alert(1)</script>") == nil)
        #expect(HTMLMetadataReader.normaliseDate("2031-03-10\"><script>alert(1)</script>") == "2031-03-10")
        #expect(HTMLMetadataReader.normaliseDate("2031-03-10T10:00:00+02:00") == "2031-03-10T10:00:00+02:00")
        #expect(HTMLMetadataReader.normaliseDate("2031-03-10T10:00:00.123Z") == "2031-03-10T10:00:00.123Z")
        #expect(HTMLMetadataReader.normaliseDate("Tue, 14 Mar 2031 10:00:00 GMT") == "2031-03-14")
    }

    @Test func aLoneInvalidSequenceInAnASCIIPageIsOneReplacementNotWindows1252() throws {
        let bytes = Array("<p>The bridge col".utf8) + [0xC0, 0xAF] + Array("lapsed on Monday.</p>".utf8)
        let decoded = try ICUCharsetDecoder().decode(bytes, markup: true, source: "t.html")
        #expect(decoded.charset == "UTF-8")
        #expect(decoded.text.contains("col\u{FFFD}lapsed"))
        // One curly quote (0x92) in English text is windows-1252 punctuation, and stays so.
        let quote = Array("<p>The mayor said it".utf8) + [0x92] + Array("s over, and the river fell.</p>".utf8)
        let decodedQuote = try ICUCharsetDecoder().decode(quote, markup: true, source: "q.html")
        #expect(decodedQuote.text.contains("it\u{2019}s"))
        // Nor does one Latin-1 letter or sign in an undeclared text become a replacement character.
        for (byte, expected) in [(UInt8(0xFC), "Z\u{FC}rich"), (0xA3, "\u{A3}5m")] {
            let text = Array("The council in ".utf8) + (byte == 0xFC ? [0x5A, byte] + Array("rich".utf8) : [byte] + Array("5m".utf8))
                + Array(" said the budget would rise next year, officials said on Monday.".utf8)
            let decoded = try ICUCharsetDecoder().decode(text, markup: false, source: "l.txt")
            #expect(decoded.text.contains(expected), "\(decoded.charset): \(decoded.text)")
        }
    }

    @Test func embeddedTextsAreCutToWhatTheModelReads() {
        let long = String(repeating: "é", count: 5_000)
        let head = E5Embedder.head(long)
        #expect(head.utf8.count <= E5Embedder.maxTextBytes && head.utf8.count >= E5Embedder.maxTextBytes - 1)
        #expect(head.unicodeScalars.allSatisfy { $0 == "é" })
        #expect(E5Embedder.head("short") == "short")
    }

    @Test func aSentenceOfTenThousandNumbersGivesNoFiguresAndIsSaid() {
        let numbers = (0..<10_000).map { String(1000 + $0 * 7) }.joined(separator: " ")
        let article = Support.read("Officials said the counts were \(numbers) people. The mayor said 300 homes were damaged.",
                                   language: "en")
        #expect(article.figures.map(\.value) == [300])
        #expect(article.warnings.contains { $0.contains("was not read for claims or figures") })
    }

    @Test func aMainTextOverTheLimitIsReportedAndSkipped() {
        var pipeline = Support.pipeline
        pipeline.configuration.maxTextCharacters = 10_000
        let text = String(repeating: "The river rose again in the night and the town waited. ", count: 400)
        let error = expectParallaxError("limits.too-large") {
            _ = try pipeline.run(RawDocument(source: "long.txt", format: .text, content: .string(text)))
        }
        #expect(error?.message.contains("over the limit of 10000") == true)
    }
}

/// The vectors kept between runs: saved as they are made, a damaged tail cut off and said once.
@Suite final class VectorFileTests {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("parallax-vectors-\(UUID().uuidString).bin")

    deinit { try? FileManager.default.removeItem(at: url) }

    func records(_ keys: Range<UInt64>) -> [(UInt64, [Float])] { keys.map { ($0, [Float(Int($0)), 0.5, -1]) } }

    @Test func vectorsAppendedAreLoaded() {
        let file = VectorFile(url: url, dimension: 3)
        file.append(records(0..<5))
        file.append(records(5..<8))
        let loaded = file.load()
        #expect(loaded.warning == nil)
        #expect(loaded.vectors.count == 8)
        #expect(loaded.vectors[6] == [6, 0.5, -1])
    }

    @Test func aStrayByteOrAHalfWrittenRecordIsCutOffAndSaidOnce() throws {
        let file = VectorFile(url: url, dimension: 3)
        file.append(records(0..<4))
        let handle = try FileHandle(forWritingTo: url)
        handle.seekToEndOfFile()
        handle.write(Data([0x41]))
        try handle.close()
        let first = file.load()
        #expect(first.vectors.count == 4)
        #expect(first.warning?.contains("damaged") == true)
        let again = file.load()
        #expect(again.vectors.count == 4 && again.warning == nil, "the tail was cut: said once")
        // New records after the repair are kept.
        file.append(records(4..<6))
        #expect(file.load().vectors.count == 6)
        // A record whose bytes were changed is not trusted, nor anything after it.
        var data = try Data(contentsOf: url)
        data[VectorFile.headerBytes + 2 * file.recordBytes + 9] ^= 0xFF
        try data.write(to: url)
        #expect(file.load().vectors.count == 2)
    }

    @Test func aFileOfAnotherFormatStartsAfresh() throws {
        try Data(repeating: 7, count: 1000).write(to: url)
        let file = VectorFile(url: url, dimension: 3)
        #expect(file.load().warning?.contains("not in the expected format") == true)
        file.append(records(0..<2))
        #expect(file.load().vectors.count == 2)
    }

    @Test func theSizeCapAppliesToEveryFile() {
        var file = VectorFile(url: url, dimension: 3)
        file.append(records(0..<100))
        file.maxBytes = 200
        #expect(file.load().vectors.isEmpty)
        #expect((try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) == 0)
        file.append(records(0..<2))
        #expect(file.load().vectors.count == 2)
    }
}
