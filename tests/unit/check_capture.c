/*
 * check_capture.c: the quick-capture parser, table-driven. Today is fixed
 * at Tuesday 2026-03-10, so "fri" is 2026-03-13.
 *
 * Each case is a line and what it must parse to, written compactly:
 *   P[a|b]    people as typed          O[x]  organisations
 *   E[x]      the event                T[x|y] tags
 *   F[dir due "title" @person]         a follow-up (dir: -, owe, owed)
 *   I[a>b "title"]                     an introduction
 *   S"summary" K:kind
 * or, for a line that must fail, the start of the error message.
 */
#include "testutil.h"

#include <string.h>

#include "kith/capture.h"
#include "kith/str.h"
#include "kith/types.h"

static const struct kdate today = { 2026, 3, 10 };

static void
names(struct strbuf *sb, const char *tag, const struct capture_mention *m, size_t n)
{
	if (!n)
		return;
	sb_printf(sb, "%s[", tag);
	for (size_t i = 0; i < n; i++)
		sb_printf(sb, "%s%s", i ? "|" : "", m[i].name);
	sb_append(sb, "] ");
}

static char *
describe(const struct capture *c)
{
	struct strbuf sb = { 0 };

	names(&sb, "P", c->people, c->n_people);
	names(&sb, "O", c->orgs, c->n_orgs);
	if (c->event.name)
		names(&sb, "E", &c->event, 1);
	if (c->n_tags) {
		sb_append(&sb, "T[");
		for (size_t i = 0; i < c->n_tags; i++)
			sb_printf(&sb, "%s%s", i ? "|" : "", c->tags[i]);
		sb_append(&sb, "] ");
	}
	for (size_t i = 0; i < c->n_followups; i++) {
		const struct capture_followup *f = &c->followups[i];
		if (f->intro)
			sb_printf(&sb, "I[%s>%s \"%s\"] ", f->a.name, f->b.name, f->title);
		else
			sb_printf(&sb, "F[%s %s \"%s\" @%d] ",
				  f->direction == KITH_DIR_NONE ? "-" : kith_direction_name(f->direction),
				  f->due, f->title, f->person);
	}
	sb_printf(&sb, "S\"%s\" K:%s", c->summary, kith_interaction_kind_name(c->kind));
	if (c->raised)
		sb_append(&sb, " RAISED");
	if (c->exchange != KITH_XCHG_NONE)
		sb_printf(&sb, " X:%s", kith_exchange_name(c->exchange));
	return sb_detach(&sb);
}

struct pcase {
	const char *in;
	const char *want;           /* the description, or the error's start with ok = false */
	bool ok;
};

#define OK(in, want) { in, want, true }
#define BAD(in, want) { in, want, false }

