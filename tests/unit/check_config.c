/*
 * check_config.c: the config language (set, bind, color, source), its
 * errors, the options table and the built-in kithrc.
 */
#include <stdio.h>
#include <sys/stat.h>

#include "testutil.h"

#include "../../src/engine/core.h"

extern const char kith_builtin_config[];

static const char *
engine_config_errors_bare(struct engine *e)
{
	return sb_str(&e->config_errors);
}

/* An engine with only what config.c touches (no database, no panes). */
static struct engine *
bare_engine(void)
{
	struct engine *e = calloc(1, sizeof(*e));
	e->km = keymaps_new();
	e->opts = options_new();
	theme_default(e->theme);
	return e;
}

static void
bare_free(struct engine *e)
{
	keymaps_free(e->km);
	options_free(e->opts);
	sb_free(&e->config_errors);
	free(e);
}

static enum cmd
lookup(struct engine *e, int map, const char *keys)
{
	int chain[2] = { map, KM_GENERIC };
	struct keyseq q;
	const char *why;
	enum cmd c, fb;

	ck_assert(key_parse(keys, &q, &why));
	if (keymap_lookup(e->km, chain, map == KM_GENERIC ? 1 : 2, &q, &c, &fb) != KMR_CMD)
		return CMD_NONE;
	return c;
}

START_TEST(test_statements)
{
	struct engine *e = bare_engine();

	ck_assert_int_eq(config_apply(e,
		"# comment\n"
		"\n"
		"set sort.contacts influence\n"
		"set tier.A.cadence = 14   # trailing comment\n"
		"set editor \"code --wait\"\n"
		"bind generic x quit\n"
		"bind contacts <C-r> redo\n"
		"bind generic zz refresh\n"
		"color cursor black yellow bold underline\n"
		"color overdue color196 default\n"
		"set color off\n", "t.conf", 0), 0);
	ck_assert_str_eq(engine_config_errors_bare(e), "");
	ck_assert_int_eq(options_int(e->opts, "sort.contacts"), 2);
	ck_assert_str_eq(options_str(e->opts, "sort.contacts"), "influence");
	ck_assert_int_eq(options_int(e->opts, "tier.A.cadence"), 14);
	ck_assert_str_eq(options_str(e->opts, "editor"), "code --wait");
	ck_assert_int_eq(options_int(e->opts, "color"), 0);
	ck_assert_int_eq(lookup(e, KM_GENERIC, "x"), CMD_QUIT);
	ck_assert_int_eq(lookup(e, KM_CONTACTS, "<C-r>"), CMD_REDO);
	ck_assert_int_eq(lookup(e, KM_GENERIC, "zz"), CMD_REFRESH);
	ck_assert_int_eq(e->theme[VS_SELECTED].fg, 0);
	ck_assert_int_eq(e->theme[VS_SELECTED].bg, 3);
	ck_assert_int_eq(e->theme[VS_SELECTED].attrs, VA_BOLD | VA_UNDERLINE);
	ck_assert_int_eq(e->theme[VS_OVERDUE].fg, 196);
	ck_assert_int_eq(e->theme[VS_OVERDUE].bg, -1);
	bare_free(e);
}
END_TEST

