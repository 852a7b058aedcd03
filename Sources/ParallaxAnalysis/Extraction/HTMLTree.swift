import CLibXML2
import ParallaxModel

/// A parsed HTML page as a flat array of nodes: pure Swift values that every later step walks without
/// recursion (Swift has no stack-overflow recovery, and pages nest 100,000 levels deep in the wild).
public struct HTMLTree: Sendable {
    public struct Node: Sendable {
        /// Lower-case tag name, or `#text` for a text node.
        public var tag: String
        /// Where a text node's UTF-8 sits in `HTMLTree.textBytes` (empty for elements).
        public var textRange: Range<Int>
        public var attributes: [(name: String, value: String)]
        public var parent: Int
        /// One past the last node of this node's subtree: nodes are stored in document order, so a subtree
        /// is the contiguous range `index..<end` and the children are found by jumping from subtree to subtree.
        public var end: Int
        public var depth: Int
        /// What the segmenter needs to know of the tag, looked up once per element (`TagTraits`).
        public var traits: TagTraits = []
        /// `class` and `id` joined by a space, built once (the segmenter reads it for every element).
        public var classAndID = " "

        public var isText: Bool { tag == "#text" }
        public func attribute(_ name: String) -> String? {
            attributes.first { $0.name == name }?.value
        }
    }

    /// All nodes; index 0 is the root element (`html`).
    public var nodes: [Node]
    public var maxDepth: Int
    /// The text of every text node, one after the other: one buffer instead of a string per node.
    public var textBytes: [UInt8] = []

    /// The text of one text node.
    public func text(ofNode n: Int) -> String {
        String(decoding: textBytes[nodes[n].textRange], as: UTF8.self)
    }

    /// Limits applied while building the tree from untrusted HTML.
    public struct Limits: Sendable {
        public var maxDepth = 2_000
        public var maxElements = 300_000
        public init() {}
    }

