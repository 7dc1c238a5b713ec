/*
 * check_panes.c: the four panes under a real engine, headless, on a small
 * in-memory fixture (clock fixed at 2026-03-10): the rows and detail each
 * pane shows, the forms driven by keys (add, edit, log, follow-up), delete
 * with y, undo and redo, follow-up x/s/d, marks, power-map moves recorded
 * in the placement history, and search filtering.
 */
#include <stdio.h>

#include "testutil.h"

#include "kith/contact.h"
#include "kith/engine.h"
#include "kith/event.h"
#include "kith/followup.h"
#include "kith/interaction.h"
#include "kith/org.h"
#include "kith/powermap.h"
#include "kith/types.h"
#include "../../src/engine/core.h"

static struct kdb *db;
static struct engine *e;
static int64_t ana, ben, carla, town_hall, bond;
static int64_t fu_overdue, fu_today, fu_week, fu_later;

static int64_t
add_contact(const char *name, char tier, int influence, int alignment)
{
	struct kith_contact c = { 0 };
	struct kith_err err;
	int64_t id = 0;

	c.display_name = (char *)name;
	c.cadence_days = -1;
	c.tier = tier;
	c.influence = influence;
	c.alignment = alignment;
	ck_assert_msg(contact_add(db, &c, &id, &err) == KITH_OK, "%s", err.msg);
	return id;
}

static int64_t
add_followup(int64_t who, const char *title, const char *due)
{
	struct kith_followup f = { 0 };
	struct kith_err err;
	int64_t id = 0;

	f.contact_id = who;
	f.title = (char *)title;
	f.due = (char *)due;
	ck_assert_msg(followup_add(db, &f, &id, &err) == KITH_OK, "%s", err.msg);
	return id;
}

static void
fixture(void)
{
	struct kith_err err;
	struct kith_role role = { 0 };
	struct kith_interaction in = { 0 };
	struct kith_event ev = { 0 };
	struct kith_map map = { 0 };
	int64_t org, past;

	ana = add_contact("Ana Lima", 'A', 4, 1);
	ben = add_contact("Ben Ortiz", 'B', 2, -2);
	carla = add_contact("Carla Diaz", 0, 5, 0);
	ck_assert_int_eq(org_find(db, "City Hall", true, &org, &err), KITH_OK);
	role.contact_id = ana;
	role.org_id = org;
	role.title = "Clerk";
	ck_assert_int_eq(role_add(db, &role, NULL, &err), KITH_OK);
	in.at = "2026-02-26 10:00";
	in.kind = KITH_IKIND_COFFEE;
	in.summary = "coffee about zoning";
	in.contact_ids = &ana;
	in.n_contacts = 1;
	ck_assert_int_eq(interaction_add(db, &in, NULL, &err), KITH_OK);
	fu_overdue = add_followup(ana, "send the draft", "2026-03-05");
	fu_today = add_followup(ben, "call back", "2026-03-10");
	fu_week = add_followup(carla, "share the agenda", "2026-03-14");
	fu_later = add_followup(carla, "budget check-in", "2026-04-20");
	ev.title = "Town hall";
	ev.start_at = "2026-03-20 18:30";
	ev.location = "Library";
	ev.kind = KITH_EVENT_TOWN_HALL;
	ck_assert_int_eq(event_add(db, &ev, &town_hall, &err), KITH_OK);
	ck_assert_int_eq(attendance_set(db, town_hall, ana, KITH_AROLE_SPEAKER, KITH_ASTATUS_CONFIRMED,
					&err), KITH_OK);
	ev.title = "Budget hearing";
	ev.start_at = "2026-02-01 09:00";
	ev.location = "Council chamber";
	ev.kind = KITH_EVENT_COUNCIL_MEETING;
	ck_assert_int_eq(event_add(db, &ev, &past, &err), KITH_OK);
	map.name = "Bond 2027";
	ck_assert_int_eq(map_add(db, &map, &bond, &err), KITH_OK);
	ck_assert_int_eq(placement_set(db, bond, ana, 0, 4, 1, NULL, "first guess", &err), KITH_OK);
	ck_assert_int_eq(placement_set(db, bond, carla, 0, 5, 0, NULL, NULL, &err), KITH_OK);
}

static void
setup(void)
{
	db = test_db_open();
	fixture();
	e = test_engine_new(db, 10, 30);
}

static void
setup_empty(void)
{
	db = test_db_open();
	e = test_engine_new(db, 10, 30);
}

static void
teardown(void)
{
	test_engine_free(&e, &db);
}

static const struct view *
view(void)
{
	return engine_view(e);
}

static const char *
cell(int row, int col)
{
	const struct view *v = view();
	ck_assert_int_lt(row, v->list.nrows);
	return v->list.rows[row].cells[col];
}

static const char *
sel_cell(int col)
{
	const struct view *v = view();
	ck_assert_int_ge(v->list.selected, 0);
	return v->list.rows[v->list.selected].cells[col];
}

/* Does any detail line contain text? */
static bool
detail_has(const char *text)
{
	const struct view *v = view();
	for (int i = 0; i < v->detail.nlines; i++)
		if (strstr(v->detail.lines[i].text, text))
			return true;
	return false;
}

/* Select the contacts row whose name is `name`. */
static void
select_contact(const char *name)
{
	engine_keys(e, "1gg");
	for (int i = 0; i < 50 && strcmp(sel_cell(0), name); i++)
		engine_keys(e, "j");
	ck_assert_str_eq(sel_cell(0), name);
}

/* ---- contacts ------------------------------------------------------------------ */

