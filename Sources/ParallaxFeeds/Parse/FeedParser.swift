import CLibXML2
import Foundation
import ParallaxAnalysis
import ParallaxModel

/// Reads RSS 0.91–2.0, RSS 1.0 (RDF), Atom 0.3 and 1.0 and JSON Feed 1.0/1.1 into a `Feed`, links made absolute
/// against `xml:base` and the feed's address. Untrusted input: XML is parsed by libxml2 without network access,
/// without loading DTDs and without entity substitution, and a document that declares entities is refused (the
/// billion-laughs family); feeds over `maxBytes`, items past `maxItems` and over-long fields are cut.
public struct FeedParser: Sendable {
    public var maxBytes = 16 << 20
    public var maxItems = 5_000
    /// Characters kept of a title or an author; of a summary or content.
    public var maxLine = 1_000
    public var maxText = 1_000_000

    public init() {}

    /// `charset` is what an HTTP header declared, if anything (it outranks the XML declaration).
    public func parse(_ bytes: [UInt8], url: String, charset: String? = nil) throws -> Feed {
        guard !bytes.isEmpty else { throw ParallaxError(.empty, "the feed is empty", source: url) }
        guard bytes.count <= maxBytes else {
            throw ParallaxError(.tooLarge, "the feed is \(bytes.count) bytes, over the \(maxBytes)-byte limit", source: url)
        }
        let head = bytes.prefix(1024).drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
        if head.first == UInt8(ascii: "{") { return try JSONFeedReader(parser: self, url: url).read(bytes) }
        return try XMLDocument.parse(XMLDocument.utf8(bytes, url: url, charset: charset), url: url) { root in
            try XMLFeedReader(parser: self, url: url).read(root)
        }
    }

    /// A one-line field: control characters and runs of white space made single spaces, cut at `maxLine`. Only
    /// the field's head is looked at (a 10 MB title costs no more than a long one).
    func line(_ s: String?) -> String? {
        guard let s else { return nil }
        let words = s.prefix(maxLine * 8).split { $0.isWhitespace || $0.unicodeScalars.contains(where: ControlCharacters.isControl) }
        let joined = words.joined(separator: " ")
        return joined.isEmpty ? nil : String(joined.prefix(maxLine))
    }

    func text(_ s: String?) -> String? {
        guard let s, !s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return String(s.prefix(maxText))
    }
}

/// A parsed XML document, freed when the work on it ends.
enum XMLDocument {
    /// The document in UTF-8, decoded as pages are (byte-order mark, valid UTF-8, the XML declaration's
    /// `encoding`, detection, windows-1252): a feed mislabelled or unlabelled is read as its bytes say.
    static func utf8(_ bytes: [UInt8], url: String, charset: String? = nil) throws -> [UInt8] {
        Array(try ICUCharsetDecoder().decode(bytes, markup: true, source: url, charset: charset).text.utf8)
    }

    /// Parses UTF-8 (the declared encoding, already applied, is overridden).
    static func parse<T>(_ bytes: [UInt8], url: String, _ body: (xmlNodePtr) throws -> T) throws -> T {
        // Entity declarations are refused outright: no feed needs them, and expansion is the classic attack.
        if contains(bytes, "<!ENTITY") {
            throw ParallaxError(.unsupported, "declares XML entities: refused (entity expansion is an attack vector)", source: url)
        }
        pxxml_silence()
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_RECOVER.rawValue | XML_PARSE_NOCDATA.rawValue)
        let doc = bytes.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) { xmlReadMemory($0.baseAddress, Int32($0.count), url, "UTF-8", options) }
        }
        guard let doc else { throw ParallaxError(.unparsable, "is not XML (nor a JSON Feed)", source: url) }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else {
            throw ParallaxError(.unparsable, "holds no XML element", source: url)
        }
        return try body(root)
    }

    static func contains(_ bytes: [UInt8], _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard bytes.count >= n.count else { return false }
        var i = 0
        while i <= bytes.count - n.count {
            if bytes[i] == n[0], bytes[i..<(i + n.count)].elementsEqual(n) { return true }
            i += 1
        }
        return false
    }

    /// Element children of a node.
    static func children(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var out: [xmlNodePtr] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { out.append(c) }
            child = c.pointee.next
        }
        return out
    }

    static func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    static func namespace(_ node: xmlNodePtr) -> String {
        node.pointee.ns?.pointee.href.map { String(cString: $0) } ?? ""
    }

    static func text(_ node: xmlNodePtr) -> String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { pxxml_free(content) }
        return String(cString: content)
    }

    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { pxxml_free(value) }
        return String(cString: value)
    }

    /// `reference` resolved against the node's base (its `xml:base`, its ancestors', then the document's address).
    static func absolute(_ reference: String?, at node: xmlNodePtr) -> String? {
        guard let reference = reference?.trimmingCharacters(in: .whitespacesAndNewlines), !reference.isEmpty else { return nil }
        guard let base = xmlNodeGetBase(node.pointee.doc, node) else { return httpOnly(reference) }
        defer { pxxml_free(base) }
        guard let built = xmlBuildURI(reference, base) else { return httpOnly(reference) }
        defer { pxxml_free(built) }
        return httpOnly(String(cString: built))
    }

    /// Only http(s) addresses are links to fetch; anything else (javascript:, file:, data:) is dropped.
    static func httpOnly(_ link: String) -> String? {
        let lower = link.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://") ? link : nil
    }
}

