import Foundation
import ParallaxModel

/// The claims section and the coverage gaps: what is said, by whom, resting on how many independent origins.
extension DossierHTML {
    /// Claims shown before the rest folds away; 8 fills about a screen and a half.
    static let claimsShown = 8
    /// Variants shown per claim before the rest folds away.
    static let variantsShown = 3

    func claims(_ d: StoryDossier) -> String {
        let claims = d.claimsByReach
        guard !claims.isEmpty else { return "" }
        let summary = StoryClaim.Status.allCases.compactMap { status -> String? in
            let n = claims.filter { $0.status == status }.count
            return n == 0 ? nil : "<li>\(badge(status)) × \(n)</li>"
        }
        var html = "<h2 id=\"\(d.id)-claims\">Claims <span class=\"muted\">\(claims.count)</span></h2>\n"
            + "<ul class=\"status-summary\">\(summary.joined())</ul>\n"
            + claims.prefix(Self.claimsShown).map { claim(d, $0) }.joined(separator: "\n")
        if claims.count > Self.claimsShown {
            html += "\n<details class=\"more\"><summary>\(claims.count - Self.claimsShown) more claims</summary>\n"
                + claims.dropFirst(Self.claimsShown).map { claim(d, $0) }.joined(separator: "\n") + "</details>"
        }
        return html
    }

    func badge(_ status: StoryClaim.Status) -> String {
        "<span class=\"badge \(status.rawValue)\">\(status.rawValue.replacingOccurrences(of: "-", with: " "))</span>"
    }

    private func claim(_ d: StoryDossier, _ c: StoryClaim) -> String {
        let speakers = c.speakers.isEmpty ? "" : "<li><span class=\"k\">Speakers</span> "
            + "\(h(c.speakers.joined(separator: ", ")))</li>"
        let outlets = "<li><span class=\"k\">Outlets</span> \(h(c.outlets.joined(separator: ", ")))</li>"
        let variants = c.variants.map { variant(d, $0) }
        var html = "<article class=\"claim \(c.status.rawValue)\" id=\"\(d.claimAnchor(c))\">"
            + "<header>\(badge(c.status)) <span class=\"cid\">\(h(shortID(c.id)))</span> "
            + "<span class=\"reach\">\(h(d.reach(of: c)))</span></header>"
            + "<p class=\"claim-text\">\(h(c.text))</p><ul class=\"meta\">\(speakers)\(outlets)</ul>"
            + "<ul class=\"variants\">\(variants.prefix(Self.variantsShown).joined())</ul>"
        if variants.count > Self.variantsShown {
            html += "<details><summary>\(variants.count - Self.variantsShown) more \(StoryDossier.plural(variants.count - Self.variantsShown, "wording"))</summary>"
                + "<ul class=\"variants\">\(variants.dropFirst(Self.variantsShown).joined())</ul></details>"
        }
        if !c.disputes.isEmpty {
            let heading = c.status == .refutedByOutlet ? "Refuted" : "Disputed"
            html += "<div class=\"disputes\"><h4>\(heading) by</h4><ul class=\"variants\">"
                + c.disputes.map { variant(d, $0) }.joined() + "</ul></div>"
        }
        return html + "</article>"
    }

    func shortID(_ id: String) -> String { StoryDossier.shortID(id) }

    private func variant(_ d: StoryDossier, _ v: ClaimVariant) -> String {
        var tags: [String] = []
        if let language = v.language { tags.append("<span class=\"lang\">\(h(language))</span>") }
        if v.hedged { tags.append("<span class=\"tag hedge\">hedged</span>") }
        if v.stance != .neutral { tags.append("<span class=\"tag \(v.stance.rawValue)\">\(v.stance.rawValue)</span>") }
        let chain = ([v.speaker].compactMap { $0 } + v.via.map { "via \($0)" } + [v.channel.map { "(\($0))" }]
            .compactMap { $0 }).joined(separator: " ")
        let who = chain.isEmpty ? "" : "<span class=\"who\">\(h(chain))</span>"
        let goto = d.sentenceAnchor(source: v.source, sentence: v.sentence)
            .map { "<a class=\"goto\" href=\"#\($0)\" title=\"Show the sentence in the article\">in context →</a>" }
        return "<li><div class=\"v-head\"><span class=\"v-outlet\">\(h(v.outlet))</span> \(tags.joined(separator: " "))"
            + " \(who)</div><blockquote>\(marked(v.text, v.content)) \(goto ?? "")</blockquote></li>"
    }

    /// The sentence with what is claimed in it marked, when the claimed words can be found in it.
    func marked(_ sentence: String, _ content: String) -> String {
        guard !content.isEmpty, content != sentence, let r = sentence.range(of: content) else { return h(sentence) }
        return h(String(sentence[..<r.lowerBound])) + "<mark>\(h(content))</mark>"
            + h(String(sentence[r.upperBound...]))
    }

    func gaps(_ d: StoryDossier) -> String {
        guard !d.story.gaps.isEmpty else { return "" }
        let claimIDs = d.claimAnchors
        let rows = d.story.gaps.map { g in
            "<tr><td>\(link(shortID(g.claim), to: claimIDs[g.claim], cls: "cid"))</td><td>\(h(g.text))</td>"
                + "<td>\(outletList(g.carriedBy, cls: "yes"))</td><td>\(outletList(g.missing, cls: "no"))</td></tr>"
        }
        return "<h2 id=\"\(d.id)-gaps\">Coverage gaps</h2>\n<p class=\"hint\">Claims some outlets carry and others "
            + "leave out.</p><div class=\"scroll\"><table class=\"gaps\"><thead><tr><th>Claim</th><th></th>"
            + "<th>Carried by</th><th>Missing from</th></tr></thead><tbody>" + rows.joined(separator: "\n")
            + "</tbody></table></div>"
    }

    private func outletList(_ outlets: [String], cls: String) -> String {
        outlets.map { "<span class=\"chip \(cls)\">\(h($0))</span>" }.joined(separator: " ")
    }
}
