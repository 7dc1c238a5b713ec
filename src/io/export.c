/*
 * export.c: `kith export`: the database as vCard (4.0, or 3.0), CSV,
 * iCalendar (events as VEVENT, open follow-ups as VTODO) or JSON (all of
 * it). Every format is streamed: rows are read in windows of ids, one
 * window at a time, so memory stays flat at 100,000 contacts.
 *
 * What each format carries: vCard and CSV carry the contact fields they
 * have names for, plus kith's own as X-KITH-* properties / columns, which
 * kith's importer reads back (a seat without organisation, the fields
 * kept aside, in CSV the channels' labels), and the contact's UID (its
 * identity: an import merges by it). Times in
 * iCalendar are local ("floating"), as kith stores them.
 * tests/cli/roundtrip.sh checks that an export imported into an empty
 * database gives back what the format carries.
 */
#include "io_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/date.h"
#include "kith/export_db.h"
#include "kith/interaction.h"
#include "kith/merge.h"
#include "kith/org.h"
#include "kith/powermap.h"
#include "kith/types.h"
#include "kith/utf8.h"
#include "kith/xalloc.h"

#define WINDOW 512

struct out {
	FILE *f;
	struct strbuf sb;           /* the text being built; flushed after each record */
	const struct io_export_opts *o;
	struct strbuf line;         /* one content line being built (prop, prop_raw) */
};

static void
flush(struct out *o)
{
	if (o->sb.len)
		fwrite(o->sb.buf, 1, o->sb.len, o->f);
	sb_reset(&o->sb);
}

/* ---- content lines (vCard and iCalendar) --------------------------------------------- */

/* Escape a text value: backslash, newline, comma, semicolon. */
static void
esc(struct strbuf *sb, const char *s)
{
	while (s && *s) {
		size_t run = strcspn(s, "\\\n\r,;");   /* plain text: copied at once */
		sb_appendn(sb, s, run);
		s += run;
		switch (*s) {
		case '\\': sb_append(sb, "\\\\"); break;
		case '\n': sb_append(sb, "\\n"); break;
		case '\r': break;
		case ',': sb_append(sb, "\\,"); break;
		case ';': sb_append(sb, "\\;"); break;
		default: return;        /* the end */
		}
		s++;
	}
}

/* Fold the content line at o->sb[start..] at 75 octets, never inside a UTF-8 sequence. */
static void
fold(struct out *o, size_t start)
{
	struct strbuf *t = &o->line;
	size_t len, pos = 0, width = 75;

	sb_reset(t);
	sb_appendn(t, o->sb.buf + start, o->sb.len - start);
	o->sb.len = start;
	len = t->len;
	while (len - pos > width) {
		size_t cut = pos + width;
		while (cut > pos + 1 && ((unsigned char)t->buf[cut] & 0xC0) == 0x80)
			cut--;
		sb_appendn(&o->sb, t->buf + pos, cut - pos);
		sb_appendn(&o->sb, "\r\n ", 3);
		pos = cut;
		width = 74;
	}
	sb_appendn(&o->sb, t->buf + pos, len - pos);
}

/*
** A content line is written straight into the output: its name and value
** appended to o->sb from `start`, then line_end folds it if it is longer
** than 75 octets (few are) and ends it.
*/
static void
line_end(struct out *o, size_t start)
{
	if (o->sb.len - start > 75)
		fold(o, start);
	sb_appendn(&o->sb, "\r\n", 2);
}

/* Write one whole content line (folded). */
static void
content_line(struct out *o, const char *line)
{
	size_t start = o->sb.len;

	sb_append(&o->sb, line);
	line_end(o, start);
}

/* NAME[params]:escaped-value, skipped when the value is empty. */
static void
prop(struct out *o, const char *name, const char *value)
{
	size_t start = o->sb.len;

	if (str_empty(value))
		return;
	sb_append(&o->sb, name);
	sb_appendc(&o->sb, ':');
	esc(&o->sb, value);
	line_end(o, start);
}

/* NAME:raw-value (already in the format's syntax). */
static void
prop_raw(struct out *o, const char *name, const char *value)
{
	size_t start = o->sb.len;

	if (str_empty(value))
		return;
	sb_append(&o->sb, name);
	sb_appendc(&o->sb, ':');
	sb_append(&o->sb, value);
	line_end(o, start);
}

/* A label usable as a TYPE parameter value (letters, digits, '-'), or NULL. */
static bool
type_word(const char *label)
{
	if (str_empty(label))
		return false;
	for (const char *p = label; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-'))
			return false;
	return true;
}

/* ---- vCard ------------------------------------------------------------------------------ */

/* NAME:a,b,c for a list of values (nothing if empty). */
static void
list_prop(struct out *o, const char *name, char *const *v, size_t n)
{
	size_t start = o->sb.len;

	if (!n)
		return;
	sb_append(&o->sb, name);
	sb_appendc(&o->sb, ':');
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_appendc(&o->sb, ',');
		esc(&o->sb, v[i]);
	}
	line_end(o, start);
}

