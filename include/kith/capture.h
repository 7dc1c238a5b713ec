/*
 * capture.h: the quick-capture grammar (PRODUCT.md section 5), parsed
 * without the database (src/parse/capture.c): one line in, a struct
 * capture out.
 *
 *   @zoe @"Tom Ruiz" coffee about zoning #housing !fri send the draft
 *
 * Tokens start a word (the start of the line or after a space or tab);
 * a sigil inside a word is plain text ("ana@example.org", "C#"), and a
 * word starting with a backslash is plain text without it ("\#1" is "#1").
 *
 *   @NAME        a person the interaction was with
 *   ~NAME        an organisation (it must exist): its full name stays in
 *                the summary text
 *   ^NAME        the event it happened at (at most one)
 *   #TAG         a tag for every person mentioned with @
 *   !WHEN TITLE  a follow-up due WHEN
 *   !owe WHEN TITLE, !owed WHEN TITLE
 *                a commitment: I owe it / it is owed to me
 *   !intro @A>@B [TITLE]
 *                an introduction of A to B, stage "requested"
 *   !raised      every #tag of the line is an issue each @person raised,
 *                the summary their words (a concern, kith/concern.h)
 *   !private     a private note: kept in the private file, never shared
 *                with a team (kith/interaction.h); only @people, ~, ^ and
 *                words (no #tag, follow-up, !raised, +give or +ask), and
 *                every @person must exist (a new contact would be shared)
 *   +give, +ask  the interaction was help you gave, or a favour you
 *                asked (reciprocity: kith health); at most one, and only
 *                with a summary (something happened)
 *
 * NAME and TAG run to the next space, with trailing , . ; : ! ? ) left
 * off; quotes allow spaces: @"Tom Ruiz", ~"City Hall", #"bike lanes".
 * WHEN is one word for kdate_parse_when (today, tomorrow, fri, 3d, 2w,
 * 1m, 2026-04-01), or a date and a time ("2026-04-01 10:00").
 * A TITLE is every word after WHEN (after @A>@B for an introduction) up
 * to the next word starting with ! # @ ~ or ^, or +give or +ask, or the
 * end of the line. Other words starting with + are text ("+1").
 * A follow-up or commitment is about the nearest @person before it,
 * else the first @person of the line.
 *
 * Every other word is the summary, in order. An @ or ^ mention that
 * follows summary words, with no #tag or !token between, reads as its
 * name there ("lunch with @zoe at ^gala" -> "lunch with zoe at gala");
 * other @ and ^ mentions leave the summary ("@zoe @tom coffee #x @ana"
 * -> "coffee"); ~ mentions always stay. Resolving the mentions
 * (src/db/capture_commit.c) puts the full names of people and
 * organisations in those places.
 *
 * The interaction's kind is the summary's first word when that word is
 * a kind (call, email, meeting, coffee, event, message, social; in any
 * case, with a ',' or ':' after it: "Call: ..."), else "note". A capture
 * needs at least one @person, and a summary unless it holds follow-ups
 * only ("!fri call the clerk @dana": they are added, nothing is logged).
 *
 * Errors name the column (1-based, in characters) and the token:
 * "col 12: !xyz: not a date (today, tomorrow, fri, 3d, 2w, 1m, YYYY-MM-DD)".
 */
#ifndef KITH_CAPTURE_H
#define KITH_CAPTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kith/date.h"
#include "kith/status.h"

enum capture_what { CAPTURE_PERSON, CAPTURE_ORG, CAPTURE_EVENT };

struct capture_mention {
	char *name;                 /* as typed, without the sigil and quotes */
	int col;                    /* where the token starts */
	int sum_off, sum_len;       /* where the name sits in summary; -1: not there */
};

struct capture_followup {
	int direction;              /* enum kith_direction */
	bool intro;                 /* an introduction (then direction is none) */
	char *when;                 /* the WHEN as typed ("" for an introduction) */
	char due[KDATE_STR];        /* "" for an introduction */
	char *title;                /* "" for an introduction without one */
	int person;                 /* index into people: who it is about; -1 none */
	struct capture_mention a, b;/* an introduction: introduce a to b */
	int col;
};

struct capture {
	struct capture_mention *people;  size_t n_people;
	struct capture_mention *orgs;    size_t n_orgs;
	struct capture_mention event;    /* name NULL: none */
	char **tags;                     size_t n_tags;     /* distinct, case-insensitively */
	struct capture_followup *followups; size_t n_followups;
	char *summary;                   /* empty only for a line of follow-ups only
					    (then no interaction is logged) */
	int kind;                        /* enum kith_interaction_kind */
	bool raised;                     /* !raised: the tags are concerns they raised */
	bool is_private;                 /* !private: a private note */
	int exchange;                    /* enum kith_exchange: +give, +ask */
};

