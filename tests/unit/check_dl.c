/*
 * check_dl.c: a library opened by its soname and its functions found by
 * name (dl_open), and what it says when either cannot be done.
 */
#include "testutil.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "kith/dl.h"

static size_t (*my_strlen)(const char *);
static int (*no_such)(void);

START_TEST(test_found)
{
	struct dl_sym syms[] = { { "strlen", &my_strlen, sizeof my_strlen } };
	char why[256] = "";
	void *h = dl_open("libc.so.6", "this test needs libc", "libc", syms, 1, why, sizeof why);

	ck_assert_ptr_nonnull(h);
	ck_assert_uint_eq(my_strlen("kith"), 4);
	ck_assert_str_eq(why, "");
	dlclose(h);
}
END_TEST

START_TEST(test_missing_function)
{
	struct dl_sym syms[] = { { "strlen", &my_strlen, sizeof my_strlen },
				 { "kith_no_such_function", &no_such, sizeof no_such } };
	char why[256] = "";

	ck_assert_ptr_null(dl_open("libc.so.6", "this test needs libc", "libc", syms, 2, why,
				   sizeof why));
	ck_assert_str_eq(why, "libc.so.6 has no kith_no_such_function (libc too old?)");
}
END_TEST

START_TEST(test_missing_library)
{
	struct dl_sym syms[] = { { "strlen", &my_strlen, sizeof my_strlen } };
	char why[256] = "";

	ck_assert_ptr_null(dl_open("libkith-none.so.9", "team mode needs libnone", "libnone",
				   syms, 1, why, sizeof why));
	ck_assert_msg(strncmp(why, "team mode needs libnone, which cannot be opened: ", 49) == 0,
		      "%s", why);
	ck_assert_ptr_nonnull(strstr(why, "libkith-none.so.9"));
}
END_TEST

static int readies;

static bool
not_ready(char *failure, size_t size)
{
	readies++;
	snprintf(failure, size, "libc: not today");
	return false;
}

/* Opened once: a library it could not use answers the same later, not tried again. */
START_TEST(test_lib_once)
{
	static const struct dl_sym syms[] = { { "strlen", &my_strlen, sizeof my_strlen } };
	struct dl_lib l = { "libc.so.6", "this test needs libc", "libc", syms, 1, not_ready,
			    false, false, "" };
	const char *why = NULL;

	ck_assert(!dl_lib_open(&l, &why));
	ck_assert_str_eq(why, "libc: not today");
	why = NULL;
	ck_assert(!dl_lib_open(&l, &why));
	ck_assert_str_eq(why, "libc: not today");
	ck_assert_int_eq(readies, 1);
	l = (struct dl_lib){ "libc.so.6", "this test needs libc", "libc", syms, 1, NULL, false,
			     false, "" };
	ck_assert(dl_lib_open(&l, NULL));
	ck_assert(dl_lib_open(&l, NULL));
	ck_assert_uint_eq(my_strlen("abc"), 3);
}
END_TEST

static Suite *
dl_suite(void)
{
	Suite *s = suite_create("dl");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_found);
	tcase_add_test(tc, test_missing_function);
	tcase_add_test(tc, test_missing_library);
	tcase_add_test(tc, test_lib_once);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(dl_suite()) ? 1 : 0;
}
