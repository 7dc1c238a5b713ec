/*
 * out.c: error messages and safe output for the command line.
 *
 * Text from the database or from arguments may hold control characters,
 * escapes or bidi overrides. Plain-text output and error messages show
 * them in a visible form ("^[", "<U+202E>") so nothing from the data can
 * drive the terminal; JSON output escapes them instead.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kith/utf8.h"
#include "cli.h"

/*
** The exit status for a failed call: bad input the user can fix (an
** invalid value, a name matching nothing or several) is a usage error,
** anything else a runtime error.
*/
int
cli_exit_for(enum kith_status st)
{
	switch (st) {
	case KITH_OK:
		return CLI_OK;
	case KITH_INVALID:
	case KITH_NOTFOUND:
	case KITH_AMBIGUOUS:
		return CLI_USAGE;
	case KITH_CORRUPT:
		return CLI_DAMAGED;
	default:
		return CLI_RUNTIME;
	}
}

/*
** Print `kith: <what>: <why>` on stderr and return status. what may be
** NULL when the message already names what it is about.
*/
int
cli_error(int status, const char *what, const char *fmt, ...)
{
	struct strbuf raw = {0}, line = {0};
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&raw, fmt, ap);
	va_end(ap);
	sb_append(&line, "kith: ");
	if (what) {
		cli_sanitize(&line, what);
		sb_append(&line, ": ");
	}
	cli_sanitize(&line, sb_str(&raw));
	sb_appendc(&line, '\n');
	fflush(stdout);
	fputs(sb_str(&line), stderr);
	sb_free(&raw);
	sb_free(&line);
	return status;
}

/*
** Report a failed library call. The library's message names what and why
** ("influence 9: must be 1 to 5"); `what` is put in front when given.
*/
int
cli_fail(enum kith_status st, const struct kith_err *err, const char *what)
{
	const char *msg = err && err->msg[0] ? err->msg : kith_status_str(st);

	return cli_error(cli_exit_for(st), what, "%s", msg);
}

void
cli_sanitize(struct strbuf *sb, const char *s)
{
	size_t n, i = 0, len;
	uint32_t cp;
	char repr[12];
	int marks = 0;

	if (!s)
		return;
	len = strlen(s);
	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		/* as many marks on one character as the screen keeps, no more */
		marks = !utf8_is_unsafe(cp) && utf8_cp_width(cp) == 0 ? marks + 1 : 0;
		if (marks > UTF8_MAX_MARKS) {
			i += n;
			continue;
		}
		if (utf8_is_unsafe(cp)) {
			utf8_control_repr(cp, repr);
			sb_append(sb, repr);
		} else if (cp == UTF8_REPLACEMENT && n == 1) {
			sb_append(sb, "\xEF\xBF\xBD");
		} else {
			sb_appendn(sb, s + i, n);
		}
		i += n;
	}
}

/* Standard output is a terminal: cells are cut to their column (asked once). */
static bool
cells_cut(void)
{
	static int tty = -1;

	if (tty < 0)
		tty = isatty(STDOUT_FILENO);
	return tty;
}

void
cli_cell(struct strbuf *sb, const char *s, int width, bool pad)
{
	struct strbuf clean = {0};
	const char *t;
	int w, used = 0;
	size_t fit;

	cli_sanitize(&clean, s);
	t = sb_str(&clean);
	w = utf8_width(t);
	if (w <= width || !cells_cut()) {
		/* piped: the whole field, so grep, cut and scripts see all of it */
		sb_append(sb, t);
		used = w;
	} else if (width > 0) {
		fit = utf8_fit(t, width - 1, &used);
		sb_appendn(sb, t, fit);
		sb_append(sb, "\xE2\x80\xA6");      /* … */
		used++;
	}
	while (pad && used < width) {
		sb_appendc(sb, ' ');
		used++;
	}
	sb_free(&clean);
}

void
cli_json_str(struct strbuf *sb, const char *s)
{
	if (str_empty(s))
		sb_append(sb, "null");
	else
		sb_json_str(sb, s);
}

void
cli_json_num(struct strbuf *sb, long long n, bool zero_is_null)
{
	if (n == 0 && zero_is_null)
		sb_append(sb, "null");
	else
		sb_printf(sb, "%lld", n);
}

/* ", \"key\": " by appends: a format per field costs a row of a JSON list its time */
static void
json_key(struct strbuf *sb, const char *key)
{
	sb_append(sb, ", \"");
	sb_append(sb, key);
	sb_append(sb, "\": ");
}

void
cli_json_field(struct strbuf *sb, const char *key, const char *s)
{
	json_key(sb, key);
	cli_json_str(sb, s);
}

void
cli_json_field_num(struct strbuf *sb, const char *key, long long n, bool zero_is_null)
{
	json_key(sb, key);
	cli_json_num(sb, n, zero_is_null);
}

void
cli_flush(struct strbuf *sb)
{
	fwrite(sb_str(sb), 1, sb->len, stdout);
	sb_reset(sb);
}

struct strbuf *
cli_list_row(struct cli_list *l)
{
	if (l->json)
		sb_append(&l->sb, l->n ? ",\n  " : "[\n  ");
	return &l->sb;
}

int
cli_list_row_end(struct cli_list *l)
{
	if (!l->json)
		sb_appendc(&l->sb, '\n');
	cli_flush(&l->sb);
	l->n++;
	return 0;
}

void
cli_list_end(struct cli_list *l)
{
	if (l->json)
		sb_append(&l->sb, l->n ? "\n]\n" : "[]\n");
	cli_flush(&l->sb);
	sb_free(&l->sb);
}

int
cli_list_close(struct cli_list *l, enum kith_status st, const struct kith_err *err,
	       const char *what, const char *none)
{
	if (st == KITH_OK && none && !l->json && !l->n)
		puts(none);
	cli_list_end(l);
	return st == KITH_OK ? CLI_OK : cli_fail(st, err, what);
}

int
cli_confirm_delete(bool yes, const char *what)
{
	char line[16];

	if (yes)
		return CLI_OK;
	if (!isatty(STDIN_FILENO))
		return cli_error(CLI_USAGE, NULL, "delete %s: not asked on a terminal; give --yes "
				 "to delete (nothing deleted)", what);
	fprintf(stderr, "Delete %s? [y/N] ", what);
	fflush(stderr);
	if (!fgets(line, sizeof line, stdin) || (line[0] != 'y' && line[0] != 'Y'))
		return cli_error(CLI_RUNTIME, NULL, "not deleted");
	return CLI_OK;
}
