// Plain-C face of the system ICU 72. Swift cannot import <unicode/*.h> next to Foundation (its private
// _FoundationICU declares the same C enums differently), so only fixed-width C types cross this header.
#ifndef CICUSHIM_H
#define CICUSHIM_H
#include <stdint.h>

/// Best charset guess for `bytes` (HTML tags filtered out first). Writes the ICU name; returns confidence 0-100,
/// or -1 when ICU has no guess.
int32_t pxicu_detect_charset(const char *bytes, int32_t len, int32_t filterMarkup, char *name, int32_t cap);

/// ICU's canonical name for a charset label ("cp-1251" → "windows-1251"); returns 0 when the label is unknown.
int32_t pxicu_canonical_charset(const char *label, char *out, int32_t cap);

/// Converts `src` in `charset` to UTF-8. Returns the UTF-8 length (may exceed `cap`: call again with a bigger
/// buffer), -1 for an unknown charset, -2 when `strict` and the input holds bytes illegal in that charset.
int32_t pxicu_to_utf8(const char *charset, const char *src, int32_t len, char *dst, int32_t cap, int32_t strict);

/// Converts UTF-8 to `charset` (for tests and exports). Returns the output length (call again if it exceeds
/// `cap`), -1 for an unknown charset or a character the charset cannot represent.
int32_t pxicu_from_utf8(const char *charset, const char *src, int32_t len, char *dst, int32_t cap);

/// Sentence boundaries (UTF-16 offsets, ascending, excluding 0, including len). `locale` such as "en@ss=standard".
/// Returns the number of boundaries written, or the number needed when `cap` is too small.
int32_t pxicu_sentence_boundaries(const uint16_t *text, int32_t len, const char *locale, int32_t *out, int32_t cap);

/// Word-break segments that contain letters or digits, as (start, end) UTF-16 pairs; returns the pair count.
int32_t pxicu_word_spans(const uint16_t *text, int32_t len, const char *locale, int32_t *out, int32_t capPairs);

/// NFKC case folding; returns the output length (call again if it exceeds `cap`), -1 on error.
int32_t pxicu_nfkc_casefold(const uint16_t *src, int32_t len, uint16_t *dst, int32_t cap);

/// `Any-Latin; Latin-ASCII` transliteration; returns the output length (call again if it exceeds `cap`).
int32_t pxicu_latin_ascii(const uint16_t *src, int32_t len, uint16_t *dst, int32_t cap);

/// ICU script code (UScriptCode) of a code point.
int32_t pxicu_script(uint32_t codepoint);

/// English display name of an ISO 639 code, in UTF-8 ("da" → "Danish"); returns its length or 0.
int32_t pxicu_language_name(const char *code, char *out, int32_t cap);

/// ISO 639 language codes ICU knows, one by one (NULL past the end).
const char *pxicu_iso_language(int32_t index);

/// Month and weekday names of a locale (wide and abbreviated, format and stand-alone forms), UTF-8, each as
/// "<kind><number>=<name>\n" with kind 'm' (month 1-12) or 'w' (weekday 1-7, Sunday = 1). Returns the length.
int32_t pxicu_calendar_names(const char *locale, char *out, int32_t cap);

/// The name of a region (ISO 3166 code such as "UA") in a display locale, as UTF-8; 0 when ICU has none.
int32_t pxicu_region_name(const char *region, const char *displayLocale, char *out, int32_t cap);

#endif
