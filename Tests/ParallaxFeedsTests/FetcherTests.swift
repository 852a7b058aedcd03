import Foundation
import Testing
import ParallaxAnalysis
import ParallaxEval
import ParallaxModel
@testable import ParallaxFeeds

/// Which addresses are refused, by kind.
@Suite struct AddressPolicyTests {
    @Test func specialPurposeAddressesAreNamed() {
        let refused: [String: String] = [
            "127.0.0.1": "loopback", "127.8.9.10": "loopback", "10.1.2.3": "private", "172.16.0.1": "private",
            "172.31.255.255": "private", "192.168.1.1": "private", "169.254.169.254": "link-local",
            "100.64.0.1": "CGNAT", "0.0.0.0": "unspecified", "224.0.0.1": "multicast", "255.255.255.255": "reserved",
            "198.18.0.1": "benchmarking", "::1": "loopback", "::": "unspecified", "fe80::1": "link-local",
            "fc00::1": "unique local", "fd12:3456::1": "unique local", "::ffff:127.0.0.1": "IPv4-mapped loopback",
            "::ffff:169.254.169.254": "IPv4-mapped link-local", "64:ff9b::a00:1": "NAT64 private",
            "2002:7f00:1::": "6to4 loopback", "ff02::1": "multicast", "[::1]": "loopback", "fe80::1%eth0": "link-local",
        ]
        for (text, kind) in refused {
            guard let address = IPAddress(text) else { Issue.record("\(text) did not parse"); continue }
            let found = AddressPolicy().refusal(address)
            #expect(found?.contains(kind) == true, "\(text): \(found ?? "allowed")")
        }
        for text in ["8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "2a00:1450::1", "::ffff:8.8.8.8"] {
            #expect(IPAddress(text).flatMap { AddressPolicy().refusal($0) } == nil, "\(text) should be allowed")
        }
        #expect(IPAddress("example.com") == nil)
        #expect(IPAddress("127.1") == nil)  // a short form inet_pton refuses, and so do we: it is a name, resolved and checked
    }

    @Test func optInAllowsEverythingOrNamedAddresses() {
        let loopback = IPAddress("127.0.0.1")!
        #expect(AddressPolicy(allowPrivate: true).refusal(loopback) == nil)
        #expect(AddressPolicy(allowed: ["127.0.0.1"]).refusal(loopback) == nil)
        #expect(AddressPolicy(allowed: ["127.0.0.1"]).refusal(IPAddress("127.0.0.2")!) != nil)
    }

    @Test func headerValues() {
        #expect(Fetcher.charset(inContentType: "text/xml; charset=\"windows-1251\"") == "windows-1251")
        #expect(Fetcher.charset(inContentType: "text/html;Charset=UTF-8;foo=bar") == "UTF-8")
        #expect(Fetcher.charset(inContentType: "text/html") == nil)
        #expect(Fetcher.retryAfter("120") == 120)
        #expect(Fetcher.retryAfter("99999999").map { abs($0 - 604_800) < 1 } == true)
        #expect(Fetcher.retryAfter("soon") == nil)
        #expect(Fetcher.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT") == 0)
    }
}

/// The fetcher against a server on loopback: conditional requests, redirects, and hostile answers.
@Suite(.serialized) struct FetcherTests {
    static let feed = """
        <?xml version="1.0"?><rss version="2.0"><channel><title>Loop News</title><item><title>One</title>\
        <link>/a/1</link><guid>1</guid></item></channel></rss>
        """

    /// A fetcher allowed to reach the test server (127.0.0.1) and nothing else private. Its deadline is generous:
    /// while the whole suite runs, other tests' analysis can hold both cores for seconds.
    static func fetcher(timeout: Double = 60) -> Fetcher {
        var fetcher = Fetcher(addresses: AddressPolicy(allowed: ["127.0.0.1"]))
        fetcher.timeout = timeout
        return fetcher
    }

    static func failure(_ body: () async throws -> Fetcher.Response) async -> FetchFailure? {
        do {
            _ = try await body()
            return nil
        } catch let failure as FetchFailure {
            return failure
        } catch {
            Issue.record("not a FetchFailure: \(error)")
            return nil
        }
    }

    @Test func conditionalGetCostsA304() async throws {
        let server = try LoopbackServer { path, _ in
            path == "/feed" ? .ok(Self.feed, etag: "\"v1\"", lastModified: "Mon, 10 Mar 2031 10:00:00 GMT") : .status(404)
        }
        defer { server.stop() }
        let fetcher = Self.fetcher()
        let first = try await fetcher.fetch(.init(url: server.base + "/feed"))
        #expect(first.status == 200 && first.etag == "\"v1\"" && first.body.count == Self.feed.utf8.count)
        let second = try await fetcher.fetch(.init(url: server.base + "/feed", etag: first.etag, lastModified: first.lastModified))
        #expect(second.notModified && second.body.isEmpty)
        #expect(server.requests("/feed") == 2 && server.fullAnswers("/feed") == 1)
    }

