import CICUShim
import ParallaxModel

/// Text decoded from bytes, with the charset it came from and how that charset was known.
public struct DecodedText: Sendable {
    public enum Evidence: String, Sendable { case bom, utf8, declared, detected, fallback }
    public var text: String
    public var charset: String
    public var evidence: Evidence
}

/// Turns the bytes of a page or a text dump into Unicode text.
public protocol TextDecoding: Sendable {
    var id: StageID { get }
    /// `charset` is what the transport declared (an HTTP Content-Type header), when it did.
    func decode(_ bytes: [UInt8], markup: Bool, source: String, charset: String?) throws -> DecodedText
}

extension TextDecoding {
    public func decode(_ bytes: [UInt8], markup: Bool, source: String, charset header: String? = nil) throws -> DecodedText {
        try decode(bytes, markup: markup, source: source, charset: nil)
    }
}

/// Decodes by the WHATWG-like order: byte-order mark, then valid UTF-8, then the charset the HTTP header named,
/// then the page's own declaration (`<meta charset>`, `http-equiv`, XML declaration), then ICU's statistical
/// detection.
///
/// Valid UTF-8 wins over a contradicting declaration (as in miniflux): mislabelled UTF-8 pages are common,
/// while legacy text that happens to be valid UTF-8 is vanishingly rare.
public struct ICUCharsetDecoder: TextDecoding {
    public let id = StageID("decode.icu", 1)
    public init() {}

    public func decode(_ bytes: [UInt8], markup: Bool, source: String, charset header: String? = nil) throws -> DecodedText {
        if bytes.isEmpty { throw ParallaxError(.empty, "the file is empty", source: source) }
        if let (charset, skip) = Self.byteOrderMark(bytes) {
            let text = try convert(Array(bytes[skip...]), from: charset, strict: false, source: source)
            return DecodedText(text: ControlCharacters.stripped(text), charset: charset, evidence: .bom)
        }
        if let utf16 = Self.bomlessUTF16(bytes) {
            let text = try convert(bytes, from: utf16, strict: false, source: source)
            return DecodedText(text: ControlCharacters.stripped(text), charset: utf16, evidence: .detected)
        }
        if Self.looksBinary(bytes) {
            throw ParallaxError(.binary, "binary data, not a text document", source: source)
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            return DecodedText(text: ControlCharacters.stripped(text), charset: "UTF-8", evidence: .utf8)
        }
        // UTF-8 with a few damaged bytes (a truncated multi-byte character, one stray Latin-1 byte) is still
        // UTF-8: repair it rather than misread the whole page as windows-1252.
        let declared = (header.flatMap(Self.canonical) ?? Self.declaredCharset(bytes).flatMap(Self.canonical))
        if declared == "UTF-8" || declared == nil, let repaired = Self.mostlyUTF8(bytes) {
            return DecodedText(text: ControlCharacters.stripped(repaired), charset: "UTF-8", evidence: declared == nil ? .detected : .declared)
        }
        if let charset = declared, charset != "UTF-8",
           let text = try? convert(bytes, from: charset, strict: true, source: source) {
            return DecodedText(text: ControlCharacters.stripped(text), charset: charset, evidence: .declared)
        }
        if let (guess, confidence) = Self.detect(bytes, markup: markup), confidence >= 10,
           let text = try? convert(bytes, from: guess, strict: true, source: source) {
            return DecodedText(text: ControlCharacters.stripped(text), charset: guess, evidence: .detected)
        }
        let text = try convert(bytes, from: "windows-1252", strict: false, source: source)
        return DecodedText(text: ControlCharacters.stripped(text), charset: "windows-1252", evidence: .fallback)
    }

