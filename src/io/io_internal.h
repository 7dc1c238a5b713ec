/*
 * io_internal.h: what the files of src/io share (text decoding, line
 * reading, records). Nothing outside src/io includes it.
 */
#ifndef KITH_IO_INTERNAL_H
#define KITH_IO_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kith/event.h"
#include "kith/followup.h"
#include "kith/io.h"
#include "kith/str.h"

/*
** The bytes of a file as 8-bit text: a UTF-8 BOM is dropped, UTF-16 (LE or
** BE, with a BOM or recognised by its NUL bytes) is converted to UTF-8.
** Newly allocated and NUL-terminated; *outlen its length. Embedded NULs of
** 8-bit text are dropped.
*/
char *io_text_bytes(const char *buf, size_t len, size_t *outlen);
/*
** The same text, read where it is when it needs no change (no UTF-16 BOM,
** no NUL byte: it is the file less a UTF-8 BOM), else io_text_bytes's, to
** be freed through *own (NULL: nothing to free). Not NUL-terminated: read
** it by its length. A 100,000-card file is 26 MB: a copy cost the parser
** 6,300 page faults before its first card.
*/
const char *io_text_view(const char *buf, size_t len, size_t *outlen, char **own);

/*
** Progress in the file's own bytes for a position pos within the text
** io_text_bytes made of it (tlen bytes from a file of len): UTF-16 grows
** or shrinks when converted, so the position is scaled. Never beyond len,
** and never going back as pos goes forward.
*/
size_t io_text_progress(size_t pos, size_t tlen, size_t len);

/*
** s[0..n) as valid UTF-8, newly allocated: converted from `charset` when
** one is named (and is not UTF-8), else kept if valid UTF-8, else read as
** Windows-1252 (which includes Latin-1's letters). Line ends become "\n"
** (CRLF and a lone CR): no CR reaches stored text.
*/
char *io_text_utf8(const char *s, size_t n, const char *charset);

/* Decode quoted-printable s[0..n) (soft breaks already joined) into sb. */
void io_qp_decode(struct strbuf *sb, const char *s, size_t n);

/* Physical and content lines of a text (vCard, iCalendar, CSV). */
struct io_lines {
	const char *p, *end;
	int line;                   /* number of the line io_line_next returns next */
	bool cr_only;               /* the file ends lines with CR alone */
	bool too_long;              /* the last content line was cut at IO_MAX_LINE */
};

/*
** What an importer reads at most: one content line (unfolded), and one
** record (a vCard, an iCalendar event or to-do, a CSV record). Longer ones
** are reported with the file and line, and skipped, so that a hostile or
** broken file cannot hold the write lock (or memory) without bound.
*/
#define IO_MAX_LINE ((size_t)8 << 20)
#define IO_MAX_LINE_TEXT "8 MiB"
#define IO_MAX_RECORD ((size_t)16 << 20)
#define IO_MAX_RECORD_TEXT "16 MiB"
void io_lines_init(struct io_lines *r, const char *buf, size_t len);
/*
** The next physical line (LF, CRLF, CR CR LF; CR alone in a file without
** any LF), without its end; false at the end of the text. (Inline: the
** readers call it for every line.)
*/
static inline bool
io_line_next(struct io_lines *r, const char **s, size_t *n, int *lineno)
{
	const char *e;
	size_t len;

	if (r->p >= r->end)
		return false;
	e = memchr(r->p, r->cr_only ? '\r' : '\n', (size_t)(r->end - r->p));
	if (!e)
		e = r->end;
	len = (size_t)(e - r->p);
	*s = r->p;
	while (len > 0 && r->p[len - 1] == '\r')
		len--;
	*n = len;
	*lineno = r->line++;
	r->p = e < r->end ? e + 1 : e;
	return true;
}
/*
** The next content line, unfolded (a line starting with a space or a tab
** continues the previous one), into sb; blank lines are skipped. *lineno is
** its first physical line. False at the end. A line longer than
** IO_MAX_LINE is read to its end but kept only to that length, and
** r->too_long says so.
*/
bool io_content_next(struct io_lines *r, struct strbuf *sb, int *lineno);

/*
** Memory in blocks that go all at once: a parser's scratch (reset for each
** record, its blocks kept) and a record's own strings and arrays (the
** record keeps the blocks: io_contact_rec.mem, freed by io_record_clear).
** A card's dozens of small strings were as many mallocs and frees.
*/
struct io_block;
struct io_arena {
	struct io_block *head;      /* the block being filled, then the older ones */
	char *p, *end;              /* the free part of head */
};
/* n bytes aligned for any object; never NULL */
void *io_alloc(struct io_arena *a, size_t n);
/* s[0..n) and a NUL */
char *io_strndup_in(struct io_arena *a, const char *s, size_t n);
static inline char *
io_strdup_in(struct io_arena *a, const char *s)
{
	return io_strndup_in(a, s, strlen(s));
}
/* Empty again; the first block (the largest made so far) is kept. */
void io_arena_reset(struct io_arena *a);
/* Everything freed. */
void io_arena_free(struct io_arena *a);
/* The blocks, taken out (for io_blocks_free); the arena is empty. */
struct io_block *io_arena_take(struct io_arena *a);
void io_blocks_free(struct io_block *b);
/* io_text_utf8 of s[0..n) into the arena; *outn its length. */
char *io_text_utf8_in(struct io_arena *a, const char *s, size_t n, const char *charset,
		      size_t *outn);
