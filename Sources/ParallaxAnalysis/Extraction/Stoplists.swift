import CICUShim
import Foundation
import ParallaxModel

/// Per-language stopword lists (jusText's 100 stoplists, fetched at set-up from PyPI `justext`), keyed by
/// ISO 639-1 code. Stopword density is what tells running prose from menus, captions and link lists.
public struct Stoplists: Sendable {
    public private(set) var words: [String: Set<String>]
    /// The most frequent entries of each list (the lists are ranked by frequency), short words only: the
    /// function words ("the", "и", "że") that the claim and name readers step over. The full lists also hold
    /// common nouns and even first names ("человек", "Павел").
    public private(set) var functionWords: [String: Set<String>] = [:]

    public init(words: [String: Set<String>]) { self.words = words }

    /// Loads `<dir>/<EnglishName>.txt` files, mapping names to codes through ICU's language names.
    /// Loaded once per process and folder: the article and story pipelines share them.
    public static func load(from directory: URL) -> Stoplists {
        loaded.lock.lock()
        defer { loaded.lock.unlock() }
        if let lists = loaded.byFolder[directory.path] { return lists }
        let lists = read(directory)
        loaded.byFolder[directory.path] = lists
        return lists
    }

    private final class Loaded: @unchecked Sendable {
        // Invariant: `byFolder` is only touched while holding `lock`.
        let lock = NSLock()
        var byFolder: [String: Stoplists] = [:]
    }
    private static let loaded = Loaded()

    private static func read(_ directory: URL) -> Stoplists {
        let codesByName = languageCodesByEnglishName()
        var words: [String: Set<String>] = [:]
        var functionWords: [String: Set<String>] = [:]
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for file in files where file.hasSuffix(".txt") {
            let name = String(file.dropLast(4)).replacingOccurrences(of: "_", with: " ")
            guard let code = codesByName[name.lowercased()] ?? aliases[name],
                  let content = FileManager.default.contents(atPath: directory.appendingPathComponent(file).path)
            else { continue }
            // Lines split on bytes: a Character split walks grapheme clusters and costs a fifth of a second here.
            let lines = content.split(whereSeparator: { $0 == 0x0A || $0 == 0x0D }).map { String(decoding: $0, as: UTF8.self) }
            words[code, default: []].formUnion(lines.map { $0.lowercased() })
            // 250 and 6 letters: the top of the lists is grammar; below it, and longer, come content words.
            // Entries written with a capital are names ("United", "States"), not grammar.
            functionWords[code, default: []].formUnion(lines.prefix(250)
                .filter { $0.count <= 6 && !($0.first?.isUppercase ?? true) }.map { $0.lowercased() })
        }
        var lists = Stoplists(words: words)
        lists.functionWords = functionWords
        return lists
    }

    /// jusText names ICU does not spell the same way.
    static let aliases: [String: String] = [
        "Norwegian Bokmal": "nb", "Norwegian Nynorsk": "nn", "Serbo Croatian": "sh", "Simple English": "en-simple",
        "Belarusian Taraskievica": "be-tarask", "Low Saxon": "nds", "West Frisian": "fy", "Western Panjabi": "pnb",
        "Waray Waray": "war", "Bishnupriya Manipuri": "bpy", "Haitian": "ht", "Kurdish": "ku", "Malay": "ms",
        "Newar": "new", "Volapuk": "vo", "Aromanian": "rup", "Samogitian": "sgs", "Lombard": "lmo",
        "Neapolitan": "nap", "Piedmontese": "pms", "Sicilian": "scn", "Walloon": "wa", "Asturian": "ast",
        "Aragonese": "an", "Cebuano": "ceb", "Chuvash": "cv",
    ]

    /// ISO 639 codes by lower-cased English language name ("danish" → "da"), from ICU.
    public static func languageCodesByEnglishName() -> [String: String] {
        var map: [String: String] = [:]
        var index: Int32 = 0
        var buffer = [CChar](repeating: 0, count: 128)
        while let code = pxicu_iso_language(index) {
            index += 1
            let n = pxicu_language_name(code, &buffer, 128)
            guard n > 0 else { continue }
            let name = String(decoding: buffer.prefix(Int(n)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let iso = String(cString: code)
            if iso.count == 2 || map[name.lowercased()] == nil { map[name.lowercased()] = iso }
        }
        return map
    }

    /// Share of the words of `text` that are stopwords of `language`.
    public func density(_ text: String, language: String?) -> Double {
        guard let language, let list = words[language] else { return 0 }
        var total = 0, hits = 0
        Tokens.forEachWord(text) { word in
            total += 1
            if list.contains(word) { hits += 1 }
        }
        return total == 0 ? 0 : Double(hits) / Double(total)
    }
}

/// Cheap lower-cased word splitting for densities and lexicon look-ups (not linguistic tokenisation: that is
/// ICU's job in the sentence stage).
public enum Tokens {
    public static func forEachWord(_ text: String, _ body: (String) -> Void) {
        var current = [UInt8]()
        var ascii = true
        func flush() {
            guard !current.isEmpty else { return }
            let word = String(decoding: current, as: UTF8.self)
            body(ascii ? word : word.lowercased())
            current.removeAll(keepingCapacity: true)
            ascii = true
        }
        var utf8 = Array(text.utf8)
        utf8.withUnsafeMutableBufferPointer { bytes in
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x80 {
                    if (b >= 0x61 && b <= 0x7A) || b == 0x27 { current.append(b) }
                    else if b >= 0x41 && b <= 0x5A { current.append(b | 0x20) }  // ASCII lower-casing
                    else { flush() }
                    i += 1
                } else {
                    // A multi-byte character: decode it to ask whether it is a letter.
                    let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                    let end = min(bytes.count, i + length)
                    let scalar = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<end]), as: UTF8.self)
                        .unicodeScalars.first
                    if let scalar, scalar.properties.isAlphabetic || scalar == "’" {
                        current.append(contentsOf: bytes[i..<end])
                        ascii = false
                    } else {
                        flush()
                    }
                    i = end
                }
            }
        }
        flush()
    }

    public static func words(_ text: String) -> [String] {
        var out: [String] = []
        forEachWord(text) { out.append($0) }
        return out
    }
}
