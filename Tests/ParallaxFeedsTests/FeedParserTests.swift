import Foundation
import Testing
import ParallaxModel
@testable import ParallaxFeeds
@testable import ParallaxAnalysis

/// Feeds written for these tests: every format, the usual quirks, and hostile ones.
@Suite struct FeedParserTests {
    func parse(_ text: String, url: String = "https://news.example.org/feed") throws -> Feed {
        try FeedParser().parse(Array(text.utf8), url: url)
    }

    @Test func rss2WithContentMediaAndRelativeLinks() throws {
        let feed = try parse("""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel><title>Valley  News</title><link>/</link>
              <item><title>Dam breach forces evacuation</title><link>/2031/03/dam?utm_source=rss</link>
                <guid isPermaLink="false">valley-1234</guid><pubDate>Tue, 14 Mar 2031 10:00:00 +0100</pubDate>
                <description><![CDATA[<p>The dam <b>broke</b>.</p>]]></description>
                <content:encoded><![CDATA[<p>Full text of the report.</p>]]></content:encoded>
                <dc:creator>Ana Ruiz</dc:creator>
                <enclosure url="/media/dam.jpg" type="image/jpeg" length="1"/>
                <media:content url="https://cdn.example.org/v.mp4"/></item>
              <item><title>No link, a permalink guid</title><guid>https://news.example.org/2031/03/guid</guid>
                <pubDate>14 Mar 31 09:00 GMT</pubDate></item>
            </channel></rss>
            """)
        #expect(feed.format == .rss)
        #expect(feed.title == "Valley News")
        #expect(feed.link == "https://news.example.org/")
        let first = feed.items[0]
        #expect(first.link == "https://news.example.org/2031/03/dam?utm_source=rss")
        #expect(first.id == "valley-1234")
        #expect(first.published == "2031-03-14T09:00:00Z")
        #expect(first.summary == "<p>The dam <b>broke</b>.</p>")
        #expect(first.content == "<p>Full text of the report.</p>")
        #expect(first.author == "Ana Ruiz")
        #expect(first.media == ["https://news.example.org/media/dam.jpg", "https://cdn.example.org/v.mp4"])
        #expect(feed.items[1].link == "https://news.example.org/2031/03/guid")
        #expect(feed.items[1].published == "2031-03-14T09:00:00Z")
    }

    @Test func rss091AndRDF() throws {
        let old = try parse("""
            <?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
            <rss version="0.91"><channel><title>Old</title><link>http://old.example.com/</link>
            <item><title>One</title><link>http://old.example.com/1</link><description>First</description></item></channel></rss>
            """)
        #expect(old.items.map(\.link) == ["http://old.example.com/1"])
        let rdf = try parse("""
            <?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://rdf.example.net/"><title>RDF News</title><link>https://rdf.example.net/</link></channel>
              <item rdf:about="https://rdf.example.net/a"><title>A</title><link>https://rdf.example.net/a</link><dc:date>2031-03-14T10:00:00+01:00</dc:date></item>
            </rdf:RDF>
            """)
        #expect(rdf.format == .rdf)
        #expect(rdf.title == "RDF News")
        #expect(rdf.items.first?.id == "https://rdf.example.net/a")
        #expect(rdf.items.first?.published == "2031-03-14T09:00:00Z")
    }

    @Test func atomWithXMLBase() throws {
        let feed = try parse("""
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example.com/blog/">
              <title type="text">Atom Desk</title><link href="/" rel="alternate"/><link rel="self" href="feed.xml"/>
              <entry xml:base="2031/"><id>tag:atom.example.com,2031:1</id><title>Bridge closed</title>
                <link href="03/bridge"/><link rel="enclosure" href="photo.jpg"/>
                <updated>2031-03-14T08:00:00Z</updated><author><name>Lee Park</name></author>
                <summary>Short.</summary><content type="html">&lt;p&gt;Long.&lt;/p&gt;</content></entry>
            </feed>
            """)
        #expect(feed.format == .atom)
        #expect(feed.link == "https://atom.example.com/")
        let entry = try #require(feed.items.first)
        #expect(entry.link == "https://atom.example.com/blog/2031/03/bridge")
        #expect(entry.media == ["https://atom.example.com/blog/2031/photo.jpg"])
        #expect(entry.published == "2031-03-14T08:00:00Z", "no `published`: the update time stands in")
        #expect(entry.author == "Lee Park")
        #expect(entry.content == "<p>Long.</p>")
    }

    @Test func jsonFeed() throws {
        let feed = try parse("""
            {"version": "https://jsonfeed.org/version/1.1", "title": "JSON Wire", "home_page_url": "https://json.example.com/",
             "items": [{"id": 7, "url": "/items/7", "title": "Seven", "content_html": "<p>Body</p>",
                        "date_published": "2031-03-14T10:00:00-05:00", "authors": [{"name": "Sam"}],
                        "attachments": [{"url": "https://json.example.com/a.mp3"}]},
                       {"id": "x", "external_url": "javascript:alert(1)", "content_text": "t"}]}
            """, url: "https://json.example.com/feed.json")
        #expect(feed.format == .jsonFeed)
        #expect(feed.items[0].id == "7")
        #expect(feed.items[0].link == "https://json.example.com/items/7")
        #expect(feed.items[0].published == "2031-03-14T15:00:00Z")
        #expect(feed.items[0].author == "Sam")
        #expect(feed.items[1].link == nil, "only http(s) links")
    }

