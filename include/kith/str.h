/*
 * str.h: growable strings and small string helpers. Text is UTF-8.
 */
#ifndef KITH_STR_H
#define KITH_STR_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "kith/status.h"

/* A growable, always NUL-terminated byte string. Zero-initialise to use. */
struct strbuf {
	char *buf;      /* NULL until the first append */
	size_t len;     /* bytes used, not counting the NUL */
	size_t cap;     /* bytes allocated */
};

void sb_append(struct strbuf *sb, const char *s);
void sb_appendn(struct strbuf *sb, const char *s, size_t n);
void sb_appendc(struct strbuf *sb, char c);
void sb_printf(struct strbuf *sb, const char *fmt, ...) KITH_PRINTF(2, 3);
void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap);
void sb_reset(struct strbuf *sb);          /* len = 0, keeps memory */
void sb_free(struct strbuf *sb);
const char *sb_str(const struct strbuf *sb); /* "" when empty */
char *sb_detach(struct strbuf *sb);        /* caller frees; sb is reset */
/* A new string, formatted as printf does ("" at the least); the caller frees it. */
char *str_fmt(const char *fmt, ...) KITH_PRINTF(1, 2);

/* Strings kept together for what points into them (copied rows); zero-initialise. */
struct strv {
	char **v;
	size_t n, cap;
};

/* Keep s (taken: strv_free frees it); returns s. */
char *strv_keep(struct strv *sv, char *s);
/* Keep a copy of s; returns the copy (NULL in, NULL out). */
char *strv_dup(struct strv *sv, const char *s);
/* Free every string kept; sv is empty again. */
void strv_free(struct strv *sv);

/* Append s as a JSON string literal (quotes and escapes included). */
void sb_json_str(struct strbuf *sb, const char *s);

bool str_eq(const char *a, const char *b);      /* NULL-safe */
bool str_empty(const char *s);                  /* NULL or "" */
/* The index of name in names[0..n) (a table of names); -1 if not there or NULL. */
int str_index(const char *const *names, int n, const char *name);
/* names[i], or "?" if i is outside names[0..n). */
const char *str_at(const char *const *names, int n, int i);
bool str_prefix(const char *s, const char *prefix);
/* Replace the owned text *slot with a copy of s (NULL: none); s may point into it. */
void str_set(char **slot, const char *s);
/* Trim ASCII whitespace at both ends, in place; returns s. */
char *str_trim(char *s);
/* Parse a whole decimal integer in [min, max]; false if not one. */
bool str_to_int(const char *s, long long min, long long max, long long *out);

#endif
