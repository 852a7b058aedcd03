import Testing
@testable import ParallaxAnalysis

/// Folding and transliteration that later stages use to match names across spellings and scripts.
@Suite struct NormaliserTests {
    @Test(arguments: [("ＡＢＣ Straße ﬁ Ⅻ", "abc strasse fi xii"), ("KYIV", "kyiv"), ("Київ", "київ")])
    func foldsCaseAndCompatibilityForms(input: String, folded: String) {
        #expect(TextNormaliser.fold(input) == folded)
    }

    @Test(arguments: ["Straße", "ＡＢＣ", "Пе́сков", "İstanbul", "ΟΔΗΓΟΣ"])
    func foldingIsIdempotent(input: String) {
        let once = TextNormaliser.fold(input)
        #expect(TextNormaliser.fold(once) == once)
    }

    @Test(arguments: [("Владимир Путин", "Vladimir Putin"), ("Київ", "Kiiv"), ("Ολυμπιακός", "Olympiakos"),
                      ("Łódź", "Lodz")])
    func transliteratesToASCII(input: String, latin: String) {
        #expect(TextNormaliser.latinASCII(input) == latin)
    }

    @Test(arguments: [("1. Skip to content:", "skip to content"), ("- BBC News World", "bbc news world"),
                      ("•  Read more »", "read more")])
    func lineKeysDropBulletsAndTrailingPunctuation(input: String, key: String) {
        #expect(TextNormaliser.lineKey(input) == key)
    }

    @Test func whitespaceCollapseHandlesUnicodeSpaces() {
        #expect(Whitespace.collapse("  a\u{00A0}\u{2009}b\n\tc\u{200B} ") == "a b c")
    }
}
