/*
 * check_teamlog.c: the team's log (kith/teamlog.h) on a bare repository
 * in a temporary folder, with replicas as databases beside it: entries
 * round trip; two replicas racing for one entry; a wrong key, a mistyped
 * code, a damaged or moved entry, a remote that is not there; the modes of
 * the key and its folder; snapshots and compaction; and nothing but
 * ciphertext and entry numbers in any object of the remote.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/wait.h>
#include <time.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>

#include "testutil.h"

#include "kith/contact.h"
#include "kith/db.h"
#include "kith/sync.h"
#include "kith/syncdb.h"
#include "kith/teamlog.h"

static char *T;                 /* the test's folder */
static char remote[4200], dba[4200], dbb[4200], dbc[4200];
static char err[1024];

static void
sh(const char *fmt, ...) KITH_PRINTF(1, 2);

/* Run a shell command of the test's own (paths are the test's mkdtemp). */
static void
sh(const char *fmt, ...)
{
	char cmd[16384];
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	rc = system(cmd);
	ck_assert_msg(rc == 0, "%s: exit %d", cmd, rc);
}

/* The first line a shell command prints, in out. */
static void
sh_out(char *out, size_t n, const char *cmd)
{
	FILE *p = popen(cmd, "r");
	size_t got;

	ck_assert_ptr_nonnull(p);
	got = fread(out, 1, n - 1, p);
	out[got] = '\0';
	pclose(p);
}

static void
setup(void)
{
	T = test_tmpdir();
	snprintf(remote, sizeof remote, "%s/remote.git", T);
	snprintf(dba, sizeof dba, "%s/a.db", T);
	snprintf(dbb, sizeof dbb, "%s/b.db", T);
	snprintf(dbc, sizeof dbc, "%s/c.db", T);
	sh("git init -q --bare '%s'", remote);
	/* a user's identity that must never reach the remote */
	setenv("GIT_AUTHOR_NAME", "Leaky Author", 1);
	setenv("GIT_COMMITTER_NAME", "Leaky Author", 1);
	err[0] = '\0';
}

static void
teardown(void)
{
	sh("rm -rf '%s'", T);
	free(T);
}

static struct team *
open_team(const char *db)
{
	struct team *t = NULL;

	ck_assert_msg(team_open(db, &t, err, sizeof err) == TEAM_OK, "open %s: %s", db, err);
	ck_assert_msg(team_lock(t, err, sizeof err) == TEAM_OK, "lock: %s", err);
	ck_assert_msg(team_fetch(t, err, sizeof err) == TEAM_OK, "fetch: %s", err);
	return t;
}

/* A: a new team; B joins with A's code. */
static void
two_replicas(void)
{
	char code[128];

	ck_assert_msg(team_create(dba, remote, err, sizeof err) == TEAM_OK, "create: %s", err);
	ck_assert_msg(team_code(dba, code, sizeof code, err, sizeof err) == TEAM_OK, "code: %s",
		      err);
	ck_assert_msg(team_attach(dbb, remote, code, err, sizeof err) == TEAM_OK, "attach: %s",
		      err);
}

static int64_t
append_text(struct team *t, const char *author, const char *text)
{
	struct team_entry e = { .replica = 7, .schema = 17, .time = 1767225600 };
	int64_t seq = 0;

	snprintf(e.author, sizeof e.author, "%s", author);
	e.data = (unsigned char *)text;
	e.len = strlen(text);
	ck_assert_msg(team_append(t, &e, &seq, err, sizeof err) == TEAM_OK, "append: %s", err);
	return seq;
}

static void
expect_text(struct team *t, int64_t seq, const char *text)
{
	struct team_entry e;

	ck_assert_msg(team_read(t, seq, &e, err, sizeof err) == TEAM_OK, "read %lld: %s",
		      (long long)seq, err);
	ck_assert_int_eq(e.seq, seq);
	ck_assert_uint_eq(e.len, strlen(text));
	ck_assert(memcmp(e.data, text, e.len) == 0);
	team_entry_free(&e);
}

