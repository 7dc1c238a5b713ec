/*
 * vfs_join.c: consecutive page writes joined into one (a large import's commit).
 *
 * A commit in rollback-journal mode writes its pages in order, one write
 * call each: 27,500 calls of 4 KB for 100,000 vCards, 84 ms of the kernel's
 * time on this machine, where the same bytes 64 KB at a time take 25 ms.
 * This VFS stands over the system's one (it is made the default). A file
 * passes every call straight through until db_vfs_join turns joining on
 * (kdb_bulk_journal, while an import holds the database in
 * rollback-journal mode): then a write that follows the one before it in
 * the file is kept in a buffer of up to 64 KB, and a full buffer goes to a
 * thread of the file's own that writes it while SQLite fills the next
 * (JOIN_AHEAD buffers at most), and asks the kernel to start putting it on
 * the disk (Linux's sync_file_range), so that the commit's sync finds
 * little left to wait for. Before any other call on the file does its work
 * (a read, a sync, a size, a lock, a truncate, a close) and before a write
 * elsewhere, the thread's buffers are written and the one being filled
 * too. So every call sees the file as it would have without the buffers,
 * and a sync still comes after every write it covers; a failed write is
 * reported by the first call that waited for it.
 */
#define _GNU_SOURCE             /* sync_file_range */
#include "internal.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>
#include <unistd.h>

/* (SQLite's unix VFS writes at most 128 KB - 1 in one call) */
enum { JOIN_MAX = 64 << 10, JOIN_AHEAD = 8, JOIN_KICK = 2 << 20 };

/* The thread that writes a file's full buffers, in order. */
struct jwriter {
	mtx_t mu;
	cnd_t cv;                   /* a buffer queued, written, or stop */
	thrd_t thread;
	sqlite3_file *real;
	int fd;                     /* the file again, for sync_file_range; -1: none */
	struct jbuf {
		unsigned char *p;
		int len;
		sqlite3_int64 at;
	} q[JOIN_AHEAD];
	int head, n;                /* queued, from q[head] */
	bool busy, stop;            /* writing one; to end */
	int rc;                     /* the first write's error, until reported */
	unsigned char *spare[JOIN_AHEAD + 1];
	int n_spare;
	sqlite3_int64 kick_from;    /* written since the last sync_file_range (the thread's) */
};

/* The file: ours, then the system VFS's own, in the same allocation. */
struct jfile {
	sqlite3_file base;
	sqlite3_file *real;
	const char *name;           /* SQLite's, valid until the close */
	bool on;
	unsigned char *buf;         /* JOIN_MAX bytes once joining has begun */
	int len;                    /* bytes waiting */
	sqlite3_int64 at;           /* where they go */
	struct jwriter *w;          /* from the first full buffer */
	bool no_writer;             /* none could be started: the buffers are written here */
};

static sqlite3_vfs *sys_vfs;

static int
writer_main(void *arg)
{
	struct jwriter *w = arg;

	mtx_lock(&w->mu);
	for (;;) {
		struct jbuf b;
		bool skip;
		int rc;

		while (!w->n && !w->stop)
			cnd_wait(&w->cv, &w->mu);
		if (!w->n)
			break;
		b = w->q[w->head];
		w->busy = true;
		/* past a failed write the commit fails: the rest is not written */
		skip = w->rc != SQLITE_OK;
		mtx_unlock(&w->mu);
		rc = skip ? SQLITE_OK : w->real->pMethods->xWrite(w->real, b.p, b.len, b.at);
#ifdef SYNC_FILE_RANGE_WRITE
		/* the disk starts on it now, not at the sync (an error here is the sync's) */
		if (w->kick_from < 0)
			w->kick_from = b.at;
		if (!skip && rc == SQLITE_OK && w->fd >= 0 &&
		    b.at + b.len - w->kick_from >= JOIN_KICK) {
			sync_file_range(w->fd, w->kick_from, b.at + b.len - w->kick_from,
					SYNC_FILE_RANGE_WRITE);
			w->kick_from = b.at + b.len;
		}
#endif
		mtx_lock(&w->mu);
		if (rc != SQLITE_OK && w->rc == SQLITE_OK)
			w->rc = rc;
		w->spare[w->n_spare++] = b.p;
		w->head = (w->head + 1) % JOIN_AHEAD;
		w->n--;
		w->busy = false;
		cnd_broadcast(&w->cv);
	}
	mtx_unlock(&w->mu);
	return 0;
}

