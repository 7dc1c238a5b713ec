/*
 * cmd_list.c: kith list contacts|events|follow-ups [--json].
 *
 * Listings page through the windowed list calls (keyset paging: each page
 * starts after the last id printed), so memory stays flat at any size and
 * output starts at once. Plain text is fixed columns cut by display width,
 * with control characters in visible form; --json is exact.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kith/contact.h"
#include "kith/date.h"
#include "kith/event.h"
#include "kith/io.h"
#include "kith/merge.h"
#include "kith/followup.h"
#include "kith/syncdb.h"
#include "kith/types.h"
#include "kith/xalloc.h"
#include "cli.h"
#include "commands.h"

#define PAGE 256

struct lister;

/* One page of a listing: the rows after l->last, at most page_size(l). */
typedef enum kith_status page_fn(struct cli *c, struct lister *l, struct kith_err *err);

struct lister {
	struct cli_list out;
	long long limit;        /* 0: no limit */
	int64_t last;           /* anchor for the next page */
	int page_rows;
	bool stopped;           /* a row ended the listing (the limit) between pages */
	const void *query;      /* what page_fn lists */
	int dir;                /* 1: ascending, -1: descending */
};

/* Start a row; returns the buffer to fill. */
static struct strbuf *
row_begin(struct lister *l, int64_t id)
{
	l->last = id;
	l->page_rows++;
	return cli_list_row(&l->out);
}

/* Finish a row; returns non-zero to stop at the limit. */
static int
row_end(struct lister *l)
{
	cli_list_row_end(&l->out);
	return l->limit && l->out.n >= l->limit;
}

/* A page was short, or the limit is reached: the listing is complete. */
static bool
list_done(const struct lister *l)
{
	return l->page_rows < PAGE || (l->limit && l->out.n >= l->limit);
}

static int
page_size(const struct lister *l)
{
	return l->limit && l->limit - l->out.n < PAGE ? (int)(l->limit - l->out.n) : PAGE;
}

/*
** The page function `name` of a listing: the data layer's windowed call
** list (contact_list and the like) for the page after l->last, each row
** to row (which reads the lister as its ud).
*/
#define PAGE_FN(name, list, row)                                                        \
	static enum kith_status name(struct cli *c, struct lister *l, struct kith_err *err) \
	{                                                                                  \
		return list(c->db, l->query, l->last, l->dir, page_size(l), row, l, err);  \
	}

/* Options common to every listing; others are refused by name. */
static int
list_setup(struct cli *c, const struct cli_args *a, struct lister *l, const char *what,
	   bool sort_ok, bool past_ok)
{
	int rc;

	memset(l, 0, sizeof(*l));
	l->dir = 1;
	l->out.json = cli_flag(a, LS_JSON);
	if (!sort_ok && cli_opt(a, LS_SORT))
		return cli_error(CLI_USAGE, "--sort", "not an option of list %s", what);
	if (!past_ok && cli_flag(a, LS_PAST))
		return cli_error(CLI_USAGE, "--past", "not an option of list %s", what);
	if ((rc = cli_opt_int(a, LS_LIMIT, 1, 1000000000, &l->limit)) != CLI_OK)
		return rc;
	return cli_list_open(c, &l->out);
}

/* Page through a listing from its start until it is complete. */
static enum kith_status
list_pages(struct cli *c, struct lister *l, page_fn *page, struct kith_err *err)
{
	enum kith_status st;

	l->last = 0;
	do {
		l->page_rows = 0;
		if ((st = page(c, l, err)) != KITH_OK)
			return st;
	} while (!l->stopped && !list_done(l));
	return KITH_OK;
}

/* The whole listing of what query selects, closed; or the failure reported. */
static int
list_run(struct cli *c, struct lister *l, const void *query, page_fn *page)
{
	struct kith_err err = {0};

	l->query = query;
	return cli_list_close(&l->out, list_pages(c, l, page, &err), &err, NULL, NULL);
}

