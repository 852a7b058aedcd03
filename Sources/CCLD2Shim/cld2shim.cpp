#include "CCLD2Shim.h"
#include <cstdio>
#include <cstring>
#include <cld2/public/compact_lang_det.h>

extern "C" int32_t pxcld2_detect(const char *utf8, int32_t len, pxcld2_result *out) {
    CLD2::Language lang3[3];
    int percent3[3];
    double normalized3[3];
    int textBytes = 0;
    bool reliable = false;
    CLD2::ExtDetectLanguageSummary(utf8, len, true, nullptr, 0, CLD2::UNKNOWN_LANGUAGE, lang3, percent3,
                                   normalized3, &textBytes, &reliable);
    for (int i = 0; i < 3; i++) {
        std::snprintf(out->code[i], sizeof(out->code[i]), "%s", CLD2::LanguageCode(lang3[i]));
        out->percent[i] = percent3[i];
        out->score[i] = normalized3[i];
    }
    out->textBytes = textBytes;
    out->reliable = reliable ? 1 : 0;
    return 0;
}
