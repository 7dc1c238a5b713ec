/*
 * keymap.c: key names and keymaps.
 *
 * A keymap is a list of bindings from a key sequence ("j", "gg",
 * "<C-r>", "z<Tab>") to a command. There is one per pane ("contacts",
 * "events", "map", "followups"), one for keys valid everywhere
 * ("generic"), and one per mode that reads keys ("search", "form",
 * "pick", "help"). A lookup walks a chain of maps, most specific first:
 * the first map that knows the sequence decides, so `bind contacts q
 * none` unbinds q in the Contacts pane even though "generic" binds it.
 *
 * Sequences: if a map binds a longer sequence starting with the keys
 * typed so far, the engine waits for the next key (the typed keys are
 * shown as pending). If the next key completes nothing, the command bound
 * to the shorter sequence (if any) runs and the key is read afresh.
 */
#include "core.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kith/utf8.h"
#include "kith/xalloc.h"

struct binding {
	struct keyseq seq;
	enum cmd cmd;               /* CMD_NONE: explicitly unbound */
};

struct keymap {
	struct binding *b;
	int n, cap;
};

struct keymaps {
	struct keymap maps[KM_COUNT_];
};

static const char *const km_names[KM_COUNT_] = {
	[KM_GENERIC] = "generic", [KM_CONTACTS] = "contacts", [KM_EVENTS] = "events",
	[KM_MAP] = "map", [KM_FOLLOWUPS] = "followups", [KM_GOALS] = "goals",
	[KM_SEARCH] = "search",
	[KM_FORM] = "form", [KM_PICK] = "pick", [KM_HELP] = "help", [KM_REVIEW] = "review",
	[KM_DUPLICATES] = "duplicates", [KM_HEALTH] = "health",
};

static const struct {
	const char *name;
	enum kkey_special type;
	uint32_t cp;
} key_names[] = {
	{ "Enter", KK_ENTER, 0 }, { "Return", KK_ENTER, 0 }, { "CR", KK_ENTER, 0 },
	{ "Esc", KK_ESC, 0 }, { "Escape", KK_ESC, 0 },
	{ "Tab", KK_TAB, 0 }, { "S-Tab", KK_BTAB, 0 }, { "BackTab", KK_BTAB, 0 },
	{ "Up", KK_UP, 0 }, { "Down", KK_DOWN, 0 }, { "Left", KK_LEFT, 0 },
	{ "Right", KK_RIGHT, 0 }, { "Home", KK_HOME, 0 }, { "End", KK_END, 0 },
	{ "PgUp", KK_PGUP, 0 }, { "PageUp", KK_PGUP, 0 },
	{ "PgDn", KK_PGDN, 0 }, { "PageDown", KK_PGDN, 0 },
	{ "Backspace", KK_BACKSPACE, 0 }, { "BS", KK_BACKSPACE, 0 },
	{ "Delete", KK_DELETE, 0 }, { "Del", KK_DELETE, 0 },
	{ "Insert", KK_INSERT, 0 }, { "Ins", KK_INSERT, 0 },
	{ "F1", KK_F1, 0 }, { "F2", KK_F2, 0 }, { "F3", KK_F3, 0 }, { "F4", KK_F4, 0 },
	{ "F5", KK_F5, 0 }, { "F6", KK_F6, 0 }, { "F7", KK_F7, 0 }, { "F8", KK_F8, 0 },
	{ "F9", KK_F9, 0 }, { "F10", KK_F10, 0 }, { "F11", KK_F11, 0 }, { "F12", KK_F12, 0 },
	{ "Space", KK_CHAR, ' ' }, { "lt", KK_CHAR, '<' }, { "Hash", KK_CHAR, '#' },
};
#define NKEYNAMES ((int)(sizeof(key_names) / sizeof(key_names[0])))

/* True if a and b are the same key. */
bool
key_eq(struct kkey a, struct kkey b)
{
	if (a.type != b.type)
		return false;
	return a.type != KK_CHAR || a.cp == b.cp;
}

/* True for a key that types text (a code point >= 32 other than DEL and C1). */
bool
key_printable(struct kkey k)
{
	return k.type == KK_CHAR && k.cp >= 32 && k.cp != 127 && !(k.cp >= 0x80 && k.cp < 0xa0);
}

