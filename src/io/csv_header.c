/*
 * csv_header.c: a CSV file's header, mapped to kith's fields: the columns
 * of LinkedIn, Google (old and new), Outlook and Thunderbird exports and a
 * generic name,email,phone,organisation,title,tags,notes,birthday,address
 * header, in any case and spacing; every other column is an extra.
 */
#include "csv_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/xalloc.h"

/* Lower case, runs of other characters as one space, trimmed. */
static void
norm_header(const char *s, char *out, size_t n)
{
	size_t k = 0;
	bool sp = false;

	for (; *s && k + 2 < n; s++) {
		unsigned char c = (unsigned char)*s;
		if (isalnum(c) || c >= 0x80) {
			if (sp && k)
				out[k++] = ' ';
			sp = false;
			out[k++] = (char)tolower(c);
		} else {
			sp = true;
		}
	}
	out[k] = '\0';
}

static const struct { const char *h; enum field f; const char *label; } names[] = {
	{ "name", F_NAME, "" }, { "display name", F_NAME, "" }, { "full name", F_NAME, "" },
	{ "first name", F_GIVEN, "" }, { "given name", F_GIVEN, "" }, { "vorname", F_GIVEN, "" },
	{ "middle name", F_MIDDLE, "" }, { "additional name", F_MIDDLE, "" },
	{ "last name", F_FAMILY, "" }, { "family name", F_FAMILY, "" }, { "surname", F_FAMILY, "" },
	{ "nachname", F_FAMILY, "" },
	{ "name prefix", F_PREFIX, "" }, { "name suffix", F_SUFFIX, "" }, { "suffix", F_SUFFIX, "" },
	{ "nickname", F_NICK, "" }, { "nick name", F_NICK, "" },
	{ "email", F_EMAIL, "" }, { "e mail", F_EMAIL, "" }, { "email address", F_EMAIL, "" },
	{ "e mail address", F_EMAIL, "" }, { "primary email", F_EMAIL, "" },
	{ "secondary email", F_EMAIL, "" }, { "e mail 2 address", F_EMAIL, "" },
	{ "e mail 3 address", F_EMAIL, "" }, { "email home", F_EMAIL, "home" },
	{ "email work", F_EMAIL, "work" }, { "email other", F_EMAIL, "other" },
	{ "phone", F_PHONE, "" }, { "telephone", F_PHONE, "" }, { "telefon", F_PHONE, "" },
	{ "mobile", F_PHONE, "mobile" }, { "mobile phone", F_PHONE, "mobile" },
	{ "mobile number", F_PHONE, "mobile" }, { "home mobile", F_PHONE, "mobile" },
	{ "cell", F_PHONE, "mobile" }, { "work phone", F_PHONE, "work" },
	{ "business phone", F_PHONE, "work" }, { "business phone 2", F_PHONE, "work" },
	{ "home phone", F_PHONE, "home" }, { "home phone 2", F_PHONE, "home" },
	{ "primary phone", F_PHONE, "" }, { "other phone", F_PHONE, "other" },
	{ "company main phone", F_PHONE, "work" }, { "car phone", F_PHONE, "car" },
	{ "pager", F_PHONE, "pager" }, { "pager number", F_PHONE, "pager" },
	{ "fax number", F_PHONE, "fax" }, { "home fax", F_PHONE, "fax" },
	{ "business fax", F_PHONE, "fax" }, { "other fax", F_PHONE, "fax" },
	{ "organisation", F_ORG, "" }, { "organization", F_ORG, "" }, { "org", F_ORG, "" },
	{ "company", F_ORG, "" }, { "firma", F_ORG, "" }, { "organization name", F_ORG, "" },
	{ "employer", F_ORG, "" },
	{ "title", F_TITLE, "" }, { "job title", F_TITLE, "" }, { "position", F_TITLE, "" },
	{ "role", F_TITLE, "" }, { "organization title", F_TITLE, "" },
	{ "birthday", F_BDAY, "" }, { "geburtstag", F_BDAY, "" }, { "birth date", F_BDAY, "" },
	{ "birth year", F_BYEAR, "" }, { "birth month", F_BMONTH, "" }, { "birth day", F_BDAYD, "" },
	{ "notes", F_NOTES, "" }, { "note", F_NOTES, "" }, { "notizen", F_NOTES, "" },
	{ "tags", F_TAGS, "" }, { "labels", F_TAGS, "" }, { "categories", F_TAGS, "" },
	{ "group membership", F_TAGS, "" }, { "groups", F_TAGS, "" },
	{ "url", F_URL, "" }, { "website", F_URL, "" }, { "web page", F_URL, "" },
	{ "web page 1", F_URL, "" }, { "web page 2", F_URL, "" }, { "personal web page", F_URL, "" },
	{ "address", F_ADDR, "" }, { "home address", F_ADDR, "home" },
	{ "business address", F_ADDR, "work" }, { "other address", F_ADDR, "other" },
	{ "adresse", F_ADDR, "" },
};

