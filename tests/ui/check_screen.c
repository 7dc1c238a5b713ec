/*
 * check_screen.c: golden screens. The screen layer draws into a headless
 * curses screen (newterm on /dev/null at a fixed size); the screen is
 * dumped as text and compared with tests/ui/golden/<name>.expected.
 * KITH_UPDATE_GOLDEN=1 writes the files instead (read them before
 * accepting: they are what a user sees).
 *
 * Part one draws hand-built views (layout, cutting, the map grid, the
 * overlays); part two renders real engines on in-memory databases: a
 * normal fixture, a Unicode-heavy one and a hostile one whose control
 * characters must never reach the terminal.
 */
#include <locale.h>
#include <stdio.h>

#include "testutil.h"

#include "kith/contact.h"
#include "kith/engine.h"
#include "kith/event.h"
#include "kith/followup.h"
#include "kith/interaction.h"
#include "kith/org.h"
#include "kith/powermap.h"
#include "kith/str.h"
#include "kith/types.h"
#include "../../src/ui/ui_internal.h"

/* ---- helpers -------------------------------------------------------------------- */

static const struct view_theme_entry test_theme[VS_COUNT_] = {
	[VS_TITLE] = { 7, 4, VA_BOLD }, [VS_STATUS] = { -1, -1, VA_REVERSE },
	[VS_ERROR] = { 7, 1, VA_BOLD }, [VS_SELECTED] = { -1, -1, VA_REVERSE },
	[VS_HEADER] = { -1, -1, VA_BOLD | VA_UNDERLINE }, [VS_DIM] = { -1, -1, VA_DIM },
	[VS_TAB_ACTIVE] = { -1, -1, VA_BOLD | VA_REVERSE }, [VS_INPUT] = { -1, -1, VA_UNDERLINE },
};

static void
screen_open(int rows, int cols)
{
	struct kith_err err;

	ck_assert_msg(display_open_headless(rows, cols, NULL, &err), "%s", err.msg);
}

static void
screen_close(void)
{
	display_close();
}

/* The terminal cursor after the last frame drawn (the dump moves it). */
static int cur_y, cur_x, cur_vis;

/* Draw v at rows x cols; returns the dump (caller frees) and the layout. */
static char *
render_view(const struct view *v, int rows, int cols, struct layout *lay_out)
{
	struct layout lay;

	display_resize(rows, cols);
	display_layout(v, &lay);
	ui_draw_view(v, test_theme, &lay, NULL);
	getyx(stdscr, cur_y, cur_x);
	cur_vis = curs_set(1);
	curs_set(cur_vis);
	if (lay_out)
		*lay_out = lay;
	return display_dump();
}

static const char *
golden_dir(void)
{
	const char *src = getenv("KITH_SRC");
	static char buf[4096];

	snprintf(buf, sizeof(buf), "%s/tests/ui/golden", src && *src ? src : ".");
	return buf;
}

static char *
read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = { 0 };
	char buf[4096];
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_appendn(&sb, buf, n);
	fclose(f);
	return sb_detach(&sb);
}

/* Compare text with the golden file `name` (or write it with KITH_UPDATE_GOLDEN=1). */
static void
golden(const char *name, const char *text)
{
	char path[4200], actual[4300];
	const char *upd = getenv("KITH_UPDATE_GOLDEN");
	char *want;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.expected", golden_dir(), name);
	if (upd && !strcmp(upd, "1")) {
		f = fopen(path, "wb");
		ck_assert_msg(f != NULL, "cannot write %s", path);
		fputs(text, f);
		fclose(f);
		return;
	}
	want = read_file(path);
	ck_assert_msg(want != NULL, "missing %s (run with KITH_UPDATE_GOLDEN=1 and review it)", path);
	if (strcmp(want, text) != 0) {
		const char *b = getenv("KITH_BUILD");
		snprintf(actual, sizeof(actual), "%s/%s.actual", b && *b ? b : "/tmp", name);
		if ((f = fopen(actual, "wb"))) {
			fputs(text, f);
			fclose(f);
		}
		ck_abort_msg("screen %s differs from %s; got %s", name, path, actual);
	}
	free(want);
}

/* No byte of a terminal control may be in a dump: C0 (but newline), DEL, C1. */
static void
assert_no_controls(const char *dump)
{
	const unsigned char *p = (const unsigned char *)dump;

	for (; *p; p++) {
		ck_assert_msg(*p == '\n' || (*p >= 0x20 && *p != 0x7f), "control byte 0x%02x in screen", *p);
		ck_assert_msg(!(p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f),
			      "C1 control U+00%02X in screen", p[1] - 0x40);
	}
}

/* Line n (0-based) of a dump, in a static buffer. */
static const char *
dump_line(const char *dump, int n)
{
	static char buf[2048];
	const char *s = dump, *nl;
	size_t len;

	while (n-- > 0 && (nl = strchr(s, '\n')))
		s = nl + 1;
	nl = strchr(s, '\n');
	len = nl ? (size_t)(nl - s) : strlen(s);
	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return buf;
}

