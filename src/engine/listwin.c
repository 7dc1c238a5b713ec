/*
 * listwin.c: the windowed list shared by the list panes (see internal.h).
 *
 * Model. A listwin holds a window of formatted rows around the cursor,
 * never the whole list. Rows come from the pane's fetch callback, which
 * pages by keyset from an anchor row's id: after the last row held when
 * the cursor runs off the bottom, before the first when it runs off the
 * top. The window is trimmed to LW_PAGES pages so memory stays flat, and
 * `pos` (the cursor's index in the whole list) is tracked as the cursor
 * moves, so nothing ever counts rows on a keystroke. Rows flagged `group`
 * are headers ("Overdue"): they are shown but the cursor skips them, and
 * they never serve as an anchor.
 */
#include "panes.h"

#include <stdlib.h>
#include <string.h>

#include "kith/xalloc.h"

#define LW_PAGES 4              /* pages held at most */
#define LW_CHUNK 8              /* rows fetched at least past an end */

void
lw_init(struct listwin *lw, int ncols, const struct view_column *cols, lw_fetch_fn fetch,
	lw_count_fn count)
{
	memset(lw, 0, sizeof *lw);
	lw->ncols = ncols;
	lw->cols = cols;
	lw->fetch = fetch;
	lw->count = count;
	lw->sel = -1;
	lw->height = 20;
	lw->total_known = -1;
}

/* A row's cells are one block (lw_push): the pointers, then the texts. */
static void
row_free(struct listwin *lw, struct lw_row *r)
{
	(void)lw;
	free(r->cells);
}

static void
rows_clear(struct listwin *lw, struct lw_row *rows, int *n)
{
	for (int i = 0; i < *n; i++)
		row_free(lw, &rows[i]);
	*n = 0;
}

void
lw_free(struct listwin *lw)
{
	rows_clear(lw, lw->rows, &lw->nrows);
	rows_clear(lw, lw->stage, &lw->nstage);
	free(lw->rows);
	free(lw->stage);
	free(lw->vrows);
	free(lw->vcells);
	memset(lw, 0, sizeof *lw);
}

void
lw_push(struct listwin *lw, int64_t id, const char *const *cells, enum view_style style)
{
	struct lw_row *r;
	size_t size = (size_t)lw->ncols * sizeof *r->cells;
	char *text;

	if (lw->nstage == lw->stagecap) {
		lw->stagecap = lw->stagecap ? lw->stagecap * 2 : 64;
		lw->stage = xreallocarray(lw->stage, (size_t)lw->stagecap, sizeof *lw->stage);
	}
	r = &lw->stage[lw->nstage++];
	r->id = id;
	r->style = style;
	r->group = id == 0;
	/* one allocation a row, not one a cell: a window holds hundreds of rows */
	for (int i = 0; i < lw->ncols; i++)
		size += strlen(cells[i] ? cells[i] : "") + 1;
	r->cells = xmalloc(size);
	text = (char *)(r->cells + lw->ncols);
	for (int i = 0; i < lw->ncols; i++) {
		size_t n = strlen(cells[i] ? cells[i] : "") + 1;
		memcpy(text, cells[i] ? cells[i] : "", n);
		r->cells[i] = text;
		text += n;
	}
}

/* Fetch into the stage; rows come back nearest-first for dir < 0. */
static int
stage_fetch(struct pane *p, struct listwin *lw, int64_t anchor, int dir, int limit,
	    struct kith_err *err)
{
	rows_clear(lw, lw->stage, &lw->nstage);
	return lw->fetch(p, anchor, dir, limit, err);
}

static void
ensure_cap(struct listwin *lw, int n)
{
	if (n > lw->cap) {
		lw->cap = n + 64;
		lw->rows = xreallocarray(lw->rows, (size_t)lw->cap, sizeof *lw->rows);
	}
}

