/*
 * check_str.c: growable strings, JSON string literals, the small string
 * helpers, status messages, the vocabulary names, the id map and xgrow.
 */
#include "testutil.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kith/idmap.h"
#include "kith/str.h"
#include "kith/types.h"
#include "kith/utf8.h"
#include "kith/xalloc.h"

START_TEST(test_strbuf)
{
	struct strbuf sb = { 0 };
	char *p;

	ck_assert_str_eq(sb_str(&sb), "");
	sb_append(&sb, "ab");
	sb_appendc(&sb, 'c');
	sb_appendn(&sb, "defgh", 2);
	sb_append(&sb, NULL);
	sb_printf(&sb, "-%d-%s", 42, "x");
	ck_assert_str_eq(sb_str(&sb), "abcde-42-x");
	ck_assert_uint_eq(sb.len, 10);
	sb_reset(&sb);
	ck_assert_str_eq(sb_str(&sb), "");
	for (int i = 0; i < 1000; i++)
		sb_printf(&sb, "%03d", i);
	ck_assert_uint_eq(sb.len, 3000);
	ck_assert(!strncmp(sb.buf + 2997, "999", 3));
	p = sb_detach(&sb);
	ck_assert_ptr_null(sb.buf);
	ck_assert_uint_eq(strlen(p), 3000);
	free(p);
	p = sb_detach(&sb);             /* empty: still a string */
	ck_assert_str_eq(p, "");
	free(p);
	sb_free(&sb);
}
END_TEST

START_TEST(test_json)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "", "\"\"" },
		{ "plain", "\"plain\"" },
		{ "a\"b\\c", "\"a\\\"b\\\\c\"" },
		{ "\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\"" },
		{ "\x01\x1b\x1f\x7f", "\"\\u0001\\u001b\\u001f\\u007f\"" },
		{ "Zoë 王芳 🎉", "\"Zoë 王芳 🎉\"" },          /* non-ASCII kept as UTF-8 */
		{ "a\xFF" "b", "\"a\xEF\xBF\xBD" "b\"" },      /* invalid byte: U+FFFD */
		{ "x\xF0\x9F", "\"x\xEF\xBF\xBD\xEF\xBF\xBD\"" },  /* truncated at the end */
		{ "/</script>", "\"/</script>\"" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct strbuf sb = { 0 };
		sb_json_str(&sb, cases[i].in);
		ck_assert_msg(!strcmp(sb_str(&sb), cases[i].out), "case %zu: got %s", i, sb_str(&sb));
		ck_assert(utf8_valid(sb.buf, sb.len));
		sb_free(&sb);
	}
	{
		struct strbuf sb = { 0 };
		sb_json_str(&sb, NULL);
		ck_assert_str_eq(sb_str(&sb), "\"\"");
		sb_free(&sb);
	}
}
END_TEST

