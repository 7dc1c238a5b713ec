/*
 * warmpath.h: warm-introduction paths, the best chains of people from one
 * contact ("me") to a target contact or organisation.
 *
 * A link between two people is a current relationship (no end date, or one
 * still to come) or a current role each holds in the same organisation
 * ("both on Planning Commission"; organisations with more than
 * WARM_ROLE_MAX_MEMBERS current members make no such links: sharing a
 * 5,000-member union is not a warm link). The last link into an
 * organisation target is a current role there or a current relationship
 * with it. Past relationships and roles never count, nor does a rivalry
 * (type rival), and a person in opposition (alignment below 0) is never a
 * way in: only the target (or the start) may be one.
 *
 * Having talked to the target yourself is the shortest path: when the
 * search starts at "me" and the target has a touch (any interaction or
 * event met, as "last contacted" counts), a one-hop path comes first: the
 * direct relationship if there is one, else a WARM_LINK_TALKED hop ("you
 * talked to them yourself 9 days ago", scored by recency alone).
 *
 * A link weighs strength / 3 (a shared role counts as strength 2 in a body
 * of at most 30 people, else 1; a role in the target organisation as 3),
 * times how recently it was touched: 1 within 30 days, falling evenly to
 * 0.6 at a year, 0.6 if never. For a link from me that is the other's last
 * touch; between two others, the last interaction involving both. A path
 * scores the product of its links, so every extra hop costs. Ties go to
 * the shorter path, then to the lower contact ids along it: the order is
 * deterministic. Of two links joining the same two people the stronger
 * counts; of two equally strong, a relationship before a shared role
 * (a role in the target organisation before a tie to it), then the older
 * record.
 *
 * The search is exact and bounded. It runs in rounds, each a bounded
 * bidirectional search over part of the links: first the paths of at
 * most 3 hops over links of strength 3, whose k-th best score is a floor
 * the answer cannot fall below; then every hop allowed, over only the
 * links strong enough to be on a path that good (a link weighs at most
 * strength / 3, and a path no more than its weakest link); again with
 * weaker links only while the k best found leave room for them. Each
 * round expands, one layer at a time, whichever side (from me or from the
 * target) has the smaller frontier, reading neighbours through covering
 * indexes, until the two depths add up to its hops - 1; one statement
 * then finds the links between the two frontiers. The links into a
 * contact target are weighed at once (one statement over the target's
 * interactions of the year); the one- and two-hop paths are scored as soon
 * as my links are read, and no one's links are read, nor joined, when
 * every path through them is already known to lose to the k best so far
 * or to the floor (a tie of more hops loses too). The paths are then
 * enumerated through the nodes that can still reach the target in the
 * hops left, pruning, A*-style, any partial path that cannot beat the
 * k-th best found even if every link left were as strong as the
 * strongest way on; other links are weighed (their recency read, each
 * person's interactions once per query) only when a path reaches the
 * target, cheapest first, and only while the path can still win.
 * Someone linked to the target directly is the last hop of a path, never
 * a middle one. The enumeration stops after two million steps with the
 * best paths found by then (far beyond what a city-scale network needs:
 * see `make bench`).
 */
#ifndef KITH_WARMPATH_H
#define KITH_WARMPATH_H

#include <stdint.h>

#include "kith/status.h"

struct kdb;

#define WARM_MAX_HOPS           6
#define WARM_DEFAULT_HOPS       4
#define WARM_DEFAULT_K          5
#define WARM_MAX_K              50
#define WARM_ROLE_MAX_MEMBERS   100

enum warm_link {
	WARM_LINK_REL,          /* a relationship between two contacts */
	WARM_LINK_SHARED_ROLE,  /* both hold a current role in one organisation */
	WARM_LINK_ORG_ROLE,     /* into an organisation target: a role there */
	WARM_LINK_ORG_REL,      /* into an organisation target: a relationship with it */
	WARM_LINK_TALKED,       /* to a contact target: you talked to them yourself */
};

struct warm_hop {
	int64_t contact_id;         /* who this hop reaches (0: the organisation target) */
	int64_t org_id;             /* the target organisation, or the shared one */
	char *name;                 /* the contact's (or target organisation's) name */
	int link;                   /* enum warm_link */
	int rel_type;               /* enum kith_rel_type, for the _REL links */
	int strength;               /* 1..3 as weighed */
	char last_at[20];           /* last touch of this link, "" if none */
	char *reason;               /* "mentor; talked 9 days ago", "both on Planning" */
};

struct warm_path {
	double score;               /* 0 < score <= 1 */
	int nhops;
	struct warm_hop hops[WARM_MAX_HOPS];
};

struct warm_query {
	int64_t from_id;            /* 0: "me" */
	int64_t to_contact_id;      /* the target: a contact ... */
	int64_t to_org_id;          /* ... or an organisation (the other is 0) */
	int k;                      /* 0: WARM_DEFAULT_K; at most WARM_MAX_K */
	int max_hops;               /* 0: WARM_DEFAULT_HOPS; 1..WARM_MAX_HOPS */
};

/*
** The k best paths, best first, into *out (*n of them; 0 when the target
** is out of reach). KITH_INVALID if "me" is unset (and from_id is 0), the
** target is the start, or k/max_hops are out of range; KITH_NOTFOUND if
** the start or the target does not exist. Free with warm_paths_free.
*/
enum kith_status warm_paths(struct kdb *db, const struct warm_query *q, struct warm_path **out,
			    int *n, struct kith_err *err);
void warm_paths_free(struct warm_path *paths, int n);

#endif
