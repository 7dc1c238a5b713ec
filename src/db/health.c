/*
 * health.c: the health of the network (see kith/health.h).
 *
 * Every table is read once, in one walk each, inside SQLite: each walk's
 * statement calls a function of this file for each row (see "the walks"
 * below), so that no row is stepped through and read column by column.
 * The contacts are read in id order beside their touches, current roles,
 * reciprocity and strong ties, each read before into an array in contact
 * order: merges, with no lookup per contact (at city scale, lookups at
 * random places in memory cost more than reading the rows). The groups of
 * each breakdown are counted in small hash tables; names are read only for
 * the people listed.
 */
#include "internal.h"
#include "ent.h"
#include "recip.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/date.h"
#include "kith/health.h"
#include "kith/merge.h"
#include "kith/str.h"
#include "kith/types.h"
#include "kith/xalloc.h"

static const char *const dim_names[HD_COUNT_] = { "sector", "district", "tier", "met" };
static const char *const unknown_names[HD_COUNT_] = { "no organisation", "no district",
						      "no tier", "not recorded" };

const char *
health_dim_name(int dim)
{
	return dim >= 0 && dim < HD_COUNT_ ? dim_names[dim] : "";
}

void
health_params_default(struct health_params *p)
{
	memset(p, 0, sizeof *p);
	kdate_format(kdate_today(), p->today);
	p->days = 90;
	p->warn_percent = 60;
	for (int i = 0; i < 4; i++)
		p->cadence[i] = kith_tier_cadence((char)('A' + i));
	p->limit = 20;
}

/* ---- counting groups by name ------------------------------------------------------ */

struct gcount {
	char *name;                 /* as first written */
	char *key;                  /* ASCII lower case: groups ignore case */
	unsigned hash;              /* of key */
	int n;
};

/* A spelling seen, as written: most rows repeat one, found without folding it. */
struct gspell {
	char *text;
	size_t len;
	uint64_t head, tail;        /* its first and last 8 bytes (all of it up to 16) */
	unsigned hash;
	int group;                  /* in v */
};

/* Open addressing: entry index + 1 in each slot, 0 empty; at most half full. */
struct gslots {
	int *slot;
	unsigned mask;              /* the number of slots - 1 */
};

struct gtable {
	struct gcount *v;
	int n, cap;
	struct gslots by_key;       /* v by key */
	struct gspell *sp;
	int nsp, capsp;
	struct gslots by_text;      /* sp by text */
	int unknown;
};

/* Make room for entry n + 1 of v, entries of size stride whose hash is at offset off. */
static void
gslots_fit(struct gslots *t, int n, const void *v, size_t stride, size_t off)
{
	unsigned size = t->slot ? (t->mask + 1) * 2 : 64;

	if (t->slot && (unsigned)(n + 1) * 2 <= t->mask + 1)
		return;
	free(t->slot);
	t->slot = xcalloc(size, sizeof *t->slot);
	t->mask = size - 1;
	for (int i = 0; i < n; i++) {
		unsigned h, s;
		memcpy(&h, (const char *)v + (size_t)i * stride + off, sizeof h);
		s = h & t->mask;
		while (t->slot[s])
			s = (s + 1) & t->mask;
		t->slot[s] = i + 1;
	}
}

/* A spelling's first and last 8 bytes (fewer: all of it, in head; tail 0). */
static void
text_ends(const char *s, size_t len, uint64_t *head, uint64_t *tail)
{
	*head = *tail = 0;
	if (len >= 8) {
		memcpy(head, s, 8);
		memcpy(tail, s + len - 8, 8);
	} else {
		memcpy(head, s, len);
	}
}

/* A spelling's hash: its length and its ends, mixed. */
static unsigned
text_hash(size_t len, uint64_t head, uint64_t tail)
{
	return (unsigned)(((head ^ (tail * 0x9E3779B97F4A7C15ull) ^ len) * 0xFF51AFD7ED558CCDull) >> 32);
}

