/*
 * cmd_misc.c: kith search, kith backup, kith demo.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kith/db.h"
#include "kith/path.h"
#include "kith/query.h"
#include "kith/query_db.h"
#include "kith/search.h"
#include "kith/syncdb.h"
#include "kith/xalloc.h"
#include "cli.h"
#include "commands.h"

extern const char kith_demo_sql[];

/* ---- search ----------------------------------------------------------- */

/* The table of a search hit's kind, for its short reference (kdb_ref): the kind's name. */
static const char *
search_kind_table(enum search_kind k)
{
	return k == SEARCH_FOLLOWUP ? "followup" : search_kind_name(k);
}

static int
search_hit(void *ud, const struct search_hit *h)
{
	struct cli_list *o = ud;
	struct strbuf *sb = cli_list_row(o);

	if (o->json) {
		sb_append(sb, "{\"kind\": ");
		cli_json_str(sb, search_kind_name(h->kind));
		sb_printf(sb, ", \"id\": %lld, \"title\": ", (long long)h->id);
		cli_json_str(sb, h->title);
		cli_json_field(sb, "detail", h->detail);
		sb_appendc(sb, '}');
	} else {
		/* a private note (kith/interaction.h) shows as pN, as kith delete interaction takes it */
		char ref[24];

		if (h->id < 0)
			snprintf(ref, sizeof ref, "p%lld", -(long long)h->id);
		else
			snprintf(ref, sizeof ref, "%lld",
				 (long long)kdb_ref(o->db, search_kind_table(h->kind), h->id));
		sb_printf(sb, "%-12s  %-6s  ", search_kind_name(h->kind), ref);
		cli_cell(sb, h->title, 32, !str_empty(h->detail));
		if (!str_empty(h->detail)) {
			sb_append(sb, "  ");
			cli_cell(sb, h->detail, 20, false);
		}
	}
	return cli_list_row_end(o);
}

int
cli_cmd_search(struct cli *c, const struct cli_args *a)
{
	struct cli_list o = { .json = cli_flag(a, SR_JSON) };
	struct kith_err err = {0};
	enum kith_status st;
	long long limit = 20;
	char *fts;
	int rc;

	if ((rc = cli_opt_int(a, SR_LIMIT, 1, 100000, &limit)) != CLI_OK)
		return rc;
	if (query_text_has_fields(a->pos[0])) {
		/* org:, tag:, ...: the people the query selects (kith(1), QUERIES) */
		struct query q;

		if (query_parse(a->pos[0], &q, &err) != KITH_OK)
			return cli_error(CLI_USAGE, "QUERY", "%s", err.msg);
		if ((rc = cli_list_open(c, &o)) != CLI_OK) {
			query_free(&q);
			return rc;
		}
		st = query_people(c->db, &q, (int)limit, search_hit, &o, &err);
		query_free(&q);
		if (st == KITH_NOTFOUND || st == KITH_AMBIGUOUS || st == KITH_INVALID) {
			sb_free(&o.sb);
			return cli_error(CLI_USAGE, "QUERY", "%s", err.msg);
		}
	} else {
		if (!(fts = search_fts_query(a->pos[0])))
			return cli_error(CLI_USAGE, "QUERY", "has no words");
		free(fts);
		if ((rc = cli_list_open(c, &o)) != CLI_OK)
			return rc;
		st = search_all(c->db, a->pos[0], (int)limit, search_hit, &o, &err);
	}
	return cli_list_close(&o, st, &err, NULL, NULL);
}

/* ---- backup ----------------------------------------------------------- */

static bool
exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 || errno != ENOENT;
}

