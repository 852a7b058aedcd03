import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ParallaxFeeds
import ParallaxIngest
import ParallaxModel
import ParallaxStore
import Prometheus
import ServiceLifecycle

/// `parallax serve`: the newsroom view over a store — HTML pages for people and a JSON API for tools — built by
/// one function so that tests run it in process. Routes live in `Pages.swift` (HTML) and `API.swift` (JSON);
/// headers every answer carries in `SecurityHeaders.swift`.
public enum Server {
    public struct Options: Sendable {
        public var host = "127.0.0.1"
        public var port = 8080
        /// The key write requests (and, when bound beyond loopback, every API request) must carry as
        /// `Authorization: Bearer KEY` or `X-API-Key`. Without one, writes are refused.
        public var apiKey: String?
        /// The most bytes a request body may have.
        public var maxBody = 1 << 20
        /// How old a page or API answer may be when it is served again from memory (0: never cached).
        public var cacheSeconds = 5.0
        /// What `POST /api/v1/documents` ingests through (no uploads without one), and the most bytes an upload may have.
        public var ingestor: Ingestor?
        public var maxUpload = 8 << 20
        /// Whether each request is logged (method, path, status, duration, request id) at info level.
        public var accessLog = false
        /// Where `/metrics` reads from (no `/metrics` without one).
        public var metrics: PrometheusCollectorRegistry?
        public init() {}
    }

    /// The router with every page and API route and the middleware they share.
    public static func router(store: any Store, options: Options) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: SecurityHeaders())
        if options.accessLog { router.add(middleware: LogRequestsMiddleware(.info)) }
        if options.metrics != nil { router.add(middleware: MetricsMiddleware()) }
        router.add(middleware: RequestLimits(maxBody: options.maxBody, maxUpload: options.maxUpload))
        let access = Access(key: options.apiKey, local: ["127.0.0.1", "::1", "localhost"].contains(options.host))
        let cache = ResponseCache(seconds: options.cacheSeconds)
        Pages(store: store, access: access, cache: cache).register(on: router)
        API(store: store, access: access, cache: cache, ingestor: options.ingestor, maxUpload: options.maxUpload).register(on: router)
        if let registry = options.metrics { MetricsRoute(store: store, access: access, registry: registry).register(on: router) }
        router.get("healthz") { _, _ in "ok\n" }
        return router
    }

    /// The application, ready to run (`try await app.runService()`), with the poller (if any) run beside it and
    /// stopped with it.
    public static func application(store: any Store, options: Options, logger: Logger,
                                   poller: Poller? = nil) -> some ApplicationProtocol {
        Application(router: router(store: store, options: options),
                    configuration: .init(address: .hostname(options.host, port: options.port), serverName: "Parallax"),
                    services: poller.map { [PollerService(poller: $0, logger: logger)] } ?? [], logger: logger)
    }
}

/// Who may do what: reads are open on loopback; writes, and reads when bound elsewhere, need the API key.
struct Access: Sendable {
    var key: String?
    var local: Bool

    func check(_ request: Request, write: Bool) throws {
        guard write || !local else { return }
        guard let key else {
            throw APIError(.forbidden, write ? "writes are disabled: start the server with --api-key (or PARALLAX_API_KEY)"
                                             : "this server needs an API key for reads (it is not bound to loopback)")
        }
        let given = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
            ?? request.headers[HTTPField.Name("X-API-Key")!]
        guard let given, Self.same(given, key) else { throw APIError(.unauthorized, "missing or wrong API key") }
    }

    /// A key typed into a page's form.
    func checkKey(_ given: String?) throws {
        guard let key else {
            throw APIError(.forbidden, "writes are disabled: start the server with --api-key (or PARALLAX_API_KEY)")
        }
        guard let given, !given.isEmpty, Self.same(given, key) else { throw APIError(.unauthorized, "missing or wrong API key") }
    }

    /// Compares in time that does not depend on where the strings differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
