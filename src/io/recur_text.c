/*
 * recur_text.c: a recurrence rule in words (issue 14), for the event card
 * and `kith list events`: "FREQ=MONTHLY;COUNT=6;BYDAY=2TU" with the EXDATE
 * 20270112T183000 is "every 2nd Tuesday, 6 times, not 12 Jan".
 *
 * It reads the rule as kith stores it (RFC 5545 RRULE text, then
 * "\nEXDATE:" and a comma-separated list) by hand: a few key=value pairs,
 * no libical, so a listing does not load it. A part it has no words for
 * (BYSETPOS, BYWEEKNO, BYHOUR, HOURLY, ...) makes it return the rule as
 * written, never a description that says less than the rule does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/io.h"
#include "kith/str.h"
#include "kith/xalloc.h"

static const char *const day_names[] = { "Monday", "Tuesday", "Wednesday", "Thursday",
					 "Friday", "Saturday", "Sunday" };
static const char *const day_codes[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };
static const char *const months[] = { "January", "February", "March", "April", "May", "June",
				      "July", "August", "September", "October", "November",
				      "December" };

struct rule {
	char freq[128];
	long interval, count;
	char until[128];
	char byday[128], bymonthday[128], bymonth[128];
	bool other;                 /* a part there are no words for */
};

static bool
parse_rule(const char *s, size_t len, struct rule *r)
{
	memset(r, 0, sizeof *r);
	r->interval = 1;
	while (len > 0) {
		size_t n = 0, eq;
		char key[16], val[128];
		while (n < len && s[n] != ';')
			n++;
		eq = 0;
		while (eq < n && s[eq] != '=')
			eq++;
		if (eq == n || eq >= sizeof key || n - eq - 1 >= sizeof val)
			return false;
		memcpy(key, s, eq);
		key[eq] = '\0';
		memcpy(val, s + eq + 1, n - eq - 1);
		val[n - eq - 1] = '\0';
		if (!strcmp(key, "FREQ")) {
			snprintf(r->freq, sizeof r->freq, "%s", val);
		} else if (!strcmp(key, "INTERVAL") || !strcmp(key, "COUNT")) {
			char *end;
			long v = strtol(val, &end, 10);
			if (*end || v < 1)
				return false;
			*(!strcmp(key, "COUNT") ? &r->count : &r->interval) = v;
		} else if (!strcmp(key, "UNTIL")) {
			snprintf(r->until, sizeof r->until, "%s", val);
		} else if (!strcmp(key, "BYDAY")) {
			snprintf(r->byday, sizeof r->byday, "%s", val);
		} else if (!strcmp(key, "BYMONTHDAY")) {
			snprintf(r->bymonthday, sizeof r->bymonthday, "%s", val);
		} else if (!strcmp(key, "BYMONTH")) {
			snprintf(r->bymonth, sizeof r->bymonth, "%s", val);
		} else if (strcmp(key, "WKST")) {
			r->other = true;
		}
		s += n + (n < len);
		len -= n + (n < len);
	}
	return r->freq[0] != '\0';
}

/* "1st", "2nd", "3rd", "4th", "21st", ... */
static void
ordinal(struct strbuf *sb, long n)
{
	const char *suf = "th";

	if (n % 100 < 11 || n % 100 > 13)
		suf = n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
	sb_printf(sb, "%ld%s", n, suf);
}

/* Joins list items: "a", "a and b", "a, b and c". */
static void
sep(struct strbuf *sb, int i, int n)
{
	if (i > 0)
		sb_append(sb, i == n - 1 ? " and " : ", ");
}

static int
count_items(const char *list)
{
	int n = *list ? 1 : 0;

	for (; *list; list++)
		n += *list == ',';
	return n;
}

