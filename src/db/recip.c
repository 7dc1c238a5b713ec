/*
 * recip.c: reciprocity (kith/health.h, recip.h): everyone's gives and asks
 * for the health report, gathered from the rows that give or ask through
 * the partial indexes of migration 14 into an array in contact order; and
 * one person's, for the card and the review.
 */
#include "internal.h"
#include "ent.h"
#include "recip.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/str.h"
#include "kith/xalloc.h"

/*
** Put the k first of v[0..n) by cmp, sorted, in v[0..k) (the rest after
** them in no order): a pass with one comparison for most elements instead
** of sorting tens of thousands of rows to list twenty. k <= 0: sort all.
*/
void
first_k(void *v, size_t n, size_t size, long k, int (*cmp)(const void *, const void *))
{
	char *b = v, tmp[128];

	if (n == 0)             /* v may be NULL: qsort wants an array */
		return;
	if (k <= 0 || (size_t)k >= n || size > sizeof tmp) {
		qsort(v, n, size, cmp);
		return;
	}
	qsort(v, (size_t)k, size, cmp);
	for (size_t i = (size_t)k; i < n; i++) {
		size_t lo = 0, hi = (size_t)k - 1;
		if (cmp(b + i * size, b + hi * size) >= 0)
			continue;
		while (lo < hi) {           /* the first of the k that comes after it */
			size_t mid = (lo + hi) / 2;
			if (cmp(b + i * size, b + mid * size) < 0)
				hi = mid;
			else
				lo = mid + 1;
		}
		memcpy(tmp, b + ((size_t)k - 1) * size, size);
		memmove(b + (lo + 1) * size, b + lo * size, ((size_t)k - 1 - lo) * size);
		memcpy(b + lo * size, b + i * size, size);
		memcpy(b + i * size, tmp, size);
	}
}

/* ---- reciprocity by contact ------------------------------------------------------- */

/*
 * Everyone's gives and asks are read in runs in contact order (each arm of
 * the statement below walks an index by contact), a contact's rows of one
 * run added up as they come; the runs are then merged. No hash table: at
 * city scale, 120,000 lookups at random places in memory cost more than
 * the rest of the walk.
 */
enum { RG_INTRO, RG_HELP, RG_KEPT, RA_INTRO, RA_FAVOUR, RA_OWED };

static void
recip_count(struct health_recip *r, int what)
{
	switch (what) {
	case RG_INTRO: r->gave_intros++; r->gave++; break;
	case RG_HELP: r->gave_help++; r->gave++; break;
	case RG_KEPT: r->gave_kept++; r->gave++; break;
	case RA_INTRO: r->asked_intros++; r->asked++; break;
	case RA_FAVOUR: r->asked_favours++; r->asked++; break;
	default: r->asked_owed++; r->asked++; break;
	}
}

static void
recip_add(struct health_recip *r, const struct health_recip *x)
{
	r->gave_intros += x->gave_intros;
	r->gave_help += x->gave_help;
	r->gave_kept += x->gave_kept;
	r->asked_intros += x->asked_intros;
	r->asked_favours += x->asked_favours;
	r->asked_owed += x->asked_owed;
	r->gave += x->gave;
	r->asked += x->asked;
}

/* The rows read so far: runs in contact order, one entry per contact in each. */
struct gather {
	struct health_recip *v;
	int n, cap;
	int *run;                   /* where each run starts */
	int nrun, caprun;
	int64_t me;
};

/* Count what for contact id: into the last entry if it is id's, else a new one. */
static void
gather_count(struct gather *g, int64_t id, int what)
{
	if (!g->n || g->v[g->n - 1].contact_id != id) {
		if (!g->n || g->v[g->n - 1].contact_id > id) {         /* a new run */
			if (g->nrun == g->caprun) {
				g->caprun = g->caprun ? g->caprun * 2 : 8;
				g->run = xreallocarray(g->run, (size_t)g->caprun, sizeof *g->run);
			}
			g->run[g->nrun++] = g->n;
		}
		if (g->n == g->cap) {
			g->cap = g->cap ? g->cap * 2 : 1024;
			g->v = xreallocarray(g->v, (size_t)g->cap, sizeof *g->v);
		}
		g->v[g->n++] = (struct health_recip){ .contact_id = id };
	}
	recip_count(&g->v[g->n - 1], what);
}

static int
recip_by_id(const void *a, const void *b)
{
	const struct health_recip *x = a, *y = b;
	return (x->contact_id > y->contact_id) - (x->contact_id < y->contact_id);
}

/* Append x to t, added to t's last entry if it is the same contact's. */
static void
rtable_put(struct rtable *t, const struct health_recip *x)
{
	if (t->n && t->v[t->n - 1].contact_id == x->contact_id)
		recip_add(&t->v[t->n - 1], x);
	else
		t->v[t->n++] = *x;
}

