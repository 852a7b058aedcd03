import Foundation
import ParallaxStore

/// One feed as `feeds list --format json` shows it.
public struct FeedListing: Encodable, Sendable {
    public var id: Int
    public var url: String
    public var title: String?
    public var site: String?
    public var status: String
    public var lastPoll: String?
    public var lastSuccess: String?
    public var lastError: String?
    public var failures: Int
    public var disabledReason: String?
    public var nextPoll: String
    public var intervalSeconds: Double
    public var items: Int
    public var articles: Int

    public init(_ f: FeedRecord) {
        id = f.id; url = f.url; title = f.title; site = f.site; status = f.status; lastPoll = f.lastPoll
        lastSuccess = f.lastSuccess; lastError = f.lastError; failures = f.failures; disabledReason = f.disabledReason
        nextPoll = f.nextPoll; intervalSeconds = f.interval; items = f.items; articles = f.articles
    }
}

/// Feed addresses as users give them.
public enum FeedURL {
    /// The URL if it is an absolute http(s) URL with a host (and not absurdly long).
    public static func valid(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.utf8.count <= 8192, let parts = URLComponents(string: trimmed),
              let scheme = parts.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = parts.host, !host.isEmpty else { return nil }
        return trimmed
    }
}
