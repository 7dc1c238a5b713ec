/*
 * check_keymap.c: key names, keymaps with their fallback chain, and the
 * command table.
 */
#include <stdio.h>

#include "testutil.h"

#include "../../src/engine/core.h"

static struct keyseq
seq(const char *s)
{
	struct keyseq q;
	const char *why = NULL;
	ck_assert_msg(key_parse(s, &q, &why), "%s: %s", s, why);
	return q;
}

static char *
name_of(const char *s)
{
	struct strbuf sb = { 0 };
	struct keyseq q = seq(s);
	keyseq_name(&q, &sb);
	return sb_detach(&sb);
}

START_TEST(test_key_parse)
{
	struct keyseq q;
	const char *why;

	q = seq("j");
	ck_assert_int_eq(q.n, 1);
	ck_assert_int_eq(q.k[0].type, KK_CHAR);
	ck_assert_uint_eq(q.k[0].cp, 'j');
	q = seq("gg");
	ck_assert_int_eq(q.n, 2);
	q = seq("<Enter>");
	ck_assert_int_eq(q.n, 1);
	ck_assert_int_eq(q.k[0].type, KK_ENTER);
	q = seq("<C-r>");
	ck_assert_int_eq(q.k[0].type, KK_CHAR);
	ck_assert_uint_eq(q.k[0].cp, 18);
	q = seq("<S-Tab>");
	ck_assert_int_eq(q.k[0].type, KK_BTAB);
	q = seq("<PgDn>");
	ck_assert_int_eq(q.k[0].type, KK_PGDN);
	q = seq("<pagedown>");      /* names are case-insensitive */
	ck_assert_int_eq(q.k[0].type, KK_PGDN);
	q = seq("<Space>");
	ck_assert_uint_eq(q.k[0].cp, ' ');
	q = seq("z<Tab>");
	ck_assert_int_eq(q.n, 2);
	ck_assert_int_eq(q.k[1].type, KK_TAB);
	q = seq("é");
	ck_assert_int_eq(q.n, 1);
	ck_assert_uint_eq(q.k[0].cp, 0xE9);

	ck_assert(!key_parse("", &q, &why));
	ck_assert(!key_parse("<Nope>", &q, &why));
	ck_assert_ptr_nonnull(strstr(why, "unknown key name"));
	ck_assert(!key_parse("<Enter", &q, &why));
	ck_assert(!key_parse("abcdefghi", &q, &why));   /* more than 8 keys */
}
END_TEST

START_TEST(test_key_names_round_trip)
{
	static const char *const names[] = {
		"j", "G", "<Enter>", "<Esc>", "<Tab>", "<S-Tab>", "<Up>", "<PgDn>", "<C-r>",
		"<Space>", "gg", "z<Tab>", "<lt>", "<Hash>", "<F5>", "ñ",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *n = name_of(names[i]);
		ck_assert_str_eq(n, names[i]);
		free(n);
	}
}
END_TEST

START_TEST(test_lookup_chain)
{
	struct keymaps *km = keymaps_new();
	int chain[2] = { KM_CONTACTS, KM_GENERIC };
	struct keyseq q;
	enum cmd c, fb;

	q = seq("j");
	keymap_bind(km, KM_GENERIC, &q, CMD_MOVE_DOWN);
	q = seq("q");
	keymap_bind(km, KM_GENERIC, &q, CMD_QUIT);
	q = seq("x");
	keymap_bind(km, KM_FOLLOWUPS, &q, CMD_FOLLOWUP_DONE);
	q = seq("gg");
	keymap_bind(km, KM_GENERIC, &q, CMD_MOVE_FIRST);

	q = seq("j");
	ck_assert_int_eq(keymap_lookup(km, chain, 2, &q, &c, &fb), KMR_CMD);
	ck_assert_int_eq(c, CMD_MOVE_DOWN);
	/* x is a follow-ups key only */
	q = seq("x");
	ck_assert_int_eq(keymap_lookup(km, chain, 2, &q, &c, &fb), KMR_NONE);
	chain[0] = KM_FOLLOWUPS;
	ck_assert_int_eq(keymap_lookup(km, chain, 2, &q, &c, &fb), KMR_CMD);
	ck_assert_int_eq(c, CMD_FOLLOWUP_DONE);
	/* a sequence waits */
	q = seq("g");
	ck_assert_int_eq(keymap_lookup(km, chain, 2, &q, &c, &fb), KMR_PENDING);
	ck_assert_int_eq(fb, CMD_NONE);
	q = seq("gg");
	ck_assert_int_eq(keymap_lookup(km, chain, 2, &q, &c, &fb), KMR_CMD);
	ck_assert_int_eq(c, CMD_MOVE_FIRST);
	q = seq("gx");
	ck_assert_int_eq(keymap_lookup(km, chain, 2, &q, &c, &fb), KMR_NONE);

	/* a pane map overrides generic; `none` unbinds there only */
	q = seq("q");
	keymap_bind(km, KM_FOLLOWUPS, &q, CMD_NONE);
	ck_assert_int_eq(keymap_lookup(km, chain, 2, &q, &c, &fb), KMR_UNBOUND);
	chain[0] = KM_EVENTS;
	ck_assert_int_eq(keymap_lookup(km, chain, 2, &q, &c, &fb), KMR_CMD);
	ck_assert_int_eq(c, CMD_QUIT);
	/* rebinding replaces */
	keymap_bind(km, KM_GENERIC, &q, CMD_HELP);
	ck_assert_int_eq(keymap_lookup(km, chain, 2, &q, &c, &fb), KMR_CMD);
	ck_assert_int_eq(c, CMD_HELP);
	keymaps_free(km);
}
END_TEST