    func convert(_ bytes: [UInt8], from charset: String, strict: Bool, source: String) throws -> String {
        let output: [UInt8]? = ICUBuffer.run(bytes, capacity: bytes.count * 3 + 16) { src, dst in
            src.withMemoryRebound(to: CChar.self) { s in
                dst.withMemoryRebound(to: CChar.self) { d in
                    pxicu_to_utf8(charset, s.baseAddress, Int32(s.count), d.baseAddress, Int32(d.count), strict ? 1 : 0)
                }
            }
        }
        guard let output else {
            throw ParallaxError(.undecodable, "cannot decode the bytes as \(charset)", source: source)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The text when the bytes are UTF-8 but for a handful of invalid sequences (each run replaced by one U+FFFD):
    /// either multi-byte characters are present, so that the guess rests on evidence, or the text is ASCII but
    /// for a few damaged spots (one, or one per 1,000 bytes up to three) none of which is a lone byte: a single
    /// high byte between ASCII letters is a windows-1252 letter or sign ("Z\u{FC}rich", "\u{A3}5m", a curly
    /// quote), while two or more invalid bytes together ("C0 AF") are damaged UTF-8.
    static func mostlyUTF8(_ bytes: [UInt8]) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var replaced = 0, multibyte = 0, lone = 0
        var i = 0
        while i < bytes.count {
            let width = InputFiles.validSequence(bytes, at: i)
            if width > 0 {
                if width > 1 { multibyte += 1 }
                out.append(contentsOf: bytes[i..<(i + width)])
                i += width
                continue
            }
            var end = i + 1
            while end < bytes.count && InputFiles.validSequence(bytes, at: end) == 0 { end += 1 }
            if end == i + 1 { lone += 1 }
            replaced += 1
            out.append(contentsOf: [0xEF, 0xBF, 0xBD])
            i = end
        }
        let text = String(decoding: out, as: UTF8.self)
        if multibyte >= 20 && replaced * 50 <= multibyte { return text }
        if multibyte == 0 && lone == 0 && replaced <= min(3, max(1, bytes.count / 1000)) { return text }
        return nil
    }

    static func byteOrderMark(_ b: [UInt8]) -> (String, Int)? {
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { return ("UTF-8", 3) }
        if b.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return ("UTF-32LE", 4) }
        if b.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return ("UTF-32BE", 4) }
        if b.starts(with: [0xFF, 0xFE]) { return ("UTF-16LE", 2) }
        if b.starts(with: [0xFE, 0xFF]) { return ("UTF-16BE", 2) }
        return nil
    }

    /// UTF-16 without a byte-order mark. In one orientation, the high bytes of the code units take very few
    /// values (0x00 for Latin and markup, 0x04 for Cyrillic, 0x03 for Greek…) while the low bytes vary; no
    /// 8-bit text shows that pattern on every other byte.
    static func bomlessUTF16(_ b: [UInt8]) -> String? {
        let n = min(b.count, 2048) & ~1
        guard n >= 16 else { return nil }
        func concentration(_ offset: Int) -> (top: Double, distinct: Int) {
            var counts = [Int](repeating: 0, count: 256)
            for i in stride(from: offset, to: n, by: 2) { counts[Int(b[i])] += 1 }
            let sorted = counts.sorted(by: >)
            return (Double(sorted[0] + sorted[1]) / Double(n / 2), counts.filter { $0 > 0 }.count)
        }
        let even = concentration(0), odd = concentration(1)
        // Two high-byte values cover ≥ 90 % of units, and the other side is varied, with NUL among the highs.
        let zerosEven = stride(from: 0, to: n, by: 2).filter { b[$0] == 0 }.count
        let zerosOdd = stride(from: 1, to: n, by: 2).filter { b[$0] == 0 }.count
        if even.top >= 0.9 && odd.distinct >= 12 && zerosEven * 20 >= n / 2 && zerosOdd * 50 < n / 2 {
            return "UTF-16BE"
        }
        if odd.top >= 0.9 && even.distinct >= 12 && zerosOdd * 20 >= n / 2 && zerosEven * 50 < n / 2 {
            return "UTF-16LE"
        }
        return nil
    }

    /// Binary data: many NUL and C0 control bytes, which no text encoding we read would produce.
    static func looksBinary(_ b: [UInt8]) -> Bool {
        let sample = b.prefix(4096)
        var controls = 0
        for byte in sample where byte < 0x09 || (byte > 0x0D && byte < 0x20 && byte != 0x1B) { controls += 1 }
        // A stray NUL or escape in a page is damage; one byte in twenty is not text.
        return controls * 20 > sample.count
    }

    /// The charset a page declares in its first 4 KiB: `<meta charset>`, `http-equiv`, or `<?xml encoding?>`.
    static func declaredCharset(_ b: [UInt8]) -> String? {
        let head = String(decoding: b.prefix(4096).map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self).lowercased()
        for marker in ["charset=", "encoding="] {
            var searchStart = head.startIndex
            while let range = head.range(of: marker, range: searchStart..<head.endIndex) {
                searchStart = range.upperBound
                let rest = head[range.upperBound...].drop { $0 == "\"" || $0 == "'" || $0 == " " }
                let label = rest.prefix { $0.isLetter || $0.isNumber || "-_:.".contains($0) }
                if !label.isEmpty { return String(label) }
            }
        }
        return nil
    }

    /// ICU's canonical name for a label; ISO-8859-1 and ASCII labels mean windows-1252 on the web (WHATWG).
    static func canonical(_ label: String) -> String? {
        let lowered = label.lowercased()
        if ["iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii", "iso8859-1", "l1", "cp819"].contains(lowered) {
            return "windows-1252"
        }
        if ["utf8", "utf-8", "unicode-1-1-utf-8"].contains(lowered) { return "UTF-8" }
        if ["gb2312", "gbk", "x-gbk", "gb_2312-80", "chinese"].contains(lowered) { return "GB18030" }
        if ["shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "windows-31j", "csshiftjis"].contains(lowered) {
            return "windows-31j"
        }
        var out = [CChar](repeating: 0, count: 64)
        guard pxicu_canonical_charset(label, &out, 64) != 0 else { return nil }
        let name = String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.lowercased().hasPrefix("utf-8") || name == "UTF8" ? "UTF-8" : name
    }

    static func detect(_ b: [UInt8], markup: Bool) -> (String, Int32)? {
        var name = [CChar](repeating: 0, count: 64)
        let sample = Array(b.prefix(64 * 1024))
        let confidence = sample.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) {
                pxicu_detect_charset($0.baseAddress, Int32($0.count), markup ? 1 : 0, &name, 64)
            }
        }
        guard confidence >= 0 else { return nil }
        let found = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // ICU reports ISO names; where a Windows charset is a true superset it decodes the same text and more.
        // (Only true supersets: windows-1250 and ISO-8859-2 place Polish letters differently.)
        let superset = ["ISO-8859-1": "windows-1252", "ISO-8859-9": "windows-1254", "Shift_JIS": "windows-31j"]
        return (superset[found] ?? found, confidence)
    }
}

/// Encodes text into a legacy charset through ICU: test fixtures for the decoder, and exports.
public enum CharsetEncoder {
    /// The bytes of `text` in `charset`, or nil when the charset is unknown or cannot represent the text.
    public static func encode(_ text: String, as charset: String) -> [UInt8]? {
        ICUBuffer.run(Array(text.utf8), capacity: text.utf8.count * 4 + 16) { src, dst in
            src.withMemoryRebound(to: CChar.self) { s in
                dst.withMemoryRebound(to: CChar.self) { d in
                    pxicu_from_utf8(charset, s.baseAddress, Int32(s.count), d.baseAddress, Int32(d.count))
                }
            }
        }
    }

}
