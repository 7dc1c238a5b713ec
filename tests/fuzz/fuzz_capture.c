/*
 * fuzz_capture: the quick-capture parser (src/parse/capture.c).
 * Properties: a parse either succeeds with at least one person and a
 * non-empty summary (empty only for a line of follow-ups only), every text
 * valid UTF-8 and every due date valid, or
 * fails with a message naming the column; never both, never a crash.
 */
#include "fuzz.h"

#include "kith/capture.h"
#include "kith/utf8.h"

static void
check_text(const char *s, bool may_be_empty)
{
	FUZZ_ASSERT(s != NULL);
	FUZZ_ASSERT(may_be_empty || *s);
	FUZZ_ASSERT(utf8_valid(s, strlen(s)));
	for (const char *p = s; *p; p++)
		FUZZ_ASSERT((unsigned char)*p >= 0x20 && *p != 0x7f);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kdate today = { 2026, 3, 10 };
	struct capture c;
	struct kith_err err;

	memset(&err, 0, sizeof err);
	if (capture_parse((const char *)data, size, today, &c, &err) != KITH_OK) {
		FUZZ_ASSERT(err.msg[0] != '\0');
		FUZZ_ASSERT(c.n_people == 0 && c.summary == NULL);
		return 0;
	}
	FUZZ_ASSERT(c.n_people >= 1);
	check_text(c.summary, c.n_followups > 0);  /* "!fri call the clerk @dana" */
	for (size_t i = 0; i < c.n_people; i++)
		check_text(c.people[i].name, false);
	for (size_t i = 0; i < c.n_orgs; i++)
		check_text(c.orgs[i].name, false);
	for (size_t i = 0; i < c.n_tags; i++)
		check_text(c.tags[i], false);
	for (size_t i = 0; i < c.n_followups; i++) {
		const struct capture_followup *f = &c.followups[i];
		struct kdate d;
		check_text(f->title, true);
		if (f->intro) {
			check_text(f->a.name, false);
			check_text(f->b.name, false);
		} else {
			FUZZ_ASSERT(kdate_parse_iso(f->due, &d) && kdate_valid(d));
			FUZZ_ASSERT(f->person >= -1 && f->person < (int)c.n_people);
		}
	}
	capture_free(&c);
	return 0;
}
