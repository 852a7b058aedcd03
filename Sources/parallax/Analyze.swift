import ArgumentParser
import Foundation
import ParallaxAnalysis
import ParallaxIngest
import ParallaxModel
import ParallaxReport
import ParallaxStore

/// `parallax analyze PATH…`: ingests the documents into a store held in memory, then exports its stories — the
/// one-shot form of `ingest` followed by `export`, through the same code.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Group reports into stories (across languages) and trace copies, rewrites and translations.")

    @Argument(help: "Files or folders (read recursively).")
    var paths: [String]

    @Option(help: "Output format: text (default in a terminal), json (default when piped), markdown, or html (a self-contained report page).")
    var format: StoryFormat?

    @Option(name: .shortAndLong, help: "Write the result to this file instead of standard output.")
    var output: String?

    @OptionGroup var limits: TimeoutOption

    @Flag(help: "Print, for each article in turn, its score against the closest stories and why.")
    var explain = false

    func run() throws {
        let sink = try OutputSink(path: output, inputs: output == nil ? [] : DocumentReader.standard.files(in: paths).files)
        var ingestor = Ingestion.ingestor(store: InMemoryStore(), limits: limits)
        if explain { ingestor.explain = { Terminal.write($0 + "\n") } }
        let report = try Ingestion.run(ingestor, paths: paths)
        let (document, articles) = try Export.document(
            ingestor.store, failures: report.failures.map(\.description),
            warnings: ingestor.articles.setupWarnings + ingestor.stories.setupWarnings)
        try StoryOutput.write(document, articles: articles, format: format, to: sink)
        try Ingestion.exit(report)
    }
}

/// The output formats of a story document, and where it goes.
enum StoryFormat: String, ExpressibleByArgument, CaseIterable { case text, json, markdown, html }

enum StoryOutput {
    static func write(_ document: StoryRendering.Document, articles: [Article], format: StoryFormat?,
                      to sink: OutputSink) throws {
        switch format ?? (sink.path == nil && Terminal.isTTY(stdout: true) ? .text : .json) {
        case .text: sink.write(StoryRendering.text(document.stories) + "\n")
        case .json: sink.write(StoryRendering.json(document) + "\n")
        case .markdown: sink.write(DossierReport.markdown(document, articles: articles))
        case .html: sink.write(DossierReport.html(document, articles: articles))
        }
        try sink.close()
        let count = document.stories.count
        if let output = sink.path { Terminal.note("wrote \(count) \(count == 1 ? "story" : "stories") to \(output)") }
    }
}

/// Ingesting as the commands do it: pipelines with their warnings said once, progress bars on a terminal.
enum Ingestion {
    /// `limits` must be a parsed option group (an unparsed one cannot be read).
    static func ingestor(store: any Store, limits: TimeoutOption) -> Ingestor {
        let (articles, stories) = Pipelines.standard(configuration: limits.configuration)
        var ingestor = Ingestor(articles: articles, stories: stories, store: store)
        ingestor.reader = .standard
        return ingestor
    }

    /// Ingests the paths with progress bars; failures are named on stderr as they are known.
    static func run(_ ingestor: Ingestor, paths: [String]) throws -> Ingestor.Report {
        let bars = Bars()
        let report = try ingestor.ingest(paths: paths) { step, done, total in bars.update(step, done, total) }
        bars.finish()
        for failure in report.failures { Terminal.report(failure) }
        if report.documents == 0 && report.failures.isEmpty {
            Terminal.warn("no input documents found in \(paths.joined(separator: " "))")
            throw ExitCode(2)
        }
        return report
    }

    /// Exit status 1 when some inputs failed (each was named), 2 when none could be read.
    static func exit(_ report: Ingestor.Report) throws {
        guard !report.failures.isEmpty else { return }
        Terminal.note("\(report.failures.count) of \(report.documents + report.failures.count) inputs failed")
        throw ExitCode(report.documents == 0 ? 2 : 1)
    }
}

/// One progress bar per step, on stderr when it is a terminal.
private final class Bars: @unchecked Sendable {
    // Invariant: `current` is only touched while holding `lock`.
    private let lock = NSLock()
    private var current: (step: Ingestor.Step, bar: ProgressBar)?

    func update(_ step: Ingestor.Step, _ done: Int, _ total: Int) {
        lock.lock()
        defer { lock.unlock() }
        if current?.step != step {
            current?.bar.finish()
            current = (step, ProgressBar(total: total, label: step.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)))
        }
        current?.bar.update(done)
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        current?.bar.finish()
        current = nil
    }
}
