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
#include "kith/xalloc.h"

enum kith_status
ent_exists(struct kdb *db, const char *sql, int64_t id, const char *what, struct kith_err *err)
{
	sqlite3_stmt *st = db_stmt(db, sql, err);
	int rc;

	if (!st)
		return KITH_DB;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return KITH_OK;
	if (rc != SQLITE_DONE)
		return db_error(db, err, what);
	return kith_err_set(err, KITH_NOTFOUND, "%s #%lld: no such %s", what, (long long)id,
			    what);
}

enum kith_status
ent_contact_exists(struct kdb *db, int64_t id, struct kith_err *err)
{
	static const char sql[] = "SELECT 1 FROM contact WHERE id = ?";
	return ent_exists(db, sql, id, "contact", err);
}

enum kith_status
ent_org_exists(struct kdb *db, int64_t id, struct kith_err *err)
{
	static const char sql[] = "SELECT 1 FROM organisation WHERE id = ?";
	return ent_exists(db, sql, id, "organisation", err);
}

enum kith_status
ent_event_exists(struct kdb *db, int64_t id, struct kith_err *err)
{
	static const char sql[] = "SELECT 1 FROM event WHERE id = ?";
	return ent_exists(db, sql, id, "event", err);
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
	enum kith_status s = KITH_OK;

	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		s = db_error(db, err, what);
	sqlite3_reset(st);
	return s;
}

/* ---- resolution ------------------------------------------------------------ */

#define MAX_CANDS 8

struct cands {
	int64_t ids[MAX_CANDS + 1];
	char *names[MAX_CANDS + 1];
	int n;
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

static enum kith_status
cands_result(struct cands *c, const char *what, const char *arg, int64_t *id_out,
	     struct kith_err *err)
{
	struct strbuf sb = { 0 };
	enum kith_status rc;

	if (c->n == 0)
		return kith_err_set(err, KITH_NOTFOUND, "\"%.60s\": no such %s", arg, what);
	if (c->n == 1) {
		*id_out = c->ids[0];
		cands_free(c);
		return KITH_OK;
	}
	sb_printf(&sb, "\"%.60s\": ambiguous, could be: ", arg);
	for (int i = 0; i < c->n && i < MAX_CANDS; i++)
		sb_printf(&sb, "%s%s (#%lld)", i ? ", " : "", c->names[i], (long long)c->ids[i]);
	if (c->n > MAX_CANDS)
		sb_append(&sb, ", and more");
	rc = kith_err_set(err, KITH_AMBIGUOUS, "%s", sb_str(&sb));
	sb_free(&sb);
	cands_free(c);
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

enum kith_status
ent_resolve(struct kdb *db, const struct ent_resolver *r, const char *arg, int64_t *id_out,
	    struct kith_err *err)
{
	struct cands c = { .n = 0 };
	sqlite3_stmt *st;
	const char *p = arg;
	long long id;
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
