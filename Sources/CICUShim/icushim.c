#include "CICUShim.h"
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <unicode/ucsdet.h>
#include <unicode/ucnv.h>
#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/utrans.h>
#include <unicode/uscript.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>
#include <unicode/udat.h>
#include <stdio.h>

int32_t pxicu_detect_charset(const char *bytes, int32_t len, int32_t filterMarkup, char *name, int32_t cap) {
    UErrorCode err = U_ZERO_ERROR;
    UCharsetDetector *csd = ucsdet_open(&err);
    if (U_FAILURE(err)) return -1;
    ucsdet_enableInputFilter(csd, filterMarkup ? 1 : 0);
    ucsdet_setText(csd, bytes, len, &err);
    const UCharsetMatch *match = ucsdet_detect(csd, &err);
    int32_t confidence = -1;
    if (U_SUCCESS(err) && match) {
        const char *found = ucsdet_getName(match, &err);
        confidence = ucsdet_getConfidence(match, &err);
        if (U_SUCCESS(err) && found) { strncpy(name, found, cap - 1); name[cap - 1] = 0; }
        else confidence = -1;
    }
    ucsdet_close(csd);
    return confidence;
}

int32_t pxicu_canonical_charset(const char *label, char *out, int32_t cap) {
    UErrorCode err = U_ZERO_ERROR;
    const char *name = ucnv_getCanonicalName(label, "WINDOWS", &err);
    if (U_FAILURE(err) || !name) { err = U_ZERO_ERROR; name = ucnv_getCanonicalName(label, "IANA", &err); }
    if (U_FAILURE(err) || !name) { err = U_ZERO_ERROR; name = ucnv_getCanonicalName(label, "MIME", &err); }
    if (U_FAILURE(err) || !name) {
        // Not an alias in a standard: ask the converter itself (covers ICU's own names and fuzzy matches).
        err = U_ZERO_ERROR;
        UConverter *cnv = ucnv_open(label, &err);
        if (U_FAILURE(err) || !cnv) return 0;
        name = ucnv_getName(cnv, &err);
        strncpy(out, name ? name : label, cap - 1); out[cap - 1] = 0;
        ucnv_close(cnv);
    } else {
        strncpy(out, name, cap - 1); out[cap - 1] = 0;
    }
    // Report the name people know ("windows-1251"), not ICU's internal one ("ibm-5347_P100-1998").
    const char *standards[] = { "WINDOWS", "MIME", "IANA" };
    for (int i = 0; i < 3; i++) {
        err = U_ZERO_ERROR;
        const char *known = ucnv_getStandardName(out, standards[i], &err);
        if (U_SUCCESS(err) && known) { strncpy(out, known, cap - 1); out[cap - 1] = 0; break; }
    }
    return 1;
}

int32_t pxicu_to_utf8(const char *charset, const char *src, int32_t len, char *dst, int32_t cap, int32_t strict) {
    UErrorCode err = U_ZERO_ERROR;
    UConverter *from = ucnv_open(charset, &err);
    if (U_FAILURE(err) || !from) return -1;
    if (strict) ucnv_setToUCallBack(from, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &err);
    // UTF-16 needs at most one unit per input byte (+1 for a BOM-less surrogate edge case).
    int32_t ucap = len + 2;
    UChar *units = (UChar *)malloc(sizeof(UChar) * (size_t)ucap);
    if (!units) { ucnv_close(from); return -1; }
    int32_t ulen = ucnv_toUChars(from, units, ucap, src, len, &err);
    ucnv_close(from);
    if (U_FAILURE(err)) { free(units); return strict ? -2 : -1; }
    int32_t outLen = 0;
    err = U_ZERO_ERROR;
    u_strToUTF8(dst, cap, &outLen, units, ulen, &err);
    free(units);
    if (U_FAILURE(err) && err != U_BUFFER_OVERFLOW_ERROR && err != U_STRING_NOT_TERMINATED_WARNING) return -1;
    return outLen;
}

