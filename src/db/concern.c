/*
 * concern.c: concerns people raised, promises made about them, and who
 * was told each progress update (see kith/concern.h).
 */
#include "ent.h"
#include "row.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/concern.h"
#include "kith/contact.h"
#include "kith/date.h"
#include "kith/interaction.h"
#include "kith/str.h"
#include "kith/types.h"
#include "kith/xalloc.h"

/* day ("YYYY-MM-DD") into out, or today for NULL or "" */
static enum kith_status
day_or_today(const char *field, const char *day, char out[KDATE_STR], struct kith_err *err)
{
	struct kdate d;

	if (str_empty(day)) {
		kdate_format(kdate_today(), out);
		return KITH_OK;
	}
	if (!kdate_parse_iso(day, &d) || strlen(day) != 10)
		return kith_err_set(err, KITH_INVALID, "%s %s: not a date (YYYY-MM-DD)", field, day);
	kdate_format(d, out);
	return KITH_OK;
}

/* The id of tag `issue` (which must exist: someone raised it), for an error naming it. */
static enum kith_status
issue_id(struct kdb *db, const char *issue, int64_t *id, struct kith_err *err)
{
	static const char sql[] = "SELECT id FROM tag WHERE name = ?1";
	enum kith_status rc = db_int64(db, id, sql, "issue", err, "t", issue);

	if (rc == KITH_NOTFOUND)
		return kith_err_set(err, KITH_NOTFOUND, "#%s: nobody raised this issue (kith concern "
				    "add CONTACT %s first)", issue, issue);
	return rc;
}

/* ---- concerns ----------------------------------------------------------------------- */

struct concern_w {
	const struct kith_concern *c;
	char *issue;                /* c's, trimmed */
	char day[KDATE_STR];
	int64_t id;
};

static enum kith_status
concern_body(struct kdb *db, void *ctx, struct kith_err *err)
{
	static const char ins[] =
		"INSERT INTO concern(tag_id, contact_id, raised_at, words, interaction_id, created_at, "
		"id) SELECT id, ?2, ?3, ?4, ?5, ?6, :key FROM tag WHERE name = ?1";
	struct concern_w *w = ctx;
	const char *tags[1] = { w->issue };
	char now[20];
	enum kith_status rc;

	if ((rc = contact_tag_add(db, w->c->contact_id, tags, 1, err)))
		return rc;
	db_now(now);
	if ((rc = db_run(db, ins, "concern", err, "tittIt-", w->issue, w->c->contact_id, w->day,
			 w->c->words, w->c->interaction_id, now)))
		return rc;
	w->id = sqlite3_last_insert_rowid(db->h);
	return KITH_OK;
}

enum kith_status
concern_add(struct kdb *db, const struct kith_concern *c, int64_t *id_out, struct kith_err *err)
{
	struct concern_w w = { .c = c };
	enum kith_status rc;

	if (str_empty(c->issue) || c->issue[0] == '#')
		return kith_err_set(err, KITH_INVALID, "issue \"%s\": a name without '#' "
				    "(bus-route-14)", c->issue ? c->issue : "");
	if (db_check_text("issue", c->issue, err) || db_check_text("words", c->words, err))
		return KITH_INVALID;
	if ((rc = day_or_today("raised", c->raised_at, w.day, err)) ||
	    (rc = ent_has(db, ENT_CONTACT, c->contact_id, err)))
		return rc;
	w.issue = xstrdup(c->issue);
	str_trim(w.issue);
	rc = db_write(db, concern_body, &w, err);
	free(w.issue);
	if (!rc && id_out)
		*id_out = w.id;
	return rc;
}

ENT_EMITTER(concern_emit, struct concern_row, concern_row_fn, "concerns",
	DB_C(I64, id), DB_C(I64, contact_id), DB_C(TEXT, issue), DB_C(TEXT, raised_at),
	DB_C(TEXT, words), DB_C(TEXT, name))

#define CONCERN_COLS \
	"SELECT c.id, c.contact_id, t.name, c.raised_at, c.words, k.display_name " \
	"FROM concern c JOIN tag t ON t.id = c.tag_id JOIN contact k ON k.id = c.contact_id "