/* ---- part one: hand-built views -------------------------------------------------- */

static const struct view_column contact_cols[] = {
	{ "Name", 12, 0, VA_LEFT }, { "Organisation", 10, 24, VA_LEFT },
	{ "Tier", 4, 4, VA_LEFT }, { "Last", 5, 5, VA_RIGHT },
};

static const char *const row_a[] = { "Ana Lima", "City Council", "A", "12d" };
static const char *const row_b[] = { "\xe7\x8e\x8b\xe8\x8a\xb3 (Wang Fang) with a very long name indeed",
				     "\xe4\xb8\xad\xe5\x9b\xbd\xe9\x93\xb6\xe8\xa1\x8c\xe4\xb8\xad\xe5\x9b\xbd\xe9\x93\xb6\xe8\xa1\x8c\xe4\xb8\xad\xe5\x9b\xbd", "B", "3d" };
static const char *const row_c[] = { "Jose\xcc\x81 \xf0\x9f\x8e\x89 Nguy\xe1\xbb\x85n", "\xd8\xa7\xd9\x84\xd8\xa8\xd9\x84\xd8\xaf\xd9\x8a\xd8\xa9", "C", "" };
static const char *const row_d[] = { "Evil\x1b[2J\x1b]0;pwned\x07 Name", "Org\xc2\x85\xc2\x9b" "x", "", "1y" };

static void
hand_view(struct view *v, struct view_row *rows)
{
	static const char *const names[] = { "Contacts", "Events", "Power map", "Follow-ups" };
	int i;

	memset(v, 0, sizeof(*v));
	for (i = 0; i < VP_TABS_; i++)
		v->pane_names[i] = names[i];
	v->pane = VP_CONTACTS;
	v->title = "kith \xe2\x80\x94 Contacts \xe2\x80\x94 test.db \xe2\x80\x94 4 contacts";
	v->mode_name = "NORMAL";
	v->hint = "? help \xc2\xb7 / search \xc2\xb7 a add \xc2\xb7 q quit";
	rows[0].cells = row_a;
	rows[1].cells = row_b;
	rows[2].cells = row_c;
	rows[3].cells = row_d;
	rows[2].marked = true;
	v->list.ncols = 4;
	v->list.cols = contact_cols;
	v->list.nrows = 4;
	v->list.rows = rows;
	v->list.selected = 1;
	v->list.position = 1;
	v->list.total = 4;
}

START_TEST(test_hand_list)
{
	struct view v;
	struct view_row rows[4];
	char *d;

	memset(rows, 0, sizeof(rows));
	hand_view(&v, rows);
	screen_open(24, 80);
	d = render_view(&v, 24, 80, NULL);
	assert_no_controls(d);
	/* the hostile row is drawn visibly */
	ck_assert_ptr_nonnull(strstr(d, "Evil^[[2J^[]0;pwned^G Name"));
	ck_assert_ptr_nonnull(strstr(d, "Org<U+0085><U+009B>x"));
	/* the long CJK name is cut with an ellipsis, never past its column */
	ck_assert_ptr_nonnull(strstr(d, "\xe2\x80\xa6"));
	/* combining accent stays on its base */
	ck_assert_ptr_nonnull(strstr(d, "Jose\xcc\x81 "));
	ck_assert_str_eq(dump_line(d, 1), "  1 Contacts   2 Events   3 Power map   4 Follow-ups");
	golden("hand-list-80x24", d);
	free(d);
	d = render_view(&v, 48, 160, NULL);
	assert_no_controls(d);
	golden("hand-list-160x48", d);
	free(d);
	screen_close();
}
END_TEST

START_TEST(test_too_small)
{
	struct view v;
	struct view_row rows[4];
	struct layout lay;
	char *d;

	memset(rows, 0, sizeof(rows));
	hand_view(&v, rows);
	screen_open(24, 80);
	d = render_view(&v, 10, 40, &lay);
	ck_assert(lay.too_small);
	ck_assert_str_eq(dump_line(d, 5), "    terminal too small (need 60\xc3\x97" "16)");
	free(d);
	/* 50x12: only the message, centred, nothing of the view */
	d = render_view(&v, 12, 50, &lay);
	ck_assert(lay.too_small);
	assert_no_controls(d);
	golden("too-small-50x12", d);
	ck_assert_ptr_null(strstr(d, "Ana Lima"));
	ck_assert_ptr_null(strstr(d, "NORMAL"));
	free(d);
	/* and back: a full frame again */
	d = render_view(&v, 24, 80, &lay);
	ck_assert(!lay.too_small);
	ck_assert_ptr_null(strstr(d, "too small"));
	ck_assert_ptr_nonnull(strstr(d, "Ana Lima"));
	free(d);
	/* 59 columns is too narrow, 60x16 is enough */
	d = render_view(&v, 16, 59, &lay);
	ck_assert(lay.too_small);
	free(d);
	d = render_view(&v, 16, 60, &lay);
	ck_assert(!lay.too_small);
	ck_assert_int_eq(lay.list_rows, 11);
	free(d);
	screen_close();
}
END_TEST

