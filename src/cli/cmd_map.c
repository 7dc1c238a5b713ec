/*
 * cmd_map.c: power mapping from the shell: kith path, kith map
 * list|new|show|place, kith relate, kith role add.
 *
 * An ENTITY (what a map places, what a path leads to, the other side of a
 * relationship) is a contact, or an organisation: written "~Name", or any
 * name that matches no contact.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/contact.h"
#include "kith/db.h"
#include "kith/mapdata.h"
#include "kith/org.h"
#include "kith/powermap.h"
#include "kith/types.h"
#include "kith/warmpath.h"
#include "kith/xalloc.h"
#include "kith/syncdb.h"
#include "cli.h"
#include "commands.h"

/* Resolve an ENTITY argument into a contact or (the other 0) an organisation. */
static int
cli_entity(struct cli *c, const char *arg, int64_t *cid, int64_t *oid)
{
	struct kith_err err = {0};
	enum kith_status st;

	*cid = *oid = 0;
	if (arg[0] == '~') {
		st = org_resolve(c->db, arg + 1, oid, &err);
		return st == KITH_OK ? CLI_OK : cli_fail(st, &err, "organisation");
	}
	st = contact_resolve(c->db, arg, cid, &err);
	if (st == KITH_OK)
		return CLI_OK;
	if (st != KITH_NOTFOUND)
		return cli_fail(st, &err, NULL);
	kith_err_clear(&err);
	st = org_resolve(c->db, arg, oid, &err);
	if (st == KITH_OK)
		return CLI_OK;
	if (st == KITH_NOTFOUND)
		return cli_error(CLI_USAGE, arg, "no contact or organisation matches");
	return cli_fail(st, &err, NULL);
}

static int
cli_map(struct cli *c, const char *arg, int64_t *id)
{
	struct kith_err err = {0};
	int rc = cli_db(c);

	return rc != CLI_OK ? rc : cli_status(map_resolve(c->db, arg, id, &err), &err);
}

static char *
contact_name(struct cli *c, int64_t id)
{
	struct kith_contact k;
	char *s;

	if (contact_get(c->db, id, &k, NULL) != KITH_OK)
		return xstrdup("?");
	s = xstrdup(k.display_name);
	contact_free(&k);
	return s;
}

/* ---- path ---------------------------------------------------------------- */

static const char *const link_words[] = {
	[WARM_LINK_REL] = "relationship",
	[WARM_LINK_SHARED_ROLE] = "shared-role",
	[WARM_LINK_ORG_ROLE] = "role",
	[WARM_LINK_ORG_REL] = "relationship",
	[WARM_LINK_TALKED] = "talked",
};

static void
path_json(struct strbuf *sb, const struct warm_path *p, int rank)
{
	sb_printf(sb, "{\"rank\": %d, \"score\": %.4f, \"hops\": [", rank, p->score);
	for (int j = 0; j < p->nhops; j++) {
		const struct warm_hop *h = &p->hops[j];
		sb_append(sb, j ? ",\n    {" : "\n    {");
		sb_append(sb, "\"contact_id\": ");
		cli_json_num(sb, h->contact_id, true);
		cli_json_field_num(sb, "organisation_id", h->org_id, true);
		cli_json_field(sb, "name", h->name);
		cli_json_field(sb, "link", link_words[h->link]);
		cli_json_field(sb, "type", h->link == WARM_LINK_REL || h->link == WARM_LINK_ORG_REL
					   ? kith_rel_type_name(h->rel_type) : NULL);
		sb_printf(sb, ", \"strength\": %d, \"last_touch\": ", h->strength);
		cli_json_str(sb, h->last_at);
		cli_json_field(sb, "reason", h->reason);
		sb_appendc(sb, '}');
	}
	sb_append(sb, "]}");
}

static void
path_text(struct strbuf *sb, const struct warm_path *p, int rank, const char *me)
{
	sb_printf(sb, "%d. ", rank);
	cli_sanitize(sb, me);
	for (int j = 0; j < p->nhops; j++) {
		sb_append(sb, " \xe2\x86\x92 ");        /* → */
		cli_sanitize(sb, p->hops[j].name);
	}
	sb_printf(sb, "  (score %.2f)\n", p->score);
	for (int j = 0; j < p->nhops; j++) {
		sb_append(sb, "   ");
		cli_sanitize(sb, p->hops[j].name);
		sb_append(sb, ": ");
		cli_sanitize(sb, p->hops[j].reason);
		sb_appendc(sb, '\n');
	}
}

