/*
 * kithrc.c: the configuration language (kithrc.h has the grammar).
 *
 * Reads words, `set` (into the options) and `source` (files, with the
 * loop and depth guards); hands `bind` and `color` to the reader's hook.
 * No database, no screen: `kith today` reads options with it, and the
 * planner's engine (src/engine/config.c) adds its keymaps and theme.
 */
#include "kith/kithrc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kith/path.h"
#include "kith/utf8.h"
#include "kith/xalloc.h"

extern const char kith_builtin_config[];

void
kithrc_init(struct kithrc *rc, struct options *opts, kithrc_stmt_fn *stmt, void *ctx)
{
	memset(rc, 0, sizeof(*rc));
	rc->opts = opts;
	rc->stmt = stmt;
	rc->ctx = ctx;
}

void
kithrc_done(struct kithrc *rc)
{
	while (rc->nsourcing > 0)
		free(rc->sourcing[--rc->nsourcing]);
	sb_free(&rc->errors);
}

#define MAX_WORDS 32
#define CONFIG_SIZE_MAX (1 << 20)     /* a config file is text a person wrote */

struct words {
	char *w[MAX_WORDS];
	int n;
};

static void
words_free(struct words *ws)
{
	int i;

	for (i = 0; i < ws->n; i++)
		free(ws->w[i]);
	ws->n = 0;
}

/* Split a line into words; false with why on an unclosed quote or too many words. */
static bool
words_split(const char *s, struct words *ws, struct strbuf *why)
{
	ws->n = 0;
	for (;;) {
		struct strbuf w = { 0 };
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s || *s == '#' || *s == '\n' || *s == '\r')
			return true;
		if (ws->n == MAX_WORDS) {
			sb_append(why, "too many words");
			return false;
		}
		sb_append(&w, "");
		while (*s && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') {
			if (*s == '"' || *s == '\'') {
				char q = *s++;
				while (*s && *s != q) {
					if (q == '"' && *s == '\\' && s[1])
						s++;
					sb_appendc(&w, *s++);
				}
				if (*s != q) {
					sb_free(&w);
					sb_printf(why, "unclosed %c quote", q);
					return false;
				}
				s++;
			} else {
				sb_appendc(&w, *s++);
			}
		}
		ws->w[ws->n++] = sb_detach(&w);
	}
}

static bool
stmt_set(struct kithrc *rc, struct words *ws, struct strbuf *why)
{
	struct strbuf val = { 0 };
	int i = 2;
	bool ok;

	if (ws->n >= 3 && strcmp(ws->w[2], "=") == 0)
		i = 3;
	if (ws->n <= i) {
		sb_append(why, "usage: set NAME VALUE");
		return false;
	}
	for (; i < ws->n; i++) {
		if (val.len)
			sb_appendc(&val, ' ');
		sb_append(&val, ws->w[i]);
	}
	ok = options_set(rc->opts, ws->w[1], sb_str(&val), why);
	sb_free(&val);
	return ok;
}

/* FILE relative to the directory of `from` (a file path, or NULL: the current directory). */
static char *
source_path(const char *file, const char *from)
{
	const char *home = getenv("HOME");
	const char *slash;
	char *dir, *p;

	if (file[0] == '~' && file[1] == '/' && !str_empty(home))
		return path_join(home, file + 2);
	if (file[0] == '/' || !from || !(slash = strrchr(from, '/')))
		return xstrdup(file);
	dir = xstrndup(from, (size_t)(slash - from) + 1);
	p = path_join(dir, file);
	free(dir);
	return p;
}

static bool
stmt_source(struct kithrc *rc, struct words *ws, const char *from, int depth,
	    struct strbuf *why)
{
	char *path;
	int n;

	if (ws->n != 2) {
		sb_append(why, "usage: source FILE");
		return false;
	}
	path = source_path(ws->w[1], from);
	n = kithrc_file(rc, path, depth + 1, why);
	free(path);
	return n >= 0;
}

