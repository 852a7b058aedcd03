import CICUShim
import ParallaxModel

/// Splits paragraphs into sentences.
public protocol SentenceSegmenting: Sendable {
    var id: StageID { get }
    /// Sentences of one paragraph as Unicode-scalar ranges into it.
    func sentences(in paragraph: String, language: String?) -> [Range<Int>]
}

/// ICU's sentence break rules with the locale's abbreviation list (`@ss=standard`): "Mr. Jones", "U.S." and
/// "Jan. 5" stay inside their sentences; CJK full stops end sentences.
public struct ICUSentenceSegmenter: SentenceSegmenting {
    public let id = StageID("sentences.icu", 1)
    public init() {}

    public func sentences(in paragraph: String, language: String?) -> [Range<Int>] {
        let units = Array(paragraph.utf16)
        guard !units.isEmpty else { return [] }
        let locale = "\(language ?? "en")@ss=standard"
        var boundaries = [Int32](repeating: 0, count: units.count / 8 + 8)
        var n = call(units, locale, &boundaries)
        if Int(n) > boundaries.count {
            boundaries = [Int32](repeating: 0, count: Int(n))
            n = call(units, locale, &boundaries)
        }
        let scalars = Array(paragraph.unicodeScalars)
        guard n > 0 else { return trimmed(0..<scalars.count, in: scalars).map { [$0] } ?? [] }
        // UTF-16 offsets → scalar offsets.
        var scalarAt = [Int](repeating: 0, count: units.count + 1)
        var scalar = 0
        for (i, unit) in units.enumerated() {
            scalarAt[i] = scalar
            if !UTF16.isTrailSurrogate(unit) { scalar += 1 }
            if UTF16.isLeadSurrogate(unit) { scalarAt[i] = scalar - 1 }
        }
        scalarAt[units.count] = scalar
        var ranges: [Range<Int>] = []
        var start = 0
        for b in boundaries.prefix(Int(n)) {
            let end = scalarAt[Int(b)]
            if end < scalars.count && continues(scalars, start: start, end: end, language: language) { continue }
            if let r = trimmed(start..<end, in: scalars) { ranges.append(r) }
            start = end
        }
        return ranges
    }

    /// Whether ICU's boundary at `end` is false: after an abbreviation of the language, or before a
    /// lower-case letter ("z. B. über").
    private func continues(_ scalars: [Unicode.Scalar], start: Int, end: Int, language: String?) -> Bool {
        // A line break is a paragraph break: never join across it.
        if scalars[end - 1] == "\n" || scalars[end...].prefix { $0.properties.isWhitespace }.contains("\n") {
            return false
        }
        if let next = scalars[end...].first(where: { !$0.properties.isWhitespace }),
           next.properties.isLowercase {
            return true
        }
        // Only the last word before the break matters: read it backwards, a dozen characters at most.
        var i = end - 1
        while i >= start && scalars[i].properties.isWhitespace { i -= 1 }
        guard i >= start, scalars[i] == "." else { return false }
        if isOrdinalDay(scalars, dot: i, start: start) { return true }
        var word = String.UnicodeScalarView()
        var j = i - 1
        while j >= start && j >= i - 12 && (scalars[j].properties.isAlphabetic || scalars[j] == "°") { j -= 1 }
        word.append(contentsOf: scalars[(j + 1)..<i])
        return Abbreviations.isAbbreviation(String(word), language: language)
    }

    /// "am 22. Februar", "den 22. februar", "22. lutego": a day written as an ordinal before a month name.
    private func isOrdinalDay(_ scalars: [Unicode.Scalar], dot: Int, start: Int) -> Bool {
        var j = dot - 1
        while j >= start, j >= dot - 2, scalars[j].properties.numericType == .decimal { j -= 1 }
        guard (1...2).contains(dot - 1 - j), j < start || !scalars[j].properties.isAlphabetic else { return false }
        var k = dot + 1
        while k < scalars.count, scalars[k].properties.isWhitespace { k += 1 }
        var word = String.UnicodeScalarView()
        while k < scalars.count, scalars[k].properties.isAlphabetic { word.append(scalars[k]); k += 1 }
        return DateText.names.months[TextNormaliser.fold(String(word))] != nil
    }

    private func call(_ units: [UInt16], _ locale: String, _ out: inout [Int32]) -> Int32 {
        let capacity = Int32(out.count)
        return units.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                pxicu_sentence_boundaries(src.baseAddress, Int32(src.count), locale, dst.baseAddress, capacity)
            }
        }
    }

    /// The range without surrounding whitespace, or nil when nothing but whitespace is left.
    private func trimmed(_ range: Range<Int>, in scalars: [Unicode.Scalar]) -> Range<Int>? {
        let slice = scalars[range]
        guard let first = slice.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = slice.lastIndex(where: { !$0.properties.isWhitespace }) else { return nil }
        return first..<(last + 1)
    }
}
