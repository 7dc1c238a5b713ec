/*
 * utf8.c: UTF-8 decoding, validation, repair, display width and folding
 * (see kith/utf8.h). Width and fold tables are generated from the Unicode
 * database by src/tools/gen_unicode.py, so results do not depend on the C
 * library's locale.
 */
#include "kith/utf8.h"

#include <stdio.h>
#include <string.h>

#include "kith/str.h"
#include "kith/xalloc.h"
#include "cp_table.h"
#include "unicode_tables.h"

size_t
utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c, min;
	size_t len;

	if (n == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		c &= 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		c &= 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		*cp = UTF8_REPLACEMENT;
		return 1;
	}
	if (n < len) {
		*cp = UTF8_REPLACEMENT;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = UTF8_REPLACEMENT;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = UTF8_REPLACEMENT;
		return 1;
	}
	*cp = c;
	return len;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = UTF8_REPLACEMENT;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	} else if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* One decode step that tells a real U+FFFD from a decoding error. */
static size_t
decode_checked(const char *s, size_t n, uint32_t *cp, bool *bad)
{
	size_t k = utf8_decode(s, n, cp);

	*bad = *cp == UTF8_REPLACEMENT &&
	       !(k == 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBF &&
		 (unsigned char)s[2] == 0xBD);
	return k;
}

bool
utf8_valid(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		bool bad;
		uint64_t w;
		uint64_t w4[4];
		/* ASCII, most text an import checks, needs no decoding: 32 bytes at
		   once (a file's whole text), else 8 */
		if (i + 32 <= n && (memcpy(w4, s + i, 32),
				    !((w4[0] | w4[1] | w4[2] | w4[3]) & 0x8080808080808080u))) {
			i += 32;
			continue;
		}
		if (i + 8 <= n && (memcpy(&w, s + i, 8), !(w & 0x8080808080808080u))) {
			i += 8;
			continue;
		}
		/* fewer than 8 left: the last 8 (some already checked) all ASCII ends it */
		if (i + 8 > n && n >= 8 && (memcpy(&w, s + n - 8, 8), !(w & 0x8080808080808080u)))
			return true;
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		i += decode_checked(s + i, n - i, &cp, &bad);
		if (bad)
			return false;
	}
	return true;
}

char *
utf8_repair(const char *s, size_t n)
{
	struct strbuf sb = { 0 };
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		bool bad;
		size_t k = decode_checked(s + i, n - i, &cp, &bad);
		if (bad || cp == 0)
			sb_append(&sb, "\xEF\xBF\xBD");
		else
			sb_appendn(&sb, s + i, k);
		i += k;
	}
	return sb_detach(&sb);
}

char *
utf8_from_latin1(const char *s, size_t n)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < n; i++) {
		char buf[4];
		sb_appendn(&sb, buf, utf8_encode((unsigned char)s[i], buf));
	}
	return sb_detach(&sb);
}

static bool
in_ranges(const struct uni_range *r, unsigned n, uint32_t cp)
{
	long i = cp_floor(r, n, sizeof *r, cp);

	return i >= 0 && cp <= r[i].last;
}

bool
utf8_is_unsafe(uint32_t cp)
{
	/* noncharacters (U+FDD0..FDEF, U+xFFFE, U+xFFFF) draw as nothing: a name
	   made of them would be a blank row, so they are shown as <U+FDD0> */
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	       (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp <= 0x10FFFF && (cp & 0xFFFE) == 0xFFFE);
}

int
utf8_cp_width(uint32_t cp)
{
	if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
		return -1;
	if (cp < 0x300)
		return 1;
	if (in_ranges(uni_zero, uni_zero_len, cp))
		return 0;
	if (in_ranges(uni_wide, uni_wide_len, cp))
		return 2;
	return 1;
}

void
utf8_control_repr(uint32_t cp, char out[12])
{
	if (cp < 0x20)
		snprintf(out, 12, "^%c", (char)(cp + '@'));
	else if (cp == 0x7F)
		snprintf(out, 12, "^?");
	else
		snprintf(out, 12, "<U+%04X>", (unsigned)(cp & 0x1FFFFF));
}

