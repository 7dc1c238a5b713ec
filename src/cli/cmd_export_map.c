/*
 * cmd_export_map.c: kith export --format svg|dot --map NAME [-o FILE]:
 * a power map as a picture.
 *
 * cli_export_map() does the work for these two formats; a `kith export`
 * that also knows other formats calls it for svg and dot.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kith/mapexport.h"
#include "kith/powermap.h"
#include "cli.h"

/* Write all of data to path (created 0644, replaced if present). */
static int
write_file(const char *path, const char *data, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	size_t done = 0;

	if (fd < 0)
		return cli_error(CLI_RUNTIME, path, "cannot write: %s", strerror(errno));
	while (done < n) {
		ssize_t w = write(fd, data + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int e = errno;
			close(fd);
			return cli_error(CLI_RUNTIME, path, "write failed: %s", strerror(e));
		}
		done += (size_t)w;
	}
	if (close(fd) != 0)
		return cli_error(CLI_RUNTIME, path, "write failed: %s", strerror(errno));
	return CLI_OK;
}

/*
** Export map `map` as format "svg" or "dot" to path (NULL or "-": standard
** output); as_of ("YYYY-MM-DD" or NULL) for svg only. Returns an exit status.
*/
int
cli_export_map(struct cli *c, const char *format, const char *map, const char *as_of,
	       const char *path)
{
	struct kith_err err = {0};
	struct strbuf out = {0};
	enum kith_status st;
	int64_t id;
	int rc;

	if (strcmp(format, "svg") && strcmp(format, "dot"))
		return cli_error(CLI_USAGE, "--format", "\"%s\": a map exports as svg or dot", format);
	if (!map)
		return cli_error(CLI_USAGE, "export", "--format %s needs --map NAME", format);
	if (as_of && strcmp(format, "svg"))
		return cli_error(CLI_USAGE, "--as-of", "only with --format svg");
	if ((rc = cli_db(c)) != CLI_OK)
		return rc;
	if ((st = map_resolve(c->db, map, &id, &err)) != KITH_OK)
		return cli_fail(st, &err, NULL);
	st = !strcmp(format, "svg") ? map_export_svg(c->db, id, as_of, &out, &err)
				    : map_export_dot(c->db, id, &out, &err);
	if (st != KITH_OK) {
		sb_free(&out);
		return cli_fail(st, &err, "export");
	}
	if (path && strcmp(path, "-"))
		rc = write_file(path, sb_str(&out), out.len);
	else
		cli_flush(&out);
	sb_free(&out);
	return rc;
}

enum { EX_FORMAT, EX_MAP, EX_OUTPUT, EX_AS_OF };

static const struct cli_opt export_opts[] = {
	[EX_FORMAT] = {"format", true, false},
	[EX_MAP] = {"map", true, false},
	[EX_OUTPUT] = {"output", true, false},
	[EX_AS_OF] = {"as-of", true, false},
	{NULL, false, false},
};

static int
run_export(struct cli *c, const struct cli_args *a)
{
	char day[KDATE_STR] = "";

	if (!cli_opt(a, EX_FORMAT))
		return cli_error(CLI_USAGE, "export", "needs --format svg or dot");
	if (cli_opt(a, EX_AS_OF)) {
		struct kdatetime t;
		int rc = cli_when(c, "--as-of", cli_opt(a, EX_AS_OF), &t);
		if (rc != CLI_OK)
			return rc;
		kdate_format(t.date, day);
	}
	return cli_export_map(c, cli_opt(a, EX_FORMAT), cli_opt(a, EX_MAP), day[0] ? day : NULL,
			      cli_opt(a, EX_OUTPUT));
}

const struct cli_cmd cli_cmd_export = {
	"export", NULL, "--format svg|dot --map NAME [-o FILE] [--as-of DATE]",
	"Export a power map as a picture: the grid (svg) or its relationships (dot).",
	"  --format svg     the grid, for a slide: bands, influence, names, targets\n"
	"  --format dot     the relationships among the map's entities, for Graphviz\n"
	"  --map NAME       the map (id, name or unambiguous prefix)\n"
	"  -o, --output FILE  write to FILE instead of standard output\n"
	"  --as-of DATE     svg: the map as it stood then\n",
	export_opts, 0, 0, run_export,
};
