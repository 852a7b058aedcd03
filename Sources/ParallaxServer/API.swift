import Foundation
import Hummingbird
import HummingbirdCore
import NIOCore
import ParallaxAnalysis
import ParallaxFeeds
import ParallaxIngest
import ParallaxModel
import ParallaxReport
import ParallaxStore

/// The JSON API under `/api/v1`, described by `/api/openapi.json` (`OpenAPIDocument.swift`). Lists are paged by
/// an opaque `cursor` (`next` in each page, null on the last); every answer has an ETag and a matching
/// `If-None-Match` gets a 304; every error is `{"error": {"status", "code", "message"}}`.
struct API: Sendable {
    let store: any Store
    let access: Access
    let cache: ResponseCache
    /// What uploads go through (none: uploads are refused).
    let ingestor: Ingestor?
    let maxUpload: Int

    static let maxLimit = 200

    func register(on router: Router<BasicRequestContext>) {
        let v1 = router.group("api/v1")
        v1.get("stories") { request, _ in try read(request) { try stories(request) } }
        v1.get("stories/:id") { request, context in try read(request) { try story(context.parameters.require("id")) } }
        v1.get("articles/:id") { request, context in
            try read(request) { try article(context.parameters.require("id", as: Int.self)) }
        }
        v1.get("articles/:id/revisions") { request, context in
            try read(request) { try revisions(context.parameters.require("id", as: Int.self)) }
        }
        v1.get("search") { request, _ in try read(request) { try search(request) } }
        v1.get("outlets") { request, _ in try read(request) { try outlets(request) } }
        v1.get("outlets/:name") { request, context in
            try read(request) { try outlet(Pages.decoded(context.parameters.require("name"))) }
        }
        registerDocuments(on: v1)
        v1.get("feeds") { request, _ in try read(request) { FeedPage(feeds: try store.feeds().map(FeedListing.init)) } }
        v1.post("feeds") { request, context in
            try access.check(request, write: true)
            let body = try await request.body.collect(upTo: 1 << 20)
            let wanted = try JSON.decode(NewFeed.self, body)
            guard let url = FeedURL.valid(wanted.url) else {
                throw APIError(.badRequest, "not an http or https URL: \(wanted.url.prefix(300))", code: "fetch.bad-url")
            }
            let (feed, added) = try store.addFeed(url: url, title: wanted.title, interval: Poller.defaultInterval)
            cache.clear()
            return try JSON.response(FeedListing(feed), status: added ? .created : .ok)
        }
        v1.get("feeds/:id") { request, context in
            let id = try context.parameters.require("id", as: Int.self)
            return try read(request) { FeedListing(try feed(id)) }
        }
        v1.patch("feeds/:id") { request, context in
            try access.check(request, write: true)
            var record = try feed(try context.parameters.require("id", as: Int.self))
            let change = try JSON.decode(FeedChange.self, try await request.body.collect(upTo: 64 << 10))
            if let title = change.title { record.title = title.isEmpty ? nil : String(title.prefix(300)) }
            if change.enabled == true, !record.enabled { record.turnOn() }
            if change.enabled == false, record.enabled { record.turnOff() }
            try store.saveFeed(record)
            cache.clear()
            return try JSON.response(FeedListing(record))
        }
        v1.delete("feeds/:id") { request, context in
            try access.check(request, write: true)
            let id = try context.parameters.require("id", as: Int.self)
            guard try store.removeFeed(id) else { throw APIError(.notFound, "no feed \(id)") }
            cache.clear()
            return Response(status: .noContent)
        }
        router.get("api/openapi.json") { request, _ in
            try JSON.conditional(request, Data(OpenAPIDocument.json.utf8))
        }
    }

    /// A read: access checked, the value encoded, answered 304 when the client has it already.
    private func read<T: Encodable>(_ request: Request, _ body: () throws -> T) throws -> Response {
        try access.check(request, write: false)
        return try JSON.conditional(request, cache.body("api " + request.uri.description, type: "application/json") {
            try JSON.encode(try body())
        })
    }