    /// Parses UTF-8 HTML with libxml2's error-tolerant HTML parser (no network, no DTD loading).
    public static func parse(utf8 html: [UInt8], limits: Limits = Limits(), deadline: Deadline,
                             source: String) throws -> HTMLTree {
        LibXML.prepare()
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue
            | XML_PARSE_HUGE.rawValue | HTML_PARSE_NOIMPLIED.rawValue)
        let count = Int32(clamping: html.count)
        guard let doc = html.withUnsafeBufferPointer({ buf in
            buf.withMemoryRebound(to: CChar.self) { htmlReadMemory($0.baseAddress, count, nil, "UTF-8", options) }
        }) else {
            throw ParallaxError(.unparsable, "libxml2 could not parse the page", source: source)
        }
        defer { xmlFreeDoc(doc) }
        var tree = HTMLTree(nodes: [], maxDepth: 0)
        tree.nodes.append(Node(tag: "#root", textRange: 0..<0, attributes: [], parent: -1, end: 0, depth: 0))
        // Explicit stack of (libxml2 node, parent index, depth): no recursion.
        var stack: [(xmlNodePtr, Int, Int)] = []
        // Children are pushed last to first (libxml2 links them both ways), so they pop in document order.
        var child = doc.pointee.last
        while let c = child { stack.append((c, 0, 1)); child = c.pointee.prev }
        var elements = 0
        var names = TagNames()
        while let (node, parent, depth) = stack.popLast() {
            if elements & 1023 == 0 { try deadline.check(source: source) }
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                elements += 1
                if elements > limits.maxElements {
                    throw ParallaxError(.tooManyElements,
                                        "more than \(limits.maxElements) HTML elements (the limit)", source: source)
                }
                if depth > limits.maxDepth {
                    throw ParallaxError(.tooDeep, "HTML nested deeper than \(limits.maxDepth) levels (the limit)",
                                        source: source)
                }
                let index = tree.nodes.count
                let tag = names.name(node.pointee.name)
                var element = Node(tag: tag, textRange: 0..<0, attributes: LibXML.attributes(node, names: &names), parent: parent,
                                   end: 0, depth: depth)
                element.traits = TagTraits.of(tag)
                if !element.attributes.isEmpty {
                    element.classAndID = (element.attribute("class") ?? "") + " " + (element.attribute("id") ?? "")
                    if element.attribute("hidden") != nil || element.attribute("aria-hidden") == "true" {
                        element.traits.insert(.hidden)
                    } else if let style = element.attribute("style"), style.containsBytes("none") || style.containsBytes("hidden") {
                        let compact = style.lowercased().replacingOccurrences(of: " ", with: "")
                        if compact.containsBytes("display:none") || compact.containsBytes("visibility:hidden") {
                            element.traits.insert(.hidden)
                        }
                    }
                }
                tree.nodes.append(element)
                tree.maxDepth = max(tree.maxDepth, depth)
                var k = node.pointee.last
                while let c = k { stack.append((c, index, depth + 1)); k = c.pointee.prev }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                guard let content = node.pointee.content else { continue }
                let parentTag = tree.nodes[parent].tag
                // Script and style text is never read, except the JSON-LD that metadata needs.
                if parentTag == "style" || (parentTag == "script"
                    && tree.nodes[parent].attribute("type")?.lowercased() != "application/ld+json") {
                    continue
                }
                let index = tree.nodes.count
                let start = tree.textBytes.count
                LibXML.appendText(content, to: &tree.textBytes)
                tree.nodes.append(Node(tag: "#text", textRange: start..<tree.textBytes.count, attributes: [],
                                       parent: parent, end: index + 1, depth: depth))
            default:
                continue
            }
        }
        // Subtree ends, children before parents: every node's end is at least one past itself and one past
        // the end of its last descendant.
        for i in tree.nodes.indices.reversed() {
            tree.nodes[i].end = max(tree.nodes[i].end, i + 1)
            let parent = tree.nodes[i].parent
            if parent >= 0 { tree.nodes[parent].end = max(tree.nodes[parent].end, tree.nodes[i].end) }
        }
        return tree
    }

    /// Indices of the subtree under `root` in document order (root first).
    public func descendants(of root: Int) -> Range<Int> { root..<nodes[root].end }

    /// Indices of the direct children of a node.
    public func children(of n: Int) -> [Int] {
        var out: [Int] = []
        var c = n + 1
        while c < nodes[n].end {
            out.append(c)
            c = nodes[c].end
        }
        return out
    }

    /// Concatenated text of a subtree, whitespace collapsed.
    public func text(of root: Int) -> String {
        var parts: [String] = []
        for n in descendants(of: root) where nodes[n].isText { parts.append(text(ofNode: n)) }
        return Whitespace.collapse(parts.joined(separator: " "))
    }

    /// Elements whose text is never shown.
    static let invisible: Set<String> = ["script", "style", "noscript", "template", "title"]

    /// Characters (UTF-8 bytes) of visible text under every node. Children always follow their parent in `nodes`, so one backward
    /// pass adds each node into its parent.
    public func textLengths() -> [Int] {
        var lengths = [Int](repeating: 0, count: nodes.count)
        for i in nodes.indices.reversed() {
            if nodes[i].isText, nodes[i].parent >= 0, !Self.invisible.contains(nodes[nodes[i].parent].tag) {
                lengths[i] += nodes[i].textRange.count
            }
            let parent = nodes[i].parent
            if parent >= 0 { lengths[parent] += lengths[i] }
        }
        return lengths
    }

    /// Whether a node sits in the page's own header, navigation or footer rather than in an article.
    public func isInPageChrome(_ n: Int) -> Bool {
        var p = nodes[n].parent
        while p >= 0 {
            switch nodes[p].tag {
            case "article", "main": return false
            case "header", "nav", "footer", "aside": return true
            default: p = nodes[p].parent
            }
        }
        return false
    }

    /// First element with this tag, in document order.
    public func first(_ tag: String) -> Int? {
        nodes.indices.first { nodes[$0].tag == tag }
    }
}

