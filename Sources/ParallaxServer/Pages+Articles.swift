import Foundation
import Hummingbird
import ParallaxModel
import ParallaxReport
import ParallaxStore

/// `/articles/{id}`: one report as stored — its text with claims, speakers, figures, dates and persuasion marked
/// in place, who said what, the story it belongs to and the reports it copies or is copied by, and its revisions.
extension Pages {
    func article(_ id: Int) throws -> String {
        guard let stored = try store.article(id: id) else { throw APIError(.notFound, "No article \(id).") }
        let a = stored.article
        var facts = ["<a href=\"\(h(URLText.outlet(a.outletName)))\">\(h(a.outletName))</a>"]
        facts += [a.published, a.byline, a.language].compactMap { $0 }.map(h)
        if let url = stored.url ?? a.url, let link = Self.safeLink(url) {
            facts.append("<a href=\"\(h(link))\" rel=\"noopener noreferrer nofollow\">original</a>")
        }
        var sections = [
            "<p class=\"muted\">\(facts.joined(separator: " · "))</p>",
            try storyPart(stored),
            try revisions(id),
            "<section><h2>Text</h2>\(ArticleMarkup.legend())<div class=\"text\"\(a.language.map { " lang=\"\(h($0))\"" } ?? "")>"
                + ArticleMarkup.paragraphs(a) + "</div></section>",
            "<section><h2>Who said what</h2>\(ArticleMarkup.claimTable(a))</section>",
        ]
        if !a.figures.isEmpty {
            let rows = a.figures.map { f in
                "<tr><td>\(h(f.text))</td><td>\(h(f.counted ?? "—"))</td><td>\(h(f.qualifier ?? ""))</td>"
                    + "<td>\(h(f.claimant ?? "the outlet itself"))</td></tr>"
            }
            sections.append("""
                <section><h2>Figures</h2><table class="list"><thead><tr><th>Figure</th><th>Counts</th><th>Qualifier</th>\
                <th>Claimed by</th></tr></thead><tbody>\(rows.joined())</tbody></table></section>
                """)
        }
        return Self.document(title: a.shownTitle, body: sections.joined(separator: "\n"))
    }

    /// The story the report is in, and what the story's provenance says it copied, translated or shares.
    private func storyPart(_ stored: StoredArticle) throws -> String {
        guard let id = stored.story else { return "" }
        let name = StoryName.of(id)
        guard let (story, _) = try store.story(id) else {
            return "<p>In story <a href=\"/stories/\(name)\">\(name)</a> (its dossier is being made).</p>"
        }
        let source = stored.article.source
        let members = try store.members(of: id).articles
        let idOf = Dictionary(members.map { ($0.article.source, $0.id) }, uniquingKeysWith: { a, _ in a })
        let outletOf = Dictionary(story.articles.map { ($0.source, $0.outletName) }, uniquingKeysWith: { a, _ in a })
        func other(_ source: String) -> String {
            let label = h(outletOf[source] ?? source)
            return idOf[source].map { "<a href=\"/articles/\($0)\">\(label)</a>" } ?? label
        }
        let related = story.provenance.compactMap { e -> String? in
            if e.to == source {
                return "<li>\(e.directed ? "takes from" : "shares text with") \(other(e.from)): \(h(e.relation.rawValue)) — \(h(e.evidence))</li>"
            }
            if e.from == source {
                return "<li>\(e.directed ? "taken by" : "shares text with") \(other(e.to)): \(h(e.relation.rawValue)) — \(h(e.evidence))</li>"
            }
            return nil
        }
        let copies = related.isEmpty ? "<p class=\"muted\">No other report in the story copies, translates or shares its text.</p>"
            : "<ul>\(related.joined())</ul>"
        return """
            <section><h2>Story</h2><p><a href="/stories/\(name)">\(h(story.title))</a> — \(story.articles.count) reports, \
            \(story.origins.count) independent origins</p>\(copies)</section>
            """
    }

    private func revisions(_ id: Int) throws -> String {
        let all = try store.revisions(of: id)
        guard all.count > 1 else { return "" }
        let items = ParagraphDiff.changes(all).map { r, lines -> String in
            let diff = lines.map { line in
                "<li class=\"\(line.hasPrefix("+") ? "added" : "removed")\">\(h(line))</li>"
            }.joined()
            return "<li>revision \(r.revision) · \(h(r.ingested))\(diff.isEmpty ? "" : "<ul class=\"diff\">\(diff)</ul>")</li>"
        }
        return "<section><h2>Revisions</h2><ol>\(items.joined())</ol></section>"
    }
}
