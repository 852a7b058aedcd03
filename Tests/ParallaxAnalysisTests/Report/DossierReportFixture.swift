import Foundation
import ParallaxModel
@testable import ParallaxReport
@testable import ParallaxAnalysis

/// A fictional story built by hand: the Veltmark harbour bridge is closed after cracks are reported. Three outlets,
/// one writing in German, one a machine-spun copy whose text carries markup that must stay text.
enum DossierFixture {
    static let courier = "corpus/courier.html", tagblatt = "corpus/tagblatt.html", sentinel = "corpus/sentinel.txt"
    static let hostile = "<script>alert(1)</script>", breakout = "\"><img src=x onerror=alert(2)>"

    static var articles: [Article] {
        [
            article(courier, outlet: "Northgate Courier", language: "en", title: "Harbour bridge shut for six weeks", [
                ["Veltmark will close the Harbour Bridge for six weeks from Monday, the city said on 3 March.",
                 "Transport minister Ilse Marten said cracks had been found in the main cable."],
                ["Engineers at Brandt & Vogel denied that the cable was cracked.",
                 "About 40,000 vehicles cross the bridge every day, the city said."],
            ]),
            article(tagblatt, outlet: "Veltmark Tagblatt", language: "de", title: "Hafenbrücke sechs Wochen gesperrt", [
                ["Die Hafenbrücke wird ab Montag für sechs Wochen gesperrt.",
                 "Laut Verkehrsministerin Ilse Marten wurden Risse im Hauptkabel gefunden."],
                ["Täglich fahren rund 55.000 Fahrzeuge über die Brücke."],
            ]),
            article(sentinel, outlet: "Daily \"Sentinel\" O'Hara", language: "en",
                    title: "Bridge \(hostile) closure", [
                ["The Harbour Bridge will allegedly be shut for six weeks \(hostile).",
                 "So-called experts say the \(breakout) cable is cracked."],
                ["There is no evidence that the closure is needed | says nobody."],
            ], url: "javascript:alert(3)"),
        ]
    }

    /// An article whose text is its paragraphs joined by blank lines, sentences located by scalar offsets.
    static func article(_ source: String, outlet: String, language: String, title: String, _ paragraphs: [[String]],
                        url: String? = nil) -> Article {
        var a = Article(source: source, format: "html")
        a.outlet = outlet
        a.title = title
        a.language = language
        a.languages = [LanguageShare(code: language, share: 1)]
        a.published = "2025-03-03T09:00:00Z"
        a.url = url
        a.paragraphs = paragraphs.map { $0.joined(separator: " ") }
        a.text = a.paragraphs.joined(separator: "\n\n")
        var offset = 0
        for (p, sentences) in paragraphs.enumerated() {
            for s in sentences {
                let length = s.unicodeScalars.count
                a.sentences.append(Sentence(text: s, start: offset, end: offset + length, paragraph: p,
                                            language: language))
                offset += length + 1
            }
            offset += 1
        }
        if source == sentinel {
            a.techniques = [PersuasionSpan(technique: "Doubt", text: "So-called experts", start: a.sentences[1].start,
                                           end: a.sentences[1].start + 17, sentence: 1, cue: "so-called")]
        }
        return a
    }

    static func variant(_ source: String, _ outlet: String, _ sentence: Int, language: String = "en",
                        speaker: String? = nil, content: String? = nil, hedged: Bool = false,
                        stance: Claim.Stance = .neutral) -> ClaimVariant {
        let a = articles.first { $0.source == source }!
        let s = a.sentences[sentence]
        return ClaimVariant(source: source, outlet: outlet, language: language, sentence: sentence, start: s.start,
                            end: s.end, text: s.text, content: content ?? s.text, speaker: speaker, via: [], channel: nil,
                            stance: stance, hedged: hedged)
    }

    static var document: StoryRendering.Document {
        StoryRendering.Document(stories: [story], articles: 3, failures: ["corpus/broken.pdf: unsupported format"],
                                warnings: [])
    }

