/*
 * query_db.c: the people a query selects (see kith/query_db.h). The
 * condition is built from the fixed pieces below, one per kind of term;
 * every value the user typed is bound, never written into the SQL.
 */
#include "query_sql.h"
#include "row.h"

#include <stdlib.h>
#include <string.h>

#include "kith/query.h"
#include "kith/query_db.h"
#include "kith/search.h"
#include "kith/xalloc.h"

/*
 * The plan: one term drives, as the set of contact ids it selects (set; %d:
 * the number of its bound value); every other term is a check on each of
 * those people through an index by contact (check; %s: "NOT " when
 * negated), so a large set (16,000 tagged zoning) is never built when a
 * small one (the map's people) leads. The driver is the positive term with
 * the smallest set (pick_driver; ties to the lower rank); with none, every
 * contact is read.
 */
#define QF_FTS_SET "SELECT rowid AS id FROM contact_fts WHERE contact_fts MATCH ?%d"
/* a search term as a check of one person: their document in the small index */
#define QF_FTS_PROBE \
	"%sEXISTS (SELECT 1 FROM probe_fts WHERE probe_fts MATCH ?%d AND rowid = c.id)"
static const struct {
	const char *set, *check;
	int rank;
} fields[QF_COUNT_] = {
	[QF_WORD] = { QF_FTS_SET, "c.id %sIN (" QF_FTS_SET ")", 3 },
	[QF_ORG] = { QF_FTS_SET, "c.id %sIN (" QF_FTS_SET ")", 1 },
	[QF_ROLE] = { QF_FTS_SET, "c.id %sIN (" QF_FTS_SET ")", 2 },
	[QF_TAG] = {
		"SELECT ct.contact_id AS id FROM tag t JOIN contact_tag ct ON ct.tag_id = t.id "
		"WHERE t.name = ?%d",
		"%sEXISTS (SELECT 1 FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id "
		"WHERE ct.contact_id = c.id AND t.name = ?%d)", 4 },
	[QF_MAP] = {
		"SELECT contact_id AS id FROM placement WHERE map_id = ?%d "
		"AND contact_id IS NOT NULL",
		"%sEXISTS (SELECT 1 FROM placement WHERE map_id = ?%d AND contact_id = c.id)", 0 },
	/* (a value is never empty: "<> ''" lets the partial index answer) */
	[QF_DISTRICT] = { "SELECT id FROM contact WHERE district = ?%d COLLATE NOCASE"
			  " AND district <> ''",
			  "%s(c.district = ?%d COLLATE NOCASE)", 5 },
	[QF_TIER] = { "SELECT id FROM contact WHERE tier = ?%d", "%s(c.tier IS ?%d)", 7 },
	[QF_KIND] = {      /* (two current roles at schools: one person) */
		"SELECT DISTINCT r.contact_id AS id FROM organisation o JOIN role r "
		"ON r.org_id = o.id AND r.end_date IS NULL WHERE o.kind = ?%d",
		"%sEXISTS (SELECT 1 FROM role r JOIN organisation o ON o.id = r.org_id "
		"WHERE r.contact_id = c.id AND r.end_date IS NULL AND o.kind = ?%d)", 6 },
};

/* The map a map: term names: exactly (case ignored), else the one it prefixes. */
static enum kith_status
resolve_map(struct kdb *db, const char *name, int64_t *id, struct kith_err *err)
{
	static const char sql[] =
		"SELECT id, name, name = ?1 COLLATE NOCASE FROM power_map "
		"WHERE substr(lower(name), 1, length(?1)) = lower(?1) ORDER BY 3 DESC, 2 LIMIT 3";
	sqlite3_stmt *st = db_stmt(db, sql, err);
	struct strbuf names = { 0 };
	enum kith_status rc = KITH_OK;
	int r, n = 0;

	if (!st)
		return KITH_DB;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	*id = 0;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if (!n++)
			*id = sqlite3_column_int64(st, 0);
		if (sqlite3_column_int(st, 2)) {
			n = 1;
			break;
		}
		sb_printf(&names, "%s\"%s\"", names.len ? ", " : "", db_col_text(st, 1));
	}
	sqlite3_reset(st);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		rc = db_error(db, err, "map");
	else if (n == 0)
		rc = kith_err_set(err, KITH_NOTFOUND, "map:%s: no such map", name);
	else if (n > 1)
		rc = kith_err_set(err, KITH_AMBIGUOUS, "map:%s: several maps (%s)", name,
				  sb_str(&names));
	sb_free(&names);
	return rc;
}

