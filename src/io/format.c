/*
 * format.c: format names and telling a file's format from its content.
 */
#include "io_internal.h"

#include <stdlib.h>
#include <string.h>

#include "kith/types.h"

static const char *const format_names[] = {
#define IO_FMT_NAME(n, w) w,
	KITH_IO_FORMATS(IO_FMT_NAME)
#undef IO_FMT_NAME
};

const char *
io_format_name(int f)
{
	return kith_word_name(format_names, IO_FMT_COUNT_, f, "?");
}

int
io_format_parse(const char *word)
{
	int f = kith_word_parse(format_names, IO_FMT_COUNT_, word);

	if (f >= 0 || !word)
		return f;
	if (io_ieq(word, "vcard"))
		return IO_FMT_VCF;
	if (io_ieq(word, "ical") || io_ieq(word, "icalendar"))
		return IO_FMT_ICS;
	return -1;
}

/* Case-insensitive search for an ASCII word in the first bytes (any encoding's ASCII subset). */
static bool
has_word(const char *text, size_t len, const char *word)
{
	size_t wl = strlen(word);

	for (size_t i = 0; i + wl <= len; i++)
		if (io_ieqn(text + i, word, wl))
			return true;
	return false;
}

int
io_format_sniff(const char *buf, size_t len, const char *name)
{
	size_t tlen, probe;
	char *text = io_text_bytes(buf, len < 8192 ? len : 8192, &tlen);
	const char *dot = name ? strrchr(name, '.') : NULL;
	int f = -1;

	probe = tlen;
	if (has_word(text, probe, "BEGIN:VCARD"))
		f = IO_FMT_VCF;
	else if (has_word(text, probe, "BEGIN:VCALENDAR") || has_word(text, probe, "BEGIN:VEVENT") ||
		 has_word(text, probe, "BEGIN:VTODO"))
		f = IO_FMT_ICS;
	free(text);
	if (f >= 0 || !dot)
		return f;
	dot++;
	if (io_ieq(dot, "vcf") || io_ieq(dot, "vcard"))
		return IO_FMT_VCF;
	if (io_ieq(dot, "ics") || io_ieq(dot, "ical") || io_ieq(dot, "ifb") || io_ieq(dot, "vcs"))
		return IO_FMT_ICS;
	if (io_ieq(dot, "csv") || io_ieq(dot, "txt") || io_ieq(dot, "tsv"))
		return IO_FMT_CSV;
	return -1;
}
