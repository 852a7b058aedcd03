import Foundation
import ParallaxModel

/// Framing as a table, and the articles' texts with anchors before the sentences the dossier cites.
extension DossierMarkdown {
    func framing(_ d: StoryDossier) -> String {
        let framing = d.story.framing
        guard !framing.isEmpty else { return "" }
        let rows = d.framedOutlets.compactMap { outlet in
            framing[outlet].map { f in
                [md(outlet), "\(f.claims)", StoryDossier.percent(f.hedgedShare), StoryDossier.percent(f.distancedShare),
                 StoryDossier.percent(f.attributedShare),
                 f.spellings.keys.sorted().map { "\(md($0)): \(counts(f.spellings[$0] ?? [:]))" }
                    .joined(separator: "; "),
                 counts(f.labels), f.scareQuotes.map { "“\(md($0))”" }.joined(separator: ", "), "\(f.refuted.count)",
                 counts(f.techniques)]
            }
        }
        return "### Framing by outlet\n\n" + Self.table(["Outlet", "Claims", "Hedged", "Distanced", "Attributed",
                                                          "Spellings", "Labels", "Scare quotes", "Refutes",
                                                          "Techniques"], rows)
    }

    private func counts(_ counts: [String: Int]) -> String {
        StoryDossier.byFrequency(counts).map { "\(md($0.key)) ×\($0.value)" }
            .joined(separator: ", ")
    }

    func texts(_ d: StoryDossier) -> String {
        let cited = citedSentences(d)
        var seen = Set<String>()
        let articles = d.story.articles.filter { seen.insert($0.source).inserted }.map { member in
            let anchor = d.anchors[member.source] ?? ""
            let meta = [member.outletName, StoryDossier.day(member.published),
                        member.languages.joined(separator: " + ")].compactMap { $0 }.filter { !$0.isEmpty }
            let head = "#### <a id=\"\(anchor)\"></a>\(md(member.title ?? member.source))\n\n"
                + "*\(md(meta.joined(separator: " · ")))*"
            guard let article = d.full[member.source] else { return head + "\n\n(The text was not supplied.)" }
            return head + "\n\n" + paragraphs(article, anchor: anchor, cited: cited)
        }
        return articles.isEmpty ? "" : "### Articles\n\n" + articles.joined(separator: "\n\n")
    }

    /// Every sentence id a link in the dossier points at.
    private func citedSentences(_ d: StoryDossier) -> Set<String> {
        let variants = d.story.claims.flatMap { $0.variants + $0.disputes }.map { ($0.source, $0.sentence) }
        let figures = d.story.figures.flatMap(\.values).map { ($0.source, $0.sentence) }
        return Set((variants + figures).compactMap { d.sentenceAnchor(source: $0.0, sentence: $0.1) })
    }

    private func paragraphs(_ article: Article, anchor: String, cited: Set<String>) -> String {
        let byParagraph = Dictionary(grouping: article.sentences.indices) { article.sentences[$0].paragraph }
        func sentence(_ i: Int) -> String {
            let id = "\(anchor)-s\(i)"
            return (cited.contains(id) ? "<a id=\"\(id)\"></a>" : "") + md(article.sentences[i].text)
        }
        var blocks = article.paragraphs.indices.map { p in
            byParagraph[p].map { $0.map(sentence).joined(separator: " ") } ?? md(article.paragraphs[p])
        }
        let stray = article.sentences.indices.filter { !article.paragraphs.indices.contains(article.sentences[$0].paragraph) }
        if !stray.isEmpty { blocks.append(stray.map(sentence).joined(separator: " ")) }
        return blocks.joined(separator: "\n\n")
    }
}
