/*
 * check_engine_core.c: a real engine, headless, on a temporary database:
 * keys to commands and state (count prefix, first/last, pane switching,
 * sequences), search filtering, undo/redo, rebinding and bad lines in a
 * config text, ':' completion, and the engine-wide modes (help, confirm,
 * pick, forms, the external editor).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

#include "kith/types.h"
#include "kith/contact.h"
#include "kith/engine.h"
#include "kith/interaction.h"
#include "../../src/engine/core.h"

static struct kdb *db;
static struct engine *e;

static const char *const names[] = {
	"Ana Lima", "Ben Ortiz", "Carla Diaz", "Dana Fox", "Dana Kim", "Eli Stone",
	"Farah Said", "Gus Moreno", "Hana Sato", "Ivan Petrov", "Jill Park", "Kofi Mensah",
	"Lea Roux", "Marco Bruni", "Nadia Haddad", "Omar Faruk", "Pia Berg", "Quinn Lee",
	"Rosa Vega", "Zoë Ngô",
};
#define NNAMES ((int)(sizeof(names) / sizeof(names[0])))

static int64_t
add_contact(const char *name)
{
	struct kith_contact c;
	struct kith_err err;
	int64_t id = 0;

	memset(&c, 0, sizeof(c));
	c.display_name = (char *)name;
	c.cadence_days = -1;
	ck_assert_msg(contact_add(db, &c, &id, &err) == KITH_OK, "%s", err.msg);
	return id;
}

static void
setup(void)
{
	int i;

	db = test_db_open();
	for (i = 0; i < NNAMES; i++)
		add_contact(names[i]);
	unsetenv("NO_COLOR");
	e = test_engine_new(db, 10, 10);
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

/* The text of the selected row's first cell (the contact's name). */
static const char *
selected_name(void)
{
	const struct view *v = view();
	ck_assert_int_ge(v->list.selected, 0);
	return v->list.rows[v->list.selected].cells[0];
}

START_TEST(test_start_state)
{
	const struct view *v = view();

	ck_assert_int_eq(v->pane, VP_CONTACTS);
	ck_assert_int_eq(v->mode, VM_NORMAL);
	ck_assert_str_eq(v->mode_name, "NORMAL");
	ck_assert_int_eq(v->list.total, NNAMES);
	ck_assert_int_eq(v->list.position, 0);
	ck_assert_ptr_nonnull(strstr(v->title, "Contacts"));
	ck_assert_ptr_nonnull(strstr(v->title, "test.db"));
	ck_assert_ptr_nonnull(strstr(v->title, "20 contacts"));
	ck_assert_ptr_nonnull(v->hint);
	ck_assert_ptr_nonnull(strstr(v->hint, "? help"));
	ck_assert(!v->monochrome);
	ck_assert_str_eq(engine_config_errors(e), "");
}
END_TEST

START_TEST(test_count_and_ends)
{
	ck_assert_int_eq(engine_keys(e, "j") & R_BELL, 0);
	ck_assert_int_eq(view()->list.position, 1);
	engine_keys(e, "5j");
	ck_assert_int_eq(view()->list.position, 6);
	engine_keys(e, "5k");
	ck_assert_int_eq(view()->list.position, 1);
	engine_keys(e, "G");
	ck_assert_int_eq(view()->list.position, NNAMES - 1);
	ck_assert_str_eq(selected_name(), "Zoë Ngô");
	engine_keys(e, "gg");
	ck_assert_int_eq(view()->list.position, 0);
	ck_assert_str_eq(selected_name(), "Ana Lima");
	engine_keys(e, "12j");  /* "1" is bound (pane-contacts), so no count: 1 then 2j */
	ck_assert_int_eq(view()->pane, VP_EVENTS);
	engine_keys(e, "1");
	engine_keys(e, "<Down><Down>");
	ck_assert_int_eq(view()->list.position, 2);
}
END_TEST