enum kith_status
concern_list_for_contact(struct kdb *db, int64_t contact_id, int limit, concern_row_fn fn,
			 void *ud, struct kith_err *err)
{
	static const char sql[] = CONCERN_COLS
		"WHERE c.contact_id = ?1 ORDER BY c.raised_at DESC, c.id DESC LIMIT ?2";

	return concern_emit(db, db_query(db, sql, err, "in", contact_id, limit), fn, ud, err);
}

enum kith_status
concern_list_for_issue(struct kdb *db, const char *issue, int limit, concern_row_fn fn, void *ud,
		       struct kith_err *err)
{
	static const char sql[] = CONCERN_COLS
		"WHERE c.tag_id = (SELECT id FROM tag WHERE name = ?1) "
		"ORDER BY c.raised_at DESC, c.id DESC LIMIT ?2";

	return concern_emit(db, db_query(db, sql, err, "tn", issue, limit), fn, ud, err);
}

ENT_EMITTER(issue_emit, struct issue_row, issue_row_fn, "concerns",
	DB_C(TEXT, issue), DB_C(INT, people), DB_C(INT, raised), DB_C(TEXT, last_at),
	DB_C(TEXT, districts), DB_C(INT, open_promises))

enum kith_status
concern_report(struct kdb *db, const char *since, int limit, issue_row_fn fn, void *ud,
	       struct kith_err *err)
{
	/* one walk of concern_by_raised; the districts of each issue it keeps */
	static const char sql[] =
		"SELECT t.name, count(DISTINCT c.contact_id) AS people, count(*), max(c.raised_at) "
		"  AS last, coalesce((SELECT group_concat(d || ' (' || n || ')', ', ') FROM "
		"  (SELECT k.district AS d, count(DISTINCT c2.contact_id) AS n FROM concern c2 "
		"   JOIN contact k ON k.id = c2.contact_id WHERE c2.tag_id = c.tag_id "
		"   AND c2.raised_at >= ?1 AND k.district <> '' GROUP BY k.district "
		"   ORDER BY n DESC, d LIMIT 3)), ''), "
		"  (SELECT count(*) FROM promise p WHERE p.tag_id = c.tag_id AND p.status = 'open') "
		"FROM concern c JOIN tag t ON t.id = c.tag_id WHERE c.raised_at >= ?1 "
		"GROUP BY c.tag_id ORDER BY people DESC, last DESC, t.name LIMIT ?2";

	return issue_emit(db, db_query(db, sql, err, "tn", since ? since : "", limit), fn, ud, err);
}

/* ---- promises ----------------------------------------------------------------------- */

/* The id of the row the last write inserted (db_write_run keeps it). */
static void
inserted_id(struct kdb *db, enum kith_status rc, int64_t *id_out)
{
	if (!rc && id_out)
		*id_out = sqlite3_last_insert_rowid(db->h);
}

enum kith_status
promise_add(struct kdb *db, const char *issue, const char *title, int64_t *id_out,
	    struct kith_err *err)
{
	static const char ins[] =
		"INSERT INTO promise(tag_id, title, made_at, created_at, id) "
		"VALUES (?1, ?2, ?3, ?4, :key)";
	char day[KDATE_STR], now[20];
	int64_t tag_id;
	enum kith_status rc;

	if (ent_require("title", title, err) || db_check_text("title", title, err))
		return KITH_INVALID;
	if ((rc = issue_id(db, issue ? issue : "", &tag_id, err)) ||
	    (rc = day_or_today("made", NULL, day, err)))
		return rc;
	db_now(now);
	rc = db_write_run(db, ins, "promise", err, "ittt-", tag_id, title, day, now);
	inserted_id(db, rc, id_out);
	return rc;
}

static enum kith_status
promise_exists(struct kdb *db, int64_t id, struct kith_err *err)
{
	return ent_exists(db, "SELECT 1 FROM promise WHERE id = ?1", id, "promise", err);
}