int
cli_cmd_path(struct cli *c, const struct cli_args *a)
{
	struct warm_query q = {0};
	struct warm_path *paths;
	struct kith_err err = {0};
	struct strbuf sb = {0};
	enum kith_status st;
	long long hops = 0, k = 0;
	int rc, n;
	char *me, *target;

	if ((rc = cli_opt_int(a, PA_MAX_HOPS, 1, WARM_MAX_HOPS, &hops)) != CLI_OK ||
	    (rc = cli_opt_int(a, PA_LIMIT, 1, WARM_MAX_K, &k)) != CLI_OK)
		return rc;
	q.max_hops = (int)hops;
	q.k = (int)k;
	if ((rc = cli_db(c)) != CLI_OK)
		return rc;
	if (!kdb_me(c->db))
		return cli_error(CLI_USAGE, "path", "no contact is \"me\" yet: set one with kith me "
				 "CONTACT");
	if ((rc = cli_entity(c, a->pos[0], &q.to_contact_id, &q.to_org_id)) != CLI_OK)
		return rc;
	if ((st = warm_paths(c->db, &q, &paths, &n, &err)) != KITH_OK)
		return cli_fail(st, &err, "path");
	if (cli_flag(a, PA_JSON)) {
		struct cli_list l = { .json = true };

		for (int i = 0; i < n; i++) {
			path_json(cli_list_row(&l), &paths[i], i + 1);
			cli_list_row_end(&l);
		}
		cli_list_end(&l);
	} else if (n == 0) {
		target = q.to_contact_id ? contact_name(c, q.to_contact_id) : NULL;
		sb_append(&sb, "no warm path to ");
		cli_sanitize(&sb, target ? target : a->pos[0]);
		sb_printf(&sb, " within %d hops\n", q.max_hops ? q.max_hops : WARM_DEFAULT_HOPS);
		free(target);
	} else {
		me = contact_name(c, kdb_me(c->db));
		for (int i = 0; i < n; i++)
			path_text(&sb, &paths[i], i + 1, me);
		free(me);
	}
	cli_flush(&sb);
	sb_free(&sb);
	warm_paths_free(paths, n);
	return CLI_OK;
}

/* ---- map list ------------------------------------------------------------ */

static int
map_list_row(void *ud, const struct map_row *r)
{
	struct cli_list *o = ud;
	struct strbuf *sb = cli_list_row(o);

	if (o->json) {
		sb_printf(sb, "{\"id\": %lld, \"name\": ", (long long)r->id);
		cli_json_str(sb, r->name);
		cli_json_field(sb, "goal", r->goal);
		cli_json_field_num(sb, "primary_target_id", r->primary_target_id, true);
		cli_json_field(sb, "primary_target", r->primary_target_name);
		sb_printf(sb, ", \"placements\": %lld}", r->placements);
	} else {
		sb_printf(sb, "%-4lld  ", (long long)kdb_ref(o->db, "power_map", r->id));
		cli_cell(sb, r->name, 28, true);
		sb_printf(sb, "  %4lld placed", r->placements);
		if (*r->goal) {
			sb_append(sb, "  ");
			cli_cell(sb, r->goal, 36, false);
		}
	}
	return cli_list_row_end(o);
}

int
cli_cmd_map_list(struct cli *c, const struct cli_args *a)
{
	struct cli_list o = { .json = cli_flag(a, CLI_OPT_JSON) };
	struct kith_err err = {0};
	int rc = cli_list_open(c, &o);

	if (rc != CLI_OK)
		return rc;
	return cli_list_close(&o, map_list(c->db, map_list_row, &o, &err), &err, NULL, NULL);
}

/* ---- map new ------------------------------------------------------------- */

int
cli_cmd_map_new(struct cli *c, const struct cli_args *a)
{
	struct kith_map m = {0};
	struct kith_err err = {0};
	enum kith_status st;
	int64_t id, target;
	int rc, i;

	if (str_empty(a->pos[0]))
		return cli_error(CLI_USAGE, "NAME", "must not be empty");
	if ((rc = cli_batch_begin(c)) != CLI_OK)
		return rc;
	m.name = (char *)a->pos[0];
	m.goal = (char *)cli_opt(a, MN_GOAL);
	for (i = 0; i < a->count[MN_TARGET]; i++) {
		if ((rc = cli_contact(c, a->vals[MN_TARGET][i], &target)) != CLI_OK)
			goto fail;
		if (i == 0)
			m.primary_target_id = target;
	}
	if ((st = map_add(c->db, &m, &id, &err)) != KITH_OK)
		goto fail_st;
	/* the first target is the primary one, the others secondary */
	for (i = 1; i < a->count[MN_TARGET]; i++) {
		cli_contact(c, a->vals[MN_TARGET][i], &target);
		if ((st = map_target_add(c->db, id, target, &err)) != KITH_OK)
			goto fail_st;
	}
	return cli_print_id(c, cli_batch_commit(c), "power_map", id);
fail_st:
	return cli_batch_abort(c, st, &err);
fail:
	kdb_batch_end(c->db, false, NULL);
	return rc;
}