/* The group of name (not ""), made if new: groups ignore ASCII case. */
static int
gtable_group(struct gtable *t, const char *name)
{
	char key[64];
	size_t i;
	unsigned h = 2166136261u, s;          /* FNV-1a of the key, as it is made */

	for (i = 0; name[i] && i < sizeof key - 1; i++) {
		char c = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] - 'A' + 'a' : name[i]);
		key[i] = c;
		h = (h ^ (unsigned char)c) * 16777619u;
	}
	key[i] = '\0';
	gslots_fit(&t->by_key, t->n, t->v, sizeof *t->v, offsetof(struct gcount, hash));
	for (s = h & t->by_key.mask; t->by_key.slot[s]; s = (s + 1) & t->by_key.mask) {
		struct gcount *g = &t->v[t->by_key.slot[s] - 1];
		if (g->hash == h && !strcmp(g->key, key))
			return t->by_key.slot[s] - 1;
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->v = xreallocarray(t->v, (size_t)t->cap, sizeof *t->v);
	}
	t->v[t->n] = (struct gcount){ xstrdup(name), xstrdup(key), h, 0 };
	t->by_key.slot[s] = ++t->n;
	return t->n - 1;
}

/* Count n for name (NULL or "": the unknown group). */
static void
gtable_addn(struct gtable *t, const char *name, int n)
{
	size_t len;
	uint64_t head, tail;
	unsigned h, s;

	if (!name || !*name) {
		t->unknown += n;
		return;
	}
	len = strlen(name);
	text_ends(name, len, &head, &tail);
	h = text_hash(len, head, tail);
	gslots_fit(&t->by_text, t->nsp, t->sp, sizeof *t->sp, offsetof(struct gspell, hash));
	for (s = h & t->by_text.mask; t->by_text.slot[s]; s = (s + 1) & t->by_text.mask) {
		struct gspell *p = &t->sp[t->by_text.slot[s] - 1];
		if (p->len == len && p->head == head && p->tail == tail &&
		    (len <= 16 || !memcmp(p->text + 8, name + 8, len - 16))) {
			t->v[p->group].n += n;
			return;
		}
	}
	if (t->nsp == t->capsp) {
		t->capsp = t->capsp ? t->capsp * 2 : 16;
		t->sp = xreallocarray(t->sp, (size_t)t->capsp, sizeof *t->sp);
	}
	t->sp[t->nsp] = (struct gspell){ xstrdup(name), len, head, tail, h, gtable_group(t, name) };
	t->v[t->sp[t->nsp].group].n += n;
	t->by_text.slot[s] = ++t->nsp;
}

static void
gtable_free(struct gtable *t)
{
	for (int i = 0; i < t->n; i++) {
		free(t->v[i].name);
		free(t->v[i].key);
	}
	for (int i = 0; i < t->nsp; i++)
		free(t->sp[i].text);
	free(t->v);
	free(t->sp);
	free(t->by_key.slot);
	free(t->by_text.slot);
	memset(t, 0, sizeof *t);
}

static int
gcount_cmp(const void *a, const void *b)
{
	const struct gcount *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->key, y->key);
}

static int
percent_of(int n, int total)
{
	return total > 0 ? (int)(((long long)n * 200 + total) / (2LL * total)) : 0;
}

static void
group_push(struct health_breakdown *b, const char *name, bool known, int n, int total)
{
	b->groups = xreallocarray(b->groups, (size_t)b->n + 1, sizeof *b->groups);
	b->groups[b->n++] = (struct health_group){ xstrdup(name), known, n, percent_of(n, total) };
}

/* The warning of a breakdown's largest known group, in words. */
static char *
warning_text(int dim, const struct health_group *g, int days)
{
	struct strbuf sb = { 0 };

	sb_printf(&sb, "%d %% of the people you talked to in the last %d days ", g->percent, days);
	switch (dim) {
	case HD_SECTOR:
		sb_printf(&sb, "are in %s", g->name);
		break;
	case HD_DISTRICT:
		sb_printf(&sb, "are in %s", g->name);
		break;
	default:
		if (!strcmp(g->name, "introduced"))
			sb_append(&sb, "were introduced to you");
		else if (!strcmp(g->name, "at an event"))
			sb_append(&sb, "you met at an event");
		else
			sb_printf(&sb, "you met the same way: %s", g->name);
		break;
	}
	return sb_detach(&sb);
}