/* Columns one code point takes on screen, unsafe ones at their visible width. */
static int
shown_width(uint32_t cp)
{
	if (utf8_is_unsafe(cp)) {
		char rep[12];
		utf8_control_repr(cp, rep);
		return (int)strlen(rep);
	}
	return utf8_cp_width(cp);
}

int
utf8_width(const char *s)
{
	size_t n = s ? strlen(s) : 0, i = 0;
	int w = 0;

	while (i < n) {
		uint32_t cp;
		i += utf8_decode(s + i, n - i, &cp);
		w += shown_width(cp);
	}
	return w;
}

size_t
utf8_fit(const char *s, int max_cols, int *cols_out)
{
	size_t n = s ? strlen(s) : 0, i = 0, fit = 0;
	int w = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		int cw = shown_width(cp);
		/*
		 * Stop at the first character that does not fit. Zero-width
		 * marks never stop the loop, so the ones following a base that
		 * fitted stay with it, and the ones after the cut go with theirs.
		 */
		if (cw > 0 && w + cw > max_cols)
			break;
		w += cw;
		i += k;
		fit = i;
	}
	if (cols_out)
		*cols_out = w;
	return fit;
}

/* Append s[0..n) with unsafe code points replaced by their visible form. */
static void
append_safe(struct strbuf *sb, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (utf8_is_unsafe(cp)) {
			char rep[12];
			utf8_control_repr(cp, rep);
			sb_append(sb, rep);
		} else if (cp == UTF8_REPLACEMENT) {
			sb_append(sb, "\xEF\xBF\xBD");
		} else {
			sb_appendn(sb, s + i, k);
		}
		i += k;
	}
}

char *
utf8_ellipsize(const char *s, int max_cols)
{
	struct strbuf sb = { 0 };
	size_t n = s ? strlen(s) : 0, cut;
	int used;

	if (max_cols <= 0)
		return xstrdup("");
	if (utf8_width(s) <= max_cols) {
		append_safe(&sb, s ? s : "", n);
		return sb_detach(&sb);
	}
	/* Unsafe code points are wider once made visible: cut by shown width. */
	cut = utf8_fit(s, max_cols - 1, &used);
	append_safe(&sb, s, cut);
	sb_append(&sb, "\xE2\x80\xA6");
	return sb_detach(&sb);
}

static uint32_t
fold_cp(uint32_t cp)
{
	long i;

	if (cp < 0x80)
		return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
	i = cp_floor(uni_fold, uni_fold_len, sizeof uni_fold[0], cp);
	return i >= 0 && uni_fold[i].from == cp ? uni_fold[i].to : cp;
}

static bool
is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' ||
	       cp == '\f' || cp == 0xA0 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200A);
}

char *
utf8_fold(const char *s)
{
	/* written straight into one buffer (a fold of ASCII is as long as it,
	   and a longer one grows it): an import folds every name it adds */
	size_t n = s ? strlen(s) : 0, i = 0, len = 0, cap = n + 1;
	char *out = xmalloc(cap);
	bool pending_space = false;

	while (i < n) {
		uint32_t cp, f;
		char buf[4];
		size_t k;
		if ((unsigned char)s[i] < 0x80)
			cp = (unsigned char)s[i++];
		else
			i += utf8_decode(s + i, n - i, &cp);
		if (is_space(cp)) {
			pending_space = len > 0;
			continue;
		}
		f = fold_cp(cp);
		if (f == 0)
			continue;
		if (f < 0x80) {
			buf[0] = (char)f;
			k = 1;
		} else {
			k = utf8_encode(f, buf);
		}
		if (len + k + 2 > cap) {
			cap = cap * 2 + k + 2;
			out = xrealloc(out, cap);
		}
		if (pending_space) {
			out[len++] = ' ';
			pending_space = false;
		}
		memcpy(out + len, buf, k);
		len += k;
	}
	out[len] = '\0';
	return out;
}
