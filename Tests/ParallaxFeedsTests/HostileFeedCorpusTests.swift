import Foundation
import Testing
import ParallaxAnalysis
import ParallaxModel
@testable import ParallaxFeeds

/// A corpus of malformed and hostile feeds, built here: each one ends as a feed or a named error, within a time
/// bound, and where the right reading is known it is checked. (The HTTP-level cases — bombs, redirects, slow
/// servers — belong to the fetcher.)
@Suite struct HostileFeedCorpusTests {
    struct Case {
        var name: String
        var bytes: [UInt8]
        /// What a correct reading gives, when there is one to check.
        var check: ((Result<Feed, ParallaxError>) -> Bool)?
    }

    static let rss = """
        <?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Valley News</title><link>https://v.example/</link>\
        <item><title>Dam breach</title><link>https://v.example/dam</link><guid>d1</guid><pubDate>Tue, 14 Mar 2031 10:00:00 GMT</pubDate>\
        <description>The dam broke.</description></item><item><title>Bridge</title><link>/bridge</link><guid>b1</guid></item></channel></rss>
        """
    static let atom = """
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><entry><id>1</id><title>One</title>\
        <link href="https://a.example/1"/><updated>2031-03-14T10:00:00Z</updated></entry></feed>
        """
    static let json = """
        {"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [{"id": "1", "url": "https://j.example/1", "title": "One"}]}
        """

    static func ok(_ check: @escaping (Feed) -> Bool) -> (Result<Feed, ParallaxError>) -> Bool {
        { if case .success(let feed) = $0 { return check(feed) } else { return false } }
    }
    static func refused(_ result: Result<Feed, ParallaxError>) -> Bool { if case .failure = result { return true } else { return false } }