static void
vcard_channel(struct out *o, const char *name, const struct kith_channel *ch)
{
	struct strbuf *l = &o->sb;
	const char *label = ch->label;
	size_t start = l->len;

	if (!strcmp(name, "TEL") && str_eq(label, "mobile"))
		label = "cell";
	sb_append(l, name);
	if (type_word(label)) {
		sb_append(l, ";TYPE=");
		sb_append(l, label);
	}
	sb_appendc(l, ':');
	esc(l, ch->value);
	line_end(o, start);
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
static int
vcard_extra(void *ud, const char *source, const char *name, const char *value)
{
	struct out *o = ud;
	struct strbuf *l = &o->sb;
	size_t start = l->len;

	(void)source;
	if (str_empty(value))
		return 0;
	if (!vcard_mapped(name) || !strcmp(name, "UID")) {
		sb_append(l, name);
	} else {
		sb_append(l, "X-KITH-EXTRA;NAME=\"");
		for (const char *p = name; *p; p++)
			if (*p != '"' && (unsigned char)*p >= 0x20 && *p != 0x7f)
				sb_appendc(l, *p);
		sb_appendc(l, '"');
	}
	sb_appendc(l, ':');
	esc(l, value);
	line_end(o, start);
	return 0;
}

static void
write_vcard(struct out *o, const struct export_contact *e)
{
	const struct kith_contact *c = &e->c;
	const char *org = e->org, *title = e->title, *seat = *org ? NULL : e->seat;
	bool v3 = o->o->vcard_version == 30;
	char num[12];
	size_t start;

	sb_append(&o->sb, "BEGIN:VCARD\r\n");
	sb_append(&o->sb, v3 ? "VERSION:3.0\r\n" : "VERSION:4.0\r\n");
	/* the contact's identity: kith's importer merges by it */
	prop(o, "UID", c->uid);
	prop(o, "FN", c->display_name);
	start = o->sb.len;
	sb_appendn(&o->sb, "N:", 2);
	esc(&o->sb, c->family_name);
	sb_appendc(&o->sb, ';');
	esc(&o->sb, c->given_name);
	sb_appendn(&o->sb, ";;", 2);
	esc(&o->sb, c->prefix);
	sb_appendc(&o->sb, ';');
	line_end(o, start);
	list_prop(o, "NICKNAME", c->nicknames, c->n_nicknames);
	for (size_t i = 0; i < c->n_emails; i++)
		vcard_channel(o, "EMAIL", &c->emails[i]);
	for (size_t i = 0; i < c->n_phones; i++)
		vcard_channel(o, "TEL", &c->phones[i]);
	for (size_t i = 0; i < c->n_handles; i++)
		vcard_channel(o, str_eq(c->handles[i].label, "web") ? "URL" : "X-SOCIALPROFILE",
			      &c->handles[i]);
	if (!str_empty(org)) {
		start = o->sb.len;
		sb_appendn(&o->sb, "ORG:", 4);
		esc(&o->sb, org);
		line_end(o, start);
	}
	prop(o, "TITLE", title);
	prop(o, "X-KITH-SEAT", seat);
	if (!str_empty(c->birthday) && strlen(c->birthday) >= (c->birthday[0] == '-' ? 7u : 10u)) {
		/* stored "YYYY-MM-DD" or "--MM-DD"; 4.0 writes "YYYYMMDD" and "--MMDD" */
		const char *b = c->birthday;
		start = o->sb.len;
		sb_appendn(&o->sb, "BDAY:", 5);
		if (b[0] == '-') {
			sb_appendn(&o->sb, "--", 2);
			sb_appendn(&o->sb, b + 2, 2);
			sb_appendn(&o->sb, b + 5, 2);
		} else if (v3) {
			sb_append(&o->sb, b);
		} else {
			sb_appendn(&o->sb, b, 4);
			sb_appendn(&o->sb, b + 5, 2);
			sb_appendn(&o->sb, b + 8, 2);
		}
		line_end(o, start);
	}
	if (!str_empty(c->address)) {
		start = o->sb.len;
		sb_appendn(&o->sb, "ADR:;;", 6);
		esc(&o->sb, c->address);
		sb_appendn(&o->sb, ";;;;", 4);
		line_end(o, start);
	}
	prop(o, "NOTE", c->notes);
	list_prop(o, "CATEGORIES", c->tags, c->n_tags);
	for (size_t i = 0; i < IO_N_KITH_FIELDS; i++) {
		const char *v = io_kith_fields[i].format(c, num);
		size_t start = o->sb.len;
		if (str_empty(v))
			continue;
		sb_append(&o->sb, "X-KITH-");
		sb_append(&o->sb, io_kith_fields[i].name);
		sb_appendc(&o->sb, ':');
		esc(&o->sb, v);
		line_end(o, start);
	}
	for (size_t i = 0; i < e->n_extras; i++)
		vcard_extra(o, e->extras[i].source, e->extras[i].name, e->extras[i].value);
	sb_append(&o->sb, "END:VCARD\r\n");
}

/* ---- CSV ---------------------------------------------------------------------------------- */

/* The columns before kith's own fields (io_kith_fields) and after them. */
static const char csv_head[] =
	"name,given name,family name,nickname,email,phone,website,organisation,title,birthday,"
	"address,tags,notes";
static const char csv_tail[] = "uid,seat,email labels,phone labels,website labels,kept aside";

static void
csv_header(struct strbuf *sb)
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

static void
write_csv(struct out *o, const struct export_contact *e)
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

/* ---- JSON pieces ------------------------------------------------------------------------ */

static void
json_kv(struct strbuf *sb, const char *k, const char *v, bool *first)
{
	sb_append(sb, *first ? "{" : ", ");
	*first = false;
	sb_json_str(sb, k);
	sb_append(sb, ": ");
	if (v)
		sb_json_str(sb, v);
	else
		sb_append(sb, "null");
}

static void
json_num(struct strbuf *sb, const char *k, long long v, bool null_if_zero, bool *first)
{
	sb_append(sb, *first ? "{" : ", ");
	*first = false;
	sb_json_str(sb, k);
	if (null_if_zero && !v)
		sb_append(sb, ": null");
	else
		sb_printf(sb, ": %lld", v);
}

static void
json_channels(struct strbuf *sb, const char *k, const struct kith_channel *ch, size_t n)
{
	sb_append(sb, ", ");
	sb_json_str(sb, k);
	sb_append(sb, ": [");
	for (size_t i = 0; i < n; i++) {
		bool f = true;
		if (i)
			sb_append(sb, ", ");
		json_kv(sb, "label", ch[i].label, &f);
		json_kv(sb, "value", ch[i].value, &f);
		sb_appendc(sb, '}');
	}
	sb_appendc(sb, ']');
}

static void
json_strv(struct strbuf *sb, const char *k, char *const *v, size_t n)
{
	sb_append(sb, ", ");
	sb_json_str(sb, k);
	sb_append(sb, ": [");
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_append(sb, ", ");
		sb_json_str(sb, v[i]);
	}
	sb_appendc(sb, ']');
}

