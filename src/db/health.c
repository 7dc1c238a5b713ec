/*
 * health.c: the health of the network (see kith/health.h).
 *
 * The contacts are read once, in id order (a walk of the table, cheaper
 * at city scale than 80,000 lookups from the last-touch index), beside
 * their touches (contact_stat, walked in the same order: a merge, not a
 * lookup per contact) and their current roles' organisation kinds (the
 * roles and organisations read in table order and joined in memory). The groups of
 * each breakdown are counted in small hash tables. Reciprocity reads only
 * the rows that give or ask, through the partial indexes of migration 14,
 * into a table keyed by contact; names are looked up only for the people
 * listed.
 */
#include "internal.h"
#include "ent.h"
#include "recip.h"

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
	int n;
};

struct gtable {
	struct gcount *v;
	int n, cap;
	int *slots;                 /* index + 1, 0 empty */
	int nslots;
	int unknown;
};

static unsigned
str_hash(const char *s)
{
	unsigned h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void
gtable_rehash(struct gtable *t)
{
	free(t->slots);
	t->nslots = t->nslots ? t->nslots * 2 : 64;
	t->slots = xcalloc((size_t)t->nslots, sizeof *t->slots);
	for (int i = 0; i < t->n; i++) {
		unsigned s = str_hash(t->v[i].key) & (unsigned)(t->nslots - 1);
		while (t->slots[s])
			s = (s + 1) & (unsigned)(t->nslots - 1);
		t->slots[s] = i + 1;
	}
}

/* Count n for name (NULL or "": the unknown group). */
static void
gtable_addn(struct gtable *t, const char *name, int n)
{
	char key[64];
	size_t i;
	unsigned s;

	if (!name || !*name) {
		t->unknown += n;
		return;
	}
	for (i = 0; name[i] && i < sizeof key - 1; i++)
		key[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] - 'A' + 'a' : name[i]);
	key[i] = '\0';
	if ((t->n + 1) * 2 > t->nslots)
		gtable_rehash(t);
	for (s = str_hash(key) & (unsigned)(t->nslots - 1); t->slots[s];
	     s = (s + 1) & (unsigned)(t->nslots - 1))
		if (!strcmp(t->v[t->slots[s] - 1].key, key)) {
			t->v[t->slots[s] - 1].n += n;
			return;
		}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->v = xreallocarray(t->v, (size_t)t->cap, sizeof *t->v);
	}
	t->v[t->n] = (struct gcount){ xstrdup(name), xstrdup(key), n };
	t->slots[s] = ++t->n;
}

static void
gtable_free(struct gtable *t)
{
	for (int i = 0; i < t->n; i++) {
		free(t->v[i].name);
		free(t->v[i].key);
	}
	free(t->v);
	free(t->slots);
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

/* ---- the contacts ------------------------------------------------------------------ */

/*
 * The kinds of the current roles' organisations: the roles and the
 * organisations are each read in table order (no lookup per role), joined
 * in memory, and sorted in contact order for the merge with the contacts.
 */
static const char sql_roles[] =
	"SELECT contact_id, org_id FROM role WHERE end_date IS NULL AND org_id IS NOT NULL";
static const char sql_orgs[] = "SELECT id, kind FROM organisation ORDER BY id";

struct role_kind {
	int64_t contact_id, org_id;
	int kind;
};

static int
rk_by_org(const void *a, const void *b)
{
	const struct role_kind *x = a, *y = b;
	return (x->org_id > y->org_id) - (x->org_id < y->org_id);
}

static int
rk_by_contact(const void *a, const void *b)
{
	const struct role_kind *x = a, *y = b;
	return (x->contact_id > y->contact_id) - (x->contact_id < y->contact_id);
}

static enum kith_status
role_kinds(struct kdb *db, struct role_kind **out, int *n, struct kith_err *err)
{
	sqlite3_stmt *st = db_stmt(db, sql_roles, err);
	struct role_kind *v = NULL;
	int rc, cap = 0, i = 0;

	*out = NULL;
	*n = 0;
	if (!st)
		return KITH_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			v = xreallocarray(v, (size_t)cap, sizeof *v);
		}
		v[(*n)++] = (struct role_kind){ sqlite3_column_int64(st, 0),
						sqlite3_column_int64(st, 1), -1 };
	}
	*out = v;
	if ((rc = ent_finish(db, st, rc, "health", err)) || !*n)
		return rc;
	qsort(v, (size_t)*n, sizeof *v, rk_by_org);
	if (!(st = db_stmt(db, sql_orgs, err)))
		return KITH_DB;
	while (i < *n && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t org = sqlite3_column_int64(st, 0);
		int kind = kith_org_kind_parse(db_col_text(st, 1));
		for (; i < *n && v[i].org_id <= org; i++)
			if (v[i].org_id == org)
				v[i].kind = kind;
	}
	if (i < *n || rc != SQLITE_ROW) {
		rc = ent_finish(db, st, rc, "health", err);
	} else {
		sqlite3_reset(st);      /* every role has its kind: the rest is not needed */
		rc = KITH_OK;
	}
	qsort(v, (size_t)*n, sizeof *v, rk_by_contact);
	return rc;
}

