import Foundation
import ParallaxModel

/// The per-document pipeline: bytes → decoded text → main content and metadata → language per paragraph →
/// sentences. Pure values in, values out; drivers do the I/O and the concurrency.
public struct ArticlePipeline: Sendable {
    public struct Configuration: Sendable {
        /// Seconds one document may take before it is reported and skipped.
        public var timeoutSeconds = 10.0
        public var html = HTMLTree.Limits()
        /// Characters of main text one document may have: 1,000,000 is longer than any report (a long-read is
        /// 50,000), and analysis, whose cost grows with the text, stays within seconds.
        public var maxTextCharacters = 1_000_000
        public init() {}
    }

    public var configuration: Configuration
    public var decoder: any TextDecoding
    public var htmlExtractor: HTMLContentExtractor
    public var textExtractor: TextDumpExtractor
    public var languages: ParagraphLanguages
    public var segmenter: any SentenceSegmenting
    public var lexicon: Lexicon
    /// Dates, figures, mentions and claims; nil runs extraction alone.
    public var reading: ArticleReading?
    /// Set-up problems a user should hear about once (missing data), not per document.
    public var setupWarnings: [String] = []

    /// The default pipeline, with stoplists from the data directory fetched at set-up. Without `reading`, it
    /// extracts text and metadata only, and neither loads nor runs what dates, figures, mentions and claims need.
    public static func standard(configuration: Configuration = Configuration(),
                                dataDirectory: URL? = DataDirectory.locate(), reading: Bool = true) -> ArticlePipeline {
        var warnings: [String] = []
        var stoplists = Stoplists(words: [:])
        if let dir = dataDirectory {
            stoplists = Stoplists.load(from: dir.appendingPathComponent("justext/stoplists"))
        }
        if stoplists.words.isEmpty {
            warnings.append("jusText stoplists not found (run `make setup`, or set PARALLAX_DATA): boilerplate "
                + "removal falls back to length and punctuation cues and is less accurate")
        }
        let lexicon = Lexicon.shipped
        let identifier = CLD2LanguageIdentifier(stoplists: stoplists)
        var html = HTMLContentExtractor(classifier: BlockClassifier(stoplists: stoplists), identifier: identifier,
                                        lexicon: lexicon)
        html.limits = configuration.html
        var pipeline = ArticlePipeline(
            configuration: configuration, decoder: ICUCharsetDecoder(), htmlExtractor: html,
            textExtractor: TextDumpExtractor(lexicon: lexicon), languages: ParagraphLanguages(identifier: identifier),
            segmenter: ICUSentenceSegmenter(), lexicon: lexicon)
        guard reading else {
            pipeline.setupWarnings = warnings
            return pipeline
        }
        let gazetteer = Gazetteer.standard(dataDirectory: dataDirectory, lexicon: lexicon)
        if !gazetteer.hasGeoNames {
            warnings.append("GeoNames gazetteer not found (run `make setup`, or set PARALLAX_DATA): only countries, "
                + "curated entities and agencies are recognised as places and organisations")
        }
        pipeline.reading = ArticleReading(languages: .shipped, gazetteer: gazetteer, stopwords: stoplists)
        pipeline.setupWarnings = warnings
        return pipeline
    }

    /// Every stage this pipeline records (with either extractor): an article that lists another was analysed by
    /// an older or different version and is stale.
    public var stages: Set<StageID> {
        Set([decoder.id, htmlExtractor.id, textExtractor.id, StageID("metadata", 1), ParagraphLanguages.id, segmenter.id]
            + (reading == nil ? [] : ArticleReading.stages))
    }

