/*
 * kith-bench: speed and memory of kith at city scale (issue 4).
 *
 *	kith-bench DB [--kith PATH] [--reps N] [--smoke] [--io] [--goals] [--health] [--today]
 *
 * Headless, through the real engine and data layer (no terminal I/O):
 * open to the first computed frame per pane, and per-key latency of
 * scripted sequences per pane (p50, p99, max; a percentile or maximum is
 * gated as the median of five stretches of the run: report_rounds). Whole
 * processes: wall time
 * and peak RSS (getrusage of the child) of CLI commands, and of the
 * interactive planner in a pseudo-terminal after visiting every pane, with
 * the time it takes to quit. Importing 100,000 generated vCards into an
 * empty database and exporting them again, beside abook doing the same;
 * importing 100,000 events and 100,000 to-dos, beside a bare SQLite loop
 * (medians of five runs, with the ratio to the reference: issue 14).
 *
 * Output: one line per metric,
 *	bench: NAME VALUE UNIT target TARGET PASS|FAIL
 * and a closing "N passed, N failed". Exit status 1 if any metric fails.
 * --smoke prints the same figures but never fails (CI machines are noisy).
 * --io measures only the imports and exports (tests/bench/run.sh BUILD --io);
 * --health only `kith health` and the review queue (issue 18: the review's
 * reciprocity term and the health report, at city scale); --today the
 * goals, the review queue with their term on, and `kith today` and `kith
 * concerns` as processes (issue 16: the review no slower with issue 18's
 * terms on).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sqlite3.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "kith/review.h"
#include <time.h>
#include <unistd.h>

#include "kith/capture.h"
#include "kith/contact.h"
#include "kith/date.h"
#include "kith/db.h"
#include "kith/duplicate.h"
#include "kith/engine.h"
#include "kith/goal.h"
#include "kith/query.h"
#include "kith/query_db.h"
#include "kith/warmpath.h"

static int reps = 20;
static int smoke;
static int io_only;          /* --io: only the import and export figures */
static int goals_only;       /* --goals: only the goals' progress and the review with them */
static int health_only;      /* --health: only kith health and the review */
static int today_only;       /* --today: the goals, the review, kith today and concerns */
static int passed, failed;
static const char *kith_bin = "build/kith";
static const char *db_path;

static double
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
report(const char *name, double value, const char *unit, double target)
{
	int ok = value <= target;
	printf("bench: %s %.3f %s target %g %s\n", name, value, unit, target,
	       ok ? "PASS" : "FAIL");
	fflush(stdout);
	if (ok || smoke)
		passed++;
	else
		failed++;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Percentile p (0..100) of n sorted samples. */
static double
pct(const double *s, int n, double p)
{
	int i;
	if (n == 0)
		return 0;
	i = (int)(p / 100.0 * (n - 1) + 0.5);
	return s[i < n ? i : n - 1];
}

/* ---- samples ---------------------------------------------------------- */

struct samples {
	double *v;
	int n, cap;
};

static void
sample_add(struct samples *s, double v)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->v = realloc(s->v, s->cap * sizeof *s->v);
		if (!s->v) {
			perror("kith-bench");
			exit(2);
		}
	}
	s->v[s->n++] = v;
}

/*
** Percentile p (100: the max) of n samples taken in order, gated as the
** median of ROUNDS: the samples cut into ROUNDS stretches of the run's
** time, each one's figure printed, the middle one reported against target.
** A burst of the machine's own work (another process, a page of the disk
** cache) spoils one stretch, not the figure, as the timed figures' medians
** of five runs do (issue 14); a kith that is slow is slow in every one.
*/
enum { ROUNDS = 5 };

static void
report_rounds(const char *name, const double *v, int n, double p, double target)
{
	double fig[ROUNDS], *part = malloc((n ? n : 1) * sizeof *part);
	int rounds = n >= ROUNDS ? ROUNDS : 1;

	if (!part) {
		perror("kith-bench");
		exit(2);
	}
	printf("bench: %s.rounds", name);
	for (int r = 0; r < rounds; r++) {
		int from = r * n / rounds, to = (r + 1) * n / rounds;
		memcpy(part, v + from, (size_t)(to - from) * sizeof *part);
		qsort(part, to - from, sizeof *part, cmp_double);
		fig[r] = p >= 100 ? (to > from ? part[to - from - 1] : 0) : pct(part, to - from, p);
		printf(" %.3f", fig[r]);
	}
	printf(" ms\n");
	qsort(fig, rounds, sizeof fig[0], cmp_double);
	report(name, fig[rounds / 2], "ms", target);
	free(part);
}

static void
sample_report(struct samples *s, const char *name, double p99_target, double max_target)
{
	char buf[128];

	snprintf(buf, sizeof buf, "%s.p99", name);
	report_rounds(buf, s->v, s->n, 99, p99_target);
	snprintf(buf, sizeof buf, "%s.max", name);
	report_rounds(buf, s->v, s->n, 100, max_target);
	qsort(s->v, s->n, sizeof *s->v, cmp_double);
	snprintf(buf, sizeof buf, "%s.p50", name);
	printf("bench: %s %.3f ms (n=%d)\n", buf, pct(s->v, s->n, 50), s->n);
	free(s->v);
	memset(s, 0, sizeof *s);
}

/* ---- headless engine -------------------------------------------------- */

static const char *pane_keys[4] = { "1", "2", "3", "4" };
static const char *pane_names[4] = { "contacts", "events", "map", "followups" };

