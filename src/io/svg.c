/*
 * svg.c: a power map's grid as a standalone SVG picture (see
 * kith/mapexport.h), sized for a slide: five coloured alignment bands
 * left to right, influence 5 at the top, names in their cells.
 *
 * Text from the database is escaped for XML, and characters XML 1.0 does
 * not allow (C0 controls) or that could reorder the text (bidi controls)
 * are dropped. Names too long for a cell are cut with "…"; a cell with more
 * names than fit ends with "+N more".
 */
#include <stdio.h>
#include <string.h>

#include "kith/date.h"
#include "kith/mapexport.h"
#include "kith/types.h"
#include "kith/utf8.h"
#include "kith/mapdata.h"

#define SVG_MARGIN      40
#define SVG_LABEL_W     120     /* the influence labels */
#define SVG_COL_W       210
#define SVG_HEAD_H      56      /* the band names */
#define SVG_LINE_H      24      /* one name */
#define SVG_CELL_PAD    14
#define SVG_CELL_MAX    14      /* names shown per cell before "+N more" */
#define SVG_NAME_COLS   23      /* columns of a name at 14px in a cell */
#define SVG_FONT        "Helvetica, Arial, 'Noto Sans', 'Noto Sans CJK SC', 'DejaVu Sans', sans-serif"

static const char *const band_name[5] = { "Active opposition", "Passive opposition",
					  "Neutral / unknown", "Passive ally", "Active ally" };
static const char *const band_ink[5] = { "#b03a2e", "#d35400", "#616a6b", "#229954", "#196f3d" };
static const char *const band_bg[5] = { "#f9e0dd", "#fbe9d7", "#eef0f1", "#e2f3e7", "#cfeadb" };

/*
** Append s for XML text or an attribute: characters XML does not allow or
** that would reorder the text dropped first, then cut to cols columns
** ("…") if cols > 0, then escaped.
*/
static void
xml_text(struct strbuf *sb, const char *s, int cols)
{
	struct strbuf clean = {0};
	size_t len = strlen(s), i = 0, end;
	const char *t;
	bool cut = false;
	uint32_t cp;

	while (i < len) {
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (!utf8_is_unsafe(cp) && cp != 0xFFFE && cp != 0xFFFF &&
		    !(cp == UTF8_REPLACEMENT && n == 1))
			sb_appendn(&clean, s + i, n);
		i += n;
	}
	t = sb_str(&clean);
	end = clean.len;
	if (cols > 0 && utf8_width(t) > cols) {
		end = utf8_fit(t, cols - 1, NULL);
		cut = true;
	}
	for (i = 0; i < end; i++) {
		switch (t[i]) {
		case '&': sb_append(sb, "&amp;"); break;
		case '<': sb_append(sb, "&lt;"); break;
		case '>': sb_append(sb, "&gt;"); break;
		case '"': sb_append(sb, "&quot;"); break;
		case '\'': sb_append(sb, "&apos;"); break;
		default: sb_appendc(sb, t[i]); break;
		}
	}
	if (cut)
		sb_append(sb, "\xe2\x80\xa6");
	sb_free(&clean);
}

/* A five-pointed star of radius 7 centred on (x, y): a target. */
static void
star(struct strbuf *sb, int x, int y)
{
	static const double pt[10][2] = {
		{ 0, -7 }, { 1.76, -2.43 }, { 6.66, -2.16 }, { 2.85, 0.93 }, { 4.11, 5.66 },
		{ 0, 3 }, { -4.11, 5.66 }, { -2.85, 0.93 }, { -6.66, -2.16 }, { -1.76, -2.43 },
	};

	sb_append(sb, "<polygon class=\"target\" points=\"");
	for (int i = 0; i < 10; i++)
		sb_printf(sb, "%s%.2f,%.2f", i ? " " : "", x + pt[i][0], y + pt[i][1]);
	sb_append(sb, "\"/>");
}

/* The marker of an entry at (x, y): star for a target, square for an organisation. */
static void
marker(struct strbuf *sb, const struct map_item *it, int x, int y)
{
	if (it->target)
		star(sb, x, y);
	else if (it->org_id)
		sb_printf(sb, "<rect class=\"org b%d\" x=\"%d\" y=\"%d\" width=\"10\" height=\"10\"/>",
			  it->alignment + 2, x - 5, y - 5);
	else
		sb_printf(sb, "<circle class=\"person b%d\" cx=\"%d\" cy=\"%d\" r=\"5\"/>",
			  it->alignment + 2, x, y);
}

