/*
 * check_utf8.c: UTF-8 validation and repair, display width, fitting,
 * ellipsis, visible controls, folding.
 */
#include "testutil.h"

#include <string.h>

#include "kith/utf8.h"

START_TEST(test_valid)
{
	static const struct { const char *s; bool ok; } cases[] = {
		{ "plain ascii", true },
		{ "Zoë Ngô 王芳 🎉", true },
		{ "\xEF\xBF\xBD", true },               /* a real U+FFFD */
		{ "\xC0\xAF", false },                  /* overlong '/' */
		{ "\xE0\x80\xAF", false },              /* overlong */
		{ "\xED\xA0\x80", false },              /* surrogate */
		{ "\xF4\x90\x80\x80", false },          /* > U+10FFFF */
		{ "abc\xE2\x82", false },               /* truncated */
		{ "\xFF", false },
		{ "\x80", false },                      /* lone continuation */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		ck_assert_msg(utf8_valid(cases[i].s, strlen(cases[i].s)) == cases[i].ok, "case %zu", i);
}
END_TEST

START_TEST(test_repair_latin1)
{
	char *r = utf8_repair("a\xFF" "b\xE2\x82", 5);
	ck_assert_str_eq(r, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD");
	ck_assert(utf8_valid(r, strlen(r)));
	free(r);
	r = utf8_from_latin1("Jos\xE9", 4);
	ck_assert_str_eq(r, "José");
	free(r);
}
END_TEST

START_TEST(test_width)
{
	ck_assert_int_eq(utf8_width("abc"), 3);
	ck_assert_int_eq(utf8_width("王芳"), 4);
	ck_assert_int_eq(utf8_width("🎉"), 2);
	ck_assert_int_eq(utf8_width("e\xCC\x81"), 1);           /* e + combining acute */
	ck_assert_int_eq(utf8_width("Nguyễn"), 6);
	ck_assert_int_eq(utf8_width("\x1b"), 2);                /* shown as ^[ */
	ck_assert_int_eq(utf8_width("\xC2\x85"), 8);            /* <U+0085> */
	ck_assert_int_eq(utf8_cp_width(0x1b), -1);
	ck_assert_int_eq(utf8_cp_width(0x301), 0);
	ck_assert_int_eq(utf8_cp_width(0x4E00), 2);
	ck_assert(utf8_is_unsafe(0x202E));
	ck_assert(!utf8_is_unsafe('a'));
}
END_TEST

START_TEST(test_fit)
{
	int cols;
	/* never split a wide character */
	ck_assert_uint_eq(utf8_fit("王芳王", 3, &cols), 3);
	ck_assert_int_eq(cols, 2);
	/* a combining mark stays with its base... */
	ck_assert_uint_eq(utf8_fit("ae\xCC\x81z", 2, &cols), 4);
	ck_assert_int_eq(cols, 2);
	/* ...and is dropped with it */
	ck_assert_uint_eq(utf8_fit("ae\xCC\x81z", 1, &cols), 1);
	ck_assert_uint_eq(utf8_fit("abc", 0, &cols), 0);
}
END_TEST

START_TEST(test_ellipsize)
{
	static const struct { const char *in; int cols; const char *out; } cases[] = {
		{ "short", 10, "short" },
		{ "exactly10!", 10, "exactly10!" },
		{ "longer than ten", 10, "longer th…" },
		{ "王芳王芳王芳", 5, "王芳…" },
		{ "王芳王芳王芳", 6, "王芳…" },
		{ "ab\x1b]0;pwned\x07", 30, "ab^[]0;pwned^G" },
		{ "x\x1b[2J", 3, "x…" },
		{ "\xE2\x80\xAE" "evil", 20, "<U+202E>evil" },
		{ "anything", 0, "" },
		{ "anything", 1, "…" },
		{ "ab王", 3, "ab…" },                  /* never half a wide char */
		{ "ab王x", 4, "ab…" },
		{ "e\xCC\x81" "e\xCC\x81" "e\xCC\x81", 2, "e\xCC\x81…" },   /* mark stays with base */
		{ "e\xCC\x81" "e\xCC\x81", 2, "e\xCC\x81" "e\xCC\x81" },
		{ "a\xFF" "b", 5, "a\xEF\xBF\xBD" "b" },   /* invalid byte shown as U+FFFD */
		{ "a\xC2\x85" "b", 20, "a<U+0085>b" },
		{ "abc\x1b", 4, "abc…" },             /* ^[ would need 2 columns */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *r = utf8_ellipsize(cases[i].in, cases[i].cols);
		ck_assert_msg(!strcmp(r, cases[i].out), "case %zu: got \"%s\"", i, r);
		ck_assert_int_le(utf8_width(r), cases[i].cols);
		ck_assert(utf8_valid(r, strlen(r)));
		for (const char *p = r; *p; p++)
			ck_assert_int_ne(*p, 0x1b);
		free(r);
	}
}
END_TEST

START_TEST(test_fold)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "Zoë Ngô", "zoe ngo" },
		{ "Nguyễn Thị Lan", "nguyen thi lan" },
		{ "José  Álvarez ", "jose alvarez" },
		{ "e\xCC\x81te", "ete" },
		{ "ÇA VA", "ca va" },
		{ "Дмитрий Соколов", "дмитрий соколов" },
		{ "王芳", "王芳" },
		{ "  ", "" },
		{ "Đặng Văn Lâm", "dang van lam" },
		{ "Łukasz Øster", "lukasz oster" },
		{ "ÆSOP Straße", "æsop straße" },    /* ß and æ stay, as in FTS5 */
		{ "ΣΟΦΊΑ Ὀδυσσεύς", "σοφία ὀδυσσεύσ" },  /* Greek: case only */
		{ "Йосип", "йосип" },                /* й keeps its breve */
		{ "Jo\xE2\x80\x8Bs\xC3\xA9", "jose" },   /* zero-width space dropped */
		{ "\xE0\xA4\x95\xE0\xA4\xBF", "\xE0\xA4\x95\xE0\xA4\xBF" }, /* Devanagari sign kept */
		{ "a\t\n b", "a b" },
		{ "ＡＢＣ", "ａｂｃ" },
		{ " \tRESIDENT 5  Example\r\n", "resident 5 example" },    /* ASCII alone */
		/* a fold longer than its text (Ⱥ, two bytes, is ⱥ, three) */
		{ "ȺȺȺȺ ȺȺ", "ⱥⱥⱥⱥ ⱥⱥ" },
		{ "aȺ", "aⱥ" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *r = utf8_fold(cases[i].in);
		ck_assert_msg(!strcmp(r, cases[i].out), "case %zu: got \"%s\"", i, r);
		free(r);
	}
}
END_TEST

