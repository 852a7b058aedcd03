import Foundation

/// trafilatura 2.3.1, run through `eval/peers/run-trafilatura.sh` (a throw-away venv) on the same pages, so
/// that Parallax's figures are printed beside the tool a user would otherwise pick.
public struct TrafilaturaPeer {
    public struct Output: Sendable {
        public var textByFile: [String: String]
        public var secondsByFile: [String: Double]
    }

    public let script: String
    public init(script: String) { self.script = script }

    /// Runs the peer; nil (with the reason) when Python, pip or the package index is unavailable.
    public func run(dataDirectory: String, repeat times: Int = 1) -> Result<Output, PeerUnavailable> {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("parallax-trafilatura-\(getpid()).jsonl")
        defer { try? FileManager.default.removeItem(at: out) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script, dataDirectory, out.path, "--repeat", "\(times)"]
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch { return .failure(PeerUnavailable(reason: "cannot start \(script): \(error)")) }
        process.waitUntilExit()
        guard process.terminationStatus == 0, let data = try? Data(contentsOf: out) else {
            let why = process.terminationStatus == 3 ? "python3/pip or the package index is unavailable"
                : "the peer script exited with status \(process.terminationStatus)"
            return .failure(PeerUnavailable(reason: why))
        }
        var output = Output(textByFile: [:], secondsByFile: [:])
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let row = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let file = row["file"] as? String else { continue }
            output.textByFile[file] = row["text"] as? String ?? ""
            output.secondsByFile[file] = row["seconds"] as? Double ?? 0
        }
        return .success(output)
    }
}

public struct PeerUnavailable: Error, Sendable {
    public var reason: String
}