START_TEST(test_pending_shown)
{
	const struct view *v;

	engine_keys(e, "5");
	v = view();
	ck_assert_ptr_nonnull(v->pending);
	ck_assert_str_eq(v->pending, "5");
	engine_keys(e, "z");
	ck_assert_str_eq(view()->pending, "5z");
	engine_keys(e, "<Esc>");
	ck_assert_ptr_null(view()->pending);
	/* a sequence that completes nothing: bell, state unchanged */
	ck_assert(engine_keys(e, "zQ") & R_BELL);
	ck_assert_ptr_null(view()->pending);
	ck_assert_int_eq(view()->list.position, 0);
	/* an unbound key rings */
	ck_assert(engine_keys(e, "Y") & R_BELL);
}
END_TEST

START_TEST(test_pane_switching)
{
	engine_keys(e, "2");
	ck_assert_int_eq(view()->pane, VP_EVENTS);
	engine_keys(e, "3");
	ck_assert_int_eq(view()->pane, VP_MAP);
	engine_keys(e, "4");
	ck_assert_int_eq(view()->pane, VP_FOLLOWUPS);
	engine_keys(e, "<Tab>");
	ck_assert_int_eq(view()->pane, VP_CONTACTS);
	engine_keys(e, "<S-Tab>");
	ck_assert_int_eq(view()->pane, VP_FOLLOWUPS);
	engine_keys(e, "<S-Tab><S-Tab>");
	ck_assert_int_eq(view()->pane, VP_EVENTS);
	ck_assert_str_eq(view()->pane_names[VP_MAP], map_pane_ops.title);
	engine_command(e, "pane-contacts");
	ck_assert_int_eq(view()->pane, VP_CONTACTS);
}
END_TEST

START_TEST(test_search)
{
	const struct view *v;

	engine_keys(e, "/");
	ck_assert_int_eq(view()->mode, VM_SEARCH);
	engine_keys(e, "dana");
	v = view();
	ck_assert_str_eq(v->input.prompt, "/");
	ck_assert_str_eq(v->input.text, "dana");
	ck_assert_int_eq(v->list.total, 2);
	engine_keys(e, "<Enter>");
	v = view();
	ck_assert_int_eq(v->mode, VM_NORMAL);
	ck_assert_int_eq(v->list.total, 2);     /* Enter keeps the filter */
	engine_keys(e, "<Esc>");                /* Esc in the list clears it */
	ck_assert_int_eq(view()->list.total, NNAMES);

	engine_keys(e, "/zo");
	ck_assert_int_eq(view()->list.total, 1);
	ck_assert_str_eq(selected_name(), "Zoë Ngô");
	engine_keys(e, "<Esc>");                /* Esc while typing clears at once */
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert_int_eq(view()->list.total, NNAMES);
}
END_TEST

START_TEST(test_undo_redo)
{
	struct kith_contact c;
	struct kith_err err;
	int64_t id = add_contact("Yara Nunes");
	const struct view *v;

	engine_after_write(e, "add Yara Nunes");
	ck_assert_int_eq(view()->list.total, NNAMES + 1);
	engine_keys(e, "u");
	v = view();
	ck_assert_int_eq(v->list.total, NNAMES);
	ck_assert_ptr_nonnull(v->message);
	ck_assert_ptr_nonnull(strstr(v->message, "add Yara Nunes"));
	ck_assert_int_eq(contact_get(db, id, &c, &err), KITH_NOTFOUND);
	engine_keys(e, "<C-r>");
	ck_assert_int_eq(view()->list.total, NNAMES + 1);
	ck_assert_int_eq(contact_get(db, id, &c, &err), KITH_OK);
	contact_free(&c);
	/* nothing more to redo; undo twice: the second has nothing to undo */
	ck_assert(engine_keys(e, "<C-r>") & R_BELL);
	engine_keys(e, "u");
	ck_assert(engine_keys(e, "u") & R_BELL);
	ck_assert_str_eq(view()->message, "Nothing to undo");
	ck_assert_int_eq(view()->list.total, NNAMES);
}
END_TEST