static void
breakdown_build(struct health_breakdown *b, int dim, struct gtable *t, int total,
		const struct health_params *p)
{
	int shown = t->n < HEALTH_GROUPS ? t->n : HEALTH_GROUPS, rest = 0;

	if (t->n)               /* qsort wants an array, even of none */
		qsort(t->v, (size_t)t->n, sizeof *t->v, gcount_cmp);
	for (int i = 0; i < shown; i++)
		group_push(b, t->v[i].name, true, t->v[i].n, total);
	for (int i = shown; i < t->n; i++)
		rest += t->v[i].n;
	if (rest)
		group_push(b, "other", false, rest, total);
	if (t->unknown)
		group_push(b, unknown_names[dim], false, t->unknown, total);
	if (dim != HD_TIER && total >= HEALTH_WARN_MIN && b->n && b->groups[0].known &&
	    b->groups[0].percent >= p->warn_percent)
		b->warning = warning_text(dim, &b->groups[0], p->days);
}

/* ---- the walks, inside SQLite ------------------------------------------------------ */

/*
 * Each walk is one statement whose WHERE calls a function of this file for
 * each row (kith_health_*, registered by health_sql_init), which counts
 * into the walk (db->health_walk): the rows never leave SQLite, which at
 * city scale costs less than stepping through 100,000 rows and reading
 * their columns one call at a time. In this order:
 *
 *   touches   contact_stat in contact order: each contact's last touch
 *   orgs      the organisations' kinds (through organisation_by_kind, a
 *             tenth of the table's pages), then sorted by id
 *   roles     the current roles with their organisation's kind (the roles
 *             come in organisation order: found by a merge, not a lookup),
 *             then sorted in contact order
 *   contacts  the contacts in id order, beside the touches, the roles, the
 *             reciprocity read before (recip.c) and the strong ties, all in
 *             contact order: merges, no lookups (at this scale, lookups at
 *             random places in memory cost more than the rest); the only
 *             rows returned are the strong ties found dormant (or never
 *             touched), for their names
 */
static const char sql_touches[] =
	"SELECT 1 FROM contact_stat WHERE kith_health_touch(contact_id, last_at) "
	"ORDER BY contact_id";
static const char sql_orgs[] =                  /* organisation_by_kind: in kind order */
	"SELECT 1 FROM organisation WHERE kith_health_org(id, kind)";
static const char sql_roles[] =                 /* role_by_org: in organisation order */
	"SELECT 1 FROM role WHERE end_date IS NULL AND org_id IS NOT NULL "
	"AND kith_health_role(contact_id, org_id)";
static const char sql_contacts[] =
	"SELECT created_at, display_name FROM contact WHERE kith_health_contact(id, archived, "
	"tier, cadence_days, district, introducer_id, met_event_id, how_met) ORDER BY id";

/* The strength-3 current relationships of me (either side). */
static const char sql_strong[] =
	"SELECT b_id FROM relationship WHERE a_id = ?1 AND end_date IS NULL AND strength = 3 "
	"AND b_id IS NOT NULL "
	"UNION SELECT a_id FROM relationship WHERE b_id = ?1 AND end_date IS NULL AND strength = 3";

/* A contact's last touch (contact_stat). */
struct touch {
	int64_t id;
	char last[KDATE_STR];       /* the first 10 characters of last_at; "": never */
	bool active;                /* touched in the window (since..today) */
};

/* An organisation's kind; a current role's (contact_id, kind). */
struct id_kind {
	int64_t id;
	int kind;                   /* -1: not one of the kinds */
};

/* A sorted array read beside the contacts' walk, with its place. */
#define WALK_SIDE(type, name) \
	type *name;                 /* in id order */ \
	int n_##name, cap_##name, at_##name   /* the first not behind the walk */