/* Address parts: "<prefix> <part>" (Outlook "Business Street", Thunderbird "Home City"). */
static const struct { const char *h; enum field f; } addr_parts[] = {
	{ "street", F_STREET }, { "address 2", F_STREET }, { "city", F_CITY },
	{ "state", F_REGION }, { "region", F_REGION }, { "zipcode", F_POSTAL },
	{ "zip", F_POSTAL }, { "postal code", F_POSTAL }, { "country", F_COUNTRY },
	{ "country region", F_COUNTRY },
};

/* Map one header cell; *group for numbered groups and address prefixes. */
static enum field
map_header(const char *raw, int *group, char label[24])
{
	char h[96], kind[32];
	int n, used = 0;

	norm_header(raw, h, sizeof h);
	label[0] = '\0';
	*group = 0;
	/* numbered Google groups: "e mail 1 value", "phone 2 label", "address 1 city" */
	if (sscanf(h, "%31[a-z ] %d %n", kind, &n, &used) >= 2 && used > 0 && n > 0 && n < 100) {
		const char *sub = h + used;
		size_t kl = strlen(kind);
		while (kl && kind[kl - 1] == ' ')
			kind[--kl] = '\0';
		if (!strcmp(kind, "e mail") || !strcmp(kind, "email") || !strcmp(kind, "phone") ||
		    !strcmp(kind, "website")) {
			enum field fv = kind[0] == 'p' ? F_PHONE : kind[0] == 'w' ? F_URL : F_EMAIL;
			*group = n + (fv == F_PHONE ? 100 : fv == F_URL ? 200 : 0);
			if (!strcmp(sub, "value"))
				return fv;
			if (!strcmp(sub, "label") || !strcmp(sub, "type"))
				return fv == F_PHONE ? F_PHONE_LABEL : fv == F_URL ? F_URL_LABEL :
				       F_EMAIL_LABEL;
			return F_EXTRA;
		}
		if (!strcmp(kind, "organization") && n == 1) {
			if (!strcmp(sub, "name"))
				return F_ORG;
			if (!strcmp(sub, "title"))
				return F_TITLE;
			return F_EXTRA;
		}
		if (!strcmp(kind, "address")) {
			*group = 300 + n;
			if (!strcmp(sub, "formatted"))
				return F_ADDR;
			for (size_t i = 0; i < sizeof addr_parts / sizeof addr_parts[0]; i++)
				if (!strcmp(sub, addr_parts[i].h))
					return addr_parts[i].f;
			return F_EXTRA;
		}
	}
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (!strcmp(h, names[i].h)) {
			snprintf(label, 24, "%s", names[i].label);
			return names[i].f;
		}
	}
	/* "home street", "business city", "work zipcode" */
	{
		static const char *const prefixes[] = { "home", "business", "work", "other" };
		for (size_t p = 0; p < 4; p++) {
			size_t pl = strlen(prefixes[p]);
			if (strncmp(h, prefixes[p], pl) || h[pl] != ' ')
				continue;
			for (size_t i = 0; i < sizeof addr_parts / sizeof addr_parts[0]; i++) {
				if (!strcmp(h + pl + 1, addr_parts[i].h)) {
					*group = 400 + (int)(p == 2 ? 1 : p);
					return addr_parts[i].f;
				}
			}
		}
	}
	return F_EXTRA;
}


void
csv_header_free(struct header *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->cols[i].header);
	free(h->cols);
	memset(h, 0, sizeof *h);
}

void
csv_header_make(struct header *h, const struct row *row)
{
	bool job_title = false, connected = false, google = false, tbird = false, outlook = false;

	memset(h, 0, sizeof *h);
	h->cols = xcalloc(row->n ? row->n : 1, sizeof *h->cols);
	h->n = row->n;
	for (size_t i = 0; i < row->n; i++) {
		char norm[96];
		struct col *c = &h->cols[i];
		c->header = io_text_utf8(sb_str(&row->f[i]), row->f[i].len, NULL);
		str_trim(c->header);
		c->f = map_header(c->header, &c->group, c->label);
		if (c->f != F_EXTRA)
			h->known++;
		norm_header(c->header, norm, sizeof norm);
		job_title |= !strcmp(norm, "job title");
		connected |= !strcmp(norm, "connected on");
		google |= !strcmp(norm, "e mail 1 value") || !strcmp(norm, "file as");
		tbird |= !strcmp(norm, "primary email");
		outlook |= !strcmp(norm, "e mail address") || !strcmp(norm, "business street");
	}
	/* Outlook's "Title" is Mr/Ms when there is a "Job Title" */
	for (size_t i = 0; i < h->n && job_title; i++) {
		char norm[96];
		norm_header(h->cols[i].header, norm, sizeof norm);
		if (!strcmp(norm, "title"))
			h->cols[i].f = F_PREFIX;
	}
	for (size_t i = 0; i < h->n && connected; i++)
		if (h->cols[i].f == F_URL)
			snprintf(h->cols[i].label, sizeof h->cols[i].label, "linkedin");
	h->source = connected ? "csv:linkedin" : google ? "csv:google" : tbird ? "csv:thunderbird" :
		    outlook ? "csv:outlook" : "csv";
}
