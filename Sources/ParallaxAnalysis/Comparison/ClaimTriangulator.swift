import ParallaxModel

/// Turns aligned claim sentences into a claim a reader can weigh: who carries it, on how many independent origins
/// it rests, who contradicts it, and whether an outlet refutes it.
///
/// Origins: an outlet's own assertion belongs to its article's origin group (a copy or translation is not a
/// second source). An attributed statement belongs to the party the article names as its source (the speaker, or
/// the innermost named intermediary, a spokesperson counting as what they speak for). The same words quoted by
/// several outlets are one utterance, hence one origin, whoever each outlet credits. A statement whose source is
/// only described ("the letter", "separatist leaders") is not a new origin when a named one carries it too; with
/// none, it is the outlet's own reporting.
struct ClaimTriangulator: Sendable {
    var context: StoryContext
    var languages: LanguageKit

    /// The claim made of one cluster of aligned nodes; `refutations` are the refuting sentences aimed at it.
    func claim(id: String, nodes: [ClaimNode], refutations: [ClaimNode], aligner: ClaimAligner) -> StoryClaim {
        var (kept, disputing) = splitByPolarity(nodes)
        // A refutation in the outlet's own voice refutes; one attributed to someone disputes.
        let byOutlet = refutations.filter { $0.claim.kind == .assertion }
        disputing += refutations.filter { $0.claim.kind != .assertion }
        let origins = self.origins(kept)
        let status: StoryClaim.Status = !byOutlet.isEmpty ? .refutedByOutlet
            : !disputing.isEmpty ? .disputed : origins.count >= 2 ? .corroborated : .singleOrigin
        // The variant most like the others words the claim; on a tie (always, with two) the first in story order.
        let centrality = kept.indices.map { i in
            kept.indices.reduce(Float(0)) { $1 == i ? $0 : $0 + aligner.similarity(kept[i], kept[$1]) }
        }
        let medoid = centrality.indices.max { centrality[$0] < centrality[$1] } ?? 0
        var speakers: [String] = []
        for node in kept {
            if let s = context.speakerName(node.claim), !speakers.contains(s) { speakers.append(s) }
        }
        var outlets: [String] = []
        for node in kept where !outlets.contains(context.outlets[node.article]) {
            outlets.append(context.outlets[node.article])
        }
        return StoryClaim(id: id, text: kept[medoid].claim.text, status: status, outlets: outlets,
                          origins: origins, speakers: speakers, variants: kept.map(variant),
                          disputes: (disputing + byOutlet).map(variant))
    }

    func variant(_ node: ClaimNode) -> ClaimVariant {
        let a = context.articles[node.article]
        let s = a.sentences[node.sentence]
        let c = node.claim
        return ClaimVariant(
            source: a.source, outlet: context.outlets[node.article], language: node.language, sentence: node.sentence,
            start: s.start, end: s.end, text: s.text, content: c.content.text, speaker: context.speakerName(c),
            via: c.via.map { link in link.entity.flatMap { context.names[$0] } ?? link.text }, channel: c.channel,
            stance: c.refutes ? .denying : c.stance, hedged: !c.hedges.isEmpty)
    }

    // MARK: Origins

    func origins(_ nodes: [ClaimNode]) -> [ClaimOrigin] {
        let keys = groupKeys(nodes)
        var order: [String] = []
        var groups: [String: [Int]] = [:]
        for (i, key) in keys.enumerated() {
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(i)
        }
        return order.map { key in
            let members = groups[key]!
            let sources = members.map { context.articles[nodes[$0].article].source }
            if key.hasPrefix("outlet:") {
                return ClaimOrigin(name: context.outlets[nodes[members[0]].article], kind: .outlet, sources: sources)
            }
            return ClaimOrigin(name: originName(key, members.map { nodes[$0] }), kind: .speaker, sources: sources)
        }
    }

