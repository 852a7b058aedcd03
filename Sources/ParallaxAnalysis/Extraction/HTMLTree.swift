import CLibXML2
import ParallaxModel

/// A parsed HTML page as a flat array of nodes: pure Swift values that every later step walks without
/// recursion (Swift has no stack-overflow recovery, and pages nest 100,000 levels deep in the wild).
public struct HTMLTree: Sendable {
    public struct Node: Sendable {
        /// Lower-case tag name, or `#text` for a text node.
        public var tag: String
        /// Text of a text node (empty for elements).
        public var text: String
        public var attributes: [(name: String, value: String)]
        public var parent: Int
        public var children: [Int]
        public var depth: Int

        public var isText: Bool { tag == "#text" }
        public func attribute(_ name: String) -> String? {
            attributes.first { $0.name == name }?.value
        }
    }

    /// All nodes; index 0 is the root element (`html`).
    public var nodes: [Node]
    public var maxDepth: Int

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
        tree.nodes.append(Node(tag: "#root", text: "", attributes: [], parent: -1, children: [], depth: 0))
        // Explicit stack of (libxml2 node, parent index, depth): no recursion.
        var stack: [(xmlNodePtr, Int, Int)] = []
        var child = doc.pointee.children
        var firstLevel: [xmlNodePtr] = []
        while let c = child { firstLevel.append(c); child = c.pointee.next }
        for c in firstLevel.reversed() { stack.append((c, 0, 1)) }
        var elements = 0
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
                tree.nodes.append(Node(tag: LibXML.name(node.pointee.name).lowercased(), text: "",
                                       attributes: LibXML.attributes(node), parent: parent, children: [],
                                       depth: depth))
                tree.nodes[parent].children.append(index)
                tree.maxDepth = max(tree.maxDepth, depth)
                var kids: [xmlNodePtr] = []
                var k = node.pointee.children
                while let c = k { kids.append(c); k = c.pointee.next }
                for c in kids.reversed() { stack.append((c, index, depth + 1)) }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                guard let content = node.pointee.content else { continue }
                let index = tree.nodes.count
                tree.nodes.append(Node(tag: "#text", text: String(cString: content), attributes: [],
                                       parent: parent, children: [], depth: depth))
                tree.nodes[parent].children.append(index)
            default:
                continue
            }
        }
        return tree
    }

    /// Indices of the subtree under `root` in document order (root first).
    public func descendants(of root: Int) -> [Int] {
        var out: [Int] = []
        var stack = [root]
        while let n = stack.popLast() {
            out.append(n)
            stack.append(contentsOf: nodes[n].children.reversed())
        }
        return out
    }

    /// Concatenated text of a subtree, whitespace collapsed.
    public func text(of root: Int) -> String {
        var parts: [String] = []
        for n in descendants(of: root) where nodes[n].isText { parts.append(nodes[n].text) }
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
                lengths[i] += nodes[i].text.utf8.count
            }
            let parent = nodes[i].parent
            if parent >= 0 { lengths[parent] += lengths[i] }
        }
        return lengths
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

    static func attributes(_ node: xmlNodePtr) -> [(name: String, value: String)] {
        var out: [(name: String, value: String)] = []
        var attr = node.pointee.properties
        while let a = attr {
            let key = name(a.pointee.name).lowercased()
            var value = ""
            if let v = xmlNodeGetContent(UnsafeMutableRawPointer(a).assumingMemoryBound(to: xmlNode.self)) {
                value = String(cString: v)
                pxxml_free(v)
            }
            // Absurdly long attribute values (inline data, tracking blobs) carry nothing we read.
            if value.utf8.count > 4096 { value = String(value.prefix(4096)) }
            out.append((key, value))
            attr = a.pointee.next
        }
        return out
    }
}
