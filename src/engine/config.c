/*
 * config.c: the configuration language.
 *
 *	# a comment (a '#' starting a word starts a comment)
 *	set NAME VALUE                  options.c has the table
 *	bind KEYMAP KEYS COMMAND        COMMAND "none" unbinds
 *	color ELEMENT FG BG [ATTR...]   elements are the view styles
 *	source FILE                     relative to the including file
 *
 * Words are separated by blanks; "double" or 'single' quotes keep
 * blanks, and a backslash in double quotes escapes the next character.
 * A bad line is reported as "path:line: message", appended to the
 * engine's error list, and the lines after it still apply (tig, and
 * calcurse's key file log).
 */
#include "core.h"

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
stmt_set(struct engine *e, struct words *ws, struct strbuf *why)
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
	ok = options_set(e->opts, ws->w[1], sb_str(&val), why);
	sb_free(&val);
	return ok;
}

static bool
stmt_bind(struct engine *e, struct words *ws, struct strbuf *why)
{
	struct keyseq seq;
	const char *kwhy;
	enum cmd cmd = CMD_NONE;
	int map;

	if (ws->n != 4) {
		sb_append(why, "usage: bind KEYMAP KEYS COMMAND");
		return false;
	}
	map = keymap_by_name(ws->w[1]);
	if (map < 0) {
		sb_printf(why, "unknown keymap '%s' (generic, contacts, events, map, followups, "
			  "search, form, pick, help)", ws->w[1]);
		return false;
	}
	if (!key_parse(ws->w[2], &seq, &kwhy)) {
		sb_printf(why, "'%s': %s", ws->w[2], kwhy);
		return false;
	}
	if (strcmp(ws->w[3], "none") != 0) {
		cmd = cmd_lookup(ws->w[3]);
		if (cmd == CMD_NONE) {
			sb_printf(why, "unknown command '%s'", ws->w[3]);
			return false;
		}
	}
	keymap_bind(e->km, map, &seq, cmd);
	return true;
}

static bool
stmt_color(struct engine *e, struct words *ws, struct strbuf *why)
{
	struct view_theme_entry t;
	int style, i;

	if (ws->n < 4) {
		sb_append(why, "usage: color ELEMENT FG BG [ATTR...]");
		return false;
	}
	style = theme_style_by_name(ws->w[1]);
	if (style < 0) {
		sb_printf(why, "unknown element '%s'", ws->w[1]);
		return false;
	}
	if (!theme_color_parse(ws->w[2], &t.fg)) {
		sb_printf(why, "unknown colour '%s'", ws->w[2]);
		return false;
	}
	if (!theme_color_parse(ws->w[3], &t.bg)) {
		sb_printf(why, "unknown colour '%s'", ws->w[3]);
		return false;
	}
	t.attrs = 0;
	for (i = 4; i < ws->n; i++) {
		int a = theme_attr_parse(ws->w[i]);
		if (a < 0) {
			sb_printf(why, "unknown attribute '%s' (bold, underline, reverse, dim, "
				  "italic, normal)", ws->w[i]);
			return false;
		}
		t.attrs |= a;
	}
	e->theme[style] = t;
	return true;
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
stmt_source(struct engine *e, struct words *ws, const char *from, int depth,
	    struct strbuf *why)
{
	char *path;
	int rc;

	if (ws->n != 2) {
		sb_append(why, "usage: source FILE");
		return false;
	}
	path = source_path(ws->w[1], from);
	rc = config_file(e, path, depth + 1, why);
	free(path);
	return rc >= 0;
}

/*
** Read and apply a config file. Returns the number of bad lines, -2 if
** the file does not exist, -1 if it cannot be read or would be read
** recursively (a loop of `source` lines, or deeper than
** CONFIG_DEPTH_MAX); why says which.
*/
int
config_file(struct engine *e, const char *path, int depth, struct strbuf *why)
{
	char real[PATH_MAX];
	struct stat st = { 0 };
	struct strbuf text = { 0 };
	char buf[4096];
	size_t n;
	FILE *f;
	int i, bad, fd;

	if (depth >= CONFIG_DEPTH_MAX) {
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
	for (i = 0; i < e->nsourcing; i++) {
		if (strcmp(e->sourcing[i], real) == 0) {
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
	e->sourcing[e->nsourcing++] = xstrdup(real);
	bad = config_apply(e, sb_str(&text), path, depth);
	free(e->sourcing[--e->nsourcing]);
	sb_free(&text);
	return bad;
}

/*
** Apply one statement. `from` is the file it was read from (NULL for the
** ':' line) for relative `source` paths; depth counts nested sources.
** Returns false with the reason in why, having changed nothing.
*/
/* A short word of letters, digits, '-' and '_': safe to show in a message. */
static bool
plain_word(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");

	return n > 0 && n <= 24 && !s[n];
}

bool
config_statement(struct engine *e, const char *line, const char *from, int depth,
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
		ok = stmt_set(e, &ws, why);
	else if (strcmp(ws.w[0], "bind") == 0)
		ok = stmt_bind(e, &ws, why);
	else if (strcmp(ws.w[0], "color") == 0)
		ok = stmt_color(e, &ws, why);
	else if (strcmp(ws.w[0], "source") == 0)
		ok = stmt_source(e, &ws, from, depth, why);
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

/*
** Apply every line of text; a bad line adds "path:line: message" to the
** engine's error list and the others still apply. Returns the number of
** bad lines (sourced files' bad lines included).
*/
int
config_apply(struct engine *e, const char *text, const char *path, int depth)
{
	const char *from = (path && path[0] != '(') ? path : NULL;
	int lineno = 0, start = e->config_bad;
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
		if (!config_statement(e, sb_str(&line), from, depth, &why)) {
			if (e->config_errors.len)
				sb_appendc(&e->config_errors, '\n');
			sb_printf(&e->config_errors, "%s:%d: %s", path ? path : "(config)", lineno,
				  sb_str(&why));
			e->config_bad++;
		}
	}
	sb_free(&line);
	sb_free(&why);
	return e->config_bad - start;
}