START_TEST(test_decode_encode)
{
	static const uint32_t cps[] = { 0, 'A', 0x7F, 0x80, 0x7FF, 0x800, 0xFFFD, 0xFFFF,
					0x10000, 0x1F389, 0x10FFFF };
	char buf[4];
	uint32_t cp;

	for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		size_t k = utf8_encode(cps[i], buf);
		ck_assert_uint_eq(utf8_decode(buf, k, &cp), k);
		ck_assert_uint_eq(cp, cps[i]);
		ck_assert(utf8_valid(buf, k));
	}
	ck_assert_uint_eq(utf8_encode(0xD800, buf), 3);       /* surrogate: U+FFFD */
	ck_assert(!memcmp(buf, "\xEF\xBF\xBD", 3));
	ck_assert_uint_eq(utf8_decode("\xE2\x82\xAC", 2, &cp), 1); /* truncated by n */
	ck_assert_uint_eq(cp, UTF8_REPLACEMENT);
	ck_assert_uint_eq(utf8_decode("x", 0, &cp), 0);
	ck_assert_uint_eq(utf8_decode("\xF0\x9F\x8E\x89", 4, &cp), 4);
	ck_assert_uint_eq(cp, 0x1F389);
}
END_TEST

START_TEST(test_width_table)
{
	static const struct { uint32_t cp; int w; } cases[] = {
		{ 'a', 1 }, { 0xE9, 1 }, { 0xAD, 1 },           /* soft hyphen shows */
		{ 0x00, -1 }, { 0x07, -1 }, { 0x1B, -1 }, { 0x7F, -1 }, { 0x85, -1 }, { 0x9F, -1 },
		{ 0x0301, 0 }, { 0x20DD, 0 },                   /* Mn, Me */
		{ 0x200B, 0 }, { 0x200D, 0 }, { 0xFEFF, 0 },   /* ZWSP, ZWJ, BOM */
		{ 0xFE0F, 0 }, { 0xE0100, 0 }, { 0xE0067, 0 }, /* variation selectors, tag */
		{ 0x1160, 0 },                                  /* Hangul medial jamo */
		{ 0x0915, 1 }, { 0x0940, 1 }, { 0x093F, 1 },   /* Devanagari letter, Mc signs */
		{ 0x1100, 2 }, { 0xAC00, 2 }, { 0x3000, 2 },   /* jamo lead, syllable, ideographic space */
		{ 0x4E00, 2 }, { 0x9FFF, 2 }, { 0x20000, 2 }, { 0x3134A, 2 },
		{ 0xFF21, 2 }, { 0xFF61, 1 },                   /* fullwidth A, halfwidth 。 */
		{ 0x1F389, 2 }, { 0x1F600, 2 }, { 0x1FAE8, 2 }, /* emoji (1FAE8 newer than table) */
		{ 0x2614, 2 }, { 0x231A, 2 }, { 0x2600, 1 },   /* ☔ ⌚ wide; ☀ text-style */
		{ 0x1F1E6, 1 },                                 /* regional indicator */
		{ 0x0378, 1 }, { 0xE000, 1 },                   /* unassigned, private use */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		ck_assert_msg(utf8_cp_width(cases[i].cp) == cases[i].w, "U+%04X: %d, want %d",
			      (unsigned)cases[i].cp, utf8_cp_width(cases[i].cp), cases[i].w);
	ck_assert_int_eq(utf8_width(""), 0);
	ck_assert_int_eq(utf8_width(NULL), 0);
	ck_assert_int_eq(utf8_width("\xE2\x9D\xA4\xEF\xB8\x8F"), 1);      /* ❤ + VS16 */
	ck_assert_int_eq(utf8_width("a\xFF" "b"), 3);                      /* bad byte shows as U+FFFD */
}
END_TEST

START_TEST(test_fit_table)
{
	static const struct { const char *s; int max; size_t bytes; int cols; } cases[] = {
		{ "", 5, 0, 0 },
		{ "abc", 3, 3, 3 },
		{ "abc", 2, 2, 2 },
		{ "abc", -1, 0, 0 },
		{ "a王", 2, 1, 1 },                             /* wide char not split */
		{ "a王", 3, 4, 3 },
		{ "王", 1, 0, 0 },
		{ "e\xCC\x81\xCC\xA3x", 1, 5, 1 },              /* two marks stay with e */
		{ "xe\xCC\x81", 1, 1, 1 },                      /* mark goes with its base */
		{ "\xF0\x9F\x8E\x89!", 2, 4, 2 },               /* emoji */
		{ "\xF0\x9F\x8E\x89!", 1, 0, 0 },
		{ "a\x1b" "b", 2, 1, 1 },                       /* ^[ needs 2 columns */
		{ "a\x1b" "b", 3, 2, 3 },
		{ "\xED\xA0\x80z", 1, 1, 1 },                   /* invalid byte: one column */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int cols = -7;
		size_t b = utf8_fit(cases[i].s, cases[i].max, &cols);
		ck_assert_msg(b == cases[i].bytes && cols == cases[i].cols, "case %zu: %zu bytes %d cols",
			      i, b, cols);
	}
	ck_assert_uint_eq(utf8_fit("abc", 2, NULL), 2);
}
END_TEST

START_TEST(test_control_repr)
{
	static const struct { uint32_t cp; const char *out; } cases[] = {
		{ 0x1B, "^[" }, { 0x07, "^G" }, { 0x00, "^@" }, { 0x0A, "^J" }, { 0x7F, "^?" },
		{ 0x85, "<U+0085>" }, { 0x9B, "<U+009B>" }, { 0x202E, "<U+202E>" }, { 0x2066, "<U+2066>" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[12];
		utf8_control_repr(cases[i].cp, out);
		ck_assert_str_eq(out, cases[i].out);
		ck_assert(utf8_is_unsafe(cases[i].cp));
	}
	ck_assert(!utf8_is_unsafe(0x200E));
	ck_assert(!utf8_is_unsafe(0xA0));
}
END_TEST

static Suite *
utf8_suite(void)
{
	Suite *s = suite_create("utf8");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_valid);
	tcase_add_test(tc, test_repair_latin1);
	tcase_add_test(tc, test_width);
	tcase_add_test(tc, test_fit);
	tcase_add_test(tc, test_ellipsize);
	tcase_add_test(tc, test_fold);
	tcase_add_test(tc, test_decode_encode);
	tcase_add_test(tc, test_width_table);
	tcase_add_test(tc, test_fit_table);
	tcase_add_test(tc, test_control_repr);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(utf8_suite()) ? 1 : 0;
}
