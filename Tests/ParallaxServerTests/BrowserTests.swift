import Foundation
import Hummingbird
import NIOCore
import HummingbirdTesting
import Testing
import ParallaxAnalysis
import ParallaxIngest
import ParallaxModel
import ParallaxStore
@testable import ParallaxServer

/// Every page opened in headless Chromium over a live server whose store is full of injection payloads — in titles,
/// bylines, outlet names, quotes, body text, URLs, feed titles, feed URLs and feed errors. Each payload would call a
/// beacon on the test server or change `document.title` if it ran; neither may happen. Screenshots are kept in a
/// temporary folder named in the output; nothing may be written to a page's console (a script error, a refusal by
/// the Content-Security-Policy). Skipped when Chromium is not installed.
@Suite(.serialized) struct BrowserTests {
    static let browser = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    final class Beacon: @unchecked Sendable {
        private let lock = NSLock()
        private var hits: [String] = []
        func hit(_ uri: String) { lock.lock(); hits.append(uri); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return hits }
    }

    /// The store: documents carrying the payloads (a few per document, in every field), and feeds carrying them.
    static func store(beacon: String) throws -> InMemoryStore {
        let payloads = XSSCorpus.payloads.map { $0.replacingOccurrences(of: "BEACON", with: beacon) }
        let store = InMemoryStore()
        let ingestor = Ingestor(articles: ArticlePipeline.standard(dataDirectory: ServerTests.vendor),
                                stories: StoryPipeline.standard(dataDirectory: ServerTests.vendor), store: store)
        var documents: [RawDocument] = []
        for (n, start) in stride(from: 0, to: payloads.count, by: 6).enumerated() {
            let chunk = Array(payloads[start..<min(start + 6, payloads.count)])
            func p(_ i: Int) -> String { chunk[i % chunk.count] }
            let text = """
                The dam above Velmora gave way on Monday morning, officials said, flooding the lower town \(p(0)).
                “The water came in minutes, \(p(1)),” said Ana Lund, the mayor of Velmora, at a press conference.
                Governor Ilse Marten said about \(12_000 + n) people had been evacuated, according to the regional office.
                Engineers warned that the rest of the wall could fail within days \(p(2)).
                The council of Orvik denied that it had been warned, calling the reports “\(p(3))”.
                """
            var d = RawDocument(source: "xss-\(n).txt", format: .text, content: .string(text))
            d.given.title = "Dam breach in Velmora \(p(4)) \(n)"
            d.given.outlet = "Outlet \(n) \(p(5))"
            d.given.byline = p(1)
            d.given.url = n % 2 == 0 ? "https://outlet\(n).example/dam?\(p(0).addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "")"
                                     : "javascript:fetch('\(beacon)')"
            d.given.published = "2031-03-1\(n % 9)"
            documents.append(d)
        }
        var report = Ingestor.Report()
        try ingestor.ingest(documents: documents, into: &report)
        _ = try ingestor.refresh()
        for (i, payload) in payloads.prefix(20).enumerated() {
            var (feed, _) = try store.addFeed(url: "https://feeds\(i).example/rss?x=\(i)", title: payload, interval: 1800)
            feed.lastError = "https://feeds\(i).example/rss: \(payload) [fetch.network]"
            feed.disabledReason = i % 3 == 0 ? payload : nil
            feed.enabled = i % 3 != 0
            try store.saveFeed(feed)
        }
        return store
    }

