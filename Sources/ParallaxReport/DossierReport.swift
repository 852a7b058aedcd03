import Foundation
import ParallaxModel

/// The story dossier for people: one self-contained HTML page, or the same content as GitHub-flavoured Markdown.
///
/// Both read the JSON document `parallax analyze` writes plus the full analysed articles (looked up by `source`)
/// for their text, so every claim variant can link to the very sentence that carries it. Everything that comes
/// from an article is untrusted and escaped wherever it lands (text, attributes, SVG labels, table cells).
public enum DossierReport {
    /// A single HTML file with no external assets and no scripts: readable offline, in light and dark mode, printable.
    public static func html(_ document: StoryRendering.Document, articles: [Article]) -> String {
        DossierHTML(document: document, dossiers: dossiers(document, articles)).page()
    }

    /// How a server shows the page: its policy comes as a header (the page's own, stricter meta policy is left
    /// out), and `top` (its navigation, its script) opens the body. Trusted HTML: the server escapes what it puts in.
    public struct Serving: Sendable {
        public var top: String
        public init(top: String) { self.top = top }
    }

    /// The page as a server shows it.
    public static func html(_ document: StoryRendering.Document, articles: [Article], serving: Serving) -> String {
        DossierHTML(document: document, dossiers: dossiers(document, articles), serving: serving).page()
    }

    /// The same dossier as GitHub-flavoured Markdown: charts become tables, claims link to anchored sentences.
    public static func markdown(_ document: StoryRendering.Document, articles: [Article]) -> String {
        DossierMarkdown(document: document, dossiers: dossiers(document, articles)).page()
    }

    /// The dossier page's style sheet, for other pages that share its look (the server's).
    public static var style: String { DossierHTML.style }

    static func dossiers(_ document: StoryRendering.Document, _ articles: [Article]) -> [StoryDossier] {
        let bySource = Dictionary(articles.map { ($0.source, $0) }, uniquingKeysWith: { first, _ in first })
        return document.stories.map { StoryDossier(story: $0, articles: bySource) }
    }
}

/// How one outlet carries one claim: the cell of the claims × outlets matrix.
enum Carriage: String, CaseIterable {
    case carries
    /// Every variant of the outlet hedges ("allegedly") or distances itself ("claimed").
    case hedged
    /// The outlet prints a denial or refutes the claim (whether or not it also carries it).
    case disputes
    case absent

    var label: String {
        switch self {
        case .carries: "carries"
        case .hedged: "carries, hedged or distanced"
        case .disputes: "disputes or refutes"
        case .absent: "absent"
        }
    }

    /// Drawn inside the matrix cell, so the chart reads without colour (print, colour blindness).
    var mark: String {
        switch self {
        case .carries: "✓"
        case .hedged: "~"
        case .disputes: "✕"
        case .absent: ""
        }
    }

    /// For Markdown tables, where colour is not available.
    var symbol: String {
        switch self {
        case .carries: "●"
        case .hedged: "◐"
        case .disputes: "✕"
        case .absent: "–"
        }
    }
}

/// One story and what both renderers look up about it: anchors, outlets, the full articles, who carries what.
/// A flag as a reader reads it.
func flagLabel(_ flag: ArticleFlag) -> String {
    switch flag.kind {
    case "spun": return "machine-spun"
    case "dated-from-story": return "date from its story"
    default: return flag.kind
    }
}

struct StoryDossier {
    let story: Story
    /// The full articles of this story that were supplied, by source.
    let full: [String: Article]
    /// `s1-a1`, `s1-a2`, … by source, in story order: the ids of the articles' sections.
    let anchors: [String: String]

    init(story: Story, articles: [String: Article]) {
        self.story = story
        var full: [String: Article] = [:]
        var anchors: [String: String] = [:]
        for (i, member) in story.articles.enumerated() where anchors[member.source] == nil {
            anchors[member.source] = "\(Self.anchorID(story.id))-a\(i + 1)"
            full[member.source] = articles[member.source]
        }
        self.full = full
        self.anchors = anchors
    }

    var id: String { Self.anchorID(story.id) }

    /// Distinct outlets in the order their first article joined the story.
    var outlets: [String] {
        var seen = Set<String>()
        return story.articles.map(\.outletName).filter { seen.insert($0).inserted }
    }

    var languages: [String] { Array(Set(story.articles.flatMap(\.languages))).sorted() }

    /// Most widely carried first (outlets, then variants), the analyser's order among equals.
    var claimsByReach: [StoryClaim] {
        story.claims.enumerated().sorted { a, b in
            let ka = (a.element.outlets.count, a.element.variants.count)
            let kb = (b.element.outlets.count, b.element.variants.count)
            return ka != kb ? ka > kb : a.offset < b.offset
        }.map(\.element)
    }

