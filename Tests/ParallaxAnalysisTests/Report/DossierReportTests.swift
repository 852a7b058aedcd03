import Foundation
@testable import ParallaxReport
import Testing
import ParallaxModel
@testable import ParallaxAnalysis
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Dossier report")
struct DossierReportTests {
    let html = DossierReport.html(DossierFixture.document, articles: DossierFixture.articles)
    let markdown = DossierReport.markdown(DossierFixture.document, articles: DossierFixture.articles)

    init() throws {
        // For looking at the page: DOSSIER_SAMPLE_DIR=/tmp/dossier swift test --filter DossierReport
        if let dir = ProcessInfo.processInfo.environment["DOSSIER_SAMPLE_DIR"] {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try html.write(toFile: dir + "/dossier.html", atomically: true, encoding: .utf8)
            try markdown.write(toFile: dir + "/dossier.md", atomically: true, encoding: .utf8)
        }
    }

    @Test func everyInPageLinkLandsOnAnIdOfThePage() {
        let ids = Self.matches(#"\bid="([^"]+)""#, in: html)
        let targets = Self.matches(##"href="#([^"]+)""##, in: html)
        #expect(Set(ids).count == ids.count, "ids are unique")
        #expect(!targets.isEmpty)
        for target in targets { #expect(ids.contains(target), "dangling link #\(target)") }
    }

    @Test func everyClaimVariantLinksToItsHighlightedSentence() throws {
        let claims = DossierFixture.claims
        for variant in claims.flatMap({ $0.variants + $0.disputes }) {
            let anchor = try #require(DossierReport.dossiers(DossierFixture.document, DossierFixture.articles)[0]
                .sentenceAnchor(source: variant.source, sentence: variant.sentence))
            #expect(html.contains("href=\"#\(anchor)\""))
            #expect(html.contains("<span class=\"s claimed\" id=\"\(anchor)\""))
        }
        #expect(html.contains(".s:target"))
    }

    @Test func articleTextStaysTextInEveryPlace() {
        #expect(html.range(of: "<script", options: .caseInsensitive) == nil)
        #expect(html.range(of: "<img", options: .caseInsensitive) == nil)
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"))
        #expect(html.contains("Daily &quot;Sentinel&quot; O&#39;Hara"))
        #expect(!html.contains("javascript:alert(3)\""), "a javascript: URL is never linked")
    }

    @Test func pageLoadsNothingFromOutsideAndAllowsNoScript() throws {
        #expect(Self.matches(#"<(\w+)[^>]*\s(?:src|href)\s*=\s*"?(?:https?:)?//"#, in: html).allSatisfy { $0 == "a" })
        #expect(html.range(of: #"<[^>]*\ssrc\s*="#, options: .regularExpression) == nil, "no tag loads a source")
        #expect(html.range(of: "<link", options: .caseInsensitive) == nil)
        #expect(!html.contains("@import"))
        #expect(html.range(of: #"url\((?!#)"#, options: .regularExpression) == nil)
        let policy = try #require(Self.matches(#"Content-Security-Policy" content="([^"]+)""#, in: html).first)
        #expect(policy.contains("default-src 'none'"))
        #expect(!policy.contains("script-src"))
    }

    @Test func chartsAreWellFormedSVG() {
        let svgs = Self.matches(#"(<svg[\s\S]*?</svg>)"#, in: html)
        // The claims matrix, one figure comparison, the timeline and the provenance graph.
        #expect(svgs.count == 4)
        for svg in svgs {
            let parser = XMLParser(data: Data(svg.utf8))
            #expect(parser.parse(), "\(parser.parserError.map(String.init(describing:)) ?? "")")
        }
    }

    @Test func claimsComeMostCarriedFirstWithTheirStatusAndReach() throws {
        let c1 = try #require(html.range(of: "id=\"s1.c1\"")), c2 = try #require(html.range(of: "id=\"s1.c2\""))
        #expect(c1.lowerBound < c2.lowerBound)
        #expect(html.contains("2 outlets · 1 origin: Ilse Marten"))
        #expect(html.contains("<span class=\"badge disputed\">disputed</span>"))
        #expect(html.contains("Disputed by"))
        #expect(html.contains("machine-spun"))
    }

    @Test func markdownTablesKeepTheirColumns() {
        let tables = markdown.components(separatedBy: "\n\n").filter { $0.hasPrefix("|") }
        #expect(tables.count >= 6)
        for table in tables {
            let widths = table.split(separator: "\n").map { line in
                line.unicodeScalars.indices.filter { i in
                    line.unicodeScalars[i] == "|"
                        && (i == line.unicodeScalars.startIndex
                            || line.unicodeScalars[line.unicodeScalars.index(before: i)] != "\\")
                }.count
            }
            #expect(Set(widths).count == 1, "\(table)")
        }
    }

    @Test func markdownLinksLandOnAnchorsAndArticleTextStaysText() {
        let ids = Set(Self.matches(#"<a id="([^"]+)"></a>"#, in: markdown))
        let targets = Self.matches(#"\]\(#([^)]+)\)"#, in: markdown)
        #expect(!targets.isEmpty)
        for target in targets { #expect(ids.contains(target), "dangling link #\(target)") }
        #expect(markdown.range(of: "<script", options: .caseInsensitive) == nil)
        #expect(markdown.contains("&lt;script&gt;"))
    }

    @Test(arguments: [
        ("<b>", "&lt;b&gt;"), ("a & b", "a &amp; b"), ("\"x\"", "&quot;x&quot;"), ("it's", "it&#39;s"),
    ])
    func escapingCoversTheFiveSignificantCharacters(raw: String, escaped: String) {
        #expect(Escape.html(raw) == escaped)
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { m in
            Range(m.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    @Test("a spread between figures any text can print reads as a percentage, however large")
    func hugeSpreads() {
        #expect(StoryDossier.percent(0.25) == "25 %")
        #expect(StoryDossier.percent(1e29) == "over 1,000,000 %")
        #expect(StoryDossier.percent(.infinity) == "over 1,000,000 %")
        #expect(StoryDossier.percent(-1e29) == "under −1,000,000 %")
    }
}
