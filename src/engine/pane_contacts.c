/*
 * pane_contacts.c: the Contacts pane: a windowed list sorted by name, last
 * contact or influence, the profile and timeline of the selected contact,
 * and the add, edit, delete, log and follow-up forms.
 */
#include "listpane.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/concern.h"
#include "kith/contact.h"
#include "kith/followup.h"
#include "kith/interaction.h"
#include "kith/merge.h"
#include "kith/org.h"
#include "kith/powermap.h"
#include "kith/str.h"
#include "kith/types.h"
#include "kith/xalloc.h"

enum { C_NAME, C_ORG, C_TIER, C_INFL, C_ALIGN, C_LAST, C_NEXT, C_COUNT };

static const struct view_column columns[C_COUNT] = {
	[C_NAME] = { "Name", 14, 28, VA_LEFT },
	[C_ORG] = { "Organisation · role", 12, 0, VA_LEFT },
	[C_TIER] = { "Tier", 4, 4, VA_LEFT },
	[C_INFL] = { "Infl", 4, 4, VA_RIGHT },
	[C_ALIGN] = { "Stance", 7, 7, VA_LEFT },
	[C_LAST] = { "Last", 6, 6, VA_RIGHT },
	[C_NEXT] = LISTPANE_DATE_COLUMN("Next due"),
};

static const char *const sort_names[] = { "name", "last contacted", "influence" };

struct contacts {
	struct listpane lp;         /* first: the list, marks, card, search, title */
	struct contact_query q;
	bool empty_db;              /* no contacts at all: the welcome */
	int sort_opt;               /* the sort.contacts last applied (zs overrides it) */
	long long all_total;        /* unfiltered count while a search runs, -1 unknown */
};

static struct contacts *
priv(struct pane *p)
{
	return p->priv;
}

/* ---- list --------------------------------------------------------------------- */

static int
row_cb(void *ud, const struct contact_row *r)
{
	struct listwin *lw = ud;
	char org[512], infl[4], last[16], tier[2] = { r->tier, 0 };
	const char *cells[C_COUNT];

	if (*r->org && *r->role)
		snprintf(org, sizeof org, "%s · %s", r->org, r->role);
	else
		snprintf(org, sizeof org, "%s", *r->org ? r->org : r->role);
	fmt_influence(r->influence, infl);
	fmt_ago(r->last_at, last);
	cells[C_NAME] = r->name;
	cells[C_ORG] = org;
	cells[C_TIER] = r->tier ? tier : "-";
	cells[C_INFL] = infl;
	cells[C_ALIGN] = fmt_alignment(r->alignment);
	cells[C_LAST] = last;
	cells[C_NEXT] = *r->next_due ? r->next_due : "—";
	lw_push(lw, r->id, cells, r->archived ? VS_DIM : VS_NORMAL);
	return 0;
}

static int
fetch(struct pane *p, int64_t anchor, int dir, int limit, struct kith_err *err)
{
	struct contacts *c = priv(p);
	return contact_list(engine_db(p->e), &c->q, anchor, dir, limit, row_cb, &c->lp.lw, err);
}

static int
count(struct pane *p, long long *out, struct kith_err *err)
{
	struct contacts *c = priv(p);
	return contact_count(engine_db(p->e), &c->q, out, err);
}

static void welcome(struct page *pg);

/* sort.contacts as an enum contact_sort (name when out of range). */
static int
sort_option(struct pane *p)
{
	long v = engine_opt_int(p->e, "sort.contacts");

	return v < 0 || v > CONTACT_SORT_INFLUENCE ? CONTACT_SORT_NAME : (int)v;
}

static void
prepare(struct pane *p)
{
	struct contacts *c = priv(p);

	c->all_total = -1;          /* the data changed: count again */
	/* a changed sort.contacts (kithrc read after the pane opened, :set,
	   :source) takes effect; zs orders the pane until the option changes */
	if (sort_option(p) != c->sort_opt)
		c->q.sort = (enum contact_sort)(c->sort_opt = sort_option(p));
}

