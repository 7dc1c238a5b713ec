/*
 * teamlog_internal.h: the parts of the team log (kith/teamlog.h) below its
 * API: libsodium opened on first use (teamlog_crypt.c) and git run as a
 * child process (teamlog_git.c). src/io/teamlog*.c only.
 */
#ifndef KITH_TEAMLOG_INTERNAL_H
#define KITH_TEAMLOG_INTERNAL_H

#include <sodium.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kith/dl.h"
#include "kith/status.h"
#include "kith/teamlog.h"

/* ---- libsodium (teamlog_crypt.c) ------------------------------------------ */

/* Every libsodium function kith calls. */
#define SODIUM_LIB_FUNCS(X) \
	X(sodium_init) \
	X(randombytes_buf) \
	X(crypto_secretbox_easy) \
	X(crypto_secretbox_open_easy) \
	X(crypto_generichash) \
	X(sodium_bin2base64) \
	X(sodium_base642bin) \
	X(sodium_memzero)

struct sodium_lib {
	DL_LIB_MEMBERS(SODIUM_LIB_FUNCS)
};

/* The library, opened and initialised once; NULL with *why (static text) if it cannot be. */
const struct sodium_lib *sodium_lib(const char **why);

#define TEAM_KEYBYTES crypto_secretbox_KEYBYTES
#define TEAM_NONCEBYTES crypto_secretbox_NONCEBYTES
#define TEAM_MACBYTES crypto_secretbox_MACBYTES

/* What a sealed file holds (its header's kind byte). */
enum tl_kind { TL_MARK = 'T', TL_ENTRY = 'L', TL_CHUNK = 'C' };

/*
** Seal: nonce + secretbox(header + data). The header carries kind, seq and
** e's replica, schema, time and author (e may be NULL for none). *out is
** malloc'd.
*/
int tl_seal(const struct sodium_lib *so, const unsigned char *key, enum tl_kind kind,
	    int64_t seq, const struct team_entry *e, const void *data, size_t len,
	    unsigned char **out, size_t *outn, char *err, size_t errn);
/*
** Open a sealed file named what (for messages); its kind and seq must be
** those given. Fills e (data malloc'd) on TEAM_OK.
*/
int tl_open(const struct sodium_lib *so, const unsigned char *key, enum tl_kind kind,
	    int64_t seq, const unsigned char *in, size_t n, const char *what,
	    struct team_entry *e, char *err, size_t errn);
/* The invite code of key; code must hold TEAM_CODE_MAX bytes. */
#define TEAM_CODE_MAX 64
void tl_code_make(const struct sodium_lib *so, const unsigned char *key, char *code);
/* The key of an invite code; false when it is not one (mistyped, cut). */
bool tl_code_read(const struct sodium_lib *so, const char *code, unsigned char *key);

/* ---- the team (teamlog.c) ------------------------------------------------- */

struct team {
	char *dir;              /* DB.team */
	char *repo;             /* DB.team/repo */
	char *remote;
	unsigned char key[TEAM_KEYBYTES];
	const struct sodium_lib *so;
	int lockfd;
	int64_t head;           /* the last entry of the fetched log */
	int64_t snap;           /* the entry the snapshot is of (0: the seed); -1: none */
};

/* Scan the clone's tree again: head and snap. */
void tl_rescan(struct team *t);
/*
** Commit the clone's tree as it is (files added and removed alike) with
** the message msg, and push it. TEAM_RACE as team_append; on anything but
** TEAM_OK the local commit is dropped and the tree is the fetched log again.
*/
int tl_commit_push(struct team *t, const char *msg, char *err, size_t errn);
/* Read and open the sealed file name of the clone (its tree, else git's history). */
int tl_unseal(struct team *t, enum tl_kind kind, int64_t seq, const char *name,
	      struct team_entry *e, char *err, size_t errn);

/* ---- git (teamlog_git.c) -------------------------------------------------- */

struct tl_run {
	char *out;              /* standard output, NUL-terminated */
	size_t outn;
	char *errtext;          /* standard error, NUL-terminated */
	int status;             /* exit status; -1 when git could not run */
};

/*
** Run `git -C dir ARGS...` (argv ends with NULL) with no shell, stdin
** /dev/null, a neutral author and committer, a fixed date and no prompt.
** TEAM_OK when it ran (r->status says how it ended); TEAM_ERR when it
** could not be started. tl_run_free(r) after.
*/
int tl_git(const char *dir, const char *const *argv, struct tl_run *r, char *err, size_t errn);
void tl_run_free(struct tl_run *r);
/* What git said went wrong: its first "fatal:" or "error:" line, else its last line. */
const char *tl_git_why(const struct tl_run *r, char *buf, size_t n);

/* ---- the clone's files (teamlog_files.c) ---------------------------------- */

struct strbuf;
/* Format a message into err (when err and errn are given). */
void tl_say(char *err, size_t errn, const char *fmt, ...) KITH_PRINTF(3, 4);
/* The whole file at path (*out malloc'd); TEAM_ERR with err naming it. */
int tl_read_all(const char *path, unsigned char **out, size_t *n, char *err, size_t errn);
/* Write path whole, 0600, through a temporary file and a rename. */
int tl_write_all(const char *path, const void *data, size_t n, char *err, size_t errn);
/* Remove a directory kith made, with all it holds. */
void tl_rm_tree(const char *dir);
/* "sub/000000000012" for entry seq. */
void tl_entry_name(char *buf, size_t n, const char *sub, int64_t seq);
/* The highest 12-digit name in repo/sub (-1 when none). */
int64_t tl_scan_max(const char *repo, const char *sub);
/* Append "sub/NAME\0" to names for each entry of repo/sub numbered <= upto; how many. */
size_t tl_list_upto(const char *repo, const char *sub, int64_t upto, struct strbuf *names);

#endif
