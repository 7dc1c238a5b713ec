/*
 * io.h: import and export of vCard, CSV, iCalendar (and JSON out).
 *
 * Two halves:
 *
 * Parsers (pure, no database): io_parse_vcard/csv/ics read a buffer of
 * `len` bytes (any encoding the format allows: UTF-8 with or without a BOM,
 * UTF-16 with or without a BOM, Latin-1/cp1252 text) and hand each record
 * to a sink as it is read, so a 100,000-card file is never held parsed in
 * memory. A malformed record is reported to the sink's error callback with
 * its line; the callback says whether to go on (the parser then resumes at
 * the next record) or stop. These are the functions a fuzzer drives.
 *
 * Import and export (database): io_import_buffer merges a parsed file into
 * the database in ONE transaction (see import.c for the merge rules);
 * io_export writes the database in a format, streamed through windowed
 * queries.
 */
#ifndef KITH_IO_H
#define KITH_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "kith/contact.h"
#include "kith/event.h"
#include "kith/followup.h"
#include "kith/status.h"

struct kdb;
struct io_block;

/*
** The formats. Adding one is a line here (C name, word) and a case in the
** import or export dispatch tables (import.c, export.c). The first three
** are read and written; JSON, SVG and DOT only written (SVG and DOT are a
** power map's pictures: `kith export --format svg --map NAME`).
*/
#define KITH_IO_FORMATS(_) \
	_(VCF, "vcf") _(CSV, "csv") _(ICS, "ics") _(JSON, "json") _(SVG, "svg") _(DOT, "dot")
#define IO_FMT_READABLE(f) ((f) >= 0 && (f) <= IO_FMT_ICS)

enum io_format {
#define IO_FMT_ENUM(n, w) IO_FMT_##n,
	KITH_IO_FORMATS(IO_FMT_ENUM)
#undef IO_FMT_ENUM
	IO_FMT_COUNT_
};
const char *io_format_name(int f);
int io_format_parse(const char *word);      /* -1 if unknown */
/*
** The format of a file: by content first (BEGIN:VCARD, BEGIN:VCALENDAR /
** VEVENT / VTODO), then by the name's extension (.vcf .vcard .ics .ical
** .ifb .csv .txt); -1 if neither tells.
*/
int io_format_sniff(const char *buf, size_t len, const char *name);

/* A field kith has no column for, kept in the side table (import_extra). */
struct io_extra {
	char *name, *value;
};

struct io_contact_rec {
	struct kith_contact c;
	char *org, *title;          /* current organisation and position, or NULL */
	char *seat;                 /* without org: a seat ("District 3"), or NULL */
	struct io_extra *extras;
	size_t n_extras;
	/*
	** An organisation's own card (vCard KIND:org, X-ABShowAs:COMPANY, or an
	** ORG with no person's name), not a person: org names it, c.notes is its
	** description, c.influence its influence, org_kind and org_parent its
	** kind and parent (kith's X-KITH-ORG-KIND, X-KITH-ORG-PARENT), and the
	** rest (channels, address) is kept as extras.
	*/
	bool is_org;
	char *org_kind, *org_parent;
	/*
	** NULL: each string and array above is its own allocation. Else every
	** one of them is in these blocks, made by the parser (the vCard
	** reader) and freed with them by io_record_clear.
	*/
	struct io_block *mem;
	/*
	** Worked out by the parser with the record (the vCard reader, on its
	** own thread when piped), so that the merging thread does only SQL:
	** keys.mem is NULL when it did not (the merge then works them out).
	** seen (NULL: not said): for each email, then each phone, then the
	** name without its honorific, then the UID if it has one, whether an
	** earlier person's record of the file, or an earlier value of this
	** one, had its key. A parser says it for every record of a file or
	** for none.
	*/
	struct contact_keys keys;
	const bool *seen;
};

struct io_attendee {
	char *email, *name;         /* email lower-cased; either may be NULL */
	int status;                 /* enum kith_attend_status */
	int role;                   /* enum kith_attend_role */
};

