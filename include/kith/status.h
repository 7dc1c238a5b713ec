/*
 * status.h: how every layer reports failure.
 *
 * Library code never exits and never prints. A function that can fail
 * returns an enum kith_status and, when given a non-NULL struct kith_err,
 * fills it with a human sentence naming what went wrong and where
 * ("contact 12: no such contact", "influence 9: must be 1 to 5").
 * The command line turns it into `kith: <what>: <why>`; the screen shows
 * it on the status line.
 */
#ifndef KITH_STATUS_H
#define KITH_STATUS_H

#include <stddef.h>

#define KITH_PRINTF(a, b) __attribute__((format(printf, a, b)))

/* X-macro: code, default message. */
#define KITH_STATUS_INFO(_) \
	_(OK,        "success") \
	_(INVALID,   "invalid input") \
	_(NOTFOUND,  "not found") \
	_(AMBIGUOUS, "ambiguous") \
	_(EXISTS,    "already exists") \
	_(DB,        "database error") \
	_(BUSY,      "database is busy") \
	_(IO,        "input/output error") \
	_(VERSION,   "database was written by a newer kith") \
	_(CONFLICT,  "changed elsewhere") \
	_(CORRUPT,   "the database is damaged") \
	_(NOMEM,     "out of memory")

enum kith_status {
#define KITH_STATUS_ENUM(name, msg) KITH_##name,
	KITH_STATUS_INFO(KITH_STATUS_ENUM)
#undef KITH_STATUS_ENUM
};

/* Error detail. msg is always NUL-terminated; long text is cut, never overflowed. */
struct kith_err {
	enum kith_status code;
	char msg[512];
};

/* Default sentence for a code ("not found"). */
const char *kith_status_str(enum kith_status code);

/*
** Record an error in err (which may be NULL) and return code, so callers
** can write `return kith_err_set(err, KITH_INVALID, "influence %d: ...", n);`.
*/
enum kith_status kith_err_set(struct kith_err *err, enum kith_status code,
			      const char *fmt, ...) KITH_PRINTF(3, 4);

/* Reset err to KITH_OK with an empty message (err may be NULL). */
void kith_err_clear(struct kith_err *err);

#endif
