import CLibXML2
import ParallaxModel

/// Subscription lists in OPML 1.0 and 2.0: every `<outline>` with an `xmlUrl`, at any depth of nesting (folders
/// of feeds), in document order, each address once.
public enum OPML {
    public struct Subscription: Sendable, Equatable {
        public var url: String
        public var title: String?
        /// The folders the outline sits in, outermost first.
        public var folders: [String]
    }

    public static func subscriptions(_ bytes: [UInt8], source: String, limit: Int = 100_000) throws -> [Subscription] {
        try XMLDocument.parse(XMLDocument.utf8(bytes, url: source), url: source) { root in
            guard XMLDocument.name(root) == "opml" else {
                throw ParallaxError(.unsupported, "is not OPML (its root element is <\(String(XMLDocument.name(root).prefix(40)))>)",
                                    source: source)
            }
            guard let body = XMLDocument.children(root).first(where: { XMLDocument.name($0) == "body" }) else { return [] }
            var found: [Subscription] = []
            var seen = Set<String>()
            // Depth-first with an explicit stack: nesting depth is the document's to choose, not the call stack's.
            var stack: [(node: xmlNodePtr, folders: [String])] = XMLDocument.children(body).reversed().map { ($0, []) }
            while let (node, folders) = stack.popLast(), found.count < limit {
                guard XMLDocument.name(node) == "outline" else { continue }
                let title = FeedParser().line(XMLDocument.attribute(node, "title") ?? XMLDocument.attribute(node, "text"))
                if let url = XMLDocument.absolute(XMLDocument.attribute(node, "xmlUrl"), at: node), seen.insert(url).inserted {
                    found.append(Subscription(url: url, title: title, folders: folders))
                }
                let inner = folders + (title.map { [$0] } ?? [])
                stack += XMLDocument.children(node).reversed().map { ($0, inner) }
            }
            return found
        }
    }

    /// An OPML 2.0 document listing the feeds (for `feeds export --opml`), every value escaped.
    public static func document(title: String, feeds: [(url: String, title: String?)]) -> String {
        func escaped(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        let outlines = feeds.map { feed in
            let name = escaped(feed.title ?? feed.url)
            return "    <outline type=\"rss\" text=\"\(name)\" title=\"\(name)\" xmlUrl=\"\(escaped(feed.url))\"/>"
        }
        return (["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<opml version=\"2.0\">",
                 "  <head><title>\(escaped(title))</title></head>", "  <body>"] + outlines + ["  </body>", "</opml>"])
            .joined(separator: "\n") + "\n"
    }
}
