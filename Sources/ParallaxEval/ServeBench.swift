import Foundation
import Hummingbird
import Logging
import ParallaxAnalysis
import ParallaxIngest
import ParallaxModel
import ParallaxServer
import ParallaxSQLite
import ParallaxStore

/// `parallax bench serve`: the server under load. A SQLite store is filled with `articles` copies of the corpus's
/// analysed articles (1,000 a day, synthetic vectors around 2,000 topics, so no model time), every story's dossier
/// made; the server runs in this process on loopback, and `wrk` (Debian's) loads the pages (story list, filtered
/// list, the largest story, an article, the outlet with most reports) and the API (story list, dossier, article,
/// outlet profile) in turn: requests per second and latency percentiles.
public enum ServeBench {
    public struct Options: Sendable {
        public var articles = 10_000
        public var seconds = 10
        public var connections = 32
        public init() {}
    }

    public static func run(base: [Article], articles: ArticlePipeline, stories: StoryPipeline, options: Options,
                           log: @escaping @Sendable (String) -> Void) async throws -> String {
        guard let wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return "skipped: wrk not found (Debian: apt-get install wrk)"
        }
        guard !base.isEmpty else { return "skipped: no articles to fill the store with" }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parallax-servebench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("serve.db").path)
        var ingestor = Ingestor(articles: articles, stories: stories, store: store)
        ingestor.chunkSize = 1000
        var filler = Filler(base: base, stories: stories)
        log("filling the store with \(options.articles) articles and making every dossier")
        let fill = try Timing.throwing {
            var stored = 0
            while stored < options.articles {
                let n = min(1000, options.articles - stored)
                _ = try ingestor.place(filler.next(n))
                stored += n
            }
            _ = try ingestor.refresh()
        }
        let stats = try store.stats()
        let summaries = try store.stories(since: nil)
        let biggest = summaries.max { $0.articles < $1.articles }?.id ?? "s1"
        let outlet = (try store.outlets().first?.name ?? "none")
            .addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "none"

        var tables: [String] = []
        // Each route twice: every answer made afresh (no cache), then as served (answers kept up to 5 s).
        for cacheSeconds in [0.0, Server.Options().cacheSeconds] {
            let port = 18_000 + Int.random(in: 0..<2000)
            var serverOptions = Server.Options()
            serverOptions.port = port
            serverOptions.cacheSeconds = cacheSeconds
            var logger = Logger(label: "parallax-bench")
            logger.logLevel = .critical
            let app = Server.application(store: store, options: serverOptions, logger: logger)
            let server = Task { try await app.runService() }
            let base = "http://127.0.0.1:\(port)"
            try await Task.sleep(nanoseconds: 1_000_000_000)  // the server is listening well within a second
            var table = TextTable(["route", "1 conn: p50 ms", "requests/s", "p50 ms", "p90 ms", "p99 ms", "errors"])
            for (name, path) in [("story list (HTML)", "/"), ("story list, filtered (HTML)", "/?status=disputed&language=en"),
                                 ("story page (HTML, largest story)", "/stories/\(biggest)"),
                                 ("article page (HTML, marked up)", "/articles/1"),
                                 ("outlet page (HTML, most reports)", "/outlets/\(outlet)"),
                                 ("API story list", "/api/v1/stories"), ("API dossier (largest story)", "/api/v1/stories/\(biggest)"),
                                 ("API article", "/api/v1/articles/1"), ("API outlet profile", "/api/v1/outlets/\(outlet)")] {
                log("wrk \(path)\(cacheSeconds > 0 ? " (cached)" : "")")
                // One connection first: what a single reader waits for (made afresh each time when the cache is off).
                let alone = try Wrk.run(wrk, url: base + path, seconds: 2, connections: 1)
                let result = try Wrk.run(wrk, url: base + path, seconds: options.seconds, connections: options.connections)
                // Requests still in the server when wrk stops finish before the next route is measured.
                for _ in 0..<60 where (try Wrk.run(wrk, url: base + "/healthz", seconds: 1, connections: 1).p50Milliseconds ?? 99) > 5 {}
                table.add([name, alone.p50, String(format: "%.0f", result.rate), result.p50, result.p90,
                           result.p99, "\(result.errors)"])
            }
            server.cancel()
            _ = try? await server.value
            tables += [cacheSeconds > 0 ? "as served (answers kept up to \(Int(cacheSeconds)) s):" : "every answer made afresh (cache off):",
                       "", table.render(), ""]
        }
        let largest = summaries.first { $0.id == biggest }?.articles ?? 0
        let head: String = "serve — Hummingbird 2 in this process on loopback, wrk -t2 -c\(options.connections) -d\(options.seconds)s "
            + "(both on the same 2 cores); SQLite store of \(stats.articles) articles in \(stats.stories) stories "
            + "(filled and every dossier made, without embeddings, in \(String(format: "%.0f", fill)) s; "
            + "largest story \(biggest): \(largest) reports)"
        let lines: [String] = [head, ""] + tables + ["peak RSS \(PeakMemory.megabytes()) MB (this process: store, server)"]
        return lines.joined(separator: "\n")
    }
}

/// One `wrk` run, its summary read from its output.
enum Wrk {
    struct Result {
        var rate: Double
        var p50: String
        var p90: String
        var p99: String
        var errors: Int

        var p50Milliseconds: Double? { Double(p50) }
    }

    static func run(_ wrk: String, url: String, seconds: Int, connections: Int) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrk)
        process.arguments = ["-t\(min(2, connections))", "-c\(connections)", "-d\(seconds)s", "--latency",
                             "--timeout", connections == 1 ? "30s" : "5s", url]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return parse(String(decoding: data, as: UTF8.self))
    }

    /// Reads "Requests/sec:", the "Latency Distribution" lines (as milliseconds) and error counts.
    static func parse(_ output: String) -> Result {
        var result = Result(rate: 0, p50: "—", p90: "—", p99: "—", errors: 0)
        for line in output.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            if line.hasPrefix("Requests/sec:"), let rate = parts.last.flatMap(Double.init) { result.rate = rate }
            if parts.count == 2, ["50%", "90%", "99%"].contains(parts[0]) {
                let ms = milliseconds(parts[1]).map { String(format: "%.1f", $0) } ?? parts[1]
                switch parts[0] {
                case "50%": result.p50 = ms
                case "90%": result.p90 = ms
                default: result.p99 = ms
                }
            }
            if line.hasPrefix("Non-2xx or 3xx responses:"), let n = parts.last.flatMap(Int.init) { result.errors += n }
            if line.hasPrefix("Socket errors:") {
                result.errors += line.split(separator: ",").compactMap { $0.split(separator: " ").last.flatMap { Int($0) } }.reduce(0, +)
            }
        }
        return result
    }

    /// "812.00us", "3.21ms", "1.02s" → milliseconds.
    static func milliseconds(_ text: String) -> Double? {
        for (unit, factor) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0)] where text.hasSuffix(unit) {
            return Double(text.dropLast(unit.count)).map { $0 * factor }
        }
        return nil
    }
}