/*
** Parse len bytes of buf (need not be NUL-terminated; a NUL byte, a control
** character or invalid UTF-8 is an error) against today. On success *out
** owns everything; on failure *out is zeroed, err names the column and the
** token, and the status is KITH_INVALID.
*/
enum kith_status capture_parse(const char *buf, size_t len, struct kdate today,
			       struct capture *out, struct kith_err *err);
void capture_free(struct capture *c);

/*
** The person mentions of a capture in one order: the @people, then the
** two sides of each introduction. Resolvers keep one id per slot.
*/
size_t capture_n_persons(const struct capture *c);
const struct capture_mention *capture_person(const struct capture *c, size_t slot);

/* ---- resolving and saving (src/db/capture_commit.c) --------------------- */

struct kdb;

/*
** What a person mention matches. In order: an exact name or nickname (a
** nickname alone is offered beside the names that start so, not chosen);
** else a prefix of the name or of a nickname, or the initials ("tr" finds
** Tom Ruiz: the first letters of the name's first words, through the
** full-text index); else a word prefix anywhere in the name or nicknames.
** Case and diacritics are ignored. Candidates come most recently
** contacted first (never-contacted last), then by name. Each look-up
** gathers at most CAPTURE_MATCH_MAX matches (in name order), so for a
** mention matching more, total says "more" and the candidates are the
** most recent of those: the user has to type more of the name anyway.
*/
enum capture_found { CAPTURE_ONE, CAPTURE_AMBIGUOUS, CAPTURE_UNKNOWN };

#define CAPTURE_CANDIDATES 8

struct capture_candidate {
	int64_t id;
	char *name;
	char last_at[17];           /* "" never contacted */
};

struct capture_match {
	enum capture_found found;
	struct capture_candidate cands[CAPTURE_CANDIDATES];  /* ranked; [0] is the one */
	int n_cands;                /* shown (at most CAPTURE_CANDIDATES) */
	int total;                  /* matched, counted up to CAPTURE_MATCH_MAX */
};
#define CAPTURE_MATCH_MAX 300

/*
** What the mentions of a capture resolve to, before capture_commit saves
** it: per person slot the contact (0: one to create) and the name (the
** full name, or as typed), per ~organisation its id, and the ^event.
*/
struct capture_resolution {
	size_t n;                   /* person slots: capture_n_persons */
	int64_t *ids;
	char **names;
	int64_t *org_ids;           /* c->n_orgs of them */
	int64_t event_id;           /* 0: no ^event */
};
/* Sized for c, every id 0 and name NULL. */
void capture_resolution_init(struct capture_resolution *r, const struct capture *c);
void capture_resolution_free(struct capture_resolution *r);

enum kith_status capture_match_person(struct kdb *db, const char *text,
				      struct capture_match *out, struct kith_err *err);
void capture_match_free(struct capture_match *m);
/*
** For a mention that matched nobody: the contact it most likely means, a
** typo or two away ("marcus bel" -> Marcus Bell; closest first, then most
** recently contacted). *id_out 0 and *name_out NULL when none is close.
*/
enum kith_status capture_suggest(struct kdb *db, const char *text, int64_t *id_out,
				 char **name_out, struct kith_err *err);

/*
** For person slot `slot` that matched nobody (ids[slot] == 0): the earlier
** slot, also to be created, that it names by the same rules as a contact
** (the same name, or a prefix of it: "@\"Kim Park\" ... @kim"), else -1.
** A name created earlier in the same line is not created twice.
*/
long capture_new_same(const struct capture *c, const int64_t *ids, size_t slot);

/*
** The summary as it will be saved: each inline @person or ~organisation
** (sum_off >= 0) replaced by the full name of its id (as typed for a
** person slot whose id is 0: a contact to create). Newly allocated.
*/
enum kith_status capture_summary(struct kdb *db, const struct capture *c,
				 const int64_t *person_ids, const int64_t *org_ids,
				 char **out, struct kith_err *err);

/*
** Save a parsed capture in one transaction (one undo step): new contacts
** for the person slots whose id is 0 (named as typed; a name typed again,
** or a prefix of it, makes no second contact: capture_new_same), the interaction at `at` with every @person,
** the tags on every @person, and the follow-ups, commitments and
** introductions (stage "requested", introduced by "me" if set). org_ids
** and event_id come from org_resolve/event_resolve. Inline names in the
** summary become the resolved full names. Nothing is written on failure.
*/
struct capture_saved {
	int64_t interaction_id;
	int64_t *person_ids;        /* per slot, after creation (owned) */
	size_t n_created;           /* contacts created */
};
enum kith_status capture_commit(struct kdb *db, const struct capture *c,
				const int64_t *person_ids, const int64_t *org_ids,
				int64_t event_id, const char *at,
				struct capture_saved *out, struct kith_err *err);
void capture_saved_free(struct capture_saved *s);

#endif
