/*
 * cmd_capture.c: kith capture ["TEXT"] [--create] [--json].
 *
 * One capture line (grammar in kith/capture.h) is parsed, every mention
 * resolved, and the whole saved in one transaction. kith never guesses:
 * a mention matching several contacts is an error listing them, most
 * recently contacted first; one matching nobody is an error unless
 * --create makes the contact. Either way nothing of that line is written.
 *
 * With no TEXT, each line of standard input is one capture, reported
 * with its line number; a bad line is reported and the others go on.
 * Exit status: 0 if every line was saved, 2 if any was rejected, 1 on a
 * runtime error (which stops the reading).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/capture.h"
#include "kith/db.h"
#include "kith/event.h"
#include "kith/org.h"
#include "kith/types.h"
#include "kith/xalloc.h"
#include "kith/syncdb.h"
#include "cli.h"
#include "commands.h"

/* "@an: ambiguous, could be: Anh Tran (#4, last contact 2026-03-01), ..." */
static void
ambiguous_msg(struct kdb *db, struct strbuf *sb, const struct capture_mention *m,
	      const struct capture_match *cm)
{
	sb_printf(sb, "col %d: @%s: ambiguous, could be: ", m->col, m->name);
	for (int i = 0; i < cm->n_cands; i++) {
		sb_printf(sb, "%s%s (#%lld", i ? ", " : "", cm->cands[i].name,
			  (long long)kdb_ref(db, "contact", cm->cands[i].id));
		if (cm->cands[i].last_at[0])
			sb_printf(sb, ", last contact %.10s", cm->cands[i].last_at);
		sb_appendc(sb, ')');
	}
	if (cm->total > CAPTURE_MATCH_MAX)
		sb_printf(sb, " and more than %d more", CAPTURE_MATCH_MAX - cm->n_cands);
	else if (cm->total > cm->n_cands)
		sb_printf(sb, " and %d more", cm->total - cm->n_cands);
	sb_append(sb, "; type more of the name");
}

/*
** Resolve every mention of c. On failure returns the kith status with the
** message in why (nothing is written).
*/
static enum kith_status
resolve_all(struct cli *cl, const struct capture *c, bool create, struct capture_resolution *r,
	    struct strbuf *why)
{
	struct kith_err err = {0};
	enum kith_status st = KITH_OK;

	capture_resolution_init(r, c);
	for (size_t i = 0; i < r->n && st == KITH_OK; i++) {
		const struct capture_mention *m = capture_person(c, i);
		struct capture_match cm;
		if ((st = capture_match_person(cl->db, m->name, &cm, &err))) {
			sb_printf(why, "col %d: @%s: %s", m->col, m->name, err.msg);
			break;
		}
		if (cm.found == CAPTURE_ONE) {
			r->ids[i] = cm.cands[0].id;
			r->names[i] = xstrdup(cm.cands[0].name);
		} else if (cm.found == CAPTURE_AMBIGUOUS) {
			ambiguous_msg(cl->db, why, m, &cm);
			st = KITH_AMBIGUOUS;
		} else if (create) {
			/* a name to create earlier in the line, or a prefix of it, is that one */
			long same = capture_new_same(c, r->ids, i);

			r->names[i] = xstrdup(same >= 0 ? r->names[same] : m->name);
		} else {
			int64_t sid;
			char *near = NULL;

			sb_printf(why, "col %d: @%s: no such contact", m->col, m->name);
			if (capture_suggest(cl->db, m->name, &sid, &near, &err) == KITH_OK && near)
				sb_printf(why, "; did you mean %s?", near);
			sb_append(why, " (--create adds it)");
			free(near);
			st = KITH_NOTFOUND;
		}
		capture_match_free(&cm);
	}
	for (size_t i = 0; i < c->n_orgs && st == KITH_OK; i++)
		if ((st = org_resolve(cl->db, c->orgs[i].name, &r->org_ids[i], &err)))
			sb_printf(why, "col %d: ~%s: %s", c->orgs[i].col, c->orgs[i].name, err.msg);
	if (st == KITH_OK && c->event.name &&
	    (st = event_resolve(cl->db, c->event.name, &r->event_id, &err)))
		sb_printf(why, "col %d: ^%s: %s", c->event.col, c->event.name, err.msg);
	return st;
}

