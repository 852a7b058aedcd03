import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ParallaxModel

/// Fetches feeds and pages from untrusted servers: one GET, its redirects followed by hand so that each hop is
/// checked (scheme, address, count), a deadline for the whole exchange, a cap on the body after decompression,
/// and conditional requests (ETag / Last-Modified) so that an unchanged feed costs a 304.
public struct Fetcher: Sendable {
    public var addresses: AddressPolicy
    public var maxRedirects = 5
    /// The most bytes a body may have once decompressed (gzip bombs are stopped as soon as they pass it).
    public var maxBytes = 16 << 20
    /// Seconds for the whole exchange: resolution, connection, redirects and the body (a slow-loris server that
    /// trickles a byte a second is cut off here).
    public var timeout: Double = 30
    public var userAgent = Fetcher.defaultUserAgent
    /// Name resolution (host, seconds allowed): getaddrinfo; tests give their own.
    public var resolve: @Sendable (String, Double) async throws -> [IPAddress] = Resolver.addresses

    public static let defaultUserAgent = "Parallax/0.4 (news triangulation; feed reader; +https://github.com/parallax-news/parallax)"

    public init(addresses: AddressPolicy = AddressPolicy()) {
        self.addresses = addresses
    }

    /// What to send with the request.
    public struct Request: Sendable {
        public var url: String
        public var etag: String?
        public var lastModified: String?
        public var accept = "*/*"
        public init(url: String, etag: String? = nil, lastModified: String? = nil) {
            self.url = url
            self.etag = etag
            self.lastModified = lastModified
        }
    }

    /// What came back: a body (status 200) or nothing new (304).
    public struct Response: Sendable {
        /// The URL the body came from, after redirects.
        public var url: String
        public var status: Int
        public var body: [UInt8]
        public var etag: String?
        public var lastModified: String?
        public var contentType: String?
        /// The charset the Content-Type header names, if any.
        public var charset: String?
        public var notModified: Bool { status == 304 }
    }

    public func fetch(_ request: Request) async throws -> Response {
        do {
            return try await follow(request)
        } catch var failure as FetchFailure {
            // A hop's failure is told as the original URL's, with the hop named.
            if let hop = failure.url, hop != request.url {
                failure.message = "redirected to \(hop.prefix(300)): \(failure.message)"
                failure.url = request.url
            }
            throw failure
        }
    }

    private func follow(_ request: Request) async throws -> Response {
        let deadline = Date().addingTimeInterval(timeout)
        var url = request.url
        var visited: Set<String> = []
        for hop in 0...maxRedirects {
            guard let target = URLComponents(string: url), let scheme = target.scheme?.lowercased() else {
                throw FetchFailure(.badURL, "not an absolute URL", url: url)
            }
            guard scheme == "http" || scheme == "https" else {
                throw FetchFailure(.badURL, "only http and https are fetched, not \(scheme.prefix(20)):", url: url)
            }
            guard let host = target.host, !host.isEmpty else { throw FetchFailure(.badURL, "no host in the URL", url: url) }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { throw FetchFailure(.timeout, "no complete answer within \(Int(timeout)) s", url: url) }
            let address = try await vettedAddress(of: host, url: url, timeout: remaining)
            let response = try await exchange(url: url, host: host, address: address, request: request,
                                              conditional: hop == 0, deadline: deadline)
            guard let location = response.location else { return response.response }
            guard let next = URL(string: location, relativeTo: URL(string: url))?.absoluteString else {
                throw FetchFailure(.badURL, "redirect to an unreadable address \(location.prefix(200))", url: url)
            }
            visited.insert(url)
            if visited.contains(next) { throw FetchFailure(.redirects, "a redirect loop back to \(next.prefix(300))", url: request.url) }
            url = next
        }
        throw FetchFailure(.redirects, "more than \(maxRedirects) redirects (last to \(url.prefix(300)))", url: request.url)
    }

    /// The address to connect to for `host`: the first of its addresses the policy allows.
    func vettedAddress(of host: String, url: String, timeout: Double) async throws -> IPAddress {
        let found: [IPAddress]
        if let literal = IPAddress(host) { found = [literal] } else { found = try await resolve(host, min(timeout, 10)) }
        let ordered = found.filter { if case .v4 = $0 { true } else { false } } + found.filter { if case .v6 = $0 { true } else { false } }
        if let allowed = ordered.first(where: { addresses.refusal($0) == nil }) { return allowed }
        guard let first = ordered.first else { throw FetchFailure(.network, "\(host) has no address", url: url) }
        let what = IPAddress(host) == nil ? "\(host) is \(first), a" : "\(first) is a"
        throw FetchFailure(.blockedAddress,
                           "\(what) \(addresses.refusal(first) ?? "special") address: not fetched from unless "
                           + "--allow-private-addresses is given", url: url)
    }

    private struct Exchange {
        var response: Response
        var location: String?
    }

