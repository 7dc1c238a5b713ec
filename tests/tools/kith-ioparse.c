/*
 * kith-ioparse: run one of kith's import parsers on a file and print what
 * it reads, one record per line (for debugging the importers and for
 * replaying a fuzzer's finding).
 *
 *   kith-ioparse vcf|csv|ics FILE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/io.h"
#include "kith/str.h"
#include "kith/types.h"

static void
chans(const char *what, const struct kith_channel *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		printf(" %s=%s%s%s", what, c[i].value, *c[i].label ? "/" : "", c[i].label);
}

static int
rec(void *ud, const struct io_record *r)
{
	(void)ud;
	printf("%d: ", r->line);
	if (r->kind == IO_REC_CONTACT) {
		const struct io_contact_rec *c = &r->u.contact;
		printf("contact [%s] given=[%s] family=[%s]", c->c.display_name,
		       c->c.given_name ? c->c.given_name : "", c->c.family_name ? c->c.family_name : "");
		chans("email", c->c.emails, c->c.n_emails);
		chans("phone", c->c.phones, c->c.n_phones);
		chans("handle", c->c.handles, c->c.n_handles);
		if (c->org)
			printf(" org=[%s]", c->org);
		if (c->title)
			printf(" title=[%s]", c->title);
		if (c->c.birthday)
			printf(" bday=%s", c->c.birthday);
		if (c->c.address)
			printf(" adr=[%s]", c->c.address);
		for (size_t i = 0; i < c->c.n_nicknames; i++)
			printf(" nick=[%s]", c->c.nicknames[i]);
		for (size_t i = 0; i < c->c.n_tags; i++)
			printf(" tag=[%s]", c->c.tags[i]);
		if (c->c.notes)
			printf(" notes=%zu", strlen(c->c.notes));
		printf(" extras=%zu", c->n_extras);
	} else if (r->kind == IO_REC_EVENT) {
		const struct io_event_rec *e = &r->u.event;
		printf("event [%s] %s..%s%s uid=%s", e->e.title, e->e.start_at,
		       e->e.end_at ? e->e.end_at : "", e->e.all_day ? " all-day" : "",
		       e->e.uid ? e->e.uid : "-");
		if (e->e.rrule)
			printf(" rrule=[%s]", e->e.rrule);
		if (e->e.location && *e->e.location)
			printf(" at=[%s]", e->e.location);
		for (size_t i = 0; i < e->n_att; i++)
			printf(" att=%s/%s", e->att[i].email ? e->att[i].email : "",
			       kith_attend_status_name(e->att[i].status));
		printf(" extras=%zu", e->n_extras);
	} else {
		const struct io_todo_rec *t = &r->u.todo;
		printf("todo [%s] due=%s status=%s prio=%d uid=%s", t->f.title,
		       t->f.due ? t->f.due : "-", kith_followup_status_name(t->f.status),
		       t->f.priority, t->uid ? t->uid : "-");
	}
	putchar('\n');
	return 0;
}

static int
error(void *ud, int line, const char *msg)
{
	printf("%s:%d: %s\n", (const char *)ud, line, msg);
	return 0;
}

static void
note(void *ud, int line, const char *msg)
{
	printf("%s:%d: note: %s\n", (const char *)ud, line, msg);
}

int
main(int argc, char **argv)
{
	struct io_sink s = { rec, error, note, NULL, note };
	FILE *f;
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	int fmt;

	if (argc != 3 || (fmt = io_format_parse(argv[1])) < 0 || fmt == IO_FMT_JSON) {
		fprintf(stderr, "usage: kith-ioparse vcf|csv|ics FILE\n");
		return 2;
	}
	if (!(f = fopen(argv[2], "rb"))) {
		perror(argv[2]);
		return 1;
	}
	do {
		if (len + 65536 > cap)
			buf = realloc(buf, cap = cap * 2 + 65536);
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	fclose(f);
	s.ud = argv[2];
	if (fmt == IO_FMT_VCF)
		io_parse_vcard(buf, len, &s);
	else if (fmt == IO_FMT_CSV)
		io_parse_csv(buf, len, &s);
	else
		io_parse_ics(buf, len, &s);
	free(buf);
	return 0;
}
