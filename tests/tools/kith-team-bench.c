/*
 * kith-team-bench: the team log's share of team mode's figures (issue 19),
 * at city scale, on a bare repository in a temporary folder.
 *
 *	kith-team-bench DB [--smoke]
 *
 * sync: replica B fetches 1,000 entries another replica appended (each a
 * small changeset), reads and decrypts every one, and appends its own
 * 1,000 changes as one entry (the transport of a sync of 1,000 local
 * against 1,000 remote changes; applying them is the data layer's).
 * join: the shared state of DB as one changeset (every table with a
 * primary key, FTS's own tables left out; made with sqlite3session_diff
 * against an empty database of the same schema) is put as the seed
 * snapshot; a newcomer joins (a shallow clone), reads and decrypts it,
 * and applies it with sqlite3changeset_apply to a new kith database (its
 * triggers recompute the derived tables).
 *
 * Output as kith-bench's: "bench: NAME VALUE UNIT target T PASS|FAIL",
 * with NAME.cpu beside each time: the CPU time of kith and of the gits it
 * ran (a shared machine's wall times wait for the other processes).
 * --smoke (make check, on a small database): 100 entries instead of 1,000,
 * and nothing fails.
 */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "kith/db.h"
#include "kith/teamlog.h"
#include "../../src/io/teamlog_internal.h"

static int smoke, failed;
static char err[2048];

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* CPU time of this process and of the gits it waited for, in ms. */
static double
cpu_ms(void)
{
	struct rusage self, kids;

	getrusage(RUSAGE_SELF, &self);
	getrusage(RUSAGE_CHILDREN, &kids);
	return (self.ru_utime.tv_sec + self.ru_stime.tv_sec + kids.ru_utime.tv_sec +
		kids.ru_stime.tv_sec) * 1e3 +
	       (self.ru_utime.tv_usec + self.ru_stime.tv_usec + kids.ru_utime.tv_usec +
		kids.ru_stime.tv_usec) / 1e3;
}

/* A mark: wall and CPU time. */
struct mark {
	double wall, cpu;
};

static struct mark
mark(void)
{
	return (struct mark){ now_ms(), cpu_ms() };
}

static void report(const char *name, double v, const char *unit, double target);

/* The wall time from a to b (and, beside it, the CPU time). */
static void
span(const char *name, struct mark a, struct mark b, double target)
{
	printf("bench: %s.cpu %.1f ms\n", name, b.cpu - a.cpu);
	report(name, b.wall - a.wall, "ms", target);
}

static void
report(const char *name, double v, const char *unit, double target)
{
	bool ok = target <= 0 || v <= target;

	if (target > 0)
		printf("bench: %s %.1f %s target %.0f %s\n", name, v, unit, target,
		       ok ? "PASS" : "FAIL");
	else
		printf("bench: %s %.1f %s\n", name, v, unit);
	if (!ok && !smoke)
		failed++;
	fflush(stdout);
}

static void
die(const char *what)
{
	fprintf(stderr, "kith-team-bench: %s: %s\n", what, err);
	exit(2);
}

static void
sh(const char *cmd)
{
	if (system(cmd) != 0) {
		fprintf(stderr, "kith-team-bench: %s failed\n", cmd);
		exit(2);
	}
}

/* 1,000 entries of another replica, as one commit (setting up, not measured). */
static void
remote_entries(const char *dir, const char *dba, int n)
{
	const struct sodium_lib *so = sodium_lib(NULL);
	unsigned char key[TEAM_KEYBYTES];
	char path[8192], cmd[9000];
	FILE *f;

	snprintf(path, sizeof path, "%s.team/key", dba);
	if (!(f = fopen(path, "rb")) || fread(key, 1, sizeof key, f) != sizeof key)
		die("the key");
	fclose(f);
	snprintf(path, sizeof path, "%s.team/repo/log", dba);
	mkdir(path, 0700);
	for (int i = 1; i <= n; i++) {
		struct team_entry e = { .seq = i, .replica = 17, .schema = 18, .time = i };
		unsigned char data[300], *box;
		size_t boxn;

		strcpy(e.author, "Ana Lima");
		for (size_t k = 0; k < sizeof data; k++)
			data[k] = (unsigned char)(k * 7 + i);
		if (tl_seal(so, key, TL_ENTRY, i, &e, data, sizeof data, &box, &boxn, err,
			    sizeof err) != TEAM_OK)
			die("seal");
		snprintf(path, sizeof path, "%s.team/repo/log/%012d", dba, i);
		if (!(f = fopen(path, "wb")) || fwrite(box, 1, boxn, f) != boxn)
			die(path);
		fclose(f);
		free(box);
	}
	snprintf(cmd, sizeof cmd, "cd '%s.team/repo' && git add log && "
		 "git -c user.name=kith -c user.email=kith@invalid commit -qm entries && "
		 "git push -q origin HEAD:refs/heads/log", dba);
	(void)dir;
	sh(cmd);
}