/* "logged with Zoë Park, Tom Ruiz; tagged housing; follow-up due 2026-03-13" */
static void
report_text(struct strbuf *sb, const struct capture *c, const struct capture_resolution *r,
	    const struct capture_saved *s)
{
	size_t slot = c->n_people;

	sb_append(sb, c->is_private ? "private note about " :
		  s->interaction_id ? "logged with " : "nothing logged; for ");
	for (size_t i = 0; i < c->n_people; i++) {
		bool dup = false;
		for (size_t j = 0; j < i; j++)
			dup |= s->person_ids[j] == s->person_ids[i];
		if (!dup)
			sb_printf(sb, "%s%s", i ? ", " : "", r->names[i]);
	}
	if (s->n_created)
		sb_printf(sb, " (%zu new contact%s)", s->n_created, s->n_created == 1 ? "" : "s");
	if (c->is_private)
		sb_printf(sb, " (p%lld, kept on this machine)", -(long long)s->interaction_id);
	if (c->exchange == KITH_XCHG_GIVE)
		sb_append(sb, "; help you gave");
	else if (c->exchange == KITH_XCHG_ASK)
		sb_append(sb, "; a favour you asked");
	for (size_t i = 0; i < c->n_tags; i++)
		sb_printf(sb, "%s%s", i ? ", " : "; tagged ", c->tags[i]);
	if (c->raised)
		sb_append(sb, c->n_tags == 1 ? "; a concern they raised" : "; concerns they raised");
	for (size_t i = 0; i < c->n_followups; i++) {
		const struct capture_followup *f = &c->followups[i];
		if (f->intro) {
			sb_printf(sb, "; introduction of %s to %s", r->names[slot], r->names[slot + 1]);
			slot += 2;
		} else if (f->direction == KITH_DIR_OWE) {
			sb_printf(sb, "; I owe, due %s", f->due);
		} else if (f->direction == KITH_DIR_OWED) {
			sb_printf(sb, "; owed to me, due %s", f->due);
		} else {
			sb_printf(sb, "; follow-up due %s", f->due);
		}
	}
}

static void
report_json(struct strbuf *sb, long line, const struct capture *c,
	    const struct capture_resolution *r, const struct capture_saved *s)
{
	sb_append(sb, "{");
	if (line > 0)
		sb_printf(sb, "\"line\": %ld, ", line);
	if (s->interaction_id) {
		sb_printf(sb, "\"ok\": true, \"interaction\": %lld, \"kind\": ",
			  (long long)s->interaction_id);
		cli_json_str(sb, kith_interaction_kind_name(c->kind));
		cli_json_field(sb, "exchange", kith_exchange_name(c->exchange));
		sb_printf(sb, ", \"private\": %s", c->is_private ? "true" : "false");
	} else {
		sb_append(sb, "\"ok\": true, \"interaction\": null, \"kind\": null, "
			  "\"exchange\": null, \"private\": false");
	}
	sb_append(sb, ", \"with\": [");
	for (size_t i = 0; i < c->n_people; i++) {
		sb_printf(sb, "%s{\"id\": %lld, \"name\": ", i ? ", " : "", (long long)s->person_ids[i]);
		cli_json_str(sb, r->names[i]);
		sb_printf(sb, ", \"created\": %s}", r->ids[i] ? "false" : "true");
	}
	sb_append(sb, "], \"tags\": [");
	for (size_t i = 0; i < c->n_tags; i++) {
		if (i)
			sb_append(sb, ", ");
		cli_json_str(sb, c->tags[i]);
	}
	sb_append(sb, "], \"followups\": [");
	for (size_t i = 0; i < c->n_followups; i++) {
		const struct capture_followup *f = &c->followups[i];
		sb_append(sb, i ? ", {\"kind\": " : "{\"kind\": ");
		cli_json_str(sb, f->intro ? "introduce" : "other");
		cli_json_field(sb, "direction", kith_direction_name(f->direction));
		cli_json_field(sb, "due", f->due);
		cli_json_field(sb, "title", f->title);
		sb_append(sb, "}");
	}
	sb_append(sb, "]}");
}