START_TEST(test_round_trip)
{
	struct team *a, *b;
	struct team_entry e;
	unsigned char bin[300];

	two_replicas();
	a = open_team(dba);
	ck_assert_int_eq(team_head(a), 0);
	ck_assert_str_eq(team_remote(a), remote);
	ck_assert_int_eq(append_text(a, "Ana Lima", "first change"), 1);
	for (size_t i = 0; i < sizeof bin; i++)
		bin[i] = (unsigned char)i;      /* NUL and every byte value */
	{
		struct team_entry w = { .replica = 4194303u, .schema = 18, .time = -5 };
		int64_t seq;
		memcpy(w.author, "Zoë Ngô", sizeof "Zoë Ngô");
		w.data = bin;
		w.len = sizeof bin;
		ck_assert_msg(team_append(a, &w, &seq, err, sizeof err) == TEAM_OK, "%s", err);
		ck_assert_int_eq(seq, 2);
	}
	ck_assert_int_eq(team_head(a), 2);

	b = open_team(dbb);
	ck_assert_int_eq(team_head(b), 2);
	ck_assert_msg(team_read(b, 1, &e, err, sizeof err) == TEAM_OK, "%s", err);
	ck_assert_str_eq(e.author, "Ana Lima");
	ck_assert_uint_eq(e.replica, 7);
	ck_assert_int_eq(e.schema, 17);
	ck_assert_int_eq(e.time, 1767225600);
	ck_assert_uint_eq(e.len, strlen("first change"));
	ck_assert(memcmp(e.data, "first change", e.len) == 0);
	team_entry_free(&e);
	ck_assert_msg(team_read(b, 2, &e, err, sizeof err) == TEAM_OK, "%s", err);
	ck_assert_str_eq(e.author, "Zoë Ngô");
	ck_assert_uint_eq(e.replica, 4194303u);
	ck_assert_int_eq(e.time, -5);
	ck_assert_uint_eq(e.len, sizeof bin);
	ck_assert(memcmp(e.data, bin, sizeof bin) == 0);
	team_entry_free(&e);
	/* past the end */
	ck_assert_int_eq(team_read(b, 3, &e, err, sizeof err), TEAM_ERR);
	ck_assert_msg(strstr(err, "no entry 3"), "%s", err);
	team_close(a);
	team_close(b);
}
END_TEST

START_TEST(test_race)
{
	struct team *a, *b;
	int64_t seq = 0;
	struct team_entry e = { .replica = 2, .schema = 17 };
	char path[4400];

	two_replicas();
	a = open_team(dba);
	b = open_team(dbb);
	ck_assert_int_eq(append_text(a, "Ana", "A's change"), 1);
	/* B has not fetched: it tries entry 1 too, and loses */
	e.data = (unsigned char *)"B's change";
	e.len = strlen("B's change");
	ck_assert_int_eq(team_append(b, &e, &seq, err, sizeof err), TEAM_RACE);
	ck_assert_msg(strstr(err, "someone appended first"), "%s", err);
	ck_assert_int_eq(team_head(b), 0);
	snprintf(path, sizeof path, "%s.team/repo/log/000000000001", dbb);
	ck_assert_msg(access(path, F_OK) != 0, "B's dropped entry is still in its tree");
	/* then it fetches and succeeds */
	ck_assert_msg(team_fetch(b, err, sizeof err) == TEAM_OK, "%s", err);
	ck_assert_int_eq(team_head(b), 1);
	expect_text(b, 1, "A's change");
	ck_assert_msg(team_append(b, &e, &seq, err, sizeof err) == TEAM_OK, "%s", err);
	ck_assert_int_eq(seq, 2);
	ck_assert_msg(team_fetch(a, err, sizeof err) == TEAM_OK, "%s", err);
	ck_assert_int_eq(team_head(a), 2);
	expect_text(a, 1, "A's change");
	expect_text(a, 2, "B's change");
	team_close(a);
	team_close(b);
}
END_TEST

/* Two processes append 10 entries each at once: 20 entries, each once. */
START_TEST(test_race_processes)
{
	pid_t kids[2];
	struct team *a;
	int got[2] = { 0, 0 };

	two_replicas();
	for (int k = 0; k < 2; k++) {
		kids[k] = fork();
		ck_assert_int_ge(kids[k], 0);
		if (kids[k] == 0) {
			struct team *t = NULL;
			char e2[512];

			if (team_open(k ? dbb : dba, &t, e2, sizeof e2) != TEAM_OK ||
			    team_lock(t, e2, sizeof e2) != TEAM_OK)
				_exit(1);
			for (int i = 0; i < 10; i++) {
				struct team_entry e = { .replica = (uint32_t)k + 1 };
				char text[32];
				int rc;

				snprintf(text, sizeof text, "%c%d", k ? 'b' : 'a', i);
				e.data = (unsigned char *)text;
				e.len = strlen(text);
				do {
					if (team_fetch(t, e2, sizeof e2) != TEAM_OK)
						_exit(2);
					rc = team_append(t, &e, NULL, e2, sizeof e2);
				} while (rc == TEAM_RACE);
				if (rc != TEAM_OK)
					_exit(3);
			}
			team_close(t);
			_exit(0);
		}
	}
	for (int k = 0; k < 2; k++) {
		int st;
		ck_assert_int_eq(waitpid(kids[k], &st, 0), kids[k]);
		ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "replica %d: status %d", k,
			      st);
	}
	a = open_team(dba);
	ck_assert_int_eq(team_head(a), 20);
	for (int64_t s = 1; s <= 20; s++) {
		struct team_entry e;
		ck_assert_msg(team_read(a, s, &e, err, sizeof err) == TEAM_OK, "%s", err);
		ck_assert_uint_eq(e.len, 2);
		got[e.data[0] == 'b'] |= 1 << (e.data[1] - '0');
		team_entry_free(&e);
	}
	ck_assert_int_eq(got[0], 0x3ff);
	ck_assert_int_eq(got[1], 0x3ff);
	team_close(a);
}
END_TEST