/*
** Drop group headers that head nothing: one followed by another header or
** by the end of the window. Fetching from either side may emit the same
** header twice; the next page re-emits a trailing one when its rows come.
*/
static void
normalize(struct listwin *lw)
{
	for (int i = 0; i < lw->nrows; i++) {
		if (!lw->rows[i].group || (i + 1 < lw->nrows && !lw->rows[i + 1].group))
			continue;
		row_free(lw, &lw->rows[i]);
		memmove(lw->rows + i, lw->rows + i + 1, (size_t)(lw->nrows - i - 1) * sizeof *lw->rows);
		lw->nrows--;
		if (lw->sel > i)
			lw->sel--;
		if (lw->top > i)
			lw->top--;
		i--;
	}
}

/* Append the stage (forward order) to the window. */
static void
take_back(struct listwin *lw)
{
	if (!lw->nstage)
		return;
	ensure_cap(lw, lw->nrows + lw->nstage);
	memcpy(lw->rows + lw->nrows, lw->stage, (size_t)lw->nstage * sizeof *lw->rows);
	lw->nrows += lw->nstage;
	lw->nstage = 0;
	normalize(lw);
}

/* Prepend the stage (nearest-first order) to the window. */
static void
take_front(struct listwin *lw)
{
	int n = lw->nstage;

	if (!n)
		return;
	ensure_cap(lw, lw->nrows + n);
	memmove(lw->rows + n, lw->rows, (size_t)lw->nrows * sizeof *lw->rows);
	for (int i = 0; i < n; i++)
		lw->rows[n - 1 - i] = lw->stage[i];
	lw->nrows += n;
	lw->sel += n;
	lw->top += n;
	lw->nstage = 0;
	normalize(lw);
}

/* The id of the first (dir < 0) or last (dir > 0) real row held, 0 if none. */
static int64_t
edge_id(const struct listwin *lw, int dir)
{
	if (dir > 0) {
		for (int i = lw->nrows - 1; i >= 0; i--)
			if (!lw->rows[i].group)
				return lw->rows[i].id;
	} else {
		for (int i = 0; i < lw->nrows; i++)
			if (!lw->rows[i].group)
				return lw->rows[i].id;
	}
	return 0;
}

/* Keep at most LW_PAGES pages, dropping from the end away from the cursor. */
static void
trim(struct listwin *lw)
{
	int keep = lw->height * LW_PAGES, drop;

	if (keep < 64)
		keep = 64;
	if (lw->nrows <= keep)
		return;
	if (lw->sel > lw->nrows / 2) {
		drop = lw->nrows - keep;
		if (drop > lw->top)
			drop = lw->top;
		for (int i = 0; i < drop; i++)
			row_free(lw, &lw->rows[i]);
		memmove(lw->rows, lw->rows + drop, (size_t)(lw->nrows - drop) * sizeof *lw->rows);
		lw->nrows -= drop;
		lw->sel -= drop;
		lw->top -= drop;
		if (drop)
			lw->at_start = false;
	} else {
		drop = lw->nrows - keep;
		if (lw->nrows - drop < lw->top + lw->height)
			drop = lw->nrows - (lw->top + lw->height);
		for (int i = lw->nrows - drop; i < lw->nrows; i++)
			row_free(lw, &lw->rows[i]);
		if (drop > 0) {
			lw->nrows -= drop;
			lw->at_end = false;
		}
	}
}

/* Make the cursor visible. */
static void
scroll_to_sel(struct listwin *lw)
{
	if (lw->sel < 0)
		return;
	if (lw->sel < lw->top)
		lw->top = lw->sel;
	if (lw->sel >= lw->top + lw->height)
		lw->top = lw->sel - lw->height + 1;
	if (lw->top < 0)
		lw->top = 0;
	/* show group headers above the first row */
	if (lw->top > 0 && lw->rows[lw->top - 1].group && lw->sel - lw->top + 1 < lw->height)
		lw->top--;
}

/* Move sel off a group row in direction dir (or the other way at an end). */
static void
skip_groups(struct listwin *lw, int dir)
{
	int i;

	if (lw->sel < 0 || !lw->rows[lw->sel].group)
		return;
	for (i = lw->sel; i >= 0 && i < lw->nrows && lw->rows[i].group; i += dir)
		;
	if (i < 0 || i >= lw->nrows)
		for (i = lw->sel; i >= 0 && i < lw->nrows && lw->rows[i].group; i -= dir)
			;
	lw->sel = (i >= 0 && i < lw->nrows) ? i : -1;
}

