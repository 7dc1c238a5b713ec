/*
 * ent.c: helpers shared by the entity files of src/db (see ent.h).
 */
#include "ent.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/search.h"
#include "kith/str.h"
#include "kith/syncdb.h"
#include "kith/xalloc.h"

static enum kith_status
not_found(const char *what, int64_t id, struct kith_err *err)
{
	return kith_err_set(err, KITH_NOTFOUND, "%s #%lld: no such %s", what, (long long)id, what);
}

enum kith_status
ent_exists(struct kdb *db, const char *sql, int64_t id, const char *what, struct kith_err *err)
{
	enum kith_status rc = db_int64(db, NULL, sql, what, err, "i", id);

	return rc == KITH_NOTFOUND ? not_found(what, id, err) : rc;
}

/* One entry per enum ent_kind: the constant texts are the cache keys. */
#define ENT_TABLE(what, table) \
	{ what, "SELECT 1 FROM " table " WHERE id = ?", "DELETE FROM " table " WHERE id = ?" }
static const struct {
	const char *what, *q_exists, *q_delete;
} ent_tables[ENT_KIND_COUNT_] = {
	[ENT_CONTACT] = ENT_TABLE("contact", "contact"),
	[ENT_ORG] = ENT_TABLE("organisation", "organisation"),
	[ENT_EVENT] = ENT_TABLE("event", "event"),
	[ENT_MAP] = ENT_TABLE("map", "power_map"),
	[ENT_ROLE] = ENT_TABLE("role", "role"),
	[ENT_RELATIONSHIP] = ENT_TABLE("relationship", "relationship"),
	[ENT_INTERACTION] = ENT_TABLE("interaction", "interaction"),
	[ENT_FOLLOWUP] = ENT_TABLE("follow-up", "followup"),
};

enum kith_status
ent_has(struct kdb *db, enum ent_kind kind, int64_t id, struct kith_err *err)
{
	return ent_exists(db, ent_tables[kind].q_exists, id, ent_tables[kind].what, err);
}

struct ent_del {
	enum ent_kind kind;
	int64_t id;
};

static enum kith_status
ent_delete_body(struct kdb *db, void *ctx, struct kith_err *err)
{
	const struct ent_del *d = ctx;
	const char *what = ent_tables[d->kind].what;
	sqlite3_stmt *st = db_stmt(db, ent_tables[d->kind].q_delete, err);
	enum kith_status rc;

	if (!st)
		return KITH_DB;
	sqlite3_bind_int64(st, 1, d->id);
	if ((rc = db_step_done(db, st, err, what)))
		return rc;
	return sqlite3_changes(db->h) ? KITH_OK : not_found(what, d->id, err);
}

enum kith_status
ent_delete(struct kdb *db, enum ent_kind kind, int64_t id, struct kith_err *err)
{
	struct ent_del d = { kind, id };

	return db_write(db, ent_delete_body, &d, err);
}

enum kith_status
ent_row(struct kdb *db, const char *sql, int64_t id, const char *what, sqlite3_stmt **out,
	struct kith_err *err)
{
	sqlite3_stmt *st = db_stmt(db, sql, err);
	enum kith_status rc;

	*out = NULL;
	if (!st)
		return KITH_DB;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = db_step_row(db, st, what, err)) == KITH_OK)
		*out = st;
	return rc == KITH_NOTFOUND ? not_found(what, id, err) : rc;
}

enum kith_status
ent_row_text(struct kdb *db, const char *sql, int64_t id, const char *what, char **out,
	     struct kith_err *err)
{
	sqlite3_stmt *st;
	enum kith_status rc = ent_row(db, sql, id, what, &st, err);

	*out = rc ? NULL : xstrdup(db_col_text(st, 0));
	if (!rc)
		sqlite3_reset(st);
	return rc;
}

enum kith_status
ent_get(struct kdb *db, enum ent_kind kind, const char *sql, int64_t id,
	const struct db_fields *t, void *out, struct kith_err *err)
{
	sqlite3_stmt *st;
	enum kith_status rc;

	memset(out, 0, t->size);
	if ((rc = ent_row(db, sql, id, ent_tables[kind].what, &st, err)))
		return rc;
	db_read(st, 0, t, out);
	sqlite3_reset(st);
	return KITH_OK;
}

