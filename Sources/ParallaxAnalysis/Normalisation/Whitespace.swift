/// Whitespace handling shared by every stage.
public enum Whitespace {
    /// Collapses runs of whitespace (incl. no-break and other Unicode spaces) into one space and trims.
    public static func collapse<S: StringProtocol>(_ s: S) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in s.unicodeScalars {
            if scalar.properties.isWhitespace || scalar == "\u{200B}" || scalar == "\u{FEFF}" {
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