/* kith-backup-YYYY-MM-DD.db next to the database, -2, -3... if taken. */
static char *
default_backup(const struct cli *c)
{
	struct strbuf sb = {0};
	char day[KDATE_STR];
	const char *slash = strrchr(c->db_path, '/');
	int n;

	kdate_format(c->today, day);
	for (n = 1; n < 1000; n++) {
		sb_reset(&sb);
		if (slash)
			sb_appendn(&sb, c->db_path, (size_t)(slash - c->db_path) + 1);
		sb_printf(&sb, "kith-backup-%s", day);
		if (n > 1)
			sb_printf(&sb, "-%d", n);
		sb_append(&sb, ".db");
		if (!exists(sb_str(&sb)))
			break;
	}
	return sb_detach(&sb);
}

int
cli_cmd_backup(struct cli *c, const struct cli_args *a)
{
	struct kith_err err = {0};
	struct strbuf line = {0};
	enum kith_status st;
	char *dest;
	int rc;

	if (a->npos && exists(a->pos[0]))
		return cli_error(CLI_RUNTIME, a->pos[0], "already exists; kith does not overwrite it");
	if ((rc = cli_db(c)) != CLI_OK)
		return rc;
	dest = a->npos ? xstrdup(a->pos[0]) : default_backup(c);
	st = kdb_backup(c->db, dest, &err);
	if (st == KITH_OK) {
		cli_sanitize(&line, dest);
		sb_appendc(&line, '\n');
		cli_flush(&line);
		sb_free(&line);
	} else {
		rc = cli_fail(st, &err, NULL);
	}
	free(dest);
	return rc;
}

/* ---- demo ------------------------------------------------------------- */

static int
load_demo(struct cli *c)
{
	struct kith_err err = {0};
	enum kith_status st;
	int rc;

	if ((rc = cli_db(c)) != CLI_OK)
		return rc;
	/* One transaction: the demo loads completely or not at all. */
	if ((st = kdb_batch_begin(c->db, &err)) != KITH_OK)
		return cli_fail(st, &err, "demo");
	if ((st = kdb_exec_script(c->db, kith_demo_sql, &err)) != KITH_OK) {
		kdb_batch_end(c->db, false, NULL);
		return cli_fail(st, &err, "demo");
	}
	st = kdb_batch_end(c->db, true, &err);
	return st == KITH_OK ? CLI_OK : cli_fail(st, &err, "demo");
}

static void
remove_temp(const char *dir, const char *db)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	struct strbuf sb = {0};
	size_t i;

	for (i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		sb_reset(&sb);
		sb_printf(&sb, "%s%s", db, suffix[i]);
		unlink(sb_str(&sb));
	}
	sb_free(&sb);
	rmdir(dir);
}

int
cli_cmd_demo(struct cli *c, const struct cli_args *a)
{
	struct stat sbuf;
	struct strbuf dir = {0};
	const char *tmp = getenv("TMPDIR");
	int rc;

	if (cli_flag(a, DM_NO_UI)) {
		if (!c->db_opt)
			return cli_error(CLI_USAGE, "demo --no-ui", "needs -d PATH, a new database");
		if (stat(c->db_opt, &sbuf) == 0 && sbuf.st_size > 0)
			return cli_error(CLI_RUNTIME, c->db_opt, "already exists and is not empty");
		return load_demo(c);
	}
	if (c->db_opt)
		return cli_error(CLI_USAGE, "demo", "uses a temporary database; -d only with --no-ui");
	sb_printf(&dir, "%s/kith-demo-XXXXXX", str_empty(tmp) ? "/tmp" : tmp);
	if (!mkdtemp(dir.buf)) {
		rc = cli_error(CLI_RUNTIME, sb_str(&dir), "cannot create: %s", strerror(errno));
		sb_free(&dir);
		return rc;
	}
	c->db_path = path_join(sb_str(&dir), "kith.db");
	rc = load_demo(c);
	if (rc == CLI_OK)
		rc = cli_planner(c, "demo (a temporary copy)", "set tour on\n");
	if (c->db) {
		kdb_close(c->db);
		c->db = NULL;
	}
	remove_temp(sb_str(&dir), c->db_path);
	sb_free(&dir);
	return rc;
}