/* One BYDAY item ("2TU", "-1FR", "MO"): its ordinal into *ord (0: none) and day 0-6. */
static bool
parse_day(const char *item, size_t len, long *ord, int *day)
{
	char code[3];
	char *end;

	if (len < 2 || len > 5)
		return false;
	code[0] = item[len - 2], code[1] = item[len - 1], code[2] = '\0';
	*day = -1;
	for (int i = 0; i < 7; i++)
		if (!strcmp(code, day_codes[i]))
			*day = i;
	if (*day < 0)
		return false;
	*ord = 0;
	if (len > 2) {
		char num[4];
		memcpy(num, item, len - 2);
		num[len - 2] = '\0';
		*ord = strtol(num, &end, 10);
		if (*end || *ord == 0 || *ord > 53 || *ord < -53)
			return false;
	}
	return true;
}

/* "2nd Tuesday", "last Friday", "2nd-to-last Monday", "Monday". */
static void
day_words(struct strbuf *sb, long ord, int day)
{
	if (ord == -1) {
		sb_append(sb, "last ");
	} else if (ord < -1) {
		ordinal(sb, -ord);
		sb_append(sb, "-to-last ");
	} else if (ord > 0) {
		ordinal(sb, ord);
		sb_appendc(sb, ' ');
	}
	sb_append(sb, day_names[day]);
}

/* The BYDAY list in words; false if an item is not a day. */
static bool
days_words(struct strbuf *sb, const char *list, bool *any_ord)
{
	int n = count_items(list), i = 0;

	*any_ord = false;
	for (const char *p = list; *p; i++) {
		size_t len = strcspn(p, ",");
		long ord;
		int day;
		if (!parse_day(p, len, &ord, &day))
			return false;
		*any_ord |= ord != 0;
		sep(sb, i, n);
		day_words(sb, ord, day);
		p += len + (p[len] == ',');
	}
	return true;
}

/* The BYMONTHDAY list: "the 15th", "the 1st and 15th", "the last day". */
static bool
monthdays_words(struct strbuf *sb, const char *list)
{
	int n = count_items(list), i = 0;

	sb_append(sb, "the ");
	for (const char *p = list; *p; i++) {
		char *end;
		long d = strtol(p, &end, 10);
		if (end == p || (*end && *end != ',') || d == 0 || d > 31 || d < -31)
			return false;
		sep(sb, i, n);
		if (d == -1) {
			sb_append(sb, "last day");
		} else if (d < -1) {
			ordinal(sb, -d);
			sb_append(sb, "-to-last day");
		} else {
			ordinal(sb, d);
		}
		p = *end ? end + 1 : end;
	}
	return true;
}

static bool
months_words(struct strbuf *sb, const char *list)
{
	int n = count_items(list), i = 0;

	for (const char *p = list; *p; i++) {
		char *end;
		long m = strtol(p, &end, 10);
		if (end == p || (*end && *end != ',') || m < 1 || m > 12)
			return false;
		sep(sb, i, n);
		sb_append(sb, months[m - 1]);
		p = *end ? end + 1 : end;
	}
	return true;
}

/* "every", "every 2" + unit: "every day", "every 3 weeks". */
static void
every(struct strbuf *sb, long interval, const char *unit)
{
	if (interval == 1)
		sb_printf(sb, "every %s", unit);
	else
		sb_printf(sb, "every %ld %ss", interval, unit);
}

/* "20270112", "20270112T183000[Z]": "12 Jan" (with the year: "12 Jan 2027"). */
static bool
date_words(struct strbuf *sb, const char *d, size_t len, bool year)
{
	int y, m, day;

	if (len < 8 || sscanf(d, "%4d%2d%2d", &y, &m, &day) != 3 || m < 1 || m > 12 || day < 1 ||
	    day > 31)
		return false;
	sb_printf(sb, "%d %.3s", day, months[m - 1]);
	if (year)
		sb_printf(sb, " %d", y);
	return true;
}

