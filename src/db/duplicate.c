/*
 * duplicate.c: the possible-duplicates pass, "not the same person", and
 * merging two contacts (kith/duplicate.h says what each does).
 *
 * The pass reads each kind of match as groups from an index (GROUP BY
 * name_key or value_key HAVING count(*) > 1), then the pairs inside the
 * small groups: its cost follows the contacts and channels, never their
 * square. Candidate rows (a, b, reason, detail) are sorted and folded
 * into one pair each; then names and organisations are read per pair.
 *
 * The merge's undo step has three parts (db_change_split): the rows that
 * point at the dropped contact moved, the dropped contact deleted, the
 * kept contact's fields. A redo deletes the dropped contact only once
 * nothing refers to it (a delete's ON DELETE actions would otherwise
 * empty rows the redo then moves); an undo re-creates it before its rows
 * move back (so their triggers find it and recompute its last contact).
 */
#include "ent.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/duplicate.h"
#include "kith/merge.h"
#include "kith/str.h"
#include "kith/xalloc.h"

const char *
dup_reason_name(enum dup_reason r)
{
	static const char *const names[DUP_REASON_COUNT_] = { "name", "email", "phone" };
	return (unsigned)r < DUP_REASON_COUNT_ ? names[r] : "";
}

/* ---- the pass ------------------------------------------------------------------ */

struct cand {
	int64_t a, b;
	enum dup_reason reason;
	char *detail;
};

struct cands {
	struct cand *v;
	int n, cap;
};

static void
cand_push(struct cands *c, int64_t a, int64_t b, enum dup_reason r, const char *detail)
{
	c->v = xgrow(c->v, c->n, &c->cap, 64, sizeof *c->v);
	c->v[c->n++] = (struct cand){ a < b ? a : b, a < b ? b : a, r, xstrdup(detail) };
}

static int
cand_cmp(const void *x, const void *y)
{
	const struct cand *p = x, *q = y;

	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	if (p->b != q->b)
		return p->b < q->b ? -1 : 1;
	return (int)p->reason - (int)q->reason;
}

/*
** Same folded name: both not archived, in a group of at most ?1, and the
** shared current organisation (NULL if none) with whether each holds a
** current role at one.
*/
static const char q_names[] =
	"WITH g AS (SELECT name_key FROM contact WHERE archived = 0 AND name_key <> '' "
	"  GROUP BY name_key HAVING count(*) BETWEEN 2 AND ?1) "
	"SELECT a.id, b.id, "
	"  (SELECT o.name FROM role ra JOIN role rb ON rb.org_id = ra.org_id "
	"     AND rb.contact_id = b.id AND rb.end_date IS NULL "
	"     JOIN organisation o ON o.id = ra.org_id "
	"   WHERE ra.contact_id = a.id AND ra.end_date IS NULL AND ra.org_id IS NOT NULL "
	"   ORDER BY o.name_key LIMIT 1), "
	"  EXISTS (SELECT 1 FROM role r WHERE r.contact_id = a.id AND r.end_date IS NULL "
	"          AND r.org_id IS NOT NULL), "
	"  EXISTS (SELECT 1 FROM role r WHERE r.contact_id = b.id AND r.end_date IS NULL "
	"          AND r.org_id IS NOT NULL) "
	"FROM g JOIN contact a ON a.name_key = g.name_key AND a.archived = 0 "
	"JOIN contact b ON b.name_key = g.name_key AND b.archived = 0 AND b.id > a.id";

/* A shared channel value (?2: 'email' or 'phone', ?3 its shortest key). */
static const char q_channels[] =
	"WITH g AS (SELECT value_key FROM contact_channel WHERE kind = ?2 "
	"  AND length(value_key) >= ?3 GROUP BY value_key HAVING count(*) BETWEEN 2 AND ?1) "
	"SELECT x.contact_id, y.contact_id, x.value "
	"FROM g JOIN contact_channel x ON x.kind = ?2 AND x.value_key = g.value_key "
	"JOIN contact_channel y ON y.kind = ?2 AND y.value_key = g.value_key "
	"  AND y.contact_id > x.contact_id "
	"JOIN contact ca ON ca.id = x.contact_id AND ca.archived = 0 "
	"JOIN contact cb ON cb.id = y.contact_id AND cb.archived = 0";

