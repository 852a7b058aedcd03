import Foundation
import ParallaxModel

/// The articles themselves, paragraph by paragraph, every sentence addressable (`#s1-a2-s5`) so a claim's link
/// lands on it and `:target` highlights it; persuasion techniques underlined with their name as a tooltip.
extension DossierHTML {
    func texts(_ d: StoryDossier) -> String {
        let claims = d.claimsBySentence
        var seen = Set<String>()
        let articles = d.story.articles.filter { seen.insert($0.source).inserted }
            .map { text(d, $0, claims: claims[$0.source] ?? [:]) }
        return "<h2 id=\"\(d.id)-texts\">Articles</h2>\n" + articles.joined(separator: "\n")
    }

    private func text(_ d: StoryDossier, _ member: StoryArticle, claims: [Int: [StoryClaim]]) -> String {
        let anchor = d.anchors[member.source] ?? ""
        let meta = [member.outletName, StoryDossier.day(member.published),
                    member.languages.joined(separator: " + "), d.full[member.source]?.byline]
            .compactMap { $0 }.filter { !$0.isEmpty }.map(h).joined(separator: " · ")
        var html = "<article class=\"text\" id=\"\(anchor)\"><header><h3>\(h(member.title ?? member.source))</h3>"
            + "<p class=\"muted\">\(meta)</p>\(member.flags.map(flag).joined())"
        guard let article = d.full[member.source] else {
            return html + "</header><p class=\"muted\">The text of this article was not supplied.</p></article>"
        }
        html += article.notes.map { "<p class=\"note\">\(h($0))</p>" }.joined()
            + origin(article) + "</header>"
        let language = article.language.map { " lang=\"\(h($0))\"" } ?? ""
        let body = SentenceMarkup(article: article, anchor: anchor, claims: claims, dossier: d, html: self)
        return html + "<div class=\"body\"\(language)>\(body.paragraphs())</div></article>"
    }

    /// The canonical URL as a plain link (a navigation, not a resource), only when it is http or https.
    private func origin(_ article: Article) -> String {
        guard let url = article.url, let scheme = url.split(separator: ":").first?.lowercased(),
              scheme == "http" || scheme == "https" else { return "" }
        return "<p class=\"small\"><a href=\"\(h(url))\" rel=\"noreferrer noopener\">\(h(url))</a></p>"
    }
}

/// One article's text as HTML: its paragraphs cut at the sentences' scalar offsets.
struct SentenceMarkup {
    let article: Article
    let anchor: String
    /// Sentence → the claims it carries or disputes, for the small links back to them.
    let claims: [Int: [StoryClaim]]
    let dossier: StoryDossier
    let html: DossierHTML

    private var scalars: [Unicode.Scalar] { Array(article.text.unicodeScalars) }

    func paragraphs() -> String {
        let scalars = self.scalars
        let starts = article.paragraphs.reduce(into: [0]) { $0.append($0.last! + $1.unicodeScalars.count + 2) }
        // The offsets are trusted only when the text really is the paragraphs joined by blank lines.
        let aligned = starts.last! - 2 == scalars.count || (article.paragraphs.isEmpty && scalars.isEmpty)
        var emitted = Set<Int>()
        var out = article.paragraphs.indices.map { p in
            let members = article.sentences.indices.filter { article.sentences[$0].paragraph == p }
            let inner = aligned
                ? cut(scalars, from: starts[p], to: starts[p + 1] - 2, sentences: members, emitted: &emitted)
                : members.map { emitted.insert($0); return sentence($0, text: article.sentences[$0].text) }
                    .joined(separator: " ")
            return "<p>\(inner)</p>"
        }
        // Sentences whose offsets did not fit still get their anchor, so no claim link dangles.
        let rest = article.sentences.indices.filter { !emitted.contains($0) }
        if !rest.isEmpty {
            out.append("<p>" + rest.map { sentence($0, text: article.sentences[$0].text) }.joined(separator: " ")
                + "</p>")
        }
        return out.joined(separator: "\n")
    }

    private func cut(_ scalars: [Unicode.Scalar], from start: Int, to end: Int, sentences: [Int],
                     emitted: inout Set<Int>) -> String {
        var out = "", cursor = start
        for i in sentences.sorted(by: { article.sentences[$0].start < article.sentences[$1].start }) {
            let s = article.sentences[i]
            guard s.start >= cursor, s.end <= end, s.start < s.end else { continue }
            out += html.h(scalars.slice(cursor, s.start))
            out += sentence(i, text: nil, scalars: scalars)
            emitted.insert(i)
            cursor = s.end
        }
        return out + html.h(scalars.slice(cursor, end))
    }

    /// One sentence as an addressable span, followed by links to the claims it carries.
    private func sentence(_ i: Int, text: String?, scalars: [Unicode.Scalar] = []) -> String {
        let s = article.sentences[i]
        let inner = text.map(html.h) ?? techniques(in: s, index: i, scalars: scalars)
        let carried = claims[i] ?? []
        let language = s.language.flatMap { $0 == article.language ? nil : " lang=\"\(html.h($0))\"" } ?? ""
        let back = carried.map { c in
            "<a class=\"back \(c.status.rawValue)\" href=\"#\(dossier.claimAnchor(c))\" "
                + "title=\"\(html.h(c.status.rawValue)): \(html.h(c.text))\">\(html.h(html.shortID(c.id)))</a>"
        }.joined()
        return "<span class=\"s\(carried.isEmpty ? "" : " claimed")\" id=\"\(anchor)-s\(i)\"\(language)>\(inner)"
            + "</span>\(back.isEmpty ? "" : "<sup>\(back)</sup>")"
    }

    /// The sentence's text with persuasion spans underlined (clipped to the sentence; overlaps keep the first).
    private func techniques(in s: Sentence, index: Int, scalars: [Unicode.Scalar]) -> String {
        let spans = article.techniques.filter { $0.start < s.end && $0.end > s.start && $0.start < $0.end }
            .sorted { $0.start < $1.start }
        var out = "", cursor = s.start
        for span in spans {
            let a = max(span.start, cursor), b = min(span.end, s.end)
            guard a < b else { continue }
            let tip = "\(span.technique.replacingOccurrences(of: "_", with: " ")) — cue: \(span.cue)"
            out += html.h(scalars.slice(cursor, a))
            out += "<span class=\"tech\" title=\"\(html.h(tip))\">\(html.h(scalars.slice(a, b)))</span>"
            cursor = b
        }
        return out + html.h(scalars.slice(cursor, s.end))
    }
}
