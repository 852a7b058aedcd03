import Foundation
import Testing
import ParallaxModel
@testable import ParallaxAnalysis

/// Long and hostile input through the reading stages (tokens, dates, figures, mentions, claims): every input must
/// give an article whose mentions, claims, figures and dates point inside `article.text`, without a crash or a
/// hang. Times at n and 4n are printed as a diagnostic of super-linear growth (about 4× is linear, 16× quadratic);
/// nothing here asserts on time.
@Suite(.serialized) struct ReadingRobustnessTests {
    static let languages = ["en", "de", "fr", "es", "it", "pt", "pl", "ru", "uk", "da", "nl", "zh", "und"]

    // MARK: Helpers

    /// Sentences and the reading stages, timed separately (the segmenter is not under test, but its time should
    /// not hide the readers').
    static func timedRead(_ text: String, language: String, published: String? = nil)
        -> (article: Article, segment: Double, read: Double) {
        var article = Article(source: "test", format: "text")
        article.paragraphs = text.components(separatedBy: "\n\n")
        article.text = article.paragraphs.joined(separator: "\n\n")
        article.language = language
        article.published = published
        let t0 = Date()
        article.sentences = Support.pipeline.sentences(
            of: article.paragraphs, languages: Array(repeating: language, count: article.paragraphs.count))
        let t1 = Date()
        Support.pipeline.reading?.read(&article)
        let t2 = Date()
        return (article, t1.timeIntervalSince(t0), t2.timeIntervalSince(t1))
    }

    /// Reads `make(n)` and `make(4n)`, checks both, prints the growth of the reading time.
    @discardableResult
    static func growth(_ name: String, n: Int, language: String = "en", published: String? = nil,
                       sourceLocation: SourceLocation = #_sourceLocation, _ make: (Int) -> String) -> Article {
        let small = timedRead(make(n), language: language, published: published)
        check(small.article, sourceLocation: sourceLocation)
        let large = timedRead(make(4 * n), language: language, published: published)
        check(large.article, sourceLocation: sourceLocation)
        let ratio = large.read / max(small.read, 1e-6)
        print(String(format: "[growth] %@ (%@): n=%d read %.3fs, 4n read %.3fs (×%.1f)%@; segment %.3fs → %.3fs; "
                     + "%d scalars, %d sentences, %d mentions, %d claims, %d figures, %d dates",
                     name, language, n, small.read, large.read, ratio, ratio > 9 ? " SUPER-LINEAR" : "",
                     small.segment, large.segment, large.article.text.unicodeScalars.count,
                     large.article.sentences.count, large.article.mentions.count, large.article.claims.count,
                     large.article.figures.count, large.article.dates.count))
        return large.article
    }

    static func read(_ text: String, language: String, published: String? = nil,
                     sourceLocation: SourceLocation = #_sourceLocation) -> Article {
        let article = Support.read(text, language: language, published: published)
        check(article, sourceLocation: sourceLocation)
        return article
    }

