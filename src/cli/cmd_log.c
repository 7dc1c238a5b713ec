/*
 * cmd_log.c: kith log, kith follow-up add|done|snooze, kith me.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/contact.h"
#include "kith/db.h"
#include "kith/followup.h"
#include "kith/interaction.h"
#include "kith/options.h"
#include "kith/types.h"
#include "kith/syncdb.h"
#include "kith/xalloc.h"
#include "cli.h"
#include "commands.h"

/* ---- log -------------------------------------------------------------- */

/*
** The guard against over-eagerness: after outreach to these contacts was
** logged, warn on stderr when one of them had not answered
** guard.unanswered earlier ones in guard.days.
*/
static void
guard_warn(struct cli *c, const int64_t *ids, size_t n, int way, int kind)
{
	struct options *o;
	struct kith_contact who = {0};
	struct kith_err err = {0};
	int64_t id = 0;
	int count = 0, days, limit;

	if (kith_interaction_way_of(way, kind) != KITH_IWAY_OUT || !(o = cli_options_load()))
		return;
	days = (int)options_int(o, "guard.days");
	limit = (int)options_int(o, "guard.unanswered");
	/* the one just logged is among them: earlier ones number one fewer */
	if (limit > 0 &&
	    interaction_guard(c->db, ids, n, days, limit + 1, &id, &count, &err) == KITH_OK &&
	    id && contact_get(c->db, id, &who, &err) == KITH_OK) {
		struct strbuf last = {0};
		if (count - 1 == 1)
			sb_append(&last, "your last message");
		else
			sb_printf(&last, "your last %d messages", count - 1);
		fprintf(stderr, "kith: warning: %s has not answered %s in %d day%s; logged anyway "
			"(a conversation, or --reply when they answer, ends the count; see "
			"guard.unanswered in kithrc(5))\n", who.display_name, sb_str(&last), days,
			days == 1 ? "" : "s");
		sb_free(&last);
		contact_free(&who);
	}
	options_free(o);
}

static int
log_write(struct cli *c, struct kith_interaction *in, struct kith_followup *fu, int64_t *id)
{
	struct kith_err err = {0};
	enum kith_status st;
	int rc;

	/* the private file is opened (made, the first time) before the write */
	if (in->is_private && !kdb_private_attached(c->db) &&
	    (st = kdb_private_open(c->db, &err)) != KITH_OK)
		return cli_fail(st, &err, NULL);
	if ((rc = cli_batch_begin(c)) != CLI_OK)
		return rc;
	st = interaction_add(c->db, in, id, &err);
	if (st == KITH_OK && fu) {
		fu->interaction_id = *id;
		st = followup_add(c->db, fu, NULL, &err);
	}
	return cli_batch_end(c, st, &err);
}

int
cli_cmd_log(struct cli *c, const struct cli_args *a)
{
	struct kith_interaction in = {0};
	struct kith_followup fu = {0};
	struct kdatetime when;
	char at[KDATETIME_STR], due_s[KDATE_STR];
	struct strbuf title = {0};
	int64_t contact_id = 0, id = 0;
	int rc;

	in.kind = KITH_IKIND_NOTE;
	if ((rc = cli_nonempty("TEXT", a->pos[1])) != CLI_OK)
		return rc;
	if (cli_opt(a, LG_OUT) && cli_opt(a, LG_REPLY))
		return cli_error(CLI_USAGE, "--out", "not with --reply: one way or the other");
	in.way = cli_opt(a, LG_OUT) ? KITH_IWAY_OUT : cli_opt(a, LG_REPLY) ? KITH_IWAY_IN :
		KITH_IWAY_AUTO;
	if (cli_opt(a, LG_KIND) &&
	    (rc = cli_word("--kind", cli_opt(a, LG_KIND), kith_interaction_kind_parse,
			   kith_interaction_kind_name, KITH_IKIND_COUNT_, &in.kind)) != CLI_OK)
		return rc;
	if (cli_opt(a, LG_AT)) {
		if ((rc = cli_when(c, "--at", cli_opt(a, LG_AT), &when)) != CLI_OK)
			return rc;
	} else {
		when = kdate_now();
	}
	kdatetime_format(when, at);
	if (cli_opt(a, LG_TITLE) && !cli_opt(a, LG_FOLLOW_UP))
		return cli_error(CLI_USAGE, "--title", "only with --follow-up");
	if (cli_flag(a, LG_GIVE) && cli_flag(a, LG_ASK))
		return cli_error(CLI_USAGE, "--give", "not with --ask: one interaction is either");
	in.exchange = cli_flag(a, LG_GIVE) ? KITH_XCHG_GIVE :
		      cli_flag(a, LG_ASK) ? KITH_XCHG_ASK : KITH_XCHG_NONE;
	in.is_private = cli_flag(a, LG_PRIVATE);
	if (in.is_private && (cli_opt(a, LG_FOLLOW_UP) || in.exchange != KITH_XCHG_NONE))
		return cli_error(CLI_USAGE, "--private", "not with %s: a private note is words "
				 "only (a follow-up, help given or a favour asked is shared)",
				 cli_opt(a, LG_FOLLOW_UP) ? "--follow-up" :
				 in.exchange == KITH_XCHG_GIVE ? "--give" : "--ask");
	if (cli_opt(a, LG_FOLLOW_UP)) {
		if ((rc = cli_date_opt(c, "--follow-up", cli_opt(a, LG_FOLLOW_UP), due_s)) != CLI_OK)
			return rc;
		if (cli_opt(a, LG_TITLE) && (rc = cli_nonempty("--title", cli_opt(a, LG_TITLE))) != CLI_OK)
			return rc;
	}
	if ((rc = cli_contact(c, a->pos[0], &contact_id)) != CLI_OK)
		return rc;
	in.at = at;
	in.summary = (char *)a->pos[1];
	in.contact_ids = &contact_id;
	in.n_contacts = 1;
	if (cli_opt(a, LG_FOLLOW_UP)) {
		if (cli_opt(a, LG_TITLE))
			sb_append(&title, cli_opt(a, LG_TITLE));
		else
			sb_printf(&title, "Follow up: %s", a->pos[1]);
		fu.contact_id = contact_id;
		fu.kind = KITH_FKIND_OTHER;
		fu.title = (char *)sb_str(&title);
		fu.due = due_s;
		fu.status = KITH_FSTATUS_OPEN;
		fu.direction = KITH_DIR_NONE;
		fu.intro_stage = KITH_INTRO_NONE;
	}
	rc = log_write(c, &in, cli_opt(a, LG_FOLLOW_UP) ? &fu : NULL, &id);
	if (rc == CLI_OK && in.is_private) {
		printf("p%lld\n", -(long long)id);
	} else if (rc == CLI_OK) {
		cli_print_id(c, rc, "interaction", id);
		guard_warn(c, in.contact_ids, in.n_contacts, in.way, in.kind);
	}
	sb_free(&title);
	return rc;
}