struct io_event_rec {
	struct kith_event e;        /* times local: "YYYY-MM-DD HH:MM" or "YYYY-MM-DD" */
	struct io_attendee *att;
	size_t n_att;
	struct io_extra *extras;
	size_t n_extras;
};

struct io_todo_rec {
	struct kith_followup f;
	char *uid;
	struct io_extra *extras;
	size_t n_extras;
};

enum io_rec_kind { IO_REC_CONTACT, IO_REC_EVENT, IO_REC_TODO };

struct io_record {
	enum io_rec_kind kind;
	int line;                   /* first line of the record in the file */
	size_t offset;              /* byte offset after it (progress) */
	const char *source;         /* "vcard", "csv:linkedin", "ics", ... */
	union {
		struct io_contact_rec contact;
		struct io_event_rec event;
		struct io_todo_rec todo;
	} u;
};

/*
** Where a parser sends what it reads. record() gets each record (owned by
** the parser, valid during the call); error() gets a malformed one (line,
** what is wrong). Each returns 0 to go on, non-zero to stop the parse.
** note() (may be NULL) gets records skipped for a reason that is not an
** error ("no name, email or phone").
*/
struct io_sink {
	int (*record)(void *ud, const struct io_record *r);
	int (*error)(void *ud, int line, const char *msg);
	void (*note)(void *ud, int line, const char *msg);
	void *ud;
	/*
	** (may be NULL) something about a record that is imported all the
	** same, for the report: "RRULE ...: libical rejects it; imported as
	** one event, the rule kept aside". Called before record().
	*/
	void (*warn)(void *ud, int line, const char *msg);
};

/* Each returns 0 when it read the whole buffer, non-zero if a callback stopped it. */
int io_parse_vcard(const char *buf, size_t len, const struct io_sink *sink);
int io_parse_csv(const char *buf, size_t len, const struct io_sink *sink);
int io_parse_ics(const char *buf, size_t len, const struct io_sink *sink);
/* The same with every event and to-do read by libical (the reference its quick reader is
   tested against). */
int io_parse_ics_libical(const char *buf, size_t len, const struct io_sink *sink);
/*
** parse(buf, len, sink) on a second thread, its records, errors, notes and
** warnings given to sink on this one, in the parser's order (src/io/pipe.c):
** the sink sees what a direct call shows it, and a callback's stop stops
** the parser. stop_on_error: what sink->error returns (the parser's thread
** stops at once). For parsers that share no state with what the sink does
** on the caller's thread (the vCard and iCalendar readers: see pipe.c).
*/
int io_parse_piped(int (*parse)(const char *, size_t, const struct io_sink *), const char *buf,
		   size_t len, const struct io_sink *sink, bool stop_on_error);
/*
** The same in two steps, so that the parser starts before the sink is
** ready (an import's database work before its first record): io_pipe_start
** runs parse(buf, len) on its thread (NULL if it cannot: call parse
** directly then); io_pipe_finish gives what it finds to sink as above,
** joins the thread and frees the pipe. With sink NULL it stops the parser
** and throws away what it read.
*/
struct io_pipe;
struct io_pipe *io_pipe_start(int (*parse)(const char *, size_t, const struct io_sink *),
			      const char *buf, size_t len, bool stop_on_error);
int io_pipe_finish(struct io_pipe *p, const struct io_sink *sink);

/* ---- import ---------------------------------------------------------------- */

struct io_import_opts {
	int format;                 /* enum io_format, or -1: sniff */
	bool dry_run;               /* do everything, report, then roll back */
	bool skip_invalid;          /* report bad records and import the rest */
	/*
	** With dry_run: leave the changes in place for the caller, whose own
	** batch rolls them back (a dry run of several files in one go).
	*/
	bool dry_run_in_batch;
	const char *name;           /* the file's name in messages */
	/* Each line of the report (dry-run actions, skipped records); may be NULL. */
	void (*report)(void *ud, const char *line);
	/* Called every few hundred records with bytes read so far and total; may be NULL. */
	void (*progress)(void *ud, size_t done, size_t total);
	void *ud;
};