    static var story: Story {
        let members = articles.map { a in
            var m = StoryArticle(source: a.source, title: a.title, outlet: a.outlet, language: a.language,
                                 published: a.published)
            if a.source == sentinel {
                m.flags = [ArticleFlag(kind: "spun", evidence: "“allegedly be shut”, “\(hostile)” for “closed”")]
            }
            return m
        }
        var story = Story(id: "s1", title: "Harbour Bridge closed for six weeks", articles: members,
                          provenance: [ProvenanceEdge(from: courier, to: sentinel, relation: .spun, directed: true,
                                                      evidence: "62 % of 3-word runs in order; \(breakout)"),
                                       ProvenanceEdge(from: courier, to: tagblatt, relation: .sameWire,
                                                      directed: false, evidence: "both credit dpa")],
                          origins: [[courier, sentinel, tagblatt]])
        story.claims = claims
        story.figures = [figures]
        story.timeline = [
            TimelineEntry(date: "2025-03-10", event: "The Harbour Bridge closes for six weeks.",
                          sources: [courier, tagblatt], outlets: ["Northgate Courier", "Veltmark Tagblatt"],
                          claim: "s1.c1"),
            TimelineEntry(date: "2025-03-03", event: "The city announces the closure \(hostile).", sources: [courier],
                          outlets: ["Northgate Courier"], claim: nil),
        ]
        story.framing = framing
        story.gaps = [CoverageGap(claim: "s1.c2", text: "Cracks were found in the main cable.",
                                  carriedBy: ["Northgate Courier", "Veltmark Tagblatt"],
                                  missing: ["Daily \"Sentinel\" O'Hara"])]
        return story
    }

    static var claims: [StoryClaim] {
        let sentinelOutlet = "Daily \"Sentinel\" O'Hara"
        return [
            StoryClaim(id: "s1.c2", text: "Cracks were found in the main cable.", status: .disputed,
                       outlets: ["Northgate Courier", "Veltmark Tagblatt"],
                       origins: [ClaimOrigin(name: "Ilse Marten", kind: .speaker, sources: [courier, tagblatt])],
                       speakers: ["Ilse Marten"],
                       variants: [variant(courier, "Northgate Courier", 1, speaker: "Ilse Marten",
                                          content: "cracks had been found in the main cable"),
                                  variant(tagblatt, "Veltmark Tagblatt", 1, language: "de", speaker: "Ilse Marten")],
                       disputes: [variant(courier, "Northgate Courier", 2, speaker: "Brandt & Vogel",
                                          stance: .denying)]),
            StoryClaim(id: "s1.c1", text: "The Harbour Bridge will be closed for six weeks.", status: .corroborated,
                       outlets: ["Northgate Courier", "Veltmark Tagblatt", sentinelOutlet],
                       origins: [ClaimOrigin(name: "Northgate Courier", kind: .outlet, sources: [courier, sentinel]),
                                 ClaimOrigin(name: "Veltmark Tagblatt", kind: .outlet, sources: [tagblatt])],
                       speakers: [],
                       variants: [variant(courier, "Northgate Courier", 0),
                                  variant(tagblatt, "Veltmark Tagblatt", 0, language: "de"),
                                  variant(sentinel, sentinelOutlet, 0, hedged: true),
                                  variant(sentinel, sentinelOutlet, 1, hedged: true, stance: .distancing)],
                       disputes: [variant(sentinel, sentinelOutlet, 2, stance: .denying)]),
        ]
    }

    static var figures: FigureComparison {
        FigureComparison(counted: "vehicles crossing the bridge daily", unit: "vehicles", values: [
            FigureValue(value: 40_000, text: "About 40,000", qualifier: "about", claimant: "the city",
                        source: courier, outlet: "Northgate Courier", sentence: 3),
            FigureValue(value: 55_000, text: "rund 55.000", qualifier: "rund", claimant: nil, source: tagblatt,
                        outlet: "Veltmark Tagblatt", sentence: 2),
        ], divergent: true, spread: 0.375, claimantsDiffer: true)
    }

    static var framing: [String: OutletFraming] {
        var courier = OutletFraming(sources: [Self.courier])
        courier.claims = 4
        courier.attributedShare = 0.75
        courier.spellings = ["Veltmark": ["Veltmark": 2]]
        var sentinel = OutletFraming(sources: [Self.sentinel])
        sentinel.claims = 3
        sentinel.hedgedShare = 0.67
        sentinel.distancedShare = 0.33
        sentinel.labels = ["so-called experts": 1]
        sentinel.scareQuotes = ["experts \(hostile)"]
        sentinel.refuted = ["There is no evidence that the closure is needed | says nobody."]
        sentinel.techniques = ["Doubt": 1, "Loaded_Language": 2]
        return ["Northgate Courier": courier, "Daily \"Sentinel\" O'Hara": sentinel]
    }
}
