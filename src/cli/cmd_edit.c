/*
 * cmd_edit.c: kith edit contact|event|follow-up, kith delete
 * contact|event|follow-up|interaction: the command line changes and
 * removes what it adds (issue 17). Each command is one transaction: it
 * all happens or nothing does. A field given replaces that field; lists
 * given (--email, --phone) replace the list, --add-email and --add-phone
 * append, --tag and --untag add and remove single tags.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "kith/contact.h"
#include "kith/db.h"
#include "kith/event.h"
#include "kith/followup.h"
#include "kith/interaction.h"
#include "kith/org.h"
#include "kith/types.h"
#include "kith/syncdb.h"
#include "kith/xalloc.h"
#include "cli.h"
#include "commands.h"

/* An edit given none of its options would change nothing: a usage error. */
static int
edit_needs_change(const struct cli_args *a)
{
	char what[32];

	for (int i = 0; a->cmd->opts[i].name; i++)
		if (a->count[i])
			return CLI_OK;
	snprintf(what, sizeof what, "%s %s", a->cmd->name, a->cmd->sub);
	return cli_error(CLI_USAGE, what, "nothing to change (see kith help %s)", what);
}

/* ---- edit contact -------------------------------------------------------- */

/* Replace (opt_set given) and/or extend (opt_add) a list of channels. */
static void
edit_channels(const struct cli_args *a, int opt_set, int opt_add, struct kith_channel **ch,
	      size_t *n)
{
	size_t i;

	if (a->count[opt_set]) {
		for (i = 0; i < *n; i++) {
			free((*ch)[i].label);
			free((*ch)[i].value);
		}
		*n = 0;
	}
	if (!a->count[opt_set] && !a->count[opt_add])
		return;
	*ch = xrealloc(*ch, (*n + (size_t)a->count[opt_set] + (size_t)a->count[opt_add] + 1) *
			    sizeof(**ch));
	for (int k = 0; k < a->count[opt_set]; k++)
		(*ch)[(*n)++] = (struct kith_channel){ NULL, xstrdup(a->vals[opt_set][k]) };
	for (int k = 0; k < a->count[opt_add]; k++)
		(*ch)[(*n)++] = (struct kith_channel){ NULL, xstrdup(a->vals[opt_add][k]) };
}

static int
edit_tags(const struct cli_args *a, struct kith_contact *ct)
{
	size_t i, j;

	for (int k = 0; k < a->count[EC_UNTAG]; k++) {
		const char *t = a->vals[EC_UNTAG][k];

		for (i = 0; i < ct->n_tags && strcasecmp(ct->tags[i], t); i++)
			;
		if (i == ct->n_tags)
			return cli_error(CLI_USAGE, "--untag", "%s is not tagged \"%s\"",
					 ct->display_name, t);
		free(ct->tags[i]);
		for (j = i + 1; j < ct->n_tags; j++)
			ct->tags[j - 1] = ct->tags[j];
		ct->n_tags--;
	}
	for (int k = 0; k < a->count[CO_TAG]; k++) {
		const char *t = a->vals[CO_TAG][k];

		for (i = 0; i < ct->n_tags && strcasecmp(ct->tags[i], t); i++)
			;
		if (i < ct->n_tags)
			continue;
		ct->tags = xrealloc(ct->tags, (ct->n_tags + 1) * sizeof(*ct->tags));
		ct->tags[ct->n_tags++] = xstrdup(t);
	}
	return CLI_OK;
}

/* The current roles of a contact (no end date), up to ROLES_MAX. */
#define ROLES_MAX 16
struct current_roles {
	int n;
	int64_t id[ROLES_MAX], org_id[ROLES_MAX];
	char *org[ROLES_MAX], *title[ROLES_MAX], *start[ROLES_MAX], *seat[ROLES_MAX];
};

