import Foundation
import Logging
import ParallaxFeeds
import ParallaxStore
import ServiceLifecycle

/// The poller run beside the server (`parallax serve --poll`): each feed when it is due, until shutdown.
public struct PollerService: Service {
    let poller: Poller
    let logger: Logger

    public init(poller: Poller, logger: Logger) {
        self.poller = poller
        self.logger = logger
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let report = try await poller.poll()
                    if report.feeds > 0 {
                        logger.info("poll", metadata: [
                            "feeds": "\(report.feeds)", "failed": "\(report.failed.count)", "new_items": "\(report.newItems)",
                            "articles": "\(report.ingest.added.count)", "revised": "\(report.ingest.revised.count)",
                            "stories_updated": "\(report.ingest.refreshed.count)",
                        ])
                    }
                } catch {
                    logger.error("poll failed", metadata: ["error": "\(error)"])
                }
                let next = (try? poller.store.feeds().filter(\.enabled).compactMap { StoreClock.date($0.nextPoll) }.min()) ?? nil
                let wait = min(max(5, (next ?? Date().addingTimeInterval(60)).timeIntervalSinceNow), 300)
                try await Task.sleep(nanoseconds: UInt64(wait * 1e9))
            }
        }
    }
}
