/// Abbreviations after which a full stop does not end a sentence, per language, beyond ICU's own list
/// (which lacks titles such as "Dr." mid-sentence and spaced forms such as "z. B.").
enum Abbreviations {
    static let byLanguage: [String: Set<String>] = [
        "en": ["dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "rep", "sen", "gov", "pres", "st", "mt", "ft",
               "no", "nos", "vs", "approx", "dept", "univ", "jr", "sr", "rev", "hon", "messrs", "mr", "mrs", "ms"],
        "de": ["dr", "prof", "nr", "ca", "vgl", "bzw", "z", "b", "u", "a", "s", "d", "h", "evtl", "ggf", "inkl", "str",
               "hr", "fr", "bzw", "sog", "jh", "mio", "mrd", "abs", "art"],
        "fr": ["m", "mm", "mme", "mlle", "dr", "pr", "st", "ste", "p", "ex", "env", "av", "bd", "n°"],
        "es": ["sr", "sra", "srta", "dr", "dra", "d", "dña", "ud", "uds", "núm", "p", "ej", "av", "gral"],
        "it": ["sig", "sigg", "dott", "prof", "avv", "ing", "on", "gen", "n", "p", "es"],
        "pt": ["sr", "sra", "dr", "dra", "prof", "av", "n", "p", "ex", "gen"],
        "pl": ["dr", "prof", "ks", "gen", "płk", "mjr", "np", "tzw", "m", "in", "ul", "al", "nr", "godz", "ok", "tj", "r",
               "wg", "mln", "mld", "tys", "zł"],
        "ru": ["г", "гг", "ул", "д", "т", "е", "п", "с", "им", "млн", "млрд", "тыс", "руб", "проф", "ген", "см", "ч", "мин",
               "пр", "др", "стр", "н", "э"],
        "uk": ["р", "рр", "вул", "д", "т", "п", "с", "ім", "млн", "млрд", "тис", "грн", "проф", "ген", "див", "ст"],
        "da": ["dr", "prof", "nr", "ca", "bl", "f", "eks", "hr", "fr", "mv", "osv", "pga", "jf", "kl", "mio", "mia"],
        "nl": ["dr", "prof", "mr", "ir", "drs", "nr", "bijv", "o", "a", "m", "b", "t", "ca", "mln", "mld"],
        "sv": ["dr", "prof", "nr", "ca", "bl", "a", "t", "ex", "s", "k", "kl", "mkr", "mdr", "milj"],
    ]

    /// Whether a word (without its full stop) is an abbreviation in this language.
    static func isAbbreviation(_ word: String, language: String?) -> Bool {
        guard !word.isEmpty, let list = byLanguage[String((language ?? "en").prefix(2))] else { return false }
        return list.contains(word.lowercased())
    }
}
