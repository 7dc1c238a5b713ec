/*
 * teamlog.h: the team's shared log (issue 19, decision 6 of TEAM.md): an
 * ordered, append-only list of encrypted entries in a git remote.
 *
 * The remote (a bare repository path, a file:// or an ssh URL) holds, on
 * its branch "log":
 *	team                the team's marker: proves a key is the team's
 *	log/NNNNNNNNNNNN    entry N (12 digits), N = 1, 2, ...
 *	snap/NNNNNNNNNNNN/  the shared tables as of entry N (the latest only):
 *	                    a database file, compressed, in sealed chunks
 * Each file is a 24-byte nonce and libsodium's crypto_secretbox of a small
 * header (format, kind, entry number, schema version, replica, time,
 * author) and the data. The header's entry number binds a file to its
 * name: an entry moved or swapped by whoever holds the remote is refused.
 * Commits are made by "kith <kith@invalid>" at a fixed date with the
 * message "entry N": the remote sees ciphertext and entry numbers only.
 *
 * Locally, beside the database DB: DB.team/ (0700) holds key (the team's
 * 32-byte key, 0600), lock, and repo/ (the clone). git runs as a child
 * process (no shell; never prompts). libsodium is opened (dlopen) by the
 * first call that needs it, so a kith that is not in a team never loads it.
 *
 * Every function returns TEAM_OK, or TEAM_ERR with a sentence in err
 * ("no network: cannot reach /media/usb/team.git (...)", "rejected key:
 * ..."), or the code its comment names. Nothing is changed on TEAM_ERR.
 */
#ifndef KITH_TEAMLOG_H
#define KITH_TEAMLOG_H

#include <stddef.h>
#include <stdint.h>

struct team;
enum { TEAM_OK = 0, TEAM_ERR = -1, TEAM_RACE = 1, TEAM_NONE = 2 };

/*
** A new team on an empty remote: make the key (a lost key cannot be
** recovered), clone, push the team's marker. Refused when DB is already in
** a team or the remote already holds one.
*/
int team_create(const char *dbpath, const char *remote, char *err, size_t errn);
/*
** Join the team on remote with an invite code: the code's key must open
** the remote's marker ("rejected key" otherwise); nothing is kept when it
** does not.
*/
int team_attach(const char *dbpath, const char *remote, const char *code, char *err,
		size_t errn);
/* The invite code of DB's team: one line, "kith1-" + the key + a checksum. */
int team_code(const char *dbpath, char *code, size_t coden, char *err, size_t errn);
/* Open DB's team (no network); TEAM_NONE when DB is not in a team. */
int team_open(const char *dbpath, struct team **out, char *err, size_t errn);
/* Close (and unlock) a team; NULL is allowed. */
void team_close(struct team *);
/* One sync at a time on a replica: waits for another process's lock. */
int team_lock(struct team *, char *err, size_t errn);
/* Fetch the remote's log ("no network: ..." names the remote). */
int team_fetch(struct team *, char *err, size_t errn);
/* Entries 1..head are in the fetched log. */
int64_t team_head(const struct team *);

struct team_entry {
	int64_t seq;
	uint32_t replica;
	int schema;
	int64_t time;
	char author[128];
	unsigned char *data;
	size_t len;
};
/* Read and decrypt entry seq ("rejected key" when the key does not open it). */
int team_read(struct team *, int64_t seq, struct team_entry *out, char *err, size_t errn);
void team_entry_free(struct team_entry *);
/*
** Append e (its seq is ignored) as entry head + 1 and push it; *seq is its
** number. TEAM_RACE when someone pushed first: the local commit is dropped
** and nothing is appended; fetch and try again.
*/
int team_append(struct team *, const struct team_entry *e, int64_t *seq, char *err,
		size_t errn);
/*
** Store the database file (the shared tables as of entry upto, 0 <= upto
** <= head; 0 is the seed, the data the team started with; its schema
** version schema) as the team's snapshot: compressed (zstd) and sealed in
** chunks, snap/UPTO/NNNNNN. Compaction: the previous snapshot and the
** entries 1..upto leave the log's tree (git's history keeps them;
** team_read still finds them there). TEAM_RACE as team_append.
*/
int team_snapshot_put(struct team *, int64_t upto, int schema, const char *file, char *err,
		      size_t errn);
/*
** The latest snapshot, written to file (0600) as the database file it was
** made from; *upto its entry, *schema its schema version. TEAM_NONE when
** there is none; TEAM_ERR (file removed) when a chunk is missing, damaged
** or moved.
*/
int team_snapshot_get(struct team *, int64_t *upto, int *schema, const char *file, char *err,
		      size_t errn);
/* The entry the latest snapshot is of; -1 when there is none. */
int64_t team_snapshot_at(const struct team *);
/*
** The log since the latest snapshot: its entries in the tree and their
** bytes, and the snapshot's own bytes (what a newcomer fetches).
*/
void team_since_snapshot(struct team *, int64_t *entries, uint64_t *bytes,
			 uint64_t *snap_bytes);

/*
** For kith's kill -9 test (tests/cli/team_kill.sh): when the environment
** variable KITH_TEST_PAUSE names point, the process stops itself there
** (SIGSTOP), to be killed at a known step of a sync. Points: fetched,
** applied, entry-committed, pushed, synced, snapshot-made,
** snapshot-committed.
*/
void team_test_pause(const char *point);

/* "DB.team/name": a scratch file of the team's folder (0700). free() it. */
char *team_file(const struct team *, const char *name);

/* The remote's address, as given to team_create or team_attach. */
const char *team_remote(const struct team *);

#endif