START_TEST(test_wrong_key)
{
	char other[4200], code[128], keyp[4400];
	struct team *b;
	struct team_entry e;
	struct stat st;
	int fd;

	two_replicas();
	b = open_team(dba);
	append_text(b, "Ana", "secret");
	team_close(b);
	/* the code of another team */
	snprintf(other, sizeof other, "%s/other.git", T);
	sh("git init -q --bare '%s'", other);
	ck_assert_msg(team_create(dbc, other, err, sizeof err) == TEAM_OK, "%s", err);
	ck_assert_msg(team_code(dbc, code, sizeof code, err, sizeof err) == TEAM_OK, "%s", err);
	{
		char dbd[4400], dir[4500];
		snprintf(dbd, sizeof dbd, "%s/d.db", T);
		ck_assert_int_eq(team_attach(dbd, remote, code, err, sizeof err), TEAM_ERR);
		ck_assert_msg(strstr(err, "rejected key") && strstr(err, remote), "%s", err);
		snprintf(dir, sizeof dir, "%s.team", dbd);
		ck_assert_msg(stat(dir, &st) != 0, "a rejected join left %s", dir);
	}
	/* B's key replaced by another: its entries are refused, not misread */
	snprintf(keyp, sizeof keyp, "%s.team/key", dbb);
	fd = open(keyp, O_WRONLY | O_TRUNC);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "0123456789abcdef0123456789abcdef", 32), 32);
	close(fd);
	b = open_team(dbb);
	ck_assert_int_eq(team_read(b, 1, &e, err, sizeof err), TEAM_ERR);
	ck_assert_msg(strstr(err, "rejected key"), "%s", err);
	team_close(b);
}
END_TEST

START_TEST(test_mistyped_code)
{
	char code[128], bad[128], dir[4400];
	struct stat st;
	const char *bads[6];
	int n = 0;

	ck_assert_msg(team_create(dba, remote, err, sizeof err) == TEAM_OK, "%s", err);
	ck_assert_msg(team_code(dba, code, sizeof code, err, sizeof err) == TEAM_OK, "%s", err);
	ck_assert_msg(!strncmp(code, "kith1-", 6) && strlen(code) == 53 && !strchr(code, '\n'),
		      "[%s]", code);
	/* one character changed, one missing, the checksum cut, another prefix */
	snprintf(bad, sizeof bad, "%s", code);
	bad[20] = bad[20] == 'A' ? 'B' : 'A';
	bads[n++] = bad;
	{
		static char miss[128], cut[128], pre[128], swap[128];
		snprintf(miss, sizeof miss, "%.*s%s", 30, code, code + 31);
		bads[n++] = miss;
		snprintf(cut, sizeof cut, "%.*s", 50, code);
		bads[n++] = cut;
		snprintf(pre, sizeof pre, "kith2-%s", code + 6);
		bads[n++] = pre;
		snprintf(swap, sizeof swap, "%s", code);
		swap[10] = code[11];
		swap[11] = code[10];
		bads[n++] = code[10] != code[11] ? swap : "";
		bads[n++] = "";
	}
	snprintf(dir, sizeof dir, "%s.team", dbb);
	for (int i = 0; i < n; i++) {
		ck_assert_int_eq(team_attach(dbb, remote, bads[i], err, sizeof err), TEAM_ERR);
		ck_assert_msg(strstr(err, "not a kith team code"), "[%s]: %s", bads[i], err);
		ck_assert_msg(stat(dir, &st) != 0, "a refused code left %s", dir);
	}
	/* the code with the spaces and newline of a paste is the code */
	snprintf(bad, sizeof bad, "  %s \n", code);
	ck_assert_msg(team_attach(dbb, remote, bad, err, sizeof err) == TEAM_OK, "%s", err);
}
END_TEST

