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

DL_LIB(ical_lib, ICAL_LIB_FUNCS, KITH_LIBICAL, "iCalendar needs libical", "libical", ready)

static bool
ready(char *failure, size_t size)
{
	(void)failure;
	(void)size;
	lib.icalerror_set_errors_are_fatal(0);
	atexit(lib.icaltimezone_free_builtin_timezones);
	return true;
}
