/*
 * display.c: opening and closing the screen, the layout, screen dumps.
 *
 * The real terminal is opened with newterm() (not initscr, which exits on
 * an unknown TERM) so a bad terminal becomes an error message. The
 * headless screen, for golden-screen tests and KITH_NO_DISPLAY, is
 * newterm() writing to /dev/null at a fixed size (tig's TIG_NO_DISPLAY).
 *
 * Layout: row 0 is the title bar, row 1 the tab bar, the last two rows
 * the status bar and the message or input line; the body between them
 * holds one pane, or from UI_WIDE_COLS columns a list beside its detail.
 */
#include "ui_internal.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include "kith/str.h"
#include "kith/utf8.h"

static SCREEN *screen;
static FILE *out_file, *in_file;        /* opened by us (headless) */
static bool atexit_done;

static void
display_atexit(void)
{
	display_close();
}

/*
** A signal that ends kith must not leave the terminal in the alternate
** screen with the cursor hidden. What endwin() would send is worked out
** when the screen opens; the handler only write()s it, puts back the
** terminal modes the shell had (tcsetattr is async-signal-safe) and dies
** of the same signal. No curses call runs in it.
*/
static const int fatal_sigs[] = { SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGALRM, SIGUSR1,
				  SIGUSR2, SIGVTALRM, SIGXCPU };
#define N_FATAL (sizeof fatal_sigs / sizeof fatal_sigs[0])
static char restore_seq[512];
static size_t restore_len;
static struct termios shell_modes;
static bool have_shell_modes;

static void
on_fatal_signal(int sig)
{
	int saved = errno;

	if (restore_len) {
		ssize_t w = write(STDOUT_FILENO, restore_seq, restore_len);
		(void)w;
	}
	if (have_shell_modes)
		tcsetattr(STDIN_FILENO, TCSADRAIN, &shell_modes);
	signal(sig, SIG_DFL);
	raise(sig);
	errno = saved;
}

static void
restore_add(const char *cap)
{
	const char *s = tigetstr((char *)cap);
	size_t n;

	if (!s || s == (const char *)-1)
		return;
	n = strlen(s);
	if (restore_len + n < sizeof restore_seq) {
		memcpy(restore_seq + restore_len, s, n);
		restore_len += n;
	}
}

static void
catch_fatal_signals(void)
{
	struct sigaction sa, old;

	restore_len = 0;
	restore_add("sgr0");
	restore_add("rmkx");
	restore_add("rmcup");
	restore_add("cnorm");   /* after rmcup: leaving the alternate screen may reset it */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fatal_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < N_FATAL; i++) {
		/* a signal the caller ignores (nohup) stays ignored */
		if (sigaction(fatal_sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sigaction(fatal_sigs[i], &sa, NULL);
	}
}

static void
release_fatal_signals(void)
{
	struct sigaction old;

	if (!restore_len)
		return;
	restore_len = 0;
	for (size_t i = 0; i < N_FATAL; i++)
		if (sigaction(fatal_sigs[i], NULL, &old) == 0 && old.sa_handler == on_fatal_signal)
			signal(fatal_sigs[i], SIG_DFL);
}

static void
setup_modes(void)
{
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	leaveok(stdscr, FALSE);
	if (has_colors()) {
		start_color();
		use_default_colors();
	}
	if (!atexit_done) {
		atexit(display_atexit);
		atexit_done = true;
	}
}

bool
display_open(struct kith_err *err)
{
	const char *term = getenv("TERM");

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		kith_err_set(err, KITH_IO, "terminal: cannot start the screen (TERM=%s): "
			     "standard input and output must be a terminal", term ? term : "");
		return false;
	}
	have_shell_modes = tcgetattr(STDIN_FILENO, &shell_modes) == 0;
	if (!term || !*term || !(screen = newterm(NULL, stdout, stdin))) {
		kith_err_set(err, KITH_IO, "terminal: cannot start the screen (TERM=%s)",
			     term ? term : "");
		return false;
	}
	set_term(screen);
	/* A terminal that cannot move the cursor (TERM=dumb, a printing terminal)
	   cannot show a full-screen program: say so instead of drawing garbage. */
	{
		const char *cup = tigetstr("cup");
		if (!cup || cup == (const char *)-1) {
			endwin();
			delscreen(screen);
			screen = NULL;
			kith_err_set(err, KITH_IO, "terminal: cannot start the screen (TERM=%s): the "
				     "terminal cannot move the cursor; kith needs a full-screen terminal "
				     "such as TERM=xterm", term);
			return false;
		}
	}
	setup_modes();
	catch_fatal_signals();
	return true;
}

bool
display_open_headless(int rows, int cols, FILE *in, struct kith_err *err)
{
	static const char *const types[] = { "xterm-256color", "xterm", "vt100", "ansi" };
	size_t i;

	out_file = fopen("/dev/null", "w");
	in_file = in ? NULL : fopen("/dev/null", "r");
	if (!out_file || (!in && !in_file)) {
		display_close();
		kith_err_set(err, KITH_IO, "terminal: cannot open /dev/null");
		return false;
	}
	for (i = 0; i < sizeof(types) / sizeof(types[0]) && !screen; i++)
		screen = newterm(types[i], out_file, in ? in : in_file);
	if (!screen) {
		display_close();
		kith_err_set(err, KITH_IO, "terminal: cannot open a headless screen (no terminfo)");
		return false;
	}
	set_term(screen);
	setup_modes();
	resize_term(rows, cols);
	return true;
}