/* After a load: no contacts at all shows the welcome instead of a card. */
static void
loaded(struct pane *p)
{
	struct contacts *c = priv(p);
	struct contact_query all = { 0 };
	long long n = 0;

	if (!c->lp.match && c->lp.lw.total == 0) {
		contact_count(engine_db(p->e), &all, &n, NULL);
		c->empty_db = n == 0;
	} else {
		c->empty_db = false;
	}
	if (c->empty_db) {
		welcome(&c->lp.detail);
		c->lp.detail_id = -1;
	} else if (c->lp.detail_id == -1) {
		page_clear(&c->lp.detail);
		c->lp.detail_id = 0;
	}
}

static void
set_match(struct pane *p, const char *match)
{
	struct contacts *c = priv(p);

	if (!c->q.match && c->lp.lw.total_known < 0)
		c->all_total = c->lp.lw.total;      /* the unfiltered count, for when it clears */
	c->q.match = match;
	if (!match && c->all_total >= 0)
		c->lp.lw.total_known = c->all_total;
}

/* ---- detail ------------------------------------------------------------------- */

/*
** Not too eager (issue 18): their rhythm, and outreach they have not
** answered in the last guard.days.
*/
static void
card_eagerness(struct pane *p, struct page *pg, const struct kith_contact *k)
{
	int days = (int)engine_opt_int(p->e, "guard.days"), n = 0;
	char since[KDATE_STR];

	if (k->rhythm_days)
		page_add(pg, VS_NORMAL, 0, "at most every %d days (their rhythm: the review waits)",
			 k->rhythm_days);
	kdate_format(kdate_add_days(kdate_today(), -(days - 1)), since);
	if (interaction_unanswered(engine_db(p->e), k->id, since, &n, NULL) == KITH_OK && n)
		page_add(pg, n >= engine_opt_int(p->e, "guard.unanswered") ? VS_OVERDUE : VS_NORMAL,
			 0, "%d message%s unanswered in %d day%s", n, n == 1 ? "" : "s", days,
			 days == 1 ? "" : "s");
}

