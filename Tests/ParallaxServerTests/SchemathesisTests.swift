import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ParallaxAnalysis
import ParallaxIngest
import ParallaxStore
@testable import ParallaxServer

/// schemathesis (from PyPI, installed by `make test-packages` into vendor/schemathesis) against `/api/openapi.json`
/// on a live server with a store, uploads and the API key: every operation, with examples, boundary values,
/// fuzzed inputs and stateful sequences (add a feed, then read and delete it). No answer may be a 5xx, have a
/// status the document does not list, or a body or content type that breaks its schema; an operation that
/// declares a key must refuse a request without one. Bounded in time. Skipped when schemathesis is not installed.
@Suite(.serialized) struct SchemathesisTests {
    static let tool = ServerTests.vendor.appendingPathComponent("schemathesis")
    static var installed: Bool { FileManager.default.fileExists(atPath: tool.appendingPathComponent("schemathesis").path) }

    /// What is checked. Not checked: whether the server accepts every request the schema allows or refuses every
    /// request it forbids — it judges some fields beyond the schema (a feed URL must name a host; an empty form
    /// field means "any"), and those answers are documented 400s.
    static let checks = ["not_a_server_error", "status_code_conformance", "content_type_conformance",
                         "response_headers_conformance", "response_schema_conformance", "ignored_auth", "use_after_free",
                         "ensure_resource_availability"]

    @Test("the API keeps to its OpenAPI document under schemathesis", .enabled(if: installed))
    func schemathesis() async throws {
        let store = ServerTests.makeStore()
        var options = Server.Options()
        options.apiKey = "sesame"
        options.maxUpload = 256 << 10
        options.ingestor = Ingestor(articles: ArticlePipeline.standard(dataDirectory: ServerTests.vendor),
                                    stories: StoryPipeline.standard(dataDirectory: ServerTests.vendor), store: store)
        let app = Application(router: Server.router(store: store, options: options),
                              configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let report = FileManager.default.temporaryDirectory.appendingPathComponent("parallax-schemathesis-\(UUID().uuidString).txt")
            let (status, output) = try await Self.run([
                "-m", "schemathesis.cli", "run", "http://127.0.0.1:\(port)/api/openapi.json",
                "--checks", Self.checks.joined(separator: ","), "-H", "Authorization: Bearer sesame",
                "--max-examples", "20", "--max-time", "150", "--workers", "1", "--request-timeout", "60",
                "--seed", "20261207", "--no-color",
            ], log: report)
            let summary = output.split(separator: "\n").suffix(25).joined(separator: "\n")
            #expect(status == 0, "schemathesis found problems (whole output in \(report.path)):\n\(summary)")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any])
            let operations = (document["paths"] as? [String: [String: Any]] ?? [:]).values.reduce(0) { $0 + $1.count }
            #expect(operations >= 13 && output.contains("Tested: \(operations)"), "every operation was tested:\n\(summary)")
            print("schemathesis: \(output.split(separator: "\n").last { $0.contains(" in ") && $0.contains("s ") } ?? "")")
        }
    }

    /// Runs python3 with schemathesis on its path, off the cooperative pool; bounded to 10 minutes.
    static func run(_ arguments: [String], log: URL) async throws -> (Int32, String) {
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONPATH"] = tool.path
        environment["SCHEMATHESIS_HOOKS"] = nil
        process.environment = environment
        // Its cache folder (.schemathesis/) goes to the temporary folder, not the working tree.
        process.currentDirectoryURL = log.deletingLastPathComponent()
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(600)
        while process.isRunning, Date() < deadline { try await Task.sleep(nanoseconds: 200_000_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self))
    }
}
