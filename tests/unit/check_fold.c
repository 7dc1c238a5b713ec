/*
 * check_fold.c: folding names as typed on a US keyboard (src/util/fold.c):
 * ICU's "Any-Latin; Latin-ASCII; Lower", with Latin letters from the
 * table generated from it, ICU loaded only for other scripts, and the
 * fold without ICU when it cannot be opened.
 */
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "testutil.h"
#include "kith/fold.h"
#include "kith/search.h"

static const struct { const char *in, *out; } latin[] = {
	{ "Małgorzata Łukasiewicz", "malgorzata lukasiewicz" },
	{ "Søren Østergaard", "soren ostergaard" },
	{ "Strauß", "strauss" },
	{ "Ægir", "aegir" },
	{ "Đorđe", "dorde" },
	{ "Þóra", "thora" },
	{ "Œdipe", "oedipe" },
	{ "Işık İlber", "isik ilber" },
	{ "Ǉubica Ǆokić", "ljubica dzokic" },
	{ "Ĳsbrand", "ijsbrand" },
	{ "Ħabib Ġużeppi", "habib guzeppi" },
	{ "Ŋuolja Ŧuoma", "nuolja tuoma" },
	{ "Nguyễn  Thị Lan ", "nguyen thi lan" },
	{ "Ștefan Țiriac", "stefan tiriac" },
	{ "Kőrösi Szűcs", "korosi szucs" },
	{ "e\xCC\x81te", "ete" },
	{ "Jo\xE2\x80\x8Bs\xC3\xA9", "jose" },
	{ "O'Brien-Smith", "o'brien-smith" },
	{ "", "" },
};

START_TEST(test_latin_without_icu)
{
	for (size_t i = 0; i < sizeof latin / sizeof latin[0]; i++) {
		char *r = fold_text(latin[i].in);
		ck_assert_msg(!strcmp(r, latin[i].out), "%s: got \"%s\"", latin[i].in, r);
		ck_assert(!fold_needs_icu(latin[i].in));
		free(r);
	}
	/* Latin text never loads ICU */
	ck_assert(!fold_icu_loaded());
}
END_TEST

START_TEST(test_other_scripts)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "Владимир", "vladimir" },
		{ "Αλέξανδρος", "alexandros" },
		{ "王小明", "wang xiao ming" },
		{ "Дмитрий Łukasiewicz", "dmitrij lukasiewicz" },
	};
	ck_assert(!fold_icu_loaded());
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *r = fold_text(cases[i].in);
		ck_assert(fold_needs_icu(cases[i].in));
		ck_assert_msg(!strcmp(r, cases[i].out), "%s: got \"%s\"", cases[i].in, r);
		free(r);
	}
	ck_assert(fold_icu_loaded());
}
END_TEST

START_TEST(test_no_icu)
{
	char *r;

	fold_test_set_icu_lib("libkith-no-such-icu.so.0");
	/* Latin letters fold the same without ICU */
	for (size_t i = 0; i < sizeof latin / sizeof latin[0]; i++) {
		r = fold_text(latin[i].in);
		ck_assert_msg(!strcmp(r, latin[i].out), "%s: got \"%s\"", latin[i].in, r);
		free(r);
	}
	/* other scripts are lower-cased only */
	r = fold_text("Владимир Strauß");
	ck_assert_str_eq(r, "владимир strauss");
	free(r);
	ck_assert(!fold_icu_loaded());
}
END_TEST

/* Folding on two threads at once (an import folds names on its parser's
   thread while the merging thread folds organisations'): ICU is opened once
   and every fold is right. */
static int
fold_many(void *arg)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "Владимир", "vladimir" },
		{ "Αλέξανδρος", "alexandros" },
		{ "王小明", "wang xiao ming" },
		{ "Małgorzata Łukasiewicz", "malgorzata lukasiewicz" },
	};
	int *wrong = arg;

	for (int k = 0; k < 300; k++) {
		size_t i = (size_t)k % (sizeof cases / sizeof cases[0]);
		char *r = fold_text(cases[i].in);
		*wrong += strcmp(r, cases[i].out) != 0;
		free(r);
	}
	return 0;
}

START_TEST(test_threads)
{
	thrd_t t[3];
	int wrong[3] = { 0, 0, 0 };

	ck_assert(!fold_icu_loaded());
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(thrd_create(&t[i], fold_many, &wrong[i]), thrd_success);
	for (int i = 0; i < 3; i++) {
		thrd_join(t[i], NULL);
		ck_assert_int_eq(wrong[i], 0);
	}
	ck_assert(fold_icu_loaded());
}
END_TEST

/* A query word with letters beyond ASCII also matches its folded form. */
START_TEST(test_query)
{
	char *q = search_fts_query("Łukasiewicz ana \"x");

	ck_assert_str_eq(q, "(\"Łukasiewicz\"* OR \"lukasiewicz\"*) \"ana\"* \"\"\"x\"*");
	free(q);
	q = search_fts_query("José");
	ck_assert_str_eq(q, "(\"José\"* OR \"jose\"*)");
	free(q);
}
END_TEST

static Suite *
fold_suite(void)
{
	Suite *s = suite_create("fold");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_latin_without_icu);
	tcase_add_test(tc, test_other_scripts);
	tcase_add_test(tc, test_no_icu);
	tcase_add_test(tc, test_threads);
	tcase_add_test(tc, test_query);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(fold_suite()) ? 1 : 0;
}