static void
load_detail(struct pane *p, int64_t id, struct page *pg)
{
	struct kdb *db = engine_db(p->e);
	struct kith_contact k;
	struct followup_query fq = { .contact_id = id };
	int cadence;
	char last[16], cad[24], tier[2] = "", infl[2] = "";

	if (contact_get(db, id, &k, NULL) != KITH_OK) {
		page_title(pg, "Contact");
		page_add(pg, VS_DIM, 0, "This contact no longer exists.");
		return;
	}
	page_title(pg, "%s", k.display_name);
	if (*k.pronouns)
		page_add(pg, VS_NORMAL, 0, "%s (%s)", k.display_name, k.pronouns);
	for (size_t i = 0; i < k.n_nicknames; i++)
		page_add(pg, VS_NORMAL, 0, "also: %s", k.nicknames[i]);
	for (size_t i = 0; i < k.n_emails; i++)
		page_add(pg, VS_NORMAL, 0, "email   %s%s%s", k.emails[i].value,
			 *k.emails[i].label ? "  " : "", k.emails[i].label);
	for (size_t i = 0; i < k.n_phones; i++)
		page_add(pg, VS_NORMAL, 0, "phone   %s%s%s", k.phones[i].value,
			 *k.phones[i].label ? "  " : "", k.phones[i].label);
	for (size_t i = 0; i < k.n_handles; i++)
		page_add(pg, VS_NORMAL, 0, "handle  %s%s%s", k.handles[i].value,
			 *k.handles[i].label ? "  " : "", k.handles[i].label);
	if (*k.address || *k.district)
		page_add(pg, VS_NORMAL, 0, "where   %s%s%s", k.address,
			 *k.address && *k.district ? ", " : "", k.district);
	if (k.birthday)
		page_add(pg, VS_NORMAL, 0, "birthday %s", k.birthday);
	if (k.n_tags) {
		struct strbuf sb = { 0 };
		for (size_t i = 0; i < k.n_tags; i++)
			sb_printf(&sb, "%s#%s", i ? " " : "", k.tags[i]);
		page_add(pg, VS_NORMAL, 0, "tags    %s", sb_str(&sb));
		sb_free(&sb);
	}
	cadence = k.cadence_days >= 0 ? k.cadence_days : kith_tier_cadence(k.tier);
	fmt_ago(k.last_at, last);
	snprintf(cad, sizeof cad, cadence ? "%d days" : "none", cadence);
	tier[0] = k.tier ? k.tier : '-';
	page_add(pg, VS_NORMAL, 0, "tier %s · cadence %s · last contacted %s", tier, cad, last);
	card_eagerness(p, pg, &k);
	infl[0] = k.influence ? (char)('0' + k.influence) : '?';
	page_add(pg, fmt_alignment_style(k.alignment), 0, "influence %s · %s", infl,
		 kith_alignment_name(k.alignment));
	if (*k.how_met)
		page_add(pg, VS_NORMAL, 0, "met: %s", k.how_met);
	card_reciprocity(pg, db, id);
	if (*k.notes) {
		page_add(pg, VS_HEADER, 0, "Notes");
		page_add(pg, VS_NORMAL, 2, "%.2000s", k.notes);
	}
	{
		struct card_section cs = { pg, "Concerns they raised", 0 };
		concern_list_for_contact(db, id, 10, card_concern_line, &cs, NULL);
	}
	page_add(pg, VS_HEADER, 0, "Roles");
	role_list_for_contact(db, id, card_role_line, pg, NULL);
	card_none(pg, "none", "e edits the contact");
	page_add(pg, VS_HEADER, 0, "Open follow-ups");
	followup_list(db, &fq, 0, 1, 20, card_followup_line, pg, NULL);
	card_none(pg, "none", "f adds one");
	page_add(pg, VS_HEADER, 0, "Timeline");
	{
		struct card_timeline ct = { pg, db };
		interaction_list_for_contact(db, id, 0, 20, card_timeline_line, &ct, NULL);
	}
	card_none(pg, "nothing logged yet", "n logs a call, a coffee, a meeting");
	page_add(pg, VS_HEADER, 0, "Relationships (strongest first)");
	relationship_list_for_contact_top(db, id, 15, card_relationship_line, pg, NULL);
	card_none(pg, "none recorded", NULL);
	page_add(pg, VS_HEADER, 0, "Power maps");
	placement_list_for_entity(db, id, 0, card_map_line, pg, NULL);
	card_none(pg, "on no map", NULL);
	{
		/* values an import did not understand, or a merge found different */
		int before = pg->n;
		page_add(pg, VS_HEADER, 0, "Kept aside");
		import_extra_list(db, "contact", id, card_extra_line, pg, NULL);
		if (pg->n == before + 1)
			free(pg->texts[--pg->n]);     /* nothing kept aside: no heading */
	}
	contact_free(&k);
}

static void
welcome(struct page *pg)
{
	page_clear(pg);
	page_title(pg, "Welcome to kith");
	page_add(pg, VS_HEADER, 0, "Your network is empty. Three ways to start:");
	page_add(pg, VS_NORMAL, 2, "a                 add your first contact: start with yourself");
	page_add(pg, VS_NORMAL, 2, "kith import FILE  bring in your phone's vCards, a LinkedIn, Google");
	page_add(pg, VS_NORMAL, 2, "                  or Outlook CSV, or a calendar (.ics)");
	page_add(pg, VS_NORMAL, 2, "kith demo         a guided tour of a campaign's network");
	page_add(pg, VS_NORMAL, 0, " ");
	page_add(pg, VS_DIM, 0, "? lists every key. q quits: everything is saved as you go.");
}

/* ---- forms -------------------------------------------------------------------- */