/* A host that changes an entry, or moves one into another's place. */
START_TEST(test_corrupt_entry)
{
	struct team *a;
	struct team_entry e;

	two_replicas();
	a = open_team(dba);
	append_text(a, "Ana", "one");
	append_text(a, "Ana", "two");
	append_text(a, "Ana", "three");
	team_close(a);
	sh("cd '%s' && git clone -q -b log remote.git evil && cd evil && "
	   /* byte 40 made different: an entry's bytes are random, and one in 256
	      held the 'X' written here already, left the entry whole and failed */
	   "b=$(dd if=log/000000000001 bs=1 skip=40 count=1 2>/dev/null) && "
	   "if [ \"$b\" = X ]; then c=Y; else c=X; fi && "
	   "printf $c | dd of=log/000000000001 bs=1 seek=40 conv=notrunc 2>/dev/null && "
	   "cp log/000000000002 log/000000000003 && "
	   "git -c user.name=e -c user.email=e@e commit -qam evil && git push -q", T);
	a = open_team(dbb);
	ck_assert_int_eq(team_read(a, 1, &e, err, sizeof err), TEAM_ERR);
	ck_assert_msg(strstr(err, "entry 1 is damaged"), "%s", err);
	ck_assert_int_eq(team_read(a, 3, &e, err, sizeof err), TEAM_ERR);
	ck_assert_msg(strstr(err, "entry 3 is not where it was written"), "%s", err);
	expect_text(a, 2, "two");
	/* cut short */
	team_close(a);
	sh("cd '%s/evil' && printf 'short' > log/000000000002 && "
	   "git -c user.name=e -c user.email=e@e commit -qam evil && git push -q", T);
	a = open_team(dbb);
	ck_assert_int_eq(team_read(a, 2, &e, err, sizeof err), TEAM_ERR);
	ck_assert_msg(strstr(err, "entry 2 is damaged"), "%s", err);
	team_close(a);
}
END_TEST

START_TEST(test_no_network)
{
	char missing[4400], dir[4400], moved[4400], code[128];
	struct team *a;
	struct stat st;

	snprintf(missing, sizeof missing, "%s/no-such-drive/team.git", T);
	ck_assert_int_eq(team_create(dba, missing, err, sizeof err), TEAM_ERR);
	ck_assert_msg(strstr(err, "no network") && strstr(err, missing), "%s", err);
	snprintf(dir, sizeof dir, "%s.team", dba);
	ck_assert_msg(stat(dir, &st) != 0, "a failed init left %s", dir);

	two_replicas();
	ck_assert_msg(team_code(dba, code, sizeof code, err, sizeof err) == TEAM_OK, "%s", err);
	ck_assert_int_eq(team_attach(dbc, missing, code, err, sizeof err), TEAM_ERR);
	ck_assert_msg(strstr(err, "no network") && strstr(err, missing), "%s", err);

	a = open_team(dba);
	/* the drive is unplugged */
	snprintf(moved, sizeof moved, "%s/unplugged.git", T);
	ck_assert_int_eq(rename(remote, moved), 0);
	ck_assert_int_eq(team_fetch(a, err, sizeof err), TEAM_ERR);
	ck_assert_msg(strstr(err, "no network") && strstr(err, remote), "%s", err);
	{
		struct team_entry e = { .data = (unsigned char *)"x", .len = 1 };
		ck_assert_int_eq(team_append(a, &e, NULL, err, sizeof err), TEAM_ERR);
		ck_assert_msg(strstr(err, "no network") && strstr(err, remote), "%s", err);
		ck_assert_int_eq(team_head(a), 0);
	}
	ck_assert_int_eq(rename(moved, remote), 0);
	ck_assert_msg(team_fetch(a, err, sizeof err) == TEAM_OK, "%s", err);
	ck_assert_int_eq(team_head(a), 0);   /* the failed append left nothing */
	team_close(a);
}
END_TEST

START_TEST(test_modes)
{
	char path[4400];
	struct stat st;
	struct team *t = NULL;
	int fd;

	umask(022);
	two_replicas();
	for (int i = 0; i < 2; i++) {
		const char *db = i ? dbb : dba;
		snprintf(path, sizeof path, "%s.team", db);
		ck_assert_int_eq(stat(path, &st), 0);
		ck_assert_msg((st.st_mode & 0777) == 0700, "%s: %o", path, st.st_mode & 0777);
		snprintf(path, sizeof path, "%s.team/key", db);
		ck_assert_int_eq(stat(path, &st), 0);
		ck_assert_msg((st.st_mode & 0777) == 0600, "%s: %o", path, st.st_mode & 0777);
		ck_assert_int_eq(st.st_size, 32);
	}
	/* the lock is the team's folder's too */
	t = open_team(dba);
	snprintf(path, sizeof path, "%s.team/lock", dba);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_msg((st.st_mode & 0777) == 0600, "%s: %o", path, st.st_mode & 0777);
	/* held: another process's lock waits */
	fd = open(path, O_RDWR);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(flock(fd, LOCK_EX | LOCK_NB), -1);
	ck_assert_int_eq(errno, EWOULDBLOCK);
	team_close(t);
	ck_assert_int_eq(flock(fd, LOCK_EX | LOCK_NB), 0);
	close(fd);
	/* a key others may read is refused */
	snprintf(path, sizeof path, "%s.team/key", dba);
	chmod(path, 0644);
	ck_assert_int_eq(team_open(dba, &t, err, sizeof err), TEAM_ERR);
	ck_assert_msg(strstr(err, "others may read") && strstr(err, "chmod 600"), "%s", err);
}
END_TEST