START_TEST(test_rebind_and_bad_config)
{
	const char *errs;
	int bad;

	bad = engine_config_text(e,
		"bind generic x move-down\n"
		"bind contacts j none\n"
		"bind generic y no-such-command\n"
		"set color off\n"
		"set tier.A.cadence soon\n",
		"user.conf");
	ck_assert_int_eq(bad, 2);
	errs = engine_config_errors(e);
	ck_assert_ptr_nonnull(strstr(errs, "user.conf:3: unknown command 'no-such-command'"));
	ck_assert_ptr_nonnull(strstr(errs, "user.conf:5: tier.A.cadence"));
	ck_assert_ptr_null(strstr(errs, "user.conf:1:"));
	/* :messages lists every one of them, not only the first (issue 17) */
	engine_keys(e, ":messages<Enter>");
	ck_assert_int_eq(view()->mode, VM_PICK);
	ck_assert_int_eq(view()->pick.nitems, 2);
	ck_assert_ptr_nonnull(strstr(view()->pick.items[0], "user.conf:3: unknown command"));
	ck_assert_ptr_nonnull(strstr(view()->pick.items[1], "user.conf:5: tier.A.cadence"));
	engine_keys(e, "<Esc>");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	engine_keys(e, "xx");
	ck_assert_int_eq(view()->list.position, 2);
	ck_assert(engine_keys(e, "j") & R_BELL);    /* unbound in contacts */
	ck_assert_int_eq(view()->list.position, 2);
	ck_assert(view()->monochrome);
	ck_assert_int_eq(engine_opt_int(e, "tier.A.cadence"), 21);
}
END_TEST

START_TEST(test_command_line)
{
	const struct view *v;

	engine_keys(e, ":");
	v = view();
	ck_assert_int_eq(v->mode, VM_COMMAND);
	ck_assert_str_eq(v->input.prompt, ":");
	engine_keys(e, "contact-a<Tab>");
	ck_assert_str_eq(view()->input.text, "contact-add ");
	engine_keys(e, "<C-u>set sort.c<Tab>");
	ck_assert_str_eq(view()->input.text, "set sort.contacts ");
	engine_keys(e, "la<Tab>");
	ck_assert_str_eq(view()->input.text, "set sort.contacts last ");
	engine_keys(e, "<Enter>");
	v = view();
	ck_assert_int_eq(v->mode, VM_NORMAL);
	ck_assert_int_eq(engine_opt_int(e, "sort.contacts"), 1);
	ck_assert_str_eq(v->message, "sort.contacts = last");
	/* history */
	engine_keys(e, ":<Up>");
	ck_assert_str_eq(view()->input.text, "set sort.contacts last");
	engine_keys(e, "<Esc>");
	/* file names for :source and :import (issue 17, bug 7) */
	{
		char dir[] = "/tmp/kith-complete-XXXXXX", path[64], keys[96];
		FILE *f;

		ck_assert_ptr_nonnull(mkdtemp(dir));
		snprintf(path, sizeof path, "%s/contacts-2026.vcf", dir);
		ck_assert_ptr_nonnull(f = fopen(path, "w"));
		fclose(f);
		snprintf(keys, sizeof keys, ":import %s/cont<Tab>", dir);
		engine_keys(e, keys);
		snprintf(keys, sizeof keys, "import %s ", path);
		ck_assert_str_eq(view()->input.text, keys);
		engine_keys(e, "<Esc>");
		remove(path);
		rmdir(dir);
	}
	/* contact names */
	engine_keys(e, ":log zo<Tab>");
	ck_assert_str_eq(view()->input.text, "log Zoë Ngô ");
	engine_keys(e, "<Esc>");
	/* several matches: extend to the common prefix, then Tab cycles */
	engine_keys(e, ":pane-n<BS><BS><BS>gg<Tab>");
	ck_assert_str_eq(view()->input.text, "pangg");
	ck_assert_str_eq(view()->message, "No completions");
	ck_assert(view()->message_is_error == false);
	engine_keys(e, "<C-u>pan<Tab>");
	ck_assert_str_eq(view()->input.text, "pane-");
	ck_assert_ptr_nonnull(strstr(view()->message, "pane-contacts"));
	engine_keys(e, "<Tab>");
	ck_assert_str_eq(view()->input.text, "pane-contacts");
	engine_keys(e, "<Tab>");
	ck_assert_str_eq(view()->input.text, "pane-events");
	engine_keys(e, "<Enter>");
	ck_assert_int_eq(view()->pane, VP_EVENTS);
	/* errors */
	ck_assert(engine_command(e, "frobnicate") & R_BELL);
	ck_assert(view()->message_is_error);
	ck_assert(engine_command(e, "set color maybe") & R_BELL);
	ck_assert(view()->message_is_error);
	ck_assert(engine_command(e, "quit") & R_QUIT);
}
END_TEST

