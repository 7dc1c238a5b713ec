/*
 * teamlog.c: the team's log in a git remote (see kith/teamlog.h).
 *
 * The clone's working tree is the fetched log: team_fetch makes it the
 * remote's branch "log" exactly (reset, and files a killed kith left
 * behind removed), and an entry is read from its file there. An append is
 * a commit pushed without force: git refuses a push that is not a
 * fast-forward, so when two replicas append entry N at once one of them
 * wins and the other gets TEAM_RACE, drops its commit, fetches and tries
 * N + 1. Compaction removes entries from the tree, not from git's history:
 * a replica that was behind still reads them there, and a newcomer
 * fetches only the latest tree (the snapshot and the log's tail).
 */
#include "teamlog_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kith/safefile.h"
#include "kith/str.h"
#include "kith/xalloc.h"

#define BRANCH "refs/heads/log"
#define TRACK "refs/remotes/origin/log"
#define MARK_TEXT "kith team"


static char *
cat(const char *a, const char *b)
{
	struct strbuf sb = { 0 };

	sb_append(&sb, a);
	sb_append(&sb, b);
	return sb_detach(&sb);
}

static const struct sodium_lib *
sodium(char *err, size_t errn)
{
	const char *why = "";
	const struct sodium_lib *so = sodium_lib(&why);

	if (!so)
		tl_say(err, errn, "%s", why);
	return so;
}

void
tl_rescan(struct team *t)
{
	t->snap = tl_scan_max(t->repo, "snap");
	t->head = tl_scan_max(t->repo, "log");
	if (t->head < 0)
		t->head = 0;
	if (t->snap > t->head)
		t->head = t->snap;
}

/* ---- git ------------------------------------------------------------------ */

#define GIT(dir, r, err, errn, ...) \
	tl_git((dir), (const char *const[]){ __VA_ARGS__, NULL }, (r), (err), (errn))

/* Run git and require success; err says what failed. */
#define GIT_OK(dir, err, errn, ...) \
	git_ok((dir), (const char *const[]){ __VA_ARGS__, NULL }, (err), (errn))

static int
git_ok(const char *dir, const char *const *argv, char *err, size_t errn)
{
	struct tl_run r;
	char why[400];

	if (tl_git(dir, argv, &r, err, errn) != TEAM_OK)
		return TEAM_ERR;
	if (r.status != 0) {
		tl_say(err, errn, "git %s failed: %s", argv[0], tl_git_why(&r, why, sizeof why));
		tl_run_free(&r);
		return TEAM_ERR;
	}
	tl_run_free(&r);
	return TEAM_OK;
}

static void
no_network(const char *remote, const struct tl_run *r, char *err, size_t errn)
{
	char why[400];

	tl_say(err, errn, "no network: cannot reach the team's remote %s (%s)", remote,
	    tl_git_why(r, why, sizeof why));
}

/* Fetch the remote's log into TRACK; TEAM_NONE when it has none. */
static int
fetch_log(const char *repo, const char *remote, bool shallow, char *err, size_t errn)
{
	struct tl_run r;

	if ((shallow ? GIT(repo, &r, err, errn, "fetch", "-q", "--no-tags", "--depth=1", "origin",
			   "+" BRANCH ":" TRACK)
		     : GIT(repo, &r, err, errn, "fetch", "-q", "--no-tags", "origin",
			   "+" BRANCH ":" TRACK)) != TEAM_OK)
		return TEAM_ERR;
	if (r.status != 0) {
		bool missing = strstr(r.errtext, "couldn't find remote ref") != NULL;

		if (!missing)
			no_network(remote, &r, err, errn);
		tl_run_free(&r);
		return missing ? TEAM_NONE : TEAM_ERR;
	}
	tl_run_free(&r);
	return TEAM_OK;
}

/* Make the working tree the fetched log exactly. */
static int
checkout_log(const char *repo, char *err, size_t errn)
{
	if (GIT_OK(repo, err, errn, "reset", "-q", "--hard", TRACK) != TEAM_OK)
		return TEAM_ERR;
	return GIT_OK(repo, err, errn, "clean", "-q", "-f", "-d", "-x", "--", ".");
}