static enum kith_status
read_names(struct kdb *db, struct cands *c, struct kith_err *err)
{
	sqlite3_stmt *st = db_query(db, q_names, err, "n", DUP_GROUP_MAX);
	int rc;

	if (!st)
		return KITH_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		bool shared = sqlite3_column_type(st, 2) != SQLITE_NULL;
		bool a_org = sqlite3_column_int(st, 3), b_org = sqlite3_column_int(st, 4);
		if (shared || !a_org || !b_org)
			cand_push(c, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
				  DUP_NAME, db_col_text(st, 2));
	}
	return ent_finish(db, st, rc, "duplicates", err);
}

static enum kith_status
read_channels(struct kdb *db, struct cands *c, const char *kind, enum dup_reason r,
	      int min_key, struct kith_err *err)
{
	sqlite3_stmt *st = db_query(db, q_channels, err, "ntn", DUP_GROUP_MAX, kind, min_key);
	int rc;

	if (!st)
		return KITH_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		cand_push(c, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), r,
			  db_col_text(st, 2));
	return ent_finish(db, st, rc, "duplicates", err);
}

static const char q_not_same[] = "SELECT 1 FROM dup_not_same WHERE a_id = ?1 AND b_id = ?2";
static const char q_exists[] = "SELECT 1 FROM contact WHERE id = ?1";

/* Whether a constant query with ?1 (and ?2) bound to a and b finds a row. */
static bool
found(struct kdb *db, const char *q, int64_t a, int64_t b)
{
	return db_int64(db, NULL, q, "duplicates", NULL, "ii", a, b) == KITH_OK;
}


/* Name, sort key and newest current organisation of a contact. */
static enum kith_status
read_side(struct kdb *db, int64_t id, struct dup_side *s, char **key, struct kith_err *err)
{
	static const char q[] =
		"SELECT c.display_name, c.name_key, "
		"  coalesce((SELECT o.name FROM role r JOIN organisation o ON o.id = r.org_id "
		"            WHERE r.contact_id = c.id AND r.end_date IS NULL "
		"            ORDER BY r.start_date DESC, r.id DESC LIMIT 1), '') "
		"FROM contact c WHERE c.id = ?1";
	sqlite3_stmt *st;
	enum kith_status rc = db_first(db, &st, q, "duplicates", err, "i", id);

	if (rc == KITH_NOTFOUND)
		return kith_err_set(err, KITH_NOTFOUND, "contact #%lld: gone", (long long)id);
	if (rc)
		return rc;
	s->id = id;
	s->name = xstrdup(db_col_text(st, 0));
	*key = xstrdup(db_col_text(st, 1));
	s->org = xstrdup(db_col_text(st, 2));
	sqlite3_reset(st);
	return KITH_OK;
}

struct keyed {
	char *key;
	struct dup_pair p;
};

static int
keyed_cmp(const void *x, const void *y)
{
	const struct keyed *p = x, *q = y;
	int c = strcmp(p->key, q->key);

	if (c)
		return c;
	if (p->p.a.id != q->p.a.id)
		return p->p.a.id < q->p.a.id ? -1 : 1;
	return (p->p.b.id > q->p.b.id) - (p->p.b.id < q->p.b.id);
}

static void
pair_free(struct dup_pair *p)
{
	free(p->a.name);
	free(p->a.org);
	free(p->b.name);
	free(p->b.org);
	free(p->org);
	free(p->email);
	free(p->phone);
}