static void
add_val(struct query_sql *qs, char *text, int64_t id)
{
	qs->vals = xrealloc(qs->vals, (size_t)(qs->n + 1) * sizeof *qs->vals);
	qs->vals[qs->n++] = (struct query_val){ text, id };
}

/* The FTS query of a term: words as prefixes, org: and role: within their column. */
static char *
fts_of(const struct query_term *t)
{
	char *words = search_fts_query(t->value), *out;
	struct strbuf sb = { 0 };

	if (!words || t->field == QF_WORD)
		return words;
	sb_printf(&sb, "%s : (%s)", t->field == QF_ORG ? "org" : "role", words);
	free(words);
	out = sb_detach(&sb);
	return out;
}

/*
 * Each positive term's set counted up to a cap (an index-only walk that
 * stops there): ?1 its value, ?2 the cap. The smallest set drives; a walk
 * of 16,000 people tagged housing to find the 22 of tier A in District 7
 * costs ten times the walk of tier A's 2,000.
 */
#define ESTIMATE_CAP 4096
static const char *const field_estimate[QF_COUNT_] = {
	[QF_WORD] = "SELECT count(*) FROM (SELECT 1 FROM contact_fts WHERE contact_fts MATCH ?1 "
		    "LIMIT ?2)",
	[QF_ORG] = "SELECT count(*) FROM (SELECT 1 FROM contact_fts WHERE contact_fts MATCH ?1 "
		   "LIMIT ?2)",
	[QF_ROLE] = "SELECT count(*) FROM (SELECT 1 FROM contact_fts WHERE contact_fts MATCH ?1 "
		    "LIMIT ?2)",
	[QF_TAG] = "SELECT count(*) FROM (SELECT 1 FROM tag t JOIN contact_tag ct "
		   "ON ct.tag_id = t.id WHERE t.name = ?1 LIMIT ?2)",
	[QF_MAP] = "SELECT count(*) FROM (SELECT 1 FROM placement WHERE map_id = ?1 "
		   "AND contact_id IS NOT NULL LIMIT ?2)",
	[QF_DISTRICT] = "SELECT count(*) FROM (SELECT 1 FROM contact WHERE district = ?1 "
			"COLLATE NOCASE AND district <> '' LIMIT ?2)",
	[QF_TIER] = "SELECT count(*) FROM (SELECT 1 FROM contact WHERE tier = ?1 LIMIT ?2)",
	[QF_KIND] = "SELECT count(*) FROM (SELECT 1 FROM organisation o JOIN role r "
		    "ON r.org_id = o.id AND r.end_date IS NULL WHERE o.kind = ?1 LIMIT ?2)",
};