static void
bench_sync(const char *dir)
{
	char dba[4200], dbb[4200], code[128];
	struct team *b;
	unsigned char *local;
	struct mark t0, t1, t2, t3;
	int n = smoke ? 100 : 1000;
	size_t llen = (size_t)n * 300;

	snprintf(dba, sizeof dba, "%s/a.db", dir);
	snprintf(dbb, sizeof dbb, "%s/b.db", dir);
	{
		char remote[4300];
		snprintf(remote, sizeof remote, "%s/remote.git", dir);
		if (team_create(dba, remote, err, sizeof err) != TEAM_OK)
			die("create");
		if (team_code(dba, code, sizeof code, err, sizeof err) != TEAM_OK)
			die("code");
		if (team_attach(dbb, remote, code, err, sizeof err) != TEAM_OK)
			die("attach");
	}
	remote_entries(dir, dba, n);
	local = malloc(llen);
	for (size_t k = 0; k < llen; k++)
		local[k] = (unsigned char)(k * 13);

	t0 = mark();
	if (team_open(dbb, &b, err, sizeof err) != TEAM_OK || team_lock(b, err, sizeof err))
		die("open");
	if (team_fetch(b, err, sizeof err) != TEAM_OK)
		die("fetch");
	t1 = mark();
	if (team_head(b) != n)
		die("head");
	for (int64_t s = 1; s <= n; s++) {
		struct team_entry e;
		if (team_read(b, s, &e, err, sizeof err) != TEAM_OK)
			die("read");
		team_entry_free(&e);
	}
	t2 = mark();
	{
		struct team_entry e = { .replica = 5, .schema = 18, .data = local, .len = llen };
		strcpy(e.author, "Ben Okafor");
		if (team_append(b, &e, NULL, err, sizeof err) != TEAM_OK)
			die("append");
	}
	t3 = mark();
	team_close(b);
	free(local);
	{
		char name[96];
		snprintf(name, sizeof name, "team.sync.fetch-%d", n);
		span(name, t0, t1, 0);
		snprintf(name, sizeof name, "team.sync.read-%d", n);
		span(name, t1, t2, 0);
		snprintf(name, sizeof name, "team.sync.append-%d-changes", n);
		span(name, t2, t3, 0);
		snprintf(name, sizeof name, "team.sync.transport-%dx%d", n, n);
		span(name, t0, t3, 1000);
	}
}

/* The state of DB's tables as one changeset against an empty kith database. */
static void *
city_changeset(const char *db, const char *empty, int *n)
{
	sqlite3 *h;
	sqlite3_session *s;
	sqlite3_stmt *st;
	void *cs = NULL;
	char sql[8300];

	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		die("open the city");
	snprintf(sql, sizeof sql, "ATTACH '%s' AS empty", empty);
	if (sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3session_create(h, "main", &s) != SQLITE_OK)
		die("session");
	/* every ordinary table; FTS5's virtual tables and their shadows left out */
	sqlite3_prepare_v2(h, "SELECT name FROM main.sqlite_schema t WHERE type = 'table' "
			   "AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' "
			   "AND NOT EXISTS (SELECT 1 FROM main.sqlite_schema v WHERE v.sql LIKE "
			   "'CREATE VIRTUAL%' AND t.name LIKE v.name || '\\_%' ESCAPE '\\')",
			   -1, &st, NULL);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		char *e = NULL;

		if (sqlite3session_attach(s, t) != SQLITE_OK ||
		    sqlite3session_diff(s, "empty", t, &e) != SQLITE_OK) {
			fprintf(stderr, "kith-team-bench: table %s: %s\n", t, e ? e : "?");
			sqlite3_free(e);
			exit(2);
		}
	}
	sqlite3_finalize(st);
	if (sqlite3session_changeset(s, n, &cs) != SQLITE_OK)
		die("changeset");
	sqlite3session_delete(s);
	sqlite3_close(h);
	return cs;
}

static int
on_conflict(void *ud, int kind, sqlite3_changeset_iter *it)
{
	(void)ud;
	(void)kind;
	(void)it;
	return SQLITE_CHANGESET_OMIT;
}

/*
** A join's apply is stopped after this long: the figure fails either way,
** and a city's changeset snapshot can take minutes to apply, which would
** hold every `make bench` up that long.
*/
#define APPLY_CAP_MS 60000.0

