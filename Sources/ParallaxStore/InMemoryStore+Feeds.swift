import Foundation

/// The reference store's feeds and the items seen in them.
extension InMemoryStore {
    public func addFeed(url: String, title: String?, interval: Double) throws -> (feed: FeedRecord, added: Bool) {
        locked {
            if let existing = feedRows.first(where: { $0.url == url }) { return (existing, false) }
            let feed = FeedRecord(id: (feedRows.map(\.id).max() ?? 0) + 1, url: url, title: title,
                                  added: StoreClock.now(), interval: interval)
            feedRows.append(feed)
            return (feed, true)
        }
    }

    public func feeds() throws -> [FeedRecord] { locked { feedRows } }

    public func saveFeed(_ feed: FeedRecord) throws {
        locked {
            if let i = feedRows.firstIndex(where: { $0.id == feed.id }) { feedRows[i] = feed }
        }
    }

    public func removeFeed(_ id: Int) throws -> Bool {
        locked {
            guard let i = feedRows.firstIndex(where: { $0.id == id }) else { return false }
            feedRows.remove(at: i)
            itemRows[id] = nil
            return true
        }
    }

    public func feedItems(of feed: Int, keys: [String]) throws -> [String: FeedItemState] {
        locked {
            let items = itemRows[feed] ?? [:]
            return keys.reduce(into: [:]) { found, key in found[key] = items[key] }
        }
    }

    public func saveFeedItems(_ items: [String: FeedItemState], of feed: FeedRecord) throws {
        locked {
            guard let i = feedRows.firstIndex(where: { $0.id == feed.id }) else { return }
            feedRows[i] = feed
            itemRows[feed.id, default: [:]].merge(items) { $1 }
        }
    }
}
