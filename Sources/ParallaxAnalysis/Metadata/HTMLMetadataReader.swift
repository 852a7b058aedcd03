import Foundation

/// Reads what a page states about itself: `<meta>` (Open Graph, article:*, Dublin Core, author), JSON-LD
/// `NewsArticle` objects, `<time datetime>`, `<title>`, the first `<h1>`, `<html lang>` and the canonical URL.
enum HTMLMetadataReader {
    static func read(_ tree: HTMLTree) -> PageMetadata {
        var meta: [String: String] = [:]
        var metadata = PageMetadata()
        var jsonLD: [[String: Any]] = []
        var timeStamp: String?
        var canonical: String?
        for (index, node) in tree.nodes.enumerated() where !node.isText {
            switch node.tag {
            case "meta":
                guard let content = node.attribute("content"), !content.isEmpty else { continue }
                for key in [node.attribute("property"), node.attribute("name"), node.attribute("itemprop")]
                    .compactMap({ $0?.lowercased() }) where meta[key] == nil {
                    meta[key] = Whitespace.collapse(content)
                }
            case "script" where node.attribute("type")?.lowercased() == "application/ld+json":
                let text = tree.children(of: index).map { tree.text(ofNode: $0) }.joined()
                if let data = text.data(using: .utf8), data.count < 1_000_000,
                   let object = try? JSONSerialization.jsonObject(with: data) {
                    jsonLD.append(contentsOf: articleObjects(object, depth: 0))
                }
            case "time" where timeStamp == nil && !tree.isInPageChrome(index):
                timeStamp = node.attribute("datetime")
            case "link" where node.attribute("rel")?.lowercased() == "canonical":
                canonical = node.attribute("href")
            case "html":
                metadata.declaredLanguage = node.attribute("lang").map { String($0.prefix(2)).lowercased() }
            default:
                continue
            }
        }
        let ld = jsonLD.first ?? [:]
        metadata.title = nonEmpty(meta["og:title"]) ?? string(ld["headline"])
            ?? tree.first("h1").flatMap { nonEmpty(tree.text(of: $0)) }
            ?? tree.first("title").flatMap { nonEmpty(cleanTitle(tree.text(of: $0))) }
        metadata.siteName = nonEmpty(meta["og:site_name"]) ?? name(ld["publisher"]) ?? nonEmpty(meta["application-name"])
        metadata.byline = person(meta["author"]) ?? person(meta["article:author"]) ?? name(ld["author"])
            ?? person(meta["dc.creator"]) ?? person(meta["byl"])
        metadata.published = nonEmpty(meta["article:published_time"]) ?? string(ld["datePublished"])
            ?? nonEmpty(meta["datepublished"]) ?? nonEmpty(meta["pubdate"]) ?? nonEmpty(meta["publishdate"])
            ?? nonEmpty(meta["date"]) ?? nonEmpty(meta["dc.date.issued"]) ?? nonEmpty(meta["dc.date"])
            ?? nonEmpty(meta["og:updated_time"]) ?? timeStamp
        metadata.published = metadata.published.flatMap(normaliseDate)
        if let body = ld["articleBody"] as? String, body.count > 200 { metadata.embeddedBody = body }
        metadata.url = nonEmpty(meta["og:url"]) ?? canonical ?? string(ld["url"])
        if metadata.declaredLanguage == nil, let locale = meta["og:locale"] {
            metadata.declaredLanguage = String(locale.prefix(2)).lowercased()
        }
        return metadata
    }

    /// JSON-LD objects typed as an article, looking inside arrays and `@graph`.
    static func articleObjects(_ object: Any, depth: Int) -> [[String: Any]] {
        guard depth < 6 else { return [] }
        if let array = object as? [Any] { return array.flatMap { articleObjects($0, depth: depth + 1) } }
        guard let dict = object as? [String: Any] else { return [] }
        var found: [[String: Any]] = []
        let types = (dict["@type"] as? [String]) ?? [(dict["@type"] as? String) ?? ""]
        if types.contains(where: { $0.hasSuffix("Article") || $0 == "BlogPosting" || $0 == "Report" }) {
            found.append(dict)
        }
        if let graph = dict["@graph"] { found += articleObjects(graph, depth: depth + 1) }
        return found
    }

    static func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return s
    }

    static func string(_ value: Any?) -> String? {
        if let s = value as? String { return nonEmpty(Whitespace.collapse(s)) }
        if let a = value as? [Any] { return a.lazy.compactMap { string($0) }.first }
        return nil
    }

    /// `author`/`publisher` values: a string, an object with `name`, or a list of those.
    static func name(_ value: Any?) -> String? {
        if let s = value as? String { return person(s) }
        if let d = value as? [String: Any] { return string(d["name"]) }
        if let a = value as? [Any] {
            let names = a.compactMap { name($0) }
            return names.isEmpty ? nil : names.joined(separator: ", ")
        }
        return nil
    }

    /// An author value that is a name, not a profile URL.
    static func person(_ s: String?) -> String? {
        guard let s = nonEmpty(s), !s.hasPrefix("http"), s.count < 200 else { return nil }
        return s
    }

    /// "Headline | Site name" → "Headline".
    static func cleanTitle(_ title: String) -> String {
        for separator in [" | ", " - ", " – ", " — ", " :: "] {
            if let r = title.range(of: separator, options: .backwards), title.distance(from: title.startIndex, to: r.lowerBound) > 15 {
                return String(title[..<r.lowerBound])
            }
        }
        return title
    }

    /// Keeps ISO 8601 dates and date-times; reads other written dates into YYYY-MM-DD. Whatever follows an ISO
    /// date that is not a time of day is dropped: a page's `published` is untrusted text.
    static func normaliseDate(_ s: String) -> String? {
        let trimmed = s.trimmingCharacters(in: .whitespaces)
        let chars = Array(trimmed.prefix(10))
        if chars.count == 10, chars[4] == "-", chars[7] == "-", DateText.numeric(String(chars)) != nil {
            let rest = trimmed.dropFirst(10)
            return rest.wholeMatch(of: isoTime) != nil ? trimmed : String(chars)
        }
        return DateText.firstDate(in: trimmed)
    }

    /// The time part of an ISO 8601 date-time: "T10:00", "T10:00:00.123Z", " 10:00:00+02:00".
    nonisolated(unsafe) static let isoTime = /([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]{1,9})?)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?/
}
