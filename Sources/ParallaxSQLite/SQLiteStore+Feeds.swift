import Foundation
import GRDB
import ParallaxStore

/// Feeds and their items: one row each, the record as JSON (the poller's state is read and written whole).
extension SQLiteStore {
    public func addFeed(url: String, title: String?, interval: Double) throws -> (feed: FeedRecord, added: Bool) {
        try pool.write { db in
            if let data = try Data.fetchOne(db, sql: "SELECT record FROM feeds WHERE url = ?", arguments: [url]) {
                return (try Coding.decode(FeedRecord.self, data), false)
            }
            let id = (try Int.fetchOne(db, sql: "SELECT MAX(id) FROM feeds") ?? 0) + 1
            let feed = FeedRecord(id: id, url: url, title: title, added: StoreClock.now(), interval: interval)
            try db.execute(sql: "INSERT INTO feeds (id, url, record) VALUES (?, ?, ?)",
                           arguments: [id, url, try Coding.encode(feed)])
            return (feed, true)
        }
    }

    public func feeds() throws -> [FeedRecord] {
        try pool.read { db in
            try Data.fetchAll(db, sql: "SELECT record FROM feeds ORDER BY id").map { try Coding.decode(FeedRecord.self, $0) }
        }
    }

    public func saveFeed(_ feed: FeedRecord) throws {
        try pool.write { db in try Self.save(feed, db) }
    }

    static func save(_ feed: FeedRecord, _ db: Database) throws {
        try db.execute(sql: "UPDATE feeds SET record = ? WHERE id = ?", arguments: [try Coding.encode(feed), feed.id])
    }

    public func removeFeed(_ id: Int) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM feed_items WHERE feed = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM feeds WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    public func feedItems(of feed: Int, keys: [String]) throws -> [String: FeedItemState] {
        guard !keys.isEmpty else { return [:] }
        return try pool.read { db in
            var found: [String: FeedItemState] = [:]
            for chunk in stride(from: 0, to: keys.count, by: 500).map({ Array(keys[$0..<min($0 + 500, keys.count)]) }) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try Row.fetchAll(db, sql: "SELECT key, state FROM feed_items WHERE feed = ? AND key IN (\(marks))",
                                            arguments: StatementArguments([feed] + chunk))
                for row in rows {
                    found[row["key"]] = try Coding.decode(FeedItemState.self, row["state"])
                }
            }
            return found
        }
    }

    public func saveFeedItems(_ items: [String: FeedItemState], of feed: FeedRecord) throws {
        try pool.write { db in
            for (key, state) in items {
                try db.execute(sql: "INSERT OR REPLACE INTO feed_items (feed, key, state) VALUES (?, ?, ?)",
                               arguments: [feed.id, key, try Coding.encode(state)])
            }
            try Self.save(feed, db)
        }
    }
}
