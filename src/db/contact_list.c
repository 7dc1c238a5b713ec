/*
 * contact_list.c: windowed contact lists, counts and candidates (see
 * kith/contact.h); resolution is in contact_resolve.c.
 *
 * A window is a keyset query: the anchor row's sort key is read first by
 * primary key and then bound as parameters of a row-value comparison,
 * `(name_key, id) > (?, ?)`. SQLite seeks the sort's index with bound
 * values (it does not with a subquery), so a page costs the same anywhere
 * in 100,000 rows. The SQL of each variant (sort x direction x filters) is
 * assembled once from constant fragments, never from user text, and kept
 * for the life of the process so the statement cache can key on it.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/contact.h"
#include "kith/search.h"
#include "kith/str.h"
#include "kith/xalloc.h"

/* Columns every list row reads: see row_from_stmt. */
#define ROW_COLUMNS \
	"c.id, c.display_name, " \
	"(SELECT coalesce(o.name, '') FROM role r LEFT JOIN organisation o ON o.id = r.org_id " \
	"  WHERE r.contact_id = c.id AND r.end_date IS NULL " \
	"  ORDER BY r.start_date DESC, r.id DESC LIMIT 1), " \
	"(SELECT CASE WHEN r.seat = '' THEN r.title " \
	"  WHEN r.title = '' OR instr(r.seat, r.title) = 1 THEN r.seat " \
	"  ELSE r.title || ', ' || r.seat END FROM role r " \
	"  WHERE r.contact_id = c.id AND r.end_date IS NULL " \
	"  ORDER BY r.start_date DESC, r.id DESC LIMIT 1), " \
	"c.tier, c.influence, c.alignment, s.last_at, " \
	"(SELECT min(f.due) FROM followup f WHERE f.contact_id = c.id AND f.status = 'open'), " \
	"c.archived "

/* Internal sorts after the public ones: see sorts[]; SORT_COUNT: counting only. */
#define SORT_BY_MATCH 3
#define SORT_COUNT    4
#define KITH_STR_(x) #x
#define KITH_XSTR(x) KITH_STR_(x)
/* A search with more matches than this is listed by id, and counted no further. */
#define MATCH_SORT_CAP CONTACT_MATCH_CAP

struct sort_def {
	const char *from;           /* FROM clause, driving table first */
	const char *key_cols;       /* "(a, b)" row value of the sort key */
	const char *order_asc, *order_desc;
	const char *anchor_sql;     /* reads the anchor's key by id */
	int nkeys;
};

static const struct sort_def sorts[] = {
	[CONTACT_SORT_NAME] = {
		"FROM contact c JOIN contact_stat s ON s.contact_id = c.id ",
		"(c.name_key, c.id)",
		"c.name_key, c.id", "c.name_key DESC, c.id DESC",
		"SELECT name_key, id FROM contact WHERE id = ?", 2,
	},
	[CONTACT_SORT_LAST] = {
		"FROM contact_stat s JOIN contact c ON c.id = s.contact_id ",
		"(s.last_at, s.contact_id)",
		"s.last_at, s.contact_id", "s.last_at DESC, s.contact_id DESC",
		"SELECT last_at, contact_id FROM contact_stat WHERE contact_id = ?", 2,
	},
	[CONTACT_SORT_INFLUENCE] = {
		"FROM contact c JOIN contact_stat s ON s.contact_id = c.id ",
		"(c.influence_rank, c.name_key, c.id)",
		"c.influence_rank, c.name_key, c.id",
		"c.influence_rank DESC, c.name_key DESC, c.id DESC",
		/* and whether it has none (list_bind) */
		"SELECT influence_rank, name_key, id, influence IS NULL FROM contact WHERE id = ?", 3,
	},
	/*
	 * A search matching many contacts is listed in the full-text index's
	 * own order (by id) so that a page never materialises every match:
	 * "m" matches a quarter of a city, and sorting that by name costs
	 * tens of milliseconds per key. Small result sets keep the user's sort.
	 */
	[SORT_BY_MATCH] = {
		"FROM contact_fts f JOIN contact c ON c.id = f.rowid "
		"JOIN contact_stat s ON s.contact_id = c.id ",
		"(f.rowid)", "f.rowid", "f.rowid DESC",
		"SELECT id FROM contact WHERE id = ?", 1,
	},
};

