/// A unit of page text — a paragraph, heading, list item or line of a text dump — with the features the
/// boilerplate classifier reads.
public struct Block: Sendable {
    public enum Kind: String, Sendable { case paragraph, heading, listItem, cell, quote, preformatted, line }
    /// Content class, jusText's four plus the certain kinds found by cues.
    public enum Label: String, Sendable { case good, nearGood, short, bad }

    public var text: String
    public var kind: Kind
    /// Characters of the text that sit inside links.
    public var linkCharacters: Int = 0
    /// Node index of the HTML element that owns the block (-1 for text dumps).
    public var owner: Int = -1
    /// Tag of the owning element (`p`, `div`, `li`…), empty for text dumps.
    public var tag = ""
    public var label: Label = .bad
    /// `TextNormaliser.lineKey` of short blocks (≤ 300 characters), computed once; empty for longer ones.
    public var key = ""
    /// The label before the context pass: what the block's own length and densities say.
    public var ownLabel: Label = .bad

    public init(text: String, kind: Kind, linkCharacters: Int = 0, owner: Int = -1) {
        self.text = text
        self.kind = kind
        self.linkCharacters = linkCharacters
        self.owner = owner
    }

    public var length: Int { text.count }
    public var linkDensity: Double { text.isEmpty ? 0 : Double(linkCharacters) / Double(text.count) }
}

/// jusText-style classification of blocks: context-free by length, link density and stopword density, then
/// context-sensitive for short and near-good blocks, which take the class of their neighbours.
public struct BlockClassifier: Sendable {
    /// jusText's published defaults, which its authors tuned on CleanEval; CJK text packs about three times
    /// more content per character, hence its own lengths.
    public struct Thresholds: Sendable {
        public var lengthLow = 70
        public var lengthHigh = 200
        public var stopwordsLow = 0.30
        public var stopwordsHigh = 0.32
        public var maxLinkDensity = 0.2
        public init() {}
    }

    public var thresholds = Thresholds()
    public var stoplists: Stoplists

    public init(stoplists: Stoplists) { self.stoplists = stoplists }

    /// Labels every block; `language` selects the stoplist (nil or unknown: CJK-aware length rules only).
    public func classify(_ blocks: inout [Block], language: String?) {
        let cjk = language.map { ["zh", "ja", "ko", "th"].contains($0.prefix(2)) } ?? false
        let hasStoplist = language.map { stoplists.words[$0] != nil } ?? false
        let low = cjk ? 20 : thresholds.lengthLow
        let high = cjk ? 60 : thresholds.lengthHigh
        for i in blocks.indices {
            let block = blocks[i]
            // Link-heavy and short blocks get their class whatever their stopwords: skip the count.
            if block.linkDensity > thresholds.maxLinkDensity || block.length < low {
                blocks[i].ownLabel = contextFree(block, density: 0, low: low, high: high)
                blocks[i].label = blocks[i].ownLabel
                continue
            }
            let density: Double
            if hasStoplist {
                density = stoplists.density(block.text, language: language)
            } else {
                // No stoplist (CJK and rare languages): sentence punctuation stands in for function words.
                density = Self.sentencePunctuation(block.text) ? thresholds.stopwordsHigh : 0
            }
            blocks[i].ownLabel = contextFree(block, density: density, low: low, high: high)
            blocks[i].label = blocks[i].ownLabel
        }
        reviseShortBlocks(&blocks)
    }

    func contextFree(_ b: Block, density: Double, low: Int, high: Int) -> Block.Label {
        if b.linkDensity > thresholds.maxLinkDensity { return .bad }
        if b.text.contains("©") || b.text.lowercased().contains("copyright") && b.length < 200 { return .bad }
        if b.length < low { return b.linkCharacters > 0 ? .bad : .short }
        if density >= thresholds.stopwordsHigh { return b.length > high ? .good : .nearGood }
        if density >= thresholds.stopwordsLow { return .nearGood }
        return .bad
    }

    /// jusText's second pass: short blocks between good ones are good, between bad ones bad; near-good blocks
    /// are good unless both neighbours are bad. Headings close before good text count as near-good.
    func reviseShortBlocks(_ blocks: inout [Block]) {
        let original = blocks.map(\.label)
        func neighbour(_ i: Int, step: Int, ignoreNearGood: Bool) -> Block.Label {
            var j = i + step
            while j >= 0 && j < original.count {
                let l = original[j]
                if l == .good || l == .bad || (l == .nearGood && !ignoreNearGood) { return l }
                j += step
            }
            return .bad
        }
        for i in blocks.indices {
            if blocks[i].kind == .heading && original[i] != .bad {
                // A heading is kept when good text follows it before anything bad.
                var j = i + 1
                while j < original.count && original[j] == .short { j += 1 }
                if j < original.count && original[j] == .good || j < original.count && original[j] == .nearGood {
                    blocks[i].label = .good
                    continue
                }
            }
            guard original[i] == .short else { continue }
            let prev = neighbour(i, step: -1, ignoreNearGood: true)
            let next = neighbour(i, step: 1, ignoreNearGood: true)
            if prev == .good && next == .good { blocks[i].label = .good }
            else if prev == .bad && next == .bad { blocks[i].label = .bad }
            else if prev == .bad && neighbour(i, step: -1, ignoreNearGood: false) == .nearGood { blocks[i].label = .good }
            else if next == .bad && neighbour(i, step: 1, ignoreNearGood: false) == .nearGood { blocks[i].label = .good }
            else if prev == .bad || next == .bad { blocks[i].label = .bad }
            else { blocks[i].label = .good }
        }
        for i in blocks.indices where original[i] == .nearGood {
            let prev = neighbour(i, step: -1, ignoreNearGood: true)
            let next = neighbour(i, step: 1, ignoreNearGood: true)
            blocks[i].label = (prev == .bad && next == .bad) ? .bad : .good
        }
    }

    static func sentencePunctuation(_ text: String) -> Bool {
        text.unicodeScalars.contains { "。！？．!?.".unicodeScalars.contains($0) }
    }
}