START_TEST(test_contacts_rows_and_detail)
{
	const struct view *v = view();

	ck_assert_int_eq(v->list.total, 3);
	ck_assert_ptr_nonnull(strstr(v->title, "3 contacts"));
	ck_assert(!v->welcome);
	/* name, org · role, tier, influence, stance, last, next due */
	ck_assert_str_eq(cell(0, 0), "Ana Lima");
	ck_assert_str_eq(cell(0, 1), "City Hall · Clerk");
	ck_assert_str_eq(cell(0, 2), "A");
	ck_assert_str_eq(cell(0, 3), "4");
	ck_assert_str_eq(cell(0, 4), "+1 ally");
	ck_assert_str_eq(cell(0, 5), "12d");
	ck_assert_str_eq(cell(0, 6), "2026-03-05");
	ck_assert_str_eq(cell(1, 0), "Ben Ortiz");
	ck_assert_str_eq(cell(1, 4), "−2 opp");
	ck_assert_str_eq(cell(1, 5), "never");
	ck_assert_str_eq(cell(2, 2), "-");
	ck_assert_str_eq(cell(2, 6), "2026-03-14");

	ck_assert(!v->detail_open);
	/* a second job title an import kept aside (issue 14) */
	ck_assert_int_eq(import_extra_add(db, "contact", ana, "vcard", "title", "Deputy Mayor", NULL),
			 KITH_OK);
	engine_keys(e, "<Enter>");
	v = view();
	ck_assert(v->detail_open);
	ck_assert_str_eq(v->detail.title, "Ana Lima");
	ck_assert(detail_has("Kept aside"));
	ck_assert(detail_has("title: Deputy Mayor  (vcard)"));
	ck_assert(detail_has("tier A"));
	ck_assert(detail_has("Clerk, City Hall"));
	ck_assert(detail_has("coffee about zoning"));
	ck_assert(detail_has("send the draft"));
	ck_assert(detail_has("Bond 2027: influence 4"));
	/* the detail follows the selection; a role with no title is the
	   organisation alone, not ", Springfield Tenants Union" (issue 17, bug 5) */
	{
		struct kith_role r = { .contact_id = ben };
		struct kith_err err;

		ck_assert_int_eq(org_find(db, "Springfield Tenants Union", true, &r.org_id, &err),
				 KITH_OK);
		ck_assert_int_eq(role_add(db, &r, NULL, &err), KITH_OK);
	}
	engine_keys(e, "j");
	ck_assert_str_eq(view()->detail.title, "Ben Ortiz");
	ck_assert(detail_has("Springfield Tenants Union"));
	ck_assert(!detail_has(", Springfield Tenants Union"));
	ck_assert(detail_has("call back"));
	ck_assert(!detail_has("Kept aside"));
	engine_keys(e, "<Esc>");
	ck_assert(!view()->detail_open);
	/* side by side: the detail is always there */
	engine_layout(e, 10, 30, true);
	ck_assert_str_eq(view()->detail.title, "Ben Ortiz");
}
END_TEST

START_TEST(test_contacts_sort_and_search)
{
	engine_keys(e, "zs");           /* last contacted: never first */
	ck_assert_ptr_nonnull(strstr(view()->message, "last contacted"));
	ck_assert_str_eq(cell(2, 0), "Ana Lima");
	engine_keys(e, "zs");           /* influence: 5 first */
	ck_assert_str_eq(cell(0, 0), "Carla Diaz");
	ck_assert_str_eq(cell(1, 0), "Ana Lima");
	ck_assert_str_eq(cell(2, 0), "Ben Ortiz");
	engine_keys(e, "zs");
	ck_assert_str_eq(cell(0, 0), "Ana Lima");
	/* the option sorts too, from :set and from a config read later (issue 17, bug 2) */
	engine_keys(e, ":set sort.contacts influence<Enter>");
	ck_assert_str_eq(cell(0, 0), "Carla Diaz");
	ck_assert_str_eq(cell(2, 0), "Ben Ortiz");
	engine_config_text(e, "set sort.contacts name\n", "t.conf");
	ck_assert_str_eq(cell(0, 0), "Ana Lima");
	engine_config_text(e, "set sort.contacts last\n", "t.conf");
	ck_assert_str_eq(cell(2, 0), "Ana Lima");
	engine_keys(e, "zs");           /* zs still cycles from there: influence */
	ck_assert_str_eq(cell(0, 0), "Carla Diaz");
	engine_keys(e, ":set sort.contacts name<Enter>");

	engine_keys(e, "/car");
	ck_assert_int_eq(view()->list.total, 1);
	ck_assert_int_eq(view()->list.nrows, 1);
	ck_assert_str_eq(cell(0, 0), "Carla Diaz");
	engine_keys(e, "x");            /* "carx" matches nobody */
	ck_assert_int_eq(view()->list.total, 0);
	ck_assert_ptr_nonnull(strstr(view()->list.empty_text, "search"));
	ck_assert(!view()->welcome);
	engine_keys(e, "<Esc>");
	ck_assert_int_eq(view()->list.total, 3);
}
END_TEST

static int64_t
find_contact(const char *name)
{
	int64_t id = 0;
	struct kith_err err;
	if (contact_resolve(db, name, &id, &err) != KITH_OK)
		return 0;
	return id;
}

static int
role_cb(void *ud, const struct role_row *r)
{
	char *out = ud;
	snprintf(out, 128, "%s|%s", r->title, r->org_name);
	return 0;
}