enum { F_NAME, F_ORG, F_ROLE, F_EMAIL, F_PHONE, F_TAGS, F_TIER, F_INFL, F_ALIGN, F_CADENCE,
       F_NOTES, F_COUNT };

static const struct form_field_def contact_fields[F_COUNT] = {
	[F_NAME] = { "Name", "as you would say it", form_check_required, false },
	[F_ORG] = { "Organisation", "created if new", NULL, false },
	[F_ROLE] = { "Role", "Chair, Council member, ...", NULL, false },
	[F_EMAIL] = { "Email", NULL, NULL, false },
	[F_PHONE] = { "Phone", NULL, NULL, false },
	[F_TAGS] = { "Tags", "comma-separated: housing, transit", NULL, false },
	[F_TIER] = { "Tier", "A, B, C or D (cadence 21, 60, 180, 365 days)", form_check_tier, false },
	[F_INFL] = { .label = "Influence", .hint = "1 to 5", .number = "influence", .min = 1,
		     .max = 5 },
	[F_ALIGN] = { .label = "Stance", .hint = "-2 opposed ... +2 ally", .number = "alignment",
		      .min = -2, .max = 2 },
	[F_CADENCE] = { .label = "Cadence", .hint = "days between touches (empty: the tier's)",
			.number = "days", .min = 0, .max = 3650 },
	[F_NOTES] = { "Notes", "E opens $EDITOR", NULL, true },
};

struct contact_form {
	int64_t id;                 /* 0: adding */
};

/* Split "a, b ,c" into trimmed non-empty strings. */
static char **
split_tags(const char *text, size_t *n)
{
	char *copy = xstrdup(text ? text : ""), *save = NULL, **out = NULL;

	*n = 0;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		str_trim(t);
		if (*t == '#')
			t++;
		if (!*t)
			continue;
		out = xreallocarray(out, *n + 1, sizeof *out);
		out[(*n)++] = xstrdup(t);
	}
	free(copy);
	return out;
}

static void
set_channel(struct kith_channel **arr, size_t *n, const char *value)
{
	if (str_empty(value)) {
		if (*n) {
			/* the first one was cleared: drop it */
			free((*arr)[0].label);
			free((*arr)[0].value);
			memmove(*arr, *arr + 1, (*n - 1) * sizeof **arr);
			(*n)--;
		}
		return;
	}
	if (*n == 0) {
		*arr = xcalloc(1, sizeof **arr);
		*n = 1;
		(*arr)[0].label = xstrdup("");
	} else {
		free((*arr)[0].value);
	}
	(*arr)[0].value = xstrdup(value);
}

/* ---- me ---------------------------------------------------------------------------- */

static int
me_yes(struct engine *e, void *ctx)
{
	struct idname *m = ctx;
	struct kith_err err;

	kith_err_clear(&err);
	if (kdb_set_me(engine_db(e), m->id, &err) != KITH_OK)
		return engine_fail(e, &err);
	engine_msg(e, "%s is you: warm paths start here (zm or kith me changes it)", m->name);
	return engine_after_write(e, "set who is me") | R_REDRAW;
}

/* Ask whether contact id is the user; first: the first contact of a new network. */
static void
ask_me(struct engine *e, int64_t id, const char *name, bool first)
{
	struct strbuf q = { 0 };

	if (first)
		sb_printf(&q, "Is %s you? Warm paths and introductions start from you. (y/n)", name);
	else
		sb_printf(&q, "Mark %s as you? (y/n)", name);
	engine_confirm(e, sb_str(&q), me_yes, idname_new(id, name), idname_free);
	sb_free(&q);
}