/* The strength-3 current relationships of me (either side). */
static const char sql_strong[] =
	"SELECT b_id FROM relationship WHERE a_id = ?1 AND end_date IS NULL AND strength = 3 "
	"AND b_id IS NOT NULL "
	"UNION SELECT a_id FROM relationship WHERE b_id = ?1 AND end_date IS NULL AND strength = 3";

/* Raw columns: every expression here would be computed for every contact. */
static const char sql_contacts[] =
	"SELECT id, district, tier, cadence_days, how_met, introducer_id, met_event_id, created_at, "
	"display_name FROM contact WHERE archived = 0 ORDER BY id";

/* The last touches, in the same order (a merge, not a lookup per contact). */
static const char sql_touches[] =
	"SELECT contact_id, last_at FROM contact_stat ORDER BY contact_id";

static int
id_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static enum kith_status
strong_ids(struct kdb *db, int64_t me, int64_t **ids, int *n, struct kith_err *err)
{
	sqlite3_stmt *st;
	int rc, cap = 0;

	*ids = NULL;
	*n = 0;
	if (!me)
		return KITH_OK;
	if (!(st = db_stmt(db, sql_strong, err)))
		return KITH_DB;
	sqlite3_bind_int64(st, 1, me);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*ids = xreallocarray(*ids, (size_t)cap, sizeof **ids);
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	if (*n)
		qsort(*ids, (size_t)*n, sizeof **ids, id_cmp);
	return ent_finish(db, st, rc, "health", err);
}

struct walk {
	const struct health_params *p;
	struct kdate today;
	char since[KDATE_STR];
	struct gtable g[HD_COUNT_];
	int kind_n[KITH_ORG_COUNT_];
	int64_t *strong;            /* sorted */
	int nstrong, next_strong;   /* the first not behind the walk */
	int tiers[5];               /* A..D, none */
	struct health_tie *ties;
	int nties, capties;
};

/* A second walk in contact order beside the contacts' own (roles, touches). */
struct side {
	sqlite3_stmt *st;
	int rc;
	int64_t id;                 /* INT64_MAX at the end */
};

static void
side_next(struct side *c)
{
	c->rc = sqlite3_step(c->st);
	c->id = c->rc == SQLITE_ROW ? sqlite3_column_int64(c->st, 0) : INT64_MAX;
}

static void
tie_add(struct walk *w, int64_t id, const char *name, char tier, bool strong, bool never,
	long silent, int cadence)
{
	if (w->nties == w->capties) {
		w->capties = w->capties ? w->capties * 2 : 32;
		w->ties = xreallocarray(w->ties, (size_t)w->capties, sizeof *w->ties);
	}
	w->ties[w->nties++] = (struct health_tie){ id, xstrdup(name), tier, strong, never, silent,
						   cadence };
}

/* A strong tie silent past twice its cadence is dormant. */
static void
tie_check(struct walk *w, sqlite3_stmt *st, int64_t id, char tier, const char *last)
{
	char day[KDATE_STR];
	int own = sqlite3_column_type(st, 3) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 3);
	int cadence;
	bool strong;
	struct kdate d;
	long silent;

	/* the walk is in id order: the strong ties are passed as it goes */
	while (w->next_strong < w->nstrong && w->strong[w->next_strong] < id)
		w->next_strong++;
	strong = w->next_strong < w->nstrong && w->strong[w->next_strong] == id;

	if (tier != 'A' && tier != 'B' && !strong)
		return;
	cadence = own >= 0 ? own : tier >= 'A' && tier <= 'D' ? w->p->cadence[tier - 'A'] :
		  w->p->cadence[1];
	if (cadence <= 0)
		return;
	snprintf(day, sizeof day, "%.10s", *last ? last : db_col_text(st, 7));
	if (!kdate_parse_iso(day, &d))
		return;
	silent = kdate_diff(w->today, d);
	if (silent > 2L * cadence)
		tie_add(w, id, db_col_text(st, 8), tier, strong, !*last, silent, cadence);
}