static struct engine *
engine_open(struct kdb **dbp)
{
	struct kith_err err;
	struct engine *e = NULL;

	if (kdb_open(db_path, 0, dbp, &err) != KITH_OK) {
		fprintf(stderr, "kith-bench: %s: %s\n", db_path, err.msg);
		exit(2);
	}
	if (engine_new(*dbp, db_path, &e, &err) != KITH_OK) {
		fprintf(stderr, "kith-bench: engine: %s\n", err.msg);
		exit(2);
	}
	engine_layout(e, 40, 40, true);
	return e;
}

static void
bench_first_frame(void)
{
	for (int p = 0; p < 4; p++) {
		struct samples s = { 0 };
		char name[64];
		for (int r = 0; r < reps; r++) {
			struct kdb *db;
			double t0 = now_ms();
			struct engine *e = engine_open(&db);
			engine_keys(e, pane_keys[p]);
			(void)engine_view(e);
			sample_add(&s, now_ms() - t0);
			engine_free(e);
			kdb_close(db);
		}
		snprintf(name, sizeof name, "first-frame.%s.max", pane_names[p]);
		report_rounds(name, s.v, s.n, 100, 20);
		free(s.v);
	}
}

/* Time one key (or key sequence) including computing the frame. */
static void
timed_keys(struct engine *e, struct samples *s, const char *keys)
{
	double t0 = now_ms();
	engine_keys(e, keys);
	(void)engine_view(e);
	sample_add(s, now_ms() - t0);
}

/*
 * The daily review's queue built from scratch (the r key and kith today
 * both do it), then the review's keys: next person (n), explain (?).
 */
static void
bench_review(void)
{
	struct samples s = { 0 }, k = { 0 };
	struct kdb *db;
	struct engine *e = engine_open(&db);
	struct review_params p;
	int items = 0;

	engine_review_params(e, &p);
	for (int r = 0; r < reps; r++) {
		struct review_queue q;
		struct kith_err err;
		double t0 = now_ms();
		if (review_queue_build(db, &p, &q, &err) != KITH_OK) {
			fprintf(stderr, "kith-bench: review: %s\n", err.msg);
			exit(2);
		}
		sample_add(&s, now_ms() - t0);
		items = q.total;
		review_queue_free(&q);
	}
	printf("bench: review.queue.candidates %d items\n", items);
	report_rounds("review.queue.max", s.v, s.n, 100, 50);
	/* keys inside the review: explain, hide, skip to the next card */
	for (int r = 0; r < reps; r++) {
		engine_keys(e, "r");
		(void)engine_view(e);
		timed_keys(e, &k, "?");
		timed_keys(e, &k, "?");
		timed_keys(e, &k, "n");
		engine_keys(e, "q");
	}
	sample_report(&k, "key.review", 2, 10);
	free(s.v);
	engine_free(e);
	kdb_close(db);
}

static void
bench_keys(void)
{
	for (int p = 0; p < 4; p++) {
		struct kdb *db;
		struct engine *e = engine_open(&db);
		struct samples s = { 0 }, search = { 0 };
		char name[64];

		engine_keys(e, pane_keys[p]);
		(void)engine_view(e);
		for (int r = 0; r < reps; r++) {
			for (int i = 0; i < 30; i++)
				timed_keys(e, &s, "j");
			for (int i = 0; i < 10; i++)
				timed_keys(e, &s, "<PgDn>");
			timed_keys(e, &s, "G");
			timed_keys(e, &s, "k");
			timed_keys(e, &s, "<PgUp>");
			timed_keys(e, &s, "gg");
			if (p == 2) {
				/* the grid: move the cell cursor around */
				timed_keys(e, &s, "l");
				timed_keys(e, &s, "j");
				timed_keys(e, &s, "h");
			} else {
				double t0 = now_ms();
				engine_command(e, "sort-next");
				(void)engine_view(e);
				sample_add(&s, now_ms() - t0);
			}
			timed_keys(e, &s, "<Enter>");
			timed_keys(e, &s, "<Esc>");
			timed_keys(e, &s, "<Tab>");
			timed_keys(e, &s, pane_keys[p]);
			if (p != 2) {
				timed_keys(e, &search, "/");
				for (const char *c = "marisa"; *c; c++) {
					char k[2] = { *c, 0 };
					timed_keys(e, &search, k);
				}
				timed_keys(e, &search, "<Esc>");
			}
		}
		snprintf(name, sizeof name, "key.%s", pane_names[p]);
		sample_report(&s, name, 2, 10);
		if (search.n) {
			snprintf(name, sizeof name, "search-key.%s.max", pane_names[p]);
			report_rounds(name, search.v, search.n, 100, 5);
			free(search.v);
		}
		engine_free(e);
		kdb_close(db);
	}
}

/* Undo after a real change: done a follow-up, then undo and redo it. */
static void
bench_undo(void)
{
	struct kdb *db;
	struct engine *e = engine_open(&db);
	struct samples s = { 0 };

	engine_keys(e, "4");
	for (int r = 0; r < reps; r++) {
		engine_keys(e, "x");
		timed_keys(e, &s, "u");
	}
	sample_report(&s, "key.undo", 2, 10);
	engine_free(e);
	kdb_close(db);
}

/* ---- quick capture (issue 5) ---------------------------------------------------- */