/* ---- contacts --------------------------------------------------------- */

static int
contact_row(void *ud, const struct contact_row *r)
{
	struct lister *l = ud;
	struct strbuf *sb = row_begin(l, r->id);
	char tier[2] = {r->tier, 0};

	if (l->out.json) {
		sb_printf(sb, "{\"id\": %lld, \"name\": ", (long long)r->id);
		cli_json_str(sb, r->name);
		cli_json_field(sb, "organisation", r->org);
		cli_json_field(sb, "role", r->role);
		cli_json_field(sb, "tier", tier);
		cli_json_field_num(sb, "influence", r->influence, true);
		sb_printf(sb, ", \"alignment\": %d, \"last_contacted\": ", r->alignment);
		cli_json_str(sb, r->last_at);
		cli_json_field(sb, "next_follow_up", r->next_due);
		sb_appendc(sb, '}');
	} else {
		sb_printf(sb, "%-6lld  ", (long long)kdb_ref(l->out.db, "contact", r->id));
		cli_cell(sb, r->name, 22, true);
		sb_append(sb, "  ");
		cli_cell(sb, str_empty(r->org) ? "-" : r->org, 20, true);
		sb_printf(sb, "  %c %c  ", r->tier ? r->tier : '-',
			  r->influence ? '0' + r->influence : '-');
		sb_printf(sb, "%-10.10s %.10s", str_empty(r->last_at) ? "-" : r->last_at,
			  str_empty(r->next_due) ? "-" : r->next_due);
	}
	return row_end(l);
}

PAGE_FN(contacts_page, contact_list, contact_row)

int
cli_cmd_list_contacts(struct cli *c, const struct cli_args *a)
{
	struct contact_query q = {0};
	struct lister l;
	const char *sort = cli_opt(a, LS_SORT);
	int rc;

	q.sort = CONTACT_SORT_NAME;
	if (sort && !strcmp(sort, "last"))
		q.sort = CONTACT_SORT_LAST;
	else if (sort && !strcmp(sort, "influence"))
		q.sort = CONTACT_SORT_INFLUENCE;
	else if (sort && strcmp(sort, "name"))
		return cli_error(CLI_USAGE, "--sort", "\"%s\" is not one of name, last, influence",
				 sort);
	q.include_archived = cli_flag(a, LS_ALL);
	if ((rc = list_setup(c, a, &l, "contacts", true, false)) != CLI_OK)
		return rc;
	if (!l.out.json && isatty(STDOUT_FILENO))
		/* a reader needs the columns named; a pipe gets only the rows */
		printf("%-6s  %-22s  %-20s  %s %s  %-10s %s\n", "ID", "NAME", "ORGANISATION",
		       "T", "I", "LAST", "NEXT");
	return list_run(c, &l, &q, contacts_page);
}

/* ---- events ----------------------------------------------------------- */

/*
 * A recurring series that began before now is listed at its next
 * occurrence, in order with the one-off events (issue 14). Series have
 * an index of their own and are few beside the events; each is expanded
 * once per listing (a year ahead, one occurrence), at most SERIES_MAX.
 */
#define SERIES_MAX 5000

struct series {
	int64_t id;
	char next[17];
	char *title, *end, *location, *rrule, *tzid;
	int kind;
	long long attendees;
	bool all_day;
};

struct ev_lister {
	struct lister l;
	struct series *s;
	int n, i;                   /* running series, by next occurrence; the next to print */
};