START_TEST(test_prefix_with_own_binding)
{
	struct keymaps *km = keymaps_new();
	int chain[1] = { KM_GENERIC };
	struct keyseq q;
	enum cmd c, fb;

	q = seq("z");
	keymap_bind(km, KM_GENERIC, &q, CMD_REFRESH);
	q = seq("zs");
	keymap_bind(km, KM_GENERIC, &q, CMD_SORT_NEXT);
	q = seq("z");
	ck_assert_int_eq(keymap_lookup(km, chain, 1, &q, &c, &fb), KMR_PENDING);
	ck_assert_int_eq(fb, CMD_REFRESH);
	keymaps_free(km);
}
END_TEST

START_TEST(test_keys_for_shadowing)
{
	struct keymaps *km = keymaps_new();
	int chain[2] = { KM_MAP, KM_GENERIC };
	struct keyseq q;
	struct strbuf sb = { 0 };

	q = seq("J");
	keymap_bind(km, KM_GENERIC, &q, CMD_SCROLL_DOWN);
	q = seq("<C-e>");
	keymap_bind(km, KM_GENERIC, &q, CMD_SCROLL_DOWN);
	q = seq("J");
	keymap_bind(km, KM_MAP, &q, CMD_MAP_MOVE_DOWN);
	ck_assert_int_eq(keymap_keys_for(km, chain, 2, CMD_SCROLL_DOWN, ", ", &sb), 1);
	ck_assert_str_eq(sb_str(&sb), "<C-e>");
	sb_reset(&sb);
	ck_assert_int_eq(keymap_keys_for(km, chain, 2, CMD_MAP_MOVE_DOWN, ", ", &sb), 1);
	ck_assert_str_eq(sb_str(&sb), "J");
	sb_reset(&sb);
	chain[0] = KM_CONTACTS;
	ck_assert_int_eq(keymap_keys_for(km, chain, 2, CMD_SCROLL_DOWN, ", ", &sb), 2);
	ck_assert_str_eq(sb_str(&sb), "J, <C-e>");
	sb_free(&sb);
	keymaps_free(km);
}
END_TEST

START_TEST(test_command_table)
{
	const struct cmd_info *t;
	int n, i, ncmds = 0;

	t = cmd_table(&n);
	ck_assert_int_gt(n, 40);
	ck_assert_int_eq(t[0].cmd, CMD_NONE);      /* starts with a group */
	for (i = 0; i < n; i++) {
		if (t[i].cmd == CMD_NONE)
			continue;
		ncmds++;
		ck_assert_int_eq(cmd_lookup(t[i].name), t[i].cmd);
		ck_assert_str_eq(cmd_name(t[i].cmd), t[i].name);
		ck_assert(!str_empty(cmd_help(t[i].cmd)));
	}
	ck_assert_int_eq(ncmds, CMD_COUNT_ - 1);
	ck_assert_int_eq(cmd_lookup("move-down"), CMD_MOVE_DOWN);
	ck_assert_int_eq(cmd_lookup("contact-add"), CMD_CONTACT_ADD);
	ck_assert_int_eq(cmd_lookup("no-such-thing"), CMD_NONE);
	ck_assert_int_eq(cmd_lookup("none"), CMD_NONE);
	ck_assert_str_eq(cmd_name(CMD_NONE), "none");
}
END_TEST

START_TEST(test_keymap_names)
{
	ck_assert_int_eq(keymap_by_name("generic"), KM_GENERIC);
	ck_assert_int_eq(keymap_by_name("followups"), KM_FOLLOWUPS);
	ck_assert_int_eq(keymap_by_name("form"), KM_FORM);
	ck_assert_int_eq(keymap_by_name("search"), KM_SEARCH);
	ck_assert_int_eq(keymap_by_name("nope"), -1);
	ck_assert_int_eq(KM_PANE(VP_MAP), KM_MAP);
	ck_assert_int_eq(KM_PANE(VP_FOLLOWUPS), KM_FOLLOWUPS);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("keymap");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_key_parse);
	tcase_add_test(tc, test_key_names_round_trip);
	tcase_add_test(tc, test_lookup_chain);
	tcase_add_test(tc, test_prefix_with_own_binding);
	tcase_add_test(tc, test_keys_for_shadowing);
	tcase_add_test(tc, test_command_table);
	tcase_add_test(tc, test_keymap_names);
	suite_add_tcase(s, tc);
	return test_run_suite(s) ? EXIT_FAILURE : EXIT_SUCCESS;
}
