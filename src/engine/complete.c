/*
 * complete.c: Tab completion on the ':' line.
 *
 * What is completed depends on the word under the cursor:
 *	first word            command names and set/bind/color/source
 *	set NAME | VALUE      option names | on/off or an option's choices
 *	bind MAP KEYS CMD     keymap names, then command names and none
 *	color ELEM FG BG ATTR element names, colour names, attributes
 *	source FILE, import FILE
 *	                      file names (directories end in '/')
 *	log, followup-add, attendee-add, map-place NAME
 *	                      contact names (contact_candidates), the whole
 *	                      rest of the line being the name
 * One candidate replaces the word. Several first extend the word to
 * their common prefix; pressing Tab again cycles through them. The
 * candidates are listed on the status line.
 */
#include "core.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "kith/contact.h"
#include "kith/path.h"
#include "kith/xalloc.h"

#define CONTACT_CANDIDATES 20

struct cands {
	char **v;
	int n, cap;
	bool literal;               /* candidates start with the typed word (not contacts) */
};

static void
cand_add(struct cands *c, const char *s)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 32;
		c->v = xreallocarray(c->v, (size_t)c->cap, sizeof(*c->v));
	}
	c->v[c->n++] = xstrdup(s);
}

static void
cand_add_prefixed(struct cands *c, const char *s, const char *prefix)
{
	if (str_prefix(s, prefix))
		cand_add(c, s);
}

