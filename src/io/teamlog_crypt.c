/*
 * teamlog_crypt.c: libsodium, opened on first use, and what the team log
 * seals with it: its files (kith/teamlog.h) and the invite code.
 *
 * Like libical (ical_lib.c), libsodium is not linked: it is opened by its
 * soname (KITH_LIBSODIUM, from the Makefile) the first time a team command
 * needs it, so a kith that is not in a team never loads it.
 */
#include "teamlog_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/dl.h"
#include "kith/xalloc.h"

#ifndef KITH_LIBSODIUM
#define KITH_LIBSODIUM "libsodium.so.23"
#endif

DL_LIB(sodium_lib, SODIUM_LIB_FUNCS, KITH_LIBSODIUM, "team mode needs libsodium", "libsodium",
       ready)

static bool
ready(char *failure, size_t size)
{
	if (lib.sodium_init() >= 0)
		return true;
	snprintf(failure, size, "%s: sodium_init failed", KITH_LIBSODIUM);
	return false;
}

/* ---- sealed files --------------------------------------------------------- */

/* The header inside the box: format, kind, seq, schema, replica, time, author. */
enum { TL_FORMAT = 1, HDR_FIXED = 27, AUTHOR_MAX = 127 };

static void
put_be(unsigned char *p, uint64_t v, int n)
{
	for (int i = n - 1; i >= 0; i--, v >>= 8)
		p[i] = (unsigned char)(v & 0xff);
}

