import Foundation
import GRDB
import ParallaxAnalysis
import ParallaxModel
import ParallaxStore

extension SQLiteStore {
    public func dirtyStories() throws -> [Int] {
        try pool.read { db in
            try Int.fetchAll(db, sql: "SELECT id FROM stories WHERE revision > dossier_revision ORDER BY changed")
        }
    }

    public func members(of story: Int) throws -> (articles: [StoredArticle], revision: Int) {
        try pool.read { db in
            guard let revision = try Int.fetchOne(db, sql: "SELECT revision FROM stories WHERE id = ?", arguments: [story])
            else { throw ParallaxError(.notFound, "no story \(StoryName.of(story))", source: path) }
            return (try Self.latest(db, where: "a.story = ?", [story], cache: records).reversed(), revision)
        }
    }

    public func saveDossier(_ story: Story, of id: Int, revision: Int, redated: [Article], stages: [StageID],
                            work: StoryWork?) throws {
        let dossier = try Coding.encode(story)
        let readings = try Coding.encode(redated)
        let work = try work.map { try Coding.encode($0) }
        let summary = try Coding.encode(StorySummary(story: story, id: id, updated: "", current: true))
        try pool.write { db in
            // A dossier older than the one saved (another writer was quicker) is dropped.
            try db.execute(sql: """
                UPDATE stories SET stages = ?, dossier_revision = ?, summary = ? WHERE id = ? AND dossier_revision <= ?
                """, arguments: [Self.stages(stages), revision, summary, id, revision])
            guard db.changesCount > 0 else { return }
            try db.execute(sql: "INSERT OR REPLACE INTO dossiers (story, dossier, redated, work) VALUES (?, ?, ?, ?)",
                           arguments: [id, dossier, readings, work])
            try Self.saveOutlets(db, of: story, id: id)
        }
    }

    /// Each outlet's part in the story, replacing what an older dossier said.
    static func saveOutlets(_ db: Database, of story: Story, id: Int) throws {
        try db.execute(sql: "DELETE FROM outlets WHERE story = ?", arguments: [id])
        for appearance in OutletAppearance.all(in: story, id: id) {
            try db.execute(sql: "INSERT INTO outlets (outlet, story, reports, latest, appearance) VALUES (?, ?, ?, ?, ?)",
                           arguments: [appearance.outlet, id, appearance.reports.count, appearance.latest,
                                       try Coding.encode(appearance)])
        }
    }