    private func exchange(url: String, host: String, address: IPAddress, request: Request, conditional: Bool,
                          deadline: Date) async throws -> Exchange {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(10), read: .seconds(20)),
            decompression: .enabled(limit: .size(maxBytes)))
        // Connect to the checked address, never to what a second lookup might return.
        if IPAddress(host) == nil { configuration.dnsOverride = [host: address.description] }
        configuration.httpVersion = .http1Only
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        do {
            let result = try await send(client: client, url: url, request: request, conditional: conditional, deadline: deadline)
            try? await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func send(client: HTTPClient, url: String, request: Request, conditional: Bool,
                      deadline: Date) async throws -> Exchange {
        var http = HTTPClientRequest(url: url)
        http.headers.add(name: "User-Agent", value: userAgent)
        http.headers.add(name: "Accept", value: request.accept)
        http.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
        if conditional, let etag = request.etag { http.headers.add(name: "If-None-Match", value: etag) }
        if conditional, let modified = request.lastModified { http.headers.add(name: "If-Modified-Since", value: modified) }
        let remaining = max(0.001, deadline.timeIntervalSinceNow)
        let nanos = Int64(min(remaining, 86_400) * 1e9)
        let response: HTTPClientResponse
        do {
            response = try await client.execute(http, deadline: .now() + .nanoseconds(nanos))
        } catch {
            throw FetchFailure.from(error, url: url, timeout: timeout)
        }
        let status = Int(response.status.code)
        let headers = response.headers
        if [301, 302, 303, 307, 308].contains(status) {
            guard let location = headers.first(name: "Location"), !location.isEmpty else {
                throw FetchFailure(.httpStatus, "HTTP \(status) without a Location", url: url)
            }
            return Exchange(response: Response(url: url, status: status, body: []), location: location)
        }
        var answer = Response(url: url, status: status, body: [], etag: headers.first(name: "ETag"),
                              lastModified: headers.first(name: "Last-Modified"),
                              contentType: headers.first(name: "Content-Type"))
        answer.charset = answer.contentType.flatMap(Self.charset(inContentType:))
        if status == 304 { return Exchange(response: answer) }
        guard status == 200 || status == 203 else {
            var failure = FetchFailure(.httpStatus, "HTTP \(status) \(response.status.reasonPhrase)", url: url)
            failure.status = status
            failure.retryAfter = headers.first(name: "Retry-After").flatMap(Self.retryAfter)
            throw failure
        }
        if let length = headers.first(name: "Content-Length").flatMap(Int.init), length > maxBytes {
            throw FetchFailure(.tooLarge, "the body is \(length) bytes, over the \(maxBytes >> 20) MiB limit", url: url)
        }
        answer.body = try await readBody(response.body, url: url, deadline: deadline)
        return Exchange(response: answer)
    }

    /// The body, up to `maxBytes`, before the deadline.
    private func readBody(_ body: HTTPClientResponse.Body, url: String, deadline: Date) async throws -> [UInt8] {
        let limit = maxBytes, total = timeout
        return try await withThrowingTaskGroup(of: [UInt8]?.self) { group in
            group.addTask {
                var bytes: [UInt8] = []
                do {
                    for try await buffer in body {
                        if bytes.count + buffer.readableBytes > limit {
                            throw FetchFailure(.tooLarge, "the body passed the \(limit >> 20) MiB limit", url: url)
                        }
                        bytes.append(contentsOf: buffer.readableBytesView)
                    }
                } catch let failure as FetchFailure {
                    throw failure
                } catch {
                    throw FetchFailure.from(error, url: url, timeout: total)
                }
                return bytes
            }
            group.addTask {
                let wait = max(0, deadline.timeIntervalSinceNow)
                try await Task.sleep(nanoseconds: UInt64(wait * 1e9))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let bytes = first else {
                throw FetchFailure(.timeout, "the body did not arrive within \(Int(total)) s", url: url)
            }
            return bytes
        }
    }

    /// `charset=` in a Content-Type header value.
    static func charset(inContentType value: String) -> String? {
        for part in value.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "charset" {
                let name = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                return name.isEmpty || name.count > 40 ? nil : name
            }
        }
        return nil
    }

    /// Seconds to wait from a Retry-After value (seconds, or an HTTP date), capped at a week.
    static func retryAfter(_ value: String) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed), seconds.isFinite, seconds >= 0 { return min(seconds, 7 * 86_400) }
        guard let iso = FeedDates.iso(trimmed), let date = ISO8601DateFormatter().date(from: iso) else { return nil }
        return min(max(0, date.timeIntervalSinceNow), 7 * 86_400)
    }
}

/// Why a fetch failed, with the URL and, for HTTP errors, the status and how long the server asked us to wait.
public struct FetchFailure: Error, Sendable, CustomStringConvertible {
    public var code: ParallaxError.Code
    public var message: String
    public var url: String?
    public var status: Int?
    public var retryAfter: Double?

    init(_ code: ParallaxError.Code, _ message: String, url: String? = nil) {
        self.code = code
        self.message = message
        self.url = url
    }

    public var description: String { error.description }
    public var error: ParallaxError { ParallaxError(code, message, source: url) }

    static func from(_ error: any Error, url: String, timeout: Double) -> FetchFailure {
        if let failure = error as? FetchFailure { return failure }
        if let client = error as? HTTPClientError {
            switch client {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout:
                return FetchFailure(.timeout, "no complete answer within \(Int(timeout)) s", url: url)
            case .remoteConnectionClosed: return FetchFailure(.network, "the server closed the connection", url: url)
            default: break
            }
        }
        let text = String(describing: error)
        if String(reflecting: error).contains("DecompressionError") {
            return FetchFailure(.tooLarge, "the body passed the size limit once decompressed", url: url)
        }
        if error is CancellationError { return FetchFailure(.timeout, "cancelled", url: url) }
        return FetchFailure(.network, String(text.prefix(300)), url: url)
    }
}

extension ParallaxError.Code {
    public static let badURL = ParallaxError.Code(rawValue: "fetch.bad-url")
    public static let blockedAddress = ParallaxError.Code(rawValue: "fetch.blocked-address")
    public static let redirects = ParallaxError.Code(rawValue: "fetch.redirects")
    public static let httpStatus = ParallaxError.Code(rawValue: "fetch.http-status")
    public static let network = ParallaxError.Code(rawValue: "fetch.network")
}
