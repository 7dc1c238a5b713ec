/*
 * str.c: growable strings and small string helpers (see kith/str.h).
 */
#include "kith/str.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/utf8.h"
#include "kith/xalloc.h"

static void
sb_grow(struct strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;

	if (need <= sb->cap)
		return;
	if (sb->cap == 0)
		sb->cap = 64;
	while (sb->cap < need)
		sb->cap *= 2;
	sb->buf = xrealloc(sb->buf, sb->cap);
}

void
sb_appendn(struct strbuf *sb, const char *s, size_t n)
{
	sb_grow(sb, n);
	if (n)
		memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void
sb_append(struct strbuf *sb, const char *s)
{
	if (s)
		sb_appendn(sb, s, strlen(s));
}

void
sb_appendc(struct strbuf *sb, char c)
{
	if (sb->len + 2 > sb->cap)      /* the byte and the NUL: an import appends millions */
		sb_grow(sb, 1);
	sb->buf[sb->len++] = c;
	sb->buf[sb->len] = '\0';
}

void
sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n <= 0)
		return;
	sb_grow(sb, (size_t)n);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void
sb_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(sb, fmt, ap);
	va_end(ap);
}

char *
str_fmt(const char *fmt, ...)
{
	struct strbuf sb = { 0 };
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	return sb_detach(&sb);
}

void
sb_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

void
sb_free(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

const char *
sb_str(const struct strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

char *
sb_detach(struct strbuf *sb)
{
	char *p = sb->buf ? sb->buf : xstrdup("");

	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return p;
}

char *
strv_keep(struct strv *sv, char *s)
{
	if (sv->n == sv->cap) {
		sv->cap = sv->cap ? sv->cap * 2 : 16;
		sv->v = xreallocarray(sv->v, sv->cap, sizeof *sv->v);
	}
	return sv->v[sv->n++] = s;
}

char *
strv_dup(struct strv *sv, const char *s)
{
	return s ? strv_keep(sv, xstrdup(s)) : NULL;
}

void
strv_free(struct strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	memset(sv, 0, sizeof *sv);
}

void
sb_json_str(struct strbuf *sb, const char *s)
{
	sb_appendc(sb, '"');
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		switch (*p) {
		case '"':  sb_append(sb, "\\\""); break;
		case '\\': sb_append(sb, "\\\\"); break;
		case '\n': sb_append(sb, "\\n"); break;
		case '\r': sb_append(sb, "\\r"); break;
		case '\t': sb_append(sb, "\\t"); break;
		case '\b': sb_append(sb, "\\b"); break;
		case '\f': sb_append(sb, "\\f"); break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				sb_printf(sb, "\\u%04x", *p);
			} else if (*p < 0x80) {
				sb_appendc(sb, (char)*p);
			} else {
				/* keep UTF-8 as is; an invalid byte becomes U+FFFD */
				uint32_t cp;
				size_t k = utf8_decode((const char *)p, strnlen((const char *)p, 4), &cp);
				if (cp == UTF8_REPLACEMENT && !utf8_valid((const char *)p, k))
					sb_append(sb, "\xEF\xBF\xBD");
				else
					sb_appendn(sb, (const char *)p, k);
				p += k - 1;
			}
		}
	}
	sb_appendc(sb, '"');
}

bool
str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

int
str_index(const char *const *names, int n, const char *name)
{
	for (int i = 0; name && i < n; i++)
		if (names[i] && strcmp(names[i], name) == 0)
			return i;
	return -1;
}

const char *
str_at(const char *const *names, int n, int i)
{
	return i >= 0 && i < n && names[i] ? names[i] : "?";
}

bool
str_empty(const char *s)
{
	return !s || !*s;
}

bool
str_prefix(const char *s, const char *prefix)
{
	return s && prefix && strncmp(s, prefix, strlen(prefix)) == 0;
}

void
str_set(char **slot, const char *s)
{
	char *copy = xstrdup(s);

	free(*slot);
	*slot = copy;
}

char *
str_trim(char *s)
{
	size_t n;
	char *p = s;

	if (!s)
		return s;
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\v' || *p == '\f')
		p++;
	n = strlen(p);
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\n' ||
		     p[n - 1] == '\r' || p[n - 1] == '\v' || p[n - 1] == '\f'))
		n--;
	memmove(s, p, n);
	s[n] = '\0';
	return s;
}

bool
str_to_int(const char *s, long long min, long long max, long long *out)
{
	char *end;
	long long v;

	if (!s || !*s || isspace((unsigned char)*s))
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return false;
	if (out)
		*out = v;
	return true;
}
