/*
 * page.c: detail pages, a growable list of styled lines (see internal.h).
 */
#include "internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "kith/xalloc.h"

void
page_clear(struct page *pg)
{
	for (int i = 0; i < pg->n; i++)
		free(pg->texts[i]);
	pg->n = 0;
	pg->scroll = 0;
	free(pg->title);
	pg->title = NULL;
}

void
page_free(struct page *pg)
{
	page_clear(pg);
	free(pg->lines);
	free(pg->texts);
	memset(pg, 0, sizeof *pg);
}

void
page_title(struct page *pg, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	text_vset(&pg->title, fmt, ap);
	va_end(ap);
}

void
page_add(struct page *pg, enum view_style style, int indent, const char *fmt, ...)
{
	struct strbuf sb = { 0 };
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	/* a note with several lines becomes several lines of the page */
	for (char *nl = strchr(sb_str(&sb), '\n'); nl; nl = strchr(sb_str(&sb), '\n')) {
		*nl = '\0';
		page_add(pg, style, indent, "%s", sb_str(&sb));
		memmove(sb.buf, nl + 1, strlen(nl + 1) + 1);
		sb.len = strlen(sb.buf);
	}
	if (pg->n == pg->cap) {
		pg->cap = pg->cap ? pg->cap * 2 : 32;
		pg->lines = xreallocarray(pg->lines, (size_t)pg->cap, sizeof *pg->lines);
		pg->texts = xreallocarray(pg->texts, (size_t)pg->cap, sizeof *pg->texts);
	}
	pg->texts[pg->n] = sb_detach(&sb);
	pg->lines[pg->n].style = style;
	pg->lines[pg->n].indent = indent;
	pg->lines[pg->n].text = pg->texts[pg->n];
	pg->n++;
}

void
page_fill_view(struct page *pg, struct view_detail *out)
{
	out->title = pg->title;
	out->nlines = pg->n;
	out->lines = pg->lines;
	if (pg->scroll > pg->n - 1)
		pg->scroll = pg->n > 0 ? pg->n - 1 : 0;
	if (pg->scroll < 0)
		pg->scroll = 0;
	out->scroll = pg->scroll;
}
