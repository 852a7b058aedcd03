import Foundation
import ParallaxModel

/// One article's text as HTML with what the analysis found marked in place: claims (what is claimed), their
/// speakers and reporting verbs, figures, dates and persuasion spans, each with a tooltip saying what it is.
///
/// Marks may nest or overlap (a figure inside a claim, a speaker inside a persuasion span), so the text is cut at
/// every mark's start and end and each piece carries the classes of all marks over it: no mark is dropped and
/// the HTML never interleaves. Offsets are Unicode scalars into `Article.text`; when the text is not the
/// paragraphs joined by blank lines (an old record), the paragraphs are shown unmarked rather than misplaced.
public enum ArticleMarkup {
    public enum Kind: String, CaseIterable, Sendable {
        case claim, speaker, verb, figure, date, persuasion

        /// What the legend says.
        public var label: String {
            switch self {
            case .claim: "what is claimed"
            case .speaker: "who says it"
            case .verb: "reporting verb"
            case .figure: "figure"
            case .date: "date"
            case .persuasion: "persuasion technique"
            }
        }
    }

    struct Mark {
        var kind: Kind
        var start: Int
        var end: Int
        var note: String
    }

    /// The article's paragraphs as `<p>` elements with the marks in them.
    public static func paragraphs(_ article: Article) -> String {
        let scalars = Array(article.text.unicodeScalars)
        let starts = article.paragraphs.reduce(into: [0]) { $0.append($0.last! + $1.unicodeScalars.count + 2) }
        guard starts.last! - 2 == scalars.count, !article.paragraphs.isEmpty else {
            return article.paragraphs.map { "<p>\(Escape.html($0))</p>" }.joined(separator: "\n")
        }
        let marks = self.marks(article).filter { $0.start < $0.end && $0.start >= 0 && $0.end <= scalars.count }
        return article.paragraphs.indices.map { p in
            "<p>\(marked(scalars, from: starts[p], to: starts[p + 1] - 2, marks: marks))</p>"
        }.joined(separator: "\n")
    }

    /// The legend: one sample of each kind of mark, so a reader knows what the colours mean.
    public static func legend() -> String {
        "<p class=\"legend small\">" + Kind.allCases.map { "<span class=\"m-\($0.rawValue)\">\(Escape.html($0.label))</span>" }
            .joined(separator: " ") + "</p>"
    }

    /// Who said what in this article: one row per claim, with its chain (speaker → intermediaries → channel),
    /// verb, stance and hedges.
    public static func claimTable(_ article: Article) -> String {
        guard !article.claims.isEmpty else { return "<p class=\"muted\">No claims found in this text.</p>" }
        let rows = article.claims.map { c -> String in
            let chain = ([c.speaker?.text ?? "the outlet itself"] + c.via.map(\.text) + [c.channel].compactMap { $0 })
                .map(Escape.html).joined(separator: " → ")
            var notes = [c.kind.rawValue]
            if c.stance != .neutral { notes.append(c.stance.rawValue) }
            if c.negated { notes.append("negated") }
            if c.refutes { notes.append("refutes") }
            if !c.hedges.isEmpty { notes.append("hedged: " + c.hedges.joined(separator: ", ")) }
            return "<tr><td>\(chain)</td><td>\(Escape.html(c.verb?.text ?? "—"))</td><td>\(Escape.html(c.content.text))</td>"
                + "<td class=\"small\">\(Escape.html(notes.joined(separator: " · ")))</td></tr>"
        }
        return """
            <table class="list"><thead><tr><th>Speaker → via → channel</th><th>Verb</th><th>Claim</th><th>Notes</th></tr>\
            </thead><tbody>\(rows.joined(separator: "\n"))</tbody></table>
            """
    }

    static func marks(_ a: Article) -> [Mark] {
        var marks: [Mark] = []
        for c in a.claims {
            let who = c.speaker?.text ?? "the outlet itself"
            var note = "Claim by \(who)" + (c.via.isEmpty ? "" : " via " + c.via.map(\.text).joined(separator: ", "))
            if let channel = c.channel { note += " (\(channel))" }
            if c.stance != .neutral { note += "; stance: \(c.stance.rawValue)" }
            if !c.hedges.isEmpty { note += "; hedged: \(c.hedges.joined(separator: ", "))" }
            marks.append(Mark(kind: .claim, start: c.content.start, end: c.content.end, note: note))
            if let s = c.speaker { marks.append(Mark(kind: .speaker, start: s.start, end: s.end, note: "Speaker: \(s.text)")) }
            if let v = c.verb { marks.append(Mark(kind: .verb, start: v.start, end: v.end, note: "Reporting verb")) }
        }
        for f in a.figures {
            var note = "Figure: \(f.text)"
            if let counted = f.counted { note += " — \(counted)" }
            if let claimant = f.claimant { note += "; claimed by \(claimant)" }
            marks.append(Mark(kind: .figure, start: f.start, end: f.end, note: note))
        }
        for d in a.dates {
            let note = "Date (\(d.kind.rawValue))" + (d.date.map { ": \($0)" } ?? ": not resolved") + (d.inferred ? ", inferred" : "")
            marks.append(Mark(kind: .date, start: d.start, end: d.end, note: note))
        }
        for t in a.techniques {
            marks.append(Mark(kind: .persuasion, start: t.start, end: t.end,
                              note: "\(t.technique.replacingOccurrences(of: "_", with: " ")) — cue: \(t.cue)"))
        }
        return marks
    }

    /// The scalars from `start` to `end`, cut at every boundary of a mark inside them.
    private static func marked(_ scalars: [Unicode.Scalar], from start: Int, to end: Int, marks: [Mark]) -> String {
        let inside = marks.filter { $0.start < end && $0.end > start }
        guard !inside.isEmpty else { return Escape.html(scalars.slice(start, end)) }
        let cuts = Set([start, end] + inside.flatMap { [max($0.start, start), min($0.end, end)] }).sorted()
        var out = ""
        for (a, b) in zip(cuts, cuts.dropFirst()) where a < b {
            let text = Escape.html(scalars.slice(a, b))
            let over = inside.filter { $0.start <= a && $0.end >= b }
            guard !over.isEmpty else { out += text; continue }
            let classes = Kind.allCases.filter { kind in over.contains { $0.kind == kind } }.map { "m-\($0.rawValue)" }
            var notes: [String] = []
            for note in over.map(\.note) where !notes.contains(note) { notes.append(note) }
            out += "<span class=\"\(classes.joined(separator: " "))\" title=\"\(Escape.html(notes.joined(separator: "\n")))\">\(text)</span>"
        }
        return out
    }

    /// The marks' colours (light and dark), for pages that show them.
    public static let style = """
        .m-claim { background: var(--mark); } .m-speaker { font-weight: 600; border-bottom: 2px solid #2f6fde; }
        .m-verb { font-style: italic; } .m-figure { outline: 1px solid #1a7f37; border-radius: 2px; }
        .m-date { border-bottom: 2px dotted #8250df; }
        .m-persuasion { text-decoration: underline wavy #b42318; text-decoration-thickness: 1px; }
        p.legend span { margin-right: .8em; padding: 0 .2em; }
        """
}