START_TEST(test_help)
{
	const struct view *v;
	int i;
	bool found = false;

	engine_keys(e, "?");
	v = view();
	ck_assert_int_eq(v->mode, VM_HELP);
	ck_assert_int_gt(v->help.nrows, 40);
	for (i = 0; i < v->help.nrows && !found; i++)
		if (strcmp(v->help.rows[i].command, "move-down") == 0) {
			ck_assert_str_eq(v->help.rows[i].keys, "j, <Down>");
			found = true;
		}
	ck_assert(found);
	engine_keys(e, "/redo<Enter>");
	v = view();
	ck_assert_int_eq(v->help.nrows, 2);         /* the group and the row */
	ck_assert_str_eq(v->help.rows[1].command, "redo");
	ck_assert_str_eq(v->help.rows[1].keys, "<C-r>");
	engine_keys(e, "q");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert_int_eq(engine_keys(e, "q") & R_QUIT, R_QUIT);
}
END_TEST

static int yes_calls;

static int
on_yes(struct engine *eng, void *ctx)
{
	(void)eng;
	yes_calls += *(int *)ctx;
	return R_REDRAW;
}

START_TEST(test_confirm)
{
	static int one = 1;

	yes_calls = 0;
	engine_confirm(e, "Delete Zoë Ngô? (y/n)", on_yes, &one, NULL);
	ck_assert_int_eq(view()->mode, VM_CONFIRM);
	ck_assert_str_eq(view()->confirm, "Delete Zoë Ngô? (y/n)");
	ck_assert(engine_keys(e, "x") & R_BELL);
	engine_keys(e, "n");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert_int_eq(yes_calls, 0);
	engine_confirm(e, "Sure?", on_yes, &one, NULL);
	engine_keys(e, "<Esc>");
	ck_assert_int_eq(yes_calls, 0);
	engine_confirm(e, "Sure?", on_yes, &one, NULL);
	engine_keys(e, "y");
	ck_assert_int_eq(yes_calls, 1);
	ck_assert_int_eq(view()->mode, VM_NORMAL);
}
END_TEST

static int64_t picked;

static int
pick_src(struct pick *pk, const char *filter, struct kith_err *err)
{
	int i;

	(void)err;
	for (i = 0; i < NNAMES; i++)
		if (strstr(names[i], filter))
			pick_push(pk, i + 100, names[i]);
	return KITH_OK;
}

static int
pick_done(struct engine *eng, int64_t id, void *ctx)
{
	(void)eng;
	(void)ctx;
	picked = id;
	return R_REDRAW;
}