    /// The contract: every span lies inside `article.text` (Unicode-scalar offsets), every reference to a sentence,
    /// claim or entity resolves, and the record encodes as JSON.
    static func check(_ a: Article, sourceLocation: SourceLocation = #_sourceLocation) {
        let n = a.text.unicodeScalars.count
        func inside(_ what: String, _ start: Int, _ end: Int) {
            #expect(0 <= start && start <= end && end <= n, "\(what) \(start)..<\(end) outside 0..<\(n)",
                    sourceLocation: sourceLocation)
        }
        for m in a.mentions { inside("mention '\(m.text.prefix(40))'", m.start, m.end) }
        for c in a.claims {
            inside("claim content", c.content.start, c.content.end)
            if let s = c.speaker { inside("claim speaker '\(s.text.prefix(40))'", s.start, s.end) }
            if let v = c.verb { inside("claim verb '\(v.text.prefix(40))'", v.start, v.end) }
            #expect(a.sentences.indices.contains(c.sentence), sourceLocation: sourceLocation)
        }
        for f in a.figures {
            inside("figure '\(f.text.prefix(40))'", f.start, f.end)
            #expect(a.sentences.indices.contains(f.sentence), sourceLocation: sourceLocation)
            if let c = f.claim { #expect(a.claims.indices.contains(c), sourceLocation: sourceLocation) }
        }
        for d in a.dates {
            inside("date '\(d.text.prefix(40))'", d.start, d.end)
            #expect(a.sentences.indices.contains(d.sentence), sourceLocation: sourceLocation)
        }
        let ids = Set(a.entities.map(\.id))
        for m in a.mentions { if let e = m.entity { #expect(ids.contains(e), sourceLocation: sourceLocation) } }
        // The record must survive JSON encoding (a non-finite figure makes JSONEncoder throw and the article is lost).
        do {
            _ = try ArticleRendering.encoder(pretty: false).encode(a)
        } catch {
            Issue.record("the article does not encode as JSON: \(error)", sourceLocation: sourceLocation)
        }
    }

    /// Spans whose text is not the text at their offsets: a diagnostic, printed, not asserted.
    @discardableResult
    static func offsetMismatches(_ a: Article, label: String) -> [String] {
        let scalars = Array(a.text.unicodeScalars)
        func slice(_ s: Int, _ e: Int) -> String {
            guard 0 <= s, s <= e, e <= scalars.count else { return "<out of range>" }
            var v = String.UnicodeScalarView()
            v.append(contentsOf: scalars[s..<e])
            return String(v)
        }
        var out: [String] = []
        for m in a.mentions where slice(m.start, m.end) != m.text {
            out.append("mention '\(m.text)' vs text '\(slice(m.start, m.end))'")
        }
        for f in a.figures where slice(f.start, f.end) != f.text {
            out.append("figure '\(f.text)' vs text '\(slice(f.start, f.end))'")
        }
        for d in a.dates where slice(d.start, d.end) != d.text {
            out.append("date '\(d.text)' vs text '\(slice(d.start, d.end))'")
        }
        for c in a.claims {
            if let v = c.verb, slice(v.start, v.end) != v.text { out.append("verb '\(v.text)' vs '\(slice(v.start, v.end))'") }
        }
        for line in out.prefix(5) { print("[offsets] \(label): \(line)") }
        return out
    }

    /// A deterministic pseudo-word generator: capitalised words no gazetteer knows.
    static func pseudoWord(_ k: Int, capitalised: Bool = true) -> String {
        let syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "be", "do", "fu", "gi", "ha", "ju", "pe", "so"]
        var x = k &* 2_654_435_761 &+ 97
        var w = ""
        for _ in 0..<3 { w += syllables[abs(x) % syllables.count]; x /= syllables.count; x = x &* 31 &+ k }
        w += String(k, radix: 36).filter(\.isLetter)
        return capitalised ? w.prefix(1).uppercased() + w.dropFirst() : w
    }

    // MARK: Long text without a sentence break

    @Test func aLongParagraphWithoutASentenceBreak() {
        let phrase = "the water rose along the river and the people of the valley waited on the roofs "
        Self.growth("200k chars, no full stop", n: 12_500) { n in
            String(String(repeating: phrase, count: n / phrase.count + 1).prefix(n))
        }
        Self.growth("200k chars, commas", n: 12_500) { n in
            String(String(repeating: "officials said, ", count: n / 16 + 1).prefix(n))
        }
    }

    @Test(arguments: ["de", "ru", "fr"])
    func aLongParagraphWithoutASentenceBreakInOtherLanguages(language: String) {
        let phrase = ["de": "das Wasser stieg am Fluss und die Menschen warteten auf den Dächern ",
                      "ru": "вода поднималась у реки и люди ждали на крышах домов ",
                      "fr": "l'eau montait le long du fleuve et les habitants attendaient sur les toits "][language]!
        Self.growth("long paragraph", n: 12_500, language: language) { n in
            String(String(repeating: phrase, count: n / phrase.count + 1).prefix(n))
        }
    }

    // MARK: Quotation marks

    @Test func tenThousandStraightQuotationMarks() {
        Self.growth("bare straight quotes", n: 2_500) { n in String(repeating: "\"", count: n) }
        Self.growth("glued straight quotes", n: 2_500) { n in String(repeating: "\"a", count: n) }
        Self.growth("spaced straight quotes", n: 2_500) { n in String(repeating: "\" ", count: n) }
    }

    @Test func manyQuotationsInOneSentence() {
        // Each quotation is speech (four words); the sentence never ends: the `quoted` closure is asked for every
        // token and searches every quotation of the sentence.
        Self.growth("quotes in one sentence", n: 500) { n in
            (0..<n).map { _ in "“the dam will hold today” and" }.joined(separator: " ") + " Reiner said."
        }
    }

    @Test func manyQuotedSentencesInOneParagraph() {
        // One paragraph, many sentences, many quotations: every sentence filters every quotation of its paragraph.
        Self.growth("quoted sentences in one paragraph", n: 500) { n in
            (0..<n).map { _ in "“The dam will hold,” Reiner said." }.joined(separator: " ")
        }
    }

    @Test func unbalancedAndMixedQuotationMarks() {
        let marks = ["“", "”", "„", "«", "»", "‹", "›", "‘", "’", "「", "」", "\"", "'", "‚"]
        Self.growth("unbalanced openers", n: 1_000) { n in
            (0..<n).map { "\(marks[$0 % marks.count])word\($0 % 7) said" }.joined(separator: " ")
        }
        Self.growth("openers without closers", n: 1_000) { n in String(repeating: "“a b c d e ", count: n) }
        Self.growth("guillemets apart", n: 1_000, language: "fr") { n in
            String(repeating: "« l'eau monte , a dit Reiner ", count: n)
        }
    }

    // MARK: Names

    @Test func aSentenceOfCapitalisedWords() {
        // Every capitalised word is tried as a place: `AnalysedSentence.text` walks the sentence from its start.
        Self.growth("capitalised pseudo-words", n: 1_250) { n in
            (0..<n).map { Self.pseudoWord($0) }.joined(separator: " ")
        }
        Self.growth("one capitalised word repeated", n: 1_250) { n in String(repeating: "Reiner ", count: n) }
        Self.growth("known places", n: 1_250) { n in String(repeating: "Kyiv Berlin Paris ", count: n / 3) }
        Self.growth("two-word names, said", n: 500) { n in
            (0..<n).map { "\(Self.pseudoWord($0)) \(Self.pseudoWord($0 + 100_000)) said" }.joined(separator: " ")
        }
    }

    @Test func manyPeopleAcrossAnArticle() {
        // Distinct people in separate sentences, each followed by a pronoun: the article-wide people list is searched
        // per pronoun, and MentionState keeps recentPeople with a linear removeAll per person mention.
        Self.growth("people and pronouns", n: 500) { n in
            (0..<n).map { "\(Self.pseudoWord($0)) \(Self.pseudoWord($0 + 7_000)) said the dam held. He said it would." }
                .joined(separator: " ")
        }
        // One surname, many first names: the entity's forms list grows and is searched linearly.
        Self.growth("one surname, many forenames", n: 500) { n in
            (0..<n).map { "\(Self.pseudoWord($0)) Reiner said the dam held." }.joined(separator: " ")
        }
        // Titles refer back through recentPeople.
        Self.growth("roles", n: 500) { n in
            (0..<n).map { "Spokesman \(Self.pseudoWord($0)) \(Self.pseudoWord($0 + 9_000)) spoke. The spokesman said it held." }
                .joined(separator: " ")
        }
    }

    @Test func aVeryLongCapitalisedWord() {
        Self.growth("one long word", n: 25_000) { n in "Z" + String(repeating: "a", count: n) + " said." }
        Self.growth("one long Cyrillic word", n: 25_000, language: "ru") { n in
            "Ж" + String(repeating: "щ", count: n) + " заявил."
        }
        Self.growth("one long stem word", n: 25_000, language: "ru") { n in
            "Он " + "заяв" + String(repeating: "и", count: n) + " это."
        }
    }

    // MARK: Digits and separators

    @Test func thousandsOfDigits() {
        Self.growth("one long number", n: 5_000) { n in "About " + String(repeating: "7", count: n) + " people left." }
        Self.growth("1.1.1.1…", n: 5_000) { n in
            "About " + Array(repeating: "1", count: n / 2).joined(separator: ".") + " people left."
        }
        Self.growth("1,000,000,…", n: 5_000) { n in
            "About 1" + String(repeating: ",000", count: n / 4) + " people left."
        }
        Self.growth("300 000 000 …", n: 5_000) { n in
            "About 300" + String(repeating: " 000", count: n / 4) + " people left."
        }
        Self.growth("many small numbers", n: 2_500) { n in
            (0..<n).map { "\($0 % 90 + 10) people" }.joined(separator: " and ") + "."
        }
    }

    @Test func aNumberTooLargeForADoubleIsNotAnInfiniteFigure() {
        let a = Self.read("About 1" + String(repeating: ",000", count: 120) + " people left the city.", language: "en")
        #expect(a.figures.allSatisfy { $0.value.isFinite }, "\(a.figures.map(\.value))")
        let b = Self.read("Es waren 9" + String(repeating: ".999", count: 110) + " Milliarden Euro.", language: "de")
        #expect(b.figures.allSatisfy { $0.value.isFinite }, "\(b.figures.map(\.value))")
    }

    @Test func repeatedSeparators() {
        for (label, unit) in [("dots", "1."), ("commas", "1,"), ("slashes", "1/"), ("colons", "1:"), ("hyphens", "1-"),
                              ("apostrophes", "1'"), ("dashes", "— "), ("ellipses", "… "), ("percent", "1% ")] {
            Self.growth(label, n: 2_500) { n in "They said " + String(repeating: unit, count: n / unit.count) }
        }
    }

    // MARK: Dates

    @Test func manyDatesInOneSentence() {
        Self.growth("years", n: 1_250) { n in String(repeating: "2021 ", count: n) + "." }
        Self.growth("day month year", n: 500) { n in String(repeating: "22 February 2022, ", count: n) + "." }
        Self.growth("weekday dates", n: 500) { n in String(repeating: "Tuesday, 22 February, ", count: n) + "." }
        Self.growth("numeric dates", n: 500) { n in String(repeating: "2022-02-23 23.02.2022 02/23/2022 ", count: n) }
        Self.growth("relative days", n: 1_000) { n in String(repeating: "yesterday ", count: n) + "." }
        Self.growth("durations", n: 500) { n in String(repeating: "for 30 days three days ago ", count: n) + "." }
        Self.growth("weekdays and day parts", n: 500) { n in
            String(repeating: "on Monday morning evening night ", count: n) + "."
        }
    }

    @Test(arguments: ["0000-01-01", "0001-01-01", "9999-12-31", "2024-02-29", "2023-02-29", "not a date", "2022-13-01",
                      "999999-1-1"])
    func hostilePublicationDates(published: String) {
        let text = """
            Three months ago, on Monday, last Friday and yesterday the river rose; 40 years ago too. \
            On 28 December and on 22 February 2022 it fell. Two days later, for 30 days, next Tuesday.
            """
        for language in ["en", "de", "fr", "ru"] {
            let a = Self.read(text, language: language, published: published)
            for d in a.dates {
                if let date = d.date {
                    #expect(date.wholeMatch(of: /P\d+[DWMY]|PT\d+H|-?\d{4,}(-\d{2}(-\d{2})?)?/) != nil,
                            "\(language) \(published): '\(d.text)' → \(date)")
                }
            }
        }
    }