static bool
describe(struct strbuf *sb, const struct rule *r)
{
	bool ord = false;

	if (r->other)
		return false;
	if (!strcmp(r->freq, "DAILY")) {
		if (r->byday[0] || r->bymonthday[0] || r->bymonth[0])
			return false;
		every(sb, r->interval, "day");
	} else if (!strcmp(r->freq, "WEEKLY")) {
		if (r->bymonthday[0] || r->bymonth[0])
			return false;
		if (!r->byday[0]) {
			every(sb, r->interval, "week");
		} else {
			struct strbuf d = {0};
			bool ok = days_words(&d, r->byday, &ord) && !ord;
			if (ok && r->interval == 1)
				sb_printf(sb, "every %s", sb_str(&d));
			else if (ok)
				sb_printf(sb, "every %ld weeks on %s", r->interval, sb_str(&d));
			sb_free(&d);
			if (!ok)
				return false;
		}
	} else if (!strcmp(r->freq, "MONTHLY")) {
		struct strbuf d = {0};
		bool ok = true;
		if (r->bymonth[0] || (r->byday[0] && r->bymonthday[0]))
			return false;
		if (r->byday[0])
			ok = days_words(&d, r->byday, &ord);
		else if (r->bymonthday[0])
			ok = monthdays_words(&d, r->bymonthday);
		if (!ok) {
			sb_free(&d);
			return false;
		}
		if (r->byday[0] && r->interval == 1)
			sb_printf(sb, "every %s", sb_str(&d));      /* every 2nd Tuesday */
		else if (d.len) {
			every(sb, r->interval, "month");
			sb_printf(sb, r->byday[0] && ord ? " on the %s" : " on %s", sb_str(&d));
		} else {
			every(sb, r->interval, "month");
		}
		sb_free(&d);
	} else if (!strcmp(r->freq, "YEARLY")) {
		struct strbuf d = {0}, m = {0};
		bool ok = (!r->bymonth[0] || months_words(&m, r->bymonth)) &&
			  (!r->byday[0] || days_words(&d, r->byday, &ord)) &&
			  (!r->bymonthday[0] || monthdays_words(&d, r->bymonthday)) &&
			  !(r->byday[0] && r->bymonthday[0]) && (m.len || !d.len) &&
			  (!r->byday[0] || ord);    /* "every Sunday in March": no words yet */
		if (ok) {
			every(sb, r->interval, "year");
			if (d.len)
				sb_printf(sb, r->byday[0] ? " on the %s of %s" : " on %s of %s",
					  sb_str(&d), sb_str(&m));
			else if (m.len)
				sb_printf(sb, " in %s", sb_str(&m));
		}
		sb_free(&d);
		sb_free(&m);
		if (!ok)
			return false;
	} else {
		return false;
	}
	if (r->count)
		sb_printf(sb, r->count == 1 ? ", once" : ", %ld times", r->count);
	if (r->until[0]) {
		sb_append(sb, ", until ");
		if (!date_words(sb, r->until, strlen(r->until), true))
			return false;
	}
	return true;
}

char *
io_recur_describe(const char *rrule)
{
	struct strbuf sb = {0};
	struct rule r;
	const char *nl, *ex = NULL;
	size_t len;

	if (str_empty(rrule))
		return xstrdup("");
	nl = strchr(rrule, '\n');
	len = nl ? (size_t)(nl - rrule) : strlen(rrule);
	if (nl && !strncmp(nl + 1, "EXDATE:", 7))
		ex = nl + 8;
	if (!parse_rule(rrule, len, &r) || !describe(&sb, &r)) {
		sb_free(&sb);
		return xstrndup(rrule, len);
	}
	if (ex && *ex) {
		int n = count_items(ex), shown = n > 4 ? 3 : n, i = 0;
		sb_append(&sb, ", not ");
		for (const char *p = ex; *p && i < shown; i++) {
			size_t l = strcspn(p, ",");
			sep(&sb, i, n > 4 ? shown + 1 : n);
			if (!date_words(&sb, p, l, false)) {
				sb_free(&sb);
				return xstrndup(rrule, len);
			}
			p += l + (p[l] == ',');
		}
		if (n > 4)
			sb_printf(&sb, " and %d more", n - shown);
	}
	return sb_detach(&sb);
}
