/*
 * cli.h: internals of the command line (src/cli only).
 *
 * Every command is one struct cli_cmd of the table in commands.c: its
 * name, its usage text, its options and its run function. The same table
 * drives parsing, `kith help COMMAND`, `kith COMMAND --help` and
 * `kith --help`, so the usage shown is always the usage accepted. Layers
 * of files, each calling only the ones below it: main.c, help.c and
 * commands.c; the commands (cmd_*.c, cmd_export_map.c below cmd_io.c);
 * open.c, args.c and out.c. A command's run function validates every argument
 * that does not need the database first, then opens the database with
 * cli_db() and does its work in one transaction: a rejected command
 * changes nothing.
 *
 * Exit status: 0 success, 1 runtime error, 2 usage error (unknown command
 * or option, missing or malformed argument, a value out of range, a
 * CONTACT or EVENT that matches nothing or several), 3 the change was
 * saved but its confirmation could not be written (a script must not
 * retry), 4 the database is damaged. man/kith.1 EXIT STATUS lists them.
 */
#ifndef KITH_CLI_H
#define KITH_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "kith/date.h"
#include "kith/status.h"
#include "kith/str.h"

struct kdb;

#define CLI_OK          0
#define CLI_RUNTIME     1
#define CLI_USAGE       2
#define CLI_SAVED_NOOUT 3       /* saved; standard output failed */
#define CLI_DAMAGED     4       /* the database is damaged */

#define CLI_MAX_OPTS    16
#define CLI_MAX_POS     4
#define CLI_ANY_POS     (-1)    /* max_pos: any number (kith import FILE...) */

/* One option of a command: `--name VALUE` or `--name`. */
struct cli_opt {
	const char *name;       /* long name without "--"; NULL ends a list */
	bool has_arg;
	bool multi;             /* may be given several times */
};

/*
** A command's options are declared once (commands.h), as a list LIST(O) of
** O(INDEX, "name", KIND) with KIND one of CLI_ARG (--name VALUE), CLI_MULTI
** (--name VALUE, may be given again) or CLI_FLAG (--name). The list expands
** into the enum of the indexes that cli_opt(), cli_flag() and a->vals take,
** enum { LIST(CLI_OPT_INDEX_) }, and into the command's table of options,
** CLI_OPTS(LIST), ended for cli_parse.
*/
#define CLI_ARG   true, false
#define CLI_MULTI true, true
#define CLI_FLAG  false, false
#define CLI_OPT_INDEX_(index, name, kind) index,
#define CLI_OPT_ENTRY_(index, name, kind) [index] = {name, kind},
#define CLI_OPTS(LIST) ((const struct cli_opt[]){ LIST(CLI_OPT_ENTRY_) {NULL, false, false} })

/* A command line after parsing against a command's options. */
struct cli_args {
	const struct cli_cmd *cmd; /* the command parsed for */
	const char **pos;          /* positional arguments (allocated) */
	int npos;
	const char **vals[CLI_MAX_OPTS];   /* values of option i, in order */
	int count[CLI_MAX_OPTS];           /* times option i was given */
};

/* State shared by every command. */
struct cli {
	const char *db_opt;     /* -d/--db, or NULL */
	char *db_path;          /* resolved by cli_db() */
	struct kdb *db;         /* opened by cli_db() */
	struct kdate today;
};

/* A command's work: validate, open the database (cli_db), act; an exit status. */
typedef int cli_run_fn(struct cli *c, const struct cli_args *a);

struct cli_cmd {
	const char *name;       /* "add" */
	const char *sub;        /* "contact", or NULL */
	const char *synopsis;   /* what follows the name in the usage line */
	const char *summary;    /* one sentence */
	const char *details;    /* option lines, "" if none */
	const struct cli_opt *opts;
	int min_pos, max_pos;
	cli_run_fn *run;
};

/* The command table (commands.c), ended by an entry whose name is NULL. */
extern const struct cli_cmd cli_commands[];

