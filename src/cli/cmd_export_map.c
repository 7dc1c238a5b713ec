/*
 * cmd_export_map.c: kith export --format svg|dot --map NAME [-o FILE]:
 * a power map as a picture. `kith export` (cmd_io.c) calls cli_export_map()
 * for these two formats.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/mapexport.h"
#include "kith/powermap.h"
#include "kith/safefile.h"
#include "cli.h"

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
	if (path && strcmp(path, "-")) {
		if ((st = safefile_write(path, sb_str(&out), out.len, &err)) != KITH_OK)
			rc = cli_fail(st, &err, NULL);
	} else
		cli_flush(&out);
	sb_free(&out);
	return rc;
}