static const struct pcase cases[] = {
	/* the example of the issue */
	OK("@zoe @\"Tom Ruiz\" coffee about zoning #housing !fri send the draft",
	   "P[zoe|Tom Ruiz] T[housing] F[- 2026-03-13 \"send the draft\" @1] S\"coffee about zoning\" K:coffee"),
	OK("@jane @\"Tom Ruiz\" coffee about zoning #housing !fri send the draft ordinance",
	   "P[jane|Tom Ruiz] T[housing] F[- 2026-03-13 \"send the draft ordinance\" @1] S\"coffee about zoning\" K:coffee"),
	/* !raised (issue 18): the tags are concerns the people raised; it needs one */
	OK("@ana @ben the light is out #elm-st-light !raised",
	   "P[ana|ben] T[elm-st-light] S\"the light is out\" K:note RAISED"),
	OK("@ana !RAISED late again #bus-14 !fri call the depot",
	   "P[ana] T[bus-14] F[- 2026-03-13 \"call the depot\" @0] S\"late again\" K:note RAISED"),
	BAD("@ana the light is out !raised", "!raised: name the issue they raised with a #tag"),
	/* single tokens */
	OK("@ana talked", "P[ana] S\"talked\" K:note"),
	OK("call with @ana about the budget", "P[ana] S\"call with ana about the budget\" K:call"),
	OK("@ana called back", "P[ana] S\"called back\" K:note"),
	/* "call, ..." and "Email: ..." name the kind (issue 17) */
	OK("call, @ana about the levy", "P[ana] S\"call, ana about the levy\" K:call"),
	OK("@ana Email: sent the numbers", "P[ana] S\"Email: sent the numbers\" K:email"),
	/* follow-ups only: no summary, nothing to log (issue 17) */
	OK("@ana !fri send the draft", "P[ana] F[- 2026-03-13 \"send the draft\" @0] S\"\" K:note"),
	OK("!fri call the clerk @dana", "P[dana] F[- 2026-03-13 \"call the clerk\" @0] S\"\" K:note"),
	OK("@ana met at ~\"City Hall\"", "P[ana] O[City Hall] S\"met at City Hall\" K:note"),
	OK("~Acme @ana demo", "P[ana] O[Acme] S\"Acme demo\" K:note"),
	OK("@ana ^\"Spring Gala\" spoke", "P[ana] E[Spring Gala] S\"spoke\" K:note"),
	OK("@ana spoke #x ^\"Spring Gala\"", "P[ana] E[Spring Gala] T[x] S\"spoke\" K:note"),
	OK("lunch with @ana", "P[ana] S\"lunch with ana\" K:note"),
	OK("lunch !fri x @ana @bo", "P[ana|bo] F[- 2026-03-13 \"x\" @0] S\"lunch\" K:note"),
	OK("@ana spoke at ^gala yesterday", "P[ana] E[gala] S\"spoke at gala yesterday\" K:note"),
	OK("@ana note #a #b #A", "P[ana] T[a|b] S\"note\" K:note"),
	OK("@ana x #\"bike lanes\"", "P[ana] T[bike lanes] S\"x\" K:note"),
	/* several people, punctuation */
	OK("@ana, @bo and @cy: lunch", "P[ana|bo|cy] S\"and cy lunch\" K:note"),
	OK("@ana @bo @cy @dee meeting", "P[ana|bo|cy|dee] S\"meeting\" K:meeting"),
	OK("meeting with @ana.", "P[ana] S\"meeting with ana\" K:meeting"),
	/* Unicode names */
	OK("@Zoë @\"Nguyễn Văn An\" café", "P[Zoë|Nguyễn Văn An] S\"café\" K:note"),
	OK("@佐藤 お茶", "P[佐藤] S\"お茶\" K:note"),
	OK("@\"José María\" social #vivienda", "P[José María] T[vivienda] S\"social\" K:social"),
	OK("@Ωmega email ~Ärzte", "P[Ωmega] O[Ärzte] S\"email Ärzte\" K:email"),
	/* follow-ups and commitments */
	OK("@ana chat !tomorrow call back", "P[ana] F[- 2026-03-11 \"call back\" @0] S\"chat\" K:note"),
	OK("@ana chat !3d call back #x more notes",
	   "P[ana] T[x] F[- 2026-03-13 \"call back\" @0] S\"chat more notes\" K:note"),
	OK("@ana chat !2w a !1m b", "P[ana] F[- 2026-03-24 \"a\" @0] F[- 2026-04-10 \"b\" @0] S\"chat\" K:note"),
	OK("@ana chat !2026-04-01 send it", "P[ana] F[- 2026-04-01 \"send it\" @0] S\"chat\" K:note"),
	OK("@ana chat !2026-04-01 10:00 send it", "P[ana] F[- 2026-04-01 \"send it\" @0] S\"chat\" K:note"),
	OK("@ana chat !owe fri the report", "P[ana] F[owe 2026-03-13 \"the report\" @0] S\"chat\" K:note"),
	OK("@ana chat !OWED mon the list", "P[ana] F[owed 2026-03-16 \"the list\" @0] S\"chat\" K:note"),
	OK("@ana chat !owe fri x !owed fri y",
	   "P[ana] F[owe 2026-03-13 \"x\" @0] F[owed 2026-03-13 \"y\" @0] S\"chat\" K:note"),
	OK("@ana @bo chat !fri a @cy !mon b",
	   "P[ana|bo|cy] F[- 2026-03-13 \"a\" @1] F[- 2026-03-16 \"b\" @2] S\"chat\" K:note"),
	OK("!fri a @ana chat", "P[ana] F[- 2026-03-13 \"a\" @0] S\"chat\" K:note"),
	OK("@ana chat !fri send \\#3 and \\@home", "P[ana] F[- 2026-03-13 \"send #3 and @home\" @0] S\"chat\" K:note"),
	/* introductions */
	OK("@dana coffee !intro @ana>@\"Tom Ruiz\"", "P[dana] I[ana>Tom Ruiz \"\"] S\"coffee\" K:coffee"),
	/* fuzz_capture: a tab inside quotes is a space, never part of the name */
	OK("@\"Tom\tRuiz\" call", "P[Tom Ruiz] S\"call\" K:call"),
	OK("@dana coffee !intro @ana > @tom about housing",
	   "P[dana] I[ana>tom \"about housing\"] S\"coffee\" K:coffee"),
	OK("@dana coffee !intro @\"Ana Lima\">@tom", "P[dana] I[Ana Lima>tom \"\"] S\"coffee\" K:coffee"),
	/* plain text that looks like tokens */
	OK("@ana emailed ana@example.org about C# and 100%!", "P[ana] S\"emailed ana@example.org about C# and 100%!\" K:note"),
	OK("@ana \\#1 priority", "P[ana] S\"#1 priority\" K:note"),
	OK("  @ana\t spaced   out  ", "P[ana] S\"spaced out\" K:note"),
	/* +give and +ask mark the interaction (issue 18): anywhere, any case, not in the summary */
	OK("@ana helped with the lease letter +give", "P[ana] S\"helped with the lease letter\" K:note X:give"),
	OK("+ASK @ana coffee about the hall", "P[ana] S\"coffee about the hall\" K:coffee X:ask"),
	OK("@ana coffee +give +give", "P[ana] S\"coffee\" K:coffee X:give"),
	OK("@ana chat !fri send it +ask", "P[ana] F[- 2026-03-13 \"send it\" @0] S\"chat\" K:note X:ask"),
	OK("@ana +1 and +given stay", "P[ana] S\"+1 and +given stay\" K:note"),
	OK("@ana \\+give is text", "P[ana] S\"+give is text\" K:note"),
	OK("@ana chat !fri send \\+ask too", "P[ana] F[- 2026-03-13 \"send +ask too\" @0] S\"chat\" K:note"),
	BAD("@ana coffee +give +ask", "col 19: +ask: one capture is either +give or +ask"),
	BAD("@ana !fri send it +give", "col 19: +give: marks what happened"),
	/* errors: empty, lone signs, quotes */
	BAD("", "empty capture"),
	BAD("   \t ", "empty capture"),
	BAD("@ hello", "col 1: @: a name must follow"),
	BAD("@ana x @", "col 8: @: a name must follow"),
	BAD("@ana x #", "col 8: #: a tag must follow #"),
	BAD("@ana x ~", "col 8: ~: a name must follow"),
	BAD("@ana x ^ y", "col 8: ^: a name must follow"),
	BAD("@\"\" x", "col 1: @\"\": a name must follow"),
	BAD("@ana @\"Tom Ruiz coffee", "col 6: @\"Tom: unterminated quote"),
	BAD("@\"Tom\"x y", "col 1: @\"Tom\"x: text after the closing quote"),
	/* errors: dates and titles */
	BAD("@ana chat !xyz send", "col 11: !xyz: not a date"),
	BAD("@zoë chat !xyz send", "col 11: !xyz: not a date"),
	BAD("@ana chat !2026-02-30 send", "col 11: !2026-02-30: not a date"),
	BAD("@ana chat !fri", "col 11: !fri: the follow-up needs a title"),
	BAD("@ana chat !fri #x", "col 11: !fri: the follow-up needs a title"),
	BAD("@ana chat ! fri x", "col 11: !: a follow-up needs a WHEN"),
	BAD("@ana chat !owe", "col 11: !owe: a commitment needs a WHEN"),
	BAD("@ana chat !owe soon the report", "col 11: !owe soon: not a date"),
	BAD("@ana chat !owed fri", "col 11: !owed fri: the commitment needs a title"),
	BAD("@ana chat !intro ana>bo", "col 11: !intro: expected !intro @A>@B"),
	BAD("@ana chat !intro @ana bo", "col 11: !intro @ana: expected"),
	BAD("@ana chat !intro @ana>", "col 11: !intro @ana>: expected"),
	BAD("@ana chat !intro", "col 11: !intro: expected"),
	/* errors: the whole line */
	BAD("coffee about zoning", "no @person"),
	BAD("#housing !fri send", "no @person"),
	BAD("@ana @bo", "no summary"),
	BAD("@ana x ^a ^b", "col 11: ^b: only one ^event"),
	BAD("@ana \x01 x", "col 6: ^A: control character"),
	BAD("@ana \xe2\x80\xae x", "col 6: "),
	BAD("@ana \xff x", "col 6: not valid UTF-8"),
};