struct extras_out {
	struct strbuf *sb;
	int n;
};

static int
extra_json(void *ud, const char *source, const char *name, const char *value)
{
	struct extras_out *x = ud;
	bool f = true;

	if (x->n++)
		sb_append(x->sb, ", ");
	json_kv(x->sb, "source", source, &f);
	json_kv(x->sb, "name", name, &f);
	json_kv(x->sb, "value", value, &f);
	sb_appendc(x->sb, '}');
	return 0;
}

static enum kith_status
json_extras(struct kdb *db, struct strbuf *sb, const char *entity, int64_t id,
	    struct kith_err *err)
{
	struct extras_out x = { sb, 0 };
	enum kith_status rc;

	sb_append(sb, ", \"extra\": [");
	rc = import_extra_list(db, entity, id, extra_json, &x, err);
	sb_appendc(sb, ']');
	return rc;
}

static void
write_contact_json(struct out *o, const struct kith_contact *c, const char *org,
		   const char *title)
{
	struct strbuf *sb = &o->sb;
	char tier[2] = { c->tier, 0 };
	bool f = true;

	json_num(sb, "id", c->id, false, &f);
	json_kv(sb, "name", c->display_name, &f);
	json_kv(sb, "prefix", c->prefix, &f);
	json_kv(sb, "uid", c->uid, &f);
	json_kv(sb, "given_name", c->given_name, &f);
	json_kv(sb, "family_name", c->family_name, &f);
	json_kv(sb, "pronouns", c->pronouns, &f);
	json_channels(sb, "emails", c->emails, c->n_emails);
	json_channels(sb, "phones", c->phones, c->n_phones);
	json_channels(sb, "handles", c->handles, c->n_handles);
	json_strv(sb, "nicknames", c->nicknames, c->n_nicknames);
	json_strv(sb, "tags", c->tags, c->n_tags);
	json_kv(sb, "organisation", str_empty(org) ? NULL : org, &f);
	json_kv(sb, "title", str_empty(title) ? NULL : title, &f);
	json_kv(sb, "address", c->address, &f);
	json_kv(sb, "district", c->district, &f);
	json_kv(sb, "birthday", c->birthday, &f);
	json_kv(sb, "how_met", c->how_met, &f);
	json_num(sb, "met_event_id", c->met_event_id, true, &f);
	json_num(sb, "introducer_id", c->introducer_id, true, &f);
	json_num(sb, "influence", c->influence, true, &f);
	json_num(sb, "alignment", c->alignment, false, &f);
	json_kv(sb, "tier", c->tier ? tier : NULL, &f);
	if (c->cadence_days >= 0)
		json_num(sb, "cadence_days", c->cadence_days, false, &f);
	else
		json_kv(sb, "cadence_days", NULL, &f);
	json_kv(sb, "notes", c->notes, &f);
	sb_append(sb, c->archived ? ", \"archived\": true" : ", \"archived\": false");
	json_kv(sb, "last_contacted", c->last_at[0] ? c->last_at : NULL, &f);
	json_kv(sb, "created_at", c->created_at, &f);
}

/* ---- contacts: one walk for vCard, CSV and JSON ------------------------------------------- */

static void
contact_extras_json(struct strbuf *sb, const struct export_contact *e)
{
	struct extras_out x = { sb, 0 };

	sb_append(sb, ", \"extra\": [");
	for (size_t i = 0; i < e->n_extras; i++)
		extra_json(&x, e->extras[i].source, e->extras[i].name, e->extras[i].value);
	sb_appendc(sb, ']');
}

