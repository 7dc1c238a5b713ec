/*
 * warmpath.c: the k best warm-introduction paths (see kith/warmpath.h): the
 * search. The graph it loads is in warm_graph.c, the words in warm_words.c.
 *
 * The graph is never loaded whole: nodes (contacts, and an organisation
 * target) enter a small hash table as the two breadth-first searches meet
 * them, and a node's links are read by one indexed query the first time it
 * is expanded. A link read from one end is added to both ends' lists and
 * never read again from the other end (a node's links are read only if the
 * other end was not loaded yet), so each link exists once.
 *
 * Why the enumeration sees every link it needs: the forward search loaded
 * every node within depth a-1 of the start and the backward search every
 * node within b-1 of the target, a + b = max_hops. On a path of length at
 * most max_hops, a node at position p < a is within p of the start, so all
 * its links are known; after position a, each next node must be within
 * b-1 of the target, so it was loaded and the link to it is known too.
 * The exceptions are deliberate and all lose: someone linked to the target
 * whose link cannot end a winning path is not loaded (direct_useless), and
 * nodes that cannot be on a winning path of four hops stay out of the
 * last join (join_useless); the paths they would add score no more than
 * a bound that already cannot make the k best.
 *
 * warm_paths runs this search in rounds over growing parts of the links
 * (see kith/warmpath.h); a round's k-th best is a path of every later
 * round, so it is a floor for them.
 */
#include "warm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/str.h"
#include "kith/types.h"
#include "kith/warmpath.h"
#include "kith/xalloc.h"

/* ---- the bounded bidirectional search ---------------------------------------- */

/*
** Weigh every link into a contact target at once, from one statement over
** the target's interactions of the last year: for each other person in
** them, the last one together. (The same as edge_weigh, which reads both
** ends' interactions, for anyone with fewer than WARM_TOUCH_CAP of them
** in a year.) With them known, the search leaves out whoever is linked to
** the target too weakly to end any path that can still win.
*/
static enum kith_status
target_weigh(struct wctx *c)
{
	static const char sql[] =
		"SELECT b.contact_id, max(b.at) "
		"  FROM (SELECT interaction_id FROM interaction_contact "
		"         WHERE contact_id = ?1 AND at >= ?2 ORDER BY at DESC LIMIT ?3) a "
		"  JOIN interaction_contact b ON b.interaction_id = a.interaction_id "
		" WHERE b.contact_id <> ?1 GROUP BY b.contact_id";
	struct tcache *tc = c->tc;
	struct wnode *t = &c->nodes[c->target];
	sqlite3_stmt *st;
	int rc, cap = 0;

	if (t->key < 0 || !t->loaded)
		return KITH_OK;
	if (!tc->tread) {
		if (!(st = db_query(c->db, sql, c->err, "isn", t->key, c->year_ago, WARM_TOUCH_CAP)))
			return KITH_DB;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			tc->tl = xgrow(tc->tl, tc->ntl, &cap, 64, sizeof *tc->tl);
			tc->tl[tc->ntl].key = sqlite3_column_int64(st, 0);
			snprintf(tc->tl[tc->ntl].at, sizeof tc->tl[0].at, "%s", db_col_text(st, 1));
			tc->ntl++;
		}
		if ((rc = ent_finish(c->db, st, rc, "warm paths", c->err)))
			return rc;
		if (tc->ntl > 1)
			qsort(tc->tl, (size_t)tc->ntl, sizeof *tc->tl, warm_cmp_tlast);
		tc->tread = true;
	}
	for (int j = 0; j < t->nadj; j++) {
		struct wedge *e = &c->edges[t->adj[j]];
		int v = e->u == c->target ? e->v : e->u;
		struct tlast key = { c->nodes[v].key, "" }, *hit;
		if (v == c->start || e->weighed)
			continue;
		hit = tc->ntl ? bsearch(&key, tc->tl, (size_t)tc->ntl, sizeof *tc->tl, warm_cmp_tlast) : NULL;
		snprintf(e->last_at, sizeof e->last_at, "%s", hit ? hit->at : "");
		e->weight = e->strength / 3.0 * warm_recency(c, e->last_at);
		e->weighed = true;
	}
	return KITH_OK;
}

