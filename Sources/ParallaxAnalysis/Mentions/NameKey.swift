/// A spelling-folded key for personal names across languages and transliterations, so that Peskov, Peskow,
/// Pieskow and Песков, or Dmitry, Dmitri and Dmitrij, meet: romanise (ICU Any-Latin, Latin-ASCII), lower-case,
/// then fold the letters that transliteration conventions disagree on (w/v, y/j/i, z/s, ie/e, sch/sh/s,
/// tsch/ch/c, ck/k, doubled letters).
enum NameKey {
    static func key(_ name: String) -> String {
        var s = Array(TextNormaliser.latinASCII(name).utf8.compactMap { b -> UInt8? in
            let lower = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            return lower >= 0x61 && lower <= 0x7A ? lower : nil
        })
        for (from, to) in rules { s = replace(s, Array(from.utf8), Array(to.utf8)) }
        var out: [UInt8] = []
        for c in s where out.last != c { out.append(c) }
        return String(decoding: out, as: UTF8.self)
    }

    // ICU romanises ш, ч, ж as s, c, z (š, č, ž without the háček); English and German spell them sh/sch,
    // ch/tsch, zh: fold all to one letter.
    static let rules = [("tsch", "c"), ("sch", "s"), ("ch", "c"), ("sh", "s"), ("zh", "s"), ("ck", "k"), ("ie", "e"),
                        ("kh", "h"), ("w", "v"), ("y", "i"), ("j", "i"), ("z", "s")]

    private static func replace(_ s: [UInt8], _ from: [UInt8], _ to: [UInt8]) -> [UInt8] {
        guard s.count >= from.count else { return s }
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            if i + from.count <= s.count, s[i..<(i + from.count)].elementsEqual(from) {
                out += to
                i += from.count
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return out
    }
}
