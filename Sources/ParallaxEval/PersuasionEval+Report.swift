import Foundation

extension PersuasionEval {
    /// Techniques shown per language in the report, by gold frequency.
    static let reportedTechniques = 6

    /// The summary table, each language's top techniques, the fitted thresholds and the peer figure.
    static func report(_ outcome: Outcome, techniques: [String]) -> String {
        var summary = TextTable(["lang", "paragraphs", "micro-F1 (5-fold CV)", "P", "R", "micro-F1 (shipped)"])
        for l in outcome.languages {
            let cv = micro(l.crossValidated)
            summary.add([l.code, "\(l.paragraphs)", decimal(cv.f1), decimal(cv.precision), decimal(cv.recall),
                         decimal(micro(l.shipped).f1)])
        }
        let shippedMean = outcome.languages.map { micro($0.shipped).f1 }.reduce(0, +)
            / Double(max(1, outcome.languages.count))
        summary.add(["mean", "", decimal(outcome.meanMicroF1), "", "", decimal(shippedMean)])
        var parts = ["Persuasion techniques — SemEval-2023 Task 3 subtask 3, train, paragraph-level micro-F1 over "
            + "\(techniques.count) techniques", summary.render()]
        for l in outcome.languages { parts.append(techniqueTable(l)) }
        parts.append("Fitted on all of train (min_cues for the lexicons; 0 = off):")
        for l in outcome.languages {
            let fitted = l.fitted.filter { $0.value != 1 }.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }
            parts.append("  \(l.code): {\(fitted.joined(separator: ", "))}")
        }
        parts.append("Peer (≈, not verified, not comparable: official test set, fine-tuned XLM-R and kin): English "
            + "best ST3 about 0.38 micro-F1 (README §7). Ours is cross-validated on train.")
        return parts.joined(separator: "\n\n")
    }

    /// Per-technique P/R/F1 (cross-validated) for a language's most frequent techniques.
    static func techniqueTable(_ l: LanguageScore) -> String {
        var table = TextTable(["\(l.code) technique", "gold", "P", "R", "F1"])
        let top = l.crossValidated.sorted { ($0.value.tp + $0.value.fn, $1.key) > ($1.value.tp + $1.value.fn, $0.key) }
        for (t, c) in top.prefix(reportedTechniques) {
            table.add([t, "\(c.tp + c.fn)", decimal(c.precision), decimal(c.recall), decimal(c.f1)])
        }
        return table.render()
    }
}