START_TEST(test_contact_add_edit_delete_undo)
{
	struct kith_contact k;
	struct kith_err err;
	char roles[128] = "";
	int64_t id;

	engine_keys(e, "a");
	ck_assert_int_eq(view()->mode, VM_FORM);
	ck_assert_str_eq(view()->form.title, "New contact");
	/* Name is required: Enter on an empty form stays */
	engine_keys(e, "<Enter>");
	ck_assert_int_eq(view()->mode, VM_FORM);
	ck_assert_str_eq(view()->form.fields[0].error, "required");
	engine_keys(e, "Yara Nunes<Tab>Transit Now<Tab>Organizer<Tab>yara@example.org<Tab><Tab>"
		       "transit, housing<Tab>b<Tab>3<Tab>9");
	engine_keys(e, "<Enter>");      /* alignment 9 is out of range */
	ck_assert_int_eq(view()->mode, VM_FORM);
	ck_assert_ptr_nonnull(view()->form.fields[8].error);
	engine_keys(e, "<BS>2<Enter>");
	for (int i = 0; view()->mode == VM_FORM && i < view()->form.nfields; i++)
		if (view()->form.fields[i].error)
			ck_abort_msg("field %d: %s (%s)", i, view()->form.fields[i].error,
				     view()->message ? view()->message : "");
	ck_assert_msg(view()->mode == VM_NORMAL, "form: %s; focus %d: %s", view()->message,
		      view()->form.focus, view()->form.fields[view()->form.focus].value);
	id = find_contact("Yara Nunes");
	ck_assert_int_ne(id, 0);
	ck_assert_int_eq(contact_get(db, id, &k, &err), KITH_OK);
	ck_assert_int_eq(k.tier, 'B');
	ck_assert_int_eq(k.influence, 3);
	ck_assert_int_eq(k.alignment, 2);
	ck_assert_int_eq((int)k.n_emails, 1);
	ck_assert_str_eq(k.emails[0].value, "yara@example.org");
	ck_assert_int_eq((int)k.n_tags, 2);
	contact_free(&k);
	ck_assert_int_eq(role_list_for_contact(db, id, role_cb, roles, &err), KITH_OK);
	ck_assert_str_eq(roles, "Organizer|Transit Now");
	/* the new contact is shown and selected */
	ck_assert_int_eq(view()->list.total, 4);
	ck_assert_str_eq(sel_cell(0), "Yara Nunes");
	ck_assert_str_eq(sel_cell(1), "Transit Now · Organizer");

	/* one undo step takes back the contact, its organisation and role */
	engine_keys(e, "u");
	ck_assert_int_eq(find_contact("Yara Nunes"), 0);
	{
		int64_t org = 0;
		ck_assert_int_eq(org_find(db, "Transit Now", false, &org, &err), KITH_NOTFOUND);
	}
	ck_assert_int_eq(view()->list.total, 3);
	engine_keys(e, "<C-r>");
	ck_assert_int_eq(find_contact("Yara Nunes"), id);
	ck_assert_int_eq(view()->list.total, 4);

	/* edit: prefilled, saved in place */
	select_contact("Ben Ortiz");
	engine_keys(e, "e");
	ck_assert_int_eq(view()->mode, VM_FORM);
	ck_assert_str_eq(view()->form.fields[0].value, "Ben Ortiz");
	ck_assert_str_eq(view()->form.fields[6].value, "B");
	ck_assert_str_eq(view()->form.fields[8].value, "-2");
	engine_keys(e, "<C-u>Benjamin Ortiz<Tab><Tab><Tab><Tab><Tab><Tab><Tab><C-u>5<Enter>");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert_int_eq(contact_get(db, ben, &k, &err), KITH_OK);
	ck_assert_str_eq(k.display_name, "Benjamin Ortiz");
	ck_assert_int_eq(k.influence, 5);
	ck_assert_int_eq(k.alignment, -2);
	contact_free(&k);
	ck_assert_str_eq(sel_cell(0), "Benjamin Ortiz");
	engine_keys(e, "u");
	ck_assert_int_eq(contact_get(db, ben, &k, &err), KITH_OK);
	ck_assert_str_eq(k.display_name, "Ben Ortiz");
	contact_free(&k);

	/* delete: asks, n keeps, y deletes; undo restores; redo deletes again */
	select_contact("Ben Ortiz");
	engine_keys(e, "D");
	ck_assert_int_eq(view()->mode, VM_CONFIRM);
	ck_assert_ptr_nonnull(strstr(view()->confirm, "Ben Ortiz"));
	engine_keys(e, "n");
	ck_assert_int_eq(contact_get(db, ben, &k, &err), KITH_OK);
	contact_free(&k);
	engine_keys(e, "Dy");
	ck_assert_int_eq(contact_get(db, ben, &k, &err), KITH_NOTFOUND);
	ck_assert_int_eq(view()->list.total, 3);
	engine_keys(e, "u");
	ck_assert_int_eq(contact_get(db, ben, &k, &err), KITH_OK);
	contact_free(&k);
	ck_assert_int_eq(view()->list.total, 4);
	{
		/* the follow-up went with him and came back */
		struct kith_followup f;
		ck_assert_int_eq(followup_get(db, fu_today, &f, &err), KITH_OK);
		followup_free(&f);
	}
	engine_keys(e, "<C-r>");
	ck_assert_int_eq(contact_get(db, ben, &k, &err), KITH_NOTFOUND);
	ck_assert_int_eq(view()->list.total, 3);
}
END_TEST

static int
count_interactions(void *ud, const struct interaction_row *r)
{
	int *n = ud;
	(void)r;
	(*n)++;
	return 0;
}

