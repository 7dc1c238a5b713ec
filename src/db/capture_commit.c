/*
 * capture_commit.c: resolving the people a quick capture mentions, and
 * saving a capture in one transaction (see kith/capture.h).
 *
 * Resolution walks indexes only: the name_key and nick_key indexes for
 * exact names and prefixes, the contact_fts index for initials (a phrase
 * of one-letter prefixes anchored at the start of the name: "tr" is
 * `^ t* + r*`) and for word prefixes. At most CAPTURE_MATCH_MAX ids are
 * gathered; the candidates shown are the most recently contacted of them.
 */
#include "ent.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/capture.h"
#include "kith/concern.h"
#include "kith/contact.h"
#include "kith/followup.h"
#include "kith/interaction.h"
#include "kith/search.h"
#include "kith/str.h"
#include "kith/types.h"
#include "kith/xalloc.h"

/* A gathered match: its id, when it was last contacted, its sort name. */
struct hit {
	int64_t id;
	char last_at[17];
	char *key;
};

struct idset {
	struct hit hits[CAPTURE_MATCH_MAX];
	int n;
	bool more;
};

/*
** Step a query whose columns are (id, last_at, name_key) into s. The
** queries join contact_stat and contact on their primary keys, so ranking
** needs no second look-up per match. st may be NULL (a failed db_query).
*/
static enum kith_status
idset_query(struct kdb *db, sqlite3_stmt *st, struct idset *s, struct kith_err *err)
{
	int rc;

	if (!st)
		return KITH_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		int i;
		for (i = 0; i < s->n && s->hits[i].id != id; i++)
			;
		if (i < s->n)
			continue;
		if (s->n == CAPTURE_MATCH_MAX) {
			s->more = true;
			continue;
		}
		s->hits[s->n].id = id;
		snprintf(s->hits[s->n].last_at, sizeof s->hits[0].last_at, "%s", db_col_text(st, 1));
		s->hits[s->n].key = xstrdup(db_col_text(st, 2));
		s->n++;
	}
	return ent_finish(db, st, rc, "contacts", err);
}

static void
idset_free(struct idset *s)
{
	for (int i = 0; i < s->n; i++)
		free(s->hits[i].key);
	free(s);
}

/* The key's initials query ("tr" -> "{name} : (^ t* + r*)"), or NULL if it is not initials. */
static char *
initials_query(const char *key)
{
	struct strbuf sb = { 0 };
	size_t n = strlen(key);

	if (n < 2 || n > 4)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (key[i] < 'a' || key[i] > 'z')
			return NULL;
	sb_append(&sb, "{name} : (^ ");
	for (size_t i = 0; i < n; i++)
		sb_printf(&sb, "%s%c*", i ? " + " : "", key[i]);
	sb_append(&sb, ")");
	return sb_detach(&sb);
}

/* Most recently contacted first, never contacted last; then by name. */
static int
hit_cmp(const void *pa, const void *pb)
{
	const struct hit *a = pa, *b = pb;
	int c = strcmp(b->last_at, a->last_at);

	if (c)
		return c;
	c = strcmp(a->key, b->key);
	return c ? c : (a->id < b->id ? -1 : a->id > b->id);
}

/* Rank the gathered matches and name the best CAPTURE_CANDIDATES. */
static enum kith_status
rank(struct kdb *db, struct idset *s, struct capture_match *out, struct kith_err *err)
{
	static const char q[] = "SELECT display_name FROM contact WHERE id = ?";

	qsort(s->hits, (size_t)s->n, sizeof(*s->hits), hit_cmp);
	out->total = s->more ? CAPTURE_MATCH_MAX + 1 : s->n;
	out->found = s->n == 0 ? CAPTURE_UNKNOWN : s->n == 1 ? CAPTURE_ONE : CAPTURE_AMBIGUOUS;
	for (int i = 0; i < s->n && i < CAPTURE_CANDIDATES; i++) {
		struct capture_candidate *cd = &out->cands[out->n_cands];
		sqlite3_stmt *st;
		enum kith_status rc = db_first(db, &st, q, "contacts", err, "i", s->hits[i].id);
		if (rc == KITH_NOTFOUND)
			continue;
		if (rc)
			return rc;
		cd->id = s->hits[i].id;
		cd->name = xstrdup(db_col_text(st, 0));
		memcpy(cd->last_at, s->hits[i].last_at, sizeof cd->last_at);
		out->n_cands++;
		sqlite3_reset(st);
	}
	return KITH_OK;
}

