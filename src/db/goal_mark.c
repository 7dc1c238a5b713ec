/*
 * goal_mark.c: the marks of goal progress (schema migrations 19 and 21),
 * taken from kith's own writes rather than by triggers.
 *
 * What a write can change in a goal: who its query selects (the contact
 * row, nicknames, tags and tag names, roles and organisations, placements,
 * "me") and the touches that count (interactions and their kind,
 * attendance and event starts, introductions from 'made' on, map moves);
 * the goals themselves and the maps their queries name. Migration 19 had a
 * trigger for each table and event: 40 of them, which every kith process
 * parsed at its first statement (1.6M instructions; issue 16). The
 * pre-update hook every write of this connection passes through (its
 * writers, undo and redo, a team sync's changeset, an import, cascades
 * and triggers) hands each changed row to goal_mark_row, which keeps in
 * memory what the trigger of its table marked: the people (goal_dirty),
 * the goals to build whole (goal_stale), and the tags, organisations,
 * interactions and events whose people are looked up when the write
 * commits. goal_marks_flush writes them into goal_dirty and goal_stale
 * just before the outermost write commits (tx.c calls it through kdb's
 * `derive`); the next read of progress brings goal_member up to date
 * (goal_member.c). A rollback drops them. Past DIRTY_MAX people (an
 * import), every goal is marked to be built whole instead.
 *
 * Where a trigger fired on "UPDATE OF" some columns, a row here marks only
 * when one of them changed value (an update that sets them to what they
 * were changes no goal).
 */
#include "goal_sql.h"
#include "row.h"

#include <stdlib.h>
#include <string.h>

#include "kith/idmap.h"
#include "kith/xalloc.h"

/* Past DIRTY_MAX people marked in one write (goal_sql.h), every goal is
   built whole; and past this many tags, organisations, interactions, events or goals */
#define OWNERS_MAX 256

/* What a changed row of a watched table marks. */
enum mark_act {
	ACT_PEOPLE,     /* the contact ids in its columns */
	ACT_GOAL,       /* the goal (its id): built whole */
	ACT_MAPS,       /* every goal whose query names a map: built whole */
	ACT_TAG,        /* the people with the tag (its id) */
	ACT_ORG,        /* the people with a role at the organisation */
	ACT_TALK,       /* the people of the interaction */
	ACT_EVENT,      /* the people who attended the event or met you at it */
	ACT_COUNT_
};

enum { OP_INS = 1, OP_UPD = 2, OP_DEL = 4, OP_ALL = 7 };

#define MAX_COLS 9

/*
 * A column a mark reads, by its place in the table (what the pre-update
 * hook reads by); goal_marks_check finds each by name where it is said to
 * be (goal_cache_verify calls it, so every test of the marks checks them).
 * Finding them by name as a process runs cost a prepared statement for
 * each table it writes (30,000 instructions each).
 */
struct col {
	const char *name;
	int at;
};

struct watch {
	const char *table;
	enum mark_act act;
	int ops;                            /* the operations that mark */
	struct col ids[3];                  /* the columns holding the ids it marks */
	struct col changed[MAX_COLS];       /* an update marks only if one of these changed; none: any */
	/* a row marks only if column `when` holds one of `is` (an update: if the
	   old or the new row does; when_upd false: every update marks) */
	struct col when;
	const char *is[3];
	bool when_upd;
};

#define C(name, at) { name, at }
#define NO_COL C(NULL, -1)
#define NO_COLS { NO_COL }

