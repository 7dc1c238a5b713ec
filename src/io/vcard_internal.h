/*
 * vcard_internal.h: what the vCard reader's two files share: a card's
 * properties as its content lines give them (vcard_line.c) and the
 * reader's state, mapped into a record by vcard.c.
 */
#ifndef KITH_VCARD_INTERNAL_H
#define KITH_VCARD_INTERNAL_H

#include "io_internal.h"

/* The properties the reader knows (name_id). */
enum vn {
	VN_OTHER, VN_IGNORED, VN_BEGIN, VN_END, VN_XABLABEL, VN_FN, VN_N, VN_KIND, VN_ORG_KIND,
	VN_ORG_PARENT, VN_NICKNAME, VN_CATEGORIES, VN_EMAIL, VN_TEL, VN_URL, VN_HANDLE, VN_ORG,
	VN_TITLE, VN_BDAY, VN_ADR, VN_NOTE, VN_UID, VN_XKITH, VN_XKITH_SEAT, VN_XKITH_EXTRA,
	VN_MEDIA,
};

/* The parameters it reads. */
enum vp { VP_OTHER, VP_TYPE, VP_ENCODING, VP_CHARSET, VP_NAME, VP_OMIT_YEAR };

struct vparam {
	enum vp id;
	const char *value;
};

struct vprop {
	const char *group;          /* lower case, "" if none */
	const char *name;           /* upper case */
	enum vn id;
	struct vparam *params;
	size_t n_params;
	char *value;                /* UTF-8, still escaped */
	bool binary;
};

/* What reading a file keeps from card to card (its memory, reused). */
struct vreader {
	struct io_arena tmp;        /* the card's properties: reset for each card */
	unsigned text;              /* what the file's text is: IO_TEXT_UTF8, IO_TEXT_NO_CR */
	struct vprop *props;
	size_t n, cap;
	size_t bytes;               /* of the card's content lines, up to IO_MAX_RECORD */
	int line;
	struct strbuf folded, raw, dec, sb, notes; /* folded: a folded line joined */
	/* the card's values as they are read, before repeats are dropped */
	struct kith_channel *ch[3]; /* emails, phones, handles */
	size_t n_ch[3], cap_ch[3];
	char **sv[2];               /* nicknames, tags */
	size_t n_sv[2], cap_sv[2];
	struct io_extra *x;
	size_t nx, cap_x;
	struct io_keyset keys;      /* of the people's records so far (io_contact_rec.seen) */
};

/* The value of parameter id of p, or NULL. */
const char *vc_param_get(const struct vprop *p, enum vp id);
/* s[*b..*e) without the blanks at either end. */
void vc_trim_span(const char *s, size_t *b, size_t *e);
/* s trimmed in place; s. */
char *vc_trim_in(char *s);
/*
** One unfolded content line, s[0..*len) of v->tmp (io_content_next_in),
** into p (its strings in v->tmp, most of them cut out of s): NULL, or what
** is wrong with it.
*/
const char *vc_parse_line(struct vreader *v, struct vprop *p, char *s, size_t *len,
			  struct io_lines *r);

#endif
