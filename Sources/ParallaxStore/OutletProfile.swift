import Foundation
import ParallaxModel

/// One outlet's part in one story: its reports, how it framed the story, and whose text it shares. Kept beside
/// the dossier when it is saved, so that an outlet's page reads a row per story instead of every dossier.
public struct OutletAppearance: Codable, Sendable, Equatable {
    public var story: Int
    public var storyTitle: String
    public var outlet: String
    public var reports: [StoryArticle]
    public var framing: OutletFraming?
    public var links: [OutletLink]

    /// The newest publication day among its reports (ISO 8601 day), if any is dated.
    public var latest: String? { reports.compactMap { $0.published.map { String($0.prefix(10)) } }.max() }

    /// Every outlet's appearance in a story's dossier.
    public static func all(in story: Story, id: Int) -> [OutletAppearance] {
        let outletOf = Dictionary(story.articles.map { ($0.source, $0.outletName) }, uniquingKeysWith: { a, _ in a })
        return Dictionary(grouping: story.articles, by: \.outletName).map { outlet, reports in
            var links: [OutletLink] = []
            for edge in story.provenance {
                guard let from = outletOf[edge.from], let to = outletOf[edge.to], from != to else { continue }
                if to == outlet {
                    links.append(OutletLink(outlet: from, relation: edge.relation, direction: edge.directed ? .takesFrom : .shares))
                } else if from == outlet {
                    links.append(OutletLink(outlet: to, relation: edge.relation, direction: edge.directed ? .takenBy : .shares))
                }
            }
            return OutletAppearance(story: id, storyTitle: story.title, outlet: outlet, reports: reports,
                                    framing: story.framing[outlet], links: links)
        }.sorted { $0.outlet < $1.outlet }
    }
}

/// A text relation between an outlet's report and another outlet's, as the story's provenance found it.
public struct OutletLink: Codable, Sendable, Equatable, Hashable {
    public enum Direction: String, Codable, Sendable {
        /// This outlet's report reuses the other's.
        case takesFrom = "takes-from"
        /// The other outlet's report reuses this one's.
        case takenBy = "taken-by"
        /// The two share text and the evidence does not say who came first (or both ran one wire piece).
        case shares
    }

    public var outlet: String
    public var relation: ProvenanceEdge.Relation
    public var direction: Direction

    public init(outlet: String, relation: ProvenanceEdge.Relation, direction: Direction) {
        self.outlet = outlet
        self.relation = relation
        self.direction = direction
    }
}

/// An outlet in the store's list: in how many stories it appears, with how many reports, and when last.
public struct OutletSummary: Codable, Sendable, Equatable {
    public var name: String
    public var stories: Int
    public var reports: Int
    public var latest: String?

    public init(name: String, stories: Int, reports: Int, latest: String?) {
        self.name = name
        self.stories = stories
        self.reports = reports
        self.latest = latest
    }

    /// The list made from appearances: most reports first, then by name.
    public static func list(_ appearances: [OutletAppearance]) -> [OutletSummary] {
        Dictionary(grouping: appearances, by: \.outlet).map { name, rows in
            OutletSummary(name: name, stories: rows.count, reports: rows.reduce(0) { $0 + $1.reports.count },
                          latest: rows.compactMap(\.latest).max())
        }.sorted { ($0.reports, $1.name) > ($1.reports, $0.name) }
    }
}

