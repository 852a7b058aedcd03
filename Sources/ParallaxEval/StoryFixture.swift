import Foundation
import ParallaxAnalysis
import ParallaxModel

/// A hand-written story corpus (Tests/ParallaxAnalysisTests/Fixtures/stories/*.json): fictional articles with
/// their gold story and, for reuses, the article they derive from and how — labelled by construction.
public struct StoryFixture: Decodable, Sendable {
    public struct Derivation: Decodable, Sendable {
        public var article: String
        public var variant: String
        public var relation: String
    }

    public struct Entry: Decodable, Sendable {
        public var id: String
        public var outlet: String
        public var language: String
        public var published: String
        public var byline: String?
        public var credits: [String]
        public var title: String
        public var paragraphs: [String]
        public var story: String
        public var derivedFrom: Derivation?

        enum CodingKeys: String, CodingKey {
            case id, outlet, language, published, byline, credits, title, paragraphs, story
            case derivedFrom = "derived_from"
        }
    }

    public var description: String
    public var articles: [Entry]

    public static func load(_ path: String) throws -> StoryFixture {
        try JSONDecoder().decode(StoryFixture.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The entries read as articles (source = entry id), with outlet, date and credits as a page would state them.
    public func read(with reader: ArticlePipeline) -> [Article] {
        articles.map { e in
            var article = reader.read(plainText: e.paragraphs.joined(separator: "\n"), source: e.id, language: e.language,
                                      published: e.published)
            article.title = e.title
            article.outlet = e.outlet
            article.byline = e.byline
            article.credits = e.credits.map { Credit(name: $0, role: .text, evidence: $0) }
            return article
        }
    }
}

/// `parallax eval provenance`: precision and recall per relation on the provenance fixture — every derived
/// article must be linked to its original with the right relation (and direction), and nothing else may be
/// linked to the independent reports and controls. Edges between two derivatives of one original (a copy and a
/// copy with altered figures) are neither right nor wrong: they share the origin.
public enum ProvenanceSuite {
    public struct Row: Sendable {
        public var relation: String
        public var gold = 0
        public var found = 0
        public var predicted = 0
        public var wrongDirection = 0
        public var precision: Double { predicted == 0 ? 1 : Double(found) / Double(predicted) }
        public var recall: Double { gold == 0 ? 1 : Double(found) / Double(gold) }
    }

    public struct Outcome: Sendable {
        public var rows: [Row]
        public var edges: [ProvenanceEdge]
        public var report: String
    }

    public static func run(_ fixture: StoryFixture, reader: ArticlePipeline, stories: StoryPipeline) -> Outcome {
        let articles = fixture.read(with: reader)
        let edges = stories.provenance(of: articles)
        let byId = Dictionary(uniqueKeysWithValues: fixture.articles.map { ($0.id, $0) })
        func origin(_ id: String) -> String { byId[id]?.derivedFrom.map { origin($0.article) } ?? id }
        var rows = Dictionary(uniqueKeysWithValues: ProvenanceEdge.Relation.allCases.map { ($0.rawValue, Row(relation: $0.rawValue)) })
        var gold: [Set<String>: String] = [:]
        for e in fixture.articles {
            guard let d = e.derivedFrom else { continue }
            gold[[e.id, d.article]] = d.relation
            rows[d.relation]?.gold += 1
        }
        for edge in edges {
            let pair: Set<String> = [edge.from, edge.to]
            if let relation = gold[pair] {
                rows[edge.relation.rawValue]?.predicted += 1
                if relation == edge.relation.rawValue {
                    rows[relation]?.found += 1
                    if edge.directed, byId[edge.to]?.derivedFrom?.article != edge.from, relation != "same-wire" {
                        rows[relation]?.wrongDirection += 1
                    }
                }
            } else if origin(edge.from) != origin(edge.to) {
                rows[edge.relation.rawValue]?.predicted += 1  // links two independent origins: a false positive
            }
        }
        let ordered = ProvenanceEdge.Relation.allCases.compactMap { rows[$0.rawValue] }
        var table = TextTable(["relation", "gold", "found", "predicted", "precision", "recall", "wrong direction"])
        for r in ordered {
            table.add([r.relation, "\(r.gold)", "\(r.found)", "\(r.predicted)", StoryEval.pct(r.precision),
                       StoryEval.pct(r.recall), "\(r.wrongDirection)"])
        }
        let lines = edges.map { "  \($0.relation.rawValue): \($0.from) \($0.directed ? "→" : "↔") \($0.to)  (\($0.evidence))" }
        let report = (["Provenance suite — \(fixture.articles.count) hand-written articles, "
                       + (stories.embeddings == nil ? "WITHOUT embeddings (translations cannot be found)"
                          : "with multilingual-e5-small sentence embeddings"), "", table.render(), "", "Edges:"] + lines)
            .joined(separator: "\n")
        return Outcome(rows: ordered, edges: edges, report: report)
    }
}