/*
** A capture line naming two existing people by full name, with a tag and a
** follow-up: parsed, every mention resolved through the indexes, and
** committed in one transaction, as `kith capture` does. An ambiguous name
** (a generated city has namesakes) takes its most recent candidate, so the
** whole path is timed. Also the lookup of a short, very ambiguous mention.
*/
static void
bench_capture(void)
{
	struct kdb *db;
	struct kith_err err;
	struct kith_contact a = { 0 }, b = { 0 };
	struct samples s = { 0 }, m = { 0 };
	char line[512], at[KDATETIME_STR];

	if (kdb_open(db_path, 0, &db, &err) != KITH_OK ||
	    contact_get(db, 1, &a, &err) != KITH_OK || contact_get(db, 2, &b, &err) != KITH_OK) {
		fprintf(stderr, "kith-bench: capture: %s\n", err.msg);
		exit(2);
	}
	snprintf(line, sizeof line, "@\"%s\" @\"%s\" coffee about zoning #bench !fri send the draft",
		 a.display_name, b.display_name);
	kdatetime_format(kdate_now(), at);
	for (int r = 0; r < reps; r++) {
		struct capture c;
		struct capture_saved saved;
		int64_t ids[8] = { 0 };
		double t0 = now_ms();
		int ok = capture_parse(line, strlen(line), kdate_today(), &c, &err) == KITH_OK;
		for (size_t i = 0; ok && i < capture_n_persons(&c) && i < 8; i++) {
			struct capture_match cm;
			ok = capture_match_person(db, capture_person(&c, i)->name, &cm, &err) == KITH_OK &&
			     cm.n_cands > 0;
			if (ok)
				ids[i] = cm.cands[0].id;
			capture_match_free(&cm);
		}
		ok = ok && capture_commit(db, &c, ids, NULL, 0, at, &saved, &err) == KITH_OK;
		if (!ok) {
			fprintf(stderr, "kith-bench: capture: %s\n", err.msg);
			exit(2);
		}
		sample_add(&s, now_ms() - t0);
		capture_saved_free(&saved);
		capture_free(&c);
		t0 = now_ms();
		{
			struct capture_match cm;
			if (capture_match_person(db, r % 2 ? "an" : "tr", &cm, &err) != KITH_OK) {
				fprintf(stderr, "kith-bench: capture: %s\n", err.msg);
				exit(2);
			}
			capture_match_free(&cm);
		}
		sample_add(&m, now_ms() - t0);
	}
	qsort(s.v, s.n, sizeof *s.v, cmp_double);
	report("capture.commit", pct(s.v, s.n, 50), "ms", 5);
	printf("bench: capture.commit.max %.3f ms (n=%d)\n", s.v[s.n - 1], s.n);
	qsort(m.v, m.n, sizeof *m.v, cmp_double);
	report("capture.match-short", pct(m.v, m.n, 50), "ms", 5);
	free(s.v);
	free(m.v);
	contact_free(&a);
	contact_free(&b);
	kdb_close(db);
}

/* ---- whole processes ---------------------------------------------------- */

/*
** Run a whole process (its output to /dev/null; argv[0] a path, or a name
** looked up in PATH) and wait: its wall time and resource use. Returns
** whether it exited 0, and says so on stderr when it did not.
*/
static bool
spawn_wait(char *const argv[], double *ms, struct rusage *ru)
{
	int status, devnull;
	double t0 = now_ms();
	pid_t pid = fork();

	if (pid < 0) {
		perror("fork");
		exit(2);
	}
	if (pid == 0) {
		devnull = open("/dev/null", O_WRONLY);
		dup2(devnull, 1);
		dup2(devnull, 2);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (wait4(pid, &status, 0, ru) < 0) {
		perror("wait4");
		exit(2);
	}
	*ms = now_ms() - t0;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "kith-bench:");
		for (int i = 0; argv[i]; i++)
			fprintf(stderr, " %s", argv[i]);
		fprintf(stderr, ": exit status %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		return false;
	}
	return true;
}

static void
run_child(char *const argv[], double *ms, long *rss_kb)
{
	struct rusage ru;

	spawn_wait(argv, ms, &ru);
	*rss_kb = ru.ru_maxrss;
}

static void
bench_process(const char *name, char *const argv[], double target_ms)
{
	struct samples s = { 0 };
	long rss = 0, maxrss = 0;
	char buf[96];

	for (int r = 0; r < reps; r++) {
		double ms;
		run_child(argv, &ms, &rss);
		sample_add(&s, ms);
		if (rss > maxrss)
			maxrss = rss;
	}
	qsort(s.v, s.n, sizeof *s.v, cmp_double);
	snprintf(buf, sizeof buf, "process.%s.p50", name);
	report(buf, pct(s.v, s.n, 50), "ms", target_ms);
	printf("bench: process.%s.max %.3f ms\n", name, s.v[s.n - 1]);
	printf("bench: process.%s.rss %.1f MB\n", name, maxrss / 1024.0);
	free(s.v);
}

/* kith today (the review queue, issue 16) and kith concerns (issue 18) as processes. */
static void
bench_today(void)
{
	char *today[] = { (char *)kith_bin, "-d", (char *)db_path, "today", NULL };
	char *concerns[] = { (char *)kith_bin, "-d", (char *)db_path, "concerns", NULL };

	bench_process("today", today, 50);
	bench_process("concerns", concerns, 50);
}

/* ---- medians beside an in-run reference (issue 14) ------------------------------ */

/*
** This machine's speed swings by a third from one minute to the next, and
** it is shared: a timed figure is the median of RUNS runs (noise can only
** lengthen a run, and the median ignores the two worst), printed with each
** run and beside a reference timed in the same run, interleaved with it
** (abook on the same file, or a bare SQLite loop), so that a slow machine
** shows as a slow reference and a slow kith as a large ratio.
*/
enum { RUNS = 5 };

struct timed {
	double ms[RUNS], cpu[RUNS];  /* wall and CPU (user + system) of each run */
	int n;
	long rss_kb;                 /* the largest */
};

