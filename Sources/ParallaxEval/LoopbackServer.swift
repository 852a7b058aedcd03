import CZlib
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// An HTTP server on loopback for the feed tests and the feed bench, serving what its route says: plain answers,
/// redirects, conditional answers (ETag / Last-Modified → 304), and hostile ones (a gzip bomb made on the fly, a
/// server that trickles its body, a huge Content-Length). It counts requests and full answers per path.
public final class LoopbackServer: @unchecked Sendable {
    public enum Reply: Sendable {
        case ok(String, contentType: String = "application/xml", etag: String? = nil, lastModified: String? = nil)
        case bytes([UInt8], contentType: String)
        case status(Int, headers: [(String, String)] = [])
        case redirect(Int, to: String)
        /// `gigabytes` of zeros, gzip-compressed as it is sent (about 1 MB on the wire per GB).
        case gzipBomb(gigabytes: Int)
        /// Headers at once, then one byte every `every` seconds, for `count` bytes.
        case trickle(every: Double, count: Int)
        /// A Content-Length far over any limit, and a little of the body.
        case hugeLength
    }

    public typealias Route = @Sendable (_ path: String, _ headers: HTTPHeaders) -> Reply

    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let channel: Channel
    private let counter: Counter
    public let port: Int

    public init(_ route: @escaping Route) throws {
        let counter = Counter()
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(Handler(route: route, counter: counter))
                }
            }
        let channel = try bootstrap.bind(host: "127.0.0.1", port: 0).wait()
        self.channel = channel
        self.port = channel.localAddress?.port ?? 0
        self.counter = counter
    }

    public var base: String { "http://127.0.0.1:\(port)" }

    /// Requests seen for a path, and those answered with a 200 and a body.
    public func requests(_ path: String) -> Int { counter.get(path).requests }
    public func fullAnswers(_ path: String) -> Int { counter.get(path).full }
    public var totalFullAnswers: Int { counter.totalFull }
    public var totalRequests: Int { counter.totalRequests }

    public func stop() {
        try? channel.close().wait()
        try? group.syncShutdownGracefully()
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [String: (requests: Int, full: Int)] = [:]
        func request(_ path: String) { lock.lock(); counts[path, default: (0, 0)].requests += 1; lock.unlock() }
        func full(_ path: String) { lock.lock(); counts[path, default: (0, 0)].full += 1; lock.unlock() }
        func get(_ path: String) -> (requests: Int, full: Int) { lock.lock(); defer { lock.unlock() }; return counts[path] ?? (0, 0) }
        var totalFull: Int { lock.lock(); defer { lock.unlock() }; return counts.values.reduce(0) { $0 + $1.full } }
        var totalRequests: Int { lock.lock(); defer { lock.unlock() }; return counts.values.reduce(0) { $0 + $1.requests } }
    }

    private final class Handler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let route: Route
        let counter: Counter
        var head: HTTPRequestHead?

        init(route: @escaping Route, counter: Counter) {
            self.route = route
            self.counter = counter
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let h): head = h
            case .body: break
            case .end:
                guard let head else { return }
                let path = String(head.uri.prefix { $0 != "?" })
                counter.request(path)
                respond(route(path, head.headers), path: path, request: head, context: context)
            }
        }

        private func send(_ context: ChannelHandlerContext, status: HTTPResponseStatus, headers: [(String, String)],
                          body: [UInt8]?, close: Bool = false) {
            var h = HTTPHeaders(headers)
            if let body { h.replaceOrAdd(name: "Content-Length", value: String(body.count)) }
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: h))), promise: nil)
            if let body, !body.isEmpty {
                var buffer = context.channel.allocator.buffer(capacity: body.count)
                buffer.writeBytes(body)
                context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
            }
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }

        private func respond(_ reply: Reply, path: String, request: HTTPRequestHead, context: ChannelHandlerContext) {
            switch reply {
            case .ok(let text, let type, let etag, let modified):
                if let etag, request.headers.first(name: "If-None-Match") == etag {
                    return send(context, status: .notModified, headers: [("ETag", etag)], body: nil)
                }
                if let modified, request.headers.first(name: "If-Modified-Since") == modified {
                    return send(context, status: .notModified, headers: [("Last-Modified", modified)], body: nil)
                }
                var headers = [("Content-Type", type)]
                if let etag { headers.append(("ETag", etag)) }
                if let modified { headers.append(("Last-Modified", modified)) }
                counter.full(path)
                send(context, status: .ok, headers: headers, body: Array(text.utf8))
            case .bytes(let bytes, let type):
                counter.full(path)
                send(context, status: .ok, headers: [("Content-Type", type)], body: bytes)
            case .status(let code, let headers):
                send(context, status: HTTPResponseStatus(statusCode: code), headers: headers, body: Array("status \(code)".utf8))
            case .redirect(let code, let location):
                send(context, status: HTTPResponseStatus(statusCode: code), headers: [("Location", location)], body: [])
            case .hugeLength:
                let head = HTTPResponseHead(version: .http1_1, status: .ok,
                                            headers: HTTPHeaders([("Content-Length", "1099511627776"), ("Content-Type", "application/xml")]))
                context.write(wrapOutboundOut(.head(head)), promise: nil)
                var buffer = context.channel.allocator.buffer(capacity: 64)
                buffer.writeString("<rss><channel>")
                context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
            case .trickle(let every, let count):
                let head = HTTPResponseHead(version: .http1_1, status: .ok,
                                            headers: HTTPHeaders([("Content-Length", String(count)), ("Content-Type", "application/xml")]))
                context.writeAndFlush(wrapOutboundOut(.head(head)), promise: nil)
                trickle(context, left: count, every: every)
            case .gzipBomb(let gigabytes):
                let head = HTTPResponseHead(version: .http1_1, status: .ok,
                                            headers: HTTPHeaders([("Content-Encoding", "gzip"), ("Content-Type", "application/xml"),
                                                                  ("Transfer-Encoding", "chunked")]))
                context.writeAndFlush(wrapOutboundOut(.head(head)), promise: nil)
                let bomb = GzipBomb(megabytes: gigabytes * 1024)
                pump(context, bomb: bomb)
            }
        }

        private func trickle(_ context: ChannelHandlerContext, left: Int, every: Double) {
            guard left > 0, context.channel.isActive else { return }
            let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
            context.eventLoop.scheduleTask(in: .milliseconds(Int64(every * 1000))) { [self] in
                let context = bound.value
                guard context.channel.isActive else { return }
                var buffer = context.channel.allocator.buffer(capacity: 1)
                buffer.writeString(" ")
                context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
                if left == 1 { context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil) } else { trickle(context, left: left - 1, every: every) }
            }
        }

        /// Sends the bomb a piece at a time, as the client reads (it stops reading once it gives up).
        private func pump(_ context: ChannelHandlerContext, bomb: GzipBomb) {
            guard context.channel.isActive else { return }
            guard let piece = bomb.next() else {
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                return
            }
            var buffer = context.channel.allocator.buffer(capacity: piece.count)
            buffer.writeBytes(piece)
            let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(buffer)))).whenComplete { [self] result in
                if case .success = result { pump(bound.value, bomb: bomb) }
            }
        }
    }
}

