/*
 * Build-machine-only stand-in for Windows' icuuc.dll, compiled by windows.sh with mingw-w64 and put
 * in the Wine prefix's system32. It is NEVER shipped: Windows 10 1903+ has the real icuuc.dll.
 *
 * Why: Qt6Core.dll imports icuuc.dll (only the ucnv_* converter API, for legacy text codecs) and
 * Wine 8 has none, so nothing that loads QtCore starts under Wine. Every converter "fails to open",
 * so Qt falls back to its built-in UTF-8/UTF-16/Latin-1 codecs, which is all the app uses.
 * The export list is exactly Qt6Core's import list (objdump -p Qt6Core.dll).
 */
#include <stddef.h>
#include <stdint.h>

#define EXPORT __declspec(dllexport)
#define U_FILE_ACCESS_ERROR 4 /* what ICU reports for a converter it does not have */

typedef int UErrorCode;
typedef uint16_t UChar;

static void fail(UErrorCode *err)
{
    if (err && *err <= 0)
        *err = U_FILE_ACCESS_ERROR;
}

EXPORT void *ucnv_open(const char *name, UErrorCode *err) { (void)name; fail(err); return NULL; }
EXPORT void ucnv_close(void *cnv) { (void)cnv; }
EXPORT void ucnv_reset(void *cnv) { (void)cnv; }
EXPORT int8_t ucnv_getMaxCharSize(const void *cnv) { (void)cnv; return 1; }
EXPORT const char *ucnv_getName(const void *cnv, UErrorCode *err) { (void)cnv; fail(err); return NULL; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err)
{
    (void)name; (void)standard; fail(err); return NULL;
}

/* Callback setters and getters: report "nothing set". */
EXPORT void ucnv_getToUCallBack(const void *cnv, void **action, const void **context)
{
    (void)cnv; if (action) *action = NULL; if (context) *context = NULL;
}
EXPORT void ucnv_getFromUCallBack(const void *cnv, void **action, const void **context)
{
    (void)cnv; if (action) *action = NULL; if (context) *context = NULL;
}
EXPORT void ucnv_setToUCallBack(void *cnv, void *a, const void *c, void **oa, const void **oc, UErrorCode *err)
{
    (void)cnv; (void)a; (void)c; if (oa) *oa = NULL; if (oc) *oc = NULL; fail(err);
}
EXPORT void ucnv_setFromUCallBack(void *cnv, void *a, const void *c, void **oa, const void **oc, UErrorCode *err)
{
    (void)cnv; (void)a; (void)c; if (oa) *oa = NULL; if (oc) *oc = NULL; fail(err);
}
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *c, void *a, const UChar *u, int32_t l, int32_t cp, int r, UErrorCode *err)
{
    (void)c; (void)a; (void)u; (void)l; (void)cp; (void)r; fail(err);
}
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *c, void *a, const char *b, int32_t l, int r, UErrorCode *err)
{
    (void)c; (void)a; (void)b; (void)l; (void)r; fail(err);
}
EXPORT void ucnv_cbToUWriteUChars(void *a, const UChar *s, int32_t l, int32_t o, UErrorCode *err)
{
    (void)a; (void)s; (void)l; (void)o; fail(err);
}
EXPORT void ucnv_cbFromUWriteUChars(void *a, const UChar **s, const UChar *e, int32_t o, UErrorCode *err)
{
    (void)a; (void)s; (void)e; (void)o; fail(err);
}

/* Conversion itself: converts nothing. */
EXPORT int32_t ucnv_toUCountPending(const void *cnv, UErrorCode *err) { (void)cnv; fail(err); return 0; }
EXPORT int32_t ucnv_fromUCountPending(const void *cnv, UErrorCode *err) { (void)cnv; fail(err); return 0; }
EXPORT void ucnv_toUnicode(void *cnv, UChar **t, const UChar *te, const char **s, const char *se,
                           int32_t *o, int8_t flush, UErrorCode *err)
{
    (void)cnv; (void)t; (void)te; (void)s; (void)se; (void)o; (void)flush; fail(err);
}
EXPORT void ucnv_fromUnicode(void *cnv, char **t, const char *te, const UChar **s, const UChar *se,
                             int32_t *o, int8_t flush, UErrorCode *err)
{
    (void)cnv; (void)t; (void)te; (void)s; (void)se; (void)o; (void)flush; fail(err);
}
