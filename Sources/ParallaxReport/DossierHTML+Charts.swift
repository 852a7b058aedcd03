import Foundation
import ParallaxModel

/// The charts: claims × outlets, figures, timeline and provenance as inline SVG; framing as a table with bars.
extension DossierHTML {
    func charts(_ d: StoryDossier) -> String {
        let parts = [matrix(d), figures(d), timeline(d), provenance(d), framing(d)].filter { !$0.isEmpty }
        return "<h2 id=\"\(d.id)-charts\">Charts</h2>\n" + parts.joined(separator: "\n")
    }

    /// A titled chart; `hint` is markup (ours), `title` is escaped.
    func figure(_ title: String, hint: String, _ body: String, after: String = "") -> String {
        "<figure class=\"chart-box\"><figcaption><h3>\(h(title))</h3><p class=\"hint\">\(hint)</p></figcaption>"
            + "<div class=\"scroll\">\(body)</div>\(after)</figure>"
    }

    private func matrix(_ d: StoryDossier) -> String {
        // A claim one outlet makes and nobody disputes compares nothing across outlets: listed, not charted.
        let claims = d.claimsByReach.filter { $0.outlets.count >= 2 || !$0.disputes.isEmpty }, outlets = d.outlets
        let left = d.claimsByReach.count - claims.count
        guard !claims.isEmpty else { return "" }
        let rows = claims.map { c in
            SVGCharts.MatrixRow(label: "\(shortID(c.id)) · \(c.text)", href: d.claimAnchor(c),
                                cells: outlets.map { d.carriage(of: c, by: $0) })
        }
        return figure("Who carries which claim", hint: "Rows are claims carried by two outlets or more, or disputed "
            + "(most carried first); columns outlets. Hover a cell for details; click a claim to read it."
            + (left > 0 ? " \(left) claims made by one outlet alone are listed under Claims." : ""),
            SVGCharts.matrix(rows, columns: outlets))
    }

    private func figures(_ d: StoryDossier) -> String {
        d.story.figures.map { comparison in
            let bars = comparison.values.map { v in
                let qualifier = v.qualifier.flatMap { v.text.localizedCaseInsensitiveContains($0) ? nil : $0 }
                return SVGCharts.Bar(label: v.outlet, detail: "according to " + (v.claimant ?? "the outlet itself"),
                                     value: v.value, valueText: ([qualifier, v.text].compactMap { $0 })
                                        .joined(separator: " "),
                                     href: d.sentenceAnchor(source: v.source, sentence: v.sentence))
            }
            let unit = comparison.unit.map { " (\($0))" } ?? ""
            let verdict = comparison.divergent
                ? "<span class=\"badge disputed\">divergent</span> largest is \(StoryDossier.percent(comparison.spread))"
                    + " above smallest" + (comparison.claimantsDiffer ? ", from different claimants" : "")
                : "<span class=\"badge corroborated\">consistent</span>"
            return figure("Figures: \(comparison.counted)\(unit)", hint: verdict,
                          SVGCharts.bars(bars, divergent: comparison.divergent))
        }.joined(separator: "\n")
    }

    private func timeline(_ d: StoryDossier) -> String {
        guard !d.story.timeline.isEmpty else { return "" }
        let claims = d.claimAnchors
        let events = d.story.timeline.map { e in
            SVGCharts.Event(date: e.date, text: e.event, outlets: e.outlets.joined(separator: " · "),
                            href: e.claim.flatMap { claims[$0] })
        }
        return figure("Timeline", hint: "Dated events in order, with the outlets that report each.",
                      SVGCharts.timeline(events))
    }

    private func provenance(_ d: StoryDossier) -> String {
        let members = d.story.articles
        let nodes = members.map { a in
            SVGCharts.Node(id: a.source, title: a.outletName,
                           detail: [a.languages.joined(separator: "+"), StoryDossier.day(a.published)]
                            .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · "),
                           href: d.anchors[a.source])
        }
        let edges = d.story.provenance.map { e in
            SVGCharts.Edge(from: e.from, to: e.to, label: e.relation.rawValue, directed: e.directed,
                           cls: e.relation.rawValue, evidence: e.evidence)
        }
        let hint = edges.isEmpty ? "No article in this story reuses another: every report is its own origin."
            : "Arrows point from the original to the article that reuses it; hover a link for the evidence."
        let list = d.story.provenance.map { e in
            "<li><b>\(h(e.relation.rawValue))</b> \(h(name(d, e.from))) \(e.directed ? "→" : "↔") "
                + "\(h(name(d, e.to))) <span class=\"muted\">\(h(e.evidence))</span></li>"
        }
        return figure("Provenance", hint: hint, SVGCharts.graph(nodes, edges, id: d.id),
                      after: list.isEmpty ? "" : "<ul class=\"edges\">\(list.joined())</ul>")
    }

    private func name(_ d: StoryDossier, _ source: String) -> String {
        d.story.articles.first { $0.source == source }.map(\.outletName) ?? source
    }
}
