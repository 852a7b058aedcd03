import Foundation
import ParallaxAnalysis
import Testing

@testable import ParallaxEval

@Suite struct PersuasionEvalTests {
    /// A two-article English folder in the SemEval-2023 layout, CRLF in one file, written for this test.
    func makeDataset() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("persuasion-\(UUID().uuidString)")
        let en = root.appendingPathComponent("en")
        let articles = en.appendingPathComponent("train-articles-subtask-3")
        try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        try "Loaded_Language\nDoubt\nRepetition\n".write(to: root.appendingPathComponent("techniques_subtask3.txt"),
                                                        atomically: true, encoding: .utf8)
        try "Harbour news\n\nThe disgraceful plan failed.\n\nThe council met on Tuesday.\n"
            .write(to: articles.appendingPathComponent("article1.txt"), atomically: true, encoding: .utf8)
        try "Über die Brücke\r\n\r\nIs this really a plan?\r\n"
            .write(to: articles.appendingPathComponent("article2.txt"), atomically: true, encoding: .utf8)
        let labels = "1\t1\t\n1\t3\tLoaded_Language\n1\t5\tDoubt\n2\t1\t\n2\t3\tDoubt,Repetition\n"
        try labels.write(to: en.appendingPathComponent("train-labels-subtask-3.txt"), atomically: true, encoding: .utf8)
        return root
    }

    @Test("the loader reads rows by line number, with CRLF files and empty labels")
    func loader() throws {
        let root = try makeDataset()
        defer { try? FileManager.default.removeItem(at: root) }
        let rows = try PersuasionEval.load(directory: root.path + "/en", language: "en", detector: PersuasionDetector())
        #expect(rows.count == 5)
        let byLine = Dictionary(grouping: rows, by: \.article)
        #expect(byLine["1"]?.map(\.gold) == [[], ["Loaded_Language"], ["Doubt"]])
        #expect(byLine["1"]?[1].cues["Loaded_Language"] == 1)
        #expect((byLine["2"]?[1].cues["Doubt"] ?? 0) >= 1)
    }

    @Test("lines keep their offsets into the raw file, \\r outside")
    func crlfOffsets() {
        let a = PersuasionEval.article("Ab\r\n\r\nÜber x\r\n", language: "de")
        #expect(a.sentences.map(\.text) == ["Ab", "", "Über x", ""])
        #expect(a.sentences[2].start == 6)
        #expect(a.sentences[2].end == 12)
    }

    @Test("micro-F1 sums counts over techniques (hand-checked)")
    func microF1() {
        // Gold {A}, {A,B}, {}; predicted {A,B}, {A}, {B}: A tp 2; B tp 0, fp 2, fn 1 → micro tp 2, fp 2, fn 1.
        let rows = [
            PersuasionEval.Row(article: "1", gold: ["A"], cues: ["A": 1, "B": 1]),
            PersuasionEval.Row(article: "1", gold: ["A", "B"], cues: ["A": 2]),
            PersuasionEval.Row(article: "2", gold: [], cues: ["B": 3]),
        ]
        let counts = PersuasionEval.counts(rows, techniques: ["A", "B"], threshold: { _ in 1 })
        #expect(counts["A"] == PersuasionEval.Counts(tp: 2, fp: 0, fn: 0))
        #expect(counts["B"] == PersuasionEval.Counts(tp: 0, fp: 2, fn: 1))
        let micro = PersuasionEval.micro(counts)
        #expect(abs(micro.f1 - 4.0 / 7.0) < 1e-9)
        // Fitting turns B off (micro-F1 becomes 2·2 / (2·2 + 0 + 1) = 0.8).
        #expect(PersuasionEval.fit(rows, techniques: ["A", "B"])["B"] == 0)
    }

    @Test("run scores the folder and reports the peer figure")
    func run() throws {
        let root = try makeDataset()
        defer { try? FileManager.default.removeItem(at: root) }
        let outcome = try PersuasionEval.run(dataDirectory: root.path)
        #expect(outcome.languages.map(\.code) == ["en"])
        #expect(outcome.report.contains("0.38"))
    }
}