/* The gather's runs merged into t: one entry per contact, in contact order. */
static void
gather_merge(struct gather *g, struct rtable *t)
{
	enum { MERGE_MAX = 16 };    /* more runs than the statement's arms: sort them all */
	int pos[MERGE_MAX], end[MERGE_MAX];

	t->v = xreallocarray(NULL, (size_t)g->n + 1, sizeof *t->v);
	t->live = xcalloc((size_t)g->n + 1, sizeof *t->live);
	t->n = 0;
	if (g->nrun > MERGE_MAX) {
		qsort(g->v, (size_t)g->n, sizeof *g->v, recip_by_id);
		for (int i = 0; i < g->n; i++)
			rtable_put(t, &g->v[i]);
		return;
	}
	for (int r = 0; r < g->nrun; r++) {
		pos[r] = g->run[r];
		end[r] = r + 1 < g->nrun ? g->run[r + 1] : g->n;
	}
	for (;;) {
		int best = -1;
		for (int r = 0; r < g->nrun; r++)
			if (pos[r] < end[r] && (best < 0 || g->v[pos[r]].contact_id <
						g->v[pos[best]].contact_id))
				best = r;
		if (best < 0)
			break;
		rtable_put(t, &g->v[pos[best]++]);
	}
}

/*
 * Each row is counted by kith_health_recip(contact id, what[, ...]) inside
 * SQLite, into the gather db->health_walk points to (health.c registers
 * the function, with the connection as its user data), what being RG_* or
 * RA_*, or RECIP_EXCHANGE (the interaction's mark follows) or
 * RECIP_DIRECTION (the follow-up's direction and status follow). ?1 is me.
 * The marked interactions come through interaction_contact_by_exchange, the
 * promises through followup_by_direction, the introductions through
 * followup_by_intro_a, _b and _by (mine: both sides; theirs: the
 * introducer): each in contact order.
 */
enum { RECIP_EXCHANGE = -1, RECIP_DIRECTION = -2 };

static const char sql_recip_all[] =
	"SELECT 1 FROM interaction_contact WHERE exchange <> 'none' "
	"AND kith_health_recip(contact_id, -1, exchange) "
	"UNION ALL "
	"SELECT 1 FROM followup WHERE direction <> 'none' AND contact_id IS NOT NULL "
	"AND kith_health_recip(contact_id, -2, direction, status) "
	"UNION ALL "
	"SELECT 1 FROM followup WHERE intro_by_id = ?1 AND intro_a_id IS NOT NULL "
	"AND intro_stage <> 'none' AND intro_stage <> 'requested' "
	"AND kith_health_recip(intro_a_id, 0) "
	"UNION ALL "
	"SELECT 1 FROM followup WHERE intro_by_id = ?1 AND intro_b_id IS NOT NULL "
	"AND intro_stage <> 'none' AND intro_stage <> 'requested' AND intro_b_id IS NOT intro_a_id "
	"AND kith_health_recip(intro_b_id, 0) "
	"UNION ALL "
	"SELECT 1 FROM followup WHERE intro_by_id IS NOT NULL AND intro_by_id <> ?1 "
	"AND intro_stage <> 'none' AND kith_health_recip(intro_by_id, 3)";

/* Is v the text word of n bytes (as SQL's = compares)? */
static inline bool
arg_is(sqlite3_value *v, const char *word, int n)
{
	return sqlite3_value_type(v) == SQLITE_TEXT && sqlite3_value_bytes(v) == n &&
	       !memcmp(sqlite3_value_blob(v), word, (size_t)n);
}

void
recip_sql_count(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	struct gather *g = ((struct kdb *)sqlite3_user_data(cx))->health_walk;
	int64_t id;
	int what;

	if (!g || argc < 2) {
		sqlite3_result_error(cx, "health: no reciprocity", -1);
		return;
	}
	sqlite3_result_int(cx, 0);
	id = sqlite3_value_int64(argv[0]);
	what = sqlite3_value_int(argv[1]);
	if (what == RECIP_EXCHANGE && argc > 2) {
		what = arg_is(argv[2], "give", 4) ? RG_HELP : RA_FAVOUR;
	} else if (what == RECIP_DIRECTION && argc > 3) {
		if (arg_is(argv[2], "owe", 3) && arg_is(argv[3], "done", 4))
			what = RG_KEPT;
		else if (arg_is(argv[2], "owed", 4) && sqlite3_value_type(argv[3]) != SQLITE_NULL &&
			 !arg_is(argv[3], "dropped", 7))
			what = RA_OWED;
		else
			return;
	} else if (what < RG_INTRO || what > RA_OWED) {
		return;
	}
	if (id != g->me)
		gather_count(g, id, what);
}

enum kith_status
recip_gather(struct kdb *db, int64_t me, struct rtable *t, struct kith_err *err)
{
	sqlite3_stmt *st = db_stmt(db, sql_recip_all, err);
	struct gather g = { .me = me };
	enum kith_status s;
	int rc;

	if (!st)
		return KITH_DB;
	sqlite3_bind_int64(st, 1, me);
	db->health_walk = &g;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	db->health_walk = NULL;
	if (!(s = ent_finish(db, st, rc, "health", err)))
		gather_merge(&g, t);
	free(g.v);
	free(g.run);
	return s;
}