    @Test("no payload runs in the browser on any page", .enabled(if: browser != nil))
    func payloadsStayInert() async throws {
        let beacon = Beacon()
        let shots = FileManager.default.temporaryDirectory.appendingPathComponent("parallax-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
        // The beacon is a path on the server itself: any request a payload makes lands there.
        let store = try Self.store(beacon: "/beacon")
        let router = Server.router(store: store, options: Server.Options())
        router.get("beacon") { request, _ in beacon.hit(request.uri.description); return "" }
        router.get("beacon/**") { request, _ in beacon.hit(request.uri.description); return "" }
        // A control: a page that lets one payload through unescaped (a meta refresh, which no CSP stops), to show
        // that a payload that gets through is seen.
        router.get("control") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html"],
                     body: .init(byteBuffer: ByteBuffer(string: "<html><head>\(XSSCorpus.payloads.first { $0.hasPrefix("<meta http-equiv=refresh") }!.replacingOccurrences(of: "BEACON", with: "/beacon?control"))</head><body>control</body></html>")))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let base = "http://127.0.0.1:\(port)"
            var pages = ["/", "/feeds", "/?q=Velmora"]
            pages += try store.stories(since: nil).map { "/stories/\($0.id)" }
            pages += (1...(try store.stats().articles)).map { "/articles/\($0)" }
            pages += ["/outlets"] + (try store.outlets().map { URLText.outlet($0.name) })
            #expect(pages.count >= 24)
            var failures: [String] = []
            for (i, page) in pages.enumerated() {
                var (dom, ok, console) = try Self.chromium(base + page, screenshot: shots.appendingPathComponent("page-\(i).png").path)
                // Once more when Chromium did not finish: with the whole suite running, the machine can be too busy
                // for a browser to start and load in a minute (what is tested is what runs, not how fast).
                if !ok { (dom, ok, console) = try Self.chromium(base + page, screenshot: shots.appendingPathComponent("page-\(i).png").path,
                                                                limit: 180) }
                if !console.isEmpty { failures.append("\(page): console: \(console.prefix(3))") }
                if !ok { failures.append("\(page): Chromium did not finish") }
                if dom.contains("<title>XSS</title>") { failures.append("\(page): document.title was changed") }
                if !dom.contains("</html>") { failures.append("\(page): no page") }
            }
            try await Task.sleep(nanoseconds: 500_000_000)
            #expect(failures.isEmpty, "\(failures)")
            #expect(beacon.all.isEmpty, "a payload reached the beacon: \(beacon.all.prefix(5))")
            _ = try Self.chromium(base + "/control", screenshot: shots.appendingPathComponent("control.png").path)
            try await Task.sleep(nanoseconds: 500_000_000)
            #expect(beacon.all.contains { $0.contains("control") }, "the control payload was not seen: the check cannot fail")
            print("browser: \(pages.count) pages, \(XSSCorpus.payloads.count) payloads, 0 ran; screenshots in \(shots.path)")
        }
    }

    /// The page's DOM after load (`--dump-dom`), with a screenshot on the side; bounded to `limit` seconds.
    static func chromium(_ url: String, screenshot: String, limit: Double = 60) throws -> (dom: String, finished: Bool, console: [String]) {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("parallax-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: profile) }
        func run(_ extra: [String]) throws -> (String, Bool, [String]) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: browser!)
            process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                 "--user-data-dir=\(profile.path)", "--virtual-time-budget=3000",
                                 "--enable-logging=stderr", "--v=0"] + extra + [url]
            // Output to a file, not a pipe: a page's DOM can be larger than a pipe holds.
            let file = profile.appendingPathComponent("out-\(UUID().uuidString).html")
            FileManager.default.createFile(atPath: file.path, contents: nil)
            let out = try FileHandle(forWritingTo: file)
            defer { try? out.close() }
            let logFile = profile.appendingPathComponent("log-\(UUID().uuidString).txt")
            FileManager.default.createFile(atPath: logFile.path, contents: nil)
            let log = try FileHandle(forWritingTo: logFile)
            defer { try? log.close() }
            process.standardOutput = out
            process.standardError = log
            try process.run()
            let deadline = Date().addingTimeInterval(limit)
            while process.isRunning, Date() < deadline { usleep(50_000) }
            let finished = !process.isRunning
            if !finished { process.terminate() }
            process.waitUntilExit()
            // What the page wrote to its console (errors, CSP refusals): Chromium logs each as a CONSOLE line.
            let console = String(decoding: (try? Data(contentsOf: logFile)) ?? Data(), as: UTF8.self)
                .split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
            return (String(decoding: (try? Data(contentsOf: file)) ?? Data(), as: UTF8.self), finished, console)
        }
        let (dom, ok, console) = try run(["--dump-dom"])
        _ = try run(["--window-size=1280,1600", "--screenshot=\(screenshot)"])
        return (dom, ok, console)
    }
}

