import ArgumentParser
import Foundation
import Logging
import ParallaxFeeds
import ParallaxServer

/// `parallax serve`: the store in a browser and as a JSON API; with `--poll`, the feeds followed meanwhile.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the store: story list, dossiers, articles and feeds as pages, and the JSON API under /api/v1.",
        discussion: """
            Bound to 127.0.0.1 by default. Writes (feeds, uploads of documents) need --api-key (or PARALLAX_API_KEY); \
            bound to another address, reads need it too. With a key the server holds the store's writer lock, as \
            `ingest` does. The API is described at /api/openapi.json.
            """)

    @OptionGroup var options: StoreOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Option(help: "The API key for writes (default: $PARALLAX_API_KEY).")
    var apiKey: String?

    @OptionGroup var limits: TimeoutOption

    @Option(help: "The largest document upload accepted, in MiB.")
    var maxUpload = 8

    @Flag(help: "Poll the feeds in the background while serving.")
    var poll = false

    @Flag(help: "With --poll: allow feeds and pages on loopback, private and link-local addresses.")
    var allowPrivateAddresses = false

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be 1–65535") }
        guard (1...512).contains(maxUpload) else { throw ValidationError("--max-upload must be 1–512 (MiB)") }
    }

    func run() async throws {
        var logger = Logger(label: "parallax")
        logger.logLevel = .info
        var settings = Server.Options()
        settings.host = host
        settings.port = port
        settings.apiKey = apiKey ?? ProcessInfo.processInfo.environment["PARALLAX_API_KEY"]
        settings.metrics = Server.metricsRegistry()
        settings.accessLog = true
        if !["127.0.0.1", "::1", "localhost"].contains(host) && settings.apiKey == nil {
            throw ValidationError("bound to \(host), the server needs --api-key (or PARALLAX_API_KEY): every read would be refused")
        }
        settings.maxUpload = maxUpload << 20
        let writes = poll || settings.apiKey != nil
        let store = writes ? try options.openForWriting() : try options.openForReading()
        let ingestor = writes ? Ingestion.ingestor(store: store, limits: limits) : nil
        settings.ingestor = settings.apiKey != nil ? ingestor : nil
        let poller = poll ? Poller(store: store, ingestor: ingestor!,
                                   fetcher: Fetcher(addresses: AddressPolicy(allowPrivate: allowPrivateAddresses))) : nil
        Terminal.note("serving \(options.path) at http://\(host.contains(":") ? "[\(host)]" : host):\(port)/ (Ctrl-C to stop)")
        let app = Server.application(store: store, options: settings, logger: logger, poller: poller)
        try await app.runService()
    }
}