/* Run a whole process once into t; false if it failed (the message is printed). */
static bool
timed_child(struct timed *t, char *const argv[])
{
	struct rusage ru;
	double ms;
	bool ok = spawn_wait(argv, &ms, &ru);

	if (t->n < RUNS) {
		t->ms[t->n] = ms;
		t->cpu[t->n] = ru.ru_utime.tv_sec * 1e3 + ru.ru_utime.tv_usec / 1e3 +
			       ru.ru_stime.tv_sec * 1e3 + ru.ru_stime.tv_usec / 1e3;
		t->n++;
	}
	if (ru.ru_maxrss > t->rss_kb)
		t->rss_kb = ru.ru_maxrss;
	return ok;
}

static double
median_of(const double *v, int n)
{
	double s[RUNS];

	if (n <= 0)
		return 0;
	memcpy(s, v, n * sizeof *s);
	qsort(s, n, sizeof *s, cmp_double);
	return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/* "NAME.runs a b c d e ms (CPU x y ...)" and the medians. */
static void
timed_print(const struct timed *t, const char *name)
{
	printf("bench: %s.runs", name);
	for (int i = 0; i < t->n; i++)
		printf(" %.0f", t->ms[i]);
	printf(" ms (CPU");
	for (int i = 0; i < t->n; i++)
		printf(" %.0f", t->cpu[i]);
	printf(" ms)\n");
	printf("bench: %s.cpu.median %.0f ms\n", name, median_of(t->cpu, t->n));
}

/*
** The gates of one figure: its median against `target_ms` (for the full
** size), and against the reference's median when there is one (a ratio
** target; 0 prints the ratio without a gate).
*/
static void
timed_report(const char *name, const struct timed *t, double target_ms, const char *ref_name,
	     const struct timed *ref, double ratio_target)
{
	char buf[96];
	double m = median_of(t->ms, t->n);

	timed_print(t, name);
	if (ref && ref->n) {
		double r = median_of(ref->ms, ref->n);
		snprintf(buf, sizeof buf, "%s.reference.%s", name, ref_name);
		timed_print(ref, buf);
		printf("bench: %s.median %.0f ms\n", buf, r);
		snprintf(buf, sizeof buf, "%s.ratio-to-%s", name, ref_name);
		if (ratio_target > 0)
			report(buf, r > 0 ? m / r : 0, "x", ratio_target);
		else
			printf("bench: %s %.2f x (CPU %.2f x)\n", buf, r > 0 ? m / r : 0,
			       median_of(ref->cpu, ref->n) > 0 ?
			       median_of(t->cpu, t->n) / median_of(ref->cpu, ref->n) : 0);
	} else if (ref_name) {
		printf("bench: %s.reference.%s unavailable (not installed?)\n", name, ref_name);
	}
	snprintf(buf, sizeof buf, "%s.median", name);
	report(buf, m, "ms", target_ms);
	printf("bench: %s.rss %.1f MB\n", name, t->rss_kb / 1024.0);
}

/* Remove a database file and its -wal and -shm. */
static void
remove_db(const char *db)
{
	char tmp[80];

	unlink(db);
	snprintf(tmp, sizeof tmp, "%s-wal", db);
	unlink(tmp);
	snprintf(tmp, sizeof tmp, "%s-shm", db);
	unlink(tmp);
}

static bool
have_program(const char *name)
{
	char cmd[128];

	snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", name);
	return system(cmd) == 0;
}

/*
** The reference for the calendar: a bare SQLite loop in this process, one
** transaction into a new WAL database of `n` rows (a title and a start,
** two indexes: the rowid and the start), then a commit. What SQLite alone
** costs on this machine now, for as many rows as the import writes.
*/
static void
sqlite_loop(struct timed *t, const char *path, int n)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	struct rusage r0, r1;
	double t0;
	char title[64], start[20];

	remove_db(path);
	getrusage(RUSAGE_SELF, &r0);
	t0 = now_ms();
	if (sqlite3_open(path, &h) != SQLITE_OK ||
	    sqlite3_exec(h, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
			 "CREATE TABLE item (id INTEGER PRIMARY KEY, title TEXT NOT NULL,"
			 " start_at TEXT NOT NULL); CREATE INDEX item_by_start ON item(start_at);"
			 "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "INSERT INTO item(title, start_at) VALUES (?, ?)", -1, &st,
			       NULL) != SQLITE_OK) {
		fprintf(stderr, "kith-bench: %s: %s\n", path, sqlite3_errmsg(h));
		exit(2);
	}
	for (int i = 0; i < n; i++) {
		snprintf(title, sizeof title, "Meeting %d about ward %d", i, i % 9);
		snprintf(start, sizeof start, "20%02d-%02d-%02d %02d:00", 20 + i / 10000 % 8,
			 1 + i % 12, 1 + i % 28, 8 + i % 10);
		sqlite3_bind_text(st, 1, title, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, start, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			fprintf(stderr, "kith-bench: %s: %s\n", path, sqlite3_errmsg(h));
			exit(2);
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "kith-bench: %s: %s\n", path, sqlite3_errmsg(h));
		exit(2);
	}
	sqlite3_close(h);
	getrusage(RUSAGE_SELF, &r1);
	if (t->n < RUNS) {
		t->ms[t->n] = now_ms() - t0;
		t->cpu[t->n] = (r1.ru_utime.tv_sec - r0.ru_utime.tv_sec) * 1e3 +
			       (r1.ru_utime.tv_usec - r0.ru_utime.tv_usec) / 1e3 +
			       (r1.ru_stime.tv_sec - r0.ru_stime.tv_sec) * 1e3 +
			       (r1.ru_stime.tv_usec - r0.ru_stime.tv_usec) / 1e3;
		t->n++;
	}
	remove_db(path);
}

