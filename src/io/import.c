/*
 * import.c: `kith import` and `:import`: a parsed file merged into the
 * database in one transaction.
 *
 * Merge rules: merging never guesses. A contact record is merged into an
 * existing contact only when identity is certain:
 *   (a) the same UID (a vCard UID, the CSV uid column; kith gives every
 *       contact one and every export writes it); or
 *   (b) the same email address (case-insensitive), and names that do not
 *       contradict. Two names contradict when both are names of their own
 *       (the record's not made from its email, phone or organisation, the
 *       contact's not an address or a number) and, folded (case and
 *       accents aside), they differ and neither contains the other: "Ana
 *       Lima" and "ANA LIMA-SOUZA" agree, "Ana Lima" and "Bruno Costa" do
 *       not. The contacts of one email are tried in id order.
 * Two records of one import file are never merged with each other except
 * by UID: rule (b) skips the contacts this import made (ids above
 * made_above). A shared phone never merges, nor does the same folded name
 * (and current organisation): the record is added beside the contact and
 * the report says "#13 Maria Garcia: possible duplicate of #12 Maria Garcia
 * (same name at City Hall), kept apart" ("shares phone ...", "same email
 * ..., another name"), for the duplicates review to settle.
 * One case is not a merge: a record (without a UID of its own) found by a
 * phone or by name and organisation whose every value a contact from
 * before this import already holds, under the same name, or kept aside, is
 * that contact, unchanged; so importing the same file twice changes
 * nothing the second time, and a record that brings nothing is not a
 * second person made of nothing.
 *
 * A merge keeps everything: it fills in what the contact lacks (names,
 * birthday, address, notes, kith's own fields), adds every email, phone,
 * handle, nickname and tag, adds the role when the contact has no current
 * one, or the title to its role at the same organisation when that has
 * none; a value that differs from the contact's (a birthday, a name, a
 * second job title, another organisation or seat, a number, another UID) is
 * kept in the side table (import_extra) under its field name, shown on the
 * card, and named in the report. Every merge is reported with why: "Ana
 * Lima: merged by email ana@x.org with #12 Ana Lima: +phone ..., kept
 * birthday "1981-05-05" aside".
 *
 * An event is the same as one with its iCalendar UID (without a UID: the
 * same title and start); a to-do the same as a follow-up with its UID
 * (without: the same title and due date). Fields kith has no column for go
 * to the side table, once.
 *
 * Errors. The whole import is one transaction and each record a savepoint
 * in it. A malformed record (from the parser, or refused by the data
 * layer) stops the import and rolls everything back, unless skip_invalid:
 * then it is reported with its line and the rest goes on. A dry run does
 * all the work, reports it, and rolls back.
 */
#include "import_internal.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kith/db.h"
#include "kith/merge.h"
#include "kith/org.h"
#include "kith/types.h"
#include "kith/xalloc.h"

enum { PIPE_MIN_BYTES = 64 << 10 };
/* From this size on an import writes with a rollback journal (kdb_bulk_journal):
   below it, WAL's commit without a sync costs less than the journal's three. */
enum { JOURNAL_MIN_BYTES = 1 << 20 };

/* ---- the sink ---------------------------------------------------------------------- */

static int
on_error(void *ud, int line, const char *msg)
{
	struct imp *im = ud;

	im->st->errors++;
	if (!im->o->skip_invalid) {
		kith_err_set(im->err, KITH_INVALID, "%s:%d: %s", im->o->name, line, msg);
		im->failed = KITH_INVALID;
		return 1;
	}
	report(im, "%s:%d: %s (skipped)", im->o->name, line, msg);
	return 0;
}

static void
on_note(void *ud, int line, const char *msg)
{
	struct imp *im = ud;

	im->st->skipped++;
	report(im, "%s:%d: %s", im->o->name, line, msg);
}

/* something imported all the same (an RRULE kept aside, an unknown TZID) */
static void
on_warn(void *ud, int line, const char *msg)
{
	struct imp *im = ud;

	report(im, "%s:%d: %s", im->o->name, line, msg);
}

static int
on_record(void *ud, const struct io_record *rec)
{
	struct imp *im = ud;
	struct kith_err err = {0};
	enum kith_status rc;

	/* a record's writes are one savepoint when a bad one may be skipped;
	   otherwise a failure rolls the whole import back anyway */
	if (!im->o->skip_invalid || (rc = kdb_batch_begin(im->db, &err)) == KITH_OK) {
		switch (rec->kind) {
		case IO_REC_CONTACT:
			rc = rec->u.contact.is_org ? merge_org(im, rec, &err) :
						     merge_contact(im, rec, &err);
			break;
		case IO_REC_EVENT: rc = merge_event(im, rec, &err); break;
		case IO_REC_TODO: rc = merge_todo(im, rec, &err); break;
		}
		if (im->o->skip_invalid)
			kdb_batch_end(im->db, rc == KITH_OK, rc == KITH_OK ? &err : NULL);
		if (rc != KITH_OK)
			org_cache_clear(im);
	}
	if (++im->n % 256 == 0 && im->o->progress)
		im->o->progress(im->o->ud, rec->offset, im->total);
	if (rc == KITH_OK)
		return 0;
	if (rc == KITH_DB || rc == KITH_BUSY || rc == KITH_NOMEM || rc == KITH_IO ||
	    !im->o->skip_invalid) {
		kith_err_set(im->err, rc == KITH_DB || rc == KITH_BUSY ? rc : KITH_INVALID,
			     "%s:%d: %s", im->o->name, rec->line, err.msg[0] ? err.msg :
			     kith_status_str(rc));
		im->failed = rc == KITH_DB || rc == KITH_BUSY ? rc : KITH_INVALID;
		return 1;
	}
	im->st->errors++;
	report(im, "%s:%d: %s (skipped)", im->o->name, rec->line, err.msg);
	return 0;
}