static enum kith_status
match_fts(struct kdb *db, const char *match, struct idset *s, struct kith_err *err)
{
	static const char q[] =
		"SELECT c.id, coalesce(s.last_at, ''), c.name_key FROM contact_fts f "
		"JOIN contact c ON c.id = f.rowid LEFT JOIN contact_stat s ON s.contact_id = c.id "
		"WHERE contact_fts MATCH ? LIMIT 301";
	return idset_query(db, db_query(db, q, err, "t", match), s, err);
}

enum kith_status
capture_match_person(struct kdb *db, const char *text, struct capture_match *out,
		     struct kith_err *err)
{
	static const char q_exact[] =
		"SELECT c.id, coalesce(s.last_at, ''), c.name_key FROM contact c "
		"LEFT JOIN contact_stat s ON s.contact_id = c.id WHERE c.name_key = ?1 "
		"UNION ALL SELECT c.id, coalesce(s.last_at, ''), c.name_key FROM contact_nickname n "
		"JOIN contact c ON c.id = n.contact_id LEFT JOIN contact_stat s ON s.contact_id = c.id "
		"WHERE n.nick_key = ?1 LIMIT 302";
	/* two queries, not a UNION: a UNION gathers every match before its LIMIT */
	static const char q_prefix[] =
		"SELECT c.id, coalesce(s.last_at, ''), c.name_key FROM contact c "
		"LEFT JOIN contact_stat s ON s.contact_id = c.id "
		"WHERE c.name_key >= ?1 AND c.name_key < ?2 LIMIT 301";
	static const char q_nick_prefix[] =
		"SELECT c.id, coalesce(s.last_at, ''), c.name_key FROM contact_nickname n "
		"JOIN contact c ON c.id = n.contact_id LEFT JOIN contact_stat s ON s.contact_id = c.id "
		"WHERE n.nick_key >= ?1 AND n.nick_key < ?2 LIMIT 301";
	struct idset *s;
	char *key, *q;
	struct strbuf upper = { 0 };
	enum kith_status rc;

	memset(out, 0, sizeof(*out));
	out->found = CAPTURE_UNKNOWN;
	if (db_check_text("name", text, err))
		return KITH_INVALID;
	key = db_name_key(text ? text + contact_honorific_len(text, NULL) : "");
	if (!*key) {
		free(key);
		return kith_err_set(err, KITH_INVALID, "\"%.60s\": not a name", text ? text : "");
	}
	s = xcalloc(1, sizeof(*s));
	sb_append(&upper, key);         /* the end of the keys key is a prefix of */
	sb_append(&upper, "\xF4\x8F\xBF\xBF");
	/* 1. an exact name or nickname */
	if ((rc = idset_query(db, db_query(db, q_exact, err, "t", key), s, err)))
		goto out;
	/* a nickname alone ("dan" of Daniel Ruiz) is not chosen silently when a
	   name also starts so (Dana Lee): then both are offered */
	bool nick_only = s->n > 0;

	for (int i = 0; i < s->n && nick_only; i++)
		nick_only = strcmp(s->hits[i].key, key) != 0;
	if (nick_only) {
		if ((rc = idset_query(db, db_query(db, q_prefix, err, "tt", key, sb_str(&upper)), s,
				      err)))
			goto out;
	}
	if (s->n == 0) {
		/* 2. a prefix of the name or a nickname, or the initials */
		if ((rc = idset_query(db, db_query(db, q_prefix, err, "tt", key, sb_str(&upper)), s,
				      err)) ||
		    (rc = idset_query(db, db_query(db, q_nick_prefix, err, "tt", key,
						   sb_str(&upper)), s, err)))
			goto out;
		if ((q = initials_query(key))) {
			rc = match_fts(db, q, s, err);
			free(q);
			if (rc)
				goto out;
		}
	}
	if (s->n == 0 && (q = search_fts_query(text))) {
		/* 3. word prefixes anywhere in the name or nicknames */
		struct strbuf m = { 0 };
		sb_printf(&m, "{name nicknames} : (%s)", q);
		free(q);
		rc = match_fts(db, sb_str(&m), s, err);
		sb_free(&m);
		if (rc)
			goto out;
	}
	rc = rank(db, s, out, err);
out:
	sb_free(&upper);
	free(key);
	idset_free(s);
	if (rc != KITH_OK)
		capture_match_free(out);
	return rc;
}