START_TEST(test_parse_table)
{
	ck_assert_int_ge((int)(sizeof cases / sizeof cases[0]), 40);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct capture c;
		struct kith_err err;
		enum kith_status st;

		kith_err_clear(&err);
		st = capture_parse(cases[i].in, strlen(cases[i].in), today, &c, &err);
		if (cases[i].ok) {
			char *got;
			ck_assert_msg(st == KITH_OK, "case %zu \"%s\": %s", i, cases[i].in, err.msg);
			got = describe(&c);
			ck_assert_msg(!strcmp(got, cases[i].want), "case %zu \"%s\":\n got  %s\n want %s",
				      i, cases[i].in, got, cases[i].want);
			free(got);
			capture_free(&c);
		} else {
			ck_assert_msg(st == KITH_INVALID, "case %zu \"%s\": parsed", i, cases[i].in);
			ck_assert_msg(!strncmp(err.msg, cases[i].want, strlen(cases[i].want)),
				      "case %zu \"%s\":\n got  %s\n want %s...", i, cases[i].in,
				      err.msg, cases[i].want);
			ck_assert_ptr_null(c.people);
			ck_assert_ptr_null(c.summary);
		}
	}
}
END_TEST

/* Where each name sits in the summary, for the resolver to put full names there. */
START_TEST(test_summary_offsets)
{
	static const char line[] = "lunch with @zoe at ~\"City Hall\" !fri x";
	struct capture c;
	struct kith_err err;

	ck_assert_int_eq(capture_parse(line, strlen(line), today, &c, &err), KITH_OK);
	ck_assert_str_eq(c.summary, "lunch with zoe at City Hall");
	ck_assert_int_eq(c.people[0].sum_off, 11);
	ck_assert_int_eq(c.people[0].sum_len, 3);
	ck_assert_int_eq(c.orgs[0].sum_off, 18);
	ck_assert_int_eq(c.orgs[0].sum_len, 9);
	ck_assert_int_eq(c.people[0].col, 12);
	ck_assert_int_eq(c.followups[0].col, 33);
	capture_free(&c);
	/* a leading mention is not in the summary */
	ck_assert_int_eq(capture_parse("@zoe hi", 7, today, &c, &err), KITH_OK);
	ck_assert_int_eq(c.people[0].sum_off, -1);
	capture_free(&c);
}
END_TEST