/* f's writer, started; NULL if no thread could be had (f writes its buffers itself). */
static struct jwriter *
writer_start(struct jfile *f)
{
	struct jwriter *w = calloc(1, sizeof *w);

	if (!w)
		return NULL;
	w->real = f->real;
	w->fd = f->name ? open(f->name, O_RDONLY | O_CLOEXEC) : -1;
	w->kick_from = -1;
	if (mtx_init(&w->mu, mtx_plain) != thrd_success) {
		free(w);
		return NULL;
	}
	if (cnd_init(&w->cv) != thrd_success) {
		mtx_destroy(&w->mu);
		free(w);
		return NULL;
	}
	if (thrd_create(&w->thread, writer_main, w) != thrd_success) {
		cnd_destroy(&w->cv);
		mtx_destroy(&w->mu);
		free(w);
		return NULL;
	}
	return w;
}

/* Wait for every buffer queued to be written; the first error since the last
   wait if take, else it stays for the next. */
static int
writer_idle(struct jwriter *w, bool take)
{
	int rc;

	if (!w)
		return SQLITE_OK;
	mtx_lock(&w->mu);
	while (w->n || w->busy)
		cnd_wait(&w->cv, &w->mu);
	rc = w->rc;
	if (take)
		w->rc = SQLITE_OK;
	mtx_unlock(&w->mu);
	return rc;
}

/* f's writer written out and ended, its buffers freed. */
static void
writer_stop(struct jfile *f)
{
	struct jwriter *w = f->w;

	if (!w)
		return;
	mtx_lock(&w->mu);
	w->stop = true;
	cnd_broadcast(&w->cv);
	mtx_unlock(&w->mu);
	thrd_join(w->thread, NULL);
	while (w->n_spare)
		free(w->spare[--w->n_spare]);
	if (w->fd >= 0)
		close(w->fd);
	cnd_destroy(&w->cv);
	mtx_destroy(&w->mu);
	free(w);
	f->w = NULL;
}

/*
** Give f's full buffer to its writer (queued behind the others, waiting for
** room) and take an empty one; false if there is no writer to give it to.
*/
static bool
hand_off(struct jfile *f)
{
	struct jwriter *w = f->w;
	unsigned char *next;

	if (!w && !f->no_writer && !(w = f->w = writer_start(f)))
		f->no_writer = true;
	if (!w)
		return false;
	mtx_lock(&w->mu);
	while (w->n == JOIN_AHEAD)
		cnd_wait(&w->cv, &w->mu);
	w->q[(w->head + w->n) % JOIN_AHEAD] = (struct jbuf){ f->buf, f->len, f->at };
	w->n++;
	cnd_broadcast(&w->cv);
	next = w->n_spare ? w->spare[--w->n_spare] : NULL;
	mtx_unlock(&w->mu);
	f->buf = next;              /* NULL: the next write allocates one */
	f->len = 0;
	return true;
}

/* Write out what waits (the writer's, then the buffer's); SQLITE_OK or the first error. */
static int
drain(struct jfile *f)
{
	int rc = writer_idle(f->w, true), brc = SQLITE_OK;

	if (f->len)
		brc = f->real->pMethods->xWrite(f->real, f->buf, f->len, f->at);
	f->len = 0;
	return rc != SQLITE_OK ? rc : brc;
}

#define REAL(f) (((struct jfile *)(f))->real)
#define DRAIN_OR_RETURN(f)                                                        \
	do {                                                                      \
		int drc_ = drain((struct jfile *)(f));                            \
		if (drc_ != SQLITE_OK)                                            \
			return drc_;                                              \
	} while (0)

static int
j_close(sqlite3_file *file)
{
	struct jfile *f = (struct jfile *)file;
	int rc = drain(f), crc;

	writer_stop(f);
	crc = f->real->pMethods->xClose(f->real);
	free(f->buf);
	f->buf = NULL;
	return rc != SQLITE_OK ? rc : crc;
}

