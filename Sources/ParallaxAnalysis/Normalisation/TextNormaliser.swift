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
        var t = Substring(Whitespace.collapse(fold(s)))
        t = t.drop { "-–—•·*▪►>|»".contains($0) || $0 == " " }
        // "1." or "12)" list numbering
        let digits = t.prefix { $0.isNumber }
        if !digits.isEmpty, digits.count <= 2, let next = t.dropFirst(digits.count).first, ".)".contains(next) {
            t = t.dropFirst(digits.count + 1).drop { $0 == " " }
        }
        while let last = t.last, ".:;,!?|›»>…-–— ".contains(last) { t = t.dropLast() }
        return String(t)
    }

    private static func utf16Call(_ s: String,
                                  _ call: (UnsafePointer<UInt16>, Int32, UnsafeMutablePointer<UInt16>, Int32)
                                      -> Int32) -> String? {
        let units = Array(s.utf16)
        var capacity = units.count * 2 + 16
        for _ in 0..<4 {
            var out = [UInt16](repeating: 0, count: capacity)
            let n = units.withUnsafeBufferPointer { src in
                out.withUnsafeMutableBufferPointer { dst in
                    call(src.baseAddress!, Int32(src.count), dst.baseAddress!, Int32(dst.count))
                }
            }
            if n < 0 { return nil }
            if Int(n) <= capacity { return String(decoding: out[0..<Int(n)], as: UTF16.self) }
            capacity = Int(n) + 16
        }
        return nil
    }
}