/* The contacts in windows of WINDOW, each window read with a few statements (export_db.c). */
static enum kith_status
export_contacts(struct out *o, struct kdb *db, struct kith_err *err)
{
	struct export_window w = {0};
	int64_t after = 0;
	enum kith_status rc;
	long count = 0;

	if (o->o->format == IO_FMT_CSV)
		csv_header(&o->sb);
	w.all = o->o->format == IO_FMT_JSON;
	do {
		if ((rc = export_contact_window(db, after, WINDOW, &w, err)))
			break;
		for (int i = 0; i < w.n; i++) {
			const struct export_contact *e = &w.v[i];
			if (o->o->format == IO_FMT_VCF) {
				write_vcard(o, e);
			} else if (o->o->format == IO_FMT_CSV) {
				write_csv(o, e);
			} else {
				sb_append(&o->sb, count ? ",\n    " : "\n    ");
				write_contact_json(o, &e->c, e->org, e->title);
				contact_extras_json(&o->sb, e);
				sb_appendc(&o->sb, '}');
			}
			count++;
			if (o->sb.len > 65536)
				flush(o);
		}
		after = w.last_id;
	} while (w.n == WINDOW);
	export_window_free(&w);
	if (rc)
		return rc;
	flush(o);
	return KITH_OK;
}

/* ---- iCalendar ------------------------------------------------------------------------------ */

/* "YYYY-MM-DD HH:MM" -> "YYYYMMDDTHHMM00"; "YYYY-MM-DD" -> "YYYYMMDD". */
static void
ics_time(const char *t, char out[20])
{
	if (strlen(t) <= 10)
		snprintf(out, 20, "%.4s%.2s%.2s", t, t + 5, t + 8);
	else
		snprintf(out, 20, "%.4s%.2s%.2sT%.2s%.2s00", t, t + 5, t + 8, t + 11, t + 14);
}

struct att_out {
	struct out *o;
	struct kdb *db;
};

static int
attendee_ics(void *ud, const struct attendance_row *r)
{
	struct att_out *a = ud;
	struct kith_contact c;
	struct strbuf l = {0};
	static const char *const partstat[] = {
		[KITH_ASTATUS_INVITED] = "NEEDS-ACTION", [KITH_ASTATUS_CONFIRMED] = "ACCEPTED",
		[KITH_ASTATUS_ATTENDED] = "ACCEPTED", [KITH_ASTATUS_NO_SHOW] = "DECLINED",
		[KITH_ASTATUS_MET] = "ACCEPTED",
	};

	if (contact_get(a->db, r->contact_id, &c, NULL) != KITH_OK)
		return 0;
	if (c.n_emails) {
		sb_append(&l, "ATTENDEE;CN=\"");
		for (const char *p = c.display_name; *p; p++)
			if (*p != '"' && (unsigned char)*p >= 0x20)
				sb_appendc(&l, *p);
		sb_printf(&l, "\";PARTSTAT=%s%s:mailto:%s",
			  r->status >= 0 && r->status < KITH_ASTATUS_COUNT_ ? partstat[r->status] :
			  "NEEDS-ACTION", r->role == KITH_AROLE_HOST ? ";ROLE=CHAIR" : "",
			  c.emails[0].value);
		content_line(a->o, l.buf);
	}
	sb_free(&l);
	contact_free(&c);
	return 0;
}

static void
dtstamp(char out[20])
{
	struct kdatetime now = kdate_now();
	char t[KDATETIME_STR], u[KDATE_UTC_STR];

	now.has_time = true;
	kdatetime_format(now, t);
	/* RFC 5545: DTSTAMP is in UTC, "Z" */
	if (kdate_local_to_utc(t, u))
		snprintf(out, 20, "%.4s%.2s%.2sT%.2s%.2s00Z", u, u + 5, u + 8, u + 11, u + 14);
	else
		ics_time(t, out);
}

/*
 * An event kept in a zone libical knows is written in it, as its organiser
 * lives it: DTSTART;TZID=America/Chicago:20261110T183000 with the zone's
 * VTIMEZONE before the events, and its length as DURATION (the end is kept
 * in the user's zone); UTC is written with "Z". Otherwise (all day, no
 * zone) the times are floating, as stored.
 */
static bool
ics_zoned(const struct kith_event *e)
{
	return !e->all_day && !str_empty(e->tzid) && !str_empty(e->tz_start) &&
	       io_ics_zone_known(e->tzid);
}

static int
vtimezone_out(void *ud, const char *tzid)
{
	struct out *o = ud;
	char *vt = io_ics_vtimezone(tzid);

	if (vt)
		sb_append(&o->sb, vt);
	free(vt);
	return 0;
}

/* DTSTART (and DURATION) of a zoned event; EXDATE values get the zone too. */
static void
ics_zoned_times(struct out *o, const struct kith_event *e)
{
	char t[20], a[KDATE_UTC_STR], b[KDATE_UTC_STR];
	bool utc = io_ics_zone_is_utc(e->tzid);
	struct strbuf name = {0};

	ics_time(e->tz_start, t);
	if (utc) {
		strcat(t, "Z");
		prop_raw(o, "DTSTART", t);
	} else {
		sb_printf(&name, "DTSTART;TZID=%s", e->tzid);
		prop_raw(o, name.buf, t);
	}
	if (!str_empty(e->end_at) && kdate_local_to_utc(e->start_at, a) &&
	    kdate_local_to_utc(e->end_at, b)) {
		struct kdate x, y;
		int xh, xm, yh, ym;
		char d[32];
		if (sscanf(a, "%4d-%2d-%2dT%2d:%2dZ", &x.y, &x.m, &x.d, &xh, &xm) == 5 &&
		    sscanf(b, "%4d-%2d-%2dT%2d:%2dZ", &y.y, &y.m, &y.d, &yh, &ym) == 5) {
			long mins = (kdate_diff(y, x) * 24 + (yh - xh)) * 60 + (ym - xm);
			if (mins > 0) {
				snprintf(d, sizeof d, "PT%ldM", mins);
				prop_raw(o, "DURATION", d);
			}
		}
	}
	sb_free(&name);
}

