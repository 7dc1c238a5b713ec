/*
 * search.c: full-text search across everything (see kith/search.h).
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include "kith/fold.h"
#include "kith/search.h"
#include "kith/str.h"
#include "kith/utf8.h"
#include "kith/xalloc.h"

const char *
search_kind_name(enum search_kind k)
{
	static const char *const names[] = {
		[SEARCH_CONTACT] = "contact", [SEARCH_ORG] = "organisation",
		[SEARCH_INTERACTION] = "interaction", [SEARCH_FOLLOWUP] = "follow-up",
		[SEARCH_EVENT] = "event",
	};
	return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

/* True if the word holds something the tokenizer keeps (a letter or digit). */
static bool
has_token(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)w[i];
		if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
			return true;
	}
	return false;
}

/* "w"* with the quotes in w doubled. */
static void
append_phrase(struct strbuf *sb, const char *w, size_t n)
{
	sb_appendc(sb, '"');
	for (size_t i = 0; i < n; i++) {
		if (w[i] == '"')
			sb_appendc(sb, '"');
		sb_appendc(sb, w[i]);
	}
	sb_append(sb, "\"*");
}

/*
 * A word with letters beyond ASCII also matches its folded form, which
 * the name columns hold beside the written one: "Łukasiewicz" finds what
 * "lukasiewicz" finds, and still finds the word as written in a note.
 */
static void
append_word(struct strbuf *sb, const char *w, size_t n)
{
	char *word, *f;
	bool ascii = true;

	for (size_t i = 0; i < n && ascii; i++)
		ascii = (unsigned char)w[i] < 0x80;
	if (ascii) {
		append_phrase(sb, w, n);
		return;
	}
	word = xstrndup(w, n);
	f = fold_text(word);
	if (*f && has_token(f, strlen(f)) && strcmp(f, word)) {
		sb_appendc(sb, '(');
		append_phrase(sb, w, n);
		sb_append(sb, " OR ");
		append_phrase(sb, f, strlen(f));
		sb_appendc(sb, ')');
	} else {
		append_phrase(sb, w, n);
	}
	free(f);
	free(word);
}

char *
search_fts_query(const char *text)
{
	struct strbuf sb = { 0 };
	const char *p = text;

	if (!text)
		return NULL;
	while (*p) {
		const char *start;
		size_t n;

		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		start = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			p++;
		n = (size_t)(p - start);
		if (!n || !has_token(start, n))
			continue;
		if (sb.len)
			sb_appendc(&sb, ' ');
		append_word(&sb, start, n);
	}
	if (!sb.len)
		return NULL;
	return sb_detach(&sb);
}

/*
 * Each kind's hits: ranked by bm25 when few match, else newest first
 * (ranking costs time in proportion to the matches: a one-letter word in
 * a million interactions takes most of a second to rank, and no time to
 * list by rowid).
 */
#define RANK_CAP 500
#define KITH_STR_(x) #x
#define KITH_XSTR(x) KITH_STR_(x)
#define KIND_SQL(select_from, fts) \
	{ select_from "WHERE " fts " MATCH ?1 ORDER BY rank LIMIT ?2", \
	  select_from "WHERE " fts " MATCH ?1 ORDER BY f.rowid DESC LIMIT ?2", \
	  "SELECT count(*) FROM (SELECT rowid FROM " fts " WHERE " fts " MATCH ?1 LIMIT " \
	  KITH_XSTR(RANK_CAP) " + 1)" }

struct kind_query {
	enum search_kind kind;
	const char *sql[3];         /* ranked, newest first, capped count; ?1 match, ?2 limit */
	bool priv;                  /* the private file's (asked only when it is attached) */
};

