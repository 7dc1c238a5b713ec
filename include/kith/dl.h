/*
 * dl.h: a library opened by its soname when first needed, not linked
 * (libical for iCalendar, libsodium for team mode), its functions found
 * by name.
 */
#ifndef KITH_DL_H
#define KITH_DL_H

#include <stdbool.h>
#include <stddef.h>

/* One function to find: its name, where its pointer goes and that pointer's size. */
struct dl_sym {
	const char *name;
	void *fn;
	size_t size;
};

/*
** Open soname and find every function of syms[0..n). Returns the handle,
** or NULL with failure saying why: "NEEDS, which cannot be opened: ..."
** or "SONAME has no FUNCTION (LIB too old?)" (needs: "team mode needs
** libsodium"; lib: "libsodium").
*/
void *dl_open(const char *soname, const char *needs, const char *lib,
	      const struct dl_sym *syms, size_t n, char *failure, size_t size);

/* A library opened once, on first use, and never closed (dl_lib_open). */
struct dl_lib {
	const char *soname, *needs, *lib;   /* as for dl_open */
	const struct dl_sym *syms;
	size_t n;
	/* Once the functions are found: false (failure said why) if it cannot be used. */
	bool (*ready)(char *failure, size_t size);
	/* the first try's outcome */
	bool tried, ok;
	char failure[256];
};

/* Open l the first time (dl_open, then ready); true if it is usable, else *why says why. */
bool dl_lib_open(struct dl_lib *l, const char **why);

/*
** A library's functions, from FUNCS(X), an X-macro that names each:
** struct NAME { DL_LIB_MEMBERS(FUNCS) }; holds a pointer of each one's type.
*/
#define DL_LIB_MEMBER(f) __typeof__(f) *f;
#define DL_LIB_MEMBERS(funcs) funcs(DL_LIB_MEMBER)

/*
** In the library's one .c file, DL_LIB(NAME, FUNCS, soname, needs, lib, ready)
** (no semicolon after it) defines `static struct NAME lib`, filled from the
** library found by soname, and `const struct NAME *NAME(const char **why)`:
** opens it on the first call (dl_lib_open: needs and lib as for dl_open) and
** returns &lib, or NULL with *why saying why. It declares ready (as for
** struct dl_lib), which the file defines after it, using lib.
*/
#define DL_LIB_SYM(f) { #f, &lib.f, sizeof lib.f },
#define DL_LIB(name, funcs, soname, needs, libname, ready)                                  \
	static struct name lib;                                                              \
	static bool ready(char *failure, size_t size);                                       \
	static const struct dl_sym lib_syms[] = { funcs(DL_LIB_SYM) };                       \
	static struct dl_lib lib_dl = { soname, needs, libname, lib_syms,                    \
					sizeof lib_syms / sizeof lib_syms[0], ready, false, false, "" }; \
	const struct name *                                                                  \
	name(const char **why)                                                               \
	{                                                                                    \
		return dl_lib_open(&lib_dl, why) ? &lib : NULL;                              \
	}

#endif