    // MARK: Attributions

    @Test func manyReportingVerbsInOneSentence() {
        // `direction` counts the words before every verb; `inverted` too; `isBoundary` scans every attribution.
        Self.growth("Smith said, Jones said, …", n: 300) { n in
            (0..<n).map { "\(["Smith", "Jones", "Reiner"][$0 % 3]) said," }.joined(separator: " ") + " the dam held."
        }
        Self.growth("said said said", n: 500) { n in "The dam held, " + String(repeating: "said ", count: n) + "." }
        Self.growth("inversions", n: 300) { n in
            (0..<n).map { _ in "the dam held, said Reiner Kovacs," }.joined(separator: " ") + " officials."
        }
        Self.growth("according to", n: 300) { n in
            String(repeating: "according to officials according to Reiner Kovacs ", count: n) + "."
        }
        Self.growth("pronouns", n: 300) { n in String(repeating: "he said she claimed they added ", count: n) + "." }
    }

    @Test func manyVerbsInAGermanSentenceWithoutCommas() {
        // German clause-final verbs: the clause start is searched back to the start of the sentence for every verb.
        Self.growth("Peter sagte; …", n: 300, language: "de") { n in
            String(repeating: "die Ingenieure hätten gewarnt sagte; ", count: n) + "."
        }
        Self.growth("verb-second", n: 300, language: "de") { n in
            String(repeating: "Am Montag sagte Peskow Berichte ", count: n) + "."
        }
    }