struct walk {
	const struct health_params *p;
	struct health_report *out;
	struct rtable *rt;          /* at_rt: the place in it */
	int at_rt;
	int64_t me;
	struct kdate today;
	char since[KDATE_STR];
	struct gtable g[HD_COUNT_];
	int kind_n[KITH_ORG_COUNT_];
	int tiers[5];               /* A..D, none */
	struct health_tie *ties;
	int nties, capties;
	WALK_SIDE(int64_t, strong);
	WALK_SIDE(struct touch, touch);
	WALK_SIDE(struct id_kind, org);
	WALK_SIDE(struct id_kind, role);
	char kind_text[16];         /* the last organisation kind read, and what it is */
	int kind_len, kind;
	struct health_tie tie;      /* the tie of the row the contacts' walk returned */
};

static int
id_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static enum kith_status
strong_ids(struct kdb *db, struct walk *w, struct kith_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (!w->me)
		return KITH_OK;
	if (!(st = db_stmt(db, sql_strong, err)))
		return KITH_DB;
	sqlite3_bind_int64(st, 1, w->me);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		w->strong = xgrow(w->strong, w->n_strong, &w->cap_strong, 256, sizeof *w->strong);
		w->strong[w->n_strong++] = sqlite3_column_int64(st, 0);
	}
	if (w->n_strong)
		qsort(w->strong, (size_t)w->n_strong, sizeof *w->strong, id_cmp);
	return ent_finish(db, st, rc, "health", err);
}

/*
 * The walk a function counts into (db->health_walk, set by walk_run; the
 * function's user data is the connection), or NULL, an error set: the
 * functions are called only by the walk's statements.
 */
static struct walk *
walk_of(sqlite3_context *cx)
{
	struct walk *w = ((struct kdb *)sqlite3_user_data(cx))->health_walk;

	if (!w)
		sqlite3_result_error(cx, "health: no walk", -1);
	else
		sqlite3_result_int(cx, 0);
	return w;
}

/* A text argument as a C string ("" for NULL), as db_col_text reads a column. */
static const char *
arg_text(sqlite3_value *v)
{
	const unsigned char *t = sqlite3_value_text(v);
	return t ? (const char *)t : "";
}

/* kith_health_touch(contact_id, last_at) */
static void
sql_touch(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	struct walk *w = walk_of(cx);
	struct touch *t;
	const char *last;
	size_t i;

	(void)argc;
	if (!w)
		return;
	w->touch = xgrow(w->touch, w->n_touch, &w->cap_touch, 256, sizeof *w->touch);
	t = &w->touch[w->n_touch++];
	t->id = sqlite3_value_int64(argv[0]);
	last = arg_text(argv[1]);
	for (i = 0; i < sizeof t->last - 1 && last[i]; i++)     /* "%.10s", at less cost */
		t->last[i] = last[i];
	memset(t->last + i, 0, sizeof t->last - i);     /* so memcmp compares as strncmp */
	t->active = *t->last && memcmp(t->last, w->since, 10) >= 0 &&
		    memcmp(t->last, w->p->today, 10) <= 0;
}

/* kith_health_org(id, kind): each kind's words are parsed once (the rows come in kind order). */
static void
sql_org(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	struct walk *w = walk_of(cx);
	const char *text;
	int len;

	(void)argc;
	if (!w)
		return;
	text = arg_text(argv[1]);
	len = sqlite3_value_bytes(argv[1]);
	if (len != w->kind_len || memcmp(text, w->kind_text, (size_t)len)) {
		w->kind = kith_org_kind_parse(text);
		w->kind_len = len < (int)sizeof w->kind_text ? len : -1;
		if (w->kind_len >= 0)
			memcpy(w->kind_text, text, (size_t)len);
	}
	w->org = xgrow(w->org, w->n_org, &w->cap_org, 256, sizeof *w->org);
	w->org[w->n_org++] = (struct id_kind){ sqlite3_value_int64(argv[0]), w->kind };
}

/* The kind of organisation id, or -1: ahead of the last found (in order), else searched. */
static int
org_kind_of(struct walk *w, int64_t id)
{
	int lo = 0, hi = w->n_org;

	if (w->at_org < w->n_org && w->org[w->at_org].id <= id) {
		while (w->at_org < w->n_org && w->org[w->at_org].id < id)
			w->at_org++;
		lo = w->at_org;
	} else {
		while (lo < hi) {
			int mid = lo + (hi - lo) / 2;
			if (w->org[mid].id < id)
				lo = mid + 1;
			else
				hi = mid;
		}
	}
	return lo < w->n_org && w->org[lo].id == id ? w->org[lo].kind : -1;
}

