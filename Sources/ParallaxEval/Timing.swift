import Dispatch

/// Wall-clock timing for the benchmarks.
enum Timing {
    /// Seconds one run of `body` takes.
    static func seconds(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Seconds one run of a throwing `body` takes.
    static func throwing(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// The fastest of `rounds` runs: the least disturbed by other work on the machine.
    static func best(of rounds: Int, _ body: () -> Void) -> Double {
        (0..<max(1, rounds)).map { _ in seconds(body) }.min()!
    }
}