START_TEST(test_bad_lines)
{
	struct engine *e = bare_engine();
	const char *errs;

	ck_assert_int_eq(config_apply(e,
		"set tier.B.cadence 30\n"          /* 1 ok */
		"set nonsense 1\n"                 /* 2 */
		"bind generic x no-such-command\n" /* 3 */
		"bind nowhere x quit\n"            /* 4 */
		"bind generic <Bogus> quit\n"      /* 5 */
		"color cursor pink default\n"      /* 6 */
		"color cursor red default blink\n" /* 7 */
		"color nothing red default\n"      /* 8 */
		"frobnicate\n"                     /* 9 */
		"set sort.contacts sideways\n"     /* 10 */
		"set map.stale_days -3\n"          /* 11 */
		"set color \"on\n"                 /* 12 */
		"bind generic y help\n",           /* 13 ok */
		"my.conf", 0), 11);
	errs = engine_config_errors_bare(e);
	ck_assert_ptr_nonnull(strstr(errs, "my.conf:2: unknown option 'nonsense'"));
	ck_assert_ptr_nonnull(strstr(errs, "my.conf:3: unknown command 'no-such-command'"));
	ck_assert_ptr_nonnull(strstr(errs, "my.conf:4: unknown keymap 'nowhere'"));
	ck_assert_ptr_nonnull(strstr(errs, "my.conf:5: '<Bogus>': unknown key name"));
	ck_assert_ptr_nonnull(strstr(errs, "my.conf:6: unknown colour 'pink'"));
	ck_assert_ptr_nonnull(strstr(errs, "my.conf:7: unknown attribute 'blink'"));
	ck_assert_ptr_nonnull(strstr(errs, "my.conf:8: unknown element 'nothing'"));
	ck_assert_ptr_nonnull(strstr(errs, "my.conf:9: unknown statement 'frobnicate'"));
	ck_assert_ptr_nonnull(strstr(errs, "my.conf:10: sort.contacts: 'sideways'"));
	ck_assert_ptr_nonnull(strstr(errs, "my.conf:11: map.stale_days: '-3'"));
	ck_assert_ptr_nonnull(strstr(errs, "my.conf:12: unclosed \" quote"));
	/* the good lines around them applied; the bad ones changed nothing */
	ck_assert_int_eq(options_int(e->opts, "tier.B.cadence"), 30);
	ck_assert_int_eq(lookup(e, KM_GENERIC, "y"), CMD_HELP);
	ck_assert_int_eq(lookup(e, KM_GENERIC, "x"), CMD_NONE);
	ck_assert_int_eq(options_int(e->opts, "sort.contacts"), 0);
	ck_assert_int_eq(options_int(e->opts, "map.stale_days"), 60);
	ck_assert_int_eq(e->theme[VS_SELECTED].attrs, VA_REVERSE);
	bare_free(e);
}
END_TEST

START_TEST(test_unbind)
{
	struct engine *e = bare_engine();

	ck_assert_int_eq(config_apply(e, "bind generic q quit\nbind followups q none\n", "c", 0), 0);
	ck_assert_int_eq(lookup(e, KM_GENERIC, "q"), CMD_QUIT);
	ck_assert_int_eq(lookup(e, KM_EVENTS, "q"), CMD_QUIT);
	ck_assert_int_eq(lookup(e, KM_FOLLOWUPS, "q"), CMD_NONE);
	bare_free(e);
}
END_TEST

START_TEST(test_source)
{
	struct engine *e = bare_engine();
	char *dir = test_tmpdir();
	char main_path[4200], sub[4200], loop[4200], subdir[4200];

	snprintf(subdir, sizeof(subdir), "%s/conf.d", dir);
	ck_assert_int_eq(mkdir(subdir, 0700), 0);
	snprintf(main_path, sizeof(main_path), "%s/config", dir);
	snprintf(sub, sizeof(sub), "%s/conf.d/keys", dir);
	snprintf(loop, sizeof(loop), "%s/conf.d/loop", dir);
	test_write_file(main_path, "source conf.d/keys\nset tier.C.cadence 90\nsource missing.conf\n");
	/* relative to the including file: conf.d/loop, then back to keys (a loop) */
	test_write_file(sub, "bind generic x quit\nsource loop\n");
	test_write_file(loop, "set tier.D.cadence 400\nsource keys\n");
	ck_assert_int_eq(config_file(e, main_path, 0, &e->config_errors), 2);
	ck_assert_int_eq(lookup(e, KM_GENERIC, "x"), CMD_QUIT);
	ck_assert_int_eq(options_int(e->opts, "tier.C.cadence"), 90);
	ck_assert_int_eq(options_int(e->opts, "tier.D.cadence"), 400);
	ck_assert_ptr_nonnull(strstr(engine_config_errors_bare(e), "loop:2:"));
	ck_assert_ptr_nonnull(strstr(engine_config_errors_bare(e), "a source loop"));
	ck_assert_ptr_nonnull(strstr(engine_config_errors_bare(e), "config:3:"));
	ck_assert_ptr_nonnull(strstr(engine_config_errors_bare(e), "missing.conf"));
	{
		struct strbuf why = { 0 };
		char nope[4300];
		snprintf(nope, sizeof(nope), "%s/nope", dir);
		ck_assert_int_eq(config_file(e, nope, 0, &why), -2);
		sb_free(&why);
	}
	remove(loop);
	remove(sub);
	remove(main_path);
	rmdir(subdir);
	rmdir(dir);
	free(dir);
	bare_free(e);
}
END_TEST

