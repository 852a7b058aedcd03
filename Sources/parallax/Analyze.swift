import ArgumentParser
import Foundation
import ParallaxAnalysis
import ParallaxModel

/// `parallax analyze PATH…`: reads every document, groups them into stories and shows who reused whom.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Group reports into stories (across languages) and trace copies, rewrites and translations.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown, html }

    @Argument(help: "Files or folders (read recursively).")
    var paths: [String]

    @Option(help: "Output format: text (default in a terminal), json (default when piped), markdown, or html (a self-contained report page).")
    var format: Format?

    @Option(name: .shortAndLong, help: "Write the result to this file instead of standard output.")
    var output: String?

    @Option(help: "Seconds one document may take before it is skipped.")
    var timeout: Double = 10

    @Flag(help: "Print, for each article in turn, its score against the closest stories and why.")
    var explain = false

    func run() throws {
        var configuration = ArticlePipeline.Configuration()
        configuration.timeoutSeconds = timeout
        let (pipeline, stories) = Pipelines.standard(configuration: configuration)
        let warnings = pipeline.setupWarnings + stories.setupWarnings
        let batch = Batch(pipeline: pipeline)
        let (files, missing) = batch.reader.files(in: paths)
        for failure in missing { Terminal.report(failure) }
        guard !files.isEmpty else {
            Terminal.warn("no input documents found in \(paths.joined(separator: " "))")
            throw ExitCode(2)
        }
        let collected = Collected()
        let reading = ProgressBar(total: files.count, label: "read ")
        batch.run(files: files, progress: { reading.update($0) }) { outcomes in
            for outcome in outcomes { collected.add(outcome) }
        }
        reading.finish()
        for failure in collected.failures { Terminal.report(failure) }
        let embedding = ProgressBar(total: collected.articles.count, label: "embed")
        let grouped = stories.run(collected.articles, explain: explain ? { Terminal.write($0 + "\n") } : nil) { done, _ in embedding.update(done) }
        embedding.finish()
        let comparing = ProgressBar(total: grouped.count, label: "compare")
        var result: [Story] = []
        var articles = collected.articles
        let index = Dictionary(articles.indices.map { (articles[$0].source, $0) }, uniquingKeysWith: { a, _ in a })
        for story in grouped {
            let (dated, redated) = StoryDating.date(story, articles: articles, reader: pipeline)
            for a in redated { if let i = index[a.source] { articles[i] = a } }
            result.append(stories.dossier(dated, articles: articles))
            comparing.update(result.count)
        }
        comparing.finish()
        let sink = try OutputSink(path: output)
        let document = StoryRendering.Document(
            stories: result, articles: collected.articles.count,
            failures: (missing + collected.failures).map(\.description), warnings: warnings)
        switch format ?? (output == nil && Terminal.isTTY(stdout: true) ? .text : .json) {
        case .text: sink.write(StoryRendering.text(result) + "\n")
        case .json: sink.write(StoryRendering.json(document) + "\n")
        case .markdown: sink.write(DossierReport.markdown(document, articles: articles))
        case .html: sink.write(DossierReport.html(document, articles: articles))
        }
        sink.close()
        if let output { Terminal.note("wrote \(result.count) \(result.count == 1 ? "story" : "stories") to \(output)") }
        if !collected.failures.isEmpty || !missing.isEmpty {
            Terminal.note("\(collected.failures.count + missing.count) of \(files.count + missing.count) inputs failed")
            throw ExitCode(1)
        }
    }
}

/// Articles and failures gathered from the batch's serial emit callback.
private final class Collected: @unchecked Sendable {
    // Invariant: mutated only from Batch's serial emit callback, read after the batch.
    private(set) var articles: [Article] = []
    private(set) var failures: [ParallaxError] = []

    func add(_ outcome: Batch.Outcome) {
        switch outcome {
        case .article(let a): articles.append(a)
        case .failure(let e): failures.append(e)
        }
    }
}
