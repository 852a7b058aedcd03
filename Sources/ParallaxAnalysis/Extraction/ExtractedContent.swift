import ParallaxModel

/// What a content extractor found in one document: the main-text blocks, the material kept apart from
/// them (captions, credits, notes) and the metadata the page states about itself.
public struct ExtractedContent: Sendable {
    public var blocks: [Block] = []
    public var captions: [String] = []
    public var notes: [String] = []
    /// Lines that credit agencies or name the outlet, kept out of the main text but read for metadata.
    public var creditLines: [String] = []
    public var signatureLines: [String] = []
    public var metadata = PageMetadata()

    public init() {}

    public var paragraphs: [String] { blocks.map(\.text) }
}

/// What a page says about itself (HTML head, JSON-LD, bylines and datelines found in the text).
public struct PageMetadata: Sendable {
    public var title: String?
    public var byline: String?
    public var published: String?
    public var siteName: String?
    public var url: String?
    public var declaredLanguage: String?
    /// The article text a page embeds in its JSON-LD (`articleBody`), for pages that render their text by script.
    public var embeddedBody: String?
    public init() {}
}

/// Turns a decoded document into main text and metadata.
public protocol ContentExtracting: Sendable {
    var id: StageID { get }
    func extract(_ text: String, source: String, deadline: Deadline) throws -> ExtractedContent
}