/* Sorted by table name (bsearch). */
static const struct watch watches[] = {
	{ "attendance", ACT_PEOPLE, OP_ALL, { C("contact_id", 1) }, NO_COLS, C("status", 3),
	  { "attended", "met" }, false },
	{ "contact", ACT_PEOPLE, OP_ALL, { C("id", 0) },
	  { C("id", 0), C("archived", 17), C("district", 7), C("tier", 14), C("display_name", 1),
	    C("name_key", 2), C("given_name", 3), C("family_name", 4), C("notes", 16) },
	  NO_COL, { NULL }, false },
	{ "contact_nickname", ACT_PEOPLE, OP_ALL, { C("contact_id", 0) }, NO_COLS, NO_COL, { NULL },
	  false },
	{ "contact_tag", ACT_PEOPLE, OP_ALL, { C("contact_id", 0) }, NO_COLS, NO_COL, { NULL },
	  false },
	{ "event", ACT_EVENT, OP_UPD, { C("id", 0) }, { C("start_at", 3) }, NO_COL, { NULL }, false },
	/* an introduction counts from 'made' on: one still asked for is no touch */
	{ "followup", ACT_PEOPLE, OP_ALL, { C("intro_a_id", 10), C("intro_b_id", 11) }, NO_COLS,
	  C("intro_stage", 13), { "made", "met", "thanked" }, true },
	{ "goal", ACT_GOAL, OP_ALL, { C("id", 0) },
	  { C("id", 0), C("who", 2), C("how", 3), C("set_on", 5), C("due", 6) }, NO_COL, { NULL },
	  false },
	{ "interaction", ACT_TALK, OP_UPD, { C("id", 0) }, { C("kind", 2) }, NO_COL, { NULL },
	  false },
	{ "interaction_contact", ACT_PEOPLE, OP_ALL, { C("contact_id", 1) }, NO_COLS, NO_COL,
	  { NULL }, false },
	/* "me" is never counted */
	{ "meta", ACT_PEOPLE, OP_ALL, { C("value", 1) }, NO_COLS, C("key", 0), { "me" }, true },
	{ "organisation", ACT_ORG, OP_UPD, { C("id", 0) }, { C("id", 0), C("name", 1), C("kind", 3) },
	  NO_COL, { NULL }, false },
	{ "placement", ACT_PEOPLE, OP_ALL, { C("contact_id", 2) },
	  { C("map_id", 1), C("contact_id", 2) }, NO_COL, { NULL }, false },
	{ "placement_move", ACT_PEOPLE, OP_ALL, { C("contact_id", 2) }, NO_COLS, NO_COL, { NULL },
	  false },
	/* a map's name is resolved when a goal's query is read */
	{ "power_map", ACT_MAPS, OP_ALL, NO_COLS, { C("id", 0), C("name", 1) }, NO_COL, { NULL },
	  false },
	{ "role", ACT_PEOPLE, OP_ALL, { C("contact_id", 1) }, NO_COLS, NO_COL, { NULL }, false },
	{ "tag", ACT_TAG, OP_UPD, { C("id", 0) }, { C("id", 0), C("name", 1) }, NO_COL, { NULL },
	  false },
};
#define NWATCH ((int)(sizeof watches / sizeof watches[0]))

struct goal_marks {
	bool any;                           /* something is marked */
	bool all;                           /* every goal is to be built whole */
	bool maps;
	struct idmap people;                /* the ids are the keys */
	int64_t *owners[ACT_COUNT_];        /* ACT_GOAL, ACT_TAG, ...: their ids */
	int nowners[ACT_COUNT_];
};

static int
watch_cmp(const void *key, const void *w)
{
	return strcmp(key, ((const struct watch *)w)->table);
}

/* Is column c (if any) where w's table has it? */
static enum kith_status
col_check(struct kdb *db, const struct watch *w, const struct col *c, struct kith_err *err)
{
	static const char sql[] = "SELECT cid FROM pragma_table_info(?1) WHERE name = ?2";
	int64_t at = -1;
	enum kith_status rc;

	if (!c->name)
		return KITH_OK;
	rc = db_int64(db, &at, sql, "goal", err, "tt", w->table, c->name);
	if (rc == KITH_NOTFOUND)
		at = -1;
	else if (rc)
		return rc;
	if (at != c->at)
		return kith_err_set(err, KITH_CONFLICT, "goal marks: %s.%s is column %lld, not %d",
				    w->table, c->name, (long long)at, c->at);
	return KITH_OK;
}

enum kith_status
goal_marks_check(struct kdb *db, struct kith_err *err)
{
	enum kith_status rc = KITH_OK;

	for (int i = 0; i < NWATCH && !rc; i++) {
		const struct watch *w = &watches[i];
		if (i && strcmp(watches[i - 1].table, w->table) >= 0)
			return kith_err_set(err, KITH_CONFLICT, "goal marks: %s is out of order",
					    w->table);
		for (int k = 0; k < 3 && !rc; k++)
			rc = col_check(db, w, &w->ids[k], err);
		for (int k = 0; k < MAX_COLS && !rc; k++)
			rc = col_check(db, w, &w->changed[k], err);
		if (!rc)
			rc = col_check(db, w, &w->when, err);
	}
	return rc;
}

static void
marks_clear(struct goal_marks *m)
{
	idmap_free(&m->people);
	for (int i = 0; i < ACT_COUNT_; i++) {
		free(m->owners[i]);
		m->owners[i] = NULL;
		m->nowners[i] = 0;
	}
	m->any = m->all = m->maps = false;
}

static void
mark_all(struct goal_marks *m)
{
	marks_clear(m);
	m->any = m->all = true;
}