    @Test(arguments: [
        ("Tue, 14 Mar 2031 10:00:00 GMT", "2031-03-14T10:00:00Z"),
        ("Tue, 14 Mar 2031 10:00:00 EST", "2031-03-14T15:00:00Z"),
        ("Tuesday, March 14, 2031 23:30:00 -0100", "2031-03-15T00:30:00Z"),
        ("14 Mar 2031", "2031-03-14"),
        ("Tue, 14 Mar 2031 10:00 +01:00", "2031-03-14T09:00:00Z"),
        ("2031-03-14T10:00:00.123+02:00", "2031-03-14T08:00:00Z"),
        ("2031-03-14 10:00:00", "2031-03-14T10:00:00Z"),
        ("2031-03-14", "2031-03-14"),
        ("2031-02-30T10:00:00Z", nil),
        ("Tue, 31 Feb 2031 10:00:00 GMT", nil),
        ("yesterday", nil),
        ("\"><script>alert(1)</script>", nil),
    ] as [(String, String?)])
    func dates(_ text: String, _ expected: String?) {
        #expect(FeedDates.iso(text) == expected)
    }

    @Test func entityDeclarationsAreRefused() {
        let lol = """
            <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <rss><channel><title>&lol2;</title></channel></rss>
            """
        #expect(throws: ParallaxError.self) { try parse(lol) }
        let external = """
            <?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><title>&x;</title></channel></rss>
            """
        #expect(throws: ParallaxError.self) { try parse(external) }
    }

    @Test func brokenFeedsAreNamedErrorsOrReadAsFarAsTheyGo() throws {
        #expect(throws: ParallaxError.self) { try parse("") }
        #expect(throws: ParallaxError.self) { try parse("<html><body>not a feed</body></html>") }
        #expect(throws: ParallaxError.self) { try parse(#"{"title": "no version"}"#) }
        // Truncated mid-item: the items before the break are kept.
        let truncated = try parse("<rss><channel><title>T</title><item><title>A</title><link>https://t.example/a</link></item><item><title>B")
        #expect(truncated.items.first?.link == "https://t.example/a")
        // Nesting 100,000 deep: libxml2's depth limit stops it; an error or a partial feed, not a crash.
        _ = try? parse("<rss><channel>" + String(repeating: "<x>", count: 100_000) + "</channel></rss>")
        // An item without a link or a date is still an item; the caller decides.
        let bare = try parse("<rss><channel><item><title>Only a title</title></item></channel></rss>")
        #expect(bare.items.count == 1 && bare.items[0].link == nil && bare.items[0].published == nil)
    }

    @Test func longFieldsAreCutAndManyItemsCapped() throws {
        let title = String(repeating: "x", count: 100_000)
        var parser = FeedParser()
        parser.maxItems = 10
        let items = (0..<50).map { "<item><title>\(title)</title><link>https://l.example/\($0)</link></item>" }.joined()
        let feed = try parser.parse(Array("<rss><channel>\(items)</channel></rss>".utf8), url: "https://l.example/f")
        #expect(feed.items.count == 10)
        #expect(feed.items[0].title?.count == 1000)
    }

    @Test func opmlNestedOutlines() throws {
        let opml = """
            <?xml version="1.0"?><opml version="2.0"><head><title>Outlets</title></head><body>
              <outline text="Europe"><outline text="Germany">
                <outline type="rss" text="Nord" xmlUrl="https://nord.example.de/rss"/></outline>
                <outline type="rss" title="Courier" text="c" xmlUrl="https://courier.example.fr/feed"/></outline>
              <outline type="rss" text="Again" xmlUrl="https://nord.example.de/rss"/>
              <outline type="rss" text="Bad" xmlUrl="javascript:alert(1)"/>
            </body></opml>
            """
        let subscriptions = try OPML.subscriptions(Array(opml.utf8), source: "outlets.opml")
        #expect(subscriptions.map(\.url) == ["https://nord.example.de/rss", "https://courier.example.fr/feed"])
        #expect(subscriptions[0].folders == ["Europe", "Germany"])
        #expect(subscriptions[1].title == "Courier")
        // What `feeds export --opml` writes reads back.
        let exported = OPML.document(title: "A & B", feeds: subscriptions.map { ($0.url, $0.title) })
        #expect(try OPML.subscriptions(Array(exported.utf8), source: "x").map(\.url) == subscriptions.map(\.url))
    }

