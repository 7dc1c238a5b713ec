/*
 * check_kithrc.c: the configuration language read without an engine
 * (src/parse/kithrc.c), as `kith today` reads it: `set` and `source`
 * apply to the options, bind and color lines go to the hook (none: taken
 * unread; the engine's with no engine: only checked), and the review's
 * parameters come from the options.
 */
#include <stdio.h>

#include "testutil.h"

#include "kith/engine.h"
#include "kith/kithrc.h"
#include "kith/options.h"
#include "kith/review.h"

START_TEST(test_set_and_source)
{
	struct options *o = options_new();
	struct kithrc rc;
	char *dir = test_tmpdir();
	char main_path[512], sub[512];

	snprintf(main_path, sizeof main_path, "%s/config", dir);
	snprintf(sub, sizeof sub, "%s/review.conf", dir);
	test_write_file(main_path, "set review.cap 5\nsource review.conf\nset tier.A.cadence lots\n");
	test_write_file(sub, "set review.weight.owe = 9\nbind nowhere x quit\n");
	kithrc_init(&rc, o, NULL, NULL);
	ck_assert_int_eq(kithrc_builtin(&rc), 0);
	ck_assert_int_eq(kithrc_user_file(&rc, main_path), 1);
	ck_assert_int_eq(options_int(o, "review.cap"), 5);
	ck_assert_int_eq(options_int(o, "review.weight.owe"), 9);
	ck_assert_int_eq(options_int(o, "tier.A.cadence"), 21);    /* the bad line changed nothing */
	ck_assert_msg(strstr(sb_str(&rc.errors), "config:3: tier.A.cadence: 'lots'") != NULL, "%s",
		      sb_str(&rc.errors));
	ck_assert_int_eq(rc.bad, 1);    /* no hook: the bind line is not read */
	kithrc_done(&rc);

	/* a missing file is the defaults; a directory is an error */
	kithrc_init(&rc, o, NULL, NULL);
	snprintf(sub, sizeof sub, "%s/none", dir);
	ck_assert_int_eq(kithrc_user_file(&rc, sub), 0);
	ck_assert_str_eq(sb_str(&rc.errors), "");
	ck_assert_int_eq(kithrc_user_file(&rc, dir), -1);
	ck_assert_ptr_nonnull(strstr(sb_str(&rc.errors), "is a directory"));
	kithrc_done(&rc);
	options_free(o);
	free(dir);
}
END_TEST

START_TEST(test_engine_check_hook)
{
	struct options *o = options_new();
	struct kithrc rc;

	kithrc_init(&rc, o, engine_config_check, NULL);
	ck_assert_int_eq(kithrc_apply(&rc, "bind generic x quit\n"
				      "bind nowhere x quit\n"
				      "color cursor black yellow bold\n"
				      "color cursor black mauve\n"
				      "set review.cap 3\n", "t.conf", 0), 2);
	ck_assert_msg(strstr(sb_str(&rc.errors), "t.conf:2: unknown keymap 'nowhere'") &&
		      strstr(sb_str(&rc.errors), "t.conf:4: unknown colour 'mauve'"), "%s",
		      sb_str(&rc.errors));
	ck_assert_int_eq(options_int(o, "review.cap"), 3);
	kithrc_done(&rc);
	options_free(o);
}
END_TEST

START_TEST(test_review_params)
{
	struct options *o = options_new();
	struct review_params p;
	struct strbuf why = { 0 };

	ck_assert(options_set(o, "review.cap", "7", &why));
	ck_assert(options_set(o, "tier.C.cadence", "90", &why));
	ck_assert(options_set(o, "review.weight.owe", "-4", &why));
	ck_assert(options_set(o, "review.event_days", "10", &why));
	options_review_params(o, &p);
	ck_assert_int_eq(p.limit, 7);
	ck_assert_int_eq(p.cadence[2], 90);
	ck_assert_int_eq(p.cadence[0], 21);
	ck_assert_int_eq(p.weight[RT_OWE], -4);
	ck_assert_int_eq(p.event_days, 10);
	ck_assert(p.recur != NULL);
	sb_free(&why);
	options_free(o);
}
END_TEST

static Suite *
kithrc_suite(void)
{
	Suite *s = suite_create("kithrc");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_set_and_source);
	tcase_add_test(tc, test_engine_check_hook);
	tcase_add_test(tc, test_review_params);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(kithrc_suite());
}
