import Foundation

/// Politeness per host: at most `perHost` requests in flight to one host, and at least `interval` seconds
/// between the starts of two requests to it.
actor HostGate {
    private let perHost: Int
    private let interval: Double
    private var inFlight: [String: Int] = [:]
    private var lastStart: [String: Date] = [:]
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    init(perHost: Int, interval: Double) {
        self.perHost = max(1, perHost)
        self.interval = max(0, interval)
    }

    /// Runs `body` when the host's turn comes.
    nonisolated func run<T: Sendable>(host: String, _ body: @Sendable () async throws -> T) async throws -> T {
        await enter(host)
        do {
            let value = try await body()
            await leave(host)
            return value
        } catch {
            await leave(host)
            throw error
        }
    }

    private func enter(_ host: String) async {
        while inFlight[host, default: 0] >= perHost {
            await withCheckedContinuation { waiting[host, default: []].append($0) }
        }
        inFlight[host, default: 0] += 1
        if let last = lastStart[host] {
            let wait = interval - Date().timeIntervalSince(last)
            lastStart[host] = Date().addingTimeInterval(max(0, wait))
            if wait > 0 { try? await Task.sleep(nanoseconds: UInt64(wait * 1e9)) }
        } else {
            lastStart[host] = Date()
        }
    }

    private func leave(_ host: String) {
        inFlight[host, default: 1] -= 1
        if var queue = waiting[host], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[host] = queue.isEmpty ? nil : queue
            next.resume()
        }
    }
}