/* The parsers by format (JSON is export only). */
static int (*const parsers[IO_FMT_COUNT_])(const char *, size_t, const struct io_sink *) = {
	[IO_FMT_VCF] = io_parse_vcard,
	[IO_FMT_CSV] = io_parse_csv,
	[IO_FMT_ICS] = io_parse_ics,
};

/* The import of buf, of format fmt, in one batch (the modes around it: io_import_buffer). */
static enum kith_status
import_run(struct kdb *db, const char *buf, size_t len, int fmt, const struct io_import_opts *o,
	   struct io_pipe *pipe, struct io_import_stats *st, struct kith_err *err)
{
	struct imp im = { .db = db, .o = o, .st = st, .err = err, .total = len };
	struct io_sink sink = { on_record, on_error, on_note, &im, on_warn };
	enum kith_status rc;
	int64_t kept_after = 0, fu_before = 0;

	if ((rc = kdb_batch_begin(db, err)))
		goto no_batch;
	if ((rc = contact_fts_defer(db, true, err)) ||
	    (rc = import_extra_last(db, &kept_after, err)) ||
	    (rc = contact_max_id(db, &im.made_above, err)) ||
	    (rc = followup_max_id(db, &fu_before, err))) {
		kdb_batch_end(db, false, NULL);
		goto no_batch;
	}
	im.fresh = im.made_above == 0;
	im.fu_fresh = fu_before == 0;
	/* pipe: the file already being read on a second thread (io_import_buffer) */
	if (pipe)
		io_pipe_finish(pipe, &sink);
	else
		parsers[fmt](buf, len, &sink);
	org_cache_clear(&im);
	free(im.orgs);
	keys_free(&im);
	if (!im.failed && (!o->dry_run || o->dry_run_in_batch) &&
	    (rc = contact_fts_defer(db, false, err)))
		im.failed = rc;
	if (!im.failed &&
	    (rc = apply_org_cards(&im, !o->dry_run || o->dry_run_in_batch, err)))
		im.failed = rc;
	/* the values kith has no column for, kept aside: the report counts them */
	if (!im.failed && (rc = import_extra_since(db, kept_after, &st->kept, err)))
		im.failed = rc;
	/* what the foreign keys did not check as it went (kdb_bulk_fk) */
	if (!im.failed && (rc = kdb_bulk_fk_check(db, err)))
		im.failed = rc;
	org_cards_free(&im);
	sb_free(&im.line);
	if (im.failed || (o->dry_run && !o->dry_run_in_batch)) {
		struct kith_err ignore;
		kdb_batch_end(db, false, &ignore);
		return im.failed;
	}
	if (o->progress)
		o->progress(o->ud, len, len);
	return kdb_batch_end(db, true, err);
no_batch:
	/* what the parser read is not wanted */
	if (pipe)
		io_pipe_finish(pipe, NULL);
	return rc;
}

/*
** The format known once, then the import run inside what makes a large one
** cheap, each only an optimisation (refused, it changes nothing): the
** rollback journal, foreign keys checked at the end for a file of contacts,
** and bulk mode (inside a caller's transaction it may be refused).
*/
enum kith_status
io_import_buffer(struct kdb *db, const char *buf, size_t len, const struct io_import_opts *o,
		 struct io_import_stats *st, struct kith_err *err)
{
	struct io_import_opts local = *o;
	int fmt = o->format;
	bool journal = len >= JOURNAL_MIN_BYTES && !o->dry_run, fk, bulk;
	struct io_pipe *pipe = NULL;
	enum kith_status rc;

