import Foundation
import ParallaxReport
import Testing
import ParallaxAnalysis
import ParallaxModel
import ParallaxIngest
import ParallaxSQLite
@testable import ParallaxStore

/// Shared set-up: the pipelines as the CLI builds them (the model when `make setup` fetched it), the example corpus,
/// and small generated reports.
enum IngestSupport {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let vendor = root.appendingPathComponent("vendor")
    static let articles = ArticlePipeline.standard(dataDirectory: vendor)
    static let stories = StoryPipeline.standard(dataDirectory: vendor)
    static let corpus = root.appendingPathComponent("examples/corpus")

    static func ingestor(_ store: any Store = InMemoryStore()) -> Ingestor {
        Ingestor(articles: articles, stories: stories, store: store)
    }

    static func folder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("parallax-ingest-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static var corpusFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).sorted().map { corpus.appendingPathComponent($0).path }
    }

    /// The partition of articles into stories, by source file name, as a set of sets.
    static func partition(_ store: any Store) throws -> Set<Set<String>> {
        Set(try store.stories(since: nil).map { summary in
            Set(try store.members(of: StoryName.id(summary.id)!).articles.map {
                URL(fileURLWithPath: $0.article.source).lastPathComponent
            })
        })
    }

    /// Every pair of articles one story holds, by name.
    static func pairs(_ partition: Set<Set<String>>) -> Set<Pair> {
        Set(partition.flatMap { story in
            story.flatMap { a in story.filter { a < $0 }.map { Pair(a, $0) } }
        })
    }

    struct Pair: Hashable {
        var a: String, b: String
        init(_ a: String, _ b: String) { (self.a, self.b) = (a, b) }
    }

    /// `count` short reports of `events` different fictional events, several outlets each, as text dumps.
    static func generated(count: Int, events: Int = 5, in folder: URL) throws {
        let places = ["Orvik", "Tessaly", "Brannock", "Quillon", "Marrowdale", "Vestrum", "Kellham"]
        let kinds = ["a warehouse fire", "a ferry collision", "a chemical spill", "a bridge collapse", "a power cut",
                     "a landslide", "a rail strike"]
        for n in 0..<count {
            let e = n % events
            let place = places[e % places.count], kind = kinds[e % kinds.count]
            let text = """
                \(kind.prefix(1).uppercased() + kind.dropFirst()) hits \(place), outlet \(n) reports

                Outlet \(n) Daily, 2031-0\(1 + e % 8)-1\(e % 9)

                Officials in \(place) said on Monday that \(kind) had forced \(100 * (e + 2)) people from their homes.
                The mayor of \(place), Edda Kovar\(e), said crews were working through the night.
                "We have never seen anything like it," said resident Tomas Veil\(e), who lives near the site.
                Report number \(n) adds that \(e + 3) people were taken to hospital in \(place).
                """
            try text.write(to: folder.appendingPathComponent(String(format: "report-%03d.txt", n)), atomically: true, encoding: .utf8)
        }
    }
}

@Suite(.serialized) struct IngestTests {
    @Test("analyze on a folder and ingest into SQLite then export give the same document")
    func analyzeIsIngestThenExport() throws {
        let memory = IngestSupport.ingestor()
        _ = try memory.ingest(paths: [IngestSupport.corpus.path])
        let sqlite = IngestSupport.ingestor(try SQLiteStore(path: IngestSupport.folder().appendingPathComponent("s.db").path))
        _ = try sqlite.ingest(paths: [IngestSupport.corpus.path])
        let a = StoryRendering.json(try Export.document(memory.store).document)
        let b = StoryRendering.json(try Export.document(sqlite.store).document)
        #expect(a == b)
        #expect(try sqlite.store.stats().articles == IngestSupport.corpusFiles.count)
    }