static struct view_map_entry map_entries[9];

static void
hand_map(struct view *v)
{
	static const char *const labels[] = { "Mayor Rivera", "Dana Fox", "Ben Ortiz", "Carla Diaz",
					      "Eli Stone", "Farah Said", "Gus Moreno", "Hana Sato",
					      "\xe7\x8e\x8b\xe8\x8a\xb3" };
	int i;

	for (i = 0; i < 9; i++) {
		map_entries[i].label = labels[i];
		map_entries[i].mark = i == 0 ? '*' : '@';
		map_entries[i].style = i == 0 ? VS_TARGET : VS_NORMAL;
	}
	map_entries[3].selected = true;
	v->pane = VP_MAP;
	v->map.name = "Transit levy";
	v->map.goal = "Pass the levy by June";
	v->map.col_titles[0] = "Opposed";
	v->map.col_titles[1] = "Sceptical";
	v->map.col_titles[2] = "Neutral";
	v->map.col_titles[3] = "Leaning";
	v->map.col_titles[4] = "Champion";
	for (i = 0; i < 5; i++) {
		static const char *const rt[] = { "5", "4", "3", "2", "1" };
		v->map.row_titles[i] = rt[i];
	}
	v->map.cells[0][0].nentries = 1;
	v->map.cells[0][0].entries = &map_entries[0];
	v->map.cells[1][3].nentries = 5;          /* overflows at 80x24 */
	v->map.cells[1][3].entries = &map_entries[1];
	v->map.cells[4][4].nentries = 1;
	v->map.cells[4][4].entries = &map_entries[8];
	v->map.cur_row = 1;
	v->map.cur_col = 3;
	v->map.footer = "opposed 1 \xc2\xb7 neutral 0 \xc2\xb7 allies 6";
	v->title = "kith \xe2\x80\x94 Power map \xe2\x80\x94 test.db \xe2\x80\x94 Transit levy";
}

START_TEST(test_hand_map)
{
	struct view v;
	struct view_row rows[4];
	char *d;

	memset(rows, 0, sizeof(rows));
	hand_view(&v, rows);
	hand_map(&v);
	screen_open(24, 80);
	d = render_view(&v, 24, 80, NULL);
	ck_assert_ptr_nonnull(strstr(d, "+3"));     /* 5 entries, room for 2 + "+3" */
	ck_assert_ptr_nonnull(strstr(d, "\xe2\x96\xb8@ Carla Diaz"));   /* selected kept in view */
	golden("hand-map-80x24", d);
	free(d);
	d = render_view(&v, 48, 160, NULL);
	ck_assert_ptr_null(strstr(d, "+"));         /* all fit on a big screen */
	golden("hand-map-160x48", d);
	free(d);
	screen_close();
}
END_TEST

/* Two vertical bars with at most four blanks between them: a border drawn twice. */
static bool
double_border(const char *d)
{
	static const char bar[] = "\xe2\x94\x82";
	const char *p;

	for (p = strstr(d, bar); p; p = strstr(p + 3, bar)) {
		size_t n = strspn(p + 3, " ");
		if (n <= 4 && strncmp(p + 3 + n, bar, 3) == 0)
			return true;
	}
	return false;
}

/*
 * Issue 17 bug 10: on a wide terminal the map's detail beside the grid drew
 * a second border ("│ │"): the grid's closing bar, a blank, the separator.
 * The grid's right edge is now the separator, at every width.
 */
START_TEST(test_hand_map_detail_wide)
{
	static const struct view_line lines[] = {
		{ VS_NORMAL, 0, "influence 4 \xc2\xb7 passive ally" },
		{ VS_HEADER, 0, "History" },
		{ VS_NORMAL, 2, "2026-01-20 11:00  placed at 4, passive ally" },
	};
	static const int widths[] = { 140, 150, 160, 171, 183, 200, 217, 250 };
	struct view v;
	struct view_row rows[4];
	struct layout lay;
	char *d;

	memset(rows, 0, sizeof(rows));
	hand_view(&v, rows);
	hand_map(&v);
	v.detail_open = true;
	v.detail.title = "Carla Diaz on Transit levy";
	v.detail.nlines = 3;
	v.detail.lines = lines;
	screen_open(50, 200);
	for (size_t i = 0; i < sizeof(widths) / sizeof(widths[0]); i++) {
		d = render_view(&v, 50, widths[i], &lay);
		if (double_border(d))
			fprintf(stderr, "%s", d);
		ck_assert_msg(!double_border(d), "a double border at %d columns", widths[i]);
		ck_assert_ptr_nonnull(strstr(d, "\xe2\x94\x82 Carla Diaz on Transit levy"));
		ck_assert_int_eq(lay.sep_x, lay.list.x + lay.list.w - 1);
		if (widths[i] == 200)
			golden("hand-map-detail-200x50", d);
		free(d);
	}
	screen_close();
}
END_TEST

