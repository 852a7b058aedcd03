// Text cut by scalar offsets, the way every span in the model counts (shared by the analysis and the reports).

extension String {
    /// The text of a run of scalars (offsets in Parallax count scalars, so spans are cut from scalar arrays).
    public init(scalars: some Sequence<Unicode.Scalar>) {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        self.init(view)
    }

    /// The text cut to `limit` characters, with an ellipsis when it was longer.
    public func shortened(to limit: Int) -> String {
        count <= limit ? self : String(prefix(limit - 1)) + "…"
    }
}

extension Array where Element == Unicode.Scalar {
    /// The text between two scalar offsets, clamped to the array.
    public func slice(_ start: Int, _ end: Int) -> String {
        let s = Swift.max(0, Swift.min(start, count))
        let e = Swift.max(s, Swift.min(end, count))
        return String(scalars: self[s..<e])
    }
}
