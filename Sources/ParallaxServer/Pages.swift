import Foundation
import Hummingbird
import NIOCore
import ParallaxAnalysis
import ParallaxFeeds
import ParallaxModel
import ParallaxReport
import ParallaxStore

/// The pages for people: `/` (stories, newest activity first, with search), `/stories/{id}` (the dossier),
/// `/articles/{id}` (the text and its revisions), `/feeds`. Server-rendered, no script; everything that comes from
/// an article, an outlet or a feed is escaped, and links out are http(s) only.
struct Pages: Sendable {
    let store: any Store
    let access: Access
    let cache: ResponseCache

    func register(on router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in try page(request) { try storyList(request) } }
        router.get("stories/:id") { request, context in try page(request) { try story(context.parameters.require("id")) } }
        router.get("articles/:id") { request, context in
            try page(request) { try article(context.parameters.require("id", as: Int.self)) }
        }
        router.get("feeds") { request, _ in try page(request) { try feeds() } }
    }

    /// A page: access checked, the HTML made (or taken from the cache, at most a few seconds old).
    private func page(_ request: Request, _ make: () throws -> String) throws -> Response {
        try access.check(request, write: false)
        let body = try cache.body("page " + request.uri.description, type: "text/html") { Data(try make().utf8) }
        return Self.html(String(decoding: body, as: UTF8.self))
    }

    static func wantsHTML(_ request: Request) -> Bool {
        !request.uri.path.hasPrefix("/api/") && (request.headers[.accept]?.contains("application/json") != true)
    }

    private func h(_ s: String) -> String { Escape.html(s) }

    // MARK: Story list

    private func storyList(_ request: Request) throws -> String {
        let query = request.uri.queryParameters
        let q = query["q"].map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
        var stories = try store.stories(since: nil)
        if !q.isEmpty {
            let ids = Set(try store.search(String(q.prefix(500)), limit: 500).compactMap { try store.article(id: $0)?.story })
            stories = stories.filter { StoryName.id($0.id).map(ids.contains) ?? false }
        }
        let rows = stories.prefix(500).map { s in
            """
            <tr><td><a href="/stories/\(h(s.id))">\(h(s.title))</a></td><td>\(h(s.lastPublished ?? "—"))</td>\
            <td class="num">\(s.articles)</td><td class="num">\(s.outlets)</td><td class="num">\(s.origins)</td>\
            <td class="num">\(s.corroborated) / \(s.claims)</td><td>\(h(s.languages.joined(separator: ", ")))</td></tr>
            """
        }
        let stats = try store.stats()
        let form = """
            <form method="get" action="/" role="search"><label>Search <input type="search" name="q" value="\(h(q))" \
            maxlength="500"></label> <button type="submit">Search</button></form>
            """
        let table = rows.isEmpty
            ? "<p>\(q.isEmpty ? "No stories yet: ingest reports or add feeds." : "No story matches.")</p>"
            : """
              <table class="list"><thead><tr><th>Story</th><th>Latest report</th><th>Reports</th><th>Outlets</th>\
              <th>Independent origins</th><th>Corroborated / claims</th><th>Languages</th></tr></thead>
              <tbody>\(rows.joined(separator: "\n"))</tbody></table>
              """
        return Self.document(title: "Stories", body: """
            <p class="muted">\(stats.articles) articles in \(stats.stories) stories · <a href="/feeds">Feeds</a> · \
            <a href="/api/openapi.json">API</a></p>\(form)\(table)
            """)
    }

    // MARK: Story

    private func story(_ name: String) throws -> String {
        guard let id = StoryName.id(name), let (story, articles) = try store.story(id) else {
            throw APIError(.notFound, "No story \(name.prefix(50)) with a dossier.")
        }
        let document = StoryRendering.Document(stories: [story], articles: articles.count, failures: [], warnings: [])
        // The dossier page as `parallax story --format html` writes it, with the site's navigation.
        return DossierReport.html(document, articles: articles)
            .replacingOccurrences(of: "<body>", with: "<body>\n<nav style=\"max-width: 72rem; margin: 1rem auto 0; padding: 0 1.5rem\">"
                                  + "<a href=\"/\">All stories</a> · <a href=\"/feeds\">Feeds</a></nav>")
    }

    // MARK: Article

    private func article(_ id: Int) throws -> String {
        guard let stored = try store.article(id: id) else { throw APIError(.notFound, "No article \(id).") }
        let a = stored.article
        var facts = [a.outlet, a.published, a.byline].compactMap { $0 }.map(h)
        if let story = stored.story { facts.append("<a href=\"/stories/\(StoryName.of(story))\">story \(StoryName.of(story))</a>") }
        if let url = stored.url ?? a.url, let link = Self.safeLink(url) {
            facts.append("<a href=\"\(h(link))\" rel=\"noopener noreferrer nofollow\">original</a>")
        }
        let paragraphs = a.paragraphs.map { "<p>\(h($0))</p>" }.joined(separator: "\n")
        var revisions = ""
        let all = try store.revisions(of: id)
        if all.count > 1 {
            var previous: [String] = []
            let items = all.map { r -> String in
                defer { previous = r.article.paragraphs }
                let lines = r.revision > 1 ? ParagraphDiff.lines(from: previous, to: r.article.paragraphs) : []
                let diff = lines.map { line in
                    "<li class=\"\(line.hasPrefix("+") ? "added" : "removed")\">\(h(line))</li>"
                }.joined()
                return "<li>revision \(r.revision) · \(h(r.ingested))\(diff.isEmpty ? "" : "<ul class=\"diff\">\(diff)</ul>")</li>"
            }
            revisions = "<section><h2>Revisions</h2><ol>\(items.joined())</ol></section>"
        }
        return Self.document(title: a.title ?? a.source, body: """
            <p class="muted">\(facts.joined(separator: " · "))</p>\(revisions)<section class="text">\(paragraphs)</section>
            """)
    }

    // MARK: Feeds

    private func feeds() throws -> String {
        let feeds = try store.feeds()
        let rows = feeds.map { f in
            """
            <tr><td>\(f.id)</td><td class="status-\(h(f.status))">\(h(f.status))</td><td>\(h(f.title ?? "—"))<br>\
            <span class="muted">\(h(f.url))</span></td><td>\(h(f.lastSuccess.map(StoreClock.minute) ?? "never"))</td>\
            <td>\(h(StoreClock.minute(f.nextPoll)))</td><td class="num">\(f.items)</td><td class="num">\(f.articles)</td>\
            <td>\(h(f.lastError ?? f.disabledReason ?? ""))</td></tr>
            """
        }
        let table = rows.isEmpty ? "<p>No feeds: add some with <code>parallax feeds add URL…</code> or the API.</p>" : """
            <table class="list"><thead><tr><th>#</th><th>Status</th><th>Feed</th><th>Last success</th><th>Next poll</th>\
            <th>Items</th><th>Articles</th><th>Last error</th></tr></thead><tbody>\(rows.joined(separator: "\n"))</tbody></table>
            """
        return Self.document(title: "Feeds", body: "<p class=\"muted\"><a href=\"/\">All stories</a></p>\(table)")
    }

    // MARK: Layout

    /// A link target only when it is an absolute http(s) URL.
    static func safeLink(_ url: String) -> String? {
        guard let parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased(),
              scheme == "http" || scheme == "https", parts.host?.isEmpty == false else { return nil }
        return url
    }

    static func page(status: HTTPResponse.Status = .ok, title: String, body: String) -> Response {
        html(document(title: title, body: body), status: status)
    }

    static func document(title: String, body: String) -> String {
        """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <meta name="referrer" content="no-referrer">
            <title>\(Escape.html(title)) · Parallax</title>
            <style>\(DossierReport.style)
            table.list { border-collapse: collapse; width: 100%; } table.list td, table.list th { padding: .3em .5em;
            border-bottom: 1px solid color-mix(in srgb, currentColor 15%, transparent); text-align: left; vertical-align: top; }
            td.num { text-align: right; } .status-failing, .status-disabled { font-weight: bold; }
            ul.diff li.added { color: #1a7f37; } ul.diff li.removed { color: #b42318; text-decoration: line-through; }
            </style>
            </head>
            <body>
            <header class="masthead"><p class="brand"><a href="/">Parallax</a></p></header>
            <main>
            <h1>\(Escape.html(title))</h1>
            \(body)
            </main>
            </body>
            </html>

            """
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
