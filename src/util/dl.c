/*
 * dl.c: a library opened by its soname, its functions found by name (see
 * kith/dl.h).
 */
#include "kith/dl.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

void *
dl_open(const char *soname, const char *needs, const char *lib,
	const struct dl_sym *syms, size_t n, char *failure, size_t size)
{
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);

	if (!h) {
		const char *e = dlerror();
		snprintf(failure, size, "%s, which cannot be opened: %s", needs, e ? e : soname);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		void *sym = dlsym(h, syms[i].name);
		if (!sym) {
			snprintf(failure, size, "%s has no %s (%s too old?)", soname, syms[i].name,
				 lib);
			dlclose(h);
			return NULL;
		}
		memcpy(syms[i].fn, &sym, syms[i].size); /* ISO C: no object-to-function cast */
	}
	return h;
}

bool
dl_lib_open(struct dl_lib *l, const char **why)
{
	if (!l->tried) {
		void *h = dl_open(l->soname, l->needs, l->lib, l->syms, l->n, l->failure,
				  sizeof l->failure);
		l->tried = true;
		l->ok = h && (!l->ready || l->ready(l->failure, sizeof l->failure));
		if (h && !l->ok)
			dlclose(h);
	}
	if (!l->ok && why)
		*why = l->failure;
	return l->ok;
}
