import Foundation

/// Which network addresses a fetch may connect to. Feeds and the pages they link to are written by strangers:
/// a feed that links to `http://169.254.169.254/` or `http://10.0.0.5/admin` must not make Parallax read the
/// machine's cloud credentials or the newsroom's intranet (SSRF). Every address a host name resolves to is
/// checked, on every redirect hop, and the connection then goes to the very address that was checked, so a
/// name that resolves differently a moment later (DNS rebinding) gains nothing.
public struct AddressPolicy: Sendable {
    /// Allow every address (`--allow-private-addresses`: for feeds on the local network or loopback tests).
    public var allowPrivate: Bool
    /// Addresses allowed even though they are private (a test's own server), as numeric strings.
    public var allowed: Set<String>

    public init(allowPrivate: Bool = false, allowed: Set<String> = []) {
        self.allowPrivate = allowPrivate
        self.allowed = allowed
    }

    /// Why an address may not be fetched from, or nil when it may.
    public func refusal(_ address: IPAddress) -> String? {
        if allowPrivate || allowed.contains(address.description) { return nil }
        return address.specialPurpose
    }
}

/// An IPv4 or IPv6 address.
public enum IPAddress: Sendable, Hashable, CustomStringConvertible {
    case v4(UInt32)
    case v6([UInt8])

    /// Parses a numeric address (`192.0.2.1`, `::1`, `[::1]`, `::ffff:10.0.0.1`); nil for names.
    public init?(_ text: String) {
        var text = text
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        if let zone = text.firstIndex(of: "%") { text = String(text[..<zone]) }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            self = .v4(UInt32(bigEndian: v4.s_addr))
            return
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            self = .v6(withUnsafeBytes(of: &v6) { Array($0) })
            return
        }
        return nil
    }

    public var description: String {
        switch self {
        case .v4(let a):
            return "\(a >> 24).\((a >> 16) & 0xFF).\((a >> 8) & 0xFF).\(a & 0xFF)"
        case .v6(let bytes):
            var raw = in6_addr()
            withUnsafeMutableBytes(of: &raw) { $0.copyBytes(from: bytes) }
            var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            guard inet_ntop(AF_INET6, &raw, &buffer, socklen_t(buffer.count)) != nil else { return "?" }
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// The kind of special-purpose address this is (loopback, private, link-local…), or nil for a public one.
    /// IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4) are judged by the address they carry.
    public var specialPurpose: String? {
        switch self {
        case .v4(let a):
            for (base, bits, name) in Self.v4Ranges where a >> (32 - bits) == base >> (32 - bits) { return name }
            return nil
        case .v6(let b):
            if b.allSatisfy({ $0 == 0 }) { return "unspecified" }
            if b[0..<15].allSatisfy({ $0 == 0 }) && b[15] == 1 { return "loopback" }
            if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xFF && b[11] == 0xFF {
                return Self.carried(b, at: 12, as: "IPv4-mapped")
            }
            if b[0..<12].allSatisfy({ $0 == 0 }) { return "IPv4-compatible (deprecated)" }
            if b[0..<12] == [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0] { return Self.carried(b, at: 12, as: "NAT64") }
            if b[0] == 0x20 && b[1] == 0x02 { return Self.carried(b, at: 2, as: "6to4") }
            if b[0..<4] == [0x20, 0x01, 0x00, 0x00] { return "Teredo tunnel" }
            if b[0..<4] == [0x20, 0x01, 0x0D, 0xB8] { return "documentation" }
            if b[0..<8] == [0x01, 0, 0, 0, 0, 0, 0, 0] { return "discard" }
            if b[0] & 0xFE == 0xFC { return "unique local (ULA)" }
            if b[0] == 0xFE && b[1] & 0xC0 == 0x80 { return "link-local" }
            if b[0] == 0xFE && b[1] & 0xC0 == 0xC0 { return "site-local" }
            if b[0] == 0xFF { return "multicast" }
            return nil
        }
    }

    /// The kind of an IPv6 form that carries an IPv4 address: that of the address it carries (nil when public).
    private static func carried(_ b: [UInt8], at offset: Int, as form: String) -> String? {
        let v4 = b[offset..<(offset + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return IPAddress.v4(v4).specialPurpose.map { "\(form) \($0)" }
    }

    /// IPv4 special-purpose blocks (RFC 6890 and its successors): base, prefix length, kind.
    private static let v4Ranges: [(UInt32, UInt32, String)] = [
        (0x0000_0000, 8, "unspecified (this network)"),
        (0x0A00_0000, 8, "private"),
        (0x6440_0000, 10, "shared address space (CGNAT)"),
        (0x7F00_0000, 8, "loopback"),
        (0xA9FE_0000, 16, "link-local (cloud metadata)"),
        (0xAC10_0000, 12, "private"),
        (0xC000_0000, 24, "IETF protocol assignments"),
        (0xC000_0200, 24, "documentation"),
        (0xC0A8_0000, 16, "private"),
        (0xC612_0000, 15, "benchmarking"),
        (0xC633_6400, 24, "documentation"),
        (0xCB00_7100, 24, "documentation"),
        (0xE000_0000, 4, "multicast"),
        (0xF000_0000, 4, "reserved"),
    ]
}

/// Name resolution with a time limit (getaddrinfo cannot be cancelled: a stuck lookup is abandoned, not waited for).
enum Resolver {
    @Sendable static func addresses(of host: String, timeout: Double) async throws -> [IPAddress] {
        let box = ResumeOnce<[IPAddress]>()
        return try await withCheckedThrowingContinuation { continuation in
            box.set(continuation)
            DispatchQueue.global().async { box.resume(Result { try lookup(host) }) }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                box.resume(.failure(FetchFailure(.timeout, "no answer from DNS for \(host) within \(Int(timeout)) s")))
            }
        }
    }

    private static func lookup(_ host: String) throws -> [IPAddress] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0, let first = list else {
            throw FetchFailure(.network, "cannot resolve host \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(first) }
        var found: [IPAddress] = []
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let entry = node {
            if let sa = entry.pointee.ai_addr {
                if entry.pointee.ai_family == AF_INET {
                    let a = sa.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr.s_addr }
                    found.append(.v4(UInt32(bigEndian: a)))
                } else if entry.pointee.ai_family == AF_INET6 {
                    var a = sa.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                    found.append(.v6(withUnsafeBytes(of: &a) { Array($0) }))
                }
            }
            node = entry.pointee.ai_next
        }
        var seen = Set<IPAddress>()
        return found.filter { seen.insert($0).inserted }
    }
}

/// A continuation resumed by whichever of several racers comes first.
final class ResumeOnce<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, any Error>?
    private var pending: Result<T, any Error>?

    func set(_ c: CheckedContinuation<T, any Error>) {
        lock.lock()
        if let pending { lock.unlock(); c.resume(with: pending); return }
        continuation = c
        lock.unlock()
    }

    func resume(_ result: Result<T, any Error>) {
        lock.lock()
        if let c = continuation {
            continuation = nil
            pending = .failure(CancellationError())
            lock.unlock()
            c.resume(with: result)
            return
        }
        if pending == nil { pending = result }
        lock.unlock()
    }
}