    // MARK: Stories

    struct StoryPage: Encodable {
        var stories: [StorySummary]
        var next: String?
    }

    private func stories(_ request: Request) throws -> StoryPage {
        let query = request.uri.queryParameters
        let (offset, limit) = try Paging.read(query)
        let since = query["since"].flatMap { $0.isEmpty ? nil : String($0) }
        if let since, !StoreClock.isDay(since) {
            throw APIError(.badRequest, "since must be a day written YYYY-MM-DD", code: "api.bad-date")
        }
        let all = try StoryFilter(query).apply(try store.stories(since: since), store: store)
        let page = Array(all.dropFirst(offset).prefix(limit))
        return StoryPage(stories: page, next: offset + limit < all.count ? Paging.cursor(offset + limit) : nil)
    }

    private func story(_ name: String) throws -> StoryRendering.Document {
        guard let id = StoryName.id(name), let (story, articles) = try store.story(id) else {
            throw APIError(.notFound, "no story \(name.prefix(50)) with a dossier")
        }
        return StoryRendering.Document(story: story, articles: articles.count)
    }

    // MARK: Articles

    struct ArticleAnswer: Encodable {
        var id: Int
        var revision: Int
        var story: String?
        var article: Article
    }

    private func article(_ id: Int) throws -> ArticleAnswer {
        guard let stored = try store.article(id: id) else { throw APIError(.notFound, "no article \(id)") }
        return ArticleAnswer(id: id, revision: stored.revision, story: stored.story.map(StoryName.of), article: stored.article)
    }

    struct RevisionAnswer: Encodable {
        var revision: Int
        var ingested: String
        var contentHash: String
        var title: String?
        /// Paragraphs removed ("- …") and added ("+ …") since the revision before.
        var changes: [String]
    }

    private func revisions(_ id: Int) throws -> [String: [RevisionAnswer]] {
        let all = try store.revisions(of: id)
        guard !all.isEmpty else { throw APIError(.notFound, "no article \(id)") }
        return ["revisions": ParagraphDiff.changes(all).map { r, lines in
            RevisionAnswer(revision: r.revision, ingested: r.ingested, contentHash: r.contentHash, title: r.article.title,
                           changes: lines)
        }]
    }

    struct Hit: Encodable {
        var id: Int
        var title: String?
        var outlet: String?
        var published: String?
        var url: String?
        var story: String?
    }

    private func search(_ request: Request) throws -> [String: [Hit]] {
        let query = request.uri.queryParameters
        guard let q = query["q"].map(String.init), !q.trimmingCharacters(in: .whitespaces).isEmpty, q.unicodeScalars.count <= 500 else {
            throw APIError(.badRequest, "give the words to search for as q= (at most 500 characters)")
        }
        let (_, limit) = try Paging.read(query)
        return ["articles": try store.search(q, limit: limit).compactMap { id in
            try store.article(id: id).map { s in
                Hit(id: id, title: s.article.title, outlet: s.article.outlet, published: s.article.published, url: s.url,
                    story: s.story.map(StoryName.of))
            }
        }]
    }

    // MARK: Outlets

    struct OutletPage: Encodable {
        var outlets: [OutletSummary]
        var next: String?
    }

    private func outlets(_ request: Request) throws -> OutletPage {
        let (offset, limit) = try Paging.read(request.uri.queryParameters)
        let all = try store.outlets()
        return OutletPage(outlets: Array(all.dropFirst(offset).prefix(limit)),
                          next: offset + limit < all.count ? Paging.cursor(offset + limit) : nil)
    }

    private func outlet(_ name: String) throws -> OutletProfile {
        let appearances = try store.appearances(of: name)
        guard !appearances.isEmpty else { throw APIError(.notFound, "no outlet named \(name.prefix(100)) in any story") }
        return OutletProfile(name: name, appearances: appearances)
    }