static int
current_role(void *ud, const struct role_row *r)
{
	struct current_roles *cr = ud;

	if (!str_empty(r->end_date) || cr->n == ROLES_MAX)
		return 0;
	cr->id[cr->n] = r->id;
	cr->org_id[cr->n] = r->org_id;
	cr->org[cr->n] = xstrdup(r->org_name);
	cr->title[cr->n] = xstrdup(r->title ? r->title : "");
	cr->start[cr->n] = xstrdup(r->start_date ? r->start_date : "");
	cr->seat[cr->n] = r->seat && r->seat[0] ? xstrdup(r->seat) : NULL;
	cr->n++;
	return 0;
}

static void
current_roles_free(struct current_roles *cr)
{
	for (int i = 0; i < cr->n; i++) {
		free(cr->org[i]);
		free(cr->title[i]);
		free(cr->start[i]);
		free(cr->seat[i]);
	}
	cr->n = 0;
}

/* Rewrite role i of cr with a new title and/or an end date. */
static enum kith_status
role_rewrite(struct cli *c, int64_t contact_id, const struct current_roles *cr, int i,
	     const char *title, const char *end, struct kith_err *err)
{
	struct kith_role r = {0};

	r.id = cr->id[i];
	r.contact_id = contact_id;
	r.org_id = cr->org_id[i];
	r.seat = cr->seat[i];
	r.title = (char *)title;
	r.start_date = cr->start[i][0] ? cr->start[i] : NULL;
	r.end_date = (char *)end;
	return role_update(c->db, &r, err);
}

/*
** --org O: the contact moved. Their current roles elsewhere end today (each
** said on stdout) and a role at O (with --role's title) starts, unless they
** already hold one there. --role alone retitles their one current role.
*/
static int
edit_role(struct cli *c, const struct cli_args *a, const struct kith_contact *ct)
{
	const char *org = cli_opt(a, CO_ORG), *title = cli_opt(a, CO_ROLE);
	struct current_roles cr = { .n = 0 };
	struct kith_err err = {0};
	enum kith_status st;
	char today[KDATE_STR];
	int64_t org_id = 0;
	int i, here = -1, rc = CLI_OK;

	if (!org && !title)
		return CLI_OK;
	kdate_format(c->today, today);
	if ((st = role_list_for_contact(c->db, ct->id, current_role, &cr, &err)) != KITH_OK)
		return cli_fail(st, &err, NULL);
	if (org && (st = org_find(c->db, org, true, &org_id, &err)) != KITH_OK) {
		rc = cli_fail(st, &err, NULL);
		goto out;
	}
	for (i = 0; i < cr.n; i++)
		if (org ? cr.org_id[i] == org_id : true)
			here = here < 0 ? i : (org ? here : -2);
	if (!org && here < 0) {
		rc = cli_error(CLI_USAGE, "--role", here == -1 ?
			       "%s has no current role; give --org too" :
			       "%s has several current roles; give --org too", ct->display_name);
		goto out;
	}
	if (here >= 0) {
		if (title && strcmp(title, cr.title[here]) &&
		    (st = role_rewrite(c, ct->id, &cr, here, title, NULL, &err)) != KITH_OK)
			rc = cli_fail(st, &err, NULL);
		goto out;
	}
	for (i = 0; i < cr.n; i++) {
		if ((st = role_rewrite(c, ct->id, &cr, i, cr.title[i], today, &err)) != KITH_OK) {
			rc = cli_fail(st, &err, NULL);
			goto out;
		}
		printf("ended: %s%s%s, %s\n", cr.title[i], cr.title[i][0] ? " at " : "",
		       cr.org[i][0] ? cr.org[i] : "(no organisation)", today);
	}
	{
		struct kith_role r = {0};

		r.contact_id = ct->id;
		r.org_id = org_id;
		r.title = (char *)title;
		r.start_date = today;
		if ((st = role_add(c->db, &r, NULL, &err)) != KITH_OK)
			rc = cli_fail(st, &err, NULL);
	}
out:
	current_roles_free(&cr);
	return rc;
}

