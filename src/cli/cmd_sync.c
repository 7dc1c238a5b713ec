/*
 * cmd_sync.c: kith sync [--log] — exchange changes with the team's log
 * (kith/sync.h; README "Working as a team").
 *
 * kith sync says how many of the team's entries it applied, whether it
 * appended this replica's changes, and each conflict it found, with the
 * value that won; kith sync --log lists the log, who changed what.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kith/db.h"
#include "kith/str.h"
#include "kith/sync.h"
#include "kith/syncdb.h"
#include "cli.h"
#include "commands.h"

static void
value(struct strbuf *sb, const char *v)
{
	if (!v) {
		sb_append(sb, "(none)");
		return;
	}
	sb_append(sb, "\"");
	cli_sanitize(sb, v);
	sb_append(sb, "\"");
}

/* The conflicts the sync just recorded (the newest n), one line each. */
static int
print_conflicts(struct cli *c, int n)
{
	struct kdb_conflict *cf;
	struct kith_err err = { 0 };
	struct strbuf sb = { 0 };
	size_t got;
	enum kith_status st = kdb_conflicts(c->db, n, &cf, &got, &err);

	if (st)
		return cli_fail(st, &err, NULL);
	for (size_t i = got; i-- > 0;) {
		const struct kdb_conflict *k = &cf[i];
		if (!strcmp(k->kind, "field")) {
			sb_append(&sb, "conflict: ");
			cli_sanitize(&sb, k->what);
			sb_append(&sb, ": ");
			cli_sanitize(&sb, k->column);
			sb_append(&sb, " was ");
			value(&sb, k->old);
			sb_append(&sb, ", theirs ");
			value(&sb, k->theirs);
			sb_append(&sb, ", mine ");
			value(&sb, k->mine);
			sb_printf(&sb, "; %s kept\n", !strcmp(k->winner, "mine") ? "mine" : "theirs");
		} else {
			sb_printf(&sb, "reported: ");
			cli_sanitize(&sb, k->what);
			sb_printf(&sb, ": %s\n", !strcmp(k->kind, "missing")
				  ? "another replica deleted what it needs; this change was dropped"
				  : !strcmp(k->kind, "deleted")
				  ? "deleted here after another replica changed it"
				  : !strcmp(k->kind, "cascade")
				  ? "another replica added it to what you deleted; deleted with it"
				  : !strcmp(k->kind, "lost")
				  ? "another replica deleted what it belongs to; deleted with it"
				  : "refused by the schema; this change was dropped");
		}
	}
	cli_flush(&sb);
	sb_free(&sb);
	kdb_conflicts_free(cf, got);
	return CLI_OK;
}

static void
log_line(void *ud, int64_t seq, const char *author, int64_t time, const char *summary)
{
	struct strbuf *sb = ud;
	time_t t = (time_t)time;
	struct tm tm;
	char when[32] = "";

	if (localtime_r(&t, &tm))
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	sb_printf(sb, "%6lld  %s  ", (long long)seq, when);
	cli_sanitize(sb, author && *author ? author : "(seed)");
	sb_append(sb, ": ");
	cli_sanitize(sb, summary);
	sb_append(sb, "\n");
}

int
cli_cmd_sync(struct cli *c, const struct cli_args *a)
{
	struct sync_result r;
	struct kith_err err = { 0 };
	enum kith_status st;
	int rc;

	if ((rc = cli_db(c)) != CLI_OK)
		return rc;
	if (cli_flag(a, SY_LOG)) {
		struct strbuf sb = { 0 };
		st = sync_log(c->db_path, log_line, &sb, &err);
		if (!st)
			cli_flush(&sb);
		sb_free(&sb);
		return st ? cli_error(CLI_RUNTIME, "sync", "%s", err.msg) : CLI_OK;
	}
	st = sync_run(c->db, c->db_path, &r, &err);
	if (st)
		return cli_error(CLI_RUNTIME, "sync", "%s", err.msg);
	printf("Synced: %lld %s from the team applied; ", (long long)r.applied,
	       r.applied == 1 ? "entry" : "entries");
	if (r.pushed)
		printf("your changes are entry %lld.\n", (long long)r.pushed);
	else
		printf("no changes of yours to send.\n");
	if (r.snapshot)
		printf("Wrote the team's snapshot of entry %lld: newcomers start there, and the "
		       "entries before it left the log's tree.\n", (long long)r.snapshot);
	if (r.note[0])
		fprintf(stderr, "kith: sync: %s\n", r.note);
	if (r.conflicts + r.reported)
		return print_conflicts(c, r.conflicts + r.reported);
	return CLI_OK;
}
