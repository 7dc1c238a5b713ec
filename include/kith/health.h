/*
 * health.h: the health of the network (kith health, the Health view).
 *
 * The active network is everyone (not archived, not "me") touched in the
 * last `days` days: an interaction, or an event attended or met at (the
 * contact's last-contacted time). It is broken down four ways:
 *
 *   sector    the kind of organisation of each current role (government,
 *             community, ...); a person with roles at two kinds counts in
 *             both; none: "no organisation"
 *   district  the contact's district or ward; none: "no district"
 *   tier      A, B, C, D; none: "no tier"
 *   met       how you met: "introduced" (an introducer is recorded), "at an
 *             event" (the event is recorded), else the how-met text as
 *             written (groups case-insensitively); none: "not recorded"
 *
 * Each breakdown lists its largest groups first (at most HEALTH_GROUPS, the
 * rest summed as "other"), the unknown group last. A group other than the
 * unknown holding warn_percent of the active network or more, in the
 * sector, district or met breakdown, is a warning ("71 % of the people you
 * talked to in the last 90 days are in government"); only when the active
 * network has at least HEALTH_WARN_MIN people.
 *
 * Strong ties going dormant: tier A or B contacts, and people with a
 * current strength-3 relationship with "me", silent for more than twice
 * their cadence (their own, else their tier's; tier B's for a strong
 * relationship with neither; a cadence of 0 means none: never dormant).
 * Never contacted counts from when the contact was added.
 *
 * Reciprocity: what you gave each person against what you asked of them.
 *   gave   introductions you made for them (you are the introducer, stage
 *          made, met or thanked: both sides), help you gave (interactions
 *          marked give: +give in capture, kith log --give), promises you
 *          kept (follow-ups you owed them, done)
 *   asked  introductions you asked of them (they are the introducer, any
 *          stage), favours you asked (interactions marked ask), what they
 *          owe you (follow-ups owed to you, open or done)
 * People you have only asked of (asked > 0, gave 0) come first, most asks
 * first; then the others by asked minus gave, most first.
 */
#ifndef KITH_HEALTH_H
#define KITH_HEALTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kith/status.h"

struct kdb;

#define HEALTH_GROUPS 8
#define HEALTH_WARN_MIN 5

struct health_params {
	char today[11];             /* "YYYY-MM-DD" */
	int days;                   /* the active network: touched in the last days (90) */
	int warn_percent;           /* a group holding this share or more warns (60) */
	int cadence[4];             /* tiers A..D, days */
	int limit;                  /* people listed per list; <= 0: all */
};
/* Defaults, today from KITH_TODAY or the clock. */
void health_params_default(struct health_params *p);

enum health_dim { HD_SECTOR, HD_DISTRICT, HD_TIER, HD_MET, HD_COUNT_ };
/* "sector", "district", "tier", "met" */
const char *health_dim_name(int dim);

struct health_group {
	char *name;                 /* "government", "Ward 3", "A", "at an event", "no district" */
	bool known;                 /* false: the unknown group (and "other") */
	int n;
	int percent;                /* of the active network, rounded */
};

struct health_breakdown {
	struct health_group *groups;
	int n;
	char *warning;              /* NULL: none */
};

struct health_tie {
	int64_t contact_id;
	char *name;
	char tier;                  /* 0: none */
	bool strong;                /* a strength-3 relationship with me */
	bool never;                 /* never contacted: silent since added */
	long silent;                /* days */
	int cadence;                /* days */
};

struct health_recip {
	int64_t contact_id;
	char *name;                 /* NULL from health_recip_for */
	int gave_intros, gave_help, gave_kept;
	int asked_intros, asked_favours, asked_owed;
	int gave, asked;            /* the sums */
};

struct health_report {
	char since[11];             /* the first day of the active window */
	int days;
	int contacts;               /* not archived, not me */
	int active;
	struct health_breakdown dims[HD_COUNT_];
	struct health_tie *dormant;
	int n_dormant, total_dormant;
	struct health_recip *recip;
	int n_recip, total_recip;   /* listed; everyone with a give or an ask */
	int only_asked;             /* of total_recip */
};

/*
** Build the report: one pass over the contacts (with their current roles
** and touches), one over the marked interactions and the follow-ups that
** give or ask. On failure *out is empty.
*/
enum kith_status health_report_build(struct kdb *db, const struct health_params *p,
				     struct health_report *out, struct kith_err *err);
void health_report_free(struct health_report *r);

/* One person's reciprocity (the card, the review); zeros for "me". */
enum kith_status health_recip_for(struct kdb *db, int64_t contact_id, struct health_recip *out,
				  struct kith_err *err);

/* "2 introductions, 1 favour, 1 owed to you" for the asked (or given) side. */
void health_recip_words(const struct health_recip *r, bool asked, char *out, size_t size);

#endif