static enum kith_status
write_vevent(struct out *o, struct kdb *db, const struct kith_event *e, struct kith_err *err)
{
	char t[20], stamp[20];
	struct att_out a = { o, db };
	struct strbuf l = {0};

	dtstamp(stamp);
	sb_append(&o->sb, "BEGIN:VEVENT\r\n");
	if (!str_empty(e->uid))
		prop(o, "UID", e->uid);
	else {
		sb_printf(&l, "kith-event-%lld@kith", (long long)e->id);
		prop(o, "UID", l.buf);
		sb_reset(&l);
	}
	prop_raw(o, "DTSTAMP", stamp);
	ics_time(e->start_at, t);
	if (ics_zoned(e))
		ics_zoned_times(o, e);
	else
		prop_raw(o, e->all_day ? "DTSTART;VALUE=DATE" : "DTSTART", t);
	if (!str_empty(e->end_at) && !ics_zoned(e)) {
		if (e->all_day) {
			struct kdate d;
			char day[KDATE_STR];
			if (kdate_parse_iso(e->end_at, &d)) {
				kdate_format(kdate_add_days(d, 1), day);
				ics_time(day, t);
				prop_raw(o, "DTEND;VALUE=DATE", t);
			}
		} else {
			ics_time(e->end_at, t);
			prop_raw(o, "DTEND", t);
		}
	}
	prop(o, "SUMMARY", e->title);
	prop(o, "LOCATION", e->location);
	prop(o, "DESCRIPTION", e->notes);
	prop_raw(o, "X-KITH-KIND", kith_event_kind_name(e->kind));
	if (!str_empty(e->rrule)) {
		/* stored as "RULE[\nEXDATE:list]" */
		char *rr = xstrdup(e->rrule), *nl = strchr(rr, '\n');
		if (nl)
			*nl = '\0';
		prop_raw(o, "RRULE", rr);
		if (nl && !strncmp(nl + 1, "EXDATE:", 7) && ics_zoned(e)) {
			/* in the event's zone; a date alone (from a VALUE=DATE EXDATE) stays one */
			bool utc = io_ics_zone_is_utc(e->tzid);
			sb_reset(&l);
			for (char *p = nl + 8; *p;) {
				size_t n = strcspn(p, ",");
				if (n == 15)
					sb_printf(&l, "%s%.*s%s", l.len ? "," : "", (int)n, p,
						  utc ? "Z" : "");
				p += n + (p[n] == ',');
			}
			if (l.len) {
				char *v = sb_detach(&l);
				if (utc) {
					prop_raw(o, "EXDATE", v);
				} else {
					sb_printf(&l, "EXDATE;TZID=%s", e->tzid);
					prop_raw(o, l.buf, v);
					sb_reset(&l);
				}
				free(v);
			}
		} else if (nl && !strncmp(nl + 1, "EXDATE:", 7)) {
			prop_raw(o, strlen(e->start_at) <= 10 ? "EXDATE;VALUE=DATE" : "EXDATE", nl + 8);
		}
		free(rr);
	}
	sb_free(&l);
	if (attendance_list_for_event(db, e->id, attendee_ics, &a, err))
		return err ? err->code : KITH_DB;
	sb_append(&o->sb, "END:VEVENT\r\n");
	return KITH_OK;
}

static void
write_vtodo(struct out *o, struct kdb *db, const struct kith_followup *f)
{
	char *uid = followup_uid(db, f->id), t[20], stamp[20];
	static const int prio[] = { 0, 9, 5, 1 };
	char p[8];

	dtstamp(stamp);
	sb_append(&o->sb, "BEGIN:VTODO\r\n");
	if (uid) {
		prop(o, "UID", uid);
	} else {
		char u[48];
		snprintf(u, sizeof u, "kith-followup-%lld@kith", (long long)f->id);
		prop(o, "UID", u);
	}
	prop_raw(o, "DTSTAMP", stamp);
	prop(o, "SUMMARY", f->title);
	if (!str_empty(f->due)) {
		ics_time(f->due, t);
		prop_raw(o, "DUE;VALUE=DATE", t);
	}
	if (f->priority > 0 && f->priority <= 3) {
		snprintf(p, sizeof p, "%d", prio[f->priority]);
		prop_raw(o, "PRIORITY", p);
	}
	prop_raw(o, "STATUS", f->status == KITH_FSTATUS_DONE ? "COMPLETED" :
		 f->status == KITH_FSTATUS_DROPPED ? "CANCELLED" : "NEEDS-ACTION");
	prop(o, "DESCRIPTION", f->notes);
	sb_append(&o->sb, "END:VTODO\r\n");
	free(uid);
}

