/*
 * warm_graph.c: the graph of the warm-path search (see warmpath.c), as far
 * as it is loaded: nodes in a small hash table, each node's links read by
 * one indexed query the first time it is expanded, and a link's weight
 * (its strength times how recently its two ends were in touch).
 */
#include "warm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/str.h"
#include "kith/types.h"
#include "kith/warmpath.h"
#include "kith/xalloc.h"

/* ---- nodes and edges ------------------------------------------------------ */

static unsigned
hash_key(int64_t key, int cap)
{
	uint64_t h = (uint64_t)key * 0x9E3779B97F4A7C15ULL;
	return (unsigned)(h >> 32) & (unsigned)(cap - 1);
}

int
warm_node_find(const struct wctx *c, int64_t key)
{
	return idmap_get(&c->ix, key);
}

int
warm_node_get(struct wctx *c, int64_t key)
{
	int i = warm_node_find(c, key);

	if (i >= 0)
		return i;
	c->nodes = xgrow(c->nodes, c->nnodes, &c->capnodes, 256, sizeof *c->nodes);
	i = c->nnodes++;
	memset(&c->nodes[i], 0, sizeof c->nodes[i]);
	c->nodes[i].key = key;
	c->nodes[i].dist_f = c->nodes[i].dist_b = -1;
	c->nodes[i].stamp = -1;
	idmap_set(&c->ix, key, i);
	return i;
}

static void
adj_push(struct wnode *n, int e)
{
	n->adj = xgrow(n->adj, n->nadj, &n->cap, 4, sizeof *n->adj);
	n->adj[n->nadj++] = e;
}

/* Rank of a link kind when two links join the same pair: the rarer wins. */
static int
link_rank(int link)
{
	return link == WARM_LINK_REL || link == WARM_LINK_ORG_ROLE ? 1 : 0;
}

/* Of two links joining the same pair: the stronger, the rarer kind, the older record. */
static bool
link_better(int strength, int link, int64_t ref, const struct wedge *e)
{
	if (strength != e->strength)
		return strength > e->strength;
	if (link_rank(link) != link_rank(e->link))
		return link_rank(link) > link_rank(e->link);
	return link == e->link && ref < e->ref;
}

void
warm_link_keep(struct wedge *e, int link, int rel_type, int strength, int64_t ref)
{
	if (!link_better(strength, link, ref, e))
		return;
	e->link = (signed char)link;
	e->rel_type = (signed char)rel_type;
	e->strength = (signed char)strength;
	e->ref = ref;
}

/*
** A link from node u (being loaded) to the node keyed vkey. A second link
** to the same node while loading u keeps the stronger one.
*/
void
warm_edge_add(struct wctx *c, int u, int64_t vkey, int link, int rel_type, int strength, int64_t ref)
{
	int v = warm_node_get(c, vkey);
	struct wedge *e;

	if (v == u || c->nodes[v].loaded)
		return;
	if (c->nodes[v].stamp == c->stamp) {
		e = &c->edges[c->nodes[v].stamp_edge];
		warm_link_keep(e, link, rel_type, strength, ref);
		return;
	}
	c->edges = xgrow(c->edges, c->nedges, &c->capedges, 1024, sizeof *c->edges);
	e = &c->edges[c->nedges];
	memset(e, 0, sizeof *e);
	e->u = u;
	e->v = v;
	e->link = (signed char)link;
	e->rel_type = (signed char)rel_type;
	e->strength = (signed char)strength;
	e->ref = ref;
	c->nodes[v].stamp = c->stamp;
	c->nodes[v].stamp_edge = c->nedges;
	adj_push(&c->nodes[u], c->nedges);
	adj_push(&c->nodes[v], c->nedges);
	c->nedges++;
}

#define CURRENT(t) \
	"(" t ".end_date IS NULL OR " t ".end_date > ?2) AND " \
	"(" t ".start_date IS NULL OR " t ".start_date <= ?2)"
/* A person in opposition is no one's way in, only a target (?5) or the start (?6). */
#define NOT_OPPOSED(col) \
	"NOT EXISTS (SELECT 1 FROM contact o WHERE o.id = " col " AND o.alignment < 0 " \
	"AND o.id NOT IN (?5, ?6))"

