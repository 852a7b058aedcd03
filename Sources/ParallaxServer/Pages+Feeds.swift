import Foundation
import HTTPTypes
import Hummingbird
import ParallaxFeeds
import ParallaxReport
import ParallaxStore

/// `/feeds`: every feed with its status and last error, and forms to add and remove feeds.
///
/// The forms write, so they need the server's API key (typed into the form; never stored by the page) and pass a
/// CSRF check: a random token in a `SameSite=Strict`, `HttpOnly` cookie must come back in the form, and a request
/// whose `Origin` or `Sec-Fetch-Site` says another site sent it is refused.
extension Pages {
    static let csrfCookie = "parallax_csrf"

    func registerFeeds(on router: Router<BasicRequestContext>) {
        router.get("feeds") { request, _ in
            try access.check(request, write: false)
            let token = request.cookies[Self.csrfCookie]?.value.nonEmptyToken ?? Self.newToken()
            let query = request.uri.queryParameters
            var response = Self.html(try feeds(token: token, added: query["added"].map(String.init),
                                               removed: query["removed"].map(String.init)))
            response.setCookie(Cookie(name: Self.csrfCookie, value: token, path: "/feeds", httpOnly: true, sameSite: .strict))
            response.headers[.cacheControl] = "no-store"
            return response
        }
        router.post("feeds") { request, _ in
            let form = try await Self.form(request, access: access)
            guard let url = form["url"].flatMap(FeedURL.valid) else {
                throw APIError(.badRequest, "not an http or https URL: \((form["url"] ?? "").prefix(300))", code: "fetch.bad-url")
            }
            let title = form["title"].flatMap { $0.isEmpty ? nil : String($0.prefix(300)) }
            let (feed, _) = try store.addFeed(url: url, title: title, interval: Poller.defaultInterval)
            cache.clear()
            return Response(status: .seeOther, headers: [.location: "/feeds?added=\(feed.id)"])
        }
        router.post("feeds/:id/remove") { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            _ = try await Self.form(request, access: access)
            guard try store.removeFeed(id) else { throw APIError(.notFound, "No feed \(id).") }
            cache.clear()
            return Response(status: .seeOther, headers: [.location: "/feeds?removed=\(id)"])
        }
    }

    private func feeds(token: String, added: String?, removed: String?) throws -> String {
        let feeds = try store.feeds()
        // Without a key nothing can be written: the page says so rather than offer forms that can only be refused.
        let writable = access.key != nil
        let hidden = "<input type=\"hidden\" name=\"csrf\" value=\"\(h(token))\">"
        // A hidden user name beside the key, as browsers expect of a password field (for password managers).
        let key = "<input type=\"text\" name=\"user\" value=\"parallax\" autocomplete=\"username\" hidden>"
            + "<label>API key <input type=\"password\" name=\"key\" required autocomplete=\"current-password\"></label>"
        let rows = feeds.map { f in
            let remove = writable ? """
                <td><details><summary>remove</summary><form method="post" action="/feeds/\(f.id)/remove">\(hidden)\(key) \
                <button type="submit">Remove feed \(f.id)</button></form></details></td>
                """ : ""
            return """
                <tr><td>\(f.id)</td><td class="status-\(h(f.status))">\(h(f.status))</td><td>\(h(f.title ?? "—"))<br>\
                <span class="muted small">\(h(f.url))</span></td><td>\(h(f.lastSuccess.map(StoreClock.minute) ?? "never"))</td>\
                <td>\(h(StoreClock.minute(f.nextPoll)))</td><td class="num">\(f.items)</td><td class="num">\(f.articles)</td>\
                <td>\(h(f.lastError ?? f.disabledReason ?? ""))</td>\(remove)</tr>
                """
        }
        var notice = ""
        if let added { notice = "<p class=\"notice\">Feed \(h(added)) is subscribed; the poller reads it at its next round.</p>" }
        if let removed { notice = "<p class=\"notice\">Feed \(h(removed)) is removed (its articles stay).</p>" }
        let table = rows.isEmpty ? "<p>No feeds yet.</p>" : """
            <table class="list"><thead><tr><th>#</th><th>Status</th><th>Feed</th><th>Last success</th><th>Next poll</th>\
            <th>Items</th><th>Articles</th><th>Last error</th>\(writable ? "<th></th>" : "")</tr></thead>\
            <tbody>\(rows.joined(separator: "\n"))</tbody></table>
            """
        let form = writable ? """
            <section><h2>Add a feed</h2><form class="filters" method="post" action="/feeds">\(hidden)\
            <label>Feed URL (RSS, Atom or JSON Feed) <input type="url" name="url" required maxlength="2000" size="50"></label>\
            <label>Title (optional) <input type="text" name="title" maxlength="300"></label>\(key)\
            <button type="submit">Subscribe</button></form>\
            <p class="small muted">Writes need the key the server was started with (<code>--api-key</code>); \
            the same is possible from the command line (<code>parallax feeds add URL</code>) or the API.</p></section>
            """ : """
            <p class="muted">This server takes no writes (it was started without <code>--api-key</code>): add feeds with \
            <code>parallax feeds add URL</code>, or start the server with a key to add and remove them here.</p>
            """
        return Self.document(title: "Feeds", body: notice + table + form)
    }

    /// A form post's fields, after the same-site, CSRF and API-key checks.
    private static func form(_ request: Request, access: Access) async throws -> [String: String] {
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!], !["same-origin", "none"].contains(site) {
            throw APIError(.forbidden, "a form on another site cannot write here", code: "csrf.cross-site")
        }
        if let origin = request.headers[HTTPField.Name("Origin")!], origin != "null",
           let host = request.head.authority,
           URLComponents(string: origin).map({ ($0.host ?? "") + ($0.port.map { ":\($0)" } ?? "") }) != host {
            throw APIError(.forbidden, "a form on another site cannot write here", code: "csrf.cross-site")
        }
        let body = try await request.body.collect(upTo: 64 << 10)
        let text = String(buffer: body)
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            if let name = parts.first { fields[decode(name)] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        guard let cookie = request.cookies[csrfCookie]?.value.nonEmptyToken, let given = fields["csrf"],
              Access.same(cookie, given) else {
            throw APIError(.forbidden, "the form is out of date or was not sent from this server's page: reload /feeds and try again",
                           code: "csrf.token")
        }
        try access.checkKey(fields["key"])
        return fields
    }

    private static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(generator.next() as UInt64, radix: 16) }.joined(separator: "-")
    }
}

private extension String {
    /// The token when it looks like one this server made (hex words joined by dashes), else nil.
    var nonEmptyToken: String? {
        !isEmpty && count <= 80 && allSatisfy({ $0.isHexDigit || $0 == "-" }) ? self : nil
    }
}
