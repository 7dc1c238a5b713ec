/*
 * teamlog_snap.c: the team's snapshot (kith/teamlog.h): a database file
 * of the shared tables, compressed with zstd and sealed in chunks.
 *
 * The snapshot of entry N is the folder snap/NNNNNNNNNNNN of the log's
 * tree: chunk files 000000, 000001, ... of at most SNAP_CHUNK bytes of
 * the compressed file each, every one a sealed file of its own (nonce +
 * secretbox, kind 'C'), whose header carries N as its entry number, the
 * schema version of the file, the chunk's index in the replica field and
 * 1 in the time field for the last chunk: a chunk moved to another place
 * or snapshot, or a snapshot cut short, is refused. Chunks keep a
 * snapshot's memory small, and at a city's size make git keep a push as
 * one pack (more than 100 objects) instead of compressing each again.
 *
 * Like libsodium, libzstd is opened (dlopen) by its soname the first
 * time a snapshot is written or read, so a kith that is not in a team
 * never loads it.
 */
#include "teamlog_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include "kith/dl.h"
#include "kith/str.h"
#include "kith/xalloc.h"

#ifndef KITH_LIBZSTD
#define KITH_LIBZSTD "libzstd.so.1"
#endif

/* Bytes of compressed snapshot in one chunk. */
#define SNAP_CHUNK (1 << 20)
/* zstd's level: its fastest but one; a city's snapshot is a fifth of the file. */
#define SNAP_LEVEL 1

#define ZSTD_FUNCS(X) \
	X(ZSTD_createCCtx) \
	X(ZSTD_freeCCtx) \
	X(ZSTD_CCtx_setParameter) \
	X(ZSTD_compressStream2) \
	X(ZSTD_createDCtx) \
	X(ZSTD_freeDCtx) \
	X(ZSTD_decompressStream) \
	X(ZSTD_isError) \
	X(ZSTD_getErrorName)

static struct {
#define ZSTD_MEMBER(f) __typeof__(f) *f;
	ZSTD_FUNCS(ZSTD_MEMBER)
#undef ZSTD_MEMBER
} z;

#define ZSTD_SYM(f) { #f, &z.f, sizeof z.f },
static const struct dl_sym zsyms[] = { ZSTD_FUNCS(ZSTD_SYM) };
#undef ZSTD_SYM

static struct dl_lib zdl = { KITH_LIBZSTD, "a team's snapshot needs libzstd", "libzstd", zsyms,
			     sizeof zsyms / sizeof zsyms[0], NULL, false, false, "" };

static bool
zstd(char *err, size_t errn)
{
	const char *why = "";

	if (dl_lib_open(&zdl, &why))
		return true;
	tl_say(err, errn, "%s", why);
	return false;
}

/* "repo/snap/NNNNNNNNNNNN" (abs) or "snap/NNNNNNNNNNNN/NNNNNN" (a chunk, relative). */
static char *
snap_dir(const struct team *t, int64_t upto)
{
	char name[32];
	struct strbuf sb = { 0 };

	tl_entry_name(name, sizeof name, "snap", upto);
	sb_printf(&sb, "%s/%s", t->repo, name);
	return sb_detach(&sb);
}

static void
chunk_name(char *buf, size_t n, int64_t upto, int64_t i)
{
	snprintf(buf, n, "snap/%012lld/%06lld", (long long)upto, (long long)i);
}

/* ---- writing ------------------------------------------------------------------ */

struct put {
	struct team *t;
	int64_t upto;
	int schema;
	char *dir;
	int64_t n;              /* chunks written */
	struct strbuf held;     /* the chunk not yet written (the last one may be it) */
	char *err;
	size_t errn;
};

/* Seal and write the held chunk as chunk p->n; last marks the snapshot's end. */
static int
put_chunk(struct put *p, bool last)
{
	struct team_entry e = { .schema = p->schema, .replica = (uint32_t)p->n, .time = last };
	char name[48], *path;
	unsigned char *box;
	size_t boxn;
	int fd, rc = TEAM_OK;

	if (tl_seal(p->t->so, p->t->key, TL_CHUNK, p->upto, &e, p->held.buf, p->held.len, &box,
		    &boxn, p->err, p->errn) != TEAM_OK)
		return TEAM_ERR;
	chunk_name(name, sizeof name, p->upto, p->n);
	path = xmalloc(strlen(p->t->repo) + strlen(name) + 2);
	sprintf(path, "%s/%s", p->t->repo, name);
	/* a file of the clone's tree for git add, not kept: no rename, no fsync */
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, box, boxn) != (ssize_t)boxn) {
		tl_say(p->err, p->errn, "%s: %s", path, strerror(errno));
		rc = TEAM_ERR;
	}
	if (fd >= 0 && close(fd) != 0 && rc == TEAM_OK) {
		tl_say(p->err, p->errn, "%s: %s", path, strerror(errno));
		rc = TEAM_ERR;
	}
	free(path);
	free(box);
	p->n++;
	p->held.len = 0;
	return rc;
}