START_TEST(test_hand_form)
{
	struct view v;
	struct view_row rows[4];
	struct view_field fields[3];
	struct layout lay;
	int y, x;
	char *d;

	memset(rows, 0, sizeof(rows));
	memset(fields, 0, sizeof(fields));
	hand_view(&v, rows);
	fields[0].label = "Name";
	fields[0].value = "Zo\xc3\xab Ng\xc3\xb4";
	fields[1].label = "Influence";
	fields[1].value = "9";
	fields[1].error = "must be 1 to 5";
	fields[2].label = "Notes";
	fields[2].value = "first line\nsecond line";
	fields[2].multiline = true;
	v.mode = VM_FORM;
	v.mode_name = "FORM";
	v.form.title = "Add contact";
	v.form.nfields = 3;
	v.form.fields = fields;
	v.form.focus = 0;
	v.form.cursor = 3;          /* after "Zoë" (ë is two bytes) */
	screen_open(24, 80);
	d = render_view(&v, 24, 80, &lay);
	y = cur_y;
	x = cur_x;
	ck_assert_int_eq(cur_vis, 1);
	ck_assert_ptr_nonnull(strstr(d, "must be 1 to 5"));
	ck_assert_ptr_nonnull(strstr(d, "first line\xe2\x80\xa6"));
	/* the terminal cursor sits after "Zo" in the Name field */
	ck_assert_int_eq(y, 10);
	{
		cchar_t cc;
		wchar_t wc[CCHARW_MAX + 1];
		attr_t a;
		short pair;
		mvin_wch(y, x - 1, &cc);
		getcchar(&cc, wc, &a, &pair, NULL);
		ck_assert_int_eq(wc[0], 0xEB);  /* ë */
		mvin_wch(y, x, &cc);
		getcchar(&cc, wc, &a, &pair, NULL);
		ck_assert_int_eq(wc[0], ' ');
	}
	golden("hand-form-80x24", d);
	free(d);
	screen_close();
}
END_TEST

START_TEST(test_text_cut)
{
	char *d;
	int w;

	screen_open(5, 60);
	erase();
	/* CJK: 2 columns each; cut at 5 columns gives 2 characters and "…" */
	w = draw_text(0, 0, 5, "\xe7\x8e\x8b\xe8\x8a\xb3\xe7\x8e\x8b\xe8\x8a\xb3", A_NORMAL);
	ck_assert_int_eq(w, 5);
	/* fits exactly: no ellipsis */
	w = draw_text(1, 0, 4, "\xe7\x8e\x8b\xe8\x8a\xb3", A_NORMAL);
	ck_assert_int_eq(w, 4);
	/* combining: 4 columns for "e\u0301abc", the mark is no column */
	ck_assert_int_eq(text_width("e\xcc\x81" "abc"), 4);
	w = draw_text(2, 0, 10, "e\xcc\x81" "abc", A_NORMAL);
	ck_assert_int_eq(w, 4);
	/* a control character is drawn as ^[ and counts two columns */
	ck_assert_int_eq(text_width("a\x1b" "b"), 4);
	w = draw_text(3, 0, 3, "a\x1b" "b", A_NORMAL);
	ck_assert_int_eq(w, 2);     /* "a" + "…": the visible form is never split */
	d = display_dump();
	ck_assert_str_eq(dump_line(d, 0), "\xe7\x8e\x8b\xe8\x8a\xb3\xe2\x80\xa6");
	ck_assert_str_eq(dump_line(d, 1), "\xe7\x8e\x8b\xe8\x8a\xb3");
	ck_assert_str_eq(dump_line(d, 2), "e\xcc\x81" "abc");
	ck_assert_str_eq(dump_line(d, 3), "a\xe2\x80\xa6");
	free(d);
	screen_close();
}
END_TEST


/* ---- part two: real engines on in-memory databases ------------------------------ */

static struct kdb *db;
static struct engine *eng;

static int64_t
add_contact(const char *name, char tier, int influence, int alignment, const char *notes)
{
	struct kith_contact c;
	struct kith_err err;
	int64_t id = 0;

	memset(&c, 0, sizeof(c));
	c.display_name = (char *)name;
	c.tier = tier;
	c.influence = influence;
	c.alignment = alignment;
	c.cadence_days = -1;
	c.notes = (char *)notes;
	ck_assert_msg(contact_add(db, &c, &id, &err) == KITH_OK, "%s: %s", name, err.msg);
	return id;
}

static void
add_role(int64_t contact, const char *org, const char *title)
{
	struct kith_role r;
	struct kith_err err;
	int64_t org_id = 0, id;

	ck_assert_msg(org_find(db, org, true, &org_id, &err) == KITH_OK, "%s", err.msg);
	memset(&r, 0, sizeof(r));
	r.contact_id = contact;
	r.org_id = org_id;
	r.title = (char *)title;
	ck_assert_msg(role_add(db, &r, &id, &err) == KITH_OK, "%s", err.msg);
}

