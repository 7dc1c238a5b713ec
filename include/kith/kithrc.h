/*
 * kithrc.h: the configuration language, read without an engine
 * (src/parse/kithrc.c; the manual is kithrc(5)).
 *
 *	# a comment (a '#' starting a word starts a comment)
 *	set NAME VALUE                  options.h has the table
 *	bind KEYMAP KEYS COMMAND        COMMAND "none" unbinds
 *	color ELEMENT FG BG [ATTR...]   elements are the view styles
 *	source FILE                     relative to the including file
 *
 * Words are separated by blanks; "double" or 'single' quotes keep
 * blanks, and a backslash in double quotes escapes the next character.
 * A bad line is reported as "path:line: message", appended to the
 * reader's error list, and the lines after it still apply (tig, and
 * calcurse's key file log).
 *
 * `set` and `source` are read here; `bind` and `color` belong to the
 * planner and go to the reader's hook (src/engine/config.c). `kith today`
 * reads options with a hook that only checks those lines.
 */
#ifndef KITH_KITHRC_H
#define KITH_KITHRC_H

#include <stdbool.h>

#include "kith/options.h"
#include "kith/str.h"

#define KITHRC_DEPTH_MAX 16

/*
** A bind or color statement, as words w[0..n) (w[0] is "bind" or
** "color"): false with the reason in why (no "path:line:" prefix).
*/
typedef bool kithrc_stmt_fn(void *ctx, char *const *w, int n, struct strbuf *why);

struct kithrc {
	struct options *opts;       /* set NAME VALUE applies here */
	kithrc_stmt_fn *stmt;       /* bind, color; NULL: taken unread */
	void *ctx;                  /* for stmt */
	struct strbuf errors;       /* "path:line: message", one a line */
	int bad;                    /* bad lines so far */
	char *sourcing[KITHRC_DEPTH_MAX];  /* files being read, outermost first */
	int nsourcing;
};

void kithrc_init(struct kithrc *rc, struct options *opts, kithrc_stmt_fn *stmt, void *ctx);
void kithrc_done(struct kithrc *rc);

/*
** Apply one statement. `from` is the file it was read from (NULL for the
** ':' line) for relative `source` paths; depth counts nested sources.
** Returns false with the reason in why, having changed nothing.
*/
bool kithrc_statement(struct kithrc *rc, const char *line, const char *from, int depth,
		      struct strbuf *why);
/*
** Apply every line of text; a bad line adds "path:line: message" to
** rc->errors and the others still apply. Returns the number of bad lines
** (sourced files' bad lines included).
*/
int kithrc_apply(struct kithrc *rc, const char *text, const char *path, int depth);
/*
** Read and apply a config file. Returns the number of bad lines, -2 if
** the file does not exist, -1 if it cannot be read or would be read
** recursively (a loop of `source` lines, or deeper than
** KITHRC_DEPTH_MAX); why says which.
*/
int kithrc_file(struct kithrc *rc, const char *path, int depth, struct strbuf *why);
/*
** The user's file: as kithrc_file, but a missing file is no error (0: the
** defaults) and the reason a file cannot be read joins rc->errors.
*/
int kithrc_user_file(struct kithrc *rc, const char *path);
/* The built-in configuration (assets/kithrc compiled in); returns its bad lines. */
int kithrc_builtin(struct kithrc *rc);

#endif
