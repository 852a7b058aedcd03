import Foundation
import ParallaxModel
import Testing

@testable import ParallaxAnalysis

/// An article of one paragraph per entry, one sentence per paragraph.
private func article(_ paragraphs: [String], language: String = "en") -> Article {
    var a = Article(source: "test", format: "text")
    a.language = language
    a.paragraphs = paragraphs
    a.text = paragraphs.joined(separator: "\n\n")
    var start = 0
    for (i, p) in paragraphs.enumerated() {
        let length = p.unicodeScalars.count
        a.sentences.append(Sentence(text: p, start: start, end: start + length, paragraph: i, language: language))
        start += length + 2
    }
    return a
}

/// The shipped lexicons with every technique on at one cue: what each cue finds, whatever the fitted thresholds.
private let everyCue: PersuasionDetector = {
    var rules = PersuasionKit.shipped.rules
    for code in rules.keys { rules[code]?.minCues = [:] }
    return PersuasionDetector(kit: PersuasionKit(rules: rules))
}()

@Suite struct PersuasionDetectorTests {
    static let cases: [(technique: String, sentence: String)] = [
        ("Loaded_Language", "The council's disgraceful decision was a shocking betrayal of the town."),
        ("Name_Calling-Labeling", "The mayor and his cronies ignored the residents again."),
        ("Doubt", "The so-called audit found nothing, which is hardly a surprise."),
        ("Appeal_to_Fear-Prejudice", "If we do not act, the flood of debt will destroy the town's future."),
        ("Exaggeration-Minimisation", "This is the worst budget in history, and nobody benefits."),
        ("Flag_Waving", "Every decision must put our country and its people first."),
        ("Causal_Oversimplification", "Prices rose simply because the council raised one fee."),
        ("Whataboutism", "What about the previous mayor, who spent twice as much?"),
        ("Repetition", "Budget cuts, budget cuts and more budget cuts: that is all the plan offers."),
        ("Appeal_to_Authority", "Leading experts agree that the bridge is safe."),
        ("Slogans", "Enough is enough!"),
        ("Conversation_Killer", "The matter is closed, end of story."),
        ("Questioning_the_Reputation", "The minister, already disgraced by a scandal, now asks for trust."),
        ("Appeal_to_Hypocrisy", "The same people who preach thrift bought themselves new cars."),
        ("False_Dilemma-No_Choice", "The only option is to sell the port."),
        ("Appeal_to_Time", "Time is running out for the harbour."),
    ]

    @Test("each technique is found on a sentence written for it", arguments: cases)
    func findsTechnique(_ technique: String, _ sentence: String) {
        let spans = everyCue.detect(article([sentence]))
        #expect(spans.contains { $0.technique == technique }, "\(spans.map { "\($0.technique): \($0.cue)" })")
    }

    /// SemEval-2023 Task 3 subtask 3's 23 technique names.
    static let techniqueNames: Set<String> = [
        "Appeal_to_Authority", "Appeal_to_Popularity", "Appeal_to_Values", "Appeal_to_Fear-Prejudice", "Flag_Waving",
        "Causal_Oversimplification", "False_Dilemma-No_Choice", "Consequential_Oversimplification", "Straw_Man",
        "Red_Herring", "Whataboutism", "Slogans", "Appeal_to_Time", "Conversation_Killer", "Loaded_Language",
        "Repetition", "Exaggeration-Minimisation", "Obfuscation-Vagueness-Confusion", "Name_Calling-Labeling", "Doubt",
        "Guilt_by_Association", "Appeal_to_Hypocrisy", "Questioning_the_Reputation",
    ]

    @Test("every shipped lexicon loads and uses only the task's technique names")
    func lexicons() {
        let kit = PersuasionKit.shipped
        #expect(Set(["en", "fr", "de", "it", "pl", "ru", "da", "es", "pt", "uk"]).isSubset(of: Set(kit.languages)))
        for rules in kit.rules.values {
            #expect(Set(rules.minCues.keys).isSubset(of: Self.techniqueNames), "\(rules.language)")
            #expect(Set(rules.patterns.values.flatMap { $0 }).isSubset(of: Self.techniqueNames), "\(rules.language)")
        }
    }

    @Test("a neutral report finds nothing")
    func neutralControl() {
        let text = "The council met on Tuesday and approved the budget for the port. The vote was 12 to 3."
        #expect(PersuasionDetector().detect(article([text])).isEmpty)
    }

    @Test("every span records its cue and its text is the text at its offsets, in non-ASCII text")
    func offsetsOnNonASCII() throws {
        let a = article(["Ça commence: «Zürich» 🎉 é.", "Это так называемый «референдум», позорный фарс!"],
                        language: "ru")
        let spans = everyCue.detect(a)
        let scalars = Array(a.text.unicodeScalars)
        let doubt = try #require(spans.first { $0.cue == "так называем*" })
        #expect(doubt.text == "так называемый")
        for span in spans {
            #expect(String(String.UnicodeScalarView(scalars[span.start..<span.end])) == span.text)
            #expect(!span.cue.isEmpty)
            let sentence = a.sentences[span.sentence]
            #expect(sentence.start <= span.start && span.end <= sentence.end)
        }
    }

    @Test("thresholds keep a technique only where a paragraph has enough cues")
    func thresholds() {
        var rules = PersuasionKit.shipped.rules
        rules["en"]?.minCues = ["Loaded_Language": 2]
        let detector = PersuasionDetector(kit: PersuasionKit(rules: rules))
        let spans = detector.detect(article(["A disgraceful vote.", "A disgraceful, shocking vote."]))
            .filter { $0.technique == "Loaded_Language" }
        #expect(Set(spans.map(\.sentence)) == [1])
    }

    /// Time is printed, not asserted (house style: speed is a benchmark's report); the reading robustness tests
    /// print how reading, persuasion included, grows from n to 4n.
    @Test("a 1 MB paragraph is read through, every span at its offsets")
    func largeParagraph() {
        let unit = "The so-called reform is a shocking disaster, and our country deserves better than this. "
        let text = String(repeating: unit, count: 1_000_000 / unit.utf8.count)
        let a = article([text])
        var spans: [PersuasionSpan] = []
        let elapsed = ContinuousClock().measure { spans = PersuasionDetector().detect(a) }
        print("[persuasion] 1 MB paragraph: \(spans.count) spans in \(elapsed)")
        let scalars = Array(a.text.unicodeScalars)
        #expect(!spans.isEmpty)
        #expect(spans.allSatisfy { scalars.slice($0.start, $0.end) == $0.text })
        #expect(spans.last.map { $0.end > scalars.count - unit.unicodeScalars.count } == true,
                "spans reach the end of the paragraph")
    }
}