START_TEST(test_not_in_team)
{
	struct team *t = (struct team *)1;
	char code[128];

	ck_assert_int_eq(team_open(dba, &t, err, sizeof err), TEAM_NONE);
	ck_assert_ptr_null(t);
	ck_assert_int_ne(team_code(dba, code, sizeof code, err, sizeof err), TEAM_OK);
	/* init twice; init on a remote that holds a team */
	ck_assert_msg(team_create(dba, remote, err, sizeof err) == TEAM_OK, "%s", err);
	ck_assert_int_eq(team_create(dba, remote, err, sizeof err), TEAM_ERR);
	ck_assert_msg(strstr(err, "already in a team"), "%s", err);
	ck_assert_int_eq(team_create(dbb, remote, err, sizeof err), TEAM_ERR);
	ck_assert_msg(strstr(err, "already holds a kith team") && strstr(err, "join"), "%s", err);
	/* a's team is intact */
	t = open_team(dba);
	team_close(t);
}
END_TEST

/* Read t's snapshot and check it is text, of entry upto. */
static void
expect_snapshot(struct team *t, int64_t want, const char *text)
{
	char path[4400], got[4096] = "";
	int64_t upto = -1;
	int schema = 0;
	FILE *f;
	size_t n;

	snprintf(path, sizeof path, "%s/got", T);
	ck_assert_msg(team_snapshot_get(t, &upto, &schema, path, err, sizeof err) == TEAM_OK,
		      "%s", err);
	ck_assert_int_eq(upto, want);
	ck_assert_int_eq(schema, 17);
	f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	n = fread(got, 1, sizeof got - 1, f);
	fclose(f);
	got[n] = '\0';
	ck_assert_str_eq(got, text);
}

START_TEST(test_snapshots)
{
	struct team *a, *b, *c;
	int64_t upto;
	int schema;
	char code[128], path[4400], src[4400];

	two_replicas();
	snprintf(src, sizeof src, "%s/state", T);
	snprintf(path, sizeof path, "%s/got", T);
	a = open_team(dba);
	ck_assert_int_eq(team_snapshot_get(a, &upto, &schema, path, err, sizeof err), TEAM_NONE);
	/* the seed: the data the team starts with, before entry 1 */
	test_write_file(src, "seed");
	ck_assert_msg(team_snapshot_put(a, 0, 17, src, err, sizeof err) == TEAM_OK, "%s", err);
	expect_snapshot(a, 0, "seed");
	ck_assert_int_eq(team_head(a), 0);
	for (int i = 1; i <= 3; i++)
		append_text(a, "Ana", i == 1 ? "e1" : i == 2 ? "e2" : "e3");
	test_write_file(src, "state@2");
	ck_assert_msg(team_snapshot_put(a, 2, 17, src, err, sizeof err) == TEAM_OK, "%s", err);
	ck_assert_int_eq(team_snapshot_put(a, 2, 17, src, err, sizeof err), TEAM_ERR);
	ck_assert_int_eq(team_snapshot_put(a, 9, 17, src, err, sizeof err), TEAM_ERR);
	expect_snapshot(a, 2, "state@2");
	append_text(a, "Ana", "e4");
	append_text(a, "Ana", "e5");
	test_write_file(src, "state@4");
	ck_assert_msg(team_snapshot_put(a, 4, 17, src, err, sizeof err) == TEAM_OK, "%s", err);
	/* compacted: snapshot 2 and entries 1-4 left the tree; 5 remains */
	snprintf(path, sizeof path, "%s.team/repo/log/000000000004", dba);
	ck_assert_msg(access(path, F_OK) != 0, "entry 4 was not compacted");
	snprintf(path, sizeof path, "%s.team/repo/log/000000000005", dba);
	ck_assert_msg(access(path, F_OK) == 0, "entry 5 was compacted too early");
	snprintf(path, sizeof path, "%s.team/repo/snap/000000000002", dba);
	ck_assert_msg(access(path, F_OK) != 0, "snapshot 2 is still there");
	snprintf(path, sizeof path, "%s.team/repo/snap/000000000000", dba);
	ck_assert_msg(access(path, F_OK) != 0, "the seed is still there");
	ck_assert_int_eq(team_head(a), 5);
	ck_assert_int_eq(team_snapshot_at(a), 4);

	/* a replica that was behind still reads the compacted entries */
	b = open_team(dbb);
	ck_assert_int_eq(team_head(b), 5);
	expect_text(b, 1, "e1");
	expect_text(b, 2, "e2");
	expect_text(b, 4, "e4");
	expect_text(b, 5, "e5");

	/* a newcomer: the latest snapshot and the tail */
	ck_assert_msg(team_code(dba, code, sizeof code, err, sizeof err) == TEAM_OK, "%s", err);
	ck_assert_msg(team_attach(dbc, remote, code, err, sizeof err) == TEAM_OK, "%s", err);
	c = open_team(dbc);
	ck_assert_int_eq(team_head(c), 5);
	expect_snapshot(c, 4, "state@4");
	expect_text(c, 5, "e5");
	team_close(a);
	team_close(b);
	team_close(c);
}
END_TEST

