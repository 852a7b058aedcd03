import Foundation
@testable import ParallaxReport
import Testing
import ParallaxModel
@testable import ParallaxAnalysis

/// Opens the dossier in a real headless Chromium (when one is on PATH; `make test` installs it) and checks that the
/// page loads with nothing reported on the console: no script error and no Content-Security-Policy violation.
@Suite("Dossier report in a browser")
struct DossierReportBrowserTests {
    static let chromium = ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap(executable).first

    @Test(.enabled(if: chromium != nil, "no chromium on PATH"), .timeLimit(.minutes(1)))
    func pageLoadsInChromiumWithoutConsoleErrors() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("dossier.html")
        try DossierReport.html(DossierFixture.document, articles: DossierFixture.articles)
            .write(to: page, atomically: true, encoding: .utf8)

        let run = try Self.run(try #require(Self.chromium), [
            "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
            "--user-data-dir=\(dir.appendingPathComponent("profile").path)", "--dump-dom", page.absoluteString,
        ], in: dir)
        #expect(run.status == 0)
        #expect(run.stdout.contains("<span class=\"s claimed\" id=\"s1-a1-s0\">"), "the DOM was dumped")
        #expect(!run.stdout.contains("<script"))
        let problems = run.stderr.split(separator: "\n").map(String.init).filter(Self.isProblem)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    /// Console messages (script errors, CSP violations) and errors, except the environment's noise: a container has
    /// no D-Bus, no GPU and no sandbox, which Chromium logs but which says nothing about the page.
    static func isProblem(_ line: String) -> Bool {
        if line.contains(":CONSOLE") || line.contains("Uncaught") { return true }
        guard line.contains(":ERROR:") else { return false }
        let noise = ["dbus/", "gpu/", "media/gpu/", "components/viz/", "ui/gl/", "sandbox/"]
        return !noise.contains { line.contains(":ERROR:\($0)") }
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs a program to its end; stderr goes through a file so neither pipe can fill up and block the browser.
    static func run(_ executable: String, _ arguments: [String], in dir: URL) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), errFile = dir.appendingPathComponent("stderr.log")
        try Data().write(to: errFile)
        let err = try FileHandle(forWritingTo: errFile)
        defer { try? err.close() }
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: (try? String(contentsOf: errFile, encoding: .utf8)) ?? "")
    }

    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