/* --at-most: DAYS, or weekly, monthly, quarterly, yearly; 0 or none: no rhythm. */
static int
at_most_days(const char *s, int *days)
{
	static const struct { const char *word; int days; } words[] = {
		{ "none", 0 }, { "weekly", 7 }, { "monthly", 30 }, { "quarterly", 91 },
		{ "yearly", 365 },
	};
	long long v;
	int rc;

	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (!strcmp(s, words[i].word)) {
			*days = words[i].days;
			return CLI_OK;
		}
	if (strspn(s, "0123456789") != strlen(s) || !*s)
		return cli_error(CLI_USAGE, "--at-most", "\"%s\": a number of days, or weekly, "
				 "monthly, quarterly, yearly, none", s);
	if ((rc = cli_int("--at-most", s, 0, 3650, &v)) != CLI_OK)
		return rc;
	*days = (int)v;
	return CLI_OK;
}

int
cli_cmd_edit_contact(struct cli *c, const struct cli_args *a)
{
	struct kith_contact ct = {0};
	struct kith_err err = {0};
	enum kith_status st;
	const char *name = cli_opt(a, EC_NAME);
	int64_t id;
	int rc, at_most = -1;

	if ((rc = edit_needs_change(a)) != CLI_OK)
		return rc;
	if (name && (rc = cli_nonempty("--name", name)) != CLI_OK)
		return rc;
	if (cli_opt(a, EC_AT_MOST) &&
	    (rc = at_most_days(cli_opt(a, EC_AT_MOST), &at_most)) != CLI_OK)
		return rc;
	if ((rc = cli_contact_values(a, &ct)) != CLI_OK)
		return rc;
	if ((rc = cli_contact(c, a->pos[0], &id)) != CLI_OK)
		return rc;
	if ((rc = cli_batch_begin(c)) != CLI_OK)
		return rc;
	if ((st = contact_get(c->db, id, &ct, &err)) != KITH_OK)
		return cli_batch_abort(c, st, &err);
	/* read again over what the database holds */
	if ((rc = cli_contact_values(a, &ct)) != CLI_OK)
		goto fail;
	if (name)
		str_set(&ct.display_name, name);
	edit_channels(a, CO_EMAIL, EC_ADD_EMAIL, &ct.emails, &ct.n_emails);
	edit_channels(a, CO_PHONE, EC_ADD_PHONE, &ct.phones, &ct.n_phones);
	if ((rc = edit_tags(a, &ct)) != CLI_OK)
		goto fail;
	if ((st = contact_update(c->db, &ct, &err)) != KITH_OK) {
		rc = cli_fail(st, &err, NULL);
		goto fail;
	}
	if ((rc = edit_role(c, a, &ct)) != CLI_OK)
		goto fail;
	if (at_most >= 0 && (st = contact_set_rhythm(c->db, id, at_most, &err)) != KITH_OK) {
		rc = cli_fail(st, &err, NULL);
		goto fail;
	}
	contact_free(&ct);
	return cli_batch_commit(c);
fail:
	kdb_batch_end(c->db, false, NULL);
	contact_free(&ct);
	return rc;
}

/* ---- edit event ---------------------------------------------------------- */

/* A WHEN option as stored ("YYYY-MM-DD HH:MM", or the date alone). */
static int
when_text(struct cli *c, const char *what, const char *s, char out[KDATETIME_STR], bool *all_day)
{
	struct kdatetime t;
	int rc = cli_when(c, what, s, &t);

	if (rc == CLI_OK) {
		kdatetime_format(t, out);
		if (all_day)
			*all_day = !t.has_time;
	}
	return rc;
}