/* The rows that row's fields marked by DB_CR name exist (an ID of 0 names none). */
static enum kith_status
ent_check_refs(struct kdb *db, const struct db_fields *t, const void *row, struct kith_err *err)
{
	enum kith_status rc;
	int64_t id;

	for (size_t i = 0; i < t->n; i++) {
		if (!t->f[i].ref)
			continue;
		memcpy(&id, (const char *)row + t->f[i].off, sizeof id);
		if ((id || t->f[i].kind != DBF_ID) && (rc = ent_has(db, t->f[i].ref - 1, id, err)))
			return rc;
	}
	return KITH_OK;
}

struct ent_wr {
	const struct ent_writer *w;
	const void *row;
	int64_t id;                         /* in: the row updated; out: the row added */
	bool want_id;                       /* the caller asks for the id of the row added */
};

static enum kith_status
ent_write_body(struct kdb *db, void *ctx, struct kith_err *err)
{
	struct ent_wr *x = ctx;
	const char *what = ent_tables[x->w->kind].what;
	sqlite3_stmt *st;
	enum kith_status rc;

	if (x->id && (rc = ent_has(db, x->w->kind, x->id, err)))
		return rc;
	if (x->w->fields && (rc = ent_check_refs(db, x->w->fields, x->row, err)))
		return rc;
	if (x->w->check && (rc = x->w->check(db, x->row, x->id, err)))
		return rc;
	if (!x->id && !x->want_id && x->w->pend && !x->w->after) {
		bool queued = false;
		if ((rc = x->w->pend(db, x->row, &queued, err)) || queued)
			return rc;
	}
	if (!(st = db_stmt(db, x->id ? x->w->q_update : x->w->q_insert, err)))
		return KITH_DB;
	if (x->w->bind)
		x->w->bind(st, x->row);
	else
		db_bind_fields(st, 1, x->w->fields, x->row);
	ent_bind_meta(st, x->id ? x->w->q_update : x->w->q_insert, x->id);
	if (!x->id && (rc = db_key_bind(db, st, err)))
		return rc;
	/* what an import has still to write that an insert reads not waits (pend.c) */
	db_pend_quiet(db, x->id ? 0 : x->w->pend_unread);
	rc = db_step_done(db, st, err, what);
	db_pend_quiet(db, 0);
	if (rc)
		return rc;
	if (!x->id)
		x->id = sqlite3_last_insert_rowid(db->h);
	return x->w->after ? x->w->after(db, x->row, x->id, err) : KITH_OK;
}

enum kith_status
ent_add(struct kdb *db, const struct ent_writer *w, const void *row, int64_t *id_out,
	struct kith_err *err)
{
	struct ent_wr x = { w, row, 0, id_out != NULL };
	enum kith_status rc;

	if (w->validate && w->validate(row, err))
		return KITH_INVALID;
	if (!(rc = db_write(db, ent_write_body, &x, err)) && id_out)
		*id_out = x.id;
	return rc;
}

enum kith_status
ent_update(struct kdb *db, const struct ent_writer *w, const void *row, int64_t id,
	   struct kith_err *err)
{
	struct ent_wr x = { w, row, id, false };

	if (w->validate && w->validate(row, err))
		return KITH_INVALID;
	if (id <= 0)
		return not_found(ent_tables[w->kind].what, id, err);
	return db_write(db, ent_write_body, &x, err);
}

/*
** The places of :id and :now in a writer's statement, by the address of its
** constant text: a function of the text alone, so of every connection.
** (Looking them up by name cost an import 1,300 instructions a row.)
*/
struct meta_places {
	const char *sql;
	int id, now;
};

static void
meta_places(sqlite3_stmt *st, const char *sql, int *id, int *now)
{
	enum { N_PLACES = 32 };
	static _Thread_local struct meta_places kept[N_PLACES];
	static _Thread_local unsigned next;
	struct meta_places *m;

	for (unsigned k = 0; k < N_PLACES; k++)
		if (kept[k].sql == sql) {
			*id = kept[k].id;
			*now = kept[k].now;
			return;
		}
	*id = sqlite3_bind_parameter_index(st, ":id");
	*now = sqlite3_bind_parameter_index(st, ":now");
	m = &kept[next++ % N_PLACES];
	m->sql = sql;
	m->id = *id;
	m->now = *now;
}