/* ---- import and export (issues 7 and 14) ------------------------------------------ */

static void
write_vcards(const char *path, int n)
{
	static const char *const orgs[] = { "City Council", "Planning Commission", "School Board",
		"Harbor Union", "Riverside Library", "Chamber of Commerce" };
	FILE *f = fopen(path, "w");

	if (!f) {
		perror(path);
		exit(2);
	}
	for (int i = 0; i < n; i++)
		fprintf(f, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Resident %d Example\r\n"
			"N:Example;Resident %d;;;\r\nEMAIL;TYPE=home:resident%d@example.org\r\n"
			"TEL;TYPE=cell:+1 555 %07d\r\nORG:%s %d\r\nTITLE:Member\r\n"
			"BDAY:19%02d-%02d-%02d\r\nNOTE:met at the %s fair\\, ward %d\r\n"
			"END:VCARD\r\n", i, i, i, i, orgs[i % 6], i % 500, 40 + i % 60,
			1 + i % 12, 1 + i % 28, i % 2 ? "spring" : "autumn", i % 9);
	if (fclose(f) != 0) {
		perror(path);
		exit(2);
	}
}

/*
** n appointments and n to-dos as calcurse 4.7 exports them (`calcurse
** --export`, no UIDs; the to-dos with a priority and no due date).
** calcurse itself is no reference: it loads an unsorted 100,000 in minutes.
*/
static void
write_calendar(const char *path, int n)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		perror(path);
		exit(2);
	}
	fprintf(f, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//calcurse//NONSGML v4.7.1//EN\r\n");
	for (int i = 0; i < n; i++)
		fprintf(f, "BEGIN:VEVENT\r\nDTSTART:20%02d%02d%02dT%02d0000\r\n"
			"DURATION:P0DT0H30M0S\r\nSUMMARY:Meeting %d about ward %d\r\nEND:VEVENT\r\n",
			20 + i / 10000 % 8, 1 + i % 12, 1 + i % 28, 8 + i % 10, i, i % 9);
	for (int i = 0; i < n; i++)
		fprintf(f, "BEGIN:VTODO\r\nPRIORITY:%d\r\nSUMMARY:Follow up item %d with ward %d\r\n"
			"END:VTODO\r\n", i % 10, i, i % 9);
	fprintf(f, "END:VCALENDAR\r\n");
	if (fclose(f) != 0) {
		perror(path);
		exit(2);
	}
}

/*
** Import a generated file of 100,000 vCards (1,000 with --smoke) into an
** empty database with the real binary, then export them all as vCards;
** abook converts the same file to its own format and back in the same run.
** Targets (issue 14): the import 1 s and within 5x of abook's, the export
** no slower than abook's. Then 100,000 events and 100,000 to-dos from one
** .ics into an empty database: 2 s, beside a bare SQLite loop writing as
** many rows. Medians of five runs. The files live in a temporary directory
** removed afterwards.
*/
static void
bench_io(void)
{
	int n = smoke ? 1000 : 100000, runs = smoke ? 1 : RUNS;
	double scale = n / 100000.0;
	char dir[] = "/tmp/kith-bench-io.XXXXXX", vcf[64], db[64], out[64], ab[64], abv[64],
	     ics[64], ref[64], name[64];
	struct timed imp = { 0 }, exp = { 0 }, ab_imp = { 0 }, ab_exp = { 0 }, cal = { 0 },
		     loop = { 0 };
	bool abook = have_program("abook");

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		exit(2);
	}
	snprintf(vcf, sizeof vcf, "%s/cards.vcf", dir);
	snprintf(db, sizeof db, "%s/io.db", dir);
	snprintf(out, sizeof out, "%s/out.vcf", dir);
	snprintf(ab, sizeof ab, "%s/cards.abook", dir);
	snprintf(abv, sizeof abv, "%s/abook.vcf", dir);
	snprintf(ics, sizeof ics, "%s/calendar.ics", dir);
	snprintf(ref, sizeof ref, "%s/loop.db", dir);
	write_vcards(vcf, n);
	write_calendar(ics, n);
	{
		char *k_imp[] = { (char *)kith_bin, "-d", db, "import", vcf, NULL };
		char *k_exp[] = { (char *)kith_bin, "-d", db, "export", "--format", "vcf", "-o", out,
				  NULL };
		char *a_imp[] = { "abook", "--convert", "--informat", "vcard", "--infile", vcf,
				  "--outformat", "abook", "--outfile", ab, NULL };
		char *a_exp[] = { "abook", "--convert", "--informat", "abook", "--infile", ab,
				  "--outformat", "vcard", "--outfile", abv, NULL };
		char *k_cal[] = { (char *)kith_bin, "-d", db, "import", ics, NULL };

		/* each kith import into a new database, each beside its reference */
		for (int r = 0; r < runs; r++) {
			remove_db(db);
			unlink(ab);     /* abook writes no file that is there already */
			unlink(abv);
			/* so kith writes a new file too, as abook does: replacing the last
			   run's 30 MB would free it inside the timed rename (8-19 ms on
			   this machine's disk), which abook never pays */
			unlink(out);
			timed_child(&imp, k_imp);
			if (abook && !timed_child(&ab_imp, a_imp))
				abook = false;
			timed_child(&exp, k_exp);
			if (abook && !timed_child(&ab_exp, a_exp))
				abook = false;
		}
		for (int r = 0; r < runs; r++) {
			remove_db(db);
			timed_child(&cal, k_cal);
			sqlite_loop(&loop, ref, 2 * n);
		}
	}
	snprintf(name, sizeof name, "import.vcard.%dk", n / 1000);
	timed_report(name, &imp, 1000 * scale, "abook", abook ? &ab_imp : NULL, 5);
	snprintf(name, sizeof name, "export.vcard.%dk", n / 1000);
	timed_report(name, &exp, 2000 * scale, "abook", abook ? &ab_exp : NULL, 1);
	snprintf(name, sizeof name, "import.ics.%dk+%dk", n / 1000, n / 1000);
	timed_report(name, &cal, 2000 * scale, "sqlite-loop", &loop, 0);
	unlink(vcf);
	unlink(out);
	unlink(ab);
	unlink(abv);
	unlink(ics);
	remove_db(db);
	rmdir(dir);
}

