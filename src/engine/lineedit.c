/*
 * lineedit.c: the one-line text editor behind the search line, the ':'
 * line, form fields and pick filters.
 *
 * The text is UTF-8 and the cursor a byte offset that always sits on a
 * code point boundary. Editing keys follow readline: Ctrl-A/Home start,
 * Ctrl-E/End end, Ctrl-B/Left and Ctrl-F/Right by one character,
 * Backspace/Ctrl-H delete before, Delete/Ctrl-D delete under, Ctrl-K
 * kill to the end, Ctrl-U kill to the start, Ctrl-W kill the word
 * before. Combining marks move and delete with their base character.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include "kith/utf8.h"
#include "kith/xalloc.h"

/* Replace the text and put the cursor at its end. */
void
le_set(struct lineedit *le, const char *text)
{
	sb_reset(&le->text);
	sb_append(&le->text, text ? text : "");
	le->cursor = le->text.len;
}

void
le_free(struct lineedit *le)
{
	sb_free(&le->text);
	le->cursor = 0;
}

static bool
is_combining(uint32_t cp)
{
	return utf8_cp_width(cp) == 0 && cp != 0;
}

/* Byte offset of the character (with its combining marks) after pos. */
static size_t
next_char(const struct lineedit *le, size_t pos)
{
	const char *s = sb_str(&le->text);
	size_t len = le->text.len;
	uint32_t cp;

	if (pos >= len)
		return len;
	pos += utf8_decode(s + pos, len - pos, &cp);
	while (pos < len) {
		size_t n = utf8_decode(s + pos, len - pos, &cp);
		if (!is_combining(cp))
			break;
		pos += n;
	}
	return pos;
}

/* Byte offset of the start of the code point ending at pos. */
static size_t
prev_cp(const char *s, size_t pos)
{
	if (pos == 0)
		return 0;
	pos--;
	while (pos > 0 && ((unsigned char)s[pos] & 0xc0) == 0x80)
		pos--;
	return pos;
}

/* Byte offset of the character (with its combining marks) before pos. */
static size_t
prev_char(const struct lineedit *le, size_t pos)
{
	const char *s = sb_str(&le->text);

	while (pos > 0) {
		uint32_t cp;
		size_t p = prev_cp(s, pos);
		utf8_decode(s + p, pos - p, &cp);
		pos = p;
		if (!is_combining(cp))
			break;
	}
	return pos;
}

/* Delete bytes [a, b) and leave the cursor at a. */
static void
le_delete(struct lineedit *le, size_t a, size_t b)
{
	char *s = le->text.buf;

	if (!s || a >= b)
		return;
	memmove(s + a, s + b, le->text.len - b + 1);
	le->text.len -= b - a;
	le->cursor = a;
}

/* Insert UTF-8 bytes at the cursor. */
static void
le_insert(struct lineedit *le, const char *bytes, size_t n)
{
	size_t tail = le->text.len - le->cursor;

	sb_appendn(&le->text, bytes, n);        /* grow */
	memmove(le->text.buf + le->cursor + n, le->text.buf + le->cursor, tail);
	memcpy(le->text.buf + le->cursor, bytes, n);
	le->cursor += n;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t';
}

/*
** Apply one key. Returns true if it was an editing key (the text or
** cursor may have changed), false if the caller should handle it.
*/
bool
le_key(struct lineedit *le, struct kkey k)
{
	const char *s;
	size_t p;

	if (!le->text.buf)
		sb_append(&le->text, "");
	if (le->cursor > le->text.len)
		le->cursor = le->text.len;
	s = le->text.buf;
	switch (k.type) {
	case KK_LEFT:
		le->cursor = prev_char(le, le->cursor);
		return true;
	case KK_RIGHT:
		le->cursor = next_char(le, le->cursor);
		return true;
	case KK_HOME:
		le->cursor = 0;
		return true;
	case KK_END:
		le->cursor = le->text.len;
		return true;
	case KK_BACKSPACE:
		le_delete(le, prev_char(le, le->cursor), le->cursor);
		return true;
	case KK_DELETE:
		le_delete(le, le->cursor, next_char(le, le->cursor));
		return true;
	case KK_CHAR:
		break;
	default:
		return false;
	}
	switch (k.cp) {
	case 1:         /* C-a */
		le->cursor = 0;
		return true;
	case 5:         /* C-e */
		le->cursor = le->text.len;
		return true;
	case 2:         /* C-b */
		le->cursor = prev_char(le, le->cursor);
		return true;
	case 6:         /* C-f */
		le->cursor = next_char(le, le->cursor);
		return true;
	case 4:         /* C-d */
		le_delete(le, le->cursor, next_char(le, le->cursor));
		return true;
	case 8:         /* C-h */
	case 127:       /* DEL as sent by many terminals for Backspace */
		le_delete(le, prev_char(le, le->cursor), le->cursor);
		return true;
	case 11:        /* C-k */
		le->text.len = le->cursor;
		le->text.buf[le->cursor] = '\0';
		return true;
	case 21:        /* C-u */
		le_delete(le, 0, le->cursor);
		return true;
	case 23:        /* C-w: the word before the cursor and the blanks after it */
		p = le->cursor;
		while (p > 0 && is_space(s[p - 1]))
			p--;
		while (p > 0 && !is_space(s[p - 1]))
			p--;
		le_delete(le, p, le->cursor);
		return true;
	default:
		break;
	}
	if (k.cp >= 32 && k.cp != 127 && !(k.cp >= 0x80 && k.cp < 0xa0) && k.cp <= 0x10FFFF &&
	    !(k.cp >= 0xD800 && k.cp <= 0xDFFF) && !utf8_is_unsafe(k.cp)) {
		char buf[4];
		le_insert(le, buf, utf8_encode(k.cp, buf));
		return true;
	}
	return false;
}

enum le_edit
le_edit(struct lineedit *le, struct kkey k)
{
	char *old = xstrdup(sb_str(&le->text));
	enum le_edit r = LE_NOT_EDIT;

	if (le_key(le, k))
		r = strcmp(old, sb_str(&le->text)) ? LE_CHANGED : LE_SAME_TEXT;
	free(old);
	return r;
}
