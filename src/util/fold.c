/*
 * fold.c: folding for matching and sorting (see kith/fold.h).
 *
 * ICU is opened the first time text needs it, like libical in
 * src/io/ical_lib.c: by the soname the build found (KITH_LIBICU, from the
 * Makefile), and through the versioned names its headers give its
 * functions (utrans_openU is utrans_openU_72 in ICU 72).
 *
 * Any thread may fold (an import folds its names on its parser's thread
 * while the merging thread folds organisations' names): ICU is opened once
 * (call_once) and its one transliterator used by one thread at a time.
 */
#include "kith/fold.h"

#include <dlfcn.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include <unicode/utrans.h>
#include <unicode/ustring.h>

#include "cp_table.h"
#include "fold_tables.h"
#include "kith/str.h"
#include "kith/utf8.h"
#include "kith/xalloc.h"

#define KITH_STR_(x) #x
#define KITH_STR(x) KITH_STR_(x)
#ifndef KITH_LIBICU
#define KITH_LIBICU "libicui18n.so." KITH_STR(U_ICU_VERSION_MAJOR_NUM)
#endif
#if defined(KITH_ICU_MAJOR) && KITH_ICU_MAJOR != U_ICU_VERSION_MAJOR_NUM
#error "the ICU headers are not those of the library pkg-config names"
#endif

#define ICU_FUNCS(X) X(utrans_openU) X(utrans_transUChars) X(u_strFromUTF8) X(u_strToUTF8)

static struct {
#define ICU_MEMBER(f) __typeof__(f) *f;
	ICU_FUNCS(ICU_MEMBER)
#undef ICU_MEMBER
	UTransliterator *trans;
} icu;
static atomic_bool icu_ok;
static once_flag icu_once = ONCE_FLAG_INIT;
static mtx_t icu_mu;                /* the transliterator's: one thread at a time */
static const char *icu_lib = KITH_LIBICU;

void
fold_test_set_icu_lib(const char *soname)
{
	icu_lib = soname;
}

bool
fold_icu_loaded(void)
{
	return atomic_load(&icu_ok);
}

/* dlsym by the name the header gives f (its argument expanded). */
static bool
find(void *h, const char *name, void *fn, size_t size)
{
	void *sym = dlsym(h, name);

	if (!sym)
		return false;
	memcpy(fn, &sym, size);      /* ISO C has no object-to-function pointer cast */
	return true;
}

static bool
icu_load(void)
{
	static const char id[] = "Any-Latin; Latin-ASCII; Lower";
	UChar uid[sizeof id];
	UErrorCode e = U_ZERO_ERROR;
	int32_t n;
	void *h;

	if (mtx_init(&icu_mu, mtx_plain) != thrd_success)
		return false;
	if (!(h = dlopen(icu_lib, RTLD_NOW | RTLD_LOCAL)))
		return false;
#define ICU_FIND(f) find(h, KITH_STR(f), &icu.f, sizeof icu.f) &&
	if (!(ICU_FUNCS(ICU_FIND) true)) {
#undef ICU_FIND
		dlclose(h);
		return false;
	}
	icu.u_strFromUTF8(uid, (int32_t)sizeof id, &n, id, -1, &e);
	if (U_SUCCESS(e))
		icu.trans = icu.utrans_openU(uid, n, UTRANS_FORWARD, NULL, 0, NULL, &e);
	if (U_FAILURE(e) || !icu.trans) {
		dlclose(h);
		return false;
	}
	return true;
}

static void
icu_load_once(void)
{
	atomic_store(&icu_ok, icu_load());
}

static bool
icu_open(void)
{
	call_once(&icu_once, icu_load_once);
	return atomic_load(&icu_ok);
}

/* ICU's fold of s, or NULL if it fails. */
static char *
icu_fold(const char *s)
{
	size_t len = strlen(s);
	int32_t cap, n, limit, outn;
	UChar *u = NULL;
	char *out;
	UErrorCode e;

	if (len > INT32_MAX / 16)
		return NULL;
	/* a letter can become several ("王" -> "wang "): retry with room */
	for (cap = (int32_t)len * 2 + 16;; cap *= 4) {
		e = U_ZERO_ERROR;
		u = xreallocarray(u, (size_t)cap, sizeof *u);
		icu.u_strFromUTF8(u, cap, &n, s, (int32_t)len, &e);
		if (U_FAILURE(e))
			break;
		limit = n;
		mtx_lock(&icu_mu);
		icu.utrans_transUChars(icu.trans, u, &n, cap, 0, &limit, &e);
		mtx_unlock(&icu_mu);
		if (e != U_BUFFER_OVERFLOW_ERROR || cap > INT32_MAX / 64)
			break;
	}
	if (U_FAILURE(e)) {
		free(u);
		return NULL;
	}
	out = xmalloc((size_t)n * 3 + 1);
	icu.u_strToUTF8(out, n * 3 + 1, &outn, u, n, &e);
	free(u);
	if (U_FAILURE(e)) {
		free(out);
		return NULL;
	}
	return out;
}

static const char *
table_lookup(uint32_t cp)
{
	long i = cp_floor(fold_ascii, fold_ascii_len, sizeof fold_ascii[0], cp);

	return i >= 0 && fold_ascii[i].cp == cp ? fold_ascii[i].to : NULL;
}

/* Code points utf8_fold handles alone: no letters of another script. */
static bool
no_icu_needed(uint32_t cp)
{
	return cp < 0x370 || (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2000 && cp <= 0x2BFF) ||
	       (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F000 && cp <= 0x1FAFF) ||
	       table_lookup(cp);
}

bool
fold_needs_icu(const char *s)
{
	size_t n = s ? strlen(s) : 0, i = 0;

	while (i < n) {
		uint32_t cp;
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		i += utf8_decode(s + i, n - i, &cp);
		if (!no_icu_needed(cp))
			return true;
	}
	return false;
}

/* s with each Latin letter of the table spelt in ASCII, then utf8_fold. */
static char *
table_fold(const char *s)
{
	struct strbuf sb = { 0 };
	size_t n = strlen(s), i = 0;
	char *r;

	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		const char *to = cp >= 0x80 ? table_lookup(cp) : NULL;
		if (to)
			sb_append(&sb, to);
		else
			sb_appendn(&sb, s + i, k);
		i += k;
	}
	r = utf8_fold(sb_str(&sb));
	sb_free(&sb);
	return r;
}

/* utf8_fold of ASCII s[0..n): lower case, each run of spaces one, none at the ends */
static char *
ascii_fold(const char *s, size_t n)
{
	char *out = xmalloc(n + 1), *o = out;
	bool space = false;

	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
			space = o > out;
			continue;
		}
		if (space)
			*o++ = ' ';
		space = false;
		*o++ = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
	}
	*o = '\0';
	return out;
}

char *
fold_text(const char *s)
{
	char *t, *r;
	size_t i;

	if (!s)
		s = "";
	for (i = 0; s[i] && (unsigned char)s[i] < 0x80; i++)
		;
	if (!s[i])
		return ascii_fold(s, i);
	if (!fold_needs_icu(s) || !icu_open() || !(t = icu_fold(s)))
		return table_fold(s);
	r = table_fold(t);
	free(t);
	return r;
}
