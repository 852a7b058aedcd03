import Foundation
import ParallaxReport
import Testing
import ParallaxModel
@testable import ParallaxAnalysis

/// Long and hostile input through the reading stages (tokens, dates, figures, mentions, claims): every input must
/// give an article whose mentions, claims, figures and dates point inside `article.text` and that encodes as JSON,
/// without a crash or a hang.
///
/// Growth cases read a text built for size n and for 4n and print both reading times: about ×4 is linear, about
/// ×16 quadratic. That printout is a diagnostic only; nothing here asserts on time. Sizes keep each case within a
/// few seconds in a debug build.
@Suite(.serialized) struct ReadingRobustnessTests {
    static let languages = ["en", "de", "fr", "es", "it", "pt", "pl", "ru", "uk", "da", "nl", "zh", "und"]

    /// A text generator, its language and the size n it is read at (and at 4n).
    struct Growth: Sendable, CustomTestStringConvertible {
        var name: String
        var language = "en"
        var n: Int
        var make: @Sendable (Int) -> String

        init(_ name: String, _ language: String = "en", n: Int, _ make: @escaping @Sendable (Int) -> String) {
            self.name = name
            self.language = language
            self.n = n
            self.make = make
        }

        var testDescription: String { "\(name) (\(language), n=\(n))" }
    }

    // MARK: Helpers

    /// Sentences and the reading stages as `Support.read` runs them, timed separately (the segmenter is not under
    /// test, but its time must not hide the readers').
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

    /// Reads the case at n and 4n, checks both articles, prints the growth of the reading time.
    static func run(_ g: Growth, sourceLocation: SourceLocation = #_sourceLocation) {
        let small = timedRead(g.make(g.n), language: g.language)
        check(small.article, sourceLocation: sourceLocation)
        let large = timedRead(g.make(4 * g.n), language: g.language)
        check(large.article, sourceLocation: sourceLocation)
        let ratio = large.read / max(small.read, 1e-6)
        let a = large.article
        print(String(format: "[growth] %@: read %.3fs → %.3fs at 4n (×%.1f)%@; segment %.3fs → %.3fs; at 4n %d scalars, "
                     + "%d sentences, %d mentions, %d claims, %d figures, %d dates",
                     g.testDescription, small.read, large.read, ratio, ratio > 9 ? " SUPER-LINEAR" : "", small.segment,
                     large.segment, a.text.unicodeScalars.count, a.sentences.count, a.mentions.count, a.claims.count,
                     a.figures.count, a.dates.count))
    }

    static func read(_ text: String, language: String, published: String? = nil,
                     sourceLocation: SourceLocation = #_sourceLocation) -> Article {
        let article = Support.read(text, language: language, published: published)
        check(article, sourceLocation: sourceLocation)
        return article
    }