static void
cands_free(struct cands *c)
{
	int i;

	for (i = 0; i < c->n; i++)
		free(c->v[i]);
	free(c->v);
	memset(c, 0, sizeof(*c));
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
add_commands(struct cands *c, const char *w, bool with_none)
{
	const struct cmd_info *t;
	int i, n;
	static const char *const words[] = { "set", "bind", "color", "source" };

	t = cmd_table(&n);
	for (i = 0; i < n; i++)
		if (t[i].cmd != CMD_NONE)
			cand_add_prefixed(c, t[i].name, w);
	if (with_none)
		cand_add_prefixed(c, "none", w);
	else
		for (i = 0; i < 4; i++)
			cand_add_prefixed(c, words[i], w);
}

static void
add_option_values(struct cands *c, const char *name, const char *w)
{
	const struct opt_def *d;
	int i, n;

	d = opt_table(&n);
	for (i = 0; i < n; i++) {
		if (strcmp(d[i].name, name) != 0)
			continue;
		if (d[i].type == OPT_BOOL) {
			cand_add_prefixed(c, "on", w);
			cand_add_prefixed(c, "off", w);
		} else if (d[i].type == OPT_ENUM) {
			char *ch = xstrdup(d[i].choices), *tok, *save = NULL;
			for (tok = strtok_r(ch, "|", &save); tok; tok = strtok_r(NULL, "|", &save))
				cand_add_prefixed(c, tok, w);
			free(ch);
		}
	}
}

static void
add_files(struct cands *c, const char *w)
{
	const char *slash = strrchr(w, '/'), *base = slash ? slash + 1 : w;
	char *dir, *shown;
	const char *home = getenv("HOME");
	struct dirent *de;
	DIR *d;

	shown = slash ? xstrndup(w, (size_t)(slash - w) + 1) : xstrdup("");
	if (shown[0] == '~' && shown[1] == '/' && !str_empty(home))
		dir = path_join(home, shown + 2);
	else
		dir = xstrdup(*shown ? shown : "./");
	if (!*dir || dir[strlen(dir) - 1] != '/') {
		char *t = xmalloc(strlen(dir) + 2);
		strcpy(t, dir);
		strcat(t, "/");
		free(dir);
		dir = t;
	}
	d = opendir(dir);
	if (d) {
		while ((de = readdir(d)) != NULL) {
			struct strbuf sb = { 0 };
			bool isdir;
			DIR *sub;
			if (!str_prefix(de->d_name, base) || strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			if (de->d_name[0] == '.' && base[0] != '.')
				continue;
			sb_printf(&sb, "%s%s", dir, de->d_name);
			sub = opendir(sb_str(&sb));
			isdir = sub != NULL;
			if (sub)
				closedir(sub);
			sb_reset(&sb);
			sb_printf(&sb, "%s%s%s", shown, de->d_name, isdir ? "/" : "");
			cand_add(c, sb_str(&sb));
			sb_free(&sb);
		}
		closedir(d);
	}
	free(dir);
	free(shown);
}

static int
contact_cand(void *ud, const struct contact_row *row)
{
	cand_add(ud, row->name);
	return 0;
}

static bool
takes_contact(const char *w)
{
	return strcmp(w, "log") == 0 || strcmp(w, "followup-add") == 0 ||
	       strcmp(w, "attendee-add") == 0 || strcmp(w, "map-place") == 0;
}

/* Split the text before the cursor into words (start offsets). */
static int
split_words(const char *s, size_t len, size_t *starts, int max)
{
	size_t i = 0;
	int n = 0;

	while (i < len) {
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i >= len)
			break;
		if (n < max)
			starts[n] = i;
		n++;
		while (i < len && s[i] != ' ' && s[i] != '\t')
			i++;
	}
	return n;
}

/* Replace text [start, cursor) with repl. */
static void
replace_word(struct engine *e, size_t start, const char *repl)
{
	struct strbuf sb = { 0 };
	const char *s = sb_str(&e->input.text);
	size_t cur = e->input.cursor;

	sb_appendn(&sb, s, start);
	sb_append(&sb, repl);
	sb_append(&sb, s + cur);
	le_set(&e->input, sb_str(&sb));
	e->input.cursor = start + strlen(repl);
	sb_free(&sb);
}

static void
list_message(struct engine *e, struct cands *c)
{
	struct strbuf sb = { 0 };
	int i;

	sb_printf(&sb, "%d matches:", c->n);
	for (i = 0; i < c->n && sb.len < 400; i++)
		sb_printf(&sb, " %s", c->v[i]);
	if (i < c->n)
		sb_append(&sb, " …");
	engine_msg(e, "%s", sb_str(&sb));
	sb_free(&sb);
}

/* Find candidates for the word before the cursor; *start gets its offset. */
static void
find_candidates(struct engine *e, struct cands *c, size_t *start)
{
	const char *s = sb_str(&e->input.text);
	size_t cur = e->input.cursor, st[8];
	int nw = split_words(s, cur, st, 8), idx;
	bool at_new = cur == 0 || s[cur - 1] == ' ' || s[cur - 1] == '\t';
	char *first, *w;

	idx = at_new ? nw : nw - 1;         /* index of the word being typed */
	*start = at_new ? cur : st[idx < 8 ? idx : 7];
	w = xstrndup(s + *start, cur - *start);
	c->literal = true;
	if (idx <= 0) {
		add_commands(c, w, false);
		free(w);
		return;
	}
	first = xstrndup(s + st[0], strcspn(s + st[0], " \t"));
	if (strcmp(first, "set") == 0 && idx == 1) {
		const struct opt_def *d;
		int i, n;
		d = opt_table(&n);
		for (i = 0; i < n; i++)
			cand_add_prefixed(c, d[i].name, w);
	} else if (strcmp(first, "set") == 0 && idx == 2) {
		char *name = xstrndup(s + st[1], strcspn(s + st[1], " \t"));
		add_option_values(c, name, w);
		free(name);
	} else if (strcmp(first, "bind") == 0 && idx == 1) {
		int i;
		for (i = 0; i < KM_COUNT_; i++)
			cand_add_prefixed(c, keymap_name(i), w);
	} else if (strcmp(first, "bind") == 0 && idx == 3) {
		add_commands(c, w, true);
	} else if (strcmp(first, "color") == 0 && idx == 1) {
		int i;
		for (i = 0; i < VS_COUNT_; i++)
			cand_add_prefixed(c, theme_style_name(i), w);
	} else if (strcmp(first, "color") == 0 && (idx == 2 || idx == 3)) {
		static const char *const cols[] = { "default", "black", "red", "green",
			"yellow", "blue", "magenta", "cyan", "white", "brightblack", "brightred",
			"brightgreen", "brightyellow", "brightblue", "brightmagenta", "brightcyan",
			"brightwhite" };
		size_t i;
		for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
			cand_add_prefixed(c, cols[i], w);
	} else if (strcmp(first, "color") == 0 && idx >= 4) {
		static const char *const attrs[] = { "bold", "underline", "reverse", "dim",
			"italic", "normal" };
		size_t i;
		for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++)
			cand_add_prefixed(c, attrs[i], w);
	} else if ((strcmp(first, "source") == 0 || strcmp(first, "import") == 0) && idx == 1) {
		add_files(c, w);
	} else if (takes_contact(first)) {
		/* the name is the whole rest of the line */
		struct kith_err err;
		size_t rest = st[1];
		char *prefix = xstrndup(s + rest, cur - rest);
		*start = rest;
		c->literal = false;
		kith_err_clear(&err);
		if (contact_candidates(e->db, str_trim(prefix), CONTACT_CANDIDATES, contact_cand,
				       c, &err) != KITH_OK)
			engine_error(e, "%s", err.msg);
		free(prefix);
	}
	free(first);
	free(w);
}

