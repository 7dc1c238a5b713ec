/*
 * goal_sql.h: what goal.c (progress, state, the review's term, the
 * writes) and goal_member.c (a goal's people and their touches, and the
 * rows kept of them) share. Internal to src/db.
 */
#ifndef KITH_DB_GOAL_SQL_H
#define KITH_DB_GOAL_SQL_H

#include "internal.h"

#include "kith/goal.h"

/* A person's touch when none counts: after every date. */
#define NO_TOUCH "'~'"
#define NO_TOUCH_TEXT "~"

/*
 * The people a goal's statement reads. SRC_WHOLE: all its query selects,
 * each person's touch looked for once, before the statement reads any
 * (materialized); SRC_FIRST: the same as each row is read, so that a LIMIT
 * stops the looking; SRC_DIRTY: only those of the people goal_dirty holds.
 */
enum goal_src { SRC_WHOLE, SRC_FIRST, SRC_DIRTY };

/*
 * Prepare the goal's statement (finalize it): `head` selects from "p" (the
 * people with id, name, name_key, influence and their first touch AS at,
 * NO_TOUCH if none), `tail` follows; ?1 and ?2 the window, ?3 me, the
 * query's values from ?4.
 */
enum kith_status goal_stmt(struct kdb *db, const struct goal *g, const char *head,
			   const char *tail, enum goal_src src, sqlite3_stmt **st,
			   struct kith_err *err);
/* head and tail: the people counted (id, name, at), in the order they counted. */
extern const char goal_counted_head[], goal_counted_tail[];

/* A goal's columns, as goal_read reads them into a struct goal (zeroed first; free with goal_free). */
#define GOAL_COLS "id, title, who, how, target, set_on, due, coalesce(dropped_on, '')"
void goal_read(sqlite3_stmt *st, struct goal *g);
/* The goals (all, or the open ones on today: not dropped, not past their date), by id, without progress. */
enum kith_status goals_read(struct kdb *db, const char *today, bool all, struct goal **out,
			    int *nout, struct kith_err *err);
void goals_free(struct goal *v, int n);

/* Past this many people marked, every goal is built whole instead (an import). */
#define DIRTY_MAX 2000

/*
 * Are goal id's rows in goal_member current (no person marked, the goal
 * not stale)? Outside a write, the marks left are first brought up to
 * date (goal_member.c), if the database can be written.
 */
bool goal_kept_ready(struct kdb *db, int64_t id);
void goal_kept_catch_up(struct kdb *db);
/* Has the write under way marked anything (in memory, goal_mark.c)? */
bool goal_marks_pending(struct kdb *db);
/* From goal_member: g's count and the day its target-th counted (reached_on, '' if not). */
enum kith_status goal_kept_tally(struct kdb *db, struct goal *g, struct kith_err *err);
/* The best person goal ?1 does not count (id, name), as goal_best_uncounted orders them. */
extern const char goal_kept_uncounted[];

#endif