    @Test func dashesAroundAttributions() {
        Self.growth("— — —", n: 2_500) { n in String(repeating: "— ", count: n) }
        Self.growth("— said Reiner —", n: 500) { n in String(repeating: "— said Reiner — the water rises ", count: n) }
        Self.growth("Russian inserted attributions", n: 300, language: "ru") { n in
            String(repeating: "«Вода поднимается, — сказал Райнер, — но дамба выдержит», ", count: n) + "."
        }
        Self.growth("trailing dash attribution", n: 500, language: "ru") { n in
            String(repeating: "«Вода поднимается», ", count: n) + "— сказал Райнер."
        }
    }

    // MARK: Scripts, marks and line ends

    @Test(arguments: ReadingRobustnessTests.languages)
    func mixedScriptsCombiningMarksAndLineEnds(language: String) {
        let texts = [
            "Kyiv-ba\u{301}sed officials said the Donezk-re\u{301}gion dam was safe.",
            "Re\u{301}ne\u{301} Dupont said: \u{201C}l'e\u{301}au monte\u{201D}.\r\nHe added that \"it holds\".\r\n\r\nDone.",
            "Путин said «Киев\u{301} и Berlin» 22 февраля 2022 года; 習近平 said 「水が上がる」.",
            "\u{301}\u{301}\u{301} said \u{301}Reiner\u{301} \u{0308}\u{0308}.",
            "السيد أحمد قال إن 300٬000 شخص غادروا ٢٠٢٢ يوم الاثنين",
            "१२३ लोग said ३०० हज़ार . Ｒｅｉｎｅｒ said ２０２２ ．",
            "👨‍👩‍👧 Reiner 🇺🇦 said “👍🏽 the dam 🏳️‍🌈 holds” on 🗓 Monday.",
            "\u{200B}Reiner\u{200B} said\u{00A0}\u{202F}300\u{202F}000 people\u{2028}left\u{2029}today.",
            "Reiner said\r\r\r\n\n\n\r\n“a\r\nb\r\nc\r\nd”",
            "\u{FEFF}\u{FFFD}\u{0}\u{1B}[31m Reiner said \u{7F} it \u{FFFF} held.",
        ]
        for text in texts {
            let a = Self.read(text, language: language)
            Self.offsetMismatches(a, label: "\(language) \(text.prefix(20).debugDescription)")
            let b = Support.pipeline.read(plainText: text, source: "test", language: language)
            Self.check(b)
            Self.offsetMismatches(b, label: "plainText \(language) \(text.prefix(20).debugDescription)")
        }
    }