/* Read from fd until `want` appears in the output or timeout_ms passes. */
static int
pty_wait(int fd, const char *want, int timeout_ms)
{
	static char acc[1 << 16];
	static size_t n;
	double end = now_ms() + timeout_ms;

	while (now_ms() < end) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		if (poll(&p, 1, 50) > 0) {
			ssize_t k = read(fd, acc + n, sizeof acc - n - 1);
			if (k <= 0)
				return -1;
			n += (size_t)k;
			acc[n] = 0;
			if (want && strstr(acc, want)) {
				n = 0;
				return 0;
			}
			if (n > sizeof acc / 2) {
				memmove(acc, acc + n / 2, n - n / 2);
				n -= n / 2;
			}
		} else if (!want) {
			return 0;       /* quiet: the frame is drawn */
		}
	}
	return want ? -1 : 0;
}

static void
bench_interactive(void)
{
	struct samples quit = { 0 };
	long maxrss = 0;

	for (int r = 0; r < reps; r++) {
		struct winsize ws = { .ws_row = 40, .ws_col = 120 };
		struct rusage ru;
		int fd, status;
		double t0;
		pid_t pid = forkpty(&fd, NULL, NULL, &ws);

		if (pid < 0) {
			perror("forkpty");
			exit(2);
		}
		if (pid == 0) {
			setenv("TERM", "xterm-256color", 1);
			execl(kith_bin, kith_bin, "-d", db_path, (char *)NULL);
			_exit(127);
		}
		pty_wait(fd, NULL, 3000);
		for (int p = 1; p < 4; p++) {
			if (write(fd, pane_keys[p], 1) != 1)
				break;
			pty_wait(fd, NULL, 3000);
		}
		if (write(fd, "1", 1) != 1)
			break;
		pty_wait(fd, NULL, 3000);
		t0 = now_ms();
		if (write(fd, "q", 1) != 1)
			break;
		if (wait4(pid, &status, 0, &ru) < 0)
			break;
		sample_add(&quit, now_ms() - t0);
		if (ru.ru_maxrss > maxrss)
			maxrss = ru.ru_maxrss;
		close(fd);
	}
	if (quit.n) {
		qsort(quit.v, quit.n, sizeof *quit.v, cmp_double);
		report("interactive.quit.p50", pct(quit.v, quit.n, 50), "ms", 10);
		report("interactive.peak-rss", maxrss / 1024.0, "MB", 25);
	} else {
		report("interactive.quit.p50", 1e9, "ms", 10);
	}
	free(quit.v);
}

/* ---- power mapping (issue 6) -------------------------------------------- */

/*
** The grid of the first map (500 placements at city scale): reading its
** placements and computing the grid (":asof" with no date reloads the map
** pane alone, as it stands now), and one cell move.
*/
static void
bench_map_grid(void)
{
	struct kdb *db;
	struct engine *e = engine_open(&db);
	struct samples load = { 0 }, move = { 0 };
	const struct view *v;
	int placed = 0;

	engine_keys(e, "3");
	v = engine_view(e);
	for (int r = 0; r < 5; r++)
		for (int c = 0; c < 5; c++)
			placed += v->map.cells[r][c].nentries;
	printf("bench: map.grid.placements %d\n", placed);
	for (int r = 0; r < reps; r++) {
		double t0 = now_ms();
		engine_command(e, "asof");
		(void)engine_view(e);
		sample_add(&load, now_ms() - t0);
		timed_keys(e, &move, r % 2 ? "h" : "l");
	}
	report_rounds("map.grid.load.max", load.v, load.n, 100, 5);
	report_rounds("map.grid.key.max", move.v, move.n, 100, 5);
	free(load.v);
	free(move.v);
	engine_free(e);
	kdb_close(db);
}

/* Warm paths from me to contacts spread over the whole database. */
static void
bench_warm_paths(void)
{
	struct kdb *db;
	struct kith_err err;
	struct contact_query q = { 0 };
	struct samples s = { 0 };
	long long n = 0;
	int found = 0;

	if (kdb_open(db_path, 0, &db, &err) != KITH_OK || contact_count(db, &q, &n, &err)) {
		fprintf(stderr, "kith-bench: %s: %s\n", db_path, err.msg);
		exit(2);
	}
	for (long long k = 1; k <= 40 && n > 1; k++) {
		struct warm_query wq = { 0, 2 + (k * 7919) % (n - 1), 0, 0, 0 };
		struct warm_path *paths;
		int np = 0;
		double t0 = now_ms();
		if (warm_paths(db, &wq, &paths, &np, &err) != KITH_OK) {
			fprintf(stderr, "kith-bench: warm paths: %s\n", err.msg);
			exit(2);
		}
		sample_add(&s, now_ms() - t0);
		found += np > 0;
		warm_paths_free(paths, np);
	}
	printf("bench: path.warm.targets-reached %d of %d\n", found, s.n);
	sample_report(&s, "path.warm", 50, 50);
	kdb_close(db);
}