/*
** Issue 15, item 1: a form on a row saves only what its user changed, and
** says so when the row changed elsewhere since it opened (another planner,
** the command line: here the same database written past the engine).
*/
static void
set_email(int64_t id, const char *email, const char *name)
{
	struct kith_contact k;
	struct kith_err err;

	ck_assert_int_eq(contact_get(db, id, &k, &err), KITH_OK);
	if (email) {
		if (!k.n_emails) {
			k.emails = calloc(1, sizeof *k.emails);
			k.n_emails = 1;
			k.emails[0].label = strdup("");
		} else {
			free(k.emails[0].value);
		}
		k.emails[0].value = strdup(email);
	}
	if (name) {
		free(k.display_name);
		k.display_name = strdup(name);
	}
	ck_assert_msg(contact_update(db, &k, &err) == KITH_OK, "%s", err.msg);
	contact_free(&k);
}

START_TEST(test_form_lost_update)
{
	struct kith_contact k;
	struct kith_err err;

	/* A changes the email while B's form is open; B changes only the phone */
	select_contact("Ben Ortiz");
	engine_keys(e, "e");
	ck_assert_int_eq(view()->mode, VM_FORM);
	set_email(ben, "ben@a.example", NULL);
	engine_keys(e, "<Tab><Tab><Tab><Tab><C-u>555 0100<Enter>");
	ck_assert_msg(view()->mode == VM_NORMAL, "%s", view()->message);
	ck_assert_int_eq(contact_get(db, ben, &k, &err), KITH_OK);
	ck_assert_uint_eq(k.n_emails, 1);
	ck_assert_str_eq(k.emails[0].value, "ben@a.example");       /* A's email kept */
	ck_assert_uint_eq(k.n_phones, 1);
	ck_assert_str_eq(k.phones[0].value, "555 0100");            /* B's phone saved */
	contact_free(&k);

	/* both change the name: B's save is refused, then a second Enter saves B's */
	select_contact("Ben Ortiz");
	engine_keys(e, "e");
	set_email(ben, NULL, "Benedict Ortiz");
	engine_keys(e, "<C-u>Benjamin Ortiz<Enter>");
	ck_assert_int_eq(view()->mode, VM_FORM);
	ck_assert_ptr_nonnull(strstr(view()->message, "Not saved: Name changed elsewhere"));
	ck_assert_ptr_nonnull(view()->form.fields[0].error);
	ck_assert_ptr_nonnull(strstr(view()->form.fields[0].error, "Benedict Ortiz"));
	ck_assert_str_eq(view()->form.fields[0].value, "Benjamin Ortiz");    /* text kept */
	ck_assert_int_eq(contact_get(db, ben, &k, &err), KITH_OK);
	ck_assert_str_eq(k.display_name, "Benedict Ortiz");
	contact_free(&k);
	/* Esc after a failed save asks; n goes back to the form */
	engine_keys(e, "<Esc>");
	ck_assert_int_eq(view()->mode, VM_CONFIRM);
	engine_keys(e, "n");
	ck_assert_int_eq(view()->mode, VM_FORM);
	ck_assert_str_eq(view()->form.fields[0].value, "Benjamin Ortiz");
	engine_keys(e, "<Enter>");
	ck_assert_msg(view()->mode == VM_NORMAL, "%s", view()->message);
	ck_assert_int_eq(contact_get(db, ben, &k, &err), KITH_OK);
	ck_assert_str_eq(k.display_name, "Benjamin Ortiz");
	ck_assert_str_eq(k.emails[0].value, "ben@a.example");
	contact_free(&k);

	/* the row deleted elsewhere: nothing saved, the form stays */
	select_contact("Benjamin Ortiz");
	engine_keys(e, "e");
	ck_assert_int_eq(contact_delete(db, ben, &err), KITH_OK);
	engine_keys(e, "<C-u>Ben again<Enter>");
	ck_assert_int_eq(view()->mode, VM_FORM);
	ck_assert_ptr_nonnull(strstr(view()->message, "deleted elsewhere"));
	ck_assert_int_eq(find_contact("Ben again"), 0);
	engine_keys(e, "<Esc>y");
	ck_assert_int_eq(view()->mode, VM_NORMAL);

	/* notes in $EDITOR: changed elsewhere meanwhile, so saving over them asks */
	{
		FILE *fp;
		struct kith_contact c2;
		engine_keys(e, "1");
		select_contact("Ana Lima");
		ck_assert(engine_keys(e, "E") & R_EDITOR);
		ck_assert_int_eq(contact_get(db, ana, &c2, &err), KITH_OK);
		free(c2.notes);
		c2.notes = strdup("theirs");
		ck_assert_int_eq(contact_update(db, &c2, &err), KITH_OK);
		contact_free(&c2);
		fp = fopen(engine_editor_file(e), "w");
		ck_assert_ptr_nonnull(fp);
		fputs("mine\n", fp);
		fclose(fp);
		engine_editor_done(e, true);
		ck_assert_int_eq(view()->mode, VM_CONFIRM);
		ck_assert_ptr_nonnull(strstr(view()->confirm, "changed elsewhere"));
		engine_keys(e, "n");
		ck_assert_int_eq(contact_get(db, ana, &c2, &err), KITH_OK);
		ck_assert_str_eq(c2.notes, "theirs");
		contact_free(&c2);
		ck_assert(engine_keys(e, "E") & R_EDITOR);
		ck_assert_int_eq(contact_get(db, ana, &c2, &err), KITH_OK);
		free(c2.notes);
		c2.notes = strdup("theirs again");
		ck_assert_int_eq(contact_update(db, &c2, &err), KITH_OK);
		contact_free(&c2);
		fp = fopen(engine_editor_file(e), "w");
		fputs("mine\n", fp);
		fclose(fp);
		engine_editor_done(e, true);
		engine_keys(e, "y");
		ck_assert_int_eq(contact_get(db, ana, &c2, &err), KITH_OK);
		ck_assert_str_eq(c2.notes, "mine");
		contact_free(&c2);
		/* an editor that fails is named (issue 17) */
		engine_command(e, "set editor no-such-editor -w");
		ck_assert(engine_keys(e, "E") & R_EDITOR);
		engine_editor_done(e, false);
		ck_assert(view()->message_is_error);
		ck_assert_str_eq(view()->message, "The editor \"no-such-editor -w\" failed or was not "
				 "found; nothing changed (set editor in kithrc, or $VISUAL)");
	}

	/* a follow-up: the title changed elsewhere, the due date here: both kept */
	{
		struct kith_followup fu;
		engine_keys(e, "4");
		engine_keys(e, "e");
		ck_assert_int_eq(view()->mode, VM_FORM);
		ck_assert_str_eq(view()->form.fields[0].value, "send the draft");
		ck_assert_int_eq(followup_get(db, fu_overdue, &fu, &err), KITH_OK);
		free(fu.title);
		fu.title = strdup("send the final draft");
		ck_assert_int_eq(followup_update(db, &fu, &err), KITH_OK);
		followup_free(&fu);
		engine_keys(e, "<Tab><C-u>2026-03-12<Enter>");
		ck_assert_msg(view()->mode == VM_NORMAL, "%s", view()->message);
		ck_assert_int_eq(followup_get(db, fu_overdue, &fu, &err), KITH_OK);
		ck_assert_str_eq(fu.title, "send the final draft");
		ck_assert_str_eq(fu.due, "2026-03-12");
		followup_free(&fu);
	}
}
END_TEST