static enum kith_status
export_ics(struct out *o, struct kdb *db, struct kith_err *err)
{
	int64_t ids[WINDOW], after = 0;
	int n;
	enum kith_status rc;

	sb_append(&o->sb, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//kith//kith " KITH_VERSION_STR
		  "//EN\r\nCALSCALE:GREGORIAN\r\n");
	if ((rc = event_zones(db, vtimezone_out, o, err)))
		return rc;
	do {
		if ((rc = event_ids_after(db, after, ids, WINDOW, &n, err)))
			return rc;
		for (int i = 0; i < n; i++) {
			struct kith_event e;
			if ((rc = event_get(db, ids[i], &e, err)))
				return rc;
			e.id = ids[i];
			rc = write_vevent(o, db, &e, err);
			event_free(&e);
			if (rc)
				return rc;
			if (o->sb.len > 65536)
				flush(o);
		}
		if (n)
			after = ids[n - 1];
	} while (n == WINDOW);
	after = 0;
	do {
		if ((rc = followup_ids_after(db, after, false, ids, WINDOW, &n, err)))
			return rc;
		for (int i = 0; i < n; i++) {
			struct kith_followup f;
			if ((rc = followup_get(db, ids[i], &f, err)))
				return rc;
			write_vtodo(o, db, &f);
			followup_free(&f);
			if (o->sb.len > 65536)
				flush(o);
		}
		if (n)
			after = ids[n - 1];
	} while (n == WINDOW);
	sb_append(&o->sb, "END:VCALENDAR\r\n");
	flush(o);
	return KITH_OK;
}

/* ---- JSON ------------------------------------------------------------------------------------ */

struct org_walk {
	struct out *o;
	struct kdb *db;
	long n;
	const char *last;
	int64_t last_id;
};

static int
org_json(void *ud, const struct org_row *r)
{
	struct org_walk *w = ud;
	struct kith_org org;
	bool f = true;

	w->last_id = r->id;
	if (org_get(w->db, r->id, &org, NULL) != KITH_OK)
		return 0;
	sb_append(&w->o->sb, w->n++ ? ",\n    " : "\n    ");
	json_num(&w->o->sb, "id", org.id ? org.id : r->id, false, &f);
	json_kv(&w->o->sb, "name", org.name, &f);
	json_kv(&w->o->sb, "kind", kith_org_kind_name(org.kind), &f);
	json_kv(&w->o->sb, "description", org.description, &f);
	json_num(&w->o->sb, "influence", org.influence, true, &f);
	json_num(&w->o->sb, "parent_id", org.parent_id, true, &f);
	sb_appendc(&w->o->sb, '}');
	org_free(&org);
	return 0;
}

/* Every organisation through fn, in windows by name. */
static enum kith_status
walk_orgs(struct org_walk *w, org_row_fn fn, struct kith_err *err)
{
	enum kith_status rc;

	do {
		long before = w->n;
		if ((rc = org_list(w->db, w->last_id, 1, WINDOW, fn, w, err)))
			return rc;
		flush(w->o);
		if (w->n - before < WINDOW)
			break;
	} while (1);
	return KITH_OK;
}

/*
 * An organisation's own vCard (KIND:org; X-ABShowAs:COMPANY in 3.0), so an
 * organisation without people, and its kind, description, influence and
 * parent, come back from the file: the importer reads it as an
 * organisation, not a person.
 */
static int
org_vcard(void *ud, const struct org_row *r)
{
	struct org_walk *w = ud;
	struct out *o = w->o;
	struct kith_org org, parent = { 0 };
	char num[48];

	w->last_id = r->id;
	w->n++;
	if (org_get(w->db, r->id, &org, NULL) != KITH_OK)
		return 0;
	sb_append(&o->sb, "BEGIN:VCARD\r\n");
	sb_append(&o->sb, o->o->vcard_version == 30 ? "VERSION:3.0\r\nX-ABShowAs:COMPANY\r\n" :
			  "VERSION:4.0\r\nKIND:org\r\n");
	snprintf(num, sizeof num, "kith-org-%lld@kith", (long long)org.id);
	prop_raw(o, "UID", num);
	prop(o, "FN", org.name);
	prop(o, "ORG", org.name);
	prop(o, "NOTE", org.description);
	if (org.kind != KITH_ORG_OTHER)
		prop_raw(o, "X-KITH-ORG-KIND", kith_org_kind_name(org.kind));
	if (org.influence) {
		snprintf(num, sizeof num, "%d", org.influence);
		prop_raw(o, "X-KITH-INFLUENCE", num);
	}
	if (org.parent_id && org_get(w->db, org.parent_id, &parent, NULL) == KITH_OK)
		prop(o, "X-KITH-ORG-PARENT", parent.name);
	sb_append(&o->sb, "END:VCARD\r\n");
	org_free(&parent);
	org_free(&org);
	return 0;
}

/* vCard: the contacts, then the organisations' own cards. */
static enum kith_status
export_vcf(struct out *o, struct kdb *db, struct kith_err *err)
{
	struct org_walk ow = { o, db, 0, NULL, 0 };
	enum kith_status rc;

	if ((rc = export_contacts(o, db, err)))
		return rc;
	return walk_orgs(&ow, org_vcard, err);
}

struct att_json {
	struct strbuf *sb;
	int n;
};

static int
attendee_json(void *ud, const struct attendance_row *r)
{
	struct att_json *a = ud;
	bool f = true;

	if (a->n++)
		sb_append(a->sb, ", ");
	json_num(a->sb, "contact_id", r->contact_id, false, &f);
	json_kv(a->sb, "role", kith_attend_role_name(r->role), &f);
	json_kv(a->sb, "status", kith_attend_status_name(r->status), &f);
	sb_appendc(a->sb, '}');
	return 0;
}

struct ia_walk {
	struct out *o;
	struct kdb *db;
	long n;
	int64_t last;
	int rows;
};

