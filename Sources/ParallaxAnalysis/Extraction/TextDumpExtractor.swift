import ParallaxModel

/// Main text of a plain-text page dump (text copied off a web page): each line is classified — navigation,
/// section label, caption, credit, byline, dateline, signature, prompt, debris, heading or prose — and the
/// prose and its headings are kept, the rest read for metadata or set aside.
public struct TextDumpExtractor: ContentExtracting {
    public let id = StageID("extract.text", 1)
    public var lexicon: Lexicon

    /// A line of at least this many words without closing punctuation, inside the body, is a photo caption
    /// rather than a heading (headings in the seeds and the fixtures run 2–9 words; captions 10–25).
    static let captionWords = 10

    public init(lexicon: Lexicon) { self.lexicon = lexicon }

    public func extract(_ text: String, source: String, deadline: Deadline) throws -> ExtractedContent {
        var content = ExtractedContent()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { Whitespace.collapse($0) }
            .filter { !$0.isEmpty }
        let cues = LineCues(lexicon: lexicon)
        let signatures = Signatures(lexicon: lexicon)
        var candidates: [(index: Int, line: String)] = []
        for (i, line) in lines.enumerated() {
            if i & 255 == 0 { try deadline.check(source: source) }
            if let cue = cues.classify(line) {
                content.absorb(cue, line: line, signatures: signatures, beforeText: !candidates.contains { Self.isProse($0.line) })
            } else {
                candidates.append((i, line))
            }
        }
        content.blocks = body(from: candidates, lines: lines, content: &content)
        return content
    }

    /// Prose lines, their headings and the title, from the lines no cue claimed.
    func body(from candidates: [(index: Int, line: String)], lines: [String],
              content: inout ExtractedContent) -> [Block] {
        let firstProse = candidates.firstIndex { Self.isProse($0.line) } ?? candidates.count
        // The title: the last headline-like line before the first paragraph (kickers and section names come
        // before it), when it has at least three words.
        let head = candidates[..<firstProse].filter { $0.line.split(separator: " ").count >= 3 }
        if var title = head.last?.line {
            // A kicker and headline often stand once joined ("Conflict: Headline") and then apart: keep the
            // joined line.
            let key = TextNormaliser.lineKey(title)
            if let joined = head.first(where: { TextNormaliser.lineKey($0.line).contains(key) }) { title = joined.line }
            content.metadata.title = title
        }
        let titleKey = content.metadata.title.map(TextNormaliser.lineKey)
        var blocks: [Block] = []
        for (position, candidate) in candidates.enumerated() where position >= firstProse {
            let line = candidate.line
            let words = line.split(separator: " ").count
            if Self.isProse(line) {
                blocks.append(Block(text: line, kind: .paragraph))
                continue
            }
            if let titleKey, titleKey.contains(TextNormaliser.lineKey(line)) { continue }
            // A caption precedes its photo-credit line, or is too long for a heading.
            let nextIsCaption = candidate.index + 1 < lines.count
                && content.captions.contains(lines[candidate.index + 1])
            if words >= Self.captionWords || nextIsCaption {
                content.captions.append(line)
                continue
            }
            // A heading is kept when prose follows it.
            let rest = candidates[(position + 1)...]
            if words >= 2, let next = rest.first, Self.isProse(next.line) || rest.dropFirst().first.map({ Self.isProse($0.line) }) == true {
                blocks.append(Block(text: line, kind: .heading))
            }
        }
        // Lines repeating the title (kicker + headline split over two lines) are not body text.
        return blocks.filter { block in
            guard block.kind == .heading, let titleKey else { return true }
            return !titleKey.contains(TextNormaliser.lineKey(block.text))
        }
    }

    /// Running prose: closes like a sentence, or is long enough to be a paragraph whatever its end.
    static func isProse(_ line: String) -> Bool {
        let words = line.split(separator: " ").count
        if LineCues.endsLikeSentence(line) && (words >= 5 || line.count >= 25) { return true }
        // CJK sentences have no spaces.
        return line.count >= 120 || (words == 1 && line.count >= 25 && LineCues.endsLikeSentence(line))
    }
}
