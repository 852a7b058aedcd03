import Foundation
import ParallaxAnalysis
import ParallaxModel

/// When two documents are one article: the same canonical URL, or the same bytes (with the same given metadata).
/// The same text under two outlets is two articles — a syndicated copy that provenance must see.
public enum DocumentIdentity {
    /// Query parameters that track a reader, not name a page: dropped from canonical URLs.
    static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_ga", "ref_src", "cmpid",
        "ocid", "ito", "at_medium", "at_campaign", "smid", "ns_mchannel", "ns_source", "ns_campaign",
    ]

    /// The URL as one page's identity: scheme and host lower-cased, default port, fragment and tracking
    /// parameters (`utm_*` and the like) dropped, remaining parameters sorted, a lone trailing slash removed.
    /// Nil for what is not an absolute http(s) URL.
    public static func canonicalURL(_ string: String?) -> String? {
        guard let string, var parts = URLComponents(string: string.trimmingCharacters(in: .whitespaces)),
              let scheme = parts.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = parts.host, !host.isEmpty else { return nil }
        parts.scheme = scheme
        parts.host = host.lowercased()
        if (scheme == "http" && parts.port == 80) || (scheme == "https" && parts.port == 443) { parts.port = nil }
        parts.fragment = nil
        // Percent-encoded as given: decoding would make `c%2B%2B` and `c++` one page.
        let kept = (parts.percentEncodedQueryItems ?? []).filter { item in
            let name = (item.name.removingPercentEncoding ?? item.name).lowercased()
            return !name.hasPrefix("utm_") && !trackingParameters.contains(name)
        }.sorted { ($0.name, $0.value ?? "") < ($1.name, $1.value ?? "") }
        parts.percentEncodedQueryItems = kept.isEmpty ? nil : kept
        if parts.path.count > 1, parts.path.hasSuffix("/") { parts.path.removeLast() }
        if parts.path.isEmpty { parts.path = "/" }
        return parts.string
    }

    /// A 128-bit hash (hex) of the document's content and of the metadata a record gives with it.
    public static func contentHash(_ document: RawDocument) -> String {
        var hasher = ContentHasher()
        switch document.content {
        case .bytes(let bytes): hasher.add(bytes)
        case .string(let text): hasher.add(Array(text.utf8))
        }
        for field in [document.given.url, document.given.title, document.given.published, document.given.outlet,
                      document.given.byline] {
            hasher.add([0xff])
            hasher.add(Array((field ?? "").utf8))
        }
        return hasher.hex
    }

    /// A 128-bit hash (hex) of a list of fields, each told apart from the next (missing ones count as empty).
    public static func hash(_ fields: [String?]) -> String {
        var hasher = ContentHasher()
        for field in fields {
            hasher.add(Array((field ?? "").utf8))
            hasher.add([0xff])
        }
        return hasher.hex
    }
}

/// Two independent 64-bit FNV-1a lanes: enough to tell millions of documents apart.
private struct ContentHasher {
    var a: UInt64 = 0xcbf2_9ce4_8422_2325
    var b: UInt64 = 0x8422_2325_cbf2_9ce4

    mutating func add(_ bytes: [UInt8]) {
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 ^ 0x9e37
        }
    }

    var hex: String {
        [a, b].map { x -> String in
            let s = String(x, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }.joined()
    }
}

extension ParallaxError.Code {
    /// The store cannot be opened, read or written.
    public static let storeUnavailable = ParallaxError.Code(rawValue: "store.unavailable")
    /// Another process is writing the store.
    public static let storeBusy = ParallaxError.Code(rawValue: "store.busy")
    /// No story or article with that id.
    public static let notFound = ParallaxError.Code(rawValue: "store.not-found")
}