/*
** A snapshot of many chunks comes back whole; one cut short, a chunk
** missing, or a chunk moved from another place, is refused and leaves no
** file behind.
*/
START_TEST(test_snapshot_chunks)
{
	struct team *a;
	char src[4400], got[4400], dir[4400];
	unsigned char *buf = malloc(3 << 20);
	unsigned seed = 7;
	int64_t upto;
	int schema;
	FILE *f;

	two_replicas();
	snprintf(src, sizeof src, "%s/state", T);
	snprintf(got, sizeof got, "%s/got", T);
	/* 3 MB that zstd cannot shrink: three chunks and a fourth */
	for (size_t i = 0; i < (3 << 20); i++)
		buf[i] = (unsigned char)(rand_r(&seed) >> 7);
	f = fopen(src, "wb");
	ck_assert_uint_eq(fwrite(buf, 1, 3 << 20, f), 3 << 20);
	fclose(f);
	a = open_team(dba);
	append_text(a, "Ana", "e1");
	ck_assert_msg(team_snapshot_put(a, 1, 17, src, err, sizeof err) == TEAM_OK, "%s", err);
	ck_assert_msg(team_snapshot_get(a, &upto, &schema, got, err, sizeof err) == TEAM_OK, "%s",
		      err);
	sh("cmp '%s' '%s'", src, got);
	snprintf(dir, sizeof dir, "%s.team/repo/snap/000000000001", dba);
	sh("test -f '%s/000003' && ! test -e '%s/000004'", dir, dir);
	/* the last chunk gone: cut short */
	sh("mv '%s/000003' '%s/keep'", dir, T);
	ck_assert_int_eq(team_snapshot_get(a, &upto, &schema, got, err, sizeof err), TEAM_ERR);
	ck_assert_msg(access(got, F_OK) != 0, "a refused snapshot left its file");
	/* a chunk in another's place */
	sh("cp '%s/000001' '%s/000003'", dir, dir);
	ck_assert_int_eq(team_snapshot_get(a, &upto, &schema, got, err, sizeof err), TEAM_ERR);
	ck_assert_msg(strstr(err, "not where it was written"), "%s", err);
	sh("mv '%s/keep' '%s/000003'", T, dir);
	ck_assert_msg(team_snapshot_get(a, &upto, &schema, got, err, sizeof err) == TEAM_OK, "%s",
		      err);
	team_close(a);
	free(buf);
}
END_TEST