static const struct kind_query kind_queries[] = {
	{ SEARCH_CONTACT, KIND_SQL(
	  "SELECT c.id, c.display_name, "
	  " trim(f.org || CASE WHEN f.org <> '' AND f.role <> '' THEN ' · ' ELSE '' END || f.role) "
	  "FROM contact_fts f JOIN contact c ON c.id = f.rowid ", "contact_fts") , false },
	{ SEARCH_ORG, KIND_SQL(
	  "SELECT o.id, o.name, o.kind FROM organisation_fts f JOIN organisation o ON o.id = f.rowid ",
	  "organisation_fts") , false },
	{ SEARCH_EVENT, KIND_SQL(
	  "SELECT e.id, e.title, e.start_at || CASE WHEN e.location <> '' THEN ' · ' || e.location "
	  " ELSE '' END FROM event_fts f JOIN event e ON e.id = f.rowid ", "event_fts") , false },
	{ SEARCH_FOLLOWUP, KIND_SQL(
	  "SELECT fu.id, fu.title, trim(coalesce('due ' || fu.due, '') || "
	  " coalesce(' · ' || (SELECT display_name FROM contact WHERE id = fu.contact_id), '') || "
	  " CASE WHEN fu.status <> 'open' THEN ' · ' || fu.status ELSE '' END) "
	  "FROM followup_fts f JOIN followup fu ON fu.id = f.rowid ", "followup_fts") , false },
	{ SEARCH_INTERACTION, KIND_SQL(
	  "SELECT i.id, i.summary, i.at || coalesce(' · with ' || (SELECT group_concat(c.display_name, ', ') "
	  " FROM interaction_contact ic JOIN contact c ON c.id = ic.contact_id "
	  " WHERE ic.interaction_id = i.id), '') "
	  "FROM interaction_fts f JOIN interaction i ON i.id = f.rowid ", "interaction_fts") , false },
	/* private notes (private.c): their ids negated, "private" in the detail */
	{ SEARCH_INTERACTION, KIND_SQL(
	  "SELECT -n.id, n.summary, 'private · ' || n.at || coalesce(' · with ' || "
	  " (SELECT group_concat(c.display_name, ', ') FROM priv.private_note_contact pc "
	  "  JOIN contact c ON c.id = pc.contact_id WHERE pc.note_id = n.id), '') "
	  "FROM private_note_fts f JOIN priv.private_note n ON n.id = f.rowid ", "private_note_fts"),
	  true },
};

/* The statement for one kind: ranked if at most RANK_CAP rows match. */
static sqlite3_stmt *
kind_stmt(struct kdb *db, const struct kind_query *k, const char *q, int limit,
	  struct kith_err *err)
{
	sqlite3_stmt *st = db_stmt(db, k->sql[2], err);
	int many;

	if (!st)
		return NULL;
	db_bind_text(st, 1, q);
	if (sqlite3_step(st) != SQLITE_ROW) {
		db_error(db, err, "search");
		sqlite3_reset(st);
		return NULL;
	}
	many = sqlite3_column_int(st, 0) > RANK_CAP;
	sqlite3_reset(st);
	if (!(st = db_stmt(db, k->sql[many ? 1 : 0], err)))
		return NULL;
	db_bind_text(st, 1, q);
	sqlite3_bind_int(st, 2, limit);
	return st;
}

enum kith_status
search_all(struct kdb *db, const char *query, int limit, search_hit_fn fn, void *ud,
	   struct kith_err *err)
{
	char *q;

	if (db_check_text("search", query, err))
		return KITH_INVALID;
	if (!(q = search_fts_query(query)))
		return kith_err_set(err, KITH_INVALID, "search: give at least one word");
	for (size_t k = 0; k < sizeof kind_queries / sizeof kind_queries[0]; k++) {
		sqlite3_stmt *st;
		int rc;

		if (kind_queries[k].priv && !kdb_private_attached(db))
			continue;
		if (!(st = kind_stmt(db, &kind_queries[k], q, limit, err))) {
			free(q);
			return err ? err->code : KITH_DB;
		}
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			struct search_hit h = {
				.kind = kind_queries[k].kind,
				.id = sqlite3_column_int64(st, 0),
				.title = db_col_text(st, 1),
				.detail = db_col_text(st, 2),
			};
			if (fn(ud, &h)) {
				sqlite3_reset(st);
				free(q);
				return KITH_OK;
			}
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			free(q);
			return db_error(db, err, "search");
		}
	}
	free(q);
	return KITH_OK;
}

enum kith_status
db_fts_count_capped(struct kdb *db, const char *sql, const char *text, int cap,
		    long long *out, struct kith_err *err)
{
	sqlite3_stmt *st = db_stmt(db, sql, err);
	char *m = search_fts_query(text);
	int rc;

	*out = 0;
	if (!st || !m) {
		free(m);
		return st ? KITH_OK : KITH_DB;
	}
	sqlite3_bind_text(st, 1, m, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, cap + 1);
	free(m);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(db, err, "search");
	return KITH_OK;
}
