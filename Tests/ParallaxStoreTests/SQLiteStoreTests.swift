import Foundation
import Testing
import ParallaxAnalysis
import ParallaxModel
import GRDB
@testable import ParallaxSQLite
import ParallaxStore

/// What only the SQLite backend has: a file shared by processes, its writer lock, WAL readers.
@Suite struct SQLiteStoreTests {
    static func path() -> String { TemporaryFolder.make().appendingPathComponent("store.db").path }

    @Test("a second writer waits for the first, then fails with a clear message naming the store")
    func writerLock() throws {
        let path = Self.path()
        let first = try SQLiteStore(path: path)
        try first.writerLock(timeout: 1)
        let second = try SQLiteStore(path: path)
        var told: [String] = []
        let error = try #require(throws: ParallaxError.self) { try second.writerLock(timeout: 0.3) { told.append($0) } }
        #expect(error.code == .storeBusy)
        #expect(error.source == path)
        #expect(told.count == 1 && told[0].contains("another process is writing"))
    }

    @Test("a reader sees each write whole, while another connection writes")
    func readersDuringWrites() throws {
        let path = Self.path()
        let writer = try SQLiteStore(path: path)
        let reader = try SQLiteStore(path: path)
        for n in 1...20 {
            try Records.insert(writer, "a\(n).txt", hash: "h\(n)")
            let stats = try reader.stats()
            #expect(stats.articles == n && stats.revisions == n && stats.stories == n)
        }
        #expect(try reader.integrityCheck() == ["ok"])
    }

    @Test("opening a store again keeps what it holds (migrations run once)")
    func reopen() throws {
        let path = Self.path()
        try Records.insert(try SQLiteStore(path: path), "a.txt", hash: "h1", url: "https://example.org/a")
        let again = try SQLiteStore(path: path)
        #expect(try again.article(url: "https://example.org/a")?.article.source == "a.txt")
        #expect(try again.integrityCheck() == ["ok"])
    }

    @Test("a file that is not a store is refused with its path")
    func notAStore() throws {
        let path = Self.path()
        try Data("this is not a database, just text".utf8).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: ParallaxError.self) { try SQLiteStore(path: path) }
        #expect(error.code == .storeUnavailable && error.source == path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "this is not a database, just text",
                "the file is left as it was")
    }

    @Test("a store written before dossiers had their own table keeps its dossiers when opened (migrations v5, v6)")
    func dossiersMoveOut() throws {
        let path = Self.path()
        let queue = try DatabaseQueue(path: path)
        try SQLiteSchema.migrator.migrate(queue, upTo: "v4: feeds and the items seen in them")
        var member = Article(source: "a.txt", format: "text")
        member.outlet = "Harbour Courier"
        member.published = "2031-03-10"
        var story = Story(id: "s1", title: "Dam breach", members: [member])
        story.claims = [StoryClaim(id: "s1.c1", text: "12,000 left", status: .disputed, outlets: [], origins: [], speakers: [],
                                   variants: [], disputes: [])]
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO stories (id, cluster, touched, revision, dossier_revision, dossier, redated, stages, updated,
                                     changed, members, summary)
                VALUES (1, ?, 1, 1, 1, ?, ?, 'x', '2031-03-10', 1, 1, ?)
                """, arguments: [StoryClusterer.Cluster(id: 1, members: []).encoded(), try JSONEncoder().encode(story),
                                 try JSONEncoder().encode([Article]()),
                                 try JSONEncoder().encode(StorySummary(story: story, id: 1, updated: "", current: true))])
        }
        try queue.close()
        let store = try SQLiteStore(path: path)
        #expect(try store.story(1)?.story.title == "Dam breach")
        #expect(try store.stories(since: nil).map(\.title) == ["Dam breach"])
        #expect(try store.staleStories(current: []) == [1])
        #expect(try store.integrityCheck() == ["ok"])
        // v6: the outlets' parts filled in from the dossier, and the summary made again with the new counts.
        #expect(try store.outlets().map(\.name) == ["Harbour Courier"])
        #expect(try store.stories(since: nil).first?.disputed == 1)
    }
}