/* Nothing but ciphertext and entry numbers in any object of the remote. */
START_TEST(test_only_ciphertext)
{
	struct team *a;
	char out[4096];
	const char *canary = "CANARY-7731-private-circumstances";

	two_replicas();
	a = open_team(dba);
	append_text(a, "Canary Q. Author", canary);
	{
		char src[4400];
		snprintf(src, sizeof src, "%s/state", T);
		test_write_file(src, canary);
		ck_assert_msg(team_snapshot_put(a, 1, 17, src, err, sizeof err) == TEAM_OK, "%s",
			      err);
		unlink(src);
	}
	team_close(a);
	/* every object, decompressed, and the raw files */
	sh("cd '%s' && git --git-dir=remote.git cat-file --batch-all-objects --batch > objects "
	   "&& test -s objects", T);
	/* the objects are read as text: the commit messages are found there */
	sh("cd '%s' && grep -a -q 'entry 1' objects", T);
	sh("cd '%s' && ! grep -a -q -e CANARY -e 'Canary Q' -e Leaky objects", T);
	sh("cd '%s' && ! grep -r -a -q -e CANARY -e 'Canary Q' -e Leaky remote.git", T);
	/* the history names kith only, at a fixed date, with entry numbers */
	{
		char cmd[4400];
		snprintf(cmd, sizeof cmd, "git --git-dir='%s' log --format='%%an <%%ae> %%cn "
			 "<%%ce> %%at %%s' refs/heads/log", remote);
		sh_out(out, sizeof out, cmd);
	}
	ck_assert_msg(!strcmp(out, "kith <kith@invalid> kith <kith@invalid> 1000000000 "
			      "snapshot 1\nkith <kith@invalid> kith <kith@invalid> 1000000000 "
			      "entry 1\nkith <kith@invalid> kith <kith@invalid> 1000000000 team\n"),
		      "%s", out);
}
END_TEST

/* How many lines the file at path has (0 if none). */
static long
lines_in(const char *path)
{
	FILE *f = fopen(path, "r");
	long n = 0;
	int c;

	if (!f)
		return 0;
	while ((c = getc(f)) != EOF)
		n += c == '\n';
	fclose(f);
	return n;
}

/*
** kill -9 twenty times while a replica appends (mid-write, mid-commit,
** mid-push): each time the next process locks, fetches and appends, and
** in the end the log is whole, every entry reads, none twice, and every
** append that returned TEAM_OK (acknowledged) is there.
*/
START_TEST(test_kill9)
{
	char ack[4400];
	struct team *t;
	int64_t head;
	unsigned seed = (unsigned)getpid();

	ck_assert_msg(team_create(dba, remote, err, sizeof err) == TEAM_OK, "%s", err);
	snprintf(ack, sizeof ack, "%s/acked", T);
	for (int round = 0; round < 20; round++) {
		pid_t kid = fork();
		int st;

		ck_assert_int_ge(kid, 0);
		if (kid == 0) {
			struct team *k = NULL;
			char e2[512];
			FILE *f = fopen(ack, "a");

			if (!f || team_open(dba, &k, e2, sizeof e2) != TEAM_OK ||
			    team_lock(k, e2, sizeof e2) != TEAM_OK)
				_exit(1);
			for (int i = 0;; i++) {
				struct team_entry e = { .replica = 1 };
				char text[32];
				int64_t seq;

				snprintf(text, sizeof text, "r%d-%d", round, i);
				e.data = (unsigned char *)text;
				e.len = strlen(text);
				if (team_fetch(k, e2, sizeof e2) != TEAM_OK ||
				    team_append(k, &e, &seq, e2, sizeof e2) != TEAM_OK) {
					fprintf(stderr, "round %d: %s\n", round, e2);
					_exit(2);
				}
				fprintf(f, "%lld %s\n", (long long)seq, text);
				fflush(f);
			}
		}
		/*
		** Every other round waits for the appender's next acknowledged entry
		** first: on a loaded machine an append can take longer than any
		** sleep below, and a run of kills that all land before the first
		** acknowledgement would test nothing acknowledged.
		*/
		if (round % 2 == 0) {
			long had = lines_in(ack);
			for (int i = 0; i < 6000 && lines_in(ack) <= had; i++) {
				struct timespec ts = { 0, 10 * 1000000L };
				nanosleep(&ts, NULL);
			}
		}
		{
			long us = rand_r(&seed) % 700000;
			struct timespec ts = { 0, us * 1000 };
			nanosleep(&ts, NULL);
		}
		kill(kid, SIGKILL);
		ck_assert_int_eq(waitpid(kid, &st, 0), kid);
		ck_assert_msg(WIFSIGNALED(st), "round %d: the appender ended by itself (%d)", round,
			      st);
		/* the next one finds its way */
		t = open_team(dba);
		{
			char text[32];
			snprintf(text, sizeof text, "after-%d", round);
			append_text(t, "Ana", text);
		}
		team_close(t);
	}
	t = open_team(dba);
	head = team_head(t);
	ck_assert_int_ge(head, 20);
	{
		char **texts = calloc((size_t)head + 1, sizeof *texts);
		char line[128];
		FILE *f = fopen(ack, "r");
		int nack = 0;

		for (int64_t s = 1; s <= head; s++) {
			struct team_entry e;
			ck_assert_msg(team_read(t, s, &e, err, sizeof err) == TEAM_OK, "entry %lld: %s",
				      (long long)s, err);
			texts[s] = strndup((const char *)e.data, e.len);
			for (int64_t p = 1; p < s; p++)
				ck_assert_msg(strcmp(texts[p], texts[s]), "%s twice", texts[s]);
			team_entry_free(&e);
		}
		ck_assert_ptr_nonnull(f);
		while (fgets(line, sizeof line, f)) {
			long long s;
			char text[64];
			if (sscanf(line, "%lld %63s", &s, text) != 2)
				continue;       /* a line cut by the kill: not acknowledged */
			ck_assert_msg(s >= 1 && s <= head && !strcmp(texts[s], text),
				      "acknowledged %s as entry %lld, which holds %s", text, s,
				      s >= 1 && s <= head ? texts[s] : "nothing");
			nack++;
		}
		fclose(f);
		ck_assert_int_gt(nack, 0);
		for (int64_t s = 1; s <= head; s++)
			free(texts[s]);
		free(texts);
	}
	team_close(t);
}
END_TEST