int32_t pxicu_from_utf8(const char *charset, const char *src, int32_t len, char *dst, int32_t cap) {
    UErrorCode err = U_ZERO_ERROR;
    int32_t ulen = 0;
    u_strFromUTF8(NULL, 0, &ulen, src, len, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err)) return -1;
    UChar *units = (UChar *)malloc(sizeof(UChar) * (size_t)(ulen + 1));
    if (!units) return -1;
    err = U_ZERO_ERROR;
    u_strFromUTF8(units, ulen + 1, NULL, src, len, &err);
    if (U_FAILURE(err)) { free(units); return -1; }
    UConverter *to = ucnv_open(charset, &err);
    if (U_FAILURE(err)) { free(units); return -1; }
    ucnv_setFromUCallBack(to, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, &err);
    err = U_ZERO_ERROR;
    int32_t n = ucnv_fromUChars(to, dst, cap, units, ulen, &err);
    ucnv_close(to);
    free(units);
    if (U_FAILURE(err) && err != U_BUFFER_OVERFLOW_ERROR && err != U_STRING_NOT_TERMINATED_WARNING) return -1;
    return n;
}

// Break iterators and transliterators are costly to open and not safe to share across threads, so each
// thread keeps a few of its own.
#define PX_CACHE 6
typedef struct { char locale[48]; int32_t kind; UBreakIterator *it; } px_brk;
static __thread px_brk px_brks[PX_CACHE];
static __thread int32_t px_brk_next;

static UBreakIterator *px_breaker(int32_t kind, const char *locale) {
    for (int i = 0; i < PX_CACHE; i++) {
        if (px_brks[i].it && px_brks[i].kind == kind && strcmp(px_brks[i].locale, locale) == 0) return px_brks[i].it;
    }
    UErrorCode err = U_ZERO_ERROR;
    UBreakIterator *it = ubrk_open(kind == 0 ? UBRK_SENTENCE : UBRK_WORD, locale, NULL, 0, &err);
    if (U_FAILURE(err)) return NULL;
    px_brk *slot = &px_brks[px_brk_next];
    px_brk_next = (px_brk_next + 1) % PX_CACHE;
    if (slot->it) ubrk_close(slot->it);
    slot->it = it; slot->kind = kind;
    strncpy(slot->locale, locale, sizeof(slot->locale) - 1); slot->locale[sizeof(slot->locale) - 1] = 0;
    return it;
}

int32_t pxicu_sentence_boundaries(const uint16_t *text, int32_t len, const char *locale, int32_t *out, int32_t cap) {
    UBreakIterator *it = px_breaker(0, locale);
    if (!it) return -1;
    UErrorCode err = U_ZERO_ERROR;
    ubrk_setText(it, (const UChar *)text, len, &err);
    if (U_FAILURE(err)) return -1;
    int32_t n = 0;
    for (int32_t b = ubrk_next(it); b != UBRK_DONE; b = ubrk_next(it)) {
        if (n < cap) out[n] = b;
        n++;
    }
    ubrk_setText(it, NULL, 0, &err);
    return n;
}

int32_t pxicu_word_spans(const uint16_t *text, int32_t len, const char *locale, int32_t *out, int32_t capPairs) {
    UBreakIterator *it = px_breaker(1, locale);
    if (!it) return -1;
    UErrorCode err = U_ZERO_ERROR;
    ubrk_setText(it, (const UChar *)text, len, &err);
    if (U_FAILURE(err)) return -1;
    int32_t n = 0;
    int32_t start = ubrk_first(it);
    for (int32_t end = ubrk_next(it); end != UBRK_DONE; start = end, end = ubrk_next(it)) {
        int32_t status = ubrk_getRuleStatus(it);
        if (status >= UBRK_WORD_NONE_LIMIT) {
            if (n < capPairs) { out[2 * n] = start; out[2 * n + 1] = end; }
            n++;
        }
    }
    err = U_ZERO_ERROR;
    ubrk_setText(it, NULL, 0, &err);
    return n;
}

int32_t pxicu_nfkc_casefold(const uint16_t *src, int32_t len, uint16_t *dst, int32_t cap) {
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *norm = unorm2_getNFKCCasefoldInstance(&err);
    if (U_FAILURE(err)) return -1;
    int32_t n = unorm2_normalize(norm, (const UChar *)src, len, (UChar *)dst, cap, &err);
    if (U_FAILURE(err) && err != U_BUFFER_OVERFLOW_ERROR) return -1;
    return n;
}

static __thread UTransliterator *px_latin;