enum kith_status
promise_update(struct kdb *db, int64_t promise_id, const char *text, const char *at,
	       int64_t *id_out, struct kith_err *err)
{
	static const char ins[] =
		"INSERT INTO promise_update(promise_id, at, text, created_at, id) "
		"VALUES (?1, ?2, ?3, ?4, :key)";
	char day[KDATE_STR], now[20];
	enum kith_status rc;

	if (ent_require("update", text, err) || db_check_text("update", text, err))
		return KITH_INVALID;
	if ((rc = promise_exists(db, promise_id, err)) || (rc = day_or_today("at", at, day, err)))
		return rc;
	db_now(now);
	rc = db_write_run(db, ins, "promise", err, "ittt-", promise_id, day, text, now);
	inserted_id(db, rc, id_out);
	return rc;
}

enum kith_status
promise_close(struct kdb *db, int64_t promise_id, bool kept, struct kith_err *err)
{
	static const char upd[] = "UPDATE promise SET status = ?2, closed_at = ?3 WHERE id = ?1";
	char day[KDATE_STR];
	enum kith_status rc;

	if ((rc = promise_exists(db, promise_id, err)) ||
	    (rc = day_or_today("closed", NULL, day, err)))
		return rc;
	return db_write_run(db, upd, "promise", err, "itt", promise_id, kept ? "kept" : "dropped",
			    day);
}

ENT_EMITTER(promise_emit, struct promise_row, promise_row_fn, "promises",
	DB_C(I64, id), DB_C(TEXT, issue), DB_C(TEXT, title), DB_C(TEXT, status),
	DB_C(TEXT, made_at), DB_C(INT, updates), DB_C(TEXT, last_update), DB_C(I64, last_update_id),
	DB_C(INT, people), DB_C(INT, untold), DB_C(TEXT, last_update_at))

/* who raised the issue and is not archived */
#define PROMISE_PEOPLE \
	"(SELECT count(DISTINCT c.contact_id) FROM concern c JOIN contact k ON k.id = c.contact_id " \
	"  WHERE c.tag_id = p.tag_id AND k.archived = 0)"
/* of them, those not told the last update (u) */
#define PROMISE_UNTOLD_OF \
	"FROM concern c JOIN contact k ON k.id = c.contact_id WHERE c.tag_id = p.tag_id " \
	"AND k.archived = 0 AND NOT EXISTS (SELECT 1 FROM promise_told pt " \
	"WHERE pt.update_id = u.id AND pt.contact_id = c.contact_id)"
#define PROMISE_UNTOLD "(SELECT count(DISTINCT c.contact_id) " PROMISE_UNTOLD_OF ")"
/*
 * (the last update's id: u; people: PROMISE_PEOPLE, or 0 where it is not
 * wanted; untold: PROMISE_UNTOLD, or whether anyone is, 0 or 1)
 */
#define PROMISE_COLS_WITH(people, untold) \
	"SELECT p.id, t.name, p.title, p.status, p.made_at, " \
	"(SELECT count(*) FROM promise_update WHERE promise_id = p.id), " \
	"coalesce((SELECT text FROM promise_update WHERE id = u.id), ''), coalesce(u.id, 0), " \
	people ", CASE WHEN u.id IS NULL THEN 0 ELSE " untold " END, coalesce(u.at, '') " \
	"FROM promise p JOIN tag t ON t.id = p.tag_id LEFT JOIN promise_update u ON u.id = " \
	"(SELECT max(id) FROM promise_update WHERE promise_id = p.id) "
#define PROMISE_COLS PROMISE_COLS_WITH(PROMISE_PEOPLE, PROMISE_UNTOLD)

enum kith_status
promise_list(struct kdb *db, bool all, promise_row_fn fn, void *ud, struct kith_err *err)
{
	static const char sql[] = PROMISE_COLS
		"WHERE ?1 OR p.status = 'open' ORDER BY p.status <> 'open', p.made_at DESC, p.id DESC";

	return promise_emit(db, db_query(db, sql, err, "n", all ? 1 : 0), fn, ud, err);
}

enum kith_status
promise_list_updated(struct kdb *db, const char *since, const char *until, promise_row_fn fn,
		     void *ud, struct kith_err *err)
{
	static const char sql[] = PROMISE_COLS_WITH("0", "EXISTS (SELECT 1 " PROMISE_UNTOLD_OF ")")
		"WHERE u.at >= ?1 AND u.at <= ?2 "
		"ORDER BY p.status <> 'open', p.made_at DESC, p.id DESC";

	return promise_emit(db, db_query(db, sql, err, "tt", since, until), fn, ud, err);
}