/* kith_health_role(contact_id, org_id): a current role at an organisation of a kind. */
static void
sql_role(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	struct walk *w = walk_of(cx);
	int kind;

	(void)argc;
	if (!w || (kind = org_kind_of(w, sqlite3_value_int64(argv[1]))) < 0)
		return;
	w->role = xgrow(w->role, w->n_role, &w->cap_role, 256, sizeof *w->role);
	w->role[w->n_role++] = (struct id_kind){ sqlite3_value_int64(argv[0]), kind };
}

/*
 * A strong tie silent past twice its cadence is dormant: into w->tie, and
 * true, if it is or may be (never touched: silent since it was added, which
 * the caller reads with its name).
 */
static bool
tie_check(struct walk *w, int64_t id, char tier, int own, const char *last)
{
	struct kdate d;
	int cadence;
	bool strong;
	long silent;

	/* the walk is in id order: the strong ties are passed as it goes */
	while (w->at_strong < w->n_strong && w->strong[w->at_strong] < id)
		w->at_strong++;
	strong = w->at_strong < w->n_strong && w->strong[w->at_strong] == id;

	if (tier != 'A' && tier != 'B' && !strong)
		return false;
	cadence = own >= 0 ? own : tier >= 'A' && tier <= 'D' ? w->p->cadence[tier - 'A'] :
		  w->p->cadence[1];
	if (cadence <= 0)
		return false;
	w->tie = (struct health_tie){ id, NULL, tier, strong, !*last, 0, cadence };
	if (!*last)
		return true;
	if (!kdate_parse_iso(last, &d))
		return false;
	silent = kdate_diff(w->today, d);
	w->tie.silent = silent;
	return silent > 2L * cadence;
}

/* A dormant tie (w->tie) with its name; never touched: silent since created_at. */
static void
tie_add(struct walk *w, const char *created_at, const char *name)
{
	struct health_tie *t = &w->tie;

	if (t->never) {
		char day[KDATE_STR];
		struct kdate d;
		snprintf(day, sizeof day, "%.10s", created_at);
		if (!kdate_parse_iso(day, &d))
			return;
		t->silent = kdate_diff(w->today, d);
		if (t->silent <= 2L * t->cadence)
			return;
	}
	w->ties = xgrow(w->ties, w->nties, &w->capties, 256, sizeof *w->ties);
	t->name = xstrdup(name);
	w->ties[w->nties++] = *t;
}

/*
 * kith_health_contact(id, archived, tier, cadence_days, district,
 * introducer_id, met_event_id, how_met): count the contact; 1 if it is a
 * strong tie that is (or may be) dormant, whose row is returned for its name.
 */
static void
sql_contact(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	struct walk *w = walk_of(cx);
	int64_t id;
	const char *last = "";
	char tier;
	bool active = false;
	unsigned seen = 0;

	(void)argc;
	if (!w || sqlite3_value_int(argv[1]))   /* archived: not in the network */
		return;
	id = sqlite3_value_int64(argv[0]);
	while (w->at_touch < w->n_touch && w->touch[w->at_touch].id < id)
		w->at_touch++;
	if (w->at_touch < w->n_touch && w->touch[w->at_touch].id == id) {
		last = w->touch[w->at_touch].last;
		active = w->touch[w->at_touch].active;
	}
	/* the roles of contacts before this one are behind us; me's count too */
	for (; w->at_role < w->n_role && w->role[w->at_role].id <= id; w->at_role++) {
		unsigned bit = 1u << w->role[w->at_role].kind;
		if (w->role[w->at_role].id == id && active && !(seen & bit)) {
			seen |= bit;
			w->kind_n[w->role[w->at_role].kind]++;
		}
	}
	if (id == w->me)
		return;
	while (w->at_rt < w->rt->n && w->rt->v[w->at_rt].contact_id < id)
		w->at_rt++;
	if (w->at_rt < w->rt->n && w->rt->v[w->at_rt].contact_id == id)
		w->rt->live[w->at_rt] = 1;
	w->out->contacts++;
	tier = arg_text(argv[2])[0];
	if (tie_check(w, id, tier, sqlite3_value_type(argv[3]) == SQLITE_NULL ? -1 :
		      sqlite3_value_int(argv[3]), last))
		sqlite3_result_int(cx, 1);
	if (!active)
		return;
	w->out->active++;
	if (!seen)
		w->g[HD_SECTOR].unknown++;
	w->tiers[tier >= 'A' && tier <= 'D' ? tier - 'A' : 4]++;
	gtable_addn(&w->g[HD_DISTRICT], arg_text(argv[4]), 1);
	gtable_addn(&w->g[HD_MET], sqlite3_value_type(argv[5]) != SQLITE_NULL ? "introduced" :
		    sqlite3_value_type(argv[6]) != SQLITE_NULL ? "at an event" :
		    arg_text(argv[7]), 1);
}