START_TEST(test_pick)
{
	const struct view *v;

	picked = 0;
	engine_pick(e, "Which Dana?", pick_src, pick_done, NULL, NULL);
	v = view();
	ck_assert_int_eq(v->mode, VM_PICK);
	ck_assert_str_eq(v->pick.title, "Which Dana?");
	ck_assert_int_eq(v->pick.nitems, NNAMES);
	engine_keys(e, "jj<Down>");
	ck_assert_int_eq(view()->pick.selected, 3);
	engine_keys(e, "/Dana");
	v = view();
	ck_assert_int_eq(v->pick.nitems, 2);
	ck_assert_str_eq(v->pick.filter.text, "Dana");
	engine_keys(e, "<Down><Enter>");
	ck_assert_int_eq(picked, 104);                  /* Dana Kim */
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	engine_pick(e, "x", pick_src, pick_done, NULL, NULL);
	engine_keys(e, "<Esc>");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert_int_eq(picked, 104);
}
END_TEST

static const char *
need_text(struct form *f, int field, const char *text)
{
	(void)field;
	return str_empty(text) ? form_msg(f, "%s", "required") : NULL;
}

static char saved[256];

static int
form_saver(struct form *f, struct kith_err *err, int *bad)
{
	if (strcmp(form_value(f, 1), "bad") == 0) {
		*bad = 1;
		return kith_err_set(err, KITH_INVALID, "note: not allowed");
	}
	snprintf(saved, sizeof(saved), "%s|%s", form_value(f, 0), form_value(f, 1));
	return KITH_OK;
}

static const struct form_field_def fields[] = {
	{ .label = "Name", .hint = "required", .validate = need_text },
	{ .label = "Note", .multiline = true },
};

START_TEST(test_form)
{
	const struct view *v;
	const char *init[] = { NULL, "old note" };

	saved[0] = '\0';
	engine_form_open(e, "Add thing", 2, fields, init, form_saver, NULL, NULL);
	v = view();
	ck_assert_int_eq(v->mode, VM_FORM);
	ck_assert_int_eq(v->form.nfields, 2);
	ck_assert_str_eq(v->form.fields[1].value, "old note");
	ck_assert_ptr_nonnull(strstr(v->hint, "Enter save"));
	/* leaving an empty required field marks it */
	engine_keys(e, "<Tab>");
	v = view();
	ck_assert_int_eq(v->form.focus, 1);
	ck_assert_str_eq(v->form.fields[0].error, "required");
	ck_assert_ptr_nonnull(strstr(v->hint, "E editor"));
	/* save with an invalid field: focus goes back to it */
	ck_assert(engine_keys(e, "<Enter>") & R_BELL);
	ck_assert_int_eq(view()->form.focus, 0);
	ck_assert_int_eq(view()->mode, VM_FORM);
	engine_keys(e, "Eve");              /* E types in a one-line field */
	ck_assert_str_eq(view()->form.fields[0].value, "Eve");
	engine_keys(e, "<Tab><C-u>bad<Enter>");
	v = view();
	ck_assert_int_eq(v->mode, VM_FORM);
	ck_assert_str_eq(v->form.fields[1].error, "note: not allowed");
	ck_assert(v->message_is_error);
	engine_keys(e, "<C-w>fine<S-Tab>");
	ck_assert_int_eq(view()->form.focus, 0);
	ck_assert_ptr_null(view()->form.fields[0].error);
	engine_keys(e, "<Enter>");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert_str_eq(saved, "Eve|fine");
	/* Esc cancels without saving */
	saved[0] = '\0';
	engine_form_open(e, "Add thing", 2, fields, NULL, form_saver, NULL, NULL);
	engine_keys(e, "Max<Esc>");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert_str_eq(saved, "");
}
END_TEST