static bool may_win_hops(const struct wctx *c, double bound, int hops);

/*
** Someone linked to the target is the last hop of any path through them,
** so no such path weighs more than that link. Reading their other links
** finds paths of three hops or more through them (the start's links are
** read from its side): useless when even their best cannot win.
*/
static bool
direct_useless(const struct wctx *c, int v)
{
	const struct wnode *n = &c->nodes[v];

	if (!n->direct || !c->nodes[c->start].loaded || n->loaded || v == c->start || !n->tedge)
		return false;
	return !may_win_hops(c, warm_link_hi(&c->edges[n->tedge - 1]), 3);
}

/*
** Joining the forward frontier at one hop from the start with the
** backward one at two from the target finds links only for paths of
** four hops, start - a - b - c - target, with a a neighbour of the start
** and b of c, c linked to the target. Such a path weighs no more than the
** link start - a, nor than the best b - c - target: frontier nodes whose
** bound cannot win are left out of the join. (A link found by walking a
** node at the other place, b before a, is also found from its other end,
** which is then in the other frontier.)
*/
static bool
join_useless(const struct wctx *c, int v, bool forward)
{
	const struct wnode *n = &c->nodes[v];
	double best = 0;

	for (int j = 0; j < n->nadj; j++) {
		const struct wedge *e = &c->edges[n->adj[j]];
		int w = e->u == v ? e->v : e->u;
		if (forward) {
			if (w == c->start)
				return !may_win_hops(c, warm_link_hi(e), 4);
		} else if (w != c->start && c->nodes[w].direct && c->nodes[w].tedge) {
			double x = warm_link_hi(e) * warm_link_hi(&c->edges[c->nodes[w].tedge - 1]);
			if (x > best)
				best = x;
		}
	}
	return forward ? false : !may_win_hops(c, best, 4);
}

/* Expand one layer of one side: frontier -> next. */
static enum kith_status
expand(struct wctx *c, bool forward, int **front, int *nfront, int depth)
{
	int *next = NULL, nnext = 0, capnext = 0;
	enum kith_status rc;

	for (int i = 0; i < *nfront; i++) {
		int u = (*front)[i];
		if ((forward || depth != 1 || !direct_useless(c, u)) && (rc = warm_node_load(c, u)))
			goto fail;
		for (int j = 0; j < c->nodes[u].nadj; j++) {
			struct wedge *e = &c->edges[c->nodes[u].adj[j]];
			int v = e->u == u ? e->v : e->u;
			int *d = forward ? &c->nodes[v].dist_f : &c->nodes[v].dist_b;
			/* an organisation is only ever the target */
			if (*d >= 0 || (c->nodes[v].key < 0 && v != c->target))
				continue;
			*d = depth + 1;
			next = xgrow(next, nnext, &capnext, 64, sizeof *next);
			next[nnext++] = v;
		}
	}
	free(*front);
	*front = next;
	*nfront = nnext;
	return KITH_OK;
fail:
	free(next);
	return rc;
}

/*
** A link found by connect() between two nodes that are not loaded: kept
** once per pair, the stronger if found twice.
*/
static void
edge_link(struct wctx *c, int u, int v, int link, int rel_type, int strength, int64_t ref)
{
	int x = c->nodes[u].nadj <= c->nodes[v].nadj ? u : v;
	struct wedge *e;

	for (int j = 0; j < c->nodes[x].nadj; j++) {
		e = &c->edges[c->nodes[x].adj[j]];
		if (!((e->u == u && e->v == v) || (e->u == v && e->v == u)))
			continue;
		warm_link_keep(e, link, rel_type, strength, ref);
		return;
	}
	c->stamp++;     /* no merging with another node's load */
	warm_edge_add(c, u, c->nodes[v].key, link, rel_type, strength, ref);
}