static void
add_interaction(int64_t contact, const char *at, const char *summary, const char *body)
{
	struct kith_interaction in;
	struct kith_err err;
	int64_t id;

	memset(&in, 0, sizeof(in));
	in.at = (char *)at;
	in.summary = (char *)summary;
	in.body = (char *)body;
	in.contact_ids = &contact;
	in.n_contacts = 1;
	ck_assert_msg(interaction_add(db, &in, &id, &err) == KITH_OK, "%s", err.msg);
}

static void
add_followup(int64_t contact, const char *title, const char *due)
{
	struct kith_followup f;
	struct kith_err err;
	int64_t id;

	memset(&f, 0, sizeof(f));
	f.contact_id = contact;
	f.title = (char *)title;
	f.due = (char *)due;
	ck_assert_msg(followup_add(db, &f, &id, &err) == KITH_OK, "%s", err.msg);
}

static int64_t
add_event(const char *title, const char *start, const char *location)
{
	struct kith_event ev;
	struct kith_err err;
	int64_t id;

	memset(&ev, 0, sizeof(ev));
	ev.title = (char *)title;
	ev.start_at = (char *)start;
	ev.location = (char *)location;
	ck_assert_msg(event_add(db, &ev, &id, &err) == KITH_OK, "%s", err.msg);
	return id;
}

static void
engine_start(void)
{
	struct kith_err err;

	unsetenv("NO_COLOR");
	ck_assert_msg(engine_new(db, "test.db", &eng, &err) == KITH_OK, "%s", err.msg);
	ui_layout_forget();
}

static void
setup_db(void)
{
	db = test_db_open();
	eng = NULL;
}

static void
teardown_db(void)
{
	if (eng)
		engine_free(eng);
	kdb_close(db);
	eng = NULL;
	db = NULL;
	screen_close();
}

/* The engine's screen at rows x cols. */
static char *
render_engine(int rows, int cols)
{
	struct layout lay;

	display_resize(rows, cols);
	ui_relayout(eng, &lay);
	ui_draw(eng, &lay);
	getyx(stdscr, cur_y, cur_x);
	return display_dump();
}

/* Feed keys as the main loop would (relayout after each batch). */
static void
keys(const char *k)
{
	struct layout lay;
	int r = engine_keys(eng, k);

	ck_assert_msg(!(r & R_QUIT), "keys %s quit", k);
	ui_relayout(eng, &lay);
}

/* Render at a size, check for controls, compare with the golden file. */
static void
shot(const char *name, int rows, int cols)
{
	char *d = render_engine(rows, cols);

	assert_no_controls(d);
	golden(name, d);
	free(d);
}

/* A power map with a target, a crowded cell and the other bands. */
static void
add_map(int64_t dana, int64_t ana, int64_t ben, int64_t carla, int64_t eli)
{
	struct kith_map m;
	struct kith_err err;
	int64_t map_id, org_id, extra[4];
	static const char *const names[] = { "Gus Moreno", "Hana Sato", "Ivan Petrov", "Jill Park" };
	int i;

	memset(&m, 0, sizeof(m));
	m.name = (char *)"Transit levy";
	m.goal = (char *)"Pass the levy by June";
	m.primary_target_id = dana;
	ck_assert_msg(map_add(db, &m, &map_id, &err) == KITH_OK, "%s", err.msg);
	ck_assert(placement_set(db, map_id, dana, 0, 5, 1, NULL, NULL, &err) == KITH_OK);
	ck_assert(placement_set(db, map_id, ana, 0, 4, 2, NULL, NULL, &err) == KITH_OK);
	ck_assert(placement_set(db, map_id, ben, 0, 3, -2, NULL, NULL, &err) == KITH_OK);
	ck_assert(placement_set(db, map_id, carla, 0, 2, 0, NULL, NULL, &err) == KITH_OK);
	ck_assert(placement_set(db, map_id, eli, 0, 4, 2, NULL, NULL, &err) == KITH_OK);
	for (i = 0; i < 4; i++) {
		extra[i] = add_contact(names[i], 'C', 4, 2, NULL);
		ck_assert(placement_set(db, map_id, extra[i], 0, 4, 2, NULL, NULL, &err) == KITH_OK);
	}
	ck_assert_msg(org_find(db, "Chamber of Commerce", true, &org_id, &err) == KITH_OK, "%s",
		      err.msg);
	ck_assert(placement_set(db, map_id, 0, org_id, 4, -1, NULL, NULL, &err) == KITH_OK);
}