static enum kith_status
walk_contacts(struct kdb *db, struct walk *w, int64_t me, struct rtable *rt,
	      struct health_report *out, struct kith_err *err)
{
	struct side touch = { 0 };
	struct role_kind *roles;
	sqlite3_stmt *st = NULL;
	int rc, nroles, r = 0;
	enum kith_status s;

	if ((s = role_kinds(db, &roles, &nroles, err))) {
		free(roles);
		return s;
	}
	if (!(touch.st = db_stmt(db, sql_touches, err)) || !(st = db_stmt(db, sql_contacts, err))) {
		if (touch.st)
			sqlite3_reset(touch.st);
		free(roles);
		return KITH_DB;
	}
	side_next(&touch);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *last = "";
		char tier = db_col_text(st, 2)[0];
		unsigned seen = 0;
		bool active;
		int k;

		while (touch.id < id)
			side_next(&touch);
		if (touch.id == id)
			last = db_col_text(touch.st, 1);
		active = *last && strncmp(last, w->since, 10) >= 0 && strncmp(last, w->p->today, 10) <= 0;
		/* the roles of contacts before this one are behind us */
		for (; r < nroles && roles[r].contact_id <= id; r++) {
			int kind = roles[r].kind;
			if (roles[r].contact_id == id && active && kind >= 0 && !(seen & (1u << kind))) {
				seen |= 1u << kind;
				w->kind_n[kind]++;
			}
		}
		if (id == me)
			continue;
		if ((k = rtable_find(rt, id)) >= 0)
			rt->live[k] = 1;
		out->contacts++;
		tie_check(w, st, id, tier, last);
		if (!active)
			continue;
		out->active++;
		if (!seen)
			w->g[HD_SECTOR].unknown++;
		w->tiers[tier >= 'A' && tier <= 'D' ? tier - 'A' : 4]++;
		gtable_addn(&w->g[HD_DISTRICT], db_col_text(st, 1), 1);
		gtable_addn(&w->g[HD_MET], sqlite3_column_type(st, 5) != SQLITE_NULL ? "introduced" :
			    sqlite3_column_type(st, 6) != SQLITE_NULL ? "at an event" :
			    db_col_text(st, 4), 1);
	}
	free(roles);
	if (touch.rc != SQLITE_ROW && touch.rc != SQLITE_DONE)
		rc = touch.rc;
	sqlite3_reset(touch.st);
	s = ent_finish(db, st, rc, "health", err);
	for (int k = 0; k < KITH_ORG_COUNT_ && !s; k++)
		if (w->kind_n[k])
			gtable_addn(&w->g[HD_SECTOR], kith_org_kind_name(k), w->kind_n[k]);
	for (int t = 0; t < 5 && !s; t++)
		if (w->tiers[t])
			gtable_addn(&w->g[HD_TIER], t < 4 ? (char[2]){ (char)('A' + t), 0 } : "", w->tiers[t]);
	return s;
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
	struct walk w = { .p = p };
	struct rtable rt = { 0 };
	int64_t me;
	enum kith_status rc;
	bool started;

	memset(out, 0, sizeof *out);
	if (!kdate_parse_iso(p->today, &w.today))
		return kith_err_set(err, KITH_INVALID, "health: %s: not a date", p->today);
	if ((rc = kdb_read_begin(db, &started, err)))     /* one snapshot for every count */
		return rc;
	me = kdb_me(db);
	kdate_format(kdate_add_days(w.today, -(p->days > 0 ? p->days - 1 : 0)), w.since);
	memcpy(out->since, w.since, sizeof out->since);
	out->days = p->days;
	if ((rc = strong_ids(db, me, &w.strong, &w.nstrong, err)) ||
	    (rc = recip_gather(db, me, &rt, err)) || (rc = walk_contacts(db, &w, me, &rt, out, err)))
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