#define CURRENT3(t) \
	"(" t ".end_date IS NULL OR " t ".end_date > ?2) AND " \
	"(" t ".start_date IS NULL OR " t ".start_date <= ?2)"

/*
** The last layer. Forward loaded every node closer than df to the start,
** backward every node closer than db to the target, df + db = max_hops - 1:
** the only links a path may still need are those between the two
** frontiers (nodes at exactly df from the start and exactly db from the
** target). One statement finds them all, walking the smaller frontier
** through the indexes and testing the other side's membership, instead
** of loading every node of one frontier.
*/
static enum kith_status
connect(struct wctx *c, const int *ff, int nf, const int *fb, int nb, int df, int db)
{
	/* ?1: the frontier walked (a JSON array of ids). CROSS JOIN fixes the
	   order: walk ?1, seek each id in the covering indexes. Whether the
	   other end is on the other side is asked of kith_warm_joins (?6: this
	   search), a flag on the node: cheaper than a probe per row into a
	   table of the other side's ids. */
	static const char sql[] =
		"SELECT x.value, r.b_id, 0, r.type, r.strength, r.id, 0 "
		"  FROM json_each(?1) x CROSS JOIN relationship r ON r.a_id = x.value "
		" WHERE kith_warm_joins(?6, r.b_id) AND " CURRENT3("r") " AND r.strength >= ?5 "
		"   AND r.type <> 'rival' "
		"UNION ALL "
		"SELECT x.value, r.a_id, 0, r.type, r.strength, r.id, 0 "
		"  FROM json_each(?1) x CROSS JOIN relationship r ON r.b_id = x.value "
		" WHERE kith_warm_joins(?6, r.a_id) AND " CURRENT3("r") " AND r.strength >= ?5 "
		"   AND r.type <> 'rival' "
		"UNION ALL "
		"SELECT x.value, r2.contact_id, 1, '', 0, r1.org_id, "
		"  (SELECT count(*) FROM (SELECT 1 FROM role r3 WHERE r3.org_id = r1.org_id "
		"     AND " CURRENT3("r3") " LIMIT ?4)) "
		"  FROM json_each(?1) x CROSS JOIN role r1 ON ?5 <= 2 AND r1.contact_id = x.value "
		"   AND r1.org_id IS NOT NULL AND " CURRENT3("r1") " "
		"  CROSS JOIN role r2 ON r2.org_id = r1.org_id AND r2.contact_id <> r1.contact_id "
		"   AND " CURRENT3("r2") " "
		" WHERE kith_warm_joins(?6, r2.contact_id)";
	struct strbuf walk = {0};
	int count[2] = {0, 0};
	bool fwalk;
	sqlite3_stmt *st;
	int rc;

	for (int pass = 0; pass < 2; pass++) {     /* forward, backward */
		const int *set = pass == 0 ? ff : fb;
		int n = pass == 0 ? nf : nb;
		for (int i = 0; i < n; i++)
			if (c->nodes[set[i]].key > 0 && !c->nodes[set[i]].loaded &&
			    !direct_useless(c, set[i]) &&
			    !(df == 1 && db == 2 && join_useless(c, set[i], pass == 0))) {
				c->nodes[set[i]].join |= (unsigned char)(1 << pass);
				count[pass]++;
			}
	}
	fwalk = count[0] <= count[1];
	c->oside = fwalk ? 2 : 1;
	sb_appendc(&walk, '[');
	for (int i = 0, n = fwalk ? nf : nb, first = 1; i < n; i++) {
		const struct wnode *w = &c->nodes[(fwalk ? ff : fb)[i]];
		char num[24], *p = num + sizeof num;
		uint64_t k = (uint64_t)w->key;

		if (!(w->join & (fwalk ? 1 : 2)))
			continue;
		*--p = '\0';
		do
			*--p = (char)('0' + k % 10);
		while (k /= 10);
		if (!first)
			sb_appendc(&walk, ',');
		sb_append(&walk, p);
		first = 0;
	}
	sb_appendc(&walk, ']');
	if (!(st = db_stmt(c->db, sql, c->err))) {
		sb_free(&walk);
		return KITH_DB;
	}
	sqlite3_bind_text(st, 1, sb_str(&walk), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, c->today, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, WARM_ROLE_MAX_MEMBERS + 1);
	sqlite3_bind_int(st, 5, c->smin);
	sqlite3_bind_pointer(st, 6, c, "kith_warm_join", NULL);
	sb_free(&walk);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int y = warm_node_find(c, sqlite3_column_int64(st, 1));
		int x, link, strength, type, f, members;

		if (y < 0 || !(c->nodes[y].join & c->oside))
			continue;
		x = warm_node_find(c, sqlite3_column_int64(st, 0));
		link = sqlite3_column_int(st, 2);
		strength = sqlite3_column_int(st, 4);
		type = link == WARM_LINK_REL ? kith_rel_type_parse(db_col_text(st, 3)) : -1;
		members = sqlite3_column_int(st, 6);
		if (x < 0 || x == y)
			continue;
		if (link == WARM_LINK_SHARED_ROLE) {
			if (members > WARM_ROLE_MAX_MEMBERS)
				continue;
			strength = members <= 30 ? 2 : 1;
		}
		if (strength < 1 || strength > 3)
			strength = 1;
		if (strength < c->smin)
			continue;
		edge_link(c, x, y, link, type < 0 ? KITH_REL_GENERIC : type, strength,
			  sqlite3_column_int64(st, 5));
		/* the forward end is now known to be db + 1 from the target */
		f = fwalk ? x : y;
		if (c->nodes[f].dist_b < 0)
			c->nodes[f].dist_b = db + 1;
	}
	return ent_finish(c->db, st, rc, "warm paths", c->err);
}