    /// The id of a sentence's span, or nil when the article's text was not supplied or has no such sentence.
    func sentenceAnchor(source: String, sentence: Int) -> String? {
        guard let anchor = anchors[source], let article = full[source],
              article.sentences.indices.contains(sentence) else { return nil }
        return "\(anchor)-s\(sentence)"
    }

    func claimAnchor(_ claim: StoryClaim) -> String { Self.anchorID(claim.id) }

    /// Claim id → the id of its card, for links from gaps and the timeline.
    var claimAnchors: [String: String] {
        Dictionary(story.claims.map { ($0.id, claimAnchor($0)) }, uniquingKeysWith: { first, _ in first })
    }

    /// The day of an ISO 8601 date or date-time.
    static func day(_ published: String?) -> String? { published.map { String($0.prefix(10)) } }

    /// The outlets with a framing entry: the story's order first, then any the framing names alone.
    var framedOutlets: [String] {
        let framing = story.framing, outlets = self.outlets
        return outlets.filter { framing[$0] != nil } + framing.keys.sorted().filter { !outlets.contains($0) }
    }

    /// "s1.c3" → "c3": the story is already on screen.
    static func shortID(_ id: String) -> String { id.split(separator: ".").last.map(String.init) ?? id }

    /// Most frequent first, then alphabetical: for labels, spellings and techniques.
    static func byFrequency(_ counts: [String: Int]) -> [(key: String, value: Int)] {
        counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
    }

    func carriage(of claim: StoryClaim, by outlet: String) -> Carriage {
        let carried = claim.variants.filter { $0.outlet == outlet }
        if claim.disputes.contains(where: { $0.outlet == outlet }) || carried.contains(where: { $0.stance == .denying }) {
            return .disputes
        }
        if carried.isEmpty { return .absent }
        return carried.allSatisfy { $0.hedged || $0.stance == .distancing } ? .hedged : .carries
    }

    /// "5 outlets · 1 origin: Dmitry Peskov".
    func reach(of claim: StoryClaim) -> String {
        let names = claim.origins.map(\.name).joined(separator: ", ")
        let origins = Self.count(claim.origins.count, "origin") + (names.isEmpty ? "" : ": \(names)")
        return "\(Self.count(claim.outlets.count, "outlet")) · \(origins)"
    }

    /// The claims each sentence carries or disputes, for links back from the text: source → sentence → claims.
    var claimsBySentence: [String: [Int: [StoryClaim]]] {
        var index: [String: [Int: [StoryClaim]]] = [:]
        for claim in claimsByReach {
            for v in claim.variants + claim.disputes where index[v.source]?[v.sentence]?.last?.id != claim.id {
                index[v.source, default: [:]][v.sentence, default: []].append(claim)
            }
        }
        return index
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(plural(n, noun))" }

    static func plural(_ n: Int, _ noun: String) -> String {
        n == 1 ? noun : noun.hasSuffix("y") ? noun.dropLast() + "ies" : noun + "s"
    }

    /// A share as a whole percentage; a ratio too large for a number a reader needs (or for an integer) is "over
    /// 1,000,000 %" (a text can print any figure, and a spread between 10 and 10³⁰ is one).
    static func percent(_ share: Double) -> String {
        guard share.isFinite, abs(share) < 10_000 else { return share < 0 ? "under −1,000,000 %" : "over 1,000,000 %" }
        return "\(Int((share * 100).rounded())) %"
    }

    /// Keeps ids and fragments to characters that need no escaping anywhere (HTML, CSS, URLs, Markdown).
    static func anchorID(_ raw: String) -> String {
        String(raw.unicodeScalars.map { s in
            s.isASCII && (CharacterSet.alphanumerics.contains(s) || "-_.".unicodeScalars.contains(s))
                ? Character(s) : "-"
        })
    }
}

/// Escaping for untrusted text.
public enum Escape {
    /// For HTML and XML text and quoted attribute values alike: the five significant characters.
    public static func html(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // Control characters other than tab and newlines are not allowed in XML (the inline SVGs).
            case _ where c.value < 0x20 && c != "\t" && c != "\n" && c != "\r": out += " "
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// For one line of Markdown, table cells included: no line breaks, no raw HTML, no emphasis, links or cell ends.
    static func markdown(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\n", "\r", "\t": out += " "
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "|", "#", "~": out += "\\" + String(c)
            case _ where c.value < 0x20: out += " "
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
