import Foundation

/// Where the data fetched at set-up lives (`vendor/` of the checkout, filled by `make setup`):
/// `$PARALLAX_DATA` if set, else the first `vendor/` found upwards from the executable or the working folder.
public enum DataDirectory {
    public static func locate() -> URL? {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["PARALLAX_DATA"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        var starts = [URL(fileURLWithPath: fm.currentDirectoryPath)]
        starts.append(URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
            .deletingLastPathComponent())
        for start in starts {
            var dir = start.standardizedFileURL
            for _ in 0..<8 {
                let candidate = dir.appendingPathComponent("vendor")
                if fm.fileExists(atPath: candidate.appendingPathComponent("justext/stoplists").path) {
                    return candidate
                }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        return nil
    }
}
