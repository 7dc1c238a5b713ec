/*
 * check_docs.c: man/kithrc.5 names every command, option, colour element
 * and keymap of the live tables. When it fails, run
 *	build/tools/kithrc-doc update man/kithrc.5
 * (and document new elements or keymaps by hand).
 */
#include <stdio.h>

#include "testutil.h"

#include "../../src/engine/core.h"

static char *manual;

static void
load_manual(void)
{
	const char *src = getenv("KITH_SRC");
	char path[4096];
	FILE *f;
	struct strbuf sb = { 0 };
	char buf[4096];
	size_t n;

	snprintf(path, sizeof(path), "%s/man/kithrc.5", src ? src : ".");
	f = fopen(path, "r");
	ck_assert_msg(f != NULL, "%s: cannot open", path);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_appendn(&sb, buf, n);
	fclose(f);
	manual = sb_detach(&sb);
}

/* The roff spelling of a name: '-' is written "\-". */
static char *
roff_name(const char *prefix, const char *name, const char *suffix)
{
	struct strbuf sb = { 0 };

	sb_append(&sb, prefix);
	for (; *name; name++) {
		if (*name == '-')
			sb_append(&sb, "\\-");
		else
			sb_appendc(&sb, *name);
	}
	sb_append(&sb, suffix);
	return sb_detach(&sb);
}

START_TEST(test_every_command)
{
	const struct cmd_info *t;
	int i, n;

	load_manual();
	t = cmd_table(&n);
	for (i = 0; i < n; i++) {
		char *want;
		if (t[i].cmd == CMD_NONE)
			continue;
		want = roff_name(".B ", t[i].name, "\n");
		ck_assert_msg(strstr(manual, want) != NULL,
			      "man/kithrc.5 lacks command %s (run kithrc-doc update)", t[i].name);
		free(want);
	}
	free(manual);
}
END_TEST

START_TEST(test_every_option)
{
	const struct opt_def *d;
	int i, n;

	load_manual();
	d = opt_table(&n);
	for (i = 0; i < n; i++) {
		char *want = roff_name(".BI \"", d[i].name, " \"");
		char *def = roff_name("Default: ", opt_default_doc(&d[i]), ".");
		const char *at = strstr(manual, want);
		ck_assert_msg(at != NULL, "man/kithrc.5 lacks option %s", d[i].name);
		at = strstr(at, "Default: ");
		ck_assert_msg(at && strncmp(at, def, strlen(def)) == 0,
			      "man/kithrc.5: option %s: default is not %s", d[i].name,
			      opt_default_doc(&d[i]));
		free(want);
		free(def);
	}
	free(manual);
}
END_TEST

START_TEST(test_every_element_and_keymap)
{
	int i;

	load_manual();
	for (i = 0; i < VS_COUNT_; i++) {
		/* listed as ".BR name ," or ".B name" */
		char *a = roff_name(".BR ", theme_style_name(i), " ,\n");
		char *b = roff_name(".B ", theme_style_name(i), "\n");
		char *c = roff_name(".BR ", theme_style_name(i), " .\n");
		ck_assert_msg(strstr(manual, a) || strstr(manual, b) || strstr(manual, c),
			      "man/kithrc.5 lacks element %s", theme_style_name(i));
		free(a);
		free(b);
		free(c);
	}
	for (i = 0; i < KM_COUNT_; i++)
		ck_assert_msg(strstr(manual, keymap_name(i)) != NULL,
			      "man/kithrc.5 lacks keymap %s", keymap_name(i));
	free(manual);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("docs");
	TCase *tc = tcase_create("kithrc.5");

	tcase_add_test(tc, test_every_command);
	tcase_add_test(tc, test_every_option);
	tcase_add_test(tc, test_every_element_and_keymap);
	suite_add_tcase(s, tc);
	return test_run_suite(s) ? EXIT_FAILURE : EXIT_SUCCESS;
}
