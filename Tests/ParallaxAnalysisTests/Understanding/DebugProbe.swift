import Foundation
import Testing
import ParallaxModel
@testable import ParallaxAnalysis

@Test func debugProbe() {
    for (lang, text) in [("ru", "Директор компании-оператора Павел Лисицын утверждает, что плотина была в исправном состоянии.")] {
        let a = Support.read(text, language: lang)
        print(a.mentions.map { "\($0.text) \($0.kind) \($0.entity ?? "") \($0.start)" })
        print(a.entities)
        let rules = LanguageKit.shipped.rules(for: lang)
        let s = AnalysedSentence(index: 0, sentence: a.sentences[0], rules: rules)
        print(rules.personTitles.match(s.tokens, at: 2) as Any, rules.honorifics.match(s.tokens, at: 2) as Any)
    }
}