    @Test func aHyphenatedPlaceWithACombiningMarkKeepsItsOffsets() {
        // The mention's end is the token's end minus the trimmed suffix counted in Characters, not scalars.
        let a = Self.read("Kyiv-ba\u{301}sed officials said the dam was safe.", language: "en")
        #expect(Self.offsetMismatches(a, label: "hyphenated place").isEmpty)
    }

    @Test(arguments: ["", " ", "\n", "\r\n", "\n\n", "\r\n\r\n", "a", "\"", "“", "«»", "„“", "''", "—", "...", "1", "1.",
                      ".1", "said", "Said.", "\"said\"", "— said", "said —", "according to", "According to.", "he said",
                      "He", "2022", "22", "February", "Monday", "yesterday", "ago", "three", "half", "$", "$1", "1%",
                      "%", "Mr.", "Dr. X", "U.S.", "'s", "’s", "-s", "X's", "Kyiv's", "DNR-lederen", "A-", "-A", "\u{301}",
                      "\u{301}said", "a\u{301}", "«", "»", "« »", "“ ”", "\" \"", ", said", ", said X", "X, said"])
    func tinyInputs(text: String) {
        for language in Self.languages {
            _ = Self.read(text, language: language)
            _ = Self.read(text + " " + text + ". " + text, language: language)
            Self.check(Support.pipeline.read(plainText: text, source: "test", language: language))
        }
        Self.check(Support.pipeline.read(plainText: text, source: "test", language: nil))
    }

    // MARK: Random soup

