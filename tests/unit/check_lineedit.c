/*
 * check_lineedit.c: the one-line editor (UTF-8 cursor moves, readline keys).
 */
#include <stdio.h>

#include "testutil.h"

#include "kith/utf8.h"
#include "../../src/engine/internal.h"

static struct kkey
ch(uint32_t cp)
{
	struct kkey k = { KK_CHAR, cp };
	return k;
}

static struct kkey
sp(enum kkey_special t)
{
	struct kkey k = { t, 0 };
	return k;
}

static void
type(struct lineedit *le, const char *s)
{
	while (*s) {
		uint32_t cp;
		s += utf8_decode(s, strlen(s), &cp);
		ck_assert(le_key(le, ch(cp)));
	}
}

START_TEST(test_insert_and_move)
{
	struct lineedit le = { 0 };

	le_set(&le, "");
	type(&le, "Zoë Ngô");
	ck_assert_str_eq(sb_str(&le.text), "Zoë Ngô");
	ck_assert_uint_eq(le.cursor, strlen("Zoë Ngô"));
	ck_assert(le_key(&le, sp(KK_LEFT)));        /* before ô (2 bytes) */
	ck_assert_uint_eq(le.cursor, strlen("Zoë Ng"));
	ck_assert(le_key(&le, sp(KK_HOME)));
	ck_assert_uint_eq(le.cursor, 0);
	ck_assert(le_key(&le, sp(KK_RIGHT)));
	ck_assert(le_key(&le, sp(KK_RIGHT)));
	ck_assert(le_key(&le, sp(KK_RIGHT)));        /* over ë */
	ck_assert_uint_eq(le.cursor, strlen("Zoë"));
	type(&le, "!");
	ck_assert_str_eq(sb_str(&le.text), "Zoë! Ngô");
	ck_assert(le_key(&le, ch(5)));               /* C-e */
	ck_assert_uint_eq(le.cursor, le.text.len);
	ck_assert(le_key(&le, ch(1)));               /* C-a */
	ck_assert_uint_eq(le.cursor, 0);
	ck_assert(le_key(&le, ch(6)));               /* C-f */
	ck_assert_uint_eq(le.cursor, 1);
	ck_assert(le_key(&le, ch(2)));               /* C-b */
	ck_assert_uint_eq(le.cursor, 0);
	le_free(&le);
}
END_TEST

START_TEST(test_delete_keys)
{
	struct lineedit le = { 0 };

	le_set(&le, "send the draft");
	ck_assert(le_key(&le, ch(23)));              /* C-w */
	ck_assert_str_eq(sb_str(&le.text), "send the ");
	ck_assert(le_key(&le, ch(23)));
	ck_assert_str_eq(sb_str(&le.text), "send ");
	ck_assert(le_key(&le, sp(KK_BACKSPACE)));
	ck_assert_str_eq(sb_str(&le.text), "send");
	ck_assert(le_key(&le, ch(8)));               /* C-h */
	ck_assert_str_eq(sb_str(&le.text), "sen");
	ck_assert(le_key(&le, sp(KK_HOME)));
	ck_assert(le_key(&le, sp(KK_DELETE)));
	ck_assert_str_eq(sb_str(&le.text), "en");
	ck_assert(le_key(&le, ch(11)));              /* C-k */
	ck_assert_str_eq(sb_str(&le.text), "");

	le_set(&le, "abc def");
	le.cursor = 4;
	ck_assert(le_key(&le, ch(21)));              /* C-u */
	ck_assert_str_eq(sb_str(&le.text), "def");
	ck_assert_uint_eq(le.cursor, 0);
	ck_assert(le_key(&le, sp(KK_END)));
	ck_assert(le_key(&le, sp(KK_LEFT)));
	ck_assert(le_key(&le, ch(11)));              /* C-k */
	ck_assert_str_eq(sb_str(&le.text), "de");
	/* nothing to delete: still an editing key, nothing breaks */
	ck_assert(le_key(&le, sp(KK_DELETE)));
	ck_assert_str_eq(sb_str(&le.text), "de");
	le_free(&le);
}
END_TEST

START_TEST(test_utf8_backspace)
{
	struct lineedit le = { 0 };

	/* CJK, emoji and a combining accent (e + U+0301) each go in one step */
	le_set(&le, "東京😀e\xcc\x81");
	ck_assert(le_key(&le, sp(KK_BACKSPACE)));
	ck_assert_str_eq(sb_str(&le.text), "東京😀");
	ck_assert(le_key(&le, sp(KK_BACKSPACE)));
	ck_assert_str_eq(sb_str(&le.text), "東京");
	ck_assert(le_key(&le, sp(KK_LEFT)));
	ck_assert_uint_eq(le.cursor, 3);
	type(&le, "ß");
	ck_assert_str_eq(sb_str(&le.text), "東ß京");
	le_free(&le);
}
END_TEST

START_TEST(test_not_editing_keys)
{
	struct lineedit le = { 0 };

	le_set(&le, "x");
	ck_assert(!le_key(&le, sp(KK_ENTER)));
	ck_assert(!le_key(&le, sp(KK_ESC)));
	ck_assert(!le_key(&le, sp(KK_TAB)));
	ck_assert(!le_key(&le, sp(KK_UP)));
	ck_assert(!le_key(&le, ch(27)));            /* a raw ESC is never inserted */
	ck_assert(!le_key(&le, ch(0x85)));          /* nor a C1 control */
	ck_assert(!le_key(&le, ch(0x202E)));        /* nor a bidi override */
	ck_assert_str_eq(sb_str(&le.text), "x");
	le_free(&le);
}
END_TEST

/* What a key did, for a filter that runs again only on a changed text. */
START_TEST(test_edit_answers)
{
	struct lineedit le = { 0 };

	le_set(&le, "ab");
	ck_assert_int_eq(le_edit(&le, sp(KK_ENTER)), LE_NOT_EDIT);
	ck_assert_int_eq(le_edit(&le, sp(KK_LEFT)), LE_SAME_TEXT);
	ck_assert_int_eq(le_edit(&le, ch('x')), LE_CHANGED);
	ck_assert_str_eq(sb_str(&le.text), "axb");
	ck_assert_int_eq(le_edit(&le, sp(KK_HOME)), LE_SAME_TEXT);
	ck_assert_int_eq(le_edit(&le, sp(KK_BACKSPACE)), LE_SAME_TEXT);  /* at the start */
	ck_assert_int_eq(le_edit(&le, sp(KK_DELETE)), LE_CHANGED);
	ck_assert_str_eq(sb_str(&le.text), "xb");
	le_free(&le);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("lineedit");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_insert_and_move);
	tcase_add_test(tc, test_delete_keys);
	tcase_add_test(tc, test_utf8_backspace);
	tcase_add_test(tc, test_not_editing_keys);
	tcase_add_test(tc, test_edit_answers);
	suite_add_tcase(s, tc);
	return test_run_suite(s) ? EXIT_FAILURE : EXIT_SUCCESS;
}