int32_t pxicu_latin_ascii(const uint16_t *src, int32_t len, uint16_t *dst, int32_t cap) {
    UErrorCode err = U_ZERO_ERROR;
    if (!px_latin) {
        static const UChar id[] = u"Any-Latin; Latin-ASCII";
        px_latin = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &err);
        if (U_FAILURE(err)) { px_latin = NULL; return -1; }
    }
    if (cap < len) return len * 4 + 16;
    memcpy(dst, src, sizeof(uint16_t) * (size_t)len);
    int32_t textLength = len, limit = len;
    utrans_transUChars(px_latin, (UChar *)dst, &textLength, cap, 0, &limit, &err);
    if (err == U_BUFFER_OVERFLOW_ERROR) return textLength > cap ? textLength : cap * 2;
    if (U_FAILURE(err)) return -1;
    return textLength;
}

int32_t pxicu_script(uint32_t codepoint) {
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode code = uscript_getScript((UChar32)codepoint, &err);
    return U_FAILURE(err) ? -1 : (int32_t)code;
}

int32_t pxicu_language_name(const char *code, char *out, int32_t cap) {
    UErrorCode err = U_ZERO_ERROR;
    UChar buf[128];
    int32_t n = uloc_getDisplayLanguage(code, "en", buf, 128, &err);
    if (U_FAILURE(err) || err == U_USING_DEFAULT_WARNING || n <= 0) return 0;
    int32_t outLen = 0;
    err = U_ZERO_ERROR;
    u_strToUTF8(out, cap, &outLen, buf, n, &err);
    return U_FAILURE(err) ? 0 : outLen;
}

const char *pxicu_iso_language(int32_t index) {
    const char *const *list = uloc_getISOLanguages();
    for (int32_t i = 0; list[i]; i++) if (i == index) return list[i];
    return NULL;
}

int32_t pxicu_calendar_names(const char *locale, char *out, int32_t cap) {
    UErrorCode err = U_ZERO_ERROR;
    UDateFormat *fmt = udat_open(UDAT_DEFAULT, UDAT_DEFAULT, locale, NULL, 0, NULL, 0, &err);
    if (U_FAILURE(err)) return 0;
    const UDateFormatSymbolType types[] = { UDAT_MONTHS, UDAT_SHORT_MONTHS, UDAT_STANDALONE_MONTHS,
        UDAT_STANDALONE_SHORT_MONTHS, UDAT_WEEKDAYS, UDAT_SHORT_WEEKDAYS, UDAT_STANDALONE_WEEKDAYS };
    int32_t used = 0;
    for (size_t t = 0; t < sizeof(types) / sizeof(types[0]); t++) {
        int weekday = types[t] == UDAT_WEEKDAYS || types[t] == UDAT_SHORT_WEEKDAYS || types[t] == UDAT_STANDALONE_WEEKDAYS;
        int32_t count = udat_countSymbols(fmt, types[t]);
        for (int32_t i = 0; i < count; i++) {
            UChar name[64];
            err = U_ZERO_ERROR;
            int32_t n = udat_getSymbols(fmt, types[t], i, name, 64, &err);
            if (U_FAILURE(err) || n <= 0 || n >= 64) continue;
            if (weekday && i == 0) continue; // weekday symbol 0 is empty by ICU convention
            char utf8[256];
            int32_t len = 0;
            err = U_ZERO_ERROR;
            u_strToUTF8(utf8, 256, &len, name, n, &err);
            if (U_FAILURE(err)) continue;
            char line[300];
            int32_t k = snprintf(line, sizeof line, "%c%d=%.*s\n", weekday ? 'w' : 'm', weekday ? i : i + 1, len, utf8);
            if (k <= 0 || used + k >= cap) break;
            memcpy(out + used, line, (size_t)k);
            used += k;
        }
    }
    udat_close(fmt);
    return used;
}

int32_t pxicu_region_name(const char *region, const char *displayLocale, char *out, int32_t cap) {
    char locale[16];
    snprintf(locale, sizeof locale, "und_%s", region);
    UErrorCode err = U_ZERO_ERROR;
    UChar buf[128];
    int32_t n = uloc_getDisplayCountry(locale, displayLocale, buf, 128, &err);
    if (U_FAILURE(err) || err == U_USING_DEFAULT_WARNING || n <= 0) return 0;
    int32_t outLen = 0;
    err = U_ZERO_ERROR;
    u_strToUTF8(out, cap, &outLen, buf, n, &err);
    return U_FAILURE(err) ? 0 : outLen;
}