static int
contact_save(struct form *f, struct kith_err *err, int *bad)
{
	struct contact_form *cf = f->ctx;
	struct kdb *db = engine_db(f->e);
	struct kith_contact k = { 0 };
	long long v;
	enum kith_status rc;
	int64_t id = cf->id, org = 0;
	char *name = xstrdup(form_value(f, F_NAME));

	str_trim(name);
	if (cf->id && (rc = contact_get(db, cf->id, &k, err))) {
		free(name);
		return rc;
	}
	if (!cf->id)
		k.cadence_days = -1;
	free(k.display_name);
	k.display_name = name;
	set_channel(&k.emails, &k.n_emails, form_value(f, F_EMAIL));
	set_channel(&k.phones, &k.n_phones, form_value(f, F_PHONE));
	for (size_t i = 0; i < k.n_tags; i++)
		free(k.tags[i]);
	free(k.tags);
	k.tags = split_tags(form_value(f, F_TAGS), &k.n_tags);
	k.tier = str_empty(form_value(f, F_TIER)) ? 0 : (char)(form_value(f, F_TIER)[0] & ~0x20);
	k.influence = str_to_int(form_value(f, F_INFL), 1, 5, &v) ? (int)v : 0;
	k.alignment = str_to_int(form_value(f, F_ALIGN), -2, 2, &v) ? (int)v : 0;
	k.cadence_days = str_to_int(form_value(f, F_CADENCE), 0, 3650, &v) ? (int)v : -1;
	str_set(&k.notes, form_value(f, F_NOTES));
	if ((rc = kdb_batch_begin(db, err)))
		goto out;
	if (cf->id)
		rc = contact_update(db, &k, err);
	else
		rc = contact_add(db, &k, &id, err);
	if (!rc && !cf->id && !str_empty(form_value(f, F_ORG))) {
		struct kith_role role = { 0 };
		char today[KDATE_STR];
		kdate_format(kdate_today(), today);
		rc = org_find(db, form_value(f, F_ORG), true, &org, err);
		role.contact_id = id;
		role.org_id = org;
		role.title = (char *)form_value(f, F_ROLE);
		role.start_date = today;
		if (!rc)
			rc = role_add(db, &role, NULL, err);
	}
	if (rc) {
		kdb_batch_end(db, false, NULL);
		*bad = strstr(err->msg, "influence") ? F_INFL : strstr(err->msg, "name") ? F_NAME : -1;
		goto out;
	}
	if ((rc = kdb_batch_end(db, true, err)))
		goto out;
	engine_after_write(f->e, cf->id ? "edit contact" : "add contact");
	engine_msg(f->e, "%s %s", cf->id ? "saved" : "added", k.display_name);
	if (!cf->id) {
		/* show the new contact */
		struct pane *p = &f->e->panes[VP_CONTACTS];
		struct kith_err e2;
		if (p->opened)
			listpane_select(p, id, &e2);
		if (!kdb_me(db) && listpane_of(p)->lw.total == 1)
			ask_me(f->e, id, k.display_name, true);
	}
out:
	contact_free(&k);
	return rc;
}

/* What each field of the edit form shows for contact r (xstrdup'd; out[F_COUNT]). */
static void
contact_values(const struct row *r, char **out)
{
	const struct kith_contact *k = &r->u.contact;
	struct strbuf tags = { 0 };
	char infl[16] = "", align[16], cad[16] = "", tier[2] = { k->tier, '\0' };

	out[F_NAME] = xstrdup(k->display_name);
	out[F_EMAIL] = xstrdup(k->n_emails ? k->emails[0].value : "");
	out[F_PHONE] = xstrdup(k->n_phones ? k->phones[0].value : "");
	for (size_t i = 0; i < k->n_tags; i++)
		sb_printf(&tags, "%s%s", i ? ", " : "", k->tags[i]);
	out[F_TAGS] = xstrdup(sb_str(&tags));
	if (k->influence)
		snprintf(infl, sizeof infl, "%d", k->influence);
	snprintf(align, sizeof align, "%d", k->alignment);
	if (k->cadence_days >= 0)
		snprintf(cad, sizeof cad, "%d", k->cadence_days);
	out[F_TIER] = xstrdup(tier);
	out[F_INFL] = xstrdup(infl);
	out[F_ALIGN] = xstrdup(align);
	out[F_CADENCE] = xstrdup(cad);
	out[F_NOTES] = xstrdup(k->notes ? k->notes : "");
	sb_free(&tags);
}