/* Complete the word before the cursor (Tab on the ':' line). */
int
cmdline_complete(struct engine *e)
{
	struct cands c = { 0 };
	size_t start, lcp;
	int i;

	if (e->compl && e->ncompl > 1) {
		/* a second Tab: cycle */
		e->compl_pos = (e->compl_pos + 1) % e->ncompl;
		replace_word(e, e->compl_start, e->compl[e->compl_pos]);
		return R_REDRAW;
	}
	find_candidates(e, &c, &start);
	if (c.n == 0) {
		engine_msg(e, "No completions");
		cands_free(&c);
		return R_BELL | R_REDRAW;
	}
	if (c.literal)
		qsort(c.v, (size_t)c.n, sizeof(*c.v), cmp_str);
	if (c.n == 1) {
		struct strbuf sb = { 0 };
		size_t len = strlen(c.v[0]);
		sb_append(&sb, c.v[0]);
		if (len && c.v[0][len - 1] != '/')
			sb_appendc(&sb, ' ');
		replace_word(e, start, sb_str(&sb));
		sb_free(&sb);
		cands_free(&c);
		return R_REDRAW;
	}
	list_message(e, &c);
	lcp = strlen(c.v[0]);
	for (i = 1; i < c.n; i++) {
		size_t j = 0;
		while (j < lcp && c.v[i][j] == c.v[0][j])
			j++;
		lcp = j;
	}
	while (lcp > 0 && ((unsigned char)c.v[0][lcp] & 0xc0) == 0x80)
		lcp--;                  /* never cut a UTF-8 sequence */
	if (c.literal && lcp > e->input.cursor - start) {
		char *p = xstrndup(c.v[0], lcp);
		replace_word(e, start, p);
		free(p);
		/* the next Tab cycles through the same candidates */
		e->compl = c.v;
		e->ncompl = c.n;
		e->compl_pos = -1;
		e->compl_start = start;
		return R_REDRAW;
	}
	e->compl = c.v;
	e->ncompl = c.n;
	e->compl_pos = 0;
	e->compl_start = start;
	replace_word(e, start, c.v[0]);
	return R_REDRAW;
}

void
compl_reset(struct engine *e)
{
	int i;

	for (i = 0; i < e->ncompl; i++)
		free(e->compl[i]);
	free(e->compl);
	e->compl = NULL;
	e->ncompl = 0;
	e->compl_pos = 0;
}
