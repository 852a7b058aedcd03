import Foundation
import ParallaxModel

/// Results that depend on one article alone (its framing cues, spinning evidence, claim sentences' words), kept
/// while the pipeline lives: when a report joins a story of hundreds, the others are read again, and what they
/// say has not changed. Keyed by the article's source and `fingerprint`, so that a revised, re-analysed or
/// re-dated article is read afresh. Past 20,000 articles it starts afresh.
public final class ArticleMemo: @unchecked Sendable {
    // Sendable: `entries` is only touched while holding `lock`; values are immutable once stored.
    private let lock = NSLock()
    private var entries: [String: Any] = [:]
    static let capacity = 60_000

    public init() {}

    /// The value of `kind` for the article, made once.
    func value<T>(_ article: Article, _ kind: String, make: () -> T) -> T {
        let key = Self.key(article) + "\u{1}" + kind
        lock.lock()
        if let hit = entries[key] as? T {
            lock.unlock()
            return hit
        }
        lock.unlock()
        let made = make()
        lock.lock()
        if entries.count >= Self.capacity { entries = [:] }
        entries[key] = made
        lock.unlock()
        return made
    }

    static func key(_ a: Article) -> String { a.source + "\u{1}" + fingerprint(a) }

    /// What tells two analyses of an article apart: its title, text, date, language, the stages that read it and
    /// how many sentences and claims they found (hashed).
    public static func fingerprint(_ a: Article) -> String {
        let parts = [a.title ?? "", a.text, a.published ?? "", a.language ?? "", a.stages.map(\.description).joined(separator: " "),
                     "\(a.sentences.count)", "\(a.claims.count)"]
        return String(Shingles.hash(parts.joined(separator: "\u{1}")), radix: 36)
    }
}
