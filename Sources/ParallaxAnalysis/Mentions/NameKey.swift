import Foundation

/// A spelling-folded key for personal names across languages and transliterations, so that Peskov, Peskow,
/// Pieskow and Песков, or Dmitry, Dmitri and Dmitrij, meet: romanise (ICU Any-Latin, Latin-ASCII), lower-case,
/// then fold the letters that transliteration conventions disagree on (w/v, y/j/i, z/s, ie/e, sch/sh, tsch/ch,
/// ck/k, doubled letters).
enum NameKey {
    static func key(_ name: String) -> String {
        let latin = TextNormaliser.latinASCII(name).lowercased()
        var s = latin.filter { $0.isLetter }
        for (from, to) in [("tsch", "ch"), ("sch", "sh"), ("ck", "k"), ("ie", "e"), ("kh", "h"), ("w", "v"),
                           ("y", "i"), ("j", "i"), ("z", "s")] {
            s = s.replacingOccurrences(of: from, with: to)
        }
        var out = ""
        for c in s where out.last != c { out.append(c) }
        return out
    }
}
