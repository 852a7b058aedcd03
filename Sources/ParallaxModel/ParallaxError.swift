/// The one error type of Parallax: a stable, growable code plus the context a person needs to act.
public struct ParallaxError: Error, Sendable, CustomStringConvertible, Equatable {
    /// Stable machine-readable code, such as `extraction.no-main-text`.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let unreadable = Code(rawValue: "input.unreadable")
        public static let empty = Code(rawValue: "input.empty")
        public static let binary = Code(rawValue: "input.binary")
        public static let unsupported = Code(rawValue: "input.unsupported-format")
        public static let tooLarge = Code(rawValue: "limits.too-large")
        public static let tooDeep = Code(rawValue: "limits.too-deep")
        public static let tooManyElements = Code(rawValue: "limits.too-many-elements")
        public static let timeout = Code(rawValue: "limits.timeout")
        public static let undecodable = Code(rawValue: "decoding.undecodable")
        public static let badGzip = Code(rawValue: "decoding.bad-gzip")
        public static let badJSON = Code(rawValue: "input.bad-json")
        public static let unparsable = Code(rawValue: "extraction.unparsable")
        public static let noMainText = Code(rawValue: "extraction.no-main-text")
        public static let missingData = Code(rawValue: "data.missing")
    }

    public var code: Code
    /// What went wrong, in words a person can act on.
    public var message: String
    /// The file or URL concerned, when there is one.
    public var source: String?

    public init(_ code: Code, _ message: String, source: String? = nil) {
        self.code = code
        self.message = message
        self.source = source
    }

    public var description: String {
        if let source { return "\(source): \(message) [\(code)]" }
        return "\(message) [\(code)]"
    }
}
