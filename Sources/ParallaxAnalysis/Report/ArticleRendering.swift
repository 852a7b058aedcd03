import Foundation
import ParallaxModel

/// Renders extracted articles for people (a terminal view) and programs (JSON with snake_case keys).
public enum ArticleRendering {
    public static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// One JSON object on one line.
    public static func jsonLine(_ article: Article) -> String {
        let data = (try? encoder(pretty: false).encode(article)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// A readable summary: metadata, languages, credits, then the paragraphs.
    public static func text(_ a: Article, paragraphs limit: Int = .max) -> String {
        var lines: [String] = []
        lines.append("━━ \(a.source)")
        lines.append("   title     \(a.title ?? "—")")
        lines.append("   outlet    \(a.outlet ?? "—")    published \(a.published ?? "—")    byline \(a.byline ?? "—")")
        let languages = a.languages.map { "\($0.code) \(Int(($0.share * 100).rounded()))%" }.joined(separator: ", ")
        lines.append("   language  \(languages.isEmpty ? "—" : languages)    charset \(a.charset ?? "—")"
            + (a.charsetSource.map { " (\($0))" } ?? ""))
        if !a.credits.isEmpty {
            lines.append("   credits   " + a.credits.map { "\($0.name) (\($0.role.rawValue))" }.joined(separator: ", "))
        }
        lines.append("   text      \(a.paragraphs.count) paragraphs, \(a.sentences.count) sentences, "
            + "\(a.captions.count) captions set aside")
        for note in a.notes { lines.append("   note      \(note)") }
        for warning in a.warnings { lines.append("   warning   \(warning)") }
        for paragraph in a.paragraphs.prefix(limit) { lines.append("   │ \(paragraph)") }
        if a.paragraphs.count > limit { lines.append("   │ … \(a.paragraphs.count - limit) more") }
        return lines.joined(separator: "\n")
    }
}