int
kithrc_file(struct kithrc *rc, const char *path, int depth, struct strbuf *why)
{
	char real[PATH_MAX];
	struct stat st = { 0 };
	struct strbuf text = { 0 };
	char buf[4096];
	size_t n;
	FILE *f;
	int i, bad, fd;

	if (depth >= KITHRC_DEPTH_MAX) {
		sb_printf(why, "%s: sourced too deeply (a loop?)", path);
		return -1;
	}
	/* Only a regular file: a directory cannot be read, and a device or a
	   FIFO (source /dev/zero, /dev/stdin) would never end or would block.
	   O_NONBLOCK: opening a FIFO must not wait for a writer either. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		int saved = errno;
		sb_printf(why, "%s: %s", path, strerror(saved));
		return saved == ENOENT ? -2 : -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		sb_printf(why, "%s: %s", path, S_ISDIR(st.st_mode) ? "is a directory, not a config file"
								  : "not a regular file; not read");
		return -1;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	if (!(f = fdopen(fd, "r"))) {
		int saved = errno;
		close(fd);
		sb_printf(why, "%s: %s", path, strerror(saved));
		return -1;
	}
	if (st.st_size > CONFIG_SIZE_MAX) {
		fclose(f);
		sb_printf(why, "%s: too large for a config file (over %d MB)", path,
			  CONFIG_SIZE_MAX >> 20);
		return -1;
	}
	if (!realpath(path, real))
		snprintf(real, sizeof(real), "%s", path);
	for (i = 0; i < rc->nsourcing; i++) {
		if (strcmp(rc->sourcing[i], real) == 0) {
			fclose(f);
			sb_printf(why, "%s: already being read (a source loop)", path);
			return -1;
		}
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_appendn(&text, buf, n);
	if (ferror(f)) {
		fclose(f);
		sb_free(&text);
		sb_printf(why, "%s: cannot read", path);
		return -1;
	}
	fclose(f);
	rc->sourcing[rc->nsourcing++] = xstrdup(real);
	bad = kithrc_apply(rc, sb_str(&text), path, depth);
	free(rc->sourcing[--rc->nsourcing]);
	sb_free(&text);
	return bad;
}

/* A short word of letters, digits, '-' and '_': safe to show in a message. */
static bool
plain_word(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");

	return n > 0 && n <= 24 && !s[n];
}

bool
kithrc_statement(struct kithrc *rc, const char *line, const char *from, int depth,
		 struct strbuf *why)
{
	struct words ws = { .n = 0 };
	bool ok;

	if (!words_split(line, &ws, why)) {
		words_free(&ws);
		return false;
	}
	for (int i = 0; i < ws.n; i++) {
		if (!utf8_valid(ws.w[i], strlen(ws.w[i]))) {
			sb_append(why, "not valid UTF-8 (config files are read as UTF-8); line ignored");
			words_free(&ws);
			return false;
		}
	}
	if (ws.n == 0)
		ok = true;
	else if (strcmp(ws.w[0], "set") == 0)
		ok = stmt_set(rc, &ws, why);
	else if (strcmp(ws.w[0], "bind") == 0 || strcmp(ws.w[0], "color") == 0)
		ok = !rc->stmt || rc->stmt(rc->ctx, ws.w, ws.n, why);
	else if (strcmp(ws.w[0], "source") == 0)
		ok = stmt_source(rc, &ws, from, depth, why);
	else {
		/* A sourced file may be anything (source /etc/shadow): name the word
		   only when it looks like a misspelt keyword, never echo content. */
		if (plain_word(ws.w[0]))
			sb_printf(why, "unknown statement '%s' (set, bind, color, source)", ws.w[0]);
		else
			sb_append(why, "not a config statement (set, bind, color, source); the line is "
				  "not shown");
		ok = false;
	}
	words_free(&ws);
	return ok;
}

int
kithrc_apply(struct kithrc *rc, const char *text, const char *path, int depth)
{
	const char *from = (path && path[0] != '(') ? path : NULL;
	int lineno = 0, start = rc->bad;
	struct strbuf line = { 0 }, why = { 0 };

	while (*text) {
		size_t len = strcspn(text, "\n");
		lineno++;
		sb_reset(&line);
		sb_appendn(&line, text, len);
		text += len;
		if (*text == '\n')
			text++;
		sb_reset(&why);
		if (!kithrc_statement(rc, sb_str(&line), from, depth, &why)) {
			if (rc->errors.len)
				sb_appendc(&rc->errors, '\n');
			sb_printf(&rc->errors, "%s:%d: %s", path ? path : "(config)", lineno,
				  sb_str(&why));
			rc->bad++;
		}
	}
	sb_free(&line);
	sb_free(&why);
	return rc->bad - start;
}

int
kithrc_user_file(struct kithrc *rc, const char *path)
{
	struct strbuf why = { 0 };
	int bad = kithrc_file(rc, path, 0, &why);

	if (bad == -1) {
		if (rc->errors.len)
			sb_appendc(&rc->errors, '\n');
		sb_append(&rc->errors, sb_str(&why));
	}
	sb_free(&why);
	return bad == -2 ? 0 : bad;     /* no config file: the defaults */
}

int
kithrc_builtin(struct kithrc *rc)
{
	return kithrc_apply(rc, kith_builtin_config, "(built-in)", 0);
}