/* Add compressed bytes; a full chunk is written once the next one starts. */
static int
put_bytes(struct put *p, const unsigned char *b, size_t n)
{
	while (n) {
		size_t take;

		if (p->held.len == SNAP_CHUNK && put_chunk(p, false) != TEAM_OK)
			return TEAM_ERR;
		take = SNAP_CHUNK - p->held.len;
		if (take > n)
			take = n;
		sb_appendn(&p->held, (const char *)b, take);
		b += take;
		n -= take;
	}
	return TEAM_OK;
}

/* Compress file into chunks of p's folder. */
static int
put_file(struct put *p, const char *file)
{
	ZSTD_CCtx *cc = z.ZSTD_createCCtx();
	size_t inn = 1 << 20, outn = 1 << 20;
	unsigned char *in = xmalloc(inn), *out = xmalloc(outn);
	int fd = open(file, O_RDONLY | O_CLOEXEC), rc = TEAM_OK;
	bool eof = false;

	if (fd < 0 || !cc) {
		tl_say(p->err, p->errn, "%s: %s", file, fd < 0 ? strerror(errno) : "out of memory");
		rc = TEAM_ERR;
	} else {
		z.ZSTD_CCtx_setParameter(cc, ZSTD_c_compressionLevel, SNAP_LEVEL);
		z.ZSTD_CCtx_setParameter(cc, ZSTD_c_checksumFlag, 1);
	}
	while (rc == TEAM_OK && !eof) {
		ssize_t got = read(fd, in, inn);
		ZSTD_inBuffer ib = { in, got > 0 ? (size_t)got : 0, 0 };
		size_t left;

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			tl_say(p->err, p->errn, "%s: %s", file, strerror(errno));
			rc = TEAM_ERR;
			break;
		}
		eof = got == 0;
		do {
			ZSTD_outBuffer ob = { out, outn, 0 };

			left = z.ZSTD_compressStream2(cc, &ob, &ib, eof ? ZSTD_e_end : ZSTD_e_continue);
			if (z.ZSTD_isError(left)) {
				tl_say(p->err, p->errn, "compressing the snapshot: %s",
				    z.ZSTD_getErrorName(left));
				rc = TEAM_ERR;
				break;
			}
			if (put_bytes(p, out, ob.pos) != TEAM_OK)
				rc = TEAM_ERR;
		} while (rc == TEAM_OK && (eof ? left != 0 : ib.pos < ib.size));
	}
	if (rc == TEAM_OK)
		rc = put_chunk(p, true);
	if (fd >= 0)
		close(fd);
	z.ZSTD_freeCCtx(cc);
	free(in);
	free(out);
	return rc;
}

/* Remove the tree's files of a compaction: the old snapshot, entries 1..upto. */
static void
compact(struct team *t, int64_t upto)
{
	struct strbuf names = { 0 };

	if (t->snap >= 0) {
		char *old = snap_dir(t, t->snap);
		tl_rm_tree(old);
		free(old);
	}
	tl_list_upto(t->repo, "log", upto, &names);
	for (const char *p = names.buf; p && p < names.buf + names.len; p += strlen(p) + 1) {
		char *path = xmalloc(strlen(t->repo) + strlen(p) + 2);
		sprintf(path, "%s/%s", t->repo, p);
		unlink(path);
		free(path);
	}
	sb_free(&names);
}

int
team_snapshot_put(struct team *t, int64_t upto, int schema, const char *file, char *err,
		  size_t errn)
{
	struct put p = { .t = t, .upto = upto, .schema = schema, .err = err, .errn = errn };
	char msg[48], *top;
	int rc;

	if (upto < 0 || upto > t->head || upto <= t->snap) {
		tl_say(err, errn, "a snapshot of entry %lld: must be after the last one (%lld) and "
		    "no later than the log's end (%lld)", (long long)upto, (long long)t->snap,
		    (long long)t->head);
		return TEAM_ERR;
	}
	if (!zstd(err, errn))
		return TEAM_ERR;
	top = xmalloc(strlen(t->repo) + 8);
	sprintf(top, "%s/snap", t->repo);
	mkdir(top, 0700);
	free(top);
	p.dir = snap_dir(t, upto);
	tl_rm_tree(p.dir);              /* a killed put's chunks */
	if (mkdir(p.dir, 0700) != 0) {
		tl_say(err, errn, "%s: %s", p.dir, strerror(errno));
		free(p.dir);
		return TEAM_ERR;
	}
	rc = put_file(&p, file);
	sb_free(&p.held);
	if (rc == TEAM_OK) {
		/* compaction: the tree keeps this snapshot and the entries after it */
		compact(t, upto);
		snprintf(msg, sizeof msg, "snapshot %lld", (long long)upto);
		rc = tl_commit_push(t, msg, err, errn);
	} else {
		tl_rm_tree(p.dir);
	}
	free(p.dir);
	tl_rescan(t);
	return rc;
}

