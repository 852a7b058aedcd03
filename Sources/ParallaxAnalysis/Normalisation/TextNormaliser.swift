import CICUShim

/// Normalisation helpers that later stages reuse: NFKC case folding and `Any-Latin; Latin-ASCII`
/// transliteration through ICU, and the match keys built from them.
public enum TextNormaliser {
    /// NFKC case folding: "ＡＢＣ Straße ﬁ" → "abc strasse fi". Idempotent.
    public static func fold(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.lowercased() }
        return utf16Call(s) { src, n, dst, cap in pxicu_nfkc_casefold(src, n, dst, cap) } ?? s.lowercased()
    }

    /// Transliterates any script to plain ASCII Latin: "Владимир Путин" → "Vladimir Putin".
    public static func latinASCII(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s }
        return utf16Call(s) { src, n, dst, cap in pxicu_latin_ascii(src, n, dst, cap) } ?? s
    }

    /// A key for matching lexicon entries: folded, whitespace collapsed, leading bullets or list numbers and
    /// trailing punctuation removed ("1. Skip to content:" → "skip to content").
    public static func lineKey(_ s: String) -> String {
        if let ascii = asciiLineKey(s) { return ascii }
        var t = Substring(Whitespace.collapse(fold(s)))
        t = t.drop { leadingJunk.contains($0) || $0 == " " }
        // "1." or "12)" list numbering
        let digits = t.prefix { $0.isNumber }
        if !digits.isEmpty, digits.count <= 2, let next = t.dropFirst(digits.count).first, next == "." || next == ")" {
            t = t.dropFirst(digits.count + 1).drop { $0 == " " }
        }
        while let last = t.last, trailingJunk.contains(last) { t = t.dropLast() }
        return String(t)
    }

    static let leadingJunk: Set<Character> = ["-", "–", "—", "•", "·", "*", "▪", "►", ">", "|", "»"]
    static let trailingJunk: Set<Character> = [".", ":", ";", ",", "!", "?", "|", "›", "»", ">", "…", "-", "–", "—", " "]

    /// `lineKey` for ASCII text, on bytes: the common case, without Unicode look-ups.
    static func asciiLineKey(_ s: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for b in s.utf8 {
            if b >= 0x80 { return nil }
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                pendingSpace = !bytes.isEmpty
                continue
            }
            if pendingSpace { bytes.append(0x20) }
            pendingSpace = false
            bytes.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
        }
        var start = 0
        while start < bytes.count, [0x2D, 0x2A, 0x3E, 0x7C, 0x20].contains(bytes[start]) { start += 1 }
        var digits = start
        while digits < bytes.count, bytes[digits] >= 0x30 && bytes[digits] <= 0x39 { digits += 1 }
        if digits > start, digits - start <= 2, digits < bytes.count, bytes[digits] == 0x2E || bytes[digits] == 0x29 {
            start = digits + 1
            while start < bytes.count, bytes[start] == 0x20 { start += 1 }
        }
        var end = bytes.count
        while end > start, [0x2E, 0x3A, 0x3B, 0x2C, 0x21, 0x3F, 0x7C, 0x3E, 0x2D, 0x20].contains(bytes[end - 1]) { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private static func utf16Call(_ s: String,
                                  _ call: (UnsafePointer<UInt16>, Int32, UnsafeMutablePointer<UInt16>, Int32)
                                      -> Int32) -> String? {
        let output: [UInt16]? = ICUBuffer.run(Array(s.utf16), capacity: s.utf16.count * 2 + 16) { src, dst in
            call(src.baseAddress!, Int32(src.count), dst.baseAddress!, Int32(dst.count))
        }
        return output.map { String(decoding: $0, as: UTF16.self) }
    }

}
