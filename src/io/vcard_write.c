/*
 * vcard_write.c: the vCard writer, beside its reader (vcard.c): a contact
 * as vCard 4.0 or 3.0, with kith's own fields as X-KITH-* (io_kith_fields,
 * which the reader reads back) and the fields kept aside as themselves or
 * X-KITH-EXTRA; an organisation as its own card.
 */
#include "io_internal.h"

#include <stdio.h>
#include <string.h>

#include "kith/export_db.h"
#include "kith/org.h"
#include "kith/types.h"

/* NAME:a,b,c for a list of values (nothing if empty). */
static void
list_prop(struct io_out *o, const char *name, char *const *v, size_t n)
{
	size_t start = o->sb.len;

	if (!n)
		return;
	io_puts(&o->sb, name);
	io_putc(&o->sb, ':');
	for (size_t i = 0; i < n; i++) {
		if (i)
			io_putc(&o->sb, ',');
		io_esc(&o->sb, v[i]);
	}
	io_line_end(o, start);
}

/*
** NAME:escaped-value, the name given with its ':' (a literal), nothing when
** the value is empty: io_prop without measuring the name or calling out to
** test the value, for the lines every card has.
*/
static inline void
text_line(struct io_out *o, const char *name, size_t n, const char *value)
{
	size_t start = o->sb.len;

	if (!value || !*value)
		return;
	io_put(&o->sb, name, n);
	io_esc(&o->sb, value);
	io_line_end(o, start);
}
#define TEXT_LINE(o, name, value) text_line((o), "" name, sizeof(name) - 1, (value))

static void
vcard_channel(struct io_out *o, const char *name, const struct kith_channel *ch, bool tel)
{
	struct strbuf *l = &o->sb;
	const char *label = ch->label;
	size_t start = l->len;

	if (tel && label && !strcmp(label, "mobile"))
		label = "cell";
	io_puts(l, name);
	if (io_type_word(label)) {
		IO_PUT_LIT(l, ";TYPE=");
		io_puts(l, label);
	}
	io_putc(l, ':');
	io_esc(l, ch->value);
	io_line_end(o, start);
}

/* Properties the vCard reader maps to fields: an extra of that name is written as X-KITH-EXTRA. */
static bool
vcard_mapped(const char *name)
{
	static const char *const names[] = { "BEGIN", "END", "VERSION", "FN", "N", "NICKNAME",
		"EMAIL", "TEL", "URL", "IMPP", "X-SOCIALPROFILE", "ORG", "TITLE", "BDAY", "ADR", "UID",
		"NOTE", "CATEGORIES", "PHOTO", "LOGO", "SOUND", "KEY", "PRODID", "REV",
		"X-ABLABEL", "SORT-STRING", "CLIENTPIDMAP", NULL };

	if (!strncmp(name, "X-KITH-", 7) || !*name)
		return true;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return true;
	for (size_t i = 0; names[i]; i++)
		if (!strcmp(name, names[i]))
			return true;
	return false;
}

/*
** A field kept aside: an unknown property of the file goes back as itself
** (X-PHONETIC-FIRST-NAME, a second UID); any other (a kept "birthday", a
** second TITLE, a CSV column) as X-KITH-EXTRA;NAME="...", which kith reads back.
*/
static void
vcard_extra(struct io_out *o, const char *name, const char *value)
{
	struct strbuf *l = &o->sb;
	size_t start = l->len;

	if (str_empty(value))
		return;
	if (!vcard_mapped(name) || !strcmp(name, "UID")) {
		io_puts(l, name);
	} else {
		io_puts(l, "X-KITH-EXTRA;NAME=\"");
		for (const char *p = name; *p; p++)
			if (*p != '"' && (unsigned char)*p >= 0x20 && *p != 0x7f)
				io_putc(l, *p);
		io_putc(l, '"');
	}
	io_putc(l, ':');
	io_esc(l, value);
	io_line_end(o, start);
}

