/*
 * utf8.h: UTF-8 validation, repair, display width and folding.
 *
 * Text inside kith is always valid UTF-8. Text arriving from outside
 * (arguments, files, the terminal) goes through utf8_valid() or
 * utf8_repair() at the boundary. Display width follows wcwidth() rules
 * with our own tables, so it does not depend on the C library's locale:
 * CJK and emoji are 2 columns, combining marks 0, controls are shown as
 * a visible escape by the screen layer and never reach the terminal.
 */
#ifndef KITH_UTF8_H
#define KITH_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFD

/*
** Decode one code point from s (at most n bytes). Returns the number of
** bytes consumed (1..4) and stores the code point in *cp. Invalid or
** truncated input consumes 1 byte and yields UTF8_REPLACEMENT. n == 0
** returns 0.
*/
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Encode cp into out (at least 4 bytes); returns bytes written (1..4). */
size_t utf8_encode(uint32_t cp, char *out);

/* True if s[0..n) is valid UTF-8 (no overlongs, surrogates or > U+10FFFF). */
bool utf8_valid(const char *s, size_t n);

/* A newly allocated copy of s[0..n) with each invalid sequence replaced by U+FFFD. */
char *utf8_repair(const char *s, size_t n);

/* A newly allocated copy of Latin-1 text s[0..n) converted to UTF-8. */
char *utf8_from_latin1(const char *s, size_t n);

/*
** Display columns of one code point: 0 for combining marks and zero-width
** characters, 2 for East Asian wide/fullwidth and emoji, 1 otherwise.
** Control characters (C0, DEL, C1) return -1: the caller must render them
** visibly (see utf8_control_repr).
*/
int utf8_cp_width(uint32_t cp);

/* True for code points the screen must never send raw: C0, DEL, C1, bidi
   controls (U+202A..U+202E, U+2066..U+2069) and noncharacters (U+FDD0..
   U+FDEF, U+xFFFE, U+xFFFF), which would draw as nothing. */
bool utf8_is_unsafe(uint32_t cp);
/*
** Zero-width marks kept on one character: the screen's cells hold a base
** and four marks (ncurses' CCHARW_MAX is 5); the command line keeps as
** many, so 5,000 combining marks cannot flood a terminal.
*/
#define UTF8_MAX_MARKS 4

/* Total display width of a string, counting unsafe code points at the width
   of their visible representation. */
int utf8_width(const char *s);

/*
** The longest prefix of s (in bytes) that fits in max_cols columns, never
** splitting a character or separating a combining mark from its base.
** *cols_out (may be NULL) receives the columns used.
*/
size_t utf8_fit(const char *s, int max_cols, int *cols_out);

/*
** A newly allocated copy of s cut to at most max_cols columns; when cut,
** it ends with "…". Unsafe code points are replaced by their visible form.
*/
char *utf8_ellipsize(const char *s, int max_cols);

/* Visible form of an unsafe code point: "^[" for ESC, "^G" for BEL,
   "<U+0085>" for C1 and bidi controls. Writes at most 10 bytes + NUL. */
void utf8_control_repr(uint32_t cp, char out[12]);

/*
** Fold for matching: lower case, diacritics removed ("Zoë Ngô" ->
** "zoe ngo", "Nguyễn" -> "nguyen", "ß" stays), whitespace runs collapsed
** to one space, ends trimmed. Newly allocated. Used for name keys, name
** prefix matching and sorting, consistent with FTS5 remove_diacritics 2.
*/
char *utf8_fold(const char *s);

#endif
