import ParallaxModel

/// DOM-based main-content extraction: prune page furniture by tag and class words, cut the rest into blocks,
/// classify the blocks jusText-style with the page language's stoplist, then keep the text of the smallest
/// container that holds most of the good text (plus the short lines jusText's context rules accept there).
public struct HTMLContentExtractor: ContentExtracting {
    public let id = StageID("extract.html", 1)
    public var classifier: BlockClassifier
    public var identifier: any LanguageIdentifying
    public var lexicon: Lexicon
    public var limits = HTMLTree.Limits()

    /// Share of the page's good text the chosen container must hold. 0.7: lower picks wrappers too small
    /// for articles with a photo gallery or table between paragraphs; higher reaches the body wrapper and
    /// lets sidebars in.
    static let containerShare = 0.7

    public init(classifier: BlockClassifier, identifier: any LanguageIdentifying, lexicon: Lexicon) {
        self.classifier = classifier
        self.identifier = identifier
        self.lexicon = lexicon
    }

    public func extract(_ text: String, source: String, deadline: Deadline) throws -> ExtractedContent {
        try extract(text, source: source, deadline: deadline, explain: nil)
    }

    /// Like `extract`, and when `explain` is given, also says for every block why it was kept or dropped.
    public func extract(_ text: String, source: String, deadline: Deadline,
                        explain: ((String) -> Void)?) throws -> ExtractedContent {
        let tree = try HTMLTree.parse(utf8: Array(text.utf8), limits: limits, deadline: deadline, source: source)
        var content = ExtractedContent()
        content.metadata = HTMLMetadataReader.read(tree)
        let segmentation = HTMLSegmenter(tree: tree, lexicon: lexicon).segment()
        try deadline.check(source: source)
        var blocks = segmentation.blocks
        content.captions = segmentation.captions
        let sample = blocks.lazy.filter { $0.length > 40 }.prefix(40).map(\.text).joined(separator: "\n")
        let language = identifier.identify(sample.isEmpty ? blocks.map(\.text).joined(separator: " ") : sample)
        let stoplistLanguage = language?.code ?? content.metadata.declaredLanguage
        classifier.classify(&blocks, language: stoplistLanguage)
        for i in blocks.indices where blocks[i].length <= 300 { blocks[i].key = TextNormaliser.lineKey(blocks[i].text) }
        let container = mainContainer(tree: tree, blocks: blocks, preferred: segmentation.bodyCandidates)
        let inside = tree.subtreeMask(container)
        var kept: [Block] = []
        let titleKey = content.metadata.title.map(TextNormaliser.lineKey)
        explain?("language \(stoplistLanguage ?? "?"), container <\(tree.nodes[container].tag) "
            + "\(tree.nodes[container].attribute("class") ?? "")>")
        var verdicts = blocks.map { keep($0, inside: $0.owner >= 0 && inside[$0.owner], titleKey: titleKey) }
        // The standfirst sits between the headline and the body container: plain paragraphs there are kept.
        if let firstKept = verdicts.firstIndex(where: { $0 == nil }),
           let headline = blocks[..<firstKept].lastIndex(where: { $0.tag == "h1" }) {
            for i in (headline + 1)..<firstKept where blocks[i].tag == "p" && blocks[i].linkDensity < 0.1
                && blocks[i].ownLabel != .bad && blocks[i].length >= 40 {
                verdicts[i] = nil
            }
        }
        // A heading (or heading-like short line) inside the container is kept when kept text follows it.
        for i in blocks.indices where verdicts[i]?.hasPrefix("classified") == true && inside[max(0, blocks[i].owner)]
            && Self.isHeadingLike(blocks[i]) && blocks.indices.contains(i + 1) && verdicts[i + 1] == nil {
            verdicts[i] = nil
        }
        // Short lines in the body may still be credits, bylines, captions or datelines: file them as such.
        let cues = LineCues(lexicon: lexicon)
        let signatures = Signatures(lexicon: lexicon)
        // Everything after a reader-comment header is comments.
        // Photo captions often sit just outside the text's container (a picture above the body): look for them
        // one level up.
        let near = tree.subtreeMask(max(0, tree.nodes[container].parent))
        var inComments = false
        let firstKept = verdicts.firstIndex { $0 == nil } ?? blocks.count
        for i in blocks.indices where blocks[i].owner >= 0 && near[blocks[i].owner] {
            if inComments { verdicts[i] = "in the comment section"; continue }
            // Link lists are navigation, never captions or credits: no need to read them. Dropped blocks matter
            // only as captions, credits or a comment header, which all carry a colon, ©, parentheses or a label.
            guard blocks[i].length < 200, blocks[i].linkDensity < 0.5 else { continue }
            // Kept prose (a full sentence of a dozen words or more) is not a caption, credit or byline line,
            // unless a label says so.
            if verdicts[i] == nil && blocks[i].length > 80 && Self.endsSentence(blocks[i].text)
                && !Self.mayBeCaptionOrCredit(blocks[i].text) {
                continue
            }
            if verdicts[i] != nil && !Self.mayBeCaptionOrCredit(blocks[i].text)
                && !cues.isCommentHeader(blocks[i].key) {
                continue
            }
            guard let cue = cues.classify(blocks[i].text, key: blocks[i].key) else { continue }
            if !inside[blocks[i].owner] && cue != .caption { continue }
            if cue == .comment { inComments = true }
            content.absorb(cue, line: blocks[i].text, signatures: signatures,
                           beforeText: i <= firstKept)
            if verdicts[i] == nil { verdicts[i] = "line cue: \(cue)" }
        }
        for box in segmentation.creditBoxes {
            if let cue = cues.classify(box), cue == .caption || cue == .credit {
                content.absorb(cue, line: box, signatures: signatures, beforeText: false)
            }
        }
        for (block, verdict) in zip(blocks, verdicts) {
            explain?("\(verdict == nil ? "KEEP" : "drop \(verdict!)") [\(block.ownLabel)/\(block.label) \(block.kind) "
                + "<\(tree.nodes[block.owner].tag)> links \(Int(block.linkDensity * 100))%] \(block.text)")
            if verdict == nil { kept.append(block) }
        }
        content.blocks = kept
        // Pages that render their text by script still embed it for search engines: use it when the DOM
        // gave much less.
        if let embedded = content.metadata.embeddedBody {
            let found = kept.reduce(0) { $0 + $1.length }
            if found * 2 < embedded.count {
                content.blocks = embedded.split(whereSeparator: \.isNewline).map { Whitespace.collapse($0) }
                    .filter { !$0.isEmpty }.map { Block(text: $0, kind: .paragraph) }
                explain?("using the JSON-LD articleBody (\(embedded.count) characters) over \(found) found in the page")
            }
        }
        return content
    }