/*
** One capture line. Returns an exit status; prefix ("line 3: ") goes before
** every message of this line.
*/
static int
capture_one(struct cli *cl, const char *text, size_t len, bool create, bool json, long line)
{
	struct capture c;
	struct capture_resolution r = {0};
	struct capture_saved s;
	struct kith_err err = {0};
	struct strbuf why = {0}, out = {0}, prefix = {0}, raw = {0};
	char at[KDATETIME_STR];
	enum kith_status st;
	int rc = CLI_OK;

	if (line > 0)
		sb_printf(&prefix, "line %ld", line);
	else
		sb_append(&prefix, "capture");
	if ((st = capture_parse(text, len, cl->today, &c, &err))) {
		rc = cli_fail(st, &err, sb_str(&prefix));
		sb_free(&prefix);
		return rc;
	}
	if ((st = resolve_all(cl, &c, create, &r, &why))) {
		rc = cli_error(cli_exit_for(st), sb_str(&prefix), "%s", sb_str(&why));
		goto out;
	}
	kdatetime_format(kdate_now(), at);
	if ((st = capture_commit(cl->db, &c, r.ids, r.org_ids, r.event_id, at, &s, &err))) {
		rc = cli_fail(st, &err, sb_str(&prefix));
		goto out;
	}
	if (json) {
		report_json(&out, line, &c, &r, &s);
	} else {
		/* names come from the database: control characters shown, never sent */
		if (line > 0)
			sb_printf(&out, "line %ld: ", line);
		report_text(&raw, &c, &r, &s);
		cli_sanitize(&out, sb_str(&raw));
	}
	sb_appendc(&out, '\n');
	cli_flush(&out);
	capture_saved_free(&s);
out:
	capture_resolution_free(&r);
	capture_free(&c);
	sb_free(&why);
	sb_free(&out);
	sb_free(&raw);
	sb_free(&prefix);
	return rc;
}

/* Standard input: one capture a line; blank lines are skipped. */
static int
capture_stdin(struct cli *cl, bool create, bool json)
{
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n;
	long line = 0;
	int worst = CLI_OK;

	while ((n = getline(&buf, &cap, stdin)) >= 0) {
		int rc;
		line++;
		while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
			n--;
		buf[n] = '\0';
		if (strspn(buf, " \t") == (size_t)n)
			continue;
		rc = capture_one(cl, buf, (size_t)n, create, json, line);
		if (rc == CLI_RUNTIME) {
			worst = rc;
			break;
		}
		if (rc != CLI_OK)
			worst = CLI_USAGE;
	}
	if (ferror(stdin) && worst != CLI_RUNTIME)
		worst = cli_error(CLI_RUNTIME, "standard input", "read error");
	free(buf);
	return worst;
}

int
cli_cmd_capture(struct cli *c, const struct cli_args *a)
{
	int rc;

	if ((rc = cli_db(c)) != CLI_OK)
		return rc;
	if (a->npos == 0)
		return capture_stdin(c, cli_flag(a, CP_CREATE), cli_flag(a, CP_JSON));
	return capture_one(c, a->pos[0], strlen(a->pos[0]), cli_flag(a, CP_CREATE),
			   cli_flag(a, CP_JSON), 0);
}