/* (buffer, length): the length rules, not a NUL; a NUL inside is an error. */
START_TEST(test_buffer_length)
{
	static const char buf[] = "@ana hello world";
	static const char nul[] = "@ana he\0llo";
	struct capture c;
	struct kith_err err;

	ck_assert_int_eq(capture_parse(buf, 10, today, &c, &err), KITH_OK);
	ck_assert_str_eq(c.summary, "hello");
	capture_free(&c);
	ck_assert_int_eq(capture_parse(nul, sizeof nul - 1, today, &c, &err), KITH_INVALID);
	ck_assert_msg(strstr(err.msg, "col 8") != NULL, "%s", err.msg);
	ck_assert_int_eq(capture_parse(NULL, 5, today, &c, &err), KITH_INVALID);
	/* an unterminated quote at the very end of the buffer */
	ck_assert_int_eq(capture_parse("@\"", 2, today, &c, &err), KITH_INVALID);
	ck_assert_int_eq(capture_parse("!", 1, today, &c, &err), KITH_INVALID);
	ck_assert_int_eq(capture_parse("@a x !intro @", 13, today, &c, &err), KITH_INVALID);
	capture_free(&c);       /* safe after a failure */
}
END_TEST

/* Every prefix of every case parses or fails cleanly (ASan checks the reads). */
START_TEST(test_prefixes)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t n = strlen(cases[i].in);
		for (size_t k = 0; k <= n; k++) {
			char *copy = malloc(k ? k : 1);
			struct capture c;
			struct kith_err err;
			memcpy(copy, cases[i].in, k);
			if (capture_parse(copy, k, today, &c, &err) == KITH_OK) {
				ck_assert_ptr_nonnull(c.summary);
				ck_assert(c.summary[0] != '\0' || c.n_followups > 0);
				ck_assert(c.n_people > 0);
				capture_free(&c);
			} else {
				ck_assert(err.msg[0] != '\0');
			}
			free(copy);
		}
	}
}
END_TEST