void
display_close(void)
{
	release_fatal_signals();
	if (screen) {
		endwin();
		delscreen(screen);
		screen = NULL;
	}
	if (out_file)
		fclose(out_file);
	if (in_file)
		fclose(in_file);
	out_file = in_file = NULL;
}

bool
display_is_open(void)
{
	return screen != NULL;
}

void
display_resize(int rows, int cols)
{
	resize_term(rows, cols);
}

static struct rect
rect_make(int y, int x, int h, int w)
{
	struct rect r = { y, x, h > 0 ? h : 0, w > 0 ? w : 0 };
	return r;
}

void
display_layout(const struct view *v, struct layout *lay)
{
	int rows, cols;
	struct rect b;
	bool has_detail;

	getmaxyx(stdscr, rows, cols);
	memset(lay, 0, sizeof(*lay));
	lay->rows = rows;
	lay->cols = cols;
	lay->sep_x = -1;
	lay->too_small = rows < UI_MIN_ROWS || cols < UI_MIN_COLS;
	if (lay->too_small) {
		lay->list_rows = lay->detail_rows = 1;
		return;
	}
	lay->side_by_side = cols >= UI_WIDE_COLS;
	lay->title = rect_make(0, 0, 1, cols);
	lay->tabs = rect_make(1, 0, 1, cols);
	lay->status = rect_make(rows - 2, 0, 1, cols);
	lay->msg = rect_make(rows - 1, 0, 1, cols);
	b = lay->body = rect_make(2, 0, rows - 4, cols);

	if (v->pane == VP_MAP)
		has_detail = v->detail_open || v->detail.nlines > 0;
	else
		has_detail = true;
	if (v->pane == VP_MAP && !v->map.name) {
		/* no map yet: the pane's detail (how to make one) or its empty text */
		lay->list = rect_make(b.y, 0, b.h, cols);
		lay->detail = rect_make(b.y, 1, b.h, cols - 2);
		lay->show_detail = v->detail.nlines > 0 || v->detail.title;
		lay->show_list = !lay->show_detail;
	} else if (lay->side_by_side && has_detail) {
		/* the list (or map) gets a little more than half */
		int lw = v->pane == VP_MAP ? cols * 62 / 100 : cols * 55 / 100;
		lay->list = rect_make(b.y, 0, b.h, lw);
		lay->sep_x = lw;
		lay->detail = rect_make(b.y, lw + 2, b.h, cols - lw - 3);
		lay->show_list = lay->show_detail = true;
		if (v->pane == VP_MAP) {
			/* the grid's closing bar is the separator: a width it fills exactly */
			for (int w = lw; w > lw - 10; w--) {
				if (map_grid_width(&v->map, w) != w)
					continue;
				lay->list.w = w;
				lay->sep_x = w - 1;
				lay->detail = rect_make(b.y, w + 1, b.h, cols - w - 2);
				break;
			}
		}
	} else if (v->detail_open || (v->welcome && v->pane != VP_MAP)) {
		lay->detail = rect_make(b.y, 1, b.h, cols - 2);
		lay->list = rect_make(b.y, 0, b.h, cols);
		lay->show_detail = true;
	} else {
		lay->list = rect_make(b.y, 0, b.h, cols);
		lay->detail = rect_make(b.y, 1, b.h, cols - 2);
		lay->show_list = true;
	}
	lay->list_rows = lay->list.h - 1 > 0 ? lay->list.h - 1 : 1;
	lay->detail_rows = lay->detail.h - 1 > 0 ? lay->detail.h - 1 : 1;
}

char *
display_dump(void)
{
	struct strbuf sb = { 0 }, line = { 0 };
	int rows, cols, y, x;

	getmaxyx(stdscr, rows, cols);
	for (y = 0; y < rows; y++) {
		size_t keep = 0;

		sb_reset(&line);
		for (x = 0; x < cols; x++) {
			cchar_t cc;
			wchar_t wc[CCHARW_MAX + 1];
			attr_t a;
			short pair;
			int i, w;

			if (mvin_wch(y, x, &cc) == ERR || getcchar(&cc, wc, &a, &pair, NULL) == ERR) {
				sb_appendc(&line, ' ');
				continue;
			}
			if (!wc[0])
				wc[0] = L' ', wc[1] = L'\0';
			for (i = 0; wc[i]; i++) {
				char buf[4];
				sb_appendn(&line, buf, utf8_encode((uint32_t)wc[i], buf));
			}
			if (wc[0] != L' ')
				keep = line.len;
			w = wcwidth(wc[0]);
			if (w > 1)
				x += w - 1;     /* the next cell continues this character */
		}
		/* trailing blanks removed */
		sb_appendn(&sb, sb_str(&line), keep);
		sb_appendc(&sb, '\n');
	}
	sb_free(&line);
	return sb_detach(&sb);
}
