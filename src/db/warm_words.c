/*
 * warm_words.c: the words of a warm path (see warmpath.c): each hop's name
 * and the reason for its link ("works at the Ledger; talked 3 weeks ago").
 */
#include "warm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/str.h"
#include "kith/types.h"
#include "kith/warmpath.h"
#include "kith/xalloc.h"

/* ---- output ------------------------------------------------------------------ */

static char *
name_of(struct wctx *c, int64_t key)
{
	static const char q_c[] = "SELECT display_name FROM contact WHERE id = ?1";
	static const char q_o[] = "SELECT name FROM organisation WHERE id = ?1";
	sqlite3_stmt *st = db_stmt(c->db, key > 0 ? q_c : q_o, NULL);
	char *s = NULL;

	if (!st)
		return xstrdup("?");
	sqlite3_bind_int64(st, 1, key > 0 ? key : -key);
	if (sqlite3_step(st) == SQLITE_ROW)
		s = db_col_dup(st, 0);
	sqlite3_reset(st);
	return s ? s : xstrdup("?");
}

/* "9 days ago", "today", "4 months ago", "2 years ago". */
static void
ago_words(const struct wctx *c, const char *at, struct strbuf *sb)
{
	char day[KDATE_STR];
	struct kdate d;
	long n;

	snprintf(day, sizeof day, "%.10s", at);
	if (!kdate_parse_iso(day, &d)) {
		sb_printf(sb, "on %s", day);
		return;
	}
	n = kdate_diff(c->today_d, d);
	if (n <= 0)
		sb_append(sb, "today");
	else if (n == 1)
		sb_append(sb, "yesterday");
	else if (n < 60)
		sb_printf(sb, "%ld days ago", n);
	else if (n < 730)
		sb_printf(sb, "%ld months ago", n / 30);
	else
		sb_printf(sb, "%ld years ago", n / 365);
}

void
warm_hop_fill(struct wctx *c, struct warm_hop *h, const struct wedge *e, int v, bool from_start)
{
	static const char q_role[] =
		"SELECT r.title, r.seat, coalesce(o.name, '') FROM role r "
		"LEFT JOIN organisation o ON o.id = r.org_id WHERE r.id = ?1";
	int64_t key = c->nodes[v].key;
	struct strbuf sb = {0};
	sqlite3_stmt *st;

	memset(h, 0, sizeof *h);
	h->contact_id = key > 0 ? key : 0;
	h->org_id = key < 0 ? -key : e->link == WARM_LINK_SHARED_ROLE ? e->ref : 0;
	h->name = name_of(c, key);
	h->link = e->link;
	h->rel_type = e->rel_type;
	h->strength = e->strength;
	snprintf(h->last_at, sizeof h->last_at, "%s", e->last_at);
	switch (e->link) {
	case WARM_LINK_REL:
		sb_append(&sb, kith_rel_type_name(e->rel_type));
		break;
	case WARM_LINK_SHARED_ROLE: {
		char *org = name_of(c, -e->ref);
		sb_printf(&sb, "both on %s", org);
		free(org);
		break;
	}
	case WARM_LINK_ORG_ROLE:
		if ((st = db_stmt(c->db, q_role, NULL))) {
			sqlite3_bind_int64(st, 1, e->ref);
			if (sqlite3_step(st) == SQLITE_ROW) {
				const char *t = db_col_text(st, 0), *seat = db_col_text(st, 1);
				sb_append(&sb, *t ? t : *seat ? seat : "a role");
			}
			sqlite3_reset(st);
		}
		if (!sb.len)
			sb_append(&sb, "a role");
		sb_append(&sb, " there");
		break;
	case WARM_LINK_ORG_REL:
		sb_printf(&sb, "%s with it", kith_rel_type_name(e->rel_type));
		break;
	}
	if (e->last_at[0]) {
		sb_append(&sb, from_start ? "; talked " : "; seen together ");
		ago_words(c, e->last_at, &sb);
	}
	h->reason = sb_detach(&sb);
}

/*
** Having talked to the target yourself is the shortest way there: when the
** target is a contact with a touch (contact_stat.last_at), a one-hop path
** comes first: the direct link if there is one, else "you talked to them
** yourself". At most k paths stay in *out.
*/
void
warm_talked_first(struct wctx *c, struct warm_path **out, int *n, int k)
{
	static const char q[] = "SELECT last_at FROM contact_stat WHERE contact_id = ?1";
	int64_t key = c->nodes[c->target].key;
	struct warm_path *p;
	struct strbuf sb = {0};
	char last[20] = "";
	sqlite3_stmt *st;
	int i;

	if (key <= 0 || !(st = db_stmt(c->db, q, NULL)))
		return;
	sqlite3_bind_int64(st, 1, key);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(last, sizeof last, "%s", db_col_text(st, 0));
	sqlite3_reset(st);
	if (!last[0])
		return;
	for (i = 0; i < *n && (*out)[i].nhops != 1; i++)
		;
	if (i < *n) {               /* the direct link: first */
		struct warm_path keep = (*out)[i];
		memmove(*out + 1, *out, (size_t)i * sizeof **out);
		(*out)[0] = keep;
		return;
	}
	if (*n == k)
		warm_paths_free_hops(&(*out)[--*n]);
	*out = xreallocarray(*out, (size_t)*n + 1, sizeof **out);
	memmove(*out + 1, *out, (size_t)*n * sizeof **out);
	p = &(*out)[0];
	memset(p, 0, sizeof *p);
	p->nhops = 1;
	p->score = warm_recency(c, last);
	p->hops[0].contact_id = key;
	p->hops[0].name = name_of(c, key);
	p->hops[0].link = WARM_LINK_TALKED;
	p->hops[0].rel_type = KITH_REL_GENERIC;
	p->hops[0].strength = 3;
	snprintf(p->hops[0].last_at, sizeof p->hops[0].last_at, "%s", last);
	sb_append(&sb, "you talked to them yourself ");
	ago_words(c, last, &sb);
	p->hops[0].reason = sb_detach(&sb);
	++*n;
}

void
warm_paths_free_hops(struct warm_path *p)
{
	for (int j = 0; j < p->nhops; j++) {
		free(p->hops[j].name);
		free(p->hops[j].reason);
	}
	p->nhops = 0;
}

void
warm_paths_free(struct warm_path *paths, int n)
{
	if (!paths)
		return;
	for (int i = 0; i < n; i++)
		warm_paths_free_hops(&paths[i]);
	free(paths);
}