static void
mark_id(struct goal_marks *m, enum mark_act act, sqlite3_value *v)
{
	int64_t id;
	int i;

	if (!v || sqlite3_value_type(v) == SQLITE_NULL)
		return;
	id = sqlite3_value_int64(v);
	m->any = true;
	if (act == ACT_PEOPLE) {
		if (idmap_get(&m->people, id) < 0)
			idmap_set(&m->people, id, 0);
		if (m->people.n > DIRTY_MAX)
			mark_all(m);
		return;
	}
	for (i = 0; i < m->nowners[act] && m->owners[act][i] != id; i++)
		;
	if (i < m->nowners[act])
		return;
	if (m->nowners[act] == OWNERS_MAX) {
		mark_all(m);
		return;
	}
	if (!m->owners[act])
		m->owners[act] = xmalloc(OWNERS_MAX * sizeof *m->owners[act]);
	m->owners[act][m->nowners[act]++] = id;
}

/* The row's value of column c (old or new; NULL if there is none). */
static sqlite3_value *
row_value(sqlite3 *h, bool old, const struct col *c)
{
	sqlite3_value *v = NULL;

	if (!c->name || c->at >= sqlite3_preupdate_count(h))
		return NULL;
	if (old ? sqlite3_preupdate_old(h, c->at, &v) : sqlite3_preupdate_new(h, c->at, &v))
		return NULL;
	return v;
}

/* Does the old (or new) row pass w's `when`? */
static bool
row_when(sqlite3 *h, const struct watch *w, bool old)
{
	sqlite3_value *v = row_value(h, old, &w->when);
	const char *s;

	if (!v || sqlite3_value_type(v) != SQLITE_TEXT)
		return false;
	s = (const char *)sqlite3_value_text(v);
	for (int i = 0; i < 3 && w->is[i]; i++)
		if (s && !strcmp(s, w->is[i]))
			return true;
	return false;
}

/* Did an update change one of w's columns (any of them if it names none)? */
static bool
row_changed(sqlite3 *h, const struct watch *w)
{
	if (!w->changed[0].name)
		return true;
	for (int i = 0; i < MAX_COLS && w->changed[i].name; i++) {
		sqlite3_value *o = row_value(h, true, &w->changed[i]),
			      *n = row_value(h, false, &w->changed[i]);
		if (!o || !n || !db_value_same(o, n))
			return true;
	}
	return false;
}

/* Mark what the old or the new row names. */
static void
mark_row(struct goal_marks *m, sqlite3 *h, const struct watch *w, bool old)
{
	if (w->act == ACT_MAPS) {
		m->any = m->maps = true;
		return;
	}
	for (int i = 0; i < 3 && w->ids[i].name && !m->all; i++)
		mark_id(m, w->act, row_value(h, old, &w->ids[i]));
}

void
goal_mark_row(struct kdb *db, sqlite3 *h, int op, const char *zdb, const char *table)
{
	struct goal_marks *m = db->marks;
	const struct watch *w;
	int bit = op == SQLITE_INSERT ? OP_INS : op == SQLITE_UPDATE ? OP_UPD : OP_DEL;

	if (m && m->all) {
		/*
		 * Every goal is marked. SQLite prepares the hook's view of each
		 * row written (1,750 instructions; a vCard's four rows, 2,100
		 * with this function's), and in an import with nothing to
		 * record (undo, team mode) it serves only these marks: off for
		 * the rest of the transaction (goal_marks_flush).
		 */
		if (db->bulk && !db->recording && !db->team_write && !db->unwatched) {
			db_row_hook_pause(db, true);
			db->unwatched = true;
		}
		return;
	}
	if (strcmp(zdb, "main") || !(w = bsearch(table, watches, NWATCH, sizeof *w, watch_cmp)) ||
	    !(w->ops & bit))
		return;
	if (!m)
		m = db->marks = xcalloc(1, sizeof *m);
	if (op == SQLITE_UPDATE) {
		if (!row_changed(h, w) ||
		    (w->when.name && w->when_upd && !row_when(h, w, true) && !row_when(h, w, false)))
			return;
		mark_row(m, h, w, true);
		mark_row(m, h, w, false);
		return;
	}
	if (w->when.name && !row_when(h, w, op == SQLITE_DELETE))
		return;
	mark_row(m, h, w, op == SQLITE_DELETE);
}

