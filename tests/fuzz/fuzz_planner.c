/*
 * fuzz_planner: the planner driven by arbitrary keys, drawn on a headless
 * curses screen of arbitrary size. Each input runs on a fresh in-memory
 * copy of the demo network: the first two bytes choose the screen size
 * (1..64 rows, 1..200 columns), every later byte is a key (printable
 * ASCII as itself, the rest mapped to Enter, Esc, Tab, arrows, Ctrl keys,
 * a resize, or the idle tick). An editor request gets a short note back.
 * Properties: nothing crashes, and the engine and the screen agree on
 * the layout after every key (ui_relayout, as the real loop does).
 * Long key sequences matter (a form filled, then undone), so libFuzzer
 * may try them from the start:
 * fuzz-flags: -len_control=0 -max_len=512
 */
#include "fuzz.h"

#include <locale.h>

#include "kith/date.h"
#include "kith/db.h"
#include "kith/engine.h"
#include "ui/ui_internal.h"
#include "db/internal.h"        /* the sqlite3 handle, to copy the template fast */

extern const char kith_demo_sql[];
static struct kdb *tmpl;        /* the demo network, loaded once */

static const enum kkey_special specials[] = {
	KK_ENTER, KK_ESC, KK_TAB, KK_BTAB, KK_UP, KK_DOWN, KK_LEFT, KK_RIGHT, KK_HOME,
	KK_END, KK_PGUP, KK_PGDN, KK_BACKSPACE, KK_DELETE, KK_INSERT, KK_F1, KK_TICK,
};
#define NSPECIALS ((int)(sizeof(specials) / sizeof(specials[0])))

static int rows, cols;

static struct kkey
key_of(uint8_t b)
{
	struct kkey k = { KK_CHAR, 0 };

	if (b >= 0x20 && b < 0x7f) {
		k.cp = b;
	} else if (b < 0x20) {
		k.cp = b;                       /* a Ctrl key */
		if (b == 0x1b)
			k.type = KK_ESC;
	} else if (b >= 0x80 && b < 0x80 + NSPECIALS) {
		k.type = specials[b - 0x80];
	} else if (b >= 0xc0 && b < 0xe0) {
		k.type = KK_RESIZE;             /* a new size from the byte */
		rows = 1 + (b & 0x7) * 5;
		cols = 1 + ((b >> 3) & 0x3) * 40;
	} else {
		k.cp = 0xe9 + (b & 0xf);        /* a few non-ASCII letters */
	}
	return k;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool init;
	struct kith_err err;
	struct kdb *db = NULL;
	struct engine *e = NULL;
	struct layout lay;
	size_t i;

	if (!init) {
		setenv("KITH_TODAY", "2026-03-10", 1);
		setenv("HOME", "/nonexistent-kith-fuzz", 1);
		setenv("VISUAL", "false", 1);
		kdate_init_clock(NULL);
		if (!setlocale(LC_ALL, "C.UTF-8"))
			setlocale(LC_ALL, "");
		if (!display_open_headless(24, 80, NULL, &err))
			abort();
		if (kdb_open(":memory:", KDB_CREATE, &tmpl, &err) != KITH_OK ||
		    kdb_exec_script(tmpl, kith_demo_sql, &err) != KITH_OK)
			abort();
		init = true;
	}
	if (size < 2 || size > 4096)
		return -1;
	rows = 1 + data[0] % 64;
	cols = 1 + data[1] % 200;
	if (kdb_open(":memory:", KDB_CREATE | KDB_NO_MIGRATE, &db, &err) != KITH_OK)
		abort();
	{
		sqlite3_backup *b = sqlite3_backup_init(db->h, "main", tmpl->h, "main");
		if (!b || sqlite3_backup_step(b, -1) != SQLITE_DONE)
			abort();
		sqlite3_backup_finish(b);
	}
	if (engine_new(db, "fuzz.db", &e, &err) != KITH_OK)
		abort();
	ui_layout_forget();
	display_resize(rows, cols);
	ui_relayout(e, &lay);
	ui_draw(e, &lay);
	for (i = 2; i < size; i++) {
		struct kkey k = key_of(data[i]);
		int r;

		if (k.type == KK_RESIZE)
			display_resize(rows, cols);
		r = engine_key(e, k);
		if (r & R_QUIT)
			break;
		if (r & R_EDITOR) {
			FILE *f = fopen(engine_editor_file(e), "w");
			if (f) {
				fputs("a note from the fuzzer\n\033]0;x\007 second line\n", f);
				fclose(f);
			}
			engine_editor_done(e, f != NULL && (data[i] & 1));
		}
		engine_poll(e);
		ui_relayout(e, &lay);
		ui_draw(e, &lay);
	}
	engine_free(e);
	kdb_close(db);
	return 0;
}