START_TEST(test_to_int)
{
	static const struct { const char *s; long long min, max; bool ok; long long v; } cases[] = {
		{ "42", 0, 100, true, 42 },
		{ "0", 0, 100, true, 0 },
		{ "-2", -2, 2, true, -2 },
		{ "+3", 0, 5, true, 3 },
		{ "007", 0, 10, true, 7 },
		{ "42x", 0, 100, false, 0 },
		{ "4 2", 0, 100, false, 0 },
		{ "", 0, 100, false, 0 },
		{ " 4", 0, 100, false, 0 },
		{ "4 ", 0, 100, false, 0 },
		{ "-", -5, 5, false, 0 },
		{ "0x10", 0, 100, false, 0 },
		{ "101", 0, 100, false, 0 },
		{ "-3", -2, 2, false, 0 },
		{ "9223372036854775807", 0, 9223372036854775807LL, true, 9223372036854775807LL },
		{ "9223372036854775808", 0, 9223372036854775807LL, false, 0 },
		{ "1.5", 0, 10, false, 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		long long v = -99;
		bool ok = str_to_int(cases[i].s, cases[i].min, cases[i].max, &v);
		ck_assert_msg(ok == cases[i].ok, "\"%s\": %d", cases[i].s, ok);
		if (ok)
			ck_assert_int_eq(v, cases[i].v);
	}
	ck_assert(!str_to_int(NULL, 0, 1, NULL));
	ck_assert(str_to_int("1", 0, 1, NULL));
}
END_TEST

START_TEST(test_helpers)
{
	char t1[] = "  padded \t\n", t2[] = "   ", t3[] = "x";
	char *d;

	ck_assert_str_eq(str_trim(t1), "padded");
	ck_assert_str_eq(str_trim(t2), "");
	ck_assert_str_eq(str_trim(t3), "x");
	ck_assert_ptr_null(str_trim(NULL));
	ck_assert(str_eq(NULL, NULL));
	ck_assert(!str_eq("a", NULL));
	ck_assert(str_eq("a", "a"));
	ck_assert(!str_eq("a", "ab"));
	ck_assert(str_empty(NULL) && str_empty("") && !str_empty(" "));
	ck_assert(str_prefix("contact", "con") && str_prefix("x", "") && !str_prefix("co", "con"));
	ck_assert(!str_prefix(NULL, "a"));
	d = xstrndup("abcdef", 3);
	ck_assert_str_eq(d, "abc");
	free(d);
	d = xstrndup("ab", 10);
	ck_assert_str_eq(d, "ab");
	free(d);
	ck_assert_ptr_null(xstrdup(NULL));
	/* str_set: an owned text replaced by a copy, by none, or by a part of itself */
	d = NULL;
	str_set(&d, "first");
	ck_assert_str_eq(d, "first");
	str_set(&d, d + 2);
	ck_assert_str_eq(d, "rst");
	str_set(&d, NULL);
	ck_assert_ptr_null(d);
}
END_TEST

START_TEST(test_status)
{
	struct kith_err err;
	char longer[2000];

	ck_assert_str_eq(kith_status_str(KITH_NOTFOUND), "not found");
	ck_assert_str_eq(kith_status_str(KITH_NOMEM), "out of memory");
	ck_assert_str_eq(kith_status_str((enum kith_status)999), "unknown error");
	ck_assert_int_eq(kith_err_set(&err, KITH_INVALID, "influence %d: must be 1 to 5", 9),
			 KITH_INVALID);
	ck_assert_int_eq(err.code, KITH_INVALID);
	ck_assert_str_eq(err.msg, "influence 9: must be 1 to 5");
	ck_assert_int_eq(kith_err_set(NULL, KITH_DB, "x"), KITH_DB);
	memset(longer, 'x', sizeof longer - 1);
	longer[sizeof longer - 1] = '\0';
	kith_err_set(&err, KITH_IO, "%s", longer);
	ck_assert_uint_eq(strlen(err.msg), sizeof err.msg - 1);
	kith_err_clear(&err);
	ck_assert_int_eq(err.code, KITH_OK);
	ck_assert_str_eq(err.msg, "");
	kith_err_clear(NULL);
}
END_TEST

START_TEST(test_types)
{
	ck_assert_str_eq(kith_org_kind_name(KITH_ORG_UNION), "union");
	ck_assert_str_eq(kith_event_kind_name(KITH_EVENT_INFO_INTERVIEW), "informational-interview");
	ck_assert_int_eq(kith_event_kind_parse("Town_Hall"), KITH_EVENT_TOWN_HALL);
	ck_assert_int_eq(kith_event_kind_parse("TOWN-HALL"), KITH_EVENT_TOWN_HALL);
	ck_assert_int_eq(kith_attend_status_parse("no_show"), KITH_ASTATUS_NO_SHOW);
	ck_assert_int_eq(kith_followup_kind_parse("thank-you"), KITH_FKIND_THANK_YOU);
	ck_assert_int_eq(kith_rel_type_parse("rival"), KITH_REL_RIVAL);
	ck_assert_int_eq(kith_interaction_kind_parse("coffee"), KITH_IKIND_COFFEE);
	ck_assert_int_eq(kith_direction_parse("owed"), KITH_DIR_OWED);
	ck_assert_int_eq(kith_intro_stage_parse("Thanked"), KITH_INTRO_THANKED);
	ck_assert_int_eq(kith_interaction_kind_parse("coffe"), -1);
	ck_assert_int_eq(kith_interaction_kind_parse(""), -1);
	ck_assert_int_eq(kith_interaction_kind_parse(NULL), -1);
	ck_assert_str_eq(kith_interaction_kind_name(99), "?");
	ck_assert_str_eq(kith_interaction_kind_name(-1), "?");
	for (int i = 0; i < KITH_ORG_COUNT_; i++)
		ck_assert_int_eq(kith_org_kind_parse(kith_org_kind_name(i)), i);
	for (int i = 0; i < KITH_EVENT_COUNT_; i++)
		ck_assert_int_eq(kith_event_kind_parse(kith_event_kind_name(i)), i);
	ck_assert_str_eq(kith_alignment_name(-2), "active opposition");
	ck_assert_str_eq(kith_alignment_name(0), "neutral");
	ck_assert_str_eq(kith_alignment_name(2), "active ally");
	ck_assert_str_eq(kith_alignment_name(3), "?");
	ck_assert_int_eq(kith_tier_cadence('A'), 21);
	ck_assert_int_eq(kith_tier_cadence('B'), 60);
	ck_assert_int_eq(kith_tier_cadence('C'), 180);
	ck_assert_int_eq(kith_tier_cadence('D'), 365);
	ck_assert_int_eq(kith_tier_cadence(0), 0);
	ck_assert_int_eq(kith_tier_cadence('E'), 0);
	ck_assert_int_eq(kith_tier_cadence('b'), 60);
}
END_TEST

START_TEST(test_xgrow)
{
	int *v = NULL, cap = 0, *same;

	for (int n = 0; n < 100; n++) {
		v = xgrow(v, n, &cap, 4, sizeof *v);
		ck_assert_int_gt(cap, n);
		v[n] = n;
	}
	ck_assert_int_eq(cap, 128);                     /* 4, then doubled */
	for (int n = 0; n < 100; n++)
		ck_assert_int_eq(v[n], n);
	same = xgrow(v, 100, &cap, 4, sizeof *v);       /* room: v as it was */
	ck_assert_ptr_eq(same, v);
	ck_assert_int_eq(cap, 128);
	free(v);
}
END_TEST

/* xprefault: the bytes as they were; where it says so, every page present. */
START_TEST(test_xprefault)
{
	size_t len = (size_t)4 << 20, page = (size_t)sysconf(_SC_PAGESIZE), pages;
	unsigned char *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
				-1, 0), *in;
	size_t present = 0;

	ck_assert_ptr_ne(m, MAP_FAILED);
	pages = len / page;
	in = xmalloc(pages);
	m[0] = 7;                                       /* one page written, the rest untouched */
	m[len - 1] = 9;
	ck_assert_int_eq(mincore(m, len, in), 0);
	for (size_t i = 0; i < pages; i++)
		present += in[i] & 1;
	ck_assert_uint_lt(present, pages);
	/* a small block, or none: nothing to do */
	ck_assert(!xprefault(m, 4096));
	ck_assert(!xprefault(NULL, len));
	errno = 0;
	if (xprefault(m, len)) {
		ck_assert_int_eq(mincore(m, len, in), 0);
		for (size_t i = 0; i < pages; i++)
			ck_assert_int_eq(in[i] & 1, 1);
	} else {
#ifdef MADV_POPULATE_WRITE
		ck_assert_int_eq(errno, EINVAL);        /* only a kernel before 5.14 refuses */
#endif
	}
	ck_assert_int_eq(m[0], 7);
	ck_assert_int_eq(m[len - 1], 9);
	for (size_t i = 1; i < len - 1; i += page / 2)
		ck_assert_int_eq(m[i], 0);
	/* a block that starts and ends inside pages: the same */
	ck_assert(xprefault(m + 100, len - 200) || !xprefault(m, len));
	ck_assert_int_eq(m[0], 7);
	free(in);
	munmap(m, len);
}
END_TEST

