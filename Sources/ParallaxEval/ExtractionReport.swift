import Foundation
import ParallaxAnalysis

/// `parallax eval extraction`: Parallax and trafilatura side by side on the same pages.
public enum ExtractionReport {
    public struct Outcome {
        public var report: String
        public var f1: Double
    }

    public static func run(dataDirectory: String, peerScript: String?, pipeline: ArticlePipeline) throws -> Outcome {
        let eval = ExtractionEval(dataDirectory: dataDirectory)
        let pages = try eval.pages()
        let ours = ExtractionEval.extract(pages, pipeline: pipeline)
        var total = ExtractionEval.Score()
        var byLanguage: [String: ExtractionEval.Score] = [:]
        var peerTotal = ExtractionEval.Score()
        var peerByLanguage: [String: ExtractionEval.Score] = [:]
        var peerNote: String?
        var peer: TrafilaturaPeer.Output?
        if let peerScript {
            switch TrafilaturaPeer(script: peerScript).run(dataDirectory: dataDirectory) {
            case .success(let output): peer = output
            case .failure(let why): peerNote = "trafilatura comparison skipped: \(why.reason)"
            }
        } else {
            peerNote = "trafilatura comparison skipped (--no-peer)"
        }
        for (page, result) in zip(pages, ours) {
            let language = result.language ?? "??"
            let s = ExtractionEval.score(result.text, page: page)
            total.add(s)
            byLanguage[language, default: .init()].add(s)
            if let peer {
                let p = ExtractionEval.score(peer.textByFile[page.file] ?? "", page: page)
                peerTotal.add(p)
                peerByLanguage[language, default: .init()].add(p)
            }
        }
        var table = TextTable(["language (detected)", "pages", "P", "R", "F1", "trafilatura P", "R", "F1"])
        let counts = Dictionary(grouping: ours, by: { $0.language ?? "??" }).mapValues(\.count)
        for language in byLanguage.keys.sorted(by: { counts[$0]! > counts[$1]! || counts[$0]! == counts[$1]! && $0 < $1 }) {
            let s = byLanguage[language]!
            let p = peerByLanguage[language]
            table.add([language, "\(counts[language]!)", decimal(s.precision), decimal(s.recall), decimal(s.f1),
                       p.map { decimal($0.precision) } ?? "–", p.map { decimal($0.recall) } ?? "–",
                       p.map { decimal($0.f1) } ?? "–"])
        }
        table.add(["all", "\(pages.count)", decimal(total.precision), decimal(total.recall), decimal(total.f1),
                   peer == nil ? "–" : decimal(peerTotal.precision), peer == nil ? "–" : decimal(peerTotal.recall),
                   peer == nil ? "–" : decimal(peerTotal.f1)])
        var lines = [
            "Main-text extraction — \(dataDirectory)",
            "\(pages.count) pages, \(total.tp + total.fn) `with` and \(total.fp + total.tn) `without` snippets; "
                + "snippet method of trafilatura's evaluation (substring match, whitespace collapsed).",
            "",
            table.render(),
            "",
            "Parallax: precision \(decimal(total.precision)), recall \(decimal(total.recall)), "
                + "accuracy \(decimal(total.accuracy)), F1 \(decimal(total.f1))",
        ]
        if peer != nil {
            lines.append("trafilatura 2.3.1 (same pages, default settings): precision \(decimal(peerTotal.precision)), "
                + "recall \(decimal(peerTotal.recall)), accuracy \(decimal(peerTotal.accuracy)), F1 \(decimal(peerTotal.f1))")
        }
        if let peerNote { lines.append(peerNote) }
        lines.append("Published on all 990 pages (not comparable: other pages): trafilatura 2.2.0 F1 0.924, "
            + "justext 0.862, readability-lxml 0.826.")
        return Outcome(report: lines.joined(separator: "\n"), f1: total.f1)
    }
}
