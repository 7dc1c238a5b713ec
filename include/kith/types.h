/*
 * types.h: the fixed vocabularies of the data model (PRODUCT.md section 2).
 *
 * Each list is an X-macro of (C name, stored/user-facing word). The word is
 * what the database stores, what the command line accepts and what JSON
 * prints. kith_<list>_name() gives the word, kith_<list>_parse() reads one
 * (case-insensitive; returns -1 if unknown).
 */
#ifndef KITH_TYPES_H
#define KITH_TYPES_H

#define KITH_ORG_KINDS(_) \
	_(GOVERNMENT, "government") _(COMMUNITY, "community") _(PARTY, "party") \
	_(ASSOCIATION, "association") _(BUSINESS, "business") _(MEDIA, "media") \
	_(SCHOOL, "school") _(UNION, "union") _(CAMPAIGN, "campaign") _(OTHER, "other")

#define KITH_REL_TYPES(_) \
	_(PROFESSIONAL, "professional") _(SOCIAL, "social") _(FAMILY, "family") \
	_(MEMBERSHIP, "membership") _(POSITION, "position") _(EDUCATION, "education") \
	_(DONATION, "donation") _(LOBBYING, "lobbying") _(HIERARCHY, "hierarchy") \
	_(MENTOR, "mentor") _(ALLY, "ally") _(RIVAL, "rival") _(GENERIC, "generic")

#define KITH_EVENT_KINDS(_) \
	_(TOWN_HALL, "town-hall") _(COUNCIL_MEETING, "council-meeting") \
	_(CONFERENCE, "conference") _(RALLY, "rally") _(FUNDRAISER, "fundraiser") \
	_(VOLUNTEER_SHIFT, "volunteer-shift") _(MEETUP, "meetup") \
	_(INFO_INTERVIEW, "informational-interview") _(ONE_TO_ONE, "one-to-one") \
	_(OTHER, "other")

#define KITH_ATTEND_ROLES(_) \
	_(HOST, "host") _(SPEAKER, "speaker") _(ATTENDEE, "attendee")

#define KITH_ATTEND_STATUSES(_) \
	_(INVITED, "invited") _(CONFIRMED, "confirmed") _(ATTENDED, "attended") \
	_(NO_SHOW, "no-show") _(MET, "met")

#define KITH_INTERACTION_KINDS(_) \
	_(CALL, "call") _(EMAIL, "email") _(MEETING, "meeting") _(COFFEE, "coffee") \
	_(EVENT, "event") _(MESSAGE, "message") _(SOCIAL, "social") _(NOTE, "note")

/*
** Which way an interaction went: auto (not stored: the kind's usual way,
** kith_interaction_way_of), a conversation, outreach not answered yet, an
** answer (or a contact they started), or a note about someone.
*/
#define KITH_INTERACTION_WAYS(_) \
	_(AUTO, "auto") _(BOTH, "both") _(OUT, "out") _(IN, "in") _(NONE, "none")

#define KITH_FOLLOWUP_KINDS(_) \
	_(THANK_YOU, "thank-you") _(SEND_INFO, "send-info") _(INTRODUCE, "introduce") \
	_(CHECK_IN, "check-in") _(ASK, "ask") _(OTHER, "other")

#define KITH_FOLLOWUP_STATUSES(_) \
	_(OPEN, "open") _(DONE, "done") _(DROPPED, "dropped")

/* A plain follow-up, a promise I made, or one made to me. */
#define KITH_DIRECTIONS(_) \
	_(NONE, "none") _(OWE, "owe") _(OWED, "owed")

#define KITH_INTRO_STAGES(_) \
	_(NONE, "none") _(REQUESTED, "requested") _(MADE, "made") _(MET, "met") \
	_(THANKED, "thanked")

/* An interaction marked as help the user gave, or a favour they asked (+give, +ask). */
#define KITH_EXCHANGES(_) \
	_(NONE, "none") _(GIVE, "give") _(ASK, "ask")