static void record(struct wctx *c, int n);

/* kith_warm_joins(search, id): is contact id on the side of the last join not walked? */
static void
sql_warm_joins(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const struct wctx *c = sqlite3_value_pointer(argv[0], "kith_warm_join");
	int i = c && sqlite3_value_type(argv[1]) == SQLITE_INTEGER
		? warm_node_find(c, sqlite3_value_int64(argv[1])) : -1;

	(void)argc;
	sqlite3_result_int(cx, i >= 0 && (c->nodes[i].join & c->oside));
}

/*
** Registered on a connection's first search, not when it opens (so that
** opening a database needs nothing of this file). A new function expires
** no prepared statement; only replacing one would.
*/
static enum kith_status
warm_sql_init(struct kdb *db, struct kith_err *err)
{
	if (db->warm_sql)
		return KITH_OK;
	if (sqlite3_create_function(db->h, "kith_warm_joins", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY,
				    NULL, sql_warm_joins, NULL, NULL) != SQLITE_OK)
		return db_error(db, err, "warm paths");
	db->warm_sql = true;
	return KITH_OK;
}

/*
** Once the start's links are read, the paths of one and two hops are all
** known and cheap to weigh (their links from the start and into the
** target): take them first, so the search knows from the outset how good
** a path must be to count.
*/
static enum kith_status
seed(struct wctx *c)
{
	const struct wnode *s = &c->nodes[c->start];

	c->path_nodes[0] = c->start;
	for (int j = 0; j < s->nadj && !c->rc; j++) {
		int ei = s->adj[j];
		const struct wedge *e = &c->edges[ei];
		int v = e->u == c->start ? e->v : e->u;
		const struct wnode *n = &c->nodes[v];

		c->path_edges[0] = ei;
		c->path_nodes[1] = v;
		if (v == c->target) {
			record(c, 1);
			continue;
		}
		if (!n->direct || c->hops < 2)
			continue;
		for (int i = 0; i < n->nadj; i++) {
			const struct wedge *f = &c->edges[n->adj[i]];
			if (f->u == c->target || f->v == c->target) {
				c->path_edges[1] = n->adj[i];
				c->path_nodes[2] = c->target;
				record(c, 2);
				break;
			}
		}
	}
	return c->rc;
}

