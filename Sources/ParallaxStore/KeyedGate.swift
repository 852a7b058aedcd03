import Foundation

/// One caller per key at a time: callers that arrive while a key's work runs wait for it, then usually find its
/// result already kept (the caches of decoded dossiers and of served answers use it so that an entry missed under
/// load is made once, not once per waiting request).
public final class KeyedGate<Key: Hashable>: @unchecked Sendable {
    // Sendable: `gates` is only touched while holding `lock`.
    private let lock = NSLock()
    private var gates: [Key: NSLock] = [:]

    public init() {}

    public func run<T>(_ key: Key, _ body: () throws -> T) rethrows -> T {
        lock.lock()
        let gate = gates[key] ?? NSLock()
        gates[key] = gate
        lock.unlock()
        gate.lock()
        defer {
            gate.unlock()
            lock.lock()
            if gates[key] === gate { gates[key] = nil }
            lock.unlock()
        }
        return try body()
    }
}