/*
** io_content_next's line into a: a line that is not folded is copied there
** straight from the text, one that is joined in sb first.
*/
bool io_content_next_in(struct io_lines *r, struct io_arena *a, struct strbuf *sb, char **line,
			size_t *len, int *lineno);
/*
** io_text_utf8_in for s[0..n) (NUL-terminated) of a already: s itself, CRs made LFs
** in place, when it is UTF-8. known: what s is known to be, as far as it is:
** IO_TEXT_UTF8 (UTF-8 without a NUL), IO_TEXT_NO_CR (without a CR).
*/
enum { IO_TEXT_UTF8 = 1, IO_TEXT_NO_CR = 2 };
char *io_text_utf8_here(struct io_arena *a, char *s, size_t n, const char *charset,
			unsigned known);

/*
** A set of keys, each of a kind (a letter: 'e' an email's, 'p' a phone's,
** 'n' a name's, 't' a to-do's), kept in blocks: whether a key was in it (it
** is now). Zero-initialise.
*/
struct io_keyset {
	struct io_keyslot {
		uint64_t hash;
		const char *key;            /* the kind, then the key */
	} *slot;
	size_t cap, n;
	struct io_arena mem;
};
bool io_keyset_seen(struct io_keyset *k, char kind, const char *key);
/* Room for n keys without growing: a table grown as it fills is copied
   each time it doubles, the parser's largest stall. */
void io_keyset_reserve(struct io_keyset *k, size_t n);
void io_keyset_free(struct io_keyset *k);

/* Records: growing the extras list, freeing a record's contents. */
void io_extra_add(struct io_extra **v, size_t *n, const char *name, const char *value);
void io_record_clear(struct io_record *r);
/* Append a channel (label may be NULL) unless an equal value is already there. */
void io_channel_add(struct kith_channel **v, size_t *n, const char *label, const char *value);
void io_strv_add(char ***v, size_t *n, const char *s);
/*
** The same without looking for an equal value (a parser adds all of a
** record's, then drops the repeats at once with io_contact_uniq: adding
** n values one by one, each compared with all before, took n * n / 2
** steps, and a card may have a hundred thousand).
*/
void io_channel_push(struct kith_channel **v, size_t *n, const char *label, const char *value);
void io_strv_push(char ***v, size_t *n, const char *s);
/* Drop repeated values (ASCII case aside), keeping the first of each, in order. */
/*
** drop[i] set for each of v's n values (strings, or channels' values) that
** equals an earlier one, ASCII case aside; drop[] zeroed by the caller.
*/
void io_strv_repeats(char *const *v, size_t n, bool *drop);
void io_channel_repeats(const struct kith_channel *v, size_t n, bool *drop);
void io_strv_uniq(char **v, size_t *n);
void io_channel_uniq(struct kith_channel *v, size_t *n);
void io_contact_uniq(struct kith_contact *c);

/*
** kith's own contact fields, the one table its vCard and CSV writers and
** readers share: X-KITH-<name> in a vCard, the column in CSV, in this
** order. parse sets the field from a value read (false if it is not one:
** the value is then kept aside); format gives the value to write, or NULL
** or "" for none (numbers are written into buf).
*/
struct io_field {
	const char *name;           /* after X-KITH-: "HOW-MET" */
	const char *column;         /* the CSV column: "how met" */
	bool (*parse)(struct kith_contact *c, const char *value);
	const char *(*format)(const struct kith_contact *c, char buf[12]);
};
#define IO_N_KITH_FIELDS 8
extern const struct io_field io_kith_fields[IO_N_KITH_FIELDS];
/*
** Read one of kith's own fields: name is the part after X-KITH- or the
** column (any case), or "uid". Returns false if name is not one, or the
** value is not one for it (value then is an extra).
*/
bool io_kith_field(struct kith_contact *c, const char *name, const char *value);

/* ---- writing --------------------------------------------------------------------------- */

struct export_contact;
struct kith_org;
struct kdb;