/* One "<...>" name (without the brackets) into *k; false if unknown. */
static bool
key_parse_name(const char *s, size_t n, struct kkey *k)
{
	int i;

	for (i = 0; i < NKEYNAMES; i++) {
		if (strlen(key_names[i].name) == n && strncasecmp(key_names[i].name, s, n) == 0) {
			k->type = key_names[i].type;
			k->cp = key_names[i].cp;
			return true;
		}
	}
	/* <C-x>: a control character */
	if (n == 3 && (s[0] == 'C' || s[0] == 'c') && s[1] == '-') {
		unsigned char c = (unsigned char)s[2];
		if (isalpha(c)) {
			k->type = KK_CHAR;
			k->cp = (uint32_t)(toupper(c) & 0x1f);
			return true;
		}
		if (strchr("@[\\]^_", c)) {
			k->type = KK_CHAR;
			k->cp = (uint32_t)(c & 0x1f);
			return true;
		}
		if (c == '?') {
			k->type = KK_CHAR;
			k->cp = 127;
			return true;
		}
	}
	return false;
}

/*
** Parse a key sequence as written in the config. Plain characters stand
** for themselves (UTF-8); "<Name>" names a special key (see key_names)
** or a control key "<C-r>". Returns false with *why on a bad sequence
** (empty, too long, unknown name, invalid UTF-8).
*/
bool
key_parse(const char *s, struct keyseq *out, const char **why)
{
	size_t len, i = 0;

	memset(out, 0, sizeof(*out));
	if (!s || !*s) {
		*why = "empty key";
		return false;
	}
	len = strlen(s);
	if (!utf8_valid(s, len)) {
		*why = "key is not valid UTF-8";
		return false;
	}
	while (i < len) {
		struct kkey k = { KK_CHAR, 0 };
		if (out->n == KEYSEQ_MAX) {
			*why = "key sequence too long (at most 8 keys)";
			return false;
		}
		if (s[i] == '<' && i + 1 < len) {
			const char *end = strchr(s + i + 1, '>');
			if (!end || end == s + i + 1) {
				*why = "unclosed key name (write <lt> for the key <)";
				return false;
			}
			if (!key_parse_name(s + i + 1, (size_t)(end - s - i - 1), &k)) {
				*why = "unknown key name (see KEYS in kithrc(5))";
				return false;
			}
			i = (size_t)(end - s) + 1;
		} else {
			i += utf8_decode(s + i, len - i, &k.cp);
			if (k.cp < 32 || k.cp == 127 || (k.cp >= 0x80 && k.cp < 0xa0)) {
				*why = "control character in a key (write <C-x>)";
				return false;
			}
		}
		out->k[out->n++] = k;
	}
	return true;
}

/* Append the config name of one key: "j", "<Enter>", "<C-r>", "<Space>". */
void
key_name(struct kkey k, struct strbuf *sb)
{
	int i;

	if (k.type == KK_CHAR) {
		char buf[8];
		if (k.cp == ' ') {
			sb_append(sb, "<Space>");
		} else if (k.cp == '<') {
			sb_append(sb, "<lt>");
		} else if (k.cp == '#') {
			sb_append(sb, "<Hash>");
		} else if (k.cp == 127) {
			sb_append(sb, "<C-?>");
		} else if (k.cp < 32) {
			char c = (char)(k.cp + '@');
			sb_printf(sb, "<C-%c>", isalpha((unsigned char)c) ? tolower((unsigned char)c) : c);
		} else if (!key_printable(k)) {
			sb_printf(sb, "<U+%04X>", (unsigned)k.cp);
		} else {
			sb_appendn(sb, buf, utf8_encode(k.cp, buf));
		}
		return;
	}
	for (i = 0; i < NKEYNAMES; i++) {
		if (key_names[i].type == k.type) {
			sb_printf(sb, "<%s>", key_names[i].name);
			return;
		}
	}
	sb_append(sb, "<?>");
}

/* Append the name of a whole sequence ("gg", "z<Tab>"). */
void
keyseq_name(const struct keyseq *seq, struct strbuf *sb)
{
	int i;

	for (i = 0; i < seq->n; i++)
		key_name(seq->k[i], sb);
}

/* A new set of empty keymaps. */
struct keymaps *
keymaps_new(void)
{
	return xcalloc(1, sizeof(struct keymaps));
}

