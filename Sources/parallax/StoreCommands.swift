import ArgumentParser
import Foundation
import ParallaxAnalysis
import ParallaxIngest
import ParallaxModel
import ParallaxReport
import ParallaxSQLite
import ParallaxStore

/// `--store S`: the SQLite file a command works on.
struct StoreOptions: ParsableArguments {
    @Option(help: "The store: a SQLite file (default: $PARALLAX_STORE, else parallax.db in the current folder).")
    var store: String?

    var path: String { store ?? ProcessInfo.processInfo.environment["PARALLAX_STORE"] ?? "parallax.db" }

    /// The store's files, which no output may replace.
    var files: [String] { [path, path + "-wal", path + "-shm", path + ".writer"] }

    /// The store to write, created when missing, with its writer lock held.
    func openForWriting() throws -> SQLiteStore {
        let store = try SQLiteStore(path: path)
        try store.writerLock(timeout: 600) { Terminal.note($0) }
        return store
    }

    /// The store to read; it must exist.
    func openForReading() throws -> SQLiteStore {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ParallaxError(.storeUnavailable, "no store here: run `parallax ingest PATH… --store \(path)` first",
                                source: path)
        }
        return try SQLiteStore(path: path)
    }
}

/// `parallax ingest PATH…`: new documents into the store; only the stories they touch are recomputed.
struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add documents to the store: each new report joins a story or starts one, and only the stories it touched are recomputed.")

    @Argument(help: "Files or folders (read recursively).")
    var paths: [String]

    @OptionGroup var options: StoreOptions

    @OptionGroup var limits: TimeoutOption

    func run() throws {
        let store = try options.openForWriting()
        let ingestor = Ingestion.ingestor(store: store, limits: limits)
        let report = try Ingestion.run(ingestor, paths: paths)
        let stats = try store.stats()
        let count = Terminal.count
        Terminal.note("\(report.added.count) new, \(report.revised.count) revised, \(report.duplicates.count) "
            + "already stored; \(count(report.refreshed.count, "story", "stories")) updated; the store holds "
            + "\(count(stats.articles, "article", "articles")) in \(count(stats.stories, "story", "stories")) (\(options.path))")
        try Ingestion.exit(report)
    }
}

/// `parallax stories`: the stories, newest activity first.
struct Stories: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the stored stories, newest activity first.")

    @OptionGroup var options: StoreOptions

    @Option(help: "Only stories with a report published (or a change) on or after this day (YYYY-MM-DD).")
    var since: String?

    @Option(help: "text (default in a terminal) or json.")
    var format: ListFormat?

    enum ListFormat: String, ExpressibleByArgument { case text, json }

    func run() throws {
        let stories = try options.openForReading().stories(since: since)
        switch format ?? (Terminal.isTTY(stdout: true) ? .text : .json) {
        case .json: print(try JSONText.encode(stories))
        case .text:
            let count = { (n: Int, noun: String) in Terminal.count(n, noun) }
            for s in stories {
                let counts = [count(s.articles, "report"), count(s.outlets, "outlet"),
                              count(s.origins, "independent origin")].joined(separator: ", ")
                print("\(s.id.padding(toLength: 6, withPad: " ", startingAt: 0)) \(s.lastPublished ?? "          ")  "
                    + "\(ControlCharacters.escaped(s.title))\(s.current ? "" : "  (dossier being updated)")\n"
                    + "       \(counts); \(s.languages.joined(separator: ", "))"
                    + (s.claims > 0 ? "; \(count(s.claims, "claim")), \(s.corroborated) corroborated" : ""))
            }
            if stories.isEmpty { Terminal.note("no stories") }
        }
    }
}

