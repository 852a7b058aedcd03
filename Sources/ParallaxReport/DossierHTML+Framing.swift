import Foundation
import ParallaxModel

/// How each outlet frames the story: wording choices and distancing, comparable across outlets and languages.
extension DossierHTML {
    func framing(_ d: StoryDossier) -> String {
        let framing = d.story.framing
        guard !framing.isEmpty else { return "" }
        let rows = d.framedOutlets.compactMap { outlet in framing[outlet].map { row(outlet, $0) } }
        let table = "<div class=\"scroll\"><table class=\"framing\"><thead><tr><th>Outlet</th><th>Claims</th><th>Hedged</th>"
            + "<th>Distanced</th><th>Attributed</th><th>Wording</th>"
            + "<th>Refutes</th><th>Persuasion techniques</th></tr></thead><tbody>" + rows.joined(separator: "\n")
            + "</tbody></table></div>"
        return figure("Framing by outlet", hint: "Shares are of the outlet's claims. Spellings show the variant "
            + "each outlet writes for a contested name; labels and scare quotes are its own words.", table)
    }

    private func row(_ outlet: String, _ f: OutletFraming) -> String {
        let refuted = f.refuted.isEmpty ? "—" : "<details><summary>\(f.refuted.count)</summary>"
            + f.refuted.map { "<p class=\"small\">\(h($0))</p>" }.joined() + "</details>"
        return "<tr><td class=\"outlet\">\(h(outlet))</td><td class=\"num\">\(f.claims)</td>"
            + "<td>\(share(f.hedgedShare))</td><td>\(share(f.distancedShare))</td><td>\(share(f.attributedShare))</td>"
            + "<td class=\"wording\">\(wording(f))</td><td>\(refuted)</td>"
            + "<td>\(counts(f.techniques, humanise: true))</td></tr>"
    }

    /// Spellings of contested names, labels and scare quotes, each under a small caption; a dash when none.
    private func wording(_ f: OutletFraming) -> String {
        let spellings = f.spellings.keys.sorted().map { concept in
            "\(h(concept)) → \(counts(f.spellings[concept] ?? [:]))"
        }
        let parts = [
            ("spelling", spellings.joined(separator: "<br>")), ("labels", f.labels.isEmpty ? "" : counts(f.labels)),
            ("scare quotes", f.scareQuotes.map { "“\(h($0))”" }.joined(separator: ", ")),
        ].filter { !$0.1.isEmpty }.map { "<div><span class=\"k\">\($0.0)</span> \($0.1)</div>" }
        return parts.isEmpty ? "—" : parts.joined()
    }

    /// "separatists ×3, regime ×1", most frequent first.
    private func counts(_ counts: [String: Int], humanise: Bool = false) -> String {
        guard !counts.isEmpty else { return "—" }
        return StoryDossier.byFrequency(counts).map { key, n in
            let name = humanise ? key.replacingOccurrences(of: "_", with: " ") : key
            return "<span class=\"nowrap\">\(h(name)) <span class=\"muted\">×\(n)</span></span>"
        }.joined(separator: ", ")
    }

    /// A share as a small bar with its percentage.
    private func share(_ value: Double) -> String {
        let clamped = min(max(value, 0), 1)
        return "<span class=\"share\"><span class=\"track\"><span class=\"fill\" "
            + "style=\"width:\(Int((clamped * 100).rounded()))%\"></span></span> "
            + "\(StoryDossier.percent(clamped))</span>"
    }
}
