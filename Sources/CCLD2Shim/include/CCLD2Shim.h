// Plain-C face of CLD2 (Compact Language Detector 2, full ~160-language tables).
#ifndef CCLD2SHIM_H
#define CCLD2SHIM_H
#include <stdint.h>
#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    char code[3][16];      ///< top three language codes ("un" when unknown)
    int32_t percent[3];    ///< share of the text in each, 0-100
    double score[3];       ///< CLD2's normalised score per language
    int32_t textBytes;     ///< bytes CLD2 actually scored
    int32_t reliable;      ///< CLD2's own reliability flag
} pxcld2_result;

/// Detects the languages of UTF-8 text (plain text, not HTML). Returns 0 on success.
int32_t pxcld2_detect(const char *utf8, int32_t len, pxcld2_result *out);

#ifdef __cplusplus
}
#endif
#endif