void
ent_bind_meta(sqlite3_stmt *st, const char *sql, int64_t id)
{
	int i, at_now;
	char now[20];

	meta_places(st, sql, &i, &at_now);
	if (i)
		sqlite3_bind_int64(st, i, id);
	if ((i = at_now)) {
		db_now(now);
		sqlite3_bind_text(st, i, now, -1, SQLITE_TRANSIENT);
	}
}

enum kith_status
ent_link_check(struct kdb *db, const void *row, int64_t id, struct kith_err *err)
{
	const struct ent_link *l = row;

	(void)id;
	enum kith_status rc = ent_has(db, l->kind, l->id, err);

	return rc ? rc : ent_has(db, ENT_CONTACT, l->contact_id, err);
}

void
ent_link_bind(sqlite3_stmt *st, const void *row)
{
	const struct ent_link *l = row;

	sqlite3_bind_int64(st, 1, l->id);
	sqlite3_bind_int64(st, 2, l->contact_id);
	if (l->t3)
		sqlite3_bind_text(st, 3, l->t3, -1, SQLITE_STATIC);
	if (l->t4)
		sqlite3_bind_text(st, 4, l->t4, -1, SQLITE_STATIC);
}

struct ent_unl {
	const char *sql, *not_linked;
	struct ent_link l;
};

static enum kith_status
ent_unlink_body(struct kdb *db, void *ctx, struct kith_err *err)
{
	const struct ent_unl *u = ctx;
	const char *what = ent_tables[u->l.kind].what;
	sqlite3_stmt *st = db_stmt(db, u->sql, err);
	enum kith_status rc;

	if (!st)
		return KITH_DB;
	ent_link_bind(st, &u->l);
	if ((rc = db_step_done(db, st, err, what)))
		return rc;
	if (sqlite3_changes(db->h))
		return KITH_OK;
	if ((rc = ent_link_check(db, &u->l, 0, err)))
		return rc;
	return kith_err_set(err, KITH_NOTFOUND, "contact #%lld: %s #%lld",
			    (long long)u->l.contact_id, u->not_linked, (long long)u->l.id);
}

enum kith_status
ent_unlink(struct kdb *db, const char *sql, enum ent_kind kind, int64_t id, int64_t contact_id,
	   const char *not_linked, struct kith_err *err)
{
	struct ent_unl u = { sql, not_linked, { kind, id, contact_id, NULL, NULL } };

	return db_write(db, ent_unlink_body, &u, err);
}

/* True if s looks like "NNNN-NN-NN" followed by `rest` characters. */
static bool
date_shaped(const char *s, size_t len)
{
	if (strlen(s) != len)
		return false;
	for (size_t i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return false;
		} else if (!isdigit((unsigned char)s[i])) {
			return false;
		}
	}
	return true;
}

enum kith_status
ent_check_date(const char *field, const char *s, struct kith_err *err)
{
	struct kdate d;

	if (str_empty(s))
		return KITH_OK;
	if (db_check_text(field, s, err))
		return KITH_INVALID;
	if (kdate_parse_iso(s, &d))
		return KITH_OK;
	if (date_shaped(s, 10))
		return kith_err_set(err, KITH_INVALID, "%s %.40s: not a date", field, s);
	return kith_err_set(err, KITH_INVALID, "%s %.40s: must be YYYY-MM-DD", field, s);
}

enum kith_status
ent_check_span(const char *start, const char *end, struct kith_err *err)
{
	if (ent_check_date("start", start, err) || ent_check_date("end", end, err))
		return KITH_INVALID;
	if (!str_empty(start) && !str_empty(end) && strcmp(end, start) < 0)
		return kith_err_set(err, KITH_INVALID, "end %s: before the start %s", end, start);
	return KITH_OK;
}

enum kith_status
ent_norm_when(const char *field, const char *s, char out[KDATETIME_STR], bool *has_time,
	      struct kith_err *err)
{
	struct kdatetime t;

