/*
 * fuzz_date: the WHEN parser and the ISO parsers (src/util/date.c).
 * Properties: whatever they accept is a valid date (and time) that
 * formats and parses back to itself; "ago" never overflows its buffer.
 */
#include "fuzz.h"

#include "kith/date.h"

static void
check_roundtrip(struct kdatetime t)
{
	char buf[KDATETIME_STR], ago[16];
	struct kdatetime back;
	struct kdate today = { 2026, 3, 10 };

	FUZZ_ASSERT(kdate_valid(t.date));
	if (t.has_time)
		FUZZ_ASSERT(t.hh >= 0 && t.hh <= 23 && t.mm >= 0 && t.mm <= 59);
	kdatetime_format(t, buf);
	FUZZ_ASSERT(strlen(buf) == (t.has_time ? 16u : 10u));
	FUZZ_ASSERT(kdatetime_parse_iso(buf, &back));
	FUZZ_ASSERT(kdate_cmp(back.date, t.date) == 0 && back.has_time == t.has_time);
	FUZZ_ASSERT(kdate_cmp(kdate_from_days(kdate_to_days(t.date)), t.date) == 0);
	kdate_ago(t.date, today, ago);
	FUZZ_ASSERT(strlen(ago) < sizeof(ago));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct kdate todays[] = {
		{ 2026, 3, 10 }, { 2024, 2, 29 }, { 1970, 1, 1 }, { 9999, 12, 31 }, { 1, 1, 1 },
	};
	char *s = fuzz_str(data, size);
	struct kdatetime t;
	struct kdate d;
	struct kith_err err;
	size_t i;

	for (i = 0; i < sizeof(todays) / sizeof(todays[0]); i++) {
		memset(&err, 0, sizeof(err));
		if (kdate_parse_when(s, todays[i], &t, &err) == KITH_OK)
			check_roundtrip(t);
		else
			FUZZ_ASSERT(err.msg[0] != '\0');
	}
	if (kdatetime_parse_iso(s, &t))
		check_roundtrip(t);
	if (kdate_parse_iso(s, &d)) {
		t.date = d;
		t.has_time = false;
		check_roundtrip(t);
	}
	free(s);
	return 0;
}
