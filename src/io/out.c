/*
 * out.c: what kith's writers share: the output buffer (written out a
 * record or so at a time), the content lines of vCard and iCalendar
 * (escaped, folded at 75 octets), written straight into it, and the walk
 * over the events and follow-ups the iCalendar and JSON writers write.
 */
#ifdef __linux__
#define _GNU_SOURCE                 /* sync_file_range */
#endif
#include "io_internal.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "kith/merge.h"

/* Bytes written between two hand-overs to the disk. */
#define SYNC_EVERY (2LL << 20)

/*
** Hand what is written so far to the disk, without waiting for it: a file
** kith writes is fsync'ed before it is renamed into place (safefile.c),
** which then waits only for the last few megabytes instead of all of it
** (at 100,000 vCards, 30 MB: 20 to 120 ms of the export's wall time on
** this machine's disk). Only on a regular file, and only where
** sync_file_range exists (Linux).
*/
static void
hand_to_disk(struct io_out *o)
{
#ifdef SYNC_FILE_RANGE_WRITE
	int fd = fileno(o->f);
	struct stat st;

	if (!o->regular)
		o->regular = fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? 1 : -1;
	if (o->regular > 0 && fflush(o->f) == 0)
		sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);   /* a hint: errors come at fsync */
#endif
	o->synced = o->written;
}

void
io_out_write(struct io_out *o, const char *buf, size_t n)
{
	if (!n)
		return;
	fwrite(buf, 1, n, o->f);
	o->written += (long long)n;
	if (o->written - o->synced >= SYNC_EVERY)
		hand_to_disk(o);
}

void
io_out_flush(struct io_out *o)
{
	io_out_write(o, o->sb.buf, o->sb.len);
	sb_reset(&o->sb);
}

/* ---- content lines (vCard and iCalendar) --------------------------------------------- */

/* Escape a text value: backslash, newline, comma, semicolon. */
void
io_esc(struct strbuf *sb, const char *s)
{
	while (s && *s) {
		size_t run = strcspn(s, "\\\n\r,;");   /* plain text: copied at once */
		io_put(sb, s, run);
		s += run;
		switch (*s) {
		case '\\': IO_PUT_LIT(sb, "\\\\"); break;
		case '\n': IO_PUT_LIT(sb, "\\n"); break;
		case '\r': break;
		case ',': IO_PUT_LIT(sb, "\\,"); break;
		case ';': IO_PUT_LIT(sb, "\\;"); break;
		default: return;        /* the end */
		}
		s++;
	}
}

/* Fold the content line at o->sb[start..] at 75 octets, never inside a UTF-8 sequence. */
void
io_fold(struct io_out *o, size_t start)
{
	struct strbuf *t = &o->line;
	size_t len, pos = 0, width = 75;

	sb_reset(t);
	sb_appendn(t, o->sb.buf + start, o->sb.len - start);
	o->sb.len = start;
	len = t->len;
	while (len - pos > width) {
		size_t cut = pos + width;
		while (cut > pos + 1 && ((unsigned char)t->buf[cut] & 0xC0) == 0x80)
			cut--;
		sb_appendn(&o->sb, t->buf + pos, cut - pos);
		sb_appendn(&o->sb, "\r\n ", 3);
		pos = cut;
		width = 74;
	}
	sb_appendn(&o->sb, t->buf + pos, len - pos);
}

/* Write one whole content line (folded). */
void
io_content_line(struct io_out *o, const char *line)
{
	size_t start = o->sb.len;

	io_puts(&o->sb, line);
	io_line_end(o, start);
}

/* NAME:value, escaped unless raw, skipped when the value is empty. */
static void
prop(struct io_out *o, const char *name, const char *value, bool raw)
{
	size_t start = o->sb.len;

	if (str_empty(value))
		return;
	io_puts(&o->sb, name);
	io_putc(&o->sb, ':');
	if (raw)
		io_puts(&o->sb, value);
	else
		io_esc(&o->sb, value);
	io_line_end(o, start);
}

/* NAME[params]:escaped-value, skipped when the value is empty. */
void
io_prop(struct io_out *o, const char *name, const char *value)
{
	prop(o, name, value, false);
}

/* NAME:raw-value (already in the format's syntax). */
void
io_prop_raw(struct io_out *o, const char *name, const char *value)
{
	prop(o, name, value, true);
}

/* A label usable as a TYPE parameter value (letters, digits, '-'). */
bool
io_type_word(const char *label)
{
	if (str_empty(label))
		return false;
	for (const char *p = label; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-'))
			return false;
	return true;
}

/* ---- the rows a writer walks (io_internal.h) ---------------------------------------- */

enum kith_status
io_each_row(struct io_out *o, struct kdb *db, enum io_rows rows, io_row_fn fn,
	    struct kith_err *err)
{
	int64_t ids[IO_WINDOW], after = 0;
	struct io_row r = { 0 };
	int n;
	enum kith_status rc;

	do {
		rc = rows == IO_EVENTS ? event_ids_after(db, after, ids, IO_WINDOW, &n, err) :
		     followup_ids_after(db, after, rows == IO_ALL_FOLLOWUPS, ids, IO_WINDOW, &n, err);
		for (int k = 0; !rc && k < n; k++, r.i++) {
			r.id = ids[k];
			if (rows == IO_EVENTS && !(rc = event_get(db, r.id, &r.ev, err))) {
				r.ev.id = r.id;
				rc = fn(o, db, &r, err);
				event_free(&r.ev);
			} else if (rows != IO_EVENTS && !(rc = followup_get(db, r.id, &r.fu, err))) {
				rc = fn(o, db, &r, err);
				followup_free(&r.fu);
			}
			if (!rc && o->sb.len > 65536)
				io_out_flush(o);
		}
		if (rc)
			return rc;
		io_out_flush(o);
		if (n)
			after = ids[n - 1];
	} while (n == IO_WINDOW);
	return KITH_OK;
}