struct one_promise {
	promise_row_fn fn;
	void *ud;
	bool found;
};

static int
one_promise(void *ud, const struct promise_row *row)
{
	struct one_promise *o = ud;

	o->found = true;
	return o->fn(o->ud, row);
}

enum kith_status
promise_get(struct kdb *db, int64_t id, promise_row_fn fn, void *ud, struct kith_err *err)
{
	static const char sql[] = PROMISE_COLS "WHERE p.id = ?1";
	struct one_promise o = { fn, ud, false };
	enum kith_status rc = promise_emit(db, db_query(db, sql, err, "i", id), one_promise, &o,
					   err);

	if (!rc && !o.found)
		return kith_err_set(err, KITH_NOTFOUND, "promise #%lld: no such promise",
				    (long long)id);
	return rc;
}

/* ---- telling ------------------------------------------------------------------------ */

enum kith_status
promise_untold(struct kdb *db, int64_t update_id, int64_t **ids, size_t *n, struct kith_err *err)
{
	static const char sql[] =
		"SELECT DISTINCT c.contact_id, k.name_key FROM concern c "
		"JOIN contact k ON k.id = c.contact_id "
		"WHERE c.tag_id = (SELECT p.tag_id FROM promise p JOIN promise_update u "
		"  ON u.promise_id = p.id WHERE u.id = ?1) AND k.archived = 0 "
		"AND NOT EXISTS (SELECT 1 FROM promise_told pt WHERE pt.update_id = ?1 "
		"  AND pt.contact_id = c.contact_id) ORDER BY k.name_key, c.contact_id";

	*ids = NULL;
	*n = 0;
	return db_id_list(db, db_query(db, sql, err, "i", update_id), ids, n, "promise", err);
}

struct tell_w {
	int64_t update_id, interaction_id;
	int kind;
	const char *summary;
	size_t told;
};

static enum kith_status
tell_body(struct kdb *db, void *ctx, struct kith_err *err)
{
	static const char ins[] =
		"INSERT INTO promise_told(update_id, contact_id, at) VALUES (?1, ?2, ?3)";
	struct tell_w *w = ctx;
	struct kith_interaction in = { 0 };
	struct kdatetime now = kdate_now();
	char at[KDATETIME_STR];
	int64_t *ids;
	size_t n;
	enum kith_status rc;

	if ((rc = promise_untold(db, w->update_id, &ids, &n, err)) || !n) {
		free(ids);
		return rc;
	}
	kdatetime_format(now, at);
	in.at = at;
	in.kind = w->kind;
	in.way = KITH_IWAY_OUT;
	in.summary = (char *)w->summary;
	if (!w->summary) {      /* "Update on #elm-st-light: the work order is filed" */
		static const char q[] =
			"SELECT 'Update on #' || t.name || ': ' || u.text FROM promise_update u "
			"JOIN promise p ON p.id = u.promise_id JOIN tag t ON t.id = p.tag_id "
			"WHERE u.id = ?1";
		sqlite3_stmt *st;
		if ((rc = db_first(db, &st, q, "promise", err, "i", w->update_id))) {
			free(ids);
			return rc;
		}
		in.summary = db_col_dup(st, 0);
		sqlite3_reset(st);
	}
	in.contact_ids = ids;
	in.n_contacts = n;
	rc = interaction_add(db, &in, &w->interaction_id, err);
	if (!w->summary)
		free(in.summary);
	for (size_t i = 0; i < n && !rc; i++)
		rc = db_run(db, ins, "promise", err, "iit", w->update_id, ids[i], at);
	free(ids);
	if (!rc)
		w->told = n;
	return rc;
}

enum kith_status
promise_tell(struct kdb *db, int64_t update_id, int kind, const char *summary,
	     int64_t *interaction_id, size_t *told, struct kith_err *err)
{
	struct tell_w w = { .update_id = update_id, .kind = kind, .summary = summary };
	enum kith_status rc = db_write(db, tell_body, &w, err);

	if (interaction_id)
		*interaction_id = rc ? 0 : w.interaction_id;
	if (told)
		*told = rc ? 0 : w.told;
	return rc;
}
