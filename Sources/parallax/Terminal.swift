import Foundation
import ParallaxAnalysis
import ParallaxModel

#if canImport(Glibc)
import Glibc
#endif

/// Messages for people on standard error, and whether a stream is a terminal.
enum Terminal {
    static func isTTY(stdout: Bool) -> Bool { isatty(stdout ? 1 : 2) == 1 }

    static func report(_ error: ParallaxError) { write("parallax: \(error)\n") }
    static func warn(_ message: String) { write("parallax: warning: \(message)\n") }
    static func note(_ message: String) { write("parallax: \(message)\n") }

    static func write(_ s: String) {
        FileHandle.standardError.write(Data(s.utf8))
    }
}

/// The article and story pipelines as every story command builds them, their set-up warnings said once.
enum Pipelines {
    static func standard(configuration: ArticlePipeline.Configuration = .init()) -> (ArticlePipeline, StoryPipeline) {
        let articles = ArticlePipeline.standard(configuration: configuration)
        let stories = StoryPipeline.standard()
        for warning in articles.setupWarnings + stories.setupWarnings { Terminal.warn(warning) }
        return (articles, stories)
    }
}

/// Where records go: standard output or a file.
final class OutputSink: @unchecked Sendable {
    // Invariant: only called from Batch's serial emit callback, or before/after the batch.
    private let handle: FileHandle
    private let path: String?

    init(path: String?) throws {
        self.path = path
        if let path {
            guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path)
            else { throw ParallaxError(.unreadable, "cannot write the output file", source: path) }
            handle = h
        } else {
            handle = FileHandle.standardOutput
        }
    }

    func write(_ s: String) { handle.write(Data(s.utf8)) }
    func close() { if path != nil { try? handle.close() } }
}

/// Counts of successes and failures across the batch.
final class Tally: @unchecked Sendable {
    // Invariant: mutated only from Batch's serial emit callback.
    private var done = 0
    private var failed = 0

    /// Records a success; true for the first one.
    func succeed() -> Bool { done += 1; return done == 1 }
    func fail() { failed += 1 }
    var counts: (Int, Int) { (done, failed) }
}

/// A progress bar on standard error, shown only in a terminal and only for runs long enough to need it.
final class ProgressBar: @unchecked Sendable {
    // Invariant: `update` is called from Batch's serial progress callback only.
    private let total: Int
    private let label: String
    private let enabled: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast

    init(total: Int, label: String) {
        self.total = total
        self.label = label
        enabled = Terminal.isTTY(stdout: false) && total >= 20
    }

    func update(_ done: Int) {
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.1 || done == total else { return }
        lastDraw = Date()
        let width = 30
        let filled = total == 0 ? width : done * width / total
        let rate = Double(done) / max(0.001, Date().timeIntervalSince(start))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        Terminal.write("\r\(label) \(bar) \(done)/\(total)  \(Int(rate))/s ")
    }

    func clearLine() { if enabled { Terminal.write("\r\u{1B}[K") } }
    func finish() { if enabled { Terminal.write("\r\u{1B}[K") } }
}
