import Foundation
import Testing
import ParallaxEval
import ParallaxSQLite
import ParallaxStore

/// `kill -9` during `parallax poll --once`, then the poll again: every item stored exactly once, every story's
/// dossier current, and SQLite's integrity check clean. Runs the real executable (skipped when it is not built).
@Suite(.serialized) struct KilledPollTests {
    static let executable = PollerTests.root.appendingPathComponent(".build/debug/parallax").path

    @Test("a poll killed with SIGKILL at random moments, then run again, stores every item once",
          .enabled(if: FileManager.default.isExecutableFile(atPath: executable)))
    func killedPoll() throws {
        let items = 12
        let topics = [PollerTests.dam, PollerTests.port]
        let feed = PollerTests.rss("Loop Gazette", items: (0..<items).map { i in
            ("item-\(i)", "/p/\(i)", "Report \(i)", "Summary of report \(i).")
        })
        let server = try LoopbackServer { path, _ in
            if path == "/feed.rss" { return .ok(feed, etag: "\"v1\"") }
            guard path.hasPrefix("/p/"), let i = Int(path.dropFirst(3)), i < items else { return .status(404) }
            let sentences = topics[i % 2].map { "\($0) Report \(i) adds that the count was made at \(i + 7) o'clock." }
            return .ok(PollerTests.page("Report \(i) from the valley", sentences), contentType: "text/html")
        }
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parallax-killedpoll-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("store.db").path
        let add = try Self.run(["feeds", "add", server.base + "/feed.rss", "--store", db])
        add.waitUntilExit()
        #expect(add.terminationStatus == 0)

        var generator = SystemRandomNumberGenerator()
        var killed = 0
        for _ in 0..<3 {
            let process = try Self.run(["poll", "--once", "--allow-private-addresses", "--store", db])
            let deadline = Date().addingTimeInterval(Double.random(in: 0.3...5, using: &generator))
            while process.isRunning, Date() < deadline { usleep(20_000) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            }
            process.waitUntilExit()
        }
        let final = try Self.run(["poll", "--once", "--allow-private-addresses", "--store", db])
        let limit = Date().addingTimeInterval(300)
        while final.isRunning, Date() < limit { usleep(50_000) }
        if final.isRunning { kill(final.processIdentifier, SIGKILL) }
        final.waitUntilExit()
        #expect(final.terminationReason == .exit && final.terminationStatus == 0, "the last poll finishes")

        let store = try SQLiteStore(path: db)
        #expect(try store.integrityCheck() == ["ok"])
        let stats = try store.stats()
        #expect(stats.articles == items, "every item exactly once (\(killed) polls killed)")
        #expect(stats.revisions == items)
        #expect(stats.dirtyStories == 0)
        let feeds = try store.feeds()
        #expect(feeds.count == 1 && feeds[0].status == "ok")
        let states = try store.feedItems(of: feeds[0].id, keys: (0..<items).map { "item-\($0)" })
        #expect(states.count == items && states.values.allSatisfy { $0.article != nil })
        print("killed poll: \(killed) of 3 polls killed mid-way; \(stats.articles) articles, \(stats.stories) stories")
    }

    static func run(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PARALLAX_DATA"] = PollerTests.vendor.path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}
