import Foundation
import Testing
import ParallaxModel
@testable import ParallaxAnalysis

@Test func debugProbe() {
    let rules = LanguageKit.shipped.rules(for: "de")
    let text = "eine Inspektion hatte am 22. Februar stattgefunden."
    let s = AnalysedSentence(index: 0, sentence: Sentence(text: text, start: 0, end: text.unicodeScalars.count, paragraph: 0, language: "de"), rules: rules)
    print(DateReader().read(s).map { "\($0.value) \($0.from)-\($0.to)" })
    print(s.tokens[4].dayOfMonth as Any)
}
