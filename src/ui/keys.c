/*
 * keys.c: curses key codes to struct kkey. Text arrives as Unicode code
 * points (wget_wch); Ctrl-X is its control code point (Ctrl-A is 1), as
 * the engine's key names expect. Esc is told apart from the start of an
 * escape sequence by ESCDELAY (set to 25 ms in display.c).
 */
#include "ui_internal.h"

#include <time.h>

static struct kkey
kk(enum kkey_special t)
{
	struct kkey k = { t, 0 };
	return k;
}

struct kkey
keys_translate(int rc, wint_t ch)
{
	struct kkey k = { KK_CHAR, 0 };

	if (rc == KEY_CODE_YES) {
		switch (ch) {
		case KEY_UP: return kk(KK_UP);
		case KEY_DOWN: return kk(KK_DOWN);
		case KEY_LEFT: return kk(KK_LEFT);
		case KEY_RIGHT: return kk(KK_RIGHT);
		case KEY_HOME: case KEY_A1: case KEY_FIND: return kk(KK_HOME);
		case KEY_END: case KEY_C1: case KEY_SELECT: return kk(KK_END);
		case KEY_PPAGE: case KEY_A3: return kk(KK_PGUP);
		case KEY_NPAGE: case KEY_C3: return kk(KK_PGDN);
		case KEY_ENTER: return kk(KK_ENTER);
		case KEY_BACKSPACE: return kk(KK_BACKSPACE);
		case KEY_DC: return kk(KK_DELETE);
		case KEY_IC: return kk(KK_INSERT);
		case KEY_BTAB: return kk(KK_BTAB);
		case KEY_RESIZE: return kk(KK_RESIZE);
		default:
			if (ch >= KEY_F(1) && ch <= KEY_F(12))
				return kk((enum kkey_special)(KK_F1 + (int)(ch - KEY_F(1))));
			return kk(KK_NONE);
		}
	}
	if (rc != OK)
		return kk(KK_NONE);
	switch (ch) {
	case '\r': case '\n': return kk(KK_ENTER);
	case 27: return kk(KK_ESC);
	case '\t': return kk(KK_TAB);
	case 127: case 8: return kk(KK_BACKSPACE);
	default:
		break;
	}
	if (ch > 0x10FFFF || (ch >= 0xD800 && ch <= 0xDFFF))
		return kk(KK_NONE);
	k.cp = (uint32_t)ch;
	return k;
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct kkey
keys_read(int timeout_ms, bool *eof)
{
	static int fast_errors;     /* timeouts that came back at once: input is gone */
	wint_t ch = 0;
	long long start = now_ms();
	int rc;

	*eof = false;
	timeout(timeout_ms);
	rc = get_wch(&ch);
	if (rc == ERR) {
		if (timeout_ms < 0) {
			*eof = true;        /* blocking read failed: input is gone */
		} else if (timeout_ms >= 100 && now_ms() - start < timeout_ms / 4) {
			/* a closed terminal makes every read fail at once: do not spin */
			if (++fast_errors >= 50)
				*eof = true;
		} else {
			fast_errors = 0;
		}
		return kk(KK_TICK);
	}
	fast_errors = 0;
	return keys_translate(rc, ch);
}
