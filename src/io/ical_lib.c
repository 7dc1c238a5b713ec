/*
 * ical_lib.c: libical opened on first use (see ical_lib.h). The file is
 * the soname the build found (KITH_LIBICAL, from the Makefile), searched
 * as the dynamic linker would have. Opened once and never closed: its
 * built-in time zones are freed at exit.
 */
#include "ical_lib.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/dl.h"

#ifndef KITH_LIBICAL
#define KITH_LIBICAL "libical.so.3"
#endif

static struct ical_lib lib;
static const struct ical_lib *loaded;
static bool tried;
static char failure[256];

#define ICAL_LIB_SYM(f) { #f, &lib.f, sizeof lib.f },
static const struct dl_sym syms[] = { ICAL_LIB_FUNCS(ICAL_LIB_SYM) };
#undef ICAL_LIB_SYM

const struct ical_lib *
ical_lib(const char **why)
{
	if (!tried) {
		tried = true;
		if (dl_open(KITH_LIBICAL, "iCalendar needs libical", "libical", syms,
			    sizeof syms / sizeof syms[0], failure, sizeof failure)) {
			lib.icalerror_set_errors_are_fatal(0);
			atexit(lib.icaltimezone_free_builtin_timezones);
			loaded = &lib;
		}
	}
	if (!loaded && why)
		*why = failure;
	return loaded;
}