/*
** Load more rows past an end of the window: what the move wants, at least
** LW_CHUNK (a j at the edge costs a few steps, not a page). A status.
*/
static int
extend(struct pane *p, struct listwin *lw, int dir, int want, struct kith_err *err)
{
	int limit = want > LW_CHUNK ? want : LW_CHUNK;
	int rc = stage_fetch(p, lw, edge_id(lw, dir), dir, limit, err);
	int got = lw->nstage;

	if (rc != KITH_OK)
		return rc;
	if (dir > 0) {
		take_back(lw);
		if (got < limit)
			lw->at_end = true;
	} else {
		take_front(lw);
		if (got < limit)
			lw->at_start = true;
	}
	return KITH_OK;
}

static int
count_real(const struct listwin *lw, int from, int to)
{
	int n = 0;
	for (int i = from; i < to; i++)
		n += !lw->rows[i].group;
	return n;
}

int
lw_move(struct pane *p, struct listwin *lw, long long n, struct kith_err *err)
{
	int dir = n < 0 ? -1 : 1;
	long long want = n < 0 ? -n : n, left = want;

	if (lw->sel < 0 || n == 0)
		return R_NONE;
	while (left > 0) {
		int next = lw->sel + dir;
		if (next < 0 || next >= lw->nrows) {
			bool at = dir > 0 ? lw->at_end : lw->at_start;
			int before = lw->nrows;
			if (at)
				break;
			if (extend(p, lw, dir, (int)(left < 100000 ? left : 100000), err) != KITH_OK)
				return R_REDRAW;
			if (lw->nrows == before)
				break;
			continue;
		}
		lw->sel = next;
		if (!lw->rows[next].group)
			left--;
	}
	/*
	 * Stopped on a header at an end: step back onto the real row last
	 * counted. (Indexes shift when rows are prepended or trimmed, so the
	 * position moves by the real rows stepped over, not by index.)
	 */
	skip_groups(lw, -dir);
	if (left == want)
		return R_BELL;
	lw->pos += dir * (want - left);
	if (lw->pos < 0)
		lw->pos = 0;
	scroll_to_sel(lw);
	trim(lw);
	scroll_to_sel(lw);
	return R_REDRAW;
}

static void
window_reset(struct listwin *lw)
{
	rows_clear(lw, lw->rows, &lw->nrows);
	lw->sel = -1;
	lw->top = 0;
	lw->pos = 0;
	lw->at_start = lw->at_end = false;
}

int
lw_first(struct pane *p, struct listwin *lw, struct kith_err *err)
{
	int limit = lw->height * 2;
	int rc;

	window_reset(lw);
	if ((rc = stage_fetch(p, lw, 0, 1, limit, err)) != KITH_OK)
		return rc;
	lw->at_start = true;
	lw->at_end = lw->nstage < limit;
	take_back(lw);
	lw->sel = lw->nrows ? 0 : -1;
	skip_groups(lw, 1);
	scroll_to_sel(lw);
	return KITH_OK;
}

int
lw_last(struct pane *p, struct listwin *lw, struct kith_err *err)
{
	int limit = lw->height * 2;
	int rc;

	window_reset(lw);
	if ((rc = stage_fetch(p, lw, 0, -1, limit, err)) != KITH_OK)
		return rc;
	lw->at_end = true;
	lw->at_start = lw->nstage < limit;
	take_front(lw);
	lw->sel = lw->nrows - 1;
	lw->top = 0;
	skip_groups(lw, -1);
	lw->pos = lw->total > 0 ? lw->total - 1 : 0;
	scroll_to_sel(lw);
	return KITH_OK;
}

/* The kept row is gone (deleted, or no longer in the list): stay near its place. */
static int
reload_near(struct pane *p, struct listwin *lw, long long old_pos, struct kith_err *err)
{
	int rc = lw_first(p, lw, err);

	if (rc != KITH_OK)
		return rc;
	if (old_pos > 0 && lw->total > 0)
		lw_move(p, lw, old_pos < lw->total ? old_pos : lw->total - 1, err);
	return KITH_OK;
}