#define F_MATCH    1
#define F_TAG      2            /* tag filter, walking the sort's index */
#define F_ARCHIVED 4            /* include archived contacts */
#define F_ANCHOR   8
#define F_BACK     16
#define F_TAGFEW   32           /* tag filter, from the tag's few members */
#define N_FLAGS    64
/* A tag with at most this many members is read from its own index and sorted. */
#define TAG_FEW    2000

static char *variant_sql[4 * N_FLAGS];
static char *count_sql[N_FLAGS];

static const char *
filters_sql(int f, bool by_match)
{
	static char *cache[2 * N_FLAGS];
	struct strbuf sb = { 0 };
	int k = (f & (F_MATCH | F_TAG | F_ARCHIVED | F_TAGFEW)) + (by_match ? N_FLAGS : 0);

	if (cache[k])
		return cache[k];
	sb_append(&sb, (f & F_ARCHIVED) ? "WHERE 1 " : "WHERE c.archived = 0 ");
	if (by_match)
		sb_append(&sb, "AND contact_fts MATCH :match ");
	else if (f & F_MATCH)
		sb_append(&sb, "AND c.id IN (SELECT rowid FROM contact_fts WHERE contact_fts MATCH :match) ");
	if (f & F_TAGFEW)
		sb_append(&sb, "AND c.id IN (SELECT ct.contact_id FROM contact_tag ct "
			       "WHERE ct.tag_id = :tag) ");
	else if (f & F_TAG)
		sb_append(&sb, "AND EXISTS (SELECT 1 FROM contact_tag ct "
			       "WHERE ct.contact_id = c.id AND ct.tag_id = :tag) ");
	cache[k] = sb_detach(&sb);
	return cache[k];
}

/*
** By influence: contact_by_influence holds only the contacts with an
** influence, so that a fresh import of 100,000 people with none sorts
** nothing for it (a sort of every name: 50 ms). The list is those, in that
** index's order, merged with the rest in contact_by_name's, on the sort
** key (columns 11 to 13). The rest's rank is 5, the last, as the triggers
** keep it (5 - coalesce(influence, 0), assets/schema.sql; an import's
** catch-up, bulk_db.c). An anchor bounds the second part by :u2, :u3
** (list_bind).
*/
static void
influence_sql(struct strbuf *sb, int f)
{
	const char *cmp = (f & F_BACK) ? "<" : ">", *dir = (f & F_BACK) ? " DESC" : "";

	for (int part = 0; part < 2; part++) {
		sb_append(sb, part ? "UNION ALL SELECT " : "SELECT ");
		sb_append(sb, ROW_COLUMNS ", c.influence_rank, c.name_key, c.id ");
		sb_append(sb, sorts[CONTACT_SORT_INFLUENCE].from);
		sb_append(sb, filters_sql(f, false));
		sb_append(sb, part ? "AND c.influence IS NULL AND c.influence_rank = 5 " :
				     "AND c.influence IS NOT NULL ");
		if ((f & F_ANCHOR) && part)
			sb_printf(sb, "AND (c.name_key, c.id) %s (:u2, :u3) ", cmp);
		else if (f & F_ANCHOR)
			sb_printf(sb, "AND (c.influence_rank, c.name_key, c.id) %s (:k1, :k2, :k3) ", cmp);
	}
	sb_printf(sb, "ORDER BY 11%s, 12%s, 13%s LIMIT :limit", dir, dir, dir);
}

static const char *
list_sql(int sort, int f)
{
	const struct sort_def *s = &sorts[sort];
	struct strbuf sb = { 0 };
	int idx = sort * N_FLAGS + f;

	if (variant_sql[idx])
		return variant_sql[idx];
	if (sort == CONTACT_SORT_INFLUENCE) {
		influence_sql(&sb, f);
		variant_sql[idx] = sb_detach(&sb);
		return variant_sql[idx];
	}
	sb_append(&sb, "SELECT " ROW_COLUMNS);
	sb_append(&sb, s->from);
	sb_append(&sb, filters_sql(f, sort == SORT_BY_MATCH));
	if (f & F_ANCHOR) {
		sb_printf(&sb, "AND %s %s (:k1%s%s) ", s->key_cols, (f & F_BACK) ? "<" : ">",
			  s->nkeys >= 2 ? ", :k2" : "", s->nkeys == 3 ? ", :k3" : "");
	}
	sb_printf(&sb, "ORDER BY %s LIMIT :limit", (f & F_BACK) ? s->order_desc : s->order_asc);
	variant_sql[idx] = sb_detach(&sb);
	return variant_sql[idx];
}