/* ---- the possible-duplicates pass (issue 14) --------------------------------------- */

/*
** The whole pass over every contact (kith duplicates, the :duplicates
** view), median of five runs, beside a bare SQLite scan of the contact
** table on its own connection in the same run (a reader can tell a slow
** machine from a slow pass by the ratio). Target: 1 s at 100,000 contacts.
*/
static void
bench_duplicates(void)
{
	struct kdb *db;
	struct kith_err err;
	struct dup_list l = { 0 };
	double pass[5], scan[5];
	sqlite3 *h;
	sqlite3_stmt *st;
	long long sum = 0;

	if (kdb_open(db_path, 0, &db, &err) != KITH_OK ||
	    sqlite3_open_v2(db_path, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "SELECT sum(length(display_name) + length(notes)) FROM contact",
			       -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "kith-bench: duplicates: cannot open %s\n", db_path);
		exit(2);
	}
	for (int r = 0; r < 5; r++) {
		double t0 = now_ms();
		if (duplicate_pairs(db, &l, &err) != KITH_OK) {
			fprintf(stderr, "kith-bench: duplicates: %s\n", err.msg);
			exit(2);
		}
		pass[r] = now_ms() - t0;
		t0 = now_ms();
		if (sqlite3_step(st) == SQLITE_ROW)
			sum += sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		scan[r] = now_ms() - t0;
	}
	qsort(pass, 5, sizeof pass[0], cmp_double);
	qsort(scan, 5, sizeof scan[0], cmp_double);
	printf("bench: duplicates.pairs %d (checksum %lld)\n", l.n, sum % 1000);
	printf("bench: duplicates.reference.scan.median %.3f ms (a bare SQLite scan of contact)\n",
	       scan[2]);
	printf("bench: duplicates.ratio %.1f (the pass / the scan)\n",
	       scan[2] > 0 ? pass[2] / scan[2] : 0);
	report("duplicates.pass.median", pass[2], "ms", 1000);
	dup_list_free(&l);
	sqlite3_finalize(st);
	sqlite3_close(h);
	kdb_close(db);
}

/* ---- goals (issue 18) ------------------------------------------------------------------ */

/*
** Twenty goals of the kinds a user sets (an organisation's people, a role
** in a kind of body, a map's people of a tier, a tag in a district), set
** 60 days ago: every goal's progress (kith goal list, the Goals view, the
** review's goal term), median of five runs, beside a bare SQLite
** reference in the same run: for the same number of people, the newest
** interaction of each by its index (what counting them must at least
** read). The goals stay for the review's figure after this one.
*/
static int
goal_seen(void *ud, const struct goal *g)
{
	int *n = ud;

	n[0] += g->count;
	n[1] += g->behind;
	return 0;
}

static void
bench_goals(void)
{
	static const char *const who[] = {
		"org:\"Hillcrest Elementary School\"", "kind:school role:president",
		"kind:government role:member tier:A", "map:\"Budget 2027\" tier:A",
		"tag:press district:\"District 3\" tier:B", "kind:media role:editor",
		"role:chair kind:union", "map:\"Bus route 12\" tier:A",
		"kind:campaign role:organiser tier:A", "tag:housing tier:A district:\"District 7\"",
		"kind:party role:president", "org:\"Westfield High School PTA\"",
		"tag:schools tier:A district:\"District 8\"", "kind:business role:captain tier:A",
		"kind:community role:secretary tier:A", "role:treasurer kind:association",
		"tag:labor tier:A district:\"District 6\"", "kind:government role:staff tier:B",
		"org:\"Cedar Heights Community College\"", "tag:zoning tier:A",
	};
	static const int how[] = { GOAL_MET, GOAL_TALKED, GOAL_INTRODUCED, GOAL_PLACED };
	struct kdb *db;
	struct kith_err err;
	char today[KDATE_STR], set_on[KDATE_STR], due[KDATE_STR];
	double run[5], ref[5];
	int seen[2] = { 0, 0 }, ngoals = 0;
	long long people = 0, sum = 0;
	sqlite3 *h;
	sqlite3_stmt *st;

	if (kdb_open(db_path, 0, &db, &err) != KITH_OK) {
		fprintf(stderr, "kith-bench: goals: %s\n", err.msg);
		exit(2);
	}
	kdate_format(kdate_today(), today);
	kdate_format(kdate_add_days(kdate_today(), -60), set_on);
	kdate_format(kdate_add_days(kdate_today(), 30), due);
	for (int i = 0; i < 20; i++) {
		struct goal g = { .title = "bench goal", .who = (char *)who[i], .how = how[i % 4],
				  .target = 5 };
		struct query q;
		long long n = 0;
		snprintf(g.due, sizeof g.due, "%s", due);
		/* a smaller database (the smoke run) may lack a named map or organisation */
		enum kith_status st = goal_add(db, &g, set_on, NULL, &err);
		if (st == KITH_NOTFOUND)
			continue;
		if (st != KITH_OK ||
		    query_parse(who[i], &q, &err) != KITH_OK || query_count(db, &q, &n, &err) != KITH_OK) {
			fprintf(stderr, "kith-bench: goals: %s: %s\n", who[i], err.msg);
			exit(2);
		}
		query_free(&q);
		people += n;
		ngoals++;
	}
	if (sqlite3_open_v2(db_path, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "SELECT (SELECT max(at) FROM interaction_contact "
			       "WHERE contact_id = c.id) FROM contact c WHERE c.id % 97 = 0 LIMIT ?1",
			       -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "kith-bench: goals: cannot open %s\n", db_path);
		exit(2);
	}
	for (int r = 0; r < 5; r++) {
		double t0 = now_ms();
		seen[0] = seen[1] = 0;
		if (goal_list(db, today, true, goal_seen, seen, &err) != KITH_OK) {
			fprintf(stderr, "kith-bench: goals: %s\n", err.msg);
			exit(2);
		}
		run[r] = now_ms() - t0;
		t0 = now_ms();
		sqlite3_bind_int64(st, 1, people);
		while (sqlite3_step(st) == SQLITE_ROW)
			sum += sqlite3_column_bytes(st, 0);
		sqlite3_reset(st);
		ref[r] = now_ms() - t0;
	}
	qsort(run, 5, sizeof run[0], cmp_double);
	qsort(ref, 5, sizeof ref[0], cmp_double);
	printf("bench: goals.people %lld selected by %d goals, %d counted, %d goals behind "
	       "(checksum %lld)\n", people, ngoals, seen[0], seen[1], sum % 1000);
	printf("bench: goals.reference.last-touch.median %.3f ms (a bare SQLite lookup of as "
	       "many people's last touch)\n", ref[2]);
	printf("bench: goals.ratio %.1f (the progress / the reference)\n",
	       ref[2] > 0 ? run[2] / ref[2] : 0);
	report("goals.progress.20.median", run[2], "ms", 20);
	sqlite3_finalize(st);
	sqlite3_close(h);
	kdb_close(db);
}