    /// The contract: every span lies inside `article.text` (Unicode-scalar offsets, 0 ≤ start ≤ end ≤ count), every
    /// reference to a sentence, claim or entity resolves, and the record encodes as JSON (a non-finite figure
    /// value makes JSONEncoder throw, and `ArticleRendering.jsonLine` then writes "{}" for the whole article).
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
        do {
            _ = try ArticleRendering.encoder(pretty: false).encode(a)
        } catch {
            Issue.record("the article does not encode as JSON: \(error)", sourceLocation: sourceLocation)
        }
    }

    /// Spans whose text is not the text at their offsets (printed; the caller decides whether to assert).
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

    /// Deterministic capitalised pseudo-words that no gazetteer knows ("Kaloru", "Vozibe").
    static func pseudoWord(_ k: Int, capitalised: Bool = true) -> String {
        let syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "be", "do", "fu", "gi", "ha", "ju", "pe", "so"]
        var x = k &* 2_654_435_761 &+ 97
        var w = ""
        for _ in 0..<3 { w += syllables[abs(x) % syllables.count]; x /= syllables.count; x = x &* 31 &+ k }
        w += String(k, radix: 36).filter(\.isLetter)
        return capitalised ? w.prefix(1).uppercased() + w.dropFirst() : w
    }

    static func repeated(_ phrase: String, toLength n: Int) -> String {
        String(String(repeating: phrase, count: n / phrase.count + 1).prefix(n))
    }

    // MARK: Long text without a sentence break

    static let longText: [Growth] = [
        Growth("200,000 characters without a full stop", n: 50_000) { n in
            repeated("the water rose along the river and the people of the valley waited on the roofs ", toLength: n)
        },
        // German capitalises its nouns: every one is tried as a place, and `AnalysedSentence.text` walks the
        // sentence from its start for each.
        Growth("50,000 characters without a full stop", "de", n: 12_500) { n in
            repeated("das Wasser stieg am Fluss und die Menschen warteten auf den Dächern ", toLength: n)
        },
        Growth("200,000 characters without a full stop", "ru", n: 50_000) { n in
            repeated("вода поднималась у реки и люди ждали на крышах домов ", toLength: n)
        },
        Growth("50,000 characters without a full stop", "fr", n: 12_500) { n in
            repeated("l'eau montait le long du fleuve et les habitants attendaient sur les toits ", toLength: n)
        },
        // Every "officials said," is an attribution: the per-verb scans of AttributionReader.
        Growth("'officials said, ' repeated", n: 3_000) { n in repeated("officials said, ", toLength: n) },
    ]

    @Test(arguments: longText) func longParagraphs(_ g: Growth) { Self.run(g) }

    // MARK: Quotation marks

    static let quotes: [Growth] = [
        Growth("bare straight quotes", n: 2_500) { n in String(repeating: "\"", count: n) },
        Growth("glued straight quotes", n: 2_500) { n in String(repeating: "\"a", count: n) },
        Growth("spaced straight quotes", n: 2_500) { n in String(repeating: "\" ", count: n) },
        // Each quotation is speech; the sentence never ends: ClaimFinder's `quoted` closure is asked for every
        // token and searches every quotation of the sentence.
        Growth("quotations in one sentence", n: 250) { n in
            (0..<n).map { _ in "“the dam will hold today” and" }.joined(separator: " ") + " Reiner said."
        },
        Growth("quoted sentences in one paragraph", n: 500) { n in
            (0..<n).map { _ in "“The dam will hold,” Reiner said." }.joined(separator: " ")
        },
        Growth("unbalanced marks of every style", n: 300) { n in
            let marks = ["“", "”", "„", "«", "»", "‹", "›", "‘", "’", "「", "」", "\"", "'", "‚"]
            return (0..<n).map { "\(marks[$0 % marks.count])word\($0 % 7) said" }.joined(separator: " ")
        },
        Growth("openers without closers", n: 1_000) { n in String(repeating: "“a b c d e ", count: n) },
        Growth("guillemets set apart", "fr", n: 200) { n in String(repeating: "« l'eau monte , a dit Reiner ", count: n) },
    ]

    @Test(arguments: quotes) func quotationMarks(_ g: Growth) { Self.run(g) }

    // MARK: Names

    static let names: [Growth] = [
        // Every capitalised word is tried as a place: `AnalysedSentence.text` walks the sentence from its start.
        Growth("5,000 capitalised pseudo-words", n: 1_250) { n in (0..<n).map { pseudoWord($0) }.joined(separator: " ") },
        Growth("one capitalised word repeated", n: 1_250) { n in String(repeating: "Reiner ", count: n) },
        Growth("known places", n: 1_250) { n in String(repeating: "Kyiv Berlin Paris ", count: n / 3) },
        Growth("two-word names, each followed by 'said'", n: 200) { n in
            (0..<n).map { "\(pseudoWord($0)) \(pseudoWord($0 + 100_000)) said" }.joined(separator: " ")
        },
        // Distinct people in separate sentences, each then a pronoun: MentionState.recentPeople and the
        // article-wide people list are searched linearly.
        Growth("people and pronouns across sentences", n: 500) { n in
            (0..<n).map { "\(pseudoWord($0)) \(pseudoWord($0 + 7_000)) said the dam held. He said it would." }
                .joined(separator: " ")
        },
        Growth("one surname, many forenames", n: 500) { n in
            (0..<n).map { "\(pseudoWord($0)) Reiner said the dam held." }.joined(separator: " ")
        },
        Growth("titles referring back", n: 500) { n in
            (0..<n).map { "Spokesman \(pseudoWord($0)) \(pseudoWord($0 + 9_000)) spoke. The spokesman said it held." }
                .joined(separator: " ")
        },
        // Each figure's claimant is looked up among all entities (ArticleReading.linkFigures).
        Growth("figures in the claims of many speakers", n: 500) { n in
            (0..<n).map { "\(pseudoWord($0)) \(pseudoWord($0 + 5_000)) said \($0 % 90 + 10) people left." }
                .joined(separator: " ")
        },
        Growth("one long capitalised word", n: 25_000) { n in "Z" + String(repeating: "a", count: n) + " said." },
        Growth("one long Cyrillic word", "ru", n: 25_000) { n in "Ж" + String(repeating: "щ", count: n) + " заявил." },
        Growth("one long word on a verb stem", "ru", n: 25_000) { n in
            "Он заяв" + String(repeating: "и", count: n) + " это."
        },
    ]

    @Test(arguments: names) func longRunsOfNames(_ g: Growth) { Self.run(g) }

    // MARK: Digits and separators

    static let digits: [Growth] = [
        Growth("one long number", n: 5_000) { n in "About " + String(repeating: "7", count: n) + " people left." },
        Growth("1.1.1.1…", n: 5_000) { n in "About " + Array(repeating: "1", count: n / 2).joined(separator: ".") + " people left." },
        Growth("1,000,000,…", n: 5_000) { n in "About 1" + String(repeating: ",000", count: n / 4) + " people left." },
        Growth("300 000 000 …", n: 5_000) { n in "About 300" + String(repeating: " 000", count: n / 4) + " people left." },
        // Every figure's text and counted words come from `AnalysedSentence.text`.
        Growth("many small figures in one sentence", n: 700) { n in
            (0..<n).map { "\($0 % 90 + 10) people" }.joined(separator: " and ") + "."
        },
    ] + [("dots", "1."), ("commas", "1,"), ("slashes", "1/"), ("colons", "1:"), ("hyphens", "1-"), ("apostrophes", "1'"),
         ("dashes", "— "), ("ellipses", "… "), ("percent signs", "1% ")].map { label, unit in
        Growth("repeated separators: \(label)", n: 2_500) { n in "They said " + String(repeating: unit, count: n / unit.count) }
    }

    @Test(arguments: digits) func digitsAndSeparators(_ g: Growth) { Self.run(g) }

    @Test func aNumberTooLargeForADoubleIsNotAnInfiniteFigure() {
        let a = Self.read("About 1" + String(repeating: ",000", count: 120) + " people left the city.", language: "en")
        #expect(a.figures.allSatisfy { $0.value.isFinite }, "\(a.figures.map(\.value))")
        let b = Self.read("Es waren 9" + String(repeating: ".999", count: 110) + " Milliarden Euro.", language: "de")
        #expect(b.figures.allSatisfy { $0.value.isFinite }, "\(b.figures.map(\.value))")
    }

    // MARK: Dates

    static let dates: [Growth] = [
        // Every date's text comes from `AnalysedSentence.text`.
        Growth("years", n: 1_250) { n in String(repeating: "2021 ", count: n) + "." },
        Growth("day month year", n: 500) { n in String(repeating: "22 February 2022, ", count: n) + "." },
        Growth("weekday dates", n: 400) { n in String(repeating: "Tuesday, 22 February, ", count: n) + "." },
        Growth("numeric dates", n: 300) { n in String(repeating: "2022-02-23 23.02.2022 02/23/2022 ", count: n) },
        Growth("relative days", n: 1_000) { n in String(repeating: "yesterday ", count: n) + "." },
        Growth("durations and offsets", n: 500) { n in String(repeating: "for 30 days three days ago ", count: n) + "." },
        Growth("weekdays and day parts", n: 400) { n in String(repeating: "on Monday morning evening night ", count: n) + "." },
    ]

    @Test(arguments: dates) func manyDatesInOneSentence(_ g: Growth) { Self.run(g) }

    /// Defaults such as .NET's DateTime.MinValue ("0001-01-01") reach `published` from real pages; a relative date
    /// resolved against them must still be a well-formed date, not "0-39" or "00-1-12-31".
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
                guard let date = d.date else { continue }
                #expect(date.wholeMatch(of: /P\d+[DWMY]|PT\d+H|\d{4,}(-\d{2}(-\d{2})?)?/) != nil,
                        "\(language), published \(published): '\(d.text)' → \(date)")
            }
        }
    }

    // MARK: Attributions

    static let attributions: [Growth] = [
        Growth("'Smith said, Jones said, …'", n: 300) { n in
            (0..<n).map { "\(["Smith", "Jones", "Reiner"][$0 % 3]) said," }.joined(separator: " ") + " the dam held."
        },
        // `decorate` scans the whole sentence for channels, hedges and refutations once per claim.
        Growth("'said said said …'", n: 150) { n in "The dam held, " + String(repeating: "said ", count: n) + "." },
        // `inverted` and `direction` count the words before every verb.
        Growth("inversions", n: 150) { n in
            (0..<n).map { _ in "the dam held, said Reiner Kovacs," }.joined(separator: " ") + " officials."
        },
        Growth("'according to' repeated", n: 300) { n in
            String(repeating: "according to officials according to Reiner Kovacs ", count: n) + "."
        },
        Growth("pronoun subjects", n: 150) { n in String(repeating: "he said she claimed they added ", count: n) + "." },
        // German clause-final verbs: the clause start is searched back to the sentence start for every verb.
        Growth("clause-final verbs without commas", "de", n: 60) { n in
            String(repeating: "die Ingenieure hätten gewarnt sagte; ", count: n) + "."
        },
        Growth("verb-second inversions", "de", n: 80) { n in String(repeating: "Am Montag sagte Peskow Berichte ", count: n) + "." },
        Growth("'— — —'", n: 2_500) { n in String(repeating: "— ", count: n) },
        Growth("'— said Reiner —'", n: 200) { n in String(repeating: "— said Reiner — the water rises ", count: n) },
        // Cubic: for every verb, `inverted` counts the words before it, calling `quoted` (which searches every
        // quotation of the sentence) on each.
        Growth("inserted attributions in quotations", "ru", n: 50) { n in
            String(repeating: "«Вода поднимается, — сказал Райнер, — но дамба выдержит», ", count: n) + "."
        },
        Growth("trailing dash attribution after many quotations", "ru", n: 500) { n in
            String(repeating: "«Вода поднимается», ", count: n) + "— сказал Райнер."
        },
    ]

    @Test(arguments: attributions) func manyAttributionsInOneSentence(_ g: Growth) { Self.run(g) }

    // MARK: Scripts, marks and line ends

    static let mixedTexts = [
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

    @Test(arguments: ReadingRobustnessTests.languages)
    func mixedScriptsCombiningMarksAndLineEnds(language: String) {
        for text in Self.mixedTexts {
            _ = Self.read(text, language: language)
            Self.check(Support.pipeline.read(plainText: text, source: "test", language: language))
        }
    }

    @Test func aHyphenatedPlaceWithACombiningMarkKeepsItsOffsets() {
        // MentionFinder.place subtracts the trimmed suffix counted in Characters from an offset in scalars.
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

    /// Seeded random sequences of the words and marks the readers react to, in every language.
    @Test(arguments: 0..<8)
    func randomSoup(seed: Int) {
        var r = FuzzTests.Random(state: UInt64(seed) &* 0x9E37_79B9 &+ 17)
        let pieces = [
            "said", "says", "told", "according to", "sagte", "sagde", "заявил", "сказал", "a dit", "dijo", "ha detto",
            "disse", "powiedział", "he", "she", "they", "er", "он", "Reiner", "Tomas", "Kovacs", "Peskow", "Kyiv",
            "Donetsk", "NATO", "UN", "Interfax", "Kremlin", "spokesman", "Sprecher", "leader", "the", "die", "that",
            "dass", "что", "que", "and", "und", "as", "saying", "quoted", "to", "zu", ",", ".", ":", ";", "?", "!", "—",
            "–", "-", "“", "”", "„", "«", "»", "\"", "'", "’", "‘", "(", ")", "1", "22", "2022", "300,000", "1,5",
            "1.1.1", "%", "$", "three", "half", "of", "February", "Monday", "yesterday", "ago", "days", "for", "last",
            "next", "about", "more than", "Mio.", "тыс.", "\u{301}", "\r\n", "\n\n", "\u{00A0}", "Mr.", "U.S.", "'s",
            "did not", "denied", "claimed", "reportedly", "no evidence", "Ministry", "Defence", "Inc.", "people",
            "President", "Ukraine's", "DNR-lederen", "3 h 40", "12:30", "Covid-19", "ca.", "2022-02-23", "23.02.2022",
            "Tuesday, 22 February", "22.", "Februar", "million", "dozen",
        ]
        for _ in 0..<40 {
            let language = Self.languages[r.int(Self.languages.count)]
            var text = ""
            for _ in 0..<(5 + r.int(150)) {
                text += r.pick(pieces)
                switch r.int(6) { case 0: break; case 1: text += ", "; default: text += " " }
            }
            _ = Self.read(text, language: language)
            Self.check(Support.pipeline.read(plainText: text, source: "soup", language: r.int(4) == 0 ? nil : language))
        }
    }
}