/// A valid gzip stream of `megabytes` MiB of zeros, produced piece by piece: one MiB of zeros is deflated once,
/// flushed to a byte boundary so the same compressed piece can be repeated, then the stream is closed with its
/// CRC and length.
public final class GzipBomb: @unchecked Sendable {
    private let piece: [UInt8]
    private let crc: UInt32
    private var left: Int
    private let total: Int
    private var started = false

    public init(megabytes: Int) {
        left = megabytes
        total = megabytes
        let zeros = [UInt8](repeating: 0, count: 1 << 20)
        var stream = z_stream()
        deflateInit2_(&stream, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        var out = [UInt8](repeating: 0, count: 1 << 16)
        var produced: [UInt8] = []
        zeros.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = UInt32(input.count)
            repeat {
                out.withUnsafeMutableBufferPointer { o in
                    stream.next_out = o.baseAddress
                    stream.avail_out = UInt32(o.count)
                    deflate(&stream, Z_FULL_FLUSH)
                    produced.append(contentsOf: o[0..<(o.count - Int(stream.avail_out))])
                }
            } while stream.avail_out == 0
        }
        deflateEnd(&stream)
        piece = produced
        var c = crc32(0, nil, 0)
        zeros.withUnsafeBufferPointer { z in
            for _ in 0..<megabytes { c = crc32(c, z.baseAddress, UInt32(z.count)) }
        }
        crc = UInt32(c)
    }

    public func next() -> [UInt8]? {
        if !started {
            started = true
            return [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF] + piece
        }
        if left > 1 {
            left -= 1
            return piece
        }
        if left == 1 {
            left = 0
            let size = UInt32(truncatingIfNeeded: total << 20)
            // An empty final stored block, then CRC-32 and length (little-endian).
            return [0x03, 0x00] + withUnsafeBytes(of: crc.littleEndian, Array.init) + withUnsafeBytes(of: size.littleEndian, Array.init)
        }
        return nil
    }
}