#define KITH_ALIGNMENTS(_) \
	_(ACTIVE_OPPOSITION, "active opposition") _(PASSIVE_OPPOSITION, "passive opposition") \
	_(NEUTRAL, "neutral") _(PASSIVE_ALLY, "passive ally") _(ACTIVE_ALLY, "active ally")

#define KITH_TYPE_DECLARE(list, prefix, lower) \
	enum kith_##lower { list(KITH_TYPE_ENUM_##prefix) KITH_##prefix##_COUNT_ }; \
	const char *kith_##lower##_name(int v); \
	int kith_##lower##_parse(const char *word);

#define KITH_TYPE_ENUM_ORG(n, w) KITH_ORG_##n,
#define KITH_TYPE_ENUM_REL(n, w) KITH_REL_##n,
#define KITH_TYPE_ENUM_EVENT(n, w) KITH_EVENT_##n,
#define KITH_TYPE_ENUM_AROLE(n, w) KITH_AROLE_##n,
#define KITH_TYPE_ENUM_ASTATUS(n, w) KITH_ASTATUS_##n,
#define KITH_TYPE_ENUM_IKIND(n, w) KITH_IKIND_##n,
#define KITH_TYPE_ENUM_IWAY(n, w) KITH_IWAY_##n,
#define KITH_TYPE_ENUM_FKIND(n, w) KITH_FKIND_##n,
#define KITH_TYPE_ENUM_FSTATUS(n, w) KITH_FSTATUS_##n,
#define KITH_TYPE_ENUM_DIR(n, w) KITH_DIR_##n,
#define KITH_TYPE_ENUM_INTRO(n, w) KITH_INTRO_##n,
#define KITH_TYPE_ENUM_XCHG(n, w) KITH_XCHG_##n,

/* Every vocabulary once, as (its list, its enum prefix, its lower-case name): types.c
   defines what this declares. */
#define KITH_TYPES(X) \
	X(KITH_ORG_KINDS, ORG, org_kind) \
	X(KITH_REL_TYPES, REL, rel_type) \
	X(KITH_EVENT_KINDS, EVENT, event_kind) \
	X(KITH_ATTEND_ROLES, AROLE, attend_role) \
	X(KITH_ATTEND_STATUSES, ASTATUS, attend_status) \
	X(KITH_INTERACTION_KINDS, IKIND, interaction_kind) \
	X(KITH_INTERACTION_WAYS, IWAY, interaction_way) \
	X(KITH_FOLLOWUP_KINDS, FKIND, followup_kind) \
	X(KITH_FOLLOWUP_STATUSES, FSTATUS, followup_status) \
	X(KITH_DIRECTIONS, DIR, direction) \
	X(KITH_INTRO_STAGES, INTRO, intro_stage) \
	X(KITH_EXCHANGES, XCHG, exchange)

KITH_TYPES(KITH_TYPE_DECLARE)

/*
** A vocabulary of its own, read as those above are: the word for v of
** words[0..n) (unknown if v is out of range); the v of a word (any case, '_'
** read as '-'; -1 if it is none of them, or NULL). KITH_WORDS_DEFINE(name,
** parse, words, n, unknown) defines `const char *name(int v)` and
** `int parse(const char *word)` by them.
*/
const char *kith_word_name(const char *const *words, int n, int v, const char *unknown);
int kith_word_parse(const char *const *words, int n, const char *word);
#define KITH_WORDS_DEFINE(name, parse, words, n, unknown) \
	const char *name(int v) { return kith_word_name(words, n, v, unknown); } \
	int parse(const char *word) { return kith_word_parse(words, n, word); }

/*
** The way an interaction of `kind` goes unless told: an email, a message or
** a social-media contact is outreach (out), a note is about someone (none),
** a call, meeting, coffee or event is a conversation (both). A way other
** than auto is returned as it is.
*/
int kith_interaction_way_of(int way, int kind);

/* Alignment is stored as -2..+2; the band name for display. */
const char *kith_alignment_name(int alignment);

/* Default cadence in days for tier 'A'..'D' (21, 60, 180, 365); 0 for no tier. */
int kith_tier_cadence(char tier);

#endif
