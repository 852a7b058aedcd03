/// What a single line of page text is when it is not prose, recognised from the lexicon's cue lists.
enum LineCue: Equatable {
    case navigation, section, appPrompt, comment, debris
    /// A photo caption or photo credit line.
    case caption
    /// A line crediting news agencies for the text ("Source: TASS", "(AFP, AP, Interfax)").
    case credit
    case byline(String)
    case dateline(String)
    /// "Partially translated by X from …"
    case translationNote
    /// A line that only names the outlet ("BBC News World", "© dpa-infocom GmbH").
    case signature(String)
}

/// Recognises furniture lines (navigation, prompts, credits, captions, bylines, datelines) in any language
/// the lexicon covers. Shared by the text-dump and HTML extractors.
struct LineCues {
    let lexicon: Lexicon

    /// Navigation, section labels, prompts and comment headers: lines never part of the main text.
    func isFurniture(_ key: String) -> Bool {
        let b = lexicon.boilerplate
        if b.navigationLines.contains(key) || b.sectionLabels.contains(key) || b.commentLabels.contains(key) {
            return true
        }
        if b.navigationPrefixes.prefixes(key) { return true }
        return b.appPrompts.occurs(in: key)
    }

    func classify(_ line: String) -> LineCue? { classify(line, key: TextNormaliser.lineKey(line)) }

    /// Like `classify(_:)` with the line's key already computed.
    func classify(_ line: String, key: String) -> LineCue? {
        if key.isEmpty { return .debris }
        let b = lexicon.boilerplate
        if b.navigationLines.contains(key) || b.navigationPrefixes.prefixes(key) {
            return .navigation
        }
        if b.appPrompts.occurs(in: key) { return .appPrompt }
        if isCommentHeader(key) { return .comment }
        if b.sectionLabels.contains(key) { return .section }
        if Self.isDebris(key) { return .debris }
        if b.translationNotes.occurs(in: key) { return .translationNote }
        // Signatures, credits, bylines and datelines are short: longer lines skip those look-ups.
        let words = key.utf8.reduce(1) { $0 + ($1 == 0x20 ? 1 : 0) }
        let hasCopyright = line.utf8.contains(0xA9)  // the second byte of "©" in UTF-8
        let signatures = Signatures(lexicon: lexicon)
        if words <= 8 || hasCopyright, let outlet = signatures.outlet(inLine: line, key: key) { return .signature(outlet) }
        if signatures.isCaptionCredit(line) { return .caption }
        // "Open River is an independent outlet. © 2031. Reprints must credit us." is a footer.
        if hasCopyright && line.containsBytes("©") && words <= 25 { return .debris }
        if words <= 12 && signatures.isCreditLine(line) || words <= 16 && b.creditPhrases.occurs(in: key) {
            return .credit
        }
        guard words <= 20 else { return nil }
        if let byline = byline(line, key: key) { return .byline(byline) }
        // "11.03.2031 10:15 | Author: Name | Views: 14 382": a meta line of segments.
        if line.containsBytes(" | ") {
            let segments = line.split(separator: "|").map { Whitespace.collapse($0) }.filter { !$0.isEmpty }
            let parts = segments.map { classify($0) }
            if let byline = parts.lazy.compactMap({ if case .byline(let b)? = $0 { return b } else { return nil } }).first {
                return .byline(byline)
            }
            if let date = parts.lazy.compactMap({ if case .dateline(let d)? = $0 { return d } else { return nil } }).first {
                return .dateline(date)
            }
        }
        if line.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }), DateText.isDateline(line),
           let date = DateText.firstDate(in: line) {
            return .dateline(date)
        }
        return nil
    }


    /// "Comments", "Komentarze (2)", "12 comments": the header of a reader-comment section.
    func isCommentHeader(_ key: String) -> Bool {
        let stripped = key.filter { !$0.isNumber && $0 != "(" && $0 != ")" }.trimming(" ")
        return lexicon.boilerplate.commentLabels.contains(stripped)
    }

    /// "By Jane Doe", "Von Max Muster", "Analysis by Paul Adams, BBC Diplomacy Correspondent".
    func byline(_ line: String, key: String) -> String? {
        let words = key.split(separator: " ")
        guard words.count >= 2, words.count <= 12 else { return nil }
        let trimmed = Whitespace.collapse(line).split(separator: " ")
        // The prefix opens the line ("By Jane Doe"), or follows the name of a kind of piece ("Analysis by …");
        // "Kritik von Grünen und FDP" is a heading, not a byline.
        let position = Self.pieceKinds.contains(String(words[0])) ? 1 : 0
        guard lexicon.boilerplate.bylinePrefixes.contains(words[position].trimming(":")),
              let first = trimmed.dropFirst(position + 1).first?.first, first.isUppercase else { return nil }
        return trimmed.dropFirst(position + 1).joined(separator: " ")
    }

    /// Names of kinds of pieces that precede a byline: "Analysis by …", "Kommentar von …".
    static let pieceKinds: Set<String> = [
        "analysis", "commentary", "opinion", "interview", "reporting", "report", "words", "text", "photos",
        "analyse", "kommentar", "bericht", "text", "texte", "reportage", "análisis", "analisi", "анализ",
    ]

    /// Scraper leftovers: "source site-3", lone numbers, rows of symbols.
    static func isDebris(_ key: String) -> Bool {
        if !key.contains(where: { $0.isLetter }) { return true }
        if key.hasPrefix("source site") { return true }
        return false
    }

    static func endsLikeSentence(_ text: String) -> Bool {
        guard let last = text.last(where: { !"\"'”’»)]“ ".contains($0) }) else { return false }
        return ".!?。！？…".contains(last)
    }
}

extension ExtractedContent {
    /// Files a furniture line where it belongs: captions and credits apart, bylines and datelines into the
    /// metadata, outlet names into the signatures; navigation and debris are dropped.
    mutating func absorb(_ cue: LineCue, line: String, signatures: Signatures, beforeText: Bool) {
        switch cue {
        case .caption:
            captions.append(line)
        case .credit:
            creditLines.append(line)
        case .byline(let name):
            // A byline below the start of the text signs an inserted piece ("Analysis by …"), not the article.
            if beforeText {
                metadata.byline = metadata.byline ?? name
            } else if !(metadata.byline.map { line.contains($0) } ?? false) {
                notes.append(line)
            }
        case .dateline(let date):
            metadata.published = metadata.published ?? date
        case .translationNote:
            notes.append(line)
            if let outlet = signatures.knownOutlet(in: line) { signatureLines.append(outlet) }
        case .signature(let outlet):
            signatureLines.append(outlet)
        case .navigation, .section, .appPrompt, .comment, .debris:
            if let outlet = signatures.outlet(inLine: line) ?? signatures.promptOutlet(line) {
                signatureLines.append(outlet)
            }
        }
    }
}
