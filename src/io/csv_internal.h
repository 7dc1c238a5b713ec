/*
 * csv_internal.h: what the CSV reader's files share (csv.c reads records
 * and maps them, csv_header.c reads the header). Nothing outside src/io
 * includes it.
 */
#ifndef KITH_CSV_INTERNAL_H
#define KITH_CSV_INTERNAL_H

#include "io_internal.h"

enum field {
	F_EXTRA, F_NAME, F_GIVEN, F_MIDDLE, F_FAMILY, F_PREFIX, F_SUFFIX, F_NICK,
	F_EMAIL, F_EMAIL_LABEL, F_PHONE, F_PHONE_LABEL, F_URL, F_URL_LABEL,
	F_ORG, F_TITLE, F_BDAY, F_BYEAR, F_BMONTH, F_BDAYD, F_NOTES, F_TAGS,
	F_ADDR, F_STREET, F_CITY, F_REGION, F_POSTAL, F_COUNTRY,
};

struct col {
	enum field f;
	int group;                  /* pairs "E-mail 1 - Value" with "E-mail 1 - Label" */
	char label[24];             /* "work", "home", "mobile" from the header words */
	char *header;
};

/* A record: its cells, as read (not yet decoded). */
struct row {
	struct strbuf *f;
	size_t n, cap;
	int line;
};

/* The header: each column's field, and which program's export it looks like. */
struct header {
	struct col *cols;
	size_t n;
	const char *source;
	int known;
};

/* The header of a record: each cell's field ("E-mail 1 - Value", "Job Title", ...). */
void csv_header_make(struct header *h, const struct row *row);
void csv_header_free(struct header *h);

#endif
