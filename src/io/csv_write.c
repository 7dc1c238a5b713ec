/*
 * csv_write.c: the CSV writer, beside its reader (csv.c): one contact a
 * row, lists joined with " ::: ", kith's own fields as columns
 * (io_kith_fields), then the UID, the seat, the channels' labels and the
 * fields kept aside, which the reader reads back; cells a spreadsheet
 * would run as formulas are guarded (io_csv_needs_guard).
 */
#include "io_internal.h"

#include <string.h>

#include "kith/export_db.h"

/* The columns before kith's own fields (io_kith_fields) and after them. */
static const char csv_head[] =
	"name,given name,family name,nickname,email,phone,website,organisation,title,birthday,"
	"address,tags,notes";
static const char csv_tail[] = "uid,seat,email labels,phone labels,website labels,kept aside";

void
io_csv_header(struct strbuf *sb)
{
	sb_append(sb, csv_head);
	for (size_t i = 0; i < IO_N_KITH_FIELDS; i++) {
		sb_appendc(sb, ',');
		sb_append(sb, io_kith_fields[i].column);
	}
	sb_appendc(sb, ',');
	sb_append(sb, csv_tail);
	sb_append(sb, "\r\n");
}

static void
csv_cell(struct strbuf *sb, const char *s, bool first)
{
	if (!first)
		sb_appendc(sb, ',');
	bool guard;

	if (str_empty(s))
		return;
	guard = io_csv_needs_guard(s);  /* "=HYPERLINK(...)" is not run as a formula */
	if (strpbrk(s, ",\"\r\n") || s[0] == ' ' || s[strlen(s) - 1] == ' ') {
		sb_appendc(sb, '"');
		if (guard)
			sb_appendc(sb, '\'');
		for (; *s; s++) {
			if (*s == '"')
				sb_appendc(sb, '"');
			sb_appendc(sb, *s);
		}
		sb_appendc(sb, '"');
	} else {
		if (guard)
			sb_appendc(sb, '\'');
		sb_append(sb, s);
	}
}

/* A cell of several values, "a ::: b" (t is a scratch buffer). */
static void
csv_strv(struct strbuf *sb, struct strbuf *t, char *const *v, size_t n)
{
	sb_reset(t);
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_appendn(t, " ::: ", 5);
		sb_append(t, v[i]);
	}
	csv_cell(sb, sb_str(t), false);
}

static void
csv_channels(struct strbuf *sb, struct strbuf *t, const struct kith_channel *ch, size_t n)
{
	sb_reset(t);
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_appendn(t, " ::: ", 5);
		sb_append(t, ch[i].value);
	}
	csv_cell(sb, sb_str(t), false);
}

/* The channels' labels, "work ::: home"; nothing if none has one. */
static void
csv_labels(struct strbuf *sb, struct strbuf *t, const struct kith_channel *ch, size_t n)
{
	bool any = false;

	sb_reset(t);
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_appendn(t, " ::: ", 5);
		/* an empty label in the middle of a list still holds its place */
		sb_append(t, str_empty(ch[i].label) ? "-" : ch[i].label);
		any |= !str_empty(ch[i].label);
	}
	csv_cell(sb, any ? sb_str(t) : "", false);
}

void
io_csv_write(struct io_out *o, const struct export_contact *e)
{
	const struct kith_contact *c = &e->c;
	const char *org = e->org, *title = e->title, *seat = *org ? NULL : e->seat;
	struct strbuf *sb = &o->sb, *t = &o->line;
	char num[12];

	csv_cell(sb, c->display_name, true);
	csv_cell(sb, c->given_name, false);
	csv_cell(sb, c->family_name, false);
	csv_strv(sb, t, c->nicknames, c->n_nicknames);
	csv_channels(sb, t, c->emails, c->n_emails);
	csv_channels(sb, t, c->phones, c->n_phones);
	csv_channels(sb, t, c->handles, c->n_handles);
	csv_cell(sb, org, false);
	csv_cell(sb, title, false);
	csv_cell(sb, c->birthday, false);
	csv_cell(sb, c->address, false);
	csv_strv(sb, t, c->tags, c->n_tags);
	csv_cell(sb, c->notes, false);
	for (size_t i = 0; i < IO_N_KITH_FIELDS; i++)
		csv_cell(sb, io_kith_fields[i].format(c, num), false);
	csv_cell(sb, c->uid, false);
	csv_cell(sb, seat, false);
	csv_labels(sb, t, c->emails, c->n_emails);
	csv_labels(sb, t, c->phones, c->n_phones);
	csv_labels(sb, t, c->handles, c->n_handles);
	/* the fields kept aside, "name: value ::: name: value" */
	sb_reset(t);
	for (size_t i = 0; i < e->n_extras; i++)
		sb_printf(t, "%s%s: %s", t->len ? " ::: " : "", e->extras[i].name,
			  e->extras[i].value);
	csv_cell(sb, sb_str(t), false);
	sb_appendn(sb, "\r\n", 2);
}