static int
j_write(sqlite3_file *file, const void *p, int n, sqlite3_int64 at)
{
	struct jfile *f = (struct jfile *)file;
	bool follows = f->on && f->len && at == f->at + f->len;
	int rc;

	if (follows && f->len + n <= JOIN_MAX) {
		memcpy(f->buf + f->len, p, (size_t)n);
		f->len += n;
		return SQLITE_OK;
	}
	/* a full buffer this write follows goes to the writer; anything else
	   waits for it, and is written here */
	if (!(follows && n < JOIN_MAX && hand_off(f)))
		DRAIN_OR_RETURN(f);
	if (f->on && n < JOIN_MAX && (f->buf || (f->buf = malloc(JOIN_MAX)))) {
		memcpy(f->buf, p, (size_t)n);
		f->len = n;
		f->at = at;
		return SQLITE_OK;
	}
	if ((rc = writer_idle(f->w, true)) != SQLITE_OK)
		return rc;
	return f->real->pMethods->xWrite(f->real, p, n, at);
}

/* A method that writes out what waits, then is the system's. */
#define J_FORWARD(fn, method, params, args)                                       \
	static int fn params                                                      \
	{                                                                         \
		DRAIN_OR_RETURN(f);                                               \
		return REAL(f)->pMethods->method args;                            \
	}
J_FORWARD(j_read, xRead, (sqlite3_file *f, void *p, int n, sqlite3_int64 at), (REAL(f), p, n, at))
J_FORWARD(j_truncate, xTruncate, (sqlite3_file *f, sqlite3_int64 size), (REAL(f), size))
J_FORWARD(j_sync, xSync, (sqlite3_file *f, int flags), (REAL(f), flags))
J_FORWARD(j_size, xFileSize, (sqlite3_file *f, sqlite3_int64 *size), (REAL(f), size))
J_FORWARD(j_lock, xLock, (sqlite3_file *f, int level), (REAL(f), level))
J_FORWARD(j_unlock, xUnlock, (sqlite3_file *f, int level), (REAL(f), level))
J_FORWARD(j_reserved, xCheckReservedLock, (sqlite3_file *f, int *out), (REAL(f), out))
J_FORWARD(j_shm_map, xShmMap, (sqlite3_file *f, int pg, int size, int extend, void volatile **out),
	  (REAL(f), pg, size, extend, out))
J_FORWARD(j_shm_lock, xShmLock, (sqlite3_file *f, int offset, int n, int flags),
	  (REAL(f), offset, n, flags))
J_FORWARD(j_shm_unmap, xShmUnmap, (sqlite3_file *f, int del), (REAL(f), del))
J_FORWARD(j_fetch, xFetch, (sqlite3_file *f, sqlite3_int64 at, int n, void **out), (REAL(f), at, n, out))
J_FORWARD(j_unfetch, xUnfetch, (sqlite3_file *f, sqlite3_int64 at, void *p), (REAL(f), at, p))
#undef J_FORWARD

static int
j_control(sqlite3_file *file, int op, void *arg)
{
	struct jfile *f = (struct jfile *)file;

	if (op == DB_FCNTL_JOIN) {
		int rc = drain(f);
		f->on = *(int *)arg != 0;
		if (!f->on) {
			writer_stop(f);
			f->no_writer = false;
			free(f->buf);
			f->buf = NULL;
		}
		return rc;
	}
	DRAIN_OR_RETURN(f);
	return f->real->pMethods->xFileControl(f->real, op, arg);
}

/* (no call on the system's file while the thread writes: these may fill its fields in) */
static int
j_sector(sqlite3_file *f)
{
	writer_idle(((struct jfile *)f)->w, false);
	return REAL(f)->pMethods->xSectorSize(REAL(f));
}

static int
j_device(sqlite3_file *f)
{
	writer_idle(((struct jfile *)f)->w, false);
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}

static void
j_shm_barrier(sqlite3_file *f)
{
	drain((struct jfile *)f);
	REAL(f)->pMethods->xShmBarrier(REAL(f));
}