int
cli_cmd_edit_event(struct cli *c, const struct cli_args *a)
{
	struct kith_event ev = {0};
	struct kith_err err = {0};
	enum kith_status st;
	char start[KDATETIME_STR], end[KDATETIME_STR];
	bool all_day = false;
	int64_t id;
	int kind = -1, rc;

	if ((rc = edit_needs_change(a)) != CLI_OK)
		return rc;
	if (cli_opt(a, EE_TITLE) && (rc = cli_nonempty("--title", cli_opt(a, EE_TITLE))) != CLI_OK)
		return rc;
	if (cli_opt(a, EE_KIND) &&
	    (rc = cli_word("--kind", cli_opt(a, EE_KIND), kith_event_kind_parse,
			   kith_event_kind_name, KITH_EVENT_COUNT_, &kind)) != CLI_OK)
		return rc;
	if (cli_opt(a, EE_AT) && (rc = when_text(c, "--at", cli_opt(a, EE_AT), start, &all_day)))
		return rc;
	if (cli_opt(a, EE_UNTIL) && (rc = when_text(c, "--until", cli_opt(a, EE_UNTIL), end, NULL)))
		return rc;
	if ((rc = cli_event(c, a->pos[0], &id)) != CLI_OK)
		return rc;
	if ((st = event_get(c->db, id, &ev, &err)) != KITH_OK)
		return cli_fail(st, &err, NULL);
	if (cli_opt(a, EE_TITLE))
		str_set(&ev.title, cli_opt(a, EE_TITLE));
	if (cli_opt(a, EE_WHERE))
		str_set(&ev.location, str_empty(cli_opt(a, EE_WHERE)) ? NULL : cli_opt(a, EE_WHERE));
	if (kind >= 0)
		ev.kind = kind;
	if (cli_opt(a, EE_AT)) {
		/* a new start in the user's zone (kith/event.h: tz_start moves with it) */
		str_set(&ev.start_at, start);
		ev.all_day = all_day;
	}
	if (cli_opt(a, EE_UNTIL))
		str_set(&ev.end_at, end);
	st = event_update(c->db, &ev, &err);
	event_free(&ev);
	return cli_status(st, &err);
}

/* ---- edit follow-up ------------------------------------------------------ */

int
cli_cmd_edit_followup(struct cli *c, const struct cli_args *a)
{
	struct kith_followup fu = {0};
	struct kith_err err = {0};
	char due_s[KDATE_STR];
	enum kith_status st;
	int64_t id, who = 0;
	int rc;

	if ((rc = cli_id("ID", a->pos[0], &id)) != CLI_OK || (rc = edit_needs_change(a)) != CLI_OK)
		return rc;
	if (cli_opt(a, EF_TITLE) && (rc = cli_nonempty("--title", cli_opt(a, EF_TITLE))) != CLI_OK)
		return rc;
	if (cli_opt(a, EF_DUE) && !str_empty(cli_opt(a, EF_DUE)) &&
	    (rc = cli_date_opt(c, "--due", cli_opt(a, EF_DUE), due_s)) != CLI_OK)
		return rc;
	if ((rc = cli_key(c, "followup", &id)) != CLI_OK)
		return rc;
	if (cli_opt(a, EF_CONTACT) && (rc = cli_contact(c, cli_opt(a, EF_CONTACT), &who)) != CLI_OK)
		return rc;
	if ((st = followup_get(c->db, id, &fu, &err)) != KITH_OK)
		return cli_fail(st, &err, NULL);
	if (cli_opt(a, EF_TITLE))
		str_set(&fu.title, cli_opt(a, EF_TITLE));
	if (cli_opt(a, EF_DUE))
		str_set(&fu.due, str_empty(cli_opt(a, EF_DUE)) ? NULL : due_s);
	if (who)
		fu.contact_id = who;
	st = followup_update(c->db, &fu, &err);
	followup_free(&fu);
	return cli_status(st, &err);
}

/* ---- delete -------------------------------------------------------------- */

