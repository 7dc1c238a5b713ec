/*
 * recip.c: reciprocity (kith/health.h, recip.h): everyone's gives and asks
 * for the health report, gathered from the rows that give or ask through
 * the partial indexes of migration 14 into a table keyed by contact; and
 * one person's, for the card and the review.
 */
#include "internal.h"
#include "ent.h"
#include "recip.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/idmap.h"
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

/* The index of id's entry, or -1. */
int
rtable_find(const struct rtable *t, int64_t id)
{
	return idmap_get(&t->ix, id);
}

static struct health_recip *
rtable_get(struct rtable *t, int64_t id)
{
	int i = idmap_get(&t->ix, id);

	if (i >= 0)
		return &t->v[i];
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->v = xreallocarray(t->v, (size_t)t->cap, sizeof *t->v);
		t->live = xreallocarray(t->live, (size_t)t->cap, sizeof *t->live);
	}
	memset(&t->v[t->n], 0, sizeof t->v[t->n]);
	t->live[t->n] = 0;
	t->v[t->n].contact_id = id;
	idmap_set(&t->ix, id, t->n);
	return &t->v[t->n++];
}

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

/*
 * Each row: a contact id and what it counts as (RG_* or RA_*). ?1 is me.
 * The marked interactions come through interaction_contact_by_exchange, the
 * promises through followup_by_direction, the introductions through
 * followup_by_intro_by (mine: both sides; theirs: the introducer).
 */
static const char sql_recip_all[] =
	"SELECT contact_id, CASE exchange WHEN 'give' THEN 1 ELSE 4 END "
	"FROM interaction_contact WHERE exchange <> 'none' "
	"UNION ALL "
	"SELECT contact_id, CASE direction WHEN 'owe' THEN 2 ELSE 5 END FROM followup "
	"WHERE direction <> 'none' AND contact_id IS NOT NULL "
	"AND ((direction = 'owe' AND status = 'done') OR (direction = 'owed' AND status <> 'dropped')) "
	"UNION ALL "
	"SELECT intro_a_id, 0 FROM followup WHERE intro_by_id = ?1 AND intro_a_id IS NOT NULL "
	"AND intro_stage <> 'none' AND intro_stage <> 'requested' "
	"UNION ALL "
	"SELECT intro_b_id, 0 FROM followup WHERE intro_by_id = ?1 AND intro_b_id IS NOT NULL "
	"AND intro_stage <> 'none' AND intro_stage <> 'requested' AND intro_b_id IS NOT intro_a_id "
	"UNION ALL "
	"SELECT intro_by_id, 3 FROM followup WHERE intro_by_id IS NOT NULL AND intro_by_id <> ?1 "
	"AND intro_stage <> 'none'";

enum kith_status
recip_gather(struct kdb *db, int64_t me, struct rtable *t, struct kith_err *err)
{
	sqlite3_stmt *st = db_stmt(db, sql_recip_all, err);
	int rc;

	if (!st)
		return KITH_DB;
	sqlite3_bind_int64(st, 1, me);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (id != me)
			recip_count(rtable_get(t, id), sqlite3_column_int(st, 1));
	}
	return ent_finish(db, st, rc, "health", err);
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
	idmap_free(&t->ix);
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