/// libxml2 helpers that need global state or pointer juggling.
enum LibXML {
    private static let initialised: Bool = {
        xmlInitParser()
        pxxml_silence()
        return true
    }()

    static func prepare() { _ = initialised }

    static func name(_ p: UnsafePointer<xmlChar>?) -> String {
        guard let p else { return "" }
        return String(cString: p)
    }

    /// The attributes any stage reads; the rest (href, src, srcset, data-*) are never copied out of libxml2.
    static let wanted: Set<String> = [
        "class", "id", "role", "itemprop", "hidden", "aria-hidden", "style", "type", "property", "name", "content",
        "rel", "href", "datetime", "lang",
    ]

    /// Appends a text node's content; runs of whitespace alone (indentation between tags) become one space.
    static func appendText(_ p: UnsafePointer<xmlChar>, to buffer: inout [UInt8]) {
        var i = 0
        var onlySpace = true
        while p[i] != 0 {
            let c = p[i]
            if c != 0x20 && c != 0x0A && c != 0x0D && c != 0x09 { onlySpace = false }
            i += 1
        }
        if onlySpace {
            if i > 0 { buffer.append(0x20) }
            return
        }
        buffer.append(contentsOf: UnsafeBufferPointer(start: p, count: i))
    }

    static func attributes(_ node: xmlNodePtr, names: inout TagNames) -> [(name: String, value: String)] {
        var out: [(name: String, value: String)] = []
        var attr = node.pointee.properties
        while let a = attr {
            attr = a.pointee.next
            guard let key = names.attribute(a.pointee.name) else { continue }
            var value = ""
            // A plain value is one text child: read it in place rather than through a copy libxml2 allocates.
            if let only = a.pointee.children, only.pointee.next == nil, only.pointee.type == XML_TEXT_NODE,
               let content = only.pointee.content {
                value = String(cString: content)
            } else if let v = xmlNodeGetContent(UnsafeMutableRawPointer(a).assumingMemoryBound(to: xmlNode.self)) {
                value = String(cString: v)
                pxxml_free(v)
            }
            // Absurdly long attribute values (inline data, tracking blobs) carry nothing we read.
            if value.utf8.count > 4096 { value = String(value.prefix(4096)) }
            out.append((key, value))
        }
        return out
    }

}

/// Tag properties the segmenter tests for every element, as bits.
public struct TagTraits: OptionSet, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let block = TagTraits(rawValue: 1)
    public static let dropped = TagTraits(rawValue: 2)
    public static let inline = TagTraits(rawValue: 4)
    /// Hidden by `hidden`, `aria-hidden="true"` or an inline `display:none` / `visibility:hidden` style.
    public static let hidden = TagTraits(rawValue: 8)

    static let table: [String: TagTraits] = {
        var t: [String: TagTraits] = [:]
        for tag in HTMLBoilerplate.blockTags { t[tag, default: []].insert(.block) }
        for tag in HTMLBoilerplate.droppedTags { t[tag, default: []].insert(.dropped) }
        for tag in HTMLBoilerplate.inlineTags { t[tag, default: []].insert(.inline) }
        return t
    }()

    static func of(_ tag: String) -> TagTraits { table[tag] ?? [] }
}

/// libxml2 interns element and attribute names in its dictionary: one Swift string per distinct name pointer.
struct TagNames {
    private var byPointer: [UnsafePointer<xmlChar>: String] = [:]
    private var attributes: [UnsafePointer<xmlChar>: String?] = [:]

    /// The lower-cased attribute name, or nil for attributes no stage reads.
    mutating func attribute(_ p: UnsafePointer<xmlChar>?) -> String? {
        guard let p else { return nil }
        if let known = attributes[p] { return known }
        let name = String(cString: p).lowercased()
        let kept = LibXML.wanted.contains(name) ? name : nil
        attributes[p] = .some(kept)
        return kept
    }

    mutating func name(_ p: UnsafePointer<xmlChar>?) -> String {
        guard let p else { return "" }
        if let known = byPointer[p] { return known }
        let name = String(cString: p).lowercased()
        byPointer[p] = name
        return name
    }
}