void
capture_match_free(struct capture_match *m)
{
	for (int i = 0; i < m->n_cands; i++)
		free(m->cands[i].name);
	memset(m, 0, sizeof(*m));
}

/* ---- saving ------------------------------------------------------------------- */

static enum kith_status
name_of(struct kdb *db, const char *sql, int64_t id, char **out, struct kith_err *err)
{
	sqlite3_stmt *st;
	enum kith_status rc = db_first(db, &st, sql, "capture", err, "i", id);

	*out = NULL;
	if (rc == KITH_NOTFOUND)
		return kith_err_set(err, KITH_NOTFOUND, "#%lld: no longer exists", (long long)id);
	if (rc)
		return rc;
	*out = xstrdup(db_col_text(st, 0));
	sqlite3_reset(st);
	return KITH_OK;
}

static const char q_contact_name[] = "SELECT display_name FROM contact WHERE id = ?";
static const char q_org_name[] = "SELECT name FROM organisation WHERE id = ?";

/* The summary with each inline mention replaced by its full name (see capture.h). */
enum kith_status
capture_summary(struct kdb *db, const struct capture *c, const int64_t *ids,
		const int64_t *org_ids, char **out, struct kith_err *err)
{
	struct strbuf sb = { 0 };
	size_t pos = 0, len = strlen(c->summary);

	*out = NULL;
	for (;;) {
		const struct capture_mention *m = NULL;
		int64_t id = 0;
		const char *sql = NULL;
		char *name;
		/* the next mention in the summary after pos */
		for (size_t i = 0; i < c->n_people; i++)
			if (c->people[i].sum_off >= (int)pos &&
			    (!m || c->people[i].sum_off < m->sum_off)) {
				m = &c->people[i];
				id = ids[i];
				sql = q_contact_name;
			}
		for (size_t i = 0; i < c->n_orgs; i++)
			if (c->orgs[i].sum_off >= (int)pos && (!m || c->orgs[i].sum_off < m->sum_off)) {
				m = &c->orgs[i];
				id = org_ids[i];
				sql = q_org_name;
			}
		if (!m)
			break;
		sb_appendn(&sb, c->summary + pos, (size_t)m->sum_off - pos);
		if (!id) {
			name = xstrdup(m->name);         /* a contact still to create */
		} else if (name_of(db, sql, id, &name, err)) {
			sb_free(&sb);
			return err->code;
		}
		sb_append(&sb, name);
		free(name);
		pos = (size_t)(m->sum_off + m->sum_len);
	}
	if (pos < len)
		sb_append(&sb, c->summary + pos);
	*out = sb_detach(&sb);
	return KITH_OK;
}