/*
** Register the walks' functions on db's connection, once (a new function
** expires no prepared statement), with db as their user data.
** SQLITE_DIRECTONLY: not from a trigger or a view.
*/
static enum kith_status
health_sql_init(struct kdb *db, struct kith_err *err)
{
	static const struct {
		const char *name;
		int nargs;
		void (*fn)(sqlite3_context *, int, sqlite3_value **);
	} fns[] = {
		{ "kith_health_touch", 2, sql_touch }, { "kith_health_contact", 8, sql_contact },
		{ "kith_health_org", 2, sql_org }, { "kith_health_role", 2, sql_role },
		{ "kith_health_recip", -1, recip_sql_count },
	};

	if (db->health_sql)
		return KITH_OK;
	for (size_t i = 0; i < sizeof fns / sizeof *fns; i++)
		if (sqlite3_create_function(db->h, fns[i].name, fns[i].nargs,
					    SQLITE_UTF8 | SQLITE_DIRECTONLY, db, fns[i].fn, NULL,
					    NULL) != SQLITE_OK)
			return db_error(db, err, "health");
	db->health_sql = true;
	return KITH_OK;
}

/* Run one of the walks' statements: rows only from the contacts' (dormant ties). */
static enum kith_status
walk_run(struct kdb *db, struct walk *w, const char *sql, struct kith_err *err)
{
	sqlite3_stmt *st = db_stmt(db, sql, err);
	int rc;

	if (!st)
		return KITH_DB;
	db->health_walk = w;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		tie_add(w, db_col_text(st, 0), db_col_text(st, 1));
	db->health_walk = NULL;
	return ent_finish(db, st, rc, "health", err);
}

/*
 * Sort v[0..n) by id (*cap: its room, n if it moves): a radix sort, one pass for each byte in which the
 * ids differ (two or three at this scale), cheaper than qsort's calls of a
 * comparison for each of 16,000 roles.
 */
static void
sort_by_id(struct id_kind **v, int n, int *cap)
{
	struct id_kind *a = *v, *b, *t;
	uint64_t differ = 0;
	size_t count[256];

	for (int i = 1; i < n; i++)
		differ |= (uint64_t)a[i].id ^ (uint64_t)a[0].id;
	if (!differ)
		return;
	b = xreallocarray(NULL, (size_t)n, sizeof *b);
	for (int shift = 0; shift < 64; shift += 8) {
		size_t at = 0;
		if (!((differ >> shift) & 0xff))
			continue;
		memset(count, 0, sizeof count);
		for (int i = 0; i < n; i++)     /* the sign bit flipped: negative ids first */
			count[(((uint64_t)a[i].id ^ (1ull << 63)) >> shift) & 0xff]++;
		for (int d = 0; d < 256; d++) {
			size_t c = count[d];
			count[d] = at;
			at += c;
		}
		for (int i = 0; i < n; i++)
			b[count[(((uint64_t)a[i].id ^ (1ull << 63)) >> shift) & 0xff]++] = a[i];
		t = a;
		a = b;
		b = t;
	}
	if (a != *v)
		*cap = n;
	*v = a;
	free(b);
}