/* The row of an event (r) at `when`, with its rule in words. */
static int
event_print(struct lister *l, const struct event_row *r, const char *when)
{
	struct strbuf *sb = row_begin(l, r->id);
	char utc[KDATE_UTC_STR];
	char *words = r->recurring ? io_recur_describe(r->rrule) : NULL;

	if (!kdate_local_to_utc(when, utc))
		utc[0] = '\0';
	if (l->out.json) {
		sb_printf(sb, "{\"id\": %lld, \"title\": ", (long long)r->id);
		cli_json_str(sb, r->title);
		cli_json_field(sb, "kind", kith_event_kind_name(r->kind));
		cli_json_field(sb, "start", when);
		cli_json_field(sb, "start_utc", r->all_day ? NULL : utc);
		cli_json_field(sb, "zone", r->tzid);
		cli_json_field(sb, "end", when == r->start_at ? r->end_at : NULL);
		cli_json_field(sb, "location", r->location);
		cli_json_field(sb, "repeats", words);
		sb_printf(sb, ", \"attendees\": %lld}", r->attendees);
	} else {
		bool more = !str_empty(r->location) || !str_empty(words);
		sb_printf(sb, "%-6lld  %-16.16s  ", (long long)kdb_ref(l->out.db, "event", r->id),
			  when ? when : "");
		cli_cell(sb, r->title, 30, more);
		if (!str_empty(r->location)) {
			sb_append(sb, "  ");
			cli_cell(sb, r->location, 20, !str_empty(words));
		}
		if (!str_empty(words)) {
			sb_append(sb, "  ↻ ");
			cli_cell(sb, words, 60, false);
		}
	}
	free(words);
	return row_end(l);
}

/* Print the running series due before `upto` (NULL: all of them); non-zero at the limit. */
static int
series_flush(struct ev_lister *el, const char *upto)
{
	struct lister *l = &el->l;
	int64_t last = l->last;
	int rows = l->page_rows, stop = 0;

	for (; el->i < el->n && !stop; el->i++) {
		const struct series *s = &el->s[el->i];
		struct event_row r = { s->id, s->title, s->kind, s->next, s->end, s->location,
				       s->all_day, s->attendees, true, s->rrule, s->tzid, "" };
		if (upto && strcmp(s->next, upto) > 0)
			break;
		stop = event_print(l, &r, s->next);
	}
	l->last = last;             /* the pages go on after the last one-off event */
	l->page_rows = rows;
	el->l.stopped |= stop != 0;
	return stop;
}

static int
event_row(void *ud, const struct event_row *r)
{
	struct ev_lister *el = ud;

	if (el->n && series_flush(el, r->start_at))
		return 1;
	return event_print(&el->l, r, r->start_at);
}

static int
series_cb(void *ud, const struct event_row *r)
{
	struct ev_lister *el = ud;
	struct kdatetime now = kdate_now();
	char from[KDATETIME_STR], to[KDATE_STR], next[1][17];
	struct series *s;
	int n;

	now.has_time = true;
	kdatetime_format(now, from);
	kdate_format(kdate_add_days(now.date, 366), to);
	n = !str_empty(r->tzid) && !str_empty(r->tz_start) ?
	    io_recur_expand_tz(r->tzid, r->tz_start, r->rrule, from, to, next, 1) :
	    io_recur_expand(r->start_at, r->rrule, from, to, next, 1);
	if (n != 1)
		return 0;
	el->s = xreallocarray(el->s, (size_t)el->n + 1, sizeof *el->s);
	s = &el->s[el->n++];
	s->id = r->id;
	memcpy(s->next, next[0], sizeof s->next);
	s->title = xstrdup(r->title);
	s->end = xstrdup("");
	s->location = xstrdup(r->location);
	s->rrule = xstrdup(r->rrule);
	s->tzid = xstrdup(r->tzid);
	s->kind = r->kind;
	s->attendees = r->attendees;
	s->all_day = r->all_day;
	return 0;
}