static void
fixture_normal(void)
{
	int64_t ana, ben, carla, dana, eli, ev;

	ana = add_contact("Ana Lima", 'A', 4, 1, "Chairs the transit committee.\nPrefers mornings.");
	ben = add_contact("Ben Ortiz", 'B', 3, -1, NULL);
	carla = add_contact("Carla Diaz", 'C', 2, 0, NULL);
	dana = add_contact("Dana Fox", 'A', 5, 2, NULL);
	eli = add_contact("Eli Stone", 0, 0, 0, NULL);
	add_role(ana, "City Council", "Council member");
	add_role(ben, "Transit Authority", "Director of planning");
	add_role(dana, "Mayor's Office", "Chief of staff");
	add_interaction(ana, "2026-02-26 09:30", "Coffee about the levy", "She will raise it in committee.");
	add_interaction(ana, "2026-01-15 12:00", "Lunch at the market", NULL);
	add_interaction(ben, "2026-03-01 15:00", "Call about bus lanes", NULL);
	add_followup(ana, "Send the levy brief", "2026-03-05");
	add_followup(ben, "Ask for the ridership data", "2026-03-10");
	add_followup(carla, "Invite to the hearing", "2026-03-12");
	add_followup(eli, "Catch up", "2026-04-20");
	ev = add_event("Budget hearing", "2026-03-17 18:00", "City Hall, room 2");
	(void)ev;
	add_event("Neighbourhood meeting", "2026-02-20 19:00", "Library");
	add_map(dana, ana, ben, carla, eli);
}

static void
fixture_unicode(void)
{
	int64_t wang, zoe, jose, nguyen, omar, party;

	wang = add_contact("\xe7\x8e\x8b\xe8\x8a\xb3", 'A', 5, 1,
			   "\xe5\x96\x9c\xe6\xac\xa2\xe5\x96\x9d\xe8\x8c\xb6\xe3\x80\x82");
	zoe = add_contact("Zo\xc3\xab Ng\xc3\xb4", 'B', 3, 2, NULL);
	jose = add_contact("Jose\xcc\x81 Marti\xcc\x81nez", 'C', 2, 0, NULL);
	nguyen = add_contact("Nguy\xe1\xbb\x85n V\xc4\x83n An", 'B', 4, -1, NULL);
	omar = add_contact("\xd8\xb9\xd9\x85\xd8\xb1 \xd8\xa7\xd9\x84\xd9\x81\xd8\xa7\xd8\xb1\xd9\x88\xd9\x82",
			   'A', 4, 1, "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 (hello) \xd8\xb5\xd8\xaf\xd9\x8a\xd9\x82");
	party = add_contact("Party \xf0\x9f\x8e\x89 Planner", 'D', 1, 0, NULL);
	add_role(wang, "\xe4\xb8\xad\xe5\x9b\xbd\xe9\x93\xb6\xe8\xa1\x8c\xe4\xb8\x8a\xe6\xb5\xb7\xe5\x88\x86\xe8\xa1\x8c",
		 "\xe8\xa1\x8c\xe9\x95\xbf");
	add_role(zoe, "Planning Commission", "Commissioner");
	add_role(omar, "\xd8\xa7\xd9\x84\xd8\xa8\xd9\x84\xd8\xaf\xd9\x8a\xd8\xa9", "Adviser");
	add_interaction(wang, "2026-03-02 10:00", "\xe8\x8c\xb6\xe8\xaf\x9d \xf0\x9f\x8d\xb5 tea", NULL);
	add_interaction(party, "2026-03-08 20:00", "\xf0\x9f\x8e\x89\xf0\x9f\x8e\x89\xf0\x9f\x8e\x89 launch party", NULL);
	add_followup(zoe, "R\xc3\xa9sum\xc3\xa9 for the caf\xc3\xa9 project", "2026-03-09");
	(void)jose;
	(void)nguyen;
}

static void
fixture_hostile(void)
{
	int64_t a, b, c;

	a = add_contact("Evil\x1b[2J Clear", 'A', 3, 0, "note \x1b[31mred\x1b[0m and a bell\x07 here");
	b = add_contact("\x1b]0;pwned\x07Title Setter", 'B', 2, 1, NULL);
	c = add_contact("C1 \xc2\x85\xc2\x9b" "31m Nasty", 'C', 1, -1, "bidi \xe2\x80\xae reversed");
	add_role(a, "Org\x1b[1mBold", "Role\x07");
	add_interaction(a, "2026-03-01 10:00", "summary \x1b[2J\x1b[H wiped?", "body\x1b]0;pwned\x07");
	add_followup(b, "Follow \x1b[5m blink", "2026-03-11");
	(void)c;
}

START_TEST(test_engine_welcome)
{
	engine_start();
	screen_open(24, 80);
	shot("welcome-80x24", 24, 80);
	shot("welcome-160x48", 48, 160);
}
END_TEST

START_TEST(test_engine_normal)
{
	fixture_normal();
	engine_start();
	screen_open(24, 80);
	shot("normal-contacts-80x24", 24, 80);
	shot("normal-contacts-160x48", 48, 160);
	keys("<Enter>");
	shot("normal-detail-80x24", 24, 80);
	keys("<Esc>2");
	shot("normal-events-80x24", 24, 80);
	shot("normal-events-160x48", 48, 160);
	keys("3");
	shot("normal-map-80x24", 24, 80);
	shot("normal-map-160x48", 48, 160);
	keys("4");
	shot("normal-followups-80x24", 24, 80);
	shot("normal-followups-160x48", 48, 160);
	keys("1?");
	shot("normal-help-80x24", 24, 80);
	keys("<Esc>/an");
	shot("normal-search-80x24", 24, 80);
	keys("<Esc>a");
	shot("normal-form-80x24", 24, 80);
	ck_assert_int_ge(cur_y, 0);
}
END_TEST

