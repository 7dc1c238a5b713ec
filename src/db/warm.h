/*
 * warm.h: what the files of the warm-path search share (internal to
 * src/db): the graph as far as it is loaded (warm_graph.c: nodes, links
 * and their weights), the search over it (warmpath.c) and the words that
 * explain a path (warm_words.c).
 */
#ifndef KITH_DB_WARM_H
#define KITH_DB_WARM_H

#include "ent.h"

#include <stdbool.h>
#include <stdint.h>

#include "kith/date.h"
#include "kith/idmap.h"
#include "kith/warmpath.h"

/* Enumeration steps before the search stops with the best found so far. */
#define WARM_STEP_CAP   2000000L
#define EPS             1e-12
/* At most this many of a contact's interactions of the last year are read. */
#define WARM_TOUCH_CAP  20000

struct wtouches;

struct wnode {
	int64_t key;                /* contact id; -org id for an organisation target */
	int dist_f, dist_b;         /* -1: not reached from that side */
	bool loaded, on_path;
	bool direct;                /* linked to the target (by any link, kept or not) */
	int tedge;                  /* its link to the target + 1; 0: none kept */
	double h;                   /* at most this much weight from here to the target */
	int *adj, nadj, cap;        /* edge indices */
	int stamp, stamp_edge;      /* merging parallel links while loading */
	int touches;                /* its interactions in c->tc + 1; 0: not read yet */
	unsigned char join;         /* in the last join: 1 forward side, 2 backward side */
};

struct wedge {
	int u, v;
	signed char link, rel_type, strength;
	bool weighed;
	int64_t ref;                /* relationship, role or shared organisation id */
	double weight;              /* strength/3 times recency, once weighed */
	double hi;                  /* the most it weighs, as known when the search began */
	char last_at[20];
};

struct wfound {
	double score;
	int n;                      /* hops */
	int nodes[WARM_MAX_HOPS + 1];
	int edges[WARM_MAX_HOPS];
};

struct wctx {
	struct kdb *db;
	struct kith_err *err;
	enum kith_status rc;
	char today[KDATE_STR];
	char year_ago[KDATE_STR];   /* interactions before it weigh as never */
	struct kdate today_d;
	struct wnode *nodes;
	int nnodes, capnodes;
	struct idmap ix;            /* node key to node index */
	struct wedge *edges;
	int nedges, capedges;
	int start, target;
	unsigned char oside;        /* the side of the last join not walked (wnode.join) */
	int hops, k, a;
	int smin;                   /* links weaker than this are left out */
	double floor;               /* the k-th best scores at least this ... */
	int floor_hops;             /* ... and beats a tie of more hops than this */
	/* enumeration */
	int path_nodes[WARM_MAX_HOPS + 1], path_edges[WARM_MAX_HOPS];
	struct wfound *best;
	int nbest;
	long steps;
	int stamp;
	struct tcache *tc;          /* interactions read, kept from one search to the next */
};

/*
** A contact's interactions of the last year, newest first, with a hash of
** their ids; read once per contact for all the searches of one query.
*/
struct wtouches {
	int64_t key;
	int n, hcap;
	int64_t *id;                /* newest first; the time is read only for a match */
	int *hash;                  /* index + 1, open addressing on id */
};

/* The last time together with the target, for each other person. */
struct tlast {
	int64_t key;
	char at[17];
};

struct tcache {
	struct wtouches *v;
	int n, cap;
	struct idmap ix;            /* key to its index */
	bool tread;                 /* tl read (by key) */
	struct tlast *tl;
	int ntl;
};

/* A link's weight if already weighed, else the most it can weigh. */
static inline double
warm_link_hi(const struct wedge *e)
{
	return e->weighed ? e->weight : e->strength / 3.0;
}

/* nodes and links (warm_graph.c) */
int warm_node_find(const struct wctx *c, int64_t key);
int warm_node_get(struct wctx *c, int64_t key);
enum kith_status warm_node_load(struct wctx *c, int u);
void warm_edge_add(struct wctx *c, int u, int64_t vkey, int link, int rel_type, int strength,
		   int64_t ref);
/* A second link joining e's pair: e becomes it if it is better (stronger, rarer, older). */
void warm_link_keep(struct wedge *e, int link, int rel_type, int strength, int64_t ref);
/* weights */
double warm_recency(const struct wctx *c, const char *last_at);
enum kith_status warm_edge_weigh(struct wctx *c, struct wedge *e);
int warm_cmp_tlast(const void *pa, const void *pb);
void warm_tcache_free(struct tcache *t);
void warm_ctx_free(struct wctx *c);
/* a hop's name and reason (warm_words.c) */
/* The one-hop path first when you talked to the target yourself (warm_words.c). */
void warm_talked_first(struct wctx *c, struct warm_path **out, int *n, int k);
void warm_paths_free_hops(struct warm_path *p);
void warm_hop_fill(struct wctx *c, struct warm_hop *h, const struct wedge *e, int v,
		   bool from_start);

#endif