/* ---- map show ------------------------------------------------------------ */

#define SHOW_CELL 14

/* The grid: influence 5 at the top, the five bands left to right, one name a line. */
static void
show_grid(struct strbuf *sb, const struct map_data *s)
{
	static const char *const bands[5] = { "Opposed", "Passive opp.", "Neutral", "Passive ally",
					      "Ally" };
	int row, col, line, idx[5];

	sb_append(sb, "    ");
	for (col = 0; col < 5; col++) {
		sb_append(sb, " ");
		cli_cell(sb, bands[col], SHOW_CELL, col < 4);
	}
	sb_appendc(sb, '\n');
	for (row = 5; row >= 1; row--) {
		bool more = true;
		for (col = 0; col < 5; col++)
			idx[col] = 0;
		for (line = 0; more; line++) {
			struct strbuf cellbuf = {0};
			more = false;
			sb_printf(sb, line == 0 ? "  %d " : "    ", row);
			for (col = 0; col < 5; col++) {
				const struct map_item *p = NULL;
				int i;
				/* the next placement in this cell */
				for (i = idx[col]; i < s->n; i++)
					if (s->items[i].influence == row && s->items[i].alignment == col - 2)
						break;
				sb_append(sb, "|");
				if (i < s->n) {
					p = &s->items[i];
					idx[col] = i + 1;
					sb_reset(&cellbuf);
					sb_append(&cellbuf, p->target ? "*" : p->org_id ? "#" : " ");
					sb_append(&cellbuf, p->name);
					cli_cell(sb, sb_str(&cellbuf), SHOW_CELL, true);
					for (i = idx[col]; i < s->n; i++)
						if (s->items[i].influence == row && s->items[i].alignment == col - 2)
							more = true;
				} else {
					idx[col] = s->n;
					cli_cell(sb, "", SHOW_CELL, true);
				}
			}
			sb_append(sb, "|\n");
			sb_free(&cellbuf);
		}
	}
	sb_append(sb, "* target  # organisation\n");
}

int
cli_cmd_map_show(struct cli *c, const struct cli_args *a)
{
	struct map_data md;
	struct kith_err err = {0};
	struct strbuf sb = {0};
	enum kith_status st;
	char as_of[KDATE_STR] = "", *who;
	int64_t id;
	int rc;

	if (cli_opt(a, MS_AS_OF) &&
	    (rc = cli_date_opt(c, "--as-of", cli_opt(a, MS_AS_OF), as_of)) != CLI_OK)
		return rc;
	if ((rc = cli_map(c, a->pos[0], &id)) != CLI_OK)
		return rc;
	if ((st = map_data_load(c->db, id, as_of[0] ? as_of : NULL, &md, &err)) != KITH_OK)
		return cli_fail(st, &err, NULL);
	if (cli_flag(a, MS_JSON)) {
		sb_printf(&sb, "{\"id\": %lld, \"name\": ", (long long)id);
		cli_json_str(&sb, md.map.name);
		cli_json_field(&sb, "goal", md.map.goal);
		cli_json_field(&sb, "as_of", as_of);
		sb_append(&sb, ", \"placements\": [");
		for (int i = 0; i < md.n; i++) {
			const struct map_item *p = &md.items[i];
			sb_append(&sb, i ? ",\n  {\"name\": " : "\n  {\"name\": ");
			cli_json_str(&sb, p->name);
			cli_json_field_num(&sb, "contact_id", p->contact_id, true);
			cli_json_field_num(&sb, "organisation_id", p->org_id, true);
			sb_printf(&sb, ", \"influence\": %d, \"alignment\": %d, \"band\": ",
				  p->influence, p->alignment);
			cli_json_str(&sb, kith_alignment_name(p->alignment));
			sb_printf(&sb, ", \"target\": %s, \"primary\": %s, \"note\": ",
				  p->target ? "true" : "false", p->primary ? "true" : "false");
			cli_json_str(&sb, p->note);
			cli_json_field(&sb, "assessed_at", p->assessed_at);
			if ((who = p->id >> KDB_KEY_BITS ? kdb_key_author(c->db, p->id) : NULL)) {
				/* in a team: the member who placed it */
				cli_json_field(&sb, "logged_by", who);
				free(who);
			}
			sb_appendc(&sb, '}');
		}
		sb_append(&sb, md.n ? "\n]}\n" : "]}\n");
	} else {
		cli_sanitize(&sb, md.map.name);
		if (!str_empty(md.map.goal)) {
			sb_append(&sb, " \xe2\x80\x94 ");
			cli_sanitize(&sb, md.map.goal);
		}
		if (as_of[0])
			sb_printf(&sb, " (as of %s)", as_of);
		sb_appendc(&sb, '\n');
		show_grid(&sb, &md);
	}
	cli_flush(&sb);
	sb_free(&sb);
	map_data_free(&md);
	return CLI_OK;
}

