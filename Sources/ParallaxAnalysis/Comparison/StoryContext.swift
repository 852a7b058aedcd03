import ParallaxModel

/// What the comparison stages need to know about a story's articles: outlet names, which articles share an origin
/// (from the provenance edges), and who the speakers are across the articles.
struct StoryContext: Sendable {
    var articles: [Article]
    /// The outlet each article is counted under: `Article.outlet`, else its file name.
    var outlets: [String]
    /// Index of the article that represents each article's origin group (itself when it reuses nobody's text).
    var originOf: [Int]
    /// Entity id → the fullest name any article gives it ("Dmitry Peskov").
    var names: [String: String]
    /// Person → the organisation a role of theirs names ("Kremlin spokesman" Peskov → the Kremlin): a spokesperson
    /// speaking is the organisation speaking, not a second source.
    var speaksFor: [String: String]

    /// `origins` and `provenance` are the story's: groups of sources sharing one origin, and the edges within.
    init(articles: [Article], origins: [[String]], provenance: [ProvenanceEdge] = []) {
        self.articles = articles
        outlets = articles.map(\.outletName)
        let index = Dictionary(articles.indices.map { (articles[$0].source, $0) }, uniquingKeysWith: { a, _ in a })
        // Each group is represented by its original: the member no directed edge points to (else the first).
        let derived = Set(provenance.filter(\.directed).map(\.to))
        originOf = Array(articles.indices)
        for group in origins {
            let members = group.compactMap { index[$0] }.sorted()
            guard let first = members.first(where: { !derived.contains(articles[$0].source) }) ?? members.first
            else { continue }
            for m in members { originOf[m] = first }
        }
        var seen: [String: [String: Int]] = [:]
        var roles: [String: [String]] = [:]
        var organisations: Set<String> = []
        for a in articles {
            for e in a.entities where e.name.count <= 48 {
                seen[e.id, default: [:]][e.name, default: 0] += 1
                roles[e.id, default: []] += e.roles
                // A minister speaks for the country; a city is no speaker ("union leader" is not Union, Iowa).
                if e.kind == .organisation || e.id.hasPrefix("country:") { organisations.insert(e.id) }
            }
        }
        // The name most articles give; on a tie the fuller one.
        names = seen.mapValues { counts in
            counts.max { ($0.value, $0.key.count, $1.key) < ($1.value, $1.key.count, $0.key) }!.key
        }
        speaksFor = Self.spokespeople(names: names.filter { organisations.contains($0.key) }, roles: roles)
    }

    /// People whose role names an organisation of the story ("Kremlin spokesman" and the organisation "Kremlin",
    /// "Harbour Authority spokeswoman" and "the Harbour Authority"): the name as whole words of the role.
    static func spokespeople(names organisations: [String: String], roles: [String: [String]]) -> [String: String] {
        func words(_ text: String) -> String {
            " " + text.lowercased().split { !$0.isLetter && !$0.isNumber }.joined(separator: " ") + " "
        }
        // Each organisation's words once, indexed by its first word: a role is checked only against the names
        // whose first word it contains (hundreds of reports name thousands of people and organisations).
        var byFirstWord: [String: [(id: String, name: String, words: String)]] = [:]
        for (id, name) in organisations {
            let w = words(name)
            guard let first = w.split(separator: " ").first else { continue }
            byFirstWord[String(first), default: []].append((id, name, w))
        }
        var out: [String: String] = [:]
        for (person, list) in roles where person.hasPrefix("person:") && !list.isEmpty {
            let role = Set(list).map(words).joined(separator: "|")
            let roleWords = Set(role.split { $0 == " " || $0 == "|" }.map(String.init))
            let named = roleWords.flatMap { byFirstWord[$0] ?? [] }.filter { role.contains($0.words) }
                .map { (key: $0.id, value: $0.name) }
            // The fullest name that fits ("Harbour Authority" before "Authority"); ties by id, for stability.
            if let org = named.max(by: { ($0.value.count, $1.key) < ($1.value.count, $0.key) }) { out[person] = org.key }
        }
        return out
    }

    /// The party a claim comes from, as far as the article identifies one: the speaker if named, else the
    /// innermost named intermediary other than a news agency (an agency relays; it is not where a statement
    /// starts), with spokespeople folded into what they speak for. Nil for descriptions that name nobody ("the
    /// letter", "separatist leaders").
    func identifiedSource(_ claim: Claim) -> String? {
        let chain = [claim.speakerEntity] + claim.via.map(\.entity)
        guard let id = chain.compactMap({ $0 }).first(where: { !$0.hasPrefix("group:") && !$0.hasPrefix("agency:") })
        else { return nil }
        return speaksFor[id] ?? id
    }

    /// How a speaker is shown: the fullest name for an entity, else the article's words.
    func speakerName(_ claim: Claim) -> String? {
        if let id = claim.speakerEntity, let name = names[id] { return name }
        return claim.speaker?.text
    }
}