    /// One origin key per node: equal keys and the same quoted words join; a group with no named source takes the
    /// largest group with a named speaker's key, or, when there is none, its article's origin group (an outlet's
    /// unnamed sources are its own reporting, and a copy of it is not a second one).
    private func groupKeys(_ nodes: [ClaimNode]) -> [String] {
        let keys = nodes.map(originKey)
        var sets = DisjointSets(count: nodes.count)
        // Each quotation's words once (a claim carried by hundreds of reports has hundreds of variants).
        let quoted = nodes.map(\.quoteWords)
        for i in nodes.indices {
            for j in nodes.indices where j > i && ((keys[i] != nil && keys[i] == keys[j]) || sameWords(i, j)) {
                sets.union(i, j)
            }
        }
        // Two quotations of the same words (in one language): one utterance.
        func sameWords(_ i: Int, _ j: Int) -> Bool {
            guard let a = quoted[i], let b = quoted[j], nodes[i].language == nodes[j].language else { return false }
            return ClaimAligner.dice(a, b) >= 0.4
        }
        let root = nodes.indices.map { sets.root($0) }
        var named: [Int: String] = [:]
        for i in nodes.indices {
            if let k = keys[i], named[root[i]] == nil { named[root[i]] = k }
        }
        let sizes = Dictionary(grouping: nodes.indices, by: { root[$0] }).mapValues(\.count)
        let speaking = named.filter { !$0.value.hasPrefix("outlet:") }
        let largest = speaking.keys.max { (sizes[$0]!, -$0) < (sizes[$1]!, -$1) }.flatMap { named[$0] }
        return nodes.indices.map { i in
            named[root[i]] ?? largest ?? "outlet:\(context.originOf[nodes[i].article])"
        }
    }

    /// Assertions: the outlet's origin group. Attributed claims: the named source, or nil when only described.
    private func originKey(_ node: ClaimNode) -> String? {
        if node.claim.kind == .assertion && node.claim.via.isEmpty {
            return "outlet:\(context.originOf[node.article])"
        }
        return context.identifiedSource(node.claim)
    }

    /// The words of a quotation (four letters or more), what two quotations of one utterance share.
    static func quoteWords(_ claim: Claim) -> Set<String> {
        let words = WordTokenizer.tokens(of: claim.quote ?? claim.content.text).filter(\.isWord)
        return Set(words.map(\.folded).filter { $0.unicodeScalars.count >= 4 })
    }

    private func originName(_ key: String, _ nodes: [ClaimNode]) -> String {
        if let name = context.names[key] { return name }
        guard let described = nodes.compactMap({ context.speakerName($0.claim) }).first else { return "an unnamed source" }
        return described.shortened(to: 48)
    }

    // MARK: Contradiction

    /// Sentences whose polarity differs from the majority's (a negated reporting verb, a denial, or a negation in
    /// the claimed content) contradict the claim, when they come from another origin and share a language with
    /// the majority.
    private func splitByPolarity(_ nodes: [ClaimNode]) -> (kept: [ClaimNode], disputing: [ClaimNode]) {
        guard nodes.count > 1 else { return (nodes, []) }
        let negative = nodes.map(\.negative)
        let majority = negative.filter { $0 }.count * 2 > nodes.count
        let against = nodes.indices.filter { negative[$0] != majority }
        guard !against.isEmpty, against.count < nodes.count else { return (nodes, []) }
        let keys = groupKeys(nodes)
        let kept = nodes.indices.filter { negative[$0] == majority }
        let keptOrigins = Set(kept.map { keys[$0] })
        // Polarity is read with each language's own word lists; a translation that words a denial without one of
        // them would look like a contradiction, so only a sentence of a language the other side also has counts.
        let keptLanguages = Set(kept.map { nodes[$0].language })
        let disputing = against.filter { !keptOrigins.contains(keys[$0]) && keptLanguages.contains(nodes[$0].language) }
        let set = Set(disputing)
        return (nodes.indices.filter { !set.contains($0) }.map { nodes[$0] }, disputing.map { nodes[$0] })
    }

    /// Negated or denying, or the claimed content is negated near its start ("there was no offensive"); a
    /// negation deep in a long quotation is a detail of it, not its polarity.
    static func isNegative(_ claim: Claim, language: String?, languages: LanguageKit) -> Bool {
        if claim.negated || claim.stance == .denying { return true }
        let rules = languages.rules(for: language).rules
        let tokens = WordTokenizer.tokens(of: claim.content.text).filter(\.isWord).prefix(10)
        return !rules.negations.matches(in: Array(tokens)).isEmpty
    }
}