/* The id of the nearest real row after (dir > 0) or before the cursor, 0 if none held. */
static int64_t
neighbour_id(const struct listwin *lw, int dir)
{
	for (int i = lw->sel + dir; lw->sel >= 0 && i >= 0 && i < lw->nrows; i += dir)
		if (!lw->rows[i].group)
			return lw->rows[i].id;
	return 0;
}

/*
** The window around keep_id: the rows before it, then it and what follows,
** one screen in all (the cursor in the middle). KITH_NOTFOUND if keep_id
** is gone or left the list (a follow-up done).
*/
static int
window_around(struct pane *p, struct listwin *lw, int64_t keep_id, long long old_pos,
	      struct kith_err *err)
{
	int rc, h = lw->height, back = h / 2 > 0 ? h / 2 : 1, fwd, n;

	window_reset(lw);
	if ((rc = stage_fetch(p, lw, keep_id, -1, back, err)) != KITH_OK)
		return rc;
	lw->at_start = lw->nstage < back;
	take_front(lw);
	lw->sel = lw->top = 0;
	n = lw->nrows;
	fwd = (h - n > h / 2 ? h - n : h / 2) + 1;
	if ((rc = stage_fetch(p, lw, edge_id(lw, 1), 1, fwd, err)) != KITH_OK)
		return rc;
	lw->at_end = lw->nstage < fwd;
	take_back(lw);
	lw->sel = -1;
	for (int i = n; i < lw->nrows && lw->sel < 0; i++)
		if (lw->rows[i].id == keep_id && !lw->rows[i].group)
			lw->sel = i;
	if (lw->sel < 0)
		return KITH_NOTFOUND;   /* it left the list (a follow-up done) */
	skip_groups(lw, 1);
	lw->pos = old_pos;
	if (lw->pos < count_real(lw, 0, lw->sel > 0 ? lw->sel : 0) && lw->at_start)
		lw->pos = count_real(lw, 0, lw->sel);
	if (lw->total > 0 && lw->pos >= lw->total)
		lw->pos = lw->total - 1;
	lw->top = lw->sel - h / 2 > 0 ? lw->sel - h / 2 : 0;
	scroll_to_sel(lw);
	return KITH_OK;
}

int
lw_reload(struct pane *p, struct listwin *lw, int64_t keep_id, struct kith_err *err)
{
	long long old_pos = lw->pos;
	/* where to stay if the kept row is gone or left the list: a neighbour held */
	int64_t near[2] = { 0, 0 };
	int rc;

	if (keep_id && keep_id == lw_selected_id(lw)) {
		near[0] = neighbour_id(lw, 1);
		near[1] = neighbour_id(lw, -1);
	}
	if (lw->total_known >= 0) {
		/* the caller knows the total did not change (a new sort order) */
		lw->total = lw->total_known;
		lw->total_known = -1;
	} else if ((rc = lw->count(p, &lw->total, err)) != KITH_OK) {
		return rc;
	}
	if (!keep_id)
		return lw_first(p, lw, err);
	rc = window_around(p, lw, keep_id, old_pos, err);
	for (int i = 0; i < 2 && rc == KITH_NOTFOUND && near[i]; i++) {
		kith_err_clear(err);
		rc = window_around(p, lw, near[i], old_pos - i, err);
	}
	if (rc == KITH_NOTFOUND) {
		kith_err_clear(err);
		return reload_near(p, lw, old_pos, err);
	}
	return rc;
}

