import Foundation
import ParallaxModel

/// Settles the record's metadata from what the input gave, what the page states and what its text signs:
/// title, byline, publication date, outlet and agency credits.
struct ArticleMetadata {
    let lexicon: Lexicon

    func fill(_ article: inout Article, from content: ExtractedContent, given: RawDocument.Given) {
        let page = content.metadata
        article.title = given.title ?? page.title
        article.byline = given.byline ?? page.byline
        // Dates a record gives ("Tue, 14 Mar 2031 10:00:00 GMT") are read like the page's own, into ISO 8601.
        article.published = given.published.flatMap(HTMLMetadataReader.normaliseDate) ?? page.published
        article.url = given.url ?? page.url
        article.outlet = outlet(given: given.outlet, page: page, signatures: content.signatureLines, url: article.url)
        // An outlet's own photographers are not an outside credit.
        article.credits = credits(content).filter { $0.name != article.outlet }
    }

    /// A name the input gives wins; then the page's site name; then a signature in the text; then the domain.
    /// Known outlets are reported under their canonical name ("BBC News World" → "BBC").
    func outlet(given: String?, page: PageMetadata, signatures: [String], url: String?) -> String? {
        if let given { return given }
        if let site = page.siteName { return lexicon.outlet(named: site)?.name ?? site }
        if let signed = mostFrequent(signatures) { return lexicon.outlet(named: signed)?.name ?? signed }
        if let url, let host = URL(string: url)?.host?.lowercased() {
            var domain = host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
            while !domain.isEmpty {
                if let outlet = lexicon.outletDomains[domain] { return outlet.name }
                guard let dot = domain.firstIndex(of: ".") else { break }
                domain = String(domain[domain.index(after: dot)...])
            }
        }
        return nil
    }

    func mostFrequent(_ names: [String]) -> String? {
        let canonical = names.map { lexicon.outlet(named: $0)?.name ?? $0 }
        var counts: [String: Int] = [:]
        for name in canonical { counts[name, default: 0] += 1 }
        // Ties go to the name seen first (`max` keeps the first of equal elements).
        return canonical.max { counts[$0]! < counts[$1]! }
    }

    /// Agencies named in credit lines and wire datelines (for the text) and in captions (for the photos),
    /// each once per role.
    func credits(_ content: ExtractedContent) -> [Credit] {
        let signatures = Signatures(lexicon: lexicon)
        var credits: [Credit] = []
        func add(_ names: [String], role: Credit.Role, evidence: String) {
            for name in names where !credits.contains(where: { $0.name == name && $0.role == role }) {
                credits.append(Credit(name: name, role: role, evidence: evidence))
            }
        }
        for line in content.creditLines { add(signatures.creditedNames(in: line, photo: false), role: .text, evidence: line) }
        if let first = content.blocks.first?.text, let agency = Self.wireDatelineAgency(first) {
            add([lexicon.agency(named: agency)?.name ?? agency], role: .text, evidence: String(first.prefix(80)))
        }
        for caption in content.captions {
            add(signatures.creditedNames(in: caption, photo: true), role: .photo, evidence: caption)
        }
        return credits
    }

    /// "DRESK, Doravia (NorPress) – …", "MOSCOW (Reuters) - …": the agency of a wire dateline.
    static func wireDatelineAgency(_ paragraph: String) -> String? {
        guard let open = paragraph.prefix(80).firstIndex(of: "("), let close = paragraph[open...].firstIndex(of: ")")
        else { return nil }
        let place = paragraph[..<open].trimming(" ,")
        let after = paragraph[paragraph.index(after: close)...].drop { $0 == " " }
        guard let dash = after.first, "-–—".contains(dash), !place.isEmpty,
              place.split(separator: ",").first.map({ $0 == $0.uppercased() && $0.contains(where: \.isLetter) }) == true
        else { return nil }
        let agency = paragraph[paragraph.index(after: open)..<close].trimming(" ")
        return agency.isEmpty || agency.count > 40 ? nil : agency
    }
}