static enum kith_status
search(struct wctx *c)
{
	int *ff = xmalloc(sizeof *ff), *fb = xmalloc(sizeof *fb), nf = 1, nb = 1, df = 0, dbk = 0;
	enum kith_status rc = KITH_OK;

	ff[0] = c->start;
	fb[0] = c->target;
	c->nodes[c->start].dist_f = 0;
	c->nodes[c->target].dist_b = 0;
	/* the target first (its links into an organisation are read from its side),
	   then whichever frontier is smaller, then the two frontiers joined */
	rc = expand(c, false, &fb, &nb, dbk++);
	for (int j = 0; j < c->nodes[c->target].nadj; j++) {
		const struct wedge *e = &c->edges[c->nodes[c->target].adj[j]];
		c->nodes[e->u == c->target ? e->v : e->u].tedge = c->nodes[c->target].adj[j] + 1;
	}
	if (!rc)
		rc = target_weigh(c);
	while (df + dbk < c->hops - 1 && !rc) {
		if (nf < nb) {
			rc = expand(c, true, &ff, &nf, df);
			if (!rc && df++ == 0)
				rc = seed(c);
		} else {
			rc = expand(c, false, &fb, &nb, dbk);
			dbk++;
		}
	}
	if (!rc && df + dbk == c->hops - 1 && nf && nb)
		rc = connect(c, ff, nf, fb, nb, df, dbk);
	c->a = df;
	free(ff);
	free(fb);
	return rc;
}

/* ---- enumerating paths --------------------------------------------------------- */

/* Is x better than y: higher score, then fewer hops, then lower ids along the way. */
static bool
found_better(const struct wctx *c, const struct wfound *x, const struct wfound *y)
{
	double d = x->score - y->score;

	if ((d < 0 ? -d : d) > EPS * (x->score + y->score))
		return x->score > y->score;
	if (x->n != y->n)
		return x->n < y->n;
	for (int i = 1; i < x->n; i++)
		if (c->nodes[x->nodes[i]].key != c->nodes[y->nodes[i]].key)
			return c->nodes[x->nodes[i]].key < c->nodes[y->nodes[i]].key;
	return false;
}

/* Can a partial path scoring `bound` still make the top k? Ties may. */
static bool
may_win(const struct wctx *c, double bound)
{
	if (c->nbest < c->k)
		return bound >= c->floor * (1 - 4 * EPS);
	return bound >= c->best[c->k - 1].score * (1 - EPS);
}

/*
** The same for a path of at least `hops` hops: one that can at best tie
** with the k-th best loses the tie if it is longer.
*/
static bool
may_win_hops(const struct wctx *c, double bound, int hops)
{
	const struct wfound *kth = &c->best[c->k - 1];

	if (!may_win(c, bound))
		return false;
	if (c->nbest < c->k)
		return !c->floor_hops || hops <= c->floor_hops ||
		       bound - c->floor > 0.5 * EPS * (bound + c->floor);
	return hops <= kth->n || bound - kth->score > 0.5 * EPS * (bound + kth->score);
}

/*
** How dear weighing a link is: nothing once weighed or when it has no
** recency (into the target organisation, or from the start: one row),
** else by how many of its ends still need their interactions read.
*/
static int
weigh_cost(const struct wctx *c, const struct wedge *e)
{
	if (e->weighed || e->link >= WARM_LINK_ORG_ROLE || e->u == c->start || e->v == c->start ||
	    c->nodes[e->u].key < 0 || c->nodes[e->v].key < 0)
		return 0;
	return 1 + !c->nodes[e->u].touches + !c->nodes[e->v].touches;
}