void
keymaps_free(struct keymaps *km)
{
	int i;

	if (!km)
		return;
	for (i = 0; i < KM_COUNT_; i++)
		free(km->maps[i].b);
	free(km);
}

/* The keymap id for a name ("generic", "contacts", ...); -1 if unknown. */
int
keymap_by_name(const char *name)
{
	return str_index(km_names, KM_COUNT_, name);
}

const char *
keymap_name(int km)
{
	return str_at(km_names, KM_COUNT_, km);
}

static bool
seq_eq(const struct keyseq *a, const struct keyseq *b)
{
	int i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (!key_eq(a->k[i], b->k[i]))
			return false;
	return true;
}

/* True if p is a proper prefix of s. */
static bool
seq_proper_prefix(const struct keyseq *p, const struct keyseq *s)
{
	int i;

	if (p->n >= s->n)
		return false;
	for (i = 0; i < p->n; i++)
		if (!key_eq(p->k[i], s->k[i]))
			return false;
	return true;
}

/*
** Bind seq to cmd in one map, replacing a binding of the same sequence.
** cmd CMD_NONE records an explicit unbinding (`none`).
*/
void
keymap_bind(struct keymaps *km, int map, const struct keyseq *seq, enum cmd cmd)
{
	struct keymap *m;
	int i;

	if (map < 0 || map >= KM_COUNT_ || seq->n == 0)
		return;
	m = &km->maps[map];
	for (i = 0; i < m->n; i++) {
		if (seq_eq(&m->b[i].seq, seq)) {
			m->b[i].cmd = cmd;
			return;
		}
	}
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 32;
		m->b = xreallocarray(m->b, (size_t)m->cap, sizeof(*m->b));
	}
	m->b[m->n].seq = *seq;
	m->b[m->n].cmd = cmd;
	m->n++;
}

/*
** Look a typed sequence up through a chain of maps. The first map that
** binds the sequence exactly, or binds a longer sequence starting with
** it, decides. A longer binding wins over an exact one (we wait for the
** next key); *fallback then holds the exact command of the first map in
** the chain that has one.
*/
enum km_result
keymap_lookup(const struct keymaps *km, const int *chain, int nchain,
	      const struct keyseq *seq, enum cmd *cmd, enum cmd *fallback)
{
	int c, i;
	bool fb_set = false;

	*cmd = CMD_NONE;
	*fallback = CMD_NONE;
	for (c = 0; c < nchain; c++) {
		const struct keymap *m = &km->maps[chain[c]];
		bool exact = false, longer = false;
		enum cmd ec = CMD_NONE;

		for (i = 0; i < m->n; i++) {
			if (seq_eq(&m->b[i].seq, seq)) {
				exact = true;
				ec = m->b[i].cmd;
			} else if (m->b[i].cmd != CMD_NONE && seq_proper_prefix(seq, &m->b[i].seq)) {
				longer = true;
			}
		}
		if (exact && !fb_set) {
			*fallback = ec;
			fb_set = true;
		}
		if (longer)
			return KMR_PENDING;
		if (exact) {
			*cmd = ec;
			return ec == CMD_NONE ? KMR_UNBOUND : KMR_CMD;
		}
	}
	return KMR_NONE;
}

/* True if a map before chain position c binds seq exactly (shadowing it). */
static bool
shadowed(const struct keymaps *km, const int *chain, int c, const struct keyseq *seq)
{
	int j, i;

	for (j = 0; j < c; j++) {
		const struct keymap *m = &km->maps[chain[j]];
		for (i = 0; i < m->n; i++)
			if (seq_eq(&m->b[i].seq, seq))
				return true;
	}
	return false;
}

/*
** Append the names of every key sequence that reaches cmd through the
** chain, in chain and binding order, skipping sequences an earlier map
** rebinds. Returns the number appended.
*/
int
keymap_keys_for(const struct keymaps *km, const int *chain, int nchain, enum cmd cmd,
		const char *sep, struct strbuf *out)
{
	int c, i, n = 0;

	for (c = 0; c < nchain; c++) {
		const struct keymap *m = &km->maps[chain[c]];
		for (i = 0; i < m->n; i++) {
			if (m->b[i].cmd != cmd || cmd == CMD_NONE)
				continue;
			if (shadowed(km, chain, c, &m->b[i].seq))
				continue;
			if (n++)
				sb_append(out, sep);
			keyseq_name(&m->b[i].seq, out);
		}
	}
	return n;
}
