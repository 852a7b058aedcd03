/// Whitespace handling shared by every stage.
public enum Whitespace {
    /// Collapses runs of whitespace (incl. no-break and other Unicode spaces) into one space and trims.
    public static func collapse<S: StringProtocol>(_ s: S) -> String {
        var utf8 = [UInt8]()
        utf8.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        var sawNonASCII = false
        for byte in s.utf8 {
            if byte >= 0x80 { sawNonASCII = true; break }
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                pendingSpace = !utf8.isEmpty
            } else {
                if pendingSpace { utf8.append(0x20) }
                pendingSpace = false
                utf8.append(byte)
            }
        }
        // ASCII text (most markup and much news text) never needs Unicode property look-ups.
        if !sawNonASCII { return String(decoding: utf8, as: UTF8.self) }
        var out = String.UnicodeScalarView()
        pendingSpace = false
        for scalar in s.unicodeScalars {
            let isSpace = scalar.value < 0x80
                ? scalar == " " || (scalar.value >= 0x09 && scalar.value <= 0x0D)
                : scalar.properties.isWhitespace || scalar == "\u{200B}" || scalar == "\u{FEFF}"
            if isSpace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            }
        }
        return String(out)
    }
}

extension StringProtocol {
    /// Byte-wise substring test over UTF-8. Foundation's `contains` bridges to NSString and folds character
    /// clusters, which made it a hot spot on every block of every page.
    func containsBytes(_ needle: String) -> Bool {
        var haystack = String(self)
        var needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard let first = n.first else { return true }
                guard h.count >= n.count else { return false }
                var i = 0
                let last = h.count - n.count
                while i <= last {
                    if h[i] == first {
                        var k = 1
                        while k < n.count && h[i + k] == n[k] { k += 1 }
                        if k == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}
