#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, so <libxml/encoding.h> would pull <unicode/ucnv.h> into Swift, where it
// clashes with Foundation's private ICU. Only xmlCharEncodingHandler's private fields depend on this macro,
// and Parallax never touches that struct (it hands libxml2 UTF-8 only).
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>

/// Swift 6 rejects the mutable global `xmlFree`; call it through a function instead.
static inline void pxxml_free(void *p) { xmlFree(p); }

/// Silences libxml2's default error printer (it writes to stderr for every malformed page).
static void pxxml_ignore_error(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void pxxml_silence(void) {
    xmlSetGenericErrorFunc(NULL, pxxml_ignore_error);
    xmlSetStructuredErrorFunc(NULL, NULL);
}