/* What a query selects, worked out before choosing the statement. */
struct list_ctx {
	int sort, f;
	sqlite3_stmt *ak;           /* anchor key row, or NULL */
	char *match;                /* FTS query text */
	int64_t tag_id;
	int64_t n_match;            /* matches, counted up to MATCH_SORT_CAP + 1 */
	bool empty;                 /* selects nothing (no words, unknown tag) */
};

static void
ctx_done(struct list_ctx *x)
{
	if (x->ak)
		sqlite3_reset(x->ak);
	free(x->match);
	x->ak = NULL;
	x->match = NULL;
}

/* Run a single-integer query with one text or integer parameter. */
static enum kith_status
query_int(struct kdb *db, const char *sql, const char *text, int64_t num, int64_t *out,
	  bool *found, struct kith_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (!(st = db_stmt(db, sql, err)))
		return KITH_DB;
	if (text)
		db_bind_text(st, 1, text);
	else
		sqlite3_bind_int64(st, 1, num);
	rc = sqlite3_step(st);
	*found = rc == SQLITE_ROW;
	if (*found)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, err, "contacts");
	return KITH_OK;
}

/*
** Work out the filters of q into x: the FTS text (a search matching more
** than MATCH_SORT_CAP contacts is listed by id, see sorts[]), the tag's id
** and whether its few members are read directly or the sort's index is
** walked and each row checked.
*/
static enum kith_status
ctx_filters(struct kdb *db, const struct contact_query *q, struct list_ctx *x,
	    struct kith_err *err)
{
	static const char q_count[] =
		"SELECT count(*) FROM (SELECT rowid FROM contact_fts WHERE contact_fts MATCH ? LIMIT "
		KITH_XSTR(MATCH_SORT_CAP) " + 1)";
	static const char q_tag[] = "SELECT id FROM tag WHERE name = ?";
	static const char q_members[] =
		"SELECT count(*) FROM (SELECT 1 FROM contact_tag WHERE tag_id = ? LIMIT "
		KITH_XSTR(TAG_FEW) " + 1)";
	enum kith_status rc;
	int64_t n;
	bool found;

	if (!q)
		return KITH_OK;
	if (q->include_archived)
		x->f |= F_ARCHIVED;
	if (!str_empty(q->match)) {
		if (db_check_text("search", q->match, err))
			return KITH_INVALID;
		if (!(x->match = search_fts_query(q->match))) {
			x->empty = true;
			return KITH_OK;
		}
		x->f |= F_MATCH;
		if ((rc = query_int(db, q_count, x->match, 0, &x->n_match, &found, err)))
			return rc;
		if (x->n_match > MATCH_SORT_CAP && x->sort != SORT_COUNT)
			x->sort = SORT_BY_MATCH;
	}
	if (!str_empty(q->tag)) {
		if (db_check_text("tag", q->tag, err))
			return KITH_INVALID;
		if ((rc = query_int(db, q_tag, q->tag, 0, &x->tag_id, &found, err)))
			return rc;
		if (!found) {
			x->empty = true;
			return KITH_OK;
		}
		if ((rc = query_int(db, q_members, NULL, x->tag_id, &n, &found, err)))
			return rc;
		x->f |= (n <= TAG_FEW || x->sort == SORT_BY_MATCH || x->sort == SORT_COUNT) ?
			F_TAGFEW : F_TAG;
	}
	return KITH_OK;
}

/* Set x up for a window: sort, filters, and the anchor's key (x->ak on its row). */
static enum kith_status
list_setup(struct kdb *db, const struct contact_query *q, int64_t anchor, int dir,
	   struct list_ctx *x, struct kith_err *err)
{
	enum kith_status rc;