/// RSS (any version), RDF and Atom, by the root element.
struct XMLFeedReader {
    let parser: FeedParser
    let url: String

    func read(_ root: xmlNodePtr) throws -> Feed {
        switch XMLDocument.name(root) {
        case "rss":
            var feed = Feed(format: .rss)
            guard let channel = XMLDocument.children(root).first(where: { XMLDocument.name($0) == "channel" }) else {
                throw ParallaxError(.unparsable, "an RSS feed without a <channel>", source: url)
            }
            readChannel(channel, into: &feed)
            feed.items = XMLDocument.children(channel).filter { XMLDocument.name($0) == "item" }.prefix(parser.maxItems).map(rssItem)
            return feed
        case "RDF":
            var feed = Feed(format: .rdf)
            let top = XMLDocument.children(root)
            if let channel = top.first(where: { XMLDocument.name($0) == "channel" }) { readChannel(channel, into: &feed) }
            feed.items = top.filter { XMLDocument.name($0) == "item" }.prefix(parser.maxItems).map(rssItem)
            return feed
        case "feed":
            var feed = Feed(format: .atom)
            let top = XMLDocument.children(root)
            feed.title = parser.line(top.first { XMLDocument.name($0) == "title" }.map(XMLDocument.text))
            feed.link = atomLink(top, rel: "alternate")
            feed.items = top.filter { XMLDocument.name($0) == "entry" }.prefix(parser.maxItems).map(atomEntry)
            return feed
        case let other:
            throw ParallaxError(.unsupported, "is XML but not a feed (its root element is <\(String(other.prefix(40)))>)", source: url)
        }
    }

    private func readChannel(_ node: xmlNodePtr, into feed: inout Feed) {
        for child in XMLDocument.children(node) {
            switch XMLDocument.name(child) {
            case "title" where feed.title == nil: feed.title = parser.line(XMLDocument.text(child))
            case "link" where feed.link == nil && XMLDocument.namespace(child) != atom:
                feed.link = XMLDocument.absolute(XMLDocument.text(child), at: child)
            default: break
            }
        }
    }

    private let atom = "http://www.w3.org/2005/Atom"
    private let media = "http://search.yahoo.com/mrss/"

    private func rssItem(_ node: xmlNodePtr) -> FeedItem {
        var item = FeedItem()
        var permalink: String?
        for child in XMLDocument.children(node) {
            let value = { XMLDocument.text(child) }
            switch (XMLDocument.name(child), XMLDocument.namespace(child)) {
            case ("title", _): item.title = parser.line(value())
            case ("link", let ns) where ns != atom: item.link = item.link ?? XMLDocument.absolute(value(), at: child)
            case ("link", _): item.link = item.link ?? XMLDocument.absolute(XMLDocument.attribute(child, "href"), at: child)
            case ("guid", _):
                item.id = parser.line(value())
                if XMLDocument.attribute(child, "isPermaLink")?.lowercased() != "false" {
                    permalink = XMLDocument.absolute(value(), at: child)
                }
            case ("pubDate", _), ("date", _), ("issued", _): item.published = item.published ?? FeedDates.iso(value())
            case ("updated", _), ("modified", _): item.updated = FeedDates.iso(value())
            case ("description", _): item.summary = parser.text(value())
            case ("encoded", _): item.content = parser.text(value())
            case ("author", _), ("creator", _): item.author = item.author ?? parser.line(value())
            case ("enclosure", _), ("content", media):
                if let link = XMLDocument.absolute(XMLDocument.attribute(child, "url"), at: child) { item.media.append(link) }
            case ("group", media):
                for content in XMLDocument.children(child) where XMLDocument.name(content) == "content" {
                    if let link = XMLDocument.absolute(XMLDocument.attribute(content, "url"), at: content) { item.media.append(link) }
                }
            default: break
            }
        }
        if item.id == nil, let about = XMLDocument.attribute(node, "about") { item.id = parser.line(about) }
        if item.link == nil { item.link = permalink }
        return item
    }