static int
series_cmp(const void *a, const void *b)
{
	const struct series *x = a, *y = b;
	int c = strcmp(x->next, y->next);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

static void
series_free(struct ev_lister *el)
{
	for (int i = 0; i < el->n; i++) {
		free(el->s[i].title);
		free(el->s[i].end);
		free(el->s[i].location);
		free(el->s[i].rrule);
		free(el->s[i].tzid);
	}
	free(el->s);
}

/* l is the first member of its ev_lister, which event_row reads */
PAGE_FN(events_page, event_list, event_row)

/* One direction of the event list until done: past (dir < 0: oldest first) or upcoming. */
static enum kith_status
events_pages(struct cli *c, struct ev_lister *el, bool past, int dir, struct kith_err *err)
{
	struct event_query q = {0};

	q.past = past;
	el->l.query = &q;
	el->l.dir = dir;
	return list_pages(c, &el->l, events_page, err);
}

int
cli_cmd_list_events(struct cli *c, const struct cli_args *a)
{
	struct kith_err err = {0};
	struct ev_lister el = {0};
	struct lister *l = &el.l;
	enum kith_status st = KITH_OK;
	int rc;

	if (cli_flag(a, LS_PAST) && cli_flag(a, LS_ALL))
		return cli_error(CLI_USAGE, "--past", "cannot be used with --all");
	if ((rc = list_setup(c, a, l, "events", false, true)) != CLI_OK)
		return rc;
	if (cli_flag(a, LS_ALL)) {
		st = events_pages(c, &el, true, -1, &err);
		if (st == KITH_OK && !(l->limit && l->out.n >= l->limit))
			st = events_pages(c, &el, false, 1, &err);
	} else if (cli_flag(a, LS_PAST)) {
		st = events_pages(c, &el, true, 1, &err);
	} else {
		struct kdatetime now = kdate_now();
		char from[KDATETIME_STR];
		now.has_time = true;
		kdatetime_format(now, from);
		st = event_series_list(c->db, from, SERIES_MAX, series_cb, &el, &err);
		if (el.n > 1)
			qsort(el.s, (size_t)el.n, sizeof *el.s, series_cmp);
		if (st == KITH_OK)
			st = events_pages(c, &el, false, 1, &err);
		if (st == KITH_OK && !el.l.stopped)
			series_flush(&el, NULL);
	}
	series_free(&el);
	return cli_list_close(&l->out, st, &err, NULL, NULL);
}

/* ---- follow-ups ------------------------------------------------------- */

static int
followup_row(void *ud, const struct followup_row *r)
{
	struct lister *l = ud;
	struct strbuf *sb = row_begin(l, r->id);

	if (l->out.json) {
		sb_printf(sb, "{\"id\": %lld, \"contact_id\": ", (long long)r->id);
		cli_json_num(sb, r->contact_id, true);
		cli_json_field(sb, "contact", r->contact_name);
		cli_json_field(sb, "title", r->title);
		cli_json_field(sb, "kind", kith_followup_kind_name(r->kind));
		cli_json_field(sb, "due", r->due);
		cli_json_field(sb, "status", kith_followup_status_name(r->status));
		cli_json_field(sb, "direction", kith_direction_name(r->direction));
		sb_printf(sb, ", \"priority\": %d}", r->priority);
	} else {
		sb_printf(sb, "%-6lld  %-10.10s  %-4s  ", (long long)kdb_ref(l->out.db, "followup", r->id),
			  str_empty(r->due) ? "-" : r->due,
			  r->direction == KITH_DIR_NONE ? "-" : kith_direction_name(r->direction));
		cli_cell(sb, str_empty(r->contact_name) ? "-" : r->contact_name, 18, true);
		sb_append(sb, "  ");
		if (r->status != KITH_FSTATUS_OPEN)
			sb_printf(sb, "[%s] ", kith_followup_status_name(r->status));
		cli_cell(sb, r->title, 33, false);
	}
	return row_end(l);
}

PAGE_FN(followups_page, followup_list, followup_row)

int
cli_cmd_list_followups(struct cli *c, const struct cli_args *a)
{
	struct followup_query q = { .include_done = cli_flag(a, LS_ALL) };
	struct lister l;
	int rc = list_setup(c, a, &l, "follow-ups", false, false);

	return rc != CLI_OK ? rc : list_run(c, &l, &q, followups_page);
}

