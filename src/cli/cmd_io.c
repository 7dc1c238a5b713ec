/*
 * cmd_io.c: kith import, kith export.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kith/db.h"
#include "kith/io.h"
#include "kith/merge.h"
#include "kith/safefile.h"
#include "cli.h"
#include "commands.h"

/* ---- import ----------------------------------------------------------------- */

static void
import_report(void *ud, const char *line)
{
	struct strbuf sb = {0};

	(void)ud;
	cli_sanitize(&sb, line);
	sb_appendc(&sb, '\n');
	cli_flush(&sb);
	sb_free(&sb);
}

int
cli_cmd_import(struct cli *c, const struct cli_args *a)
{
	struct io_import_opts o = {0};
	struct io_import_stats *st;
	struct kith_err err = {0};
	enum kith_status rc = KITH_OK;
	char summary[512];
	bool dry;
	int r, i;
	long added = 0;

	o.format = -1;
	if (cli_opt(a, IM_FORMAT)) {
		o.format = io_format_parse(cli_opt(a, IM_FORMAT));
		if (!IO_FMT_READABLE(o.format))
			return cli_error(CLI_USAGE, "--format", "\"%s\" is not one of vcf, csv, ics",
					 cli_opt(a, IM_FORMAT));
	}
	dry = cli_flag(a, IM_DRY_RUN);
	o.dry_run = dry;
	o.dry_run_in_batch = dry && a->npos > 1;
	o.skip_invalid = cli_flag(a, IM_SKIP_INVALID);
	o.report = import_report;
	for (i = 0; i < a->npos; i++)
		if (access(a->pos[i], R_OK) != 0)
			return cli_error(CLI_RUNTIME, a->pos[i], "%s", strerror(errno));
	if ((r = cli_db(c)) != CLI_OK)
		return r;
	if (!(st = calloc((size_t)a->npos, sizeof *st)))
		return cli_error(CLI_RUNTIME, NULL, "out of memory");
	/* several files are one transaction: all are imported, or none */
	kdb_bulk_mode(c->db, true, NULL);
	if (a->npos > 1 && (rc = kdb_batch_begin(c->db, &err)) != KITH_OK) {
		free(st);
		return cli_fail(rc, &err, NULL);
	}
	for (i = 0; i < a->npos && rc == KITH_OK; i++) {
		o.name = a->pos[i];
		rc = io_import_file(c->db, a->pos[i], &o, &st[i], &err);
	}
	if (a->npos > 1) {
		struct kith_err e2 = {0};
		enum kith_status end = kdb_batch_end(c->db, rc == KITH_OK && !dry, &e2);
		if (rc == KITH_OK && end != KITH_OK) {
			rc = end;
			err = e2;
		}
	}
	kdb_bulk_mode(c->db, false, NULL);
	if (rc != KITH_OK) {
		free(st);
		return cli_error(CLI_RUNTIME, NULL, "%s%s", err.msg,
				 rc == KITH_INVALID ? " (nothing imported)" : "");
	}
	for (i = 0; i < a->npos; i++) {
		io_import_summary(&st[i], dry, summary, sizeof summary);
		printf("%s: %s%s\n", a->pos[i], summary, dry ? " (dry run: nothing changed)" : "");
		added += st[i].added;
	}
	free(st);
	/* the first import into a network without "me": say once, to a person at
	   a terminal (a script's standard error stays quiet), how to set it */
	if (!dry && added && isatty(STDERR_FILENO) && !kdb_me_asked(c->db) &&
	    kdb_set_me_asked(c->db, &err) == KITH_OK)
		fprintf(stderr, "hint: which one is you? Warm paths start from you: kith me NAME\n");
	return CLI_OK;
}

/* ---- export ----------------------------------------------------------------- */

/* svg and dot: a power map as a picture (cmd_export_map.c). */
static int
export_map(struct cli *c, const struct cli_args *a, const char *format)
{
	char day[KDATE_STR] = "";

	if (cli_opt(a, EX_VCARD_VERSION))
		return cli_error(CLI_USAGE, "--vcard-version", "only with --format vcf");
	if (cli_opt(a, EX_AS_OF)) {
		int rc = cli_date_opt(c, "--as-of", cli_opt(a, EX_AS_OF), day);
		if (rc != CLI_OK)
			return rc;
	}
	return cli_export_map(c, format, cli_opt(a, EX_MAP), day[0] ? day : NULL,
			      cli_opt(a, EX_OUT));
}

int
cli_cmd_export(struct cli *c, const struct cli_args *a)
{
	struct io_export_opts o = { .format = -1, .vcard_version = 40 };
	struct kith_err err = {0};
	const char *path = cli_opt(a, EX_OUT), *ver = cli_opt(a, EX_VCARD_VERSION);
	enum kith_status rc;
	FILE *f = stdout;
	struct safefile sf = {0};
	int r;

	if (!cli_opt(a, EX_FORMAT))
		return cli_error(CLI_USAGE, "export", "needs --format vcf, csv, ics, json, svg or dot");
	/* every format of the table, the map pictures too (issue 17: an unknown one lists them) */
	if ((r = cli_word("--format", cli_opt(a, EX_FORMAT), io_format_parse, io_format_name,
			  IO_FMT_COUNT_, &o.format)) != CLI_OK)
		return r;
	if (o.format == IO_FMT_SVG || o.format == IO_FMT_DOT)
		return export_map(c, a, io_format_name(o.format));
	if (cli_opt(a, EX_MAP) || cli_opt(a, EX_AS_OF))
		return cli_error(CLI_USAGE, cli_opt(a, EX_MAP) ? "--map" : "--as-of",
				 "only with --format svg or dot");
	if (ver) {
		if (!strcmp(ver, "3.0") || !strcmp(ver, "3"))
			o.vcard_version = 30;
		else if (!strcmp(ver, "4.0") || !strcmp(ver, "4"))
			o.vcard_version = 40;
		else
			return cli_error(CLI_USAGE, "--vcard-version", "\"%s\" is not 3.0 or 4.0", ver);
	}
	if ((r = cli_db(c)) != CLI_OK)
		return r;
	if (path && strcmp(path, "-")) {
		if ((rc = safefile_open(&sf, path, &err)) != KITH_OK)
			return cli_fail(rc, &err, NULL);
		f = sf.f;
	}
	rc = io_export(c->db, f, &o, &err);
	if (f != stdout && rc != KITH_OK) {
		safefile_abort(&sf);
		return cli_fail(rc, &err, path);
	}
	if (f != stdout)
		rc = safefile_commit(&sf, &err);
	if (rc != KITH_OK)
		return cli_fail(rc, &err, f == stdout ? path : NULL);
	return CLI_OK;
}