/*
** A new clone at DB.team/repo of remote (nothing fetched yet). TEAM_NONE
** when DB.team exists (not this call's to remove).
*/
static int
make_clone(const char *dir, const char *repo, const char *remote, char *err, size_t errn)
{
	struct stat st;

	if (lstat(dir, &st) == 0) {
		tl_say(err, errn, "%s exists: this database is already in a team (kith team status)",
		    dir);
		return TEAM_NONE;
	}
	if (mkdir(dir, 0700) != 0) {
		tl_say(err, errn, "%s: %s", dir, strerror(errno));
		return TEAM_ERR;
	}
	if (GIT_OK(dir, err, errn, "init", "-q", "--initial-branch=log", "repo") != TEAM_OK ||
	    GIT_OK(repo, err, errn, "config", "core.compression", "0") != TEAM_OK ||
	    GIT_OK(repo, err, errn, "config", "commit.gpgSign", "false") != TEAM_OK ||
	    GIT_OK(repo, err, errn, "config", "gc.auto", "0") != TEAM_OK ||
	    GIT_OK(repo, err, errn, "remote", "add", "origin", remote) != TEAM_OK)
		return TEAM_ERR;
	return TEAM_OK;
}

/* How a push ended: TEAM_OK, TEAM_RACE (someone pushed first) or TEAM_ERR. */
static int
push(struct team *t, const char *what, char *err, size_t errn)
{
	struct tl_run r;
	int rc = TEAM_OK;

	/* sealed files never delta against each other: no window to search */
	if (GIT(t->repo, &r, err, errn, "-c", "pack.window=0", "push", "-q", "--porcelain",
		"origin", "HEAD:" BRANCH) != TEAM_OK)
		return TEAM_ERR;
	if (r.status != 0) {
		/* --porcelain: "!\tHEAD:refs/heads/log\t[rejected] (fetch first)" */
		const char *bang = strstr(r.out, "!\t");

		if (bang && (strstr(bang, "[rejected]") || strstr(bang, "cannot lock ref") ||
			     strstr(bang, "failed to update ref") ||
			     strstr(bang, "incorrect old value"))) {
			rc = TEAM_RACE;
			tl_say(err, errn, "%s: someone appended first; fetch and try again", what);
		} else if (bang) {
			char line[400];
			snprintf(line, sizeof line, "%.*s", (int)strcspn(bang + 2, "\n"), bang + 2);
			tl_say(err, errn, "%s: the remote %s refused it: %s", what, t->remote, line);
			rc = TEAM_ERR;
		} else {
			no_network(t->remote, &r, err, errn);
			rc = TEAM_ERR;
		}
	}
	tl_run_free(&r);
	return rc;
}

/* Drop local commits: the tree is the fetched log again. */
static void
drop_local(struct team *t)
{
	char ignored[64];

	checkout_log(t->repo, ignored, sizeof ignored);
	tl_rescan(t);
}

/* ---- create, attach ------------------------------------------------------- */

static char *
team_dir(const char *dbpath)
{
	return cat(dbpath, ".team");
}

/* Write DB.team/key and DB.team/remote. */
static int
write_key(const char *dir, const unsigned char *key, const char *remote, char *err,
	  size_t errn)
{
	char *kp = cat(dir, "/key"), *rp = cat(dir, "/remote");
	int rc = tl_write_all(kp, key, TEAM_KEYBYTES, err, errn);

	if (rc == TEAM_OK)
		rc = tl_write_all(rp, remote, strlen(remote), err, errn);
	free(kp);
	free(rp);
	return rc;
}

/*
** The end of making or joining a team, rc its result so far: on success the
** key and remote are written to dir (DB.team), on failure dir goes, half made.
** The key is wiped and dir and repo freed either way. Returns the result.
*/
static int
finish_team(const struct sodium_lib *so, char *dir, char *repo, unsigned char *key,
	    const char *remote, int rc, char *err, size_t errn)
{
	if (rc == TEAM_OK)
		rc = write_key(dir, key, remote, err, errn);
	if (rc != TEAM_OK)
		tl_rm_tree(dir);
	so->sodium_memzero(key, TEAM_KEYBYTES);
	free(repo);
	free(dir);
	return rc;
}