/// `parallax story ID`: one story's dossier.
struct StoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "story", abstract: "Show one stored story's dossier.")

    @Argument(help: "The story's id, as `stories` lists it (s12).")
    var id: String

    @OptionGroup var options: StoreOptions

    @Option(help: "text (default in a terminal), json, markdown or html.")
    var format: StoryFormat?

    @Option(name: .shortAndLong, help: "Write the result to this file instead of standard output.")
    var output: String?

    func run() throws {
        let store = try options.openForReading()
        let sink = try OutputSink(path: output, inputs: options.files)
        guard let number = StoryName.id(id), let (story, articles) = try store.story(number) else {
            throw ParallaxError(.notFound, "no story \(id) with a dossier in the store (see `parallax stories`)",
                                source: options.path)
        }
        let document = StoryRendering.Document(story: story, articles: articles.count)
        try StoryOutput.write(document, articles: articles, format: format, to: sink)
    }
}

/// `parallax export`: every story with its dossier, the document `analyze --format json` writes.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write every stored story with its dossier (the same document analyze writes).")

    @OptionGroup var options: StoreOptions

    @Option(help: "json (default), markdown or html.")
    var format: StoryFormat = .json

    @Option(name: .shortAndLong, help: "Write the result to this file instead of standard output.")
    var output: String?

    func run() throws {
        let store = try options.openForReading()
        let sink = try OutputSink(path: output, inputs: options.files)
        let (document, articles) = try Export.document(store)
        try StoryOutput.write(document, articles: articles, format: format, to: sink)
    }
}

/// `parallax stats`: what the store holds.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Count what the store holds.")

    @OptionGroup var options: StoreOptions

    @Option(help: "text (default in a terminal) or json.")
    var format: Stories.ListFormat?

    func run() throws {
        let stats = try options.openForReading().stats()
        switch format ?? (Terminal.isTTY(stdout: true) ? .text : .json) {
        case .json: print(try JSONText.encode(stats))
        case .text:
            print("articles \(stats.articles) (\(stats.revisions) revisions), stories \(stats.stories) "
                + "(\(stats.dirtyStories) awaiting their dossier), vectors \(stats.vectors), "
                + "\((stats.bytes ?? 0) / 1024) KiB")
        }
    }
}

/// `parallax reanalyze --stale`: what an upgraded stage made stale, and nothing else.
struct Reanalyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Recompute what an upgraded analysis stage made stale (articles and dossiers), and nothing else.")

    @OptionGroup var options: StoreOptions

    @Flag(help: "Recompute stale results (required: say what you want redone).")
    var stale = false

    @OptionGroup var limits: TimeoutOption

    func run() throws {
        guard stale else { throw ValidationError("say what to recompute: --stale") }
        let ingestor = Ingestion.ingestor(store: try options.openForWriting(), limits: limits)
        let result = try ingestor.reanalyzeStale()
        for failure in result.failures { Terminal.report(failure) }
        Terminal.note("\(result.articles.count) articles analysed again, \(result.stories.count) dossiers recomputed")
    }
}

/// `parallax revisions ARTICLE`: what changed between an article's versions.
struct Revisions: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List an article's revisions and what changed between them.")

    @Argument(help: "The article: its URL, the file (or `file#line`) it was read from, or its number in the store.")
    var article: String

    @OptionGroup var options: StoreOptions

    func run() throws {
        let store = try options.openForReading()
        let byURL = try DocumentIdentity.canonicalURL(article).flatMap { try store.article(url: $0)?.id }
        guard let id = try byURL ?? store.article(source: article)?.id ?? Int(article)
        else { throw ParallaxError(.notFound, "no article \(article) in the store", source: options.path) }
        let revisions = try store.revisions(of: id)
        guard !revisions.isEmpty else { throw ParallaxError(.notFound, "no article \(article) in the store", source: options.path) }
        for (r, lines) in ParagraphDiff.changes(revisions) {
            print("revision \(r.revision)  \(r.ingested)  \(ControlCharacters.escaped(r.article.title ?? r.article.source))")
            for line in lines { print("   " + ControlCharacters.escaped(line)) }
        }
    }
}

/// JSON as the commands print it.
enum JSONText {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