/* Read the links of node u once. */
enum kith_status
warm_node_load(struct wctx *c, int u)
{
	/* A contact: relationships either way, and co-holders of a current
	   role in an organisation of at most WARM_ROLE_MAX_MEMBERS (x is
	   materialized: flattened, each body's count would be taken again
	   for every co-holder). */
	static const char q_contact[] =
		"WITH x AS MATERIALIZED ("
		"  SELECT r1.org_id AS org_id, "
		"         (SELECT count(*) FROM (SELECT 1 FROM role r3 WHERE r3.org_id = r1.org_id "
		"            AND " CURRENT("r3") " LIMIT ?3)) AS n "
		"    FROM role r1 WHERE ?4 <= 2 AND r1.contact_id = ?1 AND r1.org_id IS NOT NULL "
		"     AND " CURRENT("r1") ") "
		"SELECT r.b_id, 0, r.type, r.strength, r.id FROM relationship r "
		" WHERE r.a_id = ?1 AND r.b_id IS NOT NULL AND " CURRENT("r") " "
		"   AND r.strength >= ?4 AND r.type <> 'rival' AND " NOT_OPPOSED("r.b_id") " "
		"UNION ALL "
		"SELECT r.a_id, 0, r.type, r.strength, r.id FROM relationship r "
		" WHERE r.b_id = ?1 AND " CURRENT("r") " AND r.strength >= ?4 "
		"   AND r.type <> 'rival' AND " NOT_OPPOSED("r.a_id") " "
		"UNION ALL "
		"SELECT r2.contact_id, 1, '', CASE WHEN x.n <= 30 THEN 2 ELSE 1 END, x.org_id "
		"  FROM x JOIN role r2 ON r2.org_id = x.org_id AND r2.contact_id <> ?1 AND "
		CURRENT("r2") " "
		" WHERE x.n < ?3 AND (CASE WHEN x.n <= 30 THEN 2 ELSE 1 END) >= ?4 "
		"   AND " NOT_OPPOSED("r2.contact_id");
	/* An organisation target: who holds a role there, who has a relationship with it. */
	static const char q_org[] =
		"SELECT r.contact_id, 2, '', 3, r.id FROM role r WHERE r.org_id = ?1 AND "
		CURRENT("r") " AND " NOT_OPPOSED("r.contact_id") " "
		"UNION ALL "
		"SELECT r.a_id, 3, r.type, r.strength, r.id FROM relationship r "
		" WHERE r.b_org_id = ?1 AND " CURRENT("r") " AND r.type <> 'rival' "
		"   AND " NOT_OPPOSED("r.a_id");
	struct wnode *n = &c->nodes[u];
	bool org = n->key < 0;
	sqlite3_stmt *st;
	int rc;

	if (n->loaded)
		return KITH_OK;
	if (!(st = db_stmt(c->db, org ? q_org : q_contact, c->err)))
		return KITH_DB;
	sqlite3_bind_int64(st, 1, org ? -n->key : n->key);
	sqlite3_bind_text(st, 2, c->today, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, c->nodes[c->target].key > 0 ? c->nodes[c->target].key : 0);
	sqlite3_bind_int64(st, 6, c->nodes[c->start].key);
	if (!org) {
		sqlite3_bind_int(st, 3, WARM_ROLE_MAX_MEMBERS + 1);
		/* the target's links are all read: whoever is linked to it at all
		   is the last hop of a path, never a middle one */
		sqlite3_bind_int(st, 4, u == c->target ? 1 : c->smin);
	}
	c->stamp++;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int link = sqlite3_column_int(st, 1);
		int type = link == WARM_LINK_REL || link == WARM_LINK_ORG_REL
			   ? kith_rel_type_parse(db_col_text(st, 2)) : -1;
		int strength = sqlite3_column_int(st, 3);

		if (strength < 1 || strength > 3)
			strength = 1;
		if (u == c->target) {
			int v = warm_node_get(c, sqlite3_column_int64(st, 0));
			c->nodes[v].direct = true;
		}
		if (strength < c->smin)
			continue;
		warm_edge_add(c, u, sqlite3_column_int64(st, 0), link, type < 0 ? KITH_REL_GENERIC : type,
			 strength, sqlite3_column_int64(st, 4));
	}
	c->nodes[u].loaded = true;      /* n may have moved with the array */
	return ent_finish(c->db, st, rc, "warm paths", c->err);
}

/* ---- weighing a link --------------------------------------------------------- */

double
warm_recency(const struct wctx *c, const char *last_at)
{
	struct kdate d;
	char day[KDATE_STR];
	long ago;

	if (!last_at[0])
		return 0.6;
	snprintf(day, sizeof day, "%.10s", last_at);
	if (!kdate_parse_iso(day, &d))
		return 0.6;
	ago = kdate_diff(c->today_d, d);
	if (ago <= 30)
		return 1.0;
	if (ago >= 365)
		return 0.6;
	return 1.0 - 0.4 * (double)(ago - 30) / (365.0 - 30.0);
}


int
warm_cmp_tlast(const void *pa, const void *pb)
{
	const struct tlast *x = pa, *y = pb;
	return (x->key > y->key) - (x->key < y->key);
}

void
warm_tcache_free(struct tcache *t)
{
	for (int i = 0; i < t->n; i++) {
		free(t->v[i].id);
		free(t->v[i].hash);
	}
	free(t->v);
	idmap_free(&t->ix);
	free(t->tl);
}

/* Is interaction id among w's? */
static bool
touches_has(const struct wtouches *w, int64_t id)
{
	if (!w->hcap)
		return false;
	for (unsigned h = hash_key(id, w->hcap); w->hash[h]; h = (h + 1) & (unsigned)(w->hcap - 1))
		if (w->id[w->hash[h] - 1] == id)
			return true;
	return false;
}