/* ---- the health report (issue 18) ------------------------------------------------ */

/*
** `kith health` as a whole process, median of five runs, beside a bare
** SQLite scan of the contacts with their last touch (the floor of the
** report's walk) on its own connection, interleaved in the same run.
** Target: 100 ms at 100,000 contacts.
*/
static void
bench_health(void)
{
	char *argv[] = { (char *)kith_bin, "-d", (char *)db_path, "health", NULL };
	struct timed t = { 0 }, ref = { 0 };
	sqlite3 *h;
	sqlite3_stmt *st;
	long long sum = 0;

	if (sqlite3_open_v2(db_path, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "SELECT count(*), sum(length(c.district) + length(s.last_at)) "
			       "FROM contact c LEFT JOIN contact_stat s ON s.contact_id = c.id "
			       "WHERE c.archived = 0", -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "kith-bench: health: cannot open %s\n", db_path);
		exit(2);
	}
	for (int r = 0; r < RUNS; r++) {
		double t0, c0;
		struct timespec cpu;

		if (!timed_child(&t, argv))
			exit(2);
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
		c0 = cpu.tv_sec * 1e3 + cpu.tv_nsec / 1e6;
		t0 = now_ms();
		if (sqlite3_step(st) == SQLITE_ROW)
			sum += sqlite3_column_int64(st, 1);
		sqlite3_reset(st);
		ref.ms[ref.n] = now_ms() - t0;
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
		ref.cpu[ref.n++] = cpu.tv_sec * 1e3 + cpu.tv_nsec / 1e6 - c0;
	}
	printf("bench: health.scan-checksum %lld\n", sum % 1000);
	timed_report("health.process", &t, 100, "sqlite-scan", &ref, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
}

int
main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--smoke"))
			smoke = 1;
		else if (!strcmp(argv[i], "--io"))
			io_only = 1;
		else if (!strcmp(argv[i], "--goals"))
			goals_only = 1;
		else if (!strcmp(argv[i], "--health"))
			health_only = 1;
		else if (!strcmp(argv[i], "--today"))
			today_only = 1;
		else if (!strcmp(argv[i], "--reps") && i + 1 < argc)
			reps = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--kith") && i + 1 < argc)
			kith_bin = argv[++i];
		else if (argv[i][0] != '-' && !db_path)
			db_path = argv[i];
		else {
			fprintf(stderr, "usage: kith-bench DB [--kith PATH] [--reps N] [--smoke] [--io] "
				"[--goals] [--health] [--today]\n");
			return 2;
		}
	}
	if (!db_path || reps < 1) {
		fprintf(stderr, "usage: kith-bench DB [--kith PATH] [--reps N] [--smoke] [--io] "
			"[--goals] [--health] [--today]\n");
		return 2;
	}
	setenv("NO_COLOR", "1", 0);
	if (health_only) {
		bench_review();
		bench_health();
		printf("%d passed, %d failed\n", passed, failed);
		return failed ? 1 : 0;
	}
	if (goals_only || today_only) {
		bench_goals();
		bench_review();
		if (today_only)
			bench_today();
		printf("%d passed, %d failed\n", passed, failed);
		return failed ? 1 : 0;
	}
	if (io_only) {
		bench_io();
		printf("%d passed, %d failed\n", passed, failed);
		return failed ? 1 : 0;
	}

	bench_first_frame();
	bench_keys();
	bench_undo();
	bench_goals();          /* before the review: its goal term is on */
	bench_review();
	bench_capture();
	bench_map_grid();
	bench_warm_paths();
	bench_duplicates();
	bench_health();
	{
		char *list[] = { (char *)kith_bin, "-d", (char *)db_path, "list", "contacts",
				 "--json", "--limit", "50", NULL };
		char *search[] = { (char *)kith_bin, "-d", (char *)db_path, "search", "marisa", NULL };
		char *add[] = { (char *)kith_bin, "-d", (char *)db_path, "add", "contact",
				"Bench Person", "--influence", "3", NULL };
		char *log[] = { (char *)kith_bin, "-d", (char *)db_path, "log", "#1",
				"bench: a short call", NULL };
		bench_process("list", list, 15);
		bench_process("search", search, 15);
		bench_process("add", add, 15);
		bench_process("log", log, 15);
		bench_today();
	}
	bench_interactive();
	bench_io();
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