/*
** Edit distance of a and b (bytes of folded keys; a swap of two neighbours
** counts one, as a typist makes it), or cap + 1 when it is over cap.
*/
static int
edit_distance(const char *a, const char *b, int cap)
{
	size_t na = strlen(a), nb = strlen(b);
	int *pp, *p, *r, d;

	if ((na > nb ? na - nb : nb - na) > (size_t)cap)
		return cap + 1;
	pp = xcalloc(3 * (nb + 1), sizeof *pp);
	p = pp + nb + 1;
	r = p + nb + 1;
	for (size_t j = 0; j <= nb; j++)
		p[j] = (int)j;
	for (size_t i = 1; i <= na; i++) {
		r[0] = (int)i;
		for (size_t j = 1; j <= nb; j++) {
			int v = p[j - 1] + (a[i - 1] != b[j - 1]);

			if (p[j] + 1 < v)
				v = p[j] + 1;
			if (r[j - 1] + 1 < v)
				v = r[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			r[j] = v;
		}
		{
			int *t = pp;    /* rows move up: pp <- p <- r <- (old pp) */

			pp = p;
			p = r;
			r = t;
		}
	}
	d = p[nb];
	/* free the block: it starts at the lowest of the three row pointers */
	{
		int *lo = pp < p ? pp : p;

		free(lo < r ? lo : r);
	}
	return d > cap ? cap + 1 : d;
}

enum kith_status
capture_suggest(struct kdb *db, const char *text, int64_t *id_out, char **name_out,
		struct kith_err *err)
{
	/* names starting as the typed one does, and names with a word starting so */
	static const char q_start[] =
		"SELECT c.id, coalesce(s.last_at, ''), c.name_key FROM contact c "
		"LEFT JOIN contact_stat s ON s.contact_id = c.id "
		"WHERE c.name_key >= ?1 AND c.name_key < ?2 LIMIT 301";
	struct idset *s = xcalloc(1, sizeof(*s));
	char *key = db_name_key(text ? text + contact_honorific_len(text, NULL) : "");
	struct strbuf lo = { 0 }, hi = { 0 }, words = { 0 };
	enum kith_status rc = KITH_OK;
	int cap, best = -1, best_d = 0;
	size_t len = strlen(key);

	*id_out = 0;
	*name_out = NULL;
	cap = len < 4 ? 0 : len < 9 ? 1 : 2;   /* a typo or two, more in a longer name */
	if (!cap)
		goto out;
	sb_appendn(&lo, key, 2);
	sb_append(&hi, sb_str(&lo));
	sb_append(&hi, "\xF4\x8F\xBF\xBF");
	if ((rc = idset_query(db, db_query(db, q_start, err, "tt", sb_str(&lo), sb_str(&hi)), s,
			      err)))
		goto out;
	/* a typo in the first letters: any name with a word like the others */
	for (const char *w = key; *w; ) {
		size_t n = strcspn(w, " ");

		if (n >= 2 && (unsigned char)w[0] < 0x80 && (unsigned char)w[1] < 0x80 &&
		    isalnum((unsigned char)w[0]) && isalnum((unsigned char)w[1]))
			sb_printf(&words, "%s%c%c*", words.len ? " OR " : "{name} : (", w[0], w[1]);
		w += n;
		w += strspn(w, " ");
	}
	if (words.len) {
		sb_append(&words, ")");
		if ((rc = match_fts(db, sb_str(&words), s, err)))
			goto out;
	}
	qsort(s->hits, (size_t)s->n, sizeof s->hits[0], hit_cmp);
	for (int i = 0; i < s->n; i++) {
		int d = edit_distance(key, s->hits[i].key, cap);

		if (d <= cap && (best < 0 || d < best_d)) {
			best = i;
			best_d = d;
		}
	}
	if (best >= 0 && (rc = name_of(db, q_contact_name, s->hits[best].id, name_out, err)) ==
	    KITH_OK)
		*id_out = s->hits[best].id;
out:
	sb_free(&lo);
	sb_free(&hi);
	sb_free(&words);
	free(key);
	idset_free(s);
	return rc;
}

long
capture_new_same(const struct capture *c, const int64_t *ids, size_t slot)
{
	char *key = db_name_key(capture_person(c, slot)->name);
	size_t len = strlen(key);
	long same = -1;

	for (size_t j = 0; j < slot && same < 0 && len; j++) {
		char *k2;

		if (ids[j])
			continue;
		k2 = db_name_key(capture_person(c, j)->name);
		if (!strncmp(key, k2, len) && (k2[len] == '\0' || k2[len] == ' '))
			same = (long)j;
		free(k2);
	}
	free(key);
	return same;
}

/* Create the contacts for unresolved slots (one per name: capture_new_same). */
static enum kith_status
create_people(struct kdb *db, const struct capture *c, int64_t *ids, size_t n,
	      size_t *created, struct kith_err *err)
{
	enum kith_status rc;
	/* ids[] of a slot reusing an earlier new one are filled as they go:
	   decide on the slots' state before creation */
	int64_t *before = xcalloc(n + 1, sizeof *before);

	memcpy(before, ids, n * sizeof *ids);
	for (size_t i = 0; i < n; i++) {
		struct kith_contact ct = { 0 };
		long same;

		if (ids[i])
			continue;
		if ((same = capture_new_same(c, before, i)) >= 0) {
			ids[i] = ids[same];
			continue;
		}
		ct.display_name = capture_person(c, i)->name;
		ct.cadence_days = -1;
		if ((rc = contact_add(db, &ct, &ids[i], err))) {
			free(before);
			return rc;
		}
		(*created)++;
	}
	free(before);
	return KITH_OK;
}

/* A person slot's name: the contact's, or as typed for one still to create. */
static enum kith_status
slot_name(struct kdb *db, const struct capture *c, const int64_t *ids, size_t slot, char **out,
	  struct kith_err *err)
{
	if (!ids[slot]) {
		long same = capture_new_same(c, ids, slot);

		*out = xstrdup(capture_person(c, same >= 0 ? (size_t)same : slot)->name);
		return KITH_OK;
	}
	return name_of(db, q_contact_name, ids[slot], out, err);
}

/*
** Insert the follow-ups before anything they point to, pointing nowhere
** yet (fids[i] gets each id). Undo deletes tables in the order they were
** first written: the follow-ups go first, so no ON DELETE SET NULL from a
** deleted interaction or new contact can make their rows look changed
** (forms_common.c logs with a follow-up the same way).
*/
static enum kith_status
insert_followups(struct kdb *db, const struct capture *c, const int64_t *ids, int64_t event_id,
		 int64_t *fids, struct kith_err *err)
{
	size_t slot = c->n_people;
	enum kith_status rc = KITH_OK;

	for (size_t i = 0; i < c->n_followups && !rc; i++) {
		const struct capture_followup *cf = &c->followups[i];
		struct kith_followup f = { 0 };
		struct strbuf title = { 0 };
		f.event_id = event_id;
		f.status = KITH_FSTATUS_OPEN;
		f.kind = cf->intro ? KITH_FKIND_INTRODUCE : KITH_FKIND_OTHER;
		f.intro_stage = cf->intro ? KITH_INTRO_REQUESTED : KITH_INTRO_NONE;
		f.direction = cf->direction;
		f.due = cf->intro ? NULL : (char *)cf->due;
		if (cf->intro && !*cf->title) {
			char *a = NULL, *b = NULL;
			if (!(rc = slot_name(db, c, ids, slot, &a, err)) &&
			    !(rc = slot_name(db, c, ids, slot + 1, &b, err)))
				sb_printf(&title, "Introduce %s to %s", a, b);
			free(a);
			free(b);
		} else {
			sb_append(&title, cf->title);
		}
		slot += cf->intro ? 2 : 0;
		f.title = (char *)sb_str(&title);
		if (!rc)
			rc = followup_add(db, &f, &fids[i], err);
		sb_free(&title);
	}
	return rc;
}

/* Point the follow-ups at their people and the interaction. */
static enum kith_status
link_followups(struct kdb *db, const struct capture *c, const int64_t *ids, const int64_t *fids,
	       int64_t interaction_id, struct kith_err *err)
{
	size_t slot = c->n_people;
	enum kith_status rc = KITH_OK;

	for (size_t i = 0; i < c->n_followups && !rc; i++) {
		const struct capture_followup *cf = &c->followups[i];
		struct kith_followup f;
		if ((rc = followup_get(db, fids[i], &f, err)))
			break;
		f.interaction_id = interaction_id;
		if (cf->intro) {
			f.intro_a_id = ids[slot];
			f.intro_b_id = ids[slot + 1];
			f.intro_by_id = kdb_me(db);
			f.contact_id = f.intro_a_id;
			slot += 2;
		} else {
			f.contact_id = cf->person >= 0 ? ids[cf->person] : 0;
		}
		rc = followup_update(db, &f, err);
		followup_free(&f);
	}
	return rc;
}

/* !raised: each #tag is a concern each person raised, the summary their words. */
static enum kith_status
raise_concerns(struct kdb *db, const struct capture *c, const int64_t *people, size_t n,
	       const char *at, const char *summary, int64_t interaction_id, struct kith_err *err)
{
	char day[KDATE_STR];
	enum kith_status rc;

	snprintf(day, sizeof day, "%.10s", at);
	for (size_t i = 0; i < n; i++)
		for (size_t t = 0; t < c->n_tags; t++) {
			struct kith_concern k = { .contact_id = people[i], .issue = c->tags[t],
						  .raised_at = day, .words = summary,
						  .interaction_id = interaction_id };
			if ((rc = concern_add(db, &k, NULL, err)))
				return rc;
		}
	return KITH_OK;
}

static enum kith_status
commit_steps(struct kdb *db, const struct capture *c, const int64_t *org_ids, int64_t event_id,
	     const char *at, struct capture_saved *out, struct kith_err *err)
{
	struct kith_interaction in = { 0 };
	int64_t *people = xcalloc(c->n_people + 1, sizeof(*people));
	int64_t *fids = xcalloc(c->n_followups + 1, sizeof(*fids));
	size_t n = 0;
	char *summary = NULL;
	enum kith_status rc;

	if ((rc = insert_followups(db, c, out->person_ids, event_id, fids, err)))
		goto out;
	if ((rc = create_people(db, c, out->person_ids, capture_n_persons(c), &out->n_created, err)))
		goto out;
	for (size_t i = 0; i < c->n_people; i++) {
		size_t j;
		for (j = 0; j < n && people[j] != out->person_ids[i]; j++)
			;
		if (j == n)
			people[n++] = out->person_ids[i];
	}
	if ((rc = capture_summary(db, c, out->person_ids, org_ids, &summary, err)))
		goto out;
	in.at = (char *)at;
	in.kind = c->kind;
	in.exchange = c->exchange;
	in.summary = summary;
	in.event_id = event_id;
	in.contact_ids = people;
	in.n_contacts = n;
	in.is_private = c->is_private;
	/* follow-ups only: nothing happened yet, so no interaction (id 0) */
	if (*summary && (rc = interaction_add(db, &in, &out->interaction_id, err)))
		goto out;
	for (size_t i = 0; i < n && c->n_tags; i++)
		if ((rc = contact_tag_add(db, people[i], (const char *const *)c->tags, c->n_tags, err)))
			goto out;
	if (c->raised && (rc = raise_concerns(db, c, people, n, at, summary, out->interaction_id,
					      err)))
		goto out;
	rc = link_followups(db, c, out->person_ids, fids, out->interaction_id, err);
out:
	free(summary);
	free(people);
	free(fids);
	return rc;
}

enum kith_status
capture_commit(struct kdb *db, const struct capture *c, const int64_t *person_ids,
	       const int64_t *org_ids, int64_t event_id, const char *at,
	       struct capture_saved *out, struct kith_err *err)
{
	size_t n = capture_n_persons(c);
	enum kith_status rc;

	memset(out, 0, sizeof(*out));
	if (!c->summary || !c->n_people)
		return kith_err_set(err, KITH_INVALID, "capture: nothing parsed");
	/* a private note names people who exist: a new contact would be shared */
	for (size_t i = 0; c->is_private && i < n; i++)
		if (!person_ids[i])
			return kith_err_set(err, KITH_INVALID, "col %d: @%s: a private note is about "
					    "people already in kith (a new contact is shared with "
					    "the team): add them first", capture_person(c, i)->col,
					    capture_person(c, i)->name);
	/* the private file is opened (made, the first time) before the write */
	if (c->is_private && !kdb_private_attached(db) && (rc = kdb_private_open(db, err)))
		return rc;
	out->person_ids = xcalloc(n + 1, sizeof(*out->person_ids));
	memcpy(out->person_ids, person_ids, n * sizeof(*person_ids));
	if ((rc = kdb_batch_begin(db, err)))
		goto fail;
	if ((rc = commit_steps(db, c, org_ids, event_id, at, out, err))) {
		kdb_batch_end(db, false, NULL);
		goto fail;
	}
	if ((rc = kdb_batch_end(db, true, err)))
		goto fail;
	return KITH_OK;
fail:
	capture_saved_free(out);
	return rc;
}

void
capture_saved_free(struct capture_saved *s)
{
	free(s->person_ids);
	memset(s, 0, sizeof(*s));
}

void
capture_resolution_init(struct capture_resolution *r, const struct capture *c)
{
	memset(r, 0, sizeof(*r));
	r->n = capture_n_persons(c);
	r->ids = xcalloc(r->n + 1, sizeof(*r->ids));
	r->names = xcalloc(r->n + 1, sizeof(*r->names));
	r->org_ids = xcalloc(c->n_orgs + 1, sizeof(*r->org_ids));
}

void
capture_resolution_free(struct capture_resolution *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->names[i]);
	free(r->names);
	free(r->ids);
	free(r->org_ids);
	memset(r, 0, sizeof(*r));
}