    /// The rule (docs/store.md): a late report re-forms the stories it comes close to in event-time order, so the
    /// stories are the batch's, except where a report scores within a hair of the joining threshold and corpus
    /// statistics as of its arrival (word rarity over 8 documents, the centring mean) tip it. On the example corpus
    /// that is one pair: the Danish interview and the Russian follow-up (0.30 against a threshold of 0.30).
    @Test("reports ingested one by one, in any order, form the batch's stories (issue 12)",
          arguments: [UInt64(1), 2, 3, 4])
    func orderIndependence(seed: UInt64) throws {
        let batch = IngestSupport.ingestor()
        _ = try batch.ingest(paths: [IngestSupport.corpus.path])
        var random = SeededRandom(seed: seed)
        let one = IngestSupport.ingestor()
        let order = seed == 4 ? IngestSupport.corpusFiles.reversed() : IngestSupport.corpusFiles.shuffled(using: &random)
        for file in order { _ = try one.ingest(paths: [file]) }
        let expected = try IngestSupport.partition(batch.store), got = try IngestSupport.partition(one.store)
        let firstNight = try #require(expected.max { $0.count < $1.count })
        #expect(firstNight.count == 5)
        #expect(got.contains(firstNight), "the first night's five reports form one story in every order")
        let tipped = Set(["graenseposten-estvik-interview.txt", "otkrytaya-reka-velmora-posle-potopa.txt"])
        #expect(Set(got.filter { $0.isDisjoint(with: tipped) }) == Set(expected.filter { $0.isDisjoint(with: tipped) }))
        #expect(IngestSupport.pairs(got).symmetricDifference(IngestSupport.pairs(expected))
            .allSatisfy { Set([$0.a, $0.b]) == tipped }, "only the knife-edge pair may differ")
    }

    /// Issue 12: kill -9 between an article's insert and the replay it owes.
    @Test("a replay a killed run owed is settled when the same ingest runs again")
    func owedReplaySettled() throws {
        let reversed = Array(IngestSupport.corpusFiles.reversed())
        // Reports one by one, latest first: the first replay that moves stories is where the run is killed.
        let dying = DyingStore(dieAt: 1)
        let interrupted = IngestSupport.ingestor(dying)
        var killedAt: Int?
        for (n, file) in reversed.enumerated() where killedAt == nil {
            do { _ = try interrupted.ingest(paths: [file]) } catch is DyingStore.Killed { killedAt = n }
        }
        let n = try #require(killedAt, "some late report moved stories")
        #expect(try !dying.pendingReplays().isEmpty, "the debt was written with the article")
        // The same ingest again: the report is stored already; the replay it owed is settled.
        let again = try interrupted.ingest(paths: [reversed[n]])
        #expect(again.added.isEmpty && again.duplicates.count == 1)
        #expect(try dying.pendingReplays().isEmpty)
        let whole = IngestSupport.ingestor()
        for file in reversed[...n] { _ = try whole.ingest(paths: [file]) }
        #expect(try IngestSupport.partition(dying) == IngestSupport.partition(whole.store),
                "the stories of a run that was not killed")
    }

    @Test("a document stored once is a duplicate the second time, by bytes or by URL")
    func duplicates() throws {
        let ingestor = IngestSupport.ingestor()
        let first = try ingestor.ingest(paths: [IngestSupport.corpus.path])
        #expect(first.added.count == IngestSupport.corpusFiles.count)
        let again = try ingestor.ingest(paths: [IngestSupport.corpus.path])
        #expect(again.added.isEmpty && again.revised.isEmpty)
        #expect(again.duplicates.count == IngestSupport.corpusFiles.count)
        #expect(again.refreshed.isEmpty, "nothing new, nothing recomputed")
        // The same page under its URL with tracking parameters and other bytes around the same text.
        let folder = IngestSupport.folder()
        let page = { (extra: String) in """
            <html><head><title>Harbour news</title><link rel="canonical" href="https://news.example/velmora?utm_source=x\(extra)"></head>
            <body><article><h1>Velmora counts the cost</h1><p>The dam at Tarnava burst on Monday night and thousands fled the town of Velmora, officials said.</p></article></body></html>
            """ }
        try page("").write(to: folder.appendingPathComponent("a.html"), atomically: true, encoding: .utf8)
        try page("&utm_medium=y").write(to: folder.appendingPathComponent("b.html"), atomically: true, encoding: .utf8)
        let report = try ingestor.ingest(paths: [folder.path])
        #expect(report.added.count == 1)
        #expect(report.duplicates.count == 1, "the same URL (tracking parameters dropped) with the same text")
    }

    @Test("a changed page is kept as a new revision; the same text under two outlets is two articles")
    func revisionsAndSyndication() throws {
        let ingestor = IngestSupport.ingestor()
        let folder = IngestSupport.folder()
        let file = folder.appendingPathComponent("velmora.txt")
        try "Dam bursts at Tarnava\n\nThousands fled Velmora on Monday night after the Tarnava dam burst, officials said.\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let first = try ingestor.ingest(paths: [file.path])
        try "Dam bursts at Tarnava\n\nAbout 12,000 people fled Velmora on Monday night after the Tarnava dam burst, officials said.\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let second = try ingestor.ingest(paths: [file.path])
        #expect(second.added.isEmpty && second.revised == first.added)
        let revisions = try ingestor.store.revisions(of: first.added[0])
        #expect(revisions.count == 2)
        #expect(ParagraphDiff.lines(from: revisions[0].article.paragraphs, to: revisions[1].article.paragraphs)
            .contains { $0.hasPrefix("+ About 12,000") })
        #expect(second.refreshed.count == 1, "the revised article's story is recomputed")
        // The same file name reused for another article altogether: a new article, not a revision.
        try "Harbour strike ends\n\nDock workers in Orvik voted on Friday to end their strike after nine days.\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let third = try ingestor.ingest(paths: [file.path])
        #expect(third.added.count == 1 && third.revised.isEmpty)
        #expect(try ingestor.store.revisions(of: first.added[0]).count == 2)
        // One wire text, two outlets: two JSON records.
        let text = "The Tarnava dam burst on Monday night, forcing thousands to flee Velmora, the NorPress agency reported."
        let records = """
            [{"text": "\(text)", "title": "Dam bursts", "outlet": "Harbour Courier", "url": "https://courier.example/dam"},
             {"text": "\(text)", "title": "Dam bursts", "outlet": "Meridian Daily", "url": "https://meridian.example/dam"}]
            """
        try records.write(to: folder.appendingPathComponent("wire.json"), atomically: true, encoding: .utf8)
        let wire = try ingestor.ingest(paths: [folder.appendingPathComponent("wire.json").path])
        #expect(wire.added.count == 2)
    }

    @Test("reanalyze --stale recomputes exactly the articles of an older stage version and their stories")
    func staleReanalysis() throws {
        let ingestor = IngestSupport.ingestor()
        let report = try ingestor.ingest(paths: [IngestSupport.corpus.path])
        #expect(try ingestor.reanalyzeStale().articles.isEmpty, "nothing is stale after a fresh ingest")
        let id = report.added[0]
        var old = try #require(try ingestor.store.article(id: id)).article
        old.stages = old.stages.map { $0.name == "claims.rules" ? StageID("claims.rules", 0) : $0 }
        old.claims = []
        try ingestor.store.replaceAnalysis(of: id, with: old, member: nil)
        _ = try ingestor.refresh()
        let story = try #require(try ingestor.store.article(id: id)?.story)
        let result = try ingestor.reanalyzeStale()
        #expect(result.articles == [id])
        #expect(result.stories == [story])
        #expect(try ingestor.store.article(id: id)?.article.claims.isEmpty == false)
    }
}

/// An in-memory store that counts its regroups and fails the `dieAt`-th, as a process killed between an article
/// and its replay would.
final class DyingStore: InMemoryStore, @unchecked Sendable {
    // Invariant: used by one test at a time, from one thread (the suite is serialized; ingest writes serially).
    struct Killed: Error {}
    let dieAt: Int?
    private(set) var regroups = 0

    init(dieAt: Int?) {
        self.dieAt = dieAt
        super.init()
    }

    override func regroup(_ groups: [StoryGroup], replacing: [Int]) throws -> [Int] {
        regroups += 1
        if regroups == dieAt { throw Killed() }
        return try super.regroup(groups, replacing: replacing)
    }
}