static void
style(struct strbuf *sb)
{
	sb_append(sb, "<style>\n"
		  "  text { font-family: " SVG_FONT "; fill: #1c2833; }\n"
		  "  .title { font-size: 28px; font-weight: bold; }\n"
		  "  .goal { font-size: 16px; fill: #424949; }\n"
		  "  .band { font-size: 15px; font-weight: bold; text-anchor: middle; }\n"
		  "  .row { font-size: 15px; font-weight: bold; text-anchor: end; }\n"
		  "  .axis { font-size: 13px; fill: #566573; }\n"
		  "  .name { font-size: 14px; }\n"
		  "  .tname { font-size: 14px; font-weight: bold; }\n"
		  "  .ptag { font-size: 11px; font-weight: normal; fill: #566573; }\n"
		  "  .more { font-size: 13px; font-style: italic; fill: #566573; }\n"
		  "  .note { font-size: 12px; fill: #566573; }\n"
		  "  .grid { stroke: #ffffff; stroke-width: 3; }\n"
		  "  .target { fill: #f4d03f; stroke: #7d6608; stroke-width: 1; }\n"
		  "  .org { stroke: #1c2833; stroke-width: 0.8; }\n"
		  "  .person { stroke: #ffffff; stroke-width: 1; }\n");
	for (int b = 0; b < 5; b++)
		sb_printf(sb, "  .b%d { fill: %s; }\n  .bg%d { fill: %s; }\n", b, band_ink[b], b,
			  band_bg[b]);
	sb_append(sb, "</style>\n");
}

enum kith_status
map_export_svg(struct kdb *db, int64_t map_id, const char *as_of, struct strbuf *out,
	       struct kith_err *err)
{
	struct map_data md;
	enum kith_status rc;
	int count[5][5] = {{0}}, band[5] = {0}, rowh[5], top[5], y, width, height, gx, gy;
	char today[KDATE_STR];

	if ((rc = map_data_load(db, map_id, as_of, &md, err)) != KITH_OK)
		return rc;
	for (int i = 0; i < md.n; i++) {
		count[5 - md.items[i].influence][md.items[i].alignment + 2]++;
		band[md.items[i].alignment + 2]++;
	}
	gx = SVG_MARGIN + SVG_LABEL_W;
	gy = SVG_MARGIN + 96 + SVG_HEAD_H;
	y = gy;
	for (int r = 0; r < 5; r++) {
		int most = 2;
		for (int c = 0; c < 5; c++) {
			int shown = count[r][c] > SVG_CELL_MAX ? SVG_CELL_MAX + 1 : count[r][c];
			if (shown > most)
				most = shown;
		}
		rowh[r] = most * SVG_LINE_H + 2 * SVG_CELL_PAD;
		top[r] = y;
		y += rowh[r];
	}
	width = gx + 5 * SVG_COL_W + SVG_MARGIN;
	height = y + 120;
	kdate_format(kdate_today(), today);

