import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Prometheus
import Testing
import ParallaxAnalysis
import ParallaxIngest
import ParallaxModel
import ParallaxStore
@testable import ParallaxServer

/// Every route in process (no socket): pages, the JSON API's paging, ETags, errors and keys, the headers every
/// answer carries, and hostile article fields kept inert on every page.
@Suite(.serialized) struct ServerTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let vendor = root.appendingPathComponent("vendor")

    static let hostileTitle = "<script>document.title='pwned'</script>Dam gives way"
    static let hostileOutlet = "\"><img src=x onerror=alert(1)>Loop Gazette"

    /// A store with two stories (a dam breach in two reports, one of them revised; a port strike) and hostile fields.
    static let store = makeStore()

    static func makeStore() -> InMemoryStore {
        let store = InMemoryStore()
        let ingestor = Ingestor(articles: ArticlePipeline.standard(dataDirectory: vendor),
                                stories: StoryPipeline.standard(dataDirectory: vendor), store: store)
        func page(_ title: String, _ outlet: String, _ sentences: [String]) -> String {
            "<html><head><title>\(title)</title></head><body><article><h1>\(title)</h1>"
                + sentences.map { "<p>\($0)</p>" }.joined() + "</article></body></html>"
        }
        let dam = ["The Tarnava dam gave way early on Monday after a week of heavy rain, flooding the lower town of Velmora.",
                   "Governor Ilse Marten said about 12,000 people had left their homes by noon, according to the regional office.",
                   "Rescue teams used boats to reach families stranded on rooftops in three villages near the river.",
                   "Engineers warned that the remaining part of the wall could fail within days if the rain continued."]
        let port = ["Dock workers at the port of Halvik began a three-day strike over pay on Tuesday morning.",
                    "The union said talks with the port authority had broken down after six weeks of meetings.",
                    "Ferries to the islands were cancelled and lorries queued for kilometres on the coast road.",
                    "The port authority called the strike irresponsible and asked the government for mediation."]
        func document(_ source: String, url: String, title: String, outlet: String, _ sentences: [String]) -> RawDocument {
            var d = RawDocument(source: source, format: .html, content: .bytes(Array(page(title, outlet, sentences).utf8)))
            d.given.url = url
            d.given.outlet = outlet
            d.given.title = title
            d.given.published = "2031-03-10"
            return d
        }
        var report = Ingestor.Report()
        try! ingestor.ingest(documents: [
            document("a", url: "https://a.example/dam", title: hostileTitle, outlet: hostileOutlet, dam),
            document("b", url: "https://b.example/velmora", title: "Velmora flooded as dam fails", outlet: "Evening Loop", dam.reversed()),
            document("c", url: "javascript:alert(1)", title: "Halvik dockers strike", outlet: "Port Times", port),
        ], into: &report)
        var edited = dam
        edited[1] = "Governor Ilse Marten said about 20,000 people had left their homes by the evening."
        try! ingestor.ingest(documents: [document("a2", url: "https://a.example/dam", title: hostileTitle, outlet: hostileOutlet, edited)],
                             into: &report)
        _ = try! ingestor.refresh()
        return store
    }

    static func app(key: String? = "sesame", host: String = "127.0.0.1") -> some ApplicationProtocol {
        var options = Server.Options()
        options.apiKey = key
        options.host = host
        options.maxBody = 4096
        return Application(router: Server.router(store: store, options: options))
    }

    static func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    @Test func pagesRenderAndCarryTheSecurityHeaders() async throws {
        try await Self.app().test(.router) { client in
            let list = try await client.execute(uri: "/", method: .get)
            #expect(list.status == .ok)
            #expect(list.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(list.headers[.xContentTypeOptions] == "nosniff")
            #expect(list.headers[HTTPField.Name("X-Request-Id")!] != nil)
            let html = Self.text(list)
            #expect(html.contains("Halvik dockers strike") && html.contains("/stories/s"))
            let search = Self.text(try await client.execute(uri: "/?q=dockers", method: .get))
            #expect(search.contains("Halvik") && !search.contains("Velmora flooded"))

            let stories = try Self.json(try await client.execute(uri: "/api/v1/stories", method: .get))
            let ids = try #require(stories["stories"] as? [[String: Any]]).compactMap { $0["id"] as? String }
            #expect(ids.count == 2)
            for id in ids {
                let page = try await client.execute(uri: "/stories/\(id)", method: .get)
                #expect(page.status == .ok && Self.text(page).contains("href=\"/outlets/"))
            }
            let missing = try await client.execute(uri: "/stories/s999", method: .get)
            #expect(missing.status == .notFound && Self.text(missing).contains("No story s999"))
            #expect(try await client.execute(uri: "/feeds", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
    }

    @Test func anArticlePageShowsItsRevisions() async throws {
        try await Self.app().test(.router) { client in
            let found = try Self.json(try await client.execute(uri: "/api/v1/search?q=Marten", method: .get))
            let hits = try #require(found["articles"] as? [[String: Any]])
            let edited = try #require(hits.first { ($0["url"] as? String) == "https://a.example/dam" }?["id"] as? Int)
            let page = Self.text(try await client.execute(uri: "/articles/\(edited)", method: .get))
            #expect(page.contains("Revisions") && page.contains("20,000") && page.contains("12,000"))
            let revisions = try Self.json(try await client.execute(uri: "/api/v1/articles/\(edited)/revisions", method: .get))
            let list = try #require(revisions["revisions"] as? [[String: Any]])
            #expect(list.count == 2 && (list[1]["changes"] as? [String])?.contains { $0.contains("20,000") } == true)
            let article = try Self.json(try await client.execute(uri: "/api/v1/articles/\(edited)", method: .get))
            #expect(article["revision"] as? Int == 2)
            #expect(try await client.execute(uri: "/articles/999", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/api/v1/articles/abc", method: .get).status == .badRequest)
        }
    }

    @Test func apiPagesWithCursorsAndAnswersConditionally() async throws {
        try await Self.app().test(.router) { client in
            let first = try await client.execute(uri: "/api/v1/stories?limit=1", method: .get)
            let page = try Self.json(first)
            #expect((page["stories"] as? [Any])?.count == 1)
            let next = try #require(page["next"] as? String)
            let second = try Self.json(try await client.execute(uri: "/api/v1/stories?limit=1&cursor=\(next)", method: .get))
            #expect((second["stories"] as? [Any])?.count == 1 && second["next"] == nil)
            let etag = try #require(first.headers[.eTag])
            let again = try await client.execute(uri: "/api/v1/stories?limit=1", method: .get, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified && again.body.readableBytes == 0)

            for uri in ["/api/v1/stories?cursor=bogus", "/api/v1/stories?limit=0", "/api/v1/stories?limit=9999", "/api/v1/search?q="] {
                let bad = try await client.execute(uri: uri, method: .get)
                #expect(bad.status == .badRequest, "\(uri)")
                let error = try #require(try Self.json(bad)["error"] as? [String: Any])
                #expect(error["status"] as? Int == 400 && (error["message"] as? String)?.isEmpty == false)
            }
            let missing = try await client.execute(uri: "/api/v1/stories/s999", method: .get)
            let body = try Self.json(missing)
            #expect(missing.status == .notFound && body["error"] != nil)
        }
    }

    @Test func writesNeedTheKey() async throws {
        let body = ByteBuffer(string: #"{"url": "https://feeds.example/world.rss"}"#)
        try await Self.app().test(.router) { client in
            #expect(try await client.execute(uri: "/api/v1/feeds", method: .post, body: body).status == .unauthorized)
            #expect(try await client.execute(uri: "/api/v1/feeds", method: .post, headers: [.authorization: "Bearer wrong"],
                                             body: body).status == .unauthorized)
            let created = try await client.execute(uri: "/api/v1/feeds", method: .post, headers: [.authorization: "Bearer sesame"], body: body)
            #expect(created.status == .created)
            let id = try #require(try Self.json(created)["id"] as? Int)
            let again = try await client.execute(uri: "/api/v1/feeds", method: .post, headers: [HTTPField.Name("X-API-Key")!: "sesame"], body: body)
            #expect(again.status == .ok)
            let bad = try await client.execute(uri: "/api/v1/feeds", method: .post, headers: [.authorization: "Bearer sesame"],
                                               body: ByteBuffer(string: #"{"url": "file:///etc/passwd"}"#))
            #expect(bad.status == .badRequest)
            let big = try await client.execute(uri: "/api/v1/feeds", method: .post, headers: [.authorization: "Bearer sesame"],
                                               body: ByteBuffer(string: String(repeating: "x", count: 10_000)))
            #expect(big.status == .contentTooLarge)
            let feeds = try Self.json(try await client.execute(uri: "/api/v1/feeds", method: .get))
            #expect((feeds["feeds"] as? [[String: Any]])?.contains { $0["id"] as? Int == id } == true)
            let one = try Self.json(try await client.execute(uri: "/api/v1/feeds/\(id)", method: .get))
            #expect(one["url"] as? String == "https://feeds.example/world.rss" && one["status"] as? String == "new")
            let patch = ByteBuffer(string: #"{"enabled": false, "title": "World desk"}"#)
            #expect(try await client.execute(uri: "/api/v1/feeds/\(id)", method: .patch, body: patch).status == .unauthorized)
            let off = try Self.json(try await client.execute(uri: "/api/v1/feeds/\(id)", method: .patch,
                                                             headers: [.authorization: "Bearer sesame"], body: patch))
            #expect(off["status"] as? String == "disabled" && off["title"] as? String == "World desk")
            let on = try Self.json(try await client.execute(uri: "/api/v1/feeds/\(id)", method: .patch, headers: [.authorization: "Bearer sesame"],
                                                            body: ByteBuffer(string: #"{"enabled": true}"#)))
            #expect(on["status"] as? String != "disabled" && on["title"] as? String == "World desk")
            #expect(try await client.execute(uri: "/api/v1/feeds/999", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/api/v1/feeds/\(id)", method: .delete).status == .unauthorized)
            let removed = try await client.execute(uri: "/api/v1/feeds/\(id)", method: .delete, headers: [.authorization: "Bearer sesame"])
            #expect(removed.status == .noContent)
            let gone = try await client.execute(uri: "/api/v1/feeds/\(id)", method: .delete, headers: [.authorization: "Bearer sesame"])
            #expect(gone.status == .notFound)
        }
        try await Self.app(key: nil).test(.router) { client in
            let refused = try await client.execute(uri: "/api/v1/feeds", method: .post, headers: [.authorization: "Bearer x"], body: body)
            #expect(refused.status == .forbidden && Self.text(refused).contains("--api-key"))
        }
        try await Self.app(host: "0.0.0.0").test(.router) { client in
            let anonymous = try await client.execute(uri: "/api/v1/stories", method: .get)
            #expect(anonymous.status == .unauthorized)
            let keyed = try await client.execute(uri: "/api/v1/stories", method: .get, headers: [.authorization: "Bearer sesame"])
            #expect(keyed.status == .ok)
        }
    }

    @Test func hostileFieldsStayInertOnEveryPage() async throws {
        try await Self.app().test(.router) { client in
            var pages = ["/", "/feeds", "/outlets", URLText.outlet(Self.hostileOutlet)]
            let stories = try Self.json(try await client.execute(uri: "/api/v1/stories", method: .get))
            pages += try #require(stories["stories"] as? [[String: Any]]).compactMap { ($0["id"] as? String).map { "/stories/\($0)" } }
            pages += (1...3).map { "/articles/\($0)" }
            for uri in pages {
                let html = Self.text(try await client.execute(uri: uri, method: .get))
                // The only script a page may carry is its own, with the answer's nonce (the story page's live check).
                let scripts = html.components(separatedBy: "<script").count - 1
                let own = html.components(separatedBy: "<script nonce=\"").count - 1
                #expect(scripts == own && scripts <= 1 && !html.contains("<script>document.title"), "\(uri) carries a script element")
                #expect(!html.contains("<img src=x"), "\(uri) carries the injected image")
                #expect(!html.lowercased().contains("href=\"javascript:"), "\(uri) links to javascript:")
            }
            var shown = false
            for id in 1...3 {
                let page = try await client.execute(uri: "/articles/\(id)", method: .get)
                if Self.text(page).contains("&lt;script&gt;") { shown = true }
            }
            #expect(shown, "the hostile title is shown, escaped")
        }
    }

    @Test func theOpenAPIDocumentDescribesTheRoutes() async throws {
        try await Self.app().test(.router) { client in
            let response = try await client.execute(uri: "/api/openapi.json", method: .get)
            #expect(response.status == .ok)
            let document = try Self.json(response)
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: Any])
            #expect(Set(paths.keys) == ["/api/v1/stories", "/api/v1/stories/{id}", "/api/v1/articles/{id}",
                                        "/api/v1/articles/{id}/revisions", "/api/v1/search", "/api/v1/feeds", "/api/v1/feeds/{id}",
                                        "/api/v1/outlets", "/api/v1/outlets/{name}", "/api/v1/documents"])
        }
    }

    static func feedCount(_ client: some TestClientProtocol) async throws -> Int {
        let feeds = try json(try await client.execute(uri: "/api/v1/feeds", method: .get))
        return (feeds["feeds"] as? [Any])?.count ?? -1
    }

    @Test func answersAreCachedBrieflyAndWritesClearTheCache() async throws {
        let store = InMemoryStore()
        var options = Server.Options()
        options.apiKey = "sesame"
        try await Application(router: Server.router(store: store, options: options)).test(.router) { client in
            #expect(try await Self.feedCount(client) == 0)
            _ = try store.addFeed(url: "https://one.example/rss", title: nil, interval: 1800)
            #expect(try await Self.feedCount(client) == 0, "served from the cache for a few seconds")
            let body = ByteBuffer(string: #"{"url": "https://two.example/rss"}"#)
            let created = try await client.execute(uri: "/api/v1/feeds", method: .post, headers: [.authorization: "Bearer sesame"], body: body)
            #expect(created.status == .created)
            #expect(try await Self.feedCount(client) == 2, "a write clears the cache")
        }
        options.cacheSeconds = 0
        try await Application(router: Server.router(store: store, options: options)).test(.router) { client in
            #expect(try await Self.feedCount(client) == 2)
            _ = try store.addFeed(url: "https://three.example/rss", title: nil, interval: 1800)
            #expect(try await Self.feedCount(client) == 3)
        }
    }

    @Test func metricsInPrometheusText() async throws {
        var options = Server.Options()
        options.metrics = PrometheusCollectorRegistry()
        try await Application(router: Server.router(store: Self.store, options: options)).test(.router) { client in
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok && response.headers[.contentType]?.hasPrefix("text/plain") == true)
            let text = Self.text(response)
            #expect(text.contains("parallax_articles 3") && text.contains("# TYPE parallax_stories gauge"), "\(text.prefix(400))")
            #expect(text.contains(#"parallax_feeds{status="failing"} 0"#))
        }
        try await Self.app().test(.router) { client in
            let none = try await client.execute(uri: "/metrics", method: .get)
            #expect(none.status == .notFound, "no registry, no /metrics")
        }
    }
}