/* Does key open the team's marker in repo? TEAM_OK, TEAM_RACE (it does not) or TEAM_ERR. */
static int
check_mark(const struct sodium_lib *so, const char *repo, const unsigned char *key, char *err,
	   size_t errn)
{
	char *mark = cat(repo, "/team");
	struct team_entry e;
	unsigned char *buf;
	size_t n;
	int rc = tl_read_all(mark, &buf, &n, err, errn);

	if (rc == TEAM_OK) {
		rc = tl_open(so, key, TL_MARK, 0, buf, n, "the team's marker", &e, err, errn);
		if (rc == TEAM_OK)
			team_entry_free(&e);
		free(buf);
	}
	free(mark);
	return rc;
}

int
team_create(const char *dbpath, const char *remote, char *err, size_t errn)
{
	const struct sodium_lib *so;
	unsigned char key[TEAM_KEYBYTES], *box = NULL;
	char *dir, *repo, *mark;
	size_t boxn;
	int rc;

	if (!(so = sodium(err, errn)))
		return TEAM_ERR;
	dir = team_dir(dbpath);
	repo = cat(dir, "/repo");
	mark = cat(repo, "/team");
	if ((rc = make_clone(dir, repo, remote, err, errn)) == TEAM_NONE) {
		free(mark);
		free(repo);
		free(dir);
		return TEAM_ERR;
	}
	if (rc == TEAM_OK) {
		rc = fetch_log(repo, remote, false, err, errn);
		if (rc == TEAM_OK) {
			tl_say(err, errn, "%s already holds a kith team: join it (kith team join %s "
			    "CODE, with the code a member prints with kith team invite)", remote,
			    remote);
			rc = TEAM_ERR;
		} else if (rc == TEAM_NONE) {
			rc = TEAM_OK;
		}
	}
	if (rc == TEAM_OK) {
		so->randombytes_buf(key, sizeof key);
		rc = tl_seal(so, key, TL_MARK, 0, NULL, MARK_TEXT, strlen(MARK_TEXT), &box, &boxn,
			     err, errn);
	}
	if (rc == TEAM_OK)
		rc = tl_write_all(mark, box, boxn, err, errn);
	free(box);
	free(mark);
	if (rc == TEAM_OK)
		rc = GIT_OK(repo, err, errn, "add", "--", "team");
	if (rc == TEAM_OK)
		rc = GIT_OK(repo, err, errn, "commit", "-q", "--no-verify", "-m", "team");
	if (rc == TEAM_OK) {
		struct team t = { .dir = dir, .repo = repo, .remote = (char *)remote };

		rc = push(&t, "the new team", err, errn);
		if (rc == TEAM_RACE) {
			tl_say(err, errn, "%s: another kith made a team there at the same moment; join "
			    "it instead", remote);
			rc = TEAM_ERR;
		}
	}
	return finish_team(so, dir, repo, key, remote, rc, err, errn);
}

int
team_attach(const char *dbpath, const char *remote, const char *code, char *err, size_t errn)
{
	const struct sodium_lib *so;
	unsigned char key[TEAM_KEYBYTES];
	char *dir, *repo;
	int rc;

	if (!(so = sodium(err, errn)))
		return TEAM_ERR;
	if (!tl_code_read(so, code, key)) {
		tl_say(err, errn, "not a kith team code: a code is one line that starts with kith1- "
		    "(a character is wrong or missing; copy it again)");
		return TEAM_ERR;
	}
	dir = team_dir(dbpath);
	repo = cat(dir, "/repo");
	if ((rc = make_clone(dir, repo, remote, err, errn)) == TEAM_NONE) {
		free(repo);
		free(dir);
		so->sodium_memzero(key, sizeof key);
		return TEAM_ERR;
	}
	if (rc == TEAM_OK) {
		rc = fetch_log(repo, remote, true, err, errn);
		if (rc == TEAM_NONE) {
			tl_say(err, errn, "%s holds no kith team (kith team init %s starts one)", remote,
			    remote);
			rc = TEAM_ERR;
		}
	}
	if (rc == TEAM_OK)
		rc = checkout_log(repo, err, errn);
	if (rc == TEAM_OK) {
		rc = check_mark(so, repo, key, err, errn);
		if (rc == TEAM_RACE) {
			tl_say(err, errn, "rejected key: the code does not open the team at %s (is it "
			    "this team's code?)", remote);
			rc = TEAM_ERR;
		}
	}
	return finish_team(so, dir, repo, key, remote, rc, err, errn);
}

