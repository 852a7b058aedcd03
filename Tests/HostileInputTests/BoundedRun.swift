import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// One run of the real `parallax` executable, bounded in time (killed at the limit) and in memory (its peak
/// resident size checked): the hostile-input suite's harness. A run over either limit is a test failure.
struct BoundedRun {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let executable = root.appendingPathComponent(".build/debug/parallax").path
    static let vendor = root.appendingPathComponent("vendor").path
    static var available: Bool { FileManager.default.isExecutableFile(atPath: executable) }
    /// One vector cache for the runs of this test process (the background mean is embedded once); a case that
    /// tests the cache itself passes its own `PARALLAX_CACHE`.
    static let sharedCache = FileManager.default.temporaryDirectory
        .appendingPathComponent("parallax-hostile-cache-\(UUID().uuidString)").path

    var status: Int32 = -1
    var killedAtLimit = false
    var seconds = 0.0
    /// Peak resident memory of the process, in MiB.
    var peakMiB = 0.0
    var stdout = Data()
    var stderr = Data()

    var out: String { String(decoding: stdout, as: UTF8.self) }
    var err: String { String(decoding: stderr, as: UTF8.self) }

    /// Runs `parallax ARGS…` in `folder` with at most `seconds`; `killAfter` sends SIGKILL early (a crash test).
    static func run(_ arguments: [String], in folder: URL, seconds limit: Double, memoryMiB: Double = 2048,
                    killAfter: Double? = nil, environment extra: [String: String] = [:],
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> BoundedRun {
        let outPath = folder.appendingPathComponent(".run-\(UUID().uuidString).out").path
        let errPath = folder.appendingPathComponent(".run-\(UUID().uuidString).err").path
        defer { unlink(outPath); unlink(errPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var env = ProcessInfo.processInfo.environment
        env["PARALLAX_DATA"] = vendor
        env["PARALLAX_CACHE"] = sharedCache
        for (k, v) in extra { env[k] = v }
        // `env -C` runs the executable in the case's folder (the same process: its memory is what is measured).
        let argv = (["/usr/bin/env", "-C", folder.path, executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0)=\($1)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let started = Date()
        let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, envp)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        var result = BoundedRun()
        var status: Int32 = 0
        var usage = rusage()
        let deadline = started.addingTimeInterval(min(limit, killAfter ?? limit))
        // Peak memory from /proc (VmHWM, the process's high-water mark, read until it exits): rusage's maxrss
        // would count the test process itself, whose memory a spawned child shares until it executes.
        var peakKiB = 0.0
        while true {
            if let hwm = Self.highWaterKiB(pid) { peakKiB = max(peakKiB, hwm) }
            let done = wait4(pid, &status, WNOHANG, &usage)
            if done == pid { break }
            if Date() >= deadline {
                kill(pid, SIGKILL)
                result.killedAtLimit = killAfter == nil
                _ = wait4(pid, &status, 0, &usage)
                break
            }
            usleep(10_000)
        }
        result.seconds = Date().timeIntervalSince(started)
        result.peakMiB = peakKiB / 1024
        // WIFEXITED / WEXITSTATUS by hand: the macros are not imported.
        result.status = status & 0x7F == 0 ? (status >> 8) & 0xFF : -(status & 0x7F)
        result.stdout = FileManager.default.contents(atPath: outPath) ?? Data()
        result.stderr = FileManager.default.contents(atPath: errPath) ?? Data()
        if result.killedAtLimit {
            Issue.record("parallax \(arguments.joined(separator: " ")) ran over its \(limit) s limit", sourceLocation: sourceLocation)
        }
        if result.peakMiB > memoryMiB {
            Issue.record("parallax \(arguments.joined(separator: " ")) peaked at \(Int(result.peakMiB)) MiB, over \(Int(memoryMiB))",
                         sourceLocation: sourceLocation)
        }
        return result
    }

    /// VmHWM of a running process, in KiB.
    static func highWaterKiB(_ pid: pid_t) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return Double(line.split(separator: " ").dropFirst().first ?? "")
    }

    /// A fresh folder for one case.
    static func folder(_ name: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("parallax-hostile-\(name)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The bytes a terminal acts on: C0 controls but tab and line feed, DEL, and C1 controls in UTF-8.
    static func hasTerminalControls(_ data: Data) -> Bool {
        let bytes = [UInt8](data)
        for (i, b) in bytes.enumerated() {
            if (b < 0x20 && b != 0x0A && b != 0x09) || b == 0x7F { return true }
            if b == 0xC2, i + 1 < bytes.count, (0x80...0x9F).contains(bytes[i + 1]) { return true }
        }
        return false
    }
}