    /// Seeded random sequences of the pieces the readers react to.
    @Test(arguments: 0..<8)
    func randomSoup(seed: Int) {
        var r = FuzzTests.Random(state: UInt64(seed) &* 0x9E37_79B9 &+ 17)
        let pieces = [
            "said", "says", "told", "according to", "sagte", "заявил", "a dit", "dijo", "ha detto", "disse", "powiedział",
            "sagde", "he", "she", "they", "Reiner", "Tomas", "Kovacs", "Kyiv", "Donetsk", "NATO", "UN", "Interfax",
            "Kremlin", "spokesman", "the", "that", "dass", "что", "que", ",", ".", ":", ";", "?", "!", "—", "–", "-",
            "“", "”", "„", "«", "»", "\"", "'", "’", "‘", "(", ")", "1", "22", "2022", "300,000", "1,5", "1.1.1", "%",
            "$", "three", "half", "of", "February", "Monday", "yesterday", "ago", "days", "for", "last", "next",
            "about", "more than", "Mio.", "тыс.", "\u{301}", "\r\n", "\n\n", "\u{00A0}", "Mr.", "U.S.", "'s", "did not",
            "denied", "claimed", "reportedly", "no evidence", "Ministry", "of", "Defence", "Inc.", "people",
        ]
        for round in 0..<6 {
            let language = Self.languages[r.int(Self.languages.count)]
            let count = 50 + r.int(400)
            var text = ""
            for _ in 0..<count {
                text += r.pick(pieces)
                text += r.int(4) == 0 ? "" : " "
            }
            let a = Self.read(text, language: language)
            _ = round
            _ = a
            Self.check(Support.pipeline.read(plainText: text, source: "soup", language: r.int(3) == 0 ? nil : language))
        }
    }
}

// TEMPORARY profiling hook (to be removed).
@Suite struct ReadingProfileScratch {
    @Test func profileCase() {
        guard let name = ProcessInfo.processInfo.environment["PX_CASE"] else { return }
        let n = Int(ProcessInfo.processInfo.environment["PX_N"] ?? "") ?? 1000
        let cases: [String: (String, String)] = [
            "commas": ("en", String(repeating: "officials said, ", count: n)),
            "quotes": ("en", (0..<n).map { _ in "“the dam will hold today” and" }.joined(separator: " ") + " Reiner said."),
            "unbalanced": ("en", (0..<n).map { "\(["“", "”", "„", "«", "»", "‹", "›", "‘", "’", "「", "」", "\"", "'", "‚"][$0 % 14])word\($0 % 7) said" }.joined(separator: " ")),
            "guillemets": ("fr", String(repeating: "« l'eau monte , a dit Reiner ", count: n)),
            "names": ("en", (0..<n).map { "\(ReadingRobustnessTests.pseudoWord($0)) \(ReadingRobustnessTests.pseudoWord($0 + 100_000)) said" }.joined(separator: " ")),
            "numbers": ("en", (0..<n).map { "\($0 % 90 + 10) people" }.joined(separator: " and ") + "."),
            "years": ("en", String(repeating: "2021 ", count: n) + "."),
            "saidsaid": ("en", "The dam held, " + String(repeating: "said ", count: n) + "."),
            "inversions": ("en", (0..<n).map { _ in "the dam held, said Reiner Kovacs," }.joined(separator: " ") + " officials."),
            "according": ("en", String(repeating: "according to officials according to Reiner Kovacs ", count: n) + "."),
            "pronouns": ("en", String(repeating: "he said she claimed they added ", count: n) + "."),
            "sagte": ("de", String(repeating: "die Ingenieure hätten gewarnt sagte; ", count: n) + "."),
            "v2": ("de", String(repeating: "Am Montag sagte Peskow Berichte ", count: n) + "."),
            "dashsaid": ("en", String(repeating: "— said Reiner — the water rises ", count: n)),
            "ruinserted": ("ru", String(repeating: "«Вода поднимается, — сказал Райнер, — но дамба выдержит», ", count: n) + "."),
            "smithjones": ("en", (0..<n).map { "\(["Smith", "Jones", "Reiner"][$0 % 3]) said," }.joined(separator: " ") + " the dam held."),
        ]
        guard let (language, text) = cases[name] else { return }
        let t0 = Date()
        let a = ReadingRobustnessTests.timedRead(text, language: language)
        print("[profile] \(name) n=\(n): read \(a.read)s total \(Date().timeIntervalSince(t0))s")
    }
}