/*
** Word and number fields (form_field_def.word, .number): empty, a word of
** the list, a whole number in range; anything else says what is wanted.
*/
START_TEST(test_form_word_and_number_fields)
{
	static const struct form_field_def defs[] = {
		{ .label = "Kind", .word = kith_followup_kind_parse, .words = "one of ask, other" },
		{ .label = "Influence", .number = "influence", .min = 1, .max = 5 },
	};
	static const struct {
		int field;
		const char *bad, *error, *good;
	} cases[] = {
		{ 0, "picnic", "picnic: one of ask, other", "ask" },
		{ 1, "9", "influence 9: must be 1 to 5", "5" },
		{ 1, "lots", "influence lots: must be 1 to 5", "1" },
	};

	engine_form_open(e, "Checked", 2, defs, NULL, form_saver, NULL, NULL);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *to = cases[i].field ? "<Tab>" : "<S-Tab>";
		char keys[64];
		if (view()->form.focus != cases[i].field)
			engine_keys(e, to);
		snprintf(keys, sizeof keys, "<C-u>%s<Tab>", cases[i].bad);
		engine_keys(e, keys);
		ck_assert_str_eq(view()->form.fields[cases[i].field].error, cases[i].error);
		engine_keys(e, "<S-Tab>");
		snprintf(keys, sizeof keys, "<C-u>%s", cases[i].good);
		engine_keys(e, keys);
		engine_keys(e, cases[i].field ? "<S-Tab>" : "<Tab>");
		ck_assert_ptr_null(view()->form.fields[cases[i].field].error);
	}
	engine_keys(e, "<C-u><Tab><C-u>");              /* empty is fine in both */
	engine_keys(e, "<Enter>");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
}
END_TEST

START_TEST(test_form_editor)
{
	const char *init[] = { "Eve", "first line" };
	const char *path;
	FILE *f;
	int r;

	saved[0] = '\0';
	engine_form_open(e, "Edit", 2, fields, init, form_saver, NULL, NULL);
	engine_keys(e, "<Tab>");
	r = engine_keys(e, "E");
	ck_assert(r & R_EDITOR);
	path = engine_editor_file(e);
	ck_assert_ptr_nonnull(path);
	ck_assert_ptr_nonnull(engine_editor_command(e));
	f = fopen(path, "r+");
	ck_assert_ptr_nonnull(f);
	{
		char buf[64] = { 0 };
		ck_assert_ptr_nonnull(fgets(buf, sizeof(buf), f));
		ck_assert_str_eq(buf, "first line");
	}
	fclose(f);
	f = fopen(path, "w");
	fputs("new\nlong note\n", f);
	fclose(f);
	engine_editor_done(e, true);
	ck_assert_ptr_null(engine_editor_file(e));
	ck_assert_int_ne(access(path, F_OK), 0);        /* the temporary file is gone */
	ck_assert_str_eq(view()->form.fields[1].value, "new\nlong note");
	engine_keys(e, "<Enter>");
	ck_assert_str_eq(saved, "Eve|new\nlong note");
}
END_TEST

START_TEST(test_resize_and_tick)
{
	ck_assert_int_eq(engine_key(e, (struct kkey){ KK_RESIZE, 0 }) & R_RELAYOUT, R_RELAYOUT);
	ck_assert_int_eq(engine_key(e, (struct kkey){ KK_TICK, 0 }), R_NONE);
	ck_assert_int_eq(engine_poll(e), R_NONE);
}
END_TEST

/* Issue 15 item 12: idle in the planner, the log is checkpointed away. */
START_TEST(test_idle_checkpoint)
{
	char *dir = test_tmpdir(), path[4200], wal[4300], cmd[4300];
	static char notes[4001];
	struct kdb *fdb;
	struct engine *fe;
	struct kith_err err;
	struct stat st;
	int i;

	snprintf(path, sizeof path, "%s/idle.db", dir);
	snprintf(wal, sizeof wal, "%s-wal", path);
	ck_assert_int_eq(kdb_open(path, KDB_CREATE, &fdb, &err), KITH_OK);
	fe = test_engine_new(fdb, 10, 10);
	memset(notes, 'n', sizeof notes - 1);
	ck_assert_int_eq(kdb_batch_begin(fdb, &err), KITH_OK);
	for (i = 0; i < 500; i++) {
		struct kith_contact c = { .display_name = "Padding", .notes = notes,
					  .cadence_days = -1 };
		ck_assert_int_eq(contact_add(fdb, &c, NULL, &err), KITH_OK);
	}
	ck_assert_int_eq(kdb_batch_end(fdb, true, &err), KITH_OK);
	/* a key resets the idle time; ticks short of the limit do nothing */
	for (i = 0; i < ENGINE_IDLE_CHECKPOINT - 1; i++)
		engine_key(fe, (struct kkey){ KK_TICK, 0 });
	engine_key(fe, (struct kkey){ KK_CHAR, 'j' });
	for (i = 0; i < ENGINE_IDLE_CHECKPOINT - 1; i++)
		engine_key(fe, (struct kkey){ KK_TICK, 0 });
	ck_assert_int_eq(stat(wal, &st), 0);
	ck_assert_int_gt(st.st_size, 1000000);
	engine_key(fe, (struct kkey){ KK_TICK, 0 });
	ck_assert_int_eq(stat(wal, &st), 0);
	ck_assert_int_eq(st.st_size, 0);
	test_engine_free(&fe, &fdb);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(dir);
}
END_TEST