/* The goal's kept rows go; it is built whole at the next read, if it is still there. */
static enum kith_status
flush_goal(struct kdb *db, int64_t id, struct kith_err *err)
{
	static const char del_rows[] = "DELETE FROM goal_member WHERE goal_id = ?1";
	static const char stale[] = "INSERT OR IGNORE INTO goal_stale SELECT id FROM goal WHERE id = ?1";
	static const char gone[] = "DELETE FROM goal_stale WHERE goal_id = ?1 "
		"AND NOT EXISTS (SELECT 1 FROM goal WHERE id = ?1)";
	enum kith_status rc;

	if ((rc = db_run(db, del_rows, "goal", err, "i", id)) ||
	    (rc = db_run(db, stale, "goal", err, "i", id)))
		return rc;
	return db_run(db, gone, "goal", err, "i", id);
}

/*
 * The people marked, into goal_dirty, while a goal exists (each statement
 * looks: one statement fewer to prepare in a process that writes once).
 */
static const char person_sql[] =
	"INSERT OR IGNORE INTO goal_dirty SELECT ?1 WHERE EXISTS (SELECT 1 FROM goal)";
/* ... and the people of a tag, an organisation, an interaction, an event */
static const char *const owners_sql[ACT_COUNT_] = {
	[ACT_TAG] = "INSERT OR IGNORE INTO goal_dirty SELECT contact_id FROM contact_tag "
		"WHERE tag_id = ?1 AND EXISTS (SELECT 1 FROM goal)",
	[ACT_ORG] = "INSERT OR IGNORE INTO goal_dirty SELECT contact_id FROM role WHERE org_id = ?1 "
		"AND EXISTS (SELECT 1 FROM goal)",
	[ACT_TALK] = "INSERT OR IGNORE INTO goal_dirty SELECT contact_id FROM interaction_contact "
		"WHERE interaction_id = ?1 AND EXISTS (SELECT 1 FROM goal)",
	[ACT_EVENT] = "INSERT OR IGNORE INTO goal_dirty SELECT contact_id FROM attendance "
		"WHERE event_id = ?1 AND status IN ('attended', 'met') AND EXISTS (SELECT 1 FROM goal)",
};

static enum kith_status
flush_people(struct kdb *db, struct goal_marks *m, struct kith_err *err)
{
	enum kith_status rc = KITH_OK;

	for (unsigned s = 0; m->people.slot && s <= m->people.mask && !rc; s++)
		if (m->people.slot[s].pos1)
			rc = db_run(db, person_sql, "goal", err, "i", m->people.slot[s].key);
	for (int a = ACT_TAG; a < ACT_COUNT_ && !rc; a++)
		for (int i = 0; i < m->nowners[a] && !rc; i++)
			rc = db_run(db, owners_sql[a], "goal", err, "i", m->owners[a][i]);
	return rc;
}

static enum kith_status
marks_flush(struct kdb *db, bool commit, struct kith_err *err)
{
	static const char all[] =
		"DELETE FROM goal_member WHERE goal_id NOT IN (SELECT id FROM goal);"
		"DELETE FROM goal_stale WHERE goal_id NOT IN (SELECT id FROM goal);"
		"INSERT OR IGNORE INTO goal_stale SELECT id FROM goal";
	static const char maps[] = "INSERT OR IGNORE INTO goal_stale SELECT id FROM goal "
		"WHERE who LIKE '%map:%'";
	struct goal_marks *m = db->marks;
	enum kith_status rc = KITH_OK;

	if (!m || !m->any)
		return KITH_OK;
	/* a database from before goal progress was kept (the steps of its
	   migrations) has no goal_dirty: no marks */
	if (commit && !db_stmt(db, person_sql, NULL))
		commit = false;
	if (commit && m->all) {
		if (sqlite3_exec(db->h, all, NULL, NULL, NULL) != SQLITE_OK)
			rc = db_error(db, err, "goal");
	} else if (commit) {
		for (int i = 0; i < m->nowners[ACT_GOAL] && !rc; i++)
			rc = flush_goal(db, m->owners[ACT_GOAL][i], err);
		if (!rc && m->maps)
			rc = db_run(db, maps, "goal", err, "");
		if (!rc)
			rc = flush_people(db, m, err);
	}
	marks_clear(m);
	return rc;
}

enum kith_status
goal_marks_flush(struct kdb *db, bool commit, struct kith_err *err)
{
	enum kith_status rc = marks_flush(db, commit, err);

	/* the transaction's end: its rows were not watched (goal_mark_row) */
	if (db->unwatched) {
		db_row_hook_pause(db, false);
		db->unwatched = false;
	}
	return rc;
}

bool
goal_marks_pending(struct kdb *db)
{
	return db->marks && db->marks->any;
}

void
goal_marks_free(struct kdb *db)
{
	if (db->marks)
		marks_clear(db->marks);
	free(db->marks);
	db->marks = NULL;
}