static uint64_t
get_be(const unsigned char *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

int
tl_seal(const struct sodium_lib *so, const unsigned char *key, enum tl_kind kind, int64_t seq,
	const struct team_entry *e, const void *data, size_t len, unsigned char **out,
	size_t *outn, char *err, size_t errn)
{
	size_t an = e ? strnlen(e->author, sizeof e->author) : 0;
	size_t pn, total;
	unsigned char *plain, *box;

	if (an > AUTHOR_MAX)
		an = AUTHOR_MAX;
	pn = HDR_FIXED + an + len;
	if (pn < len || pn > SIZE_MAX - TEAM_NONCEBYTES - TEAM_MACBYTES) {
		snprintf(err, errn, "an entry of %zu bytes is too large", len);
		return TEAM_ERR;
	}
	plain = xmalloc(pn);
	plain[0] = TL_FORMAT;
	plain[1] = (unsigned char)kind;
	put_be(plain + 2, (uint64_t)seq, 8);
	put_be(plain + 10, e ? (uint32_t)e->schema : 0, 4);
	put_be(plain + 14, e ? e->replica : 0, 4);
	put_be(plain + 18, e ? (uint64_t)e->time : 0, 8);
	plain[26] = (unsigned char)an;
	if (an)
		memcpy(plain + HDR_FIXED, e->author, an);
	if (len)
		memcpy(plain + HDR_FIXED + an, data, len);
	total = TEAM_NONCEBYTES + TEAM_MACBYTES + pn;
	box = xmalloc(total);
	so->randombytes_buf(box, TEAM_NONCEBYTES);
	so->crypto_secretbox_easy(box + TEAM_NONCEBYTES, plain, pn, box, key);
	so->sodium_memzero(plain, pn);
	free(plain);
	*out = box;
	*outn = total;
	return TEAM_OK;
}

int
tl_open(const struct sodium_lib *so, const unsigned char *key, enum tl_kind kind, int64_t seq,
	const unsigned char *in, size_t n, const char *what, struct team_entry *e, char *err,
	size_t errn)
{
	size_t pn, an;
	unsigned char *plain;

	memset(e, 0, sizeof *e);
	if (n < TEAM_NONCEBYTES + TEAM_MACBYTES + HDR_FIXED) {
		snprintf(err, errn, "%s is damaged: %zu bytes is too short for an entry", what, n);
		return TEAM_ERR;
	}
	pn = n - TEAM_NONCEBYTES - TEAM_MACBYTES;
	plain = xmalloc(pn);
	if (so->crypto_secretbox_open_easy(plain, in + TEAM_NONCEBYTES,
					    n - TEAM_NONCEBYTES, in, key) != 0) {
		free(plain);
		snprintf(err, errn, "%s does not open with this key", what);
		return TEAM_RACE;       /* the caller tells a wrong key from damage */
	}
	if (plain[0] != TL_FORMAT) {
		snprintf(err, errn, "%s was written by a newer kith (format %d; this kith reads "
			 "format %d): update kith", what, plain[0], TL_FORMAT);
		goto bad;
	}
	if (plain[1] != (unsigned char)kind || (int64_t)get_be(plain + 2, 8) != seq) {
		snprintf(err, errn, "%s is not where it was written (the files of the remote were "
			 "moved or swapped); refused", what);
		goto bad;
	}
	an = plain[26];
	if (an > AUTHOR_MAX || HDR_FIXED + an > pn) {
		snprintf(err, errn, "%s is damaged: its header is cut", what);
		goto bad;
	}
	e->seq = seq;
	e->schema = (int)get_be(plain + 10, 4);
	e->replica = (uint32_t)get_be(plain + 14, 4);
	e->time = (int64_t)get_be(plain + 18, 8);
	memcpy(e->author, plain + HDR_FIXED, an);
	e->author[an] = '\0';
	e->len = pn - HDR_FIXED - an;
	e->data = xmalloc(e->len ? e->len : 1);
	if (e->len)
		memcpy(e->data, plain + HDR_FIXED + an, e->len);
	so->sodium_memzero(plain, pn);
	free(plain);
	return TEAM_OK;
bad:
	so->sodium_memzero(plain, pn);
	free(plain);
	return TEAM_ERR;
}

/* ---- the invite code ------------------------------------------------------ */

#define CODE_PREFIX "kith1-"
enum { CODE_KEY = 43, CODE_SUM = 4, CODE_LEN = 6 + CODE_KEY + CODE_SUM };
#define B64 sodium_base64_VARIANT_URLSAFE_NO_PADDING

/* The checksum: 3 bytes of BLAKE2b over a label and the key, as 4 characters. */
static void
code_sum(const struct sodium_lib *so, const unsigned char *key, char out[CODE_SUM + 1])
{
	static const char label[] = "kith team code";
	unsigned char in[sizeof label + TEAM_KEYBYTES], h[16];

	memcpy(in, label, sizeof label);
	memcpy(in + sizeof label, key, TEAM_KEYBYTES);
	so->crypto_generichash(h, sizeof h, in, sizeof in, NULL, 0);
	so->sodium_bin2base64(out, CODE_SUM + 1, h, 3, B64);
	so->sodium_memzero(in, sizeof in);
}

void
tl_code_make(const struct sodium_lib *so, const unsigned char *key, char *code)
{
	char sum[CODE_SUM + 1];

	memcpy(code, CODE_PREFIX, 6);
	so->sodium_bin2base64(code + 6, CODE_KEY + 1, key, TEAM_KEYBYTES, B64);
	code_sum(so, key, sum);
	memcpy(code + 6 + CODE_KEY, sum, CODE_SUM + 1);
}

bool
tl_code_read(const struct sodium_lib *so, const char *code, unsigned char *key)
{
	char sum[CODE_SUM + 1];
	size_t n = strlen(code), got = 0;

	while (n && (code[n - 1] == ' ' || code[n - 1] == '\n' || code[n - 1] == '\r' ||
		     code[n - 1] == '\t'))
		n--;
	while (n && (*code == ' ' || *code == '\t')) {
		code++;
		n--;
	}
	if (n != CODE_LEN || strncmp(code, CODE_PREFIX, 6))
		return false;
	if (so->sodium_base642bin(key, TEAM_KEYBYTES, code + 6, CODE_KEY, NULL, &got, NULL,
				  B64) != 0 || got != TEAM_KEYBYTES)
		return false;
	code_sum(so, key, sum);
	if (memcmp(sum, code + 6 + CODE_KEY, CODE_SUM)) {
		so->sodium_memzero(key, TEAM_KEYBYTES);
		return false;
	}
	return true;
}