	if (str_empty(s))
		return kith_err_set(err, KITH_INVALID, "%s: must not be empty", field);
	if (db_check_text(field, s, err))
		return KITH_INVALID;
	if (!kdatetime_parse_iso(s, &t)) {
		if (date_shaped(s, 10) || (strlen(s) == 16 && date_shaped(s, 16)))
			return kith_err_set(err, KITH_INVALID, "%s %.40s: not a date", field, s);
		return kith_err_set(err, KITH_INVALID,
				    "%s %.40s: must be YYYY-MM-DD or \"YYYY-MM-DD HH:MM\"", field, s);
	}
	kdatetime_format(t, out);
	if (has_time)
		*has_time = t.has_time;
	return KITH_OK;
}

enum kith_status
ent_check_int(const char *field, int v, int lo, int hi, const char *says, struct kith_err *err)
{
	if (v < lo || v > hi)
		return kith_err_set(err, KITH_INVALID, "%s %d: %s", field, v, says);
	return KITH_OK;
}

enum kith_status
ent_require(const char *field, const char *s, struct kith_err *err)
{
	const char *p = s;

	if (p)
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
	if (!p || !*p)
		return kith_err_set(err, KITH_INVALID, "%s: must not be empty", field);
	return KITH_OK;
}

void
ent_now_minute(char out[KDATETIME_STR])
{
	struct kdatetime t = kdate_now();

	t.has_time = true;
	kdatetime_format(t, out);
}

enum kith_status
ent_finish(struct kdb *db, sqlite3_stmt *st, int rc, const char *what, struct kith_err *err)
{
	return db_finish(db, st, rc, what, err);
}

/* ---- resolution ------------------------------------------------------------ */

#define MAX_CANDS 8

struct cands {
	int64_t ids[MAX_CANDS + 1];
	char *names[MAX_CANDS + 1];
	int n;
	struct kdb *db;             /* for the candidates' short references */
	const char *table;
};

static enum kith_status
cands_run(struct kdb *db, sqlite3_stmt *st, struct cands *c, const char *what,
	  struct kith_err *err)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		bool dup = false;
		for (int i = 0; i < c->n; i++)
			dup = dup || c->ids[i] == id;
		if (dup || c->n == MAX_CANDS + 1)
			continue;
		c->ids[c->n] = id;
		c->names[c->n] = xstrdup(db_col_text(st, 1));
		c->n++;
	}
	return ent_finish(db, st, rc, what, err);
}

static void
cands_free(struct cands *c)
{
	for (int i = 0; i < c->n; i++)
		free(c->names[i]);
	c->n = 0;
}

enum kith_status
ent_pick(struct kdb *db, const char *table, const char *arg, const int64_t *ids,
	 char *const *names, int n, int named, const char *more, int64_t *id_out,
	 struct kith_err *err)
{
	struct strbuf sb = { 0 };
	enum kith_status rc;

	if (n == 1) {
		*id_out = ids[0];
		return KITH_OK;
	}
	sb_printf(&sb, "\"%.60s\": ambiguous, could be: ", arg);
	for (int i = 0; i < n && i < named; i++)
		sb_printf(&sb, "%s%s (#%lld)", i ? ", " : "", names[i],
			  (long long)kdb_ref(db, table, ids[i]));
	sb_append(&sb, more);
	rc = kith_err_set(err, KITH_AMBIGUOUS, "%s", sb_str(&sb));
	sb_free(&sb);
	return rc;
}

static enum kith_status
cands_result(struct cands *c, const char *what, const char *arg, int64_t *id_out,
	     struct kith_err *err)
{
	enum kith_status rc;

	if (c->n == 0)
		return kith_err_set(err, KITH_NOTFOUND, "\"%.60s\": no such %s", arg, what);
	rc = ent_pick(c->db, c->table, arg, c->ids, c->names, c->n, MAX_CANDS,
		      c->n > MAX_CANDS ? ", and more" : "", id_out, err);
	cands_free(c);
	return rc;
}

/* Word matches offered, not chosen: KITH_NOTFOUND naming them. */
static enum kith_status
cands_suggest(struct cands *c, const char *what, const char *arg, struct kith_err *err)
{
	struct strbuf sb = { 0 };
	enum kith_status rc;

	sb_printf(&sb, "\"%.60s\": no %s title starts with it; did you mean ", arg, what);
	for (int i = 0; i < c->n && i < MAX_CANDS; i++)
		sb_printf(&sb, "%s\"%s\" (#%lld)", i ? ", " : "", c->names[i],
			  (long long)kdb_ref(c->db, c->table, c->ids[i]));
	sb_append(&sb, c->n > MAX_CANDS ? ", or more?" : "?");
	rc = kith_err_set(err, KITH_NOTFOUND, "%s", sb_str(&sb));
	sb_free(&sb);
	return rc;
}

