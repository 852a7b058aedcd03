/// A unit of page text — a paragraph, heading, list item or line of a text dump — with the features the
/// boilerplate classifier reads.
public struct Block: Sendable {
    public enum Kind: String, Sendable { case paragraph, heading, listItem, cell, quote, preformatted, line }
    /// Content class, jusText's four plus the certain kinds found by cues.
    public enum Label: String, Sendable { case good, nearGood, short, bad }

    public var text: String {
        didSet { length = text.unicodeScalars.count }
    }
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
        length = text.unicodeScalars.count
        self.kind = kind
        self.linkCharacters = linkCharacters
        self.owner = owner
    }

    /// Length in Unicode scalars, counted once (grapheme counting on every look-up was a hot spot).
    public private(set) var length: Int
    public var linkDensity: Double { length == 0 ? 0 : Double(linkCharacters) / Double(length) }
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
        if b.text.containsBytes("©") || b.length < 200 && b.text.lowercased().containsBytes("copyright") { return .bad }
        if b.length < low { return b.linkCharacters > 0 ? .bad : .short }
        if density >= thresholds.stopwordsHigh { return b.length > high ? .good : .nearGood }
        if density >= thresholds.stopwordsLow { return .nearGood }
        return .bad
    }

    /// jusText's second pass: short blocks between good ones are good, between bad ones bad; near-good blocks
    /// are good unless both neighbours are bad. Headings close before good text count as near-good.
    func reviseShortBlocks(_ blocks: inout [Block]) {
        let original = blocks.map(\.label)
        let n = original.count
        // Nearest good-or-bad label before and after each block, and nearest non-short: linear passes instead
        // of a scan per block (pages with thousands of menu items made that quadratic).
        var prevDecided = [Block.Label](repeating: .bad, count: n), nextDecided = prevDecided
        var prevAny = prevDecided, nextAny = prevDecided
        var lastDecided = Block.Label.bad, lastAny = Block.Label.bad
        for i in 0..<n {
            prevDecided[i] = lastDecided
            prevAny[i] = lastAny
            if original[i] == .good || original[i] == .bad { lastDecided = original[i]; lastAny = original[i] }
            if original[i] == .nearGood { lastAny = .nearGood }
        }
        lastDecided = .bad
        lastAny = .bad
        for i in stride(from: n - 1, through: 0, by: -1) {
            nextDecided[i] = lastDecided
            nextAny[i] = lastAny
            if original[i] == .good || original[i] == .bad { lastDecided = original[i]; lastAny = original[i] }
            if original[i] == .nearGood { lastAny = .nearGood }
        }
        var nextNonShort = [Int](repeating: n, count: n)
        var upcoming = n
        for i in stride(from: n - 1, through: 0, by: -1) {
            nextNonShort[i] = upcoming
            if original[i] != .short { upcoming = i }
        }
        for i in 0..<n {
            if blocks[i].kind == .heading && original[i] != .bad {
                // A heading is kept when good text follows it before anything bad.
                let j = nextNonShort[i]
                if j < n && (original[j] == .good || original[j] == .nearGood) {
                    blocks[i].label = .good
                    continue
                }
            }
            guard original[i] == .short else { continue }
            let prev = prevDecided[i], next = nextDecided[i]
            if prev == .good && next == .good { blocks[i].label = .good }
            else if prev == .bad && next == .bad { blocks[i].label = .bad }
            else if prev == .bad && prevAny[i] == .nearGood { blocks[i].label = .good }
            else if next == .bad && nextAny[i] == .nearGood { blocks[i].label = .good }
            else if prev == .bad || next == .bad { blocks[i].label = .bad }
            else { blocks[i].label = .good }
        }
        for i in 0..<n where original[i] == .nearGood {
            blocks[i].label = (prevDecided[i] == .bad && nextDecided[i] == .bad) ? .bad : .good
        }
    }

    static func sentencePunctuation(_ text: String) -> Bool {
        text.unicodeScalars.contains { "。！？．!?.".unicodeScalars.contains($0) }
    }
}
