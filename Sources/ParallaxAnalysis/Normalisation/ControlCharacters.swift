/// Control characters in text from untrusted input: C0 (but tab and line feed), DEL and C1. A terminal acts on
/// them (ESC and CSI start sequences that retitle or clear it, BEL rings), and no news text needs them.
public enum ControlCharacters {
    /// Whether a scalar is a C0 control, DEL or a C1 control.
    public static func isControl(_ s: Unicode.Scalar) -> Bool { s.value < 0x20 || (0x7F...0x9F).contains(s.value) }

    /// The text without control characters; tabs and line breaks (LF, CR, NEL) are kept in a body, and become
    /// spaces in a one-line field (a title, a byline).
    public static func stripped(_ text: String, singleLine: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        var previous: Unicode.Scalar = " "
        for s in text.unicodeScalars {
            defer { previous = s }
            if s == "\n" && previous == "\r" { continue }  // CRLF is one line break
            if s == "\n" || s == "\t" || s == "\r" || s == "\u{85}" {
                out.append(singleLine ? " " : (s == "\t" ? s : "\n"))
            } else if !isControl(s) {
                out.append(s)
            }
        }
        return String(out)
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
