import ArgumentParser
import Foundation
import ParallaxAnalysis
import ParallaxModel
import ParallaxReport

/// `parallax extract PATH…`: one record per document.
struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract clean, analysed articles from HTML pages, text dumps and JSON/JSONL records.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, json, text }

    @Argument(help: "Files or folders (read recursively).")
    var paths: [String]

    @Option(help: "Output format: jsonl (default when piped), json, or text (default in a terminal).")
    var format: Format?

    @Option(name: .shortAndLong, help: "Write records to this file instead of standard output.")
    var output: String?

    @OptionGroup var limits: TimeoutOption

    @Option(help: "Worker threads (default: all cores).")
    var jobs: Int?

    @Flag(help: "For HTML pages: print why each block of text was kept or dropped, instead of records.")
    var explain = false

    @Flag(name: .customLong("text-only"),
          help: "Clean text, metadata and sentences only: no dates, figures, mentions, claims or persuasion (faster).")
    var textOnly = false

    func run() throws {
        if explain { return try Explain.run(paths: paths) }
        let pipeline = ArticlePipeline.standard(configuration: limits.configuration, reading: !textOnly)
        for warning in pipeline.setupWarnings { Terminal.warn(warning) }
        var batch = Batch(pipeline: pipeline)
        batch.reader = .standard
        if let jobs { batch.jobs = max(1, jobs) }
        let (files, missing) = batch.reader.files(in: paths)
        for failure in missing { Terminal.report(failure) }
        guard !files.isEmpty else {
            Terminal.warn("no input documents found in \(paths.joined(separator: " "))")
            throw ExitCode(2)
        }
        let sink = try OutputSink(path: output, inputs: files)
        let chosen = format ?? (output == nil && Terminal.isTTY(stdout: true) ? .text : .jsonl)
        let progress = ProgressBar(total: files.count, label: "extract")
        let tally = Tally()
        if chosen == .json { sink.write("[\n") }
        batch.run(files: files, progress: { progress.update($0) }) { outcomes in
            for outcome in outcomes {
                switch outcome {
                case .failure(let error):
                    tally.fail()
                    progress.clearLine()
                    Terminal.report(error)
                case .article(let article):
                    let first = tally.succeed()
                    switch chosen {
                    case .jsonl: sink.write(ArticleRendering.jsonLine(article) + "\n")
                    case .json: sink.write((first ? "" : ",\n") + ArticleRendering.jsonLine(article))
                    case .text: sink.write(ArticleRendering.text(article) + "\n\n")
                    }
                }
            }
        }
        if chosen == .json { sink.write("\n]\n") }
        progress.finish()
        try sink.close()
        let (done, failed) = tally.counts
        if let output { Terminal.note("wrote \(done) records to \(output)") }
        if failed > 0 || !missing.isEmpty {
            Terminal.note("\(failed + missing.count) of \(done + failed + missing.count) inputs failed")
            throw ExitCode(1)
        }
    }
}

/// `parallax extract --explain`: the extractor's reasons, block by block.
enum Explain {
    static func run(paths: [String]) throws {
        let pipeline = ArticlePipeline.standard()
        let reader = DocumentReader()
        for file in reader.files(in: paths).files {
            for read in try reader.read(file) {
                guard case .success(let document) = read else {
                    if case .failure(let error) = read { Terminal.report(error) }
                    continue
                }
                guard document.format == .html, case .bytes(let bytes) = document.content else { continue }
                let text = try pipeline.decoder.decode(bytes, markup: true, source: file).text
                print(ControlCharacters.escaped("━━ \(file)"))
                _ = try pipeline.htmlExtractor.extract(text, source: file, deadline: .none) {
                    print("   " + ControlCharacters.escaped($0))
                }
            }
        }
    }
}
