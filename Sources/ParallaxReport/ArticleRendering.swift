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
        let published = (a.published ?? "—") + (a.publishedInferred ? " (inferred from the text)" : "")
        lines.append("   outlet    \(a.outlet ?? "—")    published \(published)    byline \(a.byline ?? "—")")
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
        lines += reading(a)
        for paragraph in a.paragraphs.prefix(limit) { lines.append("   │ \(paragraph)") }
        if a.paragraphs.count > limit { lines.append("   │ … \(a.paragraphs.count - limit) more") }
        return lines.joined(separator: "\n")
    }

    /// Who is named, who says what through whom, which figures and dates: the lines a reader checks first.
    static func reading(_ a: Article) -> [String] {
        var lines: [String] = []
        let people = a.entities.filter { $0.kind == .person }
        if !people.isEmpty {
            lines.append("   people    " + people.map { p in
                p.roles.isEmpty ? p.name : "\(p.name) (\(p.roles.joined(separator: "; ")))"
            }.joined(separator: ", "))
        }
        let places = a.entities.filter { $0.kind != .person && $0.kind != .group }
        if !places.isEmpty {
            lines.append("   named     " + places.prefix(12).map { e in
                e.forms.count > 1 || e.forms.first != e.name ? "\(e.name) as \(e.forms.joined(separator: "/"))" : e.name
            }.joined(separator: ", ") + (places.count > 12 ? ", …" : ""))
        }
        let attributed = a.claims.filter { $0.kind != .assertion }
        let refuted = a.claims.filter(\.refutes).count
        lines.append("   claims    \(attributed.count) attributed, \(a.claims.count - attributed.count) the outlet's own"
            + (refuted > 0 ? ", \(refuted) refuting" : ""))
        for c in attributed {
            var chain = [c.speaker?.text ?? "(unnamed)"]
            if let channel = c.channel { chain.append(channel) }
            chain += c.via.map(\.text)
            let verb = c.verb.map { " \($0.text)" } ?? ""
            let marks = (c.stance == .neutral ? [] : [c.stance.rawValue]) + c.hedges + (c.negated ? ["negated"] : [])
            let content = c.content.text.count > 90 ? String(c.content.text.prefix(88)) + "…" : c.content.text
            lines.append("     · \(chain.joined(separator: " → "))\(verb)\(marks.isEmpty ? "" : " [\(marks.joined(separator: ", "))]"): "
                + (c.kind == .quote ? "“\(content)”" : content))
        }
        for f in a.figures where f.qualifier != nil || f.value >= 10 || f.unit != nil {
            lines.append("   figure    \(f.text)" + (f.counted.map { " — \($0)" } ?? "")
                + " (claimed by \(f.claimant ?? "the outlet"))")
        }
        let dates = a.dates.filter { $0.kind != .period }.compactMap { d in d.date.map { "\(d.text) → \($0)" } }
        if !dates.isEmpty { lines.append("   dates     " + dates.joined(separator: ", ")) }
        return lines
    }
}
