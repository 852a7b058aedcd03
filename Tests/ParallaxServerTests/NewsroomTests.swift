import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Testing
import ParallaxAnalysis
import ParallaxIngest
import ParallaxModel
import ParallaxReport
import ParallaxStore
@testable import ParallaxServer

/// The newsroom's routes beyond the basics: outlets, the story list's filters, the marked-up article, the feeds
/// page's forms (CSRF, key), and document uploads.
@Suite(.serialized) struct NewsroomTests {
    typealias Base = ServerTests

    @Test func outletsAreListedAndProfiled() async throws {
        try await Base.app().test(.router) { client in
            let list = try Base.json(try await client.execute(uri: "/api/v1/outlets", method: .get))
            let outlets = try #require(list["outlets"] as? [[String: Any]])
            #expect(Set(outlets.compactMap { $0["name"] as? String }) == [Base.hostileOutlet, "Evening Loop", "Port Times"])
            #expect(outlets.first { $0["name"] as? String == "Port Times" }?["reports"] as? Int == 1)

            let profile = try Base.json(try await client.execute(uri: "/api/v1/outlets/Evening%20Loop", method: .get))
            #expect(profile["name"] as? String == "Evening Loop" && profile["reports"] as? Int == 1)
            let stories = try #require(profile["stories"] as? [[String: Any]])
            #expect(stories.count == 1 && (stories[0]["title"] as? String)?.isEmpty == false)
            #expect((profile["periods"] as? [[String: Any]])?.first?["period"] as? String == "2031-03-10")
            #expect(profile["claims"] as? Int ?? 0 > 0)
            let links = try #require(profile["links"] as? [[String: Any]])
            #expect(links.contains { $0["outlet"] as? String == Base.hostileOutlet }, "the two dam reports share text: \(links)")

            let page = try await client.execute(uri: "/outlets/Evening%20Loop", method: .get)
            let html = Base.text(page)
            #expect(page.status == .ok && html.contains("Hedging and attribution") && html.contains("Copies and translations"))
            #expect(html.contains("Over time") && html.contains("/stories/s"))
            let index = Base.text(try await client.execute(uri: "/outlets", method: .get))
            #expect(index.contains("href=\"/outlets/Evening%20Loop\"") && index.contains("/outlets/Port%20Times"))
            // The hostile name round-trips through its link and stays escaped.
            let hostile = Base.text(try await client.execute(uri: URLText.outlet(Base.hostileOutlet), method: .get))
            #expect(hostile.contains("&lt;img src=x") && !hostile.contains("<img src=x"))
            #expect(try await client.execute(uri: "/outlets/Nobody", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/api/v1/outlets/Nobody", method: .get).status == .notFound)
        }
    }