START_TEST(test_engine_unicode)
{
	fixture_unicode();
	engine_start();
	screen_open(24, 80);
	shot("unicode-contacts-80x24", 24, 80);
	shot("unicode-contacts-160x48", 48, 160);
	/* 王芳: sorted as "wang fang", two rows above the last (Zoë, عمر) */
	keys("Gkk<Enter>");
	shot("unicode-detail-80x24", 24, 80);
	shot("unicode-detail-160x48", 48, 160);
}
END_TEST

START_TEST(test_engine_hostile)
{
	char *d;

	fixture_hostile();
	engine_start();
	screen_open(24, 80);
	shot("hostile-contacts-80x24", 24, 80);
	shot("hostile-contacts-160x48", 48, 160);
	d = render_engine(24, 80);
	ck_assert_ptr_nonnull(strstr(d, "^[[2J"));
	free(d);
	keys("G<Enter>");
	shot("hostile-detail-80x24", 24, 80);
	keys("<Esc>4");
	shot("hostile-followups-80x24", 24, 80);
}
END_TEST

/* The confirmation and the pick list over the panes. */
START_TEST(test_engine_overlays)
{
	char *d;

	fixture_normal();
	engine_start();
	screen_open(24, 80);
	keys("D");
	d = render_engine(24, 80);
	ck_assert_ptr_nonnull(strstr(d, "Ana Lima"));
	ck_assert_ptr_nonnull(strstr(d, "(y/n)"));
	free(d);
	shot("normal-confirm-80x24", 24, 80);
	keys("n2A");
	shot("normal-pick-80x24", 24, 80);
	ck_assert_int_ge(cur_y, 0);
	keys("<Esc>");
	d = render_engine(24, 80);
	ck_assert_ptr_null(strstr(d, "(y/n)"));
	free(d);
}
END_TEST

/* The Events pane's prep card and the debrief form (issue 7). */
START_TEST(test_engine_events)
{
	struct kith_err err;
	int64_t ana, ben, carla, hearing, past;

	fixture_normal();
	ck_assert_int_eq(contact_resolve(db, "Ana Lima", &ana, &err), KITH_OK);
	ck_assert_int_eq(contact_resolve(db, "Ben Ortiz", &ben, &err), KITH_OK);
	ck_assert_int_eq(contact_resolve(db, "Carla Diaz", &carla, &err), KITH_OK);
	ck_assert_int_eq(event_resolve(db, "Budget hearing", &hearing, &err), KITH_OK);
	ck_assert_int_eq(event_resolve(db, "Neighbourhood meeting", &past, &err), KITH_OK);
	ck_assert(attendance_set(db, hearing, ana, KITH_AROLE_SPEAKER, KITH_ASTATUS_CONFIRMED,
				 &err) == KITH_OK);
	ck_assert(attendance_set(db, hearing, ben, KITH_AROLE_ATTENDEE, KITH_ASTATUS_INVITED,
				 &err) == KITH_OK);
	ck_assert(attendance_set(db, past, ana, KITH_AROLE_ATTENDEE, KITH_ASTATUS_CONFIRMED,
				 &err) == KITH_OK);
	ck_assert(attendance_set(db, past, carla, KITH_AROLE_ATTENDEE, KITH_ASTATUS_INVITED,
				 &err) == KITH_OK);
	engine_start();
	screen_open(24, 80);
	keys("2<Enter>");
	shot("events-prep-80x24", 24, 80);
	keys("<Esc>");
	shot("events-prep-160x48", 48, 160);
	keys("zpb");
	shot("events-debrief-80x24", 24, 80);
}
END_TEST

START_TEST(test_engine_resize)
{
	static const int sizes[][2] = { { 60, 200 }, { 10, 40 }, { 16, 60 }, { 24, 80 }, { 48, 160 },
					{ 24, 80 } };
	char *first, *d;
	size_t i;

	fixture_normal();
	engine_start();
	screen_open(24, 80);
	first = render_engine(24, 80);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		d = render_engine(sizes[i][0], sizes[i][1]);
		if (sizes[i][1] < 60)
			ck_assert_ptr_nonnull(strstr(d, "terminal too small"));
		else
			ck_assert_ptr_nonnull(strstr(d, "Ana Lima"));
		free(d);
	}
	/* back at 80x24 the screen is exactly as before */
	ck_assert_str_eq(d = render_engine(24, 80), first);
	free(d);
	free(first);
}
END_TEST

/*
 * The power map with Unicode names (wide, combining, right-to-left, emoji),
 * a cell crowded past the room of both sizes, an organisation, targets,
 * the :moved marks, and the warm paths list (issue 6).
 */
static void
at_day(const char *day)
{
	setenv("KITH_TODAY", day, 1);
	kdate_init_clock(NULL);
}