/* Issue 15 item 10: `source` of a FIFO is reported without waiting for a
   writer (the test would hang in open() before the fix: Check's timeout
   fails it), and a sourced file's content never appears in a message. */
START_TEST(test_source_fifo_and_secrets)
{
	struct engine *e = bare_engine();
	char *dir = test_tmpdir();
	char fifo[4200], secret[4200], conf[4200];
	struct strbuf why = { 0 };
	const char *errs;

	snprintf(fifo, sizeof(fifo), "%s/fifo", dir);
	snprintf(secret, sizeof(secret), "%s/shadow", dir);
	snprintf(conf, sizeof(conf), "%s/config", dir);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	ck_assert_int_eq(config_file(e, fifo, 0, &why), -1);
	ck_assert_ptr_nonnull(strstr(sb_str(&why), "not a regular file"));
	test_write_file(secret, "root:$6$s3cr3tHASH:19000:0:99999:7:::\n\"quoted s3cr3t\n");
	{
		struct strbuf line = { 0 };
		sb_printf(&line, "source %s\nsource %s\n", fifo, secret);
		test_write_file(conf, sb_str(&line));
		sb_free(&line);
	}
	/* the FIFO line and the two lines of the secret file */
	ck_assert_int_eq(config_file(e, conf, 0, &e->config_errors), 3);
	errs = engine_config_errors_bare(e);
	ck_assert_ptr_nonnull(strstr(errs, "shadow:1:"));
	ck_assert_ptr_nonnull(strstr(errs, "config:1:"));
	ck_assert_ptr_null(strstr(errs, "s3cr3t"));
	ck_assert_ptr_null(strstr(errs, "root"));
	sb_free(&why);
	remove(fifo);
	remove(secret);
	remove(conf);
	rmdir(dir);
	free(dir);
	bare_free(e);
}
END_TEST