static int
interaction_json(void *ud, const struct interaction_row *r)
{
	struct ia_walk *w = ud;
	struct kith_interaction ia;
	struct strbuf *sb = &w->o->sb;
	bool f = true;

	w->last = r->id;
	w->rows++;
	if (interaction_get(w->db, r->id, &ia, NULL) != KITH_OK)
		return 0;
	sb_append(sb, w->n++ ? ",\n    " : "\n    ");
	json_num(sb, "id", r->id, false, &f);
	json_kv(sb, "at", ia.at, &f);
	json_kv(sb, "kind", kith_interaction_kind_name(ia.kind), &f);
	json_kv(sb, "summary", ia.summary, &f);
	json_kv(sb, "body", ia.body, &f);
	json_num(sb, "event_id", ia.event_id, true, &f);
	sb_append(sb, ", \"contact_ids\": [");
	for (size_t i = 0; i < ia.n_contacts; i++)
		sb_printf(sb, "%s%lld", i ? ", " : "", (long long)ia.contact_ids[i]);
	sb_append(sb, "]}");
	interaction_free(&ia);
	if (sb->len > 65536)
		flush(w->o);
	return 0;
}

struct dump_out {
	struct out *o;
	long n;
};

static int
dump_row(void *ud, int ncols, const char *const *names, const char *const *values,
	 const bool *is_num)
{
	struct dump_out *d = ud;
	struct strbuf *sb = &d->o->sb;

	sb_append(sb, d->n++ ? ",\n    {" : "\n    {");
	for (int i = 0; i < ncols; i++) {
		if (i)
			sb_append(sb, ", ");
		sb_json_str(sb, names[i]);
		sb_append(sb, ": ");
		if (!values[i])
			sb_append(sb, "null");
		else if (is_num[i])
			sb_append(sb, values[i]);
		else
			sb_json_str(sb, values[i]);
	}
	sb_appendc(sb, '}');
	if (sb->len > 65536)
		flush(d->o);
	return 0;
}

/* One whole table as a JSON array member: ',\n  "name": [...]' */
static enum kith_status
json_table(struct out *o, struct kdb *db, const char *name, enum dump_table t,
	   struct kith_err *err)
{
	struct dump_out d = { o, 0 };
	int64_t after = 0;
	int n;
	enum kith_status rc;

	sb_printf(&o->sb, ",\n  \"%s\": [", name);
	do {
		if ((rc = db_dump_window(db, t, after, WINDOW, dump_row, &d, &after, &n, err)))
			return rc;
		flush(o);
	} while (n == WINDOW);
	sb_append(&o->sb, "\n  ]");
	return KITH_OK;
}

struct map_walk {
	struct out *o;
	struct kdb *db;
	long n;
};

static int
placement_json(void *ud, const struct placement_row *r)
{
	struct map_walk *w = ud;
	bool f = true;

	sb_append(&w->o->sb, w->n++ ? ", " : "");
	json_num(&w->o->sb, "contact_id", r->contact_id, true, &f);
	json_num(&w->o->sb, "org_id", r->org_id, true, &f);
	json_num(&w->o->sb, "influence", r->influence, false, &f);
	json_num(&w->o->sb, "alignment", r->alignment, false, &f);
	json_kv(&w->o->sb, "note", r->note, &f);
	json_kv(&w->o->sb, "assessed_at", r->assessed_at, &f);
	sb_appendc(&w->o->sb, '}');
	return 0;
}

static int
map_json(void *ud, const struct map_row *r)
{
	struct map_walk *w = ud;
	struct map_walk pw = { w->o, w->db, 0 };
	bool f = true;

	sb_append(&w->o->sb, w->n++ ? ",\n    " : "\n    ");
	json_num(&w->o->sb, "id", r->id, false, &f);
	json_kv(&w->o->sb, "name", r->name, &f);
	json_kv(&w->o->sb, "goal", r->goal, &f);
	json_num(&w->o->sb, "primary_target_id", r->primary_target_id, true, &f);
	sb_append(&w->o->sb, ", \"placements\": [");
	placement_list(w->db, r->id, NULL, placement_json, &pw, NULL);
	sb_append(&w->o->sb, "]}");
	flush(w->o);
	return 0;
}