static enum kith_status
walk_all(struct kdb *db, struct walk *w, struct kith_err *err)
{
	enum kith_status s;

	w->kind_len = -1;
	if ((s = walk_run(db, w, sql_touches, err)) || (s = walk_run(db, w, sql_orgs, err)))
		return s;
	sort_by_id(&w->org, w->n_org, &w->cap_org);
	if ((s = walk_run(db, w, sql_roles, err)))
		return s;
	sort_by_id(&w->role, w->n_role, &w->cap_role);
	if ((s = walk_run(db, w, sql_contacts, err)))
		return s;
	for (int k = 0; k < KITH_ORG_COUNT_; k++)
		if (w->kind_n[k])
			gtable_addn(&w->g[HD_SECTOR], kith_org_kind_name(k), w->kind_n[k]);
	for (int t = 0; t < 5; t++)
		if (w->tiers[t])
			gtable_addn(&w->g[HD_TIER], t < 4 ? (char[2]){ (char)('A' + t), 0 } : "", w->tiers[t]);
	return KITH_OK;
}

static int
tie_cmp(const void *a, const void *b)
{
	const struct health_tie *x = a, *y = b;
	/* the longest silence for its cadence first: x->silent / x->cadence, compared exactly */
	long long l = (long long)x->silent * y->cadence, r = (long long)y->silent * x->cadence;

	if (l != r)
		return l > r ? -1 : 1;
	return (x->contact_id > y->contact_id) - (x->contact_id < y->contact_id);
}

enum kith_status
health_report_build(struct kdb *db, const struct health_params *p, struct health_report *out,
		    struct kith_err *err)
{
	struct rtable rt = { 0 };
	struct walk w = { .p = p, .out = out, .rt = &rt };
	enum kith_status rc;
	bool started;

	memset(out, 0, sizeof *out);
	if (!kdate_parse_iso(p->today, &w.today))
		return kith_err_set(err, KITH_INVALID, "health: %s: not a date", p->today);
	if ((rc = health_sql_init(db, err)))
		return rc;
	if ((rc = kdb_read_begin(db, &started, err)))     /* one snapshot for every count */
		return rc;
	w.me = kdb_me(db);
	kdate_format(kdate_add_days(w.today, -(p->days > 0 ? p->days - 1 : 0)), w.since);
	memcpy(out->since, w.since, sizeof out->since);
	out->days = p->days;
	if ((rc = strong_ids(db, &w, err)) || (rc = recip_gather(db, w.me, &rt, err)) ||
	    (rc = walk_all(db, &w, err)))
		goto done;
	for (int d = 0; d < HD_COUNT_; d++)
		breakdown_build(&out->dims[d], d, &w.g[d], out->active, p);
	first_k(w.ties, (size_t)w.nties, sizeof *w.ties, p->limit, tie_cmp);
	out->total_dormant = w.nties;
	out->n_dormant = p->limit > 0 && w.nties > p->limit ? p->limit : w.nties;
	out->dormant = w.ties;
	for (int i = out->n_dormant; i < w.nties; i++)
		free(w.ties[i].name);
	w.ties = NULL;
	w.nties = 0;
	rc = recip_list(db, p, &rt, out, err);
done:
	kdb_read_end(db, started);
	for (int d = 0; d < HD_COUNT_; d++)
		gtable_free(&w.g[d]);
	for (int i = 0; i < w.nties; i++)
		free(w.ties[i].name);
	free(w.ties);
	free(w.strong);
	free(w.touch);
	free(w.org);
	free(w.role);
	rtable_free(&rt);
	if (rc)
		health_report_free(out);
	return rc;
}

void
health_report_free(struct health_report *r)
{
	for (int d = 0; d < HD_COUNT_; d++) {
		for (int i = 0; i < r->dims[d].n; i++)
			free(r->dims[d].groups[i].name);
		free(r->dims[d].groups);
		free(r->dims[d].warning);
	}
	for (int i = 0; i < r->n_dormant; i++)
		free(r->dormant[i].name);
	free(r->dormant);
	for (int i = 0; i < r->n_recip; i++)
		free(r->recip[i].name);
	free(r->recip);
	memset(r, 0, sizeof *r);
}
