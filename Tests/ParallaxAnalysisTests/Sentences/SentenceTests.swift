import Testing
import ParallaxModel
@testable import ParallaxAnalysis

/// Sentence segmentation and the offsets every later stage relies on.
@Suite struct SentenceTests {
    let segmenter = ICUSentenceSegmenter()

    func split(_ text: String, _ language: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return segmenter.sentences(in: text, language: language).map { range in
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[range])
            return String(view)
        }
    }

    @Test func abbreviationsDoNotEndSentences() {
        #expect(split("Mr. Jones arrived in the U.S. on Jan. 5 with Dr. Smith. He left on Friday.", "en") == [
            "Mr. Jones arrived in the U.S. on Jan. 5 with Dr. Smith.", "He left on Friday.",
        ])
    }

    @Test(arguments: [
        ("ja", "知事は避難を指示した。住民は学校に集まった。", 2),
        ("zh", "州长下令疏散。居民聚集在学校。", 2),
        ("de", "Der Minister sprach z. B. über die Lage. Danach reiste er ab.", 2),
        ("ru", "Губернатор выступил в 10 ч. утра. Затем он уехал.", 2),
    ])
    func splitsInManyLanguages(language: String, text: String, count: Int) {
        #expect(split(text, language).count == count)
    }

    @Test func articleOffsetsPointAtTheSentenceText() throws {
        let article = try Support.analyse(text: """
            Harbour strike ends after eleven hours of talks
            Ferry crews returned to work on Saturday after the union accepted a new offer. Crossings resume at noon.
            “We got what we asked for,” the union’s spokeswoman said. Passengers cheered at the terminal.
            """)
        let scalars = Array(article.text.unicodeScalars)
        #expect(article.sentences.count == 4)
        for sentence in article.sentences {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[sentence.start..<sentence.end])
            #expect(String(view) == sentence.text)
        }
        #expect(article.sentences.map(\.paragraph) == [0, 0, 1, 1])
    }
}
