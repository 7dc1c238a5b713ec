/*
 * kithrc-doc: write the generated sections of man/kithrc.5 from the live
 * tables, so the manual cannot drift from the code.
 *
 *   kithrc-doc commands     the COMMANDS section (from command.h)
 *   kithrc-doc options      the OPTIONS section (from options.c)
 *   kithrc-doc update FILE  rewrite both sections of FILE in place
 *
 * In the man page each section sits between the lines
 * `.\" BEGIN GENERATED commands` and `.\" END GENERATED commands`.
 * tests/unit/check_docs.c fails if the manual lacks a name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/command.h"
#include "kith/str.h"
#include "../../src/engine/core.h"

/* roff text: escape backslashes and hyphens, and a leading dot or quote. */
static void
roff(struct strbuf *sb, const char *s)
{
	if (*s == '.' || *s == '\'')
		sb_append(sb, "\\&");
	for (; *s; s++) {
		if (*s == '\\')
			sb_append(sb, "\\e");
		else if (*s == '-')
			sb_append(sb, "\\-");
		else
			sb_appendc(sb, *s);
	}
}

static void
gen_commands(struct strbuf *sb)
{
	const struct cmd_info *t;
	int i, n;

	t = cmd_table(&n);
	for (i = 0; i < n; i++) {
		if (t[i].cmd == CMD_NONE) {
			sb_append(sb, ".SS ");
			roff(sb, t[i].name);
			sb_append(sb, "\n");
			continue;
		}
		sb_append(sb, ".TP\n.B ");
		roff(sb, t[i].name);
		sb_append(sb, "\n");
		roff(sb, t[i].help);
		sb_append(sb, "\n");
	}
}

static void
gen_options(struct strbuf *sb)
{
	const struct opt_def *d;
	int i, n;
	static const char *const types[] = { "on|off", "number", "", "text" };

	d = opt_table(&n);
	for (i = 0; i < n; i++) {
		sb_append(sb, ".TP\n.BI \"");
		roff(sb, d[i].name);
		sb_append(sb, " \" ");
		roff(sb, d[i].type == OPT_ENUM ? d[i].choices : types[d[i].type]);
		sb_append(sb, "\n");
		roff(sb, d[i].doc);
		if (d[i].type == OPT_INT)
			sb_printf(sb, " (%ld to %ld)", d[i].min, d[i].max);
		sb_append(sb, ". Default: ");
		roff(sb, opt_default_doc(&d[i]));
		sb_append(sb, ".\n");
	}
}

/* Replace the text between one pair of markers (in any order in the file). */
static int
replace_section(struct strbuf *text, const char *name)
{
	struct strbuf out = { 0 };
	char begin[64], end[64];
	const char *p = sb_str(text), *b, *e;

	snprintf(begin, sizeof(begin), ".\\\" BEGIN GENERATED %s\n", name);
	snprintf(end, sizeof(end), ".\\\" END GENERATED %s\n", name);
	b = strstr(p, begin);
	e = b ? strstr(b, end) : NULL;
	if (!b || !e)
		return -1;
	sb_appendn(&out, p, (size_t)(b - p) + strlen(begin));
	if (strcmp(name, "commands") == 0)
		gen_commands(&out);
	else
		gen_options(&out);
	sb_append(&out, e);
	sb_free(text);
	*text = out;
	return 0;
}

static int
update(const char *path)
{
	struct strbuf text = { 0 };
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "r");

	if (!f) {
		perror(path);
		return 1;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_appendn(&text, buf, n);
	fclose(f);
	if (replace_section(&text, "commands") < 0 || replace_section(&text, "options") < 0) {
		fprintf(stderr, "%s: missing BEGIN/END GENERATED markers\n", path);
		sb_free(&text);
		return 1;
	}
	f = fopen(path, "w");
	if (!f || fputs(sb_str(&text), f) == EOF || fclose(f) != 0) {
		perror(path);
		sb_free(&text);
		return 1;
	}
	sb_free(&text);
	return 0;
}

int
main(int argc, char **argv)
{
	struct strbuf sb = { 0 };

	if (argc == 2 && strcmp(argv[1], "commands") == 0)
		gen_commands(&sb);
	else if (argc == 2 && strcmp(argv[1], "options") == 0)
		gen_options(&sb);
	else if (argc == 3 && strcmp(argv[1], "update") == 0)
		return update(argv[2]);
	else {
		fprintf(stderr, "usage: kithrc-doc commands|options|update FILE\n");
		return 2;
	}
	fputs(sb_str(&sb), stdout);
	sb_free(&sb);
	return 0;
}
