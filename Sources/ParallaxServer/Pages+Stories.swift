import Foundation
import Hummingbird
import ParallaxModel
import ParallaxReport
import ParallaxStore

/// `/`: the stories, newest activity first, with the counts a desk scans for (independent origins; corroborated,
/// single-origin and disputed claims; divergent figures) and filters; `/stories/{id}`: the dossier.
extension Pages {
    static let storiesPerPage = 100

    func storyList(_ request: Request) throws -> String {
        let query = request.uri.queryParameters
        let filter = try StoryFilter(query)
        let (offset, _) = try Paging.read(query)
        let all = try store.stories(since: nil)
        let stories = try filter.apply(all, store: store)
        let shown = stories.dropFirst(offset).prefix(Self.storiesPerPage)
        let rows = shown.map { s in
            let outlets = s.outletNames.prefix(6).map { "<a href=\"\(h(URLText.outlet($0)))\">\(h($0))</a>" }
                .joined(separator: ", ") + (s.outletNames.count > 6 ? " +\(s.outletNames.count - 6)" : "")
            return """
                <tr><td><a href="/stories/\(h(s.id))">\(h(s.title))</a>\(s.current ? "" : " <span class=\"muted small\">(updating)</span>")\
                <br><span class="small muted">\(outlets)</span></td><td>\(h(s.lastPublished ?? "—"))</td>\
                <td class="num">\(s.articles)</td><td class="num">\(s.outlets)</td><td class="num">\(s.origins)</td>\
                <td class="num">\(s.corroborated)</td><td class="num">\(s.singleOrigin)</td><td class="num">\(s.disputed)</td>\
                <td class="num">\(s.divergentFigures)</td><td>\(h(s.languages.joined(separator: ", ")))</td></tr>
                """
        }
        let stats = try store.stats()
        let more = offset + Self.storiesPerPage < stories.count
            ? "<p><a href=\"/?\(h([filter.query, "cursor=" + Paging.cursor(offset + Self.storiesPerPage)].filter { !$0.isEmpty }.joined(separator: "&")))\">Older stories →</a></p>"
            : ""
        let table = rows.isEmpty
            ? "<p>\(all.isEmpty ? "No stories yet: ingest reports or add feeds." : "No story matches these filters.")</p>"
            : """
              <table class="list"><thead><tr><th>Story and outlets</th><th>Latest report</th><th>Reports</th><th>Outlets</th>\
              <th title="groups of reports that do not copy each other">Independent origins</th>\
              <th>Corroborated claims</th><th>Single-origin claims</th><th>Disputed claims</th><th>Divergent figures</th>\
              <th>Languages</th></tr></thead>
              <tbody>\(rows.joined(separator: "\n"))</tbody></table>
              """
        let count = filter.isEmpty ? "" : " · \(stories.count) match"
        return Self.document(title: "Stories", body: """
            <p class="muted">\(stats.articles) articles in \(stats.stories) stories\(count)</p>\
            \(try filterForm(filter, stories: all))\(table)\(more)
            """)
    }

    /// The filters as a GET form: it works without script, and a filtered list is a link one can share.
    private func filterForm(_ f: StoryFilter, stories: [StorySummary]) throws -> String {
        func options(_ values: [(String, String)], selected: String?) -> String {
            "<option value=\"\">any</option>" + values.map { value, label in
                "<option value=\"\(h(value))\"\(value == selected ? " selected" : "")>\(h(label))</option>"
            }.joined()
        }
        let languages = Set(stories.flatMap(\.languages)).sorted().map { ($0, $0) }
        let outlets = try store.outlets().prefix(300).map { ($0.name, "\($0.name) (\($0.reports))") }
        let statuses = StoryFilter.Status.allCases.map { ($0.rawValue, $0.label) }
        return """
            <form class="filters" method="get" action="/" role="search">\
            <label>Words <input type="search" name="q" value="\(h(f.q ?? ""))" maxlength="\(StoryFilter.maxQuery)"></label>\
            <label>Language <select name="language">\(options(languages, selected: f.language))</select></label>\
            <label>Outlet <select name="outlet">\(options(outlets, selected: f.outlet))</select></label>\
            <label>Latest report from <input type="date" name="from" value="\(h(f.from ?? ""))"></label>\
            <label>to <input type="date" name="to" value="\(h(f.to ?? ""))"></label>\
            <label>Stories <select name="status">\(options(statuses, selected: f.status?.rawValue))</select></label>\
            <button type="submit">Show</button>\(f.isEmpty ? "" : " <a href=\"/\">clear</a>")</form>
            """
    }

    func story(_ name: String) throws -> String {
        guard let id = StoryName.id(name), let (story, articles) = try store.story(id) else {
            throw APIError(.notFound, "No story \(name.prefix(50)) with a dossier.")
        }
        let document = StoryRendering.Document(story: story, articles: articles.count)
        // The dossier page as `parallax story --format html` writes it, with the site's navigation and each
        // member's outlet and stored article linked.
        let outlets = Set(story.articles.map(\.outletName)).sorted().map { "<a href=\"\(h(URLText.outlet($0)))\">\(h($0))</a>" }
        let links = try store.members(of: id).articles.map {
            "<a href=\"/articles/\($0.id)\">\(h($0.article.outletName)): \(h($0.article.shownTitle))</a>"
        }
        let nav = "<nav class=\"site\" style=\"max-width: 1120px; margin: 1rem auto 0; padding: 0 24px\">\(Self.navigation)"
            + "<p class=\"small\">Outlets: \(outlets.joined(separator: ", "))</p>"
            + (links.isEmpty ? "" : "<p class=\"small\">Reports as stored (text marked up, revisions): \(links.joined(separator: " · "))</p>")
            + "</nav>"
        // The static page's own policy (a meta element: no script at all) gives way to the server's header, which
        // lets the page's one nonced script run.
        return DossierReport.html(document, articles: articles,
                                  serving: .init(top: nav + live(StoryName.of(id), document: document)))
    }

    /// The one script a page has (optional: without it the page is the same, only not live): every 30 s it asks
    /// the API whether the story's dossier changed since the page was made (If-None-Match with the dossier's
    /// ETag: a 304 costs nothing) and, when it did, says so with a link to reload.
    private func live(_ name: String, document: StoryRendering.Document) -> String {
        // Both made here, so both safe inside the script: "s12" and a quoted hex digest.
        // The same bytes, under the same cache key, as the API's answer for the dossier: made once for both.
        guard let json = try? cache.body("api /api/v1/stories/\(name)", type: "application/json", { try JSON.encode(document) })
        else { return "" }
        let etag = JSON.etag(json)
        return """
            <p id="live" class="notice" hidden>New reports or changes have come in since this page was made.             <a href="/stories/\(h(name))">Reload</a></p>
            <script nonce="\(Self.noncePlaceholder)">
            (function () {
              var etag = '\(etag)', url = "/api/v1/stories/\(name)";
              function check() {
                fetch(url, { headers: { "If-None-Match": etag, "Accept": "application/json" }, cache: "no-store" })
                  .then(function (r) { if (r.status === 200) { document.getElementById("live").hidden = false; } else { setTimeout(check, 30000); } })
                  .catch(function () { setTimeout(check, 60000); });
              }
              setTimeout(check, 30000);
            })();
            </script>
            """
    }
}
