/*
 * teamlog_files.c: the files of the team's clone: whole-file reads and
 * 0600 writes, entry names ("log/000000000012") and the scan for the
 * highest entry, for teamlog.c.
 */
#include "teamlog_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kith/safefile.h"
#include "kith/str.h"
#include "kith/xalloc.h"

void
tl_say(char *err, size_t errn, const char *fmt, ...)
{
	va_list ap;

	if (!err || !errn)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errn, fmt, ap);
	va_end(ap);
}

int
tl_read_all(const char *path, unsigned char **out, size_t *n, char *err, size_t errn)
{
	struct strbuf sb = { 0 };
	char buf[65536];
	ssize_t got;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		tl_say(err, errn, "%s: %s", path, strerror(errno));
		return TEAM_ERR;
	}
	while ((got = read(fd, buf, sizeof buf)) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			tl_say(err, errn, "%s: %s", path, strerror(errno));
			close(fd);
			sb_free(&sb);
			return TEAM_ERR;
		}
		sb_appendn(&sb, buf, (size_t)got);
	}
	close(fd);
	*n = sb.len;
	*out = (unsigned char *)sb_detach(&sb);
	return TEAM_OK;
}

int
tl_write_all(const char *path, const void *data, size_t n, char *err, size_t errn)
{
	struct kith_err ke = { 0 };

	if (safefile_write(path, data, n, &ke) != KITH_OK) {
		tl_say(err, errn, "%s", ke.msg);
		return TEAM_ERR;
	}
	return TEAM_OK;
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

/* Remove a directory this file made, with all it holds. */
void
tl_rm_tree(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* "log/000000000012" */
void
tl_entry_name(char *buf, size_t n, const char *sub, int64_t seq)
{
	snprintf(buf, n, "%s/%012lld", sub, (long long)seq);
}

/* The highest 12-digit name in repo/sub (-1 when none). */
int64_t
tl_scan_max(const char *repo, const char *sub)
{
	char *path = xmalloc(strlen(repo) + strlen(sub) + 2);
	int64_t max = -1;
	struct dirent *d;
	DIR *dp;

	sprintf(path, "%s/%s", repo, sub);
	if ((dp = opendir(path))) {
		while ((d = readdir(dp))) {
			const char *s = d->d_name;
			int64_t v = 0;
			int i;

			for (i = 0; i < 12 && s[i] >= '0' && s[i] <= '9'; i++)
				v = v * 10 + (s[i] - '0');
			if (i == 12 && !s[12] && v > max)
				max = v;
		}
		closedir(dp);
	}
	free(path);
	return max;
}

/* Append "sub/NAME\0" to names for each entry of repo/sub numbered <= upto; how many. */
size_t
tl_list_upto(const char *repo, const char *sub, int64_t upto, struct strbuf *names)
{
	char *path = xmalloc(strlen(repo) + strlen(sub) + 2);
	struct dirent *d;
	size_t k = 0;
	DIR *dp;

	sprintf(path, "%s/%s", repo, sub);
	if ((dp = opendir(path))) {
		while ((d = readdir(dp))) {
			char *end;
			long long v = strtoll(d->d_name, &end, 10);

			if (strlen(d->d_name) == 12 && !*end && v >= 1 && v <= upto) {
				sb_printf(names, "%s/%s", sub, d->d_name);
				sb_appendn(names, "", 1);
				k++;
			}
		}
		closedir(dp);
	}
	free(path);
	return k;
}