void
dup_list_free(struct dup_list *l)
{
	for (int i = 0; i < l->n; i++)
		pair_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

static char **
detail_of(struct dup_pair *p, enum dup_reason r)
{
	return r == DUP_NAME ? &p->org : r == DUP_EMAIL ? &p->email : &p->phone;
}

enum kith_status
duplicate_pairs(struct kdb *db, struct dup_list *out, struct kith_err *err)
{
	struct cands c = { 0 };
	struct keyed *ks = NULL;
	int nk = 0, i;
	bool started = false;
	enum kith_status rc;

	dup_list_free(out);
	if ((rc = kdb_read_begin(db, &started, err)))
		return rc;
	rc = read_names(db, &c, err);
	if (rc == KITH_OK)
		rc = read_channels(db, &c, "email", DUP_EMAIL, 1, err);
	if (rc == KITH_OK)
		rc = read_channels(db, &c, "phone", DUP_PHONE, 6, err);
	if (rc == KITH_OK && c.n > 0) {
		qsort(c.v, (size_t)c.n, sizeof *c.v, cand_cmp);
		ks = xcalloc((size_t)c.n, sizeof *ks);
	}
	for (i = 0; rc == KITH_OK && i < c.n; i++) {
		struct keyed *k = nk ? &ks[nk - 1] : NULL;
		char **d;
		if (!k || k->p.a.id != c.v[i].a || k->p.b.id != c.v[i].b) {
			char *bkey = NULL;
			if (found(db, q_not_same, c.v[i].a, c.v[i].b))
				continue;
			k = &ks[nk++];
			rc = read_side(db, c.v[i].a, &k->p.a, &k->key, err);
			if (rc == KITH_OK)
				rc = read_side(db, c.v[i].b, &k->p.b, &bkey, err);
			free(bkey);
			if (rc != KITH_OK)
				break;
		}
		k->p.reasons |= 1u << c.v[i].reason;
		d = detail_of(&k->p, c.v[i].reason);
		if (!*d) {
			*d = c.v[i].detail;
			c.v[i].detail = NULL;
		}
	}
	kdb_read_end(db, started);
	for (i = 0; i < c.n; i++)
		free(c.v[i].detail);
	free(c.v);
	if (nk > 0)
		qsort(ks, (size_t)nk, sizeof *ks, keyed_cmp);
	if (rc == KITH_OK && nk > 0) {
		out->v = xcalloc((size_t)nk, sizeof *out->v);
		out->cap = nk;
	}
	for (i = 0; i < nk; i++) {
		free(ks[i].key);
		if (rc == KITH_OK)
			out->v[out->n++] = ks[i].p;
		else
			pair_free(&ks[i].p);
	}
	free(ks);
	return rc;
}

char *
dup_pair_reason_text(const struct dup_pair *p)
{
	struct strbuf sb = { 0 };

	if (p->reasons & (1u << DUP_NAME)) {
		if (!str_empty(p->org))
			sb_printf(&sb, "same name at %s", p->org);
		else
			sb_append(&sb, "same name");
	}
	if (p->reasons & (1u << DUP_EMAIL))
		sb_printf(&sb, "%sshare email %s", sb.len ? "; " : "", p->email ? p->email : "");
	if (p->reasons & (1u << DUP_PHONE))
		sb_printf(&sb, "%sshare phone %s", sb.len ? "; " : "", p->phone ? p->phone : "");
	return sb_detach(&sb);
}

/* ---- not the same person -------------------------------------------------------- */


static enum kith_status
check_two(struct kdb *db, int64_t a, int64_t b, struct kith_err *err)
{
	if (a == b)
		return kith_err_set(err, KITH_INVALID, "#%lld and #%lld: the same contact twice",
				    (long long)a, (long long)b);
	if (!found(db, q_exists, a, 0))
		return kith_err_set(err, KITH_NOTFOUND, "contact #%lld: no such contact",
				    (long long)a);
	if (!found(db, q_exists, b, 0))
		return kith_err_set(err, KITH_NOTFOUND, "contact #%lld: no such contact",
				    (long long)b);
	return KITH_OK;
}

enum kith_status
duplicate_not_same(struct kdb *db, int64_t a, int64_t b, struct kith_err *err)
{
	static const char q[] =
		"INSERT OR IGNORE INTO dup_not_same(a_id, b_id, at) VALUES (min(?1, ?2), max(?1, ?2), ?3)";
	enum kith_status rc;
	char now[20];

	if ((rc = check_two(db, a, b, err)))
		return rc;
	db_now(now);
	return db_write_run(db, q, "not the same person", err, "iit", a, b, now);
}

/* ---- the merge -------------------------------------------------------------------- */

/*
** Every row that points at the dropped contact (?2) moves to the kept one
** (?1), in this order. A row that would repeat one the kept contact has
** (a primary key or a unique index: the same tag, interaction, event, map)
** stays behind with UPDATE OR IGNORE and goes with the DELETE after it;
** before that, what it says that the kept row does not is carried over.
** The contact table itself comes last (merge_fields).
*/
static const char *const move_sql[] = {
	/* the same email or phone twice on one card is one */
	"DELETE FROM contact_channel WHERE contact_id = ?2 AND EXISTS (SELECT 1 FROM "
	"contact_channel k WHERE k.contact_id = ?1 AND k.kind = contact_channel.kind "
	"AND k.value_key = contact_channel.value_key)",
	"UPDATE contact_channel SET contact_id = ?1, position = position + 1 + "
	"(SELECT coalesce(max(k.position), -1) FROM contact_channel k "
	" WHERE k.contact_id = ?1 AND k.kind = contact_channel.kind) WHERE contact_id = ?2",
	"UPDATE OR IGNORE contact_nickname SET contact_id = ?1 WHERE contact_id = ?2",
	"DELETE FROM contact_nickname WHERE contact_id = ?2",
	"UPDATE OR IGNORE contact_tag SET contact_id = ?1 WHERE contact_id = ?2",
	"DELETE FROM contact_tag WHERE contact_id = ?2",
	/* the very same role twice is one */
	"DELETE FROM role WHERE contact_id = ?2 AND EXISTS (SELECT 1 FROM role k "
	"WHERE k.contact_id = ?1 AND k.org_id IS role.org_id AND k.seat = role.seat "
	"AND k.title = role.title AND k.start_date IS role.start_date "
	"AND k.end_date IS role.end_date)",
	"UPDATE role SET contact_id = ?1 WHERE contact_id = ?2",
	/* a tie between the two would tie the person to themself */
	"DELETE FROM relationship WHERE (a_id = ?1 AND b_id = ?2) OR (a_id = ?2 AND b_id = ?1)",
	"UPDATE relationship SET a_id = ?1 WHERE a_id = ?2",
	"UPDATE relationship SET b_id = ?1 WHERE b_id = ?2",
	/* both at one event: the stronger status and role */
	"UPDATE attendance SET status = (SELECT d.status FROM attendance d "
	"  WHERE d.event_id = attendance.event_id AND d.contact_id = ?2) "
	"WHERE contact_id = ?1 AND (SELECT instr('invited confirmed no-show attended met', "
	"  d.status) FROM attendance d WHERE d.event_id = attendance.event_id "
	"  AND d.contact_id = ?2) > instr('invited confirmed no-show attended met', status)",
	"UPDATE attendance SET role = (SELECT d.role FROM attendance d "
	"  WHERE d.event_id = attendance.event_id AND d.contact_id = ?2) "
	"WHERE contact_id = ?1 AND (SELECT instr('attendee speaker host', d.role) "
	"  FROM attendance d WHERE d.event_id = attendance.event_id AND d.contact_id = ?2) "
	"  > instr('attendee speaker host', role)",
	"UPDATE OR IGNORE attendance SET contact_id = ?1 WHERE contact_id = ?2",
	"DELETE FROM attendance WHERE contact_id = ?2",
	"UPDATE OR IGNORE interaction_contact SET contact_id = ?1 WHERE contact_id = ?2",
	"DELETE FROM interaction_contact WHERE contact_id = ?2",
	"UPDATE followup SET contact_id = ?1 WHERE contact_id = ?2",
	"UPDATE followup SET intro_a_id = ?1 WHERE intro_a_id = ?2",
	"UPDATE followup SET intro_b_id = ?1 WHERE intro_b_id = ?2",
	"UPDATE followup SET intro_by_id = ?1 WHERE intro_by_id = ?2",
	"UPDATE power_map SET primary_target_id = ?1 WHERE primary_target_id = ?2",
	"UPDATE OR IGNORE map_target SET contact_id = ?1 WHERE contact_id = ?2",
	"DELETE FROM map_target WHERE contact_id = ?2",
	/* placed on a map twice: the kept contact's place stays; the history keeps both */
	"UPDATE OR IGNORE placement SET contact_id = ?1 WHERE contact_id = ?2",
	"DELETE FROM placement WHERE contact_id = ?2",
	"UPDATE placement_move SET contact_id = ?1 WHERE contact_id = ?2",
	"UPDATE review_action SET contact_id = ?1 WHERE contact_id = ?2",
	/* what they raised stays theirs; told once is told */
	"UPDATE concern SET contact_id = ?1 WHERE contact_id = ?2",
	"UPDATE OR IGNORE promise_told SET contact_id = ?1 WHERE contact_id = ?2",
	"DELETE FROM promise_told WHERE contact_id = ?2",
	"UPDATE import_extra SET entity_id = ?1 WHERE entity = 'contact' AND entity_id = ?2",
	"UPDATE meta SET value = CAST(?1 AS TEXT) WHERE key = 'me' AND value = CAST(?2 AS TEXT)",
	/* not the same as the dropped one: not the same as the one it was */
	"INSERT OR IGNORE INTO dup_not_same(a_id, b_id, at) "
	"SELECT min(?1, other), max(?1, other), at FROM (SELECT CASE WHEN a_id = ?2 "
	"THEN b_id ELSE a_id END AS other, at FROM dup_not_same WHERE a_id = ?2 OR b_id = ?2) "
	"WHERE other <> ?1",
	"DELETE FROM dup_not_same WHERE a_id = ?2 OR b_id = ?2",
};

/*
** The tables and columns move_sql and merge_fields take care of; a test
** checks that every foreign key to contact in the schema is one of them.
*/
const char *const merge_handled_refs[] = {
	"contact.introducer_id", "contact_channel.contact_id", "contact_nickname.contact_id",
	"contact_tag.contact_id", "role.contact_id", "relationship.a_id", "relationship.b_id",
	"attendance.contact_id", "interaction_contact.contact_id", "followup.contact_id",
	"followup.intro_a_id", "followup.intro_b_id", "followup.intro_by_id",
	"power_map.primary_target_id", "map_target.contact_id", "placement.contact_id",
	"placement_move.contact_id", "review_action.contact_id", "concern.contact_id",
	"promise_told.contact_id", "dup_not_same.a_id",
	"dup_not_same.b_id", "contact_stat.contact_id", NULL,
};

/* Columns of contact that are not the person's data, or are kept as they are. */
static bool
field_skipped(const char *col)
{
	static const char *const skip[] = {
		"id", "name_key", "created_at", "updated_at", "influence_rank", "archived", NULL,
	};
	for (int i = 0; skip[i]; i++)
		if (!strcmp(col, skip[i]))
			return true;
	return false;
}

/* A value that says nothing: NULL, '', and the neutral alignment. */
static bool
value_empty(const char *col, sqlite3_value *v)
{
	int t = sqlite3_value_type(v);

	if (t == SQLITE_NULL)
		return true;
	if (t == SQLITE_TEXT)
		return sqlite3_value_bytes(v) == 0;
	return (!strcmp(col, "alignment") || !strcmp(col, "rhythm_days")) &&
	       sqlite3_value_int64(v) == 0;
}

struct row {
	int n;
	char **cols;
	sqlite3_value **vals;
};

static void
row_free(struct row *r)
{
	for (int i = 0; i < r->n; i++) {
		free(r->cols[i]);
		sqlite3_value_free(r->vals[i]);
	}
	free(r->cols);
	free(r->vals);
	memset(r, 0, sizeof *r);
}

static enum kith_status
row_read(struct kdb *db, int64_t id, struct row *r, struct kith_err *err)
{
	static const char q[] = "SELECT * FROM contact WHERE id = ?1";
	sqlite3_stmt *st;
	enum kith_status rc = db_first(db, &st, q, "merge", err, "i", id);

	if (rc == KITH_NOTFOUND)
		return kith_err_set(err, KITH_NOTFOUND, "contact #%lld: no such contact",
				    (long long)id);
	if (rc)
		return rc;
	{
		r->n = sqlite3_column_count(st);
		r->cols = xcalloc((size_t)r->n, sizeof *r->cols);
		r->vals = xcalloc((size_t)r->n, sizeof *r->vals);
		for (int i = 0; i < r->n; i++) {
			r->cols[i] = xstrdup(sqlite3_column_name(st, i));
			r->vals[i] = sqlite3_value_dup(sqlite3_column_value(st, i));
			if (!r->vals[i]) {
				sqlite3_reset(st);
				row_free(r);
				return kith_err_set(err, KITH_NOMEM, "merge: out of memory");
			}
		}
	}
	sqlite3_reset(st);
	return KITH_OK;
}

/* The value as the kept-aside field shows it (a name for the ids). */
static char *
aside_text(struct kdb *db, const char *col, sqlite3_value *v)
{
	static const char q_contact[] = "SELECT display_name FROM contact WHERE id = ?1";
	static const char q_event[] = "SELECT title || ' (' || substr(start_at, 1, 10) || ')' "
				      "FROM event WHERE id = ?1";
	const char *q = !strcmp(col, "introducer_id") ? q_contact :
			!strcmp(col, "met_event_id") ? q_event : NULL;
	char *s = NULL;

	sqlite3_stmt *st;

	if (q && !db_first(db, &st, q, col, NULL, "i", (int64_t)sqlite3_value_int64(v))) {
		s = xstrdup(db_col_text(st, 0));
		sqlite3_reset(st);
	}
	if (!s)
		s = xstrdup((const char *)sqlite3_value_text(v));
	return s;
}

/* The name a field is kept aside under: the column, with "name" for display_name. */
static const char *
aside_name(const char *col)
{
	return !strcmp(col, "display_name") ? "name" :
	       !strcmp(col, "introducer_id") ? "introducer" :
	       !strcmp(col, "met_event_id") ? "met at event" :
	       !strcmp(col, "cadence_days") ? "cadence" :
	       !strcmp(col, "rhythm_days") ? "at most every (days)" : col;
}

/*
** One fixed statement per column of contact a merge may fill (the others
** are field_skipped). A column added by a migration and missing here
** refuses the merge rather than lose the dropped contact's value
** (check_duplicate merges a contact with every field set).
*/
static const struct {
	const char *col, *sql;
} set_sql[] = {
	{ "display_name", "UPDATE contact SET display_name = ?1 WHERE id = ?2" },
	{ "given_name", "UPDATE contact SET given_name = ?1 WHERE id = ?2" },
	{ "family_name", "UPDATE contact SET family_name = ?1 WHERE id = ?2" },
	{ "pronouns", "UPDATE contact SET pronouns = ?1 WHERE id = ?2" },
	{ "address", "UPDATE contact SET address = ?1 WHERE id = ?2" },
	{ "district", "UPDATE contact SET district = ?1 WHERE id = ?2" },
	{ "birthday", "UPDATE contact SET birthday = ?1 WHERE id = ?2" },
	{ "how_met", "UPDATE contact SET how_met = ?1 WHERE id = ?2" },
	{ "met_event_id", "UPDATE contact SET met_event_id = ?1 WHERE id = ?2" },
	{ "introducer_id", "UPDATE contact SET introducer_id = ?1 WHERE id = ?2" },
	{ "influence", "UPDATE contact SET influence = ?1 WHERE id = ?2" },
	{ "alignment", "UPDATE contact SET alignment = ?1 WHERE id = ?2" },
	{ "tier", "UPDATE contact SET tier = ?1 WHERE id = ?2" },
	{ "cadence_days", "UPDATE contact SET cadence_days = ?1 WHERE id = ?2" },
	{ "notes", "UPDATE contact SET notes = ?1 WHERE id = ?2" },
	{ "uid", "UPDATE contact SET uid = ?1 WHERE id = ?2" },
	{ "prefix", "UPDATE contact SET prefix = ?1 WHERE id = ?2" },
	{ "rhythm_days", "UPDATE contact SET rhythm_days = ?1 WHERE id = ?2" },
};

/* Set one column of the kept contact. */
static enum kith_status
set_column(struct kdb *db, int64_t keep, const char *col, sqlite3_value *v,
	   struct kith_err *err)
{
	sqlite3_stmt *st;

	for (size_t i = 0; i < sizeof set_sql / sizeof set_sql[0]; i++) {
		if (strcmp(col, set_sql[i].col))
			continue;
		if (!(st = db_stmt(db, set_sql[i].sql, err)))
			return KITH_DB;
		sqlite3_bind_value(st, 1, v);
		sqlite3_bind_int64(st, 2, keep);
		return db_step_done(db, st, err, col);
	}
	return kith_err_set(err, KITH_DB, "merge: contact field %s: kith does not know how to "
			    "merge it; nothing was changed", col);
}

/*
** The contact table, last: the others that drop introduced now name keep,
** drop is deleted, then each field of drop that keep lacks is copied and
** each that differs is kept aside (after the delete, so a unique value
** moves without meeting itself).
*/
static enum kith_status
merge_fields(struct kdb *db, int64_t keep, int64_t drop, struct merge_result *res,
	     struct kith_err *err)
{
	static const char q_intro[] =
		"UPDATE contact SET introducer_id = CASE WHEN id = ?1 THEN NULL ELSE ?1 END "
		"WHERE introducer_id = ?2";
	static const char q_touch[] = "UPDATE contact SET updated_at = ?2 WHERE id = ?1";
	static const char q_del[] = "DELETE FROM contact WHERE id = ?1";
	struct row k = { 0 }, d = { 0 };
	enum kith_status rc;
	char now[20], source[40];
	int i;

	if ((rc = row_read(db, keep, &k, err)) || (rc = row_read(db, drop, &d, err)))
		goto out;
	if ((rc = db_run(db, q_intro, "introducer", err, "ii", keep, drop)))
		goto out;
	res->moved += sqlite3_changes(db->h);
	/* the delete is a part of its own: see the top of this file */
	if ((rc = db_change_split(db, err)))
		goto out;
	if ((rc = db_run(db, q_del, "merge", err, "i", drop)) || (rc = db_change_split(db, err)))
		goto out;
	snprintf(source, sizeof source, "merge #%lld", (long long)drop);
	for (i = 0; i < d.n && i < k.n; i++) {
		const char *col = d.cols[i];
		sqlite3_value *dv = d.vals[i], *kv = k.vals[i];
		if (field_skipped(col) || value_empty(col, dv) || db_value_same(kv, dv))
			continue;
		/* the dropped contact introduced the kept one: nobody introduced keep to itself */
		if (!strcmp(col, "introducer_id") && sqlite3_value_int64(dv) == keep)
			continue;
		if (value_empty(col, kv)) {
			if ((rc = set_column(db, keep, col, dv, err)))
				goto out;
		} else {
			char *text = aside_text(db, col, dv);
			bool added;
			rc = import_extra_put(db, "contact", keep, source, aside_name(col), text,
					      &added, err);
			free(text);
			if (rc)
				goto out;
			res->aside += added;
		}
	}
	db_now(now);
	rc = db_run(db, q_touch, "merge", err, "it", keep, now);
out:
	row_free(&k);
	row_free(&d);
	return rc;
}

struct merge_w {
	int64_t keep, drop;
	struct merge_result *res;
};

static enum kith_status
merge_body(struct kdb *db, void *ctx, struct kith_err *err)
{
	struct merge_w *w = ctx;
	enum kith_status rc;

	for (size_t i = 0; i < sizeof move_sql / sizeof move_sql[0]; i++) {
		if ((rc = db_run(db, move_sql[i], "merge", err, "ii", w->keep, w->drop)))
			return rc;
		if (strncmp(move_sql[i], "DELETE", 6) != 0)
			w->res->moved += sqlite3_changes(db->h);
	}
	/* the private notes move too (the rest go with the dropped contact: private.c) */
	if (kdb_private_attached(db) &&
	    (rc = db_run(db, "UPDATE OR IGNORE priv.private_note_contact SET contact_id = ?1 "
			 "WHERE contact_id = ?2", "merge", err, "ii", w->keep, w->drop)))
		return rc;
	return merge_fields(db, w->keep, w->drop, w->res, err);
}

enum kith_status
contact_merge(struct kdb *db, int64_t keep, int64_t drop, struct merge_result *res,
	      struct kith_err *err)
{
	struct merge_result local = { 0 };
	struct merge_w w = { keep, drop, res ? res : &local };
	enum kith_status rc;

	memset(w.res, 0, sizeof *w.res);
	if ((rc = check_two(db, keep, drop, err)))
		return rc;
	return db_write(db, merge_body, &w, err);
}
