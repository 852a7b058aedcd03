import Foundation
import GRDB
import ParallaxAnalysis
import ParallaxModel
import ParallaxStore

/// The embedded store: one SQLite file through GRDB, in WAL mode, so that readers (`stories`, `story`, the
/// server) run while `ingest` writes. Each `Store` write is one transaction; SQLite's journal makes a killed
/// process leave the file as it was before or after it. Writers are serialised across processes by a lock file
/// beside the database (`writerLock`).
public final class SQLiteStore: Store, @unchecked Sendable {
    // Sendable: `pool` is GRDB's thread-safe DatabasePool; `lockFile` is set once, under `lockGuard`.
    let pool: DatabasePool
    public let path: String
    private var lockFile: Int32 = -1
    private let lockGuard = NSLock()
    let records = RecordCache(capacity: 20_000)
    /// Decoded dossiers with their redated members: the pages of one story's articles each read its dossier.
    let dossiers = VersionedCache<(Story, [Article])?>(capacity: 64)

    /// Opens (creating and migrating when needed) the store at `path`.
    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        // 30 s: a reader or a second writer waits for a transaction in progress, never sees it half-done.
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        do {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            pool = try DatabasePool(path: path, configuration: configuration)
            try SQLiteSchema.migrator.migrate(pool)
        } catch {
            throw ParallaxError(.storeUnavailable, "cannot open the store: \(error)", source: path)
        }
    }

    deinit { if lockFile >= 0 { close(lockFile) } }

    /// Takes the store's writer lock (a lock file beside it), waiting up to `timeout` seconds for another writer
    /// to finish. The lock goes with the process, however it ends.
    public func writerLock(timeout: Double, waiting: (String) -> Void = { _ in }) throws {
        lockGuard.lock()
        defer { lockGuard.unlock() }
        guard lockFile < 0 else { return }
        let file = path + ".writer"
        let fd = open(file, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else { throw ParallaxError(.storeUnavailable, "cannot create the writer lock", source: file) }
        let deadline = Date().addingTimeInterval(timeout)
        var told = false
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if !told {
                waiting("another process is writing \(path); waiting for it (up to \(Int(timeout)) s)")
                told = true
            }
            guard Date() < deadline else {
                close(fd)
                throw ParallaxError(.storeBusy, "another process is still writing the store after \(Int(timeout)) s; "
                    + "run one ingest at a time per SQLite store (or use PostgreSQL for several workers)", source: path)
            }
            usleep(100_000)
        }
        lockFile = fd
    }

    /// `PRAGMA integrity_check`: "ok", or what is wrong.
    public func integrityCheck() throws -> [String] {
        try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    // MARK: Identity

    public func article(contentHash: String) throws -> Int? {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT article FROM hashes WHERE hash = ?", arguments: [contentHash]) }
    }

    public func article(url: String) throws -> StoredArticle? {
        try pool.read { db in
            try Self.latest(db, where: "a.url = ?", [url], cache: records).first
        }
    }

    public func article(source: String) throws -> StoredArticle? {
        try pool.read { db in
            try Self.latest(db, where: "a.source = ? AND a.url IS NULL", [source], cache: records).first
        }
    }

    public func article(id: Int) throws -> StoredArticle? {
        try pool.read { db in try Self.latest(db, where: "a.id = ?", [id], cache: records).first }
    }

    /// Articles at their latest revision, by id (newest first). Records are decoded once per process and kept
    /// (`RecordCache`): a story's refresh reads all its members, and decoding them is most of its cost.
    static func latest(_ db: Database, where condition: String, _ arguments: StatementArguments,
                       cache: RecordCache) throws -> [StoredArticle] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT a.id, a.revision, a.story, a.url, a.stages FROM articles a WHERE \(condition) ORDER BY a.id DESC
            """, arguments: arguments)
        return try rows.map { row in
            let id: Int = row["id"], revision: Int = row["revision"]
            let (article, member) = try cache.value(id: id, version: "\(revision) \(row["stages"] as String)") {
                let record = try Row.fetchOne(db, sql: """
                    SELECT a.member, r.record FROM articles a JOIN revisions r ON r.article = a.id AND r.revision = ?
                    WHERE a.id = ?
                    """, arguments: [revision, id])!
                let member: Data? = record["member"]
                return (try Coding.decode(Article.self, record["record"]),
                        try member.map { try StoryClusterer.Member(encoded: $0) })
            }
            return StoredArticle(id: id, revision: revision, story: row["story"], url: row["url"], article: article,
                                 member: member)
        }
    }

    // MARK: Online clustering

    public func documentFrequencies(_ keys: Set<UInt64>) throws -> (documents: Int, frequencies: [UInt64: Int]) {
        try pool.read { db in
            let documents = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM articles") ?? 0
            let out = try Self.byKey(db, table: "frequencies", column: "documents", keys: Array(keys)) { $0["documents"] as Int }
            return (documents, out)
        }
    }

    public func candidateStories(from: Double?, to: Double?, window: Double, recentUndated: Int,
                                 recent: Int) throws -> [StoryClusterer.Cluster] {
        try pool.read { db in
            var ids = Set<Int>()
            if let from, let to {
                ids.formUnion(try Int.fetchAll(db, sql: """
                    SELECT id FROM stories WHERE last_time >= ? AND first_time <= ? AND members > 0
                    """, arguments: [from - window, to + window]))
            }
            ids.formUnion(try Int.fetchAll(db, sql: """
                SELECT id FROM stories WHERE first_time IS NULL AND members > 0 ORDER BY touched DESC LIMIT ?
                """, arguments: [recentUndated]))
            if recent > 0 {
                ids.formUnion(try Int.fetchAll(db, sql: "SELECT id FROM stories WHERE members > 0 ORDER BY touched DESC LIMIT ?",
                                               arguments: [recent]))
            }
            return try ids.sorted().map { id in
                let data = try Data.fetchOne(db, sql: "SELECT cluster FROM stories WHERE id = ?", arguments: [id])!
                var cluster = try StoryClusterer.Cluster(encoded: data)
                cluster.id = id
                return cluster
            }
        }
    }

    public func embeddingSpace() throws -> EmbeddingSpace? {
        try pool.read { db in
            try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'embedding-space'")
                .map { try Coding.decode(EmbeddingSpace.self, $0) }
        }
    }

    public func saveEmbeddingSpace(_ space: EmbeddingSpace) throws {
        let data = try Coding.encode(space)
        try pool.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('embedding-space', ?)", arguments: [data])
        }
    }

    // MARK: Embeddings by content hash

    public func vectors(_ keys: [UInt64]) throws -> [UInt64: [Float]] {
        try pool.read { db in
            try Self.byKey(db, table: "vectors", column: "vector", keys: keys) { Coding.floats($0["vector"]) }
        }
    }

    /// Rows of a table keyed by feature or text hash, for the keys asked, 500 per query (well under SQLite's
    /// limit on bound parameters).
    static func byKey<T>(_ db: Database, table: String, column: String, keys: [UInt64],
                         value: (Row) -> T) throws -> [UInt64: T] {
        var out: [UInt64: T] = [:]
        for start in stride(from: 0, to: keys.count, by: 500) {
            let chunk = keys[start..<min(start + 500, keys.count)]
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let rows = try Row.fetchAll(db, sql: "SELECT key, \(column) FROM \(table) WHERE key IN (\(marks))",
                                        arguments: StatementArguments(chunk.map { Int64(bitPattern: $0) }))
            for row in rows { out[UInt64(bitPattern: row["key"] as Int64)] = value(row) }
        }
        return out
    }

    public func saveVectors(_ vectors: [(UInt64, [Float])]) throws {
        guard !vectors.isEmpty else { return }
        try pool.write { db in
            for (key, vector) in vectors {
                try db.execute(sql: "INSERT OR IGNORE INTO vectors (key, vector) VALUES (?, ?)",
                               arguments: [Int64(bitPattern: key), Coding.data(vector)])
            }
        }
    }
}

/// Decoded values by id and version, kept for the life of the process; past `capacity` entries it starts afresh.
/// Article records are versioned by revision and stages (a revision changes only by `replaceAnalysis`, with new
/// stages: 20,000 of them are about 1 GB); dossiers by the story's dossier revision and stages.
final class VersionedCache<Value>: @unchecked Sendable {
    // Sendable: `entries` is only touched while holding `lock`.
    private let lock = NSLock()
    private var entries: [Int: (version: String, value: Value)] = [:]
    private let decoding = KeyedGate<Int>()
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func value(id: Int, version: String, decode: () throws -> Value) throws -> Value {
        if let hit = cached(id, version) { return hit }
        // One decode per id at a time: readers that miss together wait for the first instead of each decoding.
        return try decoding.run(id) {
            if let hit = cached(id, version) { return hit }
            return keep(id, version, try decode())
        }
    }

    private func keep(_ id: Int, _ version: String, _ decoded: Value) -> Value {
        lock.lock()
        if entries.count >= capacity { entries = [:] }
        entries[id] = (version, decoded)
        lock.unlock()
        return decoded
    }

    private func cached(_ id: Int, _ version: String) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        guard let hit = entries[id], hit.version == version else { return nil }
        return hit.value
    }

    func forget(_ id: Int) {
        lock.lock()
        entries[id] = nil
        lock.unlock()
    }
}

typealias RecordCache = VersionedCache<(Article, StoryClusterer.Member?)>

/// JSON for records and clustering state, raw little-endian floats for vectors.
enum Coding {
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        try JSONEncoder().encode(value)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
        try JSONDecoder().decode(type, from: data)
    }

    static func data(_ floats: [Float]) -> Data { floats.withUnsafeBytes { Data($0) } }

    static func floats(_ data: Data) -> [Float] {
        data.withUnsafeBytes { raw in (0..<(raw.count / 4)).map { raw.loadUnaligned(fromByteOffset: 4 * $0, as: Float.self) } }
    }
}
