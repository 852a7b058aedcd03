import Foundation
import ParallaxModel

extension StoryRendering {
    /// The dossier's highlights for a terminal: the most widely carried claims by status, divergent figures,
    /// refutations, spellings and labels per outlet, and spun copies.
    static func dossierText(_ story: Story) -> [String] {
        var lines: [String] = []
        for a in story.articles {
            for flag in a.flags { lines.append("   ⚠ \(a.outletName): \(flag.evidence)") }
        }
        let statuses: [(StoryClaim.Status, String)] = [
            (.corroborated, "corroborated"), (.singleOrigin, "one origin"), (.disputed, "disputed"),
            (.refutedByOutlet, "refuted by an outlet"),
        ]
        for (status, heading) in statuses {
            let claims = story.claims.filter { $0.status == status && ($0.outlets.count >= 2 || status != .singleOrigin) }
            guard !claims.isEmpty else { continue }
            lines.append("   ── claims: \(heading) (\(claims.count))")
            for claim in claims.prefix(4) { lines += claimLines(claim) }
        }
        // Every divergence, then a few agreements (the JSON and the report page list them all).
        let agreeing = story.figures.filter { !$0.divergent }
        for figure in story.figures.filter(\.divergent) + agreeing.prefix(2) {
            lines.append("   ── figures: \(figure.counted)" + (figure.divergent ? "  ⚠ diverge by \(StoryDossier.percent(figure.spread))"
                + (figure.claimantsDiffer ? ", between claimants" : "") : "  (agree)"))
            for v in figure.values {
                lines.append("      \(v.text) — \(v.claimant ?? "the outlet itself"), in \(v.outlet)")
            }
        }
        if agreeing.count > 2 { lines.append("      … \(agreeing.count - 2) more figures on which the reports agree") }
        lines += timelineLines(story.timeline)
        lines += framingLines(story.framing)
        return lines
    }

    private static func claimLines(_ claim: StoryClaim) -> [String] {
        let origins = claim.origins.map(\.name).prefix(4).joined(separator: ", ")
        var lines = ["      “\(claim.text.shortened(to: 150))”",
                     "        \(StoryDossier.count(claim.outlets.count, "outlet")) · \(StoryDossier.count(claim.origins.count, "origin")): \(origins)"]
        for d in claim.disputes.prefix(2) {
            lines.append("        ✗ \(d.outlet): “\(d.text.shortened(to: 120))”")
        }
        return lines
    }

    /// Days (not months or years) that two outlets or more date something to, each with its most widely
    /// reported event and every outlet that dates anything to it.
    private static func timelineLines(_ timeline: [TimelineEntry]) -> [String] {
        var days: [String] = []
        for e in timeline where e.date.count == 10 && !days.contains(e.date) { days.append(e.date) }
        let shown = days.compactMap { day -> String? in
            let entries = timeline.filter { $0.date == day }
            var outlets: [String] = []
            for o in entries.flatMap(\.outlets) where !outlets.contains(o) { outlets.append(o) }
            guard outlets.count >= 2, let top = entries.max(by: { $0.outlets.count < $1.outlets.count }) else { return nil }
            return "      \(day)  \(top.event.shortened(to: 100))"
                + (entries.count > 1 ? " (+\(entries.count - 1) more)" : "") + "  [\(outlets.joined(separator: ", "))]"
        }
        return shown.isEmpty ? [] : ["   ── timeline (days two outlets or more date events to)"] + shown
    }

    private static func framingLines(_ framing: [String: OutletFraming]) -> [String] {
        guard !framing.isEmpty else { return [] }
        var lines = ["   ── framing"]
        for outlet in framing.keys.sorted() {
            let f = framing[outlet]!
            var parts: [String] = []
            let spellings = f.spellings.keys.sorted().compactMap { concept -> String? in
                let variants = f.spellings[concept]!.sorted { $0.value > $1.value }.map(\.key)
                return variants.isEmpty ? nil : variants.joined(separator: "/")
            }
            if !spellings.isEmpty { parts.append(spellings.joined(separator: " ")) }
            let labels = f.labels.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(5).map(\.key)
            if !labels.isEmpty { parts.append("labels: " + labels.joined(separator: ", ")) }
            if !f.scareQuotes.isEmpty { parts.append("quotes: " + f.scareQuotes.prefix(4).map { "‘\($0)’" }.joined(separator: " ")) }
            parts.append("hedged \(Int((f.hedgedShare * 100).rounded())) %")
            if !f.refuted.isEmpty { parts.append("refutes \(f.refuted.count)") }
            let techniques = f.techniques.sorted { $0.value > $1.value }.prefix(3).map { "\($0.key) \($0.value)" }
            if !techniques.isEmpty { parts.append(techniques.joined(separator: ", ")) }
            lines.append("      \(outlet): " + parts.joined(separator: " · "))
        }
        return lines
    }
}