/*
** The selected row, id, left the list (a follow-up done): take it out of
** the window, the cursor on the row that takes its place (the next, or
** the one before at the end), and fetch only the rows the screen then
** lacks. The caller counted lw->total again. KITH_NOTFOUND if id is not
** the selected row or no row is left to select where the list has more:
** the caller reloads.
*/
int
lw_drop(struct pane *p, struct listwin *lw, int64_t id, struct kith_err *err)
{
	int i = lw->sel, rc;

	if (!id || lw_selected_id(lw) != id)
		return KITH_NOTFOUND;
	row_free(lw, &lw->rows[i]);
	memmove(lw->rows + i, lw->rows + i + 1, (size_t)(lw->nrows - i - 1) * sizeof *lw->rows);
	lw->nrows--;
	/* a header before it that heads nothing now goes (normalize moves sel with it) */
	normalize(lw);
	if (!lw->at_end && lw->nrows - lw->top <= lw->height &&
	    (rc = extend(p, lw, 1, lw->top + lw->height + 1 - lw->nrows, err)) != KITH_OK)
		return rc;
	if (lw->sel >= lw->nrows || count_real(lw, lw->sel, lw->nrows) == 0) {
		/* it was the last: the one before takes its place */
		lw->sel = lw->nrows - 1;
		skip_groups(lw, -1);
		lw->pos--;
	} else {
		skip_groups(lw, 1);
	}
	if (lw->sel < 0 && !(lw->at_start && lw->at_end))
		return KITH_NOTFOUND;
	if (lw->total > 0 && lw->pos >= lw->total)
		lw->pos = lw->total - 1;
	if (lw->pos < 0 || lw->sel < 0)
		lw->pos = 0;
	scroll_to_sel(lw);
	return KITH_OK;
}

int64_t
lw_selected_id(const struct listwin *lw)
{
	if (lw->sel < 0 || lw->sel >= lw->nrows || lw->rows[lw->sel].group)
		return 0;
	return lw->rows[lw->sel].id;
}

void
lw_fill_view(struct listwin *lw, struct view_list *out, const char *empty_text)
{
	int first = lw->top, n = lw->nrows - lw->top;

	if (n > lw->height)
		n = lw->height;
	if (n < 0)
		n = 0;
	free(lw->vrows);
	free(lw->vcells);
	lw->vrows = xcalloc((size_t)(n ? n : 1), sizeof *lw->vrows);
	lw->vcells = xcalloc((size_t)(n ? n : 1) * (size_t)lw->ncols, sizeof *lw->vcells);
	for (int i = 0; i < n; i++) {
		struct lw_row *r = &lw->rows[first + i];
		for (int c = 0; c < lw->ncols; c++)
			lw->vcells[i * lw->ncols + c] = r->cells[c];
		lw->vrows[i].cells = &lw->vcells[i * lw->ncols];
		lw->vrows[i].style = r->style;
		lw->vrows[i].group = r->group;
	}
	out->ncols = lw->ncols;
	out->cols = lw->cols;
	out->nrows = n;
	out->rows = lw->vrows;
	out->selected = lw->sel >= first && lw->sel < first + n ? lw->sel - first : -1;
	out->position = lw->pos;
	out->total = lw->total;
	out->empty_text = empty_text;
}

/*
** The movement commands every list pane shares. Returns true if cmd was
** one of them (reactions in *r).
*/
bool
lw_command(struct pane *p, struct listwin *lw, enum cmd cmd, long count, int *r)
{
	struct kith_err err;
	long long n;

	kith_err_clear(&err);
	switch (cmd) {
	case CMD_MOVE_DOWN:      n = count; break;
	case CMD_MOVE_UP:        n = -count; break;
	case CMD_PAGE_DOWN:      n = (long long)count * lw->height; break;
	case CMD_PAGE_UP:        n = -(long long)count * lw->height; break;
	case CMD_HALF_PAGE_DOWN: n = (long long)count * (lw->height / 2 ? lw->height / 2 : 1); break;
	case CMD_HALF_PAGE_UP:   n = -(long long)count * (lw->height / 2 ? lw->height / 2 : 1); break;
	case CMD_MOVE_FIRST:
		if (lw_first(p, lw, &err) != KITH_OK)
			engine_error(p->e, "%s", err.msg);
		*r |= R_REDRAW;
		return true;
	case CMD_MOVE_LAST:
		if (lw_last(p, lw, &err) != KITH_OK)
			engine_error(p->e, "%s", err.msg);
		*r |= R_REDRAW;
		return true;
	default:
		return false;
	}
	*r |= lw_move(p, lw, n, &err);
	if (err.code != KITH_OK && err.msg[0])
		engine_error(p->e, "%s", err.msg);
	return true;
}