START_TEST(test_log_and_followup_forms)
{
	struct kith_err err;
	struct followup_query q = { .contact_id = 0 };
	long long before, after;
	int n = 0;

	select_contact("Carla Diaz");
	engine_keys(e, "n");
	ck_assert_int_eq(view()->mode, VM_FORM);
	ck_assert_str_eq(view()->form.fields[0].value, "today");
	ck_assert_int_eq(view()->form.focus, 2);        /* straight to the summary */
	ck_assert_int_eq(followup_count(db, &q, &before, &err), KITH_OK);
	engine_keys(e, "talked bonds<Tab><Tab>fri<Enter>");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert_int_eq(interaction_list_for_contact(db, carla, 0, 10, count_interactions, &n, &err),
			 KITH_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(followup_count(db, &q, &after, &err), KITH_OK);
	ck_assert_int_eq(after, before + 1);
	ck_assert_str_eq(sel_cell(5), "today");
	/* one undo step: both the interaction and its follow-up */
	engine_keys(e, "u");
	ck_assert_msg(strstr(view()->message, "log"), "%s", view()->message);
	n = 0;
	interaction_list_for_contact(db, carla, 0, 10, count_interactions, &n, &err);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(followup_count(db, &q, &after, &err), KITH_OK);
	ck_assert_int_eq(after, before);

	engine_keys(e, "f");
	ck_assert_int_eq(view()->mode, VM_FORM);
	engine_keys(e, "send minutes<Tab>2026-03-12<Tab><C-u>send-info<Tab><C-u>owe<Enter>");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert_int_eq(followup_count(db, &q, &after, &err), KITH_OK);
	ck_assert_int_eq(after, before + 1);
	engine_keys(e, "4");
	ck_assert_ptr_nonnull(strstr(view()->title, "open follow-ups"));
	{
		const struct view *v = view();
		bool found = false;
		for (int i = 0; i < v->list.nrows; i++)
			if (!strcmp(v->list.rows[i].cells[2], "send minutes")) {
				found = true;
				ck_assert_str_eq(v->list.rows[i].cells[3], "I owe");
				ck_assert_str_eq(v->list.rows[i].cells[1], "Carla Diaz");
			}
		ck_assert(found);
	}
}
END_TEST

START_TEST(test_marks)
{
	engine_keys(e, "t");
	ck_assert_int_eq(view()->list.position, 1);
	ck_assert(view()->list.rows[0].marked);
	ck_assert(!view()->list.rows[1].marked);
	engine_keys(e, "t");
	ck_assert_ptr_nonnull(strstr(view()->message, "2 marked"));
	engine_keys(e, "gg");
	engine_keys(e, "t");            /* unmark Ana */
	ck_assert(!view()->list.rows[0].marked);
	ck_assert(view()->list.rows[1].marked);
	/* marks survive a reload */
	engine_command(e, "refresh");
	ck_assert(view()->list.rows[1].marked);
	ck_assert(!view()->list.rows[2].marked);
}
END_TEST

START_TEST(test_welcome)
{
	const struct view *v = view();

	ck_assert(v->welcome);
	ck_assert_int_eq(v->list.total, 0);
	ck_assert(detail_has("add your first contact"));
	ck_assert(detail_has("kith import FILE"));
	ck_assert(detail_has("kith demo"));
	engine_keys(e, "aZoë Ngô<Enter>");
	v = view();
	/* the first contact of a new network: is it you? one prompt sets "me" */
	ck_assert_int_eq(v->mode, VM_CONFIRM);
	ck_assert_str_eq(v->confirm, "Is Zoë Ngô you? Warm paths and introductions start from you. (y/n)");
	engine_keys(e, "y");
	v = view();
	ck_assert_int_eq(v->mode, VM_NORMAL);
	ck_assert(strstr(v->message, "Zoë Ngô is you"));
	ck_assert(!v->welcome);
	ck_assert_int_eq(v->list.total, 1);
	ck_assert_str_eq(sel_cell(0), "Zoë Ngô");
	/* the map pane says how to begin */
	engine_keys(e, "3");
	v = view();
	ck_assert_ptr_null(v->map.name);
	ck_assert(detail_has(":map-new"));
}
END_TEST

/* ---- events -------------------------------------------------------------------- */

START_TEST(test_events)
{
	const struct view *v;
	struct kith_event ev;
	struct kith_err err;
	long long n;
	struct event_query q = { 0 };

	engine_keys(e, "2");
	v = view();
	ck_assert_int_eq(v->pane, VP_EVENTS);
	ck_assert_int_eq(v->list.total, 1);
	ck_assert_ptr_nonnull(strstr(v->title, "1 event"));
	ck_assert_str_eq(cell(0, 0), "2026-03-20 18:30");
	ck_assert_str_eq(cell(0, 1), "Town hall");
	ck_assert_str_eq(cell(0, 2), "town-hall");
	ck_assert_str_eq(cell(0, 3), "Library");
	ck_assert_str_eq(cell(0, 4), "1");
	engine_keys(e, "<Enter>");
	ck_assert_str_eq(view()->detail.title, "Town hall");
	ck_assert(detail_has("Ana Lima"));
	ck_assert(detail_has("speaker"));
	ck_assert(detail_has("last: 12d ago"));
	engine_keys(e, "<Esc>");

	engine_keys(e, "zp");           /* past events */
	ck_assert_int_eq(view()->list.total, 1);
	ck_assert_str_eq(cell(0, 1), "Budget hearing");
	engine_keys(e, "zp");
	ck_assert_str_eq(cell(0, 1), "Town hall");

	/* attendee via a pick list: invited */
	engine_keys(e, "A");
	ck_assert_int_eq(view()->mode, VM_PICK);
	engine_keys(e, "/Ben<Enter>");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert_str_eq(cell(0, 4), "2");
	engine_keys(e, "<Enter>");
	ck_assert(detail_has("Ben Ortiz"));
	ck_assert(detail_has("invited"));
	engine_keys(e, "<Esc>");

	/* add through the form */
	engine_keys(e, "a");
	ck_assert_int_eq(view()->mode, VM_FORM);
	engine_keys(e, "Transit forum<Tab>2026-03-25 19:00<Tab><Tab>Depot<Tab><C-u>meetup<Enter>");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert_int_eq(view()->list.total, 2);
	ck_assert_int_eq(event_count(db, &q, &n, &err), KITH_OK);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(cell(1, 1), "Transit forum");
	ck_assert_str_eq(cell(1, 2), "meetup");
	/* edit: prefilled */
	engine_keys(e, "j");
	engine_keys(e, "e");
	ck_assert_str_eq(view()->form.fields[0].value, "Transit forum");
	engine_keys(e, "<C-e>!<Enter>");
	ck_assert_str_eq(sel_cell(1), "Transit forum!");
	/* delete, undo */
	engine_keys(e, "Dy");
	ck_assert_int_eq(view()->list.total, 1);
	engine_keys(e, "u");
	ck_assert_int_eq(view()->list.total, 2);
	{
		int64_t id = 0;
		ck_assert_int_eq(event_resolve(db, "Transit forum!", &id, &err), KITH_OK);
		ck_assert_int_ne(id, 0);
	}
	ck_assert_int_eq(event_get(db, town_hall, &ev, &err), KITH_OK);
	event_free(&ev);
}
END_TEST

/* ---- follow-ups ---------------------------------------------------------------- */

static struct kith_followup
get_fu(int64_t id)
{
	struct kith_followup f;
	struct kith_err err;
	ck_assert_int_eq(followup_get(db, id, &f, &err), KITH_OK);
	return f;
}

/* zp in every list pane: the base flips what the pane keeps out and says which way. */
START_TEST(test_zp_every_list_pane)
{
	static const struct {
		const char *pane, *shown, *hidden;
	} panes[] = {
		{ "1", "showing archived contacts too", "archived contacts hidden" },
		{ "2", "past events, newest first", "upcoming events" },
		{ "4", "showing done follow-ups too", "open follow-ups" },
	};

	for (size_t i = 0; i < sizeof panes / sizeof panes[0]; i++) {
		long long total;
		engine_keys(e, panes[i].pane);
		total = view()->list.total;
		engine_keys(e, "zp");
		ck_assert_str_eq(view()->message, panes[i].shown);
		engine_keys(e, "zp");
		ck_assert_str_eq(view()->message, panes[i].hidden);
		ck_assert_int_eq(view()->list.total, total);
	}
}
END_TEST

START_TEST(test_followups)
{
	const struct view *v;
	struct kith_followup f;

	engine_keys(e, "4");
	v = view();
	ck_assert_int_eq(v->list.total, 4);
	ck_assert_ptr_nonnull(strstr(v->title, "4 open follow-ups (1 overdue)"));
	/* groups: headers are not selectable */
	ck_assert(v->list.rows[0].group);
	ck_assert_str_eq(cell(0, 0), "Overdue");
	ck_assert_str_eq(cell(1, 2), "send the draft");
	ck_assert_str_eq(cell(2, 0), "Today");
	ck_assert_str_eq(cell(3, 2), "call back");
	ck_assert_str_eq(cell(4, 0), "Next 7 days");
	ck_assert_str_eq(cell(6, 0), "Later");
	ck_assert_str_eq(cell(7, 2), "budget check-in");
	ck_assert_int_eq(v->list.selected, 1);
	engine_keys(e, "j");
	ck_assert_int_eq(view()->list.selected, 3);
	ck_assert_int_eq(view()->list.position, 1);
	engine_keys(e, "k");
	ck_assert_int_eq(view()->list.selected, 1);
	ck_assert(engine_keys(e, "k") & R_BELL);

	/* x: done; the overdue one leaves the list and the count */
	engine_keys(e, "x");
	f = get_fu(fu_overdue);
	ck_assert_int_eq(f.status, KITH_FSTATUS_DONE);
	followup_free(&f);
	v = view();
	ck_assert_int_eq(v->list.total, 3);
	ck_assert_ptr_nonnull(strstr(v->title, "3 open follow-ups"));
	ck_assert_ptr_null(strstr(v->title, "overdue"));
	ck_assert_str_eq(cell(0, 0), "Today");
	ck_assert_str_eq(sel_cell(2), "call back");
	engine_keys(e, "u");
	f = get_fu(fu_overdue);
	ck_assert_int_eq(f.status, KITH_FSTATUS_OPEN);
	followup_free(&f);
	ck_assert_int_eq(view()->list.total, 4);

	/* done ones shown on toggle */
	engine_keys(e, "gg");
	engine_keys(e, "x");
	engine_keys(e, "zp");
	v = view();
	ck_assert_int_eq(v->list.total, 4);
	ck_assert_str_eq(v->list.rows[v->list.nrows - 2].cells[0], "Done");
	engine_keys(e, "zp");
	engine_keys(e, "u");

	/* s: snooze a week from the pick list */
	engine_keys(e, "gg");
	ck_assert_str_eq(sel_cell(2), "send the draft");
	engine_keys(e, "s");
	ck_assert_int_eq(view()->mode, VM_PICK);
	ck_assert_int_eq(view()->pick.nitems, 5);
	engine_keys(e, "1w<Enter>");    /* typed at once: 1 week */
	f = get_fu(fu_overdue);
	ck_assert_str_eq(f.due, "2026-03-17");
	ck_assert_int_eq(f.snooze_count, 1);
	followup_free(&f);
	ck_assert_str_eq(sel_cell(2), "send the draft");
	ck_assert_str_eq(sel_cell(4), "1");
	/* s, then a typed date */
	engine_keys(e, "sdate<Enter>");
	ck_assert_int_eq(view()->mode, VM_FORM);
	engine_keys(e, "someday<Enter>");
	ck_assert_int_eq(view()->mode, VM_FORM);
	ck_assert_ptr_nonnull(view()->form.fields[0].error);
	engine_keys(e, "<C-u>2026-05-01<Enter>");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	f = get_fu(fu_overdue);
	ck_assert_str_eq(f.due, "2026-05-01");
	ck_assert_int_eq(f.snooze_count, 2);
	followup_free(&f);
	engine_keys(e, "uu");
	f = get_fu(fu_overdue);
	ck_assert_str_eq(f.due, "2026-03-05");
	ck_assert_int_eq(f.snooze_count, 0);
	followup_free(&f);

	/* d: a new due date, not a snooze */
	engine_keys(e, "gg");
	ck_assert_str_eq(sel_cell(2), "send the draft");
	engine_keys(e, "d2026-03-11<Enter>");
	f = get_fu(fu_overdue);
	ck_assert_str_eq(f.due, "2026-03-11");
	ck_assert_int_eq(f.snooze_count, 0);
	followup_free(&f);
	v = view();
	ck_assert_str_eq(cell(0, 0), "Today");
	ck_assert_ptr_null(strstr(v->title, "overdue"));
	ck_assert_str_eq(sel_cell(2), "send the draft");

	/* e: the whole follow-up */
	engine_keys(e, "e");
	ck_assert_str_eq(view()->form.fields[0].value, "send the draft");
	ck_assert_str_eq(view()->form.fields[1].value, "2026-03-11");
	engine_keys(e, "<C-e> v2<Tab><Tab><Tab><C-u>owed<Enter>");
	f = get_fu(fu_overdue);
	ck_assert_str_eq(f.title, "send the draft v2");
	ck_assert_int_eq(f.direction, KITH_DIR_OWED);
	followup_free(&f);
	ck_assert_str_eq(sel_cell(3), "owed to me");

	/* D: delete with y, undo */
	engine_keys(e, "Dy");
	ck_assert_int_eq(view()->list.total, 3);
	engine_keys(e, "u");
	ck_assert_int_eq(view()->list.total, 4);
	(void)fu_week;
	(void)fu_later;
}
END_TEST

START_TEST(test_followups_search)
{
	engine_keys(e, "4/agenda");
	ck_assert_int_eq(view()->list.total, 1);
	ck_assert_str_eq(sel_cell(2), "share the agenda");
	engine_keys(e, "<Enter><Esc>");
	ck_assert_int_eq(view()->list.total, 4);
}
END_TEST

/* ---- power map ------------------------------------------------------------------ */

struct moves {
	int n;
	char last[128];
};

static int
moves_cb(void *ud, const struct placement_move_row *r)
{
	struct moves *m = ud;
	m->n++;
	snprintf(m->last, sizeof m->last, "%s %d,%d->%d,%d%s", r->name, r->from_influence,
		 r->from_alignment, r->to_influence, r->to_alignment, r->removed ? " removed" : "");
	return 0;
}

START_TEST(test_map)
{
	const struct view *v;
	struct kith_err err;
	struct moves mv = { 0 };
	int before;

	engine_keys(e, "3");
	v = view();
	ck_assert_int_eq(v->pane, VP_MAP);
	ck_assert_str_eq(v->map.name, "Bond 2027");
	ck_assert_ptr_nonnull(strstr(v->title, "Bond 2027"));
	/* Ana at influence 4 (row 1), +1 (col 3); Carla at 5 (row 0), 0 (col 2) */
	ck_assert_int_eq(v->map.cells[1][3].nentries, 1);
	ck_assert_str_eq(v->map.cells[1][3].entries[0].label, "Ana Lima");
	ck_assert_int_eq(v->map.cells[1][3].entries[0].mark, '@');
	ck_assert_int_eq(v->map.cells[0][2].nentries, 1);
	ck_assert_ptr_nonnull(strstr(v->map.footer, "ally 0"));
	ck_assert_int_eq(v->map.cur_row, 2);
	ck_assert_int_eq(v->map.cur_col, 2);
	/* h/j/k/l move the cell cursor */
	engine_keys(e, "kl");
	v = view();
	ck_assert_int_eq(v->map.cur_row, 1);
	ck_assert_int_eq(v->map.cur_col, 3);
	ck_assert(v->map.cells[1][3].entries[0].selected);
	ck_assert(engine_keys(e, "kkk") & R_BELL);
	engine_keys(e, "j");

	ck_assert_int_eq(placement_moves(db, bond, NULL, moves_cb, &mv, &err), KITH_OK);
	before = mv.n;
	/* H/J/K/L move Ana, saved and in the history */
	engine_keys(e, "L");
	v = view();
	ck_assert_int_eq(v->map.cur_col, 4);
	ck_assert_int_eq(v->map.cells[1][4].nentries, 1);
	ck_assert_int_eq(v->map.cells[1][3].nentries, 0);
	engine_keys(e, "K");
	ck_assert_int_eq(view()->map.cells[0][4].nentries, 1);
	ck_assert_ptr_nonnull(strstr(view()->map.footer, "allied: 1"));
	mv.n = 0;
	placement_moves(db, bond, NULL, moves_cb, &mv, &err);
	ck_assert_int_eq(mv.n, before + 2);
	ck_assert_str_eq(mv.last, "Ana Lima 4,2->5,2");
	/* Enter: the history of the selected entity */
	engine_keys(e, "<Enter>");
	ck_assert(view()->detail_open);
	ck_assert(detail_has("History"));
	ck_assert(detail_has("→"));
	engine_keys(e, "<Esc>");
	/* one undo per move */
	engine_keys(e, "u");
	ck_assert_int_eq(view()->map.cells[1][4].nentries, 1);
	engine_keys(e, "u");
	ck_assert_int_eq(view()->map.cells[1][3].nentries, 1);

	/* p places a contact where their card puts them (Ben: influence 2, active
	   opposition), not at the cursor cell, and the cursor follows; R removes */
	engine_keys(e, "gg");   /* row 0 */
	engine_keys(e, "hhhh"); /* col 0 */
	engine_keys(e, "p");
	ck_assert_int_eq(view()->mode, VM_PICK);
	engine_keys(e, "/Ben<Enter>");
	v = view();
	ck_assert_int_eq(v->map.cells[0][0].nentries, 0);
	ck_assert_int_eq(v->map.cells[3][0].nentries, 1);
	ck_assert_str_eq(v->map.cells[3][0].entries[0].label, "Ben Ortiz");
	ck_assert_int_eq(v->map.cur_row, 3);
	ck_assert_int_eq(v->map.cur_col, 0);
	ck_assert_ptr_nonnull(strstr(v->map.footer, "opposed 1 "));
	engine_keys(e, "R");
	ck_assert_int_eq(view()->map.cells[3][0].nentries, 0);
	engine_keys(e, "u");
	ck_assert_int_eq(view()->map.cells[3][0].nentries, 1);

	/* :map-new creates and shows a second map; m switches back */
	engine_command(e, "map-new Library levy");
	ck_assert_str_eq(view()->map.name, "Library levy");
	ck_assert_int_eq(view()->map.cells[0][0].nentries, 0);
	engine_keys(e, "m");
	ck_assert_int_eq(view()->mode, VM_PICK);
	engine_keys(e, "/Bond<Enter>");
	ck_assert_str_eq(view()->map.name, "Bond 2027");
}
END_TEST

START_TEST(test_map_cycle_and_stale)
{
	struct kith_err err;
	const struct view *v;

	/* a second person in Ana's cell: Tab cycles */
	ck_assert_int_eq(placement_set(db, bond, ben, 0, 4, 1, NULL, NULL, &err), KITH_OK);
	engine_command(e, "refresh");
	engine_keys(e, "3kl");
	v = view();
	ck_assert_int_eq(v->map.cells[1][3].nentries, 2);
	ck_assert(v->map.cells[1][3].entries[0].selected);
	engine_command(e, "map-cycle");
	v = view();
	ck_assert(!v->map.cells[1][3].entries[0].selected);
	ck_assert(v->map.cells[1][3].entries[1].selected);
	/* nobody was assessed 60 days ago yet: none is dim */
	ck_assert_int_ne(v->map.cells[1][3].entries[0].style, VS_DIM);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("panes");
	TCase *tc = tcase_create("fixture");
	TCase *te = tcase_create("empty");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_contacts_rows_and_detail);
	tcase_add_test(tc, test_contacts_sort_and_search);
	tcase_add_test(tc, test_contact_add_edit_delete_undo);
	tcase_add_test(tc, test_log_and_followup_forms);
	tcase_add_test(tc, test_form_lost_update);
	tcase_add_test(tc, test_marks);
	tcase_add_test(tc, test_events);
	tcase_add_test(tc, test_followups);
	tcase_add_test(tc, test_zp_every_list_pane);
	tcase_add_test(tc, test_followups_search);
	tcase_add_test(tc, test_map);
	tcase_add_test(tc, test_map_cycle_and_stale);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(te, setup_empty, teardown);
	tcase_add_test(te, test_welcome);
	suite_add_tcase(s, te);
	return test_run_suite(s) ? EXIT_FAILURE : EXIT_SUCCESS;
}
