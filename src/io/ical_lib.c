/*
 * ical_lib.c: libical opened on first use (see ical_lib.h). The file is
 * the soname the build found (KITH_LIBICAL, from the Makefile), searched
 * as the dynamic linker would have. Opened once and never closed: its
 * built-in time zones are freed at exit.
 */
#include "ical_lib.h"

#include <dlfcn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef KITH_LIBICAL
#define KITH_LIBICAL "libical.so.3"
#endif

static struct ical_lib lib;
static const struct ical_lib *loaded;
static bool tried;
static char failure[256];

/* Find one function; false (and failure says which) if the library lacks it. */
static bool
find(void *h, const char *name, void *fn, size_t size)
{
	void *sym = dlsym(h, name);

	if (!sym) {
		snprintf(failure, sizeof failure, "%s has no %s (libical too old?)", KITH_LIBICAL,
			 name);
		return false;
	}
	memcpy(fn, &sym, size);      /* ISO C has no object-to-function pointer cast */
	return true;
}

const struct ical_lib *
ical_lib(const char **why)
{
	void *h;

	if (!tried) {
		tried = true;
		if (!(h = dlopen(KITH_LIBICAL, RTLD_NOW | RTLD_LOCAL))) {
			const char *e = dlerror();
			snprintf(failure, sizeof failure,
				 "iCalendar needs libical, which cannot be opened: %s",
				 e ? e : KITH_LIBICAL);
		} else if (
#define ICAL_LIB_FIND(f) find(h, #f, &lib.f, sizeof lib.f) &&
			   ICAL_LIB_FUNCS(ICAL_LIB_FIND)
#undef ICAL_LIB_FIND
			   true) {
			lib.icalerror_set_errors_are_fatal(0);
			atexit(lib.icaltimezone_free_builtin_timezones);
			loaded = &lib;
		} else {
			dlclose(h);
		}
	}
	if (!loaded && why)
		*why = failure;
	return loaded;
}