static enum kith_status
node_touches(struct wctx *c, int u)
{
	/* the covering index (contact_id, at, interaction_id): one range, no lookups */
	static const char sql[] =
		"SELECT interaction_id FROM interaction_contact "
		"WHERE contact_id = ?1 AND at >= ?2 ORDER BY at DESC LIMIT ?3";
	struct tcache *t = c->tc;
	int64_t key = c->nodes[u].key;
	struct wtouches *w;
	sqlite3_stmt *st;
	int rc, cap = 0, i;

	if (c->nodes[u].touches)
		return KITH_OK;
	if ((i = idmap_get(&t->ix, key)) >= 0) {
		c->nodes[u].touches = i + 1;
		return KITH_OK;
	}
	if (!(st = db_query(c->db, sql, c->err, "isn", key, c->year_ago, WARM_TOUCH_CAP)))
		return KITH_DB;
	t->v = xgrow(t->v, t->n, &t->cap, 256, sizeof *t->v);
	w = &t->v[t->n];
	memset(w, 0, sizeof *w);
	w->key = key;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		w->id = xgrow(w->id, w->n, &cap, 64, sizeof *w->id);
		w->id[w->n++] = sqlite3_column_int64(st, 0);
	}
	if (w->n) {
		/* a set of the ids (index + 1, open addressing), half full at most: 4 bytes
		   a slot, where an idmap's 16 cost a search's many small sets 3% more */
		for (w->hcap = 16; w->hcap < 2 * w->n; w->hcap *= 2)
			;
		w->hash = xcalloc((size_t)w->hcap, sizeof *w->hash);
		for (i = 0; i < w->n; i++) {
			unsigned h = hash_key(w->id[i], w->hcap);

			while (w->hash[h])
				h = (h + 1) & (unsigned)(w->hcap - 1);
			w->hash[h] = i + 1;
		}
	}
	idmap_set(&t->ix, key, t->n);
	c->nodes[u].touches = ++t->n;
	return ent_finish(c->db, st, rc, "warm paths", c->err);
}

/*
** Weigh edge e once: its last touch, then strength/3 times recency. From
** the start it is the other's last touch; between two others, the newest
** interaction of the last year involving both (older ones weigh as
** never), found by merging their interaction lists.
*/
enum kith_status
warm_edge_weigh(struct wctx *c, struct wedge *e)
{
	static const char q_last[] = "SELECT last_at FROM contact_stat WHERE contact_id = ?1";
	static const char q_at[] =
		"SELECT at FROM interaction_contact WHERE interaction_id = ?1 AND contact_id = ?2";
	int64_t ku = c->nodes[e->u].key, kv = c->nodes[e->v].key;
	sqlite3_stmt *st;
	int rc;

	if (e->weighed)
		return KITH_OK;
	e->last_at[0] = '\0';
	if (ku > 0 && kv > 0 && (e->u == c->start || e->v == c->start)) {
		if (!(st = db_stmt(c->db, q_last, c->err)))
			return KITH_DB;
		sqlite3_bind_int64(st, 1, e->u == c->start ? kv : ku);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			snprintf(e->last_at, sizeof e->last_at, "%s", db_col_text(st, 0));
		if (ent_finish(c->db, st, rc, "warm paths", c->err))
			return KITH_DB;
	} else if (ku > 0 && kv > 0) {
		const struct wtouches *a, *b;
		if (node_touches(c, e->u) || node_touches(c, e->v))
			return KITH_DB;
		a = &c->tc->v[c->nodes[e->u].touches - 1];
		b = &c->tc->v[c->nodes[e->v].touches - 1];
		if (a->n > b->n) {
			const struct wtouches *x = a;
			a = b;
			b = x;
		}
		/* newest first: the first of a's that b shares is the last together */
		for (int i = 0; i < a->n; i++) {
			if (touches_has(b, a->id[i])) {
				if (!(st = db_stmt(c->db, q_at, c->err)))
					return KITH_DB;
				sqlite3_bind_int64(st, 1, a->id[i]);
				sqlite3_bind_int64(st, 2, a->key);
				rc = sqlite3_step(st);
				if (rc == SQLITE_ROW)   /* the 16 characters kept before */
					snprintf(e->last_at, sizeof e->last_at, "%.16s", db_col_text(st, 0));
				if (ent_finish(c->db, st, rc, "warm paths", c->err))
					return KITH_DB;
				break;
			}
		}
	}
	/* a role in, or a tie to, the target organisation is a standing fact */
	e->weight = e->strength / 3.0 *
		    (e->link >= WARM_LINK_ORG_ROLE ? 1.0 : warm_recency(c, e->last_at));
	e->weighed = true;
	return KITH_OK;
}

void
warm_ctx_free(struct wctx *c)
{
	for (int i = 0; i < c->nnodes; i++) {
		free(c->nodes[i].adj);
	}
	free(c->nodes);
	idmap_free(&c->ix);
	free(c->edges);
	free(c->best);
}