/* "arg%" for LIKE, with %, _ and \ escaped by '\'. */
static char *
like_prefix(const char *arg)
{
	struct strbuf sb = { 0 };

	for (const char *p = arg; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			sb_appendc(&sb, '\\');
		sb_appendc(&sb, *p);
	}
	sb_appendc(&sb, '%');
	return sb_detach(&sb);
}

/* The table of a resolver's rows ("map": power_map), for its short references. */
static const char *
ent_table(const struct ent_resolver *r)
{
	return !strcmp(r->what, "map") ? "power_map" : r->what;
}

enum kith_status
ent_resolve(struct kdb *db, const struct ent_resolver *r, const char *arg, int64_t *id_out,
	    struct kith_err *err)
{
	struct cands c = { .n = 0, .db = db, .table = ent_table(r) };
	sqlite3_stmt *st;
	const char *p = arg;
	long long id;
	int64_t alias_key;
	char *key = NULL, *upper = NULL, *like = NULL;
	enum kith_status rc = KITH_OK;

	*id_out = 0;
	if (str_empty(arg))
		return kith_err_set(err, KITH_INVALID, "%s: empty name", r->what);
	if (db_check_text(r->what, arg, err))
		return KITH_INVALID;
	if (*p == '#')
		p++;
	if (str_to_int(p, 1, INT64_MAX, &id)) {
		if (!(st = db_stmt(db, r->q_id, err)))
			return KITH_DB;
		sqlite3_bind_int64(st, 1, id);
		if ((rc = cands_run(db, st, &c, r->what, err)))
			return rc;
		/* a short reference of a team's row (kith/syncdb.h) */
		if (c.n == 0 && (alias_key = kdb_unref(db, ent_table(r), id))) {
			if (!(st = db_stmt(db, r->q_id, err)))
				return KITH_DB;
			sqlite3_bind_int64(st, 1, alias_key);
			if ((rc = cands_run(db, st, &c, r->what, err)))
				return rc;
		}
		if (c.n == 1)
			return cands_result(&c, r->what, arg, id_out, err);
		if (*arg == '#')
			return kith_err_set(err, KITH_NOTFOUND, "%s #%lld: no such %s", r->what, id,
					    r->what);
	}
	key = db_name_key(arg);
	{
		struct strbuf sb = { 0 };
		sb_append(&sb, key);
		sb_append(&sb, "\xF4\x8F\xBF\xBF");
		upper = sb_detach(&sb);
	}
	like = like_prefix(arg);
	/* 1. exact name; 2. prefix; 3. word prefixes */
	if (!(st = db_stmt(db, r->q_exact, err))) {
		rc = KITH_DB;
		goto out;
	}
	db_bind_text(st, 1, arg);
	db_bind_text(st, 2, key);
	if ((rc = cands_run(db, st, &c, r->what, err)) || c.n)
		goto out;
	if (!(st = db_stmt(db, r->q_prefix, err))) {
		rc = KITH_DB;
		goto out;
	}
	db_bind_text(st, 1, arg);
	db_bind_text(st, 2, key);
	db_bind_text(st, 3, upper);
	db_bind_text(st, 4, like);
	if ((rc = cands_run(db, st, &c, r->what, err)) || c.n)
		goto out;
	if (r->q_words) {
		char *q = search_fts_query(arg);
		if (q) {
			if (!(st = db_stmt(db, r->q_words, err))) {
				free(q);
				rc = KITH_DB;
				goto out;
			}
			db_bind_text(st, 1, q);
			rc = cands_run(db, st, &c, r->what, err);
			free(q);
			if (!rc && c.n && r->words_suggest)
				rc = cands_suggest(&c, r->what, arg, err);
		}
	}
out:
	free(key);
	free(upper);
	free(like);
	if (rc) {
		cands_free(&c);
		return rc;
	}
	return cands_result(&c, r->what, arg, id_out, err);
}
