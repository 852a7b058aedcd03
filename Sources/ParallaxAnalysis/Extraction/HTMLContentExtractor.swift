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
        let shortOriginally = blocks.map { $0.length < classifier.thresholds.lengthLow }
        classifier.classify(&blocks, language: stoplistLanguage)
        let container = mainContainer(tree: tree, blocks: blocks, preferred: segmentation.bodyCandidates)
        let inside = tree.subtreeMask(container)
        var kept: [Block] = []
        let titleKey = content.metadata.title.map(TextNormaliser.lineKey)
        for (i, block) in blocks.enumerated() where block.owner >= 0 && inside[block.owner] {
            let lineKey = TextNormaliser.lineKey(block.text)
            if block.kind == .heading && lineKey == titleKey { continue }
            if LineCues(lexicon: lexicon).isFurniture(lineKey) { continue }
            if block.label == .good
                || (shortOriginally[i] && block.linkDensity < 0.3 && block.kind != .cell
                    && Self.endsSentence(block.text)) {
                kept.append(block)
            }
        }
        content.blocks = kept
        return content
    }

    /// The node that holds the main text: an element the page names as the article body when it holds a fair
    /// share of the good text, else the deepest node holding `containerShare` of it.
    func mainContainer(tree: HTMLTree, blocks: [Block], preferred: [Int]) -> Int {
        var good = [Int](repeating: 0, count: tree.nodes.count)
        for block in blocks where block.label == .good && block.owner >= 0 {
            var n = block.owner
            while n >= 0 { good[n] += block.length; n = tree.nodes[n].parent }
        }
        let total = good[0]
        if total == 0 { return preferred.max { good[$0] < good[$1] } ?? 0 }
        if let named = preferred.filter({ Double(good[$0]) >= 0.4 * Double(total) }).max(by: { good[$0] < good[$1] }) {
            return named
        }
        var node = 0
        while true {
            guard let child = tree.nodes[node].children.max(by: { good[$0] < good[$1] }),
                  Double(good[child]) >= Self.containerShare * Double(total) else { return node }
            node = child
        }
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