START_TEST(test_engine_unicode_map)
{
	static const char *const more[] = { "Kim Lee", "Lars \xc3\x98stergaard", "Mei \xe6\x9e\x97",
					    "Nia Jones", "\xc3\x93scar Le\xc3\xb3n", "Pia Ruiz",
					    "Quinn Doe" };
	struct kith_map m = { 0 };
	struct kith_relationship r = { 0 };
	struct kith_err err;
	int64_t map_id, org_id, ids[6], x;

	fixture_unicode();
	for (int i = 0; i < 6; i++)
		ids[i] = i + 1;         /* fixture_unicode's contacts, in order */
	m.name = (char *)"Bond \xe2\x80\x94 2027";
	m.goal = (char *)"Pass the school bond";
	m.primary_target_id = ids[0];
	ck_assert_msg(map_add(db, &m, &map_id, &err) == KITH_OK, "%s", err.msg);
	ck_assert(map_target_add(db, map_id, ids[3], &err) == KITH_OK);
	at_day("2026-01-05");
	ck_assert(placement_set(db, map_id, ids[0], 0, 5, 0, NULL, NULL, &err) == KITH_OK);
	ck_assert(placement_set(db, map_id, ids[3], 0, 4, -1, NULL, NULL, &err) == KITH_OK);
	ck_assert(placement_set(db, map_id, ids[4], 0, 3, 0, NULL, NULL, &err) == KITH_OK);
	/* the crowded cell: influence 4, passive ally */
	for (int i = 0; i < 7; i++) {
		x = add_contact(more[i], 'C', 4, 1, NULL);
		ck_assert(placement_set(db, map_id, x, 0, 4, 1, NULL, NULL, &err) == KITH_OK);
	}
	ck_assert(placement_set(db, map_id, ids[1], 0, 4, 1, NULL, NULL, &err) == KITH_OK);
	ck_assert(placement_set(db, map_id, ids[2], 0, 4, 1, NULL, NULL, &err) == KITH_OK);
	ck_assert(placement_set(db, map_id, ids[5], 0, 4, 1, NULL, NULL, &err) == KITH_OK);
	ck_assert(org_find(db, "Conseil r\xc3\xa9gional", true, &org_id, &err) == KITH_OK);
	ck_assert(placement_set(db, map_id, 0, org_id, 2, -2, NULL, NULL, &err) == KITH_OK);
	at_day("2026-03-01");
	/* moves this month: toward ally, toward opposition, more influence */
	ck_assert(placement_set(db, map_id, ids[0], 0, 5, 1, NULL, "came round", &err) == KITH_OK);
	ck_assert(placement_set(db, map_id, ids[3], 0, 4, -2, NULL, "hardened", &err) == KITH_OK);
	ck_assert(placement_set(db, map_id, ids[4], 0, 4, 0, NULL, "new chair", &err) == KITH_OK);
	test_fix_clock();
	/* me = Zoë; Zoë mentors Omar, Omar is an ally of Wang */
	ck_assert(kdb_set_me(db, ids[1], &err) == KITH_OK);
	r.a_id = ids[1];
	r.b_id = ids[4];
	r.type = KITH_REL_MENTOR;
	r.strength = 3;
	ck_assert(relationship_add(db, &r, NULL, &err) == KITH_OK);
	r.a_id = ids[4];
	r.b_id = ids[0];
	r.type = KITH_REL_ALLY;
	r.strength = 2;
	ck_assert(relationship_add(db, &r, NULL, &err) == KITH_OK);

	engine_start();
	screen_open(24, 80);
	keys("3");
	shot("unicode-map-80x24", 24, 80);
	shot("unicode-map-160x48", 48, 160);
	keys(":moved 30d<Enter>");
	shot("unicode-map-moved-80x24", 24, 80);
	/* the primary target (influence 5, now passive ally): w */
	keys("kkl");
	keys("w");
	shot("unicode-warm-80x24", 24, 80);
}
END_TEST

static Suite *
screen_suite(void)
{
	Suite *s = suite_create("screen");
	TCase *tc = tcase_create("hand");

	tcase_add_test(tc, test_text_cut);
	tcase_add_test(tc, test_hand_list);
	tcase_add_test(tc, test_too_small);
	tcase_add_test(tc, test_hand_map);
	tcase_add_test(tc, test_hand_map_detail_wide);
	tcase_add_test(tc, test_hand_form);
	suite_add_tcase(s, tc);
	tc = tcase_create("engine");
	tcase_add_checked_fixture(tc, setup_db, teardown_db);
	tcase_add_test(tc, test_engine_welcome);
	tcase_add_test(tc, test_engine_normal);
	tcase_add_test(tc, test_engine_unicode);
	tcase_add_test(tc, test_engine_hostile);
	tcase_add_test(tc, test_engine_resize);
	tcase_add_test(tc, test_engine_overlays);
	tcase_add_test(tc, test_engine_unicode_map);
	tcase_add_test(tc, test_engine_events);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "en_US.UTF-8"))
		fprintf(stderr, "check_screen: no UTF-8 locale\n");
	test_fix_clock();
	return test_run_suite(screen_suite()) ? EXIT_FAILURE : EXIT_SUCCESS;
}
