/*
 * kith-warmdump: the warm paths to the benchmark's targets, every path
 * spelled out, to check that a change to src/db/warmpath.c keeps its
 * results identical (diff two dumps), and what each target costs.
 *
 *	kith-warmdump DB [--hops N] [--k N] [--from ID] [--orgs N] [--reps N]
 *
 * The targets are those of `make bench` (bench_warm_paths in kith-bench.c):
 * 40 contacts spread over the database, then --orgs organisations (0 by
 * default). Paths go to stdout; to stderr, each target's CPU time in ms
 * (the least of --reps runs, process CPU time: another process on the
 * machine slows it less than it slows wall time) and their sum. Reasons
 * say "talked 9 days ago": compare dumps made with one KITH_TODAY.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kith/contact.h"
#include "kith/db.h"
#include "kith/warmpath.h"

#define NCONTACTS 40

static double
cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
dump(const struct warm_query *q, const struct warm_path *p, int n)
{
	printf("target %s %lld: %d paths\n", q->to_contact_id ? "contact" : "org",
	       (long long)(q->to_contact_id ? q->to_contact_id : q->to_org_id), n);
	for (int i = 0; i < n; i++) {
		printf("  %.12f %d:", p[i].score, p[i].nhops);
		for (int j = 0; j < p[i].nhops; j++) {
			const struct warm_hop *h = &p[i].hops[j];
			printf(" [#%lld org %lld %s link %d type %d strength %d '%s' '%s']",
			       (long long)h->contact_id, (long long)h->org_id, h->name, h->link,
			       h->rel_type, h->strength, h->last_at, h->reason);
		}
		printf("\n");
	}
}

static int
usage(void)
{
	fprintf(stderr, "usage: kith-warmdump DB [--hops N] [--k N] [--from ID] [--orgs N] "
		"[--reps N]\n");
	return 2;
}

int
main(int argc, char **argv)
{
	const char *path = NULL;
	int hops = 0, k = 0, orgs = 0, reps = 1;
	long long from = 0, n = 0;
	struct contact_query cq = { 0 };
	struct kith_err err;
	struct kdb *db;
	double total = 0;

	for (int i = 1; i < argc; i++) {
		if (i + 1 < argc && !strcmp(argv[i], "--hops"))
			hops = atoi(argv[++i]);
		else if (i + 1 < argc && !strcmp(argv[i], "--k"))
			k = atoi(argv[++i]);
		else if (i + 1 < argc && !strcmp(argv[i], "--from"))
			from = atoll(argv[++i]);
		else if (i + 1 < argc && !strcmp(argv[i], "--orgs"))
			orgs = atoi(argv[++i]);
		else if (i + 1 < argc && !strcmp(argv[i], "--reps"))
			reps = atoi(argv[++i]);
		else if (argv[i][0] != '-' && !path)
			path = argv[i];
		else
			return usage();
	}
	if (!path || reps < 1 || orgs < 0)
		return usage();
	if (kdb_open(path, KDB_READONLY, &db, &err) != KITH_OK ||
	    contact_count(db, &cq, &n, &err) != KITH_OK) {
		fprintf(stderr, "kith-warmdump: %s: %s\n", path, err.msg);
		return 2;
	}
	for (long long t = 1; t <= NCONTACTS + orgs && n > 1; t++) {
		struct warm_query q = { from, 0, 0, k, hops };
		double best = 0;

		if (t <= NCONTACTS)
			q.to_contact_id = 2 + (t * 7919) % (n - 1);    /* as kith-bench */
		else
			q.to_org_id = 1 + ((t - NCONTACTS) * 997) % 10000;
		for (int r = 0; r < reps; r++) {
			struct warm_path *p;
			int np = 0;
			double t0 = cpu_ms(), ms;

			if (warm_paths(db, &q, &p, &np, &err) != KITH_OK) {
				fprintf(stderr, "kith-warmdump: target %lld: %s\n", t, err.msg);
				kdb_close(db);
				return 1;
			}
			ms = cpu_ms() - t0;
			if (r == 0 || ms < best)
				best = ms;
			if (r == 0)
				dump(&q, p, np);
			warm_paths_free(p, np);
		}
		fprintf(stderr, "target %lld: %.2f ms\n", t, best);
		total += best;
	}
	fprintf(stderr, "total %.1f ms\n", total);
	kdb_close(db);
	return 0;
}