    /// Nil when the block is main text, else why it is not. Inside the main container the container is the
    /// context: a near-good paragraph needs no good neighbour there, and a short one is kept when it closes
    /// like a sentence or jusText's context rules accept it.
    func keep(_ block: Block, inside: Bool, titleKey: String?) -> String? {
        if !inside { return "outside the main container" }
        let lineKey = block.key
        if block.kind == .heading && lineKey == titleKey { return "repeats the title" }
        if block.length <= 150 && LineCues(lexicon: lexicon).isFurniture(lineKey) { return "lexicon furniture line" }
        if block.label == .good || block.ownLabel == .good || block.ownLabel == .nearGood { return nil }
        if block.length < 80 && block.text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 })
            && DateText.isDateline(block.text) {
            return "a date line"
        }
        switch block.kind {
        case .preformatted:
            // Code and verse: few stopwords by nature.
            if block.linkDensity < 0.3 { return nil }
        case .paragraph where block.tag == "p", .quote, .listItem:
            // Paragraph, quote and list markup inside the article body is text unless it is mostly links.
            if block.linkDensity <= 0.5 && (block.length >= 15 || Self.endsSentence(block.text)) { return nil }
        default:
            if block.ownLabel == .short && block.linkDensity < 0.3 && block.kind != .cell
                && Self.endsSentence(block.text) {
                return nil
            }
        }
        return "classified \(block.ownLabel)/\(block.label)"
    }

    /// 2–12 words starting with a letter and no link: a sub-heading even when not marked up as one.
    static func isHeadingLike(_ block: Block) -> Bool {
        guard block.linkCharacters == 0, let first = block.text.first, first.isLetter else { return false }
        let words = block.text.split(separator: " ").count
        return (block.kind == .heading || (2...12).contains(words)) && block.length <= 120
            && !DateText.isDateline(block.text)
    }

    /// The node that holds the main text: an element the page names as the article body when it holds a fair
    /// share of the good text, else the deepest node holding `containerShare` of it.
    func mainContainer(tree: HTMLTree, blocks: [Block], preferred: [Int]) -> Int {
        var good = [Int](repeating: 0, count: tree.nodes.count)
        for block in blocks where block.owner >= 0 && (block.label == .good || block.ownLabel == .nearGood) {
            // Near-good text counts half: it marks the body of short articles that have no long paragraph.
            let weight = block.label == .good ? block.length : block.length / 2
            var n = block.owner
            while n >= 0 { good[n] += weight; n = tree.nodes[n].parent }
        }
        let total = good[0]
        if total == 0 { return preferred.max { good[$0] < good[$1] } ?? 0 }
        var node = 0
        while true {
            guard let child = tree.children(of: node).max(by: { good[$0] < good[$1] }),
                  Double(good[child]) >= Self.containerShare * Double(total) else { break }
            node = child
        }
        // Articles split over sibling wrappers (lead, body, gallery): climb while the climb adds more good text
        // than other text.
        var bad = [Int](repeating: 0, count: tree.nodes.count)
        for block in blocks where block.owner >= 0 && block.label == .bad && block.ownLabel != .nearGood {
            var n = block.owner
            while n >= 0 { bad[n] += block.length; n = tree.nodes[n].parent }
        }
        while tree.nodes[node].parent > 0 {
            let parent = tree.nodes[node].parent
            let addedGood = good[parent] - good[node]
            let addedBad = bad[parent] - bad[node]
            guard addedGood > 0, addedGood >= addedBad else { break }
            node = parent
        }
        // An element the page names as the article body wins when it lies inside that node and holds most of
        // its good text (teaser cards marked up as <article> elsewhere on the page do not).
        let inside = tree.subtreeMask(node)
        let named = preferred.filter { inside[$0] && Double(good[$0]) >= 0.5 * Double(good[node]) }
        return named.max { good[$0] < good[$1] } ?? node
    }

    /// A cheap necessary condition for a caption or credit line: a colon, ©, parentheses, or a word of a
    /// credit phrase ("contributed", "reporting", "material").
    static func mayBeCaptionOrCredit(_ text: String) -> Bool {
        text.utf8.contains { $0 == 0x3A || $0 == 0xA9 || $0 == 0x28 || $0 == 0xBC } || text.containsBytes("ontribut")
            || text.containsBytes("eporting") || text.containsBytes("aterial") || text.containsBytes("Source")
    }

    static func endsSentence(_ text: String) -> Bool {
        guard let last = text.last(where: { !"\"'”’»)]".contains($0) }) else { return false }
        return ".!?。！？…:".contains(last)
    }
}

extension HTMLTree {
    /// For every node, whether it lies in the subtree of `root`.
    func subtreeMask(_ root: Int) -> [Bool] {
        var mask = [Bool](repeating: false, count: nodes.count)
        for n in descendants(of: root) { mask[n] = true }
        return mask
    }
}