static enum kith_status
export_json(struct out *o, struct kdb *db, struct kith_err *err)
{
	int64_t ids[WINDOW], after = 0;
	int n;
	long count = 0;
	enum kith_status rc;
	struct org_walk ow = { o, db, 0, NULL, 0 };
	struct ia_walk iw = { o, db, 0, 0, 0 };

	sb_printf(&o->sb, "{\n  \"kith\": \"%s\",\n  \"contacts\": [", KITH_VERSION_STR);
	if ((rc = export_contacts(o, db, err)))
		return rc;
	sb_append(&o->sb, "\n  ],\n  \"organisations\": [");
	if ((rc = walk_orgs(&ow, org_json, err)))
		return rc;
	sb_append(&o->sb, "\n  ],\n  \"events\": [");
	do {
		if ((rc = event_ids_after(db, after, ids, WINDOW, &n, err)))
			return rc;
		for (int i = 0; i < n; i++) {
			struct kith_event e;
			struct att_json a = { &o->sb, 0 };
			bool f = true;
			if ((rc = event_get(db, ids[i], &e, err)))
				return rc;
			sb_append(&o->sb, count++ ? ",\n    " : "\n    ");
			json_num(&o->sb, "id", ids[i], false, &f);
			json_kv(&o->sb, "title", e.title, &f);
			json_kv(&o->sb, "kind", kith_event_kind_name(e.kind), &f);
			json_kv(&o->sb, "start", e.start_at, &f);
			json_kv(&o->sb, "end", e.end_at, &f);
			sb_append(&o->sb, e.all_day ? ", \"all_day\": true" : ", \"all_day\": false");
			json_kv(&o->sb, "location", e.location, &f);
			json_num(&o->sb, "host_org_id", e.host_org_id, true, &f);
			json_kv(&o->sb, "notes", e.notes, &f);
			json_kv(&o->sb, "rrule", e.rrule, &f);
			json_kv(&o->sb, "uid", e.uid, &f);
			sb_append(&o->sb, ", \"attendance\": [");
			rc = attendance_list_for_event(db, ids[i], attendee_json, &a, err);
			sb_appendc(&o->sb, ']');
			if (!rc)
				rc = json_extras(db, &o->sb, "event", ids[i], err);
			sb_appendc(&o->sb, '}');
			event_free(&e);
			if (rc)
				return rc;
		}
		flush(o);
		if (n)
			after = ids[n - 1];
	} while (n == WINDOW);
	sb_append(&o->sb, "\n  ],\n  \"followups\": [");
	after = 0;
	count = 0;
	do {
		if ((rc = followup_ids_after(db, after, true, ids, WINDOW, &n, err)))
			return rc;
		for (int i = 0; i < n; i++) {
			struct kith_followup fu;
			bool f = true;
			char *uid;
			if ((rc = followup_get(db, ids[i], &fu, err)))
				return rc;
			uid = followup_uid(db, ids[i]);
			sb_append(&o->sb, count++ ? ",\n    " : "\n    ");
			json_num(&o->sb, "id", ids[i], false, &f);
			json_num(&o->sb, "contact_id", fu.contact_id, true, &f);
			json_num(&o->sb, "event_id", fu.event_id, true, &f);
			json_kv(&o->sb, "kind", kith_followup_kind_name(fu.kind), &f);
			json_kv(&o->sb, "title", fu.title, &f);
			json_kv(&o->sb, "due", fu.due, &f);
			json_num(&o->sb, "priority", fu.priority, false, &f);
			json_kv(&o->sb, "status", kith_followup_status_name(fu.status), &f);
			json_kv(&o->sb, "direction", kith_direction_name(fu.direction), &f);
			json_kv(&o->sb, "notes", fu.notes, &f);
			json_kv(&o->sb, "done_at", fu.done_at[0] ? fu.done_at : NULL, &f);
			json_kv(&o->sb, "uid", uid, &f);
			sb_appendc(&o->sb, '}');
			free(uid);
			followup_free(&fu);
		}
		flush(o);
		if (n)
			after = ids[n - 1];
	} while (n == WINDOW);
	sb_append(&o->sb, "\n  ],\n  \"interactions\": [");
	do {
		iw.rows = 0;
		if ((rc = interaction_list_recent(db, iw.last, WINDOW, interaction_json, &iw, err)))
			return rc;
		flush(o);
	} while (iw.rows == WINDOW);
	sb_append(&o->sb, "\n  ]");
	if ((rc = json_table(o, db, "roles", DUMP_ROLES, err)) ||
	    (rc = json_table(o, db, "relationships", DUMP_RELATIONSHIPS, err)))
		return rc;
	{
		struct map_walk mw = { o, db, 0 };
		sb_append(&o->sb, ",\n  \"maps\": [");
		if ((rc = map_list(db, map_json, &mw, err)))
			return rc;
		sb_append(&o->sb, "\n  ]");
	}
	if ((rc = json_table(o, db, "map_targets", DUMP_MAP_TARGETS, err)) ||
	    (rc = json_table(o, db, "placement_moves", DUMP_PLACEMENT_MOVES, err)))
		return rc;
	sb_append(&o->sb, "\n}\n");
	flush(o);
	return KITH_OK;
}

/* ---- dispatch ------------------------------------------------------------------------------- */

/* The exporters by format: adding a format is a line here and one in KITH_IO_FORMATS. */
static enum kith_status (*const exporters[IO_FMT_COUNT_])(struct out *, struct kdb *,
							 struct kith_err *) = {
	[IO_FMT_VCF] = export_vcf,
	[IO_FMT_CSV] = export_contacts,
	[IO_FMT_ICS] = export_ics,
	[IO_FMT_JSON] = export_json,
};

enum kith_status
io_export(struct kdb *db, FILE *f, const struct io_export_opts *opts, struct kith_err *err)
{
	struct out o = { f, {0}, opts, {0} };
	enum kith_status rc;
	bool started;

	if (opts->format < 0 || opts->format >= IO_FMT_COUNT_ || !exporters[opts->format])
		return kith_err_set(err, KITH_INVALID, "format %s: kith cannot export it",
				    io_format_name(opts->format));
	if (opts->vcard_version && opts->vcard_version != 30 && opts->vcard_version != 40)
		return kith_err_set(err, KITH_INVALID, "vCard version: must be 3.0 or 4.0");
	/* one read transaction: a consistent snapshot while writers go on */
	if ((rc = kdb_read_begin(db, &started, err)))
		return rc;
	rc = exporters[opts->format](&o, db, err);
	kdb_read_end(db, started);
	flush(&o);
	sb_free(&o.sb);
	sb_free(&o.line);
	errno = 0;
	if (rc == KITH_OK && (fflush(f) != 0 || ferror(f)))
		return kith_err_set(err, KITH_IO, "write failed: %s", strerror(errno ? errno : EIO));
	return rc;
}