/* The methods of a file whose own have version v (1 to 3): the same version. */
static const sqlite3_io_methods methods[3] = {
#define J_METHODS(v)                                                              \
	{ v, j_close, j_read, j_write, j_truncate, j_sync, j_size, j_lock, j_unlock,      \
	  j_reserved, j_control, j_sector, j_device,                                        \
	  v >= 2 ? j_shm_map : NULL, v >= 2 ? j_shm_lock : NULL,                            \
	  v >= 2 ? j_shm_barrier : NULL, v >= 2 ? j_shm_unmap : NULL,                       \
	  v >= 3 ? j_fetch : NULL, v >= 3 ? j_unfetch : NULL }
	J_METHODS(1), J_METHODS(2), J_METHODS(3),
#undef J_METHODS
};

static int
j_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags, int *out_flags)
{
	struct jfile *f = (struct jfile *)file;
	int rc;

	(void)vfs;
	memset(f, 0, sizeof *f);
	f->real = (sqlite3_file *)(f + 1);
	f->name = (flags & SQLITE_OPEN_MAIN_DB) ? name : NULL;
	rc = sys_vfs->xOpen(sys_vfs, name, f->real, flags, out_flags);
	if (f->real->pMethods) {
		int v = f->real->pMethods->iVersion;
		f->base.pMethods = &methods[(v < 1 ? 1 : v > 3 ? 3 : v) - 1];
	}
	return rc;
}

#define SYS(call) return sys_vfs->call
static int j_delete(sqlite3_vfs *v, const char *n, int sync) { (void)v; SYS(xDelete(sys_vfs, n, sync)); }
static int j_access(sqlite3_vfs *v, const char *n, int fl, int *out) { (void)v; SYS(xAccess(sys_vfs, n, fl, out)); }
static int j_full(sqlite3_vfs *v, const char *n, int sz, char *out) { (void)v; SYS(xFullPathname(sys_vfs, n, sz, out)); }
static void *j_dlopen(sqlite3_vfs *v, const char *n) { (void)v; SYS(xDlOpen(sys_vfs, n)); }
static void j_dlerror(sqlite3_vfs *v, int n, char *msg) { (void)v; sys_vfs->xDlError(sys_vfs, n, msg); }
static void (*j_dlsym(sqlite3_vfs *v, void *h, const char *s))(void) { (void)v; SYS(xDlSym(sys_vfs, h, s)); }
static void j_dlclose(sqlite3_vfs *v, void *h) { (void)v; sys_vfs->xDlClose(sys_vfs, h); }
static int j_random(sqlite3_vfs *v, int n, char *out) { (void)v; SYS(xRandomness(sys_vfs, n, out)); }
static int j_sleep(sqlite3_vfs *v, int us) { (void)v; SYS(xSleep(sys_vfs, us)); }
static int j_time(sqlite3_vfs *v, double *out) { (void)v; SYS(xCurrentTime(sys_vfs, out)); }
static int j_lasterr(sqlite3_vfs *v, int n, char *out) { (void)v; SYS(xGetLastError(sys_vfs, n, out)); }
static int j_time64(sqlite3_vfs *v, sqlite3_int64 *out) { (void)v; SYS(xCurrentTimeInt64(sys_vfs, out)); }
#undef SYS

static sqlite3_vfs join_vfs = {
	2, 0, 0, NULL, "kith-join", NULL, j_open, j_delete, j_access, j_full, j_dlopen,
	j_dlerror, j_dlsym, j_dlclose, j_random, j_sleep, j_time, j_lasterr, j_time64,
	NULL, NULL, NULL,
};

void
db_vfs_join_register(void)
{
	if (sys_vfs || !(sys_vfs = sqlite3_vfs_find(NULL)))
		return;
	join_vfs.szOsFile = (int)sizeof(struct jfile) + sys_vfs->szOsFile;
	join_vfs.mxPathname = sys_vfs->mxPathname;
	if (sqlite3_vfs_register(&join_vfs, 1) != SQLITE_OK)
		sys_vfs = NULL;
}

void
db_vfs_join(struct kdb *db, bool on)
{
	int v = on;

	sqlite3_file_control(db->h, "main", DB_FCNTL_JOIN, &v);
}