    /// 10,000 mutations of valid feeds (byte flips, cuts, splices, repeated markup): every one is a feed or a
    /// named error, never a crash.
    @Test func fuzz() {
        let seeds = [
            "<rss version=\"2.0\"><channel><title>T</title><item><title>A</title><link>/a</link><pubDate>Tue, 14 Mar 2031 10:00:00 GMT</pubDate></item></channel></rss>",
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://a.example/\"><entry><id>1</id><link href=\"x\"/><updated>2031-03-14T10:00:00Z</updated></entry></feed>",
            "{\"version\": \"https://jsonfeed.org/version/1\", \"items\": [{\"id\": \"1\", \"url\": \"https://j.example/1\", \"date_published\": \"2031-03-14T10:00:00Z\"}]}",
            "<opml><body><outline text=\"a\"><outline xmlUrl=\"https://o.example/rss\"/></outline></body></opml>",
        ].map { Array($0.utf8) }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        var parsed = 0, errors = 0
        for _ in 0..<10_000 {
            var bytes = seeds[next() % seeds.count]
            for _ in 0..<(1 + next() % 6) {
                guard !bytes.isEmpty else { break }
                let at = next() % bytes.count
                switch next() % 5 {
                case 0: bytes[at] = UInt8(truncatingIfNeeded: next())
                case 1: bytes.removeSubrange(at..<min(bytes.count, at + 1 + next() % 20))
                case 2: bytes.insert(contentsOf: Array("<item><title>&amp;</title>".utf8), at: at)
                case 3: bytes = Array(bytes.prefix(at))
                default: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 30)], at: at)
                }
            }
            do {
                _ = try FeedParser().parse(bytes, url: "https://f.example/feed")
                parsed += 1
            } catch is ParallaxError {
                errors += 1
            } catch {
                Issue.record("an error that is not a ParallaxError: \(error)")
            }
            _ = try? OPML.subscriptions(bytes, source: "f.opml")
        }
        #expect(parsed + errors == 10_000)
        #expect(parsed > 1_000 && errors > 100, "the mutations reach both outcomes (\(parsed) parsed, \(errors) errors)")
    }
}

/// Saved feed files read as documents, one per item, from the text the feed carries.
@Suite struct FeedDocumentsTests {
    static let pipeline = ArticlePipeline.standard(
        dataDirectory: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("vendor"))

    @Test func aSavedFeedIsADocumentPerItemMarkedAsTheFeedsText() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parallax-feeds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let rss = """
            <?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Valley News</title><link>https://v.example/</link>
            <item><title>Dam breach forces evacuation</title><link>https://v.example/dam</link><pubDate>Tue, 14 Mar 2031 10:00:00 GMT</pubDate>
            <content:encoded><![CDATA[<p>Heavy rain broke the dam on Monday, and 1,200 people were evacuated, the mayor said.</p>]]></content:encoded></item>
            <item><title>Bridge closed</title><link>/bridge</link><description>The old bridge was closed to traffic.</description></item>
            <item><title>Link only</title><link>https://v.example/link</link></item>
            </channel></rss>
            """
        // Saved as .xml, and as .html: a feed is known by its first element.
        for name in ["valley.xml", "valley.html"] {
            let path = dir.appendingPathComponent(name).path
            FileManager.default.createFile(atPath: path, contents: Data(rss.utf8))
            var reader = DocumentReader()
            reader.feeds = { try FeedDocuments.read($0, source: $1) }
            let read = try reader.read(path)
            #expect(read.count == 3)
            let first = try Self.pipeline.run(try read[0].get())
            #expect(first.format == "feed" && first.url == "https://v.example/dam" && first.outlet == "Valley News")
            #expect(first.published == "2031-03-14T10:00:00Z")
            #expect(first.text.contains("1,200 people were evacuated"))
            #expect(first.warnings.contains("the text is the feed's full content, not the page"))
            let second = try Self.pipeline.run(try read[1].get())
            #expect(second.warnings.contains("the text is the feed's summary, not the page"))
            #expect(second.url == "https://v.example/bridge", "a relative link, against the site the saved feed names")
            guard case .failure(let error) = read[2] else { Issue.record("an item without text is an error"); return }
            #expect(error.source?.hasSuffix("#3") == true)
            // Without the feed reader, the same file is a page, as before.
            #expect(try DocumentReader().read(path).count == 1)
        }
    }

    @Test func anHTMLPageMentioningFeedsIsStillAPage() {
        let page = Array("<!DOCTYPE html><html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/rss\"></head><body><p>&lt;rss</p></body></html>".utf8)
        #expect(!DocumentReader.looksLikeFeed(page))
        #expect(DocumentReader.looksLikeFeed(Array("\u{FEFF}<?xml version=\"1.0\"?>\n<!-- c --><!DOCTYPE rss><rss version=\"2.0\">".utf8)))
        #expect(DocumentReader.looksLikeFeed(Array("<feed xmlns=\"http://www.w3.org/2005/Atom\">".utf8)))
        #expect(!DocumentReader.looksLikeFeed(Array("<feedback>".utf8)))
    }
}