    @Test func redirectsAreFollowedCheckedAndBounded() async throws {
        let server = try LoopbackServer { path, _ in
            switch path {
            case "/feed": return .ok(Self.feed)
            case "/r1": return .redirect(301, to: "/r2")
            case "/r2": return .redirect(302, to: "r3")  // relative to /r2
            case "/r3": return .redirect(307, to: "/feed")
            case "/loop": return .redirect(302, to: "/loop2")
            case "/loop2": return .redirect(302, to: "/loop")
            case "/meta": return .redirect(302, to: "http://169.254.169.254/latest/meta-data/")
            case "/other-loopback": return .redirect(302, to: "http://127.0.0.2:9/feed")
            case "/mapped": return .redirect(302, to: "http://[::ffff:127.0.0.1]:9/feed")
            case "/file": return .redirect(302, to: "file:///etc/passwd")
            case "/bare": return .status(302)
            default:
                if path.hasPrefix("/chain/"), let n = Int(path.dropFirst(7)) {
                    return n == 0 ? .ok(Self.feed) : .redirect(302, to: "/chain/\(n - 1)")
                }
                return .status(404)
            }
        }
        defer { server.stop() }
        let fetcher = Self.fetcher()
        let followed = try await fetcher.fetch(.init(url: server.base + "/r1"))
        #expect(followed.status == 200 && followed.url == server.base + "/feed")
        #expect(try await fetcher.fetch(.init(url: server.base + "/chain/5")).status == 200)
        let cases: [(String, ParallaxError.Code, String)] = [
            ("/chain/6", .redirects, "more than 5"),
            ("/loop", .redirects, "loop"),
            ("/meta", .blockedAddress, "link-local"),
            ("/other-loopback", .blockedAddress, "loopback"),
            ("/mapped", .blockedAddress, "IPv4-mapped loopback"),
            ("/file", .badURL, "file"),
            ("/bare", .httpStatus, "Location"),
        ]
        for (path, code, words) in cases {
            let failure = await Self.failure { try await fetcher.fetch(.init(url: server.base + path)) }
            #expect(failure?.code == code, "\(path): \(failure?.description ?? "fetched")")
            #expect(failure?.message.contains(words) == true, "\(path): \(failure?.message ?? "")")
        }
    }

    @Test func privateAddressesNeedTheOptIn() async throws {
        let server = try LoopbackServer { _, _ in .ok(Self.feed) }
        defer { server.stop() }
        let strict = Fetcher()
        for url in [server.base + "/feed", "http://localhost:\(server.port)/feed"] {
            let failure = await Self.failure { try await strict.fetch(.init(url: url)) }
            #expect(failure?.code == .blockedAddress, "\(url)")
            #expect(failure?.message.contains("--allow-private-addresses") == true)
        }
        #expect(server.requests("/feed") == 0)
        let open = Fetcher(addresses: AddressPolicy(allowPrivate: true))
        #expect(try await open.fetch(.init(url: "http://localhost:\(server.port)/feed")).status == 200)
    }

    @Test func hostileAnswersEndInNamedErrors() async throws {
        let server = try LoopbackServer { path, _ in
            switch path {
            case "/bomb": return .gzipBomb(gigabytes: 1)
            case "/slow": return .trickle(every: 0.5, count: 1000)
            case "/huge": return .hugeLength
            case "/busy": return .status(429, headers: [("Retry-After", "120")])
            case "/down": return .status(503, headers: [("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")])
            default: return .status(404)
            }
        }
        defer { server.stop() }
        let fetcher = Self.fetcher()
        let start = Date()
        let bomb = await Self.failure { try await fetcher.fetch(.init(url: server.base + "/bomb")) }
        #expect(bomb?.code == .tooLarge, "\(bomb?.description ?? "fetched")")
        #expect(Date().timeIntervalSince(start) < 30)
        let slowStart = Date()
        let slow = await Self.failure { try await Self.fetcher(timeout: 3).fetch(.init(url: server.base + "/slow")) }
        #expect(slow?.code == .timeout, "\(slow?.description ?? "fetched")")
        #expect(Date().timeIntervalSince(slowStart) < 15)
        let huge = await Self.failure { try await fetcher.fetch(.init(url: server.base + "/huge")) }
        #expect(huge?.code == .tooLarge)
        let busy = await Self.failure { try await fetcher.fetch(.init(url: server.base + "/busy")) }
        #expect(busy?.status == 429 && busy?.retryAfter == 120 && busy?.code == .httpStatus)
        let down = await Self.failure { try await fetcher.fetch(.init(url: server.base + "/down")) }
        #expect(down?.status == 503 && down?.retryAfter == 0)
        let missing = await Self.failure { try await fetcher.fetch(.init(url: server.base + "/nothing")) }
        #expect(missing?.message.contains("404") == true)
        let closed = await Self.failure { try await fetcher.fetch(.init(url: "http://127.0.0.1:1/feed")) }
        #expect(closed?.code == .network, "\(closed?.description ?? "")")
    }

    @Test func theHeaderCharsetDecidesForUnlabelledBytes() async throws {
        // Cyrillic in windows-1251, with no XML declaration: only the header says what it is.
        let title = "Прорыв плотины"
        let bytes = Array("<rss version=\"2.0\"><channel><title>".utf8)
            + (CharsetEncoder.encode(title, as: "windows-1251") ?? []) + Array("</title></channel></rss>".utf8)
        let server = try LoopbackServer { _, _ in .bytes(bytes, contentType: "application/rss+xml; charset=windows-1251") }
        defer { server.stop() }
        let response = try await Self.fetcher().fetch(.init(url: server.base + "/feed"))
        #expect(response.charset == "windows-1251")
        let feed = try FeedParser().parse(response.body, url: response.url, charset: response.charset)
        #expect(feed.title == title)
    }
}