/* What a delete names, read before it asks. */
static int
delete_label(struct cli *c, const char *kind, int64_t id, struct strbuf *sb)
{
	struct kith_err err = {0};
	enum kith_status st = KITH_OK;

	if (!strcmp(kind, "contact")) {
		struct kith_contact x = {0};

		if ((st = contact_get(c->db, id, &x, &err)) == KITH_OK)
			sb_printf(sb, "contact #%lld %s (with their interactions' links, follow-ups, "
				  "roles and map places)", (long long)kdb_ref(c->db, "contact", id),
				  x.display_name);
		contact_free(&x);
	} else if (!strcmp(kind, "event")) {
		struct kith_event x = {0};

		if ((st = event_get(c->db, id, &x, &err)) == KITH_OK)
			sb_printf(sb, "event #%lld %s, %s", (long long)kdb_ref(c->db, "event", id), x.title,
				  x.start_at);
		event_free(&x);
	} else if (!strcmp(kind, "follow-up")) {
		struct kith_followup x = {0};

		if ((st = followup_get(c->db, id, &x, &err)) == KITH_OK)
			sb_printf(sb, "follow-up #%lld %s", (long long)kdb_ref(c->db, "followup", id),
				  x.title);
		followup_free(&x);
	} else {
		struct kith_interaction x = {0};

		if ((st = interaction_get(c->db, id, &x, &err)) == KITH_OK && x.is_private)
			sb_printf(sb, "private note p%lld %s, %s", -(long long)id, x.at, x.summary);
		else if (st == KITH_OK)
			sb_printf(sb, "interaction #%lld %s, %s",
				  (long long)kdb_ref(c->db, "interaction", id), x.at, x.summary);
		interaction_free(&x);
	}
	return cli_status(st, &err);
}

static int
run_delete(struct cli *c, const struct cli_args *a, const char *kind)
{
	struct strbuf label = {0};
	struct kith_err err = {0};
	enum kith_status st;
	int64_t id;
	int rc;

	if ((rc = cli_db(c)) != CLI_OK)
		return rc;
	if (!strcmp(kind, "contact"))
		rc = cli_contact(c, a->pos[0], &id);
	else if (!strcmp(kind, "event"))
		rc = cli_event(c, a->pos[0], &id);
	else if (!strcmp(kind, "interaction") && (a->pos[0][0] == 'p' || a->pos[0][0] == 'P')) {
		/* a private note: pN (kith/interaction.h: its id is -N) */
		rc = cli_id("ID", a->pos[0] + 1, &id);
		id = -id;
	} else if ((rc = cli_id("ID", a->pos[0], &id)) == CLI_OK)
		id = kdb_key(c->db, strcmp(kind, "follow-up") ? kind : "followup", id);
	if (rc != CLI_OK)
		return rc;
	if ((rc = delete_label(c, kind, id, &label)) != CLI_OK ||
	    (rc = cli_confirm_delete(cli_flag(a, CLI_OPT_YES), sb_str(&label))) != CLI_OK) {
		sb_free(&label);
		return rc;
	}
	if (!strcmp(kind, "contact"))
		st = contact_delete(c->db, id, &err);
	else if (!strcmp(kind, "event"))
		st = event_delete(c->db, id, &err);
	else if (!strcmp(kind, "follow-up"))
		st = followup_delete(c->db, id, &err);
	else
		st = interaction_delete(c->db, id, &err);
	if (st == KITH_OK)
		printf("deleted %s\n", sb_str(&label));
	sb_free(&label);
	return cli_status(st, &err);
}

/* kith delete contact|event|follow-up|interaction (commands.c declares them) */
#define DELETE_CMD(var, word)                                                   \
	int cli_cmd_delete_##var(struct cli *c, const struct cli_args *a)          \
	{                                                                       \
		return run_delete(c, a, word);                                  \
	}

DELETE_CMD(contact, "contact")
DELETE_CMD(event, "event")
DELETE_CMD(followup, "follow-up")
DELETE_CMD(interaction, "interaction")
