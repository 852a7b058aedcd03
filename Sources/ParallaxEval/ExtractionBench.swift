import Dispatch
import Foundation
import ParallaxAnalysis

/// `parallax bench extraction`: pages/s and MB/s per core for the per-document pipeline on the eval pages,
/// beside trafilatura timed in the same run, with both F1 scores so speed is compared at known quality.
public enum ExtractionBench {
    public static func run(dataDirectory: String, peerScript: String?, pipeline: ArticlePipeline,
                           rounds: Int = 3) throws -> String {
        let eval = ExtractionEval(dataDirectory: dataDirectory)
        let pages = try eval.pages().filter { $0.html != nil }
        let bytes = pages.reduce(0) { $0 + $1.html!.count }
        let megabytes = Double(bytes) / 1_048_576
        // One core: the best of a few rounds, every page through decode → extraction → languages → sentences.
        var texts: [String] = []
        let best = Timing.best(of: rounds) {
            texts = pages.map { page in
                let doc = RawDocument(source: page.file, format: .html, content: .bytes(page.html!))
                return (try? pipeline.run(doc))?.paragraphs.joined(separator: "\n") ?? ""
            }
        }
        // All cores.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let parallel = Timing.seconds {
            DispatchQueue.concurrentPerform(iterations: pages.count) { i in
                _ = try? pipeline.run(RawDocument(source: pages[i].file, format: .html, content: .bytes(pages[i].html!)))
            }
        }
        var ours = ExtractionEval.Score()
        for (page, text) in zip(pages, texts) { ours.add(ExtractionEval.score(text, page: page)) }

        var table = TextTable(["extractor", "pages/s (1 core)", "MB/s (1 core)", "pages/s (\(cores) cores)", "F1"])
        table.add(["Parallax", decimal(Double(pages.count) / best, 1), decimal(megabytes / best, 2),
                   decimal(Double(pages.count) / parallel, 1), decimal(ours.f1)])
        var notes: [String] = []
        if let peerScript {
            switch TrafilaturaPeer(script: peerScript).run(dataDirectory: dataDirectory, repeat: rounds) {
            case .success(let peer):
                let seconds = pages.reduce(0.0) { $0 + (peer.secondsByFile[$1.file] ?? 0) }
                var theirs = ExtractionEval.Score()
                for page in pages { theirs.add(ExtractionEval.score(peer.textByFile[page.file] ?? "", page: page)) }
                table.add(["trafilatura 2.3.1", decimal(Double(pages.count) / seconds, 1), decimal(megabytes / seconds, 2),
                           "–", decimal(theirs.f1)])
                notes.append("Speed-up per core: \(decimal(seconds / best, 1))× trafilatura's pages/s.")
            case .failure(let why):
                notes.append("trafilatura comparison skipped: \(why.reason)")
            }
        }
        return ([
            "Extraction speed — \(pages.count) pages, \(decimal(megabytes, 1)) MB of HTML (decompressed) from \(dataDirectory)",
            "Parallax: the whole per-document pipeline (decode, extract, metadata, languages, sentences), best of "
                + "\(rounds) rounds; trafilatura: extract() alone, best of \(rounds) per page, in one Python process.",
            "",
            table.render(),
            "",
        ] + notes).joined(separator: "\n")
    }
}
