/*
 * cmd_dups.c: kith duplicates [--json], kith duplicates merge KEEP DROP,
 * kith duplicates not-same A B.
 *
 * The JSON (documented in kith(1), stable): an array of pairs, each
 *   {"a": {"id", "name", "org"}, "b": {...}, "reasons": ["name"|"email"|"phone"...],
 *    "org", "email", "phone", "reason"}
 * with a.id < b.id; org, email and phone say what matched (null if that
 * reason did not), reason is the sentence the text output shows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/contact.h"
#include "kith/duplicate.h"
#include "kith/xalloc.h"
#include "kith/syncdb.h"
#include "cli.h"
#include "commands.h"

static void
json_side(struct strbuf *sb, const struct dup_side *s)
{
	sb_printf(sb, "{\"id\": %lld, \"name\": ", (long long)s->id);
	cli_json_str(sb, s->name);
	cli_json_field(sb, "org", s->org);
	sb_appendc(sb, '}');
}

static void
text_side(struct kdb *db, struct strbuf *sb, const struct dup_side *s)
{
	sb_printf(sb, "#%lld ", (long long)kdb_ref(db, "contact", s->id));
	cli_sanitize(sb, s->name);
	if (s->org && *s->org) {
		sb_append(sb, " (");
		cli_sanitize(sb, s->org);
		sb_appendc(sb, ')');
	}
}

static void
pair_json(struct strbuf *sb, const struct dup_pair *p, const char *why)
{
	bool first = true;

	sb_append(sb, "{\"a\": ");
	json_side(sb, &p->a);
	sb_append(sb, ", \"b\": ");
	json_side(sb, &p->b);
	sb_append(sb, ", \"reasons\": [");
	for (int r = 0; r < DUP_REASON_COUNT_; r++) {
		if (!(p->reasons & (1u << r)))
			continue;
		sb_append(sb, first ? "" : ", ");
		cli_json_str(sb, dup_reason_name((enum dup_reason)r));
		first = false;
	}
	sb_append(sb, "], \"org\": ");
	if (p->reasons & (1u << DUP_NAME))
		cli_json_str(sb, p->org);
	else
		sb_append(sb, "null");
	cli_json_field(sb, "email", p->email);
	cli_json_field(sb, "phone", p->phone);
	cli_json_field(sb, "reason", why);
	sb_appendc(sb, '}');
}

int
cli_cmd_duplicates(struct cli *c, const struct cli_args *a)
{
	struct dup_list l = {0};
	struct kith_err err = {0};
	struct cli_list o = { .json = cli_flag(a, CLI_OPT_JSON) };
	enum kith_status st;
	int rc;

	if ((rc = cli_db(c)) != CLI_OK)
		return rc;
	st = duplicate_pairs(c->db, &l, &err);
	for (int i = 0; i < l.n; i++) {
		const struct dup_pair *p = &l.v[i];
		struct strbuf *sb = cli_list_row(&o);
		char *why = dup_pair_reason_text(p);

		if (o.json) {
			pair_json(sb, p, why);
		} else {
			text_side(c->db, sb, &p->a);
			sb_append(sb, "  ");
			text_side(c->db, sb, &p->b);
			sb_append(sb, "  ");
			cli_sanitize(sb, why);
		}
		free(why);
		cli_list_row_end(&o);
	}
	dup_list_free(&l);
	return cli_list_close(&o, st, &err, "duplicates", "No possible duplicates.");
}

/* "#12 Maria Garcia" of a contact (sanitized). */
static void
who(struct cli *c, int64_t id, struct strbuf *sb)
{
	struct kith_contact k;

	sb_printf(sb, "#%lld", (long long)kdb_ref(c->db, "contact", id));
	if (contact_get(c->db, id, &k, NULL) == KITH_OK) {
		sb_appendc(sb, ' ');
		cli_sanitize(sb, k.display_name);
		contact_free(&k);
	}
}

/* The two contacts A and B a command names, and how messages name them. */
struct two {
	int64_t id[2];
	struct strbuf who[2];
};

static int
two_contacts(struct cli *c, const struct cli_args *a, struct two *t)
{
	int rc;

	memset(t, 0, sizeof *t);
	if ((rc = cli_contact(c, a->pos[0], &t->id[0])) != CLI_OK ||
	    (rc = cli_contact(c, a->pos[1], &t->id[1])) != CLI_OK)
		return rc;
	if (t->id[0] == t->id[1])
		return cli_error(CLI_USAGE, NULL, "%s and %s are the same contact (#%lld)",
				 a->pos[0], a->pos[1], (long long)t->id[0]);
	who(c, t->id[0], &t->who[0]);
	who(c, t->id[1], &t->who[1]);
	return CLI_OK;
}

/* What a change to the two did: CLI_OK, or st reported under what. */
static int
two_done(struct two *t, enum kith_status st, const struct kith_err *err, const char *what)
{
	sb_free(&t->who[0]);
	sb_free(&t->who[1]);
	return st == KITH_OK ? CLI_OK : cli_fail(st, err, what);
}

int
cli_cmd_duplicates_merge(struct cli *c, const struct cli_args *a)
{
	struct kith_err err = {0};
	struct merge_result res;
	struct two t;
	enum kith_status st;
	int rc;

	if ((rc = two_contacts(c, a, &t)) != CLI_OK)
		return rc;
	st = contact_merge(c->db, t.id[0], t.id[1], &res, &err);
	if (st == KITH_OK)
		printf("merged %s into %s: %d %s moved, %d %s kept aside\n", sb_str(&t.who[1]),
		       sb_str(&t.who[0]), res.moved, res.moved == 1 ? "record" : "records",
		       res.aside, res.aside == 1 ? "field" : "fields");
	return two_done(&t, st, &err, "merge");
}

int
cli_cmd_duplicates_not_same(struct cli *c, const struct cli_args *a)
{
	struct kith_err err = {0};
	struct two t;
	enum kith_status st;
	int rc;

	if ((rc = two_contacts(c, a, &t)) != CLI_OK)
		return rc;
	st = duplicate_not_same(c->db, t.id[0], t.id[1], &err);
	if (st == KITH_OK)
		printf("%s and %s: not the same person (never proposed again)\n",
		       sb_str(&t.who[0]), sb_str(&t.who[1]));
	return two_done(&t, st, &err, "not-same");
}
