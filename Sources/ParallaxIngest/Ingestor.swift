import Foundation
import ParallaxAnalysis
import ParallaxModel
import ParallaxStore

/// The incremental driver: documents → articles → story assignment → dossiers, through a store. `parallax
/// ingest` runs it on a SQLite store, `parallax analyze` on an in-memory one (then exports), and the feed poller
/// and workers on whatever store they are given.
///
/// Per chunk of documents: 1. read them, 2. drop those whose bytes the store already has, 3. analyse the rest on
/// all cores, 4. tell new articles from new revisions of stored ones (same canonical URL, or same source when there
/// is no URL), 5. place new articles in stories in event-time order against the stories the store has in their
/// time window, each article written in one transaction. Then 6. recompute the dossier of each story that
/// changed, once per story however many reports it received.
public struct Ingestor: Sendable {
    public var articles: ArticlePipeline
    public var stories: StoryPipeline
    public let store: any Store
    public var reader = DocumentReader()
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// Documents read, analysed and placed together: 1,000 keeps a folder of a day's news one batch (the same
    /// stories as `analyze` on it) and memory bounded on larger folders.
    public var chunkSize = 1000
    /// How close (below the joining threshold) a story must come to a late report to be re-formed with it: 0.10,
    /// the margin between dated and undated thresholds (on the example corpus every arrival order then gives the
    /// batch's stories).
    public var replayMargin: Float = 0.10
    /// Told, for each article placed, its score against the closest stories and why (`analyze --explain`).
    public var explain: (@Sendable (String) -> Void)?

    public init(articles: ArticlePipeline, stories: StoryPipeline, store: any Store) {
        self.articles = articles
        self.stories = stories
        self.store = store
    }

    /// What one run did.
    public struct Report: Sendable {
        public var added: [Int] = []
        public var revised: [Int] = []
        /// Documents already stored: their source and what they duplicate (`article 12`, or the source of an
        /// identical document earlier in the same run).
        public var duplicates: [(source: String, of: String)] = []
        public var failures: [ParallaxError] = []
        /// Documents stored from their stand-in (see `ingest(documents:fallbacks:…)`), by source.
        public var substituted: [String] = []
        /// Stories whose dossier was recomputed.
        public var refreshed: [Int] = []
        public var documents = 0
        public init() {}
    }

    /// Runs ingest work in this process one at a time (a poller and an upload in one server take turns): story
    /// placement reads and writes the clustering state, so two batches at once could both miss each other.
    public static func serially<T>(_ work: () throws -> T) rethrows -> T {
        lane.lock()
        defer { lane.unlock() }
        return try work()
    }

    private static let lane = NSRecursiveLock()

    /// The steps progress is reported for.
    public enum Step: String, Sendable { case read, embed, compare }

    public typealias Progress = @Sendable (Step, Int, Int) -> Void

    /// Ingests files and folders (read as `extract` reads them), then brings every changed story's dossier up to
    /// date.
    public func ingest(paths: [String], progress: @escaping Progress = { _, _, _ in }) throws -> Report {
        var report = Report()
        let (files, missing) = reader.files(in: paths)
        report.failures += missing
        for start in stride(from: 0, to: files.count, by: chunkSize) {
            let chunk = Array(files[start..<min(start + chunkSize, files.count)])
            var documents: [RawDocument] = []
            for file in chunk {
                do {
                    for read in try reader.read(file) {
                        switch read {
                        case .success(let document): documents.append(document)
                        case .failure(let error): report.failures.append(error)
                        }
                    }
                } catch let error as ParallaxError {
                    report.failures.append(error)
                } catch {
                    report.failures.append(ParallaxError(.unreadable, "\(error)", source: file))
                }
            }
            let total = files.count
            try ingest(documents: documents, into: &report,
                       progress: { done in progress(.read, min(total, start + done), total) }, embedProgress: progress)
        }
        report.refreshed = try refresh(progress: progress)
        return report
    }