/* ---- open ----------------------------------------------------------------- */

/* Read DB.team/key, refusing a key others may read. */
static int
read_key(const char *dir, unsigned char *key, char *err, size_t errn)
{
	char *kp = cat(dir, "/key");
	unsigned char *buf = NULL;
	struct stat st;
	size_t n = 0;
	int rc = TEAM_ERR;

	if (stat(kp, &st) != 0) {
		tl_say(err, errn, "%s: %s (the team's key is missing: join again with a code from a "
		    "member)", kp, strerror(errno));
	} else if (st.st_mode & 077) {
		tl_say(err, errn, "%s: others may read the team's key (mode %04o); make it private: "
		    "chmod 600 %s", kp, (unsigned)(st.st_mode & 07777), kp);
	} else if (tl_read_all(kp, &buf, &n, err, errn) == TEAM_OK) {
		if (n != TEAM_KEYBYTES)
			tl_say(err, errn, "%s: not a team key (%zu bytes, not %d)", kp, n, TEAM_KEYBYTES);
		else {
			memcpy(key, buf, TEAM_KEYBYTES);
			rc = TEAM_OK;
		}
		memset(buf, 0, n);
		free(buf);
	}
	free(kp);
	return rc;
}

int
team_open(const char *dbpath, struct team **out, char *err, size_t errn)
{
	char *dir = team_dir(dbpath), *rp;
	struct team *t;
	unsigned char *remote;
	struct stat st;
	size_t n;

	*out = NULL;
	if (stat(dir, &st) != 0 && errno == ENOENT) {
		free(dir);
		tl_say(err, errn, "this database is not in a team (kith team init REMOTE, or kith "
		    "team join REMOTE CODE)");
		return TEAM_NONE;
	}
	t = xcalloc(1, sizeof *t);
	t->dir = dir;
	t->repo = cat(dir, "/repo");
	t->lockfd = -1;
	if (!(t->so = sodium(err, errn)) || read_key(dir, t->key, err, errn) != TEAM_OK)
		goto fail;
	rp = cat(dir, "/remote");
	if (tl_read_all(rp, &remote, &n, err, errn) != TEAM_OK) {
		free(rp);
		goto fail;
	}
	free(rp);
	t->remote = (char *)remote;
	tl_rescan(t);
	*out = t;
	return TEAM_OK;
fail:
	team_close(t);
	return TEAM_ERR;
}

int
team_code(const char *dbpath, char *code, size_t coden, char *err, size_t errn)
{
	struct team *t;
	char buf[TEAM_CODE_MAX];
	int rc = team_open(dbpath, &t, err, errn);

	if (rc != TEAM_OK)
		return rc;
	tl_code_make(t->so, t->key, buf);
	if (strlen(buf) >= coden) {
		tl_say(err, errn, "the code does not fit in %zu bytes", coden);
		rc = TEAM_ERR;
	} else {
		memcpy(code, buf, strlen(buf) + 1);
	}
	memset(buf, 0, sizeof buf);
	team_close(t);
	return rc;
}

void
team_close(struct team *t)
{
	if (!t)
		return;
	if (t->lockfd >= 0)
		close(t->lockfd);       /* releases the lock */
	memset(t->key, 0, sizeof t->key);
	free(t->dir);
	free(t->repo);
	free(t->remote);
	free(t);
}

char *
team_file(const struct team *t, const char *name)
{
	char *dir = cat(t->dir, "/"), *path = cat(dir, name);

	free(dir);
	return path;
}