	memset(x, 0, sizeof *x);
	x->sort = q ? (int)q->sort : CONTACT_SORT_NAME;
	if (x->sort < 0 || x->sort > CONTACT_SORT_INFLUENCE)
		return kith_err_set(err, KITH_INVALID, "contact sort %d: unknown", x->sort);
	if ((rc = ctx_filters(db, q, x, err)))
		return rc;
	if (dir < 0)
		x->f |= F_BACK;
	if (anchor) {
		x->f |= F_ANCHOR;
		if (!(x->ak = db_stmt(db, sorts[x->sort].anchor_sql, err)))
			return KITH_DB;
		sqlite3_bind_int64(x->ak, 1, anchor);
		if (sqlite3_step(x->ak) != SQLITE_ROW) {
			sqlite3_reset(x->ak);
			x->ak = NULL;
			return kith_err_set(err, KITH_NOTFOUND, "contact #%lld: no such contact",
					    (long long)anchor);
		}
	}
	return KITH_OK;
}

/* Bind a window or count statement's parameters from x. */
static void
list_bind(sqlite3_stmt *st, const struct list_ctx *x, int limit)
{
	if (x->ak) {
		static const char *const names[] = { ":k1", ":k2", ":k3" };
		for (int i = 0; i < sorts[x->sort].nkeys; i++)
			sqlite3_bind_value(st, sqlite3_bind_parameter_index(st, names[i]),
					   sqlite3_column_value(x->ak, i));
	}
	if (x->ak && x->sort == CONTACT_SORT_INFLUENCE) {
		int u2 = sqlite3_bind_parameter_index(st, ":u2"), u3 = sqlite3_bind_parameter_index(st, ":u3");
		/* from an anchor without influence: its name and id; from one with:
		   those without are all after it, none before (no key is below '' and
		   the least id) */
		if (sqlite3_column_int(x->ak, 3)) {
			sqlite3_bind_value(st, u2, sqlite3_column_value(x->ak, 1));
			sqlite3_bind_value(st, u3, sqlite3_column_value(x->ak, 2));
		} else {
			sqlite3_bind_text(st, u2, "", 0, SQLITE_STATIC);
			sqlite3_bind_int64(st, u3, INT64_MIN);
		}
	}
	if (x->f & F_MATCH)
		sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":match"), x->match, -1,
				  SQLITE_TRANSIENT);
	if (x->f & (F_TAG | F_TAGFEW))
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":tag"), x->tag_id);
	if (limit >= 0)
		sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":limit"), limit);
}

static void
row_from_stmt(sqlite3_stmt *st, struct contact_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->name = db_col_text(st, 1);
	r->org = db_col_text(st, 2);
	r->role = db_col_text(st, 3);
	r->tier = db_col_text(st, 4)[0];
	r->influence = sqlite3_column_int(st, 5);
	r->alignment = sqlite3_column_int(st, 6);
	r->last_at = db_col_text(st, 7);
	r->next_due = db_col_text(st, 8);
	r->archived = sqlite3_column_int(st, 9) != 0;
}

/* Step st to the end, calling fn for every row. */
static enum kith_status
emit_rows(struct kdb *db, sqlite3_stmt *st, contact_row_fn fn, void *ud,
	  struct kith_err *err)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct contact_row r;
		row_from_stmt(st, &r);
		if (fn(ud, &r))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_error(db, err, "contacts");
		sqlite3_reset(st);
		return err ? err->code : KITH_DB;
	}
	sqlite3_reset(st);
	return KITH_OK;
}

enum kith_status
contact_list(struct kdb *db, const struct contact_query *q, int64_t anchor, int dir,
	     int limit, contact_row_fn fn, void *ud, struct kith_err *err)
{
	struct list_ctx x;
	sqlite3_stmt *st;
	enum kith_status rc;

	if ((rc = list_setup(db, q, anchor, dir, &x, err)) || x.empty) {
		ctx_done(&x);
		return rc;
	}
	if (!(st = db_stmt(db, list_sql(x.sort, x.f), err))) {
		ctx_done(&x);
		return KITH_DB;
	}
	list_bind(st, &x, limit);
	ctx_done(&x);
	return emit_rows(db, st, fn, ud, err);
}

enum kith_status
contact_list_plan(struct kdb *db, const struct contact_query *q, int64_t anchor, int dir,
		  char **plan_out, struct kith_err *err)
{
	struct strbuf sql = { 0 }, plan = { 0 };
	sqlite3_stmt *st = NULL;
	struct list_ctx x;
	enum kith_status rc;

	*plan_out = NULL;
	if ((rc = list_setup(db, q, anchor, dir, &x, err))) {
		ctx_done(&x);
		return rc;
	}
	sb_append(&sql, "EXPLAIN QUERY PLAN ");
	sb_append(&sql, list_sql(x.sort, x.f));
	if (sqlite3_prepare_v2(db->h, sb_str(&sql), -1, &st, NULL) != SQLITE_OK) {
		rc = db_error(db, err, "query plan");
	} else {
		list_bind(st, &x, 50);
		while (sqlite3_step(st) == SQLITE_ROW)
			sb_printf(&plan, "%s\n", db_col_text(st, 3));
		*plan_out = plan.buf ? sb_detach(&plan) : xstrdup("");
	}
	ctx_done(&x);
	sqlite3_finalize(st);
	sb_free(&sql);
	return rc;
}

