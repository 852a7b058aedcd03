import ParallaxModel

/// What the mention finder has learnt so far in one article: mentions in order, entities with their forms and
/// roles, and the people a later surname or title can refer back to.
struct MentionState {
    var mentions: [Mention] = []
    var entities: [String: Entity] = [:]
    var entityOrder: [String] = []
    /// Person id by spelling-folded surname.
    private var personBySurname: [String: String] = [:]
    /// Title words of each person's roles, and people in order of their latest mention.
    private var headsByPerson: [String: Set<String>] = [:]
    private var recentPeople: [String] = []

    func personID(surname: String) -> String? { personBySurname[surname] }

    mutating func add(_ mention: Mention, name: String?, role: String? = nil, headWords: [String] = [],
                      surname: String? = nil) {
        mentions.append(mention)
        guard let id = mention.entity else { return }
        var entity = entities[id] ?? Entity(id: id, name: name ?? mention.text, kind: mention.kind)
        if entities[id] == nil { entityOrder.append(id) }
        if let name, mention.kind == .person, name.count > entity.name.count { entity.name = name }
        if !entity.forms.contains(mention.text) { entity.forms.append(mention.text) }
        if let role, !role.isEmpty, !entity.roles.contains(role) { entity.roles.append(role) }
        entities[id] = entity
        if mention.kind == .person {
            if let surname { personBySurname[surname] = personBySurname[surname] ?? id }
            headsByPerson[id, default: []].formUnion(headWords.map(MentionState.stem))
            if let role { headsByPerson[id, default: []].formUnion(role.lowercased().split(separator: " ").map { MentionState.stem(String($0)) }) }
            recentPeople.removeAll { $0 == id }
            recentPeople.append(id)
        }
    }

    /// The most recently mentioned person whose roles share the title ("spokesman") or, for a generic title such
    /// as "leader", a modifier ("Ukrainian" ~ "Ukraine's", "DNR" ~ "DPR"'s holder).
    func resolveRole(head: String, modifiers: [String]) -> String? {
        let h = MentionState.stem(head)
        if let id = recentPeople.last(where: { headsByPerson[$0]?.contains(h) ?? false }) { return id }
        let mods = Set(modifiers.map(MentionState.stem))
        guard !mods.isEmpty else { return nil }
        return recentPeople.last { !(headsByPerson[$0] ?? []).isDisjoint(with: mods) }
    }

    /// Five letters are enough to meet across inflection ("Ukrainian"/"Ukraine's", "spokesman"/"spokesmen").
    static func stem(_ word: String) -> String { String(word.lowercased().filter(\.isLetter).prefix(5)) }

    static func slug(_ text: String) -> String {
        var out = ""
        for c in text.lowercased() {
            if c.isLetter || c.isNumber { out.append(c) } else if out.last != "-" && !out.isEmpty { out.append("-") }
        }
        return out.hasSuffix("-") ? String(out.dropLast()) : out
    }
}
