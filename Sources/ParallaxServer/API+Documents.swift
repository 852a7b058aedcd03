import Foundation
import Hummingbird
import NIOCore
import ParallaxAnalysis
import ParallaxFeeds
import ParallaxIngest
import ParallaxModel
import ParallaxStore

/// `POST /api/v1/documents`: reports uploaded into the store, analysed, placed in stories, dossiers brought up to
/// date — the same path as `parallax ingest`. A JSON body carries up to `maxDocuments` documents with their
/// metadata; an HTML or plain-text body is one document, its metadata in the query (`url`, `title`, `outlet`,
/// `published`, `byline`).
extension API {
    static let maxDocuments = 100

    struct Upload: Decodable {
        struct Document: Decodable {
            var url: String?
            var title: String?
            var outlet: String?
            var published: String?
            var byline: String?
            var html: String?
            var text: String?
        }
        var documents: [Document]
    }

    struct UploadAnswer: Encodable {
        struct Failure: Encodable { var source: String; var code: String; var message: String }
        struct Duplicate: Encodable { var source: String; var of: String }
        var added: [Int]
        var revised: [Int]
        var unchanged: [Duplicate]
        var failed: [Failure]
        var stories: [String]
    }

    func registerDocuments(on group: RouterGroup<BasicRequestContext>) {
        group.post("documents") { request, _ in
            try access.check(request, write: true)
            guard let ingestor else {
                throw APIError(.serviceUnavailable, "this server does not take uploads (start it with --api-key on a store it may write)",
                               code: "api.no-uploads")
            }
            let body = try await request.body.collect(upTo: maxUpload)
            let documents = try Self.documents(request, body)
            let report = try await Poller.offPool {
                try Ingestor.serially {
                    var report = Ingestor.Report()
                    try ingestor.ingest(documents: documents, into: &report)
                    report.refreshed = try ingestor.refresh()
                    return report
                }
            }
            cache.clear()
            let answer = UploadAnswer(
                added: report.added, revised: report.revised,
                unchanged: report.duplicates.map { .init(source: $0.source, of: $0.of) },
                failed: report.failures.map { .init(source: $0.source ?? "", code: $0.code.rawValue, message: $0.message) },
                stories: report.refreshed.map(StoryName.of))
            let status: HTTPResponse.Status = answer.added.isEmpty && answer.revised.isEmpty
                ? (answer.failed.isEmpty ? .ok : .unprocessableContent) : .created
            return try JSON.response(answer, status: status)
        }
    }

    /// The documents in a request: a JSON list, or one HTML or text page.
    static func documents(_ request: Request, _ body: ByteBuffer) throws -> [RawDocument] {
        let type = (request.headers[.contentType] ?? "").lowercased()
        let query = request.uri.queryParameters
        let given = ["url", "title", "outlet", "published", "byline"].reduce(into: [String: String?]()) {
            $0[$1] = query[Substring($1)].map(String.init)
        }
        try check(given, field: "query")
        if type.hasPrefix("application/json") {
            let upload = try JSON.decode(Upload.self, body)
            guard !upload.documents.isEmpty, upload.documents.count <= maxDocuments else {
                throw APIError(.badRequest, "documents must hold 1 to \(maxDocuments) documents", code: "api.bad-body")
            }
            return try upload.documents.enumerated().map { i, d in
                guard (d.html == nil) != (d.text == nil) else {
                    throw APIError(.badRequest, "documents[\(i)] must have exactly one of html and text", code: "api.bad-body")
                }
                return try document(.string(d.html ?? d.text ?? ""), html: d.html != nil, given: [
                    "url": d.url, "title": d.title, "outlet": d.outlet, "published": d.published, "byline": d.byline,
                ], field: "documents[\(i)]")
            }
        }
        let html = type.hasPrefix("text/html") || type.hasPrefix("application/xhtml")
        guard html || type.hasPrefix("text/plain") else {
            throw APIError(.unsupportedMediaType, "send application/json, text/html or text/plain", code: "api.bad-type")
        }
        return [try document(.bytes(Array(body.readableBytesView)), html: html, given: given, field: "body")]
    }

    /// Metadata within bounds, and an URL that is one.
    private static func check(_ given: [String: String?], field: String) throws {
        for (name, value) in given {
            if let value, value.unicodeScalars.count > 2000 {
                throw APIError(.badRequest, "\(field).\(name) is too long (over 2000 characters)", code: "api.bad-body")
            }
        }
        if let value = given["url"] ?? nil, FeedURL.valid(value) == nil {
            throw APIError(.badRequest, "\(field).url is not an http or https URL", code: "api.bad-body")
        }
    }

    private static func document(_ content: RawDocument.Content, html: Bool, given: [String: String?],
                                 field: String) throws -> RawDocument {
        let empty = switch content {
        case .bytes(let bytes): bytes.allSatisfy { $0 == 32 || (9...13).contains($0) }
        case .string(let text): text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
        guard !empty else {
            throw APIError(.badRequest, "\(field) has no text", code: "api.bad-body")
        }
        try check(given, field: field)
        let url = (given["url"] ?? nil).flatMap(FeedURL.valid)
        var document = RawDocument(source: "upload", format: html ? .html : .text, content: content)
        document.given.url = url
        document.given.title = given["title"] ?? nil
        document.given.outlet = given["outlet"] ?? nil
        document.given.published = given["published"] ?? nil
        document.given.byline = given["byline"] ?? nil
        // Named by URL, or else by what was sent (text and metadata): the same upload twice is a duplicate, and
        // two different uploads never pass for versions of one another.
        document.source = url ?? "upload:" + DocumentIdentity.contentHash(document).prefix(16)
        return document
    }
}
