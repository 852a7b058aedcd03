import CCLD2Shim
import CICUShim
import ParallaxModel

/// A language guess for one piece of text.
public struct LanguageGuess: Sendable, Equatable {
    public var code: String
    /// 0…1; how sure the identifier is.
    public var confidence: Double
    public var reliable: Bool
    /// Decided by a script only one language uses, which says nothing about the share of other languages.
    public var byScript = false
}

/// Identifies the language of a piece of text.
public protocol LanguageIdentifying: Sendable {
    var id: StageID { get }
    func identify(_ text: String) -> LanguageGuess?
}

/// CLD2 with its full tables (about 160 languages), with a script and stopword fallback for what CLD2 is
/// unsure of: short headlines, and languages it marks unknown.
public struct CLD2LanguageIdentifier: LanguageIdentifying {
    public let id = StageID("langid.cld2", 1)
    let fallback: StopwordLanguageGuesser

    public init(stoplists: Stoplists) { fallback = StopwordLanguageGuesser(stoplists: stoplists) }

    public func identify(_ text: String) -> LanguageGuess? {
        var result = pxcld2_result()
        var utf8 = Array(text.utf8)
        utf8.append(0)
        _ = utf8.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) { pxcld2_detect($0.baseAddress, Int32(buf.count - 1), &result) }
        }
        let code = withUnsafeBytes(of: result.code.0) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        let cld2 = Self.normalise(code)
        if let script = ScriptLanguage.unique(for: text) {
            // Scripts used by a single language settle the question whatever CLD2 says (CLD2 calls short
            // Japanese with many kanji Chinese).
            return LanguageGuess(code: script, confidence: 0.99, reliable: true, byScript: true)
        }
        if cld2 != "un", result.reliable != 0 {
            return LanguageGuess(code: cld2, confidence: Double(result.percent.0) / 100, reliable: true)
        }
        if let guess = fallback.identify(text) { return guess }
        if cld2 != "un" {
            return LanguageGuess(code: cld2, confidence: Double(result.percent.0) / 200, reliable: false)
        }
        return nil
    }

    /// CLD2 speaks old and extended codes; map them to BCP-47 primary tags.
    static func normalise(_ code: String) -> String {
        switch code {
        case "iw": return "he"
        case "in": return "id"
        case "jw": return "jv"
        case "zh-Hant", "zh-TW": return "zh"
        case "no": return "nb"
        case "xx-Qaai", "": return "un"
        default: return code
        }
    }
}

/// Languages that own a script: Greek, Hebrew, Thai, Georgian, Armenian, Korean Hangul, Japanese kana.
enum ScriptLanguage {
    // UScriptCode values (uscript.h): stable ICU constants.
    static let byScript: [Int32: String] = [
        3: "hy", 11: "am", 12: "ka", 14: "el", 15: "gu", 16: "pa", 18: "ko", 19: "he", 20: "ja", 21: "kn", 22: "ja",
        23: "km", 24: "lo", 26: "ml", 28: "my", 31: "or", 33: "si", 35: "ta", 36: "te", 38: "th",
    ]

    /// The language when the text's letters are mostly in one language-specific script. Kana anywhere means
    /// Japanese (Japanese mixes kana with Han; Chinese never uses kana).
    static func unique(for text: String) -> String? {
        // Latin, Greek-free and Cyrillic text (below U+0370, or U+0400–U+052F) has no language-owned script.
        var counts: [Int32: Int] = [:]
        var letters = 0
        for scalar in text.unicodeScalars.prefix(2000) {
            let v = scalar.value
            if v < 0x370 || (v >= 0x400 && v < 0x530) {
                if v >= 0x41 { letters += 1 }
                continue
            }
            guard scalar.properties.isAlphabetic else { continue }
            letters += 1
            counts[pxicu_script(v), default: 0] += 1
        }
        if counts.isEmpty { return nil }
        guard letters > 0 else { return nil }
        if (counts[20] ?? 0) + (counts[22] ?? 0) > letters / 20 { return "ja" }
        guard let (script, n) = counts.max(by: { $0.value < $1.value }), n * 2 > letters,
              let language = byScript[script], language != "ja" else { return nil }
        return language
    }
}

/// Guesses among the languages that have a stoplist by the share of stopwords: the pure fallback when CLD2
/// is unsure (short or mixed text).
public struct StopwordLanguageGuesser: LanguageIdentifying {
    public let id = StageID("langid.stopwords", 1)
    let stoplists: Stoplists
    /// Languages worth guessing: the widely used ones, so that rare lists with common words (Volapük, Ido…)
    /// do not win on short text.
    static let candidates: [String] = [
        "en", "de", "fr", "es", "it", "pt", "nl", "da", "sv", "nb", "fi", "pl", "cs", "sk", "sl", "hr", "sr", "bs",
        "ro", "hu", "ru", "uk", "be", "bg", "mk", "tr", "ca", "gl", "eu", "lt", "lv", "et", "is", "ga", "cy", "id",
        "ms", "tl", "sw", "vi", "ar", "fa", "ur", "hi", "bn",
    ]

    public init(stoplists: Stoplists) { self.stoplists = stoplists }

    public func identify(_ text: String) -> LanguageGuess? {
        let words = Tokens.words(text)
        guard words.count >= 2 else { return nil }
        var best: (String, Int) = ("", 0)
        for code in Self.candidates {
            guard let list = stoplists.words[code] else { continue }
            let hits = words.reduce(0) { $0 + (list.contains($1) ? 1 : 0) }
            if hits > best.1 { best = (code, hits) }
        }
        guard best.1 > 0 else { return nil }
        return LanguageGuess(code: best.0, confidence: Double(best.1) / Double(words.count) * 0.5, reliable: false)
    }
}
