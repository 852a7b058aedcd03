/// One input document before analysis: its bytes (or text from a JSON record) and what the input already
/// says about it.
public struct RawDocument: Sendable {
    public enum Format: String, Sendable { case html, text }
    public enum Content: Sendable {
        case bytes([UInt8])
        /// Already-decoded text (JSON records carry strings).
        case string(String)
    }

    public var source: String
    public var format: Format
    public var content: Content
    /// Metadata given by a structured record, which takes precedence over what extraction finds.
    public var given = Given()
    /// Set when the document came from a JSON record, for the record's `format` field.
    public var fromRecord = false
    /// Set when the text is what a feed carried for the item ("content" or "summary"), not the page itself.
    public var fromFeed: String?

    public struct Given: Sendable {
        public var url: String?
        public var title: String?
        public var published: String?
        public var outlet: String?
        public var byline: String?
        /// The charset the transport declared (HTTP Content-Type), which outranks the page's own declaration.
        public var charset: String?
        public init() {}
    }

    public init(source: String, format: Format, content: Content) {
        self.source = source
        self.format = format
        self.content = content
    }
}