static const struct row_form contact_row_form = {
	ROW_CONTACT, NULL, F_COUNT, contact_fields, contact_values, contact_save,
};

static void
contact_form_open(struct pane *p, int64_t id)
{
	struct contact_form *cf = xcalloc(1, sizeof *cf);

	cf->id = id;
	if (id && form_open_row(p->e, &contact_row_form, id, cf, free, NULL) == KITH_OK)
		return;
	cf->id = 0;
	engine_form_open(p->e, "New contact", F_COUNT, contact_fields, NULL, contact_save, cf, free);
}

/* The selected contact's name ("" if none). */
static const char *
selected_name(struct pane *p)
{
	const char *const *cells = listpane_selected_cells(p);

	return cells ? cells[C_NAME] : "";
}

/* The commands on the selected contact (id); true if cmd was one. */
static bool
contact_command(struct pane *p, enum cmd cmd, int64_t id, int *r)
{
	const char *name = selected_name(p);

	switch (cmd) {
	case CMD_ME_SET:
		ask_me(p->e, id, name, false);
		break;
	case CMD_FOLLOWUP_ADD:
		forms_followup_open(p->e, id, name);
		break;
	default:
		return person_command(p->e, cmd, id, 0, name, r);
	}
	*r |= R_REDRAW;
	return true;
}

static bool
command(struct pane *p, enum cmd cmd, int64_t id, long n, int *r)
{
	struct contacts *c = priv(p);

	(void)n;
	switch (cmd) {
	case CMD_SORT_NEXT:
		c->q.sort = (enum contact_sort)((c->q.sort + 1) % 3);
		c->lp.lw.total_known = c->lp.lw.total;
		*r |= listpane_requery(p, id, "sorted by %s", sort_names[c->q.sort]);
		return true;
	default:
		return false;
	}
}

static const char *
empty_text(struct pane *p)
{
	return listpane_of(p)->match ? "No contact matches the search (Esc clears it)."
				     : "No contacts yet: press a to add one.";
}

static void
fill(struct pane *p, struct view *v)
{
	v->welcome = priv(p)->empty_db;
}

static const struct listpane_def contacts_def = {
	.ncols = C_COUNT, .cols = columns, .fetch = fetch, .count = count,
	.name_col = C_NAME, .load_detail = load_detail, .detail_snapshot = true,
	.command = command, .open_form = contact_form_open,
	.add_cmd = CMD_CONTACT_ADD, .row_command = contact_command, .prepare = prepare, .loaded = loaded,
	.set_match = set_match, .empty_text = empty_text, .fill = fill, .row = ROW_CONTACT,
	.del = contact_delete,
	.del_question = "Delete %s and their history? (y/n)", .del_done = "deleted %s (u undoes)",
	.del_label = "delete contact",
	.past_flag = offsetof(struct contacts, q.include_archived),
	.past_shown = "showing archived contacts too", .past_hidden = "archived contacts hidden",
};

/* Open with the sort order of the options. */
static int
open_pane(struct pane *p, struct kith_err *err)
{
	struct contacts *c = priv(p);

	c->q.sort = (enum contact_sort)(c->sort_opt = sort_option(p));
	return listpane_open(p, &contacts_def, err);
}

const struct pane_ops contacts_pane_ops = {
	.name = "contacts", .title = "Contacts", .noun = "contact", .nouns = "contacts",
	.id = VP_CONTACTS,
	.private_size = sizeof(struct contacts), .open = open_pane, .close = listpane_close,
	.reload = listpane_reload, .command = listpane_command, .filter = listpane_filter,
	.fill_view = listpane_fill_view, .sync = listpane_sync, .marks = listpane_marks,
	.show = listpane_show,
};
