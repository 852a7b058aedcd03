import Testing
@testable import ParallaxAnalysis

/// Every charset a news page comes in must decode to the exact original text, declared or not.
@Suite struct CharsetMatrixTests {
    struct Sample: Sendable, CustomTestStringConvertible {
        var charset: String
        var text: String
        var testDescription: String { charset }
    }

    static let russian = """
        Власти региона сообщили во вторник, что эвакуация жителей прибрежных сёл продолжается третий день подряд. \
        По словам губернатора, в пунктах временного размещения находятся около двенадцати тысяч человек, \
        а спасатели продолжают поиски пропавших. «Мы делаем всё возможное», — заявил он журналистам.
        """
    /// KOI8-R and ISO-8859-5 have no guillemets or dashes.
    static let plainRussian = russian.replacingOccurrences(of: "«", with: "\"").replacingOccurrences(of: "»", with: "\"")
        .replacingOccurrences(of: "—", with: "-")
    static let samples: [Sample] = [
        Sample(charset: "windows-1251", text: russian),
        Sample(charset: "KOI8-R", text: plainRussian),
        Sample(charset: "ISO-8859-5", text: plainRussian),
        Sample(charset: "windows-1252", text: """
            Die Behörden in Köln teilten am Dienstag mit, dass die Brücke über den Fluss für drei Wochen gesperrt \
            bleibt. Fußgänger müssen einen Umweg über die nördliche Fähre nehmen, hieß es. „Wir bitten um \
            Verständnis“, sagte eine Sprecherin der Stadt. Les élèves français visiteront l'exposition à Noël.
            """),
        Sample(charset: "ISO-8859-2", text: """
            Władze miasta poinformowały we wtorek, że most na rzece pozostanie zamknięty przez trzy tygodnie. \
            Piesi muszą korzystać z objazdu przez północną przeprawę promową, a kierowcy z obwodnicy. \
            Rzeczniczka urzędu powiedziała, że prace remontowe zakończą się przed końcem miesiąca.
            """),
        Sample(charset: "ISO-8859-7", text: """
            Οι αρχές της πόλης ανακοίνωσαν την Τρίτη ότι η γέφυρα θα παραμείνει κλειστή για τρεις εβδομάδες. \
            Οι πεζοί πρέπει να χρησιμοποιούν την παράκαμψη μέσω του βόρειου πορθμείου, είπε η εκπρόσωπος.
            """),
        Sample(charset: "Shift_JIS", text: """
            市当局は火曜日、川に架かる橋を三週間通行止めにすると発表した。歩行者は北側のフェリーを利用して迂回する\
            必要がある。市の広報担当者は「ご理解をお願いしたい」と述べた。工事は月末までに終わる見通しだという。
            """),
        Sample(charset: "EUC-JP", text: """
            市当局は火曜日、川に架かる橋を三週間通行止めにすると発表した。歩行者は北側のフェリーを利用して迂回する\
            必要がある。市の広報担当者は「ご理解をお願いしたい」と述べた。工事は月末までに終わる見通しだという。
            """),
        Sample(charset: "GB18030", text: """
            市政府周二宣布，横跨河流的大桥将封闭三周。行人必须通过北面的渡轮绕行。市政府发言人表示：“请大家理解。”\
            据悉，维修工程预计将在月底前完成，届时大桥将恢复通行。当地居民对此表示关注。
            """),
        Sample(charset: "Big5", text: """
            市政府週二宣布，橫跨河流的大橋將封閉三週。行人必須通過北面的渡輪繞行。市政府發言人表示：「請大家理解。」\
            據悉，維修工程預計將在月底前完成，屆時大橋將恢復通行。當地居民對此表示關注。
            """),
        Sample(charset: "EUC-KR", text: """
            시 당국은 화요일 강을 가로지르는 다리를 3주 동안 폐쇄한다고 발표했다. 보행자는 북쪽 여객선을 이용해 \
            우회해야 한다. 시 대변인은 "양해를 부탁드린다"고 말했다. 공사는 이달 말까지 끝날 예정이다.
            """),
        Sample(charset: "UTF-16LE", text: russian),
        Sample(charset: "UTF-16BE", text: russian),
    ]

    static func page(_ text: String, declaring charset: String?) -> String {
        let meta = charset.map { "<meta charset=\"\($0)\">" } ?? ""
        return "<html><head>\(meta)<title>Bridge</title></head><body><article><p>\(text)</p></article></body></html>"
    }

    @Test("declared in <meta charset>", arguments: samples)
    func declaredPagesDecodeExactly(_ sample: Sample) throws {
        try expectRoundTrip(Self.page(sample.text, declaring: sample.charset), sample, markup: true)
    }

    @Test("undeclared page", arguments: samples)
    func undeclaredPagesAreDetected(_ sample: Sample) throws {
        try expectRoundTrip(Self.page(sample.text, declaring: nil), sample, markup: true)
    }

    @Test("undeclared text dump", arguments: samples)
    func undeclaredTextIsDetected(_ sample: Sample) throws {
        try expectRoundTrip(sample.text, sample, markup: false)
    }

    @Test(arguments: ["UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE"])
    func byteOrderMarksWin(charset: String) throws {
        let bom: [String: [UInt8]] = ["UTF-8": [0xEF, 0xBB, 0xBF], "UTF-16LE": [0xFF, 0xFE], "UTF-16BE": [0xFE, 0xFF],
                                       "UTF-32LE": [0xFF, 0xFE, 0, 0]]
        let bytes = bom[charset]! + CharsetEncoder.encode(Self.russian, as: charset)!
        let decoded = try ICUCharsetDecoder().decode(bytes, markup: false, source: "t")
        #expect(decoded.text == Self.russian)
        #expect(decoded.evidence == .bom)
    }

    @Test func utf8WinsOverAWrongDeclaration() throws {
        let html = Self.page(Self.russian, declaring: "windows-1252")
        let decoded = try ICUCharsetDecoder().decode(Array(html.utf8), markup: true, source: "t")
        #expect(decoded.charset == "UTF-8")
        #expect(decoded.text.contains(Self.russian))
    }

    @Test(arguments: ["cp-1251", "win-1251", "WINDOWS-1251", "x-cp1251"])
    func charsetLabelAliasesAreUnderstood(label: String) throws {
        var bytes = Array("<html><head><meta charset=\"\(label)\"></head><body><p>".utf8)
        bytes += CharsetEncoder.encode(Self.russian, as: "windows-1251")!
        let decoded = try ICUCharsetDecoder().decode(bytes, markup: true, source: "t")
        #expect(decoded.text.contains(Self.russian))
    }

    func expectRoundTrip(_ text: String, _ sample: Sample, markup: Bool) throws {
        let bytes = try #require(CharsetEncoder.encode(text, as: sample.charset))
        let decoded = try ICUCharsetDecoder().decode(bytes, markup: markup, source: "sample")
        #expect(decoded.text.contains(sample.text), "decoded as \(decoded.charset) (\(decoded.evidence))")
        #expect(!decoded.text.contains("\u{FFFD}"))
    }

    @Test func emptyAndBinaryInputsAreClearErrors() {
        expectParallaxError("input.empty") { _ = try ICUCharsetDecoder().decode([], markup: false, source: "empty.txt") }
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0, count: 200)
        expectParallaxError("input.binary") { _ = try ICUCharsetDecoder().decode(png, markup: false, source: "image.txt") }
    }
}
