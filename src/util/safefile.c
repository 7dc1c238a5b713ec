/*
 * safefile.c: write a file through a temporary file and a rename (see
 * kith/safefile.h).
 */
#include "kith/safefile.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kith/str.h"
#include "kith/xalloc.h"

/* The temporary file a signal must remove (one at a time per process). */
static char sig_tmp[4096 + 16];
static volatile sig_atomic_t sig_armed;
static const int sig_list[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
#define N_SIGS (sizeof sig_list / sizeof sig_list[0])
static struct sigaction sig_old[N_SIGS];

static void
on_signal(int sig)
{
	if (sig_armed) {
		size_t n = strlen(sig_tmp);

		unlink(sig_tmp);
		/* a backup's copy may have a rollback journal beside it */
		if (n + 8 < sizeof sig_tmp) {
			memcpy(sig_tmp + n, "-journal", 9);
			unlink(sig_tmp);
		}
		sig_armed = 0;
	}
	for (size_t i = 0; i < N_SIGS; i++) {
		if (sig_list[i] == sig) {
			sigaction(sig, &sig_old[i], NULL);
			if (sig_old[i].sa_handler != SIG_DFL) {
				sig_old[i].sa_handler(sig);
				return;
			}
		}
	}
	raise(sig);
}

static void
arm(const char *tmp)
{
	struct sigaction sa;

	if (strlen(tmp) >= sizeof sig_tmp - 9)
		return;
	memcpy(sig_tmp, tmp, strlen(tmp) + 1);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < N_SIGS; i++) {
		sigaction(sig_list[i], NULL, &sig_old[i]);
		/* a signal the caller ignores (nohup, a background job) stays ignored */
		if (sig_old[i].sa_handler != SIG_IGN)
			sigaction(sig_list[i], &sa, NULL);
	}
	sig_armed = 1;
}

static void
disarm(void)
{
	if (!sig_armed)
		return;
	sig_armed = 0;
	for (size_t i = 0; i < N_SIGS; i++)
		sigaction(sig_list[i], &sig_old[i], NULL);
}

enum kith_status
safefile_check(const char *path, struct kith_err *err)
{
	struct stat st;

	if (!path || !*path)
		return kith_err_set(err, KITH_INVALID, "output: the path is empty");
	if (strlen(path) >= 4096)
		return kith_err_set(err, KITH_INVALID, "output: the path is longer than %d bytes",
				    4095);
	if (lstat(path, &st) != 0) {
		if (errno == ENOENT)
			return KITH_OK;
		return kith_err_set(err, KITH_IO, "%s: %s", path, strerror(errno));
	}
	if (S_ISLNK(st.st_mode))
		return kith_err_set(err, KITH_IO, "%s: is a symbolic link; kith does not write "
				    "through one (give the real path); nothing was written", path);
	if (!S_ISREG(st.st_mode))
		return kith_err_set(err, KITH_IO, "%s: is not a regular file; nothing was written",
				    path);
	if (st.st_uid != geteuid())
		return kith_err_set(err, KITH_IO, "%s: belongs to another user; kith does not "
				    "replace it; nothing was written", path);
	return KITH_OK;
}

enum kith_status
safefile_open(struct safefile *sf, const char *path, struct kith_err *err)
{
	struct strbuf sb = {0};
	const char *slash;
	enum kith_status rc;
	sigset_t block, old;
	int fd;

	memset(sf, 0, sizeof *sf);
	if ((rc = safefile_check(path, err)) != KITH_OK)
		return rc;
	slash = strrchr(path, '/');
	if (slash) {
		sb_appendn(&sb, path, (size_t)(slash - path) + 1);
		sb_printf(&sb, ".%s.XXXXXX", slash + 1);
	} else {
		sb_printf(&sb, ".%s.XXXXXX", path);
	}
	/* mkstemp creates the file 0600 with O_EXCL: never someone else's.
	   Signals wait until the handler knows the file's name. */
	sigemptyset(&block);
	for (size_t i = 0; i < N_SIGS; i++)
		sigaddset(&block, sig_list[i]);
	sigprocmask(SIG_BLOCK, &block, &old);
	fd = mkstemp(sb.buf);
	if (fd >= 0)
		arm(sb.buf);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (fd < 0) {
		int e = errno;
		sb_free(&sb);
		return kith_err_set(err, KITH_IO, "%s: cannot create a file beside it: %s; nothing "
				    "was written", path, strerror(e));
	}
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	if (!(sf->f = fdopen(fd, "w"))) {
		int e = errno;
		close(fd);
		unlink(sb.buf);
		disarm();
		sb_free(&sb);
		return kith_err_set(err, KITH_IO, "%s: %s", path, strerror(e));
	}
	sf->path = xstrdup(path);
	sf->tmp = sb_detach(&sb);
	return KITH_OK;
}

static void
release(struct safefile *sf)
{
	disarm();
	free(sf->path);
	free(sf->tmp);
	memset(sf, 0, sizeof *sf);
}

void
safefile_abort(struct safefile *sf)
{
	if (sf->f)
		fclose(sf->f);
	if (sf->tmp)
		unlink(sf->tmp);
	release(sf);
}

/* fsync the directory holding path, so the rename itself is durable. */
static void
sync_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path))
			  : xstrdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

enum kith_status
safefile_commit(struct safefile *sf, struct kith_err *err)
{
	enum kith_status rc;
	int e = 0;

	errno = 0;
	if (fflush(sf->f) != 0 || ferror(sf->f))
		e = errno ? errno : EIO;
	else if (fsync(fileno(sf->f)) != 0)
		e = errno;
	if (fclose(sf->f) != 0 && !e)
		e = errno;
	sf->f = NULL;
	if (!e && (rc = safefile_check(sf->path, err)) != KITH_OK) {
		safefile_abort(sf);
		return rc;
	}
	if (!e && sf->no_replace) {
		/* link() never replaces: a file made meanwhile is kept */
		if (link(sf->tmp, sf->path) == 0)
			unlink(sf->tmp);
		else if (errno == EEXIST)
			e = EEXIST;
		else if (access(sf->path, F_OK) == 0 || errno != ENOENT)
			e = EEXIST;
		else if (rename(sf->tmp, sf->path) != 0)   /* a file system without links */
			e = errno;
	} else if (!e && rename(sf->tmp, sf->path) != 0) {
		e = errno;
	}
	if (e) {
		kith_err_set(err, KITH_IO, "%s: write failed: %s; the previous file (if any) is "
			     "unchanged", sf->path, strerror(e));
		safefile_abort(sf);
		return KITH_IO;
	}
	sync_dir(sf->path);
	release(sf);
	return KITH_OK;
}

enum kith_status
safefile_write(const char *path, const void *data, size_t n, struct kith_err *err)
{
	struct safefile sf;
	enum kith_status rc;

	if ((rc = safefile_open(&sf, path, err)) != KITH_OK)
		return rc;
	errno = 0;
	if (n && fwrite(data, 1, n, sf.f) != n) {
		int e = errno ? errno : EIO;
		safefile_abort(&sf);
		return kith_err_set(err, KITH_IO, "%s: write failed: %s; the previous file (if any) "
				    "is unchanged", path, strerror(e));
	}
	return safefile_commit(&sf, err);
}