static int
recip_cmp(const void *a, const void *b)
{
	const struct health_recip *x = a, *y = b;
	bool ox = x->gave == 0, oy = y->gave == 0;

	if (ox != oy)
		return ox ? -1 : 1;
	if (x->asked - x->gave != y->asked - y->gave)
		return x->asked - x->gave > y->asked - y->gave ? -1 : 1;
	if (x->asked != y->asked)
		return x->asked > y->asked ? -1 : 1;
	return (x->contact_id > y->contact_id) - (x->contact_id < y->contact_id);
}

/* The name of a contact listed, or NULL if it is archived or gone. */
static enum kith_status
listed_name(struct kdb *db, int64_t id, char **out, struct kith_err *err)
{
	static const char sql[] = "SELECT display_name FROM contact WHERE id = ?1 AND archived = 0";
	sqlite3_stmt *st = db_stmt(db, sql, err);
	int rc;

	*out = NULL;
	if (!st)
		return KITH_DB;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*out = xstrdup(db_col_text(st, 0));
	return ent_finish(db, st, rc, "health", err);
}

/*
** The people listed: those the contact walk found (not archived), in
** order; names only for the first p->limit.
*/
enum kith_status
recip_list(struct kdb *db, const struct health_params *p, struct rtable *t,
	   struct health_report *out, struct kith_err *err)
{
	enum kith_status rc = KITH_OK;
	int live = 0, n = 0;

	for (int i = 0; i < t->n; i++)
		if (t->live[i])
			t->v[live++] = t->v[i];
	first_k(t->v, (size_t)live, sizeof *t->v, p->limit, recip_cmp);
	out->total_recip = live;
	for (int i = 0; i < live; i++)
		out->only_asked += t->v[i].gave == 0;
	out->recip = xcalloc((size_t)live + 1, sizeof *out->recip);
	for (int i = 0; i < live && !rc && (p->limit <= 0 || n < p->limit); i++) {
		char *name;
		if ((rc = listed_name(db, t->v[i].contact_id, &name, err)) || !name)
			continue;
		out->recip[n] = t->v[i];
		out->recip[n++].name = name;
	}
	out->n_recip = n;
	return rc;
}

void
rtable_free(struct rtable *t)
{
	free(t->v);
	free(t->live);
	memset(t, 0, sizeof *t);
}

/* ---- one person --------------------------------------------------------------------- */

/* One contact's counts: the asks, then the gives. */
static const char sql_recip_one[] = "SELECT " RECIP_ASK_COLS ", " RECIP_GIVE_COLS;

void
recip_read_asks(sqlite3_stmt *st, int col, struct health_recip *r)
{
	r->asked_favours = sqlite3_column_int(st, col);
	r->asked_owed = sqlite3_column_int(st, col + 1);
	r->asked_intros = sqlite3_column_int(st, col + 2);
	r->asked = r->asked_favours + r->asked_owed + r->asked_intros;
}

enum kith_status
recip_one(struct kdb *db, int64_t me, int64_t contact_id, struct health_recip *out,
	  struct kith_err *err)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof *out);
	out->contact_id = contact_id;
	if (!contact_id || contact_id == me)
		return KITH_OK;
	if (!(st = db_stmt(db, sql_recip_one, err)))
		return KITH_DB;
	sqlite3_bind_int64(st, 1, contact_id);
	sqlite3_bind_int64(st, 2, me);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		recip_read_asks(st, 0, out);
		out->gave_help = sqlite3_column_int(st, 3);
		out->gave_kept = sqlite3_column_int(st, 4);
		out->gave_intros = sqlite3_column_int(st, 5);
		out->gave = out->gave_help + out->gave_kept + out->gave_intros;
	}
	return ent_finish(db, st, rc, "reciprocity", err);
}

enum kith_status
health_recip_for(struct kdb *db, int64_t contact_id, struct health_recip *out,
		 struct kith_err *err)
{
	return recip_one(db, kdb_me(db), contact_id, out, err);
}

static void
words_add(struct strbuf *sb, int n, const char *one, const char *many)
{
	if (n)
		sb_printf(sb, "%s%d %s", sb->len ? ", " : "", n, n == 1 ? one : many);
}

void
health_recip_words(const struct health_recip *r, bool asked, char *out, size_t size)
{
	struct strbuf sb = { 0 };

	if (asked) {
		words_add(&sb, r->asked_intros, "introduction", "introductions");
		words_add(&sb, r->asked_favours, "favour", "favours");
		words_add(&sb, r->asked_owed, "owed to you", "owed to you");
	} else {
		words_add(&sb, r->gave_intros, "introduction", "introductions");
		words_add(&sb, r->gave_help, "help", "helps");
		words_add(&sb, r->gave_kept, "promise kept", "promises kept");
	}
	snprintf(out, size, "%s", sb.len ? sb_str(&sb) : "nothing");
	sb_free(&sb);
}