/* cmd_export_map.c: the svg and dot pictures of a map, for kith export (cmd_io.c) */
int cli_export_map(struct cli *c, const char *format, const char *map, const char *as_of,
		   const char *path);
/*
** out.c: ask "Delete WHAT? [y/N]" on the terminal unless yes (--yes); refused when
** not on a terminal. CLI_OK to go on, else the exit status (nothing deleted).
*/
int cli_confirm_delete(bool yes, const char *what);

/* help.c */
void cli_usage_all(FILE *f);
/* Usage of every command named `name` (and `sub` if non-NULL); false if none. */
bool cli_usage_cmd(FILE *f, const char *name, const char *sub);

/* args.c: option parsing and argument conversion. Each prints its error. */
int cli_parse(struct cli *c, const struct cli_cmd *cmd, int argc, char **argv,
	      struct cli_args *a, bool *help);
void cli_args_free(struct cli_args *a);
/* The last value of option i, or NULL. */
const char *cli_opt(const struct cli_args *a, int i);
bool cli_flag(const struct cli_args *a, int i);
int cli_int(const char *what, const char *s, long long min, long long max, long long *out);
/* Option i as a whole number in [min, max] into *out, left as it is when not given. */
int cli_opt_int(const struct cli_args *a, int i, long long min, long long max, long long *out);
int cli_when(const struct cli *c, const char *what, const char *s, struct kdatetime *out);
/* A CONTACT or EVENT argument resolved (opening the database if need be). */
int cli_contact(struct cli *c, const char *arg, int64_t *id);
int cli_event(struct cli *c, const char *arg, int64_t *id);
/* A DATE option (any WHEN, as cli_when) as "YYYY-MM-DD" in out. */
int cli_date_opt(const struct cli *c, const char *what, const char *s, char out[KDATE_STR]);
/*
** The --from D and --to D options (option indexes from_opt, to_opt) as
** dates in from and to, "" for one not given.
*/
int cli_date_range(const struct cli *c, const struct cli_args *a, int from_opt, int to_opt,
		   char from[KDATE_STR], char to[KDATE_STR]);
/* A word from a fixed vocabulary (types.h); the error lists the choices. */
int cli_word(const char *what, const char *s, int (*parse)(const char *),
	     const char *(*name)(int), int count, int *out);
/* A text argument that must say something (not empty or only spaces). */
int cli_nonempty(const char *what, const char *s);
/*
** One command's writes are one batch (one transaction, one undo step):
** begin it (opening the database if need be), then end it: roll back and
** report st, or commit (reporting a failure). Each returns an exit status.
*/
int cli_batch_begin(struct cli *c);
int cli_batch_abort(struct cli *c, enum kith_status st, const struct kith_err *err);
int cli_batch_commit(struct cli *c);
/* Commit if the writes' status st is KITH_OK, else roll back and report st. */
int cli_batch_end(struct cli *c, enum kith_status st, const struct kith_err *err);
/* The exit status of a data-layer call: CLI_OK, or st reported (cli_fail). */
int cli_status(enum kith_status st, const struct kith_err *err);
/*
** The end of a command that added a row: when rc (its exit status so far)
** is CLI_OK, print the row's id, a line of its own. Returns rc.
*/
int cli_print_id(struct cli *c, int rc, const char *table, int64_t id);

/*
** Option tables many commands share: none; only --json (index CLI_OPT_JSON);
** only --yes (index CLI_OPT_YES: delete without asking).
*/
enum { CLI_OPT_JSON = 0, CLI_OPT_YES = 0 };
extern const struct cli_opt cli_no_opts[], cli_json_opts[], cli_yes_opts[];
/* An ID argument: "12" or "#12". */
int cli_id(const char *what, const char *s, int64_t *id);
/*
** Open the database (cli_db) and turn the number of an ID argument, the
** short reference kith prints (kdb_ref), into the key of its row in table.
*/
int cli_key(struct cli *c, const char *table, int64_t *id);
/* An ID argument (cli_id) as that key, when nothing else is checked before. */
int cli_id_key(struct cli *c, const char *table, const char *arg, int64_t *id);
struct cli_list;
/* Open the database (cli_db) for a listing (out.c) whose rows show short references. */
int cli_list_open(struct cli *c, struct cli_list *l);

