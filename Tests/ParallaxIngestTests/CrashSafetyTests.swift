import Foundation
import Testing
import ParallaxAnalysis
import ParallaxIngest
import ParallaxSQLite
import ParallaxStore

/// `kill -9` during `parallax ingest`, then the same ingest again: every document stored exactly once, every
/// story consistent, and SQLite's integrity check clean. Runs the real executable (skipped when it is not built).
@Suite(.serialized) struct CrashSafetyTests {
    static let executable = IngestSupport.root.appendingPathComponent(".build/debug/parallax").path

    @Test("ingest killed with SIGKILL at random moments, then run again, stores every document once (issue 12)",
          .enabled(if: FileManager.default.isExecutableFile(atPath: executable)))
    func killedIngest() throws {
        let folder = IngestSupport.folder()
        let inputs = folder.appendingPathComponent("inputs")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        try IngestSupport.generated(count: 24, in: inputs)
        let db = folder.appendingPathComponent("store.db").path
        let seed = UInt64(Date().timeIntervalSince1970)
        var random = SeededRandom(seed: seed)
        var killed = 0
        // Three runs killed after 0.5–6 s (start-up, reading, placing, dossiers), each resuming the last.
        for _ in 0..<3 {
            let process = try Self.ingest(inputs.path, store: db)
            let delay = 0.5 + Double(random.next() % 5500) / 1000
            let deadline = Date().addingTimeInterval(delay)
            while process.isRunning, Date() < deadline { usleep(20_000) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            }
            process.waitUntilExit()
        }
        let final = try Self.ingest(inputs.path, store: db)
        // Bounded: a run that does not finish in 5 minutes is a failure, not a hang.
        let limit = Date().addingTimeInterval(300)
        while final.isRunning, Date() < limit { usleep(50_000) }
        if final.isRunning { kill(final.processIdentifier, SIGKILL) }
        final.waitUntilExit()
        #expect(final.terminationReason == .exit && final.terminationStatus == 0, "the resumed ingest finishes (seed \(seed))")
        let store = try SQLiteStore(path: db)
        #expect(try store.integrityCheck() == ["ok"])
        let stats = try store.stats()
        #expect(stats.articles == 24, "every document exactly once (\(killed) runs killed)")
        #expect(stats.revisions == 24)
        #expect(stats.dirtyStories == 0, "every story's dossier brought up to date")
        var members = 0
        for summary in try store.stories(since: nil) {
            let id = try #require(StoryName.id(summary.id))
            let (articles, _) = try store.members(of: id)
            members += articles.count
            #expect(try store.story(id)?.story.articles.count == articles.count)
        }
        #expect(members == 24, "each article in exactly one story")
        print("crash safety (seed \(seed)): \(killed) of 3 runs killed mid-way; \(stats.articles) articles, "
            + "\(stats.stories) stories")
    }

    static func ingest(_ path: String, store: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["ingest", path, "--store", store]
        var environment = ProcessInfo.processInfo.environment
        environment["PARALLAX_DATA"] = IngestSupport.vendor.path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}