static int
unanswered(int64_t who)
{
	struct kith_err err;
	int n = -1;

	ck_assert_int_eq(interaction_unanswered(db, who, "2000-01-01", &n, &err), KITH_OK);
	return n;
}

/* Log an email to the selected contact through the form (n). */
static int
log_email(const char *summary)
{
	char keys[96];

	engine_keys(e, "n");
	ck_assert_int_eq(view()->mode, VM_FORM);
	snprintf(keys, sizeof keys, "%s<Up><C-u>email<Enter>", summary);
	return engine_keys(e, keys);
}

/*
** The guard against being too eager (issue 18): the third unanswered email
** in a week is not logged at the first Enter; the form says why, and a
** second Enter logs it. An answer (Way: reply) ends the count.
*/
START_TEST(test_log_guard)
{
	int64_t ana = 1;                        /* the first contact added */

	ck_assert_str_eq(selected_name(), "Ana Lima");
	log_email("sent the survey");
	log_email("reminder");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert_int_eq(unanswered(ana), 2);
	ck_assert(log_email("third try") & R_BELL);
	ck_assert_int_eq(view()->mode, VM_FORM);
	ck_assert_ptr_nonnull(strstr(view()->message, "Ana Lima has not answered your last 2 "
				     "messages in 7 days: Enter logs this one anyway"));
	ck_assert_int_eq(unanswered(ana), 2);   /* nothing written yet */
	engine_keys(e, "<Enter>");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert_int_eq(unanswered(ana), 3);
	/* she answers: the Way field (last) says reply */
	engine_keys(e, "n");
	engine_keys(e, "she replied<Up><C-u>email<Down><Down><Down><Down>reply<Enter>");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert_int_eq(unanswered(ana), 0);
	log_email("thanks");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	/* guard.unanswered 0 turns the question off */
	log_email("more");
	engine_keys(e, ":set guard.unanswered 0<Enter>");
	log_email("and more");
	ck_assert_int_eq(view()->mode, VM_NORMAL);
	ck_assert_int_eq(unanswered(ana), 3);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("engine");
	TCase *tc = tcase_create("headless");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_start_state);
	tcase_add_test(tc, test_count_and_ends);
	tcase_add_test(tc, test_pending_shown);
	tcase_add_test(tc, test_pane_switching);
	tcase_add_test(tc, test_search);
	tcase_add_test(tc, test_undo_redo);
	tcase_add_test(tc, test_rebind_and_bad_config);
	tcase_add_test(tc, test_command_line);
	tcase_add_test(tc, test_help);
	tcase_add_test(tc, test_confirm);
	tcase_add_test(tc, test_pick);
	tcase_add_test(tc, test_form);
	tcase_add_test(tc, test_form_word_and_number_fields);
	tcase_add_test(tc, test_form_editor);
	tcase_add_test(tc, test_resize_and_tick);
	tcase_add_test(tc, test_idle_checkpoint);
	tcase_add_test(tc, test_log_guard);
	suite_add_tcase(s, tc);
	return test_run_suite(s) ? EXIT_FAILURE : EXIT_SUCCESS;
}