const char *
team_remote(const struct team *t)
{
	return t->remote;
}

int64_t
team_head(const struct team *t)
{
	return t->head;
}

/* The lock files git leaves when it is killed, in the clone's .git. */
static const char *const git_locks[] = {
	"index.lock", "HEAD.lock", "ORIG_HEAD.lock", "config.lock", "packed-refs.lock",
	"shallow.lock", "refs/heads/log.lock", "refs/remotes/origin/log.lock",
};

/*
** The lock is a flock on DB.team/lock, on a descriptor every git this
** process starts inherits: a git that outlives a killed kith (a push
** under way) holds it until it ends, so whoever holds it next is alone in
** the clone, and lock files found there are a killed git's.
*/
int
team_lock(struct team *t, char *err, size_t errn)
{
	char *lp;

	if (t->lockfd >= 0)
		return TEAM_OK;
	lp = cat(t->dir, "/lock");
	t->lockfd = open(lp, O_RDWR | O_CREAT, 0600);
	if (t->lockfd < 0) {
		tl_say(err, errn, "%s: %s", lp, strerror(errno));
		free(lp);
		return TEAM_ERR;
	}
	while (flock(t->lockfd, LOCK_EX) != 0) {
		if (errno != EINTR) {
			tl_say(err, errn, "%s: cannot lock: %s", lp, strerror(errno));
			close(t->lockfd);
			t->lockfd = -1;
			free(lp);
			return TEAM_ERR;
		}
	}
	free(lp);
	for (size_t i = 0; i < sizeof git_locks / sizeof git_locks[0]; i++) {
		char *stale = xmalloc(strlen(t->repo) + strlen(git_locks[i]) + 8);

		sprintf(stale, "%s/.git/%s", t->repo, git_locks[i]);
		unlink(stale);
		free(stale);
	}
	return TEAM_OK;
}

int
team_fetch(struct team *t, char *err, size_t errn)
{
	int rc = fetch_log(t->repo, t->remote, false, err, errn);

	if (rc == TEAM_NONE) {
		tl_say(err, errn, "%s no longer holds the team's log (was it replaced?)", t->remote);
		return TEAM_ERR;
	}
	if (rc == TEAM_OK)
		rc = checkout_log(t->repo, err, errn);
	tl_rescan(t);
	return rc;
}

/* ---- entries -------------------------------------------------------------- */

/* The sealed file name (in the tree, or else in git's history). */
static int
load(struct team *t, const char *name, unsigned char **buf, size_t *n, char *err, size_t errn)
{
	char *path = cat(t->repo, "/"), *full = cat(path, name);
	struct tl_run r;
	char spec[64];
	int rc;

	free(path);
	if (access(full, F_OK) == 0) {
		rc = tl_read_all(full, buf, n, err, errn);
		free(full);
		return rc;
	}
	free(full);
	/* compacted: the commit that removed it has it in its parent */
	if (GIT(t->repo, &r, err, errn, "log", "-1", "--format=%H", TRACK, "--", name) !=
	    TEAM_OK)
		return TEAM_ERR;
	if (r.status != 0 || strlen(r.out) < 40) {
		tl_say(err, errn, "%s is no longer in the log (compacted into the snapshot of entry "
		    "%lld): join the team again", name, (long long)t->snap);
		tl_run_free(&r);
		return TEAM_ERR;
	}
	snprintf(spec, sizeof spec, "%.40s~1:%s", r.out, name);
	tl_run_free(&r);
	if (GIT(t->repo, &r, err, errn, "cat-file", "blob", spec) != TEAM_OK)
		return TEAM_ERR;
	if (r.status != 0) {
		tl_say(err, errn, "%s is no longer in the log (compacted into the snapshot of entry "
		    "%lld): join the team again", name, (long long)t->snap);
		tl_run_free(&r);
		return TEAM_ERR;
	}
	*buf = (unsigned char *)r.out;
	*n = r.outn;
	r.out = NULL;
	tl_run_free(&r);
	return TEAM_OK;
}