/*
** An entry written by a newer kith (a higher schema) is refused before
** anything is applied: the sync fails naming it, applies nothing, keeps the
** local change waiting and appends nothing (issue 19: "an older kith
** refuses a newer entry with a clear message, never half-applies it").
*/
START_TEST(test_newer_schema_refused)
{
	static unsigned char blob[] = "a change only a newer kith can read";
	struct kith_contact c = { .display_name = "Dana Reyes", .cadence_days = -1 };
	struct team_entry e = { .replica = 9, .data = blob, .len = sizeof blob };
	struct sync_result r = { 0 };
	struct kith_err kerr = { 0 };
	struct kdb_sync_state s;
	struct kdb *db;
	struct team *t;
	int64_t id, seq;

	ck_assert_int_eq(kdb_open(dba, KDB_CREATE, &db, &kerr), KITH_OK);
	ck_assert_msg(team_create(dba, remote, err, sizeof err) == TEAM_OK, "create: %s", err);
	ck_assert_msg(kdb_replica_set(db, 7, "Ana", &kerr) == KITH_OK, "%s", kerr.msg);
	ck_assert_msg(kdb_sync_done(db, 0, 0, &kerr) == KITH_OK, "%s", kerr.msg);
	/* a newer kith appends entry 1 */
	e.schema = kdb_schema_version() + 1;
	snprintf(e.author, sizeof e.author, "Future");
	t = open_team(dba);
	ck_assert_msg(team_append(t, &e, &seq, err, sizeof err) == TEAM_OK, "append: %s", err);
	team_close(t);
	/* a local change waits to be sent */
	ck_assert_msg(contact_add(db, &c, &id, &kerr) == KITH_OK, "%s", kerr.msg);

	ck_assert_int_ne(sync_run(db, dba, &r, &kerr), KITH_OK);
	ck_assert_msg(strstr(kerr.msg, "newer kith") && strstr(kerr.msg, "entry 1"),
		      "the refusal says why and which entry: %s", kerr.msg);
	ck_assert_msg(kdb_sync_state(db, &s, &kerr) == KITH_OK, "%s", kerr.msg);
	ck_assert_int_eq(s.applied, 0);
	ck_assert_int_ge(s.waiting, 1);
	ck_assert_int_eq(r.applied, 0);
	ck_assert_int_eq(r.pushed, 0);
	memset(&c, 0, sizeof c);
	ck_assert_int_eq(contact_get(db, id, &c, &kerr), KITH_OK);
	contact_free(&c);
	t = open_team(dba);
	ck_assert_int_eq(team_head(t), 1);
	team_close(t);
	kdb_close(db);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("teamlog");
	TCase *tc = tcase_create("teamlog"), *tk;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_race);
	tcase_add_test(tc, test_race_processes);
	tcase_add_test(tc, test_wrong_key);
	tcase_add_test(tc, test_mistyped_code);
	tcase_add_test(tc, test_corrupt_entry);
	tcase_add_test(tc, test_no_network);
	tcase_add_test(tc, test_modes);
	tcase_add_test(tc, test_not_in_team);
	tcase_add_test(tc, test_snapshots);
	tcase_add_test(tc, test_snapshot_chunks);
	tcase_add_test(tc, test_only_ciphertext);
	tcase_add_test(tc, test_newer_schema_refused);
	/*
	** Twenty rounds of git under kill -9 take about 30 s alone, minutes on
	** a machine busy with other work: a timeout is no finding here.
	*/
	tk = tcase_create("kill9");
	tcase_add_checked_fixture(tk, setup, teardown);
	tcase_set_timeout(tk, 600);
	tcase_add_test(tk, test_kill9);
	suite_add_tcase(s, tk);
	suite_add_tcase(s, tc);
	return test_run_suite(s) ? EXIT_FAILURE : EXIT_SUCCESS;
}