    public func outlets() throws -> [OutletSummary] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT o.outlet, COUNT(*) AS stories, SUM(o.reports) AS reports, MAX(o.latest) AS latest
                FROM outlets o JOIN stories s ON s.id = o.story WHERE s.members > 0
                GROUP BY o.outlet ORDER BY reports DESC, o.outlet
                """).map { OutletSummary(name: $0["outlet"], stories: $0["stories"], reports: $0["reports"], latest: $0["latest"]) }
        }
    }

    public func appearances(of outlet: String) throws -> [OutletAppearance] {
        try pool.read { db in
            try Data.fetchAll(db, sql: """
                SELECT o.appearance FROM outlets o JOIN stories s ON s.id = o.story WHERE o.outlet = ? AND s.members > 0
                """, arguments: [outlet]).map { try Coding.decode(OutletAppearance.self, $0) }
        }
    }

    public func work(of story: Int) throws -> StoryWork? {
        try pool.read { db in
            try Data.fetchOne(db, sql: "SELECT work FROM dossiers WHERE story = ?", arguments: [story])
                .map { try Coding.decode(StoryWork.self, $0) }
        }
    }

    public func stories(since: String?) throws -> [StorySummary] {
        try pool.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, summary, members, last_published, updated, revision, dossier_revision FROM stories
                WHERE members > 0 AND (?1 IS NULL OR COALESCE(last_published, updated) >= ?1)
                """, arguments: [since])
            return try rows.map { row in
                let id: Int = row["id"]
                guard let data = row["summary"] as Data? else {
                    return .pending(id: id, articles: row["members"], lastPublished: row["last_published"],
                                    updated: row["updated"])
                }
                var summary = try Coding.decode(StorySummary.self, data)
                summary.articles = row["members"]
                summary.lastPublished = row["last_published"]
                summary.updated = row["updated"]
                summary.current = (row["dossier_revision"] as Int) >= (row["revision"] as Int)
                return summary
            }.sorted(by: StorySummary.newestFirst)
        }
    }

    public func story(_ id: Int) throws -> (story: Story, articles: [Article])? {
        try pool.read { db in
            guard let version = try Row.fetchOne(db, sql: "SELECT dossier_revision, stages, members FROM stories WHERE id = ?",
                                                 arguments: [id]) else { return nil }
            // Versioned by what changes when a dossier is saved or dropped (a story emptied by a regroup).
            let key = "\(version["dossier_revision"] as Int) \(version["stages"] as String? ?? "") \(version["members"] as Int)"
            let decoded = try dossiers.value(id: id, version: key) { () -> (Story, [Article])? in
                guard let row = try Row.fetchOne(db, sql: "SELECT dossier, redated FROM dossiers WHERE story = ?", arguments: [id]),
                      let data = row["dossier"] as Data? else { return nil }
                return (try Coding.decode(Story.self, data),
                        try (row["redated"] as Data?).map { try Coding.decode([Article].self, $0) } ?? [])
            }
            guard let (story, redated) = decoded else { return nil }
            let bySource = Dictionary(redated.map { ($0.source, $0) }, uniquingKeysWith: { a, _ in a })
            let members = try Self.latest(db, where: "a.story = ?", [id], cache: records).reversed().map { bySource[$0.article.source] ?? $0.article }
            return (story, members)
        }
    }

    public func staleStories(current: [StageID]) throws -> [Int] {
        try pool.read { db in
            try Int.fetchAll(db, sql: """
                SELECT s.id FROM stories s JOIN dossiers d ON d.story = s.id
                WHERE d.dossier IS NOT NULL AND s.stages IS NOT ? ORDER BY s.id
                """,
                             arguments: [Self.stages(current)])
        }
    }

    public func revisions(of id: Int) throws -> [ArticleRevision] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT revision, content_hash, ingested, record FROM revisions WHERE article = ? ORDER BY revision
                """, arguments: [id]).map { row in
                ArticleRevision(revision: row["revision"], contentHash: row["content_hash"], ingested: row["ingested"],
                                article: try Coding.decode(Article.self, row["record"]))
            }
        }
    }

    public func staleArticles(current: Set<StageID>) throws -> [Int] {
        let known = Set(current.map(\.description))
        return try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, stages FROM articles ORDER BY id").compactMap { row in
                let stages = (row["stages"] as String).split(separator: " ").map(String.init)
                return stages.allSatisfy(known.contains) ? nil : row["id"] as Int
            }
        }
    }

    public func document(of id: Int) throws -> StoredDocument? {
        try pool.read { db in
            try Data.fetchOne(db, sql: "SELECT document FROM articles WHERE id = ?", arguments: [id])
                .map { try Coding.decode(StoredDocument.self, $0) }
        }
    }

    public func search(_ query: String, limit: Int) throws -> [Int] {
        // Each word quoted: what a reader types is words, never FTS5 syntax.
        let words = SearchQuery.words(query)
        guard !words.isEmpty else { return [] }
        let match = words.map { "\"\($0)\"" }.joined(separator: " ")
        return try pool.read { db in
            try Int.fetchAll(db, sql: "SELECT rowid FROM search WHERE search MATCH ? ORDER BY rank LIMIT ?",
                             arguments: [match, limit])
        }
    }

    public func stats() throws -> StoreStats {
        try pool.read { db in
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            let pages = try count("PRAGMA page_count"), pageSize = try count("PRAGMA page_size")
            return StoreStats(
                articles: try count("SELECT COUNT(*) FROM articles"), revisions: try count("SELECT COUNT(*) FROM revisions"),
                stories: try count("SELECT COUNT(*) FROM stories WHERE members > 0"),
                dirtyStories: try count("SELECT COUNT(*) FROM stories WHERE revision > dossier_revision"),
                vectors: try count("SELECT COUNT(*) FROM vectors"), bytes: pages * pageSize)
        }
    }
}