/*
** A path reached the target (its links in c->path_edges): weigh its links
** (only now: most links the search walks never reach the target) and keep
** it if it makes the top k. The links are weighed cheapest first, and the
** path is dropped as soon as what is weighed so far, times the most the
** rest can weigh, cannot make the top k: most paths are, after reading
** little or nothing.
*/
static void
record(struct wctx *c, int n)
{
	struct wfound f;
	int pos;

	for (int cost = 0; cost <= 3; cost++) {
		double hi = 1.0;
		for (int i = 0; i < n; i++) {
			struct wedge *e = &c->edges[c->path_edges[i]];
			if (!e->weighed && weigh_cost(c, e) <= cost && (c->rc = warm_edge_weigh(c, e)))
				return;
			hi *= warm_link_hi(e);
		}
		if (!may_win_hops(c, hi, n))
			return;
	}
	f.score = 1.0;
	for (int i = 0; i < n; i++)
		f.score *= c->edges[c->path_edges[i]].weight;
	f.n = n;
	memcpy(f.nodes, c->path_nodes, (size_t)(n + 1) * sizeof f.nodes[0]);
	memcpy(f.edges, c->path_edges, (size_t)n * sizeof f.edges[0]);
	if (c->nbest == c->k && !found_better(c, &f, &c->best[c->k - 1]))
		return;
	for (int i = 0; i < c->nbest; i++)     /* seen before the search (seed) */
		if (c->best[i].n == n && !memcmp(c->best[i].nodes, f.nodes, (size_t)(n + 1) * sizeof f.nodes[0]))
			return;
	pos = c->nbest < c->k ? c->nbest++ : c->k - 1;
	while (pos > 0 && found_better(c, &f, &c->best[pos - 1])) {
		c->best[pos] = c->best[pos - 1];
		pos--;
	}
	c->best[pos] = f;
}

/* qsort has no context argument: the node whose links are sorted, and its search. */
static const struct wctx *sort_ctx;
static int sort_u;

/* A link's best case: its strength and the best from its far end to the target. */
static double
link_hope(const struct wctx *c, int u, int ei)
{
	const struct wedge *e = &c->edges[ei];
	return e->hi * c->nodes[e->u == u ? e->v : e->u].h;
}

static int
cmp_adj(const void *pa, const void *pb)
{
	int a = *(const int *)pa, b = *(const int *)pb;
	double x = link_hope(sort_ctx, sort_u, a), y = link_hope(sort_ctx, sort_u, b);

	if (x != y)
		return x < y ? 1 : -1;
	return (a > b) - (a < b);
}

/*
** The A*-style bound: h(v) is the best product over links from v to the
** target of the most each can weigh: its weight if already known (into
** the target), else strength/3, as if touched today. It is found
** by relaxing every known link max_hops times; using links a real path
** could not (through the start, or too many hops) only makes h larger,
** so pruning with it never loses a path that could win.
*/
static void
estimate(struct wctx *c)
{
	c->nodes[c->target].h = 1.0;
	for (int i = 0; i < c->nedges; i++)
		c->edges[i].hi = warm_link_hi(&c->edges[i]);
	for (int round = 0; round < c->hops; round++) {
		bool changed = false;
		for (int i = 0; i < c->nedges; i++) {
			struct wedge *e = &c->edges[i];
			double w = e->hi;
			if (c->nodes[e->v].h * w > c->nodes[e->u].h && e->u != c->target) {
				c->nodes[e->u].h = c->nodes[e->v].h * w;
				changed = true;
			}
			if (c->nodes[e->u].h * w > c->nodes[e->v].h && e->v != c->target) {
				c->nodes[e->v].h = c->nodes[e->u].h * w;
				changed = true;
			}
		}
		if (!changed)
			break;
	}
	sort_ctx = c;
	for (int i = 0; i < c->nnodes; i++) {
		if (c->nodes[i].nadj < 2)
			continue;
		sort_u = i;
		qsort(c->nodes[i].adj, (size_t)c->nodes[i].nadj, sizeof(int), cmp_adj);
	}
	sort_ctx = NULL;
}