    // MARK: Feeds

    struct NewFeed: Decodable {
        var url: String
        var title: String?
    }

    struct FeedPage: Encodable { var feeds: [FeedListing] }

    /// What `PATCH /api/v1/feeds/{id}` may change.
    struct FeedChange: Decodable {
        var enabled: Bool?
        var title: String?
    }

    private func feed(_ id: Int) throws -> FeedRecord {
        guard let feed = try store.feeds().first(where: { $0.id == id }) else { throw APIError(.notFound, "no feed \(id)") }
        return feed
    }
}

/// Opaque cursors over a list's positions, and the page size.
enum Paging {
    static func cursor(_ offset: Int) -> String { Data("o:\(offset)".utf8).base64EncodedString() }

    static func read(_ query: FlatDictionary<Substring, Substring>) throws -> (offset: Int, limit: Int) {
        var offset = 0
        if let cursor = query["cursor"], !cursor.isEmpty {
            guard let data = Data(base64Encoded: String(cursor)), let text = String(data: data, encoding: .utf8),
                  text.hasPrefix("o:"), let value = Int(text.dropFirst(2)), value >= 0 else {
                throw APIError(.badRequest, "cursor is not one this server gave", code: "api.bad-cursor")
            }
            offset = value
        }
        var limit = 50
        if let text = query["limit"], !text.isEmpty {
            guard let value = Int(String(text)), (1...API.maxLimit).contains(value) else {
                throw APIError(.badRequest, "limit must be a number from 1 to \(API.maxLimit)", code: "api.bad-limit")
            }
            limit = value
        }
        return (offset, limit)
    }
}

/// JSON as the API writes and reads it: snake_case keys, sorted, ETags from the bytes.
enum JSON {
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ buffer: ByteBuffer) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(type, from: Data(buffer.readableBytesView))
        } catch {
            throw APIError(.badRequest, "the body is not the JSON expected: \(String(describing: error).prefix(300))", code: "api.bad-body")
        }
    }

    static func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(bytes: try encode(value))))
    }

    /// 200 with the body and its ETag, or 304 when `If-None-Match` names that ETag.
    /// The ETag of an answer's bytes.
    static func etag(_ data: Data) -> String { "\"" + DocumentIdentity.hash([String(decoding: data, as: UTF8.self)]) + "\"" }

    static func conditional(_ request: Request, _ data: Data, type: String = "application/json; charset=utf-8") throws -> Response {
        let etag = etag(data)
        if let given = request.headers[.ifNoneMatch], given.split(separator: ",").contains(where: {
            $0.trimmingCharacters(in: .whitespaces) == etag || $0.trimmingCharacters(in: .whitespaces) == "*"
        }) {
            return Response(status: .notModified, headers: [.eTag: etag])
        }
        return Response(status: .ok, headers: [.contentType: type, .eTag: etag, .cacheControl: "no-cache"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// An error as the API answers it: a status and `{"error": {"status", "code", "message"}}` (or a small page).
struct APIError: Error {
    var status: HTTPResponse.Status
    var message: String
    var code: String

    init(_ status: HTTPResponse.Status, _ message: String, code: String? = nil) {
        self.status = status
        self.message = message
        self.code = code ?? "http.\(status.code)"
    }

    struct Body: Encodable {
        struct Detail: Encodable { var status: Int; var code: String; var message: String }
        var error: Detail
    }

    func response(html: Bool) -> Response {
        if html {
            return Pages.page(status: status, title: "\(status.code) \(status.reasonPhrase)",
                              body: "<p>\(Escape.html(message))</p><p><a href=\"/\">All stories</a></p>")
        }
        let body = (try? JSON.encode(Body(error: .init(status: status.code, code: code, message: message)))) ?? Data()
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
