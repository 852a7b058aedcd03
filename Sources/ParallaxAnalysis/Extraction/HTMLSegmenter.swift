/// Cuts a parsed page into text blocks, skipping furniture subtrees and setting captions aside.
struct HTMLSegmenter {
    struct Result {
        var blocks: [Block] = []
        var captions: [String] = []
        /// Short texts of pruned credit, caption and source boxes: read for credits, never main text.
        var creditBoxes: [String] = []
        /// Elements the page itself names as the article body (itemprop, body class names, `<article>`).
        var bodyCandidates: [Int] = []
    }

    let tree: HTMLTree
    let lexicon: Lexicon

    func segment() -> Result {
        var result = Result()
        let protected = protectedNodes()
        let textLength = tree.textLengths()
        let pageText = Double(max(1, textLength[0]))
        var buffer: [UInt8] = []
        var linkChars = 0
        var blockOwners: [Int] = [0]
        var linkDepth = 0
        var pendingBreaks = 0
        // Pages repeat the same class strings hundreds of times: judge each once.
        var furnitureCache: [String: Bool] = [:]
        var bodyNameCache: [String: Bool] = [:]
        func flush() {
            let text = Whitespace.collapse(String(decoding: buffer, as: UTF8.self))
            if !text.isEmpty, let owner = blockOwners.last {
                let kind = Self.kind(of: tree.nodes[owner].tag)
                var block = Block(text: text, kind: kind, linkCharacters: linkChars, owner: owner)
                block.linkCharacters = min(linkChars, block.length)
                block.tag = tree.nodes[owner].tag
                result.blocks.append(block)
            }
            buffer.removeAll(keepingCapacity: true)
            linkChars = 0
            pendingBreaks = 0
        }
        // Nodes are in document order: walk them linearly, jumping over dropped subtrees, and close elements
        // when the walk passes their subtree's end.
        var open: [Int] = []
        func close(upTo position: Int) {
            while let last = open.last, tree.nodes[last].end <= position {
                open.removeLast()
                let node = tree.nodes[last]
                if node.tag == "a" { linkDepth -= 1 }
                if node.traits.contains(.block) {
                    flush()
                    blockOwners.removeLast()
                }
            }
        }
        var n = 0
        while n < tree.nodes.count {
            close(upTo: n)
            let node = tree.nodes[n]
            let current = n
            n += 1
            if node.isText {
                if pendingBreaks >= 2 { flush() }
                pendingBreaks = 0
                let bytes = tree.textBytes[node.textRange]
                buffer.append(contentsOf: bytes)
                if linkDepth > 0 { linkChars += Self.collapsedScalarCount(bytes) }
                continue
            }
            if node.tag == "br" { pendingBreaks += 1; buffer.append(0x0A); n = node.end; continue }
            let classAndID = node.classAndID
            if node.tag == "figcaption" || (node.tag != "figure" && isInsideFigure(current)
                                            && HTMLBoilerplate.tokens(classAndID).contains { $0 == "caption" || $0 == "credit" }) {
                let caption = tree.text(of: current)
                if !caption.isEmpty { result.captions.append(caption) }
                n = node.end
                continue
            }
            if !protected[current] && isDropped(node, classAndID: classAndID,
                                                textShare: Double(textLength[current]) / pageText,
                                                furniture: &furnitureCache) {
                if textLength[current] < 300,
                   HTMLBoilerplate.tokens(classAndID).contains(where: HTMLBoilerplate.creditTokens.contains) {
                    result.creditBoxes.append(tree.text(of: current))
                }
                n = node.end
                continue
            }
            if node.attribute("itemprop")?.lowercased() == "articlebody"
                || (classAndID.utf8.count > 1 && bodyName(classAndID, cache: &bodyNameCache))
                || node.tag == "article" {
                result.bodyCandidates.append(current)
            }
            if node.traits.contains(.block) {
                flush()
                blockOwners.append(current)
            }
            if node.tag == "a" { linkDepth += 1 }
            open.append(current)
        }
        close(upTo: tree.nodes.count)
        flush()
        return result
    }

    /// Whether a subtree is furniture. Class words never drop the page's wrappers (`<body class="…menu-active">`)
    /// nor an element holding most of the page's text.
    /// Unicode scalars in UTF-8 bytes once whitespace runs are collapsed to one space and the ends trimmed.
    static func collapsedScalarCount(_ bytes: ArraySlice<UInt8>) -> Int {
        var count = 0
        var pendingSpace = false
        for b in bytes {
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                pendingSpace = count > 0
            } else if b & 0xC0 != 0x80 {  // not a continuation byte: a new scalar
                if pendingSpace { count += 1 }
                pendingSpace = false
                count += 1
            }
        }
        return count
    }

    func isDropped(_ node: HTMLTree.Node, classAndID: String, textShare: Double,
                   furniture cache: inout [String: Bool]) -> Bool {
        // An article's own <header> holds its headline and standfirst; the page's <header> holds the menu.
        if node.tag == "header" { return !isInsideArticle(node) }
        if node.traits.contains(.dropped) { return true }
        if node.tag == "body" || node.tag == "html" || node.tag == "main" || node.tag == "header" || textShare > 0.5
            || node.traits.contains(.inline) {
            return false
        }
        if node.traits.contains(.hidden) { return true }
        if let role = node.attribute("role"), HTMLBoilerplate.isFurniture(classAndID: "", role: role) { return true }
        if let known = cache[classAndID] { return known }
        let verdict = HTMLBoilerplate.isFurniture(classAndID: classAndID, role: nil)
        cache[classAndID] = verdict
        return verdict
    }

    func bodyName(_ classAndID: String, cache: inout [String: Bool]) -> Bool {
        if let known = cache[classAndID] { return known }
        let verdict = HTMLBoilerplate.isBodyName(classAndID)
        cache[classAndID] = verdict
        return verdict
    }

    func isInsideArticle(_ node: HTMLTree.Node) -> Bool {
        var p = node.parent
        var steps = 0
        while p >= 0 && steps < 12 {
            if tree.nodes[p].tag == "article" || tree.nodes[p].tag == "main" { return true }
            p = tree.nodes[p].parent
            steps += 1
        }
        return false
    }

    func isInsideFigure(_ n: Int) -> Bool {
        var p = tree.nodes[n].parent
        var steps = 0
        while p >= 0 && steps < 6 {
            if tree.nodes[p].tag == "figure" { return true }
            p = tree.nodes[p].parent
            steps += 1
        }
        return false
    }

    /// Nodes never pruned: ancestors of the page's first `<h1>` and of elements named as the article body, so
    /// that a wrapper called "has-sidebar" cannot take the article with it.
    func protectedNodes() -> [Bool] {
        var mask = [Bool](repeating: false, count: tree.nodes.count)
        for (i, node) in tree.nodes.enumerated() where node.tag == "h1" || node.tag == "article"
            || node.attribute("itemprop")?.lowercased() == "articlebody" {
            var p = tree.nodes[i].parent
            while p >= 0 && !mask[p] { mask[p] = true; p = tree.nodes[p].parent }
        }
        return mask
    }

    static func kind(of tag: String) -> Block.Kind {
        switch tag {
        case "h1", "h2", "h3", "h4", "h5", "h6": return .heading
        case "li", "dd", "dt": return .listItem
        case "td", "th": return .cell
        case "blockquote": return .quote
        case "pre": return .preformatted
        default: return .paragraph
        }
    }
}
