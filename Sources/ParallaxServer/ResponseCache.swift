import Foundation
import ParallaxStore

/// Bodies of read answers for a few seconds, by URI: a story page built from a 100-report dossier costs a few
/// hundred milliseconds, and a newsroom's screens ask for the same pages again and again. An answer is at most
/// `seconds` old; writes through the API clear the cache. Bounded in entries and bytes.
final class ResponseCache: @unchecked Sendable {
    // Sendable: `entries` and `bytes` are only touched while holding `lock`.
    private let lock = NSLock()
    private var entries: [String: (body: Data, type: String, made: Date)] = [:]
    private var bytes = 0
    /// Keys being made.
    private let making = KeyedGate<String>()
    let seconds: Double
    let maxEntries = 512
    let maxBytes = 256 << 20

    init(seconds: Double) {
        self.seconds = seconds
    }

    /// The cached body for `key`, or a new one made by `make` (and kept when it is small enough). Requests for a
    /// key being made wait for it rather than each making it again: when an answer expires under load, one request
    /// remakes it.
    func body(_ key: String, type: String, _ make: () throws -> Data) rethrows -> Data {
        guard seconds > 0 else { return try make() }
        if let hit = fresh(key) { return hit }
        return try making.run(key) {
            if let hit = fresh(key) { return hit }
            return try keep(key, type: type, try make())
        }
    }

    private func keep(_ key: String, type: String, _ data: Data) -> Data {
        lock.lock()
        defer { lock.unlock() }
        if entries.count >= maxEntries || bytes + data.count > maxBytes { entries.removeAll(); bytes = 0 }
        if data.count <= maxBytes / 8 {
            bytes += data.count - (entries[key]?.body.count ?? 0)
            entries[key] = (data, type, Date())
        }
        return data
    }

    private func fresh(_ key: String) -> Data? {
        lock.lock()
        defer { lock.unlock() }
        guard let hit = entries[key], Date().timeIntervalSince(hit.made) < seconds else { return nil }
        return hit.body
    }

    func clear() {
        lock.lock()
        entries.removeAll()
        bytes = 0
        lock.unlock()
    }
}