/* A writer's output: text is built in sb and written out a record or so at a time. */
struct io_out {
	FILE *f;
	struct strbuf sb;           /* the text being built */
	const struct io_export_opts *o;
	struct strbuf line;         /* scratch (a line being folded, a CSV cell being joined) */
	long long written, synced;  /* bytes written to f; of them, handed to the disk */
	int regular;                /* f is a regular file: 1; not: -1; not yet known: 0 */
};
void io_out_flush(struct io_out *o);   /* write sb out */
/* Write n bytes of buf to o->f (io_out_flush's write; see out.c). */
void io_out_write(struct io_out *o, const char *buf, size_t n);

/* A writer walking rows through a callback: where it writes, the database, rows so far. */
struct io_walk {
	struct io_out *o;
	struct kdb *db;
	long n;
};

/*
** sb_appendn's path when there is room, inline: a writer appends a dozen
** short pieces a line, and the call cost more than the copy (issue 14:
** 100,000 vCards written in about half the instructions).
*/
static inline void
io_put(struct strbuf *sb, const char *s, size_t n)
{
	if (sb->len + n < sb->cap) {
		memcpy(sb->buf + sb->len, s, n);
		sb->len += n;
		sb->buf[sb->len] = '\0';
	} else {
		sb_appendn(sb, s, n);
	}
}

/* io_put of a string literal */
#define IO_PUT_LIT(sb, lit) io_put((sb), "" lit, sizeof(lit) - 1)

static inline void
io_puts(struct strbuf *sb, const char *s)
{
	io_put(sb, s, strlen(s));
}

static inline void
io_putc(struct strbuf *sb, char c)
{
	if (sb->len + 1 < sb->cap) {
		sb->buf[sb->len++] = c;
		sb->buf[sb->len] = '\0';
	} else {
		sb_appendc(sb, c);
	}
}

/* Content lines (vCard, iCalendar; out.c). */
void io_esc(struct strbuf *sb, const char *s);       /* backslash, newline, comma, semicolon */
void io_fold(struct io_out *o, size_t start);        /* io_line_end's folding */
/*
** A line is appended to o->sb from `start` (its name, parameters, ':' and
** value), then ended with io_line_end, which folds it at 75 octets.
*/
static inline void
io_line_end(struct io_out *o, size_t start)
{
	if (o->sb.len - start > 75)
		io_fold(o, start);         /* few are */
	IO_PUT_LIT(&o->sb, "\r\n");
}
void io_content_line(struct io_out *o, const char *line);
void io_prop(struct io_out *o, const char *name, const char *value);      /* escaped; none if empty */
void io_prop_raw(struct io_out *o, const char *name, const char *value);  /* as is; none if empty */
bool io_type_word(const char *label);  /* usable as a TYPE value: letters, digits, '-' */

/*
** The rows a writer walks one by one (io_each_row): the events, or the
** follow-ups (the open ones, or all). Each is read whole; fn gets it with
** i, how many came before it. Ids are read IO_WINDOW at a time; o is
** written out after each window and whenever it has grown past 64 KiB.
** Stops at the first error (fn's too) and returns it.
*/
#define IO_WINDOW 512
enum io_rows { IO_EVENTS, IO_OPEN_FOLLOWUPS, IO_ALL_FOLLOWUPS };
struct io_row {
	long i;
	int64_t id;
	struct kith_event ev;       /* IO_EVENTS (its id set) */
	struct kith_followup fu;    /* the follow-ups */
};
typedef enum kith_status (*io_row_fn)(struct io_out *o, struct kdb *db, struct io_row *r,
				      struct kith_err *err);
enum kith_status io_each_row(struct io_out *o, struct kdb *db, enum io_rows rows, io_row_fn fn,
			     struct kith_err *err);

/* The writers beside their readers. */
void io_vcard_write(struct io_out *o, const struct export_contact *e);   /* vcard_write.c */
void io_vcard_write_org(struct io_out *o, const struct kith_org *org, const char *parent_name);
void io_csv_header(struct strbuf *sb);                                  /* csv_write.c */
void io_csv_write(struct io_out *o, const struct export_contact *e);
enum kith_status io_ics_export(struct io_out *o, struct kdb *db,          /* ics_write.c */
			       struct kith_err *err);

/* A birthday in one of the usual forms to "YYYY-MM-DD" or "--MM-DD"; false if none. */
bool io_birthday(const char *s, char out[11]);

/* printf into a fresh string. */
#define io_strf str_fmt     /* kith/str.h */

/* ASCII case-insensitive comparisons. */
/*
** CSV injection guard (OWASP): a cell a spreadsheet would run as a formula
** (beginning with = + - @, a tab or a carriage return, after any leading
** single quotes) is written with a single quote in front; plain numbers
** ("-2", "+15551234") are left alone. The CSV reader removes exactly that
** quote again, so an export imports back unchanged.
*/
bool io_csv_needs_guard(const char *s);
bool io_ieq(const char *a, const char *b);
bool io_ieqn(const char *a, const char *b, size_t n);

#endif