    /// Ingests documents already read (from files, feeds or a request), without refreshing dossiers.
    ///
    /// `fallbacks` (by document source) are stand-ins to use when a document yields no article or a thinner one
    /// than its stand-in: a feed item's own text when its page is a paywall or a consent wall.
    public func ingest(documents: [RawDocument], fallbacks: [String: RawDocument] = [:], into report: inout Report,
                       progress: @escaping @Sendable (Int) -> Void = { _ in },
                       embedProgress: Progress = { _, _, _ in }) throws {
        report.documents += documents.count
        // 1–2. Documents whose bytes are stored (or seen earlier in this batch) are duplicates.
        var fresh: [(document: RawDocument, hash: String)] = []
        var seen: [String: String] = [:]
        for document in documents {
            let hash = DocumentIdentity.contentHash(document)
            if let id = try store.article(contentHash: hash) {
                report.duplicates.append((document.source, "article \(id)"))
            } else if let first = seen[hash] {
                report.duplicates.append((document.source, first))
            } else {
                seen[hash] = document.source
                fresh.append((document, hash))
            }
        }
        // 3. Analysis, on all cores; stand-ins where a document gave nothing better.
        var outcomes = analyse(fresh.map(\.document), progress: progress)
        if !fallbacks.isEmpty {
            let thin = fresh.indices.filter { i in
                guard let fallback = fallbacks[fresh[i].document.source] else { return false }
                switch outcomes[i] {
                case .failure: return true
                case .success(let article): return article.text.count * 2 < Self.length(of: fallback)
                }
            }
            let replacements = analyse(thin.map { fallbacks[fresh[$0].document.source]! })
            for (i, outcome) in zip(thin, replacements) {
                guard case .success = outcome else { continue }
                outcomes[i] = outcome
                fresh[i].document = fallbacks[fresh[i].document.source]!
                fresh[i].hash = DocumentIdentity.contentHash(fresh[i].document)
                report.substituted.append(fresh[i].document.source)
            }
        }
        // 4. New articles, new revisions and duplicates by URL or source.
        var new: [NewArticle] = []
        var later: [NewArticle] = []
        var claimed = Set<String>()
        for (item, outcome) in zip(fresh, outcomes) {
            switch outcome {
            case .failure(let error): report.failures.append(error)
            case .success(let article):
                let url = DocumentIdentity.canonicalURL(item.document.given.url)
                    ?? DocumentIdentity.canonicalURL(article.url)
                let candidate = NewArticle(article: article, document: StoredDocument(item.document),
                                           contentHash: item.hash, url: url, member: nil)
                let identity = url ?? "source:" + article.source
                if !claimed.insert(identity).inserted {
                    later.append(candidate)
                } else if let stored = try stored(candidate) {
                    try revise(stored, with: candidate, report: &report)
                } else {
                    new.append(candidate)
                }
            }
        }
        // 5. Story assignment.
        report.added += try place(new, progress: embedProgress)
        for candidate in later {
            if let stored = try stored(candidate) {
                try revise(stored, with: candidate, report: &report)
            } else {
                report.added += try place([candidate], progress: embedProgress)
            }
        }
    }

    /// The stored article a document is a version of: the one with its canonical URL; without a URL, the last one
    /// from its source (path, or `path#line`) when it is recognisably the same article — the same title, or half
    /// of its paragraphs — since a reused file name or a moved JSON line may hold another text altogether.
    func stored(_ candidate: NewArticle) throws -> StoredArticle? {
        if let url = candidate.url { return try store.article(url: url) }
        guard let stored = try store.article(source: candidate.article.source) else { return nil }
        let (a, b) = (stored.article, candidate.article)
        if let title = a.title, !title.isEmpty, title == b.title { return stored }
        let shared = Set(a.paragraphs).intersection(b.paragraphs).count
        return shared * 2 >= min(a.paragraphs.count, b.paragraphs.count) && shared > 0 ? stored : nil
    }

    /// A stored article seen again: a new revision when its text changed, else a duplicate of it.
    private func revise(_ stored: StoredArticle, with candidate: NewArticle, report: inout Report) throws {
        if stored.article.text == candidate.article.text && stored.article.title == candidate.article.title {
            try store.addAlias(contentHash: candidate.contentHash, of: stored.id)
            report.duplicates.append((candidate.article.source, "article \(stored.id)"))
        } else {
            try store.addRevision(of: stored.id, candidate)
            report.revised.append(stored.id)
        }
    }

    /// The length of a stand-in's text (markup counted too: a rough measure, enough to compare).
    static func length(of document: RawDocument) -> Int {
        switch document.content {
        case .string(let text): return text.count
        case .bytes(let bytes): return bytes.count
        }
    }

    /// Each document analysed, in order, on `jobs` threads.
    func analyse(_ documents: [RawDocument],
                 progress: @escaping @Sendable (Int) -> Void = { _ in }) -> [Result<Article, ParallaxError>] {
        var batch = Batch(pipeline: articles)
        batch.jobs = jobs
        return batch.run(documents: documents, progress: progress).map { outcome in
            switch outcome {
            case .article(let a): return .success(a)
            case .failure(let e): return .failure(e)
            }
        }
    }
}
