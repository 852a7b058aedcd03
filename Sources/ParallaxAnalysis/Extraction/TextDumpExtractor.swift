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
        var seenProse = false
        for (i, line) in lines.enumerated() {
            if i & 255 == 0 { try deadline.check(source: source) }
            if let cue = cues.classify(line) {
                content.absorb(cue, line: line, signatures: signatures, beforeText: !seenProse)
            } else {
                candidates.append((i, line))
                seenProse = seenProse || Self.isProse(line)
            }
        }
        content.blocks = body(from: candidates, lines: lines, content: &content)
        content.metadata.siteName = masthead(lines)
        return content
    }

    /// Prose lines, their headings and the title, from the lines no cue claimed.
    func body(from allCandidates: [(index: Int, line: String)], lines: [String],
              content: inout ExtractedContent) -> [Block] {
        // A line right above a photo-credit line is that photo's caption: any short line above a bare credit
        // ("Foto: Name/Agentur"), a non-sentence above a caption that carries its own credit.
        var candidates: [(index: Int, line: String)] = []
        let signatures = Signatures(lexicon: lexicon)
        let captionLines = Set(content.captions)
        for candidate in allCandidates {
            let next = candidate.index + 1
            guard next < lines.count, captionLines.contains(lines[next]) else { candidates.append(candidate); continue }
            let bareCredit = signatures.photoCreditRange(lines[next]).map {
                lines[next].distance(from: lines[next].startIndex, to: $0.lowerBound) <= 12
            } == true
            // A headline repeated above the picture (kicker and headline, then the headline again) is not a caption.
            let folded = TextNormaliser.fold(candidate.line)
            let repeated = lines[..<candidate.index].contains { TextNormaliser.fold($0).containsBytes(folded) }
            if !repeated && (bareCredit && candidate.line.split(separator: " ").count <= 30 || !Self.isProse(candidate.line)) {
                content.captions.append(candidate.line)
            } else {
                candidates.append(candidate)
            }
        }
        let firstProse = candidates.firstIndex { Self.isProse($0.line) } ?? candidates.count
        // The title comes from the headline-like lines above the first paragraph: at least three words, or
        // eight characters of a script written without spaces.
        let head = candidates[..<firstProse].filter {
            $0.line.split(separator: " ").count >= 3 || ($0.line.count >= 8 && Self.unspacedScript($0.line))
        }
        // Of the headline-like lines (kicker, headline, byline), the headline has the most words.
        if var title = head.max(by: { $0.line.split(separator: " ").count <= $1.line.split(separator: " ").count })?.line {
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
            // Lines repeating the title (kicker and headline split over two lines) are not body text.
            if let titleKey, titleKey.contains(TextNormaliser.lineKey(line)) { continue }
            // Too long for a heading: a caption.
            if words >= Self.captionWords {
                content.captions.append(line)
                continue
            }
            // A heading is kept when prose follows it.
            let rest = candidates[(position + 1)...]
            if words >= 2, let next = rest.first, Self.isProse(next.line) || rest.dropFirst().first.map({ Self.isProse($0.line) }) == true {
                blocks.append(Block(text: line, kind: .heading))
            }
        }
        return blocks
    }

    /// The outlet's name as its masthead: a short line near the top that the page's copyright, app or
    /// "more stories" lines repeat ("Valley Courier" … "© 2031 Valley Courier Media").
    func masthead(_ lines: [String]) -> String? {
        // Short copyright, app and "more from" lines; at most fifty, so a long dump stays linear.
        let evidence = lines.lazy.filter { line in
            guard line.utf8.count < 300 else { return false }
            let key = TextNormaliser.lineKey(line)
            return line.containsBytes("©") || key.containsBytes("copyright")
                || self.lexicon.boilerplate.appPrompts.occurs(in: key)
                || self.lexicon.boilerplate.navigationPrefixes.prefixes(key)
        }.prefix(50).map { TextNormaliser.fold($0) }
        guard !evidence.isEmpty else { return nil }
        let top = lines.prefix(min(40, max(8, lines.count * 2 / 5)))
        let candidates = top.filter { line in
            let words = line.split(separator: " ").count
            return words <= 5 && line.count >= 3 && !LineCues.endsLikeSentence(line) && !line.containsBytes("©")
                && !LineCues(lexicon: lexicon).isFurniture(TextNormaliser.lineKey(line))
        }
        return candidates.filter { c in evidence.contains { $0.contains(TextNormaliser.fold(c)) } }
            .max { $0.count < $1.count }
    }

    static func unspacedScript(_ line: String) -> Bool {
        line.unicodeScalars.contains { (0x3040...0x30FF).contains($0.value) || (0x4E00...0x9FFF).contains($0.value) }
    }

    /// Running prose: closes like a sentence, or is long enough to be a paragraph whatever its end.
    static func isProse(_ line: String) -> Bool {
        let words = line.split(separator: " ").count
        if LineCues.endsLikeSentence(line) && (words >= 5 || line.count >= 25) { return true }
        // CJK sentences have no spaces.
        return line.count >= 120 || (words == 1 && line.count >= 25 && LineCues.endsLikeSentence(line))
    }
}