struct io_import_stats {
	long added, merged, unchanged;            /* contacts */
	long org_added, org_merged, org_unchanged; /* organisations' own cards */
	long ev_added, ev_merged, ev_unchanged;   /* events */
	long fu_added, fu_merged, fu_unchanged;   /* follow-ups */
	long possible_dups;         /* contacts added beside one they may be (reported) */
	long skipped;               /* records with nothing to import them by */
	long errors;                /* malformed records (skipped with skip_invalid) */
	long kept;                  /* values kept aside, in import_extra (new ones) */
};

/*
** Import buf into db in one transaction. A malformed record without
** skip_invalid: nothing changes and err says "NAME:LINE: what"
** (KITH_INVALID). With dry_run the transaction is rolled back after the
** report is made.
*/
enum kith_status io_import_buffer(struct kdb *db, const char *buf, size_t len,
				  const struct io_import_opts *o, struct io_import_stats *st,
				  struct kith_err *err);
/* Read the file at path and import it (o->name defaults to path). */
enum kith_status io_import_file(struct kdb *db, const char *path,
				const struct io_import_opts *o, struct io_import_stats *st,
				struct kith_err *err);
/* "3 contacts added, 1 merged, ..." for the stats (only the non-zero parts). */
void io_import_summary(const struct io_import_stats *st, bool dry_run, char *out, size_t n);

/* ---- export ---------------------------------------------------------------- */

struct io_export_opts {
	int format;                 /* enum io_format */
	int vcard_version;          /* 40 (default) or 30 */
	/*
	** Only these contacts (ascending ids, n_ids of them; vcf and csv only,
	** no organisation cards): the planner's export of marked rows. NULL:
	** everything.
	*/
	const int64_t *ids;
	size_t n_ids;
};

/* Write the whole database to f in o->format, in windows (constant memory). */
enum kith_status io_export(struct kdb *db, FILE *f, const struct io_export_opts *o,
			   struct kith_err *err);

/* ---- recurrence ------------------------------------------------------------ */

/*
** Occurrences of a recurring event (start "YYYY-MM-DD[ HH:MM]", rrule as
** stored: "FREQ=...[\nEXDATE:...]") that start in [from, to) (dates or
** times as stored), at most max, in order, written as "YYYY-MM-DD[ HH:MM]"
** into out[i] (17 bytes each). Returns how many, or -1 if the rule cannot
** be read. Uses libical's recurrence iterator.
*/
int io_recur_expand(const char *start, const char *rrule, const char *from, const char *to,
		    char (*out)[17], int max);
/*
** The same for an event with a time zone (issue 14): start is its wall-clock
** start in tzid (kith_event.tz_start) and its EXDATEs are in tzid; the rule
** is expanded there by libical, and from, to and the occurrences are in the
** user's zone. With tzid NULL or a zone libical does not know, the series is
** expanded in the user's zone (io_recur_expand).
*/
/*
** A stored rule in words, newly allocated: "every 2nd Tuesday, 6 times, not
** 12 Jan" (src/io/recur_text.c). A rule it has no words for comes back as
** written (without its EXDATEs); "" for none.
*/
char *io_recur_describe(const char *rrule);
/*
** For the iCalendar export: the VTIMEZONE component (CRLF lines, TZID:tzid)
** of a zone in libical's built-in database, newly allocated; NULL for UTC
** and for a zone it does not know. io_ics_zone_known: libical knows tzid;
** io_ics_zone_is_utc: tzid is UTC (its times are written with "Z").
*/
char *io_ics_vtimezone(const char *tzid);
bool io_ics_zone_known(const char *tzid);
bool io_ics_zone_is_utc(const char *tzid);
int io_recur_expand_tz(const char *tzid, const char *start, const char *rrule, const char *from,
		       const char *to, char (*out)[17], int max);

#endif