/* How many term t's set holds, up to cap (cap on an error: the estimate is only a plan). */
static long
estimate(struct kdb *db, const struct query_term *t, const struct query_val *v, long cap)
{
	sqlite3_stmt *st = db_stmt(db, field_estimate[t->field], NULL);
	long n = cap;

	if (!st)
		return cap;
	if (v->text)
		sqlite3_bind_text(st, 1, v->text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int64(st, 1, v->id);
	sqlite3_bind_int64(st, 2, cap);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

/*
 * The term that drives: with one positive term, it; with several and
 * count set, the one whose set is smallest (counted up to ESTIMATE_CAP, in
 * the order of rank, each count stopping at the smallest so far), ties and
 * sets past the cap going to the lower rank; without count, the lowest
 * rank. -1 with none.
 */
static int
pick_driver(struct kdb *db, const struct query *q, const struct query_val *vals, bool count)
{
	int order[QF_COUNT_ * 4], n = 0, drive = -1, npos = 0;
	long best = ESTIMATE_CAP;

	for (int i = 0; i < q->n; i++)
		if (!q->terms[i].neg) {
			npos++;
			if (drive < 0 || fields[q->terms[i].field].rank <
			    fields[q->terms[drive].field].rank)
				drive = i;
		}
	if (!count || npos < 2 || q->n > (int)(sizeof order / sizeof order[0]))
		return drive;
	for (int r = 0; r < QF_COUNT_; r++)
		for (int i = 0; i < q->n; i++)
			if (!q->terms[i].neg && fields[q->terms[i].field].rank == r)
				order[n++] = i;
	for (int k = 0; k < n && best > 0; k++) {
		long e = estimate(db, &q->terms[order[k]], &vals[order[k]], best);
		if (e < best) {
			best = e;
			drive = order[k];
		}
	}
	return drive;
}

enum kith_status
db_query_sql(struct kdb *db, const struct query *q, int first, enum query_plan plan,
	     struct query_sql *out, struct kith_err *err)
{
	enum kith_status rc = KITH_OK;
	int drive;

	memset(out, 0, sizeof *out);
	for (int i = 0; i < q->n && !rc; i++) {
		const struct query_term *t = &q->terms[i];
		char *text = NULL;
		int64_t id = 0;

		if (db_check_text("query", t->value, err))
			rc = KITH_INVALID;
		else if (t->field == QF_WORD || t->field == QF_ORG || t->field == QF_ROLE) {
			if (!(text = fts_of(t)))
				rc = kith_err_set(err, KITH_INVALID, "%s%s%s%s: has no letters or "
						  "digits to search for", t->neg ? "-" : "",
						  query_field_name(t->field),
						  t->field == QF_WORD ? "" : ":", t->value);
		} else if (t->field == QF_MAP) {
			rc = resolve_map(db, t->value, &id, err);
		} else {
			text = xstrdup(t->value);
		}
		if (!rc)
			add_val(out, text, id);
	}
	if (rc) {
		db_query_sql_free(out);
		return rc;
	}
	drive = plan == QPLAN_CHECK ? -1 : pick_driver(db, q, out->vals, plan == QPLAN_SMALLEST);
	sb_append(&out->cond, "c.archived = 0");
	for (int i = 0; i < q->n; i++) {
		const struct query_term *t = &q->terms[i];
		bool fts = t->field == QF_WORD || t->field == QF_ORG || t->field == QF_ROLE;

		if (i == drive)
			continue;
		sb_append(&out->cond, " AND ");
		sb_printf(&out->cond, plan == QPLAN_CHECK && fts ? QF_FTS_PROBE : fields[t->field].check,
			  t->neg ? "NOT " : "", first + i);
	}
	sb_append(&out->where, sb_str(&out->cond));
	if (drive < 0) {
		sb_append(&out->from, "contact c");
		return KITH_OK;
	}
	sb_append(&out->where, " AND c.id IN (");
	sb_printf(&out->where, fields[q->terms[drive].field].set, first + drive);
	sb_appendc(&out->where, ')');
	/* the driver's set first, each of its people looked up as it comes */
	sb_appendc(&out->from, '(');
	sb_printf(&out->from, fields[q->terms[drive].field].set, first + drive);
	sb_append(&out->from, ") d CROSS JOIN contact c ON c.id = d.id");
	return KITH_OK;
}

enum kith_status
db_query_probe_fill(struct kdb *db, const char *ids, struct kith_err *err)
{
	/* a table of the connection (migration 21), made at its first use:
	   contact_fts's columns and tokenizer, without its prefix indexes */
	static const char make[] = "CREATE VIRTUAL TABLE IF NOT EXISTS temp.probe_fts USING "
		"fts5(name, nicknames, org, role, tags, notes, "
		"tokenize = 'unicode61 remove_diacritics 2')";
	static const char clear[] = "DELETE FROM temp.probe_fts";
	struct strbuf sql = { 0 };
	enum kith_status rc;

	if (sqlite3_exec(db->h, make, NULL, NULL, NULL) != SQLITE_OK)
		return db_error(db, err, "query");
	if ((rc = db_run(db, clear, "query", err, "")))
		return rc;
	sb_printf(&sql, "INSERT INTO temp.probe_fts(rowid, name, nicknames, org, role, tags, notes) "
		  "SELECT rowid, name, nicknames, org, role, tags, notes FROM contact_fts "
		  "WHERE rowid IN (%s)", ids);
	if (sqlite3_exec(db->h, sb_str(&sql), NULL, NULL, NULL) != SQLITE_OK)
		rc = db_error(db, err, "query");
	sb_free(&sql);
	return rc;
}

void
db_query_bind(sqlite3_stmt *st, const struct query_sql *qs, int first)
{
	for (int i = 0; i < qs->n; i++) {
		if (qs->vals[i].text)
			sqlite3_bind_text(st, first + i, qs->vals[i].text, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_int64(st, first + i, qs->vals[i].id);
	}
}

void
db_query_sql_free(struct query_sql *qs)
{
	for (int i = 0; i < qs->n; i++)
		free(qs->vals[i].text);
	free(qs->vals);
	sb_free(&qs->where);
	sb_free(&qs->from);
	sb_free(&qs->cond);
	memset(qs, 0, sizeof *qs);
}

/* Prepare "SELECT <what> FROM contact c WHERE <q> <tail>" with q's values from ?2. */
static enum kith_status
prepare(struct kdb *db, const struct query *q, const char *what, const char *tail,
	sqlite3_stmt **st, struct kith_err *err)
{
	struct query_sql qs;
	struct strbuf sql = { 0 };
	enum kith_status rc;

	*st = NULL;
	if ((rc = db_query_sql(db, q, 2, QPLAN_SMALLEST, &qs, err)))
		return rc;
	sb_printf(&sql, "SELECT %s FROM contact c WHERE %s %s", what, sb_str(&qs.where), tail);
	if (sqlite3_prepare_v2(db->h, sb_str(&sql), -1, st, NULL) != SQLITE_OK)
		rc = db_error(db, err, "query");
	else
		db_query_bind(*st, &qs, 2);
	sb_free(&sql);
	db_query_sql_free(&qs);
	return rc;
}

enum kith_status
query_select(struct kdb *db, const struct query *q, int limit, query_id_fn fn, void *ud,
	     struct kith_err *err)
{
	sqlite3_stmt *st;
	enum kith_status rc = prepare(db, q, "c.id", "ORDER BY c.id LIMIT ?1", &st, err);
	int r;

	if (rc)
		return rc;
	sqlite3_bind_int(st, 1, limit > 0 ? limit : -1);
	while ((r = sqlite3_step(st)) == SQLITE_ROW)
		if (fn(ud, sqlite3_column_int64(st, 0)))
			break;
	return db_final(db, st, r, "query", err);
}

enum kith_status
query_count(struct kdb *db, const struct query *q, long long *out, struct kith_err *err)
{
	sqlite3_stmt *st;
	enum kith_status rc = prepare(db, q, "count(*)", "AND ?1 IS NULL", &st, err);

	*out = 0;
	if (rc)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else
		rc = db_error(db, err, "query");
	sqlite3_finalize(st);
	return rc;
}

enum kith_status
query_select_text(struct kdb *db, const char *text, int limit, query_id_fn fn, void *ud,
		  struct kith_err *err)
{
	struct query q;
	enum kith_status rc = query_parse(text, &q, err);

	if (rc)
		return rc;
	rc = query_select(db, &q, limit, fn, ud, err);
	query_free(&q);
	return rc;
}

enum kith_status
query_people(struct kdb *db, const struct query *q, int limit,
	     int (*fn)(void *ud, const struct search_hit *hit), void *ud, struct kith_err *err)
{
	sqlite3_stmt *st;
	enum kith_status rc = prepare(db, q, "c.id, c.display_name, (SELECT trim(f.org || "
				      "CASE WHEN f.org <> '' AND f.role <> '' THEN ' · ' ELSE '' END "
				      "|| f.role) FROM contact_fts f WHERE f.rowid = c.id)",
				      "ORDER BY c.name_key, c.id LIMIT ?1", &st, err);
	int r;

	if (rc)
		return rc;
	sqlite3_bind_int(st, 1, limit > 0 ? limit : -1);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct search_hit h = { .kind = SEARCH_CONTACT, .id = sqlite3_column_int64(st, 0),
					.title = db_col_text(st, 1), .detail = db_col_text(st, 2) };
		if (fn(ud, &h))
			break;
	}
	return db_final(db, st, r, "query", err);
}