/* ---- marks (t) ------------------------------------------------------------ */

/* Where id is, or would go, in the sorted ids. */
static int
marks_find(const struct marks *m, int64_t id, bool *found)
{
	int lo = 0, hi = m->n;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (m->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < m->n && m->ids[lo] == id;
	return lo;
}

bool
marks_has(const struct marks *m, int64_t id)
{
	bool found;

	marks_find(m, id, &found);
	return found;
}

bool
marks_set(struct marks *m, int64_t id, bool on)
{
	bool found;
	int at = marks_find(m, id, &found);

	if (found == on)
		return false;
	if (!on) {
		memmove(m->ids + at, m->ids + at + 1, (size_t)(m->n - at - 1) * sizeof *m->ids);
		m->n--;
		return true;
	}
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		m->ids = xreallocarray(m->ids, (size_t)m->cap, sizeof *m->ids);
	}
	memmove(m->ids + at + 1, m->ids + at, (size_t)(m->n - at) * sizeof *m->ids);
	m->ids[at] = id;
	m->n++;
	return true;
}

static int
id_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

int
marks_merge(struct marks *m, const int64_t *ids, int n)
{
	int before = m->n, out = 0;

	if (n <= 0)
		return 0;
	if (m->n + n > m->cap) {
		m->cap = m->n + n;
		m->ids = xreallocarray(m->ids, (size_t)m->cap, sizeof *m->ids);
	}
	memcpy(m->ids + m->n, ids, (size_t)n * sizeof *ids);
	m->n += n;
	qsort(m->ids, (size_t)m->n, sizeof *m->ids, id_cmp);
	for (int i = 0; i < m->n; i++)
		if (!out || m->ids[i] != m->ids[out - 1])
			m->ids[out++] = m->ids[i];
	m->n = out;
	return m->n - before;
}

bool
marks_toggle(struct marks *m, int64_t id)
{
	bool on = !marks_has(m, id);

	marks_set(m, id, on);
	return on;
}

void
marks_free(struct marks *m)
{
	free(m->ids);
	memset(m, 0, sizeof *m);
}

void
marks_apply(const struct marks *m, struct listwin *lw, struct view_list *out)
{
	if (!m->n)
		return;
	for (int i = 0; i < out->nrows; i++) {
		const struct lw_row *r = &lw->rows[lw->top + i];
		lw->vrows[i].marked = !r->group && marks_has(m, r->id);
	}
}

int
marks_command(struct pane *p, struct marks *m, struct listwin *lw)
{
	int64_t id = lw_selected_id(lw);
	struct kith_err err;
	bool on;

	if (!id)
		return R_BELL;
	on = marks_toggle(m, id);
	kith_err_clear(&err);
	lw_move(p, lw, 1, &err);
	engine_msg(p->e, "%s · %d marked", on ? "marked" : "unmarked", m->n);
	return R_REDRAW;
}

/*
** Call fn(ud, id) for every row of the whole list (not only the window),
** in list order, paging through the fetch callback. Returns a status.
*/
int
lw_each_id(struct pane *p, struct listwin *lw, void (*fn)(void *ud, int64_t id), void *ud,
	   struct kith_err *err)
{
	enum { PAGE = 512 };
	int64_t anchor = 0;
	int rc = KITH_OK;

	for (;;) {
		int64_t last = 0;
		int got;

		rows_clear(lw, lw->stage, &lw->nstage);
		if ((rc = lw->fetch(p, anchor, 1, PAGE, err)) != KITH_OK)
			break;
		got = lw->nstage;
		for (int i = 0; i < got; i++) {
			if (lw->stage[i].group)
				continue;
			fn(ud, lw->stage[i].id);
			last = lw->stage[i].id;
		}
		if (got < PAGE || !last)
			break;
		anchor = last;
	}
	rows_clear(lw, lw->stage, &lw->nstage);
	return rc;
}