/* Open a sealed file, telling a wrong key from a damaged file. */
int
tl_unseal(struct team *t, enum tl_kind kind, int64_t seq, const char *name, struct team_entry *e,
       char *err, size_t errn)
{
	unsigned char *buf;
	size_t n;
	char what[64];
	int rc;

	if (load(t, name, &buf, &n, err, errn) != TEAM_OK)
		return TEAM_ERR;
	snprintf(what, sizeof what, kind == TL_CHUNK ? "the snapshot of entry %lld" : "entry %lld",
		 (long long)seq);
	rc = tl_open(t->so, t->key, kind, seq, buf, n, what, e, err, errn);
	free(buf);
	if (rc == TEAM_RACE) {
		if (check_mark(t->so, t->repo, t->key, err, errn) == TEAM_OK)
			tl_say(err, errn, "%s is damaged: it fails its authentication (changed or cut "
			    "since it was written); refused", what);
		else
			tl_say(err, errn, "rejected key: the team's key does not open %s of %s (the "
			    "key in %s/key is not this team's)", what, t->remote, t->dir);
		rc = TEAM_ERR;
	}
	return rc;
}

int
team_read(struct team *t, int64_t seq, struct team_entry *out, char *err, size_t errn)
{
	char name[32];

	memset(out, 0, sizeof *out);
	if (seq < 1 || seq > t->head) {
		tl_say(err, errn, "no entry %lld: the log holds entries 1 to %lld", (long long)seq,
		    (long long)t->head);
		return TEAM_ERR;
	}
	tl_entry_name(name, sizeof name, "log", seq);
	return tl_unseal(t, TL_ENTRY, seq, name, out, err, errn);
}

void
team_entry_free(struct team_entry *e)
{
	if (!e)
		return;
	free(e->data);
	e->data = NULL;
	e->len = 0;
}

void
team_test_pause(const char *point)
{
	const char *p = getenv("KITH_TEST_PAUSE");

	if (p && !strcmp(p, point))
		raise(SIGSTOP);
}

int
tl_commit_push(struct team *t, const char *msg, char *err, size_t errn)
{
	int rc = GIT_OK(t->repo, err, errn, "add", "-A", "--", ".");

	if (rc == TEAM_OK)
		rc = GIT_OK(t->repo, err, errn, "commit", "-q", "--no-verify", "-m", msg);
	if (rc == TEAM_OK)
		team_test_pause(strncmp(msg, "snapshot", 8) ? "entry-committed"
							     : "snapshot-committed");
	if (rc == TEAM_OK)
		rc = push(t, msg, err, errn);
	if (rc != TEAM_OK)
		drop_local(t);
	return rc;
}

/* Seal e's data as log/N, commit it and push. */
static int
commit_entry(struct team *t, int64_t seq, const struct team_entry *e, const char *msg,
	     char *err, size_t errn)
{
	char name[32], *dirp, *path;
	unsigned char *box;
	size_t boxn;
	int rc;

	if (tl_seal(t->so, t->key, TL_ENTRY, seq, e, e->data, e->len, &box, &boxn, err,
		    errn) != TEAM_OK)
		return TEAM_ERR;
	tl_entry_name(name, sizeof name, "log", seq);
	dirp = cat(t->repo, "/log");
	mkdir(dirp, 0700);
	free(dirp);
	path = xmalloc(strlen(t->repo) + strlen(name) + 2);
	sprintf(path, "%s/%s", t->repo, name);
	rc = tl_write_all(path, box, boxn, err, errn);
	free(box);
	free(path);
	if (rc != TEAM_OK) {
		drop_local(t);
		return rc;
	}
	return tl_commit_push(t, msg, err, errn);
}

int
team_append(struct team *t, const struct team_entry *e, int64_t *seq, char *err, size_t errn)
{
	int64_t n = t->head + 1;
	char msg[32];
	int rc;

	snprintf(msg, sizeof msg, "entry %lld", (long long)n);
	rc = commit_entry(t, n, e, msg, err, errn);
	if (rc == TEAM_OK) {
		t->head = n;
		if (seq)
			*seq = n;
	}
	return rc;
}