/*
** Extend the path at node u (position pos). bound is the most the path so
** far can weigh: links are weighed only when a path reaches the target.
*/
static void
dfs(struct wctx *c, int u, int pos, double bound)
{
	struct wnode *n = &c->nodes[u];

	if (c->rc || ++c->steps > WARM_STEP_CAP)
		return;
	if (u == c->target) {
		record(c, pos);
		return;
	}
	if (pos == c->hops)
		return;
	/* someone linked to the target directly introduces, never passes on */
	if (pos > 0 && n->direct) {
		for (int j = 0; j < n->nadj; j++) {
			int ei = n->adj[j];
			struct wedge *e = &c->edges[ei];
			if ((e->u == u ? e->v : e->u) != c->target)
				continue;
			if (!may_win_hops(c, bound * warm_link_hi(e), pos + 1))
				return;
			c->path_nodes[pos + 1] = c->target;
			c->path_edges[pos] = ei;
			record(c, pos + 1);
		}
		return;
	}
	n->on_path = true;
	for (int j = 0; j < n->nadj; j++) {
		int ei = n->adj[j];
		struct wedge *e = &c->edges[ei];
		int v = e->u == u ? e->v : e->u;
		int left = c->hops - pos - 1;    /* hops left after v */
		int db = c->nodes[v].dist_b;

		if (c->nodes[v].on_path)
			continue;
		if (v != c->target) {
			if (left == 0 || c->nodes[v].key < 0)
				continue;
			if (pos + 1 >= c->a ? (db < 0 || db > left) : (db > left))
				continue;
		}
		if (!may_win(c, bound * link_hope(c, u, ei)))
			break;          /* sorted by hope: the rest can do no better */
		if (!may_win_hops(c, bound * warm_link_hi(e) * c->nodes[v].h, pos + 1 + (v != c->target)))
			continue;
		c->path_nodes[pos + 1] = v;
		c->path_edges[pos] = ei;
		dfs(c, v, pos + 1, bound * warm_link_hi(e));
	}
	n = &c->nodes[u];
	n->on_path = false;
}

/* Is any statement of the connection still running? */
static bool
stmt_busy(struct kdb *db)
{
	for (sqlite3_stmt *st = sqlite3_next_stmt(db->h, NULL); st; st = sqlite3_next_stmt(db->h, st))
		if (sqlite3_stmt_busy(st))
			return true;
	return false;
}

/* One round: the k best paths of at most `hops` hops over links of strength smin or more. */
static enum kith_status
phase(struct wctx *c, struct kdb *db, struct kith_err *err, int64_t from,
      const struct warm_query *q, int hops, int smin, const struct wfound *floor,
      struct tcache *tc)
{
	memset(c, 0, sizeof *c);
	c->db = db;
	c->err = err;
	c->today_d = kdate_today();
	kdate_format(c->today_d, c->today);
	kdate_format(kdate_add_days(c->today_d, -365), c->year_ago);
	c->hops = hops;
	c->k = q->k ? q->k : WARM_DEFAULT_K;
	c->smin = smin;
	c->floor = floor ? floor->score : 0;
	c->floor_hops = floor ? floor->n : 0;
	c->tc = tc;
	c->start = warm_node_get(c, from);
	c->target = warm_node_get(c, q->to_contact_id ? q->to_contact_id : -q->to_org_id);
	c->best = xcalloc((size_t)c->k, sizeof *c->best);
	if ((c->rc = search(c)) != KITH_OK)
		return c->rc;
	estimate(c);
	c->path_nodes[0] = c->start;
	dfs(c, c->start, 0, 1.0);
	return c->rc;
}

enum kith_status
warm_paths(struct kdb *db, const struct warm_query *q, struct warm_path **out, int *n,
	   struct kith_err *err)
{
	struct wctx c;
	int64_t from = q->from_id ? q->from_id : kdb_me(db);
	enum kith_status rc;
	bool own_tx;
	struct tcache tc = {0};
	int max_hops = q->max_hops ? q->max_hops : WARM_DEFAULT_HOPS;