/* ---- map place ----------------------------------------------------------- */

int
cli_cmd_map_place(struct cli *c, const struct cli_args *a)
{
	struct kith_err err = {0};
	enum kith_status st;
	long long infl, align;
	int64_t map, cid, oid;
	int rc;

	if (!cli_opt(a, MP_INFLUENCE))
		return cli_error(CLI_USAGE, "map place", "needs --influence N (1 to 5)");
	if (!cli_opt(a, MP_ALIGNMENT))
		return cli_error(CLI_USAGE, "map place", "needs --alignment N (-2 to 2)");
	if ((rc = cli_opt_int(a, MP_INFLUENCE, 1, 5, &infl)) != CLI_OK ||
	    (rc = cli_opt_int(a, MP_ALIGNMENT, -2, 2, &align)) != CLI_OK)
		return rc;
	if ((rc = cli_map(c, a->pos[0], &map)) != CLI_OK ||
	    (rc = cli_entity(c, a->pos[1], &cid, &oid)) != CLI_OK)
		return rc;
	st = placement_set(c->db, map, cid, oid, (int)infl, (int)align, cli_opt(a, MP_NOTE),
			   cli_opt(a, MP_REASON) ? cli_opt(a, MP_REASON) : "placed from the shell",
			   &err);
	return cli_status(st, &err);
}

/* ---- relate -------------------------------------------------------------- */

int
cli_cmd_relate(struct cli *c, const struct cli_args *a)
{
	struct kith_relationship r = {0};
	struct kith_err err = {0};
	char from[KDATE_STR], to[KDATE_STR];
	long long strength = 2;
	int64_t id;
	int rc, type;

	if (!cli_opt(a, RE_TYPE))
		return cli_error(CLI_USAGE, "relate", "needs --type T");
	if ((rc = cli_word("--type", cli_opt(a, RE_TYPE), kith_rel_type_parse, kith_rel_type_name,
			   KITH_REL_COUNT_, &type)))
		return rc;
	if ((rc = cli_opt_int(a, RE_STRENGTH, 1, 3, &strength)) != CLI_OK)
		return rc;
	if ((rc = cli_date_range(c, a, RE_FROM, RE_TO, from, to)) != CLI_OK)
		return rc;
	if ((rc = cli_contact(c, a->pos[0], &r.a_id)) != CLI_OK ||
	    (rc = cli_entity(c, a->pos[1], &r.b_id, &r.b_org_id)) != CLI_OK)
		return rc;
	r.type = type;
	r.strength = (int)strength;
	r.source = (char *)cli_opt(a, RE_SOURCE);
	r.note = (char *)cli_opt(a, RE_NOTE);
	r.start_date = from[0] ? from : NULL;
	r.end_date = to[0] ? to : NULL;
	rc = cli_status(relationship_add(c->db, &r, &id, &err), &err);
	return cli_print_id(c, rc, "relationship", id);
}

/* ---- role add ------------------------------------------------------------ */

int
cli_cmd_role_add(struct cli *c, const struct cli_args *a)
{
	struct kith_role r = {0};
	struct kith_err err = {0};
	enum kith_status st;
	char from[KDATE_STR], to[KDATE_STR];
	const char *org = a->pos[1][0] == '~' ? a->pos[1] + 1 : a->pos[1];
	int64_t id = 0;
	int rc;

	if (!cli_opt(a, RO_TITLE) || str_empty(cli_opt(a, RO_TITLE)))
		return cli_error(CLI_USAGE, "role add", "needs --title T");
	if (str_empty(org))
		return cli_error(CLI_USAGE, "ORG", "must not be empty");
	if ((rc = cli_date_range(c, a, RO_FROM, RO_TO, from, to)) != CLI_OK)
		return rc;
	if ((rc = cli_contact(c, a->pos[0], &r.contact_id)) != CLI_OK)
		return rc;
	if ((rc = cli_batch_begin(c)) != CLI_OK)
		return rc;
	/* an organisation the database does not know yet is created, as add contact --org does */
	st = org_resolve(c->db, org, &r.org_id, &err);
	if (st == KITH_NOTFOUND) {
		kith_err_clear(&err);
		st = org_find(c->db, org, true, &r.org_id, &err);
	}
	r.title = (char *)cli_opt(a, RO_TITLE);
	r.seat = (char *)cli_opt(a, RO_SEAT);
	r.start_date = from[0] ? from : NULL;
	r.end_date = to[0] ? to : NULL;
	if (st == KITH_OK)
		st = role_add(c->db, &r, &id, &err);
	return cli_print_id(c, cli_batch_end(c, st, &err), "role", id);
}

