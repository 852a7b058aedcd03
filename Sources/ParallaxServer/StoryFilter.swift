import Foundation
import Hummingbird
import HummingbirdCore
import ParallaxStore

/// The story list's filters, read the same way from the page's form and the API's query: `language`, `outlet`,
/// `from` and `to` (days, on the latest report), `status` and `q` (words in any member's title or text).
struct StoryFilter: Sendable, Equatable {
    enum Status: String, CaseIterable, Sendable {
        case corroborated, singleOrigin = "single-origin", disputed, divergent, pending

        var label: String {
            switch self {
            case .corroborated: "with corroborated claims"
            case .singleOrigin: "with single-origin claims"
            case .disputed: "with disputed claims"
            case .divergent: "with divergent figures"
            case .pending: "dossier being updated"
            }
        }

        func holds(for s: StorySummary) -> Bool {
            switch self {
            case .corroborated: s.corroborated > 0
            case .singleOrigin: s.singleOrigin > 0
            case .disputed: s.disputed > 0
            case .divergent: s.divergentFigures > 0
            case .pending: !s.current
            }
        }
    }

    var language: String?
    var outlet: String?
    var from: String?
    var to: String?
    var status: Status?
    var q: String?

    static let maxQuery = 500

    /// The filters in a query; a value that cannot be one is a 400 naming the parameter.
    init(_ query: FlatDictionary<Substring, Substring>) throws {
        func text(_ name: String) -> String? {
            query[Substring(name)].map { String($0).trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        language = text("language")
        if let language, language.unicodeScalars.count > 16 || !language.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0 == "-") }) {
            throw APIError(.badRequest, "language must be a language code such as en or pt-BR", code: "api.bad-language")
        }
        outlet = text("outlet")
        if let outlet, outlet.unicodeScalars.count > 300 { throw APIError(.badRequest, "outlet is too long", code: "api.bad-outlet") }
        for (name, value) in [("from", text("from")), ("to", text("to"))] {
            guard let value else { continue }
            guard StoreClock.isDay(value) else {
                throw APIError(.badRequest, "\(name) must be a day written YYYY-MM-DD", code: "api.bad-date")
            }
            if name == "from" { from = value } else { to = value }
        }
        if let value = text("status") {
            guard let status = Status(rawValue: value) else {
                throw APIError(.badRequest, "status must be one of \(Status.allCases.map(\.rawValue).joined(separator: ", "))",
                               code: "api.bad-status")
            }
            self.status = status
        }
        q = text("q")
        if let q, q.unicodeScalars.count > Self.maxQuery {
            throw APIError(.badRequest, "q must be at most \(Self.maxQuery) characters", code: "api.bad-query")
        }
    }

    var isEmpty: Bool { self == StoryFilter() }

    private init() {}

    /// The stories that pass, in the order given (newest activity first).
    func apply(_ stories: [StorySummary], store: any Store) throws -> [StorySummary] {
        var matching: Set<Int>?
        if let q {
            matching = Set(try store.search(q, limit: 1000).compactMap { try store.article(id: $0)?.story })
        }
        return stories.filter { s in
            if let language, !s.languages.contains(language) { return false }
            if let outlet, !s.outletNames.contains(outlet) { return false }
            let day = s.lastPublished.map { String($0.prefix(10)) }
            if let from, (day ?? "") < from { return false }
            if let to, let day, day > to { return false }
            if let to, day == nil, String(s.updated.prefix(10)) > to { return false }
            if let status, !status.holds(for: s) { return false }
            if let matching, !(StoryName.id(s.id).map(matching.contains) ?? false) { return false }
            return true
        }
    }

    /// The filters as a query string (for links to the next page), `&`-separated, percent-encoded.
    var query: String {
        let pairs: [(String, String?)] = [("q", q), ("language", language), ("outlet", outlet), ("from", from), ("to", to),
                                          ("status", status?.rawValue)]
        return pairs.compactMap { name, value in value.map { "\(name)=\(URLText.component($0))" } }.joined(separator: "&")
    }
}

/// Text placed in URLs the server writes.
enum URLText {
    /// A query value or path segment: everything but unreserved characters percent-encoded.
    static func component(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static let unreserved = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// The link to an outlet's page.
    static func outlet(_ name: String) -> String { "/outlets/" + component(name) }
}
