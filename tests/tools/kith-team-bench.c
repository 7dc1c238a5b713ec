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
 * join: DB's snapshot (a copy of the database file, its local tables
 * emptied) is made and put as the seed of a new team (compressed, sealed
 * in chunks, pushed); a newcomer joins as kith team join does: a shallow
 * clone, the snapshot read back into a file, that file given the
 * newcomer's own rows and renamed over its database, the log's tail
 * synced. Each phase is printed.
 *
 * Output as kith-bench's: "bench: NAME VALUE UNIT target T PASS|FAIL",
 * with NAME.cpu beside each time: the CPU time of kith and of the gits it
 * ran (a shared machine's wall times wait for the other processes).
 * --smoke (make check, on a small database): 100 entries instead of 1,000,
 * and nothing fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "kith/db.h"
#include "kith/sync.h"
#include "kith/syncdb.h"
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

/* die, with what a kith call said */
static void
die_kith(const char *what, const struct kith_err *ke)
{
	snprintf(err, sizeof err, "%s", ke->msg);
	die(what);
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

/*
** A join at city scale, phase by phase as sync_run does it for kith team
** join: the snapshot made from the city's database (a copy, local tables
** emptied) and put (compressed, sealed in chunks, pushed); then a
** newcomer clones the log (shallow), reads the snapshot back into a file
** (decrypted, decompressed), takes it as its database, and syncs the tail.
*/
static void
bench_join(const char *dir, const char *city)
{
	char remote[4300], dba[4200], dbc[4200], file[4300], code[128];
	struct kdb *k, *c;
	struct kith_err ke = { 0 };
	struct sync_result res;
	struct team *a;
	int64_t upto = 0, n;
	uint64_t bytes, snap_bytes;
	struct mark t0, t1, t2, t3, t4, t5;

	snprintf(remote, sizeof remote, "%s/join.git", dir);
	snprintf(dba, sizeof dba, "%s/ja.db", dir);
	snprintf(dbc, sizeof dbc, "%s/jc.db", dir);
	snprintf(file, sizeof file, "%s/snapshot.db", dir);
	{
		char cmd[4400];
		snprintf(cmd, sizeof cmd, "git init -q --bare '%s'", remote);
		sh(cmd);
	}
	if (team_create(dba, remote, err, sizeof err) != TEAM_OK)
		die("create");
	if (kdb_open(city, 0, &k, &ke) != KITH_OK)
		die_kith("open the city", &ke);
	t0 = mark();
	if (kdb_snapshot_file(k, file, &upto, &ke) != KITH_OK)
		die_kith("snapshot", &ke);
	t1 = mark();
	kdb_close(k);
	span("team.snapshot.make", t0, t1, 0);
	if (team_open(dba, &a, err, sizeof err) != TEAM_OK || team_lock(a, err, sizeof err) ||
	    team_fetch(a, err, sizeof err))
		die("open a");
	t0 = mark();
	if (team_snapshot_put(a, 0, kdb_schema_version(), file, err, sizeof err) != TEAM_OK)
		die("snapshot put");
	t1 = mark();
	team_since_snapshot(a, &n, &bytes, &snap_bytes);
	team_close(a);
	unlink(file);
	report("team.snapshot.size", snap_bytes / 1048576.0, "MB", 0);
	span("team.snapshot.put", t0, t1, 0);

	if (team_code(dba, code, sizeof code, err, sizeof err) != TEAM_OK)
		die("code");
	if (kdb_open(dbc, KDB_CREATE, &c, &ke) != KITH_OK ||
	    kdb_replica_set(c, 99, "Cleo", &ke) != KITH_OK)
		die_kith("the newcomer's database", &ke);
	t0 = mark();
	if (team_attach(dbc, remote, code, err, sizeof err) != TEAM_OK)
		die("attach");
	t1 = mark();
	{
		char *got = NULL;
		if (sync_snapshot_fetch(dbc, &got, &upto, &ke) != KITH_OK || !got)
			die_kith("snapshot fetch", &ke);
		t2 = mark();
		if (kdb_snapshot_prepare(c, got, upto, &ke) != KITH_OK)
			die_kith("prepare", &ke);
		kdb_close(c);
		if (kdb_snapshot_install(got, dbc, &ke) != KITH_OK ||
		    kdb_open(dbc, 0, &c, &ke) != KITH_OK)
			die_kith("install", &ke);
		free(got);
	}
	t3 = mark();
	if (sync_run(c, dbc, &res, &ke) != KITH_OK)
		die_kith("sync the tail", &ke);
	t4 = mark();
	kdb_close(c);
	t5 = mark();
	span("team.join.clone", t0, t1, 0);
	span("team.join.read-snapshot", t1, t2, 0);
	span("team.join.install", t2, t3, 0);
	span("team.join.sync-tail", t3, t4, 0);
	span("team.join.total", t0, t5, 15000);
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
