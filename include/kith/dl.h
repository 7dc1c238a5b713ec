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

#endif
