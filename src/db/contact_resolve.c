/*
 * contact_resolve.c: turning a user's CONTACT argument into one contact
 * (see contact_resolve in kith/contact.h).
 *
 * In order: an id ("12", "#12"); an exact name or nickname; a prefix of a
 * full name or nickname (range scans of the name_key and nick_key
 * indexes); a word prefix anywhere in the name or nicknames through the
 * full-text index. Keys are folded (case and diacritics ignored). Several
 * matches are an error naming the first few.
 */
#include "ent.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/contact.h"
#include "kith/search.h"
#include "kith/str.h"
#include "kith/syncdb.h"
#include "kith/xalloc.h"

#define MAX_CANDIDATES 8        /* named in an "ambiguous" message */
#define MAX_COUNTED    300      /* counted for its "and N more" */

struct cands {
	int64_t ids[MAX_COUNTED];
	char *names[MAX_CANDIDATES];
	int n;
	bool more;                  /* more than MAX_COUNTED */
	struct kdb *db;             /* for the candidates' short references */
};

static void
cands_add(struct cands *c, int64_t id, const char *name)
{
	for (int i = 0; i < c->n; i++)
		if (c->ids[i] == id)
			return;
	if (c->n == MAX_COUNTED) {
		c->more = true;
		return;
	}
	if (c->n < MAX_CANDIDATES)
		c->names[c->n] = xstrdup(name);
	c->ids[c->n++] = id;
}

static void
cands_free(struct cands *c)
{
	for (int i = 0; i < c->n && i < MAX_CANDIDATES; i++)
		free(c->names[i]);
	c->n = 0;
}

/* Run a query whose columns are (id, name) into c; st NULL: a failed db_query. */
static enum kith_status
cands_query(struct kdb *db, sqlite3_stmt *st, struct cands *c, struct kith_err *err)
{
	int rc;

	if (!st)
		return KITH_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		cands_add(c, sqlite3_column_int64(st, 0), db_col_text(st, 1));
	return db_finish(db, st, rc, "contacts", err);
}

/* The smallest string greater than every string starting with key. */
static char *
prefix_upper(const char *key)
{
	struct strbuf sb = { 0 };

	sb_append(&sb, key);
	sb_append(&sb, "\xF4\x8F\xBF\xBF");
	return sb_detach(&sb);
}

static enum kith_status
cands_result(struct cands *c, const char *arg, int64_t *id_out, struct kith_err *err)
{
	char more[48] = "";
	enum kith_status rc;

	if (c->more)
		snprintf(more, sizeof more, " and more than %d more", MAX_COUNTED - MAX_CANDIDATES);
	else if (c->n > MAX_CANDIDATES)
		snprintf(more, sizeof more, " and %d more", c->n - MAX_CANDIDATES);
	rc = ent_pick(c->db, "contact", arg, c->ids, c->names, c->n, MAX_CANDIDATES, more, id_out,
		      err);
	cands_free(c);
	return rc;
}

enum kith_status
contact_resolve(struct kdb *db, const char *arg, int64_t *id_out, struct kith_err *err)
{
	static const char q_id[] = "SELECT id, display_name FROM contact WHERE id = ?";
	static const char q_exact[] =
		"SELECT id, display_name FROM contact WHERE name_key = ?1 "
		"UNION SELECT c.id, c.display_name FROM contact_nickname n "
		"JOIN contact c ON c.id = n.contact_id WHERE n.nick_key = ?1 "
		"ORDER BY 1 LIMIT 301";
	static const char q_prefix[] =
		"SELECT id, display_name FROM contact WHERE name_key >= ?1 AND name_key < ?2 ORDER BY name_key, id LIMIT 301";
	static const char q_nick[] =
		"SELECT c.id, c.display_name FROM contact_nickname n JOIN contact c ON c.id = n.contact_id "
		"WHERE n.nick_key >= ?1 AND n.nick_key < ?2 ORDER BY n.nick_key LIMIT 301";
	static const char q_fts[] =
		"SELECT c.id, c.display_name FROM contact_fts f JOIN contact c ON c.id = f.rowid "
		"WHERE contact_fts MATCH ? ORDER BY c.name_key LIMIT 301";
	struct cands c = { .n = 0, .db = db };
	char *key, *upper;
	const char *p = arg;
	long long id;
	enum kith_status rc;

	*id_out = 0;
	if (str_empty(arg))
		return kith_err_set(err, KITH_INVALID, "contact: empty name");
	if (db_check_text("contact", arg, err))
		return KITH_INVALID;
	if (*p == '#')
		p++;
	if (str_to_int(p, 1, INT64_MAX, &id)) {
		int64_t key = id;
		if ((rc = cands_query(db, db_query(db, q_id, err, "i", key), &c, err)))
			return rc;
		/* a short reference of a team's row (kith/syncdb.h) */
		if (c.n == 0 && (key = kdb_unref(db, "contact", id)) &&
		    (rc = cands_query(db, db_query(db, q_id, err, "i", key), &c, err)))
			return rc;
		if (c.n == 1)
			return cands_result(&c, arg, id_out, err);
		if (*arg == '#')
			return kith_err_set(err, KITH_NOTFOUND, "contact #%lld: no such contact", id);
	}
	key = db_name_key(arg + contact_honorific_len(arg, NULL));   /* "Cllr. Harriet Osei" */
	if (!*key) {
		free(key);
		return kith_err_set(err, KITH_INVALID, "contact \"%.60s\": not a name", arg);
	}
	/* 1. an exact name or nickname */
	if ((rc = cands_query(db, db_query(db, q_exact, err, "t", key), &c, err)) || c.n > 0) {
		free(key);
		return rc ? rc : cands_result(&c, arg, id_out, err);
	}
	/* 2. a prefix of a full name or a nickname */
	upper = prefix_upper(key);
	if ((rc = cands_query(db, db_query(db, q_prefix, err, "tt", key, upper), &c, err)) ||
	    (rc = cands_query(db, db_query(db, q_nick, err, "tt", key, upper), &c, err)))
		goto out;
	/* 3. word prefixes anywhere in the name or nicknames ("ngo" finds Zoë Ngô) */
	if (c.n == 0) {
		char *q = search_fts_query(arg);
		if (q) {
			struct strbuf sb = { 0 };
			sb_printf(&sb, "{name nicknames} : (%s)", q);
			free(q);
			rc = cands_query(db, db_query(db, q_fts, err, "t", sb_str(&sb)), &c, err);
			sb_free(&sb);
			if (rc)
				goto out;
		}
	}
	free(key);
	free(upper);
	if (c.n == 0)
		return kith_err_set(err, KITH_NOTFOUND, "\"%.60s\": no such contact", arg);
	return cands_result(&c, arg, id_out, err);
out:
	free(key);
	free(upper);
	cands_free(&c);
	return rc;
}
