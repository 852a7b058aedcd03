import Foundation
import ParallaxAnalysis

/// `parallax eval langid`: accuracy per language on Lingua's test sentences and word pairs, beside the
/// published figures of CLD2, CLD3, langdetect and Lingua from that folder's tables.
public enum LangidReport {
    /// Languages Parallax claims to identify at sentence level (the floor is their mean).
    public static let defaultClaimed = ["da", "de", "en", "es", "fr", "it", "nl", "pl", "pt", "ru", "sv", "uk"]

    public struct Outcome {
        public var report: String
        public var claimedSentenceAccuracy: Double
    }

    public static func run(dataDirectory: String, identifier: any LanguageIdentifying, claimed: [String]) throws
        -> Outcome {
        let fm = FileManager.default
        let languages = try fm.contentsOfDirectory(atPath: dataDirectory + "/sentences")
            .filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
        let peers = PublishedLangid(tablesDirectory: dataDirectory + "/tables")
        var table = TextTable(["language", "sentences", "word pairs", "CLD2*", "CLD3*", "langdetect*", "Lingua-high*"])
        var sentenceAccuracy: [String: Double] = [:]
        var pairAccuracy: [String: Double] = [:]
        for code in languages {
            sentenceAccuracy[code] = accuracy(file: "\(dataDirectory)/sentences/\(code).txt", code: code, identifier)
            pairAccuracy[code] = accuracy(file: "\(dataDirectory)/word-pairs/\(code).txt", code: code, identifier)
            let p = peers.sentences[code]
            table.add([code + (claimed.contains(code) ? " ✓" : ""), percent(sentenceAccuracy[code] ?? 0),
                       pairAccuracy[code].map(percent) ?? "–", p?[0] ?? "–", p?[1] ?? "–", p?[2] ?? "–", p?[5] ?? "–"])
        }
        func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }
        let claimedMean = mean(claimed.compactMap { sentenceAccuracy[$0] })
        let claimedPairs = mean(claimed.compactMap { pairAccuracy[$0] })
        let lines = [
            "Language identification — \(dataDirectory) (accuracy %, 1,000 items per language and granularity)",
            "",
            table.render(),
            "",
            "* published sentence accuracy from the folder's tables (Lingua's evaluation), not re-run here.",
            "Claimed languages (✓, \(claimed.count)): mean sentence accuracy \(percent(claimedMean)) %, "
                + "word pairs \(percent(claimedPairs)) %.",
            "All \(languages.count) languages: mean sentence accuracy \(percent(mean(Array(sentenceAccuracy.values)))) %, "
                + "word pairs \(percent(mean(Array(pairAccuracy.values)))) %.",
            "Published means over each detector's own languages, sentences: Lingua-high 96, langdetect 98, CLD3 93, "
                + "PyCLD2 94.",
        ]
        return Outcome(report: lines.joined(separator: "\n"), claimedSentenceAccuracy: claimedMean)
    }

    static func accuracy(file: String, code: String, _ identifier: any LanguageIdentifying) -> Double? {
        guard let content = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        let lines = content.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        guard !lines.isEmpty else { return nil }
        let hits = LockedArray<Bool>(count: lines.count, fill: false)
        DispatchQueue.concurrentPerform(iterations: lines.count) { i in
            let guess = identifier.identify(lines[i])?.code
            hits.set(i, guess.map { same($0, code) } ?? false)
        }
        return Double(hits.values.filter { $0 }.count) / Double(lines.count)
    }

    /// Codes that name the same language for this test (Norwegian Bokmål is CLD2's "no").
    static func same(_ guess: String, _ gold: String) -> Bool {
        if guess == gold { return true }
        let aliases: [String: Set<String>] = ["nb": ["no", "nb"], "zh": ["zh", "zh-Hant"]]
        return aliases[gold]?.contains(guess) ?? false
    }
}

/// Per-language accuracy columns of Lingua's published tables (HTML inside Markdown).
struct PublishedLangid {
    /// code → [PyCLD2, GCLD3, Langdetect, Langid, Lingua-low, Lingua-high, Lingua-single, Simplemma]
    var sentences: [String: [String]] = [:]

    init(tablesDirectory: String) {
        guard let html = try? String(contentsOfFile: tablesDirectory + "/SENTENCES_ACCURACY_TABLE.md", encoding: .utf8)
        else { return }
        let codes = Stoplists.languageCodesByEnglishName()
        var current: String?
        var values: [String] = []
        for line in html.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("<td>"), trimmed.hasSuffix("</td>") else { continue }
            let inner = trimmed.dropFirst(4).dropLast(5)
            if !inner.contains("<img") {
                if let current, values.count >= 6 { sentences[current] = values }
                let name = inner.lowercased()
                current = codes[name] ?? (name == "bokmal" ? "nb" : name == "nynorsk" ? "nn" : nil)
                values = []
            } else {
                values.append(String(inner.split(separator: ">").last ?? "").trimmingCharacters(in: .whitespaces))
            }
        }
        if let current, values.count >= 6 { sentences[current] = values }
    }
}