	*out = NULL;
	*n = 0;
	if (!from)
		return kith_err_set(err, KITH_INVALID,
				    "no contact is \"me\" yet: set one with kith me CONTACT");
	if ((q->to_contact_id != 0) == (q->to_org_id != 0))
		return kith_err_set(err, KITH_INVALID, "warm paths: need one target, a contact "
				    "or an organisation");
	if (q->k < 0 || q->k > WARM_MAX_K)
		return kith_err_set(err, KITH_INVALID, "paths %d: must be 1 to %d", q->k, WARM_MAX_K);
	if (q->max_hops < 0 || q->max_hops > WARM_MAX_HOPS)
		return kith_err_set(err, KITH_INVALID, "max hops %d: must be 1 to %d", q->max_hops,
				    WARM_MAX_HOPS);
	if (q->to_contact_id == from)
		return kith_err_set(err, KITH_INVALID, "contact #%lld: is where the paths start",
				    (long long)from);
	if ((rc = ent_has(db, ENT_CONTACT, from, err)))
		return rc;
	if (q->to_contact_id && (rc = ent_has(db, ENT_CONTACT, q->to_contact_id, err)))
		return rc;
	if (q->to_org_id && (rc = ent_has(db, ENT_ORG, q->to_org_id, err)))
		return rc;
	if ((rc = warm_sql_init(db, err)))
		return rc;

	/* one read transaction: one snapshot, and no lock taken per statement
	   (not when a caller is inside one, or still stepping a statement) */
	own_tx = sqlite3_get_autocommit(db->h) && !stmt_busy(db) &&
		 sqlite3_exec(db->h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
	/*
	 * Rounds. First paths of at most 3 hops over the strongest links:
	 * their k-th best (a path of every later round) is a floor, so links
	 * too weak to be on any path that good are left out of the next,
	 * wider round (a link weighs at most strength / 3, and a path no more
	 * than its weakest link). Each round finds the k best of its own
	 * links and hops; the last one's hold every link that can be on the
	 * k best paths of max_hops.
	 */
	memset(&c, 0, sizeof c);
	for (int hops = max_hops < 3 ? max_hops : 3, smin = 3;; ) {
		struct wfound lo = {0};

		if (c.smin) {
			int need = 1;
			if (c.nbest == c.k) {
				lo = c.best[c.k - 1];
				while (need < 3 && need / 3.0 < lo.score * (1 - 4 * EPS))
					need++;
			} else {
				lo.score = c.floor;
				lo.n = c.floor_hops;
				need = c.hops < max_hops ? c.smin : c.smin - 1;
			}
			if (c.hops == max_hops && (need >= c.smin || c.smin == 1))
				break;
			/* beyond four hops, a round of four first: a higher floor
			   keeps the longest searches short */
			hops = c.hops < 4 && max_hops > 4 ? 4 : max_hops;
			smin = need < c.smin ? need : c.smin;
			warm_ctx_free(&c);
		}
		if ((rc = phase(&c, db, err, from, q, hops, smin, lo.n ? &lo : NULL, &tc)) != KITH_OK)
			goto done;
	}
	if (c.nbest) {
		*out = xcalloc((size_t)c.nbest, sizeof **out);
		for (int i = 0; i < c.nbest; i++) {
			struct wfound *f = &c.best[i];
			(*out)[i].score = f->score;
			(*out)[i].nhops = f->n;
			for (int j = 0; j < f->n; j++)
				warm_hop_fill(&c, &(*out)[i].hops[j], &c.edges[f->edges[j]],
					 f->nodes[j + 1], j == 0);
		}
		*n = c.nbest;
	}
	if (from == kdb_me(db) && c.nnodes)
		warm_talked_first(&c, out, n, c.k);
done:
	if (own_tx)
		sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
	warm_ctx_free(&c);
	warm_tcache_free(&tc);
	return rc;
}
