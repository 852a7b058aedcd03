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
        // 1. Parse, read the page's own metadata, cut the text into blocks.
        let tree = try HTMLTree.parse(utf8: Array(text.utf8), limits: limits, deadline: deadline, source: source)
        var content = ExtractedContent()
        content.metadata = HTMLMetadataReader.read(tree)
        let segmentation = HTMLSegmenter(tree: tree, lexicon: lexicon).segment()
        try deadline.check(source: source)
        content.captions = segmentation.captions
        // 2. Classify the blocks with the page language's stoplist.
        var blocks = segmentation.blocks
        let language = pageLanguage(blocks) ?? content.metadata.declaredLanguage
        classifier.classify(&blocks, language: language)
        // 3. Find the container of the main text and judge every block.
        let container = mainContainer(tree: tree, blocks: blocks, preferred: segmentation.bodyCandidates)
        let inside = tree.subtreeMask(container)
        // Line keys are read only near the main text (the container and its parent): compute just those.
        let near = tree.subtreeMask(max(0, tree.nodes[container].parent))
        for i in blocks.indices where blocks[i].length <= 300 && blocks[i].owner >= 0 && near[blocks[i].owner] {
            blocks[i].key = TextNormaliser.lineKey(blocks[i].text)
        }
        var verdicts = judge(blocks, inside: inside, titleKey: content.metadata.title.map(TextNormaliser.lineKey))
        // 4. File captions, credits, bylines and datelines as metadata; cut comment sections.
        fileLineCues(blocks, verdicts: &verdicts, near: near, inside: inside, into: &content)
        // Pruned caption, credit and byline boxes still say who wrote the piece and who made the pictures.
        for box in segmentation.creditBoxes {
            switch LineCues(lexicon: lexicon).classify(box) {
            case let cue? where cue == .caption || cue == .credit:
                content.absorb(cue, line: box, signatures: Signatures(lexicon: lexicon), beforeText: false)
            case .byline(let name)?:
                content.metadata.byline = content.metadata.byline ?? name
            default:
                continue
            }
        }
        if let explain {
            explain("language \(language ?? "?"), container <\(tree.nodes[container].tag) "
                + "\(tree.nodes[container].attribute("class") ?? "")>")
            for (block, verdict) in zip(blocks, verdicts) {
                explain("\(verdict == .keep ? "KEEP" : "drop \(verdict.reason)") [\(block.ownLabel)/\(block.label) "
                    + "\(block.kind) <\(block.tag)> links \(Int(block.linkDensity * 100))%] \(block.text)")
            }
        }
        // 5. The main text; or the page's embedded article body when the page renders its text by script.
        content.blocks = zip(blocks, verdicts).filter { $0.1 == .keep }.map(\.0)
        useEmbeddedBody(&content, explain: explain)
        return content
    }

    /// Why a block is or is not main text.
    enum Verdict: Equatable {
        case keep, outsideContainer, repeatsTitle, furnitureLine, dateLine, lowContent, lineCue, commentSection

        var reason: String {
            switch self {
            case .keep: return "kept"
            case .outsideContainer: return "outside the main container"
            case .repeatsTitle: return "repeats the title"
            case .furnitureLine: return "lexicon furniture line"
            case .dateLine: return "a date line"
            case .lowContent: return "classified as boilerplate"
            case .lineCue: return "a caption, credit, byline or dateline"
            case .commentSection: return "in the comment section"
            }
        }
    }

    /// The language of the page's longer blocks, which picks the stoplist.
    func pageLanguage(_ blocks: [Block]) -> String? {
        let sample = blocks.lazy.filter { $0.length > 40 }.prefix(40).map(\.text).joined(separator: "\n")
        return identifier.identify(sample.isEmpty ? blocks.map(\.text).joined(separator: " ") : sample)?.code
    }

    /// Verdicts for every block: the block's own judgement, then the standfirst and sub-headings around kept text.
    func judge(_ blocks: [Block], inside: [Bool], titleKey: String?) -> [Verdict] {
        var verdicts = blocks.map { keep($0, inside: $0.owner >= 0 && inside[$0.owner], titleKey: titleKey) }
        // The standfirst sits between the headline and the body container: plain paragraphs there are kept.
        if let firstKept = verdicts.firstIndex(of: .keep),
           let headline = blocks[..<firstKept].lastIndex(where: { $0.tag == "h1" }) {
            for i in (headline + 1)..<firstKept where blocks[i].tag == "p" && blocks[i].linkDensity < 0.1
                && blocks[i].ownLabel != .bad && blocks[i].length >= 40 {
                verdicts[i] = .keep
            }
        }
        // A heading (or heading-like short line) inside the container is kept when kept text follows it.
        for i in blocks.indices.dropLast() where verdicts[i] == .lowContent && inside[max(0, blocks[i].owner)]
            && Self.isHeadingLike(blocks[i]) && verdicts[i + 1] == .keep {
            verdicts[i] = .keep
        }
        return verdicts
    }

    /// Short lines in and near the body may be captions, credits, bylines or datelines: file them as such and
    /// take them out of the text. Everything after a reader-comment header is comments.
    /// `near` covers the container's parent: photo captions often sit just outside the text's container.
    func fileLineCues(_ blocks: [Block], verdicts: inout [Verdict], near: [Bool], inside: [Bool],
                      into content: inout ExtractedContent) {
        let cues = LineCues(lexicon: lexicon)
        let signatures = Signatures(lexicon: lexicon)
        let firstKept = verdicts.firstIndex(of: .keep) ?? blocks.count
        var inComments = false
        for i in blocks.indices where blocks[i].owner >= 0 && near[blocks[i].owner] {
            if inComments { verdicts[i] = .commentSection; continue }
            guard mayBeLineCue(blocks[i], kept: verdicts[i] == .keep, cues: cues),
                  let cue = cues.classify(blocks[i].text, key: blocks[i].key) else { continue }
            if !inside[blocks[i].owner] && cue != .caption { continue }
            if blocks[i].kind == .heading, case .byline = cue { continue }  // a sub-heading with "by" in it
            if cue == .comment { inComments = true }
            content.absorb(cue, line: blocks[i].text, signatures: signatures, beforeText: i <= firstKept)
            if verdicts[i] == .keep { verdicts[i] = .lineCue }
        }
    }

    /// Cheap necessary conditions before the line-cue look-ups. Link lists are navigation; kept prose (a full
    /// sentence of a dozen words or more) is not a caption or credit unless a label says so; dropped blocks
    /// matter only as captions, credits or a comment header.
    func mayBeLineCue(_ block: Block, kept: Bool, cues: LineCues) -> Bool {
        guard block.length < 200, block.linkDensity < 0.5 else { return false }
        let labelled = Self.mayBeCaptionOrCredit(block.text)
        if kept { return labelled || block.length <= 80 || !Self.endsSentence(block.text) }
        return labelled || cues.isCommentHeader(block.key)
    }

    /// Pages that render their text by script still embed it for search engines (JSON-LD `articleBody`): use it
    /// when the page gave much less.
    func useEmbeddedBody(_ content: inout ExtractedContent, explain: ((String) -> Void)?) {
        guard let embedded = content.metadata.embeddedBody else { return }
        let found = content.blocks.reduce(0) { $0 + $1.length }
        guard found * 2 < embedded.count else { return }
        content.blocks = embedded.split(whereSeparator: \.isNewline).map { Whitespace.collapse($0) }
            .filter { !$0.isEmpty }.map { Block(text: $0, kind: .paragraph) }
        explain?("using the JSON-LD articleBody (\(embedded.count) characters) over \(found) found in the page")
    }

    /// The block's own verdict. Inside the main container the container is the context: a near-good paragraph
    /// needs no good neighbour there, and a short one is kept when it closes like a sentence or jusText's
    /// context rules accept it.
    func keep(_ block: Block, inside: Bool, titleKey: String?) -> Verdict {
        if !inside { return .outsideContainer }
        if block.kind == .heading && block.key == titleKey { return .repeatsTitle }
        if block.length < 200 && LineCues(lexicon: lexicon).isFurniture(block.key) { return .furnitureLine }
        if block.label == .good || block.ownLabel == .good || block.ownLabel == .nearGood { return .keep }
        if block.length < 80 && block.text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 })
            && DateText.isDateline(block.text) {
            return .dateLine
        }
        switch block.kind {
        case .preformatted:
            // Code and verse: few stopwords by nature.
            if block.linkDensity < 0.3 { return .keep }
        case .paragraph where block.tag == "p", .quote, .listItem:
            // Paragraph, quote and list markup inside the article body is text unless it is mostly links.
            if block.linkDensity <= 0.5 && (block.length >= 15 || Self.endsSentence(block.text)) { return .keep }
        default:
            if block.ownLabel == .short && block.linkDensity < 0.3 && block.kind != .cell
                && Self.endsSentence(block.text) {
                return .keep
            }
        }
        return .lowContent
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
        text.utf8.contains { $0 == 0x3A || $0 == 0xA9 || $0 == 0x28 } || text.containsBytes("：")
            || text.containsBytes("ontribut")
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
