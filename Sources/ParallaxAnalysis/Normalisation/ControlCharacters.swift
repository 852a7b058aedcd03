/// Control characters in text from untrusted input: C0 (but tab and line feed), DEL and C1. A terminal acts on
/// them (ESC and CSI start sequences that retitle or clear it, BEL rings), and no news text needs them.
public enum ControlCharacters {
    /// Whether a scalar is a C0 control, DEL or a C1 control.
    public static func isControl(_ s: Unicode.Scalar) -> Bool { s.value < 0x20 || (0x7F...0x9F).contains(s.value) }

    /// The text without control characters. Line breaks (LF, CR, CRLF, NEL) become one LF and tabs are kept in a
    /// body; both become spaces in a one-line field (a title, a byline). Works on UTF-8 bytes: C0 controls and DEL
    /// are single bytes there, C1 controls the pairs C2 80–9F, and no other multi-byte sequence contains either.
    public static func stripped(_ text: String, singleLine: Bool = false) -> String {
        var text = text
        let needsWork = text.withUTF8 { bytes in
            for (i, byte) in bytes.enumerated() {
                if byte == 0x0A || byte == 0x09 { if singleLine { return true } else { continue } }
                if byte < 0x20 || byte == 0x7F { return true }
                if byte == 0xC2, i + 1 < bytes.count, (0x80...0x9F).contains(bytes[i + 1]) { return true }
            }
            return false
        }
        guard needsWork else { return text }
        let lineBreak: UInt8 = singleLine ? 0x20 : 0x0A
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        var previousCR = false
        var c1Lead = false
        for byte in text.utf8 {
            // A C2 lead is held back until the next byte shows whether it starts a C1 control.
            if c1Lead {
                c1Lead = false
                if byte == 0x85 { out.append(lineBreak); continue }  // NEL, the C1 line break
                if (0x80...0x9F).contains(byte) { continue }
                out.append(0xC2)
            }
            defer { previousCR = byte == 0x0D }
            switch byte {
            case 0xC2: c1Lead = true
            case 0x0D: out.append(lineBreak)
            case 0x0A: if !previousCR { out.append(lineBreak) }
            case 0x09: out.append(singleLine ? 0x20 : 0x09)
            case 0..<0x20, 0x7F: break
            default: out.append(byte)
            }
        }
        if c1Lead { out.append(0xC2) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The text as a terminal may show it: each control character but line feed and tab written as `\xHH`
    /// (`\u{HHHH}` for C1), so that what an input holds is visible and never acted on.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) && $0 != "\n" && $0 != "\t" }) else { return text }
        var out = ""
        for s in text.unicodeScalars {
            if isControl(s) && s != "\n" && s != "\t" {
                out += s.value < 0x80 ? "\\x" + hex(s.value, 2) : "\\u{" + hex(s.value, 4) + "}"
            } else {
                out.unicodeScalars.append(s)
            }
        }
        return out
    }

    private static func hex(_ v: UInt32, _ width: Int) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
