import Hummingbird
import Metrics
import NIOCore
import ParallaxStore
import Prometheus

/// `/metrics`: Prometheus text. Requests (count, duration by route and status) come from Hummingbird's
/// MetricsMiddleware through swift-metrics once `Server.bootstrapMetrics()` has run; what the store holds
/// (articles, stories, stories awaiting their dossier, feeds by status) is read at each scrape.
struct MetricsRoute: Sendable {
    let store: any Store
    let access: Access
    let registry: PrometheusCollectorRegistry

    func register(on router: Router<BasicRequestContext>) {
        router.get("metrics") { request, _ in
            try access.check(request, write: false)
            let stats = try store.stats()
            registry.makeGauge(name: "parallax_articles", help: "Articles in the store").set(Int64(stats.articles))
            registry.makeGauge(name: "parallax_stories", help: "Stories with at least one report").set(Int64(stats.stories))
            registry.makeGauge(name: "parallax_stories_dirty", help: "Stories whose dossier awaits an update").set(Int64(stats.dirtyStories))
            let feeds = try store.feeds()
            for status in ["new", "ok", "failing", "disabled"] {
                registry.makeGauge(name: "parallax_feeds", labels: [("status", status)], help: "Feeds by status")
                    .set(Int64(feeds.filter { $0.status == status }.count))
            }
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
    }
}

extension Server {
    /// Sends swift-metrics (the server's request metrics among them) to `registry`; once per process.
    public static func bootstrapMetrics(_ registry: PrometheusCollectorRegistry) {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }
}

extension Server {
    /// A registry with swift-metrics bootstrapped into it, for `parallax serve`.
    public static func metricsRegistry() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        bootstrapMetrics(registry)
        return registry
    }
}