    @Test func theStoryListFilters() async throws {
        try await Base.app().test(.router) { client in
            func ids(_ query: String) async throws -> [String] {
                let page = try await client.execute(uri: "/api/v1/stories?\(query)", method: .get)
                #expect(page.status == .ok, "\(query)")
                return try #require(try Base.json(page)["stories"] as? [[String: Any]]).compactMap { $0["title"] as? String }
            }
            #expect(try await ids("outlet=Port%20Times") == ["Halvik dockers strike"])
            #expect(try await ids("q=dockers") == ["Halvik dockers strike"])
            let english = try await ids("language=en"), finnish = try await ids("language=fi")
            #expect(english.count == 2 && finnish.isEmpty)
            #expect(try await ids("from=2031-03-10&to=2031-03-10").count == 2)
            let later = try await ids("from=2031-03-11"), earlier = try await ids("to=2031-03-09")
            #expect(later.isEmpty && earlier.isEmpty)
            // Each status keeps exactly the stories whose counts say so.
            let all = try #require(try Base.json(try await client.execute(uri: "/api/v1/stories", method: .get))["stories"]
                as? [[String: Any]])
            for (status, field) in [("divergent", "divergent_figures"), ("corroborated", "corroborated"),
                                    ("single-origin", "single_origin"), ("disputed", "disputed")] {
                let expected = all.filter { ($0[field] as? Int ?? 0) > 0 }.compactMap { $0["title"] as? String }
                #expect(try await ids("status=\(status)") == expected, "\(status)")
            }
            #expect(all.contains { ($0["single_origin"] as? Int ?? 0) > 0 }, "the fixture has single-origin claims to filter on")
            for query in ["status=bogus", "from=yesterday", "to=2031-13-45", "language=%3Cscript%3E"] {
                let bad = try await client.execute(uri: "/api/v1/stories?\(query)", method: .get)
                #expect(bad.status == .badRequest, "\(query)")
                let page = try await client.execute(uri: "/?\(query)", method: .get)
                #expect(page.status == .badRequest && Base.text(page).contains("<!DOCTYPE html>"), "\(query)")
            }
            let page = Base.text(try await client.execute(uri: "/?outlet=Port%20Times", method: .get))
            #expect(page.contains("Halvik dockers strike") && !page.contains("Velmora flooded"))
            #expect(page.contains("<option value=\"Port Times\" selected>"), "the form shows the filter in force")
        }
    }

    @Test func aStoryPageStaysLiveThroughItsOneNoncedScript() async throws {
        try await Base.app().test(.router) { client in
            let stories = try Base.json(try await client.execute(uri: "/api/v1/stories", method: .get))
            let id = try #require((stories["stories"] as? [[String: Any]])?.first?["id"] as? String)
            let first = try await client.execute(uri: "/stories/\(id)", method: .get)
            let second = try await client.execute(uri: "/stories/\(id)", method: .get)
            let policy = try #require(first.headers[.contentSecurityPolicy])
            #expect(policy.contains("script-src 'nonce-") && policy.contains("connect-src 'self'"))
            #expect(policy != second.headers[.contentSecurityPolicy], "a fresh nonce for each answer, cached page or not")
            let nonce = try #require(policy.components(separatedBy: "'nonce-").last?.split(separator: "'").first.map(String.init))
            let html = Base.text(first)
            #expect(html.contains("<script nonce=\"\(nonce)\">") && html.components(separatedBy: "<script").count == 2)
            #expect(!html.contains(Pages.noncePlaceholder))
            #expect(!html.contains("http-equiv=\"Content-Security-Policy\""), "no stricter page policy overrides the header's")
            // The page carries the dossier's ETag: the API answers 304 to it until the story changes.
            let etag = try #require(html.components(separatedBy: "var etag = '").last?.split(separator: "'").first.map(String.init))
            let api = try await client.execute(uri: "/api/v1/stories/\(id)", method: .get, headers: [.ifNoneMatch: etag])
            #expect(api.status == .notModified)
            let list = try await client.execute(uri: "/", method: .get)
            #expect(list.headers[.contentSecurityPolicy]?.contains("script-src") == false, "pages without a script allow none")
        }
    }

    @Test func anArticleIsMarkedUp() async throws {
        try await Base.app().test(.router) { client in
            let found = try Base.json(try await client.execute(uri: "/api/v1/search?q=dockers", method: .get))
            let id = try #require((found["articles"] as? [[String: Any]])?.first?["id"] as? Int)
            let html = Base.text(try await client.execute(uri: "/articles/\(id)", method: .get))
            #expect(html.contains("class=\"m-claim") && html.contains("Who said what"), "claims marked and tabled")
            #expect(html.contains("m-speaker") && html.contains("union"), "the union is a speaker")
            #expect(html.contains("m-date"), "Tuesday morning is a date")
            #expect(html.contains("href=\"/outlets/Port%20Times\""))
            #expect(html.contains("<h2>Story</h2>"))
        }
    }

    @Test func theMarkupNeverInterleavesAndKeepsEveryCharacter() {
        var article = Article(source: "x", format: "text")
        article.paragraphs = ["A said <b> 12 fell & rose.", "Second."]
        article.text = article.paragraphs.joined(separator: "\n\n")
        // Overlapping marks: a claim over "said <b> 12 fell", a figure inside, a persuasion span across its end.
        var claim = Claim(kind: .reported, text: article.paragraphs[0], sentence: 0, content: .init(text: "", start: 2, end: 18))
        claim.speaker = .init(text: "A", start: 0, end: 1)
        article.claims = [claim]
        article.figures = [Figure(text: "12", value: 12, sentence: 0, start: 11, end: 13)]
        article.techniques = [PersuasionSpan(technique: "Loaded_Language", text: "fell & rose", start: 14, end: 25, sentence: 0, cue: "fell")]
        article.dates = [DateMention(text: "bogus", kind: .absolute, date: nil, sentence: 0, start: 900, end: 990, inferred: false)]
        let html = ArticleMarkup.paragraphs(article)
        let plain = html.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        #expect(plain == "A said &lt;b&gt; 12 fell &amp; rose.\nSecond.")
        #expect(html.contains("<span class=\"m-claim m-figure\""))
        #expect(html.contains("<span class=\"m-claim m-persuasion\""))
        #expect(html.components(separatedBy: "<span").count == html.components(separatedBy: "</span>").count)
        // A text that is not its paragraphs joined is shown unmarked rather than misplaced.
        article.text = "other"
        #expect(!ArticleMarkup.paragraphs(article).contains("<span"))
    }

    @Test func feedFormsNeedTheTokenAndTheKey() async throws {
        let store = InMemoryStore()
        var options = Server.Options()
        options.apiKey = "sesame"
        try await Application(router: Server.router(store: store, options: options)).test(.router) { client in
            let page = try await client.execute(uri: "/feeds", method: .get)
            let cookie = try #require(page.headers[.setCookie])
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            let token = try #require(cookie.split(separator: ";").first?.split(separator: "=").last.map(String.init))
            #expect(Base.text(page).contains("name=\"csrf\" value=\"\(token)\""))
            func post(_ uri: String, _ form: String, cookie: String? = nil, origin: String? = nil) async throws -> TestResponse {
                var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                if let cookie { headers[.cookie] = "parallax_csrf=\(cookie)" }
                if let origin { headers[HTTPField.Name("Origin")!] = origin }
                return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: form))
            }
            let url = "url=https%3A%2F%2Ffeeds.example%2Fworld.rss&title=World"
            #expect(try await post("/feeds", "csrf=\(token)&key=sesame&\(url)").status == .forbidden, "no cookie")
            #expect(try await post("/feeds", "csrf=beef&key=sesame&\(url)", cookie: token).status == .forbidden, "wrong token")
            #expect(try await post("/feeds", "csrf=\(token)&key=wrong&\(url)", cookie: token).status == .unauthorized)
            #expect(try await post("/feeds", "csrf=\(token)&key=sesame&\(url)", cookie: token, origin: "https://evil.example")
                .status == .forbidden, "another site's form")
            #expect(try store.feeds().isEmpty)
            let added = try await post("/feeds", "csrf=\(token)&key=sesame&\(url)", cookie: token)
            #expect(added.status == .seeOther && added.headers[.location]?.hasPrefix("/feeds?added=") == true)
            let feed = try #require(try store.feeds().first)
            #expect(feed.url == "https://feeds.example/world.rss" && feed.title == "World")
            #expect(try await post("/feeds", "csrf=\(token)&key=sesame&url=javascript%3Aalert(1)", cookie: token).status == .badRequest)
            #expect(Base.text(try await client.execute(uri: "/feeds", method: .get)).contains("Remove feed \(feed.id)"))
            let removed = try await post("/feeds/\(feed.id)/remove", "csrf=\(token)&key=sesame", cookie: token)
            #expect(removed.status == .seeOther)
            #expect(try store.feeds().isEmpty)
        }
        // A server without a key offers no forms, and says why.
        _ = try store.addFeed(url: "https://feeds.example/other.rss", title: nil, interval: 1800)
        try await Application(router: Server.router(store: store, options: Server.Options())).test(.router) { client in
            let page = Base.text(try await client.execute(uri: "/feeds", method: .get))
            #expect(page.contains("other.rss") && !page.contains("<form") && page.contains("takes no writes"))
        }
    }

    @Test func documentsAreUploadedIntoStories() async throws {
        let store = InMemoryStore()
        var options = Server.Options()
        options.apiKey = "sesame"
        options.maxUpload = 64 << 10
        options.ingestor = Ingestor(articles: ArticlePipeline.standard(dataDirectory: Base.vendor),
                                    stories: StoryPipeline.standard(dataDirectory: Base.vendor), store: store)
        let key: HTTPFields = [.authorization: "Bearer sesame", .contentType: "text/plain"]
        let report = """
            Dockers strike in Halvik

            Dock workers at the port of Halvik began a three-day strike over pay on Tuesday, the union said.

            Ferries to the islands were cancelled and lorries queued on the coast road, police said.
            """
        try await Application(router: Server.router(store: store, options: options)).test(.router) { client in
            let uri = "/api/v1/documents?outlet=Port%20Times&published=2031-03-11&url=https%3A%2F%2Fport.example%2Fstrike"
            #expect(try await client.execute(uri: uri, method: .post, body: ByteBuffer(string: report)).status == .unauthorized)
            let created = try await client.execute(uri: uri, method: .post, headers: key, body: ByteBuffer(string: report))
            #expect(created.status == .created)
            let answer = try Base.json(created)
            #expect((answer["added"] as? [Int])?.count == 1 && (answer["stories"] as? [String])?.count == 1)
            let again = try await client.execute(uri: uri, method: .post, headers: key, body: ByteBuffer(string: report))
            let unchanged = try Base.json(again)["unchanged"] as? [Any]
            #expect(again.status == .ok && unchanged?.count == 1, "the same bytes again")
            let json = #"{"documents": [{"html": "<html><body><h1>Strike</h1><p>The port authority called the Halvik strike irresponsible and asked for mediation on Tuesday.</p></body></html>", "outlet": "Coast Radio"}]}"#
            var headers = key
            headers[.contentType] = "application/json"
            let second = try await client.execute(uri: "/api/v1/documents", method: .post, headers: headers, body: ByteBuffer(string: json))
            #expect(second.status == .created)
            #expect(try store.stats().articles == 2)
            let stories = try Base.json(try await client.execute(uri: "/api/v1/stories", method: .get))
            #expect((stories["stories"] as? [Any])?.isEmpty == false)

            for (type, body) in [("application/json", #"{"documents": []}"#), ("application/json", #"{"documents": [{"text": "a", "html": "b"}]}"#),
                                 ("application/json", "{not json"), ("text/plain", "   \n ")] {
                headers[.contentType] = type
                let bad = try await client.execute(uri: "/api/v1/documents", method: .post, headers: headers, body: ByteBuffer(string: body))
                #expect(bad.status == .badRequest, "\(body)")
            }
            headers[.contentType] = "image/png"
            #expect(try await client.execute(uri: "/api/v1/documents", method: .post, headers: headers,
                                             body: ByteBuffer(string: "x")).status == .unsupportedMediaType)
            let huge = ByteBuffer(string: String(repeating: "Words of a very long report. ", count: 4000))
            #expect(try await client.execute(uri: "/api/v1/documents", method: .post, headers: key, body: huge).status == .contentTooLarge)
            #expect(try store.stats().articles == 2, "nothing stored from a refused upload")
        }
        options.ingestor = nil
        try await Application(router: Server.router(store: store, options: options)).test(.router) { client in
            let refused = try await client.execute(uri: "/api/v1/documents", method: .post, headers: key, body: ByteBuffer(string: report))
            #expect(refused.status == .serviceUnavailable)
        }
    }
}