	sb_printf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		  "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		  "viewBox=\"0 0 %d %d\" role=\"img\">\n<title>", width, height, width, height);
	xml_text(out, md.map.name, 0);
	sb_append(out, "</title>\n");
	style(out);
	sb_printf(out, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n",
		  width, height);
	sb_printf(out, "<text class=\"title\" x=\"%d\" y=\"%d\">", SVG_MARGIN, SVG_MARGIN + 22);
	xml_text(out, md.map.name, 0);
	sb_append(out, "</text>\n");
	sb_printf(out, "<text class=\"goal\" x=\"%d\" y=\"%d\">", SVG_MARGIN, SVG_MARGIN + 50);
	if (md.map.goal && *md.map.goal) {
		sb_append(out, "Goal: ");
		xml_text(out, md.map.goal, 0);
		sb_append(out, " \xc2\xb7 ");
	}
	if (as_of)
		sb_printf(out, "as it stood on %s</text>\n", as_of);
	else
		sb_printf(out, "as of %s</text>\n", today);

	/* the axes: alignment across, influence up */
	sb_printf(out, "<text class=\"axis\" x=\"%d\" y=\"%d\">\xe2\x86\x90 opposed</text>\n", gx,
		  gy - SVG_HEAD_H - 10);
	sb_printf(out, "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">ALIGNMENT"
		  "</text>\n", gx + 5 * SVG_COL_W / 2, gy - SVG_HEAD_H - 10);
	sb_printf(out, "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"end\">allied "
		  "\xe2\x86\x92</text>\n", gx + 5 * SVG_COL_W, gy - SVG_HEAD_H - 10);
	sb_printf(out, "<text class=\"axis\" transform=\"translate(%d %d) rotate(-90)\" "
		  "text-anchor=\"middle\">INFLUENCE \xe2\x86\x92</text>\n", SVG_MARGIN + 8,
		  gy + (y - gy) / 2);

	/* the bands: a coloured column each, its name on top */
	for (int c = 0; c < 5; c++) {
		int x = gx + c * SVG_COL_W;
		sb_printf(out, "<rect class=\"bg%d\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>\n",
			  c, x, gy - SVG_HEAD_H, SVG_COL_W, y - gy + SVG_HEAD_H);
		sb_printf(out, "<text class=\"band b%d\" x=\"%d\" y=\"%d\">%s</text>\n", c,
			  x + SVG_COL_W / 2, gy - SVG_HEAD_H / 2 + 5, band_name[c]);
	}
	for (int r = 0; r < 5; r++) {
		sb_printf(out, "<text class=\"row\" x=\"%d\" y=\"%d\">Influence %d</text>\n", gx - 12,
			  top[r] + SVG_CELL_PAD + 15, 5 - r);
		sb_printf(out, "<line class=\"grid\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", gx,
			  top[r], gx + 5 * SVG_COL_W, top[r]);
	}
	for (int c = 1; c < 5; c++)
		sb_printf(out, "<line class=\"grid\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n",
			  gx + c * SVG_COL_W, gy - SVG_HEAD_H, gx + c * SVG_COL_W, y);

	/* the names, in the placements' order (by name within a cell) */
	{
		int shown[5][5] = {{0}};
		for (int i = 0; i < md.n; i++) {
			const struct map_item *it = &md.items[i];
			int r = 5 - it->influence, c = it->alignment + 2, k = shown[r][c]++;
			int x = gx + c * SVG_COL_W + SVG_CELL_PAD, ly = top[r] + SVG_CELL_PAD +
				k * SVG_LINE_H + 15;
			if (k > SVG_CELL_MAX)
				continue;
			sb_append(out, "<g>");
			if (k == SVG_CELL_MAX && count[r][c] > SVG_CELL_MAX + 1) {
				sb_printf(out, "<text class=\"more\" x=\"%d\" y=\"%d\">+%d more</text>",
					  x + 14, ly, count[r][c] - SVG_CELL_MAX);
				sb_append(out, "</g>\n");
				continue;
			}
			marker(out, it, x + 5, ly - 5);
			sb_printf(out, "<text class=\"%s\" x=\"%d\" y=\"%d\">",
				  it->target ? "tname" : "name", x + 16, ly);
			/* bold runs wider: a target's name gets fewer columns, and the
			   primary target's tag is small and plain to leave room */
			xml_text(out, it->name, it->primary ? SVG_NAME_COLS - 7 :
				 it->target ? SVG_NAME_COLS - 3 : SVG_NAME_COLS);
			if (it->primary)
				sb_append(out, "<tspan class=\"ptag\" dx=\"4\"> (primary)</tspan>");
			sb_append(out, "</text></g>\n");
		}
	}

	/* legend and counts */
	y += 34;
	sb_printf(out, "<circle class=\"person b2\" cx=\"%d\" cy=\"%d\" r=\"5\"/>"
		  "<text class=\"note\" x=\"%d\" y=\"%d\">person</text>\n", gx + 5, y - 4, gx + 16, y);
	sb_printf(out, "<rect class=\"org b2\" x=\"%d\" y=\"%d\" width=\"10\" height=\"10\"/>"
		  "<text class=\"note\" x=\"%d\" y=\"%d\">organisation</text>\n", gx + 80, y - 9,
		  gx + 96, y);
	star(out, gx + 205, y - 4);
	sb_printf(out, "<text class=\"note\" x=\"%d\" y=\"%d\">target</text>\n",
		  gx + 216, y);
	y += 24;
	sb_printf(out, "<text class=\"note\" x=\"%d\" y=\"%d\">", gx, y);
	for (int c = 0; c < 5; c++)
		sb_printf(out, "%s%s: %d", c ? " \xc2\xb7 " : "", band_name[c], band[c]);
	sb_printf(out, " \xc2\xb7 %d placed</text>\n", md.n);
	sb_printf(out, "<text class=\"note\" x=\"%d\" y=\"%d\" text-anchor=\"end\">kith \xc2\xb7 "
		  "%s</text>\n", gx + 5 * SVG_COL_W, y, today);
	sb_append(out, "</svg>\n");
	map_data_free(&md);
	return KITH_OK;
}