    /// The `href` of the first `<link>` with this `rel` (an absent `rel` is "alternate"), absolute.
    private func atomLink(_ nodes: [xmlNodePtr], rel: String) -> String? {
        for node in nodes where XMLDocument.name(node) == "link" && (XMLDocument.attribute(node, "rel") ?? "alternate") == rel {
            if let link = XMLDocument.absolute(XMLDocument.attribute(node, "href"), at: node) { return link }
        }
        return nil
    }

    private func atomEntry(_ node: xmlNodePtr) -> FeedItem {
        var item = FeedItem()
        let children = XMLDocument.children(node)
        item.link = atomLink(children, rel: "alternate")
        for child in children {
            let value = { XMLDocument.text(child) }
            switch XMLDocument.name(child) {
            case "id": item.id = parser.line(value())
            case "title": item.title = parser.line(value())
            case "published", "issued", "created": item.published = item.published ?? FeedDates.iso(value())
            case "updated", "modified": item.updated = FeedDates.iso(value())
            case "summary": item.summary = parser.text(value())
            case "content": item.content = parser.text(value())
            case "author":
                let name = XMLDocument.children(child).first { XMLDocument.name($0) == "name" }
                item.author = item.author ?? parser.line(name.map(XMLDocument.text))
            case "link" where XMLDocument.attribute(child, "rel") == "enclosure":
                if let link = XMLDocument.absolute(XMLDocument.attribute(child, "href"), at: child) { item.media.append(link) }
            default: break
            }
        }
        if item.published == nil { item.published = item.updated }
        return item
    }
}

/// JSON Feed 1.0 and 1.1 (https://jsonfeed.org).
struct JSONFeedReader {
    let parser: FeedParser
    let url: String

    func read(_ bytes: [UInt8]) throws -> Feed {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)), let root = object as? [String: Any] else {
            throw ParallaxError(.badJSON, "is not valid JSON", source: url)
        }
        guard let version = root["version"] as? String, version.contains("jsonfeed.org/version/") else {
            throw ParallaxError(.unsupported, "is JSON but not a JSON Feed (no jsonfeed.org `version`)", source: url)
        }
        var feed = Feed(format: .jsonFeed)
        feed.title = parser.line(root["title"] as? String)
        feed.link = absolute(root["home_page_url"] as? String)
        let items = (root["items"] as? [Any]) ?? []
        feed.items = items.prefix(parser.maxItems).compactMap { $0 as? [String: Any] }.map { entry in
            var item = FeedItem()
            item.id = parser.line((entry["id"] as? String) ?? (entry["id"] as? NSNumber)?.stringValue)
            item.link = absolute(entry["url"] as? String) ?? absolute(entry["external_url"] as? String)
            item.title = parser.line(entry["title"] as? String)
            item.published = (entry["date_published"] as? String).flatMap(FeedDates.iso)
            item.updated = (entry["date_modified"] as? String).flatMap(FeedDates.iso)
            item.summary = parser.text(entry["summary"] as? String)
            item.content = parser.text((entry["content_html"] as? String) ?? (entry["content_text"] as? String))
            let authors = (entry["authors"] as? [[String: Any]]) ?? [(entry["author"] as? [String: Any])].compactMap { $0 }
            item.author = parser.line(authors.first?["name"] as? String)
            item.media = ((entry["attachments"] as? [[String: Any]]) ?? []).compactMap { absolute($0["url"] as? String) }
            return item
        }
        return feed
    }

    private func absolute(_ reference: String?) -> String? {
        guard let reference, !reference.isEmpty, let resolved = URL(string: reference, relativeTo: URL(string: url)) else { return nil }
        return XMLDocument.httpOnly(resolved.absoluteString)
    }
}