    /// Analyses one document. Throws a `ParallaxError` naming the document when it cannot be analysed.
    public func run(_ document: RawDocument) throws -> Article {
        let deadline = Deadline(seconds: configuration.timeoutSeconds)
        var article = Article(source: document.source,
                              format: document.fromRecord ? "json" : document.fromFeed != nil ? "feed" : document.format.rawValue)
        if let part = document.fromFeed {
            article.warnings.append("the text is the feed's \(part == "content" ? "full content" : "summary"), not the page")
        }
        // 1. Decode.
        let text: String
        switch document.content {
        case .string(let s):
            text = ControlCharacters.stripped(s)
        case .bytes(let bytes):
            let decoded = try decoder.decode(bytes, markup: document.format == .html, source: document.source,
                                         charset: document.given.charset)
            text = decoded.text
            article.charset = decoded.charset
            article.charsetSource = decoded.evidence.rawValue
            if decoded.evidence == .fallback {
                article.warnings.append("charset unknown; decoded as windows-1252")
            }
        }
        // 2. Extract main content and metadata.
        let extractor: any ContentExtracting = document.format == .html ? htmlExtractor : textExtractor
        let content = try extractor.extract(text, source: document.source, deadline: deadline)
        try deadline.check(source: document.source)
        // 3. Metadata and credits.
        ArticleMetadata(lexicon: lexicon).fill(&article, from: content, given: document.given)
        // 4. Languages, per paragraph. Control characters go first: no field may carry one to a terminal.
        article.paragraphs = content.paragraphs.map { ControlCharacters.stripped($0) }
        article.captions = content.captions.map { ControlCharacters.stripped($0) }
        article.notes = content.notes.map { ControlCharacters.stripped($0) }
        // One-line fields are bounded too: a headline of megabytes is an attack, not a headline.
        for (field, name, limit) in [(\Article.title, "title", 1000), (\.byline, "byline", 500), (\.outlet, "outlet", 200),
                                     (\.url, "url", 8192), (\.published, "published", 64)] {
            guard let value = article[keyPath: field].map({ ControlCharacters.stripped($0, singleLine: true) }) else { continue }
            if value.unicodeScalars.count <= limit {
                article[keyPath: field] = value
            } else {
                // A cut URL or date would be wrong: those are dropped; names and titles are cut.
                let cut = field != \Article.url && field != \Article.published
                article[keyPath: field] = cut ? String(String.UnicodeScalarView(value.unicodeScalars.prefix(limit))) : nil
                article.warnings.append("the \(name) was over \(limit) characters: \(cut ? "cut" : "dropped")")
            }
        }
        for k in article.credits.indices {
            article.credits[k].evidence = ControlCharacters.stripped(article.credits[k].evidence, singleLine: true)
        }
        article.text = article.paragraphs.joined(separator: "\n\n")
        let length = article.text.unicodeScalars.count
        if length > configuration.maxTextCharacters {
            throw ParallaxError(.tooLarge, "its main text is \(length) characters, over the limit of "
                + "\(configuration.maxTextCharacters) for one document", source: document.source)
        }
        let languages = languages.identify(article.paragraphs)
        article.languages = languages.shares
        article.language = languages.main
        // 5. Sentences.
        article.sentences = sentences(of: article.paragraphs, languages: languages.perParagraph)
        if article.paragraphs.isEmpty { article.warnings.append("no main text found") }
        article.stages = [decoder.id, extractor.id, StageID("metadata", 1), languages.id, segmenter.id]
        // 6. Dates, figures, mentions and claims.
        if let reading {
            reading.read(&article, deadline: deadline)
            article.stages += ArticleReading.stages
        }
        return article
    }

    /// An article from plain text taken as it is — no boilerplate removal, and `text` is the input unchanged, so
    /// that offsets in the result are offsets into the input (what evaluation against standoff annotation needs).
    /// Each non-empty line is a paragraph. A publication date, when known, anchors relative dates ("on Monday").
    public func read(plainText: String, source: String, language: String?, published: String? = nil) -> Article {
        var article = Article(source: source, format: "text")
        article.text = plainText
        article.published = published
        let scalars = Array(plainText.unicodeScalars)
        var lines: [(start: Int, text: String)] = []
        var start = 0
        for (i, c) in scalars.enumerated() where c == "\n" || i == scalars.count - 1 {
            let end = c == "\n" ? i : i + 1
            let line = String(scalars: scalars[start..<end])
            if !line.trimmingCharacters(in: .whitespaces).isEmpty { lines.append((start, line)) }
            start = i + 1
        }
        article.paragraphs = lines.map(\.text)
        let identified = languages.identify(article.paragraphs)
        article.language = language ?? identified.main
        for (p, line) in lines.enumerated() {
            let lang = language ?? identified.perParagraph[p]
            for r in segmenter.sentences(in: line.text, language: lang) {
                let range = (line.start + r.lowerBound)..<(line.start + r.upperBound)
                article.sentences.append(Sentence(text: String(scalars: scalars[range]), start: range.lowerBound,
                                                  end: range.upperBound, paragraph: p, language: lang))
            }
        }
        reading?.read(&article)
        return article
    }

    /// Sentences of the whole text. Runs of paragraphs in one language go to the segmenter in one piece, joined
    /// as in `Article.text` (paragraph breaks are hard sentence breaks), so offsets need only a shift.
    func sentences(of paragraphs: [String], languages: [String?]) -> [Sentence] {
        var starts: [Int] = []
        var offset = 0
        for paragraph in paragraphs {
            starts.append(offset)
            offset += paragraph.unicodeScalars.count + 2  // the blank line joining paragraphs
        }
        var out: [Sentence] = []
        var first = 0
        while first < paragraphs.count {
            var last = first
            while last + 1 < paragraphs.count && languages[last + 1] == languages[first] { last += 1 }
            let group = paragraphs[first...last].joined(separator: "\n\n")
            // ASCII text is sliced as bytes: scalar offsets equal byte offsets.
            let bytes = Array(group.utf8)
            let ascii = !bytes.contains { $0 >= 0x80 }
            let scalars = ascii ? [] : Array(group.unicodeScalars)
            var paragraph = first
            for range in segmenter.sentences(in: group, language: languages[first]) {
                let start = starts[first] + range.lowerBound
                while paragraph < last && starts[paragraph + 1] <= start { paragraph += 1 }
                let text: String
                if ascii {
                    text = String(decoding: bytes[range], as: UTF8.self)
                } else {
                    text = String(scalars: scalars[range])
                }
                out.append(Sentence(text: text, start: start, end: starts[first] + range.upperBound,
                                    paragraph: paragraph, language: languages[first]))
            }
            first = last + 1
        }
        return out
    }

}

extension ParagraphLanguages {
    static let id = StageID("languages.paragraph", 1)
}

extension ParagraphLanguages.Result {
    var id: StageID { ParagraphLanguages.id }
}