enum kith_status
contact_count(struct kdb *db, const struct contact_query *q, long long *out,
	      struct kith_err *err)
{
	struct list_ctx x;
	sqlite3_stmt *st;
	enum kith_status rc;

	*out = 0;
	memset(&x, 0, sizeof x);
	x.sort = SORT_COUNT;
	if ((rc = ctx_filters(db, q, &x, err)) || x.empty)
		goto done;
	/* the cost of counting grows with the matches: stop past the cap */
	if ((x.f & F_MATCH) && x.n_match > MATCH_SORT_CAP) {
		*out = x.n_match;
		goto done;
	}
	if (x.f == 0) {
		/* all contacts not archived: the trigger-kept count */
		rc = db_list_count(db, "contacts", out, err);
		goto done;
	}
	if (!count_sql[x.f]) {
		struct strbuf sb = { 0 };
		sb_append(&sb, "SELECT count(*) FROM contact c ");
		sb_append(&sb, filters_sql(x.f, false));
		count_sql[x.f] = sb_detach(&sb);
	}
	if (!(st = db_stmt(db, count_sql[x.f], err))) {
		rc = KITH_DB;
		goto done;
	}
	list_bind(st, &x, -1);
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = db_error(db, err, "contacts");
		sqlite3_reset(st);
		goto done;
	}
	*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
done:
	ctx_done(&x);
	return rc;
}

enum kith_status
contact_row_get(struct kdb *db, int64_t id, contact_row_fn fn, void *ud, struct kith_err *err)
{
	static const char sql[] =
		"SELECT " ROW_COLUMNS
		"FROM contact c JOIN contact_stat s ON s.contact_id = c.id WHERE c.id = ?";
	sqlite3_stmt *st;
	int rc;

	if (!(st = db_stmt(db, sql, err)))
		return KITH_DB;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return kith_err_set(err, KITH_NOTFOUND, "contact #%lld: no such contact",
				    (long long)id);
	}
	{
		struct contact_row r;
		row_from_stmt(st, &r);
		fn(ud, &r);
	}
	sqlite3_reset(st);
	return KITH_OK;
}

/* ---- candidates ------------------------------------------------------------ */

enum kith_status
contact_candidates(struct kdb *db, const char *prefix, int limit, contact_row_fn fn, void *ud,
		   struct kith_err *err)
{
	static const char q_recent[] =
		"SELECT " ROW_COLUMNS
		"FROM contact_stat s JOIN contact c ON c.id = s.contact_id WHERE c.archived = 0 "
		"ORDER BY s.last_at DESC, s.contact_id DESC LIMIT ?";
	static const char q_match[] =
		"SELECT " ROW_COLUMNS
		"FROM contact c JOIN contact_stat s ON s.contact_id = c.id "
		"WHERE c.id IN (SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?1 LIMIT 2000) "
		"ORDER BY c.archived, s.last_at DESC, c.name_key LIMIT ?2";
	sqlite3_stmt *st;
	char *q = str_empty(prefix) ? NULL : search_fts_query(prefix);

	if (!q) {
		if (!(st = db_stmt(db, q_recent, err)))
			return KITH_DB;
		sqlite3_bind_int(st, 1, limit);
		return emit_rows(db, st, fn, ud, err);
	}
	{
		struct strbuf sb = { 0 };
		enum kith_status rc;
		sb_printf(&sb, "{name nicknames} : (%s)", q);
		free(q);
		if (!(st = db_stmt(db, q_match, err))) {
			sb_free(&sb);
			return KITH_DB;
		}
		db_bind_text(st, 1, sb_str(&sb));
		sqlite3_bind_int(st, 2, limit);
		rc = emit_rows(db, st, fn, ud, err);
		sb_free(&sb);
		return rc;
	}
}