START_TEST(test_builtin_config)
{
	struct engine *e = bare_engine();
	int n, i;
	const struct opt_def *d = opt_table(&n);

	ck_assert_int_eq(config_apply(e, kith_builtin_config, "(built-in)", 0), 0);
	ck_assert_str_eq(engine_config_errors_bare(e), "");
	/* PRODUCT.md section 4 keys */
	ck_assert_int_eq(lookup(e, KM_GENERIC, "j"), CMD_MOVE_DOWN);
	ck_assert_int_eq(lookup(e, KM_GENERIC, "<Down>"), CMD_MOVE_DOWN);
	ck_assert_int_eq(lookup(e, KM_GENERIC, "k"), CMD_MOVE_UP);
	ck_assert_int_eq(lookup(e, KM_GENERIC, "g"), CMD_MOVE_FIRST);
	ck_assert_int_eq(lookup(e, KM_GENERIC, "G"), CMD_MOVE_LAST);
	ck_assert_int_eq(lookup(e, KM_GENERIC, "<PgDn>"), CMD_PAGE_DOWN);
	ck_assert_int_eq(lookup(e, KM_GENERIC, "<PgUp>"), CMD_PAGE_UP);
	ck_assert_int_eq(lookup(e, KM_GENERIC, "<Enter>"), CMD_DETAIL_OPEN);
	ck_assert_int_eq(lookup(e, KM_GENERIC, "<Esc>"), CMD_BACK);
	ck_assert_int_eq(lookup(e, KM_GENERIC, "/"), CMD_SEARCH);
	ck_assert_int_eq(lookup(e, KM_GENERIC, ":"), CMD_COMMAND_LINE);
	ck_assert_int_eq(lookup(e, KM_GENERIC, "?"), CMD_HELP);
	ck_assert_int_eq(lookup(e, KM_GENERIC, "a"), CMD_ADD);
	ck_assert_int_eq(lookup(e, KM_GENERIC, "e"), CMD_EDIT);
	ck_assert_int_eq(lookup(e, KM_GENERIC, "D"), CMD_DELETE);
	ck_assert_int_eq(lookup(e, KM_GENERIC, "n"), CMD_LOG);
	ck_assert_int_eq(lookup(e, KM_GENERIC, "f"), CMD_FOLLOWUP_ADD);
	ck_assert_int_eq(lookup(e, KM_GENERIC, "u"), CMD_UNDO);
	ck_assert_int_eq(lookup(e, KM_GENERIC, "<C-r>"), CMD_REDO);
	ck_assert_int_eq(lookup(e, KM_GENERIC, "q"), CMD_QUIT);
	ck_assert_int_eq(lookup(e, KM_GENERIC, "E"), CMD_EDIT_NOTE);
	ck_assert_int_eq(lookup(e, KM_GENERIC, "t"), CMD_MARK);
	ck_assert_int_eq(lookup(e, KM_GENERIC, "1"), CMD_PANE_CONTACTS);
	ck_assert_int_eq(lookup(e, KM_GENERIC, "4"), CMD_PANE_FOLLOWUPS);
	ck_assert_int_eq(lookup(e, KM_GENERIC, "<Tab>"), CMD_PANE_NEXT);
	ck_assert_int_eq(lookup(e, KM_GENERIC, "<S-Tab>"), CMD_PANE_PREV);
	ck_assert_int_eq(lookup(e, KM_FOLLOWUPS, "x"), CMD_FOLLOWUP_DONE);
	ck_assert_int_eq(lookup(e, KM_FOLLOWUPS, "s"), CMD_FOLLOWUP_SNOOZE);
	ck_assert_int_eq(lookup(e, KM_FOLLOWUPS, "d"), CMD_FOLLOWUP_DUE);
	ck_assert_int_eq(lookup(e, KM_MAP, "h"), CMD_MOVE_LEFT);
	ck_assert_int_eq(lookup(e, KM_MAP, "H"), CMD_MAP_MOVE_LEFT);
	ck_assert_int_eq(lookup(e, KM_MAP, "J"), CMD_MAP_MOVE_DOWN);
	ck_assert_int_eq(lookup(e, KM_MAP, "K"), CMD_MAP_MOVE_UP);
	ck_assert_int_eq(lookup(e, KM_MAP, "L"), CMD_MAP_MOVE_RIGHT);
	ck_assert_int_eq(lookup(e, KM_MAP, "p"), CMD_MAP_PLACE);
	ck_assert_int_eq(lookup(e, KM_MAP, "R"), CMD_MAP_REMOVE);
	ck_assert_int_eq(lookup(e, KM_MAP, "m"), CMD_MAP_SWITCH);
	ck_assert_int_eq(lookup(e, KM_MAP, "i"), CMD_MAP_RELATIONS);
	ck_assert_int_eq(lookup(e, KM_EVENTS, "A"), CMD_ATTENDEE_ADD);
	ck_assert_int_eq(lookup(e, KM_CONTACTS, "J"), CMD_SCROLL_DOWN);
	ck_assert_int_eq(lookup(e, KM_FORM, "<Enter>"), CMD_SAVE);
	ck_assert_int_eq(lookup(e, KM_FORM, "<Tab>"), CMD_NEXT_FIELD);
	ck_assert_int_eq(lookup(e, KM_SEARCH, "<Esc>"), CMD_BACK);
	/* the compiled-in colours equal the theme table */
	{
		struct view_theme_entry def[VS_COUNT_];
		theme_default(def);
		for (i = 0; i < VS_COUNT_; i++) {
			ck_assert_int_eq(e->theme[i].fg, def[i].fg);
			ck_assert_int_eq(e->theme[i].bg, def[i].bg);
			ck_assert_int_eq(e->theme[i].attrs, def[i].attrs);
		}
	}
	/* every option has a default that its own parser accepts */
	for (i = 0; i < n; i++) {
		struct strbuf why = { 0 };
		ck_assert_msg(options_set(e->opts, d[i].name, options_str(e->opts, d[i].name), &why),
			      "%s", sb_str(&why));
		sb_free(&why);
	}
	bare_free(e);
}
END_TEST