/// What an outlet's page shows: its framing summed over every story it reported (spellings, labels, scare
/// quotes, hedging, persuasion), whose text it takes and who takes its text, and how that changed over time.
public struct OutletProfile: Codable, Sendable, Equatable {
    public struct Story: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        public var reports: Int
        public var latest: String?
    }

    /// One relation counted over stories.
    public struct Link: Codable, Sendable, Equatable {
        public var outlet: String
        public var relation: ProvenanceEdge.Relation
        public var direction: OutletLink.Direction
        public var stories: Int
    }

    /// A day or month (months when the reports span more than two months).
    public struct Period: Codable, Sendable, Equatable {
        public var period: String
        public var stories: Int
        public var reports: Int
        public var claims: Int
        public var hedgedShare: Double
        public var techniques: Int
        public var labels: Int
    }

    public var name: String
    public var stories: [Story]
    public var reports: Int
    public var languages: [String: Int]
    public var first: String?
    public var latest: String?
    /// Contested name → the variants this outlet writes → how often, over all its stories.
    public var spellings: [String: [String: Int]]
    public var labels: [String: Int]
    public var scareQuotes: [String]
    public var claims: Int
    public var hedgedShare: Double
    public var distancedShare: Double
    public var attributedShare: Double
    public var refuted: [String]
    public var techniques: [String: Int]
    public var links: [Link]
    public var periods: [Period]

    /// The most stories, scare quotes and refutations a profile lists (the counts cover all of them).
    public static let listed = 200

    public init(name: String, appearances: [OutletAppearance]) {
        self.name = name
        let rows = appearances.sorted { ($0.latest ?? "", $0.story) > ($1.latest ?? "", $1.story) }
        stories = rows.prefix(Self.listed).map {
            Story(id: StoryName.of($0.story), title: $0.storyTitle, reports: $0.reports.count, latest: $0.latest)
        }
        reports = rows.reduce(0) { $0 + $1.reports.count }
        languages = rows.flatMap(\.reports).reduce(into: [:]) { $0[$1.language ?? "und", default: 0] += 1 }
        let days = rows.flatMap(\.reports).compactMap { $0.published.map { String($0.prefix(10)) } }
        first = days.min()
        latest = days.max()
        let framings = rows.compactMap(\.framing)
        spellings = framings.reduce(into: [:]) { sum, f in
            for (name, variants) in f.spellings { sum[name, default: [:]].merge(variants, uniquingKeysWith: +) }
        }
        labels = framings.reduce(into: [:]) { $0.merge($1.labels, uniquingKeysWith: +) }
        techniques = framings.reduce(into: [:]) { $0.merge($1.techniques, uniquingKeysWith: +) }
        scareQuotes = Self.distinct(framings.flatMap(\.scareQuotes))
        refuted = Self.distinct(framings.flatMap(\.refuted))
        claims = framings.reduce(0) { $0 + $1.claims }
        hedgedShare = Self.share(framings, \.hedgedShare)
        distancedShare = Self.share(framings, \.distancedShare)
        attributedShare = Self.share(framings, \.attributedShare)
        var counted: [String: Int] = [:]
        var kept: [String: Link] = [:]
        for row in rows {
            for link in Set(row.links) {
                let key = "\(link.outlet)\u{1F}\(link.relation.rawValue)\u{1F}\(link.direction.rawValue)"
                counted[key, default: 0] += 1
                kept[key] = Link(outlet: link.outlet, relation: link.relation, direction: link.direction, stories: 0)
            }
        }
        links = kept.map { key, link in var l = link; l.stories = counted[key] ?? 0; return l }
            .sorted { ($0.stories, $1.outlet, $1.relation.rawValue) > ($1.stories, $0.outlet, $0.relation.rawValue) }
        periods = Self.periods(rows, monthly: Self.spansMonths(first, latest))
    }

    /// Claims-weighted mean of a share.
    private static func share(_ framings: [OutletFraming], _ value: KeyPath<OutletFraming, Double>) -> Double {
        let claims = framings.reduce(0) { $0 + $1.claims }
        guard claims > 0 else { return 0 }
        return framings.reduce(0) { $0 + $1[keyPath: value] * Double($1.claims) } / Double(claims)
    }

    private static func distinct(_ texts: [String]) -> [String] {
        var seen = Set<String>()
        return Array(texts.filter { seen.insert($0).inserted }.prefix(listed))
    }

    private static func spansMonths(_ first: String?, _ latest: String?) -> Bool {
        guard let first, let latest, let a = StoreClock.day(first), let b = StoreClock.day(latest) else { return false }
        return b.timeIntervalSince(a) > 62 * 86_400
    }

    private static func periods(_ rows: [OutletAppearance], monthly: Bool) -> [Period] {
        Dictionary(grouping: rows) { row in row.latest.map { monthly ? String($0.prefix(7)) : $0 } ?? "undated" }
            .map { period, rows in
                let framings = rows.compactMap(\.framing)
                return Period(period: period, stories: rows.count, reports: rows.reduce(0) { $0 + $1.reports.count },
                              claims: framings.reduce(0) { $0 + $1.claims }, hedgedShare: share(framings, \.hedgedShare),
                              techniques: framings.reduce(0) { $0 + $1.techniques.values.reduce(0, +) },
                              labels: framings.reduce(0) { $0 + $1.labels.values.reduce(0, +) })
            }.sorted { $0.period > $1.period }
    }
}
