/*
 * card.c: the lines of a contact's card, shared by the Contacts pane's
 * detail and the daily review: roles, timeline, follow-ups,
 * relationships, map positions. Each is a row callback of the data layer
 * appending to a struct page (the callback's ud).
 */
#include "panes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/concern.h"
#include "kith/contact.h"
#include "kith/db.h"
#include "kith/followup.h"
#include "kith/health.h"
#include "kith/interaction.h"
#include "kith/org.h"
#include "kith/powermap.h"
#include "kith/str.h"
#include "kith/syncdb.h"
#include "kith/types.h"
#include "kith/xalloc.h"

int
card_role_line(void *ud, const struct role_row *r)
{
	struct page *pg = ud;
	const char *what = *r->title ? r->title : r->seat;
	/* a role with no title is the organisation alone, not ", Tenants Union" */
	page_add(pg, *r->end_date ? VS_DIM : VS_NORMAL, 2, "%s%s%s%s%s%s", what,
		 *what && *r->org_name ? ", " : "", r->org_name, *r->start_date ? "  since " : "",
		 r->start_date, *r->end_date ? " (past)" : "");
	return 0;
}

char *
card_logged_by(struct kdb *db, int64_t key)
{
	char *who = key > 0 && key >> KDB_KEY_BITS ? kdb_key_author(db, key) : NULL;
	char *s = who ? str_fmt("  (logged by %s)", who) : xstrdup("");

	free(who);
	return s;
}

int
card_timeline_line(void *ud, const struct interaction_row *r)
{
	const struct card_timeline *ct = ud;
	struct page *pg = ct->pg;
	/* a private note (negative id) is this machine's own: no author, marked */
	char *by = card_logged_by(ct->db, r->id);

	page_add(pg, VS_NORMAL, 2, "%.16s  %-7s %s%s%s", r->at,
		 kith_interaction_kind_name(r->kind), KITH_PRIVATE_ID(r->id) ? "(private) " : "",
		 r->summary, by);
	free(by);
	if (*r->body)
		page_add(pg, VS_DIM, 20, "%.200s", r->body);
	return 0;
}

int
card_followup_line(void *ud, const struct followup_row *r)
{
	struct page *pg = ud;
	const char *dir = r->direction == KITH_DIR_OWE ? "  (I owe)" :
			  r->direction == KITH_DIR_OWED ? "  (owed to me)" : "";
	char today[KDATE_STR];

	kdate_format(kdate_today(), today);
	page_add(pg, *r->due && strcmp(r->due, today) < 0 ? VS_OVERDUE : VS_NORMAL, 2, "%-10s  %s%s",
		 *r->due ? r->due : "no date", r->title, dir);
	return 0;
}

int
card_relationship_line(void *ud, const struct relationship_row *r)
{
	struct page *pg = ud;
	char last[16];

	fmt_ago(r->other_last_at, last);
	page_add(pg, r->current ? VS_NORMAL : VS_DIM, 2, "%s — %s, strength %d%s%s", r->other_name,
		 kith_rel_type_name(r->type), r->strength, r->current ? "" : " (past)",
		 *r->source ? "" : "");
	return 0;
}

int
card_map_line(void *ud, const struct map_position_row *r)
{
	struct page *pg = ud;
	page_add(pg, r->is_target ? VS_TARGET : VS_NORMAL, 2, "%s: influence %d, %s%s", r->map_name,
		 r->influence, kith_alignment_name(r->alignment),
		 r->is_primary ? " — primary target" : r->is_target ? " — target" : "");
	return 0;
}

/* The concerns a person raised: headed only when there are some. */
int
card_concern_line(void *ud, const struct concern_row *r)
{
	struct card_section *cs = ud;

	if (!cs->n++)
		page_add(cs->pg, VS_HEADER, 0, "%s", cs->title);
	page_add(cs->pg, VS_NORMAL, 2, "%s  #%s%s%.300s%s", r->raised_at, r->issue,
		 *r->words ? "  \u201c" : "", r->words, *r->words ? "\u201d" : "");
	return 0;
}

/* A section header just added with nothing under it: say so, with the key to fix it. */
void
card_none(struct page *pg, const char *what, const char *hint)
{
	if (pg->n == 0 || pg->lines[pg->n - 1].style != VS_HEADER)
		return;
	page_add(pg, VS_DIM, 2, "%s%s%s", what, hint ? " — " : "", hint ? hint : "");
}


/* A field kept aside (an import's unknown field, a merge's other value). */
int
card_extra_line(void *ud, const char *source, const char *name, const char *value)
{
	struct page *pg = ud;

	page_add(pg, VS_NORMAL, 2, "%s: %.500s%s%s%s", name, value, *source ? "  (" : "", source,
		 *source ? ")" : "");
	return 0;
}

void
card_reciprocity(struct page *pg, struct kdb *db, int64_t id)
{
	struct health_recip r;
	char gave[160], asked[160];

	if (health_recip_for(db, id, &r, NULL) != KITH_OK || (!r.gave && !r.asked))
		return;
	health_recip_words(&r, false, gave, sizeof gave);
	health_recip_words(&r, true, asked, sizeof asked);
	if (!r.gave)
		page_add(pg, VS_HIGHLIGHT, 0, "you only asked: %s; offer something before another ask",
			 asked);
	else
		page_add(pg, VS_NORMAL, 0, "gave %d (%s) · asked %d (%s)", r.gave, gave, r.asked,
			 asked);
}
