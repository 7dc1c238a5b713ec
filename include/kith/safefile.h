/*
 * safefile.h: the one way kith writes a file (exports, pictures, backups).
 *
 * The data goes to a new temporary file, mode 0600, in the target's own
 * directory; it is flushed and fsync'd, then renamed over the target, so
 * the target is either the previous file, untouched, or the complete new
 * one, never a partial one. The target is refused when it is a symbolic
 * link (kith never writes through one), is not a regular file, or belongs
 * to another user. On any failure, or on SIGINT, SIGTERM, SIGHUP or SIGQUIT
 * while the temporary file exists, the temporary file is removed; errors
 * name the file and the system's reason ("No space left on device").
 */
#ifndef KITH_SAFEFILE_H
#define KITH_SAFEFILE_H

#include <stddef.h>
#include <stdio.h>

#include "kith/status.h"

struct safefile {
	char *path;             /* the target */
	char *tmp;              /* the temporary file beside it */
	FILE *f;                /* open on tmp, for writing */
	int no_replace;         /* set before commit: fail if the target exists */
};

/*
** Check the target and create the temporary file; sf->f is ready for
** writing. On failure nothing exists and err names the path and reason.
*/
enum kith_status safefile_open(struct safefile *sf, const char *path, struct kith_err *err);
/*
** Flush, fsync and rename into place. On failure the temporary file is
** removed and the target is as it was. sf is released either way.
*/
enum kith_status safefile_commit(struct safefile *sf, struct kith_err *err);
/* Drop the temporary file; the target is as it was. sf is released. */
void safefile_abort(struct safefile *sf);
/* Write n bytes of data to path through a safefile. */
enum kith_status safefile_write(const char *path, const void *data, size_t n,
				struct kith_err *err);
/*
** Check that path could be a target (see above) without creating
** anything: KITH_OK when it is absent or a regular file of ours.
*/
enum kith_status safefile_check(const char *path, struct kith_err *err);

#endif