START_TEST(test_options_defaults)
{
	struct options *o;

	setenv("VISUAL", "nano -w", 1);
	o = options_new();
	ck_assert_str_eq(options_str(o, "editor"), "nano -w");
	ck_assert_int_eq(options_int(o, "tier.A.cadence"), 21);
	ck_assert_int_eq(options_int(o, "tier.B.cadence"), 60);
	ck_assert_int_eq(options_int(o, "tier.C.cadence"), 180);
	ck_assert_int_eq(options_int(o, "tier.D.cadence"), 365);
	ck_assert_int_eq(options_int(o, "map.stale_days"), 60);
	ck_assert_int_eq(options_int(o, "confirm.delete"), 1);
	ck_assert_int_eq(options_int(o, "color"), 1);
	ck_assert_str_eq(options_str(o, "sort.contacts"), "name");
	ck_assert_int_eq(options_int(o, "no.such"), 0);
	options_free(o);
	unsetenv("VISUAL");
	setenv("EDITOR", "ed", 1);
	o = options_new();
	ck_assert_str_eq(options_str(o, "editor"), "ed");
	options_free(o);
	unsetenv("EDITOR");
	o = options_new();
	ck_assert_str_eq(options_str(o, "editor"), "vi");
	options_free(o);
}
END_TEST

START_TEST(test_colours)
{
	int c;

	ck_assert(theme_color_parse("default", &c) && c == -1);
	ck_assert(theme_color_parse("red", &c) && c == 1);
	ck_assert(theme_color_parse("brightwhite", &c) && c == 15);
	ck_assert(theme_color_parse("color0", &c) && c == 0);
	ck_assert(theme_color_parse("color255", &c) && c == 255);
	ck_assert(!theme_color_parse("color256", &c));
	ck_assert(!theme_color_parse("mauve", &c));
	ck_assert_int_eq(theme_attr_parse("italic"), VA_ITALIC);
	ck_assert_int_eq(theme_attr_parse("dim"), VA_DIM);
	ck_assert_int_eq(theme_attr_parse("blink"), -1);
	ck_assert_int_eq(theme_style_by_name("tab-active"), VS_TAB_ACTIVE);
	ck_assert_int_eq(theme_style_by_name("cursor"), VS_SELECTED);
	ck_assert_int_eq(theme_style_by_name("nope"), -1);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_statements);
	tcase_add_test(tc, test_bad_lines);
	tcase_add_test(tc, test_unbind);
	tcase_add_test(tc, test_source);
	tcase_add_test(tc, test_source_fifo_and_secrets);
	tcase_add_test(tc, test_builtin_config);
	tcase_add_test(tc, test_options_defaults);
	tcase_add_test(tc, test_colours);
	suite_add_tcase(s, tc);
	return test_run_suite(s) ? EXIT_FAILURE : EXIT_SUCCESS;
}
