import Foundation
import Hummingbird
import NIOCore
import ParallaxAnalysis
import ParallaxFeeds
import ParallaxModel
import ParallaxReport
import ParallaxStore

/// The pages for people: `/` (stories, newest activity first, with filters and search; Pages+Stories.swift),
/// `/stories/{id}` (the dossier), `/articles/{id}` (the text with what was found in it, and its revisions;
/// Pages+Articles.swift), `/outlets` and `/outlets/{name}` (Pages+Outlets.swift), `/feeds` (with forms to add and
/// remove; Pages+Feeds.swift). Server-rendered, no script; everything that comes from an article, an outlet or a
/// feed is escaped, and links out are http(s) only.
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
        router.get("outlets") { request, _ in try page(request) { try outlets() } }
        router.get("outlets/:name") { request, context in
            try page(request) { try outlet(Self.decoded(context.parameters.require("name"))) }
        }
        registerFeeds(on: router)
    }

    /// A page: access checked, the HTML made (or taken from the cache, at most a few seconds old).
    func page(_ request: Request, _ make: () throws -> String) throws -> Response {
        try access.check(request, write: false)
        let body = try cache.body("page " + request.uri.description, type: "text/html") { Data(try make().utf8) }
        // A page with a script carries the placeholder near its top (the script comes right after <body>): a fresh
        // nonce for each answer (the cached page keeps the placeholder), and a policy that lets only that script
        // run and fetch only from this server. Bytes throughout: a story page can be megabytes.
        guard let at = body.prefix(Self.scriptWithin).range(of: Self.placeholderBytes) else {
            return Self.html(ByteBuffer(bytes: body))
        }
        let nonce = Self.nonce()
        var buffer = ByteBuffer()
        buffer.reserveCapacity(body.count)
        buffer.writeBytes(body[..<at.lowerBound])
        buffer.writeString(nonce)
        buffer.writeBytes(body[at.upperBound...])
        var response = Self.html(buffer)
        response.headers[.contentSecurityPolicy] = SecurityHeaders<BasicRequestContext>.policy(nonce: nonce)
        return response
    }

    /// How far into a page its script may begin.
    static let scriptWithin = 256 << 10

    private static let placeholderBytes = Data(noncePlaceholder.utf8)

    /// Stands for the nonce in pages as made and cached; random per process, so no text can carry it.
    static let noncePlaceholder = "nonce-" + nonce()

    static func nonce() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in String(generator.next() as UInt64, radix: 36) }.joined()
    }

    static func wantsHTML(_ request: Request) -> Bool {
        !request.uri.path.hasPrefix("/api/") && (request.headers[.accept]?.contains("application/json") != true)
    }

    func h(_ s: String) -> String { Escape.html(s) }

    /// "1 report", "3 reports", "2 stories".
    static func count(_ n: Int, _ one: String, _ many: String? = nil) -> String { "\(n) \(n == 1 ? one : many ?? one + "s")" }

    /// A path segment as the client percent-encoded it.
    static func decoded(_ segment: String) throws -> String {
        guard let text = segment.removingPercentEncoding, !text.isEmpty, text.unicodeScalars.count <= 300 else {
            throw APIError(.badRequest, "not a name this server writes in its links", code: "api.bad-name")
        }
        return text
    }

    /// The navigation every page starts with.
    static let navigation = "<a href=\"/\">Stories</a> · <a href=\"/outlets\">Outlets</a> · <a href=\"/feeds\">Feeds</a> · "
        + "<a href=\"/api/openapi.json\">API</a>"

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
            form.filters { display: flex; flex-wrap: wrap; gap: .5em 1em; align-items: end; margin: 1em 0; }
            form.filters label { display: flex; flex-direction: column; font-size: .85em; }
            .bar { display: inline-block; height: .7em; background: currentColor; opacity: .45; vertical-align: middle; }
            \(ArticleMarkup.style)
            </style>
            </head>
            <body>
            <header class="masthead"><p class="brand"><a href="/">Parallax</a></p><nav>\(navigation)</nav></header>
            <main>
            <h1>\(Escape.html(title))</h1>
            \(body)
            </main>
            </body>
            </html>

            """
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        html(ByteBuffer(string: text), status: status)
    }

    static func html(_ buffer: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: buffer))
    }
}
