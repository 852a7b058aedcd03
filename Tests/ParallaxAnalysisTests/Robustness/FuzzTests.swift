import Foundation
import Testing
import ParallaxModel
@testable import ParallaxAnalysis

/// Random and mutated documents through the whole per-document pipeline: every one must end as an article
/// or a `ParallaxError`, never a crash or a hang.
@Suite struct FuzzTests {
    /// A small deterministic generator (SplitMix64) so that failures reproduce.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
        mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }
    }

    static let seeds: [[UInt8]] = {
        let dir = Support.fixtures.appendingPathComponent("extraction")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return files.filter { !$0.hasSuffix(".json") }.sorted()
            .compactMap { FileManager.default.contents(atPath: dir.appendingPathComponent($0).path).map { [UInt8]($0) } }
    }()

    static let fragments = [
        "<div>", "</div>", "<p>", "</p>", "<a href='x'>", "</a>", "<script>", "</script>", "<!--", "-->", "<![CDATA[",
        "<br>", "&amp;", "&#0;", "&#xD800;", "<meta charset='koi8-r'>", "<table><tr><td>", "\u{0}", "\u{1B}", "\u{FEFF}",
        "<p class='" + String(repeating: "a", count: 5000) + "'>", "<svg><script>alert(1)</script></svg>", "©", "Photo:",
        "Source: ", "<article>", "<figure><figcaption>", "<time datetime='2031-02-30'>", "<h1>", "\n\n", "«", "„",
    ]

    /// One mutation of a seed document: byte flips, truncation, insertions, duplication, junk.
    static func mutate(_ seed: [UInt8], _ r: inout Random) -> [UInt8] {
        var bytes = seed
        for _ in 0..<(1 + r.int(6)) {
            switch r.int(7) {
            case 0 where !bytes.isEmpty: bytes[r.int(bytes.count)] = UInt8(r.int(256))
            case 1 where !bytes.isEmpty: bytes = Array(bytes.prefix(r.int(bytes.count)))
            case 2: bytes.insert(contentsOf: Array(r.pick(fragments).utf8), at: r.int(bytes.count + 1))
            case 3 where bytes.count > 10:
                let start = r.int(bytes.count - 1)
                let slice = bytes[start..<min(bytes.count, start + r.int(400))]
                bytes.insert(contentsOf: slice, at: r.int(bytes.count + 1))
            case 4: bytes += (0..<r.int(300)).map { _ in UInt8(r.int(256)) }
            case 5 where bytes.count > 4:
                let i = r.int(bytes.count - 2)
                bytes.removeSubrange(i..<min(bytes.count, i + r.int(200)))
            default: bytes.insert(contentsOf: Array(String(repeating: "<div>", count: r.int(3000)).utf8), at: 0)
            }
        }
        return bytes
    }

    /// A document of random markup and text.
    static func random(_ r: inout Random) -> [UInt8] {
        var s = ""
        for _ in 0..<r.int(60) {
            s += r.int(2) == 0 ? r.pick(fragments) : String(repeating: r.pick(["word ", "слово ", "語", "é", " "]), count: r.int(40))
        }
        return Array(s.utf8)
    }

    @Test func tenThousandRandomAndMutatedDocumentsNeverCrash() throws {
        try #require(!Self.seeds.isEmpty)
        let count = 10_000
        let outcomes = OutcomeCounter()
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            var r = Random(state: UInt64(worker) &* 7919 &+ 1)
            for i in stride(from: worker, to: count, by: 8) {
                let bytes = i % 3 == 0 ? Self.random(&r) : Self.mutate(Self.seeds[i % Self.seeds.count], &r)
                let format: RawDocument.Format = i % 4 == 0 ? .text : .html
                do {
                    let article = try Support.pipeline.run(RawDocument(source: "fuzz-\(i)", format: format,
                                                                       content: .bytes(bytes)))
                    // Offsets must stay inside the text, whatever the input.
                    let scalars = article.text.unicodeScalars.count
                    if article.sentences.contains(where: { $0.start < 0 || $0.end > scalars || $0.start > $0.end }) {
                        outcomes.record(bad: "bad sentence offsets in fuzz-\(i)")
                    }
                    outcomes.record(bad: nil)
                } catch is ParallaxError {
                    outcomes.record(bad: nil)
                } catch {
                    outcomes.record(bad: "fuzz-\(i): unexpected \(error)")
                }
            }
        }
        #expect(outcomes.total == count)
        #expect(outcomes.problems.isEmpty, "\(outcomes.problems.prefix(5))")
    }

    @Test(arguments: [511, 512, 1_500, 100_000])
    func deepNestingIsParsedOrRefusedCleanly(depth: Int) {
        let html = "<html><body>" + String(repeating: "<div>", count: depth) + "Deep text that is here."
            + String(repeating: "</div>", count: depth) + "</body></html>"
        do {
            _ = try Support.analyse(html: html)
        } catch let error as ParallaxError {
            #expect(error.code == .tooDeep)
            #expect(depth > 2_000)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func absurdAttributesAndControlCharactersAreHarmless() throws {
        let html = "<html><body><table><tr><td colspan='9007199254740991' class='" + String(repeating: "x ", count: 50_000)
            + "'>\u{0}\u{1}Some text\u{7} in a cell with a NUL.</td></tr></table></body></html>"
        let article = try Support.analyse(html: html)
        #expect(!article.text.unicodeScalars.contains { $0.value < 0x09 })
    }
}

/// Thread-safe tally of fuzz outcomes.
final class OutcomeCounter: @unchecked Sendable {
    // Invariant: fields are only touched under `lock`.
    private let lock = NSLock()
    private(set) var total = 0
    private(set) var problems: [String] = []

    func record(bad: String?) {
        lock.lock()
        defer { lock.unlock() }
        if let bad { problems.append(bad) } else { total += 1 }
    }
}