static int
apply_cap(void *ud)
{
	return now_ms() - *(const double *)ud > APPLY_CAP_MS;
}

static void
bench_join(const char *dir, const char *city)
{
	char empty[4200], fresh[4200], dba[4200], dbc[4200], code[128];
	struct kdb *k;
	struct kith_err ke;
	struct team *a, *c;
	unsigned char *snap;
	size_t len;
	int64_t upto;
	void *cs;
	int n;
	struct mark t0, t1, t2, t3, t4;

	snprintf(empty, sizeof empty, "%s/empty.db", dir);
	snprintf(fresh, sizeof fresh, "%s/joined.db", dir);
	snprintf(dba, sizeof dba, "%s/a.db", dir);
	snprintf(dbc, sizeof dbc, "%s/c.db", dir);
	if (kdb_open(empty, KDB_CREATE, &k, &ke) != KITH_OK)
		die("empty database");
	kdb_close(k);
	t0 = mark();
	cs = city_changeset(city, empty, &n);
	t1 = mark();
	report("team.snapshot.size", n / 1048576.0, "MB", 0);
	span("team.snapshot.make", t0, t1, 0);
	if (team_open(dba, &a, err, sizeof err) != TEAM_OK || team_lock(a, err, sizeof err) ||
	    team_fetch(a, err, sizeof err))
		die("open a");
	t0 = mark();
	if (team_snapshot_put(a, team_head(a), cs, (size_t)n, err, sizeof err) != TEAM_OK)
		die("snapshot put");
	t1 = mark();
	team_close(a);
	sqlite3_free(cs);
	span("team.snapshot.put", t0, t1, 0);

	if (team_code(dba, code, sizeof code, err, sizeof err) != TEAM_OK)
		die("code");
	t0 = mark();
	{
		char remote[4300];
		snprintf(remote, sizeof remote, "%s/remote.git", dir);
		if (team_attach(dbc, remote, code, err, sizeof err) != TEAM_OK)
			die("attach");
	}
	t1 = mark();
	if (team_open(dbc, &c, err, sizeof err) != TEAM_OK ||
	    team_snapshot_get(c, &upto, &snap, &len, err, sizeof err) != TEAM_OK)
		die("snapshot get");
	t2 = mark();
	team_close(c);
	/* printed now: applying a city's snapshot takes long */
	span("team.join.clone", t0, t1, 0);
	span("team.join.read-snapshot", t1, t2, 0);
	{
		sqlite3 *h;
		if (kdb_open(fresh, KDB_CREATE, &k, &ke) != KITH_OK)
			die("new database");
		kdb_close(k);
		int rc;

		t3 = mark();
		if (sqlite3_open_v2(fresh, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
		    sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
			die("apply");
		sqlite3_progress_handler(h, 100000, apply_cap, &t3.wall);
		rc = sqlite3changeset_apply(h, (int)len, snap, NULL, on_conflict, NULL);
		sqlite3_progress_handler(h, 0, NULL, NULL);
		t4 = mark();
		if (rc != SQLITE_OK && t4.wall - t3.wall > APPLY_CAP_MS) {
			printf("bench: team.join.apply-snapshot stopped after %.0f s, not finished\n",
			       APPLY_CAP_MS / 1000);
			sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
		} else if (rc != SQLITE_OK || sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
			snprintf(err, sizeof err, "%s", sqlite3_errmsg(h));
			die("apply");
		}
		sqlite3_close(h);
	}
	free(snap);
	span("team.join.apply-snapshot", t3, t4, 0);
	printf("bench: team.join.total.cpu %.1f ms\n", (t2.cpu - t0.cpu) + (t4.cpu - t3.cpu));
	report("team.join.total", (t2.wall - t0.wall) + (t4.wall - t3.wall), "ms", 15000);
}

int
main(int argc, char **argv)
{
	const char *db = NULL, *base = getenv("TMPDIR");
	char dir[4096], cmd[4300];

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--smoke"))
			smoke = 1;
		else if (argv[i][0] != '-' && !db)
			db = argv[i];
		else
			db = NULL, i = argc;
	}
	if (!db) {
		fprintf(stderr, "usage: kith-team-bench DB [--smoke]\n");
		return 2;
	}
	snprintf(dir, sizeof dir, "%s/kith-team-bench-XXXXXX", base ? base : "/tmp");
	if (!mkdtemp(dir))
		die("mkdtemp");
	snprintf(cmd, sizeof cmd, "git init -q --bare '%s/remote.git'", dir);
	sh(cmd);
	bench_sync(dir);
	bench_join(dir, db);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	sh(cmd);
	printf("%d failed\n", failed);
	return failed ? 1 : 0;
}
