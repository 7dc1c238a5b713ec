/*
 * cmd_add.c: kith add contact, kith add event, kith attend.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/contact.h"
#include "kith/db.h"
#include "kith/event.h"
#include "kith/org.h"
#include "kith/types.h"
#include "kith/xalloc.h"
#include "cli.h"
#include "commands.h"

/* ---- add contact ------------------------------------------------------ */

static struct kith_channel *
channels(const struct cli_args *a, int opt)
{
	struct kith_channel *ch = a->count[opt] ? xcalloc((size_t)a->count[opt], sizeof(*ch)) : NULL;
	int i;

	for (i = 0; i < a->count[opt]; i++)
		ch[i].value = (char *)a->vals[opt][i];
	return ch;
}

static int
add_contact_write(struct cli *c, const struct cli_args *a, const struct kith_contact *ct,
		  int64_t *id)
{
	struct kith_err err = {0};
	enum kith_status st;
	const char *org = cli_opt(a, CO_ORG), *title = cli_opt(a, CO_ROLE);
	char today[KDATE_STR];
	int rc;

	if ((rc = cli_batch_begin(c)) != CLI_OK)
		return rc;
	st = contact_add(c->db, ct, id, &err);
	if (st == KITH_OK && (org || title)) {
		struct kith_role r = {0};

		if (org)
			st = org_find(c->db, org, true, &r.org_id, &err);
		kdate_format(c->today, today);
		r.contact_id = *id;
		r.title = (char *)title;
		r.start_date = today;
		if (st == KITH_OK)
			st = role_add(c->db, &r, NULL, &err);
	}
	return cli_batch_end(c, st, &err);
}

int
cli_cmd_add_contact(struct cli *c, const struct cli_args *a)
{
	struct kith_contact ct = {0};
	int64_t id = 0;
	int rc;

	ct.display_name = (char *)a->pos[0];
	ct.cadence_days = -1;
	if ((rc = cli_nonempty("NAME", a->pos[0])) != CLI_OK ||
	    (rc = cli_contact_values(a, &ct)) != CLI_OK)
		return rc;
	if ((rc = cli_db(c)) != CLI_OK)
		return rc;
	ct.emails = channels(a, CO_EMAIL);
	ct.n_emails = (size_t)a->count[CO_EMAIL];
	ct.phones = channels(a, CO_PHONE);
	ct.n_phones = (size_t)a->count[CO_PHONE];
	ct.tags = (char **)a->vals[CO_TAG];
	ct.n_tags = (size_t)a->count[CO_TAG];
	rc = add_contact_write(c, a, &ct, &id);
	cli_print_id(c, rc, "contact", id);
	free(ct.emails);
	free(ct.phones);
	return rc;
}

/* ---- add event -------------------------------------------------------- */

static bool
is_hhmm(const char *s, int *hh, int *mm)
{
	if (strlen(s) != 5 || s[2] != ':' || !strchr("012", s[0]))
		return false;
	if (s[1] < '0' || s[1] > '9' || s[3] < '0' || s[3] > '5' || s[4] < '0' || s[4] > '9')
		return false;
	*hh = (s[0] - '0') * 10 + (s[1] - '0');
	*mm = (s[3] - '0') * 10 + (s[4] - '0');
	return *hh < 24;
}

static int
event_times(const struct cli *c, const struct cli_args *a, char start[KDATETIME_STR],
	    char end[KDATETIME_STR], bool *all_day)
{
	struct kdatetime s, e;
	const char *at = cli_opt(a, AE_AT), *until = cli_opt(a, AE_UNTIL);
	int rc;

	if (!at)
		return cli_error(CLI_USAGE, "--at", "required (the start, such as \"2026-03-12 18:30\")");
	if ((rc = cli_when(c, "--at", at, &s)) != CLI_OK)
		return rc;
	kdatetime_format(s, start);
	*all_day = !s.has_time;
	end[0] = '\0';
	if (!until)
		return CLI_OK;
	if (is_hhmm(until, &e.hh, &e.mm)) {
		e.date = s.date;
		e.has_time = true;
	} else if ((rc = cli_when(c, "--until", until, &e)) != CLI_OK) {
		return rc;
	}
	kdatetime_format(e, end);
	if (strcmp(end, start) < 0)
		return cli_error(CLI_USAGE, NULL, "--until %s: before the start (%s)", until, start);
	return CLI_OK;
}

static int
add_event_write(struct cli *c, const struct kith_event *ev, const int64_t *with, int n,
		int64_t *id)
{
	struct kith_err err = {0};
	enum kith_status st;
	int i, rc;

	if ((rc = cli_batch_begin(c)) != CLI_OK)
		return rc;
	st = event_add(c->db, ev, id, &err);
	for (i = 0; st == KITH_OK && i < n; i++)
		st = attendance_set(c->db, *id, with[i], KITH_AROLE_ATTENDEE, KITH_ASTATUS_INVITED,
				    &err);
	return cli_batch_end(c, st, &err);
}

int
cli_cmd_add_event(struct cli *c, const struct cli_args *a)
{
	struct kith_event ev = {0};
	char start[KDATETIME_STR], end[KDATETIME_STR];
	int64_t id = 0, *with = NULL;
	int rc, i, n = a->count[AE_WITH];

	ev.title = (char *)a->pos[0];
	ev.kind = KITH_EVENT_OTHER;
	ev.location = (char *)cli_opt(a, AE_WHERE);
	if ((rc = cli_nonempty("TITLE", a->pos[0])) != CLI_OK ||
	    (rc = event_times(c, a, start, end, &ev.all_day)) != CLI_OK)
		return rc;
	if (cli_opt(a, AE_KIND) &&
	    (rc = cli_word("--kind", cli_opt(a, AE_KIND), kith_event_kind_parse,
			   kith_event_kind_name, KITH_EVENT_COUNT_, &ev.kind)) != CLI_OK)
		return rc;
	ev.start_at = start;
	ev.end_at = end[0] ? end : NULL;
	if ((rc = cli_db(c)) != CLI_OK)
		return rc;
	with = n ? xcalloc((size_t)n, sizeof(*with)) : NULL;
	for (i = 0; i < n && rc == CLI_OK; i++)
		rc = cli_contact(c, a->vals[AE_WITH][i], &with[i]);
	if (rc == CLI_OK)
		rc = add_event_write(c, &ev, with, n, &id);
	cli_print_id(c, rc, "event", id);
	free(with);
	return rc;
}

/* ---- attend ----------------------------------------------------------- */

int
cli_cmd_attend(struct cli *c, const struct cli_args *a)
{
	struct kith_err err = {0};
	int64_t event_id, contact_id;
	enum kith_status st;
	int status = KITH_ASTATUS_ATTENDED, role, rc;

	if (cli_opt(a, AT_STATUS) &&
	    (rc = cli_word("--status", cli_opt(a, AT_STATUS), kith_attend_status_parse,
			   kith_attend_status_name, KITH_ASTATUS_COUNT_, &status)) != CLI_OK)
		return rc;
	if ((rc = cli_event(c, a->pos[0], &event_id)) != CLI_OK ||
	    (rc = cli_contact(c, a->pos[1], &contact_id)) != CLI_OK)
		return rc;
	/* Keep the role (host, speaker) of someone already on the event. */
	st = attendance_role(c->db, event_id, contact_id, &role, &err);
	if (st == KITH_OK)
		st = attendance_set(c->db, event_id, contact_id, role, status, &err);
	return cli_status(st, &err);
}

