import Foundation
import ParallaxModel

/// The dossier as one self-contained HTML page: per story its reports, claims, charts, gaps and the texts.
///
/// No script and no external asset: the Content-Security-Policy forbids both, so a hostile article cannot run code
/// even if escaping were ever missed. Following a claim's link highlights the sentence through CSS `:target`.
struct DossierHTML {
    let document: StoryRendering.Document
    let dossiers: [StoryDossier]
    /// Served by a server that sends its own policy as a header (`DossierReport.Serving`): no meta policy, and the
    /// server's navigation (and script) at the top of the body.
    var serving: DossierReport.Serving?

    /// Scripts, fonts, frames and fetches from nowhere; inline styles only (ours); images only as data: URLs.
    static let policy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
        + "form-action 'none'"

    func page() -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        \(serving == nil ? "<meta http-equiv=\"Content-Security-Policy\" content=\"\(Self.policy)\">" : "")
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <meta name="referrer" content="no-referrer">
        <title>\(h(pageTitle))</title>
        <style>\(Self.style)</style>
        </head>
        <body>
        \(serving?.top ?? "")
        \(masthead())
        <main>
        \(dossiers.map(story).joined(separator: "\n"))
        </main>
        \(footer())
        </body>
        </html>

        """
    }

    private var pageTitle: String {
        dossiers.count == 1 ? "Dossier: \(dossiers[0].story.title)" : "Parallax dossier: \(dossiers.count) stories"
    }

    private func masthead() -> String {
        let stories = StoryDossier.count(dossiers.count, "story")
        var html = "<header class=\"masthead\"><p class=\"brand\">Parallax dossier</p>"
            + "<p class=\"muted\">\(StoryDossier.count(document.articles, "article")) analysed · \(stories)"
            + (document.failures.isEmpty ? "" : " · \(StoryDossier.count(document.failures.count, "input")) failed")
            + "</p>"
        if dossiers.count > 1 {
            let items = dossiers.map { "<li><a href=\"#\($0.id)\">\(h($0.story.title))</a> "
                + "<span class=\"muted\">\(StoryDossier.count($0.story.articles.count, "article"))</span></li>" }
            html += "<nav class=\"toc\"><ol>\(items.joined())</ol></nav>"
        }
        return html + "</header>"
    }

    private func footer() -> String {
        let notes = document.failures.map { "<li>\(h($0))</li>" } + document.warnings.map { "<li>\(h($0))</li>" }
        guard !notes.isEmpty else { return "" }
        return "<footer><details><summary>Inputs that failed and warnings (\(notes.count))</summary>"
            + "<ul>\(notes.joined())</ul></details></footer>"
    }

    private func story(_ d: StoryDossier) -> String {
        let sections = [
            reports(d), claims(d), charts(d), gaps(d), texts(d),
        ].filter { !$0.isEmpty }
        return "<section class=\"story\" id=\"\(d.id)\">\n<h1><span class=\"sid\">\(h(d.story.id))</span> "
            + "\(h(d.story.title))</h1>\n\(counts(d))\n\(storyNav(d))\n"
            + sections.joined(separator: "\n") + "\n</section>"
    }

    private func counts(_ d: StoryDossier) -> String {
        let s = d.story
        func item(_ n: Int, _ noun: String) -> String { "<li><b>\(n)</b> \(StoryDossier.plural(n, noun))</li>" }
        let items = [
            item(s.articles.count, "article"), item(d.outlets.count, "outlet"),
            item(s.origins.count, "independent origin"), item(d.languages.count, "language"),
        ]
        let languages = d.languages.isEmpty ? "" : "<li class=\"muted\">\(h(d.languages.joined(separator: ", ")))</li>"
        return "<ul class=\"counts\">\(items.joined())\(languages)</ul>"
    }

    private func storyNav(_ d: StoryDossier) -> String {
        let s = d.story
        func item(_ section: String, _ name: String, _ shown: Bool) -> String? {
            shown ? "<a href=\"#\(d.id)-\(section)\">\(name)</a>" : nil
        }
        let parts = [
            item("reports", "Reports", true), item("claims", "Claims", !s.claims.isEmpty),
            item("charts", "Charts", true), item("gaps", "Coverage gaps", !s.gaps.isEmpty),
            item("texts", "Articles", true),
        ].compactMap { $0 }
        return "<nav class=\"story-nav\">\(parts.joined(separator: " "))</nav>"
    }

    private func reports(_ d: StoryDossier) -> String {
        let rows = d.story.articles.map { a in
            let title = link(a.shownTitle,
                             to: d.anchors[a.source])
            return "<tr><td class=\"outlet\">\(h(a.outletName))</td>"
                + "<td class=\"nowrap\">\(h(StoryDossier.day(a.published) ?? "—"))</td>"
                + "<td>\(h(a.languages.joined(separator: " + ")))</td><td>\(title)</td>"
                + "<td>\(a.flags.map(flag).joined())</td></tr>"
        }
        return "<h2 id=\"\(d.id)-reports\">Reports</h2>\n<div class=\"scroll\"><table class=\"reports\"><thead><tr><th>Outlet</th>"
            + "<th>Date</th><th>Language</th><th>Title</th><th>Flags</th></tr></thead><tbody>"
            + rows.joined(separator: "\n") + "</tbody></table></div>"
    }

    func flag(_ f: ArticleFlag) -> String {
        let name = flagLabel(f)
        return "<div class=\"flag\"><span class=\"badge warn\">\(h(name))</span> "
            + "<span class=\"evidence\">\(h(f.evidence))</span></div>"
    }

    /// Escapes untrusted text for HTML text and attributes.
    func h(_ s: String) -> String { Escape.html(s) }

    /// Text linking to an in-page anchor, or plain text when there is nothing to link to.
    func link(_ text: String, to anchor: String?, cls: String? = nil) -> String {
        let c = cls.map { " class=\"\($0)\"" } ?? ""
        guard let anchor else { return cls == nil ? h(text) : "<span\(c)>\(h(text))</span>" }
        return "<a href=\"#\(h(anchor))\"\(c)>\(h(text))</a>"
    }
}