    static var corpus: [Case] {
        var cases: [Case] = []
        func add(_ name: String, _ text: String, _ check: ((Result<Feed, ParallaxError>) -> Bool)? = nil) {
            cases.append(Case(name: name, bytes: Array(text.utf8), check: check))
        }
        // Truncated at 20 points each.
        for (format, text) in [("rss", rss), ("atom", atom), ("json", json)] {
            let bytes = Array(text.utf8)
            for k in 1...20 { cases.append(Case(name: "\(format) cut at \(k)/21", bytes: Array(bytes.prefix(bytes.count * k / 21)), check: nil)) }
        }
        // Encodings, declared, undeclared and wrongly declared: the title must read "Zürich – café".
        let title = "Zürich – café"
        func encoded(_ charset: String, declare: String?) -> [UInt8] {
            let declaration = declare.map { "<?xml version=\"1.0\" encoding=\"\($0)\"?>" } ?? ""
            let text = declaration + "<rss><channel><title>\(title)</title><item><title>\(title)</title><link>https://e.example/1</link></item></channel></rss>"
            return CharsetEncoder.encode(text, as: charset) ?? []
        }
        let readsTitle = ok { $0.title == title && $0.items.first?.title == title }
        for (charset, declared) in [("windows-1252", "windows-1252"), ("windows-1252", nil), ("windows-1252", "ISO-8859-1"),
                                    ("UTF-8", "ISO-8859-1"), ("UTF-8", nil), ("UTF-8", "UTF-8")] as [(String, String?)] {
            cases.append(Case(name: "\(charset) declared \(declared ?? "nowhere")", bytes: encoded(charset, declare: declared), check: readsTitle))
        }
        cases.append(Case(name: "UTF-8 with BOM", bytes: [0xEF, 0xBB, 0xBF] + encoded("UTF-8", declare: nil), check: readsTitle))
        cases.append(Case(name: "UTF-16LE with BOM", bytes: [0xFF, 0xFE] + (CharsetEncoder.encode(String(decoding: encoded("UTF-8", declare: "UTF-16"), as: UTF8.self), as: "UTF-16LE") ?? []), check: readsTitle))
        cases.append(Case(name: "UTF-16BE with BOM", bytes: [0xFE, 0xFF] + (CharsetEncoder.encode(String(decoding: encoded("UTF-8", declare: "UTF-16"), as: UTF8.self), as: "UTF-16BE") ?? []), check: readsTitle))
        let russian = "<?xml version=\"1.0\" encoding=\"KOI8-R\"?><rss><channel><title>Новости дня</title></channel></rss>"
        cases.append(Case(name: "KOI8-R declared", bytes: CharsetEncoder.encode(russian, as: "KOI8-R") ?? [], check: ok { $0.title == "Новости дня" }))
        let japanese = "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><rss><channel><title>今日のニュース</title></channel></rss>"
        cases.append(Case(name: "Shift_JIS declared", bytes: CharsetEncoder.encode(japanese, as: "Shift_JIS") ?? [], check: ok { $0.title == "今日のニュース" }))
        // Entity and DTD attacks: refused, or read without expansion or any file read.
        add("billion laughs", "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><rss><channel><title>&c;&c;&c;</title></channel></rss>", refused)
        add("quadratic blow-up", "<!DOCTYPE r [<!ENTITY x \"" + String(repeating: "x", count: 50_000) + "\">]><rss><channel><title>" + String(repeating: "&x;", count: 5_000) + "</title></channel></rss>", refused)
        add("external entity", "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss><channel><title>&x;</title></channel></rss>", refused)
        add("external parameter entity", "<!DOCTYPE r [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/evil.dtd\"> %p;]><rss><channel><title>t</title></channel></rss>", refused)
        add("lower-case entity keyword", "<!DOCTYPE r [<!entity x \"y\">]><rss><channel><title>&x;</title></channel></rss>") { result in
            if case .success(let feed) = result { return feed.title?.contains("root:") != true } else { return true }
        }
        add("external DTD subset", "<!DOCTYPE rss SYSTEM \"http://127.0.0.1:9/rss.dtd\"><rss><channel><title>T</title></channel></rss>", ok { $0.title == "T" })
        add("undefined entity", "<rss><channel><title>a &nbsp; b &undefined; c</title></channel></rss>")
        add("XInclude", "<rss xmlns:xi=\"http://www.w3.org/2001/XInclude\"><channel><title>T</title><xi:include href=\"file:///etc/passwd\" parse=\"text\"/></channel></rss>",
            ok { $0.title == "T" })
        // Huge fields and counts.
        add("10 MB title", "<rss><channel><title>" + String(repeating: "t", count: 10_000_000) + "</title></channel></rss>", ok { $0.title?.count == 1_000 })
        add("10 MB description", "<rss><channel><item><title>x</title><description>" + String(repeating: "d ", count: 5_000_000) + "</description></item></channel></rss>",
            ok { ($0.items.first?.summary?.count ?? 0) <= 1_000_000 })
        add("20,000 items", "<rss><channel>" + String(repeating: "<item><title>i</title><link>https://i.example/</link></item>", count: 20_000) + "</channel></rss>",
            ok { $0.items.count == 5_000 })
        add("1 MB attribute", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><link href=\"https://a.example/" + String(repeating: "a", count: 1_000_000) + "\"/></entry></feed>")
        add("nested 10,000 deep", "<rss><channel>" + String(repeating: "<div>", count: 10_000) + "</channel></rss>")
        add("nested 100,000 deep", "<rss><channel>" + String(repeating: "<div>", count: 100_000) + "</channel></rss>")
        add("17 MB feed", String(repeating: " ", count: 17 << 20) + "<rss/>", refused)
        // Items missing parts, duplicates.
        add("item without link or date", "<rss><channel><item><title>T</title></item></channel></rss>", ok { $0.items.count == 1 && $0.items[0].link == nil })
        add("item without title", "<rss><channel><item><link>https://n.example/1</link></item></channel></rss>", ok { $0.items[0].title == nil })
        add("empty item", "<rss><channel><item/></channel></rss>", ok { $0.items.count == 1 })
        add("duplicate guids", "<rss><channel><item><guid>g</guid><link>https://d.example/1</link></item><item><guid>g</guid><link>https://d.example/2</link></item></channel></rss>",
            ok { $0.items.map(\.key) == ["g", "g"] && $0.items.map(\.link) == ["https://d.example/1", "https://d.example/2"] })
        add("guid that is not a permalink", "<rss><channel><item><guid isPermaLink=\"false\">https://x.example/1</guid></item></channel></rss>",
            ok { $0.items[0].link == nil })
        add("channel without items", "<rss><channel><title>T</title></channel></rss>", ok { $0.items.isEmpty })
        add("rss without channel", "<rss version=\"2.0\"><item><title>x</title></item></rss>", refused)
        // Not feeds.
        add("empty", "", refused)
        add("whitespace", "   \n\t  ", refused)
        add("HTML page", "<!DOCTYPE html><html><head><title>Home</title></head><body><p>Hi</p></body></html>", refused)
        add("SVG", "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>x</title></svg>", refused)
        add("JSON array", "[1, 2, 3]", refused)
        add("JSON without version", "{\"title\": \"x\", \"items\": []}", refused)
        add("JSON Feed, items not an array", "{\"version\": \"https://jsonfeed.org/version/1\", \"items\": \"no\"}", ok { $0.items.isEmpty })
        add("JSON Feed, items of strings", "{\"version\": \"https://jsonfeed.org/version/1\", \"items\": [\"a\", 1, null]}", ok { $0.items.isEmpty })
        add("JSON Feed, wrong types", "{\"version\": \"https://jsonfeed.org/version/1\", \"title\": 5, \"items\": [{\"id\": [1], \"url\": 7, \"title\": {}, \"date_published\": 1}]}",
            ok { $0.title == nil && $0.items.count == 1 && $0.items[0].link == nil })
        add("JSON nested deep", "{\"version\": \"https://jsonfeed.org/version/1\", \"items\": " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}")
        add("plain text", "This is not a feed at all.", refused)
        var state: UInt64 = 42
        for k in 0..<20 {
            var bytes: [UInt8] = []
            for _ in 0..<(64 + k * 97) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes.append(UInt8(truncatingIfNeeded: state >> 56))
            }
            cases.append(Case(name: "random bytes \(k)", bytes: bytes, check: nil))
        }
        cases.append(Case(name: "PNG", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 100), check: refused))
        cases.append(Case(name: "NUL bytes inside", bytes: Array("<rss><channel><title>a".utf8) + [0, 0, 0] + Array("b</title></channel></rss>".utf8), check: nil))
        // Dates as feeds break them.
        for date in ["", "0", "Tue, 32 Mar 2031 10:00:00 GMT", "Tue, 14 Foo 2031", "2031-13-01", "2031-03-14T25:00:00Z",
                     "14/03/2031", "Tue, 14 Mar 2031 10:00:00 +9999", "9999999999", "Tue, 14 Mar 10000 10:00:00 GMT",
                     "2031-03-14T10:00:00+25:00", "Mon, 14 Mar 2031 10:61:00 GMT", "-1", "T", "2031", "Mar 14", ":::",
                     "Tue,, 14  Mar   2031", "2031-03-14T10:00:00.999999999999Z", String(repeating: "9", count: 500)] {
            add("date \(date.prefix(30))", "<rss><channel><item><title>d</title><pubDate>\(date)</pubDate></item></channel></rss>",
                ok { feed in feed.items[0].published.map { FeedDates.iso($0) != nil || $0.count == 10 } ?? true })
        }
        // Link schemes and forms.
        for (link, expected) in [("javascript:alert(1)", nil), ("data:text/html,x", nil), ("file:///etc/passwd", nil),
                                 ("mailto:a@b.example", nil), ("//cdn.example/x", "https://cdn.example/x"),
                                 ("/path", "https://base.example/path"), ("HTTPS://Upper.example/", "HTTPS://Upper.example/")] as [(String, String?)] {
            add("link \(link)", "<rss><channel><item><link>\(link)</link></item></channel></rss>", ok { $0.items.first?.link == expected })
        }
        add("link with a space", "<rss><channel><item><link>x y.html</link></item></channel></rss>",
            ok { $0.items.first?.link.map { $0.hasPrefix("https://base.example/x") } ?? true })
        // Namespaces and case.
        add("Atom without namespace", "<feed><entry><id>1</id><link href=\"https://n.example/1\"/></entry></feed>", ok { $0.items.first?.link == "https://n.example/1" })
        add("RSS with an Atom self link", "<rss xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><atom:link rel=\"self\" href=\"https://s.example/feed\"/><link>https://s.example/</link></channel></rss>",
            ok { $0.link == "https://s.example/" })
        add("upper-case root", "<RSS><CHANNEL><TITLE>T</TITLE></CHANNEL></RSS>", refused)
        add("CDATA everywhere", "<rss><channel><title><![CDATA[A & B]]></title><item><link><![CDATA[https://c.example/1]]></link></item></channel></rss>",
            ok { $0.title == "A & B" && $0.items[0].link == "https://c.example/1" })
        add("markup in title", "<rss><channel><title>&lt;script&gt;alert(1)&lt;/script&gt;</title></channel></rss>", ok { $0.title == "<script>alert(1)</script>" })
        add("control characters in title", "<rss><channel><title>a&#x1B;]0;x&#x7;b</title></channel></rss>")
        return cases
    }

    @Test func everyHostileFeedEndsAsAFeedOrANamedError() {
        let corpus = Self.corpus
        #expect(corpus.count >= 150, "\(corpus.count) cases")
        var failures: [String] = []
        var feeds = 0, errors = 0, checked = 0
        for c in corpus {
            let start = Date()
            let result: Result<Feed, ParallaxError>
            do { result = .success(try FeedParser().parse(c.bytes, url: "https://base.example/feed")) } catch let error as ParallaxError {
                result = .failure(error)
                if error.source != "https://base.example/feed" { failures.append("\(c.name): the error does not name the feed") }
            } catch {
                failures.append("\(c.name): not a ParallaxError: \(error)")
                continue
            }
            if case .success = result { feeds += 1 } else { errors += 1 }
            if c.check != nil { checked += 1 }
            let seconds = Date().timeIntervalSince(start)
            if seconds > 5 { failures.append("\(c.name): took \(seconds) s") }
            if let check = c.check, !check(result) { failures.append("\(c.name): \(result)".prefix(300).description) }
            if case .success(let feed) = result {
                let texts = [feed.title] + feed.items.flatMap { [$0.title, $0.author] }
                if texts.contains(where: { $0?.unicodeScalars.contains { $0.value < 0x20 } == true }) {
                    failures.append("\(c.name): a control character in a one-line field")
                }
            }
        }
        print("hostile feeds: \(corpus.count) cases, \(feeds) read as feeds, \(errors) named errors, \(checked) checked for the right reading")
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}
