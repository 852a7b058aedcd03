import Foundation
import GRDB
import ParallaxAnalysis
import ParallaxModel
import ParallaxStore

extension SQLiteStore {
    public func insert(_ new: NewArticle, joining placement: StoryPlacement) throws -> (article: Int, story: Int) {
        let record = try Coding.encode(new.article)
        let member = new.member?.encoded()
        let document = try Coding.encode(new.document)
        let cluster = placement.cluster.encoded()
        return try pool.write { db in
            let story: Int
            let changed = try Self.nextChange(db)
            let c = placement.cluster
            if let id = placement.id, try Bool.fetchOne(db, sql: "SELECT 1 FROM stories WHERE id = ?", arguments: [id]) == true {
                story = id
                try db.execute(sql: """
                    UPDATE stories SET cluster = ?, first_time = ?, last_time = ?, touched = ?, revision = revision + 1,
                        updated = ?, changed = ? WHERE id = ?
                    """, arguments: [cluster, c.firstTime, c.lastTime, c.touched, new.ingested, changed, id])
            } else {
                try db.execute(sql: """
                    INSERT INTO stories (cluster, first_time, last_time, touched, updated, changed) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [cluster, c.firstTime, c.lastTime, c.touched, new.ingested, changed])
                story = Int(db.lastInsertedRowID)
            }
            try db.execute(sql: """
                INSERT INTO articles (story, url, source, revision, member, document, stages, published)
                VALUES (?, ?, ?, 1, ?, ?, ?, ?)
                """, arguments: [story, new.url, new.article.source, member, document,
                                 Self.stages(new.article.stages), new.article.published])
            let id = Int(db.lastInsertedRowID)
            try Self.addRevision(db, article: id, revision: 1, new, record: record)
            try Self.refreshMembership(db, story: story)
            if let others = placement.replayWith {
                try db.execute(sql: "UPDATE stories SET replay = ? WHERE id = ?",
                               arguments: [(others + [story]).map(String.init).joined(separator: " "), story])
            }
            for key in placement.features {
                try db.execute(sql: """
                    INSERT INTO frequencies (key, documents) VALUES (?, 1)
                    ON CONFLICT(key) DO UPDATE SET documents = documents + 1
                    """, arguments: [Int64(bitPattern: key)])
            }
            return (id, story)
        }
    }

    public func addRevision(of id: Int, _ new: NewArticle) throws -> Int {
        let record = try Coding.encode(new.article)
        let document = try Coding.encode(new.document)
        let member = new.member?.encoded()
        return try pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT revision, story FROM articles WHERE id = ?", arguments: [id])
            else { throw ParallaxError(.notFound, "no article \(id)", source: path) }
            let revision = (row["revision"] as Int) + 1
            try Self.addRevision(db, article: id, revision: revision, new, record: record)
            try db.execute(sql: """
                UPDATE articles SET revision = ?, document = ?, stages = ?, published = ?, member = COALESCE(?, member)
                WHERE id = ?
                """, arguments: [revision, document, Self.stages(new.article.stages), new.article.published, member, id])
            try Self.touch(db, story: row["story"], at: new.ingested)
            try Self.refreshMembership(db, story: row["story"])
            return revision
        }
    }

    public func memberFeatures(of stories: [Int]) throws -> [StoredMember] {
        try pool.read { db in
            try stories.flatMap { story in
                try Row.fetchAll(db, sql: "SELECT id, member FROM articles WHERE story = ? AND member IS NOT NULL ORDER BY id",
                                 arguments: [story]).map { row in
                    StoredMember(article: row["id"], story: story,
                                 member: try StoryClusterer.Member(encoded: row["member"]))
                }
            }
        }
    }

    public func regroup(_ groups: [StoryGroup], replacing: [Int]) throws -> [Int] {
        let clusters = groups.map { $0.cluster.encoded() }
        return try pool.write { db in
            let now = StoreClock.now()
            var ids: [Int] = []
            for (group, cluster) in zip(groups, clusters) {
                let c = group.cluster
                let id: Int
                if let given = group.id {
                    id = given
                    try db.execute(sql: "UPDATE stories SET cluster = ?, first_time = ?, last_time = ?, touched = ? WHERE id = ?",
                                   arguments: [cluster, c.firstTime, c.lastTime, c.touched, id])
                } else {
                    try db.execute(sql: """
                        INSERT INTO stories (cluster, first_time, last_time, touched, updated, changed) VALUES (?, ?, ?, ?, ?, ?)
                        """, arguments: [cluster, c.firstTime, c.lastTime, c.touched, now, try Self.nextChange(db)])
                    id = Int(db.lastInsertedRowID)
                }
                for article in group.articles {
                    try db.execute(sql: "UPDATE articles SET story = ? WHERE id = ?", arguments: [id, article])
                }
                ids.append(id)
            }
            for id in Set(ids).union(replacing) {
                try db.execute(sql: "UPDATE stories SET replay = NULL WHERE id = ?", arguments: [id])
                try Self.touch(db, story: id, at: now)
                try Self.refreshMembership(db, story: id)
                if !ids.contains(id) {
                    // Emptied: no state left for an article to join, nothing to show.
                    try db.execute(sql: """
                        UPDATE stories SET summary = NULL, cluster = ?, first_time = NULL, last_time = NULL WHERE id = ?
                        """, arguments: [StoryClusterer.Cluster(id: id, members: []).encoded(), id])
                    try db.execute(sql: "DELETE FROM dossiers WHERE story = ?", arguments: [id])
                    try db.execute(sql: "DELETE FROM outlets WHERE story = ?", arguments: [id])
                }
            }
            return ids
        }
    }

    public func pendingReplays() throws -> [[Int]] {
        try pool.read { db in
            try String.fetchAll(db, sql: "SELECT replay FROM stories WHERE replay IS NOT NULL ORDER BY changed")
                .map { $0.split(separator: " ").compactMap { Int($0) } }
        }
    }

    public func settleReplay(of story: Int) throws {
        try pool.write { db in try db.execute(sql: "UPDATE stories SET replay = NULL WHERE id = ?", arguments: [story]) }
    }

    public func addAlias(contentHash: String, of id: Int) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO hashes (hash, article) VALUES (?, ?)", arguments: [contentHash, id])
        }
    }

    public func replaceAnalysis(of id: Int, with article: Article, member: StoryClusterer.Member?) throws {
        let record = try Coding.encode(article)
        let encodedMember = member?.encoded()
        // Decoded copies are keyed by revision and stages too (`RecordCache`); this one is dropped once written.
        defer { records.forget(id) }
        try pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT revision, story FROM articles WHERE id = ?", arguments: [id])
            else { throw ParallaxError(.notFound, "no article \(id)", source: path) }
            try db.execute(sql: "UPDATE revisions SET record = ? WHERE article = ? AND revision = ?",
                           arguments: [record, id, row["revision"] as Int])
            try db.execute(sql: "UPDATE articles SET stages = ?, published = ?, member = COALESCE(?, member) WHERE id = ?",
                           arguments: [Self.stages(article.stages), article.published, encodedMember, id])
            try Self.index(db, article: id, article)
            try Self.touch(db, story: row["story"], at: StoreClock.now())
            try Self.refreshMembership(db, story: row["story"])
        }
    }

    // MARK: Helpers inside a transaction

    static func addRevision(_ db: Database, article id: Int, revision: Int, _ new: NewArticle, record: Data) throws {
        try db.execute(sql: """
            INSERT INTO revisions (article, revision, content_hash, ingested, record) VALUES (?, ?, ?, ?, ?)
            """, arguments: [id, revision, new.contentHash, new.ingested, record])
        try db.execute(sql: "INSERT OR REPLACE INTO hashes (hash, article) VALUES (?, ?)", arguments: [new.contentHash, id])
        try index(db, article: id, new.article)
    }

    /// The article's title and text in the full-text index (its latest revision only).
    static func index(_ db: Database, article id: Int, _ article: Article) throws {
        try db.execute(sql: "DELETE FROM search WHERE rowid = ?", arguments: [id])
        try db.execute(sql: "INSERT INTO search (rowid, title, text) VALUES (?, ?, ?)",
                       arguments: [id, article.title ?? "", article.text])
    }

    static func nextChange(_ db: Database) throws -> Int {
        (try Int.fetchOne(db, sql: "SELECT MAX(changed) FROM stories") ?? 0) + 1
    }

    /// Marks a story's members as changed: its dossier is behind until saved again.
    static func touch(_ db: Database, story: Int, at time: String) throws {
        try db.execute(sql: "UPDATE stories SET revision = revision + 1, updated = ?, changed = ? WHERE id = ?",
                       arguments: [time, try nextChange(db), story])
    }

    /// The story-list columns that follow from the members.
    static func refreshMembership(_ db: Database, story: Int) throws {
        try db.execute(sql: """
            UPDATE stories SET members = (SELECT COUNT(*) FROM articles WHERE story = ?1),
                last_published = (SELECT MAX(substr(published, 1, 10)) FROM articles WHERE story = ?1)
            WHERE id = ?1
            """, arguments: [story])
    }

    static func stages(_ stages: [StageID]) -> String { stages.map(\.description).joined(separator: " ") }
}
