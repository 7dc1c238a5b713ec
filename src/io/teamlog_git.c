/*
 * teamlog_git.c: git as a child process for the team log.
 *
 * posix_spawnp with an argument vector: no shell, so a remote's address is
 * never interpreted. The child's standard input is /dev/null and
 * GIT_TERMINAL_PROMPT=0, so git fails rather than waits for a password
 * nobody will type; its output and errors are read back through pipes. Its
 * author and committer are "kith <kith@invalid>" at a fixed date whatever
 * the user's configuration says, so the remote's history names nobody and
 * dates nothing; messages are in English (LC_ALL=C), since push's verdicts
 * are read from them.
 */
#include "teamlog_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kith/str.h"
#include "kith/xalloc.h"

extern char **environ;

/* Variables of the caller's environment the child never sees. */
static const char *const dropped[] = {
	"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_NAMESPACE",
	"GIT_CEILING_DIRECTORIES", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_AUTHOR_NAME",
	"GIT_AUTHOR_EMAIL", "GIT_AUTHOR_DATE", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL",
	"GIT_COMMITTER_DATE", "GIT_TERMINAL_PROMPT", "GIT_EDITOR", "GIT_PAGER", "GIT_CONFIG",
	"GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT", "LC_ALL", "LANGUAGE",
};

static const char *const added[] = {
	"GIT_AUTHOR_NAME=kith", "GIT_AUTHOR_EMAIL=kith@invalid",
	"GIT_AUTHOR_DATE=1000000000 +0000", "GIT_COMMITTER_NAME=kith",
	"GIT_COMMITTER_EMAIL=kith@invalid", "GIT_COMMITTER_DATE=1000000000 +0000",
	"GIT_TERMINAL_PROMPT=0", "GIT_ASKPASS=true", "SSH_ASKPASS=true", "LC_ALL=C",
	"GIT_EDITOR=true", "GIT_PAGER=cat",
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static bool
is_dropped(const char *var)
{
	for (size_t i = 0; i < N_OF(dropped); i++) {
		size_t n = strlen(dropped[i]);
		if (!strncmp(var, dropped[i], n) && var[n] == '=')
			return true;
	}
	return false;
}

static char **
child_env(void)
{
	size_t n = 0, k = 0;
	char **env;

	while (environ && environ[n])
		n++;
	env = xmalloc((n + N_OF(added) + 1) * sizeof *env);
	for (size_t i = 0; i < n; i++)
		if (!is_dropped(environ[i]))
			env[k++] = environ[i];
	for (size_t i = 0; i < N_OF(added); i++)
		env[k++] = (char *)added[i];
	env[k] = NULL;
	return env;
}

static int
cloexec_pipe(int p[2])
{
	if (pipe(p))
		return -1;
	fcntl(p[0], F_SETFD, FD_CLOEXEC);
	fcntl(p[1], F_SETFD, FD_CLOEXEC);
	return 0;
}

/* Read both pipes to their end. */
static void
drain(int fo, int fe, struct strbuf *out, struct strbuf *errs)
{
	struct pollfd p[2] = { { fo, POLLIN, 0 }, { fe, POLLIN, 0 } };
	char buf[65536];
	int open = 2;

	while (open > 0) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < 2; i++) {
			ssize_t got;

			if (p[i].fd < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			got = read(p[i].fd, buf, sizeof buf);
			if (got > 0) {
				sb_appendn(i ? errs : out, buf, (size_t)got);
			} else if (got == 0 || errno != EINTR) {
				p[i].fd = -1;
				open--;
			}
		}
	}
}

int
tl_git(const char *dir, const char *const *argv, struct tl_run *r, char *err, size_t errn)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t sa;
	sigset_t sigs;
	struct strbuf out = { 0 }, errs = { 0 };
	int po[2] = { -1, -1 }, pe[2] = { -1, -1 };
	size_t n = 0;
	const char **av;
	char **env;
	pid_t pid;
	int rc, st;

	memset(r, 0, sizeof *r);
	r->status = -1;
	while (argv[n])
		n++;
	av = xmalloc((n + 4) * sizeof *av);
	av[0] = "git";
	av[1] = "-C";
	av[2] = dir;
	memcpy(av + 3, argv, (n + 1) * sizeof *av);
	if (cloexec_pipe(po) || cloexec_pipe(pe)) {
		snprintf(err, errn, "cannot run git: %s", strerror(errno));
		if (po[0] >= 0) {
			close(po[0]);
			close(po[1]);
		}
		free(av);
		return TEAM_ERR;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, po[1], 1);
	posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
	env = child_env();
	/* git's signals as a shell would leave them: kith ignores SIGXFSZ */
	posix_spawnattr_init(&sa);
	sigemptyset(&sigs);
	posix_spawnattr_setsigmask(&sa, &sigs);
	sigaddset(&sigs, SIGPIPE);
	sigaddset(&sigs, SIGXFSZ);
	posix_spawnattr_setsigdefault(&sa, &sigs);
	posix_spawnattr_setflags(&sa, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	rc = posix_spawnp(&pid, "git", &fa, &sa, (char *const *)av, env);
	posix_spawnattr_destroy(&sa);
	posix_spawn_file_actions_destroy(&fa);
	free(env);
	free(av);
	close(po[1]);
	close(pe[1]);
	if (rc != 0) {
		close(po[0]);
		close(pe[0]);
		snprintf(err, errn, "cannot run git: %s%s", strerror(rc),
			 rc == ENOENT ? " (team mode needs git: apt-get install git)" : "");
		return TEAM_ERR;
	}
	drain(po[0], pe[0], &out, &errs);
	close(po[0]);
	close(pe[0]);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	sb_appendn(&out, "", 0);
	sb_appendn(&errs, "", 0);
	r->outn = out.len;
	r->out = sb_detach(&out);
	r->errtext = sb_detach(&errs);
	return TEAM_OK;
}

void
tl_run_free(struct tl_run *r)
{
	free(r->out);
	free(r->errtext);
	r->out = r->errtext = NULL;
}

const char *
tl_git_why(const struct tl_run *r, char *buf, size_t n)
{
	const char *s = r->errtext ? r->errtext : "", *line = NULL, *p = s;

	/* git's first "fatal:" or "error:" line, else its last line that says something */
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);

		if (!strncmp(p, "fatal: ", 7) || !strncmp(p, "error: ", 7)) {
			/* after ssh's own reason, git's conclusion says less */
			if (!line || strncmp(p + 7, "Could not read from remote", 26))
				line = p + 7;
			break;
		}
		if (len > 0)
			line = p;
		p += len + (e ? 1 : 0);
	}
	if (!line) {
		snprintf(buf, n, "git exited with status %d", r->status);
		return buf;
	}
	snprintf(buf, n, "%.*s", (int)strcspn(line, "\r\n"), line);
	return buf;
}