void
io_vcard_write(struct io_out *o, const struct export_contact *e)
{
	const struct kith_contact *c = &e->c;
	const char *org = e->org, *title = e->title, *seat = *org ? NULL : e->seat;
	bool v3 = o->o->vcard_version == 30;
	char num[12];
	size_t start;

	IO_PUT_LIT(&o->sb, "BEGIN:VCARD\r\n");
	io_puts(&o->sb, v3 ? "VERSION:3.0\r\n" : "VERSION:4.0\r\n");
	/* the contact's identity: kith's importer merges by it */
	TEXT_LINE(o, "UID:", c->uid);
	TEXT_LINE(o, "FN:", c->display_name);
	start = o->sb.len;
	IO_PUT_LIT(&o->sb, "N:");
	io_esc(&o->sb, c->family_name);
	io_putc(&o->sb, ';');
	io_esc(&o->sb, c->given_name);
	IO_PUT_LIT(&o->sb, ";;");
	io_esc(&o->sb, c->prefix);
	io_putc(&o->sb, ';');
	io_line_end(o, start);
	list_prop(o, "NICKNAME", c->nicknames, c->n_nicknames);
	for (size_t i = 0; i < c->n_emails; i++)
		vcard_channel(o, "EMAIL", &c->emails[i], false);
	for (size_t i = 0; i < c->n_phones; i++)
		vcard_channel(o, "TEL", &c->phones[i], true);
	for (size_t i = 0; i < c->n_handles; i++)
		vcard_channel(o, str_eq(c->handles[i].label, "web") ? "URL" : "X-SOCIALPROFILE",
			      &c->handles[i], false);
	TEXT_LINE(o, "ORG:", org);
	TEXT_LINE(o, "TITLE:", title);
	TEXT_LINE(o, "X-KITH-SEAT:", seat);
	if (c->birthday && *c->birthday && strlen(c->birthday) >= (c->birthday[0] == '-' ? 7u : 10u)) {
		/* stored "YYYY-MM-DD" or "--MM-DD"; 4.0 writes "YYYYMMDD" and "--MMDD" */
		const char *b = c->birthday;
		start = o->sb.len;
		IO_PUT_LIT(&o->sb, "BDAY:");
		if (b[0] == '-') {
			IO_PUT_LIT(&o->sb, "--");
			io_put(&o->sb, b + 2, 2);
			io_put(&o->sb, b + 5, 2);
		} else if (v3) {
			io_puts(&o->sb, b);
		} else {
			io_put(&o->sb, b, 4);
			io_put(&o->sb, b + 5, 2);
			io_put(&o->sb, b + 8, 2);
		}
		io_line_end(o, start);
	}
	if (c->address && *c->address) {
		start = o->sb.len;
		IO_PUT_LIT(&o->sb, "ADR:;;");
		io_esc(&o->sb, c->address);
		IO_PUT_LIT(&o->sb, ";;;;");
		io_line_end(o, start);
	}
	TEXT_LINE(o, "NOTE:", c->notes);
	list_prop(o, "CATEGORIES", c->tags, c->n_tags);
	for (size_t i = 0; i < IO_N_KITH_FIELDS; i++) {
		const char *v = io_kith_fields[i].format(c, num);
		size_t start = o->sb.len;
		if (!v || !*v)
			continue;
		IO_PUT_LIT(&o->sb, "X-KITH-");
		io_puts(&o->sb, io_kith_fields[i].name);
		io_putc(&o->sb, ':');
		io_esc(&o->sb, v);
		io_line_end(o, start);
	}
	for (size_t i = 0; i < e->n_extras; i++)
		vcard_extra(o, e->extras[i].name, e->extras[i].value);
	IO_PUT_LIT(&o->sb, "END:VCARD\r\n");
}

/*
 * An organisation's own vCard (KIND:org; X-ABShowAs:COMPANY in 3.0), so an
 * organisation without people, and its kind, description, influence and
 * parent (parent_name, or NULL), come back from the file: the importer
 * reads it as an organisation, not a person.
 */
void
io_vcard_write_org(struct io_out *o, const struct kith_org *org, const char *parent_name)
{
	char num[48];

	IO_PUT_LIT(&o->sb, "BEGIN:VCARD\r\n");
	io_puts(&o->sb, o->o->vcard_version == 30 ? "VERSION:3.0\r\nX-ABShowAs:COMPANY\r\n" :
			  "VERSION:4.0\r\nKIND:org\r\n");
	snprintf(num, sizeof num, "kith-org-%lld@kith", (long long)org->id);
	io_prop_raw(o, "UID", num);
	io_prop(o, "FN", org->name);
	io_prop(o, "ORG", org->name);
	io_prop(o, "NOTE", org->description);
	if (org->kind != KITH_ORG_OTHER)
		io_prop_raw(o, "X-KITH-ORG-KIND", kith_org_kind_name(org->kind));
	if (org->influence) {
		snprintf(num, sizeof num, "%d", org->influence);
		io_prop_raw(o, "X-KITH-INFLUENCE", num);
	}
	io_prop(o, "X-KITH-ORG-PARENT", parent_name);
	IO_PUT_LIT(&o->sb, "END:VCARD\r\n");
}
