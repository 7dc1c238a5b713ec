/*
 * cmd_export_map.c: kith export --format svg|dot --map NAME [-o FILE]:
 * a power map as a picture. `kith export` (cmd_io.c) calls cli_export_map()
 * for these two formats.
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