/*
** Random lines over the grammar's alphabet (a fixed seed, so a failure
** repeats): every one parses or fails cleanly, and a parse keeps the
** invariants. Under `make check SANITIZE=1` this is a small fuzzer.
*/
START_TEST(test_random_lines)
{
	static const char *const bits[] = {
		"@", "~", "^", "#", "!", "\"", ">", " ", " ", " ", "\t", "a", "zoe", "Tom",
		"fri", "3d", "owe", "owed", "intro", "2026-03-13", "10:00", "\\", ",", ".",
		"\xc3\xab", "\xe4\xbd\x90", "\xcc\x81", "x", "coffee", "\xff", "!intro @a>@b",
	};
	unsigned long seed = 12345;

	for (int n = 0; n < 20000; n++) {
		char line[256];
		size_t len = 0;
		int parts;
		struct capture c;
		struct kith_err err;

		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		parts = (int)(seed >> 59);
		for (int i = 0; i < parts; i++) {
			const char *b;
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			b = bits[(seed >> 33) % (sizeof bits / sizeof bits[0])];
			if (len + strlen(b) >= sizeof line)
				break;
			memcpy(line + len, b, strlen(b));
			len += strlen(b);
		}
		kith_err_clear(&err);
		if (capture_parse(line, len, today, &c, &err) == KITH_OK) {
			ck_assert(c.n_people > 0 && c.summary && (*c.summary || c.n_followups));
			for (size_t i = 0; i < c.n_followups; i++)
				ck_assert(c.followups[i].intro || (c.followups[i].person >= 0 &&
					  (size_t)c.followups[i].person < c.n_people));
			ck_assert(capture_n_persons(&c) >= c.n_people);
			for (size_t i = 0; i < capture_n_persons(&c); i++)
				ck_assert(*capture_person(&c, i)->name);
			capture_free(&c);
		} else {
			ck_assert_msg(err.msg[0], "no message for %.*s", (int)len, line);
			ck_assert_ptr_null(c.summary);
		}
	}
}
END_TEST

static Suite *
capture_suite(void)
{
	Suite *s = suite_create("capture");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, test_parse_table);
	tcase_add_test(tc, test_summary_offsets);
	tcase_add_test(tc, test_buffer_length);
	tcase_add_test(tc, test_prefixes);
	tcase_add_test(tc, test_random_lines);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(capture_suite()) ? EXIT_FAILURE : EXIT_SUCCESS;
}
