/*
 * check_path.c: where the database and config live (PRODUCT.md section 3)
 * and creating missing parent directories.
 */
#include "testutil.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "kith/path.h"

static void
env_reset(void)
{
	unsetenv("KITH_DB");
	unsetenv("XDG_DATA_HOME");
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", "/home/ann", 1);
}

START_TEST(test_db_path)
{
	struct kith_err err;
	char *p;

	env_reset();
	ck_assert_int_eq(path_db(NULL, &p, &err), KITH_OK);
	ck_assert_str_eq(p, "/home/ann/.local/share/kith/kith.db");
	free(p);
	setenv("XDG_DATA_HOME", "/data/", 1);
	ck_assert_int_eq(path_db(NULL, &p, &err), KITH_OK);
	ck_assert_str_eq(p, "/data/kith/kith.db");
	free(p);
	setenv("XDG_DATA_HOME", "relative", 1);      /* ignored, as the XDG spec says */
	ck_assert_int_eq(path_db(NULL, &p, &err), KITH_OK);
	ck_assert_str_eq(p, "/home/ann/.local/share/kith/kith.db");
	free(p);
	setenv("KITH_DB", "/tmp/k.db", 1);
	ck_assert_int_eq(path_db(NULL, &p, &err), KITH_OK);
	ck_assert_str_eq(p, "/tmp/k.db");
	free(p);
	ck_assert_int_eq(path_db("x.db", &p, &err), KITH_OK);
	ck_assert_str_eq(p, "x.db");
	free(p);

	env_reset();
	unsetenv("HOME");
	ck_assert_int_eq(path_db(NULL, &p, &err), KITH_INVALID);
	ck_assert_ptr_null(p);
	ck_assert_ptr_nonnull(strstr(err.msg, "HOME"));
	setenv("XDG_DATA_HOME", "/data", 1);
	ck_assert_int_eq(path_db(NULL, &p, &err), KITH_OK);
	ck_assert_str_eq(p, "/data/kith/kith.db");
	free(p);
}
END_TEST

START_TEST(test_config_path)
{
	struct kith_err err;
	char *p;

	env_reset();
	ck_assert_int_eq(path_config(&p, &err), KITH_OK);
	ck_assert_str_eq(p, "/home/ann/.config/kith/config");
	free(p);
	setenv("XDG_CONFIG_HOME", "/cfg", 1);
	ck_assert_int_eq(path_config(&p, &err), KITH_OK);
	ck_assert_str_eq(p, "/cfg/kith/config");
	free(p);
	env_reset();
	unsetenv("HOME");
	ck_assert_int_eq(path_config(&p, &err), KITH_INVALID);
	ck_assert_ptr_null(p);
}
END_TEST

START_TEST(test_join)
{
	char *p = path_join("/a/", "/b");
	ck_assert_str_eq(p, "/a/b");
	free(p);
	p = path_join("a", "b/c");
	ck_assert_str_eq(p, "a/b/c");
	free(p);
}
END_TEST

START_TEST(test_mkparents)
{
	struct kith_err err;
	char *dir = test_tmpdir(), *file, *sub;
	struct stat st;

	file = path_join(dir, "x/y/z/kith.db");
	ck_assert_int_eq(path_mkparents(file, &err), KITH_OK);
	sub = path_join(dir, "x/y/z");
	ck_assert_int_eq(stat(sub, &st), 0);
	ck_assert(S_ISDIR(st.st_mode));
	ck_assert_int_eq(st.st_mode & 077, 0);               /* 0700: private */
	ck_assert_int_eq(stat(file, &st), -1);              /* the file itself is not made */
	ck_assert_int_eq(path_mkparents(file, &err), KITH_OK); /* existing: fine */
	free(file);

	/* an existing directory keeps its mode */
	ck_assert_int_eq(chmod(sub, 0755), 0);
	file = path_join(sub, "other.db");
	ck_assert_int_eq(path_mkparents(file, &err), KITH_OK);
	ck_assert_int_eq(stat(sub, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0755);
	free(file);

	/* a file in the way is an error naming it */
	file = path_join(sub, "plain");
	{
		FILE *f = fopen(file, "w");
		ck_assert_ptr_nonnull(f);
		fclose(f);
	}
	free(file);
	file = path_join(sub, "plain/kith.db");
	ck_assert_int_eq(path_mkparents(file, &err), KITH_IO);
	ck_assert_ptr_nonnull(strstr(err.msg, "plain"));
	free(file);

	ck_assert_int_eq(path_mkparents("kith.db", &err), KITH_OK); /* no directory part */
	free(sub);
	sub = path_join(dir, "x");
	{
		char cmd[4200];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		ck_assert_int_eq(system(cmd), 0);
	}
	free(sub);
	free(dir);
}
END_TEST

static Suite *
path_suite(void)
{
	Suite *s = suite_create("path");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_db_path);
	tcase_add_test(tc, test_config_path);
	tcase_add_test(tc, test_join);
	tcase_add_test(tc, test_mkparents);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(path_suite()) ? 1 : 0;
}
