import Foundation
import Hummingbird
import ParallaxModel
import ParallaxReport
import ParallaxStore

/// `/outlets`: every outlet with its reports and stories; `/outlets/{name}`: one outlet's spellings and labels,
/// hedging and persuasion, whom it takes text from and who takes its text, over time.
extension Pages {
    func outlets() throws -> String {
        let all = try store.outlets()
        let rows = all.prefix(1000).map { o in
            "<tr><td><a href=\"\(h(URLText.outlet(o.name)))\">\(h(o.name))</a></td><td class=\"num\">\(o.reports)</td>"
                + "<td class=\"num\">\(o.stories)</td><td>\(h(o.latest ?? "—"))</td></tr>"
        }
        let table = rows.isEmpty ? "<p>No outlet yet: outlets appear once their stories have a dossier.</p>" : """
            <table class="list"><thead><tr><th>Outlet</th><th>Reports</th><th>Stories</th><th>Latest report</th></tr></thead>
            <tbody>\(rows.joined(separator: "\n"))</tbody></table>
            """
        return Self.document(title: "Outlets", body: "<p class=\"muted\">\(Self.count(all.count, "outlet"))</p>\(table)")
    }

    func outlet(_ name: String) throws -> String {
        let appearances = try store.appearances(of: name)
        guard !appearances.isEmpty else { throw APIError(.notFound, "No outlet named \(name.prefix(100)) in any story.") }
        let p = OutletProfile(name: name, appearances: appearances)
        let languages = p.languages.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        let span = [p.first, p.latest].compactMap { $0 }.map(h).joined(separator: " to ")
        var sections = ["""
            <p class="muted">\(Self.count(p.reports, "report")) in \(Self.count(appearances.count, "story", "stories"))\(span.isEmpty ? "" : " · \(span)") · \
            languages: \(h(languages)) · <a href="/?outlet=\(h(URLText.component(name)))">its stories in the list</a> · \
            <a href="/api/v1/outlets/\(h(URLText.component(name)))">JSON</a></p>
            """]
        sections.append(section("Hedging and attribution", """
            <p>\(p.claims) claims: \(percent(p.attributedShare)) attributed to a speaker, \(percent(p.hedgedShare)) hedged, \
            \(percent(p.distancedShare)) distanced by the reporting verb.</p>
            """))
        sections.append(section("Spellings", counts(p.spellings.sorted { $0.key < $1.key }.map { name, variants in
            (name, variants.sorted { $0.value > $1.value }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", "))
        }, header: ["Name", "Written as"], empty: "No contested spelling in its reports.")))
        sections.append(section("Labels", counts(p.labels.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, "\($0.value)") },
                                               header: ["Label", "Times"], empty: "No loaded label found.")))
        sections.append(section("Persuasion techniques", counts(
            p.techniques.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key.replacingOccurrences(of: "_", with: " "), "\($0.value)") },
            header: ["Technique", "Spans"], empty: "No persuasion technique found.")))
        if !p.scareQuotes.isEmpty {
            sections.append(section("Scare quotes", "<p>" + p.scareQuotes.prefix(50).map { "“\(h($0))”" }.joined(separator: " · ") + "</p>"))
        }
        if !p.refuted.isEmpty {
            sections.append(section("Refutes in its own voice", "<ul>" + p.refuted.prefix(30).map { "<li>\(h($0))</li>" }.joined() + "</ul>"))
        }
        let links = p.links.map { l in
            let verb = switch l.direction { case .takesFrom: "takes from"; case .takenBy: "is taken by"; case .shares: "shares text with" }
            return "<tr><td>\(verb)</td><td><a href=\"\(h(URLText.outlet(l.outlet)))\">\(h(l.outlet))</a></td>"
                + "<td>\(h(l.relation.rawValue))</td><td class=\"num\">\(l.stories)</td></tr>"
        }
        sections.append(section("Copies and translations", links.isEmpty
            ? "<p class=\"muted\">No report of another outlet copies, rewrites or translates its reports, nor the reverse.</p>"
            : "<table class=\"list\"><thead><tr><th></th><th>Outlet</th><th>Relation</th><th>Stories</th></tr></thead><tbody>"
                + links.joined() + "</tbody></table>"))
        let most = max(1, p.periods.map(\.reports).max() ?? 1)
        let periods = p.periods.prefix(120).map { r in
            """
            <tr><td>\(h(r.period))</td><td class="num">\(r.stories)</td><td class="num">\(r.reports) \
            <span class="bar" style="width: \(max(2, 80 * r.reports / most))px"></span></td><td class="num">\(r.claims)</td>\
            <td class="num">\(percent(r.hedgedShare))</td><td class="num">\(r.labels)</td><td class="num">\(r.techniques)</td></tr>
            """
        }
        sections.append(section("Over time", """
            <table class="list"><thead><tr><th>Period</th><th>Stories</th><th>Reports</th><th>Claims</th><th>Hedged</th>\
            <th>Labels</th><th>Persuasion spans</th></tr></thead><tbody>\(periods.joined())</tbody></table>
            """))
        let stories = p.stories.map { s in
            "<li><a href=\"/stories/\(h(s.id))\">\(h(s.title))</a> <span class=\"muted small\">\(h(s.latest ?? "undated")) · "
                + "\(Self.count(s.reports, "report"))</span></li>"
        }
        sections.append(section("Stories", "<ul>\(stories.joined())</ul>"))
        return Self.document(title: name, body: sections.joined(separator: "\n"))
    }

    private func section(_ title: String, _ body: String) -> String { "<section><h2>\(h(title))</h2>\(body)</section>" }

    private func counts(_ rows: [(String, String)], header: [String], empty: String) -> String {
        guard !rows.isEmpty else { return "<p class=\"muted\">\(h(empty))</p>" }
        return "<table class=\"list\"><thead><tr>\(header.map { "<th>\(h($0))</th>" }.joined())</tr></thead><tbody>"
            + rows.prefix(100).map { "<tr><td>\(h($0.0))</td><td>\(h($0.1))</td></tr>" }.joined() + "</tbody></table>"
    }

    private func percent(_ share: Double) -> String { "\(Int((share * 100).rounded())) %" }
}