/* open.c: open (and create) the database once; returns an exit status. */
int cli_db(struct cli *c);
/* Open the planner on the database; title for the title bar (NULL: the path). */
int cli_planner(struct cli *c, const char *title, const char *extra_config);

/*
** The options add contact and edit contact share, in this order at the
** start of both option tables; cli_contact_values reads the numeric and
** tier ones (and checks --org and --role) into ct, leaving the others.
*/
#define CLI_CONTACT_OPTS(O) \
	O(CO_ORG, "org", CLI_ARG) O(CO_ROLE, "role", CLI_ARG) O(CO_EMAIL, "email", CLI_MULTI) \
	O(CO_PHONE, "phone", CLI_MULTI) O(CO_TAG, "tag", CLI_MULTI) \
	O(CO_INFLUENCE, "influence", CLI_ARG) O(CO_ALIGNMENT, "alignment", CLI_ARG) \
	O(CO_TIER, "tier", CLI_ARG) O(CO_CADENCE, "cadence", CLI_ARG)
enum { CLI_CONTACT_OPTS(CLI_OPT_INDEX_) CO_COUNT_ };
struct kith_contact;
int cli_contact_values(const struct cli_args *a, struct kith_contact *ct);

/* out.c: messages and output. */
int cli_error(int status, const char *what, const char *fmt, ...) KITH_PRINTF(3, 4);
/*
** The options of the built-in and the user's configuration, without an
** engine (open.c); NULL after printing why. options_free() it.
*/
struct options *cli_options_load(void);
/* Print err (kith: <msg>) and return the exit status its code calls for. */
int cli_fail(enum kith_status st, const struct kith_err *err, const char *what);
int cli_exit_for(enum kith_status st);
/* Append s with control and bidi characters in their visible form. */
void cli_sanitize(struct strbuf *sb, const char *s);
/*
** Append s sanitized and, if pad, padded to width columns. On a terminal a
** longer s is cut to width (ending in "…"); piped, it is written whole.
*/
void cli_cell(struct strbuf *sb, const char *s, int width, bool pad);
/* JSON: a string or null for NULL/"", a number or null for 0. */
void cli_json_str(struct strbuf *sb, const char *s);
void cli_json_num(struct strbuf *sb, long long n, bool zero_is_null);
/* The next field of an object: `, "key": ` and the value as above. */
void cli_json_field(struct strbuf *sb, const char *key, const char *s);
void cli_json_field_num(struct strbuf *sb, const char *key, long long n, bool zero_is_null);
/* Write a finished line buffer to stdout and reset it. */
void cli_flush(struct strbuf *sb);
/*
** A listing: one row at a time as text, or with --json one array of
** objects, "[\n  {...},\n  {...}\n]\n" ("[]\n" with no row). A row is
** written into the buffer cli_list_row() returns (after the array's "["
** or the "," before it, in JSON), then printed by cli_list_row_end(),
** which ends a text row's last line and returns 0 (what a row callback
** returns to go on); cli_list_end() closes the array and frees the buffer.
*/
struct cli_list {
	struct strbuf sb;
	bool json;
	long long n;            /* rows printed */
	struct kdb *db;         /* for the rows' short references (kdb_ref); NULL: the keys */
};
struct strbuf *cli_list_row(struct cli_list *l);
int cli_list_row_end(struct cli_list *l);
void cli_list_end(struct cli_list *l);
/*
** End a listing whose rows came from a data-layer call that returned st:
** say none (if not NULL) when plain text had no row, close the list (the
** rows printed stay a valid JSON array), then the exit status: CLI_OK, or
** st reported under what (cli_fail).
*/
int cli_list_close(struct cli_list *l, enum kith_status st, const struct kith_err *err,
		   const char *what, const char *none);

#endif
