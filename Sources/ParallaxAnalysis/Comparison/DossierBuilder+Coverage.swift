import ParallaxModel

extension DossierBuilder {
    /// Dated events: every sentence with a resolved calendar date (day, month or year; not durations), one entry
    /// per date and claim, so that four outlets dating one event make one entry with four sources.
    func timeline(_ context: StoryContext, claimOf: [Int: [Int: Int]], claims: [StoryClaim]) -> [TimelineEntry] {
        var entries: [String: TimelineEntry] = [:]
        var order: [String] = []
        for (i, a) in context.articles.enumerated() {
            for mention in a.dates where mention.kind != .duration && mention.sentence < a.sentences.count {
                guard let date = mention.date, date.first?.isNumber == true else { continue }
                let claim = claimOf[i]?[mention.sentence]
                let key = date + "|" + (claim.map { "c\($0)" } ?? "\(i).\(mention.sentence)")
                var entry = entries[key] ?? TimelineEntry(
                    date: date, event: a.sentences[mention.sentence].text.shortened(to: 200), sources: [], outlets: [],
                    claim: claim.map { claims[$0].id })
                if entries[key] == nil { order.append(key) }
                if !entry.sources.contains(a.source) { entry.sources.append(a.source) }
                if !entry.outlets.contains(context.outlets[i]) { entry.outlets.append(context.outlets[i]) }
                entries[key] = entry
            }
        }
        // Earliest first; on one date, the event most outlets report first.
        return order.map { entries[$0]! }.sorted { a, b in
            a.date != b.date ? a.date < b.date : a.outlets.count > b.outlets.count
        }
    }

    /// Claims carried by at least two outlets (or two independent origins) that other outlets of the story leave
    /// out, most widely carried first.
    func gaps(_ claims: [StoryClaim], outlets: [String]) -> [CoverageGap] {
        var all: [String] = []
        for o in outlets where !all.contains(o) { all.append(o) }
        guard all.count >= 3 else { return [] }
        return claims.filter { $0.outlets.count >= 2 && $0.outlets.count < all.count }.map { claim in
            CoverageGap(claim: claim.id, text: claim.text, carriedBy: claim.outlets,
                        missing: all.filter { !claim.outlets.contains($0) })
        }
    }
}
