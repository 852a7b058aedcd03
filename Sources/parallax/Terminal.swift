import ArgumentParser
import Foundation
import ParallaxAnalysis
import ParallaxFeeds
import ParallaxModel

#if canImport(Glibc)
import Glibc
#endif

/// Messages for people on standard error, and whether a stream is a terminal.
enum Terminal {
    static func isTTY(stdout: Bool) -> Bool { isatty(stdout ? 1 : 2) == 1 }

    /// "1 story", "2 stories"; "1 feed", "3 feeds" (the plural is the noun + "s" unless given).
    static func count(_ n: Int, _ one: String, _ many: String? = nil) -> String { "\(n) \(n == 1 ? one : many ?? one + "s")" }

    static func report(_ error: ParallaxError) { write("parallax: \(error)\n") }
    static func warn(_ message: String) { write("parallax: warning: \(message)\n") }
    static func note(_ message: String) { write("parallax: \(message)\n") }

    /// Writes a message; control characters in it (from a file name, a title) are shown, never acted on.
    static func write(_ s: String) { writeRaw(ControlCharacters.escaped(s)) }

    /// Writes Parallax's own terminal sequences (the progress bar's).
    static func writeRaw(_ s: String) {
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

extension DocumentReader {
    /// The reader every command uses: saved feeds read as a document per item (ParallaxFeeds).
    static var standard: DocumentReader {
        var reader = DocumentReader()
        reader.feeds = { try FeedDocuments.read($0, source: $1) }
        return reader
    }
}

/// `--timeout S`: the seconds one document may take; a positive, finite number.
struct TimeoutOption: ParsableArguments {
    @Option(help: "Seconds one document may take before it is skipped (more than 0, at most 86400).")
    var timeout: Double = 10

    func validate() throws {
        guard timeout.isFinite, timeout > 0, timeout <= 86_400 else {
            throw ValidationError("--timeout must be a number of seconds above 0 and at most 86400, not \(timeout)")
        }
    }

    var configuration: ArticlePipeline.Configuration {
        var configuration = ArticlePipeline.Configuration()
        configuration.timeoutSeconds = timeout
        return configuration
    }
}

/// Where records go: standard output, or a file that is replaced whole only when the output is complete —
/// written beside it under a hidden temporary name, flushed to disk, then renamed over it — so that a run that
/// fails or is killed leaves the previous file as it was. A symbolic link is followed (the file it names is
/// replaced, the link kept), an existing file keeps its permissions, and what is not a regular file (a device,
/// a pipe, `/dev/stdout`) is written to directly. An output that is one of the inputs is refused.
final class OutputSink: @unchecked Sendable {
    // Invariant: only called from Batch's serial emit callback, or before/after the batch.
    private let handle: FileHandle
    /// The output file, nil for standard output.
    let path: String?
    /// The temporary file and the file it will replace, while the output is being written.
    private var pending: (temporary: String, target: String)?
    /// The first write that failed (a full disk): the output is then discarded and the failure reported.
    private var failure: Error?
    /// On a terminal, control characters are shown escaped.
    private let escape: Bool

    init(path: String?, inputs: [String] = []) throws {
        self.path = path
        guard let path else {
            handle = FileHandle.standardOutput
            escape = Terminal.isTTY(stdout: true)
            return
        }
        escape = false
        if let input = Self.sameFile(path, among: inputs) {
            throw ParallaxError(.unreadable, "is also an input (\(input)): refusing to overwrite it; choose another output file",
                                source: path)
        }
        func failed(_ what: String) -> ParallaxError {
            ParallaxError(.unreadable, "\(what): \(String(cString: strerror(errno)))", source: path)
        }
        var existing = stat()
        let exists = stat(path, &existing) == 0
        if exists && existing.st_mode & S_IFMT != S_IFREG {
            // A device, a pipe or a terminal: nothing to replace, the output goes straight to it.
            let fd = open(path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw failed("cannot write the output") }
            handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            return
        }
        var target = path
        if exists, let resolved = realpath(path, nil) {
            target = String(cString: resolved)
            free(resolved)
        }
        let url = URL(fileURLWithPath: target)
        var template = Array((url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".parallax-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw failed("cannot write the output file here") }
        // mkstemp makes the file private: a new output gets the usual permissions, a replaced one keeps its own.
        let mask = umask(0)
        umask(mask)
        fchmod(fd, exists ? existing.st_mode & 0o7777 : 0o666 & ~mask)
        pending = (String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self), target)
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    deinit { discard() }

    func write(_ s: String) {
        guard failure == nil else { return }
        do { try handle.write(contentsOf: Data((escape ? ControlCharacters.escaped(s) : s).utf8)) } catch { failure = error }
    }

    /// Completes the output: the file now holds everything written, or the error says why it could not.
    func close() throws {
        guard let path else { return }
        guard let (temporary, target) = pending else {
            try? handle.close()
            if let failure { throw ParallaxError(.unreadable, "cannot write the output: \(failure)", source: path) }
            return
        }
        pending = nil
        do {
            if let failure { throw failure }
            try handle.synchronize()
            try handle.close()
        } catch {
            unlink(temporary)
            throw ParallaxError(.unreadable, "cannot write the output file (the previous one is kept): \(error)", source: path)
        }
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw ParallaxError(.unreadable, "cannot write the output file: \(reason)", source: path)
        }
    }

    /// Drops an unfinished output; the file it would have replaced stays as it was.
    func discard() {
        guard let (temporary, _) = pending else { return }
        pending = nil
        try? handle.close()
        unlink(temporary)
    }

    /// The input that is the same file as `path` (the same path, or the same device and inode), if any.
    static func sameFile(_ path: String, among inputs: [String]) -> String? {
        let absolute = { (p: String) in URL(fileURLWithPath: p).standardizedFileURL.path }
        if let named = inputs.first(where: { absolute($0) == absolute(path) }) { return named }
        var target = stat()
        guard stat(path, &target) == 0 else { return nil }
        for input in inputs {
            var other = stat()
            if stat(InputFiles.systemPath(input), &other) == 0,
               other.st_dev == target.st_dev, other.st_ino == target.st_ino { return input }
        }
        return nil
    }
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
        Terminal.writeRaw("\r\(label) \(bar) \(done)/\(total)  \(Int(rate))/s ")
    }

    func clearLine() { if enabled { Terminal.writeRaw("\r\u{1B}[K") } }
    func finish() { if enabled { Terminal.writeRaw("\r\u{1B}[K") } }
}