/* ---- follow-up add ---------------------------------------------------- */

int
cli_cmd_followup_add(struct cli *c, const struct cli_args *a)
{
	struct kith_followup fu = {0};
	struct kith_err err = {0};
	char due_s[KDATE_STR];
	int64_t id = 0;
	int rc;

	if ((rc = cli_nonempty("TITLE", a->pos[1])) != CLI_OK)
		return rc;
	if (!cli_opt(a, FA_DUE))
		return cli_error(CLI_USAGE, "--due", "required (when it is due: fri, 3d, 2026-04-01)");
	if ((rc = cli_date_opt(c, "--due", cli_opt(a, FA_DUE), due_s)) != CLI_OK)
		return rc;
	if (cli_flag(a, FA_OWE) && cli_flag(a, FA_OWED))
		return cli_error(CLI_USAGE, "--owe", "cannot be used with --owed");
	if ((rc = cli_contact(c, a->pos[0], &fu.contact_id)) != CLI_OK)
		return rc;
	fu.kind = KITH_FKIND_OTHER;
	fu.title = (char *)a->pos[1];
	fu.due = due_s;
	fu.status = KITH_FSTATUS_OPEN;
	fu.direction = cli_flag(a, FA_OWE) ? KITH_DIR_OWE : cli_flag(a, FA_OWED) ? KITH_DIR_OWED
										 : KITH_DIR_NONE;
	fu.intro_stage = KITH_INTRO_NONE;
	rc = cli_status(followup_add(c->db, &fu, &id, &err), &err);
	return cli_print_id(c, rc, "followup", id);
}

/* ---- follow-up done --------------------------------------------------- */

int
cli_cmd_followup_done(struct cli *c, const struct cli_args *a)
{
	struct kith_err err = {0};
	int64_t id;
	int rc;

	if ((rc = cli_id_key(c, "followup", a->pos[0], &id)) != CLI_OK)
		return rc;
	return cli_status(followup_done(c->db, id, &err), &err);
}

/* ---- follow-up snooze ------------------------------------------------- */

int
cli_cmd_followup_snooze(struct cli *c, const struct cli_args *a)
{
	struct kith_err err = {0};
	char due_s[KDATE_STR];
	enum kith_status st;
	int64_t id;
	int rc;

	if ((rc = cli_id("ID", a->pos[0], &id)) != CLI_OK ||
	    (rc = cli_date_opt(c, "WHEN", a->pos[1], due_s)) != CLI_OK)
		return rc;
	if ((rc = cli_key(c, "followup", &id)) != CLI_OK)
		return rc;
	st = followup_snooze(c->db, id, due_s, cli_opt(a, FS_REASON), &err);
	return cli_status(st, &err);
}

/* ---- me --------------------------------------------------------------- */

int
cli_cmd_me(struct cli *c, const struct cli_args *a)
{
	struct kith_contact ct = {0};
	struct kith_err err = {0};
	struct strbuf line = {0};
	enum kith_status st;
	int64_t id;
	int rc;

	if ((rc = cli_db(c)) != CLI_OK)
		return rc;
	if (a->npos == 1) {
		if ((rc = cli_contact(c, a->pos[0], &id)) != CLI_OK)
			return rc;
		if ((st = kdb_set_me(c->db, id, &err)) != KITH_OK)
			return cli_fail(st, &err, NULL);
	} else if (!(id = kdb_me(c->db))) {
		return cli_error(CLI_RUNTIME, "me", "not set (set it with: kith me CONTACT)");
	}
	if ((st = contact_get(c->db, id, &ct, &err)) != KITH_OK)
		return cli_fail(st, &err, NULL);
	sb_printf(&line, "%lld\t", (long long)kdb_ref(c->db, "contact", id));
	cli_sanitize(&line, ct.display_name);
	sb_appendc(&line, '\n');
	cli_flush(&line);
	sb_free(&line);
	contact_free(&ct);
	return CLI_OK;
}