	memset(st, 0, sizeof *st);
	if (!local.name)
		local.name = "input";
	if (fmt < 0)
		fmt = io_format_sniff(buf, len, local.name);
	if (fmt < 0)
		return kith_err_set(err, KITH_INVALID,
				    "%s: cannot tell the format (use --format vcf, csv or ics)",
				    local.name);
	if (fmt >= IO_FMT_COUNT_ || !parsers[fmt])
		return kith_err_set(err, KITH_INVALID, "%s: kith cannot import %s", local.name,
				    io_format_name(fmt));
	fk = fmt == IO_FMT_VCF || fmt == IO_FMT_CSV;
	/* a vCard or iCalendar file of some size is read on a second thread as
	   it is merged (while it reads, only that thread calls libical), from
	   now: its first records are ready when the database is (the modes
	   below and the import's own preparations: 30 ms of a 100,000-card
	   import, the reader's first 25 ms of checks over the whole file) */
	if ((fmt == IO_FMT_VCF || fmt == IO_FMT_ICS) && len >= PIPE_MIN_BYTES)
		pipe = io_pipe_start(parsers[fmt], buf, len, !local.skip_invalid);
	if (journal)
		kdb_bulk_journal(db, true);
	if (fk)
		kdb_bulk_fk(db, true);
	bulk = kdb_bulk_mode(db, true, NULL) == KITH_OK;
	rc = import_run(db, buf, len, fmt, &local, pipe, st, err);
	if (bulk)
		kdb_bulk_mode(db, false, NULL);
	if (fk)
		kdb_bulk_fk(db, false);
	if (journal)
		kdb_bulk_journal(db, false);
	return rc;
}

/*
** All of f, NUL-terminated; its length in *len. A regular file is read into
** a block of its size, at once, where a buffer grown 64 KB at a time copied
** it again at each doubling (a 26 MB file: 22 -> 17 ms of CPU before its
** first card is read). Anything else (a pipe, a file that grows) doubles the
** block as it goes.
*/
static char *
read_all(FILE *f, size_t *len)
{
	struct stat sbuf;
	size_t cap = 1 << 16, n = 0, got;
	char *buf;

	if (fstat(fileno(f), &sbuf) == 0 && S_ISREG(sbuf.st_mode) && sbuf.st_size > 0 &&
	    (uintmax_t)sbuf.st_size < SIZE_MAX / 2)
		cap = (size_t)sbuf.st_size + 1;     /* +1: the read that finds the end */
	buf = xmalloc(cap + 1);
	/* its pages present before the read copies into them: 26 MB, 6,300
	   faults taken one at a time otherwise */
	xprefault(buf, cap + 1);
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap)
			buf = xrealloc(buf, (cap *= 2) + 1);
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

enum kith_status
io_import_file(struct kdb *db, const char *path, const struct io_import_opts *o,
	       struct io_import_stats *st, struct kith_err *err)
{
	struct io_import_opts local = *o;
	size_t len;
	char *buf;
	FILE *f;
	enum kith_status rc;

	memset(st, 0, sizeof *st);
	if (!(f = fopen(path, "rb")))
		return kith_err_set(err, KITH_IO, "%s: %s", path, strerror(errno));
	buf = read_all(f, &len);
	if (ferror(f)) {
		fclose(f);
		free(buf);
		return kith_err_set(err, KITH_IO, "%s: read failed", path);
	}
	fclose(f);
	if (!local.name)
		local.name = path;
	rc = io_import_buffer(db, buf, len, &local, st, err);
	free(buf);
	return rc;
}

/* ", N noun what" (noun: one or many by N; "" for none); nothing if N is 0. */
static void
part(struct strbuf *sb, long n, const char *one, const char *many, const char *what)
{
	const char *noun = n == 1 ? one : many;

	if (n)
		sb_printf(sb, "%s%ld %s%s%s", sb->len ? ", " : "", n, noun, *noun ? " " : "", what);
}

/*
** The added, merged and unchanged parts of one kind of record ("to add" and
** "to merge" in a dry run). The noun is on every part, or with noun_once
** (contacts, the usual records) only on the first: "3 contacts added, 1 merged".
*/
static void
kind_parts(struct strbuf *sb, bool dry_run, const char *one, const char *many, bool noun_once,
	   long added, long merged, long unchanged)
{
	part(sb, added, one, many, dry_run ? "to add" : "added");
	if (noun_once)
		one = many = "";
	part(sb, merged, one, many, dry_run ? "to merge" : "merged");
	part(sb, unchanged, one, many, "unchanged");
}

void
io_import_summary(const struct io_import_stats *st, bool dry_run, char *out, size_t n)
{
	struct strbuf sb = {0};

	kind_parts(&sb, dry_run, "contact", "contacts", true, st->added, st->merged, st->unchanged);
	kind_parts(&sb, dry_run, "organisation", "organisations", false, st->org_added,
		   st->org_merged, st->org_unchanged);
	kind_parts(&sb, dry_run, "event", "events", false, st->ev_added, st->ev_merged,
		   st->ev_unchanged);
	kind_parts(&sb, dry_run, "follow-up", "follow-ups", false, st->fu_added, st->fu_merged,
		   st->fu_unchanged);
	part(&sb, st->possible_dups, "possible duplicate", "possible duplicates", "kept apart");
	part(&sb, st->skipped + st->errors, "", "", "skipped");
	part(&sb, st->kept, "field", "fields", dry_run ? "to keep aside" : "kept aside");
	if (!sb.len)
		sb_append(&sb, "nothing to import");
	snprintf(out, n, "%s", sb_str(&sb));
	sb_free(&sb);
}