/* ---- reading ------------------------------------------------------------------ */

int
team_snapshot_get(struct team *t, int64_t *upto, int *schema, const char *file, char *err,
		  size_t errn)
{
	ZSTD_DCtx *dc = NULL;
	size_t outn = 1 << 20, left = 1;
	unsigned char *out = NULL;
	bool last = false;
	int fd = -1, rc = TEAM_OK;

	*upto = 0;
	*schema = 0;
	if (t->snap < 0) {
		tl_say(err, errn, "the team's log has no snapshot yet");
		return TEAM_NONE;
	}
	if (!zstd(err, errn))
		return TEAM_ERR;
	fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		tl_say(err, errn, "%s: %s", file, strerror(errno));
		return TEAM_ERR;
	}
	dc = z.ZSTD_createDCtx();
	out = xmalloc(outn);
	for (int64_t i = 0; rc == TEAM_OK && !last; i++) {
		struct team_entry e;
		char name[48];
		ZSTD_inBuffer ib;

		chunk_name(name, sizeof name, t->snap, i);
		if (tl_unseal(t, TL_CHUNK, t->snap, name, &e, err, errn) != TEAM_OK) {
			rc = TEAM_ERR;
			break;
		}
		if (e.replica != (uint32_t)i || (i > 0 && e.schema != *schema)) {
			tl_say(err, errn, "the snapshot of entry %lld is damaged: chunk %lld is not "
			    "where it was written; refused", (long long)t->snap, (long long)i);
			rc = TEAM_ERR;
		}
		*schema = e.schema;
		last = e.time == 1;
		ib = (ZSTD_inBuffer){ e.data, e.len, 0 };
		while (rc == TEAM_OK && ib.pos < ib.size) {
			ZSTD_outBuffer ob = { out, outn, 0 };

			left = z.ZSTD_decompressStream(dc, &ob, &ib);
			if (z.ZSTD_isError(left)) {
				tl_say(err, errn, "the snapshot of entry %lld is damaged: %s",
				    (long long)t->snap, z.ZSTD_getErrorName(left));
				rc = TEAM_ERR;
			} else if (ob.pos && write(fd, out, ob.pos) != (ssize_t)ob.pos) {
				tl_say(err, errn, "%s: %s", file, strerror(errno));
				rc = TEAM_ERR;
			}
		}
		team_entry_free(&e);
	}
	/* the whole frame, through its last chunk */
	if (rc == TEAM_OK && left != 0) {
		tl_say(err, errn, "the snapshot of entry %lld is cut short; refused",
		    (long long)t->snap);
		rc = TEAM_ERR;
	}
	if (close(fd) != 0 && rc == TEAM_OK) {
		tl_say(err, errn, "%s: %s", file, strerror(errno));
		rc = TEAM_ERR;
	}
	if (rc != TEAM_OK)
		unlink(file);
	else
		*upto = t->snap;
	z.ZSTD_freeDCtx(dc);
	free(out);
	return rc;
}

int64_t
team_snapshot_at(const struct team *t)
{
	return t->snap;
}

void
team_since_snapshot(struct team *t, int64_t *entries, uint64_t *bytes, uint64_t *snap_bytes)
{
	struct strbuf names = { 0 };
	struct stat st;
	char *dir;

	*entries = 0;
	*bytes = *snap_bytes = 0;
	tl_list_upto(t->repo, "log", t->head, &names);
	for (const char *p = names.buf; p && p < names.buf + names.len; p += strlen(p) + 1) {
		char *path = xmalloc(strlen(t->repo) + strlen(p) + 2);
		sprintf(path, "%s/%s", t->repo, p);
		if (strtoll(p + 4, NULL, 10) > t->snap && stat(path, &st) == 0) {
			(*entries)++;
			*bytes += (uint64_t)st.st_size;
		}
		free(path);
	}
	sb_free(&names);
	if (t->snap < 0)
		return;
	dir = snap_dir(t, t->snap);
	for (int64_t i = 0;; i++) {
		char *path = xmalloc(strlen(dir) + 16);
		int ok;
		sprintf(path, "%s/%06lld", dir, (long long)i);
		ok = stat(path, &st) == 0;
		free(path);
		if (!ok)
			break;
		*snap_bytes += (uint64_t)st.st_size;
	}
	free(dir);
}