START_TEST(test_idmap)
{
	struct idmap m = {0};

	ck_assert_int_eq(idmap_get(&m, 1), -1);         /* no slots yet */
	/* ids that count up, ids far apart, 0 and negative ones (organisations) */
	for (int i = 0; i < 5000; i++)
		idmap_set(&m, i % 2 ? (int64_t)i * 1000003 : -(int64_t)i, i);
	ck_assert_int_eq(m.n, 5000);
	ck_assert_uint_ge(m.mask + 1, 2 * 5000);        /* at most half full */
	for (int i = 0; i < 5000; i++)
		ck_assert_int_eq(idmap_get(&m, i % 2 ? (int64_t)i * 1000003 : -(int64_t)i), i);
	ck_assert_int_eq(idmap_get(&m, 0), 0);
	ck_assert_int_eq(idmap_get(&m, 2), -1);
	ck_assert_int_eq(idmap_get(&m, INT64_MAX), -1);
	idmap_set(&m, 3000009, 7);                      /* a key set again: replaced */
	ck_assert_int_eq(idmap_get(&m, 3000009), 7);
	ck_assert_int_eq(m.n, 5000);
	idmap_free(&m);
	ck_assert_ptr_null(m.slot);
	ck_assert_int_eq(idmap_get(&m, 0), -1);
	idmap_set(&m, 42, 0);                           /* usable again after free */
	ck_assert_int_eq(idmap_get(&m, 42), 0);
	idmap_free(&m);
}
END_TEST

static Suite *
str_suite(void)
{
	Suite *s = suite_create("str");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_strbuf);
	tcase_add_test(tc, test_json);
	tcase_add_test(tc, test_to_int);
	tcase_add_test(tc, test_helpers);
	tcase_add_test(tc, test_status);
	tcase_add_test(tc, test_types);
	tcase_add_test(tc, test_idmap);
	tcase_add_test(tc, test_xgrow);
	tcase_add_test(tc, test_xprefault);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(str_suite()) ? 1 : 0;
}
