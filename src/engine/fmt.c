/*
 * fmt.c: words and short forms the panes share ("12d", "+1 ally").
 */
#include "panes.h"

#include <stdio.h>
#include <string.h>

#include "kith/date.h"
#include "kith/types.h"

void
fmt_ago(const char *when, char out[16])
{
	struct kdatetime t;
	char d[KDATE_STR];

	if (!when || !*when) {
		snprintf(out, 16, "never");
		return;
	}
	snprintf(d, sizeof d, "%.10s", when);
	if (!kdate_parse_iso(d, &t.date)) {
		snprintf(out, 16, "?");
		return;
	}
	/* a touch is never ahead of today (one stored before kith refused
	   them, or an event marked attended before it happened): "today" */
	if (kdate_cmp(t.date, kdate_today()) > 0)
		t.date = kdate_today();
	kdate_ago(t.date, kdate_today(), out);
}

const char *
fmt_alignment(int a)
{
	static const char *const words[] = { "−2 opp", "−1 opp", " 0 neu", "+1 ally", "+2 ally" };
	return a >= -2 && a <= 2 ? words[a + 2] : "?";
}

void
fmt_influence(int influence, char out[4])
{
	if (influence >= 1 && influence <= 5)
		snprintf(out, 4, "%d", influence);
	else
		snprintf(out, 4, "-");
}

enum view_style
fmt_alignment_style(int a)
{
	return a > 0 ? VS_ALLY : a < 0 ? VS_OPPOSED : VS_NORMAL;
}

bool
fmt_parse_when(const char *text, char out[KDATETIME_STR], bool date_only, struct kith_err *err)
{
	struct kdatetime t;

	if (kdate_parse_when(text, kdate_today(), &t, err) != KITH_OK)
		return false;
	if (date_only)
		t.has_time = false;
	kdatetime_format(t, out);
	return true;
}
