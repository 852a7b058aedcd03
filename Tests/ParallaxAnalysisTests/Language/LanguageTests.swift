import Testing
@testable import ParallaxAnalysis

/// Language per paragraph, and the language mix of documents that switch language.
@Suite struct LanguageTests {
    @Test(arguments: [
        ("en", "The regional governor said on Monday that thousands of residents had been moved to shelters."),
        ("de", "Der Gouverneur sagte am Montag, dass Tausende Bewohner in Notunterkünfte gebracht worden seien."),
        ("fr", "Le gouverneur a déclaré lundi que des milliers d'habitants avaient été conduits dans des abris."),
        ("es", "El gobernador dijo el lunes que miles de residentes habían sido trasladados a refugios."),
        ("it", "Il governatore ha detto lunedì che migliaia di residenti sono stati portati nei rifugi."),
        ("pt", "O governador disse na segunda-feira que milhares de moradores foram levados para abrigos."),
        ("pl", "Gubernator powiedział w poniedziałek, że tysiące mieszkańców przewieziono do schronisk."),
        ("ru", "Губернатор заявил в понедельник, что тысячи жителей были доставлены в пункты временного размещения."),
        ("uk", "Губернатор заявив у понеділок, що тисячі мешканців були перевезені до тимчасових притулків."),
        ("da", "Guvernøren sagde mandag, at tusindvis af beboere var blevet flyttet til nødherberger."),
        ("el", "Ο κυβερνήτης δήλωσε τη Δευτέρα ότι χιλιάδες κάτοικοι μεταφέρθηκαν σε καταφύγια."),
        ("ja", "知事は月曜日、数千人の住民が避難所に移されたと述べた。"),
        ("zh", "州长周一表示，数千名居民已被转移到避难所。"),
    ])
    func identifiesNewsSentences(code: String, sentence: String) {
        #expect(Support.pipeline.languages.identifier.identify(sentence)?.code == code)
    }

    @Test func aDocumentThatSwitchesLanguageReportsBoth() {
        let paragraphs = [
            "De nyligt anerkendte republikker har formelt anmodet om militær bistand i breve offentliggjort onsdag.",
            "I dem hævder deres ledere, at aggressionen kun er steget, siden regionerne blev anerkendt tidligere på ugen.",
            "The leaders wrote separately to the president, but both letters were dated Tuesday, the agency said.",
            "They asked for help to repel what they called the military aggression of the other side.",
        ]
        let result = Support.pipeline.languages.identify(paragraphs)
        #expect(Set(result.shares.map(\.code)) == ["da", "en"])
        #expect(result.perParagraph == ["da", "da", "en", "en"])
        #expect(abs(result.shares.reduce(0) { $0 + $1.share } - 1) < 0.01)
    }

    @Test func shortHeadingsTakeTheLanguageOfTheTextAfterThem() {
        let result = Support.pipeline.languages.identify([
            "Streit um die Ursache",
            "Besonders brisant ist die Frage nach der Ursache, sagte der Minister am Dienstag in der Hauptstadt.",
        ])
        #expect(result.perParagraph == ["de", "de"])
    }
}
