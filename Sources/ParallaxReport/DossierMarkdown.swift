import Foundation
import ParallaxModel

/// The dossier as GitHub-flavoured Markdown: the HTML page's content, with the charts as tables.
///
/// Article text is escaped so it stays text (no raw HTML, emphasis or links) and never breaks a table row.
/// Claims link to `<a id>` anchors placed before the sentences they cite (GitHub keeps those as `user-content-` ids
/// and follows the links).
struct DossierMarkdown {
    let document: StoryRendering.Document
    let dossiers: [StoryDossier]

    func page() -> String {
        var blocks = ["# Parallax dossier",
                      "\(StoryDossier.count(document.articles, "article")) analysed · "
                        + StoryDossier.count(dossiers.count, "story")]
        if dossiers.count > 1 {
            blocks.append(dossiers.map { "- [\(md($0.story.title))](#\($0.id))" }.joined(separator: "\n"))
        }
        blocks += dossiers.map(story)
        let notes = document.failures + document.warnings
        if !notes.isEmpty {
            blocks.append("## Inputs that failed and warnings\n\n" + notes.map { "- \(md($0))" }.joined(separator: "\n"))
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    private func story(_ d: StoryDossier) -> String {
        let s = d.story
        let languages = d.languages.isEmpty ? "" : " (\(md(d.languages.joined(separator: ", "))))"
        let counts = "**\(s.articles.count)** \(StoryDossier.plural(s.articles.count, "article")) · "
            + "**\(d.outlets.count)** \(StoryDossier.plural(d.outlets.count, "outlet")) · "
            + "**\(s.origins.count)** \(StoryDossier.plural(s.origins.count, "independent origin")) · "
            + "**\(d.languages.count)** \(StoryDossier.plural(d.languages.count, "language"))\(languages)"
        let sections = [reports(d), claims(d), matrix(d), figures(d), timeline(d), provenance(d), framing(d), gaps(d),
                        texts(d)]
        return (["## <a id=\"\(d.id)\"></a>\(md(s.id)) · \(md(s.title))", counts] + sections.filter { !$0.isEmpty })
            .joined(separator: "\n\n")
    }

    private func reports(_ d: StoryDossier) -> String {
        let rows = d.story.articles.map { a in
            [md(a.outletName), md(StoryDossier.day(a.published) ?? "—"),
             md(a.languages.joined(separator: " + ")),
             link(a.title ?? URL(fileURLWithPath: a.source).lastPathComponent, to: d.anchors[a.source]),
             a.flags.map { "**\(md(flagLabel($0)))**: \(md($0.evidence))" }
                .joined(separator: "; ")]
        }
        return "### Reports\n\n" + Self.table(["Outlet", "Date", "Language", "Title", "Flags"], rows)
    }

    private func claims(_ d: StoryDossier) -> String {
        let claims = d.claimsByReach
        guard !claims.isEmpty else { return "" }
        return "### Claims\n\n" + claims.map { c in
            var lines = ["#### <a id=\"\(d.claimAnchor(c))\"></a>\(md(shortID(c.id))) · \(c.status.rawValue)",
                         "> \(md(c.text))",
                         "\(md(d.reach(of: c)))" + (c.speakers.isEmpty ? ""
                            : " · speakers: \(md(c.speakers.joined(separator: ", ")))"),
                         c.variants.map { "- " + variant(d, $0) }.joined(separator: "\n")]
            if !c.disputes.isEmpty {
                lines.append("\(c.status == .refutedByOutlet ? "Refuted" : "Disputed") by:\n\n"
                    + c.disputes.map { "- " + variant(d, $0) }.joined(separator: "\n"))
            }
            return lines.joined(separator: "\n\n")
        }.joined(separator: "\n\n")
    }

    private func variant(_ d: StoryDossier, _ v: ClaimVariant) -> String {
        let tags = [v.language, v.hedged ? "hedged" : nil, v.stance == .neutral ? nil : v.stance.rawValue]
            .compactMap { $0 }
        let chain = ([v.speaker].compactMap { $0 } + v.via.map { "via \($0)" }).joined(separator: " ")
        let context = d.sentenceAnchor(source: v.source, sentence: v.sentence).map { " [in context](#\($0))" } ?? ""
        return "**\(md(v.outlet))**" + (tags.isEmpty ? "" : " (\(md(tags.joined(separator: ", "))))")
            + (chain.isEmpty ? "" : " — \(md(chain))") + ": “\(md(v.text))”\(context)"
    }

    private func matrix(_ d: StoryDossier) -> String {
        let claims = d.claimsByReach, outlets = d.outlets
        guard !claims.isEmpty else { return "" }
        let rows = claims.map { c in
            [link(shortID(c.id), to: d.claimAnchor(c))] + outlets.map { d.carriage(of: c, by: $0).symbol }
        }
        let legend = Carriage.allCases.map { "\($0.symbol) \($0.label)" }.joined(separator: " · ")
        return "### Who carries which claim\n\n" + Self.table(["Claim"] + outlets.map(md), rows) + "\n\n" + legend
    }

    private func figures(_ d: StoryDossier) -> String {
        d.story.figures.map { f in
            let rows = f.values.map { v in
                [link(v.outlet, to: d.sentenceAnchor(source: v.source, sentence: v.sentence)),
                 md(v.claimant ?? "the outlet itself"), md(v.qualifier ?? ""), md(v.text)]
            }
            let verdict = f.divergent ? "**Divergent**: largest is \(StoryDossier.percent(f.spread)) above smallest"
                + (f.claimantsDiffer ? ", from different claimants." : ".") : "Consistent."
            return "### Figures: \(md(f.counted))\(f.unit.map { " (\(md($0)))" } ?? "")\n\n\(verdict)\n\n"
                + Self.table(["Outlet", "According to", "Qualifier", "As written"], rows)
        }.joined(separator: "\n\n")
    }

    private func timeline(_ d: StoryDossier) -> String {
        guard !d.story.timeline.isEmpty else { return "" }
        let rows = d.story.timeline.sorted { $0.date < $1.date }.map { e in
            [md(e.date), md(e.event), md(e.outlets.joined(separator: ", "))]
        }
        return "### Timeline\n\n" + Self.table(["Date", "Event", "Outlets"], rows)
    }

    private func provenance(_ d: StoryDossier) -> String {
        guard !d.story.provenance.isEmpty else { return "" }
        let name = Dictionary(d.story.articles.map { ($0.source, $0.outletName) },
                              uniquingKeysWith: { a, _ in a })
        let rows = d.story.provenance.map { e in
            [link(name[e.from] ?? e.from, to: d.anchors[e.from]), e.relation.rawValue + (e.directed ? " →" : " ↔"),
             link(name[e.to] ?? e.to, to: d.anchors[e.to]), md(e.evidence)]
        }
        return "### Provenance\n\n" + Self.table(["Original", "Relation", "Reuse", "Evidence"], rows)
    }

    private func gaps(_ d: StoryDossier) -> String {
        guard !d.story.gaps.isEmpty else { return "" }
        let anchors = d.claimAnchors
        let rows = d.story.gaps.map { g in
            [link(shortID(g.claim), to: anchors[g.claim]), md(g.text), md(g.carriedBy.joined(separator: ", ")),
             md(g.missing.joined(separator: ", "))]
        }
        return "### Coverage gaps\n\n" + Self.table(["Claim", "Text", "Carried by", "Missing from"], rows)
    }

    func shortID(_ id: String) -> String { StoryDossier.shortID(id) }

    func md(_ s: String) -> String { Escape.markdown(s) }

    func link(_ text: String, to anchor: String?) -> String {
        anchor.map { "[\(md(text))](#\($0))" } ?? md(text)
    }

    /// A GFM table; cells must already be escaped (no `|`, no line breaks), so every row has the header's columns.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let line = { (cells: [String]) in
            "| " + (0..<header.count).map { $0 < cells.count ? cells[$0] : "" }.joined(separator: " | ") + " |"
        }
        return ([line(header), "|" + String(repeating: " --- |", count: header.count)] + rows.map(line))
            .joined(separator: "\n")
    }
}
