/*
 * fuzz_import.h: the sink shared by the importer harnesses (fuzz_vcard,
 * fuzz_csv, fuzz_ics). Properties of every record a parser hands out: a
 * line within the file, a progress offset within the buffer and not going
 * back, valid UTF-8 without control characters in names and titles, dates
 * that parse; every error has a line and a message.
 */
#ifndef KITH_FUZZ_IMPORT_H
#define KITH_FUZZ_IMPORT_H

#include "fuzz.h"

#include "kith/date.h"
#include "kith/io.h"
#include "kith/utf8.h"

struct fuzz_sink {
	size_t len;
	size_t last_offset;
	int records, errors;
};

static void
fuzz_check_name(const char *s)
{
	FUZZ_ASSERT(s != NULL && *s);
	FUZZ_ASSERT(utf8_valid(s, strlen(s)));
}

static void
fuzz_check_when(const char *s)
{
	struct kdatetime t;
	FUZZ_ASSERT(s && kdatetime_parse_iso(s, &t) && kdate_valid(t.date));
}

static int
fuzz_record(void *ud, const struct io_record *r)
{
	struct fuzz_sink *s = ud;

	FUZZ_ASSERT(r->line >= 1);
	FUZZ_ASSERT(r->offset <= s->len && r->offset >= s->last_offset);
	s->last_offset = r->offset;
	switch (r->kind) {
	case IO_REC_CONTACT:
		fuzz_check_name(r->u.contact.c.display_name);
		break;
	case IO_REC_EVENT:
		fuzz_check_name(r->u.event.e.title);
		fuzz_check_when(r->u.event.e.start_at);
		if (r->u.event.e.end_at)
			fuzz_check_when(r->u.event.e.end_at);
		break;
	case IO_REC_TODO:
		fuzz_check_name(r->u.todo.f.title);
		if (r->u.todo.f.due)
			fuzz_check_when(r->u.todo.f.due);
		break;
	}
	s->records++;
	return 0;
}

static int
fuzz_error(void *ud, int line, const char *msg)
{
	struct fuzz_sink *s = ud;
	FUZZ_ASSERT(line >= 1);
	FUZZ_ASSERT(msg && *msg);
	s->errors++;
	return 0;               /* go on, as --skip-invalid does */
}

static void
fuzz_note(void *ud, int line, const char *msg)
{
	(void)ud;
	FUZZ_ASSERT(line >= 1 && msg && *msg);
}

typedef int (*fuzz_parse_fn)(const char *buf, size_t len, const struct io_sink *sink);

static inline int
fuzz_import(const uint8_t *data, size_t size, fuzz_parse_fn parse)
{
	struct fuzz_sink s = { size, 0, 0, 0 };
	struct io_sink sink = { fuzz_record, fuzz_error, fuzz_note, &s, fuzz_note };
	char *copy = malloc(size ? size : 1);   /* exactly size bytes: ASan sees overreads */

	if (!copy)
		abort();
	memcpy(copy, data, size);
	parse(copy, size, &sink);
	free(copy);
	return 0;
}

#endif
